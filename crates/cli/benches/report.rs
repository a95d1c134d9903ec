//! `ehc report` as a researcher runs it, on 100,000 cases: 100 case files of
//! 1,000 cases each (the benchmark portfolio's first 1,000 histories, 47
//! milestones each, at one of a few councils per file), read, evaluated,
//! counted on every core and printed as JSON by the release build of `ehc`.
//! Prints the size of the files and the median wall-clock time of a few runs.
//! Target: 5 s or less. Nothing here asserts a time.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use rules::{
    CaseFile,
    case_file::{Extra, FORMAT},
    write_case_file,
};

#[path = "../../outputs/benches/support/councils.rs"]
mod councils;
#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

use councils::{EVENTS, at_council};

const FILES: usize = 100;
const CASES_PER_FILE: usize = 1_000;
const RUNS: usize = 3;

/// Writes the case files; returns their paths and their size in bytes.
fn case_files() -> (Vec<PathBuf>, usize) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("council-report");
    std::fs::create_dir_all(&dir).expect("a folder for the case files");
    let histories = portfolio::portfolio(CASES_PER_FILE, EVENTS);
    let mut bytes = 0;
    let paths = (0..FILES)
        .map(|file| {
            let mut cases = at_council(&histories, file);
            for (index, case) in cases.iter_mut().enumerate() {
                case.id = format!("c-{file}-{index}");
            }
            let text = write_case_file(&CaseFile {
                format: FORMAT.to_owned(),
                exported_at: None,
                cases,
                extra: Extra::new(),
            });
            bytes += text.len();
            let path = dir.join(format!("cases-{file:03}.json"));
            std::fs::write(&path, text).expect("a case file written");
            path
        })
        .collect();
    (paths, bytes)
}

fn main() {
    let (paths, bytes) = case_files();
    let median = portfolio::median_of(RUNS, || {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_ehc"))
            .arg("report")
            .args(&paths)
            .args(["--today", "2026-11-22", "--format", "json"])
            .stdout(Stdio::null())
            .status()
            .expect("ehc runs");
        assert!(status.success(), "ehc report failed");
        started.elapsed().as_secs_f64()
    });
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "ehc report (native, {threads} threads): {FILES} files x {CASES_PER_FILE} cases x {EVENTS} events ({} MB of case files); median of {RUNS} runs: {median:.2} s (target: 5 s or less)",
        bytes / 1_000_000
    );
}
