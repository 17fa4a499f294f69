//! The builtin rule catalogue: what each rule matches, as regexes plus
//! validators. Documented for users in `docs/rules.md`.
//!
//! Patterns use ASCII word boundaries (`(?-u:\b)`): Unicode word boundaries
//! cannot run in a DFA on non-ASCII text, and every token these rules look
//! for is ASCII.

use crate::extract::{AUTH_SCHEMES, Extract};
use crate::rule::RunPrefix;
use crate::validate::Validator;

/// What kind of data a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Personal data: emails, phone numbers, national ids, cards.
    Pii,
    /// Credentials: keys, tokens, passwords.
    Secret,
    /// Network identifiers: IP and MAC addresses.
    Network,
    /// Other identifiers (UUIDs, user names in paths).
    Identifier,
}

impl Category {
    /// The category's name.
    ///
    /// ```
    /// assert_eq!(scrubjay::Category::Secret.as_str(), "secret");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Pii => "pii",
            Category::Secret => "secret",
            Category::Network => "network",
            Category::Identifier => "identifier",
        }
    }
}

/// The profiles and which builtin rules each one enables.
pub(crate) const PROFILES: &[&str] = &["default", "strict", "secrets", "none"];

pub(crate) fn profile_enables(profile: &str, rule: &BuiltinRule) -> bool {
    match profile {
        "default" => rule.in_default,
        "strict" => true,
        "secrets" => rule.category == Category::Secret,
        _ => false,
    }
}

/// How the engine finds places worth running a pattern's regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TriggerDef {
    /// Derived from the regex: literal prefixes, else digits, else everywhere.
    Auto,
    /// Every accepted match contains one of these literals.
    Contains(&'static [&'static str]),
    /// Every match contains one of these literals at one of these offsets
    /// from its start.
    HookAt(&'static [&'static str], &'static [usize]),
    /// Every accepted match contains `key` + `:`/`=` where the key names a secret.
    KeyValue,
    /// Every match starts at a fixed place before a digit run.
    RunPrefix(RunPrefix),
}

#[derive(Debug, Clone)]
pub(crate) struct PatternDef {
    pub(crate) regex: String,
    /// The finding within a match.
    pub(crate) extract: Extract,
    pub(crate) validator: Option<Validator>,
    pub(crate) trigger: TriggerDef,
    pub(crate) context: Option<(&'static [&'static str], usize)>,
    /// Digit-triggered patterns sharing a window name share one scan.
    pub(crate) window: Option<&'static str>,
}

fn pat(regex: impl Into<String>) -> PatternDef {
    PatternDef {
        regex: regex.into(),
        extract: Extract::Whole,
        validator: None,
        trigger: TriggerDef::Auto,
        context: None,
        window: None,
    }
}

impl PatternDef {
    fn extract(mut self, e: Extract) -> Self {
        self.extract = e;
        self
    }
    fn validator(mut self, v: Validator) -> Self {
        self.validator = Some(v);
        self
    }
    fn contains(mut self, hooks: &'static [&'static str]) -> Self {
        self.trigger = TriggerDef::Contains(hooks);
        self
    }
    fn run_prefix(mut self, kind: RunPrefix) -> Self {
        self.trigger = TriggerDef::RunPrefix(kind);
        self
    }
    fn hook_at(mut self, hooks: &'static [&'static str], offsets: &'static [usize]) -> Self {
        self.trigger = TriggerDef::HookAt(hooks, offsets);
        self
    }
    fn key_value(mut self) -> Self {
        self.trigger = TriggerDef::KeyValue;
        self
    }
    fn context(mut self, words: &'static [&'static str], within: usize) -> Self {
        self.context = Some((words, within));
        self
    }
    fn window(mut self, name: &'static str) -> Self {
        self.window = Some(name);
        self
    }
}

/// A builtin rule.
#[derive(Debug)]
pub(crate) struct BuiltinRule {
    pub(crate) id: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) category: Category,
    pub(crate) in_default: bool,
    pub(crate) patterns: fn() -> Vec<PatternDef>,
}

