//! The engine must return exactly what the reference returns: one regex per
//! rule over the whole input, then overlap resolution. Property tests over
//! generated inputs, for the builtin profiles and for generated custom rules.

use proptest::prelude::*;
use scrubjay::reference::Reference;
use scrubjay::{Config, Scrubber};

/// Pieces that exercise every rule and its near-misses, glued together by
/// the generator so that matches touch, overlap and straddle separators.
const FRAGMENTS: &[&str] = &[
    "ada@example.com",
    "a.b+c@sub.example.co.uk",
    "@",
    "x@y",
    "logo@2x.png",
    "git@github.com:",
    "+44 20 7946 0958",
    "(555) 123-4567",
    "555-123-4567 x12",
    "1-800-555-0199",
    "020 7946 0958",
    "01 23 45 67 89",
    "06.12.34.56.78",
    "912 345 678",
    "03-1234-5678",
    "+1",
    "+",
    "(",
    ")",
    "4111 1111 1111 1111",
    "4111111111111111",
    "378282246310005",
    "4111-1111-1111-1112",
    "5555555555554444",
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32",
    "NL91ABNA0417164300",
    "123-45-6789",
    "123 45 6789",
    "SSN",
    "ssn: ",
    "123456789",
    "000-12-3456",
    "192.168.1.10",
    "10.0.0.1",
    "1.2.3.4.5",
    "999.1.1.1",
    "version ",
    "v",
    "2001:db8::1",
    "fe80::1%eth0",
    "::",
    "::ffff:192.0.2.128",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "00:1a:2b:3c:4d:5e",
    "00-1A-2B-3C-4D-5E",
    "001a.2b3c.4d5e",
    "12:34:56",
    "IMEI ",
    "490154203237518",
    "35-209900-176148-1",
    "postgres://admin:s3cr3t@db.example.com/x",
    "https://",
    "://",
    "user:pw@",
    "Authorization: Bearer abcdef0123456789abcdef",
    "Authorization",
    "Bearer ",
    "bearer tok_abcdefghijklmnop",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "eyJ",
    ".",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----",
    "-----END RSA PRIVATE KEY-----",
    "AKIAIOSFODNN7EXAMPLE",
    "AKIA",
    "aws_secret_access_key=",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "ghp_",
    "xoxb-123456789012-abcdefghij",
    "xox",
    "https://hooks.slack.com/services/T0/B0/XXXXXXXX",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_",
    "whsec_abcdefghijklmnopqrstuvwxyz",
    "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    "password=",
    "password",
    "token: ",
    "\"api_key\": \"",
    "'secret' => '",
    "token_count=",
    "x=",
    "&pwd=",
    "=",
    ":",
    "\"",
    "'",
    " ",
    " ",
    " ",
    "\n",
    "\t",
    ",",
    ";",
    "-",
    "_",
    "/",
    "\\",
    "[",
    "]",
    "{",
    "}",
    "2024-03-15T10:22:01.123Z",
    "1.2.3",
    "$1,234.56",
    "3f2a9c1e8b7d6a5f",
    "550e8400-e29b-41d4-a716-446655440000",
    "/home/alice/",
    "C:\\Users\\bob\\",
    "é",
    "東京",
    "😀",
    "Zoë",
];

fn text_strategy() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(|s| s.as_bytes().to_vec()),
        2 => "[0-9 .:@=/+()-]{1,16}".prop_map(String::into_bytes),
        1 => "[0-9a-fA-FxX:. -]{1,24}".prop_map(String::into_bytes),
        1 => "[a-zA-Z_]{1,10}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 1..4),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check(s: &Scrubber, r: &Reference, text: &[u8]) -> Result<(), TestCaseError> {
    let fast = s.find_bytes(text);
    let slow = r.find(text);
    prop_assert_eq!(&fast, &slow, "input: {:?}", String::from_utf8_lossy(text));
    prop_assert_eq!(s.scrub_bytes(text), r.scrub(text));
    Ok(())
}

