//! Worked examples for the assessment chain: 6, 16 and 20 weeks, advice, the
//! draft plan's 15 days, school consultation, and reversals of a refusal.

mod support;

use rules::EventKind::*;
use rules::{
    Status,
    case_file::SendMethod,
    rule::{Actor, Force},
};
use support::{CaseBuilder, assert_deadline, d, only};

fn request_on(date: &str) -> CaseBuilder {
    CaseBuilder::new().event(RequestReceived, date)
}

/// Source: timelines.md N1, the Ombudsman's counting: a request received Mon 6 Jan
/// 2025 has its 6-week limit on Mon 17 Feb 2025 and its 20-week limit on Mon 26 May
/// 2025, a bank holiday, which does not move it.
#[test]
fn weeks_are_counted_from_the_day_after_the_request_and_a_bank_holiday_does_not_move_them() {
    let evaluation = request_on("2025-01-06").on("2025-01-07");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-02-17",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "decide-whether-to-issue"),
        "2025-04-28",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "final-plan"),
        "2025-05-26",
        Status::Pending,
        0,
    );
}

/// Source: case-file.md, the `check` contract's example.
#[test]
fn a_decision_three_days_after_the_limit_is_met_three_days_late() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionToAssess, "2025-02-20")
        .on("2025-03-01");
    let decision = only(&evaluation, "decide-whether-to-assess");
    assert_deadline(decision, "2025-02-17", Status::MetLate, 3);
    assert_eq!(
        decision.done.as_ref().map(|done| done.date),
        Some(d("2025-02-20"))
    );
    assert_eq!(decision.citation, "SEND Regulations 2014, reg 5(1)");
    assert_eq!(
        (decision.actor, decision.force),
        (Actor::Council, Force::Statutory)
    );
}

#[test]
fn a_decision_on_the_last_day_is_met() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionToAssess, "2025-02-17")
        .on("2025-03-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-02-17",
        Status::Met,
        0,
    );
}

#[test]
fn a_missing_decision_is_overdue_by_the_days_since_the_limit() {
    let evaluation = request_on("2025-01-06").on("2025-03-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-02-17",
        Status::Overdue,
        12,
    );
}

#[test]
fn due_soon_covers_the_fourteen_days_from_today() {
    let case = request_on("2025-01-06");
    // 17 February is the 14th day counting today, 4 February, as the first.
    assert_eq!(
        only(&case.on("2025-02-04"), "decide-whether-to-assess").status,
        Status::DueSoon
    );
    assert_eq!(
        only(&case.on("2025-02-17"), "decide-whether-to-assess").status,
        Status::DueSoon
    );
    assert_eq!(
        only(&case.on("2025-02-03"), "decide-whether-to-assess").status,
        Status::Pending
    );
    assert_eq!(
        only(&case.on("2025-02-18"), "decide-whether-to-assess").status,
        Status::Overdue
    );
}

#[test]
fn six_weeks_from_a_request_in_mid_january_of_a_leap_year_ends_on_29_february() {
    let evaluation = request_on("2024-01-18").on("2024-01-19");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2024-02-29",
        Status::Pending,
        0,
    );
}

#[test]
fn a_request_in_late_november_runs_across_the_year_end() {
    let evaluation = request_on("2024-11-25").on("2024-11-26");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-01-06",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "final-plan"),
        "2025-04-14",
        Status::Pending,
        0,
    );
}

#[test]
fn a_draft_plan_counts_as_the_decision_to_issue() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionToAssess, "2025-02-10")
        .event(DraftPlanIssued, "2025-04-30")
        .on("2025-05-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-issue"),
        "2025-04-28",
        Status::MetLate,
        2,
    );
}

#[test]
fn a_decision_not_to_assess_means_the_plan_limits_do_not_apply() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionNotToAssess, "2025-02-10")
        .on("2025-06-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2025-02-17",
        Status::Met,
        0,
    );
    assert_eq!(
        only(&evaluation, "decide-whether-to-issue").status,
        Status::NotApplicable
    );
    assert_eq!(
        only(&evaluation, "final-plan").status,
        Status::NotApplicable
    );
}

#[test]
fn a_decision_not_to_issue_means_the_final_plan_limit_does_not_apply() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionToAssess, "2025-02-10")
        .event(DecisionNotToIssue, "2025-04-20")
        .on("2025-06-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-issue"),
        "2025-04-28",
        Status::Met,
        0,
    );
    assert_eq!(
        only(&evaluation, "final-plan").status,
        Status::NotApplicable
    );
}

