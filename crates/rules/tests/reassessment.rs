//! Worked examples for re-assessment (reg 25, 27), moving to another council's
//! area (reg 15) and a decision to stop a plan (CFA s45).

mod support;

use rules::EventKind::*;
use rules::{Status, case_file::ExceptionReason};
use support::{CaseBuilder, assert_deadline, d, only, worked};

#[test]
fn a_reassessment_request_is_decided_within_15_days_and_the_plan_follows_within_14_weeks() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-06-03")
        .event(ReassessmentRequestReceived, "2025-03-03")
        .event(DecisionToReassess, "2025-03-14")
        .event(FinalAmendedPlanIssued, "2025-06-30")
        .on("2025-07-01");
    let decision = only(&evaluation, "decide-whether-to-reassess");
    assert_deadline(decision, "2025-03-18", Status::Met, 0);
    assert_eq!(decision.citation, "SEND Regulations 2014, reg 25(1)");
    let plan = only(&evaluation, "reassessment-final-plan");
    assert_deadline(plan, "2025-06-20", Status::MetLate, 10);
    assert_eq!(plan.citation, "SEND Regulations 2014, reg 27(2)");
    assert_eq!(plan.rule.exceptions.name, "EX-A");
}

#[test]
fn a_decision_not_to_reassess_leaves_no_plan_deadline() {
    let evaluation = CaseBuilder::new()
        .event(ReassessmentRequestReceived, "2025-03-03")
        .event(DecisionNotToReassess, "2025-03-20")
        .on("2025-07-01");
    assert_deadline(
        only(&evaluation, "decide-whether-to-reassess"),
        "2025-03-18",
        Status::MetLate,
        2,
    );
    assert_eq!(
        evaluation.deadlines_of("reassessment-final-plan").count(),
        0
    );
}

#[test]
fn a_decision_to_stop_the_plan_during_a_reassessment_ends_its_plan_deadline() {
    let evaluation = CaseBuilder::new()
        .event(DecisionToReassess, "2025-03-14")
        .event(CeaseDecision, "2025-05-01")
        .on("2025-07-01");
    assert_eq!(
        only(&evaluation, "reassessment-final-plan").status,
        Status::NotApplicable
    );
}

/// Source: timelines.md section 2 (SI 2020/471): a re-assessment decision due
/// in May 2020 could be excepted for coronavirus.
#[test]
fn the_coronavirus_exception_of_2020_can_switch_off_the_reassessment_decision() {
    let evaluation = CaseBuilder::new()
        .event(ReassessmentRequestReceived, "2020-05-04")
        .event_with(ExceptionClaimed, "2020-05-10", |event| {
            event.exception = Some(ExceptionReason::Coronavirus2020);
            event.from = Some(d("2020-05-01"));
            event.until = Some(d("2020-09-25"));
        })
        .on("2020-10-01");
    let decision = only(&evaluation, "decide-whether-to-reassess");
    assert_eq!(
        (decision.due, decision.status),
        (d("2020-05-19"), Status::Excepted)
    );
}

#[test]
fn the_new_council_writes_within_six_weeks_of_the_transfer() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-11-01")
        .event(PlanTransferred, "2025-04-01")
        .event(TransferNoticeReceived, "2025-05-20")
        .on("2025-06-01");
    let notice = only(&evaluation, "transfer-notice");
    assert_deadline(notice, "2025-05-13", Status::MetLate, 7);
    assert_eq!(notice.citation, "SEND Regulations 2014, reg 15(4)");
}

/// Source: SEND Regulations 2014, reg 15(5)(a): the 12 months from the plan end
/// later than the 3 months from the transfer.
#[test]
fn the_transfer_review_is_due_twelve_months_from_a_recent_plan() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-11-01")
        .event(PlanTransferred, "2025-04-01")
        .on("2025-06-01");
    let review = only(&evaluation, "transfer-review");
    assert_deadline(review, "2025-10-31", Status::Pending, 0);
    assert!(worked(review, "which end on 31 October 2025"));
    assert!(worked(review, "which end on 30 June 2025"));
    assert!(worked(review, "The later is (a)"));
}

