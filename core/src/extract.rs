//! Where in a match its finding lies.
//!
//! A custom rule names a capture group; resolving groups costs a second,
//! slower search (a bounded backtracker) per match. The builtin rules whose
//! finding is a part of the match instead read the part off the match's
//! bytes: their regexes are built so that the split is unambiguous, and a
//! property test checks every extractor against the capture group it
//! stands for.

use regex_automata::util::captures::Captures;

use crate::engine::is_key_byte;
use crate::validate::Span;

/// How to get the finding from a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extract {
    /// The whole match.
    Whole,
    /// A capture group (needs a capturing search).
    Group(usize),
    /// `scheme://` + finding + `@`: the user-info of a URL.
    UrlUserinfo,
    /// `Authorization: [Scheme ]` + finding.
    AuthValue,
    /// A fixed-length word, blanks, then the finding (`Bearer <token>`).
    AfterWordAndBlanks(usize),
    /// `key <sep> value` (quoted or not): the value.
    KeyValue,
    /// The last `n` bytes.
    Tail(usize),
    /// Everything after the last `/` or `\`.
    AfterLastSlash,
}

/// Authorization schemes, each in the forms it is written in; the
/// `auth_header` regex is built from this list, and [`Extract::AuthValue`]
/// reads the same list.
pub(crate) const AUTH_SCHEMES: &[&str] = &[
    "bearer",
    "Bearer",
    "BEARER",
    "basic",
    "Basic",
    "BASIC",
    "token",
    "Token",
    "TOKEN",
    "digest",
    "Digest",
    "DIGEST",
    "negotiate",
    "Negotiate",
    "NEGOTIATE",
    "NTLM",
    "hawk",
    "Hawk",
    "AWS4-HMAC-SHA256",
    "apikey",
    "ApiKey",
    "Apikey",
    "APIKEY",
    "SSWS",
    "bot",
    "Bot",
];

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl Extract {
    pub(crate) fn needs_captures(self) -> bool {
        matches!(self, Extract::Group(_))
    }

    /// The finding within the match `m`; `None` when a group did not take
    /// part (then the whole match is used by the caller).
    pub(crate) fn span(self, hay: &[u8], m: Span, caps: Option<&Captures>) -> Option<Span> {
        let (s, e) = m;
        match self {
            Extract::Whole => Some(m),
            Extract::Group(g) => caps.and_then(|c| c.get_group(g)).map(|g| (g.start, g.end)),
            Extract::UrlUserinfo => {
                let at = hay[s..e].windows(3).position(|w| w == b"://")?;
                Some((s + at + 3, e - 1))
            }
            Extract::AuthValue => {
                let mut i = s;
                if hay[i..e].len() >= 6 && hay[i..i + 6].eq_ignore_ascii_case(b"proxy-") {
                    i += 6;
                }
                i += "authorization".len();
                if i < e && matches!(hay[i], b'"' | b'\'') {
                    i += 1;
                }
                while i < e && is_blank(hay[i]) {
                    i += 1;
                }
                i += 1; // `:` or `=`
                while i < e && is_blank(hay[i]) {
                    i += 1;
                }
                if i < e && matches!(hay[i], b'"' | b'\'') {
                    i += 1;
                }
                // The regex prefers taking a scheme when a credential follows it.
                for scheme in AUTH_SCHEMES {
                    let after = i + scheme.len();
                    if after < e && hay[i..after] == *scheme.as_bytes() && is_blank(hay[after]) {
                        let mut j = after;
                        while j < e && is_blank(hay[j]) {
                            j += 1;
                        }
                        if j < e {
                            return Some((j, e));
                        }
                    }
                }
                Some((i, e))
            }
            Extract::AfterWordAndBlanks(n) => {
                let mut i = s + n;
                while i < e && is_blank(hay[i]) {
                    i += 1;
                }
                Some((i, e))
            }
            Extract::KeyValue => key_value(hay, m).map(|kv| kv.value),
            Extract::Tail(n) => Some((e.saturating_sub(n).max(s), e)),
            Extract::AfterLastSlash => {
                let slash = hay[s..e].iter().rposition(|&b| b == b'/' || b == b'\\')?;
                Some((s + slash + 1, e))
            }
        }
    }
}

/// The parts of a `key <sep> value` match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyValueParts {
    pub(crate) key: Span,
    pub(crate) value: Span,
    /// The separator was `:` (so the value may span several words).
    pub(crate) colon: bool,
}

