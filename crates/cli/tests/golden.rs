//! Golden outputs: every output `ehc` prints, compared byte for byte with the
//! stored outputs of the same engine, so a change to the engine's insides (its
//! speed, its modules) cannot change a word a family reads.
//!
//! - Each case file in `examples/` and `tests/fixtures/case-file-ehc-timeline-1.json`:
//!   `ehc check` (text and JSON), the chronology (as recorded and with
//!   initials), the three letters of each case, the calendar and the CSV, on a
//!   fixed day, stored whole under `crates/cli/tests/golden/<file>/`.
//! - A few thousand generated cases (a fixed seed, so the same cases on every
//!   run): the same outputs, stored as one SHA-256 digest per output in
//!   `crates/cli/tests/golden/generated.txt`, so the stored data stays small.
//!
//! When a change is meant to change what users read (a new rule, a reworded
//! sentence), regenerate the stored outputs and review the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p ehc-cli --test golden
//! git diff crates/cli/tests/golden
//! ```
//!
//! A digest that differs names the output; the generated outputs are then
//! written to `target/golden-generated/` to compare with a run of the old code.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Days, NaiveDate, NaiveTime};
use outputs::{chase_letter, complaint_letter, ombudsman_letter};
use rules::{
    Case, CaseFile, Event, EventKind, Status,
    case_file::{
        ApproxDate, ExceptionReason, FORMAT, Matters, Order, ResponseUnit, ReviewCompleteOn,
        ReviewOutcome, SendMethod, Transfer, When,
    },
    evaluate, write_case_file,
};
use sha2::{Digest, Sha256};

/// The day every output is made on.
const TODAY: &str = "2026-11-22";
/// How many cases the generator makes ...
const GENERATED_CASES: usize = 1_800;
/// ... and how many of the benchmark's portfolio join them.
const PORTFOLIO_CASES: usize = 200;

// The benchmark's portfolio: long, plausible histories (60 events each).
#[allow(dead_code)]
#[path = "../../rules/benches/support/portfolio.rs"]
mod portfolio;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| !value.is_empty() && value != "0")
}

/// What `ehc` printed: standard output, then, when there is any, the exit
/// status and standard error (a refused letter, a warning).
fn ehc(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ehc"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the ehc binary runs");
    let mut text = String::from_utf8(output.stdout).expect("ehc prints UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("ehc prints UTF-8");
    if !output.status.success() || !stderr.is_empty() {
        let status = output.status.code().unwrap_or(-1);
        write!(
            text,
            "\n--- exit status {status}; standard error:\n{stderr}"
        )
        .unwrap();
    }
    text
}

/// Every output of `ehc` for the case file at `path` (relative to the
/// repository), by name.
fn outputs_of_file(path: &str) -> BTreeMap<String, String> {
    let mut outputs = BTreeMap::new();
    let with_day = |args: &[&str]| {
        let mut args = args.to_vec();
        args.extend(["--today", TODAY]);
        ehc(&args)
    };
    outputs.insert("check.txt".into(), with_day(&["check", path]));
    outputs.insert(
        "check.json".into(),
        with_day(&["check", path, "--format", "json"]),
    );
    outputs.insert("chronology.txt".into(), with_day(&["chronology", path]));
    outputs.insert(
        "chronology-initials.txt".into(),
        with_day(&["chronology", path, "--initials"]),
    );
    outputs.insert("calendar.ics".into(), with_day(&["ics", path]));
    outputs.insert("deadlines.csv".into(), with_day(&["csv", path]));
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let file = rules::read_case_file(&text).unwrap();
    for case in &file.cases {
        for letter in ["chase", "complaint", "ombudsman"] {
            outputs.insert(
                format!("letter-{letter}-{}.txt", case.id),
                with_day(&["letter", letter, path, "--case", &case.id]),
            );
        }
    }
    outputs
}

/// The case files whose outputs are stored whole.
fn stored_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .map(|name| format!("examples/{name}"))
        .collect();
    files.sort();
    files.push("tests/fixtures/case-file-ehc-timeline-1.json".into());
    files
}

