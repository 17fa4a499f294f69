//! The C ABI of scrubjay: opaque handles, status codes and error objects,
//! zero-copy scrubbing of text, JSON and NDJSON. `include/scrubjay.h` is
//! generated from this crate by cbindgen (see `tests/header.rs`); the doc
//! comments here are the header's documentation.
//!
//! Every exported function:
//! - checks its pointers and lengths and returns an error for bad ones;
//! - runs its body under `catch_unwind`, so that no panic crosses the
//!   boundary (it becomes `SCRUBJAY_STATUS_INTERNAL`);
//! - converts types and calls the core; nothing here matches or redacts.

#![warn(missing_docs)]
#![allow(clippy::missing_safety_doc)] // Every function documents its contract under `# Safety`.

mod abi;
mod error;
mod ndjson;
mod result;

use std::borrow::Cow;
use std::ffi::c_char;
use std::ptr;

use scrubjay::{Config, Scrubber};

pub use abi::SCRUBJAY_ABI_VERSION;
pub use error::{
    scrubjay_error, scrubjay_error_column, scrubjay_error_free, scrubjay_error_line, scrubjay_error_message,
    scrubjay_error_status, scrubjay_status,
};
pub use result::{
    scrubjay_action, scrubjay_finding, scrubjay_result, scrubjay_result_changed, scrubjay_result_findings,
    scrubjay_result_free, scrubjay_result_text,
};

use error::{Failure, guard};
use result::Findings;

/// A compiled scrubber: the rules of one config, ready to scrub.
///
/// Created by `scrubjay_scrubber_new` or `scrubjay_scrubber_new_default`,
/// freed by `scrubjay_scrubber_free`. Immutable and thread-safe: one scrubber
/// may be used by any number of threads at once, with no locking by the
/// caller (per-thread scratch memory is pooled inside). Free it only once no
/// call on it is running.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct scrubjay_scrubber {
    inner: Scrubber,
}

/// The library version, e.g. `"0.1.0"`: a static NUL-terminated string,
/// never freed.
#[unsafe(no_mangle)]
pub extern "C" fn scrubjay_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The ABI version of the library that is loaded; equal to
/// `SCRUBJAY_ABI_VERSION` of the header it was built with.
#[unsafe(no_mangle)]
pub extern "C" fn scrubjay_abi_version() -> u32 {
    SCRUBJAY_ABI_VERSION
}

/// `len` bytes at `ptr`; NULL is allowed with length 0.
///
/// # Safety
/// When `ptr` is not NULL, it points to `len` readable bytes that stay
/// unchanged for `'a`.
unsafe fn bytes<'a>(func: &str, arg: &str, ptr: *const u8, len: usize) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::new(
            scrubjay_status::NullPointer,
            format!("{func}: `{arg}` is NULL but `{arg}_len` is {len}; pass a valid pointer, or NULL with length 0"),
        ));
    }
    if len > isize::MAX as usize {
        return Err(Failure::new(
            scrubjay_status::InvalidArgument,
            format!("{func}: `{arg}_len` is {len}, more than PTRDIFF_MAX; pass the buffer's real length"),
        ));
    }
    // SAFETY: non-NULL, length checked, readable per the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A checked output pointer.
fn out_ptr<T>(func: &str, arg: &str, p: *mut T) -> Result<*mut T, Failure> {
    if p.is_null() {
        return Err(Failure::null(func, arg));
    }
    if !p.is_aligned() {
        return Err(Failure::new(scrubjay_status::InvalidArgument, format!("{func}: `{arg}` is misaligned")));
    }
    Ok(p)
}

/// # Safety
/// `s` is NULL or a scrubber not yet freed.
unsafe fn scrubber_ref<'a>(func: &str, s: *const scrubjay_scrubber) -> Result<&'a Scrubber, Failure> {
    if !s.is_aligned() {
        return Err(Failure::new(scrubjay_status::InvalidArgument, format!("{func}: `scrubber` is misaligned")));
    }
    // SAFETY: NULL or valid, per the caller's contract.
    match unsafe { s.as_ref() } {
        Some(s) => Ok(&s.inner),
        None => Err(Failure::null(func, "scrubber")),
    }
}

