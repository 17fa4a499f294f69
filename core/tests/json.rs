//! Scrubbing JSON documents: exact bytes where nothing changes, key rules,
//! numbers, pairs, selectors, reports, depth, errors; and a property test
//! against a naive implementation over `serde_json::Value`.

use std::borrow::Cow;

use proptest::prelude::*;
use scrubjay::{Config, Scrubber};
use serde_json::{Value, json};

fn scrubber(config: &str) -> Scrubber {
    Scrubber::new(&Config::from_json(config).unwrap()).unwrap()
}

#[test]
fn unchanged_bytes_stay_as_they_were() {
    let s = Scrubber::default();
    let doc = "{ \"a\" : 1.50e3 ,\n\t\"b\":[true,null , \"x\"],\"c\":\"\\u00e9\" }";
    assert!(matches!(s.scrub_json_str(doc).unwrap(), Cow::Borrowed(_)));
    let doc = "{\n  \"z\": 1,\n  \"msg\" :  \"from 10.0.0.1\" ,\n  \"a\": [1.0, 2e5]\n}";
    assert_eq!(
        s.scrub_json_str(doc).unwrap(),
        "{\n  \"z\": 1,\n  \"msg\" :  \"from [ipv4]\" ,\n  \"a\": [1.0, 2e5]\n}"
    );
}

#[test]
fn sensitive_keys_take_the_whole_value_whatever_its_type() {
    let s = Scrubber::default();
    let doc = r#"{"password": {"old": "a", "new": ["b", 1]}, "apiKey": 12345, "session_id": null, "ok": "x"}"#;
    assert_eq!(
        s.scrub_json_str(doc).unwrap(),
        r#"{"password": "[sensitive_key]", "apiKey": "[sensitive_key]", "session_id": null, "ok": "x"}"#,
        "null has nothing to hide"
    );
    for key in
        ["userPassword", "X-Api-Key", "db.password", "access_token", "set-cookie", "mysql_pwd", "cvv", "card_number"]
    {
        let doc = json!({ key: "v" }).to_string();
        assert_eq!(s.scrub_json_str(&doc).unwrap(), json!({ key: "[sensitive_key]" }).to_string(), "{key}");
    }
    for key in ["author", "authenticated", "footpath", "idiotproof", "token_count"] {
        let doc = json!({ key: "v" }).to_string();
        assert_eq!(s.scrub_json_str(&doc).unwrap(), doc, "{key}");
    }
}

