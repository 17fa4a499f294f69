//! `scrubjay scan` for structured input: findings named by JSON Pointer, in
//! one JSON document or in each event of NDJSON.

use std::borrow::Cow;
use std::io::{self, BufRead, Read, Write};

use scrubjay::{JsonFinding, Scrubber};

use crate::document;
use crate::fail::printable;
use crate::format::Settings;
use crate::input::{Input, StreamError};
use crate::lines::LineReader;
use crate::locate::{Found, locate};
use crate::ndjson::{self, InvalidLines, Line, Problem};
use crate::progress::Progress;
use crate::scan::{Format, Reporter, json_string, preview};

/// Scans `input` as one JSON document. A finding's line is the line where
/// its value starts.
pub fn document<W: Write>(
    scrubber: &Scrubber,
    input: &Input,
    reader: impl Read,
    size: Option<u64>,
    settings: Settings,
    report: &mut Reporter,
    out: &mut W,
) -> Result<(), StreamError> {
    let doc = document::load(input, reader, size, settings.max_document_bytes)?;
    let body = doc.body();
    let findings = scrubber.report_json(body).map_err(|e| document::invalid(input, &e, settings.detected))?;
    let mut lines = LineCounter::new(body);
    write_findings(report, out, body, &findings, |found| found.map_or(1, |f| lines.line_at(f.offset)))
        .map_err(StreamError::Write)
}

/// Scans each event of NDJSON. A finding's line is its event's line.
pub fn ndjson<R: BufRead, W: Write>(
    scrubber: &Scrubber,
    lines: &mut LineReader<R>,
    settings: Settings,
    invalid: &mut InvalidLines,
    report: &mut Reporter,
    out: &mut W,
    progress: &mut Progress,
) -> Result<(), StreamError> {
    loop {
        progress.update(lines.bytes_read());
        let Some(piece) = lines.next_piece().map_err(StreamError::Read)? else {
            return Ok(());
        };
        let problem = match ndjson::classify(&piece, settings.max_line_bytes) {
            None | Some(Line::Blank) => continue,
            Some(Line::Event { text, .. }) => match scrubber.report_json(text) {
                Ok(findings) => {
                    write_findings(report, out, text, &findings, |_| piece.line).map_err(StreamError::Write)?;
                    continue;
                }
                Err(e) => Problem::Json(e),
            },
            Some(Line::Invalid(problem)) => problem,
        };
        invalid.report(piece.line, &problem);
    }
}

/// Writes `findings` in `doc`, each on the line `line(value)` gives.
fn write_findings<W: Write>(
    report: &mut Reporter,
    out: &mut W,
    doc: &str,
    findings: &[JsonFinding],
    mut line: impl FnMut(Option<&Found<'_>>) -> u64,
) -> io::Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    let pointers: Vec<&str> = findings.iter().map(|f| f.pointer.as_str()).collect();
    let found = locate(doc, &pointers);
    // The text of the last value, reused by its next findings.
    let mut text: Option<(&str, Option<String>)> = None;
    for (finding, found) in findings.iter().zip(&found) {
        if text.as_ref().is_none_or(|(pointer, _)| *pointer != finding.pointer) {
            text = Some((&finding.pointer, found.as_ref().and_then(Found::text)));
        }
        let value = text.as_ref().and_then(|(_, t)| t.as_deref());
        report.write_json(out, line(found.as_ref()), finding, value)?;
    }
    Ok(())
}

/// Line numbers of byte offsets, counted on from the last offset asked
/// (findings mostly come in document order).
struct LineCounter<'d> {
    doc: &'d [u8],
    offset: usize,
    line: u64,
}

impl<'d> LineCounter<'d> {
    fn new(doc: &'d str) -> LineCounter<'d> {
        LineCounter { doc: doc.as_bytes(), offset: 0, line: 1 }
    }

    /// The 1-based line of byte `offset`.
    fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.doc.len());
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let newlines = self.doc[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
        self.line += newlines as u64;
        self.offset = offset;
        self.line
    }
}

impl Reporter {
    /// Writes `f`, found on `line` in a value whose text is `value` (when
    /// known): `FILE:LINE POINTER RULE (ACTION) PREVIEW`, or a JSON object.
    pub fn write_json<W: Write>(
        &mut self,
        out: &mut W,
        line: u64,
        f: &JsonFinding,
        value: Option<&str>,
    ) -> io::Result<()> {
        self.found += 1;
        let (rule, action) = (&*f.rule, f.action.as_str());
        match self.format {
            Format::Human => {
                let pointer = if f.pointer.is_empty() { Cow::Borrowed("(root)") } else { shown(&f.pointer) };
                let preview = match value.and_then(|v| v.get(f.start..f.end)) {
                    Some(text) => preview(rule, text.as_bytes()),
                    None => "***".to_string(),
                };
                writeln!(out, "{}:{line} {pointer} {} ({action}) {preview}", self.file, shown(rule))
            }
            Format::Json => writeln!(
                out,
                r#"{{"file":{},"line":{line},"pointer":{},"rule":{},"start":{},"end":{},"action":"{action}","whole":{}}}"#,
                self.file,
                json_string(&f.pointer),
                json_string(rule),
                f.start,
                f.end,
                f.whole,
            ),
        }
    }
}

/// `text` safe to print on a terminal, copied only when it must change.
fn shown(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) { Cow::Owned(printable(text)) } else { Cow::Borrowed(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::OnInvalid;

    fn settings() -> Settings {
        Settings { max_document_bytes: 1 << 20, max_line_bytes: 1 << 20, on_invalid: OnInvalid::Pass, detected: false }
    }

    fn scan_doc(doc: &str, format: Format) -> (String, u64) {
        let mut report = Reporter::new("doc.json", format);
        let mut out = Vec::new();
        let input = Input::File("doc.json".into());
        let result = document(&Scrubber::default(), &input, doc.as_bytes(), None, settings(), &mut report, &mut out);
        assert!(result.is_ok());
        (String::from_utf8_lossy(&out).into_owned(), report.found)
    }

    #[test]
    fn document_findings_are_on_the_line_of_their_value() {
        let doc =
            "{\n  \"user\": {\n    \"email\": \"ada@example.com\"\n  },\n  \"password\": \"hunter2\",\n  \"n\": 1\n}\n";
        let (out, found) = scan_doc(doc, Format::Human);
        assert_eq!(found, 2);
        assert_eq!(
            out,
            "doc.json:3 /user/email email (replace) ad*** (15 chars)\n\
             doc.json:5 /password sensitive_key (replace) *** (7 chars)\n"
        );
        assert!(!out.contains("hunter2") && !out.contains("ada@"));
    }

    #[test]
    fn json_objects_carry_the_pointer() {
        let (out, _) = scan_doc(r#"{"a~b": ["x 10.0.0.1"]}"#, Format::Json);
        assert_eq!(
            out,
            "{\"file\":\"doc.json\",\"line\":1,\"pointer\":\"/a~0b/0\",\"rule\":\"ipv4\",\"start\":2,\"end\":10,\"action\":\"replace\",\"whole\":false}\n"
        );
    }

    #[test]
    fn root_values_and_escaped_strings() {
        let (out, _) = scan_doc(r#""caf\u00e9 ada@example.com""#, Format::Human);
        assert_eq!(out, "doc.json:1 (root) email (replace) ad*** (15 chars)\n");
    }

    #[test]
    fn line_counter_goes_back_when_asked() {
        let mut lines = LineCounter::new("a\nb\nc");
        assert_eq!(lines.line_at(4), 3);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(99), 3);
    }
}
