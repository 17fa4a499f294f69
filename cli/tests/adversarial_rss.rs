//! Adversarial inputs through the `scrubjay` binary, with its memory
//! checked: the peak resident set size of the child processes, from
//! `getrusage(RUSAGE_CHILDREN)` (Linux). That is a maximum over every child
//! of this process, so this file holds one test and nothing else runs
//! processes here. Time is checked as in `adversarial.rs`.

mod adv_util;
mod common;

use adv_util::{best_of_3, check_linear, children_peak_rss, ok, repeat, scaled};
use common::run;

const EMAIL: &str = "ada@example.com";

/// Long lines and big inputs: linear time, memory bounded by the input
/// and by `--max-line-bytes`.
#[test]
fn long_lines_and_big_inputs() {
    let scrubber = scrubjay::Scrubber::default();

    // 1 MB on one line, no newline, secrets throughout.
    let unit = format!("id=12345 {EMAIL} ok 10.0.0.1 x ");
    let (input, out) = check_linear("1 MB line, no newline", &["scrub"], 1 << 20, |n| repeat(&unit, n));
    ok(&out);
    assert_eq!(out.stdout, scrubber.scrub_bytes(&input).into_owned(), "the CLI and the library disagree");
    assert!(!out.stdout.ends_with(b"\n"), "a newline was added");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(EMAIL));

    // 10 MB of digits, `@` and `.` on one line.
    for unit in ["0123456789", "@.", "4111 1111 1111 1112 "] {
        let tail = format!(" {EMAIL}");
        let (_, out) = check_linear(&format!("10 MB of `{}`", unit.trim_end()), &["scrub"], scaled(10 << 20), |n| {
            let mut v = repeat(unit, n);
            v.extend_from_slice(tail.as_bytes());
            v
        });
        ok(&out);
        assert!(out.stdout.ends_with(b" [email]"));
    }

    // A 64 MB line under a 1 MiB --max-line-bytes: memory follows the cap,
    // not the line; the line is cut at whitespace, so the emails survive
    // whole and are all scrubbed.
    let giant = repeat(&format!("{EMAIL} "), scaled(64 << 20));
    let (t, out) = best_of_3(1, || run(&["scrub", "--max-line-bytes", "1M"], &giant));
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("[email]").count(), giant.len() / (EMAIL.len() + 1));
    assert!(!text.contains('\n'), "one line in, one line out");
    eprintln!(
        "cost: cli {:.0} MB line with --max-line-bytes 1M | {:.1} ms | {:.1} MB/s",
        giant.len() as f64 / (1 << 20) as f64,
        t.as_secs_f64() * 1e3,
        giant.len() as f64 / (1 << 20) as f64 / t.as_secs_f64()
    );

    if let Some(rss) = children_peak_rss() {
        // The largest inputs: 10 MB held whole (default cap 16M) plus
        // output and pipes; the 64 MB line must not be held whole.
        let bound = 48 << 20;
        eprintln!("cost: cli peak RSS over these runs: {:.1} MB", rss as f64 / (1 << 20) as f64);
        assert!(rss < bound, "peak RSS of the CLI {rss} bytes; bound {bound}");
    }
}
