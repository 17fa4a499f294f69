//! `scrubjay`: find and scrub PII and secrets in files and streams.
//!
//! `scrubjay scrub` copies text, JSON or NDJSON with findings scrubbed,
//! `scrubjay scan` reports findings (exit status 1 when there are any),
//! `scrubjay rules` lists the rules. Run `scrubjay --help` for details.

mod args;
mod batch;
mod document;
mod fail;
mod format;
mod help;
mod input;
mod json_scan;
mod json_scrub;
mod lines;
mod locate;
mod ndjson;
mod progress;
mod rules;
mod scan;
mod scrub;
mod setup;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use args::{Command, Parsed};
use fail::{FAILURE, OK};

fn main() -> ExitCode {
    ExitCode::from(run(std::env::args_os().skip(1)))
}

fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    match args::parse(args) {
        Err(e) => {
            fail::report(e);
            FAILURE
        }
        Ok(Parsed::Help(command)) => print(help::text(command)),
        Ok(Parsed::Version) => print(&format!("scrubjay {}\n", env!("CARGO_PKG_VERSION"))),
        Ok(Parsed::Run(command, options)) => match command {
            Command::Scrub => scrub::run(&options),
            Command::Scan => scan::run(&options),
            Command::Rules => rules::run(&options),
        },
    }
}

fn print(text: &str) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if fail::output_failed(&e) => FAILURE,
        _ => OK,
    }
}
