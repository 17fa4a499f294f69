//! Criterion benchmarks: the engine and the reference implementation on
//! each corpus, per-call overhead on short lines, and build time.
//! Run with `make bench` (or `cargo bench -p scrubjay-benches`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scrubjay::Scrubber;
use scrubjay::reference::Reference;
use scrubjay_benches::{clean_logs, dense_logs, document, join, typical_logs};

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

criterion_group!(benches, throughput, per_call, build);
criterion_main!(benches);
