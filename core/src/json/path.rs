//! Path selectors: which parts of a JSON document a setting applies to.
//!
//! ```text
//! selector := segment ('.' segment)*
//! segment  := '*'            one key or array index
//!           | '**'           any number of keys and indices, including none
//!           | name           a key, ASCII case-insensitive (a number also matches that array index)
//!           | '"' text '"'   a key that contains '.', '*', '[', ']' or '"' (write \" and \\ inside)
//!           | '[' digits ']' an array index (may follow a segment directly: items[0].name)
//! ```
//!
//! A selector matches a value when it matches the path to the value or to
//! any of its ancestors: `user.*` covers `user.address.street` too.

use std::fmt;

/// One step of a path into a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Component<'a> {
    Key(&'a [u8]),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Lowercase key bytes.
    Key(Vec<u8>),
    Index(usize),
    One,
    Deep,
}

impl Segment {
    fn matches(&self, c: Component<'_>) -> bool {
        match (self, c) {
            (Segment::One, _) => true,
            (Segment::Key(k), Component::Key(key)) => k.eq_ignore_ascii_case(key),
            (Segment::Key(k), Component::Index(i)) => parse_index(k) == Some(i),
            (Segment::Index(n), Component::Index(i)) => *n == i,
            (Segment::Index(_), Component::Key(_)) => false,
            (Segment::Deep, _) => false,
        }
    }
}

fn parse_index(k: &[u8]) -> Option<usize> {
    if k.is_empty() || !k.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(k).ok()?.parse().ok()
}

/// A parsed selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector {
    text: String,
    segments: Vec<Segment>,
}

/// Why a selector does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SelectorError {
    pub(crate) message: String,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Selectors longer than this (in segments) are refused.
pub(crate) const MAX_SEGMENTS: usize = 63;

impl Selector {
    pub(crate) fn parse(text: &str) -> Result<Selector, SelectorError> {
        let err = |at: usize, what: &str| SelectorError {
            message: format!(
                "invalid path selector {text:?} at byte {at}: {what} (write keys separated by '.', with '*', '**', [index] or \"quoted keys\")"
            ),
        };
        let b = text.as_bytes();
        if b.is_empty() {
            return Err(err(0, "empty selector"));
        }
        let mut segments = Vec::new();
        let mut i = 0;
        loop {
            // One segment, then '.', '[', or the end.
            if i >= b.len() {
                return Err(err(i, "missing segment after '.'"));
            }
            match b[i] {
                b'*' if b.get(i + 1) == Some(&b'*') => {
                    segments.push(Segment::Deep);
                    i += 2;
                }
                b'*' => {
                    segments.push(Segment::One);
                    i += 1;
                }
                b'"' => {
                    let mut key = Vec::new();
                    i += 1;
                    loop {
                        match b.get(i) {
                            None => return Err(err(i, "unclosed quote")),
                            Some(b'"') => break,
                            Some(b'\\') => {
                                let Some(&c) = b.get(i + 1) else { return Err(err(i, "unfinished escape")) };
                                key.push(c);
                                i += 2;
                            }
                            Some(&c) => {
                                key.push(c);
                                i += 1;
                            }
                        }
                    }
                    i += 1;
                    segments.push(Segment::Key(key.to_ascii_lowercase()));
                }
                b'[' => {}
                _ => {
                    let start = i;
                    while i < b.len() && !matches!(b[i], b'.' | b'[' | b']' | b'"' | b'*') {
                        i += 1;
                    }
                    if i == start {
                        return Err(err(i, "unexpected character"));
                    }
                    segments.push(Segment::Key(b[start..i].to_ascii_lowercase()));
                }
            }
            // Indices directly after a segment: items[0][1].
            while b.get(i) == Some(&b'[') {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j == start || b.get(j) != Some(&b']') {
                    return Err(err(i, "expected [digits]"));
                }
                let n = text[start..j].parse().map_err(|_| err(start, "index too large"))?;
                segments.push(Segment::Index(n));
                i = j + 1;
            }
            match b.get(i) {
                None => break,
                Some(b'.') => i += 1,
                Some(_) => return Err(err(i, "expected '.' or '[' after a segment")),
            }
        }
        if segments.len() > MAX_SEGMENTS {
            return Err(err(0, &format!("more than {MAX_SEGMENTS} segments")));
        }
        Ok(Selector { text: text.to_string(), segments })
    }

    /// The positions reachable before any component: the start, and past
    /// leading `**`.
    fn start(&self) -> u64 {
        self.closure(1)
    }

    /// Adds the positions reachable by letting `**` match nothing.
    fn closure(&self, mut state: u64) -> u64 {
        for (i, s) in self.segments.iter().enumerate() {
            if state & (1 << i) != 0 && *s == Segment::Deep {
                state |= 1 << (i + 1);
            }
        }
        state
    }

    fn step(&self, state: u64, c: Component<'_>) -> u64 {
        let mut next = 0u64;
        for (i, s) in self.segments.iter().enumerate() {
            if state & (1 << i) == 0 {
                continue;
            }
            match s {
                Segment::Deep => next |= 1 << i,
                s if s.matches(c) => next |= 1 << (i + 1),
                _ => {}
            }
        }
        self.closure(next)
    }

