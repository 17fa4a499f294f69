//! Adversarial inputs through the `scrubjay` binary, with its memory
//! checked: the peak resident set size of the child processes, from
//! `getrusage(RUSAGE_CHILDREN)` (Linux).
//!
//! That figure is a maximum over every child of this process, and a child
//! started with `vfork` (as `std::process` does) also inherits the peak RSS
//! of this process. So this file holds one test, streams every input from
//! a file and every output to a file (this process never holds more than a
//! 64 KiB buffer), and runs the case with the tightest bound first.

mod adv_util;
mod common;

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use adv_util::{MAX_TIME_RATIO, children_peak_rss, scaled};
use common::{TempDir, scrubjay};

const EMAIL: &str = "ada@example.com";
const MIB: usize = 1 << 20;

/// Writes `unit` repeated to about `size` bytes, then `tail`, to `path`.
fn write_input(path: &Path, unit: &str, size: usize, tail: &str) {
    let mut w = BufWriter::new(File::create(path).expect("create input"));
    let chunk = unit.repeat((64 << 10) / unit.len());
    let mut left = size / unit.len();
    while left > 0 {
        let n = left.min(chunk.len() / unit.len());
        w.write_all(&chunk.as_bytes()[..n * unit.len()]).expect("write input");
        left -= n;
    }
    w.write_all(tail.as_bytes()).expect("write input");
    w.flush().expect("write input");
}

/// Runs `scrubjay args < input > output`; the wall time. Panics unless it
/// exits 0 with nothing on standard error.
fn run_files(args: &[&str], input: &Path, output: &Path) -> Duration {
    let t = Instant::now();
    let out = scrubjay()
        .args(args)
        .stdin(Stdio::from(File::open(input).expect("open input")))
        .stdout(Stdio::from(File::create(output).expect("create output")))
        .stderr(Stdio::piped())
        .output()
        .expect("run scrubjay");
    let elapsed = t.elapsed();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    elapsed
}

/// How often `needle` occurs in the file, the number of `\n` in it, and
/// its last bytes, read in chunks.
fn scan_file(path: &Path, needle: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut f = File::open(path).expect("open output");
    let mut buf = vec![0u8; 64 << 10];
    let mut carry: Vec<u8> = Vec::new();
    let (mut count, mut newlines) = (0, 0);
    loop {
        let n = f.read(&mut buf).expect("read output");
        if n == 0 {
            break;
        }
        newlines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        carry.extend_from_slice(&buf[..n]);
        let mut at = 0;
        while let Some(i) = memfind(&carry[at..], needle) {
            count += 1;
            at += i + needle.len();
        }
        // Keep what could start a match across the chunk boundary.
        let keep = carry.len().saturating_sub(needle.len() - 1).max(at);
        carry.drain(..keep);
    }
    let len = f.seek(SeekFrom::End(0)).expect("seek output");
    f.seek(SeekFrom::Start(len.saturating_sub(64))).expect("seek output");
    let mut tail = Vec::new();
    f.read_to_end(&mut tail).expect("read output");
    (count, newlines, tail)
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rss_mb() -> Option<f64> {
    children_peak_rss().map(|b| b as f64 / MIB as f64)
}

/// One run on `4n` against four runs on `n`, best of three tries; a failing
/// ratio is measured again (up to three attempts, the best counts), since a
/// load spike rarely hits every attempt and growth that is not linear does.
fn check_linear_files(name: &str, args: &[&str], dir: &TempDir, unit: &str, full: usize, tail: &str) {
    let (small, large, out) = (dir.path("small"), dir.path("large"), dir.path("out"));
    write_input(&small, unit, full / 4, tail);
    write_input(&large, unit, full, tail);
    let best = |reps: usize, input: &Path| {
        (0..3).map(|_| (0..reps).map(|_| run_files(args, input, &out)).sum::<Duration>()).min().unwrap_or_default()
    };
    let measure = || {
        let (t_small, t_large) = (best(4, &small), best(1, &large));
        (t_large, t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9))
    };
    let (mut t_large, mut ratio) = measure();
    for attempt in 1..3 {
        if t_large < Duration::from_millis(40) || ratio < MAX_TIME_RATIO {
            break;
        }
        eprintln!("cost: cli {name}: time ratio {ratio:.2} on attempt {attempt}; measuring again");
        let again = measure();
        if again.1 < ratio {
            (t_large, ratio) = again;
        }
    }
    eprintln!(
        "cost: cli {name} | {:.2} MB | {:.1} ms | {:.1} MB/s | time ratio {ratio:.2} (1 = linear)",
        full as f64 / MIB as f64,
        t_large.as_secs_f64() * 1e3,
        full as f64 / MIB as f64 / t_large.as_secs_f64().max(1e-9),
    );
    if t_large >= Duration::from_millis(40) {
        assert!(ratio < MAX_TIME_RATIO, "{name}: one run on 4x the input took {ratio:.1}x as long as four on 1x");
    }
}