#[test]
fn the_outputs_of_the_examples_and_the_fixture_are_unchanged() {
    let mut differ = Vec::new();
    for path in stored_files() {
        let stem = Path::new(&path).file_stem().unwrap().to_str().unwrap();
        let dir = golden_dir().join(stem);
        let outputs = outputs_of_file(&path);
        if updating() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
        }
        for (name, text) in &outputs {
            let stored = dir.join(name);
            if updating() {
                std::fs::write(&stored, text).unwrap();
            } else if std::fs::read_to_string(&stored).ok().as_ref() != Some(text) {
                differ.push(format!("{path}: {name} (stored in {})", stored.display()));
            }
        }
        if !updating() {
            let stored_names: Vec<String> = std::fs::read_dir(&dir)
                .map(|entries| {
                    entries
                        .map(|e| e.unwrap().file_name().into_string().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            for name in stored_names {
                if !outputs.contains_key(&name) {
                    differ.push(format!("{path}: {name} is stored but no longer printed"));
                }
            }
        }
    }
    assert!(
        differ.is_empty(),
        "outputs differ from the stored ones (UPDATE_GOLDEN=1 stores the new ones, for a change meant to change them):\n{}",
        differ.join("\n")
    );
}

#[test]
fn the_outputs_of_thousands_of_generated_cases_are_unchanged() {
    let mut cases = generated_cases(GENERATED_CASES);
    cases.extend(portfolio::portfolio(
        PORTFOLIO_CASES,
        portfolio::EVENTS_PER_CASE,
    ));
    let file = CaseFile {
        format: FORMAT.into(),
        exported_at: None,
        cases,
        extra: Default::default(),
    };
    let dir = root().join("target/golden-generated");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("cases.json"), write_case_file(&file)).unwrap();
    // Relative to the root, where `ehc` runs: its warnings name the file, and
    // the digest must not depend on where the repository is checked out.
    let path = "target/golden-generated/cases.json";

    let mut outputs = BTreeMap::new();
    for (name, args) in [
        ("check.txt", vec!["check", path]),
        ("check.json", vec!["check", path, "--format", "json"]),
        ("chronology.txt", vec!["chronology", path]),
        ("calendar.ics", vec!["ics", path]),
        ("deadlines.csv", vec!["csv", path]),
    ] {
        let mut args = args;
        args.extend(["--today", TODAY]);
        outputs.insert(name, ehc(&args));
    }
    // One process a letter would take minutes: the letters are drafted here,
    // as `ehc letter` drafts them, for every missed deadline of every case.
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut letters = BTreeMap::from([
        ("letters-chase.txt", String::new()),
        ("letters-complaint.txt", String::new()),
        ("letters-ombudsman.txt", String::new()),
    ]);
    for case in &file.cases {
        let evaluation = &evaluate(case, today);
        for deadline in outputs::chronology::owed_by_council(evaluation, Status::Overdue) {
            let letter = chase_letter(case, evaluation, deadline);
            let text = letters.get_mut("letters-chase.txt").unwrap();
            writeln!(text, "Subject: {}\n\n{}", letter.subject, letter.body).unwrap();
        }
        for (name, letter) in [
            ("letters-complaint.txt", complaint_letter(case, evaluation)),
            ("letters-ombudsman.txt", ombudsman_letter(case, evaluation)),
        ] {
            let text = letters.get_mut(name).unwrap();
            writeln!(text, "Subject: {}\n\n{}", letter.subject, letter.body).unwrap();
        }
    }
    outputs.extend(letters);

    let digests: String = outputs
        .iter()
        .map(|(name, text)| format!("{name} {:x}\n", Sha256::digest(text.as_bytes())))
        .collect();
    let stored_path = golden_dir().join("generated.txt");
    if updating() {
        std::fs::write(&stored_path, &digests).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(&stored_path).unwrap_or_default();
    if stored != digests {
        for (name, text) in &outputs {
            std::fs::write(dir.join(name), text).unwrap();
        }
        panic!(
            "the outputs of the generated cases differ from the stored digests; they are in {} \
             (UPDATE_GOLDEN=1 stores the new ones, for a change meant to change them)\nstored:\n{stored}\nnow:\n{digests}",
            dir.display()
        );
    }
}

/// The benchmark's deterministic generator, so every run and every platform
/// makes the same cases.
struct Lcg(portfolio::Lcg);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }

    fn chance(&mut self, in_ten: usize) -> bool {
        self.below(10) < in_ten
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn maybe<T: Clone>(&mut self, in_ten: usize, items: &[T]) -> Option<T> {
        self.chance(in_ten).then(|| self.pick(items))
    }
}

/// `count` cases of random events of every kind, with random fields, mostly
/// in order and close together so the rules find their answers, with some
/// dates out of order, approximate dates and fields a kind does not use.
/// Drawn from `EventKind::KNOWN`: a new kind changes the cases (regenerate).
fn generated_cases(count: usize) -> Vec<Case> {
    let mut rng = Lcg(portfolio::Lcg(13));
    let first = NaiveDate::from_ymd_opt(2014, 9, 1).unwrap();
    let names = [
        "Educational psychologist",
        "Hill Top Academy",
        "NHS therapy",
        "Social care",
    ];
    (0..count)
        .map(|index| {
            let mut day = first + Days::new(rng.below(4400) as u64);
            let events = (0..rng.below(32))
                .map(|i| {
                    day = day + Days::new(rng.below(60) as u64);
                    let on = match rng.below(20) {
                        0 => first + Days::new(rng.below(4700) as u64),
                        _ => day,
                    };
                    let kind = match rng.below(30) {
                        0 => EventKind::Custom("x-school-visit".into()),
                        _ => rng.pick(EventKind::KNOWN),
                    };
                    let mut event = Event::new(format!("e-{i}"), kind, on);
                    if rng.below(30) == 0 {
                        event.when = When::Approx(ApproxDate {
                            year: 2015 + rng.below(10) as i32,
                            month: rng.maybe(5, &[1, 2, 6, 12]),
                        });
                    }
                    event.party = rng.maybe(5, &names).map(str::to_owned);
                    event.school = rng.maybe(2, &names).map(str::to_owned);
                    event.note = rng
                        .maybe(2, &["Chased by phone", "Letter, see file"])
                        .map(str::to_owned);
                    event.who = rng.maybe(1, &["SEN officer"]).map(str::to_owned);
                    event.outcome = rng.maybe(6, ReviewOutcome::ALL);
                    event.order = rng.maybe(6, Order::ALL);
                    event.matters = rng.maybe(6, Matters::ALL);
                    event.transfer = rng.maybe(6, Transfer::ALL);
                    event.exception = rng.maybe(6, ExceptionReason::ALL);
                    event.from = rng.chance(5).then(|| on + Days::new(rng.below(30) as u64));
                    event.until = rng.chance(5).then(|| on + Days::new(rng.below(90) as u64));
                    event.disputed = rng.maybe(3, &[true, false]);
                    event.method = rng.maybe(6, SendMethod::ALL);
                    event.time = rng
                        .chance(3)
                        .then(|| NaiveTime::from_hms_opt(rng.below(24) as u32, 0, 0).unwrap());
                    event.respond_within = rng.maybe(4, &[10, 20, 28]);
                    event.unit = rng.maybe(4, ResponseUnit::ALL);
                    event
                })
                .collect();
            let mut case = Case {
                id: format!("g-{index}"),
                child: rng
                    .maybe(8, &["Jane Smith", "élodie martin", "Sam"])
                    .map(str::to_owned),
                local_authority: rng.maybe(8, &["Anytown Council"]).map(str::to_owned),
                reference: rng.maybe(5, &["EHC/1234"]).map(str::to_owned),
                date_of_birth: rng
                    .chance(5)
                    .then(|| first + Days::new(rng.below(3000) as u64) - Days::new(5000)),
                events,
                ..Case::default()
            };
            if rng.chance(3) {
                case.settings.review_complete_on = ReviewCompleteOn::Meeting;
            }
            readable(case)
        })
        .collect()
}

/// `case` less the events the reader refuses (a kind without a field it
/// needs), so that `ehc` reads the file of generated cases.
fn readable(mut case: Case) -> Case {
    loop {
        let file = CaseFile {
            format: FORMAT.into(),
            exported_at: None,
            cases: vec![case],
            extra: Default::default(),
        };
        match rules::read_case_file(write_case_file(&file)) {
            Ok(mut read) => return read.cases.remove(0),
            Err(error) => {
                let refused = error.event.clone().unwrap_or_else(|| panic!("{error}"));
                case = file.cases.into_iter().next().unwrap();
                case.events.retain(|event| event.id != refused);
            }
        }
    }
}
