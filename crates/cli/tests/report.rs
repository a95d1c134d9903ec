//! `ehc report` and `ehc anonymise` as a researcher runs them: the built
//! binary on a fixture of 20 cases whose counts and percentiles were worked
//! out by hand, and on a file with a marker in every field.

mod support;

use std::process::Output;

use serde_json::{Value, json};
use support::{case_file, ehc, stderr, stdout};

const REPORT_FIXTURE: &str = "crates/cli/tests/fixtures/council-report.json";
const MARKED_FIXTURE: &str = "crates/cli/tests/fixtures/every-field-marked.json";
const TODAY: &str = "2026-01-15";

/// What `ehc` printed, once it has said it succeeded.
fn succeeded(output: &Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    stdout(output)
}

fn report(files: &[&str], format: &str) -> String {
    let mut args = vec!["report", "--today", TODAY, "--format", format];
    args.extend(files);
    succeeded(&ehc(&args))
}

fn json_report(files: &[&str]) -> Value {
    serde_json::from_str(&report(files, "json")).expect("the report is JSON")
}

/// The group of `council`, `rule` and `year`, without the published figures.
fn group(report: &Value, council: Option<&str>, rule: &str, year: i32) -> Value {
    let mut found = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["council"] == json!(council) && g["rule"] == rule && g["year"] == year)
        .unwrap_or_else(|| panic!("no group {council:?} {rule} {year}"))
        .clone();
    let object = found.as_object_mut().unwrap();
    object.remove("england_within_20_weeks");
    object.remove("council_within_20_weeks");
    found
}

fn counted(
    (clocks, met, met_late, overdue, excepted): (u32, u32, u32, u32, u32),
    (median, p90): (Option<i64>, Option<i64>),
    percent: f64,
) -> Value {
    json!({
        "clocks": clocks, "met": met, "met_late": met_late, "overdue": overdue,
        "excepted": excepted, "median_days_late": median, "p90_days_late": p90,
        "percent_met_on_time": percent, "few_clocks": clocks < 5,
    })
}

/// `expected` with the group's key, as the report writes it.
fn keyed(council: Option<&str>, rule: &str, year: i32, expected: Value) -> Value {
    let mut all = json!({"council": council, "rule": rule, "year": year});
    all.as_object_mut()
        .unwrap()
        .extend(expected.as_object().unwrap().clone());
    all
}

fn assert_group(report: &Value, council: Option<&str>, rule: &str, year: i32, expected: Value) {
    assert_eq!(
        group(report, council, rule, year),
        keyed(council, rule, year, expected),
        "{council:?} {rule} {year}"
    );
}

