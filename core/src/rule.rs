//! Compiled rules and patterns: what the engine runs and the reference checks.
//!
//! A rule has one or more patterns (regex + validator) or is a terms rule.
//! What counts as a finding for a pattern is defined here, in
//! [`Pattern::accept`], once; the engine and the reference implementation
//! differ only in *where* they run the regex, never in what they accept.

use std::sync::Arc;

use aho_corasick::AhoCorasick;
use regex_automata::meta;
use regex_automata::util::captures::Captures;

use crate::action::Action;
use crate::analysis::{Analysis, ByteSet, Counts};
use crate::catalogue::Category;
use crate::extract::Extract;
use crate::keys::KeyClassifier;
use crate::validate::{Span, Validator};

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Shipped with scrubjay.
    Builtin(Category),
    /// A custom regex rule from the config.
    Pattern,
    /// A custom word list rule from the config.
    Terms,
    /// A custom rule that scrubs JSON values at given paths.
    Paths,
}

impl RuleKind {
    /// A short name: the category for builtins, `pattern` or `terms` otherwise.
    ///
    /// ```
    /// assert_eq!(scrubjay::RuleKind::Terms.as_str(), "terms");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Builtin(c) => c.as_str(),
            RuleKind::Pattern => "pattern",
            RuleKind::Terms => "terms",
            RuleKind::Paths => "paths",
        }
    }
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: Arc<str>,
    pub(crate) description: String,
    pub(crate) kind: RuleKind,
    pub(crate) action: Action,
    pub(crate) priority: i32,
    /// The rule reports nothing unless the input contains one of these
    /// (ASCII case-insensitive).
    pub(crate) keywords: Option<Keywords>,
}

#[derive(Debug, Clone)]
pub(crate) struct Keywords {
    #[cfg_attr(not(feature = "reference"), allow(dead_code))]
    pub(crate) words: Vec<String>,
    pub(crate) automaton: AhoCorasick,
}

impl Keywords {
    pub(crate) fn present(&self, hay: &[u8]) -> bool {
        self.automaton.is_match(hay)
    }
}

/// How the engine finds places where a pattern may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// Every match starts at an occurrence of one of these literals, or a
    /// fixed number of bytes (one of the offsets) before it.
    Prefix(Vec<Vec<u8>>, Vec<usize>),
    /// Every accepted match contains one of these literals.
    Contains(Vec<Vec<u8>>),
    /// Matches start at a key (a maximal run of `[A-Za-z0-9_.-]`) and are
    /// looked for, anchored, at every key rather than by iterating over the
    /// text; only keys that name a secret can be accepted.
    KeyValue,
    /// Every accepted match has digits; scanned in the named window group.
    Digits(usize),
    /// Every match starts at a fixed place just before a digit run.
    RunPrefix(RunPrefix),
    /// No cheap trigger: search the whole input.
    Always,
}

/// Where, relative to the start of a digit run, a pattern's matches start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunPrefix {
    /// Two ASCII capitals right before the run (`DE89…`): the match starts
    /// at the first capital.
    UpperPair,
}

impl RunPrefix {
    /// The match start to try for the digit run starting at `run`, if any.
    #[inline]
    pub(crate) fn candidate(self, hay: &[u8], run: usize) -> Option<usize> {
        match self {
            RunPrefix::UpperPair => {
                (run >= 2 && hay[run - 1].is_ascii_uppercase() && hay[run - 2].is_ascii_uppercase()).then(|| run - 2)
            }
        }
    }
}

/// Words that must appear within `within` characters before the finding.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// Lowercase ASCII words.
    pub(crate) words: Vec<Vec<u8>>,
    pub(crate) within: usize,
}

