//! Config parsing from raw text: `Config::from_json` then `Scrubber::new`
//! must return a value or an error, never panic; a config that compiles
//! scrubs, and round-trips through `Config::to_json`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrubjay::{Config, Scrubber};

const SAMPLE: &[u8] = b"ada@example.com 4111 1111 1111 1111 +44 20 7946 0958 password=hunter2 \
    DE89 3704 0044 0532 0130 00 10.0.0.1 EMP-123456 \xff\xfe caf\xc3\xa9";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = match Config::from_json(text) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            return;
        }
    };
    let again = Config::from_json(&config.to_json()).expect("a parsed config re-parses from to_json");
    assert_eq!(again, config, "to_json does not round-trip");
    match Scrubber::new(&config) {
        Ok(s) => {
            scrubjay_fuzz::check_any(&s, SAMPLE);
            scrubjay_fuzz::check_any(&s, data);
        }
        Err(e) => assert!(!e.to_string().is_empty(), "empty error message"),
    }
});