fn scrubber(json: &str) -> (Scrubber, Reference) {
    let s = Scrubber::new(&Config::from_json(json).unwrap()).unwrap();
    let r = Reference::new(&s);
    (s, r)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn default_profile_matches_reference(text in text_strategy()) {
        thread_local!(static S: (Scrubber, Reference) = scrubber("{}"));
        S.with(|(s, r)| check(s, r, &text))?;
    }

    #[test]
    fn strict_profile_matches_reference(text in text_strategy()) {
        thread_local!(static S: (Scrubber, Reference) = scrubber(r#"{"profile": "strict"}"#));
        S.with(|(s, r)| check(s, r, &text))?;
    }

    #[test]
    fn custom_rules_match_reference(text in text_strategy()) {
        thread_local!(static S: (Scrubber, Reference) = scrubber(r#"{
            "profile": "none",
            "rules": {
                "prefixed": {"pattern": "ORD-[0-9]{4,8}"},
                "digits": {"pattern": "[0-9]{3}[ -]?[0-9]{2}", "validator": "luhn"},
                "grouped": {"pattern": "k=(?P<v>[a-z0-9]+)", "group": "v"},
                "anywhere": {"pattern": "(?i)[a-f]{3,}"},
                "keyed": {"pattern": "[0-9]{4}", "keywords": ["pin"]},
                "near": {"pattern": "[0-9]{2,}", "context": {"words": ["acct"], "within": 6}},
                "names": {"terms": ["Ada", "Ada Lovelace", "love", "東京"], "case_insensitive": true},
                "exact": {"terms": ["x=", "=", "ab"], "whole_word": false}
            },
            "allowlist": {"values": ["123-45"], "patterns": ["[a-f]{3}"]}
        }"#));
        S.with(|(s, r)| check(s, r, &text))?;
    }
}

/// Rules built from random pieces: whatever the regex, the windows the
/// engine derives from it must hold every match the reference finds.
fn pattern_strategy() -> impl Strategy<Value = String> {
    let atom = prop::sample::select(
        &[
            "[0-9]",
            "[0-9]{2,4}",
            "[a-f]",
            "[a-z]+",
            "[A-Z0-9]{2}",
            "x",
            "ab",
            "AKIA",
            "@",
            ":",
            "\\.",
            "-",
            " ",
            "[ -]?",
            "\\b",
            "(?-u:\\b)",
            "(?:ab|cd)",
            "[^ ]",
            "\\d",
            "\\w",
            "é",
            "(?i)k",
            "[0-9a-f]{1,4}:",
            "=",
        ][..],
    );
    prop::collection::vec(atom, 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn generated_patterns_match_reference(p1 in pattern_strategy(), p2 in pattern_strategy(), texts in prop::collection::vec(text_strategy(), 1..6)) {
        let cfg = serde_json::json!({
            "profile": "none",
            "rules": {"a": {"pattern": p1}, "b": {"pattern": p2, "action": "mask"}}
        });
        // Patterns that can match the empty string are rejected by design.
        let Ok(s) = Scrubber::new(&Config::from_value(cfg).unwrap()) else { return Ok(()) };
        let r = Reference::new(&s);
        for t in &texts {
            check(&s, &r, t)?;
        }
    }
}

fn check_batch(s: &Scrubber, texts: &[Vec<u8>]) -> Result<(), TestCaseError> {
    let owned: Vec<String> = texts.iter().map(|t| String::from_utf8_lossy(t).into_owned()).collect();
    let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
    let batch = s.scrub_batch(&refs);
    prop_assert_eq!(batch.len(), refs.len());
    for (text, got) in refs.iter().zip(&batch) {
        prop_assert_eq!(got, &s.scrub(text), "text {:?} in batch {:?}", text, refs);
    }
    // Bytes, which may hold 0xFF themselves.
    let bytes: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
    let scrubbed = s.scrub_bytes_batch(&bytes);
    let found = s.find_bytes_batch(&bytes);
    for (i, text) in bytes.iter().enumerate() {
        prop_assert_eq!(&scrubbed[i], &s.scrub_bytes(text), "bytes {:?}", text);
        prop_assert_eq!(&found[i], &s.find_bytes(text), "bytes {:?}", text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// A batch scans its texts joined; each text must still get exactly
    /// what it gets alone.
    #[test]
    fn batches_match_single_texts(texts in prop::collection::vec(text_strategy(), 0..8)) {
        thread_local!(static S: Vec<Scrubber> = vec![
            Scrubber::default(),
            Scrubber::new(&Config::with_profile("strict")).unwrap(),
            Scrubber::new(&Config::from_json(r#"{"profile": "none", "rules": {
                "near": {"pattern": "[0-9]{2,}", "context": {"words": ["ssn", "acct"], "within": 12}},
                "names": {"terms": ["Ada", "love"], "case_insensitive": true}
            }}"#).unwrap()).unwrap(),
            // Not batchable: anchors and keywords scan text by text.
            Scrubber::new(&Config::from_json(r#"{"rules": {
                "anchored": {"pattern": "^[0-9]+"},
                "keyed": {"pattern": "[0-9]{4}", "keywords": ["pin"]}
            }}"#).unwrap()).unwrap(),
        ]);
        S.with(|all| all.iter().try_for_each(|s| check_batch(s, &texts)))?;
    }
}
