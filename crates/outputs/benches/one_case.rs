//! One big case: the engine and every output at 1,000 and 10,000 events in a
//! single case, so a step whose work grows with the square of the events shows
//! as a ratio near 100 instead of near 10 (issue 14: a 10,000-event case took
//! 26.5 s to export from the app).
//!
//! The case is the benchmark portfolio's histories laid over one another in
//! one case (requests, assessments, plans, reviews, disputes and
//! correspondence, about 4 in 5 of them milestones), so every stage of the
//! engine has many events to match. Prints Criterion's figures, then a table
//! of medians and the ratio of the two sizes. Nothing here asserts a time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use outputs::{Chronology, Evaluated, NameShown, calendar, deadlines_csv};
use rules::{
    Case, CaseFile,
    case_file::{Extra, FORMAT},
    evaluate, write_case_file,
};

#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

/// The two sizes compared.
const SIZES: [usize; 2] = [1_000, 10_000];
/// Runs per median in the table.
const RUNS: usize = 7;

/// One case of `events` events: the portfolio's histories in one case, each
/// event given an id of its own.
fn one_case(events: usize) -> Case {
    let histories = portfolio::portfolio(
        events.div_ceil(portfolio::EVENTS_PER_CASE),
        portfolio::EVENTS_PER_CASE,
    );
    let mut events: Vec<_> = histories
        .into_iter()
        .flat_map(|case| case.events)
        .take(events)
        .collect();
    for (index, event) in events.iter_mut().enumerate() {
        event.id = format!("e-{}", index + 1);
    }
    Case {
        id: "c-big".into(),
        child: Some("Sam Taylor".into()),
        local_authority: Some("Exampleshire County Council".into()),
        events,
        ..Case::default()
    }
}

/// A step measured, by name: it takes the case and returns its output's length.
type Step = (&'static str, fn(&Case) -> usize);

/// What is measured.
const STEPS: [Step; 5] = [
    ("evaluate", |case| {
        evaluate(case, portfolio::today()).deadlines.len()
    }),
    ("export (case file)", |case| {
        write_case_file(&CaseFile {
            format: FORMAT.to_owned(),
            exported_at: Some(portfolio::today()),
            cases: vec![case.clone()],
            extra: Extra::new(),
        })
        .len()
    }),
    ("calendar (.ics)", |case| {
        let evaluation = evaluate(case, portfolio::today());
        let stamp = portfolio::today().and_hms_opt(0, 0, 0).unwrap();
        calendar(
            &[Evaluated {
                case,
                evaluation: &evaluation,
            }],
            stamp,
        )
        .len()
    }),
    ("chronology", |case| {
        let evaluation = evaluate(case, portfolio::today());
        Chronology::new(case, &evaluation, NameShown::AsRecorded)
            .to_text()
            .len()
    }),
    ("spreadsheet (CSV)", |case| {
        let evaluation = evaluate(case, portfolio::today());
        deadlines_csv(&[Evaluated {
            case,
            evaluation: &evaluation,
        }])
        .len()
    }),
];

fn bench_one_case(c: &mut Criterion) {
    let cases: Vec<Case> = SIZES.iter().map(|&size| one_case(size)).collect();
    let mut group = c.benchmark_group("one case");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for case in &cases {
        for (name, step) in STEPS {
            group.bench_function(format!("{name}, {} events", case.events.len()), |b| {
                b.iter(|| step(black_box(case)))
            });
        }
    }
    group.finish();

    println!(
        "one case (median of {RUNS} runs; the outputs' times include the evaluation they need):"
    );
    for (name, step) in STEPS {
        let times: Vec<f64> = cases
            .iter()
            .map(|case| {
                portfolio::median_of(RUNS, || {
                    let started = Instant::now();
                    black_box(step(black_box(case)));
                    started.elapsed().as_secs_f64() * 1e3
                })
            })
            .collect();
        println!(
            "  {name:<20} {:>9.2} ms at {} events, {:>9.2} ms at {} events: x{:.1} for 10 times the events (linear: about 10)",
            times[0],
            SIZES[0],
            times[1],
            SIZES[1],
            times[1] / times[0]
        );
    }
}

criterion_group!(benches, bench_one_case);
criterion_main!(benches);
