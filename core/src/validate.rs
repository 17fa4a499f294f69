//! Validators: checks that turn a regex candidate into a finding.
//!
//! A validator sees the whole haystack, the match and the finding span (the
//! capture group, or the match), and returns the finding span to report,
//! possibly narrowed (a card number followed by more digits), or `None` to
//! drop the candidate. Validators are pure functions of their inputs, which
//! is what lets the engine and the reference implementation agree.

use crate::extract;
use crate::keys::{self, KeyClassifier};

/// A named check that candidates must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validator {
    /// The digits pass the Luhn checksum.
    Luhn,
    /// Luhn, plus a known card brand prefix and length, plus sane grouping.
    CreditCard,
    /// ISO 13616: country length and mod-97 checksum.
    Iban,
    /// US SSN area/group/serial rules.
    UsSsn,
    /// Not part of a longer dotted number (versions, OIDs).
    Ipv4,
    /// A valid IPv6 address containing at least one decimal digit.
    Ipv6,
    /// Consistent separators, at least one decimal digit, not all-zero/broadcast.
    Mac,
    /// 15 digits passing Luhn.
    Imei,
    /// The header segment decodes to a JSON object naming an algorithm.
    Jwt,
    /// Well-formed local part; the top-level domain is not a file extension.
    Email,
    /// International number: 8 to 15 digits.
    PhoneInternational,
    /// National number with trunk prefix or area code: 9 to 12 digits.
    PhoneNational,
    /// Value of a `key=value` pair whose key names a secret.
    SecretAssignment,
    /// A token not directly followed by more token characters.
    TokenEnd,
    /// An `Authorization` credential that is not just a scheme name.
    AuthCredential,
    /// Contains at least one decimal digit.
    HasDigit,
    /// A user name in a home directory path that is not a shared folder.
    UserPath,
}

/// The validators users may name in a `pattern` rule.
pub(crate) const PUBLIC: &[(&str, Validator)] = &[
    ("luhn", Validator::Luhn),
    ("credit_card", Validator::CreditCard),
    ("iban", Validator::Iban),
    ("us_ssn", Validator::UsSsn),
    ("ipv4", Validator::Ipv4),
    ("ipv6", Validator::Ipv6),
    ("mac", Validator::Mac),
    ("imei", Validator::Imei),
    ("jwt", Validator::Jwt),
    ("email", Validator::Email),
    ("phone", Validator::PhoneInternational),
    ("has_digit", Validator::HasDigit),
];

/// A span of the haystack.
pub(crate) type Span = (usize, usize);

impl Validator {
    pub(crate) fn by_name(name: &str) -> Option<Validator> {
        PUBLIC.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// Whether a match may hide a finding that starts inside it: the regexes
    /// of these validators run digit groups together, so a match can hold
    /// the start of the next number. A rejected one (`1-800-555-0199 020 7946
    /// 0958`: the national pattern first takes `0199 020 7946 0958`), and an
    /// accepted one that loses to an overlapping finding of another rule (in
    /// `312 345 6789 4111 1111 1111 1111` the card pattern first takes
    /// `6789 4111 1111 1111`, a valid number that loses to the phone number;
    /// the card `4111 1111 1111 1111` starts inside it). After a match of
    /// these the search resumes one byte after its start instead of at its
    /// end, so every group start in it gets its own chance; overlap
    /// resolution then keeps at most one finding per stretch of text. A match
    /// is re-read at most once per group start in it, and the regexes bound a
    /// match's length, so scanning stays linear.
    pub(crate) fn rescans_inside(self) -> bool {
        matches!(self, Validator::PhoneInternational | Validator::PhoneNational | Validator::CreditCard)
    }

    /// The fewest decimal digits a finding accepted by this validator has.
    /// The engine uses it to skip text with fewer digits.
    pub(crate) fn min_digits(self) -> u32 {
        match self {
            Validator::Luhn => 2,
            Validator::CreditCard => 12,
            Validator::Iban => 8,
            Validator::UsSsn => 9,
            Validator::Imei => 15,
            Validator::PhoneInternational => 8,
            Validator::PhoneNational => 9,
            Validator::Ipv6 | Validator::Mac | Validator::HasDigit | Validator::Ipv4 => 1,
            Validator::Jwt
            | Validator::Email
            | Validator::SecretAssignment
            | Validator::TokenEnd
            | Validator::AuthCredential
            | Validator::UserPath => 0,
        }
    }

    /// Checks a candidate; returns the span to report.
    pub(crate) fn check(self, hay: &[u8], m: Span, f: Span, keys: &KeyClassifier) -> Option<Span> {
        let text = &hay[f.0..f.1];
        match self {
            Validator::Luhn => {
                let mut buf = [0u8; 64];
                let d = digits(text, &mut buf)?;
                (luhn(d) && !d.iter().all(|&x| x == 0)).then_some(f)
            }
            Validator::CreditCard => credit_card(hay, f),
            Validator::Iban => iban(hay, f),
            Validator::UsSsn => {
                let mut buf = [0u8; 64];
                let d = digits(text, &mut buf)?;
                (d.len() == 9 && ssn_valid(d) && !embedded_in_number(hay, f)).then_some(f)
            }
            Validator::Ipv4 => ipv4(hay, f),
            Validator::Ipv6 => ipv6(hay, f),
            Validator::Mac => mac(hay, f),
            Validator::Imei => {
                let mut buf = [0u8; 64];
                let d = digits(text, &mut buf)?;
                (d.len() == 15 && luhn(d) && !embedded_in_number(hay, f)).then_some(f)
            }
            Validator::Jwt => jwt(hay, f),
            Validator::Email => email(text).then_some(f),
            Validator::PhoneInternational => phone(hay, f, 8, 15),
            Validator::PhoneNational => phone(hay, f, 9, 12),
            Validator::SecretAssignment => secret_assignment(hay, m, keys),
            Validator::TokenEnd => {
                let next = hay.get(f.1).copied();
                (!next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'/' || b == b'+'))
                    .then_some(f)
            }
            Validator::HasDigit => text.iter().any(u8::is_ascii_digit).then_some(f),
            Validator::AuthCredential => {
                // A scheme word alone is no credential (the same list the
                // regex and the extractor use), and neither is a credential
                // scrubbed already (`Bearer [auth_header:8dab…]`, or a
                // rendering with text after it: `[phone]x`).
                (!extract::AUTH_SCHEMES.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(text))
                    && !rendering_at(hay, f.0))
                .then_some(f)
            }
            // The whole path component: a name cut at the regex's 64
            // characters is no user name (and scrubbing its first part
            // would leave the rest to be read as a name again).
            // Nor is a rendering (`/home/[user_path:8dab…]`: the name stops at `:`).
            Validator::UserPath => {
                (user_path(text) && ends_user_name(&hay[f.1..]) && !rendering_at(hay, f.0)).then_some(f)
            }
        }
    }
}

