//! One pass over a JSON document that decides, for every value, what
//! happens to it: left alone (excluded, safe key), scrubbed whole (a key
//! that names a secret, a path rule), or scanned by the text rules (string
//! and number leaves). The pass is iterative (an explicit stack), so depth
//! costs memory, never the call stack.

use super::lex::{JsonError, Lexer, StrToken, decode};
use super::path::{Component, MatchState};
use super::settings::JsonSettings;
use crate::keys::KeyClassifier;

/// Text of the document: raw bytes of the input, or decoded bytes kept in
/// [`Plan::strings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    Raw(usize, usize),
    Decoded(usize, usize),
}

/// A step of the path to a value, for JSON Pointers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Root,
    Key(Text),
    Index(usize),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub(crate) parent: u32,
    pub(crate) step: Step,
}

/// A string or number for the text rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Leaf {
    /// The token in the document (with its quotes).
    pub(crate) span: (usize, usize),
    /// What the text rules read.
    pub(crate) text: Text,
    pub(crate) node: u32,
    /// Bit `i`: `JsonSettings::scoped[i]`'s rule does not apply here.
    pub(crate) scope: u64,
}

/// A value scrubbed whole.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Whole {
    pub(crate) span: (usize, usize),
    /// The decoded content of a string, or the JSON text of anything else.
    pub(crate) text: Text,
    pub(crate) node: u32,
    pub(crate) rule: u32,
}

/// The outcome of a walk, in buffers reused from document to document.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) leaves: Vec<Leaf>,
    pub(crate) wholes: Vec<Whole>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) strings: Vec<u8>,
    frames: Vec<Frame>,
    /// What is known about keys seen before; kept from document to
    /// document (the walker's settings and key words never change).
    memo: KeyMemo,
}

/// The bytes of `t`: in the document, or in the decoded `strings`.
#[inline]
fn text_in<'a>(doc: &'a [u8], strings: &'a [u8], t: Text) -> &'a [u8] {
    match t {
        Text::Raw(s, e) => &doc[s..e],
        Text::Decoded(s, e) => &strings[s..e],
    }
}

/// What the walker needs to know about a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct KeyFacts {
    /// Listed in `json.safe_keys`.
    safe: bool,
    /// Names a secret (the key words).
    sensitive: bool,
}

/// Keys judged before, most recent per slot: events repeat their keys, and
/// judging one (a safe-key lookup, then splitting it into words) costs far
/// more than finding it here. Direct-mapped on a hash of the key; keys
/// longer than [`MEMO_KEY_LEN`] are judged every time.
#[derive(Debug, Default)]
struct KeyMemo {
    /// Empty until the first key, then [`MEMO_SLOTS`] slots.
    slots: Vec<MemoSlot>,
}

const MEMO_SLOTS: usize = 256;
const MEMO_KEY_LEN: usize = 32;

#[derive(Debug, Clone, Copy, Default)]
struct MemoSlot {
    /// Key length + 1; 0 for an empty slot.
    len: u8,
    /// The key, as [`key_words`] packs it.
    words: [u64; 4],
    facts: KeyFacts,
}

