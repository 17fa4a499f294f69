//! Finding values in a JSON document by their JSON Pointers (RFC 6901), to
//! show masked previews of findings and the lines they are on.
//!
//! One pass over the document, without building a tree and without
//! recursion: subtrees that hold none of the pointers are skipped. The
//! document is expected to be valid JSON (the scrubber has checked it);
//! should it not be, the pass stops and the pointers not found by then stay
//! unresolved, without panicking.

use std::collections::HashMap;
use std::fmt::Write;

/// A value found: where its JSON text starts in the document, and that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'d> {
    pub offset: usize,
    pub raw: &'d str,
}

impl Found<'_> {
    /// The value as the scrubber sees it: the decoded string for a string,
    /// the JSON text for anything else.
    pub fn text(&self) -> Option<String> {
        if self.raw.starts_with('"') { serde_json::from_str(self.raw).ok() } else { Some(self.raw.to_string()) }
    }
}

/// Finds the value of each of `pointers` in `doc`: `None` for pointers that
/// are malformed or lead nowhere. With duplicate keys, the first value wins.
pub fn locate<'d>(doc: &'d str, pointers: &[&str]) -> Vec<Option<Found<'d>>> {
    let mut found = vec![None; pointers.len()];
    let trie = Trie::new(pointers);
    let _valid = Scanner { doc: doc.as_bytes(), pos: 0 }.run(&trie, |id, start, end| {
        if let (Some(slot), Some(raw)) = (found.get_mut(id), doc.get(start..end)) {
            slot.get_or_insert(Found { offset: start, raw });
        }
    });
    found
}

/// The pointers as a tree of reference tokens.
#[derive(Debug, Default)]
struct Trie {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    /// The child for each reference token (object key or array index).
    children: HashMap<String, usize>,
    /// The pointers that end here.
    ids: Vec<usize>,
}

impl Trie {
    fn new(pointers: &[&str]) -> Trie {
        let mut trie = Trie { nodes: vec![Node::default()] };
        for (id, pointer) in pointers.iter().enumerate() {
            if let Some(tokens) = tokens(pointer) {
                let mut node = 0;
                for token in tokens {
                    node = match trie.nodes[node].children.get(&token) {
                        Some(&child) => child,
                        None => {
                            trie.nodes.push(Node::default());
                            let child = trie.nodes.len() - 1;
                            trie.nodes[node].children.insert(token, child);
                            child
                        }
                    };
                }
                trie.nodes[node].ids.push(id);
            }
        }
        trie
    }

    fn child(&self, node: usize, token: &str) -> Option<usize> {
        self.nodes.get(node)?.children.get(token).copied()
    }
}

/// The reference tokens of a pointer, unescaped (`~1` is `/`, `~0` is `~`);
/// `None` when it is not a pointer.
fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| if t.contains('~') { t.replace("~1", "/").replace("~0", "~") } else { t.to_string() })
            .collect(),
    )
}

/// An open object or array on the way to some pointer.
#[derive(Debug)]
struct Frame {
    node: usize,
    object: bool,
    /// The index of the next element, for arrays.
    index: usize,
}

struct Scanner<'d> {
    doc: &'d [u8],
    pos: usize,
}

