//! The help texts.

use crate::args::Command;

pub const TOOL: &str = "\
scrubjay - find and scrub PII and secrets in text, JSON and NDJSON

Usage:
  scrubjay scrub [OPTIONS] [FILE...]   copy FILEs (or stdin) to stdout, scrubbed
  scrubjay scan [OPTIONS] [FILE...]    report findings; exit 1 if any, 0 if none
  scrubjay rules [OPTIONS]             list the rules and which are enabled
  scrubjay help [COMMAND]              show the help of a command

Options:
  -h, --help       show this help
  -V, --version    show the version

Run 'scrubjay COMMAND --help' for the options of a command. Files named
*.json are read as one JSON document, *.ndjson and *.jsonl as one JSON
value per line, anything else as text; --format overrides this.
Configuration is JSON; see docs/config.md. The rules are described in
docs/rules.md.

Exit status: 0 success (scan: nothing found), 1 scan found something,
2 error (bad arguments, bad config, unreadable file, invalid JSON document,
unwritable output).
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

JSON and NDJSON are scrubbed value by value: strings and numbers by the
rules, and whole values under keys that name secrets ('password',
'api_key', ...); see the 'json' section of docs/config.md. Bytes that need
no change are kept exactly (formatting, key order, number spelling).

Options:
      --format FORMAT      how to read the inputs: text, json (one JSON
                           document per input) or ndjson (one JSON value per
                           line; also 'jsonl'). Without it, the format goes
                           by the file extension only, never by the content:
                           .json is json, .ndjson and .jsonl are ndjson (any
                           case); other files and standard input are text
      --on-invalid WHAT    what to do with an NDJSON line that is not valid
                           JSON: pass (the default), drop or fail; see below
      --max-document-bytes N
                           refuse JSON documents larger than N bytes
                           (default 256M; suffixes K, M, G)
      --config FILE        the JSON config to use (see docs/config.md)
      --profile NAME       start from this profile, overriding the config's:
                           default, strict, secrets or none
      --max-line-bytes N   cut lines longer than N bytes into pieces
                           (default 16M; suffixes K, M, G; at least 4)
      --no-progress        never show a progress line
  -h, --help               show this help

Long lines: for text and NDJSON, memory stays bounded whatever the input
(a few times --max-line-bytes at most). A text line longer than
--max-line-bytes is cut into pieces just after its last whitespace before
the limit (or at a character boundary when there is none), and each piece
is scrubbed on its own. A finding that straddles such a cut inside a giant
line could be missed. The output is still one line for that line. (An
NDJSON line that long is an invalid line: see below.)

JSON documents (--format json): a document is read whole into memory, up
to --max-document-bytes, and written out scrubbed. A document that is too
large, not UTF-8 or not valid JSON is reported on standard error with its
line and column; nothing is written for it, the other files are still
processed, and the exit status is then 2. A UTF-8 byte order mark is kept.

NDJSON (--format ndjson): each input line gives exactly one output line
(none for a dropped line), and each line keeps its terminator. Empty and
whitespace-only lines pass through unchanged. A line that is not valid
JSON, not UTF-8, or longer than --max-line-bytes is reported on standard
error as FILE:LINE with the problem, and then with --on-invalid:

  pass   it is written out unchanged, NOT scrubbed; the exit status is
         not affected
  drop   it is left out of the output; the exit status is not affected
  fail   it is written out unchanged, and the exit status is 2 at the end

Only the first 50 invalid lines of each file are listed one by one, then
their number.

Progress: for text and NDJSON files of 32 MiB or more, a progress line
(percent and MB/s) is shown on standard error when standard error is a
terminal and standard output is not.

Unreadable files are reported on standard error; the other files are still
processed, and the exit status is then 2.

Exit status: 0 success, 2 error (including invalid JSON documents, and
invalid NDJSON lines with --on-invalid fail).
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

JSON and NDJSON (--format json or ndjson, or by the file extension as for
'scrubjay scrub'): each finding is reported with the JSON Pointer (RFC
6901) of its value instead of a column:

  FILE:LINE POINTER RULE (ACTION) PREVIEW

POINTER is '(root)' for the top-level value. For NDJSON, LINE is the line
of the event; for a JSON document, the line where the value starts (1 when
it cannot be located). With --json:

  {\"file\":\"app.ndjson\",\"line\":3,\"pointer\":\"/user/email\",\"rule\":\"email\",
   \"start\":0,\"end\":15,\"action\":\"replace\",\"whole\":false}

where start and end are byte offsets in the value (in the decoded string,
or in the JSON text of a number or other value), and whole tells whether
the finding is the whole value (e.g. under a key such as 'password'). There
is no column.

A JSON document that is too large, not UTF-8 or not valid JSON is an
error, as for 'scrubjay scrub'. An NDJSON line that is not valid JSON (or
not UTF-8, or too long) is reported on standard error and not scanned; with
--on-invalid fail the exit status is then 2 (pass, the default, and drop
leave it alone).

Options:
      --json               write JSON lines instead of text
      --format FORMAT      text, json or ndjson (also 'jsonl'); without it,
                           by the file extension only (see above)
      --on-invalid WHAT    pass (default), drop or fail: see above
      --max-document-bytes N
                           refuse JSON documents larger than N bytes
                           (default 256M; suffixes K, M, G)
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
