//! Errors for the user: one message type, exit statuses, and the reporting
//! of I/O errors on stderr.

use std::fmt;
use std::io::{self, Write};

/// Success; for `scan`, nothing found.
pub const OK: u8 = 0;
/// `scan` found something.
pub const FOUND: u8 = 1;
/// Bad usage, bad config, unreadable input or unwritable output.
pub const FAILURE: u8 = 2;

/// A message for the user: what went wrong, where, and how to fix it.
/// Printed as `scrubjay: <message>` on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl CliError {
    pub fn new(message: impl Into<String>) -> CliError {
        CliError(message.into())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Prints `scrubjay: <message>` on stderr. Errors writing to stderr are
/// ignored: there is nowhere left to report them.
pub fn report(message: impl fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "scrubjay: {message}");
}

/// An I/O error as a short message: the OS text without the
/// ` (os error N)` suffix, e.g. `No such file or directory`.
pub fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(pos) if text.ends_with(')') => text[..pos].to_string(),
        _ => text,
    }
}

/// Reports a failure to write the output, unless it is a broken pipe (the
/// reader went away, as with `| head`), which ends the run quietly.
/// Returns whether it counts as a failure.
pub fn output_failed(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return false;
    }
    report(format_args!("cannot write to standard output: {}", io_message(e)));
    true
}

/// A name safe to print on a terminal: control characters become `?`.
pub fn printable(name: &str) -> String {
    name.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_messages_drop_the_os_error_number() {
        let e = io::Error::from_raw_os_error(2);
        let msg = io_message(&e);
        assert!(!msg.contains("os error"), "{msg}");
        assert!(!msg.is_empty());
        assert_eq!(io_message(&io::Error::other("custom")), "custom");
    }

    #[test]
    fn broken_pipe_is_not_a_failure() {
        assert!(!output_failed(&io::Error::from(io::ErrorKind::BrokenPipe)));
    }

    #[test]
    fn control_characters_are_not_printed() {
        assert_eq!(printable("a\x1b[2Jb\n"), "a?[2Jb?");
        assert_eq!(printable("café.log"), "café.log");
    }
}
