//! End-to-end tests of structured input: `--format json|ndjson`, detection
//! by file extension, `--on-invalid`, `--max-document-bytes`, and scan
//! reports with JSON Pointers.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{TempDir, assert_error, p, run, scrubjay, stderr, stdout};

/// A pretty-printed document: odd spacing, CRLF, escapes, number spellings.
const DOC: &str = "{\r\n  \"user\" : {\"email\":   \"ada@example.com\",\r\n\t\"age\": 36.50},\r\n  \"token\": \"abc\",\r\n  \"note\": \"caf\\u00e9 at 10.1.2.3\",\r\n  \"list\": [ 1e3, true, null ]\r\n}\r\n";

// Rewritten strings keep their escapes (`\u00e9` stays as written): only the matched bytes change.
const DOC_SCRUBBED: &str = "{\r\n  \"user\" : {\"email\":   \"[email]\",\r\n\t\"age\": 36.50},\r\n  \"token\": \"[sensitive_key]\",\r\n  \"note\": \"caf\\u00e9 at [ipv4]\",\r\n  \"list\": [ 1e3, true, null ]\r\n}\r\n";

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

// ----- scrub: JSON documents -----

#[test]
fn json_document_keeps_its_formatting() {
    let dir = TempDir::new();
    let file = dir.file("doc.json", DOC);
    let o = run(&["scrub", p(&file)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), DOC_SCRUBBED);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));

    // From stdin with --format; a clean document comes out byte for byte.
    let o = run(&["scrub", "--format", "json"], DOC.as_bytes());
    assert_eq!(stdout(&o), DOC_SCRUBBED);
    let clean = "[ {\"a\" :1.0}\n,\"b\"  ]";
    let o = run(&["scrub", "--format=json"], clean.as_bytes());
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), clean.to_string()));
}

#[test]
fn invalid_json_document_exits_2_with_line_and_column() {
    let dir = TempDir::new();
    let bad = dir.file("bad.json", "{\n  \"a\": 1,\n  \"b\": tru\n}\n");
    let o = run(&["scrub", p(&bad)], b"");
    assert_error(&o, &format!("'{}': invalid JSON at line 3, column 8", p(&bad)));

    // The other inputs are still scrubbed; nothing is written for the bad one.
    let good = dir.file("good.json", "{\"ip\": \"10.0.0.1\"}\n");
    let o = run(&["scrub", p(&bad), p(&good)], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "{\"ip\": \"[ipv4]\"}\n");
    assert!(stderr(&o).contains("line 3, column 8"), "{}", stderr(&o));

    let o = run(&["scrub", "--format", "json"], b"{\"a\": \"\xff\"}");
    assert_error(&o, "standard input: not valid UTF-8 at line 1, column 8");
    let o = run(&["scrub", "--format", "json"], b"");
    assert_error(&o, "standard input: invalid JSON at line 1, column 1");
}

#[test]
fn ndjson_in_a_json_file_gets_a_hint() {
    let dir = TempDir::new();
    let file = dir.file("events.json", "{\"a\": 1}\n{\"b\": 2}\n");
    let o = run(&["scrub", p(&file)], b"");
    assert_error(&o, "invalid JSON at line 2, column 1");
    assert!(stderr(&o).contains("use --format ndjson"), "{}", stderr(&o));
    // No hint when the format was asked for.
    let o = run(&["scrub", "--format", "json", p(&file)], b"");
    assert!(!stderr(&o).contains("use --format ndjson"), "{}", stderr(&o));
}

