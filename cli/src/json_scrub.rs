//! `scrubjay scrub` for structured input: one JSON document, or NDJSON
//! line for line.

use std::io::{BufRead, Read, Write};

use scrubjay::Scrubber;

use crate::document;
use crate::format::{OnInvalid, Settings};
use crate::input::{Input, StreamError};
use crate::lines::LineReader;
use crate::ndjson::{self, InvalidLines, Line, Problem};
use crate::progress::Progress;

/// What becomes of invalid NDJSON lines, for the reports.
pub fn note(on_invalid: OnInvalid) -> &'static str {
    if on_invalid.keeps_line() { "passed through unchanged" } else { "dropped" }
}

/// Scrubs `input` as one JSON document. Nothing is written for a document
/// that is too large, not UTF-8 or not valid JSON.
pub fn document<W: Write>(
    scrubber: &Scrubber,
    input: &Input,
    reader: impl Read,
    size: Option<u64>,
    settings: Settings,
    out: &mut W,
) -> Result<(), StreamError> {
    let doc = document::load(input, reader, size, settings.max_document_bytes)?;
    let scrubbed = scrubber.scrub_json_str(doc.body()).map_err(|e| document::invalid(input, &e, settings.detected))?;
    put(out, &[doc.bom().as_bytes(), scrubbed.as_bytes()])
}

/// Scrubs NDJSON line for line: one output line per input line (none for a
/// dropped line), terminators unchanged. Invalid lines go to `invalid`.
pub fn ndjson<R: BufRead, W: Write>(
    scrubber: &Scrubber,
    lines: &mut LineReader<R>,
    settings: Settings,
    invalid: &mut InvalidLines,
    out: &mut W,
    progress: &mut Progress,
) -> Result<(), StreamError> {
    let keep = settings.on_invalid.keeps_line();
    loop {
        progress.update(lines.bytes_read());
        let Some(piece) = lines.next_piece().map_err(StreamError::Read)? else {
            return Ok(());
        };
        let unchanged = [piece.content, piece.terminator];
        let problem = match ndjson::classify(&piece, settings.max_line_bytes) {
            // The rest of a line too long to be an event: as its first piece.
            None => {
                if keep {
                    put(out, &unchanged)?;
                }
                continue;
            }
            Some(Line::Blank) => {
                put(out, &unchanged)?;
                continue;
            }
            Some(Line::Event { bom, text }) => match scrubber.scrub_json_str(text) {
                Ok(scrubbed) => {
                    put(out, &[bom, scrubbed.as_bytes(), piece.terminator])?;
                    continue;
                }
                Err(e) => Problem::Json(e),
            },
            Some(Line::Invalid(problem)) => problem,
        };
        invalid.report(piece.line, &problem);
        if keep {
            put(out, &unchanged)?;
        }
    }
}

fn put<W: Write>(out: &mut W, parts: &[&[u8]]) -> Result<(), StreamError> {
    parts.iter().try_for_each(|part| out.write_all(part)).map_err(StreamError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(on_invalid: OnInvalid) -> Settings {
        Settings { max_document_bytes: 1 << 20, max_line_bytes: 64, on_invalid, detected: false }
    }

    fn scrub(input: &str, on_invalid: OnInvalid) -> (String, u64) {
        let scrubber = Scrubber::default();
        let mut lines = LineReader::new(input.as_bytes(), 64);
        let mut invalid = InvalidLines::silent();
        let mut out = Vec::new();
        let result =
            ndjson(&scrubber, &mut lines, settings(on_invalid), &mut invalid, &mut out, &mut Progress::disabled());
        assert!(result.is_ok());
        (String::from_utf8_lossy(&out).into_owned(), invalid.count)
    }

    #[test]
    fn ndjson_is_line_for_line() {
        let input = "{\"ip\": \"10.0.0.1\"}\r\n\n  \n[\"ada@example.com\"]";
        let (out, bad) = scrub(input, OnInvalid::Pass);
        assert_eq!(out, "{\"ip\": \"[ipv4]\"}\r\n\n  \n[\"[email]\"]");
        assert_eq!(bad, 0);
    }

    #[test]
    fn long_lines_are_invalid() {
        let long = format!("{{\"msg\": \"{}\"}}", "x ".repeat(50));
        let input = format!("{long}\n{{\"n\": 1}}\n");
        let (out, bad) = scrub(&input, OnInvalid::Pass);
        assert_eq!((out, bad), (input.clone(), 1));
        let (out, bad) = scrub(&input, OnInvalid::Drop);
        assert_eq!((out.as_str(), bad), ("{\"n\": 1}\n", 1));
    }

    #[test]
    fn documents_keep_their_bom() {
        let scrubber = Scrubber::default();
        let mut out = Vec::new();
        let input = Input::File("a.json".into());
        let doc = "\u{feff}{\"ip\": \"10.0.0.1\"}\n";
        let result = document(&scrubber, &input, doc.as_bytes(), None, settings(OnInvalid::Pass), &mut out);
        assert!(result.is_ok());
        assert_eq!(String::from_utf8_lossy(&out), "\u{feff}{\"ip\": \"[ipv4]\"}\n");
    }
}
