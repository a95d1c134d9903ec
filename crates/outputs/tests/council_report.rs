//! The council report agrees with `ehc check`: for generated sets of case
//! files, each group's counts and days-late percentiles are what the JSON
//! report of `check` (`outputs::report::Report`) says of the same cases on the same day,
//! for every time limit the council answers for (a family's own windows,
//! actor `parent`, are left out of the report);
//! and tallies of parts merged make the same report as one tally of all.

#[path = "../../rules/tests/support/case_files.rs"]
mod case_files;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use outputs::{CouncilTally, report::Report};
use proptest::prelude::*;
use rules::{case_file::import_case_file, evaluate};

/// A group's key: the council, the rule and the year the clock started.
type Key = (Option<String>, String, i32);

/// What `check`'s report says of one group: met, met late (or too early),
/// overdue, excepted, and the days late of the clocks met late or overdue.
#[derive(Debug, Default, PartialEq)]
struct FromCheck {
    counts: [u32; 4],
    days_late: Vec<i64>,
}

/// The nearest-rank percentile, worked out again here from its definition.
fn percentile(sorted: &[i64], percent: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

fn from_check(files: &[rules::CaseFile], today: NaiveDate) -> BTreeMap<Key, FromCheck> {
    let mut groups: BTreeMap<Key, FromCheck> = BTreeMap::new();
    for file in files {
        let evaluations: Vec<_> = file
            .cases
            .iter()
            .map(|case| evaluate(case, today))
            .collect();
        let json = serde_json::to_value(Report::new(today, &evaluations)).unwrap();
        for (case, reported) in file.cases.iter().zip(json["cases"].as_array().unwrap()) {
            let council = case
                .local_authority
                .as_deref()
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned);
            for deadline in reported["deadlines"].as_array().unwrap() {
                // A family's own window is not the council's to meet.
                if deadline["actor"] == "parent" {
                    continue;
                }
                let slot = match deadline["status"].as_str().unwrap() {
                    "met" => 0,
                    "met-late" | "too-early" => 1,
                    "overdue" => 2,
                    "excepted" => 3,
                    _ => continue,
                };
                let started: NaiveDate =
                    serde_json::from_value(deadline["trigger"]["date"].clone()).unwrap();
                let key = (
                    council.clone(),
                    deadline["rule"].as_str().unwrap().to_owned(),
                    started.year(),
                );
                let group = groups.entry(key).or_default();
                group.counts[slot] += 1;
                if matches!(deadline["status"].as_str(), Some("met-late" | "overdue")) {
                    group
                        .days_late
                        .push(deadline["days_late"].as_i64().unwrap());
                }
            }
        }
    }
    groups
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_report_counts_what_check_reports(
        texts in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(case_files::SEEDS).prop_map(str::to_owned),
                case_files::near_valid_file(),
            ],
            1..5,
        ),
        today in case_files::any_day(),
    ) {
        let files: Vec<rules::CaseFile> =
            texts.iter().filter_map(|text| import_case_file(text).ok()).collect();
        let mut tally = CouncilTally::default();
        let mut merged = CouncilTally::default();
        for file in &files {
            let mut part = CouncilTally::default();
            for case in &file.cases {
                tally.add(case, &evaluate(case, today));
                part.add(case, &evaluate(case, today));
            }
            merged.merge(part);
        }
        let report = tally.report(today);
        // Counted a file at a time and put together, as `ehc report`'s
        // threads count them, the report is the same.
        prop_assert_eq!(&merged.report(today), &report);
        let expected = from_check(&files, today);
        prop_assert_eq!(report.groups.len(), expected.len());
        for group in &report.groups {
            let key = (group.council.clone(), group.rule.to_owned(), group.year);
            let mut check = expected.get(&key).unwrap_or_else(|| panic!("no group {key:?} in check")).days_late.clone();
            check.sort_unstable();
            let counts = expected[&key].counts;
            prop_assert_eq!([group.met, group.met_late, group.overdue, group.excepted], counts, "{:?}", key);
            prop_assert_eq!(group.clocks, counts.iter().sum::<u32>());
            prop_assert_eq!(group.median_days_late, percentile(&check, 50));
            prop_assert_eq!(group.p90_days_late, percentile(&check, 90));
            prop_assert_eq!(group.few_clocks, group.clocks < 5);
        }
        prop_assert_eq!(report.cases, files.iter().map(|f| f.cases.len() as u64).sum::<u64>());
    }
}
