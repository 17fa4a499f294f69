//! `scrubjay scan`: report findings, never the secrets themselves.

use std::io::{self, BufRead, BufWriter, Write};

use scrubjay::{Category, Finding, Scrubber};

use crate::args::Options;
use crate::batch::Batch;
use crate::fail::{self, FAILURE, FOUND, OK, printable};
use crate::format::{Format as InputFormat, OnInvalid};
use crate::input::{self, StreamError};
use crate::json_scan;
use crate::lines::{LineReader, char_count};
use crate::ndjson::InvalidLines;
use crate::progress::{self, Progress};
use crate::setup;

const WRITE_BUFFER: usize = 64 * 1024;

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `FILE:LINE:COL rule (action) preview`.
    Human,
    /// One JSON object per line.
    Json,
}

pub fn run(options: &Options) -> u8 {
    let setup = match setup::load(options) {
        Ok(setup) => setup,
        Err(e) => {
            fail::report(e);
            return FAILURE;
        }
    };
    let format = if options.json { Format::Json } else { Format::Human };
    let show_progress = progress::wanted(options.progress);
    let settings = options.structured();
    let mut found = 0u64;
    // Whether some NDJSON line was invalid under `--on-invalid fail`.
    let mut invalid_lines = false;
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock());
    let mut outcome = input::for_each(&options.inputs, |input, reader, size| {
        let scrubber = &setup.scrubber;
        let input_format = InputFormat::of(input, options.format);
        if input_format == InputFormat::Json {
            let mut report = Reporter::new(&input.name(), format);
            let result = json_scan::document(scrubber, input, reader, size, settings, &mut report, &mut out);
            found += report.found;
            return result;
        }
        let mut progress = Progress::new(&input.name(), size, show_progress);
        let mut lines = LineReader::new(reader, options.max_line_bytes);
        if input_format == InputFormat::Text {
            let mut report = Reporter::new(&input.name(), format);
            let result = scan_lines(scrubber, &mut lines, &mut report, &mut out, &mut progress);
            found += report.found;
            return result;
        }
        let mut report = Reporter::new(&input.name(), format);
        let mut invalid = InvalidLines::new(&input.name(), "not scanned");
        let result =
            json_scan::ndjson(scrubber, &mut lines, settings, &mut invalid, &mut report, &mut out, &mut progress);
        progress.finish();
        invalid.finish();
        found += report.found;
        invalid_lines |= invalid.count > 0 && options.on_invalid == OnInvalid::Fail;
        result
    });
    if !outcome.stopped {
        if let Err(e) = out.flush() {
            outcome.write_error(&e);
        }
    }
    let (_, _) = out.into_parts();
    if outcome.failed() || invalid_lines {
        FAILURE
    } else if found > 0 {
        FOUND
    } else {
        OK
    }
}

/// Scans every line of `lines`, writing each finding to `out`.
pub fn scan_lines<R: BufRead, W: Write>(
    scrubber: &Scrubber,
    lines: &mut LineReader<R>,
    report: &mut Reporter,
    out: &mut W,
    progress: &mut Progress,
) -> Result<(), StreamError> {
    let mut batch = Batch::default();
    // Characters in the earlier pieces of a line cut by the cap.
    let mut chars_before = 0;
    loop {
        let at_end = match lines.next_piece().map_err(StreamError::Read)? {
            Some(piece) => {
                batch.push(&piece);
                false
            }
            None => true,
        };
        if !(batch.is_full() || (at_end && !batch.is_empty())) {
            if at_end {
                return Ok(());
            }
            continue;
        }
        let found = scrubber.find_bytes_batch(&batch.contents());
        for (findings, piece) in found.iter().zip(batch.pieces()) {
            let content = batch.bytes(&piece.content);
            if piece.offset == 0 {
                chars_before = 0;
            }
            // Column bookkeeping: characters from the piece start up to `pos`.
            let (mut pos, mut chars) = (0, chars_before);
            for finding in findings {
                let start = finding.start.min(content.len());
                let end = finding.end.clamp(start, content.len());
                if start >= pos {
                    chars += char_count(&content[pos..start]);
                } else {
                    // Findings come in order and do not overlap; should one
                    // ever start earlier, count again from the piece start.
                    chars = chars_before + char_count(&content[..start]);
                }
                pos = start;
                let at = Location {
                    line: piece.line,
                    start: piece.offset + start,
                    end: piece.offset + end,
                    column: chars + 1,
                };
                report.write(out, finding, at, &content[start..end]).map_err(StreamError::Write)?;
            }
            if !piece.ends_line {
                chars_before += char_count(content);
            }
        }
        batch.clear();
        progress.update(lines.bytes_read());
        if at_end {
            return Ok(());
        }
    }
}

