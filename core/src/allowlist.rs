//! Values that are never scrubbed: exact texts and whole-text regexes.

use std::collections::HashSet;

use regex_automata::{Anchored, Input, meta};

use crate::compile::compile_regex;
use crate::config::AllowlistConfig;
use crate::error::Result;

#[derive(Debug, Default)]
pub(crate) struct Allowlist {
    values: HashSet<Box<[u8]>>,
    patterns: Vec<meta::Regex>,
}

impl Allowlist {
    pub(crate) fn compile(cfg: &AllowlistConfig) -> Result<Allowlist> {
        let mut patterns = Vec::with_capacity(cfg.patterns.len());
        for (i, p) in cfg.patterns.iter().enumerate() {
            let name = format!("allowlist.patterns[{i}]");
            // Compiled alone first, so that errors quote the pattern as written.
            compile_regex(&name, p, true)?;
            // Anchored at the start by the search, at the end by `\z`: the
            // pattern must match the finding's whole text.
            let (re, _) = compile_regex(&name, &format!("(?:{p})\\z"), true)?;
            patterns.push(re);
        }
        Ok(Allowlist { values: cfg.values.iter().map(|v| v.as_bytes().into()).collect(), patterns })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.values.is_empty() && self.patterns.is_empty()
    }

    /// True when a finding with this text must be left alone.
    pub(crate) fn allows(&self, text: &[u8]) -> bool {
        self.values.contains(text)
            || self.patterns.iter().any(|re| re.search(&Input::new(text).anchored(Anchored::Yes)).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_whole_text_patterns() {
        let a = Allowlist::compile(&AllowlistConfig {
            values: vec!["support@example.com".into()],
            patterns: vec![r"[a-z]+@example\.org".into()],
        })
        .unwrap();
        assert!(a.allows(b"support@example.com"));
        assert!(!a.allows(b"Support@example.com"));
        assert!(a.allows(b"team@example.org"));
        assert!(!a.allows(b"team@example.org.evil.com"), "must match the whole text");
        assert!(!a.allows(b"x team@example.org"));
    }

    #[test]
    fn bad_patterns_name_their_index() {
        let err = Allowlist::compile(&AllowlistConfig { values: vec![], patterns: vec!["ok".into(), "(".into()] })
            .unwrap_err();
        assert!(err.to_string().contains("allowlist.patterns[1]"), "{err}");
    }
}
