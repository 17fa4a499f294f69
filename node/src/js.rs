//! The few raw N-API calls the hot paths need, in one place: reading a JS
//! string into a reusable UTF-8 buffer (one copy, no allocation), creating
//! strings and arrays, and throwing errors that carry a `code`.
//!
//! Everything else goes through napi-rs's safe types.

use std::cell::RefCell;
use std::ptr;

use napi::{Env, Error, Status, sys};

/// The `code` of every error this addon throws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// The config does not compile.
    Config,
    /// The JSON document is invalid.
    Json,
    /// An argument has the wrong type.
    InvalidArg,
    /// A bug in scrubjay (a caught panic).
    Internal,
}

impl Code {
    fn as_str(self) -> &'static str {
        match self {
            Code::Config => "SCRUBJAY_CONFIG",
            Code::Json => "SCRUBJAY_JSON",
            Code::InvalidArg => "SCRUBJAY_INVALID_ARG",
            Code::Internal => "SCRUBJAY_INTERNAL",
        }
    }
}

/// An extra property of a thrown error.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Prop<'a> {
    Str(&'a str, &'a str),
    Num(&'a str, f64),
}

/// Throws an `Error` (a `TypeError` for [`Code::InvalidArg`]) with `code`,
/// `message` and `props`, and returns the napi-rs error that tells the
/// generated glue an exception is already pending.
pub(crate) fn throw(env: &Env, code: Code, message: &str, props: &[Prop<'_>]) -> Error {
    let raw = env.raw();
    // SAFETY: `raw` is the live env of the current call; every value passed
    // to N-API below was created by N-API in this call.
    unsafe {
        let (Some(js_code), Some(js_message)) =
            (new_string(raw, code.as_str().as_bytes()), new_string(raw, message.as_bytes()))
        else {
            return Error::new(Status::GenericFailure, message.to_string());
        };
        let mut error = ptr::null_mut();
        let status = if code == Code::InvalidArg {
            sys::napi_create_type_error(raw, js_code, js_message, &mut error)
        } else {
            sys::napi_create_error(raw, js_code, js_message, &mut error)
        };
        if status != sys::Status::napi_ok {
            return Error::new(Status::GenericFailure, message.to_string());
        }
        for prop in props {
            let (name, value) = match *prop {
                Prop::Str(name, s) => (name, new_string(raw, s.as_bytes())),
                Prop::Num(name, n) => {
                    let mut v = ptr::null_mut();
                    (name, (sys::napi_create_double(raw, n, &mut v) == sys::Status::napi_ok).then_some(v))
                }
            };
            if let (Some(value), Ok(name)) = (value, std::ffi::CString::new(name)) {
                sys::napi_set_named_property(raw, error, name.as_ptr(), value);
            }
        }
        if sys::napi_throw(raw, error) != sys::Status::napi_ok {
            return Error::new(Status::GenericFailure, message.to_string());
        }
    }
    Error::new(Status::PendingException, message.to_string())
}

/// Throws a [`Code::InvalidArg`] `TypeError`: "`method`: expected `what`, got <type>".
pub(crate) fn invalid_arg(env: &Env, method: &str, what: &str, got: sys::napi_value) -> Error {
    let got = type_name(env, got);
    throw(env, Code::InvalidArg, &format!("{method}: expected {what}, got {got}"), &[])
}

/// The `typeof` of a value, with `null` and arrays told apart.
fn type_name(env: &Env, value: sys::napi_value) -> &'static str {
    let raw = env.raw();
    let mut t = 0;
    // SAFETY: live env and a value of this call.
    if unsafe { sys::napi_typeof(raw, value, &mut t) } != sys::Status::napi_ok {
        return "a value of unknown type";
    }
    match t {
        sys::ValueType::napi_undefined => "undefined",
        sys::ValueType::napi_null => "null",
        sys::ValueType::napi_boolean => "a boolean",
        sys::ValueType::napi_number => "a number",
        sys::ValueType::napi_string => "a string",
        sys::ValueType::napi_symbol => "a symbol",
        sys::ValueType::napi_function => "a function",
        sys::ValueType::napi_bigint => "a bigint",
        sys::ValueType::napi_object => {
            let mut is_array = false;
            // SAFETY: as above.
            let ok = unsafe { sys::napi_is_array(raw, value, &mut is_array) } == sys::Status::napi_ok;
            if ok && is_array { "an array" } else { "an object" }
        }
        _ => "an external value",
    }
}

