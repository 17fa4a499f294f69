//! Throughput of the C API against the pure-Rust call, line by line, on the
//! core's log corpora (150-byte lines), for docs/PERFORMANCE.md.
//!
//! The C functions are called through `extern "C"` function pointers hidden
//! from the optimizer (`black_box`), so every call crosses the C ABI as a
//! C caller's would, with the argument checks, the panic guard and the
//! result handling; nothing is inlined into the loop.
//!
//! Usage: `cargo bench -p scrubjay-c --bench c_api [-- SECONDS]` (default
//! 10 seconds per corpus, during which the methods take turns pass by pass;
//! each method's fastest pass counts, so that the ratios hold on a noisy,
//! shared machine). `-- --test` runs each method once, quickly.
//! `-- --only METHOD CORPUS` (METHOD `rust`, `scrub` or `into`; CORPUS
//! `clean` or `typical`) runs one method for 20 passes and nothing else, to
//! count its instructions: `valgrind --tool=callgrind target/release/deps/c_api-* --only scrub clean`.

use std::hint::black_box;
use std::ptr;
use std::time::Instant;

use scrubjay::Scrubber;
use scrubjay_benches::{clean_logs, typical_logs};
use scrubjay_c::*;

type ScrubFn = unsafe extern "C" fn(
    *const scrubjay_scrubber,
    *const u8,
    usize,
    *mut *mut scrubjay_result,
    *mut *mut scrubjay_error,
) -> scrubjay_status;

type IntoFn = unsafe extern "C" fn(
    *const scrubjay_scrubber,
    *const u8,
    usize,
    *mut u8,
    usize,
    *mut usize,
    *mut bool,
    *mut *mut scrubjay_error,
) -> scrubjay_status;

/// The fastest pass of each method over the corpus, in MB/s. The methods
/// take turns pass by pass (in rotating order) for about `secs` seconds, so
/// that all see the same machine; the fastest pass is the least disturbed
/// by the other work on a shared machine.
fn fastest(bytes: usize, secs: f64, methods: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    let mut best = vec![f64::INFINITY; methods.len()];
    let start = Instant::now();
    let mut turn = 0;
    loop {
        for k in 0..methods.len() {
            let m = (turn + k) % methods.len();
            let t = Instant::now();
            methods[m]();
            best[m] = best[m].min(t.elapsed().as_secs_f64());
        }
        turn += 1;
        if start.elapsed().as_secs_f64() >= secs {
            break;
        }
    }
    best.iter().map(|t| bytes as f64 / t / 1e6).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--test");
    let secs: f64 = args.iter().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10.0);
    let secs = if quick { 0.0 } else { secs };
    let only = args.iter().position(|a| a == "--only").map(|i| (args[i + 1].clone(), args[i + 2].clone()));

    let s = Scrubber::default();
    let mut handle = ptr::null_mut();
    // SAFETY: valid out pointer.
    assert_eq!(unsafe { scrubjay_scrubber_new_default(&mut handle, ptr::null_mut()) }, scrubjay_status::Ok);
    let handle = handle.cast_const();
    let scrub: ScrubFn = black_box(scrubjay_scrub as ScrubFn);
    let scrub_into: IntoFn = black_box(scrubjay_scrub_into as IntoFn);

    println!("per-line calls on 150-byte lines, MB/s (fastest pass over the corpus in {secs:.0} s of turns)");
    println!(
        "{:<8} {:>10} {:>10} {:>12} {:>12} {:>12}",
        "corpus", "Rust", "C scrub", "C into", "scrub/Rust", "into/Rust"
    );
    for (name, lines) in [("clean", clean_logs(10_000)), ("typical", typical_logs(10_000))] {
        let bytes: usize = lines.iter().map(String::len).sum();
        let avg = bytes as f64 / lines.len() as f64;
        let mut buf = vec![0u8; 4096];
        let mut rust = || {
            for l in &lines {
                black_box(s.scrub(black_box(l)));
            }
        };
        let mut c_scrub = || {
            for l in &lines {
                let mut r = ptr::null_mut();
                // SAFETY: valid scrubber, input and out pointer.
                let st = unsafe { scrub(handle, l.as_ptr(), l.len(), &mut r, ptr::null_mut()) };
                debug_assert_eq!(st, scrubjay_status::Ok);
                let mut n = 0;
                // SAFETY: NULL or a result from the call above, freed once.
                unsafe {
                    black_box(scrubjay_result_text(r, &mut n));
                    scrubjay_result_free(r);
                }
            }
        };
        let mut c_into = || {
            for l in &lines {
                let (mut n, mut changed) = (0usize, false);
                // SAFETY: valid scrubber, input, buffer and out pointers.
                let st = unsafe {
                    scrub_into(
                        handle,
                        l.as_ptr(),
                        l.len(),
                        buf.as_mut_ptr(),
                        buf.len(),
                        &mut n,
                        &mut changed,
                        ptr::null_mut(),
                    )
                };
                debug_assert_eq!(st, scrubjay_status::Ok);
                black_box((n, changed));
            }
        };
        if let Some((method, corpus)) = &only {
            if corpus == name {
                let f: &mut dyn FnMut() = match method.as_str() {
                    "rust" => &mut rust,
                    "scrub" => &mut c_scrub,
                    _ => &mut c_into,
                };
                for _ in 0..20 {
                    f();
                }
            }
            continue;
        }
        // Warm up, then take turns.
        rust();
        c_scrub();
        c_into();
        let best = fastest(bytes, secs, &mut [&mut rust, &mut c_scrub, &mut c_into]);
        println!(
            "{name:<8} {:>10.0} {:>10.0} {:>12.0} {:>12.3} {:>12.3}   ({} lines, {avg:.0} bytes on average)",
            best[0],
            best[1],
            best[2],
            best[1] / best[0],
            best[2] / best[0],
            lines.len()
        );
    }
    // SAFETY: created above, freed once.
    unsafe { scrubjay_scrubber_free(handle.cast_mut()) };
}