impl KeyMemo {
    /// The facts of `key`, from the memo or from `judge` (then remembered).
    #[inline]
    fn facts(&mut self, key: &[u8], judge: impl FnOnce(&[u8]) -> KeyFacts) -> KeyFacts {
        if key.len() > MEMO_KEY_LEN {
            return judge(key);
        }
        if self.slots.is_empty() {
            self.slots = vec![MemoSlot::default(); MEMO_SLOTS];
        }
        let words = key_words(key);
        let len = key.len() as u8 + 1;
        let h = (words[0] ^ words[1].rotate_left(17) ^ words[2].rotate_left(31) ^ words[3].rotate_left(47))
            .wrapping_add(u64::from(len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = &mut self.slots[(h >> 56) as usize % MEMO_SLOTS];
        if slot.len == len && slot.words == words {
            return slot.facts;
        }
        let facts = judge(key);
        *slot = MemoSlot { len, words, facts };
        facts
    }
}

/// A key of at most [`MEMO_KEY_LEN`] bytes packed into four words that,
/// with its length, tell it apart from every other key: its first and last
/// sixteen bytes (overlapping when shorter), read with fixed-size loads
/// rather than a copy of variable length.
#[inline]
fn key_words(key: &[u8]) -> [u64; 4] {
    let n = key.len();
    let w8 = |at: usize| u64::from_le_bytes(key[at..at + 8].try_into().unwrap_or_default());
    let w4 = |at: usize| u64::from(u32::from_le_bytes(key[at..at + 4].try_into().unwrap_or_default()));
    let w2 = |at: usize| u64::from(u16::from_le_bytes(key[at..at + 2].try_into().unwrap_or_default()));
    match n {
        16.. => [w8(0), w8(8), w8(n - 16), w8(n - 8)],
        8.. => [w8(0), w8(n - 8), 0, 0],
        4.. => [w4(0) | (w4(n - 4) << 32), 0, 0, 0],
        2.. => [w2(0) | (w2(n - 2) << 16), 0, 0, 0],
        1 => [u64::from(key[0]), 0, 0, 0],
        0 => [0; 4],
    }
}

impl Plan {
    pub(crate) fn clear(&mut self) {
        self.leaves.clear();
        self.wholes.clear();
        self.nodes.clear();
        self.strings.clear();
        self.frames.clear();
    }

    #[inline]
    pub(crate) fn text<'a>(&'a self, doc: &'a [u8], t: Text) -> &'a [u8] {
        text_in(doc, &self.strings, t)
    }

    /// The JSON Pointer (RFC 6901) of `node`.
    pub(crate) fn pointer(&self, doc: &[u8], node: u32) -> String {
        let mut steps = Vec::new();
        let mut n = node;
        while let Some(node) = self.nodes.get(n as usize) {
            match node.step {
                Step::Root => break,
                step => steps.push(step),
            }
            n = node.parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            out.push('/');
            match *step {
                Step::Index(i) => out.push_str(&i.to_string()),
                Step::Key(t) => {
                    for c in String::from_utf8_lossy(self.text(doc, t)).chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
                Step::Root => {}
            }
        }
        out
    }

    #[inline]
    fn node(&mut self, parent: u32, step: Step) -> u32 {
        self.nodes.push(Node { parent, step });
        (self.nodes.len() - 1) as u32
    }

    #[inline]
    fn string_text(&mut self, doc: &[u8], tok: StrToken) -> Text {
        if tok.escaped {
            let start = self.strings.len();
            decode(&doc[tok.start..tok.end], &mut self.strings);
            Text::Decoded(start, self.strings.len())
        } else {
            Text::Raw(tok.start, tok.end)
        }
    }
}

/// What to do with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Leave it and everything in it.
    Skip,
    /// Scrub it whole with this rule.
    Whole(u32),
    /// Scan its strings and numbers.
    Scan,
}

#[derive(Debug)]
struct Frame {
    object: bool,
    node: u32,
    /// Path selector state (only when the config has selectors).
    state: Option<MatchState>,
    decision: Decision,
    /// Where the container starts (for whole values).
    start: usize,
    /// Elements (or members) seen so far.
    count: usize,
    /// A `[key, value]` pair inside a list: the key, once read.
    pair_key: Option<Text>,
    /// Whether this array sits directly in an array (so may be a pair).
    in_array: bool,
}

/// Where the next value goes and what is known about it.
struct Slot {
    node: u32,
    state: Option<MatchState>,
    decision: Decision,
}

pub(crate) struct Walker<'a> {
    pub(crate) settings: &'a JsonSettings,
    pub(crate) keys: &'a KeyClassifier,
}

impl Walker<'_> {
    /// Judges a key: a safe key? one that names a secret?
    fn key_facts(&self, k: &[u8]) -> KeyFacts {
        // The quick filter (the last letters of the key) knows the default
        // words; added words need the full check.
        let maybe = !self.keys.is_default() || crate::keys::key_may_be_sensitive(k);
        KeyFacts { safe: self.settings.is_safe_key(k), sensitive: maybe && self.keys.is_sensitive(k) }
    }

    #[inline]
    fn decide(&self, parent: Decision, key: Option<KeyFacts>, state: Option<&MatchState>) -> Decision {
        if parent != Decision::Scan {
            return Decision::Skip;
        }
        let s = self.settings;
        if state.is_some_and(|st| s.excluded(st)) || key.is_some_and(|k| k.safe) {
            return Decision::Skip;
        }
        let path_rule = state.and_then(|st| s.path_rule(st));
        if let (Some((rule, priority)), Some(k)) = (s.key_rule, key) {
            // The lower priority wins; on a tie the path rule, written for
            // this document shape.
            let outranks = path_rule.is_none_or(|p| priority < p.priority);
            let applies = state.is_none_or(|st| s.scope(st) & self.scope_bit(rule) == 0);
            if outranks && applies && k.sensitive {
                return Decision::Whole(rule);
            }
        }
        if let Some(p) = path_rule {
            return Decision::Whole(p.rule);
        }
        Decision::Scan
    }

    /// The scope bits of `rule` (usually none).
    fn scope_bit(&self, rule: u32) -> u64 {
        let mut bits = 0;
        for (i, s) in self.settings.scoped.iter().enumerate().take(64) {
            if s.rule == rule {
                bits |= 1 << i;
            }
        }
        bits
    }

