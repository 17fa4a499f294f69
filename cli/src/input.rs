//! Inputs (files or standard input) and the loop over them that keeps going
//! past unreadable ones.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use crate::fail::{self, io_message, printable};

/// Size of the read buffer for files.
const READ_BUFFER: usize = 64 * 1024;

/// Where text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (no file given, or `-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The name reports use: `-` for standard input, else the path as given
    /// (lossily decoded if it is not UTF-8).
    pub fn name(&self) -> Cow<'_, str> {
        match self {
            Input::Stdin => Cow::Borrowed("-"),
            Input::File(path) => path.to_string_lossy(),
        }
    }

    /// The input for messages: `'NAME'` for a file, `standard input` else.
    pub fn what(&self) -> String {
        match self {
            Input::Stdin => "standard input".to_string(),
            Input::File(_) => format!("'{}'", printable(&self.name())),
        }
    }

    /// Opens the input for reading; also returns its size when known.
    pub fn open(&self) -> io::Result<(Box<dyn BufRead>, Option<u64>)> {
        match self {
            Input::Stdin => Ok((Box::new(io::stdin().lock()), None)),
            Input::File(path) => {
                let file = File::open(path)?;
                let meta = file.metadata()?;
                if meta.is_dir() {
                    return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory"));
                }
                let size = meta.is_file().then_some(meta.len());
                Ok((Box::new(BufReader::with_capacity(READ_BUFFER, file)), size))
            }
        }
    }
}

/// Why processing one input stopped early.
#[derive(Debug)]
pub enum StreamError {
    /// Reading the input failed: report it and go on with the next input.
    Read(io::Error),
    /// Writing the output failed: stop.
    Write(io::Error),
    /// The input cannot be processed (e.g. invalid JSON): report this
    /// message and go on with the next input.
    Invalid(String),
}

/// How a run over all inputs went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Some input could not be opened or read (already reported).
    pub read_failed: bool,
    /// Some input could not be processed, e.g. invalid JSON (already
    /// reported).
    pub invalid: bool,
    /// The output could not be written (already reported; a broken pipe is
    /// not a failure).
    pub write_failed: bool,
    /// Output stopped early (failure or broken pipe): skip further output.
    pub stopped: bool,
}

impl Outcome {
    /// Records a write error, reporting it unless it is a broken pipe.
    pub fn write_error(&mut self, e: &io::Error) {
        self.stopped = true;
        if fail::output_failed(e) {
            self.write_failed = true;
        }
    }

    /// Whether the run failed.
    pub fn failed(&self) -> bool {
        self.read_failed || self.invalid || self.write_failed
    }
}

/// Runs `each` on every input in order (standard input if `inputs` is
/// empty). Inputs that cannot be opened, read or processed are reported on
/// stderr and skipped; a write error stops the loop.
pub fn for_each<F>(inputs: &[Input], mut each: F) -> Outcome
where
    F: FnMut(&Input, Box<dyn BufRead>, Option<u64>) -> Result<(), StreamError>,
{
    let stdin = [Input::Stdin];
    let inputs = if inputs.is_empty() { &stdin[..] } else { inputs };
    let mut outcome = Outcome::default();
    for input in inputs {
        let result = match input.open() {
            Ok((reader, size)) => each(input, reader, size),
            Err(e) => Err(StreamError::Read(e)),
        };
        match result {
            Ok(()) => {}
            Err(StreamError::Read(e)) => {
                outcome.read_failed = true;
                fail::report(format_args!("cannot read {}: {}", input.what(), io_message(&e)));
            }
            Err(StreamError::Invalid(message)) => {
                outcome.invalid = true;
                fail::report(message);
            }
            Err(StreamError::Write(e)) => {
                outcome.write_error(&e);
                break;
            }
        }
    }
    outcome
}
