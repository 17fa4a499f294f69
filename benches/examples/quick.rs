//! Quick throughput check (not a criterion bench): MB/s of engine and reference.
use std::time::Instant;
fn mbps<F: FnMut()>(bytes: usize, mut f: F) -> f64 {
    f();
    let t = Instant::now();
    let mut iters = 0;
    while t.elapsed().as_secs_f64() < 1.0 {
        f();
        iters += 1;
    }
    (bytes * iters) as f64 / t.elapsed().as_secs_f64() / 1e6
}
fn main() {
    let s = scrubjay::Scrubber::default();
    let r = scrubjay::reference::Reference::new(&s);
    let t = Instant::now();
    let _ = scrubjay::Scrubber::default();
    println!("build: {:?}", t.elapsed());
    let only_ref = std::env::args().any(|a| a == "--ref");
    for (name, lines) in [
        ("clean", scrubjay_benches::clean_logs(10_000)),
        ("typical", scrubjay_benches::typical_logs(10_000)),
        ("dense", scrubjay_benches::dense_logs(10_000)),
    ] {
        let text = scrubjay_benches::join(&lines);
        let e = mbps(text.len(), || {
            std::hint::black_box(s.scrub(&text));
        });
        let per = mbps(text.len(), || {
            for l in &lines {
                std::hint::black_box(s.scrub(l));
            }
        });
        let rf = if only_ref || name != "dense" {
            mbps(text.len(), || {
                std::hint::black_box(r.scrub(text.as_bytes()));
            })
        } else {
            0.0
        };
        println!("{name:8} engine {e:7.0} MB/s  per-line {per:7.0} MB/s  reference {rf:6.1} MB/s  ratio {:.1}", e / rf);
    }
    let doc = scrubjay_benches::document(4, 1 << 20);
    let e = mbps(doc.len(), || {
        std::hint::black_box(s.scrub(&doc));
    });
    println!("document engine {e:7.0} MB/s");
}
