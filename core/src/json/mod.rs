//! Scrubbing JSON: documents as text (bytes that need no change stay as
//! they were) and `serde_json::Value`s.
//!
//! A walk over the document ([`walk`]) decides what happens to each value;
//! the string and number leaves are then scanned by the text rules in one
//! batch per scope, and the changes are spliced into the text.

pub(crate) mod lex;
pub(crate) mod path;
pub(crate) mod settings;
pub(crate) mod walk;

use std::borrow::Cow;
use std::sync::Arc;

pub use lex::JsonError;
use walk::{Plan, Walker};

use crate::action::{Action, ActionKind};
use crate::engine::{Candidate, Engine, Scratch};
use crate::scrubber::Scrubber;

/// A finding in a JSON document.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let report = s.report_json(r#"{"user": {"email": "ada@example.com"}, "password": "hunter2"}"#)?;
/// assert_eq!(report[0].pointer, "/user/email");
/// assert_eq!(&*report[0].rule, "email");
/// assert_eq!((report[0].start, report[0].end), (0, 15));
/// assert_eq!(report[1].pointer, "/password");
/// assert!(report[1].whole);
/// # Ok::<(), scrubjay::JsonError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JsonFinding {
    /// Where the value is: a JSON Pointer (RFC 6901); `""` is the whole document.
    pub pointer: String,
    /// The rule that found it.
    pub rule: Arc<str>,
    /// Byte offset of the finding in the value: in the decoded string for a
    /// string, in the number's text for a number, 0 for a whole value.
    pub start: usize,
    /// Byte offset one past the finding's end (the value's length for a
    /// whole value: the decoded string, or the JSON text of anything else).
    pub end: usize,
    /// What is done with it.
    pub action: ActionKind,
    /// Whether the whole value is the finding (a key or path rule).
    pub whole: bool,
}

/// Scrubbed JSON text and what was found, from one pass.
///
/// ```
/// let s = scrubjay::Scrubber::default();
/// let r = s.scrub_json_with_report(r#"{"ip": "10.0.0.1", "n": 1}"#)?;
/// assert_eq!(r.text, r#"{"ip": "[ipv4]", "n": 1}"#);
/// assert_eq!(r.findings[0].pointer, "/ip");
/// # Ok::<(), scrubjay::JsonError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScrubbedJson<'a> {
    /// The document; borrowed when nothing changed.
    pub text: Cow<'a, str>,
    /// The findings, in document order.
    pub findings: Vec<JsonFinding>,
}

/// A change to one value: its span in the document and the new JSON text.
struct Edit {
    span: (usize, usize),
    node: u32,
    /// The new JSON text: a range of [`Outcome::json`].
    json: (usize, usize),
    /// The new value, for `serde_json::Value`s.
    value: serde_json::Value,
}

/// What a run over a document produces.
struct Outcome {
    edits: Vec<Edit>,
    /// The edits' JSON texts, one after the other (one buffer for all).
    json: Vec<u8>,
    /// Working space of one leaf: its findings' renderings, and where
    /// each goes (start, end in the leaf, range in `rendered`).
    rendered: Vec<u8>,
    replacements: Vec<(usize, usize, usize, usize)>,
    findings: Vec<JsonFinding>,
    /// Whether `findings` are wanted. Each finding carries its JSON
    /// Pointer, as long as the value is deep: without a report, scrubbing
    /// must not pay depth × findings for pointers nobody reads.
    report: bool,
    /// Whether edits carry their `serde_json::Value` (for the `Value` API;
    /// the text API does not pay for building them).
    values: bool,
}