    /// Walks `doc`, filling `plan`.
    pub(crate) fn walk(&self, doc: &[u8], plan: &mut Plan) -> Result<(), JsonError> {
        plan.clear();
        let paths = self.settings.uses_paths();
        let mut lex = Lexer::new(doc);
        lex.skip_ws();
        let root = plan.node(u32::MAX, Step::Root);
        let root_state = paths.then(|| self.settings.selectors.root());
        let decision = self.decide(Decision::Scan, None, root_state.as_ref());
        let mut slot = Some(Slot { node: root, state: root_state, decision });
        loop {
            // A value is expected: read it (or open its container).
            if let Some(s) = slot.take() {
                self.value(&mut lex, plan, s)?;
            }
            // After a value: close containers, or move to the next slot.
            let Some(top) = plan.frames.last() else {
                lex.skip_ws();
                if lex.pos < doc.len() {
                    return Err(lex.error(lex.pos, "unexpected text after the JSON value"));
                }
                return Ok(());
            };
            lex.skip_ws();
            let (object, count) = (top.object, top.count);
            match lex.peek() {
                Some(b',') if count > 0 => {
                    lex.pos += 1;
                    lex.skip_ws();
                    slot = Some(self.next_slot(&mut lex, plan)?);
                }
                Some(b'}') if object => {
                    lex.pos += 1;
                    self.close(plan, lex.pos);
                }
                Some(b']') if !object => {
                    lex.pos += 1;
                    self.close(plan, lex.pos);
                }
                Some(_) if count == 0 => {
                    // The first member or element.
                    slot = Some(self.next_slot(&mut lex, plan)?);
                }
                Some(_) => {
                    return Err(lex.error(lex.pos, if object { "expected ',' or '}'" } else { "expected ',' or ']'" }));
                }
                None => return Err(lex.error(lex.pos, "unexpected end of input")),
            }
        }
    }

    /// Reads the key of the next member (in an object) or prepares the next
    /// element (in an array).
    fn next_slot(&self, lex: &mut Lexer<'_>, plan: &mut Plan) -> Result<Slot, JsonError> {
        let doc = lex.text;
        let depth = plan.frames.len();
        let top = &plan.frames[depth - 1];
        let (object, node, decision, count) = (top.object, top.node, top.decision, top.count);
        let scanning = decision == Decision::Scan;
        if object {
            if lex.peek() != Some(b'"') {
                return Err(lex.error(lex.pos, "expected a key (a string in double quotes)"));
            }
            let tok = lex.string()?;
            lex.skip_ws();
            if lex.peek() != Some(b':') {
                return Err(lex.error(lex.pos, "expected ':' after the key"));
            }
            lex.pos += 1;
            lex.skip_ws();
            plan.frames[depth - 1].count += 1;
            if !scanning {
                return Ok(Slot { node, state: None, decision: Decision::Skip });
            }
            let key = plan.string_text(doc, tok);
            let child = plan.node(node, Step::Key(key));
            // (`strings` alone, not `plan.text`, for the borrow of the memo.)
            let key_bytes = text_in(doc, &plan.strings, key);
            let facts = plan.memo.facts(key_bytes, |k| self.key_facts(k));
            let state = plan.frames[depth - 1]
                .state
                .as_ref()
                .map(|st| self.settings.selectors.child(st, Component::Key(key_bytes)));
            let decision = self.decide(decision, Some(facts), state.as_ref());
            return Ok(Slot { node: child, state, decision });
        }
        plan.frames[depth - 1].count += 1;
        if !scanning {
            return Ok(Slot { node, state: None, decision: Decision::Skip });
        }
        let child = plan.node(node, Step::Index(count));
        // The value of a `[key, value]` pair: judged as if under its key,
        // at the path of the list plus the key (and at its own path).
        if let (1, Some(key)) = (count, plan.frames[depth - 1].pair_key) {
            let key_bytes = text_in(doc, &plan.strings, key);
            let facts = plan.memo.facts(key_bytes, |k| self.key_facts(k));
            let list_state = plan.frames.get(depth.wrapping_sub(2)).and_then(|f| f.state.as_ref());
            let sel = &self.settings.selectors;
            let state = list_state.map(|st| sel.child(st, Component::Key(key_bytes))).map(|by_key| {
                match plan.frames[depth - 1].state.as_ref() {
                    Some(pair) => by_key.union(&sel.child(pair, Component::Index(1))),
                    None => by_key,
                }
            });
            let decision = self.decide(decision, Some(facts), state.as_ref());
            return Ok(Slot { node: child, state, decision });
        }
        let state =
            plan.frames[depth - 1].state.as_ref().map(|st| self.settings.selectors.child(st, Component::Index(count)));
        let decision = self.decide(decision, None, state.as_ref());
        Ok(Slot { node: child, state, decision })
    }