/// Whether `word` equals one of `list` (lowercase), ignoring ASCII case.
fn one_of_ignore_case(word: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Copies the ASCII digits of `text` into `buf`; `None` when there are more
/// than fit (no real identifier is that long).
fn digits<'b>(text: &[u8], buf: &'b mut [u8; 64]) -> Option<&'b [u8]> {
    let mut n = 0;
    for &b in text {
        if b.is_ascii_digit() {
            *buf.get_mut(n)? = b - b'0';
            n += 1;
        }
    }
    Some(&buf[..n])
}

/// The Luhn (mod 10) checksum over digit values (0–9).
///
/// Used for payment cards and IMEIs.
pub(crate) fn luhn(d: &[u8]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &v) in d.iter().rev().enumerate() {
        let v = u32::from(v);
        sum += if i % 2 == 1 {
            let x = v * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            v
        };
    }
    sum % 10 == 0
}

/// True when the span continues a longer number through `-` or `.`
/// (`12-4111…`, `…1111.5`), which makes it part of something else.
fn embedded_in_number(hay: &[u8], f: Span) -> bool {
    let before = f.0 >= 2 && matches!(hay[f.0 - 1], b'-' | b'.') && hay[f.0 - 2].is_ascii_digit();
    let before = before || (f.0 >= 1 && hay[f.0 - 1].is_ascii_digit());
    let after = f.1 + 1 < hay.len() && matches!(hay[f.1], b'-' | b'.') && hay[f.1 + 1].is_ascii_digit();
    let after = after || hay.get(f.1).is_some_and(u8::is_ascii_digit);
    before || after
}

fn all_same(d: &[u8]) -> bool {
    d.iter().all(|&x| x == d[0])
}

// ---------------------------------------------------------------- cards

/// Brand prefix ranges and the lengths each brand issues.
fn card_brand_ok(d: &[u8]) -> bool {
    let n = d.len();
    let prefix = |k: usize| -> u32 { d[..k.min(n)].iter().fold(0u32, |a, &x| a * 10 + u32::from(x)) };
    let p1 = prefix(1);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    let p6 = prefix(6);
    // Visa
    if p1 == 4 {
        return matches!(n, 13 | 16 | 19);
    }
    // American Express
    if p2 == 34 || p2 == 37 {
        return n == 15;
    }
    // Mastercard (incl. the 2-series), Mir
    if (51..=55).contains(&p2) || (2221..=2720).contains(&p4) {
        return n == 16;
    }
    if (2200..=2204).contains(&p4) {
        return (16..=19).contains(&n);
    }
    // Discover
    if p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || (622_126..=622_925).contains(&p6) {
        return (16..=19).contains(&n);
    }
    // UnionPay
    if p2 == 62 || p2 == 81 {
        return (16..=19).contains(&n);
    }
    // JCB
    if (3528..=3589).contains(&p4) {
        return (16..=19).contains(&n);
    }
    // Diners Club
    if (300..=305).contains(&p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39 {
        return (14..=19).contains(&n);
    }
    // Maestro, RuPay
    if p2 == 50 || (56..=58).contains(&p2) || p2 == 60 || p2 == 63 || p2 == 67 || p2 == 69 {
        return (12..=19).contains(&n);
    }
    false
}

/// The lengths of the digit groups of `text`, and the separator used.
/// `None` when separators are mixed or doubled.
fn groups(text: &[u8], out: &mut [usize; 24]) -> Option<(usize, Option<u8>)> {
    let mut n = 0;
    let mut sep = None;
    let mut cur = 0;
    for &b in text {
        if b.is_ascii_digit() || b.is_ascii_alphabetic() {
            cur += 1;
        } else {
            if cur == 0 || sep.is_some_and(|s| s != b) {
                return None;
            }
            sep = Some(b);
            *out.get_mut(n)? = cur;
            n += 1;
            cur = 0;
        }
    }
    *out.get_mut(n)? = cur;
    Some((n + 1, sep))
}

fn card_grouping_ok(g: &[usize]) -> bool {
    match g {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] | [6, 13] => true,
        _ => {
            let (last, init) = g.split_last().unwrap_or((&0, &[]));
            init.iter().all(|&x| x == 4) && (1..=4).contains(last)
        }
    }
}