/// Where a finding is: line, byte range in the line, 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: u64,
    pub start: usize,
    pub end: usize,
    pub column: usize,
}

/// Writes the findings of one input and counts them (text findings here,
/// JSON ones with `write_json` in `json_scan`).
#[derive(Debug)]
pub struct Reporter {
    /// The input name, printable (human) or as a JSON string (JSON).
    pub(crate) file: String,
    pub(crate) format: Format,
    pub found: u64,
}

impl Reporter {
    pub fn new(name: &str, format: Format) -> Reporter {
        let file = match format {
            Format::Human => printable(name),
            Format::Json => json_string(name),
        };
        Reporter { file, format, found: 0 }
    }

    pub fn write<W: Write>(&mut self, out: &mut W, f: &Finding, at: Location, text: &[u8]) -> io::Result<()> {
        self.found += 1;
        let (rule, action) = (&*f.rule, f.action.as_str());
        match self.format {
            Format::Human => writeln!(
                out,
                "{}:{}:{} {} ({action}) {}",
                self.file,
                at.line,
                at.column,
                printable(rule),
                preview(rule, text)
            ),
            Format::Json => writeln!(
                out,
                r#"{{"file":{},"line":{},"rule":{},"start":{},"end":{},"column":{},"action":"{action}"}}"#,
                self.file,
                at.line,
                json_string(rule),
                at.start,
                at.end,
                at.column,
            ),
        }
    }
}

/// A masked preview of a finding, never the finding itself: the first two
/// characters and `***` for longer non-secret findings (`ad***`), only
/// `***` for secrets, custom rules and short findings; then the length.
pub fn preview(rule: &str, text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let len = text.chars().count();
    let secret = scrubjay::builtin_rules().find(|r| r.id == rule).is_none_or(|r| r.category == Category::Secret);
    let head: String = if secret || len < 8 {
        String::new()
    } else {
        text.chars().take(2).map(|c| if c.is_control() { '?' } else { c }).collect()
    };
    format!("{head}*** ({len} chars)")
}

pub fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(input: &[u8], cap: usize, format: Format) -> (String, u64) {
        let scrubber = Scrubber::default();
        let mut lines = LineReader::new(input, cap);
        let mut report = Reporter::new("in.log", format);
        let mut out = Vec::new();
        let result = scan_lines(&scrubber, &mut lines, &mut report, &mut out, &mut Progress::disabled());
        assert!(result.is_ok());
        (String::from_utf8_lossy(&out).into_owned(), report.found)
    }

    #[test]
    fn human_lines_mask_the_finding() {
        let (out, found) = scan("clean\ncafé ada@example.com 10.1.2.3\n".as_bytes(), 1 << 20, Format::Human);
        assert_eq!(found, 2);
        assert_eq!(out, "in.log:2:6 email (replace) ad*** (15 chars)\nin.log:2:22 ipv4 (replace) 10*** (8 chars)\n");
        assert!(!out.contains("ada@"));
    }

    #[test]
    fn json_lines_have_the_documented_shape() {
        let (out, _) = scan("é ada@example.com".as_bytes(), 1 << 20, Format::Json);
        assert_eq!(
            out,
            "{\"file\":\"in.log\",\"line\":1,\"rule\":\"email\",\"start\":3,\"end\":18,\"column\":3,\"action\":\"replace\"}\n"
        );
        let value: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap_or_default();
        assert_eq!(value["rule"], "email");
    }

    #[test]
    fn offsets_and_columns_span_cut_pieces() {
        let line = "é ".repeat(20) + "ada@example.com";
        let (out, found) = scan(line.as_bytes(), 16, Format::Json);
        assert_eq!(found, 1);
        let value: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap_or_default();
        assert_eq!(value["start"], 60);
        assert_eq!(value["end"], 75);
        assert_eq!(value["column"], 41);
    }

    #[test]
    fn previews_hide_secrets() {
        assert_eq!(preview("email", b"ada@example.com"), "ad*** (15 chars)");
        assert_eq!(preview("ipv4", b"1.2.3.4"), "*** (7 chars)");
        assert_eq!(preview("password_assignment", b"hunter2!Blue"), "*** (12 chars)");
        assert_eq!(preview("my_custom_rule", b"whatever-it-is"), "*** (14 chars)");
        assert_eq!(preview("email", b"\x1bb@example.com"), "?b*** (14 chars)");
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        let r = Reporter::new("dir/\"x\".log", Format::Json);
        assert_eq!(r.file, r#""dir/\"x\".log""#);
    }
}
