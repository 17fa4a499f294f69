//! Adversarial inputs through the `scrubjay` binary: each finishes (or
//! fails with a clear message and exit status 2) in time proportional to
//! its size and in memory bounded by its size or by the CLI's caps.
//!
//! Time is checked by comparing sizes (one run on `4n` against four on
//! `n`, best of a few tries), never by absolute timings. Memory (the peak
//! resident set size of the CLI) is checked in `adversarial_rss.rs`, which
//! runs in a test binary of its own so that no other test's processes
//! count.
//!
//! Sizes are the issue's in release builds (`make test-adversarial`) and
//! 1/32 of that in debug builds (`cargo test --workspace`).

mod adv_util;
mod common;

use std::time::Instant;

use adv_util::{check_linear, ok, scaled};
use common::{TempDir, p, run, stderr};

const EMAIL: &str = "ada@example.com";

#[test]
fn invalid_utf8_and_nul_bytes_pass_through() {
    let mut input = Vec::new();
    for i in 0..scaled(1 << 16) {
        input.extend_from_slice(&[0xff, 0, (i % 256) as u8, 0xc3]);
        input.extend_from_slice(b" ada@example.com\0\xed\xa0\x80 10.0.0.1 \xf0\x9f\x98\n");
    }
    let out = run(&["scrub"], &input);
    ok(&out);
    let expected = scrubjay::Scrubber::default().scrub_bytes(&input).into_owned();
    assert_eq!(out.stdout, expected, "bytes outside findings must pass unchanged");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(EMAIL));
    assert_eq!(out.stdout.iter().filter(|&&b| b == 0).count(), input.iter().filter(|&&b| b == 0).count());
}

fn deep_arrays(depth: usize, leaf: &str) -> String {
    format!("{}{leaf}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn json_100000_deep_and_a_million_keys() {
    let dir = TempDir::new();
    let depth = scaled(100_000);
    let doc = deep_arrays(depth, &format!("\"{EMAIL}\""));
    let file = dir.file("deep.json", &doc);
    let out = run(&["scrub", p(&file)], b"");
    ok(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), deep_arrays(depth, "\"[email]\""));
    // The same as one NDJSON line, and as a scan with pointers.
    let out = run(&["scrub", "--format", "ndjson"], format!("{doc}\n{{\"a\": 1}}\n").as_bytes());
    ok(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{}\n{{\"a\": 1}}\n", deep_arrays(depth, "\"[email]\"")));
    let out = run(&["scan", "--json", p(&file)], b"");
    assert_eq!(out.status.code(), Some(1), "findings: exit 1; stderr: {}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&"/0".repeat(depth)));

    // Unbalanced: exit 2 with line and column, nothing written.
    let bad = dir.file("bad.json", &doc[..doc.len() - 1]);
    let out = run(&["scrub", p(&bad)], b"");
    common::assert_error(&out, "line 1");

    // A million keys, through scrub and scan: linear.
    let keys = |n: usize| {
        let mut s = String::from("{");
        for i in 0..n / 18 {
            if i > 0 {
                s.push(',');
            }
            if i % 1000 == 0 {
                s.push_str(&format!("\"token{i}\":\"t{i}\""));
            } else {
                s.push_str(&format!("\"k{i}\":\"v{i}\""));
            }
        }
        s.push('}');
        s.into_bytes()
    };
    let (input, out) = check_linear("JSON, 1,000,000 keys", &["scrub", "--format", "json"], scaled(18_000_000), keys);
    ok(&out);
    let secrets = String::from_utf8_lossy(&input).matches("\"token").count();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("[sensitive_key]").count(), secrets);
    let (_, out) = check_linear("scan JSON, 1,000,000 keys", &["scan", "--format", "json"], scaled(18_000_000), keys);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), secrets);

    // Over --max-document-bytes: refused before it is read whole.
    let out = run(&["scrub", "--format", "json", "--max-document-bytes", "1M"], &keys(2 << 20));
    common::assert_error(&out, "larger than 1048576 bytes");
}

