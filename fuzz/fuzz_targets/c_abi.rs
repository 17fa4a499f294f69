//! The C ABI entry points (bindings/c, linked as an rlib) called with
//! arbitrary contents and lengths: scrubbers from arbitrary config bytes,
//! every scrub/find/JSON/NDJSON call, the `_into` calls with arbitrary
//! output capacities, NULL inputs with zero and non-zero lengths. Results
//! must match the core; errors must carry a message; nothing may leak
//! (ASan's leak checker runs at exit).
#![no_main]

use std::ffi::CStr;
use std::ptr;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use scrubjay_c::*;

#[derive(Debug, Arbitrary)]
enum Call {
    Scrub,
    ScrubWithFindings,
    Find,
    ScrubJson,
    ScrubJsonWithReport,
    ReportJson,
    ScrubNdjson,
    ScrubNdjsonWithReport,
    ReportNdjson,
    ScrubInto(u16),
    ScrubJsonInto(u16),
    ScrubNdjsonInto(u16),
    NullInput(u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    config: Option<Vec<u8>>,
    calls: Vec<(Call, Vec<u8>)>,
}

type ResultFn = unsafe extern "C" fn(
    *const scrubjay_scrubber,
    *const u8,
    usize,
    *mut *mut scrubjay_result,
    *mut *mut scrubjay_error,
) -> scrubjay_status;

type IntoFn = unsafe extern "C" fn(
    *const scrubjay_scrubber,
    *const u8,
    usize,
    *mut u8,
    usize,
    *mut usize,
    *mut bool,
    *mut *mut scrubjay_error,
) -> scrubjay_status;

/// Checks an error's message, frees it and returns its status.
fn take_error(status: scrubjay_status, error: *mut scrubjay_error) {
    if status == scrubjay_status::Ok {
        assert!(error.is_null(), "error set on success");
        return;
    }
    assert!(!error.is_null(), "no error object for status {status:?}");
    // SAFETY: a live error from the library.
    unsafe {
        assert_eq!(scrubjay_error_status(error), status);
        let msg = CStr::from_ptr(scrubjay_error_message(error));
        assert!(!msg.to_bytes().is_empty(), "empty error message");
        assert!(msg.to_str().is_ok(), "error message is not UTF-8");
        scrubjay_error_free(error);
    }
}

/// Calls a result-returning entry point; returns (status, changed text, findings count).
fn call_result(f: ResultFn, s: *const scrubjay_scrubber, input: &[u8]) -> (scrubjay_status, Option<Vec<u8>>, usize) {
    let mut result = ptr::null_mut();
    let mut error = ptr::null_mut();
    // SAFETY: valid pointers and lengths.
    let status = unsafe { f(s, input.as_ptr(), input.len(), &mut result, &mut error) };
    take_error(status, error);
    if status != scrubjay_status::Ok {
        assert!(result.is_null(), "result set on failure");
        return (status, None, 0);
    }
    // SAFETY: a live result (or NULL, which every accessor accepts).
    unsafe {
        let mut len = 0;
        let p = scrubjay_result_text(result, &mut len);
        let text = if p.is_null() {
            assert!(!scrubjay_result_changed(result));
            None
        } else {
            assert!(scrubjay_result_changed(result));
            assert_eq!(*p.add(len), 0, "result text not NUL-terminated");
            Some(std::slice::from_raw_parts(p, len).to_vec())
        };
        let mut count = 0;
        let fs = scrubjay_result_findings(result, &mut count);
        for i in 0..count {
            let f = &*fs.add(i);
            assert!(f.start <= f.end);
            assert_eq!(CStr::from_ptr(f.rule).to_bytes().len(), f.rule_len);
        }
        scrubjay_result_free(result);
        (status, text, count)
    }
}

/// `full`: the result call's changed text, `None` when nothing changed.
fn call_into(f: IntoFn, s: *const scrubjay_scrubber, input: &[u8], cap: usize, full: Option<&[u8]>) {
    let mut buf = vec![0xAAu8; cap + 8];
    let mut len = usize::MAX;
    let mut changed = false;
    let mut error = ptr::null_mut();
    // SAFETY: valid pointers; `cap` bytes writable.
    let status =
        unsafe { f(s, input.as_ptr(), input.len(), buf.as_mut_ptr(), cap, &mut len, &mut changed, &mut error) };
    take_error(status, error);
    assert!(buf[cap..].iter().all(|&b| b == 0xAA), "wrote past output_cap");
    match (status, full) {
        // Nothing changed: the input is the output, nothing is written.
        (scrubjay_status::Ok, None) => {
            assert!(!changed, "changed set when nothing changed");
            assert_eq!(len, input.len());
            assert!(buf.iter().all(|&b| b == 0xAA), "wrote into output when nothing changed");
        }
        (scrubjay_status::Ok, Some(full)) => {
            assert!(changed && len <= cap);
            assert_eq!(&buf[..len], full, "_into output differs from the result call");
        }
        (scrubjay_status::BufferTooSmall, Some(full)) => {
            assert!(changed && cap < full.len());
            assert_eq!(len, full.len(), "BufferTooSmall must report the needed size");
            assert!(buf.iter().all(|&b| b == 0xAA), "wrote into a too-small buffer");
        }
        (st, full) => panic!("_into returned {st:?} where the result call succeeded (changed: {})", full.is_some()),
    }
}

struct DefaultScrubber(*mut scrubjay_scrubber, scrubjay::Scrubber);
// SAFETY: a scrubjay_scrubber is immutable and Sync; never freed.
unsafe impl Send for DefaultScrubber {}
// SAFETY: as above.
unsafe impl Sync for DefaultScrubber {}

/// The default scrubber, built once through the C ABI (and the core): the
/// builtin catalogue is too slow to compile for every input.
fn default_scrubber() -> &'static DefaultScrubber {
    static D: OnceLock<DefaultScrubber> = OnceLock::new();
    D.get_or_init(|| {
        let mut s = ptr::null_mut();
        let mut error = ptr::null_mut();
        // SAFETY: valid out-pointers.
        let status = unsafe { scrubjay_scrubber_new_default(&mut s, &mut error) };
        take_error(status, error);
        assert_eq!(status, scrubjay_status::Ok);
        DefaultScrubber(s, scrubjay::Scrubber::default())
    })
}