/// Splits a match of the `password_assignment` regex: key, optional quote
/// and `]`, blanks, `:=`/`=>`/`=`/`:`, blanks, then a quoted or bare value
/// reaching the end of the match.
pub(crate) fn key_value(hay: &[u8], (s, e): Span) -> Option<KeyValueParts> {
    let mut i = s;
    while i < e && is_key_byte(hay[i]) {
        i += 1;
    }
    let key = (s, i);
    if i < e && matches!(hay[i], b'"' | b'\'') {
        i += 1;
    }
    if i < e && hay[i] == b']' {
        i += 1;
    }
    while i < e && is_blank(hay[i]) {
        i += 1;
    }
    let rest = &hay[i..e];
    let (sep, colon) = if rest.starts_with(b":=") || rest.starts_with(b"=>") {
        (2, false)
    } else if rest.starts_with(b"=") {
        (1, false)
    } else if rest.starts_with(b":") {
        (1, true)
    } else {
        return None;
    };
    i += sep;
    while i < e && is_blank(hay[i]) {
        i += 1;
    }
    let value = if i < e && matches!(hay[i], b'"' | b'\'') { (i + 1, e - 1) } else { (i, e) };
    (value.0 < value.1).then_some(KeyValueParts { key, value, colon })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::CATALOGUE;
    use proptest::prelude::*;
    use regex_automata::meta::Regex;

    /// Every builtin extractor, paired with its regex and the group it
    /// stands for.
    fn extractors() -> &'static [(Extract, Regex)] {
        static ALL: std::sync::LazyLock<Vec<(Extract, Regex)>> = std::sync::LazyLock::new(|| {
            CATALOGUE
                .iter()
                .flat_map(|r| (r.patterns)())
                .filter(|p| p.extract != Extract::Whole)
                .map(|p| (p.extract, Regex::new(&p.regex).unwrap()))
                .collect()
        });
        &ALL
    }

    fn group_span(caps: &Captures) -> Option<Span> {
        let names = ["secret", "dq", "sq", "bare", "dq2", "sq2", "bare2"];
        names.iter().find_map(|n| caps.get_group_by_name(n)).map(|g| (g.start, g.end))
    }

    fn check_all(hay: &[u8]) -> Result<(), TestCaseError> {
        for (x, re) in extractors() {
            let x = *x;
            for caps in re.captures_iter(hay) {
                let m = caps.get_match().unwrap();
                let want = group_span(&caps);
                prop_assert!(want.is_some(), "{x:?}: no group in {:?}", String::from_utf8_lossy(hay));
                let got = x.span(hay, (m.start(), m.end()), None);
                prop_assert_eq!(got, want, "{:?} on {:?}", x, String::from_utf8_lossy(&hay[m.start()..m.end()]));
            }
        }
        Ok(())
    }

    #[test]
    fn every_builtin_extractor_is_used() {
        let kinds: Vec<Extract> = extractors().iter().map(|(x, _)| *x).collect();
        for x in [
            Extract::UrlUserinfo,
            Extract::AuthValue,
            Extract::AfterWordAndBlanks(6),
            Extract::KeyValue,
            Extract::Tail(40),
            Extract::AfterLastSlash,
        ] {
            assert!(kinds.contains(&x), "{x:?}");
        }
    }

    #[test]
    fn known_cases() {
        for text in [
            "postgres://a:b@c",
            "redis://:pw@h",
            "Authorization: Bearer tok",
            "authorization=\"Token abc\"",
            "Authorization: Bearer",
            "Proxy-Authorization:Basic  x y",
            "bearer 0123456789abcdef0123",
            "password = \"a\\\"b\"",
            "$c['pwd'] => 'x'",
            "key: several words here",
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "/home/alice/x C:\\Users\\bob\\y",
        ] {
            check_all(text.as_bytes()).unwrap();
        }
    }

    const PIECES: &[&str] = &[
        "Authorization",
        "authorization",
        "Proxy-",
        "AUTHORIZATION",
        ":",
        "=",
        " ",
        "\t",
        "\"",
        "'",
        "Bearer",
        "Basic",
        "token",
        "NTLM",
        "bot",
        "abc",
        "x",
        "://",
        "@",
        "postgres",
        "user",
        ";",
        ",",
        "password",
        "secret",
        "]",
        "[",
        ":=",
        "=>",
        "/home/",
        "\\Users\\",
        "C:",
        "aws_secret_access_key",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "0123456789abcdef",
        "\\",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]
        #[test]
        fn extractors_agree_with_capture_groups(parts in prop::collection::vec(prop::sample::select(PIECES), 0..16)) {
            check_all(parts.concat().as_bytes())?;
        }
    }
}
