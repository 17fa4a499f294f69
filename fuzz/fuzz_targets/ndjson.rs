//! NDJSON through the C ABI (`scrubjay_scrub_ndjson*`; the core has no
//! NDJSON API): arbitrary bytes, each line must come out exactly as the core
//! scrubs it on its own, CRLF, blank lines and the BOM kept as they were.
#![no_main]

use std::ptr;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scrubjay_c::*;

struct Ptr(*mut scrubjay_scrubber);
// SAFETY: a scrubjay_scrubber is immutable and Sync; the pointer is never freed.
unsafe impl Send for Ptr {}
// SAFETY: as above.
unsafe impl Sync for Ptr {}

fn scrubbers() -> &'static [Ptr] {
    static S: OnceLock<Vec<Ptr>> = OnceLock::new();
    S.get_or_init(|| {
        scrubjay_fuzz::fixed()
            .iter()
            .map(|_| Ptr(ptr::null_mut()))
            .enumerate()
            .map(|(i, _)| {
                let cfg = match i {
                    0 => "{}".to_string(),
                    1 => r#"{"profile":"strict"}"#.to_string(),
                    2 => r#"{"profile":"secrets"}"#.to_string(),
                    3 => r#"{"profile":"strict","default_action":"mask"}"#.to_string(),
                    4 => r#"{"profile":"strict","default_action":"hash","hash_key":"fuzz-key"}"#.to_string(),
                    _ => scrubjay_fuzz::custom_config().to_string(),
                };
                let mut s = ptr::null_mut();
                let mut e = ptr::null_mut();
                // SAFETY: valid config bytes and out-pointers.
                let st = unsafe { scrubjay_scrubber_new(cfg.as_ptr(), cfg.len(), &mut s, &mut e) };
                assert_eq!(st, scrubjay_status::Ok);
                Ptr(s)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else { return };
    let i = usize::from(selector) % scrubjay_fuzz::fixed().len();
    let core = &scrubjay_fuzz::fixed()[i].scrubber;
    let s = scrubbers()[i].0;
    let mut result = ptr::null_mut();
    let mut error = ptr::null_mut();
    // SAFETY: live scrubber, valid input and out-pointers.
    let st = unsafe { scrubjay_scrub_ndjson_with_report(s, input.as_ptr(), input.len(), &mut result, &mut error) };
    // Expected: each line scrubbed on its own by the core.
    let mut expected = Vec::new();
    let mut ok = true;
    for (n, line) in input.split_inclusive(|&b| b == b'\n').enumerate() {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let (bom, body) = match body.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) if n == 0 => (&b"\xef\xbb\xbf"[..], rest),
            _ => (&b""[..], body),
        };
        expected.extend_from_slice(bom);
        if body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            expected.extend_from_slice(body);
        } else {
            match std::str::from_utf8(body).map(|t| core.scrub_json_str(t)) {
                Ok(Ok(out)) => expected.extend_from_slice(out.as_bytes()),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        expected.extend_from_slice(&line[bom.len() + body.len()..]);
    }
    if ok {
        assert_eq!(st, scrubjay_status::Ok, "NDJSON rejected what the core accepts line by line");
        // SAFETY: live result (or NULL).
        unsafe {
            let mut len = 0;
            let p = scrubjay_result_text(result, &mut len);
            let out = if p.is_null() { input } else { std::slice::from_raw_parts(p, len) };
            assert_eq!(out, &expected[..], "NDJSON output differs from the core line by line");
            scrubjay_result_free(result);
        }
    } else {
        assert_eq!(st, scrubjay_status::Json, "NDJSON accepted a line the core rejects");
        assert!(result.is_null());
        // SAFETY: the error of the failed call.
        unsafe {
            assert!(scrubjay_error_line(error) >= 1);
            scrubjay_error_free(error);
        }
    }
});
