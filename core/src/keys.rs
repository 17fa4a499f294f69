//! Which field names mark their value as a secret.
//!
//! A key is split into words (`snake_case`, `kebab-case`, `camelCase`,
//! `dotted.names`, `ALLCAPS`), and judged by its last words, case-insensitively:
//! `userPassword`, `X-Api-Key`, `db.password` and `access_token` are
//! sensitive; `author`, `authenticated`, `footpath` and `token_count` are not.
//! Substring matching (as Sentry Relay does) over-scrubs those; we match words.

/// Words that make a key sensitive when they are its last word.
const SENSITIVE_WORDS: &[&str] = &[
    "accesstoken",
    "apikey",
    "auth",
    "authorization",
    "authtoken",
    "clientsecret",
    "cookie",
    "cookies",
    "credential",
    "credentials",
    "creds",
    "csrf",
    "csrftoken",
    "cvc",
    "cvv",
    "jsessionid",
    "otp",
    "pass",
    "passcode",
    "passphrase",
    "passwd",
    "password",
    "phpsessid",
    "pin",
    "privatekey",
    "pwd",
    "refreshtoken",
    "secret",
    "secretkey",
    "sessid",
    "session",
    "sessionid",
    "ssn",
    "token",
    "xsrf",
    "xsrftoken",
];

