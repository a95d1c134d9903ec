//! Phase transfer (reg 18): before a child moves to a new phase of education,
//! the plan must be reviewed and amended to name the new school or college by a
//! fixed date. These deadlines have no exceptions.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{add_days, long_date, sub_months};
use crate::case_file::EventKind::{self, *};
use crate::case_file::Stage;
use crate::case_file::Transfer;
use crate::context::{CaseContext, Notice};
use crate::deadline::Deadline;
use crate::exceptions::NO_EXCEPTIONS;
use crate::rule::{Actor, Force, InForce, Rule};
use crate::stages::review::dated;
use crate::timeline::Dated;

// The spec gives this rule no id; `phase-transfer` is the engine's.
pub const PHASE_TRANSFER: Rule = Rule {
    id: "phase-transfer",
    title: "Plan naming the new school or college",
    stage: Stage::PhaseTransfer,
    summary: "Before your child moves to a new phase of education, the council must review the plan and issue it naming the new school or college: by 15 February of the year of the move, by 31 March for a move from secondary school to a post-16 institution, or at least 5 months before a move between post-16 institutions.",
    citation: "SEND Regulations 2014, reg 18",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[&PHASE_TRANSFER];

/// The plans that can name the new school or college.
const PLANS: &[EventKind] = &[FinalAmendedPlanIssued, FinalPlanIssued];

/// One deadline for each planned transfer whose kind is recorded.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    _notices: &mut Vec<Notice>,
) {
    for planned in cx.timeline.of(&[PhaseTransferPlanned]) {
        if let Some(transfer) = planned.event.transfer {
            out.push(phase_transfer(cx, planned, transfer));
        }
    }
}

/// The plan naming the new place, due by the date reg 18 fixes for this kind
/// of transfer; `planned` is dated on the day the child starts there.
fn phase_transfer<'a>(
    cx: &CaseContext<'a>,
    planned: Dated<'a>,
    transfer: Transfer,
) -> Deadline<'a> {
    let starts = planned.date;
    let year = starts.year();
    let fixed =
        |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("a fixed day of the year");
    let (due, citation, how) = match transfer {
        Transfer::School => (
            fixed(2, 15),
            "SEND Regulations 2014, reg 18(1)(b)",
            format!(
                "A move between phases of school: by 15 February of the calendar year of the move, {year}."
            ),
        ),
        Transfer::SecondaryToPost16 => (
            fixed(3, 31),
            "SEND Regulations 2014, reg 18(1)(a)",
            format!(
                "A move from secondary school to a post-16 institution: by 31 March of the calendar year of the move, {year}."
            ),
        ),
        Transfer::Post16ToPost16 => {
            let due = sub_months(starts, 5);
            (
                due,
                "SEND Regulations 2014, reg 18(2)",
                format!(
                    "A move between post-16 institutions: at least 5 calendar months before the move on {}, the corresponding date (or the last day of a shorter month): {}.",
                    long_date(starts),
                    long_date(due)
                ),
            )
        }
    };
    let mut deadline =
        Deadline::on(&PHASE_TRANSFER, planned.to_ref(), due, how).cited(citation, Force::Statutory);
    if transfer != Transfer::Post16ToPost16 {
        // DISPUTE: reg 18(1) says "before" 15 February and 31 March; the
        // Ombudsman and councils read "by", and so does the engine.
        deadline = deadline.note(format!(
            "The regulation says \"before\" this date; the Ombudsman and councils read it as \"by\", and so does this count. On the strict reading the last day is {}.",
            long_date(due.pred_opt().expect("a day before a fixed day of the year"))
        ));
    }
    if transfer == Transfer::SecondaryToPost16 {
        // DISPUTE: whether year 11 to a school's own sixth form is a phase
        // transfer is not settled; the user decides by recording it or not.
        deadline = deadline.note(
            "Whether a move from year 11 into a school's own sixth form is a transfer between phases is not settled: it is counted here because the move was recorded as one.",
        );
    }
    if starts <= due {
        deadline = deadline.note(
            "The move is dated on or before the due date: check its date, which should be the day your child starts at the new place.",
        );
    }
    let (plan, which) = counted_plan(cx, due, starts);
    deadline.note(which).done_by(plan.map(Dated::to_ref))
}

/// The plan that answers the deadline, and the working line that says which:
/// the latest issued in the 12 months up to the due date, else the first
/// issued after it and before the move.
fn counted_plan<'a>(
    cx: &CaseContext<'a>,
    due: NaiveDate,
    starts: NaiveDate,
) -> (Option<Dated<'a>>, String) {
    let assumed = "Any final or final amended plan is taken to name the new school or college: check that it does.";
    let year_before = sub_months(due, 12);
    if let Some(plan) = cx
        .timeline
        .last_until(PLANS, due)
        .filter(|plan| plan.date > year_before)
    {
        return (
            Some(plan),
            format!(
                "Counted: the plan issued on {}, the latest in the 12 months up to the due date. {assumed}",
                dated(plan)
            ),
        );
    }
    match cx.timeline.first(PLANS, add_days(due, 1), Some(starts)) {
        Some(plan) => (
            Some(plan),
            format!(
                "No plan was issued in the 12 months up to the due date. Counted: the first issued after it and before the move, on {}. {assumed}",
                dated(plan)
            ),
        ),
        None => (
            None,
            "No plan issued in the 12 months up to the due date, or after it and before the move, is recorded.".to_owned(),
        ),
    }
}
