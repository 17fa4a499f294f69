//! Text scrubbing (`Scrubber::scrub*` on `&str`) with the fixed scrubbers:
//! exact output reconstruction from the findings, boundaries, API agreement,
//! idempotence.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    scrubjay_fuzz::check_text(scrubjay_fuzz::pick(selector), &text);
});
