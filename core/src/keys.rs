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
    "cvc2",
    "cvv",
    "cvv2",
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
    "b64", "base64", "bytes", "confirm", "confirmation", "current", "data", "digest", "enc", "encoded", "encrypted",
    "hash", "hashed", "hex", "new", "old", "plain", "plaintext", "raw", "repeat", "str", "string", "text", "value",
];

/// Maximum number of bytes of a key that are looked at.
const MAX_KEY_LEN: usize = 256;
/// Words longer than this are never sensitive words.
const MAX_WORD_LEN: usize = 24;

/// A word of a key, lowercased into a fixed buffer.
#[derive(Clone, Copy)]
struct Word {
    buf: [u8; MAX_WORD_LEN],
    len: usize,
    too_long: bool,
}

impl Word {
    fn as_str(&self) -> &str {
        if self.too_long {
            return "";
        }
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }

    fn is_digits(&self) -> bool {
        !self.too_long && self.len > 0 && self.buf[..self.len].iter().all(u8::is_ascii_digit)
    }
}

/// Calls `f` with the words of `key`, last word first, until it returns false.
fn words_from_end(key: &[u8], mut f: impl FnMut(&Word) -> bool) {
    let key = &key[key.len().saturating_sub(MAX_KEY_LEN)..];
    let mut end = key.len();
    while end > 0 {
        // Skip separators.
        while end > 0 && !key[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        let start = word_start(key, end);
        let mut w = Word {
            buf: [0; MAX_WORD_LEN],
            len: end - start,
            too_long: end - start > MAX_WORD_LEN,
        };
        if !w.too_long {
            for (d, s) in w.buf.iter_mut().zip(&key[start..end]) {
                *d = s.to_ascii_lowercase();
            }
        }
        if !f(&w) {
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
    // Uppercase run: "API" in "userAPI"; "APIKey" is split before the "K" by
    // the lowercase branch above, so here the run is all capitals.
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
    let mut words: [Option<Word>; 3] = [None; 3];
    let mut n = 0;
    words_from_end(key, |w| {
        // Trailing numbers do not change what a key names: password2.
        if n == 0 && w.is_digits() {
            return true;
        }
        words[n] = Some(*w);
        n += 1;
        n < 3
    });
    let word = |i: usize| words[i].as_ref().map_or("", Word::as_str);
    let sensitive_at = |i: usize| {
        let w = word(i);
        if w.is_empty() {
            return false;
        }
        SENSITIVE_WORDS.binary_search(&w).is_ok() || SENSITIVE_PHRASES.binary_search(&(word(i + 1), w)).is_ok()
    };
    if sensitive_at(0) {
        return true;
    }
    VALUE_SUFFIXES.binary_search(&word(0)).is_ok() && sensitive_at(1)
}

/// True for `Authorization` and `Proxy-Authorization`, whose values carry a
/// scheme (`Bearer …`) and are handled by the `auth_header` rule.
pub(crate) fn is_authorization_key(key: &[u8]) -> bool {
    let mut last = None;
    words_from_end(key, |w| {
        last = Some(w.as_str() == "authorization");
        false
    });
    last.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(SENSITIVE_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(SENSITIVE_PHRASES.windows(2).all(|w| w[0] < w[1]));
        assert!(VALUE_SUFFIXES.windows(2).all(|w| w[0] < w[1]));
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
    fn authorization_keys() {
        assert!(is_authorization_key(b"Authorization"));
        assert!(is_authorization_key(b"proxy-authorization"));
        assert!(!is_authorization_key(b"auth"));
    }
}