fn credit_card(hay: &[u8], f: Span) -> Option<Span> {
    // A card number has one kind of separator; where another starts, a
    // different number does (`5555-5555-5555-4444 555-123-4567`).
    let first_sep = hay[f.0..f.1].iter().position(|b| !b.is_ascii_digit());
    let f = match first_sep {
        Some(i) => {
            let sep = hay[f.0 + i];
            let other = hay[f.0 + i..f.1].iter().position(|&b| !b.is_ascii_digit() && b != sep);
            other.map_or(f, |j| (f.0, f.0 + i + j))
        }
        None => f,
    };
    let text = &hay[f.0..f.1];
    let mut gbuf = [0usize; 24];
    let (ng, sep) = groups(text, &mut gbuf)?;
    if continues_card_grouping(hay, f.0, sep, &gbuf[..ng]) {
        return None;
    }
    // Try the whole span, then (for grouped numbers) shorter spans ending at a
    // group boundary: "4111 1111 1111 1111 12" holds a card and a stray number.
    let mut end = f.1;
    let mut k = ng;
    loop {
        let span = (f.0, end);
        let mut buf = [0u8; 64];
        let d = digits(&hay[span.0..span.1], &mut buf)?;
        if (12..=19).contains(&d.len())
            && card_grouping_ok(&gbuf[..k])
            && card_brand_ok(d)
            && luhn(d)
            && !all_same(d)
            && !embedded_in_number(hay, span)
        {
            return Some(span);
        }
        if k <= 1 {
            return None;
        }
        // Drop the last group and its separator.
        k -= 1;
        end -= gbuf[k] + 1;
    }
}

