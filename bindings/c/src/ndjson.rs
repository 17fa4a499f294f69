//! NDJSON: one JSON value per line, each scrubbed by the core's JSON API.
//!
//! The rules are the CLI's (`scrubjay scrub --format ndjson`): lines end at
//! `\n`; a `\r` before it, blank lines and a byte order mark at the start are
//! kept as they are; every other line must be one UTF-8 JSON text.

use std::borrow::Cow;

use scrubjay::Scrubber;

use crate::error::{Failure, scrubjay_status};
use crate::result::Findings;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Scrubs (when `edit`) and reports (when `findings` is given) every line of
/// `input`; the output is borrowed when no line changed.
pub(crate) fn scrub<'a>(
    scrubber: &Scrubber,
    input: &'a [u8],
    edit: bool,
    mut findings: Option<&mut Findings>,
) -> Result<Cow<'a, [u8]>, Failure> {
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    let mut number = 0;
    while at < input.len() {
        number += 1;
        let end = memchr::memchr(b'\n', &input[at..]).map_or(input.len(), |i| at + i + 1);
        let line = &input[at..end];
        let mut content = line.strip_suffix(b"\n").unwrap_or(line);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        let mut body_at = at;
        if number == 1 && content.starts_with(BOM) {
            content = &content[BOM.len()..];
            body_at += BOM.len();
        }
        if !content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            let text = std::str::from_utf8(content).map_err(|e| {
                let column = 1 + String::from_utf8_lossy(&content[..e.valid_up_to()]).chars().count();
                Failure::new(
                    scrubjay_status::Json,
                    format!("NDJSON line {number}: not valid UTF-8 at column {column} (JSON text must be UTF-8)"),
                )
                .at(number, column)
            })?;
            // A line holds no line break: a JSON error is on its line 1.
            let invalid = |e: scrubjay::JsonError| {
                Failure::new(
                    scrubjay_status::Json,
                    format!("NDJSON line {number}: invalid JSON at column {}: {}", e.column, e.message),
                )
                .at(number, e.column)
            };
            let scrubbed = if edit {
                // Without findings wanted, no report (its pointers cost
                // depth × findings on deep documents).
                match findings.as_deref_mut() {
                    Some(f) => {
                        let report = scrubber.scrub_json_with_report(text).map_err(invalid)?;
                        f.json(&report.findings, number);
                        report.text
                    }
                    None => scrubber.scrub_json_str(text).map_err(invalid)?,
                }
            } else {
                let found = scrubber.report_json(text).map_err(invalid)?;
                if let Some(f) = findings.as_deref_mut() {
                    f.json(&found, number);
                }
                Cow::Borrowed(text)
            };
            if let Cow::Owned(new) = scrubbed {
                let buf = out.get_or_insert_with(|| {
                    let mut v = Vec::with_capacity(input.len() + 64);
                    v.extend_from_slice(&input[..at]);
                    v
                });
                buf.extend_from_slice(&input[at..body_at]);
                buf.extend_from_slice(new.as_bytes());
                buf.extend_from_slice(&input[body_at + content.len()..end]);
                at = end;
                continue;
            }
        }
        if let Some(buf) = out.as_mut() {
            buf.extend_from_slice(line);
        }
        at = end;
    }
    Ok(out.map_or(Cow::Borrowed(input), Cow::Owned))
}
