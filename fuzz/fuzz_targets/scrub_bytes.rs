//! Byte scrubbing (`Scrubber::scrub_bytes*`) on arbitrary bytes, invalid
//! UTF-8 included, with the fixed scrubbers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    scrubjay_fuzz::check_bytes(scrubjay_fuzz::pick(selector), rest);
});
