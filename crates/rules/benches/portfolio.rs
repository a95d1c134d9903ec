//! An advocate's portfolio: 1,000 cases of 60 events each, every case a
//! plausible history (request, assessment, plan, yearly reviews with amendments,
//! a dispute, and correspondence), evaluated on one day.
//!
//! Prints Criterion's figures and, after them, the median time per case and for
//! the whole portfolio. Target: the whole portfolio in 10 ms or less on the
//! project's 2-core machine. Nothing here asserts a time. The same portfolio is
//! measured in the browser by `tests/wasm_bench.rs`.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/portfolio.rs"]
mod support;

use support::{CASES, EVENTS_PER_CASE, evaluate_all, today};

const RUNS: usize = 21;

fn bench_portfolio(c: &mut Criterion) {
    let cases = support::portfolio(CASES, EVENTS_PER_CASE);
    let today = today();
    let mut group = c.benchmark_group("portfolio");
    group.throughput(Throughput::Elements(CASES as u64));
    group.bench_function("evaluate 1,000 cases of 60 events", |b| {
        b.iter(|| evaluate_all(&cases, today));
    });
    group.finish();

    let median = support::median_of(RUNS, || {
        let started = Instant::now();
        black_box(evaluate_all(&cases, today));
        started.elapsed().as_secs_f64() * 1e3
    });
    let deadlines = evaluate_all(&cases, today);
    println!(
        "{}",
        support::engine_line("native", RUNS, median, deadlines)
    );
}

criterion_group!(benches, bench_portfolio);
criterion_main!(benches);
