//! The literal prefilter: finds every occurrence of every hook literal.
//!
//! Hooks are rare literals that every match of some pattern contains
//! (`AKIA`, `eyJ`, `://`, `@`). One pass per hook length class finds them
//! all: Teddy (SIMD) for literals of three bytes or more, `memmem` for
//! two-byte literals, `memchr` for single bytes. Teddy reports
//! leftmost-first matches only, so at each reported position we check every
//! literal that starts with that byte and resume one byte later: that yields
//! all occurrences, overlapping ones included.

use aho_corasick::packed;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use memchr::memmem;

/// A set of hook literals, each with the patterns that listen to it.
#[derive(Debug, Clone)]
pub(crate) struct HookSet {
    literals: Vec<Box<[u8]>>,
    listeners: Vec<Vec<u32>>,
    singles: Vec<(u8, usize)>,
    pairs: Vec<(memmem::Finder<'static>, usize)>,
    long: Option<LongHooks>,
}

#[derive(Debug, Clone)]
struct LongHooks {
    searcher: LongSearcher,
    /// Literal indexes by first byte.
    by_first: Vec<Vec<usize>>,
}

#[derive(Debug, Clone)]
enum LongSearcher {
    Teddy(packed::Searcher),
    Automaton(AhoCorasick),
}

impl LongSearcher {
    fn find_from(&self, hay: &[u8], at: usize) -> Option<usize> {
        match self {
            LongSearcher::Teddy(s) => {
                s.find_in(hay, aho_corasick::Span { start: at, end: hay.len() }).map(|m| m.start())
            }
            LongSearcher::Automaton(ac) => ac.find(Input::new(hay).span(at..hay.len())).map(|m| m.start()),
        }
    }
}

/// Builds a [`HookSet`] from `(literal, pattern)` pairs.
#[derive(Debug, Default)]
pub(crate) struct HookSetBuilder {
    literals: Vec<Vec<u8>>,
    listeners: Vec<Vec<u32>>,
    /// The index of each literal in `literals`: a config with thousands of
    /// rules must not compare every literal with every other.
    index: std::collections::HashMap<Vec<u8>, usize>,
}

impl HookSetBuilder {
    pub(crate) fn add(&mut self, literal: &[u8], pattern: u32) {
        debug_assert!(!literal.is_empty());
        let idx = match self.index.get(literal) {
            Some(&i) => i,
            None => {
                self.literals.push(literal.to_vec());
                self.listeners.push(Vec::new());
                self.index.insert(literal.to_vec(), self.literals.len() - 1);
                self.literals.len() - 1
            }
        };
        if !self.listeners[idx].contains(&pattern) {
            self.listeners[idx].push(pattern);
        }
    }

    pub(crate) fn build(self) -> Result<HookSet, aho_corasick::BuildError> {
        let mut singles = Vec::new();
        let mut pairs = Vec::new();
        let mut long_idx = Vec::new();
        for (i, lit) in self.literals.iter().enumerate() {
            match lit.len() {
                1 => singles.push((lit[0], i)),
                2 => pairs.push((memmem::Finder::new(lit.as_slice()).into_owned(), i)),
                _ => long_idx.push(i),
            }
        }
        let long = if long_idx.is_empty() {
            None
        } else {
            let lits: Vec<&[u8]> = long_idx.iter().map(|&i| self.literals[i].as_slice()).collect();
            let teddy =
                packed::Config::new().match_kind(packed::MatchKind::LeftmostFirst).builder().extend(&lits).build();
            // Teddy takes up to 64 literals; past that, an automaton.
            let searcher = match teddy {
                Some(t) => LongSearcher::Teddy(t),
                None => LongSearcher::Automaton(
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostFirst)
                        .kind(Some(AhoCorasickKind::DFA))
                        .build(&lits)
                        .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&lits))?,
                ),
            };
            let mut by_first = vec![Vec::new(); 256];
            for &i in &long_idx {
                by_first[usize::from(self.literals[i][0])].push(i);
            }
            Some(LongHooks { searcher, by_first })
        };
        Ok(HookSet {
            literals: self.literals.into_iter().map(Vec::into_boxed_slice).collect(),
            listeners: self.listeners,
            singles,
            pairs,
            long,
        })
    }
}