/// Source: timelines.md, reversals: the Ombudsman applies 10 and 14 weeks from the
/// council's new decision; W v Hertfordshire (2023) keeps the 20 weeks from the
/// request. Both are shown.
#[test]
fn a_council_reversing_its_own_refusal_faces_both_the_original_and_the_ombudsman_limits() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionNotToAssess, "2025-02-10")
        .event(DecisionToAssess, "2025-04-01")
        .on("2025-04-02");
    assert_deadline(
        only(&evaluation, "final-plan"),
        "2025-05-26",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "decide-whether-to-issue"),
        "2025-04-28",
        Status::Pending,
        0,
    );
    let ombudsman_issue = only(&evaluation, "order-decide-whether-to-issue");
    assert_deadline(ombudsman_issue, "2025-06-10", Status::Pending, 0);
    assert!(ombudsman_issue.citation.starts_with("Ombudsman practice"));
    assert_eq!(ombudsman_issue.force, Force::Guidance);
    assert_deadline(
        only(&evaluation, "order-final-plan"),
        "2025-07-08",
        Status::Pending,
        0,
    );
    assert!(
        evaluation
            .deadlines_of("order-notify-assessment")
            .next()
            .is_none()
    );
}

#[test]
fn a_tribunal_order_to_assess_restarts_the_clocks_from_the_order() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionNotToAssess, "2025-02-10")
        .event_with(TribunalOrder, "2025-07-01", |e| {
            e.order = Some(rules::case_file::Order::Assess)
        })
        .event(DecisionToAssess, "2025-07-10")
        .on("2025-07-20");
    assert_eq!(
        only(&evaluation, "final-plan").status,
        Status::NotApplicable
    );
    let notify = only(&evaluation, "order-notify-assessment");
    assert_deadline(notify, "2025-07-15", Status::Met, 0);
    assert_eq!(notify.citation, "SEND Regulations 2014, reg 44(2)");
    assert_deadline(
        only(&evaluation, "order-decide-whether-to-issue"),
        "2025-09-09",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "order-final-plan"),
        "2025-10-07",
        Status::Pending,
        0,
    );
}

#[test]
fn an_appeal_the_council_does_not_oppose_cites_regulation_45() {
    let evaluation = CaseBuilder::new()
        .event_with(AppealConceded, "2025-03-03", |e| {
            e.order = Some(rules::case_file::Order::IssuePlan)
        })
        .on("2025-03-04");
    let draft = only(&evaluation, "order-draft-plan");
    assert_deadline(draft, "2025-04-07", Status::Pending, 0);
    assert_eq!(draft.citation, "SEND Regulations 2014, reg 45");
    assert_deadline(
        only(&evaluation, "order-final-plan"),
        "2025-05-19",
        Status::Pending,
        0,
    );
}

#[test]
fn each_request_starts_its_own_chain_and_decisions_answer_the_request_before_them() {
    let evaluation = request_on("2024-01-08")
        .event(DecisionNotToAssess, "2024-02-12")
        .event(RequestReceived, "2025-01-06")
        .event(DecisionToAssess, "2025-02-20")
        .on("2025-03-01");
    let decisions: Vec<_> = evaluation
        .deadlines_of("decide-whether-to-assess")
        .map(|deadline| (deadline.due, deadline.status, deadline.days_late))
        .collect();
    assert_eq!(
        decisions,
        vec![
            (d("2024-02-19"), Status::Met, 0),
            (d("2025-02-17"), Status::MetLate, 3)
        ]
    );
}

#[test]
fn advice_is_due_six_weeks_after_each_party_is_asked() {
    let evaluation = request_on("2025-01-06")
        .event_with(AdviceRequested, "2025-02-20", |e| {
            e.party = Some("Educational psychologist".into())
        })
        .event_with(AdviceRequested, "2025-02-21", |e| {
            e.party = Some("Community paediatrician".into())
        })
        .event_with(AdviceReceived, "2025-04-10", |e| {
            e.party = Some("Educational psychologist".into())
        })
        .on("2025-04-20");
    let advice: Vec<_> = evaluation.deadlines_of("advice").collect();
    assert_eq!(advice.len(), 2);
    let psychologist = advice
        .iter()
        .find(|a| a.subject.as_deref() == Some("Educational psychologist"))
        .unwrap();
    assert_deadline(psychologist, "2025-04-03", Status::MetLate, 7);
    let paediatrician = advice
        .iter()
        .find(|a| a.subject.as_deref() == Some("Community paediatrician"))
        .unwrap();
    assert_deadline(paediatrician, "2025-04-04", Status::Overdue, 16);
    assert_eq!(paediatrician.actor, Actor::Health);
}

