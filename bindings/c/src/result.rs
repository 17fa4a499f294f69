//! Results: scrubbed bytes and findings, owned by the library until
//! `scrubjay_result_free`.

use std::ffi::c_char;
use std::ptr;

use scrubjay::ActionKind;

/// What is done with a finding.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum scrubjay_action {
    /// Replaced by a template (by default `[<rule id>]`).
    Replace = 0,
    /// Characters replaced by a mask character.
    Mask = 1,
    /// Replaced by a keyed hash.
    Hash = 2,
    /// Deleted (a whole JSON value becomes `null`).
    Remove = 3,
    /// Left as it was: reported only.
    Keep = 4,
}

impl From<ActionKind> for scrubjay_action {
    fn from(kind: ActionKind) -> scrubjay_action {
        match kind {
            ActionKind::Replace => scrubjay_action::Replace,
            ActionKind::Mask => scrubjay_action::Mask,
            ActionKind::Hash => scrubjay_action::Hash,
            ActionKind::Remove => scrubjay_action::Remove,
            ActionKind::Keep => scrubjay_action::Keep,
        }
    }
}

/// One finding: which rule matched where, and what was done about it.
///
/// Owned by the `scrubjay_result` it came from: its strings are valid until
/// `scrubjay_result_free` of that result.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
#[allow(non_camel_case_types)]
pub struct scrubjay_finding {
    /// The id of the rule that found it, e.g. `email`: a NUL-terminated
    /// UTF-8 string, never NULL.
    pub rule: *const c_char,
    /// The length of `rule` in bytes, without the NUL.
    pub rule_len: usize,
    /// Byte offset of the first byte of the finding. For text, in the input;
    /// for JSON and NDJSON, in the value at `pointer`: in the decoded string
    /// for a string, in the number's text for a number, 0 for a whole value.
    pub start: usize,
    /// Byte offset one past the last byte of the finding (for a whole JSON
    /// value: the length of the decoded string, or of the JSON text of
    /// anything else).
    pub end: usize,
    /// For JSON and NDJSON: the JSON Pointer (RFC 6901) of the value, `""`
    /// for the top-level value; a NUL-terminated UTF-8 string. NULL for text
    /// findings.
    pub pointer: *const c_char,
    /// The length of `pointer` in bytes, without the NUL (0 when NULL).
    pub pointer_len: usize,
    /// For NDJSON: the 1-based line of the input the value is on; 0 otherwise.
    pub line: usize,
    /// What is done with it.
    pub action: scrubjay_action,
    /// For JSON and NDJSON: whether the whole value is the finding (a key or
    /// path rule). Always false for text.
    pub whole: bool,
}

/// The outcome of a scrub or report call: the scrubbed bytes (when they
/// differ from the input) and the findings (when asked for).
///
/// Created by the calls that take a `scrubjay_result **`; owned by the
/// caller, who frees it with `scrubjay_result_free`. Immutable; may be read
/// from several threads at once and freed from any thread. It does not
/// borrow the input: the input buffer may be freed while the result lives.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct scrubjay_result {
    /// The scrubbed bytes plus a NUL, or `None` when unchanged.
    text: Option<Vec<u8>>,
    findings: Vec<scrubjay_finding>,
    /// The NUL-terminated strings `findings` point into; never changed
    /// after `findings` is built, so the pointers stay valid.
    _arena: Vec<u8>,
}

/// Collects findings, then builds a result whose findings point into one
/// string arena.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pending: Vec<Pending>,
    arena: Vec<u8>,
}

#[derive(Debug)]
struct Pending {
    rule: (usize, usize),
    pointer: Option<(usize, usize)>,
    start: usize,
    end: usize,
    line: usize,
    action: scrubjay_action,
    whole: bool,
}

impl Findings {
    fn intern(&mut self, s: &str) -> (usize, usize) {
        let at = self.arena.len();
        self.arena.extend_from_slice(s.as_bytes());
        self.arena.push(0);
        (at, s.len())
    }