/// Source: the fixture's dates, worked by hand on 15 January 2026. A decision
/// is due 6 weeks (42 days) after the request, a final plan 20 weeks (140
/// days) after it; an overdue clock is late by today minus its due date.
#[test]
fn the_report_counts_the_fixture_as_worked_by_hand() {
    let report = json_report(&[REPORT_FIXTURE]);
    assert_eq!(report["format"], "ehc-timeline-council-report/1");
    assert_eq!(report["today"], TODAY);
    assert_eq!(report["cases"], 20);
    let anytown = Some("Anytown Council");
    // c-01..c-10 (c-10 records "Anytown Council " and is trimmed): met
    // c-01, 02, 06, 07, 10; late c-08 by 1, c-03 by 3, c-04 by 8, c-05 by 18;
    // c-09 overdue since 17 June 2024, 577 days. Late days 1 3 8 18 577:
    // median at rank 3 of 5, 90th percentile at rank 5.
    assert_group(
        &report,
        anytown,
        "decide-whether-to-assess",
        2024,
        counted((10, 5, 4, 1, 0), (Some(8), Some(577)), 50.0),
    );
    // Final plans: met c-01, 02, 10; late c-03 by 10, c-04 by 30, c-05 by 60,
    // c-07 by 160; overdue c-06 (due 22 July 2024, 542 days) and c-09 (due
    // 23 September 2024, 479 days); c-08 excepted. Late days 10 30 60 160 479
    // 542: median at rank 3 of 6, 90th percentile at rank ⌈5.4⌉ = 6; 3 met of 9.
    assert_group(
        &report,
        anytown,
        "final-plan",
        2024,
        counted((10, 3, 4, 2, 1), (Some(60), Some(542)), 33.3),
    );
    // c-20: a request in December 2023 decided a day late; no plan after it.
    assert_group(
        &report,
        anytown,
        "decide-whether-to-assess",
        2023,
        counted((1, 0, 1, 0, 0), (Some(1), Some(1)), 0.0),
    );
    // c-11 decided 2 days late; c-12 overdue since 15 December 2025, 31 days.
    assert_group(
        &report,
        anytown,
        "decide-whether-to-assess",
        2025,
        counted((2, 0, 1, 1, 0), (Some(2), Some(31)), 0.0),
    );
    // c-11's plan was due 21 July 2025: 178 days; c-12's is not due yet.
    assert_group(
        &report,
        anytown,
        "final-plan",
        2025,
        counted((1, 0, 0, 1, 0), (Some(178), Some(178)), 0.0),
    );
    let gateshead = Some("Gateshead Council");
    // c-13..c-17: c-15 decided 4 days late, the rest on time.
    assert_group(
        &report,
        gateshead,
        "decide-whether-to-assess",
        2024,
        counted((5, 4, 1, 0, 0), (Some(4), Some(4)), 80.0),
    );
    // c-14 a day late, c-15 41 days late: median at rank 1 of 2, 90th at rank 2.
    assert_group(
        &report,
        gateshead,
        "final-plan",
        2024,
        counted((5, 3, 2, 0, 0), (Some(1), Some(41)), 60.0),
    );
    // c-17's final plan came 5 days after its draft (15 January 2025): too
    // early, counted with the late, but not a delay.
    assert_group(
        &report,
        gateshead,
        "final-not-before-window",
        2025,
        counted((1, 0, 1, 0, 0), (None, None), 0.0),
    );
    // c-18 records no council, c-19 a blank one.
    assert_group(
        &report,
        None,
        "final-plan",
        2024,
        counted((2, 2, 0, 0, 0), (None, None), 100.0),
    );
    // c-20's final plan does not apply, c-12's is pending: no group of either.
    let groups = report["groups"].as_array().unwrap();
    // The family's own windows, which `check` reports as overdue (c-03's
    // appeal, for one), are not the council's to meet: no group of any.
    let family = [
        "draft-plan-representations",
        "amendment-representations",
        "mediation-contact",
        "appeal",
        "ombudsman-window",
    ];
    assert!(
        groups
            .iter()
            .all(|g| !family.contains(&g["rule"].as_str().unwrap())),
        "{groups:?}"
    );
    assert!(
        !groups
            .iter()
            .any(|g| g["rule"] == "final-plan" && g["year"] == 2023)
    );
    // Councils in order, the unrecorded last.
    let councils: Vec<&Value> = groups.iter().map(|g| &g["council"]).collect();
    assert_eq!(councils.first(), Some(&&json!("Anytown Council")));
    assert_eq!(councils.last(), Some(&&Value::Null));
}

/// Source: the DfE's releases (RELEASE_2025): England 46.4% in 2024,
/// Gateshead 80.8% (198 of 245).
#[test]
fn the_final_plan_rows_carry_the_published_figures_with_their_source() {
    let report = json_report(&[REPORT_FIXTURE]);
    let find = |council: &str, rule: &str, year: i32| {
        report["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["council"] == council && g["rule"] == rule && g["year"] == year)
            .unwrap()
            .clone()
    };
    let gateshead = find("Gateshead Council", "final-plan", 2024);
    assert_eq!(gateshead["england_within_20_weeks"]["percent"], 46.4);
    assert_eq!(gateshead["council_within_20_weeks"]["area"], "Gateshead");
    assert_eq!(gateshead["council_within_20_weeks"]["percent"], 80.8);
    assert_eq!(gateshead["council_within_20_weeks"]["plans"], 245);
    assert_eq!(
        gateshead["council_within_20_weeks"]["release"]["released"],
        "2025-06-26"
    );
    let anytown = find("Anytown Council", "final-plan", 2024);
    assert!(anytown.get("council_within_20_weeks").is_none());
    assert!(
        find("Anytown Council", "final-plan", 2025)
            .get("england_within_20_weeks")
            .is_none()
    );
    assert!(
        find("Gateshead Council", "decide-whether-to-assess", 2024)
            .get("england_within_20_weeks")
            .is_none()
    );
}

#[test]
fn the_text_and_csv_say_the_same_as_the_json() {
    let text = report(&[REPORT_FIXTURE], "text");
    assert!(
        text.starts_with("Council report on 15 January 2026: 20 cases\n"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|line| {
            line.contains("final-plan ") && line.contains(" 2024 ") && line.contains("80.8%")
        })
        .expect("Gateshead's final plan row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[3..],
        [
            "2024", "5", "3", "2", "0", "0", "60.0%", "1", "41", "46.4%", "80.8%"
        ]
    );
    assert!(text.contains("fewer than 5 clocks"));
    assert!(text.contains("Council not recorded"));
    assert!(text.contains("published 26 June 2025, file timeliness_20_week.csv"));

    let csv = report(&[REPORT_FIXTURE], "csv");
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "\u{feff}Council,Time limit,Rule id,Year,Clocks,Met,Met late,Overdue,Excepted,Met on time,Median days late,90th percentile days late,"
    ));
    assert!(csv.contains("\r\nAnytown Council,Final plan,final-plan,2024,10,3,4,2,1,33.3%,60,542,46.4%,,,https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans/2025\r\n"), "{csv}");
    assert!(csv.contains(
        "\r\nCouncil not recorded,Final plan,final-plan,2024,2,2,0,0,0,100.0%,,,46.4%,,fewer than 5 clocks,https://"
    ));
}