impl HookSet {
    pub(crate) fn is_empty(&self) -> bool {
        self.literals.is_empty()
    }

    /// The patterns listening to literal `i`.
    pub(crate) fn listeners(&self, i: usize) -> &[u32] {
        &self.listeners[i]
    }

    /// Calls `f(position, literal index)` for every occurrence of every
    /// literal. Within one length class positions ascend; across classes
    /// they do not, so callers sort per pattern when a pattern listens to
    /// literals of different classes.
    pub(crate) fn for_each(&self, hay: &[u8], mut f: impl FnMut(usize, usize)) {
        if let Some(long) = &self.long {
            let mut at = 0;
            while at < hay.len() {
                let Some(pos) = long.searcher.find_from(hay, at) else {
                    break;
                };
                for &i in &long.by_first[usize::from(hay[pos])] {
                    if hay[pos..].starts_with(&self.literals[i]) {
                        f(pos, i);
                    }
                }
                at = pos + 1;
            }
        }
        for (finder, i) in &self.pairs {
            // Overlapping occurrences too: "::::" holds three "::".
            let mut at = 0;
            while let Some(pos) = hay.get(at..).and_then(|h| finder.find(h)) {
                f(at + pos, *i);
                at += pos + 1;
            }
        }
        match self.singles.as_slice() {
            [] => {}
            [(a, i)] => memchr::memchr_iter(*a, hay).for_each(|p| f(p, *i)),
            [(a, i), (b, j)] => {
                for p in memchr::memchr2_iter(*a, *b, hay) {
                    f(p, if hay[p] == *a { *i } else { *j });
                }
            }
            [(a, i), (b, j), (c, k)] => {
                for p in memchr::memchr3_iter(*a, *b, *c, hay) {
                    let x = hay[p];
                    f(
                        p,
                        if x == *a {
                            *i
                        } else if x == *b {
                            *j
                        } else {
                            *k
                        },
                    );
                }
            }
            many => {
                let mut table = [usize::MAX; 256];
                for &(b, i) in many {
                    table[usize::from(b)] = i;
                }
                for (p, &b) in hay.iter().enumerate() {
                    let i = table[usize::from(b)];
                    if i != usize::MAX {
                        f(p, i);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(lits: &[&str], hay: &str) -> Vec<(usize, String)> {
        let mut b = HookSetBuilder::default();
        for (i, l) in lits.iter().enumerate() {
            b.add(l.as_bytes(), i as u32);
        }
        let set = b.build().unwrap();
        let mut out = Vec::new();
        set.for_each(hay.as_bytes(), |p, i| out.push((p, String::from_utf8(set.literals[i].to_vec()).unwrap())));
        out.sort();
        out
    }

    /// Every occurrence, found by brute force.
    fn naive(lits: &[&str], hay: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for p in 0..hay.len() {
            for l in lits {
                if hay.as_bytes()[p..].starts_with(l.as_bytes()) {
                    out.push((p, l.to_string()));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn finds_overlapping_occurrences_of_every_length() {
        let lits = ["abc", "abcd", "bcd", "::", "@", "%", "/", "cdab"];
        let hay = "xxabcdabcd:::@@ a%b/c abc";
        assert_eq!(all(&lits, hay), naive(&lits, hay));
    }

    #[test]
    fn many_literals_fall_back_to_an_automaton() {
        let owned: Vec<String> = (0..200).map(|i| format!("k{i:03}x")).collect();
        let lits: Vec<&str> = owned.iter().map(String::as_str).collect();
        let hay = "k001x k199x k12 k150xk151x";
        assert_eq!(all(&lits, hay), naive(&lits, hay));
    }

    #[test]
    fn many_single_bytes() {
        let lits = ["@", "%", "#", "!"];
        let hay = "a@b%c#d!e";
        assert_eq!(all(&lits, hay), naive(&lits, hay));
    }
}
