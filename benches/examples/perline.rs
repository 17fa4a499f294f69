//! Scrubs clean 150-byte lines one call each, for profiling per-call costs.
fn main() {
    let lines = scrubjay_benches::clean_logs(10_000);
    let s = scrubjay::Scrubber::default();
    let t = std::time::Instant::now();
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < 4.0 {
        for l in &lines {
            std::hint::black_box(s.scrub(l));
            n += l.len();
        }
    }
    eprintln!("{:.0} MB/s", n as f64 / t.elapsed().as_secs_f64() / 1e6);
}