#[test]
fn long_lines_and_big_inputs() {
    let dir = TempDir::new();
    let (input, output) = (dir.path("in"), dir.path("out"));
    let unit = format!("{EMAIL} ");

    // 1. A 64 MB line under a 1 MiB --max-line-bytes: memory follows the
    // cap, not the line. The line is cut at whitespace, so every email is
    // whole and scrubbed; one line in, one line out.
    let size = scaled(64 * MIB);
    write_input(&input, &unit, size, "");
    let t = run_files(&["scrub", "--max-line-bytes", "1M"], &input, &output);
    let (emails, newlines, _) = scan_file(&output, b"[email]");
    assert_eq!(emails, size / unit.len());
    assert_eq!(newlines, 0);
    let rss = rss_mb();
    eprintln!(
        "cost: cli {:.0} MB line, --max-line-bytes 1M | {:.1} ms | {:.1} MB/s | peak RSS {:.1} MB",
        size as f64 / MIB as f64,
        t.as_secs_f64() * 1e3,
        size as f64 / MIB as f64 / t.as_secs_f64(),
        rss.unwrap_or(f64::NAN)
    );
    if let Some(rss) = rss {
        assert!(rss < 32.0, "peak RSS {rss:.1} MB for a line cut at 1 MiB");
    }

    // 2. 64 MB of 1 KB lines, default settings: streamed.
    write_input(&input, &format!("{}\n", unit.repeat(63)), size, "");
    let t = run_files(&["scrub"], &input, &output);
    let (emails, _, _) = scan_file(&output, b"[email]");
    assert_eq!(emails, size / (unit.len() * 63 + 1) * 63);
    let rss = rss_mb();
    eprintln!(
        "cost: cli {:.0} MB of 1 KB lines | {:.1} ms | {:.1} MB/s | peak RSS so far {:.1} MB",
        size as f64 / MIB as f64,
        t.as_secs_f64() * 1e3,
        size as f64 / MIB as f64 / t.as_secs_f64(),
        rss.unwrap_or(f64::NAN)
    );
    if let Some(rss) = rss {
        assert!(rss < 32.0, "peak RSS {rss:.1} MB for 1 KB lines");
    }

    // 3. One line held whole (under the default 16 MiB cap): 1 MB without
    // a newline, 10 MB of digits, `@.` and almost-cards. Linear time; the
    // output is the library's.
    let tail = format!(" {EMAIL}");
    check_linear_files(
        "1 MB line, no newline",
        &["scrub"],
        &dir,
        "id=12345 ada@example.com ok 10.0.0.1 x ",
        scaled(MIB),
        "",
    );
    let (emails, newlines, _) = scan_file(&dir.path("out"), b"[email]");
    assert_eq!((emails, newlines), (scaled(MIB) / 39, 0), "no newline is added");
    for unit in ["0123456789", "@.", "4111 1111 1111 1112 "] {
        let name = format!("10 MB of `{}`", unit.trim_end());
        check_linear_files(&name, &["scrub"], &dir, unit, scaled(10 * MIB), &tail);
        let (_, _, last) = scan_file(&dir.path("out"), b"[email]");
        assert!(last.ends_with(b" [email]"), "{name}: the email at the end is lost");
    }
    if let Some(rss) = rss_mb() {
        // Input and output (10 MB each) plus the engine's trigger hits:
        // up to 8 bytes per `@` of the line.
        eprintln!("cost: cli peak RSS over 10 MB single lines: {rss:.1} MB");
        assert!(rss < 136.0, "peak RSS {rss:.1} MB");
    }
}