impl Scrubber {
    /// Scrubs a JSON document. Values that need no change keep their exact
    /// bytes (formatting, key order, number spelling); a clean document
    /// comes back borrowed.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let doc = "{\n  \"msg\": \"mail ada@example.com\",\n  \"n\": 1.50,\n  \"token\": \"abc\"\n}";
    /// assert_eq!(
    ///     s.scrub_json_str(doc)?,
    ///     "{\n  \"msg\": \"mail [email]\",\n  \"n\": 1.50,\n  \"token\": \"[sensitive_key]\"\n}"
    /// );
    /// assert!(matches!(s.scrub_json_str(r#"{"ok": true}"#)?, std::borrow::Cow::Borrowed(_)));
    /// # Ok::<(), scrubjay::JsonError>(())
    /// ```
    pub fn scrub_json_str<'a>(&self, text: &'a str) -> Result<Cow<'a, str>, JsonError> {
        Ok(self.scrub_json_text(text, false)?.text)
    }

    /// Scrubs a JSON document and reports what was scrubbed.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let r = s.scrub_json_with_report(r#"[["Authorization", "Bearer abc"]]"#)?;
    /// assert_eq!(r.text, r#"[["Authorization", "[sensitive_key]"]]"#);
    /// assert_eq!(r.findings[0].pointer, "/0/1");
    /// # Ok::<(), scrubjay::JsonError>(())
    /// ```
    pub fn scrub_json_with_report<'a>(&self, text: &'a str) -> Result<ScrubbedJson<'a>, JsonError> {
        self.scrub_json_text(text, true)
    }

    /// Scrubs a JSON document; the findings are left empty unless `report`.
    fn scrub_json_text<'a>(&self, text: &'a str, report: bool) -> Result<ScrubbedJson<'a>, JsonError> {
        let mut guard = self.scratch();
        let outcome = self.json_outcome(text.as_bytes(), &mut guard, true, report, false)?;
        if outcome.edits.is_empty() {
            return Ok(ScrubbedJson { text: Cow::Borrowed(text), findings: outcome.findings });
        }
        // Spans start and end at token boundaries (ASCII), so the text
        // between them slices as `str`; only the edits need checking.
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for e in &outcome.edits {
            out.push_str(text.get(at..e.span.0).unwrap_or_default());
            out.push_str(&String::from_utf8_lossy(&outcome.json[e.json.0..e.json.1]));
            at = e.span.1;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        Ok(ScrubbedJson { text: Cow::Owned(out), findings: outcome.findings })
    }

    /// What scrubbing a JSON document would find, without changing it.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let found = s.report_json(r#"{"card": 4111111111111111}"#)?;
    /// assert_eq!((found[0].pointer.as_str(), &*found[0].rule), ("/card", "credit_card"));
    /// # Ok::<(), scrubjay::JsonError>(())
    /// ```
    pub fn report_json(&self, text: &str) -> Result<Vec<JsonFinding>, JsonError> {
        let mut guard = self.scratch();
        Ok(self.json_outcome(text.as_bytes(), &mut guard, false, true, false)?.findings)
    }

    /// Scrubs a `serde_json::Value` in place and reports what was scrubbed.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let mut v = serde_json::json!({"user": {"email": "ada@example.com", "age": 36}, "password": "x"});
    /// let found = s.scrub_json_value(&mut v)?;
    /// assert_eq!(v, serde_json::json!({"user": {"email": "[email]", "age": 36}, "password": "[sensitive_key]"}));
    /// assert_eq!(found.len(), 2);
    /// # Ok::<(), scrubjay::JsonError>(())
    /// ```
    pub fn scrub_json_value(&self, value: &mut serde_json::Value) -> Result<Vec<JsonFinding>, JsonError> {
        let text = value_text(value)?;
        let mut guard = self.scratch();
        let outcome = self.json_outcome(&text, &mut guard, true, true, true)?;
        let plan = &guard.json;
        for e in outcome.edits {
            let pointer = plan.pointer(&text, e.node);
            if let Some(slot) = value.pointer_mut(&pointer) {
                *slot = e.value;
            }
        }
        Ok(outcome.findings)
    }

    /// What [`scrub_json_value`](Self::scrub_json_value) would find, without
    /// changing the value.
    ///
    /// ```
    /// let s = scrubjay::Scrubber::default();
    /// let v = serde_json::json!({"ip": "10.0.0.1"});
    /// assert_eq!(s.report_json_value(&v)?[0].pointer, "/ip");
    /// # Ok::<(), scrubjay::JsonError>(())
    /// ```
    pub fn report_json_value(&self, value: &serde_json::Value) -> Result<Vec<JsonFinding>, JsonError> {
        let text = value_text(value)?;
        let mut guard = self.scratch();
        Ok(self.json_outcome(&text, &mut guard, false, true, false)?.findings)
    }

    /// Walks `doc`, scans its leaves, and works out the edits (when `edit`,
    /// with their values when `values`) and the findings (when `report`).
    fn json_outcome(
        &self,
        doc: &[u8],
        s: &mut Scratch,
        edit: bool,
        report: bool,
        values: bool,
    ) -> Result<Outcome, JsonError> {
        let engine = self.engine();
        let mut plan = std::mem::take(&mut s.json);
        let walked = Walker { settings: &engine.json, keys: &engine.keys }.walk(doc, &mut plan);
        if let Err(e) = walked {
            s.json = plan;
            return Err(e);
        }
        let mut out = Outcome {
            edits: Vec::new(),
            json: Vec::new(),
            rendered: Vec::new(),
            replacements: Vec::new(),
            findings: Vec::new(),
            report,
            values,
        };
        // Per leaf with findings: its index and its findings' range in `found_all`.
        let mut leaf_findings: Vec<(usize, usize, usize)> = Vec::new();
        let mut found_all: Vec<Candidate> = Vec::new();
        scan_leaves(engine, &plan, doc, s, |leaf, found| {
            leaf_findings.push((leaf, found_all.len(), found_all.len() + found.len()));
            found_all.extend_from_slice(found);
        });
        if !leaf_findings.is_sorted_by_key(|&(leaf, _, _)| plan.leaves[leaf].span.0) {
            leaf_findings.sort_by_key(|&(leaf, _, _)| plan.leaves[leaf].span.0);
        }
        // Leaves and whole values, merged in document order.
        let mut wholes = plan.wholes.iter().peekable();
        let mut leaves = leaf_findings.iter().peekable();
        loop {
            let next_whole = wholes.peek().map(|w| w.span.0);
            let next_leaf = leaves.peek().map(|&&(l, _, _)| plan.leaves[l].span.0);
            match (next_whole, next_leaf) {
                (None, None) => break,
                (Some(w), l) if l.is_none_or(|l| w < l) => {
                    let whole = wholes.next().copied();
                    if let Some(w) = whole {
                        whole_value(engine, &plan, doc, &w, edit, &mut out);
                    }
                }
                _ => {
                    if let Some(&(leaf, from, to)) = leaves.next() {
                        leaf_value(engine, &plan, doc, leaf, &found_all[from..to], edit, &mut out);
                    }
                }
            }
        }
        s.json = plan;
        Ok(out)
    }
}