#[test]
fn ndjson_with_bad_lines_throughout() {
    // Every other line is invalid (bad UTF-8, NULs, lone surrogates,
    // truncated); the valid ones are scrubbed, the rest reported.
    let mut input = Vec::new();
    let lines = scaled(200_000);
    for i in 0..lines {
        match i % 4 {
            0 => input.extend_from_slice(format!("{{\"m\": \"{EMAIL}\", \"s\": \"\\ud800\\u0000\"}}\n").as_bytes()),
            1 => input.extend_from_slice(b"{\"m\": \"\xff\"}\n"),
            2 => input.extend_from_slice(b"{\"m\": \"a\0b\"}\n"),
            _ => input.extend_from_slice(b"{\"m\": [1, 2\n"),
        }
    }
    let t = Instant::now();
    let out = run(&["scrub", "--format", "ndjson"], &input);
    let elapsed = t.elapsed();
    assert_eq!(out.status.code(), Some(0), "--on-invalid pass keeps exit 0");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), lines);
    assert_eq!(text.matches("[email]").count(), lines.div_ceil(4));
    assert!(text.contains(r#""s": "\ud800\u0000""#), "escapes are kept as written");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 51, "the first 50 bad lines are listed, then a summary: {err}");
    let bad = lines - lines.div_ceil(4);
    assert!(err.contains(&format!("{bad} invalid lines in all")), "{err}");
    assert!(!err.contains("panicked"));
    eprintln!(
        "cost: cli NDJSON {} lines, 3 in 4 invalid | {:.2} MB | {:.1} ms",
        lines,
        input.len() as f64 / (1 << 20) as f64,
        elapsed.as_secs_f64() * 1e3
    );
    let out = run(&["scrub", "--format", "ndjson", "--on-invalid", "fail"], &input);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn configs_with_thousands_of_rules() {
    let dir = TempDir::new();
    let n = scaled(4000).max(200);
    let rules: Vec<String> =
        (0..n).map(|i| format!(r#""r{i}": {{"pattern": "tok{i}x-[0-9a-f]{{8}}", "action": "remove"}}"#)).collect();
    let terms: Vec<String> = (0..scaled(100_000)).map(|i| format!("\"codename{i:07}\"")).collect();
    let config = format!(r#"{{"rules": {{{}, "names": {{"terms": [{}]}}}}}}"#, rules.join(","), terms.join(","));
    let file = dir.file("big.json", &config);
    let last = n - 1;
    let input = format!("a tok{last}x-0123abcd b codename0000042 c {EMAIL}\n");
    let t = Instant::now();
    let out = run(&["scrub", "--config", p(&file)], input.as_bytes());
    ok(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a  b [names] c [email]\n");
    eprintln!(
        "cost: cli config of {:.1} MB ({n} pattern rules, {} terms): {:.0} ms to start and scrub one line",
        config.len() as f64 / (1 << 20) as f64,
        terms.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    // Limits: a clear error naming the rule, exit 2.
    let deep = dir.file(
        "deep.json",
        format!(r#"{{"rules": {{"deep": {{"pattern": "{}x{}"}}}}}}"#, "(".repeat(100), ")".repeat(100)),
    );
    common::assert_error(&run(&["scrub", "--config", p(&deep)], b""), "rule `deep`");
    let huge = dir.file("huge.json", r#"{"rules": {"huge": {"pattern": "\\w{1000}{1000}"}}}"#);
    common::assert_error(&run(&["scrub", "--config", p(&huge)], b""), "too large");
    let long = dir.file("long.json", format!(r#"{{"rules": {{"long": {{"pattern": "{}"}}}}}}"#, "a".repeat(20_000)));
    common::assert_error(&run(&["scrub", "--config", p(&long)], b""), "the limit is 16384");
    let deep_json = dir.file("deepconf.json", deep_arrays(100_000, "1"));
    common::assert_error(&run(&["scrub", "--config", p(&deep_json)], b""), "config");
}
