//! The council report of 100,000 cases, as `ehc report` makes it: 100 case
//! files of 1,000 cases each read, every case evaluated and tallied, then the
//! report written as text, JSON and CSV. The cases are the benchmark
//! portfolio's histories (47 milestones each), each file's at a council of
//! its own among a few, some of them ones the Department for Education
//! publishes figures for. Prints Criterion's figures, then the median time,
//! with and without reading the files. Target: 5 s or less for the whole.
//! Nothing here asserts a time.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use outputs::CouncilTally;
use rules::{CaseFile, Extra, FORMAT, evaluate, import_case_file, write_case_file};

#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

const FILES: usize = 100;
const CASES_PER_FILE: usize = 1_000;
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

/// The case files, as text: the portfolio's first 1,000 histories in each,
/// with ids of their own.
fn case_files() -> Vec<String> {
    let histories = portfolio::portfolio(CASES_PER_FILE, EVENTS);
    (0..FILES)
        .map(|file| {
            let mut cases = histories.clone();
            for (index, case) in cases.iter_mut().enumerate() {
                case.id = format!("c-{file}-{index}");
                case.local_authority = Some(COUNCILS[file % COUNCILS.len()].to_owned());
            }
            write_case_file(&CaseFile {
                format: FORMAT.to_owned(),
                exported_at: None,
                cases,
                extra: Extra::new(),
            })
        })
        .collect()
}

/// Evaluates every case of `file` and counts it in `tally`.
fn tally_file(tally: &mut CouncilTally, file: &CaseFile) {
    for case in &file.cases {
        tally.add(case, &evaluate(black_box(case), portfolio::today()));
    }
}

/// The report's three forms, written; returns their length.
fn written(tally: CouncilTally) -> usize {
    let report = tally.report(portfolio::today());
    report.to_text().len()
        + serde_json::to_string_pretty(&report).unwrap().len()
        + report.to_csv().len()
}

/// As `ehc report` runs: each file read and tallied in turn, then the report.
fn read_and_report(texts: &[String]) -> usize {
    let mut tally = CouncilTally::default();
    for text in texts {
        tally_file(
            &mut tally,
            &import_case_file(text).expect("a valid case file"),
        );
    }
    written(tally)
}

/// The report of files already read.
fn report(files: &[CaseFile]) -> usize {
    let mut tally = CouncilTally::default();
    for file in files {
        tally_file(&mut tally, file);
    }
    written(tally)
}

fn bench_council_report(c: &mut Criterion) {
    let texts = case_files();
    let mut group = c.benchmark_group("council report");
    group.sample_size(10);
    group.bench_function("100 files of 1,000 cases: read and report", |b| {
        b.iter(|| read_and_report(&texts))
    });
    group.finish();

    let whole = portfolio::median_of(RUNS, || {
        let started = Instant::now();
        black_box(read_and_report(&texts));
        started.elapsed().as_secs_f64()
    });
    let files: Vec<CaseFile> = texts
        .iter()
        .map(|text| import_case_file(text).unwrap())
        .collect();
    let report_only = portfolio::median_of(RUNS, || {
        let started = Instant::now();
        black_box(report(&files));
        started.elapsed().as_secs_f64()
    });
    println!(
        "council report (native): {FILES} files x {CASES_PER_FILE} cases x {EVENTS} events ({} MB of case files); median of {RUNS} runs: {whole:.2} s read and reported, {report_only:.2} s reported from cases already read (target: 5 s or less)",
        texts.iter().map(String::len).sum::<usize>() / 1_000_000
    );
}

criterion_group!(benches, bench_council_report);
criterion_main!(benches);
