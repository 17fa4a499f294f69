//! The JSON fixtures in `examples/` parse, and `scrub_json_str` scrubs the
//! personal data and secrets put in them while every other value keeps its
//! exact bytes.

use std::borrow::Cow;
use std::collections::BTreeSet;

use scrubjay::Scrubber;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every scalar of `v` by JSON Pointer.
fn leaves(v: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{pointer}/{}", escape(k)), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{pointer}/{i}"), out)),
        _ => out.push((pointer, v.clone())),
    }
}

/// Scrubs `doc` and checks, against the report, that:
/// - the output parses;
/// - every value without a finding is unchanged, and every one with a
///   finding changed;
/// - formatting is kept: the same lines, and only lines holding a value
///   with a finding differ.
///
/// Returns the scrubbed text.
fn scrub_checked(s: &Scrubber, doc: &str) -> String {
    let before: Value = serde_json::from_str(doc).expect("fixture parses");
    let r = s.scrub_json_with_report(doc).expect("scrubs");
    let out = r.text.to_string();
    let after: Value = serde_json::from_str(&out).expect("output parses");
    let found: BTreeSet<&str> = r.findings.iter().map(|f| f.pointer.as_str()).collect();
    let under_finding = |p: &str| found.iter().any(|f| p == *f || p.starts_with(&format!("{f}/")));
    let mut all = Vec::new();
    leaves(&before, String::new(), &mut all);
    for (pointer, value) in &all {
        if under_finding(pointer) {
            assert_ne!(after.pointer(pointer), Some(value), "{pointer} has a finding but did not change");
        } else {
            assert_eq!(after.pointer(pointer), Some(value), "{pointer} has no finding but changed");
        }
    }
    // Lines: the values with findings (their scalars, for a container
    // scrubbed whole), as they are written in the fixture.
    let changed: Vec<String> = all
        .iter()
        .filter(|(pointer, _)| under_finding(pointer))
        .map(|(_, value)| serde_json::to_string(value).unwrap())
        .collect();
    assert_eq!(doc.lines().count(), out.lines().count());
    for (a, b) in doc.lines().zip(out.lines()) {
        if a != b {
            assert!(changed.iter().any(|c| a.contains(c.as_str())), "line changed without a finding:\n{a}\n{b}");
        }
    }
    out
}

fn assert_scrubbed(out: &str, gone: &[&str], kept: &[&str]) {
    for g in gone {
        assert!(!out.contains(g), "{g:?} survived scrubbing");
    }
    for k in kept {
        assert!(out.contains(k), "{k:?} was not kept byte for byte");
    }
}

#[test]
fn error_event() {
    let doc = fixture("error_event.json");
    assert!((4_000..=8_192).contains(&doc.len()), "{} bytes", doc.len());
    let s = Scrubber::default();
    let out = scrub_checked(&s, &doc);
    assert_scrubbed(
        &out,
        &[
            "ada.lovelace@example.com",
            "4111 1111 1111 1111",
            "4111111111111111",
            "sk_live_",
            "c2f1e9a47b3d8e60f5a2c7d9b1e4f803",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            "k3v9x2m8q1w7e4r6t5y0u2i8o3p1a9s7",
            "Qm7xZr2Lp9Vt4Nw8Ks3Hd6Fj1Gb5Cy0E",
            "correct horse battery staple",
            "+44 20 7946 0958",
            "203.0.113.42",
            "10.0.3.17",
        ],
        &[
            r#""event_id": "9f2c1a7b3e4d4c5f8a6b7c8d9e0f1a2b","#,
            r#""release": "shop@2.14.3+a1b2c3d","#,
            r#""trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7""#,
            r#""debug_id": "1c6b2e8f-9a4d-3f7e-5b0c-2d4e6f8a1b3c", "image_addr": "0x7f3a1c000000", "image_size": 262144"#,
            r#""handler": "<bound method CheckoutView.post of <CheckoutView object at 0x7f3a1c2b9d50>>""#,
            r#"{"filename": "shop/services/checkout.py", "function": "_with_retry", "lineno": 61, "in_app": true, "vars": {"attempt": 1, "max_attempts": 3, "backoff_ms": 250}}"#,
            r#"["Host", "shop.example.com"],"#,
            r#""message": "SELECT id, sku, price FROM catalog_item WHERE id IN (%s, %s, %s)", "data": {"duration_ms": 3.2}"#,
            r#""postcode": "SW1Y 4JH""#,
            r#""items": [{"sku": "TEA-EARLGREY-250", "qty": 2}]"#,
            "\n  \"debug_meta\": {\n    \"images\": [\n",
        ],
    );
}