/// Scans every leaf with the text rules, one batch per scope, and calls
/// `f(leaf index, findings)` for the leaves with findings.
fn scan_leaves(engine: &Engine, plan: &Plan, doc: &[u8], s: &mut Scratch, mut f: impl FnMut(usize, &[Candidate])) {
    // Usually every rule applies everywhere: one batch, nothing to sort.
    if plan.leaves.iter().all(|l| l.scope == 0) {
        let texts = plan.leaves.iter().map(|l| plan.text(doc, l.text));
        engine.scan_batch_joined(
            texts,
            |joined| join_leaves(plan, doc, joined),
            s,
            &[],
            |k, _, found| {
                if !found.is_empty() {
                    f(k, found);
                }
            },
        );
        return;
    }
    let mut scopes: Vec<u64> = plan.leaves.iter().map(|l| l.scope).collect();
    scopes.sort_unstable();
    scopes.dedup();
    let mut disabled = Vec::new();
    for scope in scopes {
        disabled.clear();
        for (i, sc) in engine.json.scoped.iter().enumerate().take(64) {
            if scope & (1 << i) != 0 {
                disabled.push(sc.rule);
            }
        }
        let idx: Vec<usize> = (0..plan.leaves.len()).filter(|&i| plan.leaves[i].scope == scope).collect();
        let texts = idx.iter().map(|&i| plan.text(doc, plan.leaves[i].text));
        engine.scan_batch(texts, s, &disabled, |k, _, found| {
            if !found.is_empty() {
                f(idx[k], found);
            }
        });
    }
}

