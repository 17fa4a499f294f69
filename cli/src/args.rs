//! The command line: a small hand-rolled parser.
//!
//! `scrubjay COMMAND [OPTIONS] [FILE...]`. Options may come before, between
//! or after files; `--opt VALUE` and `--opt=VALUE` both work; `--` ends the
//! options; `-` is standard input.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::fail::{CliError, printable};
use crate::format::{Format, OnInvalid, Settings};
use crate::input::Input;
use crate::lines::MIN_CAP;

/// The default `--max-line-bytes`: 16 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;
/// The default `--max-document-bytes`: 256 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 256 << 20;

/// A subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Scrub,
    Scan,
    Rules,
}

impl Command {
    pub const ALL: [Command; 3] = [Command::Scrub, Command::Scan, Command::Rules];

    pub fn name(self) -> &'static str {
        match self {
            Command::Scrub => "scrub",
            Command::Scan => "scan",
            Command::Rules => "rules",
        }
    }

    fn from_name(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether the command takes `flag`.
    fn takes(self, flag: Flag) -> bool {
        match flag {
            Flag::Config | Flag::Profile => true,
            Flag::MaxLineBytes | Flag::NoProgress | Flag::Format | Flag::OnInvalid | Flag::MaxDocumentBytes => {
                self != Command::Rules
            }
            Flag::Json => self == Command::Scan,
        }
    }
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Print the help of the tool (`None`) or of a command, to stdout.
    Help(Option<Command>),
    /// Print the version.
    Version,
    /// Run a command.
    Run(Command, Options),
}

/// The options of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub max_line_bytes: usize,
    pub progress: bool,
    pub json: bool,
    /// `--format`; `None`: by file extension.
    pub format: Option<Format>,
    pub on_invalid: OnInvalid,
    pub max_document_bytes: usize,
    /// Inputs in order; empty means standard input.
    pub inputs: Vec<Input>,
}

impl Options {
    /// How structured inputs are handled.
    pub fn structured(&self) -> Settings {
        Settings {
            max_document_bytes: self.max_document_bytes,
            max_line_bytes: self.max_line_bytes,
            on_invalid: self.on_invalid,
            detected: self.format.is_none(),
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            config: None,
            profile: None,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            progress: true,
            json: false,
            format: None,
            on_invalid: OnInvalid::Pass,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            inputs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Config,
    Profile,
    MaxLineBytes,
    NoProgress,
    Json,
    Format,
    OnInvalid,
    MaxDocumentBytes,
}

impl Flag {
    fn from_name(name: &str) -> Option<Flag> {
        Some(match name {
            "--config" => Flag::Config,
            "--profile" => Flag::Profile,
            "--max-line-bytes" => Flag::MaxLineBytes,
            "--no-progress" => Flag::NoProgress,
            "--json" => Flag::Json,
            "--format" => Flag::Format,
            "--on-invalid" => Flag::OnInvalid,
            "--max-document-bytes" => Flag::MaxDocumentBytes,
            _ => return None,
        })
    }

    /// What the value should be, for messages; `None` for switches.
    fn value_hint(self) -> Option<&'static str> {
        match self {
            Flag::Config => Some("a path to a JSON config file"),
            Flag::Profile => Some("a profile name"),
            Flag::MaxLineBytes | Flag::MaxDocumentBytes => Some("a byte count such as 1048576, 64K or 16M"),
            Flag::Format => Some("text, json or ndjson"),
            Flag::OnInvalid => Some("pass, drop or fail"),
            Flag::NoProgress | Flag::Json => None,
        }
    }
}

/// Parses the arguments after the program name.
pub fn parse<I>(args: I) -> Result<Parsed, CliError>
where
    I: IntoIterator<Item = OsString>,
{
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err(CliError::new(
            "missing command; expected one of: scrub, scan, rules, help (run 'scrubjay --help' for usage)",
        ));
    };
    let first = first.to_string_lossy();
    match &*first {
        "-h" | "--help" => Ok(Parsed::Help(None)),
        "-V" | "--version" => Ok(Parsed::Version),
        "help" => parse_help(args),
        name => match Command::from_name(name) {
            Some(command) => parse_command(command, args),
            None if name.starts_with('-') => Err(CliError::new(format!(
                "unknown option '{}'; options go after the command, e.g. 'scrubjay scrub --profile strict' (run 'scrubjay --help' for usage)",
                printable(name)
            ))),
            None => Err(CliError::new(format!(
                "unknown command '{}'; expected one of: scrub, scan, rules, help (run 'scrubjay --help' for usage)",
                printable(name)
            ))),
        },
    }
}

fn parse_help(mut args: impl Iterator<Item = OsString>) -> Result<Parsed, CliError> {
    let Some(topic) = args.next() else {
        return Ok(Parsed::Help(None));
    };
    let topic = topic.to_string_lossy();
    let command = Command::from_name(&topic).ok_or_else(|| {
        CliError::new(format!("no help for '{}'; expected one of: scrub, scan, rules", printable(&topic)))
    })?;
    if let Some(extra) = args.next() {
        return Err(CliError::new(format!(
            "unexpected argument '{}' after 'help {}'",
            printable(&extra.to_string_lossy()),
            command.name()
        )));
    }
    Ok(Parsed::Help(Some(command)))
}

