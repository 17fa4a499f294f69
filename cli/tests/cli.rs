//! End-to-end tests of the `scrubjay` binary.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use common::{TempDir, assert_error, p, run, scrubjay, stderr, stdout};

// ----- scrub -----

#[test]
fn scrub_is_line_for_line_and_keeps_terminators() {
    let dir = TempDir::new();
    let input = b"mail ada@example.com\r\nclean line\n\n\r\nip 10.1.2.3 end";
    let file = dir.file("in.log", input);
    let o = run(&["scrub", p(&file)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "mail [email]\r\nclean line\n\n\r\nip [ipv4] end");
    assert!(o.stderr.is_empty());
}

#[test]
fn scrub_reads_stdin_when_no_file_or_dash() {
    let input = b"call +44 20 7946 0958\nnothing here\n";
    for args in [&["scrub"][..], &["scrub", "-"][..]] {
        let o = run(args, input);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), "call [phone]\nnothing here\n");
    }
}

#[test]
fn scrub_reads_files_and_stdin_in_order() {
    let dir = TempDir::new();
    let a = dir.file("a.log", "a ada@example.com\n");
    let b = dir.file("b.log", "b 10.0.0.1\n");
    let o = run(&["scrub", p(&a), "-", p(&b)], b"stdin line\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "a [email]\nstdin line\nb [ipv4]\n");
}

#[test]
fn scrub_passes_invalid_utf8_through() {
    let input = b"\xff\xfe bytes ada@example.com \xc3\x28 \xe2\x82\n\x80\r\n";
    let o = run(&["scrub"], input);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, b"\xff\xfe bytes [email] \xc3\x28 \xe2\x82\n\x80\r\n");
}

#[test]
fn scrub_uses_config_and_profile() {
    let dir = TempDir::new();
    let config = dir.file(
        "config.json",
        r#"{"profile": "strict", "rules": {
            "email": {"action": "remove"},
            "employee_id": {"pattern": "EMP-[0-9]{6}"}
        }}"#,
    );
    let input = b"EMP-123456 <ada@example.com> 123e4567-e89b-12d3-a456-426614174000\n";
    let o = run(&["scrub", "--config", p(&config)], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "[employee_id] <> [uuid]\n");

    // --profile overrides the config's profile; the config's rules still apply.
    let o = run(&["scrub", "--config", p(&config), "--profile", "default"], input);
    assert_eq!(stdout(&o), "[employee_id] <> 123e4567-e89b-12d3-a456-426614174000\n");

    let o = run(&["scrub", "--profile=secrets"], b"ada@example.com password=hunter2\n");
    assert_eq!(stdout(&o), "ada@example.com password=[password_assignment]\n");

    let o = run(&["scrub", "--profile", "none"], b"ada@example.com\n");
    assert_eq!(stdout(&o), "ada@example.com\n");
}