/// Appends every leaf's text followed by 0xFF, as `Engine::scan_batch`
/// joins texts. Most leaves are short and lie in the document: each is
/// copied as a fixed 32 bytes (what follows it is overwritten by the next),
/// which costs the same whatever its length, instead of a copy of variable
/// length whose size dispatch mispredicts on every leaf.
fn join_leaves(plan: &Plan, doc: &[u8], joined: &mut Vec<u8>) {
    const WIDE: usize = 32;
    let total: usize = plan.leaves.iter().map(|l| plan.text(doc, l.text).len() + 1).sum();
    joined.resize(total + WIDE, 0xff);
    let mut at = 0;
    for l in &plan.leaves {
        let text = plan.text(doc, l.text);
        match l.text {
            walk::Text::Raw(start, end) if end - start <= WIDE && start + WIDE <= doc.len() => {
                joined[at..at + WIDE].copy_from_slice(&doc[start..start + WIDE]);
            }
            _ => joined[at..at + text.len()].copy_from_slice(text),
        }
        at += text.len();
        joined[at] = 0xff;
        at += 1;
    }
    joined.truncate(total);
}

fn leaf_value(
    engine: &Engine,
    plan: &Plan,
    doc: &[u8],
    leaf: usize,
    found: &[Candidate],
    edit: bool,
    out: &mut Outcome,
) {
    let l = &plan.leaves[leaf];
    let text = plan.text(doc, l.text);
    if out.report {
        let pointer = plan.pointer(doc, l.node);
        for c in found {
            let rule = &engine.rules[c.rule as usize];
            out.findings.push(JsonFinding {
                pointer: pointer.clone(),
                rule: Arc::clone(&rule.id),
                start: c.start,
                end: c.end,
                action: rule.action.kind(),
                whole: false,
            });
        }
    }
    if !edit {
        return;
    }
    out.rendered.clear();
    out.replacements.clear();
    for c in found {
        let rule = &engine.rules[c.rule as usize];
        if rule.action.kind().changes_text() {
            let from = out.rendered.len();
            rule.action.apply(&rule.id, &text[c.start..c.end], &mut out.rendered);
            out.replacements.push((c.start, c.end, from, out.rendered.len()));
        }
    }
    if out.replacements.is_empty() {
        return;
    }
    let Outcome { replacements, rendered, json, values, .. } = out;
    let edits = replacements.iter().map(|&(start, end, from, to)| (start, end, &rendered[from..to]));
    let is_string = doc.get(l.span.0) == Some(&b'"');
    // The new text: for a number (which becomes a string) and for the
    // `Value` API; a string's JSON is rewritten from its token instead.
    let mut new = Vec::new();
    if !is_string || *values {
        new.reserve(text.len() + rendered.len());
        let mut at = 0;
        for (start, end, replacement) in edits.clone() {
            new.extend_from_slice(&text[at..start]);
            new.extend_from_slice(replacement);
            at = end;
        }
        new.extend_from_slice(&text[at..]);
    }
    let from = json.len();
    if is_string {
        // Rewritten from the original token, so that escapes (and lone
        // surrogates, which the decoded text cannot hold) outside the
        // findings stay as they were.
        lex::splice(&doc[l.span.0 + 1..l.span.1 - 1], edits, json);
    } else {
        // A number with a finding becomes a string.
        lex::encode(&new, json);
    }
    let value = string_value(*values, &new);
    out.edits.push(Edit { span: l.span, node: l.node, json: (from, out.json.len()), value });
}

/// The `serde_json::Value` of a new string, when values are wanted.
fn string_value(values: bool, new: &[u8]) -> serde_json::Value {
    if values { serde_json::Value::String(String::from_utf8_lossy(new).into_owned()) } else { serde_json::Value::Null }
}

