//! The help texts.

use crate::args::Command;

pub const TOOL: &str = "\
scrubjay - find and scrub PII and secrets in text

Usage:
  scrubjay scrub [OPTIONS] [FILE...]   copy FILEs (or stdin) to stdout, scrubbed
  scrubjay scan [OPTIONS] [FILE...]    report findings; exit 1 if any, 0 if none
  scrubjay rules [OPTIONS]             list the rules and which are enabled
  scrubjay help [COMMAND]              show the help of a command

Options:
  -h, --help       show this help
  -V, --version    show the version

Run 'scrubjay COMMAND --help' for the options of a command.
Configuration is JSON; see docs/config.md. The rules are described in
docs/rules.md.

Exit status: 0 success (scan: nothing found), 1 scan found something,
2 error (bad arguments, bad config, unreadable file, unwritable output).
";

pub const SCRUB: &str = "\
Usage: scrubjay scrub [OPTIONS] [FILE...]

Copies each FILE in order (standard input when there is none, or for '-')
to standard output, with the PII and secrets found replaced, masked, hashed
or removed as the config says.

Text is processed line by line: each input line gives exactly one output
line, and each line keeps its terminator (\\n, \\r\\n, or none on the last
line). Bytes that are not valid UTF-8 are passed through unchanged.
A finding that spans several lines (e.g. the body lines of a multi-line PEM
private key) is only scrubbed on the lines where its rule matches by itself.

Options:
      --config FILE        the JSON config to use (see docs/config.md)
      --profile NAME       start from this profile, overriding the config's:
                           default, strict, secrets or none
      --max-line-bytes N   cut lines longer than N bytes into pieces
                           (default 16M; suffixes K, M, G; at least 4)
      --no-progress        never show a progress line
  -h, --help               show this help

Long lines: memory stays bounded whatever the input (a few times
--max-line-bytes at most). A line longer than --max-line-bytes is cut into
pieces just after its last whitespace before the limit (or at a character
boundary when there is none), and each piece is scrubbed on its own. A
finding that straddles such a cut inside a giant line could be missed. The
output is still one line for that line.

Progress: for files of 32 MiB or more, a progress line (percent and MB/s)
is shown on standard error when standard error is a terminal and standard
output is not.

Unreadable files are reported on standard error; the other files are still
processed, and the exit status is then 2.

Exit status: 0 success, 2 error.
";

pub const SCAN: &str = "\
Usage: scrubjay scan [OPTIONS] [FILE...]

Reports the findings in each FILE (standard input when there is none, or
for '-'), one per line, without printing the secrets themselves:

  FILE:LINE:COLUMN RULE (ACTION) PREVIEW

PREVIEW shows the first two characters of longer findings that are not
secrets (e.g. 'ad*** (15 chars)'), else only '***' and the length. LINE and
COLUMN are 1-based; COLUMN counts characters. Standard input is named '-'.

With --json, each finding is one JSON object per line:

  {\"file\":\"app.log\",\"line\":3,\"rule\":\"email\",\"start\":10,\"end\":25,
   \"column\":11,\"action\":\"replace\"}

where start and end are byte offsets in the line (end exclusive).

Lines are scanned one at a time, as by 'scrubjay scrub': findings that span
lines are not reported whole, and a finding straddling a cut of a line
longer than --max-line-bytes could be missed.

Options:
      --json               write JSON lines instead of text
      --config FILE        the JSON config to use (see docs/config.md)
      --profile NAME       start from this profile, overriding the config's:
                           default, strict, secrets or none
      --max-line-bytes N   cut lines longer than N bytes into pieces
                           (default 16M; suffixes K, M, G; at least 4)
      --no-progress        never show a progress line
  -h, --help               show this help

Exit status: 0 nothing found, 1 something found, 2 error (an error wins,
even when something was found). Use it to gate CI:

  scrubjay scan --profile secrets build.log || exit 1
";

pub const RULES: &str = "\
Usage: scrubjay rules [OPTIONS]

Lists every builtin rule, then the custom rules of the config, one per line:

  ID  CATEGORY  enabled|disabled  ACTION  SUMMARY

CATEGORY is pii, secret, network or identifier for builtin rules, and
pattern or terms for custom rules. ACTION is what the rule does when enabled
('-' when disabled).

Options:
      --config FILE        the JSON config to use (see docs/config.md)
      --profile NAME       start from this profile, overriding the config's:
                           default, strict, secrets or none
  -h, --help               show this help

Exit status: 0 success, 2 error.
";

/// The help text for the tool (`None`) or a command.
pub fn text(command: Option<Command>) -> &'static str {
    match command {
        None => TOOL,
        Some(Command::Scrub) => SCRUB,
        Some(Command::Scan) => SCAN,
        Some(Command::Rules) => RULES,
    }
}