    fn accepts(&self, state: u64) -> bool {
        state & (1 << self.segments.len()) != 0
    }
}

/// Several selectors matched together while walking a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct SelectorSet {
    selectors: Vec<Selector>,
}

/// Where the walk stands for each selector: the NFA state, and whether it
/// matched here or at an ancestor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MatchState {
    states: Vec<u64>,
    /// Bit `i`: selector `i` matches this value or an ancestor.
    pub(crate) matched: Vec<u64>,
}

impl SelectorSet {
    /// Adds a selector, returning its index.
    pub(crate) fn add(&mut self, s: Selector) -> usize {
        if let Some(i) = self.selectors.iter().position(|x| x.segments == s.segments) {
            return i;
        }
        self.selectors.push(s);
        self.selectors.len() - 1
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.selectors.is_empty()
    }

    /// The state at the document's root.
    pub(crate) fn root(&self) -> MatchState {
        let states: Vec<u64> = self.selectors.iter().map(Selector::start).collect();
        let mut matched = vec![0u64; self.selectors.len().div_ceil(64)];
        for (i, s) in self.selectors.iter().enumerate() {
            if s.accepts(states[i]) {
                matched[i / 64] |= 1 << (i % 64);
            }
        }
        MatchState { states, matched }
    }

    /// The state one step below `at`, into `c`.
    pub(crate) fn child(&self, at: &MatchState, c: Component<'_>) -> MatchState {
        let mut next = MatchState { states: Vec::with_capacity(at.states.len()), matched: at.matched.clone() };
        for (i, s) in self.selectors.iter().enumerate() {
            let st = s.step(at.states[i], c);
            if s.accepts(st) {
                next.matched[i / 64] |= 1 << (i % 64);
            }
            next.states.push(st);
        }
        next
    }
}

impl MatchState {
    /// Adds the states of `other`: a value reached by two paths (a pair's
    /// value, under its key and at its index) matches what either matches.
    pub(crate) fn union(mut self, other: &MatchState) -> MatchState {
        for (a, b) in self.states.iter_mut().zip(&other.states) {
            *a |= b;
        }
        for (a, b) in self.matched.iter_mut().zip(&other.matched) {
            *a |= b;
        }
        self
    }

    /// Whether selector `i` matches here or at an ancestor.
    pub(crate) fn has(&self, i: usize) -> bool {
        self.matched.get(i / 64).is_some_and(|m| m & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `#n` is an array index, anything else a key.
    fn path(p: &[&'static str]) -> Vec<Component<'static>> {
        p.iter()
            .map(|s| match s.strip_prefix('#') {
                Some(n) => Component::Index(n.parse().unwrap()),
                None => Component::Key(s.as_bytes()),
            })
            .collect()
    }

    fn matches(sel: &str, p: &[&'static str]) -> bool {
        let mut set = SelectorSet::default();
        let i = set.add(Selector::parse(sel).unwrap());
        let mut st = set.root();
        for c in path(p) {
            st = set.child(&st, c);
        }
        st.has(i)
    }

    #[test]
    fn examples_from_the_issue() {
        assert!(matches("request.headers.authorization", &["request", "headers", "Authorization"]));
        assert!(!matches("request.headers.authorization", &["request", "headers"]));
        assert!(matches("**.password", &["password"]));
        assert!(matches("**.password", &["a", "b", "#3", "Password"]));
        assert!(matches("**.password", &["a", "password", "x"]), "covers descendants");
        assert!(!matches("**.password", &["a", "passwords"]));
        assert!(matches("user.*", &["user", "email"]));
        assert!(matches("user.*", &["user", "address", "street"]));
        assert!(!matches("user.*", &["user"]));
        assert!(matches("breadcrumbs.*.message", &["breadcrumbs", "#0", "message"]));
        assert!(!matches("breadcrumbs.*.message", &["breadcrumbs", "#0", "category"]));
        assert!(matches("**.debug_meta", &["debug_meta", "images", "#1"]));
    }

    #[test]
    fn indices_and_quoted_keys() {
        assert!(matches("items[0].name", &["items", "#0", "name"]));
        assert!(!matches("items[0].name", &["items", "#1", "name"]));
        assert!(matches("items.0.name", &["items", "#0", "name"]));
        assert!(matches(r#"headers."x.api.key""#, &["headers", "X.Api.Key"]));
        assert!(matches(r#""a\"b""#, &["a\"b"]));
        assert!(matches("m[1][2]", &["m", "#1", "#2"]));
        assert!(matches("**", &[]), "** matches the root");
        assert!(matches("a.**.b", &["a", "b"]));
        assert!(matches("a.**.b", &["a", "x", "y", "b"]));
    }

    #[test]
    fn bad_selectors_are_errors() {
        for bad in ["", "a.", ".a", "a..b", "a[x]", "a[1", "\"open", "a]b", "a\"b\"", "a*b"] {
            let e = Selector::parse(bad).unwrap_err();
            assert!(e.message.contains("invalid path selector"), "{bad}: {e}");
        }
    }
}