/// Two-word endings that make a key sensitive (`api_key`, `session_id`).
const SENSITIVE_PHRASES: &[(&str, &str)] = &[
    ("access", "key"),
    ("account", "key"),
    ("api", "key"),
    ("auth", "key"),
    ("card", "no"),
    ("card", "num"),
    ("card", "number"),
    ("cc", "number"),
    ("credit", "card"),
    ("encryption", "key"),
    ("master", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("security", "code"),
    ("security", "number"),
    ("session", "id"),
    ("session", "key"),
    ("signing", "key"),
    ("social", "security"),
];

/// Last words that describe a form of the secret named before them
/// (`password_hash`, `token_value`, `password_confirmation`).
const VALUE_SUFFIXES: &[&str] = &[
    "base",
    "bytes",
    "confirm",
    "confirmation",
    "current",
    "data",
    "digest",
    "enc",
    "encoded",
    "encrypted",
    "hash",
    "hashed",
    "hex",
    "new",
    "old",
    "plain",
    "plaintext",
    "raw",
    "repeat",
    "str",
    "string",
    "text",
    "value",
];

/// Words that name a secret even as the tail of a longer word written
/// without separators: `pgpassword`, `dbpasswd`, `apitoken`, `clientsecret`.
const STRONG_TAILS: &[&[u8]] = &[b"password", b"passwd", b"secret", b"token"];

/// Maximum number of bytes of a key that are looked at.
const MAX_KEY_LEN: usize = 256;

/// A lowercase word of at most 16 bytes packed big-endian into a `u128`,
/// NUL-padded, so that comparing packed words compares the strings. Longer
/// words pack to `u128::MAX`, which no table holds.
const fn pack(word: &[u8]) -> u128 {
    if word.len() > 16 {
        return u128::MAX;
    }
    let mut v = 0u128;
    let mut i = 0;
    while i < 16 {
        let b = if i < word.len() { word[i].to_ascii_lowercase() } else { 0 };
        v = (v << 8) | b as u128;
        i += 1;
    }
    v
}

/// [`pack`] for run time. Builds the value in a register: copying a short
/// slice into a buffer and reading it back as a `u128` stalls on store
/// forwarding.
#[inline]
fn pack_fast(word: &[u8]) -> u128 {
    if word.len() > 16 {
        return u128::MAX;
    }
    let mut v = 0u128;
    for &b in word {
        v = (v << 8) | u128::from(b.to_ascii_lowercase());
    }
    v << (8 * (16 - word.len()))
}

const fn pack_all<const N: usize>(words: &[&str]) -> [u128; N] {
    let mut out = [0u128; N];
    let mut i = 0;
    while i < N {
        out[i] = pack(words[i].as_bytes());
        i += 1;
    }
    out
}

const fn pack_pairs<const N: usize>(pairs: &[(&str, &str)]) -> [(u128, u128); N] {
    let mut out = [(0u128, 0u128); N];
    let mut i = 0;
    while i < N {
        out[i] = (pack(pairs[i].0.as_bytes()), pack(pairs[i].1.as_bytes()));
        i += 1;
    }
    out
}

static SENSITIVE_PACKED: [u128; SENSITIVE_WORDS.len()] = pack_all(SENSITIVE_WORDS);
static PHRASES_PACKED: [(u128, u128); SENSITIVE_PHRASES.len()] = pack_pairs(SENSITIVE_PHRASES);
/// Open-addressing hash sets of packed words, built at compile time:
/// looked up for every key that gets past the tail filter, where a binary
/// search mispredicts a branch on nearly every probe.
const SET_BITS: u32 = 7;
const SET_SIZE: usize = 1 << SET_BITS;

const fn hash(w: u128) -> usize {
    let x = (w as u64) ^ ((w >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SET_BITS)) as usize
}

const fn hash_pair(a: u128, b: u128) -> usize {
    (hash(a) ^ hash(b).rotate_left(3)) & (SET_SIZE - 1)
}

const fn word_set(words: &[u128]) -> [u128; SET_SIZE] {
    assert!(words.len() * 2 <= SET_SIZE);
    let mut t = [EMPTY; SET_SIZE];
    let mut i = 0;
    while i < words.len() {
        let mut s = hash(words[i]);
        while t[s] != EMPTY && t[s] != words[i] {
            s = (s + 1) & (SET_SIZE - 1);
        }
        t[s] = words[i];
        i += 1;
    }
    t
}

const fn pair_set(pairs: &[(u128, u128)]) -> [(u128, u128); SET_SIZE] {
    assert!(pairs.len() * 2 <= SET_SIZE);
    let mut t = [(EMPTY, EMPTY); SET_SIZE];
    let mut i = 0;
    while i < pairs.len() {
        let (a, b) = pairs[i];
        let mut s = hash_pair(a, b);
        while t[s].1 != EMPTY && (t[s].0 != a || t[s].1 != b) {
            s = (s + 1) & (SET_SIZE - 1);
        }
        t[s] = (a, b);
        i += 1;
    }
    t
}

static SENSITIVE_SET: [u128; SET_SIZE] = word_set(&SENSITIVE_PACKED);
static SUFFIX_SET: [u128; SET_SIZE] = word_set(&SUFFIXES_PACKED);
static PHRASE_SET: [(u128, u128); SET_SIZE] = pair_set(&PHRASES_PACKED);

#[inline]
fn in_words(set: &[u128; SET_SIZE], w: u128) -> bool {
    if w == EMPTY {
        return false;
    }
    let mut s = hash(w);
    loop {
        match set[s] {
            x if x == w => return true,
            EMPTY => return false,
            _ => s = (s + 1) & (SET_SIZE - 1),
        }
    }
}

#[inline]
fn in_pairs(set: &[(u128, u128); SET_SIZE], a: u128, b: u128) -> bool {
    if a == EMPTY || b == EMPTY {
        return false;
    }
    let mut s = hash_pair(a, b);
    loop {
        match set[s] {
            (x, y) if x == a && y == b => return true,
            (_, EMPTY) => return false,
            _ => s = (s + 1) & (SET_SIZE - 1),
        }
    }
}

static SUFFIXES_PACKED: [u128; VALUE_SUFFIXES.len()] = pack_all(VALUE_SUFFIXES);
const EMPTY: u128 = 0;

/// Calls `f` with each word of `key` (packed), last word first, until it
/// returns false. Words split at separators, camelCase humps, and between
/// letters and digits.
fn words_from_end(key: &[u8], mut f: impl FnMut(u128, &[u8]) -> bool) {
    let key = &key[key.len().saturating_sub(MAX_KEY_LEN)..];
    let mut end = key.len();
    while end > 0 {
        while end > 0 && !key[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        let start = word_start(key, end);
        let word = &key[start..end];
        if !f(pack_fast(word), word) {
            return;
        }
        end = start;
    }
}

/// Where the word ending at `end` (exclusive) starts: camelCase, ALLCaps,
/// letter/digit and separator boundaries.
fn word_start(key: &[u8], end: usize) -> usize {
    let last = key[end - 1];
    let mut i = end - 1;
    if last.is_ascii_digit() {
        while i > 0 && key[i - 1].is_ascii_digit() {
            i -= 1;
        }
        return i;
    }
    if last.is_ascii_lowercase() {
        while i > 0 && key[i - 1].is_ascii_lowercase() {
            i -= 1;
        }
        // "Password" in "userPassword": take the capital.
        if i > 0 && key[i - 1].is_ascii_uppercase() {
            i -= 1;
        }
        return i;
    }
    // An uppercase run: "API" in "userAPI" ("APIKey" is split before the
    // "K" by the lowercase branch above).
    while i > 0 && key[i - 1].is_ascii_uppercase() {
        i -= 1;
    }
    i
}

/// True when a value under this key is a secret.
///
/// ```
/// # use scrubjay::is_sensitive_key;
/// assert!(is_sensitive_key(b"userPassword"));
/// assert!(is_sensitive_key(b"X-Api-Key"));
/// assert!(is_sensitive_key(b"db.password"));
/// assert!(!is_sensitive_key(b"token_count"));
/// assert!(!is_sensitive_key(b"author"));
/// ```
pub fn is_sensitive_key(key: &[u8]) -> bool {
    KeyClassifier::default().is_sensitive(key)
}

/// The default key words, changed by a config's `json.sensitive_keys`:
/// words and two-word phrases added to or removed from the lists.
///
/// ```
/// # use scrubjay::KeyClassifier;
/// let mut keys = KeyClassifier::default();
/// keys.add("tenant_secret_ref").unwrap_err(); // at most two words
/// keys.add("ssn_last4").unwrap();
/// keys.remove("session").unwrap();
/// assert!(keys.is_sensitive(b"user_ssn_last4"));
/// assert!(!keys.is_sensitive(b"session"));
/// assert!(keys.is_sensitive(b"session_id"), "a phrase is a separate entry");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyClassifier {
    added_words: Vec<u128>,
    added_phrases: Vec<(u128, u128)>,
    removed_words: Vec<u128>,
    removed_phrases: Vec<(u128, u128)>,
}

/// Splits a configured key word into one or two packed words.
fn entry(text: &str) -> Result<(Option<u128>, u128), String> {
    let mut words = Vec::new();
    words_from_end(text.as_bytes(), |w, word| {
        // Trailing numbers are skipped when keys are judged, so here too.
        if words.is_empty() && word[0].is_ascii_digit() {
            return true;
        }
        words.push((w, word.len() > 16));
        words.len() <= 2
    });
    match words.as_slice() {
        [(_, true), ..] | [_, (_, true)] => Err(format!("{text:?}: words are at most 16 characters")),
        [(w, _)] => Ok((None, *w)),
        [(w, _), (prev, _)] => Ok((Some(*prev), *w)),
        [] if text.bytes().any(|b| b.is_ascii_digit()) => Err(format!(
            "{text:?} is only a number; numbers at the end of keys are ignored (`password2` counts as `password`), so give a word"
        )),
        [] => Err(format!("{text:?} has no letters or digits")),
        _ => Err(format!(
            "{text:?} has more than two words; keys are judged by their last words, so give the last one or two"
        )),
    }
}

impl KeyClassifier {
    /// Makes keys ending with this word (or two-word phrase) sensitive.
    pub fn add(&mut self, word: &str) -> Result<(), String> {
        match entry(word)? {
            (None, w) => self.added_words.push(w),
            (Some(p), w) => self.added_phrases.push((p, w)),
        }
        Ok(())
    }

    /// Stops this word (or two-word phrase) from making keys sensitive.
    pub fn remove(&mut self, word: &str) -> Result<(), String> {
        match entry(word)? {
            (None, w) => self.removed_words.push(w),
            (Some(p), w) => self.removed_phrases.push((p, w)),
        }
        Ok(())
    }

    /// Whether the defaults are unchanged (so the quick filters hold).
    pub(crate) fn is_default(&self) -> bool {
        self.added_words.is_empty() && self.added_phrases.is_empty()
    }

    /// True when `word` is longer than, and ends with, a strong word that
    /// has not been removed.
    fn ends_with_strong_word(&self, word: &[u8]) -> bool {
        STRONG_TAILS.iter().any(|t| {
            word.len() > t.len()
                && word[word.len() - t.len()..].eq_ignore_ascii_case(t)
                && !self.removed_words.contains(&pack(t))
        })
    }

    fn word(&self, w: u128) -> bool {
        (in_words(&SENSITIVE_SET, w) && !self.removed_words.contains(&w)) || self.added_words.contains(&w)
    }

    fn phrase(&self, prev: u128, w: u128) -> bool {
        (in_pairs(&PHRASE_SET, prev, w) && !self.removed_phrases.contains(&(prev, w)))
            || self.added_phrases.contains(&(prev, w))
    }

    /// True when a value under this key is a secret.
    pub fn is_sensitive(&self, key: &[u8]) -> bool {
        self.classify(key)
    }

    fn classify(&self, key: &[u8]) -> bool {
        // The last three words (after trailing numbers, which do not change
        // what a key names: `password2`), last first.
        let mut words = [EMPTY; 3];
        let mut n = 0;
        let mut compound = false;
        words_from_end(key, |w, word| {
            if n == 0 && word[0].is_ascii_digit() {
                return true;
            }
            if n == 0 {
                compound = self.ends_with_strong_word(word);
            }
            words[n] = w;
            n += 1;
            n < 3
        });
        if compound {
            return true;
        }
        let sensitive_at = |i: usize| {
            words[i] != EMPTY
                && (self.word(words[i]) || (i + 1 < 3 && words[i + 1] != EMPTY && self.phrase(words[i + 1], words[i])))
        };
        sensitive_at(0) || (in_words(&SUFFIX_SET, words[0]) && sensitive_at(1))
    }
}

/// A necessary condition for the key that ends `text` to be sensitive,
/// reading only its last few bytes: the key's last word (after trailing
/// digits and `_.-`, which [`is_sensitive_key`] skips too) must end with the
/// last three letters of a word that can end a sensitive key, or be a
/// two-letter such word (`id`, `no`) starting at a word boundary. Lets the
/// engine dismiss nearly every `key=` and `key:` in logs without reading
/// the key.
#[inline]
pub(crate) fn key_may_be_sensitive(text: &[u8]) -> bool {
    let mut j = text.len();
    while j > 0 && matches!(text[j - 1], b'0'..=b'9' | b'_' | b'.' | b'-') {
        j -= 1;
    }
    if j < 2 {
        return false;
    }
    let letter = |i: usize| text[i].is_ascii_alphabetic().then(|| usize::from(text[i].to_ascii_lowercase() - b'a'));
    let (Some(c1), Some(c2)) = (letter(j - 1), letter(j - 2)) else {
        return false;
    };
    if let Some(c3) = j.checked_sub(3).and_then(letter) {
        let bit = (c3 * 26 + c2) * 26 + c1;
        if TAIL3[bit / 64] & (1 << (bit % 64)) != 0 {
            return true;
        }
        // A two-letter word needs a boundary before it: a capital ("userId")
        // or a non-letter ("user_id").
        if !text[j - 2].is_ascii_uppercase() {
            return false;
        }
    }
    if TAIL2[c2] & (1 << c1) == 0 {
        return false;
    }
    // Two-letter words (`id`, `no`) only end phrases (`session id`), so the
    // word before must end like a phrase head.
    let mut k = j - 2;
    while k > 0 && !text[k - 1].is_ascii_alphanumeric() {
        k -= 1;
    }
    let (Some(h1), Some(h2), Some(h3)) =
        (k.checked_sub(1).and_then(letter), k.checked_sub(2).and_then(letter), k.checked_sub(3).and_then(letter))
    else {
        return false;
    };
    let bit = (h3 * 26 + h2) * 26 + h1;
    HEAD3[bit / 64] & (1 << (bit % 64)) != 0
}

/// Last three letters of the words before a two-letter phrase tail.
static HEAD3: [u64; 275] = {
    let mut t = [0u64; 275];
    let mut i = 0;
    while i < SENSITIVE_PHRASES.len() {
        if SENSITIVE_PHRASES[i].1.len() == 2 {
            t = add_tail3(t, SENSITIVE_PHRASES[i].0);
        }
        i += 1;
    }
    t
};

/// Last three letters of the words that can end a sensitive key, as bits
/// `(a * 26 + b) * 26 + c`.
static TAIL3: [u64; 275] = {
    let mut t = [0u64; 275];
    t = add_tails3(t, SENSITIVE_WORDS);
    t = add_tails3(t, VALUE_SUFFIXES);
    let mut i = 0;
    while i < SENSITIVE_PHRASES.len() {
        t = add_tail3(t, SENSITIVE_PHRASES[i].1);
        i += 1;
    }
    t
};

/// The two-letter words that can end a sensitive key, as bits `b` of `[a]`.
static TAIL2: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut i = 0;
    while i < SENSITIVE_PHRASES.len() {
        let w = SENSITIVE_PHRASES[i].1.as_bytes();
        if w.len() == 2 {
            t[(w[0] - b'a') as usize] |= 1 << (w[1] - b'a');
        }
        i += 1;
    }
    t
};

