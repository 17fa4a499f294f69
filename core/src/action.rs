//! Actions: what happens to the text of a finding.
//!
//! [`ActionConfig`] is the user-facing description; [`Action`] is the compiled
//! form, checked once when the scrubber is built so that applying it can never
//! fail.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::ActionConfig;
use crate::error::{Error, Result};

/// The kind of action applied to a finding, as reported in [`Finding`](crate::Finding).
///
/// ```
/// assert_eq!(scrubjay::ActionKind::Mask.as_str(), "mask");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// Replaced by a template.
    Replace,
    /// Characters replaced by a mask character.
    Mask,
    /// Replaced by a keyed hash.
    Hash,
    /// Deleted.
    Remove,
    /// Left as it was (reported only).
    Keep,
}

impl ActionKind {
    /// The action's name as used in configs and reports.
    ///
    /// ```
    /// assert_eq!(scrubjay::ActionKind::Keep.as_str(), "keep");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Replace => "replace",
            ActionKind::Mask => "mask",
            ActionKind::Hash => "hash",
            ActionKind::Remove => "remove",
            ActionKind::Keep => "keep",
        }
    }

    /// True when the action changes the text.
    ///
    /// ```
    /// assert!(scrubjay::ActionKind::Remove.changes_text());
    /// assert!(!scrubjay::ActionKind::Keep.changes_text());
    /// ```
    pub fn changes_text(self) -> bool {
        self != ActionKind::Keep
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A compiled action.
#[derive(Clone)]
pub(crate) enum Action {
    Replace(Template),
    Mask(MaskSpec),
    Hash(HashSpec),
    Remove,
    Keep,
}

impl fmt::Debug for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the hash key.
        f.write_str(self.kind().as_str())
    }
}

#[derive(Debug, Clone)]
pub(crate) struct MaskSpec {
    char: char,
    keep_first: usize,
    keep_last: usize,
    keep_separators: bool,
}

#[derive(Clone)]
pub(crate) struct HashSpec {
    mac: Hmac<Sha256>,
    length: usize,
    template: Template,
}

/// A replacement template, parsed once: literal text and placeholders.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Piece {
    Literal(String),
    Rule,
    Hash,
}

pub(crate) const DEFAULT_REPLACE_TEMPLATE: &str = "[{rule}]";
pub(crate) const DEFAULT_HASH_TEMPLATE: &str = "[{rule}:{hash}]";
const DEFAULT_HASH_LENGTH: usize = 16;

impl Template {
    fn parse(text: &str, allow_hash: bool) -> std::result::Result<Template, String> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek().map(|&(_, c)| c) == Some('}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let rest = &text[i + 1..];
                    let Some(close) = rest.find('}') else {
                        return Err(format!(
                            "unclosed `{{` at byte {i} in template {text:?}; write `{{{{` for a literal brace"
                        ));
                    };
                    let name = &rest[..close];
                    let piece = match name {
                        "rule" => Piece::Rule,
                        "hash" if allow_hash => Piece::Hash,
                        "hash" => {
                            return Err(format!("`{{hash}}` is only available in `hash` actions (template {text:?})"));
                        }
                        other => {
                            let known = if allow_hash { "`{rule}` and `{hash}`" } else { "`{rule}`" };
                            return Err(format!(
                                "unknown placeholder `{{{other}}}` in template {text:?}; known: {known}; write `{{{{` for a literal brace"
                            ));
                        }
                    };
                    if !lit.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut lit)));
                    }
                    pieces.push(piece);
                    for _ in 0..=name.chars().count() {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(format!(
                        "unmatched `}}` at byte {i} in template {text:?}; write `}}}}` for a literal brace"
                    ));
                }
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            pieces.push(Piece::Literal(lit));
        }
        Ok(Template { pieces })
    }

    /// Whether `text` is what [`render`](Self::render) writes for `rule`
    /// with some hash of `hash_len` lowercase hex digits. Every piece has a
    /// known length, so reading them in order is exact.
    fn rendered(&self, rule: &str, hash_len: usize, text: &[u8]) -> bool {
        let mut rest = text;
        for p in &self.pieces {
            let len = match p {
                Piece::Literal(s) => rest.starts_with(s.as_bytes()).then_some(s.len()),
                Piece::Rule => rest.starts_with(rule.as_bytes()).then_some(rule.len()),
                Piece::Hash => rest
                    .get(..hash_len)
                    .is_some_and(|h| h.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                    .then_some(hash_len),
            };
            let Some(len) = len else { return false };
            rest = &rest[len..];
        }
        rest.is_empty()
    }

    fn render(&self, rule: &str, hash: &str, out: &mut Vec<u8>) {
        for p in &self.pieces {
            match p {
                Piece::Literal(s) => out.extend_from_slice(s.as_bytes()),
                Piece::Rule => out.extend_from_slice(rule.as_bytes()),
                Piece::Hash => out.extend_from_slice(hash.as_bytes()),
            }
        }
    }
}