#[test]
fn json_document_over_the_cap_is_refused() {
    let dir = TempDir::new();
    let doc = format!("{{\"pad\": \"{}\", \"ip\": \"10.0.0.1\"}}", "x".repeat(100));
    let file = dir.file("big.json", &doc);
    let o = run(&["scrub", "--max-document-bytes", "64", p(&file)], b"");
    assert_error(&o, &format!("'{}': JSON document larger than 64 bytes; raise --max-document-bytes", p(&file)));
    // The same from a pipe, whose size is not known in advance.
    let o = run(&["scan", "--format", "json", "--max-document-bytes", "64"], doc.as_bytes());
    assert_error(&o, "standard input: JSON document larger than 64 bytes");
    // Under the cap it is fine.
    let o = run(&["scrub", "--max-document-bytes", "1K", p(&file)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("\"ip\": \"[ipv4]\"}"));
}

// ----- scrub: NDJSON -----

const EVENTS: &str = "{\"msg\": \"mail ada@example.com\"}\n\n{\"password\": \"hunter2\"}\r\nnot json at all\n  \n{\"ip\": \"10.0.0.1\", \"ok\": true}";

#[test]
fn ndjson_is_line_for_line_and_passes_bad_lines_through() {
    let dir = TempDir::new();
    let file = dir.file("events.ndjson", EVENTS);
    let o = run(&["scrub", p(&file)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"msg\": \"mail [email]\"}\n\n{\"password\": \"[sensitive_key]\"}\r\nnot json at all\n  \n{\"ip\": \"[ipv4]\", \"ok\": true}"
    );
    let err = stderr(&o);
    assert_eq!(
        err,
        format!(
            "scrubjay: {}:4: invalid JSON at column 1: expected a value (string, number, object, array, true, false or null); passed through unchanged\n",
            p(&file)
        )
    );
}

#[test]
fn ndjson_bad_lines_can_be_dropped_or_fail_the_run() {
    let o = run(&["scrub", "--format", "ndjson", "--on-invalid", "drop"], EVENTS.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"msg\": \"mail [email]\"}\n\n{\"password\": \"[sensitive_key]\"}\r\n  \n{\"ip\": \"[ipv4]\", \"ok\": true}"
    );
    assert!(stderr(&o).starts_with("scrubjay: -:4: invalid JSON at column 1"), "{}", stderr(&o));
    assert!(stderr(&o).ends_with("; dropped\n"), "{}", stderr(&o));

    let o = run(&["scrub", "--format", "ndjson", "--on-invalid=fail"], EVENTS.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o).lines().count(), 6);
    assert!(stdout(&o).contains("\nnot json at all\n"));
    assert!(stderr(&o).contains("-:4: invalid JSON"), "{}", stderr(&o));
}

#[test]
fn ndjson_invalid_utf8_and_long_lines() {
    let long = format!("{{\"msg\": \"{} ada@example.com\"}}", "word ".repeat(40));
    let input = format!("{long}\n{{\"ip\": \"10.0.0.1\"}}\n").into_bytes();
    let mut input = [b"{\"a\": \"\xff\"}\n".as_slice(), &input].concat();
    input.extend_from_slice(b"[\"x\"]\n");

    let o = run(&["scrub", "--format", "ndjson", "--max-line-bytes", "64"], &input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = [b"{\"a\": \"\xff\"}\n".as_slice(), long.as_bytes(), b"\n{\"ip\": \"[ipv4]\"}\n[\"x\"]\n"].concat();
    assert_eq!(o.stdout, expected);
    let err = stderr(&o);
    assert!(err.contains("-:1: not valid UTF-8 at column 8; passed through unchanged"), "{err}");
    assert!(err.contains("-:2: line longer than --max-line-bytes (64 bytes); passed through unchanged"), "{err}");

    let o = run(&["scrub", "--format", "ndjson", "--max-line-bytes", "64", "--on-invalid", "drop"], &input);
    assert_eq!(stdout(&o), "{\"ip\": \"[ipv4]\"}\n[\"x\"]\n");
}

#[test]
fn many_bad_lines_are_summed_up() {
    let input = "oops\n".repeat(60);
    let o = run(&["scrub", "--format", "ndjson"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), input);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 51, "{err}");
    assert!(
        err.ends_with(
            "scrubjay: -: 60 invalid lines in all (passed through unchanged); only the first 50 are listed\n"
        )
    );
}

// ----- detection -----

#[test]
fn format_is_detected_by_extension_only() {
    let dir = TempDir::new();
    let event = "{\"token\": \"abc\"}\n";
    let as_json = "{\"token\": \"[sensitive_key]\"}\n";
    for name in ["a.json", "b.ndjson", "c.jsonl", "D.JSONL"] {
        let file = dir.file(name, event);
        let o = run(&["scrub", p(&file)], b"");
        assert_eq!((o.status.code(), stdout(&o)), (Some(0), as_json.to_string()), "{name}: {}", stderr(&o));
    }
    // Text: other extensions, and standard input, whatever the content.
    let log = dir.file("e.log", event);
    let as_text = run(&["scrub", p(&log)], b"");
    assert_ne!(stdout(&as_text), as_json);
    assert_eq!(stdout(&run(&["scrub"], event.as_bytes())), stdout(&as_text));
    // --format wins over the extension.
    let o = run(&["scrub", "--format", "ndjson", p(&log)], b"");
    assert_eq!(stdout(&o), as_json);
    let json = dir.file("f.json", event);
    assert_eq!(stdout(&run(&["scrub", "--format", "text", p(&json)], b"")), stdout(&as_text));
    // Each file by its own extension.
    let o = run(&["scrub", p(&json), p(&log)], b"");
    assert_eq!(stdout(&o), format!("{as_json}{}", stdout(&as_text)));
}

#[test]
fn bad_format_values_exit_2() {
    assert_error(
        &run(&["scrub", "--format", "yaml"], b""),
        "invalid value 'yaml' for --format: expected text, json or ndjson",
    );
    assert_error(&run(&["scan", "--format"], b""), "'--format' needs a value");
    assert_error(&run(&["scrub", "--on-invalid", "ignore"], b""), "expected pass, drop or fail");
    assert_error(&run(&["scan", "--max-document-bytes", "lots"], b""), "for --max-document-bytes");
    assert_error(&run(&["rules", "--format", "json"], b""), "unknown option '--format'");
}

// ----- scan -----

#[test]
fn scan_ndjson_json_shows_pointers() {
    let o = run(&["scan", "--format", "ndjson", "--json"], EVENTS.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    for secret in ["ada@example.com", "hunter2", "10.0.0.1"] {
        assert!(!out.contains(secret), "{out}");
    }
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 3, "{out}");
    let mut keys: Vec<&str> = objects[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["action", "end", "file", "line", "pointer", "rule", "start", "whole"]);
    let summary: Vec<(i64, &str, &str, i64, i64, bool)> = objects
        .iter()
        .map(|v| {
            (
                v["line"].as_i64().unwrap(),
                v["pointer"].as_str().unwrap(),
                v["rule"].as_str().unwrap(),
                v["start"].as_i64().unwrap(),
                v["end"].as_i64().unwrap(),
                v["whole"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "/msg", "email", 5, 20, false),
            (3, "/password", "sensitive_key", 0, 7, true),
            (6, "/ip", "ipv4", 0, 8, false)
        ]
    );
    assert_eq!(objects[0]["file"], "-");
    assert_eq!(objects[0]["action"], "replace");
    // The bad line is reported, not scanned.
    assert!(stderr(&o).contains("-:4: invalid JSON at column 1"), "{}", stderr(&o));
    assert!(stderr(&o).contains("not scanned"), "{}", stderr(&o));
}

#[test]
fn scan_human_lines_for_structured_input() {
    let dir = TempDir::new();
    let file = dir.file("events.jsonl", EVENTS);
    let o = run(&["scan", p(&file)], b"");
    assert_eq!(o.status.code(), Some(1));
    let f = p(&file);
    assert_eq!(
        stdout(&o),
        format!(
            "{f}:1 /msg email (replace) ad*** (15 chars)\n{f}:3 /password sensitive_key (replace) *** (7 chars)\n{f}:6 /ip ipv4 (replace) 10*** (8 chars)\n"
        )
    );

    // A document: each finding on the line where its value starts.
    let doc = dir.file("doc.json", DOC);
    let o = run(&["scan", p(&doc)], b"");
    assert_eq!(o.status.code(), Some(1));
    let d = p(&doc);
    assert_eq!(
        stdout(&o),
        format!(
            "{d}:2 /user/email email (replace) ad*** (15 chars)\n{d}:4 /token sensitive_key (replace) *** (3 chars)\n{d}:5 /note ipv4 (replace) 10*** (8 chars)\n"
        )
    );
    let o = run(&["scan", "--json", p(&doc)], b"");
    let objects = json_lines(&stdout(&o));
    assert_eq!(objects[2]["pointer"], "/note");
    assert_eq!((objects[2]["start"].as_i64(), objects[2]["end"].as_i64()), (Some(9), Some(17)));
}

#[test]
fn scan_exit_statuses_for_structured_input() {
    let o = run(&["scan", "--format", "ndjson"], b"{\"ok\": 1}\n\n[2]\n");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    // Bad lines leave the status alone, unless --on-invalid fail.
    let o = run(&["scan", "--format", "ndjson"], b"{\"ok\": 1}\nbad\n");
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["scan", "--format", "ndjson", "--on-invalid", "fail"], b"{\"ip\": \"10.0.0.1\"}\nbad\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("/ip ipv4"));
    // An invalid document is an error.
    let o = run(&["scan", "--format", "json"], b"{\"a\": }");
    assert_error(&o, "invalid JSON at line 1, column 7");
}

// ----- help, broken pipes -----

#[test]
fn help_describes_the_new_options() {
    for command in ["scrub", "scan"] {
        let out = stdout(&run(&[command, "--help"], b""));
        for needle in ["--format FORMAT", "--on-invalid", "--max-document-bytes", "file extension", "pointer"] {
            if command == "scrub" && needle == "pointer" {
                continue;
            }
            assert!(out.to_lowercase().contains(&needle.to_lowercase()), "{command}: {needle}");
        }
    }
    assert!(stdout(&run(&["--help"], b"")).contains("*.ndjson"));
}

#[test]
fn broken_pipe_exits_quietly_with_ndjson() {
    let dir = TempDir::new();
    let line = "{\"user\": \"ada@example.com\", \"ip\": \"10.0.0.1\", \"n\": 1}\n";
    let file = dir.file("big.ndjson", line.repeat(100_000));
    for command in ["scrub", "scan"] {
        let mut child =
            scrubjay().args([command, p(&file)]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        drop(reader);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(o.status.code().is_some(), "{command} was killed by a signal");
        assert_ne!(o.status.code(), Some(101), "{command} panicked: {err}");
        assert!(err.is_empty(), "{command}: {err}");
    }
}