/// Creates a scrubber from config JSON (see docs/config.md), e.g.
/// `{"profile": "strict", "rules": {"email": {"action": "mask"}}}`.
///
/// `config` points to `config_len` bytes of UTF-8 JSON; it need not be
/// NUL-terminated, and is not used after the call returns. On success
/// stores the new scrubber in `*scrubber` (free it with
/// `scrubjay_scrubber_free`); on failure stores NULL there and returns
/// `SCRUBJAY_STATUS_CONFIG` for a bad config, with a message naming the
/// rule or field and how to fix it.
///
/// `error` may be NULL; otherwise on failure it receives an error object
/// (free it with `scrubjay_error_free`), and NULL on success (a previous
/// value there is overwritten, not freed). The same holds for every
/// `error` argument of this API.
///
/// # Safety
/// `config` points to `config_len` readable bytes (or is NULL with length
/// 0); `scrubber` and `error` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrubber_new(
    config: *const u8,
    config_len: usize,
    scrubber: *mut *mut scrubjay_scrubber,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    const FUNC: &str = "scrubjay_scrubber_new";
    guard(FUNC, error, || {
        let out = out_ptr(FUNC, "scrubber", scrubber)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(ptr::null_mut()) };
        // SAFETY: per the contract above.
        let config = unsafe { bytes(FUNC, "config", config, config_len) }?;
        let text = std::str::from_utf8(config).map_err(|e| {
            Failure::new(
                scrubjay_status::Config,
                format!("invalid config: not valid UTF-8 at byte {}; config JSON must be UTF-8", e.valid_up_to()),
            )
        })?;
        let compiled = Config::from_json(text).and_then(|c| Scrubber::new(&c)).map_err(config_failure)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(Box::into_raw(Box::new(scrubjay_scrubber { inner: compiled }))) };
        Ok(())
    })
}

fn config_failure(e: scrubjay::Error) -> Failure {
    let failure = Failure::new(scrubjay_status::Config, e.to_string());
    match e {
        scrubjay::Error::Json { line, column, .. } => failure.at(line, column),
        _ => failure,
    }
}

/// Creates a scrubber with the `default` profile and no changes (what an
/// empty config `{}` gives). Stores it in `*scrubber` (free it with
/// `scrubjay_scrubber_free`).
///
/// # Safety
/// `scrubber` and `error` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrubber_new_default(
    scrubber: *mut *mut scrubjay_scrubber,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    const FUNC: &str = "scrubjay_scrubber_new_default";
    guard(FUNC, error, || {
        let out = out_ptr(FUNC, "scrubber", scrubber)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(ptr::null_mut()) };
        let compiled = Scrubber::new(&Config::default()).map_err(config_failure)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(Box::into_raw(Box::new(scrubjay_scrubber { inner: compiled }))) };
        Ok(())
    })
}

/// Frees a scrubber. Accepts NULL (does nothing). No call may be using the
/// scrubber; results and errors obtained from it stay valid.
///
/// # Safety
/// `scrubber` is NULL or a scrubber not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrubber_free(scrubber: *mut scrubjay_scrubber) {
    if !scrubber.is_null() {
        // SAFETY: created by Box::into_raw above, freed once (caller's contract).
        drop(unsafe { Box::from_raw(scrubber) });
    }
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Text,
    Json,
    Ndjson,
}

/// Scrubs (when `edit`) and reports (into `findings`) `input` in `format`;
/// the text is borrowed when unchanged or not scrubbed.
fn run<'a>(
    s: &Scrubber,
    format: Format,
    input: &'a [u8],
    edit: bool,
    findings: Option<&mut Findings>,
) -> Result<Cow<'a, [u8]>, Failure> {
    match format {
        Format::Text => Ok(match (edit, findings) {
            (true, None) => s.scrub_bytes(input),
            (true, Some(f)) => {
                let r = s.scrub_bytes_with_findings(input);
                f.text(&r.findings);
                r.text
            }
            (false, Some(f)) => {
                f.text(&s.find_bytes(input));
                Cow::Borrowed(input)
            }
            (false, None) => Cow::Borrowed(input),
        }),
        Format::Json => {
            let text = std::str::from_utf8(input).map_err(|e| not_utf8(input, e.valid_up_to()))?;
            let json_failure =
                |e: scrubjay::JsonError| Failure::new(scrubjay_status::Json, e.to_string()).at(e.line, e.column);
            if edit {
                // Without findings wanted, no report: its JSON Pointers cost
                // depth × findings on deep documents.
                let text = match findings {
                    Some(f) => {
                        let r = s.scrub_json_with_report(text).map_err(json_failure)?;
                        f.json(&r.findings, 0);
                        r.text
                    }
                    None => s.scrub_json_str(text).map_err(json_failure)?,
                };
                Ok(match text {
                    Cow::Borrowed(_) => Cow::Borrowed(input),
                    Cow::Owned(t) => Cow::Owned(t.into_bytes()),
                })
            } else {
                if let Some(f) = findings {
                    f.json(&s.report_json(text).map_err(json_failure)?, 0);
                }
                Ok(Cow::Borrowed(input))
            }
        }
        Format::Ndjson => ndjson::scrub(s, input, edit, findings),
    }
}