impl Action {
    /// Compiles an action for `rule`. `hash_key` is the config's key, if any.
    pub(crate) fn compile(rule: &str, cfg: &ActionConfig, hash_key: Option<&str>) -> Result<Action> {
        Ok(match cfg {
            ActionConfig::Replace { template } => {
                let t = template.as_deref().unwrap_or(DEFAULT_REPLACE_TEMPLATE);
                Action::Replace(Template::parse(t, false).map_err(|p| Error::invalid_action(rule, p))?)
            }
            ActionConfig::Mask { char, keep_first, keep_last, keep_separators } => {
                let c = char.unwrap_or('*');
                if c.is_control() {
                    return Err(Error::invalid_action(
                        rule,
                        format!("mask character {c:?} is a control character; use a visible one such as `*`"),
                    ));
                }
                Action::Mask(MaskSpec {
                    char: c,
                    keep_first: keep_first.unwrap_or(0),
                    keep_last: keep_last.unwrap_or(0),
                    keep_separators: keep_separators.unwrap_or(false),
                })
            }
            ActionConfig::Hash { length, template } => {
                let Some(key) = hash_key.filter(|k| !k.is_empty()) else {
                    return Err(Error::invalid_action(
                        rule,
                        "`hash` needs a secret key: set `hash_key` in the config (an unkeyed hash of a phone number or email is trivially reversible by trying every value)",
                    ));
                };
                let length = length.unwrap_or(DEFAULT_HASH_LENGTH);
                if !(8..=64).contains(&length) {
                    return Err(Error::invalid_action(
                        rule,
                        format!("hash `length` must be between 8 and 64 hex digits, got {length}"),
                    ));
                }
                let t = template.as_deref().unwrap_or(DEFAULT_HASH_TEMPLATE);
                let template = Template::parse(t, true).map_err(|p| Error::invalid_action(rule, p))?;
                let mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
                    .map_err(|e| Error::invalid_action(rule, format!("bad hash key: {e}")))?;
                Action::Hash(HashSpec { mac, length, template })
            }
            ActionConfig::Remove => Action::Remove,
            ActionConfig::Keep => Action::Keep,
        })
    }

    pub(crate) fn kind(&self) -> ActionKind {
        match self {
            Action::Replace(_) => ActionKind::Replace,
            Action::Mask(_) => ActionKind::Mask,
            Action::Hash(_) => ActionKind::Hash,
            Action::Remove => ActionKind::Remove,
            Action::Keep => ActionKind::Keep,
        }
    }

    /// Whether `text` is what this action writes for a finding of `rule`
    /// with a `replace` or `hash` action (`[rule]`, `[rule:<hex>]`, or the
    /// rule's own template): a value scrubbed before. Where a whole value is
    /// scrubbed whatever it holds (under a sensitive key or a path rule),
    /// such a value is left alone, so that scrubbing twice changes nothing
    /// (a hash of a hash rendering would be another hash). A mask gives a
    /// masked value back, so masks are recognised after applying instead.
    pub(crate) fn wrote(&self, rule: &str, text: &[u8]) -> bool {
        match self {
            Action::Replace(t) => t.rendered(rule, 0, text),
            Action::Hash(h) => h.template.rendered(rule, h.length, text),
            Action::Mask(_) | Action::Remove | Action::Keep => false,
        }
    }

    /// Appends the scrubbed form of `original` (the finding's text) to `out`.
    pub(crate) fn apply(&self, rule: &str, original: &[u8], out: &mut Vec<u8>) {
        match self {
            Action::Replace(t) => t.render(rule, "", out),
            Action::Mask(m) => m.apply(original, out),
            Action::Hash(h) => {
                let mut mac = h.mac.clone();
                mac.update(original);
                let digest = mac.finalize().into_bytes();
                let mut hex = [0u8; 64];
                for (i, b) in digest.iter().enumerate() {
                    hex[2 * i] = HEX[usize::from(b >> 4)];
                    hex[2 * i + 1] = HEX[usize::from(b & 0xf)];
                }
                // Hex digits are ASCII, so any prefix is valid UTF-8.
                let hex = std::str::from_utf8(&hex[..h.length]).unwrap_or_default();
                h.template.render(rule, hex, out);
            }
            Action::Remove => {}
            Action::Keep => out.extend_from_slice(original),
        }
    }