impl Context {
    pub(crate) fn check(&self, hay: &[u8], start: usize) -> bool {
        let from = chars_back(hay, start, self.within);
        // 0xFF never occurs in UTF-8 text; `scrub_batch` separates texts
        // with it, and the look-back stays within one text.
        let from = hay[from..start].iter().rposition(|&b| b == 0xff).map_or(from, |i| from + i + 1);
        let window = &hay[from..start];
        self.words.iter().any(|w| {
            window.windows(w.len()).enumerate().any(|(i, x)| x.eq_ignore_ascii_case(w) && !in_rendering(hay, from + i))
        })
    }
}

/// Whether `at` lies in the rule id of a rendering (`[us_ssn]`,
/// `[us_ssn:8dab…]`): a scrubbed value is no context for the next one, or
/// scrubbing twice would find more than scrubbing once.
fn in_rendering(hay: &[u8], at: usize) -> bool {
    let mut j = at;
    while j > 0 && (hay[j - 1].is_ascii_alphanumeric() || matches!(hay[j - 1], b'_' | b'-')) && at - j < 64 {
        j -= 1;
    }
    j > 0 && hay[j - 1] == b'[' && crate::validate::rendering_at(hay, j - 1)
}

/// The offset `n` characters before `at` (UTF-8 aware; invalid bytes count
/// as one character each).
fn chars_back(hay: &[u8], at: usize, n: usize) -> usize {
    let mut i = at;
    for _ in 0..n {
        if i == 0 {
            break;
        }
        i -= 1;
        let mut k = 0;
        while i > 0 && k < 3 && (hay[i] & 0xc0) == 0x80 {
            i -= 1;
            k += 1;
        }
    }
    i
}

#[derive(Debug)]
pub(crate) struct Pattern {
    pub(crate) rule: u32,
    /// The regex text, for the reference implementation.
    #[cfg_attr(not(feature = "reference"), allow(dead_code))]
    pub(crate) source: String,
    pub(crate) regex: meta::Regex,
    /// Where the finding lies in a match.
    pub(crate) extract: Extract,
    /// Whether matches must be resolved with capture groups.
    pub(crate) captures: bool,
    pub(crate) validator: Option<Validator>,
    pub(crate) context: Option<Context>,
    pub(crate) alphabet: ByteSet,
    pub(crate) min_len: usize,
    /// Minimum class counts of an accepted match (regex and validator facts).
    pub(crate) min_counts: Counts,
    /// The fewest digit runs a match has.
    pub(crate) min_digit_runs: u32,
    /// The regex asserts text or line starts or ends.
    pub(crate) text_anchors: bool,
    pub(crate) trigger: Trigger,
}

impl Pattern {
    pub(crate) fn new(rule: u32, source: String, regex: meta::Regex, analysis: &Analysis) -> Pattern {
        Pattern {
            rule,
            source,
            regex,
            extract: Extract::Whole,
            captures: false,
            validator: None,
            context: None,
            alphabet: analysis.alphabet.clone(),
            min_len: analysis.min_len,
            min_counts: analysis.min_counts,
            min_digit_runs: analysis.min_digit_runs,
            text_anchors: analysis.text_anchors,
            trigger: Trigger::Always,
        }
    }

    /// Decides whether the regex match `m` is a finding, and where it lies.
    /// `caps` holds the match's groups when `self.captures` is set.
    #[inline]
    pub(crate) fn accept(&self, hay: &[u8], m: Span, caps: Option<&Captures>, keys: &KeyClassifier) -> Option<Span> {
        // A group that took no part in the match leaves the whole match.
        let mut f = self.extract.span(hay, m, caps).unwrap_or(m);
        if let Some(v) = self.validator {
            f = v.check(hay, m, f, keys)?;
        }
        if let Some(ctx) = &self.context {
            if !ctx.check(hay, f.0) {
                return None;
            }
        }
        (f.0 < f.1).then_some(f)
    }

