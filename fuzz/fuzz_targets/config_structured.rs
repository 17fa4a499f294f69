//! Structured configs built with `arbitrary` (profiles, pattern rules from
//! regex pieces with groups/keywords/validators/context, terms, builtin
//! toggles, every action with its options, allowlists, JSON settings),
//! compiled and run on text and JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrubjay::{Config, Scrubber};
use scrubjay_fuzz::ArbConfig;

fuzz_target!(|input: (ArbConfig, String, String)| {
    let (cfg, text, json) = input;
    let value = cfg.to_json();
    let config = match Config::from_value(value) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            return;
        }
    };
    let Ok(s) = Scrubber::new(&config).map_err(|e| assert!(!e.to_string().is_empty())) else { return };
    scrubjay_fuzz::check_any(&s, text.as_bytes());
    scrubjay_fuzz::check_json(&s, &json, false);
});
