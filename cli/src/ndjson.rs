//! NDJSON input: what each line is, and the reports of invalid lines.

use std::fmt;

use scrubjay::JsonError;

use crate::fail::{self, printable};
use crate::lines::Piece;

/// The byte order mark, allowed (and kept) at the start of the first line.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Per input, only this many invalid lines are reported one by one; the
/// rest are counted in a summary.
pub const MAX_REPORTED: u64 = 50;

/// What a line of NDJSON input is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line<'a> {
    /// Empty or only whitespace: passed through unchanged.
    Blank,
    /// A JSON text, not checked yet; `bom` is a byte order mark before it
    /// (first line only), to be written back.
    Event { bom: &'a [u8], text: &'a str },
    /// Cannot be a JSON event.
    Invalid(Problem),
}

/// Why a line is not a valid event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Json(JsonError),
    /// Not UTF-8; `column` (1-based, in characters) is where it breaks.
    NotUtf8 {
        column: usize,
    },
    /// Longer than `--max-line-bytes`: the line reader cut it.
    TooLong {
        cap: usize,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A line holds no line break: the JSON error is always on line 1.
            Problem::Json(e) if e.line == 1 => write!(f, "invalid JSON at column {}: {}", e.column, e.message),
            Problem::Json(e) => write!(f, "{e}"),
            Problem::NotUtf8 { column } => write!(f, "not valid UTF-8 at column {column}"),
            Problem::TooLong { cap } => write!(f, "line longer than --max-line-bytes ({cap} bytes)"),
        }
    }
}

/// What `piece` is, for a reader cutting lines at `cap` bytes; `None` for
/// the second and later pieces of a cut line (the first piece was
/// [`Problem::TooLong`]).
pub fn classify<'a>(piece: &Piece<'a>, cap: usize) -> Option<Line<'a>> {
    if piece.offset > 0 {
        return None;
    }
    if !piece.ends_line {
        return Some(Line::Invalid(Problem::TooLong { cap }));
    }
    let mut content = piece.content;
    let mut bom: &[u8] = b"";
    if piece.line == 1 && content.starts_with(BOM) {
        (bom, content) = content.split_at(BOM.len());
    }
    if content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return Some(Line::Blank);
    }
    Some(match std::str::from_utf8(content) {
        Ok(text) => Line::Event { bom, text },
        Err(e) => {
            let column = 1 + String::from_utf8_lossy(&content[..e.valid_up_to()]).chars().count();
            Line::Invalid(Problem::NotUtf8 { column })
        }
    })
}

/// Reports the invalid lines of one input on stderr:
/// `scrubjay: FILE:LINE: PROBLEM; NOTE`, the first [`MAX_REPORTED`] one by
/// one, then a count.
#[derive(Debug)]
pub struct InvalidLines {
    file: String,
    /// What became of the lines, e.g. `passed through unchanged`.
    note: &'static str,
    /// How many invalid lines there were.
    pub count: u64,
    /// Whether to write the reports (not in unit tests).
    loud: bool,
}

impl InvalidLines {
    pub fn new(name: &str, note: &'static str) -> InvalidLines {
        InvalidLines { file: printable(name), note, count: 0, loud: true }
    }

    /// Counts without reporting.
    #[cfg(test)]
    pub fn silent() -> InvalidLines {
        InvalidLines { file: String::new(), note: "", count: 0, loud: false }
    }

    pub fn report(&mut self, line: u64, problem: &Problem) {
        self.count += 1;
        if self.loud && self.count <= MAX_REPORTED {
            fail::report(format_args!("{}:{line}: {problem}; {}", self.file, self.note));
        }
    }

    /// The summary when some lines were not reported one by one.
    pub fn finish(&self) {
        if self.loud && self.count > MAX_REPORTED {
            fail::report(format_args!(
                "{}: {} invalid lines in all ({}); only the first {MAX_REPORTED} are listed",
                self.file, self.count, self.note
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(content: &[u8], line: u64, offset: usize, ends_line: bool) -> Piece<'_> {
        Piece { content, terminator: b"\n", line, offset, ends_line }
    }

    #[test]
    fn classifies_lines() {
        assert_eq!(classify(&piece(b"", 1, 0, true), 64), Some(Line::Blank));
        assert_eq!(classify(&piece(b" \t\r", 2, 0, true), 64), Some(Line::Blank));
        assert_eq!(classify(&piece(b"{\"a\":1}", 2, 0, true), 64), Some(Line::Event { bom: b"", text: "{\"a\":1}" }));
        assert_eq!(classify(&piece(b"not json", 2, 0, true), 64), Some(Line::Event { bom: b"", text: "not json" }));
        assert_eq!(
            classify(&piece(b"{\"\xc3\xa9\":\"\xff\"}", 2, 0, true), 64),
            Some(Line::Invalid(Problem::NotUtf8 { column: 7 }))
        );
        assert_eq!(classify(&piece(b"{\"a\": ", 3, 0, false), 6), Some(Line::Invalid(Problem::TooLong { cap: 6 })));
        assert_eq!(classify(&piece(b"1}", 3, 6, true), 6), None);
    }

    #[test]
    fn a_bom_is_kept_apart_on_the_first_line_only() {
        let with_bom = b"\xef\xbb\xbf[1]";
        assert_eq!(classify(&piece(with_bom, 1, 0, true), 64), Some(Line::Event { bom: BOM, text: "[1]" }));
        assert_eq!(classify(&piece(BOM, 1, 0, true), 64), Some(Line::Blank));
        assert!(matches!(classify(&piece(with_bom, 2, 0, true), 64), Some(Line::Event { bom: b"", .. })));
    }

    #[test]
    fn problems_read_well() {
        let e = JsonError { line: 1, column: 5, message: "expected ':' after the key".to_string() };
        assert_eq!(Problem::Json(e).to_string(), "invalid JSON at column 5: expected ':' after the key");
        assert_eq!(Problem::NotUtf8 { column: 3 }.to_string(), "not valid UTF-8 at column 3");
        assert_eq!(Problem::TooLong { cap: 16 }.to_string(), "line longer than --max-line-bytes (16 bytes)");
    }
}