/// A JS string created from UTF-8 bytes, or `None` if N-API refused.
///
/// # Safety
/// `env` must be the live env of the current call.
unsafe fn new_string(env: sys::napi_env, utf8: &[u8]) -> Option<sys::napi_value> {
    let mut out = ptr::null_mut();
    let Ok(len) = isize::try_from(utf8.len()) else { return None };
    // SAFETY: `utf8` is valid for `len` bytes; N-API copies it (and replaces
    // invalid sequences, which scrubbing valid UTF-8 never produces).
    let status = unsafe { sys::napi_create_string_utf8(env, utf8.as_ptr().cast(), len, &mut out) };
    (status == sys::Status::napi_ok).then_some(out)
}

/// A JS string from UTF-8 bytes.
pub(crate) fn string(env: &Env, utf8: &[u8]) -> napi::Result<sys::napi_value> {
    // SAFETY: `env` is the live env of the current call.
    unsafe { new_string(env.raw(), utf8) }
        .ok_or_else(|| Error::new(Status::GenericFailure, format!("could not create a string of {} bytes", utf8.len())))
}

/// Capacity kept between calls; larger buffers are given back after use.
const KEEP: usize = 64 * 1024;

thread_local! {
    /// The reusable UTF-8 buffer of this thread (each worker thread has one).
    static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(4096));
}

/// Calls `f` with the UTF-8 bytes of the JS string `value` (lone surrogates
/// read as U+FFFD, which has the same UTF-16 length), copied once into this
/// thread's reusable buffer. `Err(())` if `value` is not a string.
pub(crate) fn with_utf8<R>(env: &Env, value: sys::napi_value, f: impl FnOnce(&[u8]) -> R) -> Result<R, ()> {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            let r = read_utf8(env, value, &mut buf).map(|()| f(&buf));
            if buf.capacity() > KEEP {
                buf.clear();
                buf.shrink_to(KEEP);
            }
            r
        }
        // Only if `f` itself reads a string (it does not); stay correct anyway.
        Err(_) => {
            let mut own = Vec::new();
            read_utf8(env, value, &mut own).map(|()| f(&own))
        }
    })
}

/// Reads the JS string `value` as UTF-8 into `buf` (replacing its contents).
pub(crate) fn read_utf8(env: &Env, value: sys::napi_value, buf: &mut Vec<u8>) -> Result<(), ()> {
    buf.clear();
    append_utf8(env, value, buf)
}

/// Appends the UTF-8 bytes of the JS string `value` to `buf`: one copy, into
/// spare capacity; the length is only asked for when the string may not fit.
pub(crate) fn append_utf8(env: &Env, value: sys::napi_value, buf: &mut Vec<u8>) -> Result<(), ()> {
    let raw = env.raw();
    if buf.capacity() - buf.len() < 256 {
        buf.reserve(256);
    }
    let start = buf.len();
    let room = buf.capacity() - start;
    let mut copied = 0usize;
    // SAFETY: `buf` has room for `room` bytes after `start`; N-API writes at
    // most `room - 1` bytes plus a NUL there and reports how many it wrote
    // (whole characters only).
    let status =
        unsafe { sys::napi_get_value_string_utf8(raw, value, buf.as_mut_ptr().add(start).cast(), room, &mut copied) };
    if status != sys::Status::napi_ok {
        return Err(());
    }
    // With 4 bytes to spare, the next character would have fit: it was all.
    if copied + 4 < room {
        // SAFETY: N-API initialized `copied` bytes after `start`.
        unsafe { buf.set_len(start + copied) };
        return Ok(());
    }
    let mut len = 0usize;
    // SAFETY: a NULL buffer asks for the length in bytes.
    if unsafe { sys::napi_get_value_string_utf8(raw, value, ptr::null_mut(), 0, &mut len) } != sys::Status::napi_ok {
        return Err(());
    }
    buf.reserve(len + 1);
    let room = buf.capacity() - start;
    // SAFETY: as above, with room for the whole string.
    let status =
        unsafe { sys::napi_get_value_string_utf8(raw, value, buf.as_mut_ptr().add(start).cast(), room, &mut copied) };
    if status != sys::Status::napi_ok {
        return Err(());
    }
    // SAFETY: N-API initialized `copied` bytes after `start`.
    unsafe { buf.set_len(start + copied) };
    Ok(())
}

