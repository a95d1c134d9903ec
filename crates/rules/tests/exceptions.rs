//! Exceptions a council claims: which limits they switch off, and the
//! indicative date they leave (timelines.md section 2).

mod support;

use rules::EventKind::*;
use rules::{Event, Status, case_file::ExceptionReason};
use support::{CaseBuilder, assert_deadline, d, only};

fn claim(reason: ExceptionReason, from: &str, until: &str) -> impl FnOnce(&mut Event) {
    let (from, until) = (d(from), d(until));
    move |event| {
        event.exception = Some(reason);
        event.from = Some(from);
        event.until = Some(until);
    }
}

/// A summer closure claimed from 15 July to 29 August 2025 overlaps the 16-week
/// clock (2 June to 22 September) but not the 6-week one, already met on 10 July;
/// and advice (EX-B) cannot use a school closure at all.
#[test]
fn an_exception_switches_off_only_the_clocks_it_overlaps_and_whose_set_allows_it() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-06-02")
        .event(DecisionToAssess, "2025-07-10")
        .event_with(AdviceRequested, "2025-07-11", |e| {
            e.party = Some("School".into())
        })
        .event_with(
            ExceptionClaimed,
            "2025-07-14",
            claim(ExceptionReason::SchoolClosure, "2025-07-15", "2025-08-29"),
        )
        .on("2025-09-01");

    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-07-14",
        Status::Met,
        0,
    );

    let issue = only(&evaluation, "decide-whether-to-issue");
    assert_eq!(
        (issue.due, issue.status),
        (d("2025-09-22"), Status::Excepted)
    );
    // 46 days claimed, 15 July to 29 August inclusive.
    assert_eq!(issue.indicative_due, Some(d("2025-11-07")));
    assert_eq!(issue.exceptions[0].event, "e-4");

    let advice = only(&evaluation, "advice");
    assert_deadline(advice, "2025-08-22", Status::Overdue, 10);
    assert!(
        advice
            .working()
            .iter()
            .any(|step| step.contains("not one the law allows"))
    );
}

#[test]
fn an_absence_shorter_than_four_weeks_does_not_count_for_the_assessment() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-01-06")
        .event_with(
            ExceptionClaimed,
            "2025-01-20",
            claim(ExceptionReason::Absence, "2025-01-20", "2025-02-09"),
        )
        .on("2025-03-01");
    let decision = only(&evaluation, "decide-whether-to-assess");
    assert_deadline(decision, "2025-02-17", Status::Overdue, 12);
    assert!(
        decision
            .working()
            .iter()
            .any(|step| step.contains("at least 28 days"))
    );
}

#[test]
fn an_absence_of_two_weeks_counts_against_a_tribunal_order() {
    let evaluation = CaseBuilder::new()
        .event_with(TribunalOrder, "2025-03-03", |e| {
            e.order = Some(rules::case_file::Order::AmendPlan)
        })
        .event_with(
            ExceptionClaimed,
            "2025-03-10",
            claim(ExceptionReason::Absence, "2025-03-10", "2025-03-23"),
        )
        .on("2025-04-20");
    let amended = only(&evaluation, "order-amended-plan");
    assert_eq!(
        (amended.due, amended.status),
        (d("2025-04-07"), Status::Excepted)
    );
    assert_eq!(amended.indicative_due, Some(d("2025-04-21")));
}

#[test]
fn the_coronavirus_exception_only_covers_1_may_to_25_september_2020() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2020-03-02")
        .event_with(
            ExceptionClaimed,
            "2020-04-01",
            claim(ExceptionReason::Coronavirus2020, "2020-04-01", "2020-06-30"),
        )
        .on("2020-12-01");
    let final_plan = only(&evaluation, "final-plan");
    assert_eq!(
        (final_plan.due, final_plan.status),
        (d("2020-07-20"), Status::Excepted)
    );
    let claimed = &final_plan.exceptions[0];
    assert_eq!(
        (claimed.from, claimed.until),
        (d("2020-05-01"), d("2020-06-30"))
    );
    // 61 days: May and June.
    assert_eq!(final_plan.indicative_due, Some(d("2020-09-19")));
    // The 6 weeks ended on 13 April, before the window opened.
    assert_eq!(
        only(&evaluation, "decide-whether-to-assess").status,
        Status::Overdue
    );
}

#[test]
fn a_disputed_exception_still_applies_and_says_the_family_disputes_it() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-01-06")
        .event_with(ExceptionClaimed, "2025-01-10", |e| {
            claim(
                ExceptionReason::PersonalCircumstances,
                "2025-01-10",
                "2025-01-31",
            )(e);
            e.disputed = Some(true);
        })
        .on("2025-03-01");
    let decision = only(&evaluation, "decide-whether-to-assess");
    assert_eq!(decision.status, Status::Excepted);
    assert!(decision.exceptions[0].disputed);
    assert!(
        decision
            .working()
            .iter()
            .any(|step| step.contains("The family disputes this exception."))
    );
}

#[test]
fn overlapping_claims_count_each_day_once_in_the_indicative_date() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-01-06")
        .event_with(
            ExceptionClaimed,
            "2025-01-10",
            claim(
                ExceptionReason::PersonalCircumstances,
                "2025-01-10",
                "2025-01-19",
            ),
        )
        .event_with(
            ExceptionClaimed,
            "2025-01-15",
            claim(
                ExceptionReason::PersonalCircumstances,
                "2025-01-15",
                "2025-01-24",
            ),
        )
        .on("2025-03-01");
    // 10 to 24 January: 15 days.
    assert_eq!(
        only(&evaluation, "decide-whether-to-assess").indicative_due,
        Some(d("2025-03-04"))
    );
}
