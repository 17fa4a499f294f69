//! Differential: the engine (prefilters, windows, shared automata) against
//! `scrubjay::reference::Reference` (one regex per rule over the whole
//! input, naive overlap resolution) on arbitrary rule sets and inputs. Any
//! disagreement is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrubjay::reference::Reference;
use scrubjay::{Config, Scrubber};
use scrubjay_fuzz::ArbConfig;

fuzz_target!(|input: (ArbConfig, Vec<u8>)| {
    let (cfg, hay) = input;
    let Ok(config) = Config::from_value(cfg.to_json()) else { return };
    let Ok(s) = Scrubber::new(&config) else { return };
    let r = Reference::new(&s);
    let engine = s.find_bytes(&hay);
    let reference = r.find(&hay);
    assert_eq!(engine, reference, "engine and reference findings differ");
    assert_eq!(&*s.scrub_bytes(&hay), &*r.scrub(&hay), "engine and reference outputs differ");
    scrubjay_fuzz::check_findings(&hay, &engine);
});
