//! Worked examples for the annual review and amendments: the 12-month cycle,
//! the review meeting's notice, advice, report and decision, proposed changes
//! and the final amended plan, and reviews of a child under 5.

mod support;

use rules::EventKind::*;
use rules::{
    Status,
    case_file::{ReviewCompleteOn, ReviewOutcome},
    rule::{Actor, Force},
};
use support::{CaseBuilder, assert_deadline, d, only};

fn plan_on(date: &str) -> CaseBuilder {
    CaseBuilder::new().event(FinalPlanIssued, date)
}

fn decision(outcome: ReviewOutcome) -> impl FnOnce(&mut rules::Event) {
    move |event| event.outcome = Some(outcome)
}

/// A plan of 10 January 2024 reviewed at a meeting on 3 June 2024, with the
/// council's decision on 20 June 2024.
fn reviewed_mid_year() -> CaseBuilder {
    plan_on("2024-01-10")
        .event(ReviewMeeting, "2024-06-03")
        .event_with(
            ReviewDecision,
            "2024-06-20",
            decision(ReviewOutcome::Maintain),
        )
}

fn worked(deadline: &rules::Deadline, words: &str) -> bool {
    deadline.working().iter().any(|step| step.contains(words))
}

/// Source: timelines.md N4: a plan issued 1 Jan 2025 must be reviewed by 31 Dec 2025.
#[test]
fn a_plan_issued_on_1_january_2025_must_be_reviewed_by_31_december_2025() {
    let evaluation = plan_on("2025-01-01").on("2025-06-01");
    let review = only(&evaluation, "annual-review");
    assert_deadline(review, "2025-12-31", Status::Pending, 0);
    assert_eq!(review.citation, "Children and Families Act 2014, s44(1)");
    assert_eq!(
        (review.actor, review.force),
        (Actor::Council, Force::Statutory)
    );
}

/// Source: timelines.md N4: from 29 February, 28 February of the next year.
#[test]
fn a_plan_issued_on_29_february_2024_must_be_reviewed_by_28_february_2025() {
    let evaluation = plan_on("2024-02-29").on("2024-03-01");
    assert_deadline(
        only(&evaluation, "annual-review"),
        "2025-02-28",
        Status::Pending,
        0,
    );
}

#[test]
fn a_review_decision_in_the_middle_of_the_year_starts_the_next_twelve_months() {
    let evaluation = reviewed_mid_year().on("2024-07-01");
    let reviews: Vec<_> = evaluation.deadlines_of("annual-review").collect();
    assert_eq!(reviews.len(), 2);
    assert_deadline(reviews[0], "2025-01-09", Status::Met, 0);
    assert_eq!(reviews[0].done.as_ref().unwrap().date, d("2024-06-20"));
    assert_deadline(reviews[1], "2025-06-19", Status::Pending, 0);
    assert_eq!(reviews[1].trigger.date, d("2024-06-20"));
    assert!(worked(reviews[1], "as IPSEA reads the law"));
}

#[test]
fn counting_from_the_meeting_starts_the_next_twelve_months_on_the_meeting_day() {
    let evaluation = reviewed_mid_year()
        .with(|case| case.settings.review_complete_on = ReviewCompleteOn::Meeting)
        .on("2024-07-01");
    let reviews: Vec<_> = evaluation.deadlines_of("annual-review").collect();
    assert_deadline(reviews[0], "2025-01-09", Status::Met, 0);
    assert_eq!(reviews[0].done.as_ref().unwrap().date, d("2024-06-03"));
    assert!(worked(
        reviews[0],
        "the council's decision followed on 20 June 2024"
    ));
    assert_deadline(reviews[1], "2025-06-02", Status::Pending, 0);
    assert!(worked(reviews[1], "a setting of the case"));
}

#[test]
fn a_missed_review_is_overdue_from_the_day_after_the_twelve_months() {
    let evaluation = plan_on("2024-01-10").on("2025-01-20");
    assert_deadline(
        only(&evaluation, "annual-review"),
        "2025-01-09",
        Status::Overdue,
        11,
    );
}

