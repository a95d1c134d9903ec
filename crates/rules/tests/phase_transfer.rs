//! Worked examples for phase transfer (reg 18): the plan naming the new school
//! or college by 15 February, 31 March, or 5 months before a post-16 move.

mod support;

use rules::EventKind::*;
use rules::{
    Event, Status,
    case_file::{ExceptionReason, Transfer},
};
use support::{CaseBuilder, assert_deadline, d, only};

fn moving(transfer: Transfer, starts: &str) -> CaseBuilder {
    CaseBuilder::new()
        .event(FinalPlanIssued, "2023-03-01")
        .event_with(PhaseTransferPlanned, starts, move |event: &mut Event| {
            event.transfer = Some(transfer)
        })
}

fn worked(deadline: &rules::Deadline, words: &str) -> bool {
    deadline.working().iter().any(|step| step.contains(words))
}

/// Source: SEND Regulations 2014, reg 18(1)(b): a move to secondary school in
/// September 2026 needs the amended plan by 15 February 2026.
#[test]
fn a_move_to_secondary_in_september_is_due_by_15_february_and_met_by_a_plan_before_it() {
    let evaluation = moving(Transfer::School, "2026-09-02")
        .event(FinalAmendedPlanIssued, "2026-02-10")
        .on("2026-03-01");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2026-02-15", Status::Met, 0);
    assert_eq!(transfer.citation, "SEND Regulations 2014, reg 18(1)(b)");
    assert!(worked(
        transfer,
        "the latest in the 12 months up to the due date"
    ));
    assert!(worked(transfer, "read it as \"by\""));
    assert!(worked(transfer, "the last day is 14 February 2026"));
}

#[test]
fn a_plan_naming_the_secondary_school_in_march_is_fifteen_days_late() {
    let evaluation = moving(Transfer::School, "2026-09-02")
        .event(FinalAmendedPlanIssued, "2026-03-02")
        .on("2026-04-01");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2026-02-15", Status::MetLate, 15);
    assert!(worked(
        transfer,
        "the first issued after it and before the move"
    ));
}

#[test]
fn with_no_plan_the_transfer_deadline_is_overdue() {
    let evaluation = moving(Transfer::School, "2026-09-02").on("2026-03-01");
    assert_deadline(
        only(&evaluation, "phase-transfer"),
        "2026-02-15",
        Status::Overdue,
        14,
    );
}

#[test]
fn the_latest_plan_in_the_twelve_months_up_to_the_due_date_is_counted() {
    let evaluation = moving(Transfer::School, "2026-09-02")
        .event(FinalAmendedPlanIssued, "2025-01-20")
        .event(FinalAmendedPlanIssued, "2025-06-02")
        .event(FinalAmendedPlanIssued, "2026-01-12")
        .on("2026-03-01");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2026-02-15", Status::Met, 0);
    assert_eq!(transfer.done.as_ref().unwrap().date, d("2026-01-12"));
}

#[test]
fn a_plan_older_than_twelve_months_or_issued_after_the_move_does_not_count() {
    let evaluation = moving(Transfer::School, "2026-09-02")
        .event(FinalAmendedPlanIssued, "2025-01-20")
        .event(FinalAmendedPlanIssued, "2026-09-10")
        .on("2026-10-01");
    let transfer = only(&evaluation, "phase-transfer");
    assert_eq!(transfer.done, None);
    assert_eq!(transfer.status, Status::Overdue);
}

/// Source: SEND Regulations 2014, reg 18(1)(a): secondary school to a post-16
/// institution on 1 September 2026, by 31 March 2026.
#[test]
fn a_move_from_secondary_to_post16_is_due_by_31_march() {
    let evaluation = moving(Transfer::SecondaryToPost16, "2026-09-01").on("2026-01-05");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2026-03-31", Status::Pending, 0);
    assert_eq!(transfer.citation, "SEND Regulations 2014, reg 18(1)(a)");
    assert!(worked(transfer, "year 11 into a school's own sixth form"));
}

/// Source: SEND Regulations 2014, reg 18(2), with N3: 5 calendar months before
/// 31 July 2026 is 28 February 2026, the last day of the shorter month.
#[test]
fn a_move_between_post16_institutions_on_31_july_is_due_on_28_february() {
    let evaluation = moving(Transfer::Post16ToPost16, "2026-07-31").on("2026-01-05");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2026-02-28", Status::Pending, 0);
    assert_eq!(transfer.citation, "SEND Regulations 2014, reg 18(2)");
    assert!(!worked(transfer, "read it as \"by\""));
}

/// Source: timelines.md section 2: phase-transfer deadlines have no exceptions,
/// not even the coronavirus one of 2020.
#[test]
fn no_exception_switches_off_a_phase_transfer_deadline() {
    let evaluation = moving(Transfer::Post16ToPost16, "2020-12-01")
        .event_with(ExceptionClaimed, "2020-05-01", |event| {
            event.exception = Some(ExceptionReason::Coronavirus2020);
            event.from = Some(d("2020-05-01"));
            event.until = Some(d("2020-09-25"));
        })
        .event(FinalAmendedPlanIssued, "2020-08-01")
        .on("2020-10-01");
    let transfer = only(&evaluation, "phase-transfer");
    assert_deadline(transfer, "2020-07-01", Status::MetLate, 31);
    assert!(transfer.exceptions.is_empty());
}