/// Source: timelines.md N2: a draft served Wed 1 Oct 2025 leaves the family until
/// Wed 15 Oct 2025, and the council may not finalise before Thu 16 Oct.
#[test]
fn the_family_has_fifteen_days_beginning_with_the_day_the_draft_is_sent() {
    let evaluation = CaseBuilder::new()
        .event(DraftPlanIssued, "2025-10-01")
        .event(RepresentationsMade, "2025-10-15")
        .event(FinalPlanIssued, "2025-10-16")
        .on("2025-10-20");
    assert_deadline(
        only(&evaluation, "draft-plan-representations"),
        "2025-10-15",
        Status::Met,
        0,
    );
    assert_deadline(
        only(&evaluation, "final-not-before-window"),
        "2025-10-16",
        Status::Met,
        0,
    );
}

#[test]
fn a_final_plan_issued_within_the_familys_fifteen_days_is_too_early() {
    let evaluation = CaseBuilder::new()
        .event(DraftPlanIssued, "2025-10-01")
        .event(FinalPlanIssued, "2025-10-14")
        .on("2025-10-20");
    let window = only(&evaluation, "final-not-before-window");
    assert_deadline(window, "2025-10-16", Status::TooEarly, 2);
    assert!(window.status.is_missed());
}

#[test]
fn a_school_consulted_should_reply_within_fifteen_days_as_guidance() {
    let evaluation = CaseBuilder::new()
        .event_with(SchoolConsulted, "2025-10-01", |e| {
            e.school = Some("Hill Top Academy".into())
        })
        .on("2025-10-20");
    let reply = only(&evaluation, "school-consultation");
    assert_deadline(reply, "2025-10-16", Status::Overdue, 4);
    assert_eq!(
        (reply.force, reply.subject.as_deref()),
        (Force::Guidance, Some("Hill Top Academy"))
    );
}

#[test]
fn a_request_recorded_as_emailed_after_5pm_on_a_friday_counts_from_monday() {
    let evaluation = CaseBuilder::new()
        .event_with(RequestSent, "2025-01-10", |e| {
            e.method = Some(SendMethod::Email);
            e.time = chrono::NaiveTime::from_hms_opt(18, 15, 0);
        })
        .on("2025-01-11");
    let decision = only(&evaluation, "decide-whether-to-assess");
    assert_eq!(decision.trigger.date, d("2025-01-13"));
    assert_deadline(decision, "2025-02-24", Status::Pending, 0);
    assert!(
        decision
            .trigger
            .label
            .to_string()
            .contains("worked out from how it was sent")
    );
}

#[test]
fn a_recorded_arrival_replaces_the_date_worked_out_from_sending() {
    let evaluation = CaseBuilder::new()
        .event_with(RequestSent, "2025-01-10", |e| {
            e.method = Some(SendMethod::FirstClass)
        })
        .event(RequestReceived, "2025-01-15")
        .on("2025-01-16");
    assert_eq!(
        only(&evaluation, "decide-whether-to-assess").trigger.date,
        d("2025-01-15")
    );
}

#[test]
fn a_decision_dated_before_its_request_is_a_warning_not_an_answer() {
    let evaluation = CaseBuilder::new()
        .event(DecisionToAssess, "2025-01-02")
        .event(RequestReceived, "2025-01-06")
        .on("2025-03-01");
    assert_eq!(evaluation.warnings.len(), 1);
    assert_eq!(evaluation.warnings[0].event, "e-1");
    assert_eq!(
        only(&evaluation, "decide-whether-to-assess").status,
        Status::Overdue
    );
}

#[test]
fn a_date_in_an_implausible_year_is_a_warning_that_names_the_event() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "1899-12-31")
        .event(DecisionToAssess, "2205-01-06")
        .on("2025-03-01");
    let messages: Vec<(&str, &str)> = evaluation
        .warnings
        .iter()
        .map(|w| (w.event.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "e-1",
                "Event e-1 is dated 31 December 1899, outside the years 1900 to 2199. Check the year."
            ),
            (
                "e-2",
                "Event e-2 is dated 6 January 2205, outside the years 1900 to 2199. Check the year."
            ),
        ]
    );
    let plausible = request_on("1900-01-01")
        .event(DecisionToAssess, "2199-12-31")
        .on("2025-03-01");
    assert!(plausible.warnings.is_empty(), "{:?}", plausible.warnings);
}

#[test]
fn the_working_shows_the_trigger_the_count_and_the_outcome() {
    let evaluation = request_on("2025-01-06")
        .event(DecisionToAssess, "2025-02-20")
        .on("2025-03-01");
    let working = only(&evaluation, "decide-whether-to-assess")
        .working()
        .join("\n");
    assert!(
        working.contains("Monday 6 January 2025 (event e-1)"),
        "{working}"
    );
    assert!(
        working.contains("6 weeks after 6 January 2025, not counting that day"),
        "{working}"
    );
    assert!(
        working.contains("16 February 2025"),
        "the day-1 reading is shown: {working}"
    );
    assert!(
        working.contains("Done 3 days after the due date, 17 February 2025."),
        "{working}"
    );
}