#[test]
fn a_new_final_plan_before_the_review_is_due_starts_a_new_count() {
    let evaluation = plan_on("2024-01-10")
        .event(FinalPlanIssued, "2024-09-02")
        .on("2024-10-01");
    let reviews: Vec<_> = evaluation.deadlines_of("annual-review").collect();
    assert_eq!(reviews[0].status, Status::NotApplicable);
    assert_deadline(reviews[1], "2025-09-01", Status::Pending, 0);
}

#[test]
fn no_review_is_due_after_a_decision_to_stop_the_plan_until_a_new_plan() {
    let case = plan_on("2024-01-10")
        .event(ReviewMeeting, "2024-06-03")
        .event_with(ReviewDecision, "2024-06-20", decision(ReviewOutcome::Cease))
        .event(CeaseDecision, "2024-08-01");
    let stopped = case.on("2025-08-01");
    let reviews: Vec<_> = stopped.deadlines_of("annual-review").collect();
    assert_deadline(reviews[0], "2025-01-09", Status::Met, 0);
    assert_eq!(reviews[1].status, Status::NotApplicable);
    assert!(worked(
        reviews[1],
        "decided to stop the plan on 1 August 2024"
    ));

    let restarted = case.event(FinalPlanIssued, "2025-03-03").on("2025-08-01");
    let reviews: Vec<_> = restarted.deadlines_of("annual-review").collect();
    assert_eq!(reviews.len(), 3);
    assert_eq!(reviews[1].status, Status::NotApplicable);
    assert_deadline(reviews[2], "2026-03-02", Status::Pending, 0);
}

#[test]
fn after_a_move_to_another_council_the_transfer_review_replaces_the_annual_review() {
    let evaluation = plan_on("2024-11-01")
        .event(PlanTransferred, "2025-04-01")
        .on("2025-05-01");
    let review = only(&evaluation, "annual-review");
    assert_eq!(review.status, Status::NotApplicable);
    assert!(worked(review, "reg 15(5)"));
}

/// Source: SEND Regulations 2014, reg 20(3) and (4): at least two weeks' notice,
/// and advice circulated at least two weeks before the meeting.
#[test]
fn invitations_and_advice_are_due_two_weeks_before_the_meeting() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewInvitationSent, "2025-09-30")
        .event(ReviewAdviceCirculated, "2025-10-06")
        .event(ReviewMeeting, "2025-10-15")
        .on("2025-10-20");
    assert_deadline(
        only(&evaluation, "review-invitations"),
        "2025-10-01",
        Status::Met,
        0,
    );
    let advice = only(&evaluation, "review-advice");
    assert_deadline(advice, "2025-10-01", Status::MetLate, 5);
    assert_eq!(advice.actor, Actor::School);
}

#[test]
fn invitations_sent_for_last_years_meeting_do_not_count_for_this_years() {
    let evaluation = plan_on("2024-01-10")
        .event(ReviewInvitationSent, "2024-10-01")
        .event(ReviewMeeting, "2024-10-16")
        .event(ReviewMeeting, "2025-10-15")
        .on("2025-10-20");
    let invitations: Vec<_> = evaluation.deadlines_of("review-invitations").collect();
    assert_deadline(invitations[0], "2024-10-02", Status::Met, 0);
    assert_deadline(invitations[1], "2025-10-01", Status::Overdue, 19);
}

#[test]
fn the_school_sends_the_report_within_two_weeks_of_the_meeting() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event(ReviewReportSent, "2025-03-14")
        .on("2025-03-20");
    let report = only(&evaluation, "review-report");
    assert_deadline(report, "2025-03-17", Status::Met, 0);
    assert_eq!(report.actor, Actor::School);
    assert_eq!(report.citation, "SEND Regulations 2014, reg 20(7)");
}

#[test]
fn the_decision_is_due_four_weeks_after_the_meeting() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event_with(
            ReviewDecision,
            "2025-03-28",
            decision(ReviewOutcome::Maintain),
        )
        .on("2025-04-10");
    let decided = only(&evaluation, "review-decision");
    assert_deadline(decided, "2025-03-31", Status::Met, 0);
    assert_eq!(decided.citation, "SEND Regulations 2014, reg 20(10)");
}

