//! `scrubjay scrub`: copy inputs to stdout with findings scrubbed: text
//! line for line, or structured input (see [`json_scrub`](crate::json_scrub)).

use std::io::{self, BufRead, BufWriter, Write};

use scrubjay::Scrubber;

use crate::args::Options;
use crate::batch::Batch;
use crate::fail::{self, FAILURE, OK};
use crate::format::{Format, OnInvalid};
use crate::input::{self, StreamError};
use crate::json_scrub;
use crate::lines::LineReader;
use crate::ndjson::InvalidLines;
use crate::progress::{self, Progress};
use crate::setup;

/// Size of the output buffer.
const WRITE_BUFFER: usize = 64 * 1024;

pub fn run(options: &Options) -> u8 {
    let setup = match setup::load(options) {
        Ok(setup) => setup,
        Err(e) => {
            fail::report(e);
            return FAILURE;
        }
    };
    let show_progress = progress::wanted(options.progress);
    let settings = options.structured();
    // Whether some NDJSON line was invalid under `--on-invalid fail`.
    let mut invalid_lines = false;
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock());
    let mut outcome = input::for_each(&options.inputs, |input, reader, size| {
        let format = Format::of(input, options.format);
        if format == Format::Json {
            return json_scrub::document(&setup.scrubber, input, reader, size, settings, &mut out);
        }
        let mut progress = Progress::new(&input.name(), size, show_progress);
        let mut lines = LineReader::new(reader, options.max_line_bytes);
        if format == Format::Text {
            return scrub_lines(&setup.scrubber, &mut lines, &mut out, &mut progress);
        }
        let mut invalid = InvalidLines::new(&input.name(), json_scrub::note(options.on_invalid));
        let result = json_scrub::ndjson(&setup.scrubber, &mut lines, settings, &mut invalid, &mut out, &mut progress);
        progress.finish();
        invalid.finish();
        invalid_lines |= invalid.count > 0 && options.on_invalid == OnInvalid::Fail;
        result
    });
    if !outcome.stopped {
        if let Err(e) = out.flush() {
            outcome.write_error(&e);
        }
    }
    // Whatever is left in the buffer after a write error cannot be written:
    // drop it without a second attempt.
    let (_, _) = out.into_parts();
    if outcome.failed() || invalid_lines { FAILURE } else { OK }
}

/// Scrubs every line of `lines` into `out`, terminators unchanged. Lines
/// are scrubbed in batches: one scan per batch, each line as if alone.
pub fn scrub_lines<R: BufRead, W: Write>(
    scrubber: &Scrubber,
    lines: &mut LineReader<R>,
    out: &mut W,
    progress: &mut Progress,
) -> Result<(), StreamError> {
    let mut batch = Batch::default();
    loop {
        let at_end = match lines.next_piece().map_err(StreamError::Read)? {
            Some(piece) => {
                batch.push(&piece);
                false
            }
            None => true,
        };
        if batch.is_full() || (at_end && !batch.is_empty()) {
            let scrubbed = scrubber.scrub_bytes_batch(&batch.contents());
            for (text, piece) in scrubbed.iter().zip(batch.pieces()) {
                out.write_all(text).map_err(StreamError::Write)?;
                out.write_all(batch.bytes(&piece.terminator)).map_err(StreamError::Write)?;
            }
            batch.clear();
            progress.update(lines.bytes_read());
        }
        if at_end {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(input: &[u8], cap: usize) -> Vec<u8> {
        let scrubber = Scrubber::default();
        let mut lines = LineReader::new(input, cap);
        let mut out = Vec::new();
        let result = scrub_lines(&scrubber, &mut lines, &mut out, &mut Progress::disabled());
        assert!(result.is_ok());
        out
    }

    #[test]
    fn scrubs_line_for_line() {
        assert_eq!(
            scrub(b"mail ada@example.com\r\nclean\n\xff 10.0.0.1", 1 << 20),
            b"mail [email]\r\nclean\n\xff [ipv4]"
        );
    }

    #[test]
    fn scrubs_pieces_of_long_lines() {
        let line = "x ".repeat(100) + "ada@example.com " + &"y ".repeat(100) + "\n";
        let out = scrub(line.as_bytes(), 64);
        let expected = "x ".repeat(100) + "[email] " + &"y ".repeat(100) + "\n";
        assert_eq!(String::from_utf8_lossy(&out), expected);
    }
}