/// A JSON error for input that is not UTF-8 from byte `at` on.
fn not_utf8(input: &[u8], at: usize) -> Failure {
    let before = &input[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    Failure::new(
        scrubjay_status::Json,
        format!("invalid JSON at line {line}, column {column}: not valid UTF-8 (JSON text must be UTF-8)"),
    )
    .at(line, column)
}

/// The body of the calls that return a `scrubjay_result`.
///
/// # Safety
/// As documented on those calls.
#[allow(clippy::too_many_arguments)]
unsafe fn into_result(
    func: &str,
    s: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    format: Format,
    edit: bool,
    report: bool,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    guard(func, error, || {
        let out = out_ptr(func, "result", result)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(ptr::null_mut()) };
        // SAFETY: per the caller's contract.
        let s = unsafe { scrubber_ref(func, s) }?;
        // SAFETY: per the caller's contract.
        let input = unsafe { bytes(func, "input", input, input_len) }?;
        let mut findings = Findings::default();
        let text = run(s, format, input, edit, report.then_some(&mut findings))?;
        let text = match text {
            Cow::Borrowed(_) => None,
            Cow::Owned(t) => Some(t),
        };
        if let Some(r) = findings.into_result(text) {
            // SAFETY: checked writable pointer.
            unsafe { out.write(Box::into_raw(Box::new(r))) };
        }
        Ok(())
    })
}

/// The body of the `*_into` calls.
///
/// # Safety
/// As documented on those calls.
#[allow(clippy::too_many_arguments)]
unsafe fn into_buffer(
    func: &str,
    s: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    format: Format,
    output: *mut u8,
    output_cap: usize,
    output_len: *mut usize,
    changed: *mut bool,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    guard(func, error, || {
        let output_len = out_ptr(func, "output_len", output_len)?;
        let changed = out_ptr(func, "changed", changed)?;
        // SAFETY: checked writable pointers.
        unsafe {
            output_len.write(0);
            changed.write(false);
        }
        // SAFETY: per the caller's contract.
        let s = unsafe { scrubber_ref(func, s) }?;
        // SAFETY: per the caller's contract.
        let input = unsafe { bytes(func, "input", input, input_len) }?;
        if output.is_null() && output_cap > 0 {
            return Err(Failure::new(
                scrubjay_status::NullPointer,
                format!(
                    "{func}: `output` is NULL but `output_cap` is {output_cap}; pass a buffer, or NULL with capacity 0 to ask for the size"
                ),
            ));
        }
        if output_cap > isize::MAX as usize {
            return Err(Failure::new(
                scrubjay_status::InvalidArgument,
                format!("{func}: `output_cap` is {output_cap}, more than PTRDIFF_MAX; pass the buffer's real capacity"),
            ));
        }
        let (out_start, in_start) = (output as usize, input.as_ptr() as usize);
        if output_cap > 0
            && !input.is_empty()
            && out_start < in_start + input.len()
            && in_start < out_start + output_cap
        {
            return Err(Failure::new(
                scrubjay_status::InvalidArgument,
                format!("{func}: `output` overlaps `input`; scrub into a separate buffer"),
            ));
        }
        let scrubbed = match format {
            // The hot path: straight to the core.
            Format::Text => s.scrub_bytes(input),
            _ => run(s, format, input, true, None)?,
        };
        let Cow::Owned(new) = scrubbed else {
            // SAFETY: checked writable pointer.
            unsafe { output_len.write(input.len()) };
            return Ok(());
        };
        // SAFETY: checked writable pointers.
        unsafe {
            output_len.write(new.len());
            changed.write(true);
        }
        if new.len() > output_cap {
            return Err(Failure::new(
                scrubjay_status::BufferTooSmall,
                format!(
                    "{func}: the scrubbed text needs {} bytes but `output_cap` is {output_cap}; call again with a buffer of at least `*output_len` bytes",
                    new.len()
                ),
            ));
        }
        // SAFETY: `output` holds `output_cap >= new.len()` writable bytes
        // (caller's contract) and does not overlap `new`, a fresh allocation.
        unsafe { ptr::copy_nonoverlapping(new.as_ptr(), output, new.len()) };
        Ok(())
    })
}

