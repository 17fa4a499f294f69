//! A progress line on stderr for large files: `\r`-updated text with the
//! percentage done and the throughput.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::fail::printable;

/// Files at least this large get a progress line.
pub const MIN_SIZE: u64 = 32 << 20;
/// How often the line is redrawn.
const INTERVAL: Duration = Duration::from_millis(200);
/// How many bytes between looks at the clock.
const CHECK_EVERY: u64 = 1 << 20;

/// Whether progress may be shown at all: asked for (not `--no-progress`),
/// stderr is a terminal, and stdout is not (the output would tear the line).
pub fn wanted(asked: bool) -> bool {
    asked && io::stderr().is_terminal() && !io::stdout().is_terminal()
}

/// The progress of one input.
#[derive(Debug)]
pub struct Progress {
    /// `None` when disabled.
    state: Option<State>,
}

#[derive(Debug)]
struct State {
    name: String,
    total: u64,
    start: Instant,
    last_draw: Instant,
    last_check: u64,
    drawn: bool,
}

impl Progress {
    /// Progress for an input of `size` bytes (if known); enabled only when
    /// `wanted` and the size is known and at least [`MIN_SIZE`].
    pub fn new(name: &str, size: Option<u64>, wanted: bool) -> Progress {
        let state = size.filter(|&total| wanted && total >= MIN_SIZE).map(|total| {
            let now = Instant::now();
            State { name: printable(name), total, start: now, last_draw: now, last_check: 0, drawn: false }
        });
        Progress { state }
    }

    /// A progress that never shows.
    #[cfg(test)]
    pub fn disabled() -> Progress {
        Progress { state: None }
    }

    /// Notes that `done` bytes have been processed; redraws now and then.
    pub fn update(&mut self, done: u64) {
        let Some(s) = &mut self.state else { return };
        if done.saturating_sub(s.last_check) < CHECK_EVERY {
            return;
        }
        s.last_check = done;
        let now = Instant::now();
        if now.duration_since(s.last_draw) < INTERVAL {
            return;
        }
        s.last_draw = now;
        s.drawn = true;
        let text = line(&s.name, done, s.total, now.duration_since(s.start));
        let _ = write!(io::stderr().lock(), "\r{text}");
    }

    /// Clears the line.
    pub fn finish(&mut self) {
        if let Some(s) = self.state.take() {
            if s.drawn {
                let _ = write!(io::stderr().lock(), "\r\x1b[K");
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The text of the progress line, e.g. `scrubjay: big.log  42%  310.5 MB/s`.
pub fn line(name: &str, done: u64, total: u64, elapsed: Duration) -> String {
    let percent = if total == 0 { 100 } else { (u128::from(done.min(total)) * 100 / u128::from(total)) as u64 };
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { done as f64 / secs / 1e6 } else { 0.0 };
    format!("scrubjay: {name} {percent:>3}% {rate:.1} MB/s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_percent_and_rate() {
        let text = line("big.log", 50_000_000, 200_000_000, Duration::from_secs(2));
        assert_eq!(text, "scrubjay: big.log  25% 25.0 MB/s");
        assert_eq!(line("x", 5, 0, Duration::ZERO), "scrubjay: x 100% 0.0 MB/s");
        assert!(line("x", 10, 5, Duration::from_secs(1)).contains("100%"));
    }

    #[test]
    fn small_or_unknown_sizes_show_nothing() {
        assert!(Progress::new("a", Some(10), true).state.is_none());
        assert!(Progress::new("a", None, true).state.is_none());
        assert!(Progress::new("a", Some(MIN_SIZE), false).state.is_none());
        assert!(Progress::new("a", Some(MIN_SIZE), true).state.is_some());
        Progress::disabled().update(u64::MAX);
    }
}