#[test]
fn scrub_cuts_long_lines_and_keeps_one_output_line() {
    let dir = TempDir::new();
    let mut line = String::new();
    for i in 0..500 {
        line.push_str(&format!("word{i} user{i}@example.com "));
    }
    let mut input = line.clone().into_bytes();
    input.extend_from_slice(b"\r\n");
    // A long line without whitespace, with multi-byte characters.
    let solid = "é€😀x".repeat(300);
    input.extend_from_slice(solid.as_bytes());
    input.extend_from_slice(b"\nshort 10.0.0.1\n");
    let file = dir.file("long.log", &input);

    let o = run(&["scrub", "--max-line-bytes", "64", p(&file)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 3, "{out}");
    let mut expected = String::new();
    for i in 0..500 {
        expected.push_str(&format!("word{i} [email] "));
    }
    assert_eq!(lines[0], expected + "\r\n");
    assert_eq!(lines[1], solid + "\n");
    assert_eq!(lines[2], "short [ipv4]\n");
}

#[test]
fn scrub_goes_on_after_an_unreadable_file() {
    let dir = TempDir::new();
    let a = dir.file("a.log", "a ada@example.com\n");
    let missing = dir.path("missing.log");
    let b = dir.file("b.log", "b 10.0.0.1\n");
    let o = run(&["scrub", p(&a), p(&missing), p(&b)], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "a [email]\nb [ipv4]\n");
    let err = stderr(&o);
    assert!(err.contains(&format!("scrubjay: cannot read '{}'", p(&missing))), "{err}");
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn scrub_reports_a_directory() {
    let dir = TempDir::new();
    let o = run(&["scrub", p(&dir.0)], b"");
    assert_error(&o, "is a directory");
}

#[test]
fn scrub_handles_the_sample_log() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample.log");
    let input = std::fs::read(&sample).unwrap();
    let o = run(&["scrub", p(&sample)], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let text = String::from_utf8_lossy(&input);
    assert_eq!(out.lines().count(), text.lines().count());
    for secret in [
        "maria.gonzalez@example.org",
        "4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00",
        "123-45-6789",
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_",
        "hunter2",
        "S3cr3tPw",
        "eyJhbGci",
        "203.0.113.42",
        "2001:db8:85a3::8a2e:370:7334",
    ] {
        assert!(text.contains(secret), "{secret} missing from the sample");
        assert!(!out.contains(secret), "{secret} was not scrubbed");
    }
    let changed = text.lines().zip(out.lines()).filter(|(a, b)| a != b).count();
    assert!((12..=20).contains(&changed), "{changed} lines changed");
    assert!(out.contains("2024-05-14T09:12:03.114Z INFO  api-gateway starting version=2.14.3 pid=48213 workers=8\n"));
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = TempDir::new();
    let line = "2024-05-14 INFO user ada@example.com logged in from 10.0.0.1 ok\n";
    let file = dir.file("big.log", line.repeat(200_000));
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
        assert_ne!(o.status.code(), Some(101), "{command} panicked: {err}");
        assert!(o.status.code().is_some(), "{command} was killed by a signal");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.is_empty(), "{command}: {err}");
    }
}

// ----- scan -----

#[test]
fn scan_json_lines_and_exit_status() {
    let dir = TempDir::new();
    let file = dir.file("app.log", "clean\ncafé ada@example.com and 10.1.2.3\n");
    let o = run(&["scan", "--json", p(&file)], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let objects: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objects.len(), 2);
    let email = &objects[0];
    let mut keys: Vec<&str> = email.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected_keys = ["file", "line", "rule", "start", "end", "column", "action"];
    expected_keys.sort_unstable();
    assert_eq!(keys, expected_keys);
    assert_eq!(email["file"], p(&file));
    assert_eq!(email["line"], 2);
    assert_eq!(email["rule"], "email");
    assert_eq!(email["start"], 6);
    assert_eq!(email["end"], 21);
    assert_eq!(email["column"], 6);
    assert_eq!(email["action"], "replace");
    assert_eq!(objects[1]["rule"], "ipv4");
    assert_eq!(objects[1]["column"], 26);
    assert!(!out.contains("ada@example.com"));

    let o = run(&["scan", "--json"], b"nothing to see\n");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());

    let o = run(&["scan", "--json", "-"], b"x 10.0.0.1\n");
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim_end()).unwrap();
    assert_eq!(v["file"], "-");
}

#[test]
fn scan_human_lines_never_show_the_secret() {
    let o = run(&["scan"], b"ok\nlogin password=hunter2hunter2 mail ada@example.com\n");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out, "-:2:16 password_assignment (replace) *** (14 chars)\n-:2:36 email (replace) ad*** (15 chars)\n");
    assert!(!out.contains("hunter2"));
}

