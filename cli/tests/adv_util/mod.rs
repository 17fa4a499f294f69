//! Helpers of the adversarial tests of the `scrubjay` binary.

// Each test crate uses its own subset of these.
#![allow(dead_code)]

use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::{run, stderr};

/// One run on 4× the input against four runs on the input: linear growth
/// gives ~1 (less, as four runs start four processes), quadratic ~4.
pub const MAX_TIME_RATIO: f64 = 3.0;

/// Process start-up dominates below this; such times are not compared.
pub const MIN_COMPARABLE: Duration = Duration::from_millis(40);

pub fn release() -> bool {
    !cfg!(debug_assertions)
}

/// `full` in release builds, `full / 32` in debug builds.
pub fn scaled(full: usize) -> usize {
    if release() { full } else { full / 32 }
}

/// The best wall time of three series of `reps` runs of `f`, and its last output.
pub fn best_of_3(reps: usize, mut f: impl FnMut() -> Output) -> (Duration, Output) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 1..reps {
            f();
        }
        let o = f();
        best = best.min(t.elapsed());
        last = Some(o);
    }
    (best, last.expect("ran three times"))
}

/// Runs `args` on inputs of `full / 4` and `full` bytes made by `make`;
/// checks that the time grows linearly, prints a `cost:` line, and returns
/// the output for the full size.
pub fn check_linear(name: &str, args: &[&str], full: usize, make: impl Fn(usize) -> Vec<u8>) -> (Vec<u8>, Output) {
    let small = make(full / 4);
    let large = make(full);
    let (t_small, _) = best_of_3(4, || run(args, &small));
    let (t_large, out) = best_of_3(1, || run(args, &large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    eprintln!(
        "cost: cli {name} | {:.2} MB | {:.1} ms | {:.1} MB/s | time ratio {ratio:.2} (1 = linear)",
        large.len() as f64 / (1 << 20) as f64,
        t_large.as_secs_f64() * 1e3,
        large.len() as f64 / (1 << 20) as f64 / t_large.as_secs_f64().max(1e-9),
    );
    if t_large >= MIN_COMPARABLE {
        assert!(
            ratio < MAX_TIME_RATIO,
            "{name}: one run on 4x the input took {ratio:.1}x as long as four on 1x ({t_small:?} vs {t_large:?})"
        );
    }
    (large, out)
}

/// `unit` repeated to about `size` bytes.
pub fn repeat(unit: &str, size: usize) -> Vec<u8> {
    unit.repeat(size / unit.len()).into_bytes()
}

/// The peak resident set size of any child process waited for so far, in
/// bytes (`None` where it cannot be read).
pub fn children_peak_rss() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        // `struct rusage` on 64-bit Linux: two `timeval`s, then 14 longs,
        // the first of which is `ru_maxrss` in KiB.
        #[repr(C)]
        struct Rusage {
            times: [i64; 4],
            maxrss: i64,
            rest: [i64; 13],
        }
        unsafe extern "C" {
            fn getrusage(who: i32, usage: *mut Rusage) -> i32;
        }
        const RUSAGE_CHILDREN: i32 = -1;
        let mut u = Rusage { times: [0; 4], maxrss: 0, rest: [0; 13] };
        // SAFETY: `u` is a valid, writable `struct rusage`.
        let rc = unsafe { getrusage(RUSAGE_CHILDREN, &mut u) };
        (rc == 0).then(|| usize::try_from(u.maxrss).unwrap_or(0) * 1024)
    }
    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    {
        None
    }
}

/// Asserts success: exit status 0 and nothing on standard error.
pub fn ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    assert!(o.stderr.is_empty(), "stderr: {}", stderr(o));
}