/// Source: Devon [2022] EWHC 493 (Admin): a decision to amend must come with
/// the proposed changes, so it is made when they are sent.
#[test]
fn a_decision_to_amend_whose_proposed_changes_come_two_weeks_later_is_late() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event_with(ReviewDecision, "2025-03-24", decision(ReviewOutcome::Amend))
        .event(AmendmentNoticeIssued, "2025-04-07")
        .on("2025-05-01");
    let decided = only(&evaluation, "review-decision");
    assert_deadline(decided, "2025-03-31", Status::MetLate, 7);
    assert_eq!(decided.done.as_ref().unwrap().date, d("2025-04-07"));
    assert!(worked(
        decided,
        "sent the proposed changes only on 7 April 2025"
    ));
}

#[test]
fn a_decision_to_amend_sent_with_its_proposed_changes_is_on_time() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event_with(ReviewDecision, "2025-03-24", decision(ReviewOutcome::Amend))
        .event(AmendmentNoticeIssued, "2025-03-24")
        .on("2025-05-01");
    assert_deadline(
        only(&evaluation, "review-decision"),
        "2025-03-31",
        Status::Met,
        0,
    );
}

#[test]
fn a_decision_to_amend_without_proposed_changes_is_not_yet_made() {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event_with(ReviewDecision, "2025-03-24", decision(ReviewOutcome::Amend))
        .on("2025-04-10");
    let decided = only(&evaluation, "review-decision");
    assert_deadline(decided, "2025-03-31", Status::Overdue, 10);
    assert!(worked(decided, "no proposed changes are recorded"));
}

/// Source: timelines.md N2: proposed amendments served Wed 1 Oct 2025 leave the
/// family until Wed 15 Oct 2025.
#[test]
fn the_family_has_fifteen_days_beginning_with_the_day_the_proposed_changes_are_sent() {
    let evaluation = plan_on("2025-01-10")
        .event(AmendmentNoticeIssued, "2025-10-01")
        .event(RepresentationsMade, "2025-10-15")
        .event(DecisionNotToAmend, "2025-11-20")
        .on("2025-12-01");
    let comments = only(&evaluation, "amendment-representations");
    assert_deadline(comments, "2025-10-15", Status::Met, 0);
    assert_eq!(comments.actor, Actor::Parent);
    assert_deadline(
        only(&evaluation, "final-amended-plan"),
        "2025-11-26",
        Status::Met,
        0,
    );
}

#[test]
fn the_final_amended_plan_is_due_eight_weeks_after_the_proposed_changes_and_twelve_after_the_meeting()
 {
    let evaluation = plan_on("2025-01-10")
        .event(ReviewMeeting, "2025-03-03")
        .event_with(ReviewDecision, "2025-03-24", decision(ReviewOutcome::Amend))
        .event(AmendmentNoticeIssued, "2025-03-24")
        .event(FinalAmendedPlanIssued, "2025-05-23")
        .on("2025-06-01");
    let plan = only(&evaluation, "final-amended-plan");
    assert_deadline(plan, "2025-05-19", Status::MetLate, 4);
    assert!(worked(
        plan,
        "at most 12 weeks after the meeting: by 26 May 2025"
    ));
}

/// Source: SEND Code of Practice 2015, para 9.178 (consider reviews every 3 to
/// 6 months for a child under 5).
#[test]
fn a_child_under_five_should_have_a_review_within_six_months_of_the_plan_and_of_each_meeting() {
    let evaluation = plan_on("2025-01-10")
        .with(|case| case.date_of_birth = Some(d("2021-09-01")))
        .event(ReviewMeeting, "2025-06-02")
        .on("2025-07-01");
    let reviews: Vec<_> = evaluation.deadlines_of("under-five-review").collect();
    assert_eq!(reviews.len(), 2);
    assert_deadline(reviews[0], "2025-07-10", Status::Met, 0);
    assert_eq!(reviews[0].force, Force::Guidance);
    assert!(worked(reviews[0], "every 3 to 6 months"));
    assert_deadline(reviews[1], "2025-12-02", Status::Pending, 0);
}

#[test]
fn no_under_five_review_for_a_child_of_five_or_with_no_date_of_birth() {
    let five = plan_on("2025-01-10")
        .with(|case| case.date_of_birth = Some(d("2020-01-10")))
        .on("2025-02-01");
    assert_eq!(five.deadlines_of("under-five-review").count(), 0);
    let unknown = plan_on("2025-01-10").on("2025-02-01");
    assert_eq!(unknown.deadlines_of("under-five-review").count(), 0);
}
