//! Writes the benchmark corpora of `benches/src/lib.rs` (the ones the Rust
//! benchmarks use) for `node/bench/bench.js`, then measures the core on
//! them on request, so that `bench.js` can alternate rounds of the core and
//! of the addon (this machine is shared: alternating keeps both sides under
//! the same load).
//!
//! Usage: `cargo run --release -p scrubjay-node --example node_bench_corpus -- OUT_DIR`
//! writes `OUT_DIR/{clean,typical}.json` (arrays of log lines) and
//! `OUT_DIR/{json_clean,json_dirty}.json` (arrays of JSON event texts),
//! prints `ready`, then answers each stdin line `MEASURE CORPUS SECONDS`
//! (MEASURE: `scrub`, `scrub_batch` or `scrub_json_str`) with the
//! nanoseconds per item of one round, until end of input.

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

use scrubjay::Scrubber;
use scrubjay_benches::{clean_json_events, clean_logs, dirty_json_events, typical_logs};

/// Nanoseconds per item of `f` over `items`, repeated for about `secs`.
fn ns_per_item<T>(items: &[T], secs: f64, mut f: impl FnMut(&T)) -> f64 {
    let t = Instant::now();
    let mut n = 0usize;
    while n == 0 || t.elapsed().as_secs_f64() < secs {
        for item in items {
            f(item);
        }
        n += items.len();
    }
    t.elapsed().as_secs_f64() * 1e9 / n as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: node_bench_corpus OUT_DIR")?);
    std::fs::create_dir_all(&out)?;
    let corpora = [
        ("clean", clean_logs(10_000)),
        ("typical", typical_logs(10_000)),
        ("json_clean", clean_json_events(500)),
        ("json_dirty", dirty_json_events(500)),
    ];
    for (name, items) in &corpora {
        std::fs::write(out.join(format!("{name}.json")), serde_json::to_string(items)?)?;
    }
    let s = Scrubber::default();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "ready")?;
    stdout.flush()?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let words: Vec<&str> = line.split_whitespace().collect();
        let [measure, corpus, secs] = words[..] else { return Err(format!("bad request {line:?}").into()) };
        let secs: f64 = secs.parse()?;
        let items = &corpora.iter().find(|(n, _)| *n == corpus).ok_or_else(|| format!("no corpus {corpus}"))?.1;
        let ns = match measure {
            "scrub" => ns_per_item(items, secs, |l| drop(black_box(s.scrub(black_box(l))))),
            "scrub_batch" => {
                let refs: Vec<&str> = items.iter().map(String::as_str).collect();
                let chunks: Vec<&[&str]> = refs.chunks(1000).collect();
                ns_per_item(&chunks, secs, |c| drop(black_box(s.scrub_batch(black_box(c))))) * chunks.len() as f64
                    / items.len() as f64
            }
            "scrub_json_str" => {
                ns_per_item(items, secs, |e| drop(black_box(s.scrub_json_str(black_box(e)).map(|c| c.len()))))
            }
            other => return Err(format!("unknown measure {other}").into()),
        };
        writeln!(stdout, "{ns}")?;
        stdout.flush()?;
    }
    Ok(())
}
