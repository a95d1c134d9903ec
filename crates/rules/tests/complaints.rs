//! Worked examples for complaints: the council's stated response time and the
//! Ombudsman's 12-month window after a missed council deadline.

mod support;

use rules::EventKind::*;
use rules::{
    Status,
    case_file::ResponseUnit,
    rule::{Actor, Force},
};
use support::{CaseBuilder, assert_deadline, d, only};

#[test]
fn a_complaint_answered_in_days_counts_calendar_days() {
    let evaluation = CaseBuilder::new()
        .event_with(ComplaintMade, "2025-03-03", |e| {
            e.respond_within = Some(20);
            e.unit = Some(ResponseUnit::Days);
        })
        .event(ComplaintResponded, "2025-03-20")
        .on("2025-04-01");
    let response = only(&evaluation, "council-complaint-response");
    assert_deadline(response, "2025-03-23", Status::Met, 0);
    assert_eq!(response.force, Force::Guidance);
}

#[test]
fn a_complaint_answered_in_working_days_skips_weekends_and_easter() {
    // 10 working days from Monday 14 April 2025: Good Friday and Easter Monday are skipped.
    let evaluation = CaseBuilder::new()
        .event_with(ComplaintMade, "2025-04-14", |e| {
            e.respond_within = Some(10);
            e.unit = Some(ResponseUnit::WorkingDays);
        })
        .on("2025-05-06");
    assert_deadline(
        only(&evaluation, "council-complaint-response"),
        "2025-04-30",
        Status::Overdue,
        6,
    );
}

#[test]
fn a_complaint_without_a_stated_response_time_asks_for_it() {
    let evaluation = CaseBuilder::new()
        .event(ComplaintMade, "2025-03-03")
        .on("2025-04-01");
    assert!(
        evaluation
            .deadlines_of("council-complaint-response")
            .next()
            .is_none()
    );
    assert!(
        evaluation
            .notices
            .iter()
            .any(|n| n.text.contains("Record how long the council says"))
    );
}

/// A complaint made on 3 March 2025 that the council says it answers within
/// `n` days or working days, seen on 1 April 2025.
fn answered_within(n: u32, unit: ResponseUnit) -> rules::Evaluation<'static> {
    CaseBuilder::new()
        .event_with(ComplaintMade, "2025-03-03", |e| {
            (e.respond_within, e.unit) = (Some(n), Some(unit));
        })
        .on("2025-04-01")
}

#[test]
fn a_response_time_of_more_than_a_year_is_not_counted_and_a_notice_says_so() {
    // Found by fuzzing: 4294967295 working days ran past the end of the calendar.
    for unit in [ResponseUnit::Days, ResponseUnit::WorkingDays] {
        let evaluation = answered_within(u32::MAX, unit);
        assert_eq!(
            evaluation
                .deadlines_of("council-complaint-response")
                .count(),
            0
        );
        assert!(evaluation.notices.iter().any(|n| n.text
            == "The complaint of 3 March 2025 (event e-1) says the council takes 4294967295 days to reply, more than a year, so no date is worked out: check the number in its complaints policy or its acknowledgement."));
    }
    let a_year = answered_within(366, ResponseUnit::Days);
    assert_deadline(
        only(&a_year, "council-complaint-response"),
        "2026-03-04",
        Status::Pending,
        0,
    );
}

/// Source: timelines.md, complaints: 12 months beginning with the day after the
/// missed deadline (last day = start + 12 months − 1 day).
#[test]
fn a_late_decision_opens_a_12_month_ombudsman_window_from_the_next_day() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-01-06")
        .event(DecisionToAssess, "2025-02-20")
        .on("2025-03-01");
    let window = only(&evaluation, "ombudsman-window");
    assert_eq!(window.trigger.date, d("2025-02-18"));
    assert_deadline(window, "2026-02-17", Status::Pending, 0);
    assert_eq!(
        window.subject.as_deref(),
        Some("Decision whether to assess")
    );
    assert_eq!(window.actor, Actor::Parent);
}

