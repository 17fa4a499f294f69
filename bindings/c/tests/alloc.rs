//! Zero-copy through the C ABI: scrubbing a clean line allocates nothing
//! (once the thread's scratch memory is warm), with `scrubjay_scrub` and
//! with `scrubjay_scrub_into`; and a changed line allocates little.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr;

use scrubjay_c::*;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(p, layout) }
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.realloc(p, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn clean_lines_allocate_nothing() {
    let mut s = ptr::null_mut();
    // SAFETY: valid out pointer; NULL error.
    assert_eq!(unsafe { scrubjay_scrubber_new_default(&mut s, ptr::null_mut()) }, scrubjay_status::Ok);
    let lines = scrubjay_benches::clean_logs(2000);
    let mut buf = vec![0u8; 4096];
    let scrub = |line: &[u8], buf: &mut [u8]| {
        let mut result = ptr::null_mut();
        // SAFETY: valid scrubber, input and out pointers.
        let st = unsafe { scrubjay_scrub(s, line.as_ptr(), line.len(), &mut result, ptr::null_mut()) };
        assert_eq!(st, scrubjay_status::Ok);
        let (mut n, mut changed) = (0usize, true);
        // SAFETY: valid scrubber, input, buffer and out pointers.
        let st = unsafe {
            scrubjay_scrub_into(
                s,
                line.as_ptr(),
                line.len(),
                buf.as_mut_ptr(),
                buf.len(),
                &mut n,
                &mut changed,
                ptr::null_mut(),
            )
        };
        assert_eq!(st, scrubjay_status::Ok);
        (result, changed, n)
    };
    // Warm the thread's scratch memory: its buffers grow to the sizes the
    // corpus needs, and the core's lazy DFAs build the states it visits
    // (a line that reaches new states allocates in the core, a few lines
    // per thousand on a fresh corpus). Then scrub the corpus again.
    for line in &lines {
        let (result, _, _) = scrub(line.as_bytes(), &mut buf);
        assert!(result.is_null(), "clean line gave a result: {line}");
    }

    let before = allocations();
    for line in &lines {
        let (result, changed, n) = scrub(line.as_bytes(), &mut buf);
        assert!(result.is_null(), "clean line gave a result: {line}");
        assert!(!changed && n == line.len());
    }
    let clean = allocations() - before;
    assert_eq!(clean, 0, "{clean} allocations scrubbing {} clean lines", lines.len());

    // A changed line allocates: the core's scrubbed copy and, for
    // scrubjay_scrub, the result that hands it over (after a first call
    // that warms the states this line visits).
    let (result, _, _) = scrub(b"mail ada@example.com", &mut buf);
    // SAFETY: a result of scrubjay_scrub, freed once.
    unsafe { scrubjay_result_free(result) };
    let before = allocations();
    let (result, changed, _) = scrub(b"mail ada@example.com", &mut buf);
    assert!(!result.is_null() && changed);
    // SAFETY: a result of scrubjay_scrub, freed once.
    unsafe { scrubjay_result_free(result) };
    let dirty = allocations() - before;
    assert!((2..=6).contains(&dirty), "{dirty} allocations for one changed line");
    // SAFETY: created above, freed once.
    unsafe { scrubjay_scrubber_free(s) };
}