    pub fn text(&mut self, found: &[scrubjay::Finding]) {
        for f in found {
            let rule = self.intern(&f.rule);
            self.pending.push(Pending {
                rule,
                pointer: None,
                start: f.start,
                end: f.end,
                line: 0,
                action: f.action.into(),
                whole: false,
            });
        }
    }

    pub fn json(&mut self, found: &[scrubjay::JsonFinding], line: usize) {
        for f in found {
            let rule = self.intern(&f.rule);
            let pointer = Some(self.intern(&f.pointer));
            self.pending.push(Pending {
                rule,
                pointer,
                start: f.start,
                end: f.end,
                line,
                action: f.action.into(),
                whole: f.whole,
            });
        }
    }

    /// The result, or `None` when there is nothing to return (no text, no findings).
    pub fn into_result(self, text: Option<Vec<u8>>) -> Option<scrubjay_result> {
        if text.is_none() && self.pending.is_empty() {
            return None;
        }
        let arena = self.arena;
        let base = arena.as_ptr();
        let findings = self
            .pending
            .iter()
            .map(|p| {
                // SAFETY: every offset was produced by `intern`, inside `arena`.
                let at = |(off, _): (usize, usize)| unsafe { base.add(off) }.cast::<c_char>();
                scrubjay_finding {
                    rule: at(p.rule),
                    rule_len: p.rule.1,
                    start: p.start,
                    end: p.end,
                    pointer: p.pointer.map_or(ptr::null(), at),
                    pointer_len: p.pointer.map_or(0, |p| p.1),
                    line: p.line,
                    action: p.action,
                    whole: p.whole,
                }
            })
            .collect();
        let text = text.map(|mut t| {
            t.push(0);
            t
        });
        Some(scrubjay_result { text, findings, _arena: arena })
    }
}

/// The scrubbed bytes of `result`, and their length in `*len` (when `len` is
/// not NULL). The bytes are followed by a NUL that `*len` does not count (the
/// text itself may hold NULs). Returns NULL (and 0) when the text is
/// unchanged (the input is the output), when the call did not scrub
/// (`scrubjay_find`, `scrubjay_report_json`, ...), and for a NULL `result`.
/// Valid until `scrubjay_result_free(result)`.
///
/// # Safety
/// `result` is NULL or a result not yet freed; `len` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_result_text(result: *const scrubjay_result, len: *mut usize) -> *const u8 {
    // SAFETY: per the contract above.
    let text = unsafe { result.as_ref() }.and_then(|r| r.text.as_deref());
    let (p, n) = match text {
        Some(t) => (t.as_ptr(), t.len() - 1),
        None => (ptr::null(), 0),
    };
    if !len.is_null() {
        // SAFETY: per the contract above.
        unsafe { len.write(n) };
    }
    p
}

/// Whether `result` holds scrubbed text that differs from the input (false
/// for a NULL `result`).
///
/// # Safety
/// `result` is NULL or a result not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_result_changed(result: *const scrubjay_result) -> bool {
    // SAFETY: per the contract above.
    unsafe { result.as_ref() }.is_some_and(|r| r.text.is_some())
}

/// The findings of `result`, in input order, and their number in `*count`
/// (when `count` is not NULL). Returns NULL (and 0) when there are none, and
/// for a NULL `result`. The array and its strings are valid until
/// `scrubjay_result_free(result)`.
///
/// # Safety
/// `result` is NULL or a result not yet freed; `count` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_result_findings(
    result: *const scrubjay_result,
    count: *mut usize,
) -> *const scrubjay_finding {
    // SAFETY: per the contract above.
    let findings = unsafe { result.as_ref() }.map_or(&[][..], |r| &r.findings[..]);
    if !count.is_null() {
        // SAFETY: per the contract above.
        unsafe { count.write(findings.len()) };
    }
    if findings.is_empty() { ptr::null() } else { findings.as_ptr() }
}

/// Frees a result, its text and its findings. Accepts NULL (does nothing).
///
/// # Safety
/// `result` is NULL or a result not yet freed; neither it nor anything read
/// from it may be used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_result_free(result: *mut scrubjay_result) {
    if !result.is_null() {
        // SAFETY: created by Box::into_raw in this crate, freed once (caller's contract).
        drop(unsafe { Box::from_raw(result) });
    }
}
