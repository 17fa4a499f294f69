//! `wasm-build-id`: splits a module built with DWARF into a release
//! `.wasm` and its debug file, both stamped with the same build id; checks
//! such a pair; shows a module's id.
//!
//! ```text
//! wasm-build-id split <in.wasm> <release.wasm> <debug.wasm>  # prints the id
//! wasm-build-id check <release.wasm> <debug.wasm>            # exit 1 unless they belong together
//! wasm-build-id show <module.wasm>                           # prints the id
//! ```

use std::path::Path;
use std::process::ExitCode;

use scrubjay_wasm_tools::{build_id, check, hex, split};

const USAGE: &str = "usage: wasm-build-id split <in.wasm> <release.wasm> <debug.wasm> | check <release.wasm> <debug.wasm> | show <module.wasm>";

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn write(path: &str, bytes: &[u8]) -> Result<(), String> {
    // Write beside, then rename: a failed write never leaves half a module.
    let tmp = Path::new(path).with_extension("wasm.tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("cannot write {path}: {e}"))
}

fn run(args: &[String]) -> Result<(), String> {
    match args {
        [cmd, input, release, debug] if cmd == "split" => {
            // Debuggers resolve the debug file's URL relative to the module's.
            let url = Path::new(debug).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let pair = split(&read(input)?, &url).map_err(|e| format!("{input}: {e}"))?;
            write(release, &pair.release)?;
            write(debug, &pair.debug)?;
            println!("{}", hex(&pair.id));
            Ok(())
        }
        [cmd, release, debug] if cmd == "check" => {
            let report = check(&read(release)?, &read(debug)?).map_err(|e| format!("{release}, {debug}: {e}"))?;
            println!(
                "build id {} in both; release {} bytes (name section, no DWARF); debug {} bytes ({})",
                hex(&report.id),
                report.release_size,
                report.debug_size,
                report.dwarf_sections.join(", ")
            );
            Ok(())
        }
        [cmd, module] if cmd == "show" => match build_id(&read(module)?).map_err(|e| format!("{module}: {e}"))? {
            Some(id) => {
                println!("{}", hex(&id));
                Ok(())
            }
            None => Err(format!("{module}: no `build_id` section")),
        },
        _ => Err(USAGE.to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasm-build-id: {e}");
            ExitCode::FAILURE
        }
    }
}