    /// Where the search for the next match resumes after match `m`: at the
    /// match end, except for patterns whose validator [rescans
    /// inside](Validator::rescans_inside), which resume one byte after the
    /// match start, accepted or not.
    #[inline]
    pub(crate) fn resume_at(&self, m: Span) -> usize {
        if self.validator.is_some_and(Validator::rescans_inside) { m.0 + 1 } else { m.1.max(m.0 + 1) }
    }

    /// The shortest window that can hold an accepted match: the regex's
    /// minimum length, or the sum of the minimum class counts (the classes
    /// are disjoint), whichever is larger.
    pub(crate) fn min_window_len(&self) -> usize {
        let counted: u32 = self.min_counts.iter().sum();
        self.min_len.max(counted as usize)
    }

    /// True when a window with these counts and length could hold a finding.
    #[inline]
    pub(crate) fn window_may_match(&self, len: usize, counts: &Counts) -> bool {
        len >= self.min_len && counts.iter().zip(self.min_counts.iter()).all(|(c, m)| c >= m)
    }
}

#[derive(Debug)]
pub(crate) struct TermsRule {
    pub(crate) rule: u32,
    #[cfg_attr(not(feature = "reference"), allow(dead_code))]
    pub(crate) terms: Vec<String>,
    #[cfg_attr(not(feature = "reference"), allow(dead_code))]
    pub(crate) case_insensitive: bool,
    pub(crate) whole_word: bool,
    pub(crate) automaton: AhoCorasick,
}

impl TermsRule {
    /// Whether an occurrence at `span` satisfies the whole-word option.
    pub(crate) fn accept(&self, hay: &[u8], span: Span) -> bool {
        !self.whole_word || (!word_char_before(hay, span.0) && !word_char_after(hay, span.1))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the character ending at `at` is a word character.
pub(crate) fn word_char_before(hay: &[u8], at: usize) -> bool {
    if at == 0 {
        return false;
    }
    let from = chars_back(hay, at, 1);
    std::str::from_utf8(&hay[from..at]).ok().and_then(|s| s.chars().next_back()).is_some_and(is_word_char)
}

/// Whether the character starting at `at` is a word character.
pub(crate) fn word_char_after(hay: &[u8], at: usize) -> bool {
    let Some(&b) = hay.get(at) else {
        return false;
    };
    let len = match b {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    let end = (at + len).min(hay.len());
    std::str::from_utf8(&hay[at..end]).ok().and_then(|s| s.chars().next()).is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_back_counts_characters_not_bytes() {
        let s = "aé€😀b".as_bytes();
        let end = s.len() - 1; // before "b"
        assert_eq!(chars_back(s, end, 1), end - 4);
        assert_eq!(chars_back(s, end, 3), 1);
        assert_eq!(chars_back(s, end, 10), 0);
        assert_eq!(chars_back(b"\xff\xfeab", 4, 3), 1);
    }

    #[test]
    fn word_boundaries_are_unicode_aware() {
        let s = "Zoë Ann".as_bytes();
        assert!(word_char_before(s, 4)); // after "Zoë"
        assert!(!word_char_before(s, 5)); // after the space
        assert!(word_char_after(s, 2)); // "ë"
        assert!(!word_char_after(s, s.len()));
        assert!(!word_char_after(b"\xff", 0));
    }

    #[test]
    fn context_words_inside_renderings_do_not_count() {
        let ctx = Context { words: vec![b"ssn".to_vec()], within: 24 };
        let at = |s: &str| ctx.check(s.as_bytes(), s.len());
        assert!(at("ssn "));
        assert!(!at("[us_ssn] "));
        assert!(!at("[us_ssn:8dabe597] "));
        assert!(at("[us_ssn] ssn "));
        assert!(at("[ssn "), "not a rendering");
    }

    #[test]
    fn context_looks_back_case_insensitively() {
        let ctx = Context { words: vec![b"ssn".to_vec()], within: 8 };
        let hay = b"my SSN: 123456789";
        assert!(ctx.check(hay, 8));
        assert!(!ctx.check(b"ssn and then a long way 123456789", 24));
    }
}
