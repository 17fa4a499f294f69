//! Profiles one config on one corpus: `profile_cfg <clean|typical|dense> '<config json>' [seconds]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = match args[1].as_str() {
        "typical" => scrubjay_benches::join(&scrubjay_benches::typical_logs(10_000)),
        "dense" => scrubjay_benches::join(&scrubjay_benches::dense_logs(10_000)),
        _ => scrubjay_benches::join(&scrubjay_benches::clean_logs(10_000)),
    };
    let s = scrubjay::Scrubber::from_json(&args[2]).unwrap();
    let secs: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let t = std::time::Instant::now();
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < secs {
        std::hint::black_box(s.scrub(&text));
        n += text.len();
    }
    eprintln!("{:.0} MB/s", n as f64 / t.elapsed().as_secs_f64() / 1e6);
}
