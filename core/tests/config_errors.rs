//! Every kind of bad config is an error that names the rule (or field) and
//! the problem, and never a panic.

use scrubjay::{Config, Error, Scrubber};

fn error(json: &str) -> Error {
    match Config::from_json(json).and_then(|c| Scrubber::new(&c)) {
        Ok(_) => panic!("{json} compiled"),
        Err(e) => e,
    }
}

fn message(json: &str) -> String {
    error(json).to_string()
}

#[test]
fn unknown_fields_name_their_path() {
    let m = message(r#"{"rules": {"email": {"actoin": "mask"}}}"#);
    assert!(m.contains("rules.email") && m.contains("unknown field `actoin`"), "{m}");
    let m = message(r#"{"hashkey": "x"}"#);
    assert!(m.contains("unknown field `hashkey`") && m.contains("line 1"), "{m}");
}

#[test]
fn invalid_regexes_name_the_rule_and_position() {
    let e = error(r#"{"rules": {"emp": {"pattern": "EMP-([0-9]{6}"}}}"#);
    assert_eq!(e.rule(), Some("emp"));
    let m = e.to_string();
    assert!(m.starts_with("rule `emp`: invalid regex"), "{m}");
    assert!(m.contains("unclosed group"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a(?=b)"}}}"#);
    assert!(m.contains("look-around") || m.contains("not supported"), "{m}");
}

#[test]
fn unicode_properties_in_user_regexes() {
    let s = scrubjay::Scrubber::from_json(
        r#"{"profile": "none", "rules": {"greek": {"pattern": "\\p{Greek}+"}, "alpha": {"pattern": "\\p{Alphabetic}\\p{Nd}"},
            "old": {"pattern": "\\p{Age:1.1}\\p{Sentence_Break=Close}"}}}"#,
    )
    .unwrap();
    assert_eq!(s.scrub("abc αβγ x9 a)"), "abc [greek] [alpha] [old]");
    let e = error(r#"{"rules": {"u": {"pattern": "\\p{Klingon}"}}}"#);
    assert_eq!(e.rule(), Some("u"));
    assert!(e.to_string().contains("Unicode property not found"), "{e}");
}

#[test]
fn regexes_over_the_limits_are_refused() {
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    let m = message(&serde_json::json!({"rules": {"deep": {"pattern": deep}}}).to_string());
    assert!(m.starts_with("rule `deep`") && m.contains("nest"), "{m}");
    let m = message(r#"{"rules": {"big": {"pattern": "(?:\\w{50}){50}"}}}"#);
    assert!(m.starts_with("rule `big`: regex is too large"), "{m}");
    let long = "a".repeat(20_000);
    let m = message(&serde_json::json!({"rules": {"long": {"pattern": long}}}).to_string());
    assert!(m.contains("limit is 16384"), "{m}");
}

#[test]
fn empty_matches_are_refused() {
    let e = error(r#"{"rules": {"opt": {"pattern": "[0-9]*"}}}"#);
    assert!(matches!(e, Error::RegexMatchesEmpty { ref rule } if rule == "opt"), "{e:?}");
}

#[test]
fn hash_needs_a_key() {
    let m = message(r#"{"rules": {"email": {"action": "hash"}}}"#);
    assert!(m.starts_with("rule `email`: invalid action") && m.contains("hash_key"), "{m}");
    let m = message(r#"{"default_action": "hash"}"#);
    assert!(m.contains("default_action") && m.contains("hash_key"), "{m}");
    assert!(Scrubber::from_json(r#"{"default_action": "hash", "hash_key": "k3y"}"#).is_ok());
}

#[test]
fn misused_fields_say_how_to_fix() {
    let m = message(r#"{"rules": {"email": {"pattern": "x+"}}}"#);
    assert!(m.contains("cannot be set on a builtin rule") && m.contains("new id"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a+", "terms": ["b"]}}}"#);
    assert!(m.contains("one of `pattern`, `terms` or `paths`"), "{m}");
    let m = message(r#"{"rules": {"x": {"terms": []}}}"#);
    assert!(m.contains("`terms` is empty"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a+", "validator": "lunh"}}}"#);
    assert!(m.contains("unknown validator `lunh`") && m.contains("did you mean `luhn`"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a(b)", "group": "name"}}}"#);
    assert!(m.contains("`group` names `name`"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a(b)", "group": 3}}}"#);
    assert!(m.contains("only 1 capture group"), "{m}");
    let m = message(r#"{"rules": {"Bad-Id": {"pattern": "a+"}}}"#);
    assert!(m.contains("snake_case"), "{m}");
    let m = message(r#"{"rules": {"phnoe": {"enabled": true}}}"#);
    assert!(m.contains("did you mean `phone`"), "{m}");
    let m = message(r#"{"profile": "defualt"}"#);
    assert!(m.contains("unknown profile `defualt`") && m.contains("strict"), "{m}");
    let m = message(r#"{"rules": {"x": {"pattern": "a+", "context": {"words": [], "within": 5}}}}"#);
    assert!(m.contains("context.words"), "{m}");
    let m = message(r#"{"rules": {"x": {"terms": ["a"], "validator": "luhn"}}}"#);
    assert!(m.contains("option of `pattern` rules"), "{m}");
}

#[test]
fn disabled_custom_rules_are_still_checked() {
    let m = message(r#"{"rules": {"x": {"pattern": "(", "enabled": false}}}"#);
    assert!(m.starts_with("rule `x`: invalid regex"), "{m}");
}

#[test]
fn allowlist_patterns_are_checked() {
    let m = message(r#"{"allowlist": {"patterns": ["ok", "(unclosed"]}}"#);
    assert!(m.contains("allowlist.patterns[1]") && m.contains("(unclosed"), "{m}");
}

#[test]
fn arbitrary_json_never_panics() {
    for text in [
        "",
        "null",
        "[]",
        "1",
        "\"x\"",
        "{",
        "{\"rules\": null}",
        "{\"rules\": {\"a\": null}}",
        "{\"rules\": {\"a\": {\"pattern\": 5}}}",
        "{\"allowlist\": {\"values\": [1]}}",
        "\u{0}",
        "{\"rules\": {\"\": {\"terms\": [\"\"]}}}",
        "{\"default_action\": {\"type\": \"mask\", \"char\": \"ab\"}}",
    ] {
        let _ = Config::from_json(text).and_then(|c| Scrubber::new(&c));
    }
}

#[test]
fn selectors_of_rules_that_are_off_are_still_checked() {
    // Off by `enabled`.
    let m = message(r#"{"rules": {"cards": {"paths": ["a..b"], "enabled": false}}}"#);
    assert!(m.starts_with("rule `cards`: `paths[0]`:"), "{m}");
    let m = message(r#"{"rules": {"email": {"enabled": false, "exclude_paths": ["ok", "[x"]}}}"#);
    assert!(m.starts_with("rule `email`: `exclude_paths[1]`:"), "{m}");
    // Off by the profile (`uuid` is not in the default profile).
    let m = message(r#"{"rules": {"uuid": {"include_paths": ["**."]}}}"#);
    assert!(m.starts_with("rule `uuid`: `include_paths[0]`:"), "{m}");
}

#[test]
fn path_rules_refuse_scoping_fields() {
    let m = message(r#"{"rules": {"cards": {"paths": ["card"], "exclude_paths": ["debug"]}}}"#);
    assert!(
        m.contains("`exclude_paths` is not an option of `paths` rules; list the values it covers in `paths`"),
        "{m}"
    );
}

#[test]
fn sensitive_key_entries_must_hold_a_word() {
    let m = message(r#"{"json": {"sensitive_keys": {"add": ["123"]}}}"#);
    assert!(m.contains("json.sensitive_keys.add[0]") && m.contains("is only a number"), "{m}");
    let m = message(r#"{"json": {"sensitive_keys": {"remove": ["--"]}}}"#);
    assert!(m.contains("has no letters or digits"), "{m}");
}