/// Scrubs text: `input_len` bytes at `input`, UTF-8 or not (bytes that are
/// not UTF-8 are left as they are, and no finding splits a character).
///
/// Zero-copy: when nothing was changed, stores NULL in `*result` and
/// allocates nothing; the input is the output. Otherwise stores a result
/// holding the scrubbed bytes (`scrubjay_result_text`); free it with
/// `scrubjay_result_free`. `*result` is NULL after any failure.
///
/// ```c
/// scrubjay_result *r = NULL;
/// if (scrubjay_scrub(s, line, len, &r, NULL) == SCRUBJAY_STATUS_OK) {
///     size_t n = len;
///     const uint8_t *out = r ? scrubjay_result_text(r, &n) : line;
///     fwrite(out, 1, n, stdout);
///     scrubjay_result_free(r);
/// }
/// ```
///
/// # Safety
/// `scrubber` is a scrubber not yet freed; `input` points to `input_len`
/// readable bytes (or is NULL with length 0), unchanged during the call;
/// `result` and `error` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    const FUNC: &str = "scrubjay_scrub";
    // The hot path, without the generality of `into_result`.
    guard(FUNC, error, || {
        let out = out_ptr(FUNC, "result", result)?;
        // SAFETY: checked writable pointer.
        unsafe { out.write(ptr::null_mut()) };
        // SAFETY: per the contract above.
        let s = unsafe { scrubber_ref(FUNC, scrubber) }?;
        // SAFETY: per the contract above.
        let input = unsafe { bytes(FUNC, "input", input, input_len) }?;
        if let Cow::Owned(text) = s.scrub_bytes(input) {
            let r = Findings::default().into_result(Some(text));
            // SAFETY: checked writable pointer.
            unsafe { out.write(r.map_or(ptr::null_mut(), |r| Box::into_raw(Box::new(r)))) };
        }
        Ok(())
    })
}

/// Scrubs text into the caller's buffer `output` of `output_cap` bytes.
///
/// - Nothing changed: returns `SCRUBJAY_STATUS_OK`, sets `*changed` to
///   false and `*output_len` to `input_len`, writes nothing and allocates
///   nothing; the input is the output.
/// - Changed and it fits: writes the scrubbed bytes, sets `*output_len` to
///   their number and `*changed` to true.
/// - Changed and `output_cap` is too small: returns
///   `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`, sets `*output_len` to the size
///   needed and `*changed` to true, writes nothing. Call again with a larger
///   buffer (the input is scanned again). Pass `output` NULL with
///   `output_cap` 0 to ask for the size.
///
/// `output` must not overlap `input` (an error). The output is not
/// NUL-terminated. After other failures `*output_len` is 0 and `*changed`
/// false.
///
/// # Safety
/// `scrubber` is a scrubber not yet freed; `input` points to `input_len`
/// readable bytes (or is NULL with length 0); `output` points to
/// `output_cap` writable bytes (or is NULL with capacity 0); `output_len`
/// and `changed` are writable; `error` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_into(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    output: *mut u8,
    output_cap: usize,
    output_len: *mut usize,
    changed: *mut bool,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_buffer(
            "scrubjay_scrub_into",
            scrubber,
            input,
            input_len,
            Format::Text,
            output,
            output_cap,
            output_len,
            changed,
            error,
        )
    }
}

/// Scrubs text and reports the findings, from one pass. Stores NULL in
/// `*result` when there is nothing to return (nothing changed and nothing
/// found: no allocation); otherwise a result with the scrubbed bytes (NULL
/// text when unchanged, e.g. with only `keep` findings) and the findings,
/// whose byte offsets are into `input`.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_with_findings(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_result("scrubjay_scrub_with_findings", scrubber, input, input_len, Format::Text, true, true, result, error)
    }
}

