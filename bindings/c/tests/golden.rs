//! The expected outputs of the C examples (`make test-c` compares the
//! programs' output with them) are what the core gives: `scrub_lines` on
//! examples/sample.log, `events` on examples/events.ndjson.
//! `SCRUBJAY_BLESS=1` rewrites them.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check(golden: &str, want: Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(golden);
    if std::env::var_os("SCRUBJAY_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read(&path).unwrap_or_default();
    assert!(have == want, "{} is stale; rerun with SCRUBJAY_BLESS=1", path.display());
}

#[test]
fn scrub_lines_golden() {
    let s = scrubjay::Scrubber::default();
    let input = std::fs::read(root().join("examples/sample.log")).unwrap();
    let mut out = Vec::new();
    for line in input.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        out.extend_from_slice(&s.scrub_bytes(body));
        out.extend_from_slice(&line[body.len()..]);
    }
    assert_ne!(out, input, "the sample has findings");
    check("sample.log", out);
}

#[test]
fn events_golden() {
    let s = scrubjay::Scrubber::default();
    let input = std::fs::read_to_string(root().join("examples/events.ndjson")).unwrap();
    let mut out = String::new();
    for line in input.lines() {
        out.push_str(&s.scrub_json_str(line).unwrap());
        out.push('\n');
    }
    check("events.ndjson", out.into_bytes());
}
