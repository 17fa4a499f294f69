//! Scrubbing realistic text and JSON twice gives the same output as once,
//! exactly, with every replace / mask / hash setup of the fuzz targets.
//!
//! The fuzz targets allow one bounded exception to idempotence (a rendering
//! can change how the text right next to it reads; docs/RELIABILITY.md,
//! "Fuzzing"), reached with adversarial text. This test holds the generated
//! log, document and event corpora of the benchmarks, the example files and
//! the conformance inputs to the strict property, without that exception.

use scrubjay::{Config, Scrubber};
use scrubjay_benches::{dense_logs, dirty_json_events, document, typical_logs};

/// The fixed scrubbers of the fuzz targets that replace, mask or hash.
fn scrubbers() -> Vec<(&'static str, Scrubber)> {
    [
        ("default", r#"{}"#),
        ("strict", r#"{"profile": "strict"}"#),
        ("secrets", r#"{"profile": "secrets"}"#),
        ("strict-mask", r#"{"profile": "strict", "default_action": "mask"}"#),
        ("strict-hash", r#"{"profile": "strict", "default_action": "hash", "hash_key": "idempotence-test"}"#),
    ]
    .into_iter()
    .map(|(name, json)| (name, Scrubber::new(&Config::from_json(json).expect("config parses")).expect("compiles")))
    .collect()
}

fn repo_file(path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text inputs: generated logs and a document, the sample log, and the
/// conformance corpus's text cases.
fn texts() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, lines) in [("typical log", typical_logs(3000)), ("dense log", dense_logs(3000))] {
        out.extend(lines.into_iter().enumerate().map(|(i, l)| (format!("{name} line {}", i + 1), l)));
    }
    let doc = document(7, 256 << 10);
    out.extend(doc.lines().enumerate().map(|(i, l)| (format!("document line {}", i + 1), l.to_string())));
    out.push(("document".to_string(), doc));
    let sample = repo_file("examples/sample.log");
    out.extend(sample.lines().enumerate().map(|(i, l)| (format!("examples/sample.log line {}", i + 1), l.to_string())));
    let cases: serde_json::Value = serde_json::from_str(&repo_file("conformance/cases.json")).expect("cases parse");
    for case in cases["cases"].as_array().expect("cases is a list") {
        if let (Some("text"), Some(input)) = (case["kind"].as_str(), case["input"].as_str()) {
            out.push((format!("conformance case {:?}", case["name"].as_str().unwrap_or("?")), input.to_string()));
        }
    }
    out
}

/// The JSON inputs: generated events with findings, the example documents
/// and each line of the example NDJSON.
fn jsons() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        dirty_json_events(1000).into_iter().enumerate().map(|(i, e)| (format!("event {}", i + 1), e)).collect();
    for f in ["examples/error_event.json", "examples/request_log.json"] {
        out.push((f.to_string(), repo_file(f)));
    }
    let ndjson = repo_file("examples/events.ndjson");
    out.extend(
        ndjson
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| (format!("examples/events.ndjson line {}", i + 1), l.to_string())),
    );
    out
}

#[test]
fn realistic_text_is_scrubbed_idempotently() {
    let inputs = texts();
    assert!(inputs.len() > 6000, "the corpora are not empty");
    let mut failures = Vec::new();
    for (setup, s) in scrubbers() {
        let mut changed = 0;
        for (what, input) in &inputs {
            let once = s.scrub(input);
            changed += usize::from(once != *input);
            let twice = s.scrub(&once);
            if twice != once {
                failures.push(format!("{setup}, {what}:\n  input  {input:?}\n  once   {once:?}\n  twice  {twice:?}"));
            }
        }
        // The corpora hold findings for every setup, so the check has work.
        assert!(changed > 500, "{setup}: only {changed} inputs changed");
    }
    assert!(failures.is_empty(), "{} inputs not idempotent:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn realistic_json_is_scrubbed_idempotently() {
    let inputs = jsons();
    let mut failures = Vec::new();
    for (setup, s) in scrubbers() {
        let mut changed = 0;
        for (what, input) in &inputs {
            let once = s.scrub_json_str(input).unwrap_or_else(|e| panic!("{setup}, {what}: {e}")).into_owned();
            changed += usize::from(once != *input);
            let twice = s.scrub_json_str(&once).unwrap_or_else(|e| panic!("{setup}, {what}, second pass: {e}"));
            if twice != once {
                failures.push(format!("{setup}, {what}:\n  once   {once}\n  twice  {twice}"));
            }
        }
        assert!(changed > 500, "{setup}: only {changed} documents changed");
    }
    assert!(failures.is_empty(), "{} documents not idempotent:\n{}", failures.len(), failures.join("\n"));
}
