//! One-run throughput summary for docs/PERFORMANCE.md: MB/s of the engine
//! and the reference on each corpus, their ratio, per-call overhead on
//! short lines, build time, and JSON events (the engine against a naive
//! parse, walk and serialize). Everything is measured in the same run, so
//! the ratios hold even on a noisy machine.
//!
//! Usage: `cargo run --release -p scrubjay-benches --bin throughput [seconds per measurement]`

use std::borrow::Cow;
use std::hint::black_box;
use std::time::{Duration, Instant};

use scrubjay::Scrubber;
use scrubjay::reference::Reference;
use scrubjay_benches::{
    clean_json_events, clean_logs, dense_logs, dirty_json_events, document, join, naive_scrub_json,
    naive_scrub_json_with, typical_logs,
};

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

    json_section(&s, &r, secs);
}

/// JSON events of 2–10 KB (error events, request log batches, analytics
/// batches): `scrub_json_str` per event in MB/s and events/s, against the
/// naive approach (`serde_json::from_str`, a walk that scrubs every string
/// with the per-rule reference and replaces values under sensitive keys,
/// `serde_json::to_string`), on the same events in the same run. Two more
/// lines tell the naive approach's costs apart: the `serde_json` round trip
/// alone, and the same walk with the engine's text scrubbing per string.
fn json_section(s: &Scrubber, r: &Reference, secs: f64) {
    const EVENTS: usize = 500;
    println!("\nJSON events ({EVENTS} per corpus, one scrub_json_str call per event):");
    println!(
        "{:<14} {:>9} {:>11} {:>12} {:>10} {:>12} {:>13} {:>10}",
        "corpus", "avg bytes", "engine MB/s", "events/s", "naive MB/s", "engine/naive", "serde rt MB/s", "walk+scrub"
    );
    for (name, events) in [("clean", clean_json_events(EVENTS)), ("with_findings", dirty_json_events(EVENTS))] {
        let bytes: usize = events.iter().map(String::len).sum();
        let avg = bytes as f64 / events.len() as f64;
        let engine = mbps(bytes, secs, || {
            for e in &events {
                black_box(s.scrub_json_str(e).unwrap());
            }
        });
        let naive = mbps(bytes, secs, || {
            for e in &events {
                black_box(naive_scrub_json(r, e).unwrap());
            }
        });
        let round_trip = mbps(bytes, secs, || {
            for e in &events {
                let v: serde_json::Value = serde_json::from_str(e).unwrap();
                black_box(serde_json::to_string(&v).unwrap());
            }
        });
        let walk_engine = mbps(bytes, secs, || {
            for e in &events {
                let scrub = |t: &str| match s.scrub(t) {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(new) => Some(new),
                };
                black_box(naive_scrub_json_with(e, &scrub).unwrap());
            }
        });
        println!(
            "{name:<14} {avg:>9.0} {engine:>11.0} {:>12.0} {naive:>10.1} {:>11.0}x {round_trip:>13.0} {walk_engine:>10.0}",
            engine * 1e6 / avg,
            engine / naive
        );
    }
}