/// Whether the groups before `start` (joined to it by the separator the
/// span uses) and the span's `groups` together form one card-shaped number:
/// `5678 9012 3456` in `1234 5678 9012 3456` is the end of a number, not a
/// card of its own. (The search looks inside rejected card candidates.)
fn continues_card_grouping(hay: &[u8], start: usize, sep: Option<u8>, groups: &[usize]) -> bool {
    if start < 2 || !matches!(hay[start - 1], b' ' | b'-') || !hay[start - 2].is_ascii_digit() {
        return false;
    }
    let s = hay[start - 1];
    if sep.is_some_and(|x| x != s) {
        return false;
    }
    let mut all = [0usize; 24];
    let mut before = 0;
    let mut i = start - 1;
    // The groups before, back to front, at most 19 digits.
    loop {
        let end = i;
        while i > 0 && hay[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if end == i || before == all.len() {
            return false;
        }
        all[before] = end - i;
        before += 1;
        if all[..before].iter().sum::<usize>() > 19 {
            return false;
        }
        if i < 2 || hay[i - 1] != s || !hay[i - 2].is_ascii_digit() {
            break;
        }
        i -= 1;
    }
    all[..before].reverse();
    let n = before + groups.len();
    if n > all.len() {
        return false;
    }
    all[before..n].copy_from_slice(groups);
    let total: usize = all[..n].iter().sum();
    (12..=19).contains(&total) && card_grouping_ok(&all[..n])
}

// ---------------------------------------------------------------- IBAN

/// Length of IBANs per ISO 3166 country code (SWIFT IBAN registry).
fn iban_length(cc: [u8; 2]) -> Option<usize> {
    Some(match &cc {
        b"AD" => 24,
        b"AE" => 23,
        b"AL" => 28,
        b"AT" => 20,
        b"AZ" => 28,
        b"BA" => 20,
        b"BE" => 16,
        b"BG" => 22,
        b"BH" => 22,
        b"BI" => 27,
        b"BR" => 29,
        b"BY" => 28,
        b"CH" => 21,
        b"CR" => 22,
        b"CY" => 28,
        b"CZ" => 24,
        b"DE" => 22,
        b"DJ" => 27,
        b"DK" => 18,
        b"DO" => 28,
        b"EE" => 20,
        b"EG" => 29,
        b"ES" => 24,
        b"FI" => 18,
        b"FK" => 18,
        b"FO" => 18,
        b"FR" => 27,
        b"GB" => 22,
        b"GE" => 22,
        b"GI" => 23,
        b"GL" => 18,
        b"GR" => 27,
        b"GT" => 28,
        b"HR" => 21,
        b"HU" => 28,
        b"IE" => 22,
        b"IL" => 23,
        b"IQ" => 23,
        b"IS" => 26,
        b"IT" => 27,
        b"JO" => 30,
        b"KW" => 30,
        b"KZ" => 20,
        b"LB" => 28,
        b"LC" => 32,
        b"LI" => 21,
        b"LT" => 20,
        b"LU" => 20,
        b"LV" => 21,
        b"LY" => 25,
        b"MC" => 27,
        b"MD" => 24,
        b"ME" => 22,
        b"MK" => 19,
        b"MN" => 20,
        b"MR" => 27,
        b"MT" => 31,
        b"MU" => 30,
        b"NI" => 28,
        b"NL" => 18,
        b"NO" => 15,
        b"OM" => 23,
        b"PK" => 24,
        b"PL" => 28,
        b"PS" => 29,
        b"PT" => 25,
        b"QA" => 29,
        b"RO" => 24,
        b"RS" => 22,
        b"RU" => 33,
        b"SA" => 24,
        b"SC" => 31,
        b"SD" => 18,
        b"SE" => 24,
        b"SI" => 19,
        b"SK" => 24,
        b"SM" => 27,
        b"SO" => 23,
        b"ST" => 25,
        b"SV" => 28,
        b"TL" => 23,
        b"TN" => 24,
        b"TR" => 26,
        b"UA" => 29,
        b"VA" => 22,
        b"VG" => 24,
        b"XK" => 20,
        b"YE" => 30,
        _ => return None,
    })
}

/// ISO 7064 mod 97-10 over an IBAN in compact form.
pub(crate) fn iban_checksum_ok(compact: &[u8]) -> bool {
    if compact.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    let rotated = compact[4..].iter().chain(compact[..4].iter());
    for &b in rotated {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

fn iban(hay: &[u8], f: Span) -> Option<Span> {
    let text = &hay[f.0..f.1];
    let want = iban_length([*text.first()?, *text.get(1)?])?;
    let mut compact = [0u8; 40];
    let mut n = 0;
    // Walk the span; stop where the compact form reaches the country length.
    let mut end = f.0;
    for (i, &b) in text.iter().enumerate() {
        if b == b' ' {
            continue;
        }
        if n == want {
            break;
        }
        *compact.get_mut(n)? = b;
        n += 1;
        end = f.0 + i + 1;
    }
    if n != want {
        return None;
    }
    let span = (f.0, end);
    let body = &hay[span.0..span.1];
    // Grouped IBANs are grouped in fours; a cut must fall on a group end.
    if body.contains(&b' ') {
        let mut gbuf = [0usize; 24];
        let (ng, _) = groups(body, &mut gbuf)?;
        let (last, init) = gbuf[..ng].split_last()?;
        if !(init.iter().all(|&g| g == 4) && (1..=4).contains(last)) {
            return None;
        }
        if end < f.1 && hay.get(end) != Some(&b' ') {
            return None;
        }
    } else if end != f.1 {
        return None;
    }
    (iban_checksum_ok(&compact[..n]) && compact[..n].iter().filter(|b| b.is_ascii_digit()).count() >= 8).then_some(span)
}

// ---------------------------------------------------------------- SSN

fn ssn_valid(d: &[u8]) -> bool {
    let area = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
    let group = u32::from(d[3]) * 10 + u32::from(d[4]);
    let serial = d[5..9].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

// ---------------------------------------------------------------- network

fn ipv4(hay: &[u8], f: Span) -> Option<Span> {
    std::str::from_utf8(&hay[f.0..f.1]).ok()?.parse::<std::net::Ipv4Addr>().ok()?;
    let before = f.0.checked_sub(1).map(|i| hay[i]);
    let before2 = f.0.checked_sub(2).map(|i| hay[i]);
    // 1.2.3.4.5 (OIDs, versions) and v1.2.3.4
    if before == Some(b'.') && before2.is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    if matches!(before, Some(b'v' | b'V')) || follows_version_word(hay, f.0) {
        return None;
    }
    if hay.get(f.1) == Some(&b'.') && hay.get(f.1 + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let text = &hay[f.0..f.1];
    if text == b"0.0.0.0" || text == b"255.255.255.255" {
        return None;
    }
    Some(f)
}

/// True when the text just before `at` is a word announcing a version
/// (`version 1.2.3.4`, `firmware: 10.0.0.1`), which makes a dotted quad a
/// version number rather than an address.
fn follows_version_word(hay: &[u8], at: usize) -> bool {
    let mut i = at;
    while i > 0 && matches!(hay[i - 1], b' ' | b':' | b'=' | b'"' | b'\'') && at - i < 4 {
        i -= 1;
    }
    let end = i;
    while i > 0 && hay[i - 1].is_ascii_alphabetic() && end - i < 16 {
        i -= 1;
    }
    const WORDS: &[&[u8]] = &[b"version", b"ver", b"release", b"build", b"firmware", b"fw", b"rev", b"revision"];
    one_of_ignore_case(&hay[i..end], WORDS)
}

fn ipv6(hay: &[u8], f: Span) -> Option<Span> {
    let text = std::str::from_utf8(&hay[f.0..f.1]).ok()?;
    let addr = text.split('%').next()?;
    if !addr.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    addr.parse::<std::net::Ipv6Addr>().ok()?;
    // Part of a longer colon-separated run (e.g. nine groups)?
    if hay.get(f.1) == Some(&b':') && hay.get(f.1 + 1).is_some_and(u8::is_ascii_hexdigit) {
        return None;
    }
    if f.0 >= 1 && hay[f.0 - 1] == b':' {
        return None;
    }
    // The end of a longer hyphenated or dotted token (`4111-1110-111::`),
    // as for MAC addresses.
    if f.0 >= 2 && matches!(hay[f.0 - 1], b'-' | b'.') && hay[f.0 - 2].is_ascii_hexdigit() {
        return None;
    }
    Some(f)
}

fn mac(hay: &[u8], f: Span) -> Option<Span> {
    let text = &hay[f.0..f.1];
    if !text.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let mut hex = text.iter().filter(|b| b.is_ascii_hexdigit());
    if hex.clone().all(|&b| b == b'0') || hex.all(|&b| b == b'f' || b == b'F') {
        return None;
    }
    let mut gbuf = [0usize; 24];
    groups(text, &mut gbuf)?;
    let sep_then_hex = |i: usize| {
        hay.get(i).is_some_and(|&b| matches!(b, b':' | b'-' | b'.'))
            && hay.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
    };
    if sep_then_hex(f.1) {
        return None;
    }
    if f.0 >= 2 && matches!(hay[f.0 - 1], b':' | b'-' | b'.') && hay[f.0 - 2].is_ascii_hexdigit() {
        return None;
    }
    Some(f)
}

// ---------------------------------------------------------------- tokens

fn b64url_value(b: u8) -> Option<u32> {
    Some(match b {
        b'A'..=b'Z' => u32::from(b - b'A'),
        b'a'..=b'z' => u32::from(b - b'a') + 26,
        b'0'..=b'9' => u32::from(b - b'0') + 52,
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => return None,
    })
}

/// Decodes unpadded base64url into `out`; returns the decoded length.
fn b64url_decode(input: &[u8], out: &mut [u8]) -> Option<usize> {
    let mut acc = 0u32;
    let mut bits = 0;
    let mut n = 0;
    for &b in input {
        acc = (acc << 6) | b64url_value(b)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            *out.get_mut(n)? = (acc >> bits) as u8;
            n += 1;
        }
    }
    Some(n)
}

fn jwt(hay: &[u8], f: Span) -> Option<Span> {
    let text = &hay[f.0..f.1];
    let header = text.split(|&b| b == b'.').next()?;
    let mut buf = [0u8; 512];
    let prefix = &header[..header.len().min(680)];
    let n = b64url_decode(prefix, &mut buf)?;
    let decoded = &buf[..n];
    let has = |needle: &[u8]| decoded.windows(needle.len()).any(|w| w == needle);
    if decoded.first() != Some(&b'{') || !(has(b"\"alg\"") || has(b"\"typ\"")) {
        return None;
    }
    let next = hay.get(f.1).copied();
    if next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        return None;
    }
    Some(f)
}

fn email(text: &[u8]) -> bool {
    let Some(at) = text.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    // `git@github.com:org/repo.git` is the SSH user of a code host, not a person.
    if local == b"git" {
        return false;
    }
    if local.is_empty() || local[0] == b'.' || local[local.len() - 1] == b'.' || local.windows(2).any(|w| w == b"..") {
        return false;
    }
    let tld = domain.rsplit(|&b| b == b'.').next().unwrap_or_default();
    const FILE_EXTENSIONS: &[&[u8]] = &[
        b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"ico", b"bmp", b"tif", b"tiff", b"css", b"js", b"mjs",
        b"cjs", b"ts", b"tsx", b"jsx", b"json", b"map", b"txt", b"log", b"html", b"htm", b"xml", b"yml", b"yaml",
        b"toml", b"lock", b"woff", b"woff2", b"ttf", b"otf", b"pdf", b"gz", b"tgz",
    ];
    !one_of_ignore_case(tld, FILE_EXTENSIONS)
}

fn looks_like_date_prefix(d: &[u8], text: &[u8]) -> bool {
    // dd.mm.yyyy, dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd at the start of the span.
    let mut g = [0usize; 24];
    let Some((n, _)) = groups_loose(text, &mut g) else {
        return false;
    };
    if n < 3 {
        return false;
    }
    let num = |from: usize, len: usize| d[from..from + len].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    match (g[0], g[1], g[2]) {
        (2, 2, 4) => {
            let (a, b, y) = (num(0, 2), num(2, 2), num(4, 4));
            (1..=31).contains(&a) && (1..=12).contains(&b) && (1900..=2100).contains(&y)
                || (1..=12).contains(&a) && (1..=31).contains(&b) && (1900..=2100).contains(&y)
        }
        (4, 2, 2) => {
            let (y, m, dd) = (num(0, 4), num(4, 2), num(6, 2));
            (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&dd)
        }
        _ => false,
    }
}

/// Digit-group lengths, where any run of non-digits separates groups.
fn groups_loose(text: &[u8], out: &mut [usize; 24]) -> Option<(usize, ())> {
    let mut n = 0;
    let mut cur = 0;
    for &b in text {
        if b.is_ascii_digit() {
            cur += 1;
        } else if cur > 0 {
            *out.get_mut(n)? = cur;
            n += 1;
            cur = 0;
        }
    }
    if cur > 0 {
        *out.get_mut(n)? = cur;
        n += 1;
    }
    Some((n, ()))
}

fn phone(hay: &[u8], f: Span, min: usize, max: usize) -> Option<Span> {
    if phone_ok(hay, f, min, max) { Some(f) } else { phone_before_number(hay, f, min, max) }
}

fn phone_ok(hay: &[u8], f: Span, min: usize, max: usize) -> bool {
    let text = &hay[f.0..f.1];
    // The extension is not part of the number's digit count.
    let main_end = text.iter().position(|&b| b == b'x' || b == b'e' || b == b'X' || b == b'E').unwrap_or(text.len());
    let main = &text[..main_end];
    let mut buf = [0u8; 64];
    let Some(d) = digits(main, &mut buf) else {
        return false;
    };
    if d.len() < min || d.len() > max || all_same(d) {
        return false;
    }
    let opens = main.iter().filter(|&&b| b == b'(').count();
    let closes = main.iter().filter(|&&b| b == b')').count();
    // A number that goes on through `/` (`030/1234567`) was cut short.
    let continued = hay.get(f.1) == Some(&b'/') && hay.get(f.1 + 1).is_some_and(u8::is_ascii_digit);
    opens == closes && !continued && !looks_like_date_prefix(d, main) && !embedded_in_number(hay, f)
}

/// A phone number followed, one separator later, by another number that the
/// phone regex took groups of (`020 7946 0958 4111 1111 1111 1111`, or
/// `030/1234567 06-12345678`, where the match `030/1234567 06` goes on): the
/// longest span ending at a group boundary that is a phone number, provided
/// that what follows the cut is itself a number (a card, an SSN, or a phone
/// number with a trunk prefix or in North American form). Without that
/// proviso a long grouped number (`0123 4567 8901 2345 6789`) would be
/// reported as a phone number followed by stray digits.
fn phone_before_number(hay: &[u8], f: Span, min: usize, max: usize) -> Option<Span> {
    // A cut is a single separator between two digit groups; spans are short
    // (the regexes bound them), so trying each cut is cheap.
    (f.0 + 1..f.1.saturating_sub(1)).rev().find_map(|c| {
        let cut = matches!(hay[c], b' ' | b'.' | b'-' | b'/')
            && matches!(hay[c - 1], b'0'..=b'9' | b')')
            && matches!(hay[c + 1], b'0'..=b'9' | b'(');
        (cut && phone_ok(hay, (f.0, c), min, max) && number_starts_at(hay, c + 1)).then_some((f.0, c))
    })
}

/// Whether a card number, an SSN or a phone number starts at `q` (a digit
/// after a separator).
fn number_starts_at(hay: &[u8], q: usize) -> bool {
    // The digit groups from `q` (one separator between groups), at most 19
    // digits: the longest card number.
    let mut groups = [0usize; 24];
    let mut ends = [0usize; 24];
    let mut seps = [0u8; 24];
    // A parenthesised area code first: `(555) 123-4567`, `(030) 1234567`.
    let paren = hay.get(q) == Some(&b'(');
    let (mut n, mut total, mut i) = (0, 0, q + usize::from(paren));
    while n < 24 {
        let start = i;
        while i < hay.len() && hay[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        if len == 0 || total + len > 19 {
            break;
        }
        total += len;
        groups[n] = len;
        ends[n] = i;
        n += 1;
        if n == 1 && paren {
            if hay.get(i) != Some(&b')') {
                return false;
            }
            i += 1;
            if hay.get(i) == Some(&b' ') {
                i += 1;
            }
            if !hay.get(i).is_some_and(u8::is_ascii_digit) {
                break;
            }
            seps[n] = b')';
            continue;
        }
        match hay.get(i) {
            Some(&b @ (b' ' | b'.' | b'-' | b'/')) if hay.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                seps[n] = b;
                i += 1;
            }
            _ => break,
        }
    }
    if n == 0 {
        return false;
    }
    // The group lengths and the digits of the first `k` groups.
    let digits_of = |k: usize, buf: &mut [u8; 64]| -> usize {
        let mut m = 0;
        for &b in &hay[q..ends[k - 1]] {
            if b.is_ascii_digit() {
                buf[m] = b - b'0';
                m += 1;
            }
        }
        m
    };
    let mut buf = [0u8; 64];
    for k in (1..=n).rev() {
        let m = digits_of(k, &mut buf);
        let d = &buf[..m];
        let span = (q, ends[k - 1]);
        let sep = if k > 1 { seps[1] } else { 0 };
        let same_seps = seps[1..k].iter().all(|&s| s == sep);
        // A card: grouped with spaces or dashes, or compact.
        if same_seps
            && !paren
            && matches!(sep, 0 | b' ' | b'-')
            && (12..=19).contains(&m)
            && card_grouping_ok(&groups[..k])
            && card_brand_ok(d)
            && luhn(d)
            && !all_same(d)
        {
            return true;
        }
        // An SSN, dashed or spaced.
        if groups[..k] == [3, 2, 4] && same_seps && matches!(sep, b'-' | b' ') && ssn_valid(d) {
            return true;
        }
        // A national phone number: trunk prefix 0, North American 3-3-4
        // (or Italian mobile), Spanish 3-3-3 or 3-2-2-2.
        let trunk = d[0] == 0 && d.get(1).is_some_and(|&x| x != 0) && (9..=12).contains(&m);
        let rest_same = seps.get(2..k).is_none_or(|r| r.iter().all(|&s| s == seps[k - 1]));
        let nanp = matches!(groups[..k], [3, 3, 4] | [1, 3, 3, 4]) && (same_seps || paren && rest_same);
        let es_it = matches!(groups[..k], [3, 3, 3] | [3, 2, 2, 2]) && sep == b' ' && same_seps && d[0] >= 3;
        if (trunk || nanp || es_it) && !all_same(d) && !looks_like_date_prefix(d, &hay[span.0..span.1]) {
            return true;
        }
    }
    false
}

fn secret_assignment(hay: &[u8], m: Span, keys: &KeyClassifier) -> Option<Span> {
    let kv = extract::key_value(hay, m)?;
    let key = &hay[kv.key.0..kv.key.1];
    if !keys.is_sensitive(key) || keys::is_authorization_key(key) {
        return None;
    }
    let value = kv.value;
    let mut end = value.1;
    // A multi-word value after `:` stops before a word that is itself
    // followed by `:` ("password: hunter2 user: bob"): that word is the
    // next key.
    if kv.colon && hay.get(end) == Some(&b':') {
        if let Some(space) = hay[value.0..end].iter().rposition(|&b| b == b' ' || b == b'\t') {
            end = value.0 + space;
            while end > value.0 && matches!(hay[end - 1], b' ' | b'\t') {
                end -= 1;
            }
        }
    }
    let v = &hay[value.0..end];
    if v.is_empty() || is_placeholder(v) || is_rendering(v) {
        return None;
    }
    // Inside a hash rendering `[us_ssn:8dab…]` the rule id reads as a key:
    // scrubbing output again must not change it.
    if kv.key.0 > 0
        && hay[kv.key.0 - 1] == b'['
        && hay.get(end) == Some(&b']')
        && is_rendering(&hay[kv.key.0 - 1..=end])
    {
        return None;
    }
    debug_assert!(m.0 <= value.0 && end <= m.1);
    Some((value.0, end))
}

/// Values that are not secrets: empty markers, booleans, already-masked text.
fn is_placeholder(v: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"null",
        b"none",
        b"nil",
        b"undefined",
        b"true",
        b"false",
        b"redacted",
        b"<redacted>",
        b"(redacted)",
        b"hidden",
        b"<hidden>",
        b"secret",
        b"<secret>",
        b"password",
        b"xxx",
        b"n/a",
        b"...",
        b"-",
    ];
    // Masked text, also masked words with blanks between (`***** ****`,
    // what a mask makes of a multi-word value).
    let mask_char = |b: &u8| matches!(b, b'*' | b'x' | b'X' | b'#');
    one_of_ignore_case(v, WORDS)
        || (v.iter().filter(|b| mask_char(b)).count() >= 3
            && v.iter().all(|b| mask_char(b) || matches!(b, b' ' | b'\t')))
}

/// `[rule_id]` or `[rule_id:hex]`: what the default `replace` and `hash`
/// actions write, so a value that is already scrubbed.
fn is_rendering(v: &[u8]) -> bool {
    let Some(inner) = v.strip_prefix(b"[").and_then(|v| v.strip_suffix(b"]")) else {
        return false;
    };
    let (id, hash) = match inner.iter().position(|&b| b == b':') {
        Some(i) => (&inner[..i], Some(&inner[i + 1..])),
        None => (inner, None),
    };
    !id.is_empty()
        && id.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && hash.is_none_or(|h| !h.is_empty() && h.iter().all(u8::is_ascii_hexdigit))
}

/// Whether the text after a user name, `rest`, starts with what cannot be
/// part of one: the end, a character of the `user_path` regex's excluded
/// class (Unicode whitespace as `\s`), or invalid UTF-8 (which the class
/// does not match either).
fn ends_user_name(rest: &[u8]) -> bool {
    let Some(c) = rest.utf8_chunks().next().and_then(|chunk| chunk.valid().chars().next()) else {
        return true;
    };
    matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '[' | ']') || c.is_whitespace() || c < '\u{20}'
}

/// Whether `span` lies inside a rendering `[id]` or `[id:hex]` (see
/// [`is_rendering`]) whose id is one of the scrubber's rules (`is_rule`):
/// text a scrubber wrote is no new finding, or scrubbing twice would change
/// more than scrubbing once (a hash rendering's sixteen hex digits can all
/// be digits and pass a card number's checksum). Restricted to the
/// scrubber's own rule ids so that a real value in a bracketed label
/// (`[card:4111111111111111]`) is still found.
pub(crate) fn inside_rendering(hay: &[u8], span: Span, is_rule: impl Fn(&str) -> bool) -> bool {
    let id_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':');
    // The opening bracket: at the span's start, or before it over the bytes
    // a rendering holds (a rule id is at most 64 bytes, the hex at most 64).
    let mut open = span.0;
    if hay.get(open) != Some(&b'[') {
        let lowest = span.0.saturating_sub(140);
        while open > lowest && id_byte(hay[open - 1]) {
            open -= 1;
        }
        if open == 0 || hay[open - 1] != b'[' {
            return false;
        }
        open -= 1;
    }
    let rest = &hay[open..hay.len().min(open + 141)];
    let Some(close) = rest.iter().position(|&b| b == b']') else { return false };
    let rendering = &rest[..=close];
    if open + close + 1 < span.1 || !is_rendering(rendering) {
        return false;
    }
    let id = rendering[1..close].split(|&b| b == b':').next().unwrap_or_default();
    std::str::from_utf8(id).is_ok_and(is_rule)
}

