//! One-run throughput summary for docs/PERFORMANCE.md: MB/s of the engine
//! and the reference on each corpus, their ratio, per-call overhead on
//! short lines, and build time. Everything is measured in the same run, so
//! the ratios hold even on a noisy machine.
//!
//! Usage: `cargo run --release -p scrubjay-benches --bin throughput [seconds per measurement]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use scrubjay::Scrubber;
use scrubjay::reference::Reference;
use scrubjay_benches::{clean_logs, dense_logs, document, join, typical_logs};

/// Best of five runs of about `secs / 5` seconds each, in MB/s.
fn mbps(bytes: usize, secs: f64, mut f: impl FnMut()) -> f64 {
    f();
    let mut best: f64 = 0.0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0usize;
        while t.elapsed().as_secs_f64() < secs / 5.0 {
            f();
            n += 1;
        }
        best = best.max((bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6);
    }
    best
}

fn main() {
    let secs: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2.0);
    let s = Scrubber::default();
    let r = Reference::new(&s);

    let mut builds: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            black_box(Scrubber::default());
            t.elapsed()
        })
        .collect();
    builds.sort();
    println!("build default Scrubber: median {:.1} ms", builds[10].as_secs_f64() * 1e3);

    println!("{:<14} {:>12} {:>12} {:>8}", "corpus", "engine MB/s", "ref MB/s", "ratio");
    let corpora = [
        ("clean", join(&clean_logs(10_000))),
        ("typical", join(&typical_logs(10_000))),
        ("dense", join(&dense_logs(10_000))),
        ("document_1mb", document(4, 1 << 20)),
    ];
    for (name, text) in &corpora {
        let e = mbps(text.len(), secs, || {
            black_box(s.scrub(text));
        });
        let f = mbps(text.len(), secs, || {
            black_box(r.scrub(text.as_bytes()));
        });
        println!("{name:<14} {e:>12.0} {f:>12.1} {:>7.1}x", e / f);
    }

    println!("\nper-call overhead on 150-byte lines (MB/s; ratios against one call for all):");
    for (name, lines) in [("clean", clean_logs(10_000)), ("typical", typical_logs(10_000))] {
        let text = join(&lines);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let per_line = mbps(text.len(), secs, || {
            for l in &refs {
                black_box(s.scrub(l));
            }
        });
        let batch = mbps(text.len(), secs, || {
            black_box(s.scrub_batch(&refs));
        });
        let whole = mbps(text.len(), secs, || {
            black_box(s.scrub(&text));
        });
        let ns_per_line = 1e3 * (text.len() as f64 / lines.len() as f64) / per_line;
        println!(
            "{name:<8} one call per line {per_line:>5.0} ({:.2})  scrub_batch {batch:>5.0} ({:.2})  one call for all {whole:>5.0}  [{ns_per_line:.0} ns per call]",
            per_line / whole,
            batch / whole
        );
    }
}