#[test]
fn request_log() {
    let doc = fixture("request_log.json");
    let records: Vec<Value> = serde_json::from_str(&doc).unwrap();
    assert_eq!(records.len(), 11);
    let s = Scrubber::default();
    let out = scrub_checked(&s, &doc);
    assert_scrubbed(
        &out,
        &[
            "ada.lovelace@example.com",
            "203.0.113.42",
            "198.51.100.7",
            "2001:db8:85a3::8a2e:370:7334",
            "eyJhbGciOiJSUzI1NiIs",
            "k_live_7Hq2Lx9Vb4Nm8Rt3Ws6Yd1Zf5Gc0Jp",
            "APA91bH7xZ2kLm9Np4Qr8St1Uv5Wx3Yz6Ab0Cd",
            "sessionid=",
            "+44 20 7946 0958",
            "YWRhOmNvcnJlY3QgaG9yc2UgYmF0dGVyeSBzdGFwbGU=",
            "8c1e5b3f9a7d2c4e6f0a1b3d5e7f9a2c",
        ],
        &[
            r#""request_id": "req_5a1f3c9e00001eef","#,
            r#""if-none-match": "W/\"5e1-18e3f7a9c2b\"","#,
            r#""x-request-id": "0f8c2d7a-3b1e-4c9d-8a6f-2e5b7c9d1f3a""#,
            r#""query": "utm_source=google&utm_medium=organic","#,
            r#""user_agent": "curl/8.5.0","#,
            r#""host": "web-7.prod.internal:9102","#,
            "\"duration_ms\": 1204.5,\n",
        ],
    );
}

#[test]
fn ndjson_events() {
    let text = fixture("events.ndjson");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 30);
    let s = Scrubber::default();
    let mut with_findings = 0;
    let mut out = String::new();
    for line in &lines {
        serde_json::from_str::<Value>(line).expect("every line parses");
        match s.scrub_json_str(line).unwrap() {
            Cow::Borrowed(_) => out.push_str(line),
            Cow::Owned(_) => {
                with_findings += 1;
                out.push_str(&scrub_checked(&s, line));
            }
        }
        out.push('\n');
    }
    assert_eq!(with_findings, 10, "a third of the lines carry personal data or a secret");
    assert_scrubbed(
        &out,
        &[
            "ada.lovelace@example.com",
            "grace.hopper@example.org",
            "203.0.113.42",
            "198.51.100.7",
            "2001:db8:85a3::8a2e:370:7334",
            "sk_live_51HxQpLKz8mVbN3rT0aYcDe2F",
            "Pg!s3cr3t-2024",
            "DE89 3704 0044 0532 0130 00",
            "(555) 867-5309",
            "AKIAIOSFODNN7EXAMPLE",
            "prt_9c2f7e1a4b8d3c6e0f5a2b7d9e1c4f8a",
        ],
        &[
            r#""trace_id":"4bf92f3577b34da6a3ce929d0e0e4736""#,
            r#""Idempotency-Key":"ord-48213-1"}},"card_last4":"1111""#,
            r#""cron":"0 2 * * *""#,
            r#""addr":"0.0.0.0:8000""#,
            r#""batch":{"events":512,"bytes":1048576,"segment":"seg-000183","lag_ms":140}"#,
            "@db-primary.prod.internal:5432/shop",
        ],
    );
}
