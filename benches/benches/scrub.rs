//! Criterion benchmarks: the engine and the reference implementation on
//! each corpus, per-call overhead on short lines, build time, and JSON
//! events (the engine against a naive parse, walk and serialize).
//! Run with `make bench` (or `cargo bench -p scrubjay-benches`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scrubjay::Scrubber;
use scrubjay::reference::Reference;
use scrubjay_benches::{
    clean_json_events, clean_logs, dense_logs, dirty_json_events, document, join, naive_scrub_json, typical_logs,
};

const LINES: usize = 2_000;

fn corpora() -> Vec<(&'static str, String)> {
    vec![
        ("clean", join(&clean_logs(LINES))),
        ("typical", join(&typical_logs(LINES))),
        ("dense", join(&dense_logs(LINES))),
        ("document_1mb", document(4, 1 << 20)),
    ]
}

fn throughput(c: &mut Criterion) {
    let s = Scrubber::default();
    let r = Reference::new(&s);
    let mut g = c.benchmark_group("scrub");
    g.measurement_time(Duration::from_secs(3)).sample_size(20);
    for (name, text) in corpora() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("engine", name), &text, |b, t| b.iter(|| black_box(s.scrub(t))));
        g.bench_with_input(BenchmarkId::new("reference", name), &text, |b, t| {
            b.iter(|| black_box(r.scrub(t.as_bytes())))
        });
    }
    g.finish();
}

fn per_call(c: &mut Criterion) {
    let s = Scrubber::default();
    let mut g = c.benchmark_group("per_call");
    g.measurement_time(Duration::from_secs(3)).sample_size(20);
    for (name, lines) in [("clean", clean_logs(LINES)), ("typical", typical_logs(LINES))] {
        let text = join(&lines);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::new("one_call_per_line", name), |b| {
            b.iter(|| {
                for l in &refs {
                    black_box(s.scrub(l));
                }
            })
        });
        g.bench_function(BenchmarkId::new("scrub_batch", name), |b| b.iter(|| black_box(s.scrub_batch(&refs))));
        g.bench_function(BenchmarkId::new("one_call_for_all", name), |b| b.iter(|| black_box(s.scrub(&text))));
    }
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.measurement_time(Duration::from_secs(3)).sample_size(20);
    g.bench_function("default_profile", |b| b.iter(|| black_box(Scrubber::default())));
    g.finish();
}

/// JSON events of 2–10 KB: `scrub_json_str` on each event, without and with
/// findings, in MB/s; the naive baseline (`serde_json` parse, walk with the
/// per-rule reference, serialize) on fewer events, since it is slow.
const JSON_EVENTS: usize = 200;
const NAIVE_EVENTS: usize = 20;

fn json_corpora() -> [(&'static str, Vec<String>); 2] {
    [("clean", clean_json_events(JSON_EVENTS)), ("with_findings", dirty_json_events(JSON_EVENTS))]
}

fn json(c: &mut Criterion) {
    let s = Scrubber::default();
    let r = Reference::new(&s);
    let mut g = c.benchmark_group("json");
    g.measurement_time(Duration::from_secs(3)).sample_size(20);
    for (name, events) in json_corpora() {
        let bytes: usize = events.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new("scrub_json_str", name), &events, |b, events| {
            b.iter(|| {
                for e in events {
                    black_box(s.scrub_json_str(e).unwrap());
                }
            })
        });
        let few = &events[..NAIVE_EVENTS];
        g.throughput(Throughput::Bytes(few.iter().map(String::len).sum::<usize>() as u64));
        g.bench_with_input(BenchmarkId::new("naive_reference", name), few, |b, events| {
            b.iter(|| {
                for e in events {
                    black_box(naive_scrub_json(&r, e).unwrap());
                }
            })
        });
    }
    g.finish();
}

/// The same events counted as events per second.
fn json_events(c: &mut Criterion) {
    let s = Scrubber::default();
    let mut g = c.benchmark_group("json_events");
    g.measurement_time(Duration::from_secs(3)).sample_size(20);
    for (name, events) in json_corpora() {
        g.throughput(Throughput::Elements(events.len() as u64));
        g.bench_with_input(BenchmarkId::new("scrub_json_str", name), &events, |b, events| {
            b.iter(|| {
                for e in events {
                    black_box(s.scrub_json_str(e).unwrap());
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, throughput, per_call, build, json, json_events);
criterion_main!(benches);
