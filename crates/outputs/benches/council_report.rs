//! The council report of 100,000 cases, as `ehc report` makes it: every case
//! evaluated and tallied, then the report written as text, JSON and CSV.
//! The cases are the benchmark portfolio's histories (47 milestones each),
//! spread over a few councils, some of them ones the Department for
//! Education publishes figures for. Prints Criterion's figures, then the
//! median time. Target: 5 s or less. Nothing here asserts a time.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use outputs::CouncilTally;
use rules::{Case, evaluate};

#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

const CASES: usize = 100_000;
/// The fewest events the portfolio's histories have: its milestones only.
const EVENTS: usize = 47;
const COUNCILS: [&str; 6] = [
    "Gateshead Council",
    "Kent County Council",
    "London Borough of Barnet",
    "Anytown Council",
    "Northshire County Council",
    "Bristol City Council",
];
const RUNS: usize = 3;

/// The report's three forms, written; returns their length.
fn report(cases: &[Case]) -> usize {
    let today = portfolio::today();
    let mut tally = CouncilTally::default();
    for case in cases {
        tally.add(case, &evaluate(black_box(case), today));
    }
    let report = tally.report(today);
    report.to_text().len()
        + serde_json::to_string_pretty(&report).unwrap().len()
        + report.to_csv().len()
}

fn bench_council_report(c: &mut Criterion) {
    let mut cases = portfolio::portfolio(CASES, EVENTS);
    for (index, case) in cases.iter_mut().enumerate() {
        case.local_authority = Some(COUNCILS[index % COUNCILS.len()].to_owned());
    }
    let mut group = c.benchmark_group("council report");
    group.sample_size(10);
    group.bench_function("100,000 cases", |b| b.iter(|| report(&cases)));
    group.finish();

    let median = portfolio::median_of(RUNS, || {
        let started = Instant::now();
        black_box(report(&cases));
        started.elapsed().as_secs_f64()
    });
    println!(
        "council report (native): {CASES} cases x {EVENTS} events, text, JSON and CSV; median of {RUNS} runs: {median:.2} s (target: 5 s or less)"
    );
}

criterion_group!(benches, bench_council_report);
criterion_main!(benches);
