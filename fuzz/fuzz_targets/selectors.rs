//! Path selectors: `json.exclude`, and rules' `paths`, `include_paths` and
//! `exclude_paths`, built from selector pieces or free text, applied to an
//! arbitrary JSON document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrubjay::{Config, Scrubber};
use scrubjay_fuzz::{ArbPaths, ArbSelector};
use serde_json::json;

fuzz_target!(|input: (Vec<ArbSelector>, ArbPaths, ArbPaths, String)| {
    let (exclude, email, custom, doc) = input;
    let sel = |v: &Option<Vec<ArbSelector>>| v.as_ref().map(|v| v.iter().map(ArbSelector::text).collect::<Vec<_>>());
    let mut value = json!({
        "json": {"exclude": exclude.iter().map(ArbSelector::text).collect::<Vec<_>>()},
        "rules": {
            "email": {"include_paths": sel(&email.include), "exclude_paths": sel(&email.exclude)},
            "secret_path": {"paths": sel(&custom.paths).unwrap_or_else(|| vec!["**.card".into()]),
                            "include_paths": sel(&custom.include), "exclude_paths": sel(&custom.exclude)}
        }
    });
    for rule in ["email", "secret_path"] {
        if let Some(m) = value["rules"][rule].as_object_mut() {
            m.retain(|_, v| !v.is_null());
        }
    }
    let config = match Config::from_value(value) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            return;
        }
    };
    let s = match Scrubber::new(&config) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            return;
        }
    };
    scrubjay_fuzz::check_json(&s, &doc, false);
    let fixed_doc = r#"{"user":{"email":"ada@example.com","card":"4111 1111 1111 1111"},"a":[{"b":"x@y.io"}],"x.y":{"~":"10.0.0.1"}}"#;
    scrubjay_fuzz::check_json(&s, fixed_doc, false);
});