/// Whether a rendering (see [`is_rendering`]) starts at `at`.
pub(crate) fn rendering_at(hay: &[u8], at: usize) -> bool {
    // A rule id is at most 64 bytes, a hash rendering's hex at most 64.
    let rest = &hay[at..hay.len().min(at + 140)];
    rest.first() == Some(&b'[') && rest.iter().position(|&b| b == b']').is_some_and(|j| is_rendering(&rest[..=j]))
}

fn user_path(name: &[u8]) -> bool {
    const SHARED: &[&[u8]] = &[b"public", b"default", b"shared", b"guest"];
    !one_of_ignore_case(name, SHARED) && !name.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(v: Validator, s: &str) -> Option<String> {
        v.check(s.as_bytes(), (0, s.len()), (0, s.len()), &KeyClassifier::default()).map(|(a, b)| s[a..b].to_string())
    }

    #[test]
    fn scrubbed_renderings_are_not_secrets_again() {
        assert!(is_rendering(b"[credit_card]") && is_rendering(b"[us_ssn:8dabe597]") && is_rendering(b"[my-rule]"));
        for v in [&b"[]"[..], b"[a:]", b"[a:xyz]", b"[a b]", b"credit_card", b"[credit_card", b"[x]y"] {
            assert!(!is_rendering(v), "{}", String::from_utf8_lossy(v));
        }
        let s = Validator::SecretAssignment;
        assert_eq!(check(s, "password='[password_assignment]'"), None);
        assert_eq!(check(s, "us_ssn:8dabe597"), Some("8dabe597".into()), "not inside brackets: a value");
        assert_eq!(check(s, "password: '[x] y'"), Some("[x] y".into()));
        assert_eq!(check(s, "ssn: ***** **********"), None, "a masked multi-word value");
        assert_eq!(check(s, "password: ** ab"), Some("** ab".into()), "not only mask characters");
        let a = Validator::AuthCredential;
        assert_eq!(check(a, "[auth_header:c8b023f01b16d693]"), None);
        assert_eq!(check(a, "[auth_header]"), None);
        assert_eq!(check(a, "[abc"), Some("[abc".into()));
        assert_eq!(check(a, "[phone]\u{fffd}10"), None, "a rendering and more");
    }

    #[test]
    fn ipv6_not_at_the_end_of_a_hyphenated_token() {
        let v6 = |s: &str, addr: &str| {
            let start = s.find(addr).unwrap();
            Validator::Ipv6.check(s.as_bytes(), (0, s.len()), (start, start + addr.len()), &KeyClassifier::default())
        };
        assert!(v6("4111-1110-111::>", "111::").is_none());
        assert!(v6("v.2001:db8::1", "2001:db8::1").is_some(), "a non-hex letter before the dot");
        assert!(v6("addr=2001:db8::1", "2001:db8::1").is_some());
        assert!(v6("host-2001:db8::1", "2001:db8::1").is_some());
    }

    #[test]
    fn spans_inside_renderings_of_own_rules() {
        let rules = |id: &str| matches!(id, "password_assignment" | "email");
        let inside = |s: &str, part: &str| {
            let start = s.find(part).unwrap();
            inside_rendering(s.as_bytes(), (start, start + part.len()), rules)
        };
        let hashed = "key=[password_assignment:4086087149713196] x";
        assert!(inside(hashed, "4086087149713196"), "the hex digits of a hash rendering");
        assert!(inside(hashed, "[password_assignment:4086087149713196]"), "the whole rendering");
        assert!(inside("[email] x", "email"));
        assert!(!inside("[card:4111111111111111] x", "4111111111111111"), "not a rule of this scrubber");
        assert!(!inside("[email:4086087149713196]0 x", "4086087149713196]0"), "reaches past it");
        assert!(!inside("x 4086087149713196 y", "4086087149713196"));
        assert!(!inside("[email:40860871 49713196] x", "49713196"), "not a rendering");
    }

    #[test]
    fn user_path_names_end_at_a_separator() {
        let u = Validator::UserPath;
        let at = |s: &str, name: &str| {
            let start = s.find(name).unwrap();
            u.check(s.as_bytes(), (0, s.len()), (start, start + name.len()), &KeyClassifier::default())
        };
        assert!(at("/home/alice/x", "alice").is_some());
        assert!(at("/home/alice", "alice").is_some());
        assert!(at("/home/alice\u{a0}x", "alice").is_some(), "Unicode whitespace ends it, as in the regex");
        assert!(at("C:\\Users\\bob\\x", "bob").is_some());
        let long = format!("/home/{}", "a".repeat(70));
        assert!(at(&long, &"a".repeat(64)).is_none(), "a component cut at 64 characters");
        assert!(at("/home/[user_path:8cedc15b4a04c372] x", "[user_path").is_none(), "a hash rendering");
        assert!(at("/home/[bob/x", "[bob").is_some());
    }

    #[test]
    fn luhn_known_values() {
        let d = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<_>>();
        assert!(luhn(&d("4111111111111111")));
        assert!(luhn(&d("79927398713")));
        assert!(!luhn(&d("4111111111111112")));
        assert!(luhn(&d("490154203237518")), "IMEI example");
    }

    #[test]
    fn cards_by_brand() {
        for ok in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "5555555555554444",
            "2223003122003222",
            "378282246310005",
            "3782 822463 10005",
            "6011111111111117",
            "3530111333300000",
            "30569309025904",
            "6200000000000005",
            "6759649826438453",
        ] {
            assert!(check(Validator::CreditCard, ok).is_some(), "{ok}");
        }
        for bad in [
            "4111111111111112",    // Luhn
            "1234567812345670",    // no brand
            "4111 11111 111 1111", // grouping
            "4111-1111 1111-1111", // mixed separators
            "0000000000000000",
        ] {
            assert!(check(Validator::CreditCard, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn cards_are_narrowed_to_the_valid_prefix() {
        assert_eq!(check(Validator::CreditCard, "4111 1111 1111 1111 42").as_deref(), Some("4111 1111 1111 1111"));
    }

    #[test]
    fn ibans() {
        assert!(check(Validator::Iban, "DE89370400440532013000").is_some());
        assert!(check(Validator::Iban, "DE89 3704 0044 0532 0130 00").is_some());
        assert!(check(Validator::Iban, "GB82 WEST 1234 5698 7654 32").is_some());
        assert!(check(Validator::Iban, "NL91ABNA0417164300").is_some());
        assert!(check(Validator::Iban, "DE89370400440532013001").is_none(), "checksum");
        assert!(check(Validator::Iban, "DE8937040044053201300").is_none(), "length");
        assert!(check(Validator::Iban, "QQ89370400440532013000").is_none(), "country");
        assert_eq!(
            check(Validator::Iban, "DE89 3704 0044 0532 0130 00 1234").as_deref(),
            Some("DE89 3704 0044 0532 0130 00")
        );
    }

    #[test]
    fn ssns() {
        assert!(check(Validator::UsSsn, "123-45-6789").is_some());
        for bad in ["000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000"] {
            assert!(check(Validator::UsSsn, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn network_addresses() {
        assert!(check(Validator::Ipv6, "2001:db8::1").is_some());
        assert!(check(Validator::Ipv6, "fe80::1%eth0").is_some());
        assert!(check(Validator::Ipv6, "::ffff:192.0.2.128").is_some());
        assert!(check(Validator::Ipv6, "::").is_none());
        assert!(check(Validator::Ipv6, "dead::beef").is_none(), "no digit: likely not an address");
        assert!(check(Validator::Ipv6, "1:2:3").is_none());
        assert!(check(Validator::Mac, "00:1a:2b:3c:4d:5e").is_some());
        assert!(check(Validator::Mac, "00:00:00:00:00:00").is_none());
        assert!(check(Validator::Mac, "00:1a-2b:3c:4d:5e").is_none());
        assert!(check(Validator::Ipv4, "0.0.0.0").is_none());
        assert!(check(Validator::Ipv4, "10.1.2.3").is_some());
    }

    #[test]
    fn jwt_header_must_decode() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert!(check(Validator::Jwt, jwt).is_some());
        assert!(check(Validator::Jwt, "eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxIn0.abc").is_none());
    }

    #[test]
    fn emails() {
        assert!(check(Validator::Email, "ada@example.com").is_some());
        assert!(check(Validator::Email, "logo@2x.png").is_none());
        assert!(check(Validator::Email, ".ada@example.com").is_none());
        assert!(check(Validator::Email, "a..b@example.com").is_none());
    }

    #[test]
    fn phones() {
        assert!(check(Validator::PhoneNational, "020 7946 0958").is_some());
        assert!(check(Validator::PhoneNational, "01.02.2024 10").is_none(), "date and hour");
        assert!(check(Validator::PhoneInternational, "+44 20 7946 0958").is_some());
        assert!(check(Validator::PhoneInternational, "+1 (555 123 4567").is_none(), "unbalanced");
        assert!(check(Validator::PhoneInternational, "+1 555 555 5555").is_some());
        assert!(check(Validator::PhoneInternational, "+5 555 555 5555").is_none(), "all same");
    }
}