/// The elements of a JS array, or `Err(())` if `value` is not an array.
pub(crate) fn array_elements(env: &Env, value: sys::napi_value) -> Result<Vec<sys::napi_value>, ()> {
    let raw = env.raw();
    let mut is_array = false;
    // SAFETY: live env and a value of this call.
    if unsafe { sys::napi_is_array(raw, value, &mut is_array) } != sys::Status::napi_ok || !is_array {
        return Err(());
    }
    let mut len = 0u32;
    // SAFETY: as above.
    if unsafe { sys::napi_get_array_length(raw, value, &mut len) } != sys::Status::napi_ok {
        return Err(());
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let mut element = ptr::null_mut();
        // SAFETY: as above; `i` is in bounds (holes and getters read as JS does).
        if unsafe { sys::napi_get_element(raw, value, i, &mut element) } != sys::Status::napi_ok {
            return Err(());
        }
        out.push(element);
    }
    Ok(out)
}

/// A JS array of the given values.
pub(crate) fn array(env: &Env, values: &[sys::napi_value]) -> napi::Result<sys::napi_value> {
    let raw = env.raw();
    let mut out = ptr::null_mut();
    // SAFETY: live env; the values were created in this call.
    unsafe {
        if sys::napi_create_array_with_length(raw, values.len(), &mut out) != sys::Status::napi_ok {
            return Err(Error::new(Status::GenericFailure, "could not create an array".to_string()));
        }
        for (i, &v) in values.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            if sys::napi_set_element(raw, out, i, v) != sys::Status::napi_ok {
                return Err(Error::new(Status::GenericFailure, "could not fill an array".to_string()));
            }
        }
    }
    Ok(out)
}

/// Whether a napi-rs error means "an exception is already pending".
pub(crate) fn is_pending(e: &Error) -> bool {
    e.status == Status::PendingException
}

/// Type tag of the scrubber handles (an external tagged with it holds a
/// `Box<scrubjay::Scrubber>`).
static HANDLE_TAG: sys::napi_type_tag =
    sys::napi_type_tag { lower: 0x5c72_7562_6a61_7901, upper: 0x9e37_79b9_7f4a_7c15 };

/// Frees the scrubber of a handle when the handle is garbage collected (or
/// its env is torn down).
unsafe extern "C" fn finalize_handle(_env: sys::napi_env, data: *mut std::ffi::c_void, _hint: *mut std::ffi::c_void) {
    if !data.is_null() {
        // SAFETY: `data` is the `Box` leaked by `new_handle`, finalized once.
        drop(unsafe { Box::from_raw(data.cast::<scrubjay::Scrubber>()) });
    }
}

/// A JS handle (a tagged external) that owns `scrubber`.
pub(crate) fn new_handle(env: &Env, scrubber: scrubjay::Scrubber) -> napi::Result<sys::napi_value> {
    let raw = env.raw();
    let data = Box::into_raw(Box::new(scrubber));
    let mut out = ptr::null_mut();
    // SAFETY: live env; on success the external owns `data` and frees it in
    // `finalize_handle`; on failure we take it back.
    unsafe {
        if sys::napi_create_external(raw, data.cast(), Some(finalize_handle), ptr::null_mut(), &mut out)
            != sys::Status::napi_ok
        {
            drop(Box::from_raw(data));
            return Err(Error::new(Status::GenericFailure, "could not create a scrubber handle".to_string()));
        }
        if sys::napi_type_tag_object(raw, out, &HANDLE_TAG) != sys::Status::napi_ok {
            return Err(Error::new(Status::GenericFailure, "could not tag a scrubber handle".to_string()));
        }
    }
    Ok(out)
}

/// The scrubber of a handle; `Err(())` for any other value. The reference is
/// valid for the current call (the handle is one of its arguments, so it
/// cannot be collected before the call returns).
pub(crate) fn scrubber_of<'a>(env: &Env, value: sys::napi_value) -> Result<&'a scrubjay::Scrubber, ()> {
    let raw = env.raw();
    let mut tagged = false;
    let mut data = ptr::null_mut();
    // SAFETY: live env; a value tagged `HANDLE_TAG` is an external created
    // by `new_handle`, whose data is a live `scrubjay::Scrubber`.
    unsafe {
        if sys::napi_check_object_type_tag(raw, value, &HANDLE_TAG, &mut tagged) != sys::Status::napi_ok || !tagged {
            return Err(());
        }
        if sys::napi_get_value_external(raw, value, &mut data) != sys::Status::napi_ok || data.is_null() {
            return Err(());
        }
        Ok(&*data.cast::<scrubjay::Scrubber>())
    }
}

