//! The engine's cost on the benchmark portfolio, counted exactly rather than
//! timed: run under `valgrind --tool=cachegrind` once with `build` (the
//! portfolio made, not evaluated) and once with `evaluate` (made, then
//! evaluated once); the difference in instructions is the evaluation's. Either
//! way it prints how many heap allocations the evaluation made, per case.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

#[path = "../benches/support/portfolio.rs"]
#[allow(dead_code)]
mod support;

/// The system allocator, counting the allocations (and reallocations) made.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed unchanged to the system allocator; the count
// is a relaxed atomic that no allocation depends on.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let cases = support::portfolio(support::CASES, support::EVENTS_PER_CASE);
    let before = ALLOCATIONS.load(Relaxed);
    let deadlines = match mode.as_str() {
        "build" => 0,
        "evaluate" => support::evaluate_all(black_box(&cases), support::today()),
        _ => panic!("usage: portfolio_cost build|evaluate"),
    };
    let allocations = ALLOCATIONS.load(Relaxed) - before;
    println!(
        "{deadlines} deadlines; {allocations} allocations, {:.2} a case",
        allocations as f64 / cases.len() as f64
    );
}
