//! Positive cases and near-misses for every builtin rule, on the default
//! profile (and `strict` for the optional rules).

use scrubjay::{Config, Scrubber};

fn found(s: &Scrubber, text: &str) -> Vec<(String, String)> {
    s.find(text).into_iter().map(|f| (f.rule.to_string(), f.text(text).to_string())).collect()
}

/// `(rule, text, expected finding)`: the text must produce exactly one
/// finding, by that rule, covering exactly that substring.
const POSITIVE: &[(&str, &str, &str)] = &[
    // email
    ("email", "contact ada@example.com today", "ada@example.com"),
    ("email", "<Ada.Lovelace+news@mail.example.co.uk>", "Ada.Lovelace+news@mail.example.co.uk"),
    ("email", "user_1@sub-domain.example.io,", "user_1@sub-domain.example.io"),
    ("email", "\"to\":\"ADA@EXAMPLE.COM\"", "ADA@EXAMPLE.COM"),
    // phone: E.164
    ("phone", "call +44 20 7946 0958 now", "+44 20 7946 0958"),
    ("phone", "tel:+14155552671", "+14155552671"),
    ("phone", "+1 (415) 555-2671", "+1 (415) 555-2671"),
    ("phone", "+49 30 12345678", "+49 30 12345678"),
    ("phone", "+33 1 23 45 67 89", "+33 1 23 45 67 89"),
    ("phone", "+34 912 345 678", "+34 912 345 678"),
    ("phone", "+39 06 1234 5678", "+39 06 1234 5678"),
    ("phone", "+31 20 123 4567", "+31 20 123 4567"),
    ("phone", "+81 3-1234-5678", "+81 3-1234-5678"),
    // phone: US/CA
    ("phone", "call (555) 123-4567 today", "(555) 123-4567"),
    ("phone", "555-123-4567", "555-123-4567"),
    ("phone", "555.123.4567", "555.123.4567"),
    ("phone", "555 123 4567", "555 123 4567"),
    ("phone", "1-800-555-0199", "1-800-555-0199"),
    ("phone", "(555) 123-4567 x123", "(555) 123-4567 x123"),
    ("phone", "555-123-4567 ext. 89", "555-123-4567 ext. 89"),
    // phone: UK
    ("phone", "020 7946 0958", "020 7946 0958"),
    ("phone", "07700 900123", "07700 900123"),
    ("phone", "01632 960123", "01632 960123"),
    // phone: DE
    ("phone", "Tel. 030 12345678", "030 12345678"),
    ("phone", "0171 1234567", "0171 1234567"),
    ("phone", "030/1234567", "030/1234567"),
    ("phone", "(030) 1234567", "(030) 1234567"),
    ("phone", "089 123 456 78", "089 123 456 78"),
    // phone: FR
    ("phone", "01 23 45 67 89", "01 23 45 67 89"),
    ("phone", "06.12.34.56.78", "06.12.34.56.78"),
    // phone: ES
    ("phone", "912 345 678", "912 345 678"),
    ("phone", "612 34 56 78", "612 34 56 78"),
    // phone: IT
    ("phone", "06 1234 5678", "06 1234 5678"),
    ("phone", "02 12345678", "02 12345678"),
    ("phone", "312 345 6789", "312 345 6789"),
    // phone: NL
    ("phone", "020-1234567", "020-1234567"),
    ("phone", "06-12345678", "06-12345678"),
    ("phone", "(020) 123 4567", "(020) 123 4567"),
    // phone: JP
    ("phone", "03-1234-5678", "03-1234-5678"),
    ("phone", "090-1234-5678", "090-1234-5678"),
    // credit_card
    ("credit_card", "visa 4111111111111111", "4111111111111111"),
    ("credit_card", "4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("credit_card", "4111-1111-1111-1111", "4111-1111-1111-1111"),
    ("credit_card", "mc 5555555555554444.", "5555555555554444"),
    ("credit_card", "mc2 2223003122003222", "2223003122003222"),
    ("credit_card", "amex 378282246310005", "378282246310005"),
    ("credit_card", "amex 3782 822463 10005", "3782 822463 10005"),
    ("credit_card", "discover 6011111111111117", "6011111111111117"),
    ("credit_card", "jcb 3530111333300000", "3530111333300000"),
    ("credit_card", "diners 30569309025904", "30569309025904"),
    ("credit_card", "maestro 6759649826438453", "6759649826438453"),
    ("credit_card", "unionpay 6200000000000005", "6200000000000005"),
    ("credit_card", "card 4111 1111 1111 1111 12/27", "4111 1111 1111 1111"),
    ("credit_card", "card_number=4111111111111111", "4111111111111111"),
    // iban
    ("iban", "IBAN DE89 3704 0044 0532 0130 00 thanks", "DE89 3704 0044 0532 0130 00"),
    ("iban", "DE89370400440532013000", "DE89370400440532013000"),
    ("iban", "GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
    ("iban", "to NL91ABNA0417164300.", "NL91ABNA0417164300"),
    ("iban", "FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606"),
    ("iban", "CH93 0076 2011 6238 5295 7", "CH93 0076 2011 6238 5295 7"),
    // us_ssn
    ("us_ssn", "ssn 123-45-6789", "123-45-6789"),
    ("us_ssn", "123 45 6789", "123 45 6789"),
    ("us_ssn", "SSN: 123456789", "123456789"),
    ("us_ssn", "social security number 123456789", "123456789"),
    // ipv4
    ("ipv4", "from 192.168.1.10:443", "192.168.1.10"),
    ("ipv4", "ip=8.8.8.8", "8.8.8.8"),
    ("ipv4", "[10.0.0.255]", "10.0.0.255"),
    // ipv6
    ("ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
    ("ipv6", "addr 2001:db8::1 up", "2001:db8::1"),
    ("ipv6", "::1", "::1"),
    ("ipv6", "fe80::1%eth0", "fe80::1%eth0"),
    ("ipv6", "fe80::0202:b3ff:fe1e:8329", "fe80::0202:b3ff:fe1e:8329"),
    ("ipv6", "::ffff:192.0.2.128", "::ffff:192.0.2.128"),
    ("ipv6", "[2001:db8::8a2e:370:7334]:443", "2001:db8::8a2e:370:7334"),
    ("ipv6", "64:ff9b::192.0.2.33", "64:ff9b::192.0.2.33"),
    ("ipv6", "2001:db8:0:0:0:0:2:1%en0", "2001:db8:0:0:0:0:2:1%en0"),
    // mac
    ("mac", "mac 00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e"),
    ("mac", "00-1A-2B-3C-4D-5E", "00-1A-2B-3C-4D-5E"),
    ("mac", "001a.2b3c.4d5e", "001a.2b3c.4d5e"),
    // imei
    ("imei", "IMEI: 490154203237518", "490154203237518"),
    ("imei", "35-209900-176148-1", "35-209900-176148-1"),
    // url_credentials
    ("url_credentials", "postgres://admin:s3cr3t@db.example.com/app", "admin:s3cr3t"),
    ("url_credentials", "https://user:p%40ss@example.com", "user:p%40ss"),
    ("url_credentials", "amqp://guest:gu@st@rabbit:5672", "guest:gu@st"),
    ("url_credentials", "redis://:hunter2@cache:6379", ":hunter2"),
    // auth_header
    ("auth_header", "Authorization: Bearer abcdef0123456789abcdef", "abcdef0123456789abcdef"),
    ("auth_header", "authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="),
    (
        "auth_header",
        "\"Authorization\": \"Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b\"",
        "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
    ),
    ("auth_header", "Proxy-Authorization: Digestabcdefgh", "Digestabcdefgh"),
    ("auth_header", "curl -H 'Authorization: Bearer sk-proj-abcdef0123456789'", "sk-proj-abcdef0123456789"),
    ("auth_header", "got bearer abcdefghijklmnop0123 from cache", "abcdefghijklmnop0123"),
    ("auth_header", "Authorization: Bearer short", "short"),
    ("auth_header", "authorization=abc", "abc"),
    // jwt
    (
        "jwt",
        "t=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U;",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    // pem_private_key
    (
        "pem_private_key",
        "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc+/=\n-----END RSA PRIVATE KEY----- done",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc+/=\n-----END RSA PRIVATE KEY-----",
    ),
    (
        "pem_private_key",
        "\"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEA\\n-----END OPENSSH PRIVATE KEY-----\"",
        "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEA\\n-----END OPENSSH PRIVATE KEY-----",
    ),
    (
        "pem_private_key",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
    ),
    (
        "pem_private_key",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nrest of the log. ok",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
    ),
    // aws
    ("aws_access_key_id", "key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE"),
    ("aws_access_key_id", "ASIAY34FZKBOKMUTVV7A", "ASIAY34FZKBOKMUTVV7A"),
    (
        "aws_secret_access_key",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    (
        "aws_secret_access_key",
        "\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ),
    // github
    ("github_token", "token ghp_16C7e42F292c6912E7710c838347Ae178B4a ok", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
    ("github_token", "gho_16C7e42F292c6912E7710c838347Ae178B4a", "gho_16C7e42F292c6912E7710c838347Ae178B4a"),
    (
        "github_token",
        "github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHIJ",
        "github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHIJ",
    ),
    // slack
    (
        "slack_token",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    ),
    ("slack_token", "xoxp-1234-5678-9012-abcdef", "xoxp-1234-5678-9012-abcdef"),
    (
        "slack_token",
        "hook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX done",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ),
    // stripe
    ("stripe_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("stripe_key", "rk_test_51H4eC39HqLyjWDarjtT1zdp7dc", "rk_test_51H4eC39HqLyjWDarjtT1zdp7dc"),
    ("stripe_key", "whsec_abcdefghijklmnopqrstuvwxyz012345", "whsec_abcdefghijklmnopqrstuvwxyz012345"),
    // google
    ("google_api_key", "key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"),
    // password_assignment
    ("password_assignment", "login password=hunter2 ok", "hunter2"),
    ("password_assignment", "\"password\": \"correct horse battery staple\"", "correct horse battery staple"),
    ("password_assignment", "DB_PASSWORD='p@ss w0rd'", "p@ss w0rd"),
    ("password_assignment", "api_key: 0123456789abcdef", "0123456789abcdef"),
    ("password_assignment", "X-Api-Key: abcdef123456", "abcdef123456"),
    ("password_assignment", "?user=bob&token=abc123&page=2", "abc123"),
    ("password_assignment", "userPassword := s3cret!", "s3cret!"),
    ("password_assignment", "'client_secret' => 'zz-top'", "zz-top"),
    ("password_assignment", "{\"secret\":\"a\\\"b\"}", "a\\\"b"),
    ("password_assignment", "Set-Cookie: sessionid=38afes7a8", "sessionid=38afes7a8"),
    ("password_assignment", "$config['db_password'] = 'x1y2';", "x1y2"),
    ("password_assignment", "PGPASSWORD=s3cr3t psql", "s3cr3t"),
    ("password_assignment", "password: correct horse battery staple", "correct horse battery staple"),
    ("password_assignment", "url: http://example.com/a token: y2k", "y2k"),
    ("password_assignment", "password: hunter2 user: bob", "hunter2"),
    ("password_assignment", "pwd=x", "x"),
];

/// Text the default profile must leave untouched.
const NEGATIVE: &[&str] = &[
    // timestamps, dates, durations
    "2024-03-15T10:22:01.123Z INFO request completed in 15ms",
    "2024-03-15 10:22:01,123 WARN [main] retry 3/5",
    "15.01.2024 10:30 Uhr",
    "01/02/2024 12:00:00 PM",
    "Mar 15 10:22:01 host sshd[12345]: session opened",
    "elapsed=00:01:23.456 took 1h30m and 2500 ms",
    "ts=1700000000 ts_ms=1700000000123",
    "Thu, 21 Nov 2024 10:22:01 GMT",
    // versions and hashes
    "version 1.2.3.4 of the agent",
    "v10.0.19041.1 and 10.0.19041.1",
    "release 2.14.0-rc.1+build.5",
    "oid 1.3.6.1.4.1.311.21.7",
    "commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    // numbers: prices, ports, order numbers, ids
    "price $1,234.56 and €1.234,56 incl. 19% VAT",
    "listening on 0.0.0.0:8080 and :443",
    "order ORD-2024-000123 shipped, order #123456789",
    "id=1234567890 user_id=42 count=1234567",
    "invoice 2024/000123/0456",
    "4111111111111112 fails Luhn",
    "1234 5678 9012 3456",
    "0000 0000 0000 0000",
    "HTTP/1.1 200 OK 1024 bytes",
    "population 1 234 567 in 2024",
    "zip 90210 and SW1A 1AA",
    "ISBN 978-3-16-148410-0",
    // almost-identifiers
    "000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000",
    "bare 123456789 without a keyword",
    "DE89370400440532013001 GB82 WEST 1234 5698 7654 33",
    "12:34:56 std::vector<int> a::b ::",
    "12:34:56:78 and 00:00:00:00:00:00",
    "999.1.1.1 and 1.2.3",
    "user@localhost, logo@2x.png, @babel/core, lodash@4.17.21",
    "eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxIn0.abcdefghijk",
    "AKIA12 ghp_short sk_live_abc xoxb-1",
    "token_count=5 max_tokens: 256 author=alice passwords: 3",
    "password: null, token=<redacted>, secret=******",
    "password_reset_url=https://example.com/reset",
    "see https://example.com/path?q=1 and ssh://git@github.com/x.git",
    "git clone git@github.com:scrubjay/scrubjay.git",
    "Authorization failed for user bob",
    "Authorization: Bearer",
    "password=*** token: ***** secret: ######",
    // prose in several languages
    "The quick brown fox jumps over the lazy dog.",
    "Der Zug fährt um 10:30 Uhr von Gleis 7 ab.",
    "東京都千代田区で2024年3月15日に会議があります。",
    "Привет, как дела? 2 + 2 = 4.",
    "El precio es 1.234,56 € (IVA incl.) y llega el 15/03.",
    "Je t'aime à 100 %, rendez-vous à 18h30.",
    "مرحبا بالعالم ١٢٣٤٥",
];

#[test]
fn positives_are_found_exactly() {
    let s = Scrubber::default();
    let mut failures = Vec::new();
    for (rule, text, expected) in POSITIVE {
        let got = found(&s, text);
        let want = vec![(rule.to_string(), expected.to_string())];
        if got != want {
            failures.push(format!("{text:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn near_misses_survive_untouched() {
    let s = Scrubber::default();
    let mut failures = Vec::new();
    for text in NEGATIVE {
        let got = found(&s, text);
        if !got.is_empty() {
            failures.push(format!("{text:?}\n    got {got:?}"));
        }
        assert!(matches!(s.scrub(text), std::borrow::Cow::Borrowed(_)) || !got.is_empty());
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_default_rule_has_a_positive_case() {
    let covered: std::collections::BTreeSet<&str> = POSITIVE.iter().map(|(r, _, _)| *r).collect();
    // `sensitive_key` applies to JSON keys; tests/json.rs covers it.
    for r in scrubjay::builtin_rules().filter(|r| r.in_default_profile && r.id != "sensitive_key") {
        assert!(covered.contains(r.id), "no positive case for {}", r.id);
    }
}

#[test]
fn optional_rules_only_in_strict() {
    let text = "id 550e8400-e29b-41d4-a716-446655440000 in /home/alice/.ssh and C:\\Users\\bob\\Desktop";
    assert!(found(&Scrubber::default(), text).is_empty());
    let strict = Scrubber::new(&Config::with_profile("strict")).unwrap();
    assert_eq!(
        found(&strict, text),
        [
            ("uuid".to_string(), "550e8400-e29b-41d4-a716-446655440000".to_string()),
            ("user_path".to_string(), "alice".to_string()),
            ("user_path".to_string(), "bob".to_string()),
        ]
    );
    assert!(found(&strict, "/home/public/x C:\\Users\\Public\\y").is_empty());
}

#[test]
fn overlapping_rules_resolve_to_the_earliest_longest() {
    let s = Scrubber::default();
    // The email inside the URL credentials does not split the finding.
    assert_eq!(s.scrub("postgres://ada:pw@db.example.com/x"), "postgres://[url_credentials]@db.example.com/x");
    // A card number under a sensitive key is reported as a card.
    assert_eq!(found(&s, "card_number: 4111111111111111")[0].0, "credit_card");
}

#[test]
fn secrets_profile_keeps_pii() {
    let s = Scrubber::new(&Config::with_profile("secrets")).unwrap();
    assert_eq!(
        s.scrub("ada@example.com password=x1 AKIAIOSFODNN7EXAMPLE"),
        "ada@example.com password=[password_assignment] [aws_access_key_id]"
    );
    let none = Scrubber::new(&Config::with_profile("none")).unwrap();
    assert_eq!(none.rules().count(), 0);
    assert_eq!(none.scrub("ada@example.com"), "ada@example.com");
}

#[test]
fn allowlisted_values_keep_other_rules_off_their_span() {
    let cfg = r#"{"allowlist": {"values": ["ada:pw", "4111 1111 1111 1111"]}}"#;
    let s = Scrubber::new(&Config::from_json(cfg).unwrap()).unwrap();
    assert_eq!(s.scrub("postgres://ada:pw@db.example.com/x"), "postgres://ada:pw@db.example.com/x");
    assert_eq!(
        s.scrub("test card 4111 1111 1111 1111, real 5555555555554444"),
        "test card 4111 1111 1111 1111, real [credit_card]"
    );
}

#[test]
fn public_validators_check_the_text_itself() {
    let cfg = r#"{"profile": "none", "rules": {
        "host": {"pattern": "host-[a-z0-9.]+", "validator": "ipv4"},
        "acct": {"pattern": "ACCT-[0-9]{10}", "validator": "luhn"}
    }}"#;
    let s = Scrubber::new(&Config::from_json(cfg).unwrap()).unwrap();
    assert!(found(&s, "host-abc host-1.2.3").is_empty());
    assert!(found(&s, "ACCT-0000000000").is_empty(), "all zeros pass Luhn but are no number");
    assert_eq!(found(&s, "ACCT-7992739875")[0].1, "ACCT-7992739875");
}