/// The arguments of a raw callback (missing ones read as `undefined`).
///
/// # Safety
/// `env` and `info` must be those the callback was called with.
pub(crate) unsafe fn args<const N: usize>(env: sys::napi_env, info: sys::napi_callback_info) -> [sys::napi_value; N] {
    let mut argv = [ptr::null_mut(); N];
    let mut argc = N;
    // SAFETY: per the contract; N-API fills missing arguments with `undefined`.
    let status =
        unsafe { sys::napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), ptr::null_mut(), ptr::null_mut()) };
    if status != sys::Status::napi_ok {
        let mut undefined = ptr::null_mut();
        // SAFETY: live env.
        unsafe { sys::napi_get_undefined(env, &mut undefined) };
        argv = [undefined; N];
    }
    argv
}

/// Runs the body of a raw callback: a panic becomes a thrown
/// `SCRUBJAY_INTERNAL` error, an `Err` a thrown error (unless one is already
/// pending), and both return NULL, which N-API reads as "exception thrown".
pub(crate) fn run_raw(env: sys::napi_env, f: impl FnOnce(&Env) -> napi::Result<sys::napi_value>) -> sys::napi_value {
    let env = Env::from_raw(env);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&env))) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            if !is_pending(&e) {
                throw(&env, Code::Internal, &e.reason, &[]);
            }
            ptr::null_mut()
        }
        Err(payload) => {
            throw(&env, Code::Internal, &crate::panic_message(&*payload), &[]);
            ptr::null_mut()
        }
    }
}

/// A JS `null`.
pub(crate) fn null(env: &Env) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    // SAFETY: live env.
    if unsafe { sys::napi_get_null(env.raw(), &mut out) } != sys::Status::napi_ok {
        return Err(Error::new(Status::GenericFailure, "could not get null".to_string()));
    }
    Ok(out)
}

/// Adds a raw callback as `exports[name]`.
pub(crate) fn export_fn(
    env: &Env,
    exports: sys::napi_value,
    name: &std::ffi::CStr,
    cb: unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value,
) -> napi::Result<()> {
    let raw = env.raw();
    let mut f = ptr::null_mut();
    // SAFETY: live env; `name` is NUL-terminated; `cb` is a valid callback.
    unsafe {
        if sys::napi_create_function(raw, name.as_ptr(), -1, Some(cb), ptr::null_mut(), &mut f) != sys::Status::napi_ok
            || sys::napi_set_named_property(raw, exports, name.as_ptr(), f) != sys::Status::napi_ok
        {
            return Err(Error::new(Status::GenericFailure, format!("could not export {name:?}")));
        }
    }
    Ok(())
}

/// The bytes of a `Uint8Array` (a `Buffer` is one), without copying; valid
/// for the current call. `Err(())` for anything else.
pub(crate) fn uint8_bytes<'a>(env: &Env, value: sys::napi_value) -> Result<&'a [u8], ()> {
    let raw = env.raw();
    let mut is_typed = false;
    let mut kind = 0;
    let mut len = 0usize;
    let mut data = ptr::null_mut();
    // SAFETY: live env; N-API reports the view's element type, length and
    // data pointer, which stays valid while the view is alive (it is an
    // argument of the current call, and no JS runs before we are done).
    unsafe {
        if sys::napi_is_typedarray(raw, value, &mut is_typed) != sys::Status::napi_ok || !is_typed {
            return Err(());
        }
        let status =
            sys::napi_get_typedarray_info(raw, value, &mut kind, &mut len, &mut data, ptr::null_mut(), ptr::null_mut());
        if status != sys::Status::napi_ok || kind != sys::TypedarrayType::uint8_array {
            return Err(());
        }
        if data.is_null() || len == 0 {
            return Ok(&[]);
        }
        Ok(std::slice::from_raw_parts(data.cast::<u8>(), len))
    }
}

/// A new `Buffer` holding a copy of `bytes` (cheaper than handing over a
/// `Vec` as an external buffer, which needs a finalizer per buffer).
pub(crate) fn buffer_copy(env: &Env, bytes: &[u8]) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    let mut data = ptr::null_mut();
    // SAFETY: live env; N-API copies `bytes.len()` bytes from `bytes`.
    let status =
        unsafe { sys::napi_create_buffer_copy(env.raw(), bytes.len(), bytes.as_ptr().cast(), &mut data, &mut out) };
    if status != sys::Status::napi_ok {
        return Err(Error::new(Status::GenericFailure, format!("could not create a Buffer of {} bytes", bytes.len())));
    }
    Ok(out)
}

/// A JS number from a `u32`.
pub(crate) fn uint32(env: &Env, n: u32) -> napi::Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    // SAFETY: live env.
    if unsafe { sys::napi_create_uint32(env.raw(), n, &mut out) } != sys::Status::napi_ok {
        return Err(Error::new(Status::GenericFailure, "could not create a number".to_string()));
    }
    Ok(out)
}
