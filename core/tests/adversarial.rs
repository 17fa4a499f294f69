//! Adversarial inputs: each finishes in time and memory proportional to its
//! size, or fails with a clear error, and no finding is lost on the way.
//!
//! Cost is checked without timing assertions on a noisy machine: each input
//! is scrubbed at two sizes, `n` and `4n`, and one run on `4n` may take at
//! most [`MAX_TIME_RATIO`] times as long as four runs on `n` (best of a few
//! tries; both timed spans are equally long when growth is linear, so they
//! see the same noise; linear gives a ratio of about 1, quadratic 4). A
//! failing ratio is measured again, up to [`ATTEMPTS`] times: a load spike
//! rarely hits three attempts, growth that is not linear always does.
//! Memory is the peak of the bytes allocated by the scrubbing thread during
//! the call, counted by a global allocator, and must stay below a small
//! multiple of the input size.
//!
//! Sizes: the full sizes of the issue (10 MB of text, 100,000-deep JSON,
//! 1 million keys) in release builds, which `make test-adversarial` runs
//! (`cargo test --release ... --test adversarial -- --nocapture`, and the
//! measured costs are printed as `cost:` lines for docs/RELIABILITY.md); in
//! debug builds (`cargo test --workspace`) the same tests run at a fraction
//! of the size (1/32 to 1/40) and with fewer tries, so they stay cheap there.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use scrubjay::{ActionKind, Config, Error, Finding, Scrubber};

// ---------------------------------------------------------------------------
// Measuring: a peak-tracking allocator and best-of-N timing.

struct Tracking;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static CURRENT: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(by: usize) {
    let _ = ON.try_with(|on| {
        if on.get() {
            let _ = CURRENT.try_with(|c| {
                let now = c.get() + by as isize;
                c.set(now);
                let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
            });
        }
    });
}

fn shrink(by: usize) {
    let _ = ON.try_with(|on| {
        if on.get() {
            let _ = CURRENT.try_with(|c| c.set(c.get() - by as isize));
        }
    });
}

unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a new block, then the old one freed: a realloc can
        // need both at once.
        grow(new_size);
        shrink(layout.size());
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Tracking = Tracking;

/// What one call cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    /// Best wall time of a few runs.
    time: Duration,
    /// Peak bytes allocated by this thread during one call (including
    /// what it returns, and the growth of pooled scratch space on the first
    /// call).
    peak: usize,
}

/// Runs `f` `reps` times in a row, a few times over; the best time of
/// such a series and the peak memory of one call.
fn measure<R>(reps: usize, mut f: impl FnMut() -> R) -> Cost {
    // The first call grows the thread's pooled scratch space (kept for
    // later calls): counted in the peak, not in the time.
    CURRENT.with(|c| c.set(0));
    PEAK.with(|p| p.set(0));
    ON.with(|on| on.set(true));
    drop(f());
    ON.with(|on| on.set(false));
    let mut peak = PEAK.with(|p| p.get()).max(0) as usize;
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        CURRENT.with(|c| c.set(0));
        PEAK.with(|p| p.set(0));
        ON.with(|on| on.set(true));
        let t = Instant::now();
        for _ in 1..reps {
            drop(f());
        }
        let r = f();
        let elapsed = t.elapsed();
        ON.with(|on| on.set(false));
        drop(r);
        best = best.min(elapsed);
        peak = peak.max(PEAK.with(|p| p.get()).max(0) as usize);
    }
    Cost { time: best, peak }
}

/// Tries per measurement: fewer in debug builds, where the sizes are too
/// small for timing to mean much and the point is a cheap smoke run.
const RUNS: usize = if cfg!(debug_assertions) { 2 } else { 5 };

/// One run on 4× the input against four runs on the input: linear growth
/// gives ~1, quadratic ~4.
const MAX_TIME_RATIO: f64 = 3.0;

/// Measurements of a time ratio before it counts as not linear.
const ATTEMPTS: usize = 3;

/// Below this, a time is too short to compare (timer and noise).
const MIN_COMPARABLE: Duration = Duration::from_millis(10);

