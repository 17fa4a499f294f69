//! JSON text scrubbing (`scrub_json_with_report`, `report_json`,
//! `scrub_json_value`) with the fixed scrubbers: output parses, APIs agree,
//! idempotent for replace/mask/hash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let fixed = scrubjay_fuzz::pick(selector);
    scrubjay_fuzz::check_json(&fixed.scrubber, text, fixed.idempotent);
});