const WB: &str = r"(?-u:\b)";
const START: &str = r"(?-u:\b{start-half})";
const END: &str = r"(?-u:\b{end-half})";
const OCTET: &str = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const H16: &str = r"[0-9A-Fa-f]{1,4}";

fn ipv4_text() -> String {
    format!(r"{OCTET}(?:\.{OCTET}){{3}}")
}

/// The builtin rules in priority order: on the same span, earlier wins.
pub(crate) static CATALOGUE: &[BuiltinRule] = &[
    BuiltinRule {
        id: "pem_private_key",
        summary: "PEM/OpenSSH/PGP private key blocks, BEGIN to END (or to the end of a truncated body)",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            let head = r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----";
            let tail = r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----";
            vec![pat(format!(
                r"{head}(?:(?s:.)*?{tail}|(?:(?:\\[rn]|[\r\n \t])+(?:[A-Za-z0-9+/]{{16,}}={{0,2}}|[A-Za-z0-9+/]*={{1,2}}))*)"
            ))]
        },
    },
    BuiltinRule {
        id: "jwt",
        summary: "JSON Web Tokens (header.payload.signature, header decodes to JSON with `alg`/`typ`)",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}eyJ[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]{{8,}}\.[A-Za-z0-9_-]*"))
                    .validator(Validator::Jwt),
            ]
        },
    },
    BuiltinRule {
        id: "aws_access_key_id",
        summary: "AWS access key ids (AKIA…, ASIA…, 20 characters)",
        category: Category::Secret,
        in_default: true,
        patterns: || vec![pat(format!(r"{WB}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{{16}}{WB}"))],
    },
    BuiltinRule {
        id: "aws_secret_access_key",
        summary: "AWS secret access keys (40 characters) assigned to an aws_secret_access_key-like name",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                pat(r#"(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|aws_secret_key|AWS_SECRET_KEY|secret_access_key|SECRET_ACCESS_KEY|SecretAccessKey|secretAccessKey|aws-secret-access-key)["']?[ \t]*(?::|=|=>)[ \t]*["']?(?P<secret>[A-Za-z0-9/+]{40})"#)
                    .extract(Extract::Tail(40))
                    .validator(Validator::TokenEnd),
            ]
        },
    },
    BuiltinRule {
        id: "github_token",
        summary: "GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_ and fine-grained github_pat_",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![pat(format!(r"{WB}(?:gh[pousr]_[A-Za-z0-9]{{36,251}}|github_pat_[A-Za-z0-9_]{{22,255}}){WB}"))]
        },
    },
    BuiltinRule {
        id: "slack_token",
        summary: "Slack tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xapp-) and webhook URLs",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}xox[abposre]-[0-9A-Za-z-]{{10,250}}")).validator(Validator::TokenEnd),
                pat(format!(r"{WB}xapp-[0-9]-[A-Za-z0-9-]{{10,250}}")).validator(Validator::TokenEnd),
                pat(r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{8,}")
                    .contains(&["hooks.slack.com"]),
            ]
        },
    },
    BuiltinRule {
        id: "stripe_key",
        summary: "Stripe secret and restricted keys (sk_live_, rk_live_, sk_test_, rk_test_) and webhook secrets (whsec_)",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{{10,247}}{WB}")),
                pat(format!(r"{WB}whsec_[0-9A-Za-z]{{20,}}{WB}")),
            ]
        },
    },
    BuiltinRule {
        id: "google_api_key",
        summary: "Google API keys (AIza + 35 characters)",
        category: Category::Secret,
        in_default: true,
        patterns: || vec![pat(format!(r"{WB}AIza[0-9A-Za-z_-]{{35}}")).validator(Validator::TokenEnd)],
    },
    BuiltinRule {
        id: "auth_header",
        summary: "The credential of Authorization/Proxy-Authorization headers, and `Bearer <token>`",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(
                    r#"(?:[Pp]roxy-)?(?:[Aa]uthorization|AUTHORIZATION)["']?[ \t]*[:=][ \t]*["']?(?:(?:{})[ \t]+)?(?P<secret>[^\s"',;]+)"#,
                    AUTH_SCHEMES.join("|")
                ))
                .extract(Extract::AuthValue)
                .validator(Validator::AuthCredential)
                // "Autho|rization", "Proxy-Autho|rization": a rare hook at a
                // known distance from the start, so the search is anchored.
                .hook_at(&["rization", "RIZATION"], &[5, 11]),
                pat(r"(?:[Bb]earer|BEARER)[ \t]+(?P<secret>[A-Za-z0-9._~+/-]{16,}=*)")
                    .extract(Extract::AfterWordAndBlanks(6))
                    .validator(Validator::TokenEnd),
            ]
        },
    },
    BuiltinRule {
        id: "url_credentials",
        summary: "The user:password part of scheme://user:password@host (scheme and host stay)",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![pat(format!(
                r#"{WB}[A-Za-z][A-Za-z0-9+.-]{{0,31}}://(?P<secret>[^\s:/?#@"'<>\[\]]{{0,256}}:[^\s/?#"'<>]{{1,256}})@"#
            ))
            .extract(Extract::UrlUserinfo)
            .contains(&["://"])]
        },
    },
    BuiltinRule {
        id: "email",
        summary: "Email addresses",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(
                    r"(?i){WB}[a-z0-9][a-z0-9._%+-]{{0,63}}@(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.){{1,8}}[a-z]{{2,24}}{WB}"
                ))
                .validator(Validator::Email)
                .contains(&["@"]),
            ]
        },
    },
    BuiltinRule {
        id: "credit_card",
        summary: "Payment card numbers (Visa, Mastercard, Amex, Discover, JCB, Diners, Maestro, UnionPay, Mir), Luhn-checked",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}[0-9](?:[ -]?[0-9]){{11,18}}{WB}"))
                    .validator(Validator::CreditCard)
                    .window("numeric"),
            ]
        },
    },
    BuiltinRule {
        id: "iban",
        summary: "International bank account numbers, mod-97 and per-country length checked; compact or grouped in fours",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}[A-Z]{{2}}[0-9]{{2}}(?: ?[A-Z0-9]{{4}}){{2,7}}(?: ?[A-Z0-9]{{1,4}})?{WB}"))
                    .validator(Validator::Iban)
                    .run_prefix(RunPrefix::UpperPair),
            ]
        },
    },
    BuiltinRule {
        id: "us_ssn",
        summary: "US Social Security numbers: dashed or spaced; bare 9 digits only after `SSN`/`social security`",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}[0-9]{{3}}-[0-9]{{2}}-[0-9]{{4}}{WB}")).validator(Validator::UsSsn).window("numeric"),
                pat(format!(r"{WB}[0-9]{{3}} [0-9]{{2}} [0-9]{{4}}{WB}")).validator(Validator::UsSsn).window("numeric"),
                pat(format!(r"{WB}[0-9]{{9}}{WB}"))
                    .validator(Validator::UsSsn)
                    .context(&["ssn", "social security", "social_security", "socialsecurity"], 24)
                    .window("numeric"),
            ]
        },
    },
    BuiltinRule {
        id: "imei",
        summary: "IMEI device numbers (15 digits, Luhn): grouped 2-6-6-1, or bare after `IMEI`",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}[0-9]{{2}}[ -][0-9]{{6}}[ -][0-9]{{6}}[ -][0-9]{WB}"))
                    .validator(Validator::Imei)
                    .window("numeric"),
                pat(format!(r"{WB}[0-9]{{15}}{WB}"))
                    .validator(Validator::Imei)
                    .context(&["imei"], 24)
                    .window("numeric"),
            ]
        },
    },
    BuiltinRule {
        id: "phone",
        summary: "Phone numbers: E.164 (+ and 8-15 digits) and national formats of US/CA, UK, DE, FR, ES, IT, NL, JP",
        category: Category::Pii,
        in_default: true,
        patterns: || {
            let ext = r"(?:[ ]?(?:x|ext\.?)[ ]?[0-9]{1,6})?";
            vec![
                // International: +CC then groups.
                pat(format!(
                    r"{START}\+[1-9][0-9]{{0,2}}(?:[ .-]?\(?[0-9]{{1,4}}\)?){{2,6}}{ext}{WB}"
                ))
                .validator(Validator::PhoneInternational)
                .window("numeric"),
                // North America: (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199.
                pat(format!(
                    r"{START}(?:1[ .-])?(?:\([2-9][0-9]{{2}}\)[ .-]?|[2-9][0-9]{{2}}[ .-])[0-9]{{3}}[ .-][0-9]{{4}}{ext}{WB}"
                ))
                .validator(Validator::PhoneNational)
                .window("numeric"),
                // Europe and Japan, with trunk prefix 0: 020 7946 0958, 030/1234567,
                // (030) 1234567, 01 23 45 67 89, 06-12345678, 03-1234-5678.
                pat(format!(
                    r"{START}(?:\(0[1-9][0-9]{{0,3}}\)[ ]?|0[1-9][0-9]{{0,3}}[ /.-])[0-9]{{2,4}}(?:[ .-]?[0-9]{{2,4}}){{1,3}}{ext}{WB}"
                ))
                .validator(Validator::PhoneNational)
                .window("numeric"),
                // Without trunk prefix: ES 612 345 678 / 912 34 56 78, IT mobile 312 345 6789.
                pat(format!(
                    r"{WB}(?:[6789][0-9]{{2}} [0-9]{{3}} [0-9]{{3}}|[6789][0-9]{{2}} [0-9]{{2}} [0-9]{{2}} [0-9]{{2}}|3[1-9][0-9] [0-9]{{3}} [0-9]{{3,4}}){WB}"
                ))
                .validator(Validator::PhoneNational)
                .window("numeric"),
            ]
        },
    },
    BuiltinRule {
        id: "ipv4",
        summary: "IPv4 addresses (dotted quad, octets 0-255); not version strings or OIDs",
        category: Category::Network,
        in_default: true,
        patterns: || vec![pat(format!(r"{WB}{}{WB}", ipv4_text())).validator(Validator::Ipv4).window("numeric")],
    },
    BuiltinRule {
        id: "ipv6",
        summary: "IPv6 addresses in every textual form: full, compressed (::), with zone (%eth0), IPv4-mapped",
        category: Category::Network,
        in_default: true,
        patterns: || {
            let v4 = ipv4_text();
            let zone = r"(?:%[0-9A-Za-z._~-]{1,32})?";
            vec![
                pat(format!(r"{WB}(?:{H16}:){{7}}{H16}{WB}")).validator(Validator::Ipv6).window("hex"),
                pat(format!(r"{WB}(?:{H16}:){{6}}{v4}{WB}")).validator(Validator::Ipv6).window("hex"),
                pat(format!(
                    r"{START}(?:{H16}(?::{H16}){{0,6}})?::(?:(?:{H16}:){{0,5}}{v4}|{H16}(?::{H16}){{0,6}})?{zone}{END}"
                ))
                .validator(Validator::Ipv6)
                .contains(&["::"]),
                pat(format!(r"{WB}(?:{H16}:){{7}}{H16}%[0-9A-Za-z._~-]{{1,32}}{END}"))
                    .validator(Validator::Ipv6)
                    .contains(&["%"]),
            ]
        },
    },
    BuiltinRule {
        id: "mac",
        summary: "MAC addresses: 00:1a:2b:3c:4d:5e, 00-1A-2B-3C-4D-5E, 001a.2b3c.4d5e",
        category: Category::Network,
        in_default: true,
        patterns: || {
            vec![
                pat(format!(r"{WB}[0-9A-Fa-f]{{2}}(?::[0-9A-Fa-f]{{2}}){{5}}{WB}"))
                    .validator(Validator::Mac)
                    .window("hex"),
                pat(format!(r"{WB}[0-9A-Fa-f]{{2}}(?:-[0-9A-Fa-f]{{2}}){{5}}{WB}"))
                    .validator(Validator::Mac)
                    .window("hex"),
                pat(format!(r"{WB}[0-9A-Fa-f]{{4}}\.[0-9A-Fa-f]{{4}}\.[0-9A-Fa-f]{{4}}{WB}"))
                    .validator(Validator::Mac)
                    .window("hex"),
            ]
        },
    },
    BuiltinRule {
        id: "password_assignment",
        summary: "Values of password-like keys in text: password=…, \"secret\": \"…\", api_key: …, token=…",
        category: Category::Secret,
        in_default: true,
        patterns: || {
            vec![
                // One match per key: anchored at every key naming a secret,
                // so a long value never hides the key after it. After `=` the
                // value is one token; after `:` (YAML, headers) it runs over
                // several words up to the end of the phrase.
                pat(concat!(
                    r#"(?P<key>[A-Za-z0-9_.-]+)["']?\]?[ \t]*"#,
                    r#"(?:(?::=|=>|=)[ \t]*(?:"(?P<dq>(?:[^"\\\r\n]|\\[^\r\n])+)"|'(?P<sq>(?:[^'\\\r\n]|\\[^\r\n])+)'|(?P<bare>[^\s"',;&<>(){}\[\]]+))"#,
                    r#"|:[ \t]*(?:"(?P<dq2>(?:[^"\\\r\n]|\\[^\r\n])+)"|'(?P<sq2>(?:[^'\\\r\n]|\\[^\r\n])+)'"#,
                    r#"|(?P<bare2>[^\s"',;&<>(){}\[\]=:](?:[^\s"',;&<>(){}\[\]]*[^\s"',;&<>(){}\[\]:])?(?:[ \t]+[^\s"',;&<>(){}\[\]]*[^\s"',;&<>(){}\[\]:])*)))"#
                ))
                    .extract(Extract::KeyValue)
                    .validator(Validator::SecretAssignment)
                    .key_value(),
            ]
        },
    },
    BuiltinRule {
        id: "sensitive_key",
        summary: "In JSON: the whole value of a key that names a secret (password, token, api_key, authorization, cookie, …)",
        category: Category::Secret,
        in_default: true,
        // Not a text rule: the JSON walker applies it to keys.
        patterns: Vec::new,
    },
    BuiltinRule {
        id: "uuid",
        summary: "UUIDs (8-4-4-4-12 hex). Optional: not in the default profile",
        category: Category::Identifier,
        in_default: false,
        patterns: || {
            vec![
                pat(format!(
                    r"{WB}[0-9A-Fa-f]{{8}}-[0-9A-Fa-f]{{4}}-[0-9A-Fa-f]{{4}}-[0-9A-Fa-f]{{4}}-[0-9A-Fa-f]{{12}}{WB}"
                ))
                .validator(Validator::HasDigit)
                .window("hex"),
            ]
        },
    },
    BuiltinRule {
        id: "user_path",
        summary: r"The user name in home directory paths (/home/<user>/, /Users/<user>/, C:\Users\<user>\). Optional",
        category: Category::Identifier,
        in_default: false,
        patterns: || {
            vec![
                pat(r#"(?:/home/|/Users/|[A-Za-z]:\\Users\\|[A-Za-z]:\\\\Users\\\\)(?P<secret>[^/\\\s:*?"<>|\[\]\x00-\x1f]{1,64})"#)
                    .extract(Extract::AfterLastSlash)
                    .validator(Validator::UserPath)
                    .contains(&["/home/", "/Users/", "\\Users\\"]),
            ]
        },
    },
];

pub(crate) fn builtin(id: &str) -> Option<&'static BuiltinRule> {
    CATALOGUE.iter().find(|r| r.id == id)
}

/// Priority of the builtin at `index` in the catalogue (lower wins).
pub(crate) fn builtin_priority(index: usize) -> i32 {
    100 + 10 * i32::try_from(index).unwrap_or(i32::MAX / 10 - 10)
}