    /// [`apply`](Self::apply) for a whole JSON object, array or literal
    /// (`original` is its JSON text): a mask covers all of it, since kept
    /// ends or separators would show its contents.
    pub(crate) fn apply_structured(&self, rule: &str, original: &[u8], out: &mut Vec<u8>) {
        match self {
            Action::Mask(m) => {
                for _ in String::from_utf8_lossy(original).chars() {
                    push_char(out, m.char);
                }
            }
            other => other.apply(rule, original, out),
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl MaskSpec {
    fn apply(&self, original: &[u8], out: &mut Vec<u8>) {
        // Findings always lie on character boundaries of valid UTF-8; should a
        // caller hand us anything else, mask byte by byte rather than fail.
        let Ok(text) = std::str::from_utf8(original) else {
            for _ in original {
                push_char(out, self.char);
            }
            return;
        };
        let is_sep = |c: char| self.keep_separators && !c.is_alphanumeric();
        let maskable = text.chars().filter(|&c| !is_sep(c)).count();
        // Never reveal a whole value: if the kept ends would cover it, mask all.
        let (first, last) =
            if self.keep_first + self.keep_last >= maskable { (0, 0) } else { (self.keep_first, self.keep_last) };
        let mut seen = 0;
        for c in text.chars() {
            if is_sep(c) {
                push_char(out, c);
                continue;
            }
            if seen < first || seen >= maskable - last {
                push_char(out, c);
            } else {
                push_char(out, self.char);
            }
            seen += 1;
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(cfg: ActionConfig, key: Option<&str>, text: &str) -> String {
        let a = Action::compile("card", &cfg, key).unwrap();
        let mut out = Vec::new();
        a.apply("card", text.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    fn mask(first: usize, last: usize, seps: bool) -> ActionConfig {
        ActionConfig::Mask { char: None, keep_first: Some(first), keep_last: Some(last), keep_separators: Some(seps) }
    }

    #[test]
    fn replace_templates() {
        assert_eq!(run(ActionConfig::replace(), None, "x"), "[card]");
        let t = ActionConfig::Replace { template: Some("{{{rule}}} <redacted>".into()) };
        assert_eq!(run(t, None, "x"), "{card} <redacted>");
    }

    #[test]
    fn actions_know_their_own_renderings() {
        for (cfg, text) in [
            (ActionConfig::replace(), "4111111111111111"),
            (ActionConfig::Hash { length: None, template: None }, "4111111111111111"),
            (ActionConfig::Hash { length: Some(8), template: Some("<{rule}#{hash}>".into()) }, "x"),
            (ActionConfig::Replace { template: Some("{{{rule}}} <redacted>".into()) }, "x"),
        ] {
            let a = Action::compile("card", &cfg, Some("k")).unwrap();
            let once = run(cfg, Some("k"), text);
            assert!(a.wrote("card", once.as_bytes()), "{once}");
            assert!(!a.wrote("card", text.as_bytes()) && !a.wrote("other", once.as_bytes()), "{once}");
        }
        let hash = Action::compile("card", &ActionConfig::Hash { length: None, template: None }, Some("k")).unwrap();
        for not in
            ["[card:0123]", "[card:0123456789abcdeF]", "[card:0123456789abcdef0]", "[card:0123456789abcdeg]", "[card]"]
        {
            assert!(!hash.wrote("card", not.as_bytes()), "{not}");
        }
        assert!(hash.wrote("card", b"[card:0123456789abcdef]"));
        assert!(!Action::compile("card", &mask(0, 0, false), None).unwrap().wrote("card", b"****"));
    }

    #[test]
    fn bad_templates_are_errors() {
        for t in ["{nope}", "{rule", "a}b", "{hash}"] {
            let cfg = ActionConfig::Replace { template: Some(t.into()) };
            let err = Action::compile("r", &cfg, None).unwrap_err().to_string();
            assert!(err.starts_with("rule `r`: invalid action"), "{err}");
        }
    }

    #[test]
    fn mask_keeps_ends_and_separators() {
        assert_eq!(run(mask(0, 4, true), None, "4111 1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(run(mask(1, 0, false), None, "ab-c"), "a***");
        assert_eq!(run(mask(2, 2, false), None, "abc"), "***", "never reveal everything");
        assert_eq!(run(mask(0, 0, false), None, "ünï"), "***");
    }

    #[test]
    fn hash_is_keyed_truncated_and_stable() {
        let h = |key, len| {
            run(
                ActionConfig::Hash { length: Some(len), template: Some("{hash}".into()) },
                Some(key),
                "alice@example.com",
            )
        };
        assert_eq!(h("k1", 16).len(), 16);
        assert_eq!(h("k1", 16), h("k1", 16));
        assert_ne!(h("k1", 16), h("k2", 16));
        assert!(h("k1", 64).starts_with(&h("k1", 16)));
        // RFC 4231 test case 2 (key "Jefe"), to pin the algorithm.
        let a = Action::compile(
            "r",
            &ActionConfig::Hash { length: Some(64), template: Some("{hash}".into()) },
            Some("Jefe"),
        )
        .unwrap();
        let mut out = Vec::new();
        a.apply("r", b"what do ya want for nothing?", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn hash_requires_a_key_and_sane_length() {
        let cfg = ActionConfig::Hash { length: None, template: None };
        let err = Action::compile("email", &cfg, None).unwrap_err().to_string();
        assert!(err.contains("hash_key"), "{err}");
        assert!(Action::compile("email", &cfg, Some("")).is_err());
        let cfg = ActionConfig::Hash { length: Some(4), template: None };
        assert!(Action::compile("email", &cfg, Some("k")).is_err());
    }

    #[test]
    fn remove_and_keep() {
        assert_eq!(run(ActionConfig::Remove, None, "abc"), "");
        assert_eq!(run(ActionConfig::Keep, None, "abc"), "abc");
    }
}
