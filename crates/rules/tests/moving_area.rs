//! Worked examples for the old council's transfer of a plan when a family
//! moves to another council's area (reg 15(2)).
//!
//! Source: SEND Regulations 2014, reg 15(2): "The old authority shall transfer
//! the EHC plan to the new authority … on the day of the move or, where it has
//! not become aware of the move at least 15 working days prior to that move,
//! within 15 working days beginning with the day on which it did become aware."

mod support;

use rules::EventKind::*;
use rules::{Status, rule::Actor};
use support::{CaseBuilder, assert_deadline, d, only, worked};

/// A case where the old council learned of a move on `learned`, the move
/// being on `moving`, and the plan was transferred on `transferred`.
fn moving(learned: &str, moving: &str, transferred: Option<&str>) -> CaseBuilder {
    let case = CaseBuilder::new().event_with(MoveNotified, learned, |e| {
        e.move_date = Some(d(moving));
    });
    match transferred {
        Some(date) => case.event(PlanTransferred, date),
        None => case,
    }
}

#[test]
fn a_council_told_well_before_the_move_transfers_the_plan_on_the_day_of_the_move() {
    // Told on Monday 3 March 2025: the 15th working day is Friday 21 March,
    // before the move on Monday 14 April.
    let evaluation = moving("2025-03-03", "2025-04-14", Some("2025-04-14")).on("2025-05-01");
    let transfer = only(&evaluation, "plan-transfer");
    assert_deadline(transfer, "2025-04-14", Status::Met, 0);
    assert_eq!(transfer.citation, "SEND Regulations 2014, reg 15(2)");
    assert_eq!(transfer.actor, Actor::Council);
    assert!(worked(transfer, "on the day of the move"));
}

#[test]
fn exactly_15_working_days_before_the_move_is_enough_notice() {
    // Monday 3 to Friday 21 March 2025 are 15 working days; the move is on Monday 24 March.
    let evaluation = moving("2025-03-03", "2025-03-24", None).on("2025-03-01");
    assert_deadline(
        only(&evaluation, "plan-transfer"),
        "2025-03-24",
        Status::Pending,
        0,
    );
}

#[test]
fn fourteen_working_days_notice_gives_15_working_days_from_learning_of_the_move() {
    // A move on Thursday 20 March 2025: the plan is due on Friday 21 March, the
    // day after the move.
    let evaluation = moving("2025-03-03", "2025-03-20", Some("2025-03-24")).on("2025-04-01");
    let transfer = only(&evaluation, "plan-transfer");
    assert_deadline(transfer, "2025-03-21", Status::MetLate, 3);
    assert!(worked(transfer, "less than 15 working days"));
}

#[test]
fn learning_of_a_move_on_the_friday_before_a_bank_holiday_skips_the_monday() {
    // Friday 22 August 2025 is day 1; Monday 25 August (summer bank holiday)
    // is not counted, so day 15 is Friday 12 September.
    let evaluation = moving("2025-08-22", "2025-09-01", Some("2025-09-15")).on("2025-10-01");
    assert_deadline(
        only(&evaluation, "plan-transfer"),
        "2025-09-12",
        Status::MetLate,
        3,
    );
}

#[test]
fn learning_of_a_move_on_a_saturday_counts_from_the_next_working_day_across_christmas() {
    // Saturday 20 December 2025: day 1 is Monday 22 December; Christmas Day,
    // Boxing Day and New Year's Day are skipped, so day 15 is Wednesday 14 January 2026.
    let evaluation = moving("2025-12-20", "2026-01-05", None).on("2026-01-20");
    assert_deadline(
        only(&evaluation, "plan-transfer"),
        "2026-01-14",
        Status::Overdue,
        6,
    );
}

#[test]
fn a_move_on_a_saturday_at_a_month_end_is_due_that_saturday() {
    // Told on Friday 31 January 2025 of a move on Saturday 1 March: day 15 is
    // Thursday 20 February, so the plan passes on the day of the move, which
    // does not move off the weekend.
    let evaluation = moving("2025-01-31", "2025-03-01", None).on("2025-03-03");
    assert_deadline(
        only(&evaluation, "plan-transfer"),
        "2025-03-01",
        Status::Overdue,
        2,
    );
}

#[test]
fn the_transfer_then_starts_the_new_councils_six_weeks() {
    let evaluation = moving("2025-03-03", "2025-04-14", Some("2025-04-14")).on("2025-05-01");
    assert_deadline(
        only(&evaluation, "transfer-notice"),
        "2025-05-26",
        Status::Pending,
        0,
    );
}
