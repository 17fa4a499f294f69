//! The reference matcher: the slow, obviously correct semantics every
//! optimisation must keep. Enabled by the `reference` feature; used by the
//! tests (property tests compare it with the engine) and the benchmarks.
//!
//! It runs each rule on its own over the whole input with a freshly
//! compiled regex (no prefilters, no windows), keeps the matches the rule
//! accepts, scans terms naively, then resolves overlaps with a quadratic
//! loop. It shares with the engine only the rule definitions: the regex
//! text, what a match must satisfy ([`Pattern::accept`](crate::rule)) and
//! the allowlist.

use std::borrow::Cow;

use regex_automata::{Anchored, Input, meta};

use crate::engine::{Candidate, is_key_byte};
use crate::rule::Trigger;
use crate::scrubber::{Finding, Scrubber, findings, redact};

/// The reference matcher for the rules of one [`Scrubber`].
///
/// ```
/// # #[cfg(feature = "reference")] {
/// let s = scrubjay::Scrubber::default();
/// let r = scrubjay::reference::Reference::new(&s);
/// let text = b"mail ada@example.com";
/// assert_eq!(r.find(text), s.find_bytes(text));
/// # }
/// ```
#[derive(Debug)]
pub struct Reference {
    scrubber: Scrubber,
    regexes: Vec<meta::Regex>,
}

impl Reference {
    /// Recompiles every pattern of `scrubber` from its source text.
    ///
    /// ```
    /// # #[cfg(feature = "reference")] {
    /// let r = scrubjay::reference::Reference::new(&scrubjay::Scrubber::default());
    /// assert!(r.find(b"nothing here").is_empty());
    /// # }
    /// ```
    pub fn new(scrubber: &Scrubber) -> Reference {
        let regexes = scrubber
            .engine()
            .patterns
            .iter()
            .map(|p| {
                // The engine compiled this very text already, so it parses.
                meta::Regex::new(&p.source).expect("pattern compiled once already")
            })
            .collect();
        Reference { scrubber: scrubber.clone(), regexes }
    }

    /// The findings, by the reference semantics.
    ///
    /// ```
    /// # #[cfg(feature = "reference")] {
    /// let r = scrubjay::reference::Reference::new(&scrubjay::Scrubber::default());
    /// assert_eq!(&*r.find(b"ip 10.0.0.1")[0].rule, "ipv4");
    /// # }
    /// ```
    pub fn find(&self, hay: &[u8]) -> Vec<Finding> {
        let accepted = self.accepted(hay);
        findings(&self.scrubber.engine().rules, &accepted)
    }

    /// The scrubbed text, by the reference semantics.
    ///
    /// ```
    /// # #[cfg(feature = "reference")] {
    /// let r = scrubjay::reference::Reference::new(&scrubjay::Scrubber::default());
    /// assert_eq!(&*r.scrub(b"ip 10.0.0.1"), b"ip [ipv4]");
    /// # }
    /// ```
    pub fn scrub<'h>(&self, hay: &'h [u8]) -> Cow<'h, [u8]> {
        let accepted = self.accepted(hay);
        match redact(&self.scrubber.engine().rules, hay, &accepted) {
            Cow::Borrowed(_) => Cow::Borrowed(hay),
            Cow::Owned(v) => Cow::Owned(v),
        }
    }

    fn accepted(&self, hay: &[u8]) -> Vec<Candidate> {
        let engine = self.scrubber.engine();
        let mut candidates = Vec::new();
        for (p, re) in engine.patterns.iter().zip(&self.regexes) {
            let priority = engine.rules[p.rule as usize].priority;
            if p.trigger == Trigger::KeyValue {
                // Anchored at every key start.
                for k in 0..hay.len() {
                    if !is_key_byte(hay[k]) || (k > 0 && is_key_byte(hay[k - 1])) {
                        continue;
                    }
                    let input = Input::new(hay).range(k..).anchored(Anchored::Yes);
                    let mut caps = re.create_captures();
                    re.search_captures(&input, &mut caps);
                    let Some(m) = caps.get_match() else { continue };
                    if let Some(f) = p.accept(hay, (m.start(), m.end()), Some(&caps), &engine.keys) {
                        candidates.push(Candidate::new(f, p.rule, priority));
                    }
                }
            } else {
                // `find_iter`, except where the pattern resumes after a
                // match (see `Pattern::resume_at`).
                let mut caps = re.create_captures();
                let mut at = 0;
                while at < hay.len() {
                    re.search_captures(&Input::new(hay).range(at..), &mut caps);
                    let Some(m) = caps.get_match() else { break };
                    let span = (m.start(), m.end());
                    let f = p.accept(hay, span, p.captures.then_some(&caps), &engine.keys);
                    if let Some(f) = f {
                        candidates.push(Candidate::new(f, p.rule, priority));
                    }
                    at = p.resume_at(span).max(at + 1);
                }
            }
        }
        for t in &engine.terms {
            let priority = engine.rules[t.rule as usize].priority;
            for start in 0..hay.len() {
                for term in &t.terms {
                    let end = start + term.len();
                    let Some(window) = hay.get(start..end) else { continue };
                    let same = if t.case_insensitive {
                        window.eq_ignore_ascii_case(term.as_bytes())
                    } else {
                        window == term.as_bytes()
                    };
                    if same && t.accept(hay, (start, end)) {
                        candidates.push(Candidate::new((start, end), t.rule, priority));
                    }
                }
            }
        }
        candidates.retain_mut(|c| {
            let rule = &engine.rules[c.rule as usize];
            let keywords_ok = rule.keywords.as_ref().is_none_or(|k| {
                let lower = hay.to_ascii_lowercase();
                k.words.iter().any(|w| {
                    let w = w.to_ascii_lowercase();
                    lower.windows(w.len()).any(|x| x == w.as_bytes())
                })
            });
            c.allowed = engine.allowlist.allows(&hay[c.start..c.end]);
            let rendered = crate::validate::inside_rendering(hay, (c.start, c.end), |id| {
                engine.rules.iter().any(|r| &*r.id == id)
            });
            keywords_ok && !rendered
        });
        // Quadratic resolution: repeatedly take the best candidate that
        // starts at or after the end of the last one taken.
        let mut out = Vec::new();
        let mut end = 0;
        loop {
            let best = candidates
                .iter()
                .filter(|c| c.start >= end)
                .min_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.priority, c.rule));
            let Some(&best) = best else { break };
            if !best.allowed {
                out.push(best);
            }
            end = best.end;
        }
        out
    }
}