/// Source: SEND Regulations 2014, reg 15(5)(b): a plan reviewed long ago gives
/// the new council 3 months beginning with the transfer.
#[test]
fn the_transfer_review_is_due_three_months_from_the_transfer_when_that_is_later() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-05-01")
        .event(PlanTransferred, "2025-04-01")
        .event(ReviewDecision, "2025-06-15")
        .on("2025-07-01");
    let review = only(&evaluation, "transfer-review");
    assert_deadline(review, "2025-06-30", Status::Met, 0);
    assert!(worked(review, "which end on 30 April 2025"));
    assert!(worked(review, "The later is (b)"));
}

#[test]
fn the_transfer_review_counts_from_the_last_review_before_the_move() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-01-10")
        .event(ReviewMeeting, "2024-08-20")
        .event(ReviewDecision, "2024-09-10")
        .event(PlanTransferred, "2025-04-01")
        .on("2025-05-01");
    let review = only(&evaluation, "transfer-review");
    assert_deadline(review, "2025-09-09", Status::Pending, 0);
    assert!(worked(review, "the last review before the transfer"));
}

/// Source: Children and Families Act 2014, s45 (Explanatory Notes, para 247):
/// the plan is maintained until the time to appeal has passed or the appeal is decided.
#[test]
fn a_decision_to_stop_the_plan_comes_with_a_notice_to_keep_it_while_an_appeal_is_possible() {
    let case = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-01-10")
        .event(CeaseDecision, "2025-07-01");
    let keep_plan = |evaluation: &rules::Evaluation| -> Vec<String> {
        evaluation
            .notices
            .iter()
            .filter(|notice| notice.citation == "Children and Families Act 2014, s45")
            .map(|notice| notice.text.clone())
            .collect()
    };
    let before_appeal = keep_plan(&case.on("2025-07-10"));
    assert_eq!(before_appeal.len(), 1);
    assert!(before_appeal[0].contains("until the time to appeal"));

    let appealed = keep_plan(&case.event(AppealLodged, "2025-08-15").on("2025-09-01"));
    assert!(appealed[0].contains("15 August 2025"));
}

/// Source: R (LW) v Islington [2025] EWHC 703 (Admin): an annual review that
/// falls due during a re-assessment is not a breach; the next 12 months start
/// from the plan that ends the re-assessment.
#[test]
fn a_review_falling_due_during_a_reassessment_is_excepted_and_the_plan_restarts_the_count() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-06-03")
        .event(DecisionToReassess, "2025-03-14")
        .event(FinalAmendedPlanIssued, "2025-06-30")
        .on("2025-07-01");
    let reviews: Vec<_> = evaluation.deadlines_of("annual-review").collect();
    assert_eq!(reviews.len(), 2, "{reviews:?}");
    assert_eq!(
        (reviews[0].due, reviews[0].status),
        (d("2025-06-02"), Status::Excepted)
    );
    assert_eq!(
        reviews[0].exceptions[0].reason,
        ExceptionReason::Reassessment
    );
    assert!(worked(reviews[0], "R (LW) v Islington"));
    assert_eq!(
        (reviews[1].trigger.date, reviews[1].due),
        (d("2025-06-30"), d("2026-06-29"))
    );
    assert!(evaluation.deadlines_of("ombudsman-window").all(|window| {
        !window
            .subject
            .as_deref()
            .unwrap_or("")
            .contains("Annual review")
    }));
}

#[test]
fn a_review_due_while_a_reassessment_is_still_open_is_excepted() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-06-03")
        .event(DecisionToReassess, "2025-03-14")
        .on("2025-07-01");
    assert_eq!(only(&evaluation, "annual-review").status, Status::Excepted);
}

#[test]
fn a_review_overdue_before_the_reassessment_began_stays_overdue() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2024-01-02")
        .event(DecisionToReassess, "2025-03-14")
        .on("2025-07-01");
    let review = evaluation.deadlines_of("annual-review").next().unwrap();
    assert_deadline(review, "2025-01-01", Status::Overdue, 181);
}
