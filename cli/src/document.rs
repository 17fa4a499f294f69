//! One whole JSON document as input: read under a size cap, decoded as
//! UTF-8, and the messages for documents that cannot be processed.

use std::io::Read;

use scrubjay::JsonError;

use crate::input::{Input, StreamError};

/// The byte order mark some tools put at the start of UTF-8 files.
const BOM: &str = "\u{feff}";

/// A JSON document read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
}

impl Document {
    /// The document without its byte order mark, if it had one.
    pub fn body(&self) -> &str {
        self.text.strip_prefix(BOM).unwrap_or(&self.text)
    }

    /// The byte order mark the document started with, or `""`: written back
    /// before the scrubbed body.
    pub fn bom(&self) -> &str {
        if self.text.starts_with(BOM) { BOM } else { "" }
    }
}

/// Reads the whole of `input` (`size` bytes, when known), refusing more
/// than `cap` bytes before reading them all.
pub fn load(input: &Input, mut reader: impl Read, size: Option<u64>, cap: usize) -> Result<Document, StreamError> {
    let cap64 = u64::try_from(cap).unwrap_or(u64::MAX);
    if size.is_some_and(|size| size > cap64) {
        return Err(too_large(input, cap));
    }
    let hint = size.map_or(0, |size| usize::try_from(size).unwrap_or(0));
    let mut bytes = Vec::with_capacity(hint.min(cap).saturating_add(1));
    (&mut reader).take(cap64.saturating_add(1)).read_to_end(&mut bytes).map_err(StreamError::Read)?;
    if bytes.len() > cap {
        return Err(too_large(input, cap));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, column) = position(valid);
        StreamError::Invalid(format!(
            "{}: not valid UTF-8 at line {line}, column {column}; JSON must be UTF-8 (use --format text to scrub it as text)",
            input.what()
        ))
    })?;
    Ok(Document { text })
}

/// The message for a document that is not valid JSON; `detected` tells
/// whether the format came from the file extension rather than `--format`.
pub fn invalid(input: &Input, e: &JsonError, detected: bool) -> StreamError {
    let hint = if detected {
        " (the format 'json' was chosen by the file extension: use --format ndjson for one JSON value per line, or --format text)"
    } else {
        ""
    };
    StreamError::Invalid(format!("{}: {e}{hint}", input.what()))
}

fn too_large(input: &Input, cap: usize) -> StreamError {
    StreamError::Invalid(format!(
        "{}: JSON document larger than {cap} bytes; raise --max-document-bytes, or use --format ndjson or text",
        input.what()
    ))
}

/// The 1-based line and column (in characters) just after `before`.
fn position(before: &[u8]) -> (usize, usize) {
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    (line, column)
}

/// The outcome of [`load`] as text, for tests.
#[cfg(test)]
fn message(result: Result<Document, StreamError>) -> String {
    match result {
        Err(StreamError::Invalid(m)) => m,
        Err(StreamError::Read(e) | StreamError::Write(e)) => format!("io: {e}"),
        Ok(d) => format!("ok: {}", d.body()),
    }
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    fn file() -> Input {
        Input::File("doc.json".into())
    }

    #[test]
    fn reads_whole_documents() {
        let doc = load(&file(), &b"{\"a\": 1}\n"[..], None, 64);
        assert!(matches!(&doc, Ok(d) if d.body() == "{\"a\": 1}\n" && d.bom().is_empty()));
        let doc = load(&file(), "\u{feff}[1]".as_bytes(), Some(6), 64);
        assert!(matches!(&doc, Ok(d) if d.body() == "[1]" && d.bom() == BOM));
    }

    #[test]
    fn refuses_documents_over_the_cap() {
        // Exactly the cap is fine; one byte more is not, whether the size is
        // known in advance or not.
        assert_eq!(message(load(&file(), &b"[1,2]"[..], None, 5)), "ok: [1,2]");
        for size in [None, Some(6)] {
            let m = message(load(&file(), &b"[1,22]"[..], size, 5));
            assert_eq!(
                m,
                "'doc.json': JSON document larger than 5 bytes; raise --max-document-bytes, or use --format ndjson or text"
            );
        }
    }

    #[test]
    fn reports_where_utf8_breaks() {
        let m = message(load(&Input::Stdin, &b"{\n  \"\xc3\xa9\": \"\xff\"}"[..], None, 64));
        assert!(m.starts_with("standard input: not valid UTF-8 at line 2, column 9;"), "{m}");
    }

    #[test]
    fn read_errors_stay_read_errors() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        assert!(matches!(load(&file(), Failing, None, 64), Err(StreamError::Read(_))));
    }

    #[test]
    fn invalid_json_names_the_input_and_the_place() {
        let e = JsonError { line: 3, column: 8, message: "expected a value".to_string() };
        let StreamError::Invalid(m) = invalid(&file(), &e, false) else { panic!("not invalid") };
        assert_eq!(m, "'doc.json': invalid JSON at line 3, column 8: expected a value");
        let StreamError::Invalid(m) = invalid(&file(), &e, true) else { panic!("not invalid") };
        assert!(m.contains("--format ndjson"), "{m}");
    }
}
