//! `scrub` on clean input returns the input borrowed and allocates nothing:
//! a counting global allocator proves it. Only allocations made by the
//! current thread while counting is switched on are counted, so the test
//! harness's own threads cannot disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;

struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with` so that allocations during thread teardown are fine.
    let _ = ON.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    ON.with(|on| on.set(true));
    f();
    ON.with(|on| on.set(false));
    COUNT.with(|c| c.get())
}

/// Log lines without PII, but full of what the prefilters look at: digits,
/// timestamps, URLs, key=value pairs, colons, `@` and hook-like words.
fn clean_lines(seed: u32, n: usize) -> Vec<String> {
    let mut x = seed;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    };
    (0..n)
        .map(|i| {
            let a = next() % 1000;
            let b = next() % 100_000;
            format!(
                "2024-03-{:02}T10:{:02}:{:02}.{:03}Z INFO [worker-{}] GET https://api.example.com/v1/orders/{b}?page={} status=200 bytes={} dur={}ms user_id={a} token_count={} retry {}/5 @scheduler key: cache-{b} sk_ eyJ",
                i % 28 + 1,
                a % 60,
                b % 60,
                a,
                a % 8,
                a % 10,
                b * 3,
                a,
                a % 50,
                a % 5
            )
        })
        .collect()
}

#[test]
fn clean_input_is_borrowed_and_allocation_free() {
    let s = scrubjay::Scrubber::default();
    let warm = clean_lines(7, 2000);
    let fresh = clean_lines(99, 2000);
    for line in &warm {
        assert!(matches!(s.scrub(line), Cow::Borrowed(_)), "not clean: {line}");
    }
    let again = allocations(|| {
        for line in &warm {
            assert!(matches!(s.scrub(line), Cow::Borrowed(_)));
        }
    });
    assert_eq!(again, 0, "allocations while re-scrubbing clean lines");
    let new = allocations(|| {
        for line in &fresh {
            assert!(matches!(s.scrub(line), Cow::Borrowed(_)));
        }
    });
    assert_eq!(new, 0, "allocations while scrubbing new clean lines");
    let joined = fresh.join("\n");
    let _ = s.scrub(&joined);
    let big = allocations(|| {
        assert!(matches!(s.scrub(&joined), Cow::Borrowed(_)));
        assert!(matches!(s.scrub_bytes(joined.as_bytes()), Cow::Borrowed(_)));
    });
    assert_eq!(big, 0, "allocations while scrubbing a clean document");
}

#[test]
fn findings_allocate_only_the_output() {
    let s = scrubjay::Scrubber::default();
    let line = "user ada@example.com from 10.0.0.1";
    let _ = s.scrub(line);
    let n = allocations(|| {
        assert_eq!(s.scrub(line), "user [email] from [ipv4]");
    });
    assert_eq!(n, 1, "one allocation: the output string");
}