#[test]
fn scan_reports_keep_actions_too() {
    let dir = TempDir::new();
    let config = dir.file("keep.json", r#"{"rules": {"email": {"action": "keep"}}}"#);
    let o = run(&["scan", "--json", "--config", p(&config)], b"ada@example.com\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(r#""action":"keep""#));
}

#[test]
fn scan_error_wins_over_findings() {
    let dir = TempDir::new();
    let file = dir.file("a.log", "ada@example.com\n");
    let o = run(&["scan", p(&file), p(&dir.path("nope.log"))], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("email"));
    assert!(stderr(&o).contains("cannot read"));
}

// ----- rules -----

#[test]
fn rules_lists_the_catalogue() {
    let o = run(&["rules"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let ids: Vec<&str> = out.lines().filter_map(|l| l.split_whitespace().next()).collect();
    for id in ["email", "credit_card", "ipv4", "jwt", "uuid", "user_path"] {
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id}");
    }
    let line = |id: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap()
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
    };
    assert_eq!(line("email"), ["email", "pii", "enabled", "replace"]);
    assert_eq!(line("uuid"), ["uuid", "identifier", "disabled", "-"]);

    let o = run(&["rules", "--profile", "strict"], b"");
    assert!(stdout(&o).lines().all(|l| l.contains(" enabled ")));
}

#[test]
fn rules_lists_custom_rules_of_the_config() {
    let dir = TempDir::new();
    let config = dir.file(
        "c.json",
        r#"{"profile": "secrets", "rules": {
            "employee_id": {"pattern": "EMP-[0-9]{6}", "description": "Employee ids"},
            "codename": {"terms": ["Bluebird"], "enabled": false}
        }}"#,
    );
    let o = run(&["rules", "--config", p(&config)], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let employee = out.lines().find(|l| l.starts_with("employee_id")).unwrap();
    assert!(employee.contains("pattern") && employee.contains("enabled") && employee.ends_with("Employee ids"));
    let codename = out.lines().find(|l| l.starts_with("codename")).unwrap();
    assert!(codename.contains("terms") && codename.contains("disabled"));
    let email = out.lines().find(|l| l.starts_with("email ")).unwrap();
    assert!(email.contains("disabled"), "secrets profile: {email}");
}

// ----- help, version, errors -----

#[test]
fn help_and_version() {
    let o = run(&["--help"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("scrubjay scrub"));
    for command in ["scrub", "scan", "rules"] {
        for flag in ["--help", "-h"] {
            let o = run(&[command, flag], b"");
            assert_eq!(o.status.code(), Some(0));
            assert!(stdout(&o).starts_with(&format!("Usage: scrubjay {command}")));
        }
        let o = run(&["help", command], b"");
        assert!(stdout(&o).starts_with(&format!("Usage: scrubjay {command}")));
    }
    let o = run(&["scrub", "--help"], b"");
    assert!(stdout(&o).contains("could be missed"));
    let o = run(&["--version"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("scrubjay {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    assert_error(&run::<&str>(&[], b""), "missing command");
    assert_error(&run(&["scurb"], b""), "unknown command 'scurb'");
    assert_error(&run(&["scrub", "--bogus"], b""), "unknown option '--bogus'");
    assert_error(&run(&["scan", "--max-line-bytes", "2"], b""), "--max-line-bytes");
    assert_error(&run(&["scan", "--config"], b""), "'--config' needs a value");
    assert_error(&run(&["rules", "x.log"], b""), "takes no files");
    assert_error(&run(&["scrub", "--profile", "paranoid"], b""), "unknown profile 'paranoid'");
}

#[test]
fn missing_input_file_exits_2() {
    let dir = TempDir::new();
    let missing = dir.path("missing.log");
    for command in ["scrub", "scan"] {
        let o = run(&[command, p(&missing)], b"");
        assert_error(&o, &format!("cannot read '{}': No such file or directory", p(&missing)));
    }
}

#[test]
fn config_errors_exit_2() {
    let dir = TempDir::new();
    let missing = dir.path("x.json");
    assert_error(
        &run(&["scrub", "--config", p(&missing)], b""),
        &format!("cannot read config '{}': No such file or directory", p(&missing)),
    );

    let bad_json = dir.file("bad.json", "{\n  \"rules\": {\n    \"email\": {\"enabled\": tru}\n  }\n}\n");
    for command in ["scrub", "scan", "rules"] {
        let o = run(&[command, "--config", p(&bad_json)], b"ada@example.com\n");
        assert_error(&o, &format!("config '{}': invalid config", p(&bad_json)));
        assert!(stderr(&o).contains("line 3, column"), "{}", stderr(&o));
    }

    let typo = dir.file("typo.json", r#"{"rules": {"emial": {"enabled": true}}}"#);
    assert_error(&run(&["scan", "--config", p(&typo)], b""), "did you mean `email`");

    let bad_profile = dir.file("profile.json", r#"{"profile": "paranoid"}"#);
    assert_error(&run(&["rules", "--config", p(&bad_profile)], b""), "unknown profile `paranoid`");

    let bad_regex = dir.file("regex.json", r#"{"rules": {"x": {"pattern": "a("}}}"#);
    assert_error(&run(&["scrub", "--config", p(&bad_regex)], b""), "rule `x`");

    let not_utf8 = dir.file("latin1.json", b"{\"profile\": \"d\xe9fault\"}");
    assert_error(&run(&["scrub", "--config", p(&not_utf8)], b""), "not valid UTF-8");
}