#[test]
fn many_files_are_one_report() {
    let once = json_report(&[REPORT_FIXTURE]);
    let twice = json_report(&[REPORT_FIXTURE, REPORT_FIXTURE]);
    assert_eq!(twice["cases"], 40);
    let doubled = |g: &Value| g["clocks"].as_u64().unwrap() * 2;
    let once_groups = once["groups"].as_array().unwrap();
    let twice_groups = twice["groups"].as_array().unwrap();
    assert_eq!(once_groups.len(), twice_groups.len());
    for (one, two) in once_groups.iter().zip(twice_groups) {
        assert_eq!(doubled(one), two["clocks"].as_u64().unwrap());
        assert_eq!(one["median_days_late"], two["median_days_late"]);
    }
}

#[test]
fn a_wrong_command_line_or_file_is_refused() {
    let refused = |args: &[&str], says: &str| {
        let output = ehc(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    };
    refused(&["report"], "report needs one case file or more");
    refused(
        &["report", REPORT_FIXTURE, "--format", "xml"],
        "--format must be text, json or csv, not xml",
    );
    refused(
        &["report", REPORT_FIXTURE, "--case", "c-1"],
        "unknown option --case",
    );
    refused(
        &["report", REPORT_FIXTURE, "no-such-file.json"],
        "no-such-file.json: cannot read the file",
    );
    // Of several unreadable files, read on several threads, the first is named.
    let first = ehc(&[
        "report",
        REPORT_FIXTURE,
        "no-such-1.json",
        REPORT_FIXTURE,
        "no-such-2.json",
    ]);
    assert!(
        stderr(&first).starts_with("no-such-1.json: cannot read the file"),
        "{}",
        stderr(&first)
    );
    refused(&["anonymise"], "a case file is needed");
    refused(
        &["anonymise", MARKED_FIXTURE, "--today", "2025-01-01"],
        "anonymise takes one case file and no options",
    );
}

/// Every string of the fixture, in every field it has (known, unknown, on an
/// `x-` kind and nested), holds "MARKER": none may survive.
#[test]
fn an_anonymised_file_keeps_none_of_the_marked_strings() {
    let output = ehc(&["anonymise", MARKED_FIXTURE]);
    let text = succeeded(&output);
    assert!(!text.to_lowercase().contains("marker"), "{text}");
    let file: Value = serde_json::from_str(&text).unwrap();
    let case = &file["cases"][0];
    assert_eq!(case["local_authority"], "Anytown Council");
    assert_eq!(case["birth_year"], 2019);
    assert!(case.get("date_of_birth").is_none());
    assert_eq!(case["settings"], json!({"review_complete_on": "meeting"}));
    let events = case["events"].as_array().unwrap();
    assert_eq!(
        events[0],
        json!({"id": events[0]["id"], "kind": "request-sent", "date": "2025-01-03", "method": "email", "time": "17:30"})
    );
    assert_eq!(events[9]["kind"], "x-event");
    assert_eq!(events[1]["party"], events[2]["party"]);
    // Ids are new, and unique in the file.
    let mut ids: Vec<&str> = file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|case| {
            std::iter::once(case["id"].as_str().unwrap()).chain(
                case["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["id"].as_str().unwrap()),
            )
        })
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    // A second run draws other ids.
    assert_ne!(succeeded(&ehc(&["anonymise", MARKED_FIXTURE])), text);
    // And the file is one `check` reads.
    let path = case_file("anonymised.json", &text);
    let check = ehc(&["check", path.to_str().unwrap(), "--today", TODAY]);
    assert!(check.status.success());
}

/// Pooling anonymised files gives the report of the originals.
#[test]
fn the_anonymised_fixture_reports_as_the_original() {
    let text = succeeded(&ehc(&["anonymise", REPORT_FIXTURE]));
    let path = case_file("anonymised-report.json", &text);
    assert_eq!(
        json_report(&[path.to_str().unwrap()]),
        json_report(&[REPORT_FIXTURE])
    );
}