const fn add_tails3(mut t: [u64; 275], words: &[&str]) -> [u64; 275] {
    let mut i = 0;
    while i < words.len() {
        t = add_tail3(t, words[i]);
        i += 1;
    }
    t
}

const fn add_tail3(mut t: [u64; 275], word: &str) -> [u64; 275] {
    let w = word.as_bytes();
    if w.len() >= 3 {
        let n = w.len();
        let bit = ((w[n - 3] - b'a') as usize * 26 + (w[n - 2] - b'a') as usize) * 26 + (w[n - 1] - b'a') as usize;
        t[bit / 64] |= 1 << (bit % 64);
    }
    t
}

/// True for `Authorization` and `Proxy-Authorization`, whose values carry a
/// scheme (`Bearer …`) and are handled by the `auth_header` rule.
pub(crate) fn is_authorization_key(key: &[u8]) -> bool {
    let mut last = false;
    words_from_end(key, |w, _: &[u8]| {
        last = w == pack(b"authorization");
        false
    });
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(SENSITIVE_PACKED.windows(2).all(|w| w[0] < w[1]));
        assert!(PHRASES_PACKED.windows(2).all(|w| w[0] < w[1]));
        assert!(SUFFIXES_PACKED.windows(2).all(|w| w[0] < w[1]));
        assert!(SENSITIVE_WORDS.iter().chain(VALUE_SUFFIXES).all(|w| w.len() <= 16));
    }

    #[test]
    fn sensitive_keys() {
        for k in [
            "password",
            "PASSWORD",
            "Password",
            "userPassword",
            "user_password",
            "db.password",
            "DB_PASSWORD",
            "mysql_pwd",
            "passwd",
            "secret",
            "client_secret",
            "clientSecret",
            "token",
            "access_token",
            "refresh_token",
            "accessToken",
            "api_key",
            "apikey",
            "apiKey",
            "APIKey",
            "x-api-key",
            "X-Api-Key",
            "auth",
            "Authorization",
            "credentials",
            "private_key",
            "privateKey",
            "session",
            "session_id",
            "sessionId",
            "cookie",
            "set-cookie",
            "Set-Cookie",
            "csrf_token",
            "X-XSRF-TOKEN",
            "csrftoken",
            "ssn",
            "card_number",
            "cardNumber",
            "cvv",
            "cvc",
            "password2",
            "password_hash",
            "password_confirmation",
            "JSESSIONID",
            "PHPSESSID",
            "PGPASSWORD",
            "userpassword",
            "apitoken",
            "MYSQL_ROOT_PASSWORD",
        ] {
            assert!(is_sensitive_key(k.as_bytes()), "{k} should be sensitive");
        }
    }

    #[test]
    fn harmless_keys() {
        for k in [
            "author",
            "authenticated",
            "footpath",
            "idiotproof",
            "token_count",
            "tokenCount",
            "max_tokens",
            "password_reset_url",
            "password_policy",
            "key",
            "cache_key",
            "primaryKey",
            "user",
            "passenger",
            "bypass",
            "compass",
            "session_count",
            "sort_key",
            "id",
            "",
            "123",
            "___",
        ] {
            assert!(!is_sensitive_key(k.as_bytes()), "{k} should not be sensitive");
        }
    }

    #[test]
    fn fast_packing_agrees_with_const_packing() {
        for w in ["Password", "APIKEY", "x", "token2", "0123456789abcdef", "ABCDEFGHIJKLMNOPQ", "Zz09"] {
            assert_eq!(pack_fast(w.as_bytes()), pack(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn words_are_lowercase_letters() {
        for w in SENSITIVE_WORDS.iter().chain(VALUE_SUFFIXES).chain(SENSITIVE_PHRASES.iter().flat_map(|p| [&p.0, &p.1]))
        {
            assert!(w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase()), "{w}: split words are letters only");
        }
    }

    /// The quick filter never rejects a sensitive key: checked on every
    /// table word in every case form and compound.
    #[test]
    fn tail_filter_admits_every_sensitive_key() {
        let forms = |w: &str| {
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            [w.to_string(), cap, w.to_ascii_uppercase()]
        };
        let mut keys = Vec::new();
        for w in SENSITIVE_WORDS.iter().chain(VALUE_SUFFIXES).chain(SENSITIVE_PHRASES.iter().map(|p| &p.1)) {
            for f in forms(w) {
                for prefix in ["", "x_", "my", "db.", "user", "USER", "client-", "password_"] {
                    for suffix in ["", "2", "_", "_01", "."] {
                        keys.push(format!("{prefix}{f}{suffix}"));
                    }
                }
            }
        }
        for (a, b) in SENSITIVE_PHRASES {
            for fa in forms(a) {
                for fb in forms(b) {
                    keys.push(format!("{fa}{fb}"));
                    keys.push(format!("{fa}_{fb}"));
                    keys.push(format!("x{fa}{fb}9"));
                }
            }
        }
        for k in keys {
            if is_sensitive_key(k.as_bytes()) {
                assert!(key_may_be_sensitive(k.as_bytes()), "{k}");
            }
        }
        assert!(!key_may_be_sensitive(b"status"));
        assert!(!key_may_be_sensitive(b"paid"));
        assert!(!key_may_be_sensitive(b"2024-03-15T10"));
        assert!(!key_may_be_sensitive(b"user_id"));
        assert!(!key_may_be_sensitive(b"userId"));
        assert!(key_may_be_sensitive(b"session_id"));
        assert!(key_may_be_sensitive(b"sessionId"));
        assert!(key_may_be_sensitive(b"CARD-NO"));
    }

    #[test]
    fn authorization_keys() {
        assert!(is_authorization_key(b"Authorization"));
        assert!(is_authorization_key(b"proxy-authorization"));
        assert!(!is_authorization_key(b"auth"));
    }
}
