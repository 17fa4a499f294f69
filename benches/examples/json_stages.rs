//! Where the time of `scrub_json_str` goes on the JSON event corpus, from
//! the public API only: the walk alone (no rules), the walk with the key
//! classifier, the full default profile, and, for comparison, the text
//! engine on the same bytes and on the leaf strings alone, and `serde_json`.
//! Usage: `json_stages [clean|dirty] [seconds per measurement]`.
use std::hint::black_box;
use std::time::Instant;

use scrubjay::Scrubber;
use serde_json::Value;

fn mbps(bytes: usize, secs: f64, mut f: impl FnMut()) -> f64 {
    f();
    let mut best: f64 = 0.0;
    for _ in 0..3 {
        let t = Instant::now();
        let mut n = 0usize;
        while t.elapsed().as_secs_f64() < secs / 3.0 {
            f();
            n += 1;
        }
        best = best.max((bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6);
    }
    best
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dirty = args.get(1).is_some_and(|a| a == "dirty");
    let secs: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1.5);
    let events =
        if dirty { scrubjay_benches::dirty_json_events(500) } else { scrubjay_benches::clean_json_events(500) };
    let bytes: usize = events.iter().map(String::len).sum();
    let leaves: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let mut out = Vec::new();
            strings(&serde_json::from_str(e).unwrap(), &mut out);
            out
        })
        .collect();
    let leaf_bytes: usize = leaves.iter().flatten().map(String::len).sum();
    let n_leaves: usize = leaves.iter().map(Vec::len).sum();
    println!(
        "{} events, {:.0} bytes each, {:.0} leaves each ({:.0}% of the bytes are leaf text)",
        events.len(),
        bytes as f64 / events.len() as f64,
        n_leaves as f64 / events.len() as f64,
        100.0 * leaf_bytes as f64 / bytes as f64
    );
    let none = Scrubber::from_json(r#"{"profile": "none"}"#).unwrap();
    let keys = Scrubber::from_json(r#"{"profile": "none", "rules": {"sensitive_key": {"enabled": true}}}"#).unwrap();
    let full = Scrubber::default();
    let json = |s: &Scrubber| {
        mbps(bytes, secs, || {
            for e in &events {
                black_box(s.scrub_json_str(e).unwrap());
            }
        })
    };
    println!("MB/s of the event bytes:");
    println!("  scrub_json_str, no rules (walk only)      {:>6.0}", json(&none));
    println!("  scrub_json_str, sensitive_key only         {:>6.0}", json(&keys));
    println!("  scrub_json_str, default profile            {:>6.0}", json(&full));
    let r = mbps(bytes, secs, || {
        for e in &events {
            black_box(full.report_json(e).unwrap());
        }
    });
    println!("  report_json, default profile               {r:>6.0}");
    let t = mbps(bytes, secs, || {
        for e in &events {
            black_box(full.scrub(e));
        }
    });
    println!("  scrub (text) of the raw event              {t:>6.0}");
    let refs: Vec<Vec<&str>> = leaves.iter().map(|l| l.iter().map(String::as_str).collect()).collect();
    let b = mbps(bytes, secs, || {
        for l in &refs {
            black_box(full.scrub_batch(l));
        }
    });
    println!("  scrub_batch of each event's leaves         {b:>6.0}");
    let p = mbps(bytes, secs, || {
        for e in &events {
            black_box(serde_json::from_str::<serde::de::IgnoredAny>(e).unwrap());
        }
    });
    println!("  serde_json::from_str::<IgnoredAny>         {p:>6.0}");
    let v = mbps(bytes, secs, || {
        for e in &events {
            black_box(serde_json::from_str::<Value>(e).unwrap());
        }
    });
    println!("  serde_json::from_str::<Value>              {v:>6.0}");
}
