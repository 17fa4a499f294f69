//! Status codes, error objects, and the guard every exported function runs
//! its body in (panics are caught there and become errors).

use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

/// What a fallible call returns. `SCRUBJAY_STATUS_OK` (0) is success; every
/// other value is an error, described in detail by the `scrubjay_error` the
/// call stores when asked for one. Values are stable across releases of the
/// same ABI version; new ones may be added.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum scrubjay_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument is NULL (a data pointer may be NULL only
    /// when its length is 0).
    NullPointer = 1,
    /// An argument has an impossible value: a length above `PTRDIFF_MAX`, an
    /// output buffer that overlaps the input, a misaligned pointer.
    InvalidArgument = 2,
    /// The config is not valid: not UTF-8, not JSON, or not a valid scrubjay
    /// config (the message names the field or rule and says how to fix it).
    Config = 3,
    /// The input of a JSON or NDJSON call is not valid JSON (or not UTF-8);
    /// `scrubjay_error_line` and `scrubjay_error_column` say where.
    Json = 4,
    /// The caller's output buffer is too small; the call reported the size
    /// needed and wrote nothing to the buffer.
    BufferTooSmall = 5,
    /// A bug in scrubjay (an internal panic, caught at the boundary). The
    /// scrubber stays usable; please report the message.
    Internal = 6,
}

/// Details of a failed call: status, message, and for JSON and config
/// errors the position of the problem.
///
/// Created by a failing call when its `error` argument is not NULL; owned by
/// the caller, who frees it with `scrubjay_error_free`. Immutable; may be read
/// and freed from any thread.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct scrubjay_error {
    pub(crate) status: scrubjay_status,
    pub(crate) message: CString,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// An error on its way to the caller: boxed, so that the `Result`s of the
/// success path stay one word wide.
#[derive(Debug)]
pub(crate) struct Failure(Box<FailureData>);

#[derive(Debug)]
struct FailureData {
    status: scrubjay_status,
    message: String,
    line: usize,
    column: usize,
}

impl Failure {
    #[cold]
    pub fn new(status: scrubjay_status, message: impl Into<String>) -> Failure {
        Failure(Box::new(FailureData { status, message: message.into(), line: 0, column: 0 }))
    }

    pub fn at(mut self, line: usize, column: usize) -> Failure {
        self.0.line = line;
        self.0.column = column;
        self
    }

    #[cold]
    pub fn null(func: &str, arg: &str) -> Failure {
        Failure::new(scrubjay_status::NullPointer, format!("{func}: `{arg}` is NULL; pass a valid pointer"))
    }
}

/// Runs `body` for the exported function `func`: catches panics, stores the
/// error object when `error` is not NULL (NULL on success), returns the status.
pub(crate) fn guard(
    func: &str,
    error: *mut *mut scrubjay_error,
    body: impl FnOnce() -> Result<(), Failure>,
) -> scrubjay_status {
    let outcome = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Failure::new(
                scrubjay_status::Internal,
                format!(
                    "{func}: internal error (a bug in scrubjay, please report it at https://github.com/scrubjay/scrubjay/issues): {what}"
                ),
            ))
        }
    };
    let (status, object) = match outcome {
        Ok(()) => (scrubjay_status::Ok, ptr::null_mut()),
        Err(f) => {
            let status = f.0.status;
            let object = if error.is_null() { ptr::null_mut() } else { Box::into_raw(Box::new(f.into_error())) };
            (status, object)
        }
    };
    if !error.is_null() && error.is_aligned() {
        // SAFETY: the caller passes NULL or a pointer to writable storage
        // for one pointer (documented on every function).
        unsafe { error.write(object) };
    } else if !object.is_null() {
        // Cannot be handed over: do not leak it.
        // SAFETY: just created by Box::into_raw above.
        drop(unsafe { Box::from_raw(object) });
    }
    status
}

impl Failure {
    fn into_error(self) -> scrubjay_error {
        let f = *self.0;
        // A message can quote user text holding NUL bytes: show them escaped.
        let message = CString::new(f.message.replace('\0', "\\0")).unwrap_or_default();
        scrubjay_error { status: f.status, message, line: f.line, column: f.column }
    }
}

/// The error's message: what went wrong, where, and how to fix it. A
/// NUL-terminated UTF-8 string owned by `error`, valid until
/// `scrubjay_error_free(error)`. Returns `""` for a NULL `error`.
///
/// # Safety
/// `error` is NULL or an error object not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_error_message(error: *const scrubjay_error) -> *const c_char {
    // SAFETY: per the contract above.
    match unsafe { error.as_ref() } {
        Some(e) => e.message.as_ptr(),
        None => c"".as_ptr(),
    }
}

/// The status of the call that produced `error` (`SCRUBJAY_STATUS_OK` for a
/// NULL `error`).
///
/// # Safety
/// `error` is NULL or an error object not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_error_status(error: *const scrubjay_error) -> scrubjay_status {
    // SAFETY: per the contract above.
    unsafe { error.as_ref() }.map_or(scrubjay_status::Ok, |e| e.status)
}

/// The 1-based line of the problem, for JSON and NDJSON input errors (for
/// NDJSON: the line of the input) and config JSON syntax errors; 0 when the
/// error has no position, and for a NULL `error`.
///
/// # Safety
/// `error` is NULL or an error object not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_error_line(error: *const scrubjay_error) -> usize {
    // SAFETY: per the contract above.
    unsafe { error.as_ref() }.map_or(0, |e| e.line)
}

/// The 1-based column (in characters) of the problem, with
/// `scrubjay_error_line`; 0 when the error has no position.
///
/// # Safety
/// `error` is NULL or an error object not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_error_column(error: *const scrubjay_error) -> usize {
    // SAFETY: per the contract above.
    unsafe { error.as_ref() }.map_or(0, |e| e.column)
}

/// Frees an error object. Accepts NULL (does nothing).
///
/// # Safety
/// `error` is NULL or an error object not yet freed; it must not be used
/// afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scrubjay_error_free(error: *mut scrubjay_error) {
    if !error.is_null() {
        // SAFETY: created by Box::into_raw in `guard`, freed once (caller's contract).
        drop(unsafe { Box::from_raw(error) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let mut error: *mut scrubjay_error = ptr::null_mut();
        let status = guard("scrubjay_test", &mut error, || panic!("boom"));
        assert_eq!(status, scrubjay_status::Internal);
        // SAFETY: set by `guard`, freed once below.
        let message = unsafe { std::ffi::CStr::from_ptr(scrubjay_error_message(error)) }.to_str().unwrap();
        assert!(message.starts_with("scrubjay_test: internal error"), "{message}");
        assert!(message.ends_with(": boom"), "{message}");
        // SAFETY: as above.
        unsafe { scrubjay_error_free(error) };
        // Without an error object, and with a formatted message.
        assert_eq!(guard("f", ptr::null_mut(), || panic!("{}", 42)), scrubjay_status::Internal);
    }

    #[test]
    fn nul_bytes_in_messages_are_escaped() {
        let mut error: *mut scrubjay_error = ptr::null_mut();
        guard("f", &mut error, || Err(Failure::new(scrubjay_status::Config, "a\0b")));
        // SAFETY: set by `guard`.
        let message = unsafe { std::ffi::CStr::from_ptr(scrubjay_error_message(error)) };
        assert_eq!(message.to_str().unwrap(), "a\\0b");
        // SAFETY: freed once.
        unsafe { scrubjay_error_free(error) };
    }
}