    /// Reads one value into `slot`: a scalar entirely, a container's opening.
    fn value(&self, lex: &mut Lexer<'_>, plan: &mut Plan, slot: Slot) -> Result<(), JsonError> {
        let doc = lex.text;
        let start = lex.pos;
        let in_array = plan.frames.last().is_some_and(|f| !f.object);
        let pair_candidate = in_array && self.settings.pairs;
        match lex.peek() {
            Some(b'{') | Some(b'[') => {
                let object = lex.peek() == Some(b'{');
                lex.pos += 1;
                plan.frames.push(Frame {
                    object,
                    node: slot.node,
                    state: slot.state,
                    decision: slot.decision,
                    start,
                    count: 0,
                    pair_key: None,
                    in_array: pair_candidate && !object,
                });
                lex.skip_ws();
                Ok(())
            }
            Some(b'"') => {
                let tok = lex.string()?;
                let span = (start, lex.pos);
                // The first element of a pair: remember the key.
                let parent_pair = plan.frames.last().is_some_and(|f| f.in_array && f.count == 1);
                match slot.decision {
                    Decision::Skip if !parent_pair => {}
                    Decision::Whole(rule) => {
                        let text = plan.string_text(doc, tok);
                        plan.wholes.push(Whole { span, text, node: slot.node, rule });
                    }
                    _ => {
                        let text = plan.string_text(doc, tok);
                        if parent_pair {
                            if let Some(f) = plan.frames.last_mut() {
                                f.pair_key = Some(text);
                            }
                        }
                        if slot.decision == Decision::Scan {
                            let scope = slot.state.as_ref().map_or(0, |st| self.settings.scope(st));
                            plan.leaves.push(Leaf { span, text, node: slot.node, scope });
                        }
                    }
                }
                Ok(())
            }
            Some(b'-' | b'0'..=b'9') => {
                let span = lex.number()?;
                match slot.decision {
                    Decision::Whole(rule) => {
                        plan.wholes.push(Whole { span, text: Text::Raw(span.0, span.1), node: slot.node, rule })
                    }
                    Decision::Scan if self.settings.scrub_numbers => {
                        let scope = slot.state.as_ref().map_or(0, |st| self.settings.scope(st));
                        plan.leaves.push(Leaf { span, text: Text::Raw(span.0, span.1), node: slot.node, scope });
                    }
                    _ => {}
                }
                Ok(())
            }
            Some(_) => {
                lex.literal()?;
                if let Decision::Whole(rule) = slot.decision {
                    let span = (start, lex.pos);
                    plan.wholes.push(Whole { span, text: Text::Raw(span.0, span.1), node: slot.node, rule });
                }
                Ok(())
            }
            None => Err(lex.error(lex.pos, "unexpected end of input: expected a value")),
        }
    }

    /// Pops the container that just closed at `end`.
    fn close(&self, plan: &mut Plan, end: usize) {
        let Some(frame) = plan.frames.pop() else { return };
        if let Decision::Whole(rule) = frame.decision {
            let span = (frame.start, end);
            plan.wholes.push(Whole { span, text: Text::Raw(span.0, span.1), node: frame.node, rule });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in judgement that depends on every byte of the key.
    fn judge(k: &[u8]) -> KeyFacts {
        let sum: usize = k.iter().map(|&b| usize::from(b)).sum();
        KeyFacts { safe: sum % 3 == 0, sensitive: (sum / 3) % 2 == 0 }
    }

    #[test]
    fn key_words_tell_keys_of_one_length_apart() {
        // Changing any one byte of a key changes its words.
        for n in 1..=MEMO_KEY_LEN {
            let key: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            for i in 0..n {
                let mut other = key.clone();
                other[i] = b'Z';
                assert_ne!(key_words(&key), key_words(&other), "length {n}, byte {i}");
            }
        }
    }

    #[test]
    fn key_memo_gives_what_judging_gives() {
        let mut memo = KeyMemo::default();
        // Far more keys than slots (collisions evict), short and long ones,
        // keys that differ in one byte, and the empty key, seen in two orders.
        let keys: Vec<Vec<u8>> = (0..3000usize)
            .map(|i| {
                let len = i % 40;
                (0..len).map(|j| b'a' + ((i * 7 + j * (i % 5 + 1)) % 26) as u8).collect()
            })
            .collect();
        for round in 0..3 {
            for (i, k) in keys.iter().enumerate() {
                let k = if round == 1 { &keys[keys.len() - 1 - i] } else { k };
                let mut judged = false;
                let facts = memo.facts(k, |k| {
                    judged = true;
                    judge(k)
                });
                assert_eq!(facts, judge(k), "{:?}", String::from_utf8_lossy(k));
                if k.len() > MEMO_KEY_LEN {
                    assert!(judged, "long keys are not remembered");
                }
            }
        }
        // A key just judged is remembered.
        memo.facts(b"password", judge);
        assert_eq!(memo.facts(b"password", |_| unreachable!("remembered")), judge(b"password"));
    }
}