impl Scanner<'_> {
    /// Walks the document, calling `hit(id, start, end)` with the span of
    /// the value of each pointer found. Returns `None` if the document is
    /// not valid JSON after all.
    fn run(&mut self, trie: &Trie, mut hit: impl FnMut(usize, usize, usize)) -> Option<()> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut token = String::new();
        // The trie node of the value about to be read (`None`: not on the
        // way to any pointer).
        let mut next = Some(0);
        loop {
            // A value: report it if some pointer ends here, then enter it if
            // some pointer goes further, else skip it.
            self.skip_ws();
            let start = self.pos;
            let node = next.and_then(|n| trie.nodes.get(n).map(|node| (n, node)));
            if let Some((_, node)) = node.filter(|(_, node)| !node.ids.is_empty()) {
                let end = self.skip_value()?;
                for &id in &node.ids {
                    hit(id, start, end);
                }
                self.pos = start;
            }
            let open = matches!(self.peek()?, b'{' | b'[');
            let more = match node {
                Some((n, node)) if open && !node.children.is_empty() => {
                    stack.push(Frame { node: n, object: self.peek()? == b'{', index: 0 });
                    self.pos += 1;
                    self.skip_ws();
                    if matches!(self.peek()?, b'}' | b']') {
                        // Empty.
                        self.pos += 1;
                        stack.pop();
                        self.after_value(&mut stack)?
                    } else {
                        true
                    }
                }
                _ => {
                    self.skip_value()?;
                    self.after_value(&mut stack)?
                }
            };
            if !more {
                return Some(());
            }
            // The next member of the innermost container: its node.
            let frame = stack.last_mut()?;
            next = if frame.object {
                let key = self.key()?;
                trie.child(frame.node, &key)
            } else {
                token.clear();
                let _ = write!(token, "{}", frame.index);
                frame.index += 1;
                trie.child(frame.node, &token)
            };
        }
    }

    /// After a value: closes every container that ends here. `Some(true)`
    /// when a member follows, `Some(false)` at the end of the document.
    fn after_value(&mut self, stack: &mut Vec<Frame>) -> Option<bool> {
        loop {
            if stack.is_empty() {
                return Some(false);
            }
            self.skip_ws();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    return Some(true);
                }
                b'}' | b']' => {
                    self.pos += 1;
                    stack.pop();
                }
                _ => return None,
            }
        }
    }

    /// An object key and its colon; the key decoded.
    fn key(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        let end = self.skip_string()?;
        let raw = std::str::from_utf8(self.doc.get(start..end)?).ok()?;
        let key = if raw.contains('\\') { serde_json::from_str(raw).ok()? } else { raw[1..raw.len() - 1].to_string() };
        self.skip_ws();
        if self.peek()? != b':' {
            return None;
        }
        self.pos += 1;
        Some(key)
    }

    fn peek(&self) -> Option<u8> {
        self.doc.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips the string that starts at the cursor; returns its end.
    fn skip_string(&mut self) -> Option<usize> {
        self.pos += 1;
        loop {
            let rest = self.doc.get(self.pos..)?;
            let at = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            self.pos += at;
            if self.doc[self.pos] == b'"' {
                self.pos += 1;
                return Some(self.pos);
            }
            self.pos += 2;
        }
    }

    /// Skips the value that starts at the cursor; returns its end.
    fn skip_value(&mut self) -> Option<usize> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(self.pos);
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                (self.pos > start).then_some(self.pos)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws<'d>(doc: &'d str, pointers: &[&str]) -> Vec<Option<&'d str>> {
        locate(doc, pointers).into_iter().map(|f| f.map(|f| f.raw)).collect()
    }

    #[test]
    fn finds_values_by_pointer() {
        let doc = r#"{"a": {"b": [10, "x", {"c": "ada@example.com"}]}, "d~/e": true, "": null}"#;
        let got = raws(doc, &["/a/b/2/c", "/a/b/0", "", "/d~0~1e", "/", "/a/b", "/a/zz", "/a/b/7", "bad"]);
        assert_eq!(
            got,
            [
                Some(r#""ada@example.com""#),
                Some("10"),
                Some(doc),
                Some("true"),
                Some("null"),
                Some(r#"[10, "x", {"c": "ada@example.com"}]"#),
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_document() {
        let doc = "{\n  \"k\": [\n    \"v\\\"w\"\n  ]\n}";
        let found = locate(doc, &["/k/0"]);
        let f = found[0].unwrap_or(Found { offset: 0, raw: "" });
        assert_eq!(&doc[f.offset..f.offset + f.raw.len()], "\"v\\\"w\"");
        assert_eq!(f.text().as_deref(), Some("v\"w"));
        assert_eq!(Found { offset: 0, raw: "1.50" }.text().as_deref(), Some("1.50"));
    }

    #[test]
    fn escaped_keys_and_braces_in_strings() {
        let doc = r#"{"x": "}]{[", "k\u00e9y": {"y\"": ["]"]}, "n": [[], {}, [1, [2]], 3]}"#;
        assert_eq!(
            raws(doc, &["/kéy/y\"/0", "/n/3", "/n/2/1/0", "/x"]),
            [Some(r#""]""#), Some("3"), Some("2"), Some(r#""}]{[""#)]
        );
    }

    #[test]
    fn scalars_and_empty_containers_at_the_top() {
        assert_eq!(raws(" \"s\" ", &["", "/0"]), [Some("\"s\""), None]);
        assert_eq!(raws("[]", &["", "/0"]), [Some("[]"), None]);
        assert_eq!(raws("{}", &["/a"]), [None]);
        assert_eq!(raws("-1.5e3", &[""]), [Some("-1.5e3")]);
    }

    #[test]
    fn duplicate_keys_keep_the_first_value() {
        assert_eq!(raws(r#"{"a": 1, "a": 2}"#, &["/a"]), [Some("1")]);
    }

    #[test]
    fn deep_documents_do_not_recurse() {
        let depth = 100_000;
        let doc = "[".repeat(depth) + "\"deep\"" + &"]".repeat(depth);
        let pointer = "/0".repeat(depth);
        assert_eq!(raws(&doc, &[&pointer]), [Some("\"deep\"")]);
    }

    /// A pseudo-random number below `n` (xorshift).
    fn next(seed: &mut u64, n: u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed % n
    }

    /// A pseudo-random value, with keys that need escaping.
    fn value(seed: &mut u64, depth: u32) -> serde_json::Value {
        use serde_json::Value;
        let keys = ["a", "a/b", "m~n", "", "é \"q\"", "0", "a"];
        match next(seed, if depth > 3 { 4 } else { 6 }) {
            0 => Value::Null,
            1 => Value::from(next(seed, 1000) as f64 / 8.0),
            2 => Value::from(format!("s{}\n\u{1}é", next(seed, 10))),
            3 => Value::Bool(next(seed, 2) == 0),
            4 => (0..next(seed, 4)).map(|_| value(seed, depth + 1)).collect(),
            _ => {
                let mut map = serde_json::Map::new();
                for _ in 0..next(seed, 5) {
                    let key = keys[next(seed, keys.len() as u64) as usize].to_string();
                    map.insert(key, value(seed, depth + 1));
                }
                Value::Object(map)
            }
        }
    }

    /// Every pointer in `v`, with its value.
    fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<(String, serde_json::Value)>) {
        out.push((at.clone(), v.clone()));
        let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
        match v {
            serde_json::Value::Array(a) => {
                a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out))
            }
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| pointers(x, format!("{at}/{}", escape(k)), out)),
            _ => {}
        }
    }

    #[test]
    fn agrees_with_serde_json_on_generated_documents() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for round in 0..300 {
            let v = value(&mut seed, 0);
            let doc = if round % 2 == 0 { v.to_string() } else { serde_json::to_string_pretty(&v).unwrap_or_default() };
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            let ptrs: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
            for ((pointer, expected), found) in all.iter().zip(locate(&doc, &ptrs)) {
                let found = found.map(|f| (f, &doc[f.offset..f.offset + f.raw.len()]));
                let got: Option<serde_json::Value> = found.and_then(|(f, _)| serde_json::from_str(f.raw).ok());
                assert_eq!(got.as_ref(), Some(expected), "{pointer} in {doc}");
                assert_eq!(found.map(|(f, at)| at == f.raw), Some(true));
            }
        }
    }

    #[test]
    fn invalid_json_does_not_panic() {
        for doc in ["", "{", "[1,", "{\"a\"", "{\"a\" 1}", "\"abc", "[\"\\", "}", "{\"a\": [1}", "[1 2]"] {
            let _ = locate(doc, &["/a", "/0", "/1", ""]);
        }
    }
}