#[test]
fn key_words_can_be_added_and_removed() {
    let s = scrubber(r#"{"json": {"sensitive_keys": {"add": ["member number"], "remove": ["session"]}}}"#);
    assert_eq!(
        s.scrub_json_str(r#"{"memberNumber": "A1", "session": "s", "token": "t"}"#).unwrap(),
        r#"{"memberNumber": "[sensitive_key]", "session": "s", "token": "[sensitive_key]"}"#
    );
    let err = Scrubber::from_json(r#"{"json": {"sensitive_keys": {"add": ["a b c"]}}}"#).unwrap_err();
    assert!(err.to_string().contains("json.sensitive_keys.add[0]"), "{err}");
}

#[test]
fn numbers_are_checked() {
    let s = Scrubber::default();
    assert_eq!(
        s.scrub_json_str(r#"{"c": 4111111111111111, "p": 14155552671, "n": 4111111111111112}"#).unwrap(),
        r#"{"c": "[credit_card]", "p": 14155552671, "n": 4111111111111112}"#
    );
    let s = scrubber(r#"{"json": {"scrub_numbers": false}}"#);
    assert!(matches!(s.scrub_json_str(r#"{"c": 4111111111111111}"#).unwrap(), Cow::Borrowed(_)));
}

#[test]
fn escaped_strings_are_read_decoded_and_written_back_escaped() {
    let s = Scrubber::default();
    let out = s.scrub_json_str(r#"{"m": "mail ada\u0040example.com \"now\"\n"}"#).unwrap();
    assert_eq!(out, r#"{"m": "mail [email] \"now\"\n"}"#);
    let r = s.report_json(r#"{"m": "\u00e9 ada@example.com"}"#).unwrap();
    assert_eq!((r[0].start, r[0].end), (3, 18), "offsets are in the decoded string");
}

#[test]
fn safe_keys_and_excluded_paths_are_left_alone() {
    let s = scrubber(r#"{"json": {"safe_keys": ["trace_id", "Debug"], "exclude": ["**.debug_meta", "extra.raw"]}}"#);
    let doc = r#"{"trace_id": "10.0.0.1", "debug": {"password": "x"}, "a": {"debug_meta": {"ip": "10.0.0.2"}}, "extra": {"raw": "10.0.0.3", "cooked": "10.0.0.4"}}"#;
    assert_eq!(
        s.scrub_json_str(doc).unwrap(),
        r#"{"trace_id": "10.0.0.1", "debug": {"password": "x"}, "a": {"debug_meta": {"ip": "10.0.0.2"}}, "extra": {"raw": "10.0.0.3", "cooked": "[ipv4]"}}"#
    );
}

#[test]
fn rules_can_be_scoped_to_paths() {
    let s = scrubber(
        r#"{"rules": {
            "email": {"include_paths": ["user.*", "breadcrumbs.*.message"]},
            "ipv4": {"exclude_paths": ["request.headers.*"]}
        }}"#,
    );
    let doc = r#"{"user": {"email": "a@b.io"}, "contact": "c@d.io", "breadcrumbs": [{"message": "e@f.io", "category": "g@h.io"}],
        "request": {"headers": {"x-forwarded-for": "10.0.0.1"}, "ip": "10.0.0.2"}}"#;
    let out: Value = serde_json::from_str(&s.scrub_json_str(doc).unwrap()).unwrap();
    assert_eq!(out["user"]["email"], "[email]");
    assert_eq!(out["contact"], "c@d.io");
    assert_eq!(out["breadcrumbs"][0]["message"], "[email]");
    assert_eq!(out["breadcrumbs"][0]["category"], "g@h.io");
    assert_eq!(out["request"]["headers"]["x-forwarded-for"], "10.0.0.1");
    assert_eq!(out["request"]["ip"], "[ipv4]");
}

#[test]
fn path_rules_scrub_whole_values_with_their_action() {
    let s = scrubber(
        r#"{"rules": {
            "card_data": {"paths": ["payment.card.*"], "action": {"type": "mask", "keep_last": 4}},
            "auth": {"paths": ["request.headers.authorization"], "action": "remove"}
        }}"#,
    );
    let doc = r#"{"payment": {"card": {"number": "4000 0000 0000 9999", "holder": "Ada"}}, "request": {"headers": {"Authorization": "Basic abc"}}}"#;
    let out: Value = serde_json::from_str(&s.scrub_json_str(doc).unwrap()).unwrap();
    assert_eq!(out["payment"]["card"]["number"], "***************9999");
    assert_eq!(out["payment"]["card"]["holder"], "***", "short values are masked entirely");
    assert_eq!(out["request"]["headers"]["Authorization"], Value::Null, "remove sets whole values to null");
}

/// Whole values are scrubbed whatever they hold; a value that already is
/// the rule's rendering is left alone, so scrubbing twice changes nothing
/// (a hash of a hash rendering would be another hash).
#[test]
fn whole_values_scrubbed_before_are_left_alone() {
    let doc = r#"{"password": "hunter2", "token": {"a": [1, 2]}, "api_key": 12345, "card": {"number": "4111 1111 1111 1111"},
        "headers": [["Authorization", "Basic abc"]], "note": "ip 10.0.0.1"}"#;
    for cfg in [
        r#"{"default_action": "hash", "hash_key": "k"}"#,
        r#"{"default_action": {"type": "hash", "length": 8, "template": "<{rule}/{hash}>"}, "hash_key": "k"}"#,
        r#"{"default_action": {"type": "replace", "template": "<{rule} removed>"}}"#,
        r#"{"default_action": {"type": "mask", "keep_last": 2}}"#,
        r#"{"hash_key": "k", "rules": {"card_data": {"paths": ["card.*"], "action": "hash"}}}"#,
    ] {
        let s = scrubber(cfg);
        let once = s.scrub_json_str(doc).unwrap().into_owned();
        assert_ne!(once, doc, "{cfg}");
        assert_eq!(s.scrub_json_str(&once).unwrap(), once, "{cfg}: scrubbing twice changed the output");
        assert!(s.report_json(&once).unwrap().is_empty(), "{cfg}: findings in scrubbed output");
        let mut v: Value = serde_json::from_str(&once).unwrap();
        let before = v.clone();
        s.scrub_json_value(&mut v).unwrap();
        assert_eq!(v, before, "{cfg}: the value API scrubbed twice");
    }
    // A value that only looks like another rule's rendering, or a hash of
    // another length, is still scrubbed.
    let s = scrubber(r#"{"default_action": "hash", "hash_key": "k"}"#);
    for v in ["[email:0123456789abcdef]", "[sensitive_key:0123]", "[sensitive_key]"] {
        let doc = json!({ "password": v }).to_string();
        assert_eq!(s.report_json(&doc).unwrap().len(), 1, "{v}");
    }
}

#[test]
fn pair_lists_are_read_as_keys_and_values() {
    let s = Scrubber::default();
    let doc = r#"{"headers": [["Accept", "*/*"], ["Authorization", "Bearer x"], ["Cookie", "sid=1"]]}"#;
    let r = s.scrub_json_with_report(doc).unwrap();
    assert_eq!(
        r.text,
        r#"{"headers": [["Accept", "*/*"], ["Authorization", "[sensitive_key]"], ["Cookie", "[sensitive_key]"]]}"#
    );
    assert_eq!(r.findings.iter().map(|f| f.pointer.as_str()).collect::<Vec<_>>(), ["/headers/1/1", "/headers/2/1"]);
    // Selectors see a pair's value under its key.
    let s = scrubber(r#"{"rules": {"h": {"paths": ["request.headers.x-secret"]}}}"#);
    let out = s.scrub_json_str(r#"{"request": {"headers": [["X-Secret", "v"], ["X-Other", "w"]]}}"#).unwrap();
    assert_eq!(out, r#"{"request": {"headers": [["X-Secret", "[h]"], ["X-Other", "w"]]}}"#);
    // And at their own path.
    let s = scrubber(r#"{"rules": {"h": {"paths": ["request.headers[1][1]"]}}}"#);
    let out = s.scrub_json_str(r#"{"request": {"headers": [["X-Trace", "v"], ["X-Other", "w"]]}}"#).unwrap();
    assert_eq!(out, r#"{"request": {"headers": [["X-Trace", "v"], ["X-Other", "[h]"]]}}"#);
}

#[test]
fn query_strings_and_form_bodies_are_scrubbed_by_key() {
    let s = Scrubber::default();
    let out = s
        .scrub_json_str(r#"{"url": "https://x.io/cb?code=1&token=abc123&page=2", "body": "user=bob&password=hunter2"}"#)
        .unwrap();
    assert_eq!(
        out,
        r#"{"url": "https://x.io/cb?code=1&token=[password_assignment]&page=2", "body": "user=bob&password=[password_assignment]"}"#
    );
}

#[test]
fn reports_use_json_pointers_and_a_dry_run_changes_nothing() {
    let s = Scrubber::default();
    let doc = r#"{"a/b": {"m~n": ["x", "ip 10.0.0.1"]}, "": "ada@example.com"}"#;
    let report = s.report_json(doc).unwrap();
    let pointers: Vec<&str> = report.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(pointers, ["/a~1b/m~0n/1", "/"]);
    assert_eq!((report[0].start, report[0].end), (3, 11));
    let with = s.scrub_json_with_report(doc).unwrap();
    assert_eq!(with.findings, report, "the dry run reports what scrubbing does");
}

#[test]
fn deep_nesting_is_walked_without_recursion() {
    let s = Scrubber::default();
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let depth = 100_000;
        let doc = format!("{}\"10.0.0.1\"{}", open.repeat(depth), close.repeat(depth));
        let out = s.scrub_json_str(&doc).unwrap();
        assert!(out.contains("[ipv4]") && out.len() == doc.len() - 2, "depth {depth}");
        let report = s.report_json(&doc).unwrap();
        assert_eq!(report.len(), 1);
    }
    let mut v = json!("x");
    for _ in 0..200 {
        v = json!([v]);
    }
    let err = s.scrub_json_value(&mut v).unwrap_err();
    assert!(err.message.contains("deeper than"), "{err}");
}

#[test]
fn invalid_json_is_an_error_with_line_and_column() {
    let s = Scrubber::default();
    for (doc, line, column, what) in [
        ("{\"a\": 1,}", 1, 9, "expected a key"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("\n\n  [tru]", 3, 4, "expected a value"),
        ("{\"a\": \"x", 1, 7, "unterminated string"),
        ("[\"\\x\"]", 1, 3, "invalid escape"),
        ("[1] 2", 1, 5, "unexpected text"),
        ("", 1, 1, "unexpected end"),
        ("[01]", 1, 3, "expected ',' or ']'"),
        ("{\"é\": nul}", 1, 7, "expected a value"),
    ] {
        let e = s.scrub_json_str(doc).unwrap_err();
        assert_eq!((e.line, e.column), (line, column), "{doc:?}: {e}");
        assert!(e.message.contains(what), "{doc:?}: {e}");
    }
}

#[test]
fn values_and_text_agree() {
    let s = Scrubber::default();
    let doc = r#"{"user": {"email": "a@b.io", "id": 7}, "headers": [["Cookie", "x"]], "n": 4111111111111111, "t": "10.0.0.1"}"#;
    let mut v: Value = serde_json::from_str(doc).unwrap();
    let found = s.scrub_json_value(&mut v).unwrap();
    let text: Value = serde_json::from_str(&s.scrub_json_str(doc).unwrap()).unwrap();
    assert_eq!(v, text);
    assert_eq!(found.len(), 4);
}

// ---------------------------------------------------------------- property test

/// The naive model: scrub every string with the text rules, numbers as
/// text, and replace values under sensitive keys, recursively.
fn naive(s: &Scrubber, v: &Value, key: Option<&str>) -> Value {
    if key.is_some_and(|k| scrubjay::is_sensitive_key(k.as_bytes())) {
        // Nothing to hide, or already hidden: left as it is.
        let empty = match v {
            Value::Null => true,
            Value::String(t) => t.is_empty() || t == "[sensitive_key]",
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        return if empty { v.clone() } else { Value::String("[sensitive_key]".into()) };
    }
    match v {
        Value::String(t) => Value::String(s.scrub(t).into_owned()),
        Value::Number(n) => {
            let t = n.to_string();
            match s.scrub(&t) {
                Cow::Borrowed(_) => v.clone(),
                Cow::Owned(o) => Value::String(o),
            }
        }
        Value::Array(a) => {
            // [key, value] pairs inside a list.
            let pair = |i: usize, x: &Value| -> Value {
                match (i, x) {
                    (_, Value::Array(p)) if !p.is_empty() => {
                        let k = p[0].as_str();
                        Value::Array(
                            p.iter()
                                .enumerate()
                                .map(|(j, y)| if j == 1 && k.is_some() { naive(s, y, k) } else { naive(s, y, None) })
                                .collect(),
                        )
                    }
                    _ => naive(s, x, None),
                }
            };
            Value::Array(a.iter().enumerate().map(|(i, x)| pair(i, x)).collect())
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), naive(s, x, Some(k)))).collect()),
        other => other.clone(),
    }
}

const STRINGS: &[&str] = &[
    "hello",
    "ada@example.com",
    "10.0.0.1",
    "4111 1111 1111 1111",
    "call +44 20 7946 0958",
    "password=hunter2",
    "x=1&token=abc",
    "é😀",
    "a\"b\\c\n",
    "AKIAIOSFODNN7EXAMPLE",
    "",
    "Bearer abcdefghijklmnopqrstuv",
    "[sensitive_key]",
];
const KEYS: &[&str] = &["a", "user", "password", "token_count", "apiKey", "msg", "Authorization", "x/y", "m~n", "id"];

fn value_strategy() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(STRINGS).prop_map(|s| Value::String(s.to_string())),
        any::<i64>().prop_map(|n| json!(n)),
        Just(json!(4111111111111111u64)),
        Just(json!(1.5)),
        Just(Value::Null),
        Just(Value::Bool(true)),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn scrubbing_json_text_matches_the_naive_model(v in value_strategy(), pretty in any::<bool>()) {
        thread_local!(static S: Scrubber = Scrubber::default());
        S.with(|s| {
            let doc = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
            let out = s.scrub_json_str(&doc).unwrap();
            let parsed: Value = serde_json::from_str(&out).expect("output is valid JSON");
            prop_assert_eq!(&parsed, &naive(s, &v, None), "doc {}", doc);
            let mut v2 = v.clone();
            s.scrub_json_value(&mut v2).unwrap();
            prop_assert_eq!(&v2, &parsed);
            if parsed == v {
                prop_assert!(matches!(out, Cow::Borrowed(_)));
            }
            Ok(())
        })?;
    }
}

#[test]
fn rewritten_strings_keep_their_escapes_outside_findings() {
    let s = Scrubber::default();
    // A lone surrogate has no decoded form; it survives a rewrite of its string.
    let doc = r#"{"m": "caf\u00e9 \ud800 ada@example.com \/ \"q\""}"#;
    assert_eq!(s.scrub_json_str(doc).unwrap(), r#"{"m": "caf\u00e9 \ud800 [email] \/ \"q\""}"#);
}

#[test]
fn values_with_nothing_to_hide_are_left_alone() {
    let s = Scrubber::default();
    let doc = r#"{"password": null, "token": "", "secret": {}, "cookie": [ ], "api_key": "[sensitive_key]"}"#;
    let r = s.scrub_json_with_report(doc).unwrap();
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(matches!(r.text, Cow::Borrowed(_)));
    // Scrubbing a scrubbed document finds nothing more.
    let once = s.scrub_json_str(r#"{"password": "x", "user": {"email": "a@b.io"}}"#).unwrap().into_owned();
    assert_eq!(s.report_json(&once).unwrap(), []);
}

#[test]
fn the_allowlist_applies_to_whole_string_values() {
    let s = scrubber(r#"{"allowlist": {"values": ["<redacted>"]}}"#);
    let doc = r#"{"password": "<redacted>", "token": "abc"}"#;
    assert_eq!(s.scrub_json_str(doc).unwrap(), r#"{"password": "<redacted>", "token": "[sensitive_key]"}"#);
}

#[test]
fn whole_structures_are_masked_entirely_and_hashed_by_content() {
    let s = scrubber(
        r#"{"rules": {"sensitive_key": {"action": {"type": "mask", "keep_last": 4, "keep_separators": true}}}}"#,
    );
    let out: Value =
        serde_json::from_str(&s.scrub_json_str(r#"{"secret": {"k": [1, 2]}, "pin": 123456}"#).unwrap()).unwrap();
    assert_eq!(out["secret"], "***********", "no end, separator or structure of {{\"k\":[1,2]}} shows");
    assert_eq!(out["pin"], "**3456", "a number is masked like text");

    let s = scrubber(r#"{"hash_key": "k", "rules": {"sensitive_key": {"action": "hash"}}}"#);
    let a = s.scrub_json_str(r#"{"secret": {"b": 1.50, "a": [1]}}"#).unwrap().into_owned();
    let b = s.scrub_json_str("{\"secret\": {\n  \"a\": [ 1 ],\n  \"b\": 1.5\n}}").unwrap().into_owned();
    assert_eq!(a, b, "formatting does not change a hash");
    let mut v = json!({"secret": {"a": [1], "b": 1.5}});
    s.scrub_json_value(&mut v).unwrap();
    assert_eq!(v, serde_json::from_str::<Value>(&a).unwrap(), "the text and Value APIs agree");
}

#[test]
fn priority_decides_between_a_path_rule_and_a_sensitive_key() {
    let doc = r#"{"req": {"token": "t"}}"#;
    // By default a path rule (priority 0) wins over `sensitive_key`.
    let s = scrubber(r#"{"rules": {"tok": {"paths": ["req.token"], "action": "remove"}}}"#);
    assert_eq!(s.scrub_json_str(doc).unwrap(), r#"{"req": {"token": null}}"#);
    let s = scrubber(
        r#"{"rules": {"tok": {"paths": ["req.token"], "action": "remove", "priority": 10},
                      "sensitive_key": {"priority": 5}}}"#,
    );
    assert_eq!(s.scrub_json_str(doc).unwrap(), r#"{"req": {"token": "[sensitive_key]"}}"#);
    // Between path rules, the lower priority.
    let s = scrubber(
        r#"{"rules": {"a": {"paths": ["**.token"], "priority": 3}, "b": {"paths": ["req.*"], "priority": 2}}}"#,
    );
    assert_eq!(s.scrub_json_str(doc).unwrap(), r#"{"req": {"token": "[b]"}}"#);
}

#[test]
fn removed_words_also_stop_compounds() {
    let s = scrubber(r#"{"json": {"sensitive_keys": {"remove": ["token"]}}}"#);
    assert_eq!(s.scrub_json_str(r#"{"apitoken": "v", "token": "w"}"#).unwrap(), r#"{"apitoken": "v", "token": "w"}"#);
}

#[test]
fn the_value_depth_error_is_not_about_text() {
    let mut v = json!(1);
    for _ in 0..200 {
        v = json!([v]);
    }
    let e = Scrubber::default().report_json_value(&v).unwrap_err();
    assert_eq!((e.line, e.column), (0, 0));
    assert!(e.to_string().starts_with("value nested deeper than 128 levels"), "{e}");
}