fn whole_value(engine: &Engine, plan: &Plan, doc: &[u8], w: &walk::Whole, edit: bool, out: &mut Outcome) {
    let rule = &engine.rules[w.rule as usize];
    let is_string = doc.get(w.span.0) == Some(&b'"');
    let raw = plan.text(doc, w.text);
    if nothing_to_scrub(raw, is_string)
        || (is_string && (engine.allowlist.allows(raw) || rule.action.wrote(&rule.id, raw)))
    {
        return;
    }
    // Mask and hash read the text of a non-string value: its compact form,
    // so that its formatting does not change the result and the text API
    // agrees with the `Value` API.
    let compact;
    let text = match (&rule.action, is_string) {
        (Action::Mask(_) | Action::Hash(_), false) => {
            compact = compact_json(raw);
            compact.as_deref().unwrap_or(raw)
        }
        _ => raw,
    };
    let structured = !is_string && !matches!(doc.get(w.span.0), Some(b'-' | b'0'..=b'9'));
    let mut new = Vec::new();
    let from = out.json.len();
    let value = match &rule.action {
        // A whole value cannot vanish from its object or array without
        // shifting its neighbours: it becomes null.
        Action::Remove => {
            out.json.extend_from_slice(b"null");
            serde_json::Value::Null
        }
        action => {
            if structured {
                action.apply_structured(&rule.id, text, &mut new);
            } else {
                action.apply(&rule.id, text, &mut new);
            }
            // Masked already (a document scrubbed twice): a mask gives a
            // masked value back, so nothing to report. Replace and hash
            // renderings were recognised before applying (`Action::wrote`).
            if is_string && new == text && matches!(action, Action::Mask(_)) {
                return;
            }
            lex::encode(&new, &mut out.json);
            string_value(out.values, &new)
        }
    };
    let json = (from, out.json.len());
    if out.report {
        out.findings.push(JsonFinding {
            pointer: plan.pointer(doc, w.node),
            rule: Arc::clone(&rule.id),
            start: 0,
            end: raw.len(),
            action: rule.action.kind(),
            whole: true,
        });
    }
    if edit && !matches!(rule.action, Action::Keep) {
        out.edits.push(Edit { span: w.span, node: w.node, json, value });
    }
}

/// Whether a value holds nothing that could be a secret: `null`, `""`,
/// `{}` or `[]` (`text` is a string's decoded content, or the JSON text of
/// anything else).
fn nothing_to_scrub(text: &[u8], is_string: bool) -> bool {
    if is_string {
        return text.is_empty();
    }
    let mut inner = text.iter().filter(|b| !b.is_ascii_whitespace());
    match (inner.next(), inner.next(), inner.next()) {
        (Some(b'{'), Some(b'}'), None) | (Some(b'['), Some(b']'), None) => true,
        _ => text == b"null",
    }
}

/// The compact JSON text of a value, as `serde_json` writes it (keys
/// sorted, numbers normalized), or `None` when `serde_json` cannot read it
/// (nested too deeply).
fn compact_json(text: &[u8]) -> Option<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(text).ok()?;
    serde_json::to_vec(&value).ok()
}

/// Values nested deeper than this are refused by the `Value` API, whose
/// serialization recurses (the same limit as `serde_json`'s parser, so no
/// value it parsed is refused).
const MAX_VALUE_DEPTH: usize = 128;

/// The JSON text of a value, after checking its depth without recursion.
fn value_text(value: &serde_json::Value) -> Result<Vec<u8>, JsonError> {
    let mut stack = vec![(value, 1usize)];
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_VALUE_DEPTH {
            return Err(JsonError {
                line: 0,
                column: 0,
                message: format!(
                    "value nested deeper than {MAX_VALUE_DEPTH} levels; scrub its JSON text with scrub_json_str, which has no depth limit"
                ),
            });
        }
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().map(|x| (x, depth + 1))),
            serde_json::Value::Object(o) => stack.extend(o.values().map(|x| (x, depth + 1))),
            _ => {}
        }
    }
    serde_json::to_vec(value).map_err(|e| JsonError { line: 0, column: 0, message: e.to_string() })
}