fuzz_target!(|input: Input| {
    let mut s = ptr::null_mut();
    let core = match &input.config {
        Some(c) => {
            let mut error = ptr::null_mut();
            // SAFETY: valid out-pointers; config bytes with their length.
            let status = unsafe { scrubjay_scrubber_new(c.as_ptr(), c.len(), &mut s, &mut error) };
            take_error(status, error);
            if status != scrubjay_status::Ok {
                assert!(s.is_null());
                return;
            }
            scrubjay::Scrubber::from_json(std::str::from_utf8(c).expect("accepted config is UTF-8"))
                .expect("the C ABI accepted it, so does the core")
        }
        None => default_scrubber().1.clone(),
    };
    let owned = !s.is_null();
    if !owned {
        s = default_scrubber().0;
    }
    for (call, data) in input.calls.iter().take(8) {
        let data = &data[..];
        let s = s as *const scrubjay_scrubber;
        match call {
            Call::Scrub => {
                let (st, text, _) = call_result(scrubjay_scrub, s, data);
                assert_eq!(st, scrubjay_status::Ok);
                assert_eq!(text.as_deref().unwrap_or(data), &*core.scrub_bytes(data));
            }
            Call::ScrubWithFindings => {
                let (st, text, n) = call_result(scrubjay_scrub_with_findings, s, data);
                assert_eq!(st, scrubjay_status::Ok);
                let r = core.scrub_bytes_with_findings(data);
                assert_eq!(text.as_deref().unwrap_or(data), &*r.text);
                assert_eq!(n, r.findings.len());
            }
            Call::Find => {
                let (st, text, n) = call_result(scrubjay_find, s, data);
                assert_eq!(st, scrubjay_status::Ok);
                assert!(text.is_none(), "find returned text");
                assert_eq!(n, core.find_bytes(data).len());
            }
            Call::ScrubJson | Call::ScrubJsonWithReport | Call::ReportJson => {
                let f: ResultFn = match call {
                    Call::ScrubJson => scrubjay_scrub_json,
                    Call::ScrubJsonWithReport => scrubjay_scrub_json_with_report,
                    _ => scrubjay_report_json,
                };
                let (st, text, _) = call_result(f, s, data);
                let expected = std::str::from_utf8(data).ok().map(|t| core.scrub_json_str(t));
                match expected {
                    Some(Ok(out)) => {
                        assert_eq!(st, scrubjay_status::Ok);
                        if !matches!(call, Call::ReportJson) {
                            assert_eq!(text.as_deref().unwrap_or(data), out.as_bytes());
                        }
                    }
                    _ => assert_eq!(st, scrubjay_status::Json),
                }
            }
            Call::ScrubNdjson | Call::ScrubNdjsonWithReport | Call::ReportNdjson => {
                let f: ResultFn = match call {
                    Call::ScrubNdjson => scrubjay_scrub_ndjson,
                    Call::ScrubNdjsonWithReport => scrubjay_scrub_ndjson_with_report,
                    _ => scrubjay_report_ndjson,
                };
                let (st, _, _) = call_result(f, s, data);
                assert!(matches!(st, scrubjay_status::Ok | scrubjay_status::Json), "NDJSON status {st:?}");
            }
            Call::ScrubInto(cap) | Call::ScrubJsonInto(cap) | Call::ScrubNdjsonInto(cap) => {
                let (rf, inf): (ResultFn, IntoFn) = match call {
                    Call::ScrubInto(_) => (scrubjay_scrub, scrubjay_scrub_into),
                    Call::ScrubJsonInto(_) => (scrubjay_scrub_json, scrubjay_scrub_json_into),
                    _ => (scrubjay_scrub_ndjson, scrubjay_scrub_ndjson_into),
                };
                let (st, text, _) = call_result(rf, s, data);
                if st == scrubjay_status::Ok {
                    let n = text.as_ref().map_or(data.len(), Vec::len);
                    call_into(inf, s, data, usize::from(*cap) % (n + 16), text.as_deref());
                }
            }
            Call::NullInput(len) => {
                // NULL with length 0 is the empty input; NULL with a length is an error.
                let len = usize::from(*len);
                let mut result = ptr::null_mut();
                let mut error = ptr::null_mut();
                // SAFETY: NULL input is part of the contract (checked by the library).
                let st = unsafe { scrubjay_scrub(s, ptr::null(), len, &mut result, &mut error) };
                take_error(st, error);
                if len == 0 {
                    assert_eq!(st, scrubjay_status::Ok);
                } else {
                    assert_ne!(st, scrubjay_status::Ok, "NULL input with length {len} accepted");
                }
                // SAFETY: NULL or a live result.
                unsafe { scrubjay_result_free(result) };
                // NULL scrubber and NULL out-pointers are errors, not crashes.
                let mut error = ptr::null_mut();
                // SAFETY: as above.
                let st = unsafe { scrubjay_scrub(ptr::null(), data.as_ptr(), data.len(), ptr::null_mut(), &mut error) };
                assert_eq!(st, scrubjay_status::NullPointer);
                take_error(st, error);
            }
        }
    }
    if owned {
        // SAFETY: created above, freed once.
        unsafe { scrubjay_scrubber_free(s) };
    }
});