/// The full size of the big text inputs: 10 MB in release, 256 KiB in debug.
fn big() -> usize {
    if cfg!(debug_assertions) { 256 << 10 } else { 10 << 20 }
}

/// Scales a count (nesting depth, number of keys, rules) like [`big`]:
/// `full` in release, `full / 32` in debug.
fn scaled(full: usize) -> usize {
    if cfg!(debug_assertions) { full / 32 } else { full }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// Checks linear time and bounded memory: `make(size)` builds an input of
/// about `size` bytes, `run` processes it. `mem_factor` bounds the peak
/// memory as a multiple of the input size (plus 1 MiB for fixed costs).
/// Prints a `cost:` line with the measurements at the full size.
fn check_linear<I: AsRef<[u8]>>(
    name: &str,
    full: usize,
    mem_factor: f64,
    make: impl Fn(usize) -> I,
    mut run: impl FnMut(&I) -> usize,
) {
    let small_input = make(full / 4);
    let large_input = make(full);
    let n = large_input.as_ref().len();
    // A load spike on a shared machine can slow one series; growth that is
    // not linear shows in every attempt. So a failing ratio is measured
    // again, up to ATTEMPTS times, and the best attempt counts.
    let (mut small, mut large) = (measure(4, || run(&small_input)), measure(1, || run(&large_input)));
    let ratio_of = |small: &Cost, large: &Cost| large.time.as_secs_f64() / small.time.as_secs_f64().max(1e-9);
    let mut ratio = ratio_of(&small, &large);
    for attempt in 2..=ATTEMPTS {
        if large.time < MIN_COMPARABLE || ratio < MAX_TIME_RATIO {
            break;
        }
        eprintln!("cost: {name}: time ratio {ratio:.2} on attempt {}; measuring again", attempt - 1);
        let (s, l) = (measure(4, || run(&small_input)), measure(1, || run(&large_input)));
        let (r, peak) = (ratio_of(&s, &l), large.peak.max(l.peak));
        if r < ratio {
            (small, large, ratio) = (s, l, r);
        }
        large.peak = peak;
    }
    eprintln!(
        "cost: {name} | {:.2} MB | {:.1} ms | {:.1} MB/s | peak {:.2} MB ({:.2}x input) | time ratio {:.2} (1 = linear)",
        mb(n),
        large.time.as_secs_f64() * 1e3,
        mb(n) / large.time.as_secs_f64().max(1e-9),
        mb(large.peak),
        large.peak as f64 / n as f64,
        ratio
    );
    if large.time >= MIN_COMPARABLE {
        assert!(
            ratio < MAX_TIME_RATIO,
            "{name}: one run on 4x the input took {ratio:.1}x as long as four on 1x ({:?} vs {:?}): not linear",
            small.time,
            large.time
        );
    }
    let bound = mem_factor * n as f64 + (1 << 20) as f64;
    assert!(
        (large.peak as f64) <= bound,
        "{name}: peak memory {} bytes for {n} bytes of input (bound {bound:.0})",
        large.peak
    );
}

/// `pattern` repeated to about `size` bytes (whole repetitions), then `tail`.
fn repeat(pattern: &str, size: usize, tail: &str) -> String {
    let mut s = pattern.repeat(size / pattern.len().max(1));
    s.push_str(tail);
    s
}

/// Every finding lies on character boundaries of `input` (when it is
/// UTF-8) and its text is valid UTF-8.
fn check_ranges(input: &[u8], found: &[Finding]) {
    let mut last = 0;
    for f in found {
        assert!(f.start < f.end && f.end <= input.len(), "bad range {:?}", f.range());
        assert!(f.start >= last, "overlapping or unordered findings");
        last = f.end;
        assert!(std::str::from_utf8(&input[f.range()]).is_ok(), "finding {:?} is not UTF-8", f.range());
        if let Ok(text) = std::str::from_utf8(input) {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
}

fn rules_of(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| &*f.rule).collect()
}

/// The length of a JSON result, for [`check_linear`].
fn json_len(r: Result<std::borrow::Cow<'_, str>, scrubjay::JsonError>) -> usize {
    r.expect("valid JSON").len()
}

const EMAIL: &str = "ada@example.com";

// ---------------------------------------------------------------------------
// Text.

#[test]
fn ten_megabytes_of_digits() {
    let s = Scrubber::default();
    let tail = format!(" {EMAIL}");
    check_linear("10 MB of digits, one line", big(), 3.0, |n| repeat("0123456789", n, &tail), |t| s.scrub(t).len());
    // Digits cut by single spaces: card, phone and SSN shapes everywhere.
    // Each `0123 4567 89` is a phone number followed by another, so there is
    // a finding every 13 bytes (and the findings' memory with it).
    check_linear(
        "10 MB of digits and spaces",
        big(),
        10.0,
        |n| repeat("0123 4567 89 ", n, &tail),
        |t| s.scrub(t).len(),
    );
    let text = repeat("0123456789", big(), &tail);
    let found = s.find(&text);
    check_ranges(text.as_bytes(), &found);
    assert_eq!(found.last().map(|f| f.text(&text)), Some(EMAIL), "the email after the digits is lost");
}

#[test]
fn ten_megabytes_of_at_signs_and_dots() {
    let s = Scrubber::default();
    let tail = format!(" {EMAIL}");
    // Every `@` is a trigger hit the engine remembers (a position, in the
    // pooled scratch space): up to ~8 bytes of memory per input byte here.
    for (name, unit) in [("@.", "@."), ("a@b.", "a@b."), ("@@..", "@@.."), ("x@y.z@", "x@y.z@")] {
        let label = format!("10 MB of `{name}`");
        check_linear(&label, big(), 10.0, |n| repeat(unit, n, &tail), |t| s.scrub(t).len());
        let text = repeat(unit, big(), &tail);
        let found = s.find(&text);
        check_ranges(text.as_bytes(), &found);
        assert_eq!(found.last().map(|f| f.text(&text)), Some(EMAIL), "{label}: the email at the end is lost");
    }
}

#[test]
fn long_runs_of_almost_cards() {
    let s = Scrubber::default();
    // Each fails the Luhn check by one digit.
    for unit in ["4111 1111 1111 1112 ", "4111111111111112,", "5500-0000-0000-0005 "] {
        let tail = " 4111 1111 1111 1111";
        let label = format!("almost-cards `{}`", unit.trim_end());
        check_linear(&label, big(), 3.0, |n| repeat(unit, n, tail), |t| s.find(t).len());
        let text = repeat(unit, big(), tail);
        let found = s.find(&text);
        check_ranges(text.as_bytes(), &found);
        let cards: Vec<&Finding> = found.iter().filter(|f| &*f.rule == "credit_card").collect();
        assert_eq!(cards.len(), 1, "{label}: only the real card is a card");
        assert_eq!(cards[0].text(&text), tail.trim_start());
    }
}

#[test]
fn long_runs_of_almost_ibans() {
    let s = Scrubber::default();
    let real = "GB82 WEST 1234 5698 7654 32";
    // Wrong check digits, and one character short.
    for unit in ["GB82 WEST 1234 5698 7654 31 ", "GB82WEST12345698765431 ", "DE89 3704 0044 0532 0130 0 "] {
        let tail = format!(" {real}");
        let label = format!("almost-IBANs `{}`", unit.trim_end());
        check_linear(&label, big(), 3.0, |n| repeat(unit, n, &tail), |t| s.find(t).len());
        let text = repeat(unit, big(), &tail);
        let found = s.find(&text);
        check_ranges(text.as_bytes(), &found);
        let ibans: Vec<&Finding> = found.iter().filter(|f| &*f.rule == "iban").collect();
        assert_eq!(
            ibans.len(),
            1,
            "{label}: only the real IBAN is an IBAN: {:?}",
            rules_of(&found[..5.min(found.len())])
        );
        assert_eq!(ibans[0].text(&text), real);
    }
}

#[test]
fn invalid_utf8_anywhere() {
    let s = Scrubber::default();
    // Random bytes: mostly invalid UTF-8, with every byte value.
    let random = |n: usize| {
        let mut x = 0x2545_f491_u32;
        let mut v: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        v.extend_from_slice(b" ada@example.com");
        v
    };
    check_linear("10 MB of random bytes", big(), 3.0, random, |b| s.scrub_bytes(b).len());
    let bytes = random(big());
    let r = s.scrub_bytes_with_findings(&bytes);
    check_ranges(&bytes, &r.findings);
    assert_eq!(r.findings.last().map(|f| &bytes[f.range()]), Some(EMAIL.as_bytes()));
    // Bytes outside the findings are copied unchanged.
    let mut expected = Vec::new();
    let mut at = 0;
    for f in &r.findings {
        expected.extend_from_slice(&bytes[at..f.start]);
        expected.extend_from_slice(format!("[{}]", f.rule).as_bytes());
        at = f.end;
    }
    expected.extend_from_slice(&bytes[at..]);
    assert!(r.text.as_ref() == expected.as_slice(), "bytes outside findings changed");

    // Invalid bytes right against secrets, and truncated characters.
    let mixed = repeat("\u{7f}x", 16, "").into_bytes();
    for (input, out) in [
        (&b"\xffada@example.com\xff"[..], &b"\xff[email]\xff"[..]),
        (b"\xe2\x82ada@example.com", b"\xe2\x82[email]"),
        (b"ada@example.com\xc3", b"[email]\xc3"),
        (b"\xf0\x9f\x98 10.0.0.1 \xed\xa0\x80", b"\xf0\x9f\x98 [ipv4] \xed\xa0\x80"),
        (&mixed, &mixed),
    ] {
        assert_eq!(&*s.scrub_bytes(input), out, "{:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn nul_bytes() {
    let s = Scrubber::default();
    let tail = format!("\0{EMAIL}\0");
    check_linear("10 MB of NUL bytes", big(), 3.0, |n| repeat("\0", n, &tail), |t| s.scrub(t).len());
    // Secrets separated by NULs only: every one is found.
    let unit = format!("{EMAIL}\0");
    let text = repeat(&unit, big() / 4, "");
    let count = text.len() / unit.len();
    let found = s.find(&text);
    check_ranges(text.as_bytes(), &found);
    assert_eq!(found.len(), count);
    assert!(found.iter().all(|f| f.text(&text) == EMAIL));
    assert_eq!(s.scrub("a\0ada@example.com\0b\x0010.0.0.1\0"), "a\0[email]\0b\0[ipv4]\0");
}

#[test]
fn many_findings_in_one_text() {
    // Output grows with the findings: still linear, output-sized memory.
    let s = Scrubber::default();
    check_linear(
        "10 MB of emails and IPs",
        big(),
        12.0,
        |n| repeat("ada@example.com 10.0.0.1 ", n, ""),
        |t| s.scrub_with_findings(t).findings.len(),
    );
}

#[test]
fn batches_of_many_small_texts() {
    let s = Scrubber::default();
    let make = |n: usize| repeat("log line with ada@example.com\n", n, "");
    check_linear("batch of 30-byte texts", big(), 8.0, make, |t| {
        let texts: Vec<&str> = t.split('\n').collect();
        s.scrub_batch(&texts).len()
    });
}

// ---------------------------------------------------------------------------
// JSON.

fn deep_arrays(depth: usize, leaf: &str) -> String {
    let mut s = String::with_capacity(2 * depth + leaf.len());
    s.push_str(&"[".repeat(depth));
    s.push_str(leaf);
    s.push_str(&"]".repeat(depth));
    s
}

fn deep_objects(depth: usize, leaf: &str) -> String {
    let mut s = String::with_capacity(6 * depth + leaf.len());
    s.push_str(&r#"{"a":"#.repeat(depth));
    s.push_str(leaf);
    s.push_str(&"}".repeat(depth));
    s
}

#[test]
fn json_nested_100000_deep() {
    let s = Scrubber::default();
    let depth = scaled(100_000);
    let leaf = format!("\"{EMAIL}\"");
    // Each level of nesting costs ~200 bytes of (pooled) walker state, for
    // one or five bytes of input: ~100x the input for `[[[...`.
    check_linear(
        "JSON arrays 100,000 deep",
        2 * depth,
        128.0,
        |n| deep_arrays(n / 2, &leaf),
        |d| json_len(s.scrub_json_str(d)),
    );
    check_linear(
        "JSON objects 100,000 deep",
        5 * depth,
        128.0,
        |n| deep_objects(n / 5, &leaf),
        |d| json_len(s.scrub_json_str(d)),
    );

    let doc = deep_arrays(depth, &leaf);
    let r = s.scrub_json_with_report(&doc).expect("deep arrays are valid JSON");
    assert_eq!(r.text, deep_arrays(depth, "\"[email]\""));
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].pointer, "/0".repeat(depth));

    // A sensitive key at the bottom is scrubbed whole.
    let doc = deep_objects(depth, r#"{"password": "hunter2"}"#);
    let out = s.scrub_json_str(&doc).expect("deep objects are valid JSON");
    assert_eq!(out, deep_objects(depth, r#"{"password": "[sensitive_key]"}"#));

    // Unbalanced: a clear error with its position, not a crash.
    let mut bad = deep_arrays(depth, "1");
    bad.pop();
    let err = s.scrub_json_str(&bad).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
    let err = s.scrub_json_str(&"[".repeat(depth)).unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn json_deep_values_are_refused_clearly() {
    // `serde_json::Value`s deeper than 128 levels are refused (their
    // serialization would recurse); the message points to the text API.
    let s = Scrubber::default();
    let mut v = serde_json::Value::String(EMAIL.into());
    for _ in 0..1000 {
        v = serde_json::Value::Array(vec![v]);
    }
    let err = s.scrub_json_value(&mut v).unwrap_err();
    assert!(err.to_string().contains("scrub_json_str"), "{err}");
    assert!(s.report_json_value(&v).is_err());
    // Take it apart iteratively: dropping it recursively is serde_json's
    // business, not ours, and not what this test is about.
    let mut cur = v;
    while let serde_json::Value::Array(mut a) = cur {
        cur = a.pop().unwrap_or(serde_json::Value::Null);
    }
}

fn many_keys(keys: usize) -> String {
    let mut s = String::with_capacity(keys * 24);
    s.push('{');
    for i in 0..keys {
        if i > 0 {
            s.push(',');
        }
        match i % 1000 {
            0 => s.push_str(&format!("\"password{i}\":\"secret{i}\"")),
            500 => s.push_str(&format!("\"k{i}\":\"mail {EMAIL}\"")),
            _ => s.push_str(&format!("\"k{i}\":\"v{i}\"")),
        }
    }
    s.push('}');
    s
}

#[test]
fn json_with_a_million_keys() {
    let s = Scrubber::default();
    let keys = scaled(1_000_000);
    // ~18 bytes of input per key.
    check_linear(
        "JSON object with 1,000,000 keys",
        18 * keys,
        30.0,
        |n| many_keys(n / 18),
        |d| json_len(s.scrub_json_str(d)),
    );
    let doc = many_keys(keys);
    let r = s.scrub_json_with_report(&doc).expect("valid JSON");
    let secrets = keys.div_ceil(1000);
    let emails = (keys + 499) / 1000;
    assert_eq!(r.findings.iter().filter(|f| &*f.rule == "sensitive_key").count(), secrets);
    assert_eq!(r.findings.iter().filter(|f| &*f.rule == "email").count(), emails);
    assert!(!r.text.contains(EMAIL) && !r.text.contains("\"secret"));
    // The same document as NDJSON-style many small documents.
    let lines: Vec<String> = (0..keys / 10).map(|i| format!("{{\"n\":{i},\"mail\":\"{EMAIL}\"}}")).collect();
    for line in lines.iter().take(1000) {
        assert!(s.scrub_json_str(line).expect("valid").contains("[email]"));
    }
}

#[test]
fn json_lone_surrogates_and_nuls() {
    let s = Scrubber::default();
    // Lone surrogates are kept as they were written; the rest is scrubbed.
    let doc =
        r#"{"a": "\ud800 ada@example.com \udfff", "b": ["\udc00\u0000ada@example.com\u0000"], "\ud800": "10.0.0.1"}"#;
    let out = s.scrub_json_str(doc).expect("lone surrogates are valid JSON text");
    assert_eq!(out, r#"{"a": "\ud800 [email] \udfff", "b": ["\udc00\u0000[email]\u0000"], "\ud800": "[ipv4]"}"#);
    // Scrubbing again changes nothing.
    assert_eq!(s.scrub_json_str(&out).expect("still valid"), out);
    // A string made of 1 MB of escapes, lone surrogates and NULs.
    check_linear(
        "JSON string of lone surrogates and NULs",
        big() / 4,
        12.0,
        |n| format!("[\"{}{EMAIL}\"]", repeat(r"\ud800\u0000\udfff ", n, "")),
        |d| json_len(s.scrub_json_str(d)),
    );
    // Raw NULs and invalid escapes are not JSON: clear errors.
    for bad in ["[\"a\0b\"]", r#"["\ud80"]"#, r#"["\x41"]"#, "[\"\u{1}\"]"] {
        let err = s.scrub_json_str(bad).unwrap_err();
        assert!(err.to_string().contains("column"), "{bad:?}: {err}");
    }
}

#[test]
fn json_with_many_findings_deep_down() {
    // Findings deep down: half the document nests, half is findings. Each
    // finding's JSON Pointer is as long as the nesting, so a report is as
    // large as depth x findings (it is output); scrubbing without a report
    // must stay linear in the document.
    let s = Scrubber::default();
    let make = |n: usize| {
        let leaf = vec![format!("\"{EMAIL}\""); n / 36].join(",");
        deep_arrays(n / 4, &leaf)
    };
    check_linear("JSON: half nesting, half findings", big() / 8, 80.0, make, |d| json_len(s.scrub_json_str(d)));
    let doc = make(1 << 12);
    let r = s.scrub_json_with_report(&doc).expect("valid");
    assert_eq!(r.text, s.scrub_json_str(&doc).expect("valid"));
    assert_eq!(r.findings.len(), (1 << 12) / 36);
    assert!(r.findings.iter().all(|f| f.pointer.len() > 2 * 1000));
}

// ---------------------------------------------------------------------------
// Configs.

fn config(json: &str) -> std::result::Result<Scrubber, Error> {
    Scrubber::new(&Config::from_json(json)?)
}

fn pattern_rules(n: usize) -> String {
    let rules: Vec<String> =
        (0..n).map(|i| format!(r#""r{i}": {{"pattern": "tok{i}x-[0-9a-f]{{8}}", "action": "remove"}}"#)).collect();
    format!(r#"{{"profile": "none", "rules": {{{}}}}}"#, rules.join(","))
}

#[test]
fn thousands_of_pattern_rules() {
    let n = scaled(4000).max(100);
    check_linear("config: 4,000 pattern rules (compile)", n, 40_000.0, pattern_rules, |c| {
        config(c).expect("compiles").rules().count()
    });
    let s = config(&pattern_rules(n)).expect("compiles");
    let last = n - 1;
    let text = format!("a tok0x-deadbeef b tok{last}x-0123abcd c tok{last}x-0123abc");
    assert_eq!(s.scrub(&text), format!("a  b  c tok{last}x-0123abc"));
    check_linear(
        "scan with 4,000 pattern rules",
        big() / 4,
        3.0,
        |n| repeat("tok1 x-1234 tok ", n, " tok3x-abcdef01"),
        |t| s.find(t).len(),
    );
}

fn terms_rule(n: usize) -> String {
    let terms: Vec<String> = (0..n).map(|i| format!("\"codename{i:07}\"")).collect();
    format!(r#"{{"profile": "none", "rules": {{"names": {{"terms": [{}]}}}}}}"#, terms.join(","))
}

#[test]
fn a_hundred_thousand_terms() {
    let n = scaled(100_000);
    check_linear(
        "config: 100,000 terms (compile)",
        20 * n,
        200.0,
        |b| terms_rule(b / 20),
        |c| config(c).expect("compiles").rules().count(),
    );
    let s = config(&terms_rule(n)).expect("compiles");
    let last = format!("codename{:07}", n - 1);
    assert_eq!(s.scrub(&format!("x {last} y codename y")), "x [names] y codename y");
    check_linear("scan with 100,000 terms", big() / 4, 3.0, |b| repeat("codename000 ", b, &last), |t| s.find(t).len());
}

#[test]
fn regexes_at_the_nesting_limit() {
    // The parser's nesting limit is 64; a group inside a concatenation
    // counts twice, so 32 nested groups compile and 33 are refused.
    let nested = |depth: usize| format!("{}x{}", "(?:a".repeat(depth), ")".repeat(depth));
    let rule = |p: &str| format!(r#"{{"profile": "none", "rules": {{"deep": {{"pattern": "{p}"}}}}}}"#);
    let ok = (1..=80).take_while(|&d| config(&rule(&nested(d))).is_ok()).last().unwrap_or(0);
    assert_eq!(ok, 32, "nested groups that compile");
    let err = config(&rule(&nested(ok + 1))).unwrap_err();
    assert!(matches!(err, Error::InvalidRegex { .. }), "{err:?}");
    assert!(err.to_string().contains("rule `deep`") && err.to_string().contains("nest"), "{err}");
    eprintln!("cost: deepest accepted regex nesting: {ok} groups");
    let s = config(&rule(&nested(ok))).expect("compiles");
    let text = format!("{}x", "a".repeat(ok));
    assert_eq!(s.find(&text).len(), 1);
    // Nested repetitions too.
    let reps = format!("{}a{}", "(?:".repeat(200), "+)".repeat(200));
    assert!(matches!(config(&rule(&reps)), Err(Error::InvalidRegex { .. })));
}

#[test]
fn regexes_at_the_size_limits() {
    let rule = |p: &str| format!(r#"{{"profile": "none", "rules": {{"big": {{"pattern": "{p}"}}}}}}"#);
    // The longest accepted source: 16 KiB.
    let long = |n: usize| format!("z{}", "[a-c]".repeat((n - 1) / 5)) + &"q".repeat((n - 1) % 5);
    let t = Instant::now();
    let s = config(&rule(&long(16 * 1024))).expect("16 KiB pattern compiles");
    eprintln!("cost: 16 KiB regex compiles in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    assert!(s.find(&format!("z{}", "a".repeat(3300))).is_empty());
    let err = config(&rule(&long(16 * 1024 + 1))).unwrap_err();
    assert!(err.to_string().contains("the limit is 16384"), "{err}");

    // Counted repetitions that blow up the automaton: refused with the limit.
    for p in [r"\\w{1000}{1000}", r"(?:[a-z0-9]{1000}){1000}x", r"\\pL{1000}{100}"] {
        let t = Instant::now();
        let err = config(&rule(p)).unwrap_err();
        eprintln!("cost: regex `{p}` refused in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        assert!(
            matches!(err, Error::RegexTooLarge { limit, .. } if limit > 0) || matches!(err, Error::InvalidRegex { .. }),
            "{p}: {err:?}"
        );
        assert!(err.to_string().contains("rule `big`"), "{err}");
    }
    // Just under the limit compiles, and scans in linear time.
    let s = config(&rule(r"k[0-9a-f]{1000}k")).expect("compiles");
    check_linear(
        "scan with a 1000-repetition regex",
        big() / 4,
        3.0,
        |n| repeat("k0123456789abcdef", n, "k"),
        |t| s.find(t).len(),
    );
}

#[test]
fn findings_have_the_documented_actions() {
    // The invariants used above hold for a config with every action kind.
    let s = config(
        r#"{"hash_key": "k", "rules": {"email": {"action": "hash"}, "ipv4": {"action": {"type": "mask", "keep_last": 2}},
            "phone": {"action": "remove"}, "credit_card": {"action": "keep"}}}"#,
    )
    .expect("compiles");
    let text = repeat("ada@example.com, 10.0.0.1, +44 20 7946 0958, 4111 1111 1111 1111; ", 1 << 12, "");
    let r = s.scrub_with_findings(&text);
    check_ranges(text.as_bytes(), &r.findings);
    let kinds: std::collections::HashSet<ActionKind> = r.findings.iter().map(|f| f.action).collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(!r.text.contains(EMAIL) && !r.text.contains("10.0.0.1") && r.text.contains("4111 1111 1111 1111"));
    // Scrubbing the output again changes nothing for hash, mask and remove.
    assert_eq!(s.scrub(&r.text), r.text);
}
