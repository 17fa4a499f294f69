//! `dump-corpus <dir>`: writes the benchmark corpora (benches/src/lib.rs)
//! and what the native build of scrubjay makes of them, so that the wasm
//! tests can check that the wasm build gives identical results.
//!
//! For each text corpus `<name>`: `<name>.txt` (the input) and
//! `<name>.native.json` (`{"output", "findings"}`, byte offsets). For the
//! JSON events: `json_events.native.json`, a list of `{"input", "output",
//! "findings"}`.

use std::path::Path;
use std::process::ExitCode;

use scrubjay::Scrubber;
use scrubjay_benches::{clean_logs, dense_logs, dirty_json_events, document, join, typical_logs};
use serde_json::{Value, json};

fn text_findings(found: &[scrubjay::Finding]) -> Value {
    found
        .iter()
        .map(|f| json!({"rule": &*f.rule, "start": f.start, "end": f.end, "action": f.action.as_str()}))
        .collect()
}

fn write(dir: &Path, name: &str, contents: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let s = Scrubber::default();
    let corpora = [
        ("clean_logs", join(&clean_logs(10_000))),
        ("typical_logs", join(&typical_logs(10_000))),
        ("dense_logs", join(&dense_logs(10_000))),
        ("document_1mb", document(4, 1 << 20)),
    ];
    for (name, text) in &corpora {
        let r = s.scrub_with_findings(text);
        write(dir, &format!("{name}.txt"), text)?;
        let expected = json!({"output": r.text, "findings": text_findings(&r.findings)});
        write(dir, &format!("{name}.native.json"), &expected.to_string())?;
    }
    let mut events = Vec::new();
    for input in dirty_json_events(400) {
        let r = s.scrub_json_with_report(&input).map_err(|e| format!("json event: {e}"))?;
        let findings: Value = r
            .findings
            .iter()
            .map(|f| {
                json!({"pointer": f.pointer, "rule": &*f.rule, "start": f.start, "end": f.end,
                       "action": f.action.as_str(), "whole": f.whole})
            })
            .collect();
        events.push(json!({"input": input, "output": r.text, "findings": findings}));
    }
    write(dir, "json_events.native.json", &Value::Array(events).to_string())?;
    Ok(())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: dump-corpus <output dir>");
        return ExitCode::FAILURE;
    };
    match run(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
