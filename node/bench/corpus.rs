//! Writes the benchmark corpora of `benches/src/lib.rs` (the ones the Rust
//! benchmarks use) for `node/bench/bench.js`, and measures the core on them
//! in the same run, so the addon's overhead can be read off as a ratio.
//!
//! Usage: `cargo run --release -p scrubjay-node --example node_bench_corpus -- OUT_DIR [SECONDS]`
//! writes `OUT_DIR/{clean,typical}.json` (arrays of log lines),
//! `OUT_DIR/{json_clean,json_dirty}.json` (arrays of JSON event texts) and
//! prints the core's numbers as one JSON object on stdout.

use std::hint::black_box;
use std::time::Instant;

use scrubjay::Scrubber;
use scrubjay_benches::{clean_json_events, clean_logs, dirty_json_events, typical_logs};

/// Best of five runs of about `secs / 5` seconds each: nanoseconds per call of `f` over `items`.
fn ns_per_item<T>(items: &[T], secs: f64, mut f: impl FnMut(&T)) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0usize;
        while t.elapsed().as_secs_f64() < secs / 5.0 {
            for item in items {
                f(item);
            }
            n += items.len();
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e9 / n as f64);
    }
    best
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().ok_or("usage: node_bench_corpus OUT_DIR [SECONDS]")?);
    let secs: f64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1.0);
    std::fs::create_dir_all(&out)?;

    let clean = clean_logs(10_000);
    let typical = typical_logs(10_000);
    let json_clean = clean_json_events(500);
    let json_dirty = dirty_json_events(500);
    for (name, items) in
        [("clean", &clean), ("typical", &typical), ("json_clean", &json_clean), ("json_dirty", &json_dirty)]
    {
        std::fs::write(out.join(format!("{name}.json")), serde_json::to_string(items)?)?;
    }

    let s = Scrubber::default();
    let per_line = |lines: &[String]| ns_per_item(lines, secs, |l| drop(black_box(s.scrub(black_box(l)))));
    let batch = |lines: &[String]| {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let chunks: Vec<&[&str]> = refs.chunks(1000).collect();
        ns_per_item(&chunks, secs, |c| drop(black_box(s.scrub_batch(black_box(c))))) / 1000.0
    };
    let per_event = |events: &[String]| {
        ns_per_item(events, secs, |e| drop(black_box(s.scrub_json_str(black_box(e)).map(|c| c.len()))))
    };
    let report = serde_json::json!({
        "scrub_ns": {"clean": per_line(&clean), "typical": per_line(&typical)},
        "scrub_batch_ns": {"clean": batch(&clean), "typical": batch(&typical)},
        "scrub_json_str_ns": {"clean": per_event(&json_clean), "dirty": per_event(&json_dirty)},
    });
    println!("{report}");
    Ok(())
}
