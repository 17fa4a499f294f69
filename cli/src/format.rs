//! Input formats (`--format`), their detection from file extensions, and
//! what to do with invalid NDJSON lines (`--on-invalid`).

use crate::fail::{CliError, printable};
use crate::input::Input;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Lines of text.
    Text,
    /// One JSON document.
    Json,
    /// One JSON value per line.
    Ndjson,
}

impl Format {
    /// Parses the value of `--format`.
    pub fn parse(value: &str) -> Result<Format, CliError> {
        match value {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            _ => Err(CliError::new(format!(
                "invalid value '{}' for --format: expected text, json or ndjson",
                printable(value)
            ))),
        }
    }

    /// The format of `input`: `given` when `--format` was given, else by the
    /// file extension: `.json` is JSON, `.ndjson` and `.jsonl` are NDJSON
    /// (any case), anything else and standard input are text.
    pub fn of(input: &Input, given: Option<Format>) -> Format {
        if let Some(format) = given {
            return format;
        }
        let Input::File(path) = input else { return Format::Text };
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") => Format::Json,
            Some("ndjson" | "jsonl") => Format::Ndjson,
            _ => Format::Text,
        }
    }
}

/// What happens to an NDJSON line that is not valid JSON (or not UTF-8, or
/// longer than `--max-line-bytes`). It is always reported on stderr.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnInvalid {
    /// Written out unchanged; the exit status is not affected.
    #[default]
    Pass,
    /// Left out of the output; the exit status is not affected.
    Drop,
    /// Written out unchanged, and the exit status is 2 at the end.
    Fail,
}

impl OnInvalid {
    /// Parses the value of `--on-invalid`.
    pub fn parse(value: &str) -> Result<OnInvalid, CliError> {
        match value {
            "pass" => Ok(OnInvalid::Pass),
            "drop" => Ok(OnInvalid::Drop),
            "fail" => Ok(OnInvalid::Fail),
            _ => Err(CliError::new(format!(
                "invalid value '{}' for --on-invalid: expected pass, drop or fail",
                printable(value)
            ))),
        }
    }

    /// Whether the line is written out.
    pub fn keeps_line(self) -> bool {
        self != OnInvalid::Drop
    }
}

/// How structured inputs (JSON and NDJSON) are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// `--max-document-bytes`.
    pub max_document_bytes: usize,
    /// `--max-line-bytes`.
    pub max_line_bytes: usize,
    pub on_invalid: OnInvalid,
    /// Whether formats come from file extensions (no `--format`): for hints.
    pub detected: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> Input {
        Input::File(name.into())
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::parse("text"), Ok(Format::Text));
        assert_eq!(Format::parse("json"), Ok(Format::Json));
        assert_eq!(Format::parse("ndjson"), Ok(Format::Ndjson));
        assert_eq!(Format::parse("jsonl"), Ok(Format::Ndjson));
        let e = Format::parse("yaml").map_err(|e| e.0);
        assert_eq!(e, Err("invalid value 'yaml' for --format: expected text, json or ndjson".to_string()));
        assert!(Format::parse("JSON").is_err());
    }

    #[test]
    fn detection_goes_by_extension_only() {
        assert_eq!(Format::of(&file("a.json"), None), Format::Json);
        assert_eq!(Format::of(&file("dir/A.JSON"), None), Format::Json);
        assert_eq!(Format::of(&file("a.ndjson"), None), Format::Ndjson);
        assert_eq!(Format::of(&file("a.jsonl"), None), Format::Ndjson);
        assert_eq!(Format::of(&file("a.log"), None), Format::Text);
        assert_eq!(Format::of(&file("json"), None), Format::Text);
        assert_eq!(Format::of(&file("a.json.gz"), None), Format::Text);
        assert_eq!(Format::of(&Input::Stdin, None), Format::Text);
        assert_eq!(Format::of(&Input::Stdin, Some(Format::Ndjson)), Format::Ndjson);
        assert_eq!(Format::of(&file("a.json"), Some(Format::Text)), Format::Text);
    }

    #[test]
    fn on_invalid_choices() {
        assert_eq!(OnInvalid::parse("pass"), Ok(OnInvalid::Pass));
        assert_eq!(OnInvalid::parse("drop"), Ok(OnInvalid::Drop));
        assert_eq!(OnInvalid::parse("fail"), Ok(OnInvalid::Fail));
        assert!(OnInvalid::parse("skip").is_err());
        assert!(OnInvalid::Pass.keeps_line() && OnInvalid::Fail.keeps_line() && !OnInvalid::Drop.keeps_line());
    }
}