fn parse_command(command: Command, args: impl Iterator<Item = OsString>) -> Result<Parsed, CliError> {
    let mut options = Options::default();
    let mut args = args.peekable();
    let mut files_only = false;
    while let Some(arg) = args.next() {
        let text = match arg.to_str() {
            Some(text) if !files_only => text,
            // After `--`, or not UTF-8 (so not an option): a file name.
            _ => {
                options.inputs.push(input(arg));
                continue;
            }
        };
        if text == "--" {
            files_only = true;
            continue;
        }
        if text == "-h" || text == "--help" {
            return Ok(Parsed::Help(Some(command)));
        }
        if !text.starts_with('-') || text == "-" {
            options.inputs.push(input(arg));
            continue;
        }
        let (name, inline) = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (text, None),
        };
        let flag =
            Flag::from_name(name).filter(|flag| command.takes(*flag)).ok_or_else(|| unknown_option(command, name))?;
        let value = match flag.value_hint() {
            None if inline.is_some() => {
                return Err(CliError::new(format!("option '{name}' takes no value")));
            }
            None => String::new(),
            Some(hint) => match inline {
                Some(value) => value,
                None => take_value(&mut args, name, hint)?,
            },
        };
        match flag {
            Flag::Config => options.config = Some(PathBuf::from(value)),
            Flag::Profile => options.profile = Some(profile(&value)?),
            Flag::MaxLineBytes => options.max_line_bytes = byte_count(name, &value)?,
            Flag::MaxDocumentBytes => options.max_document_bytes = byte_count(name, &value)?,
            Flag::NoProgress => options.progress = false,
            Flag::Json => options.json = true,
            Flag::Format => options.format = Some(Format::parse(&value)?),
            Flag::OnInvalid => options.on_invalid = OnInvalid::parse(&value)?,
        }
    }
    if command == Command::Rules {
        if let Some(first) = options.inputs.first() {
            return Err(CliError::new(format!(
                "'scrubjay rules' takes no files, got '{}' (run 'scrubjay rules --help' for usage)",
                printable(&first.name())
            )));
        }
    }
    Ok(Parsed::Run(command, options))
}

fn input(arg: OsString) -> Input {
    if arg == "-" { Input::Stdin } else { Input::File(PathBuf::from(arg)) }
}

fn unknown_option(command: Command, name: &str) -> CliError {
    let name = printable(name);
    let c = command.name();
    CliError::new(format!(
        "unknown option '{name}' for 'scrubjay {c}' (run 'scrubjay {c} --help' to see its options; use './{name}' or '-- {name}' for a file of that name)"
    ))
}

/// The value after a flag: the next argument, which must not look like an option.
fn take_value(
    args: &mut std::iter::Peekable<impl Iterator<Item = OsString>>,
    name: &str,
    hint: &str,
) -> Result<String, CliError> {
    let missing = || CliError::new(format!("option '{name}' needs a value: {hint}"));
    let next = args.peek().ok_or_else(missing)?;
    if next.to_str().is_some_and(|v| v.starts_with('-') && v != "-") {
        return Err(missing());
    }
    let value = args.next().ok_or_else(missing)?;
    value.into_string().map_err(|v| {
        CliError::new(format!("the value of '{name}' is not valid UTF-8: '{}'", printable(&v.to_string_lossy())))
    })
}

fn profile(name: &str) -> Result<String, CliError> {
    let known = scrubjay::profiles();
    if known.contains(&name) {
        Ok(name.to_string())
    } else {
        Err(CliError::new(format!(
            "unknown profile '{}' given to --profile; known profiles: {}",
            printable(name),
            known.join(", ")
        )))
    }
}

