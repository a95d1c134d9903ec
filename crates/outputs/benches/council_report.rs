//! The council report's own work on 100,000 cases: every case evaluated and
//! tallied, then the report written as text, JSON and CSV, on one thread.
//! The cases are the benchmark portfolio's first 1,000 histories (47
//! milestones each), counted 100 times, each time at one of a few councils
//! (some of them ones the Department for Education publishes figures for).
//! Prints Criterion's figures, then the median time. Reading the files, and
//! `ehc report` as a whole, are measured by `crates/cli/benches/report.rs`.
//! Nothing here asserts a time.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use outputs::CouncilTally;
use rules::{Case, evaluate};

#[path = "support/councils.rs"]
mod councils;
#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

use councils::{COUNCILS, EVENTS, at_council};

/// The histories counted ...
const HISTORIES: usize = 1_000;
/// ... this many times: 100,000 cases.
const ROUNDS: usize = 100;
const RUNS: usize = 3;

/// The histories at each council in turn.
fn at_each_council() -> Vec<Vec<Case>> {
    let histories = portfolio::portfolio(HISTORIES, EVENTS);
    (0..COUNCILS.len())
        .map(|nth| at_council(&histories, nth))
        .collect()
}

/// The report of 100,000 cases, its three forms written; returns their length.
fn report(councils: &[Vec<Case>]) -> usize {
    let today = portfolio::today();
    let mut tally = CouncilTally::default();
    for round in 0..ROUNDS {
        for case in &councils[round % councils.len()] {
            tally.add(case, &evaluate(black_box(case), today));
        }
    }
    let report = tally.report(today);
    report.to_text().len()
        + serde_json::to_string_pretty(&report).unwrap().len()
        + report.to_csv().len()
}

fn bench_council_report(c: &mut Criterion) {
    let councils = at_each_council();
    let mut group = c.benchmark_group("council report");
    group.sample_size(10);
    group.bench_function("100,000 cases evaluated, tallied and written", |b| {
        b.iter(|| report(&councils))
    });
    group.finish();

    let median = portfolio::median_of(RUNS, || {
        let started = Instant::now();
        black_box(report(&councils));
        started.elapsed().as_secs_f64()
    });
    println!(
        "council report (native, one thread): {} cases x {EVENTS} events evaluated, tallied and written as text, JSON and CSV; median of {RUNS} runs: {median:.2} s",
        HISTORIES * ROUNDS
    );
}

criterion_group!(benches, bench_council_report);
criterion_main!(benches);
