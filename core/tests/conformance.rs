//! The conformance corpus (`conformance/cases.json`), which every binding
//! runs too: this test checks that its expected outputs and findings are
//! what the core gives. `SCRUBJAY_BLESS=1` rewrites them.

use scrubjay::{Config, Scrubber};
use serde_json::{Value, json};

fn path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/cases.json")
}

fn scrubber(config: &Value) -> Result<Scrubber, scrubjay::Error> {
    if config.is_null() { Ok(Scrubber::default()) } else { Scrubber::new(&Config::from_value(config.clone())?) }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("input_hex is hex")).collect()
}

/// The expected fields of a case, as the core computes them.
fn expected(case: &Value) -> Vec<(&'static str, Value)> {
    let kind = case["kind"].as_str().expect("kind");
    let s = match scrubber(&case["config"]) {
        Ok(s) => s,
        Err(e) => {
            assert_eq!(kind, "config_error", "{}: {e}", case["name"]);
            return vec![("error", json!(e.to_string()))];
        }
    };
    let text_findings = |found: Vec<scrubjay::Finding>| -> Value {
        found
            .iter()
            .map(|f| json!({"rule": &*f.rule, "start": f.start, "end": f.end, "action": f.action.as_str()}))
            .collect()
    };
    match kind {
        "text" => {
            let input = case["input"].as_str().expect("input");
            vec![("output", json!(s.scrub(input))), ("findings", text_findings(s.find(input)))]
        }
        "bytes" => {
            let input = unhex(case["input_hex"].as_str().expect("input_hex"));
            vec![("output_hex", json!(hex(&s.scrub_bytes(&input)))), ("findings", text_findings(s.find_bytes(&input)))]
        }
        "json" => {
            let input = case["input"].as_str().expect("input");
            let r = s.scrub_json_with_report(input).expect("valid JSON");
            let findings: Value = r
                .findings
                .iter()
                .map(|f| {
                    json!({"pointer": f.pointer, "rule": &*f.rule, "start": f.start, "end": f.end,
                           "action": f.action.as_str(), "whole": f.whole})
                })
                .collect();
            vec![("output", json!(r.text)), ("findings", findings)]
        }
        other => panic!("{}: kind {other} compiled", case["name"]),
    }
}

#[test]
fn the_corpus_is_current() {
    let text = std::fs::read_to_string(path()).expect("conformance/cases.json");
    let mut corpus: Value = serde_json::from_str(&text).expect("cases.json is JSON");
    let bless = std::env::var_os("SCRUBJAY_BLESS").is_some();
    let mut stale = Vec::new();
    for case in corpus["cases"].as_array_mut().expect("cases") {
        for (field, want) in expected(case) {
            if case[field] != want {
                stale.push(format!("{} `{field}`: file has {}, core gives {}", case["name"], case[field], want));
                case[field] = want;
            }
        }
    }
    if bless {
        let mut out = serde_json::to_string_pretty(&corpus).expect("serializable");
        out.push('\n');
        std::fs::write(path(), out).expect("write cases.json");
        return;
    }
    assert!(
        stale.is_empty(),
        "stale conformance corpus (rerun with SCRUBJAY_BLESS=1 if intended):\n{}",
        stale.join("\n")
    );
}