/// A byte count with an optional binary suffix: `65536`, `64K`, `16M`, `1G`
/// (also `KiB`, `MiB`, `GiB`, any case). At least [`MIN_CAP`]. `flag` names
/// the option in messages.
pub fn byte_count(flag: &str, text: &str) -> Result<usize, CliError> {
    let bad = || {
        CliError::new(format!(
            "invalid value '{}' for {flag}: expected a byte count of at least {MIN_CAP}, such as 1048576, 64K or 16M",
            printable(text)
        ))
    };
    let lower = text.trim().to_ascii_lowercase();
    let (digits, shift) = [("kib", 10), ("k", 10), ("mib", 20), ("m", 20), ("gib", 30), ("g", 30)]
        .into_iter()
        .find_map(|(suffix, shift)| lower.strip_suffix(suffix).map(|d| (d, shift)))
        .unwrap_or((&lower, 0));
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: usize = digits.parse().map_err(|_| bad())?;
    let n = n.checked_mul(1usize << shift).ok_or_else(bad)?;
    if n < MIN_CAP {
        return Err(bad());
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Parsed, CliError> {
        parse(args.iter().map(OsString::from))
    }

    fn options(args: &[&str]) -> Options {
        match parse_strs(args) {
            Ok(Parsed::Run(_, options)) => options,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        match parse_strs(args) {
            Err(e) => e.0,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn commands_help_and_version() {
        assert_eq!(parse_strs(&["--help"]), Ok(Parsed::Help(None)));
        assert_eq!(parse_strs(&["-h"]), Ok(Parsed::Help(None)));
        assert_eq!(parse_strs(&["help"]), Ok(Parsed::Help(None)));
        assert_eq!(parse_strs(&["help", "scan"]), Ok(Parsed::Help(Some(Command::Scan))));
        assert_eq!(parse_strs(&["scrub", "-h"]), Ok(Parsed::Help(Some(Command::Scrub))));
        assert_eq!(parse_strs(&["rules", "--help"]), Ok(Parsed::Help(Some(Command::Rules))));
        assert_eq!(parse_strs(&["--version"]), Ok(Parsed::Version));
        assert_eq!(parse_strs(&["-V"]), Ok(Parsed::Version));
        assert!(matches!(parse_strs(&["scan"]), Ok(Parsed::Run(Command::Scan, _))));
    }

    #[test]
    fn options_and_files_in_any_order() {
        let o = options(&["scan", "a.log", "--json", "--profile=strict", "-", "--config", "c.json", "b.log"]);
        assert!(o.json);
        assert_eq!(o.profile.as_deref(), Some("strict"));
        assert_eq!(o.config, Some(PathBuf::from("c.json")));
        assert_eq!(o.inputs, [Input::File("a.log".into()), Input::Stdin, Input::File("b.log".into())]);
        let o = options(&["scrub", "--no-progress", "--max-line-bytes", "64K", "--", "--json", "-"]);
        assert!(!o.progress);
        assert_eq!(o.max_line_bytes, 64 * 1024);
        assert_eq!(o.inputs, [Input::File("--json".into()), Input::Stdin]);
        assert_eq!(options(&["scrub"]), Options::default());
    }

    #[test]
    fn structured_input_options() {
        let o = options(&["scrub", "--format", "ndjson", "--on-invalid=drop", "--max-document-bytes", "1M"]);
        assert_eq!(o.format, Some(Format::Ndjson));
        assert_eq!(o.on_invalid, OnInvalid::Drop);
        assert_eq!(o.max_document_bytes, 1 << 20);
        let o = options(&["scan", "--format=json", "--json", "--on-invalid", "fail"]);
        assert_eq!((o.format, o.on_invalid, o.json), (Some(Format::Json), OnInvalid::Fail, true));
        assert_eq!(options(&["scan"]).format, None);
        assert!(error(&["scrub", "--format", "yaml"]).contains("invalid value 'yaml' for --format"));
        assert!(error(&["scrub", "--format"]).contains("'--format' needs a value: text, json or ndjson"));
        assert!(error(&["scan", "--on-invalid", "skip"]).contains("expected pass, drop or fail"));
        assert!(error(&["scrub", "--max-document-bytes", "x"]).contains("for --max-document-bytes"));
        assert!(error(&["rules", "--format", "json"]).contains("unknown option '--format'"));
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert!(error(&[]).contains("missing command"));
        assert!(error(&["scurb"]).contains("unknown command 'scurb'"));
        assert!(error(&["--bogus"]).contains("unknown option '--bogus'"));
        assert!(error(&["scrub", "--bogus"]).contains("unknown option '--bogus' for 'scrubjay scrub'"));
        assert!(error(&["scrub", "-x"]).contains("unknown option '-x'"));
        assert!(error(&["scrub", "--json"]).contains("unknown option '--json'"));
        assert!(error(&["rules", "--max-line-bytes", "5"]).contains("unknown option"));
        assert!(error(&["rules", "file.log"]).contains("takes no files"));
        assert!(error(&["scan", "--config"]).contains("'--config' needs a value"));
        assert!(error(&["scan", "--config", "--json"]).contains("'--config' needs a value"));
        assert!(error(&["scan", "--json=yes"]).contains("takes no value"));
        assert!(error(&["scan", "--profile", "paranoid"]).contains("known profiles: default, strict"));
        assert!(error(&["scrub", "--max-line-bytes", "lots"]).contains("invalid value 'lots'"));
        assert!(error(&["help", "nope"]).contains("no help for 'nope'"));
        assert!(error(&["help", "scan", "extra"]).contains("unexpected argument"));
    }

    #[test]
    fn byte_counts() {
        let count = |text| byte_count("--max-line-bytes", text);
        assert_eq!(count("4"), Ok(4));
        assert_eq!(count("1k"), Ok(1024));
        assert_eq!(count("16M"), Ok(16 << 20));
        assert_eq!(count("2MiB"), Ok(2 << 20));
        assert_eq!(count("1G"), Ok(1 << 30));
        for bad in ["", "3", "0", "-5", "1.5M", "M", "12x", "99999999999999999999999", "99999999999999999G"] {
            assert!(count(bad).is_err(), "{bad}");
        }
        let e = byte_count("--max-document-bytes", "big").map_err(|e| e.0);
        assert!(e.is_err_and(|e| e.starts_with("invalid value 'big' for --max-document-bytes:")));
    }
}