/// Finds without scrubbing: stores NULL in `*result` when nothing was found
/// (no allocation), otherwise a result with the findings (and no text).
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_find(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe { into_result("scrubjay_find", scrubber, input, input_len, Format::Text, false, true, result, error) }
}

/// Scrubs one JSON document (UTF-8 text): string and number values by the
/// text rules, values of sensitive keys and of path rules whole. Values that
/// need no change keep their exact bytes (formatting, key order, escapes).
/// Stores NULL in `*result` when the document is unchanged (no copy);
/// otherwise a result with the scrubbed document. Fails with
/// `SCRUBJAY_STATUS_JSON` (line and column in the error) when the input is
/// not valid JSON or not UTF-8; any nesting depth is accepted.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_json(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe { into_result("scrubjay_scrub_json", scrubber, input, input_len, Format::Json, true, false, result, error) }
}

/// `scrubjay_scrub_json` into the caller's buffer, with the conventions of
/// `scrubjay_scrub_into`.
///
/// # Safety
/// As for `scrubjay_scrub_into`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_json_into(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    output: *mut u8,
    output_cap: usize,
    output_len: *mut usize,
    changed: *mut bool,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_buffer(
            "scrubjay_scrub_json_into",
            scrubber,
            input,
            input_len,
            Format::Json,
            output,
            output_cap,
            output_len,
            changed,
            error,
        )
    }
}

/// Scrubs one JSON document and reports what was found (the findings have a
/// JSON Pointer, and offsets into the decoded value). Stores NULL in
/// `*result` when nothing changed and nothing was found.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_json_with_report(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_result(
            "scrubjay_scrub_json_with_report",
            scrubber,
            input,
            input_len,
            Format::Json,
            true,
            true,
            result,
            error,
        )
    }
}

/// What scrubbing one JSON document would find, without changing it:
/// stores NULL in `*result` when nothing was found, otherwise a result with
/// the findings (and no text).
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_report_json(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe { into_result("scrubjay_report_json", scrubber, input, input_len, Format::Json, false, true, result, error) }
}

/// Scrubs NDJSON: one JSON value per line, each as by
/// `scrubjay_scrub_json`. Lines end at `\n`; a `\r` before it, blank lines
/// (spaces and tabs only) and a UTF-8 byte order mark at the start are kept
/// as they are; every output line corresponds to its input line. The last
/// line need not end with `\n`. Stores NULL in `*result` when no line
/// changed (no copy). A line that is not valid JSON (or not UTF-8) fails the
/// call with `SCRUBJAY_STATUS_JSON`; `scrubjay_error_line` gives the line of
/// the input and `scrubjay_error_column` the column in it.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_ndjson(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_result("scrubjay_scrub_ndjson", scrubber, input, input_len, Format::Ndjson, true, false, result, error)
    }
}

/// `scrubjay_scrub_ndjson` into the caller's buffer, with the conventions
/// of `scrubjay_scrub_into`.
///
/// # Safety
/// As for `scrubjay_scrub_into`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_ndjson_into(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    output: *mut u8,
    output_cap: usize,
    output_len: *mut usize,
    changed: *mut bool,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_buffer(
            "scrubjay_scrub_ndjson_into",
            scrubber,
            input,
            input_len,
            Format::Ndjson,
            output,
            output_cap,
            output_len,
            changed,
            error,
        )
    }
}

/// Scrubs NDJSON and reports what was found; each finding's `line` is the
/// 1-based line of the input. Stores NULL in `*result` when nothing changed
/// and nothing was found.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_scrub_ndjson_with_report(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_result(
            "scrubjay_scrub_ndjson_with_report",
            scrubber,
            input,
            input_len,
            Format::Ndjson,
            true,
            true,
            result,
            error,
        )
    }
}

/// What scrubbing NDJSON would find, without changing it: stores NULL in
/// `*result` when nothing was found, otherwise a result with the findings
/// (each with its `line`) and no text.
///
/// # Safety
/// As for `scrubjay_scrub`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_report_ndjson(
    scrubber: *const scrubjay_scrubber,
    input: *const u8,
    input_len: usize,
    result: *mut *mut scrubjay_result,
    error: *mut *mut scrubjay_error,
) -> scrubjay_status {
    // SAFETY: the caller's contract is the helper's.
    unsafe {
        into_result("scrubjay_report_ndjson", scrubber, input, input_len, Format::Ndjson, false, true, result, error)
    }
}
