//! Scrubs one corpus in a loop for profiling: `profile <clean|typical|dense|document> [seconds]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("clean");
    let secs: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let text = match which {
        "clean" => scrubjay_benches::join(&scrubjay_benches::clean_logs(10_000)),
        "typical" => scrubjay_benches::join(&scrubjay_benches::typical_logs(10_000)),
        "dense" => scrubjay_benches::join(&scrubjay_benches::dense_logs(10_000)),
        _ => scrubjay_benches::document(4, 1 << 20),
    };
    let s = scrubjay::Scrubber::default();
    let t = std::time::Instant::now();
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < secs {
        std::hint::black_box(s.scrub(&text));
        n += text.len();
    }
    eprintln!("{which}: {:.0} MB/s", n as f64 / t.elapsed().as_secs_f64() / 1e6);
}
