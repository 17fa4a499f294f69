//! The one error type of the crate.
//!
//! Every message says what is wrong, where (the rule id or the config path),
//! and how to fix it, so that bindings can pass it on to users unchanged.

use std::fmt;

/// Why a configuration could not be compiled into a [`Scrubber`](crate::Scrubber).
///
/// ```
/// let err = scrubjay::Config::from_json(r#"{"rules": {"emial": {"enabled": true}}}"#)
///     .and_then(|c| scrubjay::Scrubber::new(&c))
///     .unwrap_err();
/// assert!(err.to_string().contains("did you mean `email`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The config text is not valid JSON, or does not have the documented shape.
    #[error("invalid config{}: {message}{}; see docs/config.md", fmt_path(path), fmt_position(*line, *column))]
    Json {
        /// Dotted path of the offending field, e.g. `rules.email.action`; empty at top level.
        path: String,
        /// What the parser found wrong.
        message: String,
        /// 1-based line of the problem in the config text.
        line: usize,
        /// 1-based column of the problem in the config text.
        column: usize,
    },
    /// `profile` names a profile that does not exist.
    #[error("unknown profile `{name}`; known profiles: {}", known.join(", "))]
    UnknownProfile {
        /// The name that was given.
        name: String,
        /// The profiles that exist.
        known: Vec<String>,
    },
    /// A rule entry names no builtin rule and defines none of `pattern`,
    /// `terms` or `paths`.
    #[error(
        "rule `{rule}` is not a builtin rule and defines none of `pattern`, `terms` or `paths`{}; run `scrubjay rules` to list the builtin rules",
        fmt_suggestion(suggestion)
    )]
    UnknownRule {
        /// The rule id as written.
        rule: String,
        /// The closest builtin id, when one is close.
        suggestion: Option<String>,
    },
    /// A rule entry is malformed: bad id, conflicting fields, bad values.
    #[error("rule `{rule}`: {problem}")]
    InvalidRule {
        /// The rule id as written.
        rule: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
    /// A rule's regular expression does not parse.
    #[error("rule `{rule}`: invalid regex: {message}")]
    InvalidRegex {
        /// The rule (or `allowlist.patterns[i]`) the regex belongs to.
        rule: String,
        /// The parser's message, with the position of the problem.
        message: String,
    },
    /// A rule's regular expression compiles to an automaton over the size limit.
    #[error(
        "rule `{rule}`: regex is too large (compiled size exceeds the limit of {limit} bytes); simplify it, e.g. lower counted repetitions like {{1,1000}} or split it into several rules"
    )]
    RegexTooLarge {
        /// The rule the regex belongs to.
        rule: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// A rule's regular expression can match the empty string, which would
    /// report a finding at every position.
    #[error(
        "rule `{rule}`: regex can match the empty string; make at least one character mandatory (e.g. use `+` instead of `*`)"
    )]
    RegexMatchesEmpty {
        /// The rule the regex belongs to.
        rule: String,
    },
    /// A setting outside the rules is wrong, e.g. in `json`.
    #[error("invalid `{path}`: {problem}")]
    InvalidSetting {
        /// Dotted path of the setting, e.g. `json.exclude[0]`.
        path: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
    /// An action cannot be built: a `hash` without key, a bad template, a bad mask.
    #[error("rule `{rule}`: invalid action: {problem}")]
    InvalidAction {
        /// The rule the action belongs to (or `default_action`).
        rule: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
}

fn fmt_path(path: &str) -> String {
    if path.is_empty() || path == "." { String::new() } else { format!(" at `{path}`") }
}

fn fmt_position(line: usize, column: usize) -> String {
    if line == 0 { String::new() } else { format!(" (line {line}, column {column})") }
}

fn fmt_suggestion(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

impl Error {
    /// The id of the rule the error is about, when it is about one rule.
    ///
    /// ```
    /// let cfg = scrubjay::Config::from_json(r#"{"rules": {"x": {"pattern": "a*"}}}"#).unwrap();
    /// let err = scrubjay::Scrubber::new(&cfg).unwrap_err();
    /// assert_eq!(err.rule(), Some("x"));
    /// ```
    pub fn rule(&self) -> Option<&str> {
        match self {
            Error::UnknownRule { rule, .. }
            | Error::InvalidRule { rule, .. }
            | Error::InvalidRegex { rule, .. }
            | Error::RegexTooLarge { rule, .. }
            | Error::RegexMatchesEmpty { rule }
            | Error::InvalidAction { rule, .. } => Some(rule),
            Error::Json { .. } | Error::UnknownProfile { .. } | Error::InvalidSetting { .. } => None,
        }
    }

    pub(crate) fn invalid_rule(rule: &str, problem: impl fmt::Display) -> Error {
        Error::InvalidRule { rule: rule.to_string(), problem: problem.to_string() }
    }

    pub(crate) fn invalid_action(rule: &str, problem: impl fmt::Display) -> Error {
        Error::InvalidAction { rule: rule.to_string(), problem: problem.to_string() }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closest candidate to `word` by edit distance, when it is close enough
/// to be a plausible typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let budget = (word.chars().count().max(c.chars().count()) / 3).max(1);
    (d <= budget).then(|| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            // A swap of neighbours ("emial") counts as one edit.
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_typos_only() {
        let ids = ["email", "phone", "credit_card", "ipv4"];
        assert_eq!(closest("emial", ids).as_deref(), Some("email"));
        assert_eq!(closest("credit_cards", ids).as_deref(), Some("credit_card"));
        assert_eq!(closest("zzzzzz", ids), None);
    }
}