#[test]
fn an_overdue_final_plan_opens_a_window_and_a_complaint_to_the_ombudsman_closes_it() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2025-01-06")
        .event(DecisionToAssess, "2025-02-10")
        .event(DraftPlanIssued, "2025-04-20")
        .event(OmbudsmanComplaintMade, "2025-08-01")
        .on("2025-09-01");
    let window = only(&evaluation, "ombudsman-window");
    assert_eq!(window.subject.as_deref(), Some("Final plan"));
    assert_eq!(window.trigger.date, d("2025-05-27"));
    assert_deadline(window, "2026-05-26", Status::Met, 0);
}

#[test]
fn met_deadlines_and_the_familys_own_deadlines_open_no_window() {
    let evaluation = CaseBuilder::new()
        .event(DraftPlanIssued, "2025-10-01")
        .event_with(SchoolConsulted, "2025-10-01", |e| {
            e.school = Some("Hill Top".into())
        })
        .event(FinalPlanIssued, "2025-10-20")
        .on("2025-12-01");
    // The family sent no comments and the school never replied (guidance): no window.
    assert_eq!(
        only(&evaluation, "draft-plan-representations").status,
        Status::Overdue
    );
    assert_eq!(
        only(&evaluation, "school-consultation").status,
        Status::Overdue
    );
    assert!(evaluation.deadlines_of("ombudsman-window").next().is_none());
}

/// Source: LGSCO Complaint Handling Code, applied to councils from 1 April
/// 2026: a stage 1 reply within 10 working days, stage 2 within 20, and an
/// acknowledgement within 5. Easter 2026: Good Friday 3 April, Easter Monday 6 April.
#[test]
fn from_1_april_2026_a_complaint_without_a_stated_time_follows_the_complaint_handling_code() {
    let evaluation = CaseBuilder::new()
        .event(ComplaintMade, "2026-04-01")
        .event(ComplaintAcknowledged, "2026-04-09")
        .on("2026-04-20");
    let acknowledgement = only(&evaluation, "council-complaint-acknowledgement");
    assert_deadline(acknowledgement, "2026-04-10", Status::Met, 0);
    assert_eq!(acknowledgement.force, Force::Guidance);
    let reply = only(&evaluation, "council-complaint-response");
    assert_deadline(reply, "2026-04-17", Status::Overdue, 3);
    assert_eq!(
        reply.citation,
        "LGSCO Complaint Handling Code (from 1 April 2026)"
    );
    assert_eq!(reply.force, Force::Guidance);
    assert!(evaluation.notices.is_empty());
}

#[test]
fn a_stage_2_complaint_gets_20_working_days() {
    let evaluation = CaseBuilder::new()
        .event_with(ComplaintMade, "2026-04-01", |e| e.stage = Some(2))
        .on("2026-04-20");
    assert_deadline(
        only(&evaluation, "council-complaint-response"),
        "2026-05-01",
        Status::DueSoon,
        0,
    );
}

#[test]
fn a_time_the_council_states_still_wins_over_the_code() {
    let evaluation = CaseBuilder::new()
        .event_with(ComplaintMade, "2026-04-01", |e| {
            (e.respond_within, e.unit) = (Some(15), Some(ResponseUnit::Days));
        })
        .on("2026-04-20");
    let reply = only(&evaluation, "council-complaint-response");
    assert_deadline(reply, "2026-04-16", Status::Overdue, 4);
    assert_eq!(
        reply.citation,
        "The council's complaints policy (local, not statutory)"
    );
    only(&evaluation, "council-complaint-acknowledgement");
}

#[test]
fn a_complaint_on_31_march_2026_is_before_the_code() {
    let evaluation = CaseBuilder::new()
        .event(ComplaintMade, "2026-03-31")
        .on("2026-04-20");
    assert_eq!(
        evaluation
            .deadlines_of("council-complaint-response")
            .count(),
        0
    );
    assert_eq!(
        evaluation
            .deadlines_of("council-complaint-acknowledgement")
            .count(),
        0
    );
    assert!(
        evaluation
            .notices
            .iter()
            .any(|n| n.text.contains("Record how long the council says"))
    );
}
