//! Re-assessment (reg 25 and 27), moving to another council's area (reg 15)
//! and ceasing to maintain a plan (CFA s45).

use chrono::NaiveDate;

use crate::calendar::{Period, add_working_days, long_date, months_starting_with, sub_days};
use crate::case_file::EventKind::*;
use crate::case_file::Stage;
use crate::context::{CaseContext, Notice};
use crate::deadline::Deadline;
use crate::exceptions::{ASSESSMENT_EXCEPTIONS, CORONAVIRUS_ONLY};
use crate::rule::{Actor, Force, InForce, Rule};
use crate::stages::review::{self, Start, dated};
use crate::timeline::Dated;

pub const DECIDE_WHETHER_TO_REASSESS: Rule = Rule {
    id: "decide-whether-to-reassess",
    title: "Decision whether to re-assess",
    stage: Stage::Reassessment,
    summary: "The council must tell you whether it will carry out a re-assessment within 15 days of receiving the request.",
    citation: "SEND Regulations 2014, reg 25(1)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "made",
    in_force: InForce::EHC,
};

pub const REASSESSMENT_FINAL_PLAN: Rule = Rule {
    id: "reassessment-final-plan",
    title: "Plan after a re-assessment",
    stage: Stage::Reassessment,
    summary: "After deciding to re-assess, the council must issue the amended or new plan within 14 weeks of telling you that decision.",
    citation: "SEND Regulations 2014, reg 27(2)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &ASSESSMENT_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

pub const PLAN_TRANSFER: Rule = Rule {
    id: "plan-transfer",
    title: "Old council passing the plan to the new council",
    stage: Stage::Reassessment,
    summary: "When you move to another council's area, the old council must pass the plan to the new council on the day of the move or, if it learned of the move less than 15 working days before, within 15 working days of learning of it.",
    citation: "SEND Regulations 2014, reg 15(2)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "transferred",
    in_force: InForce::EHC,
};

pub const TRANSFER_NOTICE: Rule = Rule {
    id: "transfer-notice",
    title: "New council's letter after a move",
    stage: Stage::Reassessment,
    summary: "When you move to another council's area, the new council must write to you within 6 weeks of the plan being transferred: that it has the plan, whether it will assess again, and when it will review the plan.",
    citation: "SEND Regulations 2014, reg 15(4)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "received",
    in_force: InForce::EHC,
};

pub const TRANSFER_REVIEW: Rule = Rule {
    id: "transfer-review",
    title: "First review by the new council",
    stage: Stage::Reassessment,
    summary: "After a move, the new council must review the plan by the later of two dates: 12 months from the plan or its last review, and 3 months from the transfer.",
    citation: "SEND Regulations 2014, reg 15(5)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "completed",
    in_force: InForce::EHC,
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &DECIDE_WHETHER_TO_REASSESS,
    &REASSESSMENT_FINAL_PLAN,
    &PLAN_TRANSFER,
    &TRANSFER_NOTICE,
    &TRANSFER_REVIEW,
];

/// Where the duty to keep a plan while an appeal is possible or pending comes from.
const KEEP_THE_PLAN: &str = "Children and Families Act 2014, s45";

/// The deadlines of each request for a re-assessment, each decision to
/// re-assess and each transfer; a notice for each decision to stop a plan.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    let timeline = &cx.timeline;
    for (request, next) in timeline.spans(&[ReassessmentRequestReceived]) {
        out.push(
            Deadline::after(
                &DECIDE_WHETHER_TO_REASSESS,
                request.to_ref(),
                Period::Days(15),
            )
            .done_by(
                timeline
                    .first(
                        &[DecisionToReassess, DecisionNotToReassess],
                        request.date,
                        next,
                    )
                    .map(Dated::to_ref),
            ),
        );
    }
    for (decision, next) in timeline.spans(&[DecisionToReassess]) {
        out.push(reassessment_plan(cx, decision, next));
    }
    for (learned, next) in timeline.spans(&[MoveNotified]) {
        if let Some(transfer) = plan_transfer(learned) {
            out.push(
                transfer.done_by(
                    timeline
                        .first(&[PlanTransferred], learned.date, next)
                        .map(Dated::to_ref),
                ),
            );
        }
    }
    let transfers: Vec<_> = timeline.spans(&[PlanTransferred]).collect();
    // The plans and reviews the new council's first review counts from, found
    // once for all the transfers.
    let starts = match transfers.is_empty() {
        true => Vec::new(),
        false => review::starts(cx),
    };
    for (moved, next) in transfers {
        out.push(
            Deadline::after(&TRANSFER_NOTICE, moved.to_ref(), Period::Weeks(6)).done_by(
                timeline
                    .first(&[TransferNoticeReceived], moved.date, next)
                    .map(Dated::to_ref),
            ),
        );
        out.push(transfer_review(cx, &starts, moved, next));
    }
    for (cease, next) in timeline.spans(&[CeaseDecision]) {
        let text = match timeline.first(&[AppealLodged], cease.date, next) {
            Some(appeal) => format!(
                "The council decided to stop the plan on {}. An appeal was sent to the tribunal on {}: if it is against that decision, the council must keep the plan in place, and keep making the provision in it, until the appeal is decided.",
                dated(cease),
                dated(appeal)
            ),
            None => format!(
                "The council decided to stop the plan on {}. It must keep the plan in place, and keep making the provision in it, until the time to appeal against that decision has passed or, if you appeal, until the appeal is decided.",
                dated(cease)
            ),
        };
        notices.push(Notice {
            text,
            citation: KEEP_THE_PLAN,
        });
    }
}

/// The old council's transfer of the plan (reg 15(2)): on the day of the move
/// if it learned of the move at least 15 working days before it; otherwise on
/// the 15th working day counting the day it learned as day 1 (or, when that
/// day is not a working day, the next working day). `None` without the day of
/// the move, which a case file always has.
fn plan_transfer(learned: Dated<'_>) -> Option<Deadline<'_>> {
    let move_date = learned.event.move_date?;
    let fifteenth = fifteenth_working_day_from(learned.date);
    let (due, working) = if fifteenth < move_date {
        (
            move_date,
            format!(
                "The move is on {}; the council knew at least 15 working days before it (day 15, counting {} as day 1, is {}), so the plan passes on the day of the move.",
                long_date(move_date),
                long_date(learned.date),
                long_date(fifteenth)
            ),
        )
    } else {
        (
            fifteenth,
            format!(
                "The move is on {}, less than 15 working days after the council learned of it: 15 working days beginning with that day (or the next working day), skipping weekends and bank holidays in England, end on {}.",
                long_date(move_date),
                long_date(fifteenth)
            ),
        )
    };
    Some(Deadline::on(&PLAN_TRANSFER, learned.to_ref(), due, working))
}

/// The 15th working day counting `day` as day 1, or the next working day as
/// day 1 when `day` is not one.
fn fifteenth_working_day_from(day: NaiveDate) -> NaiveDate {
    add_working_days(sub_days(day, 1), 15)
}

/// The plan within 14 weeks of a decision to re-assess, unless the council
/// decides to stop the plan first.
fn reassessment_plan<'a>(
    cx: &CaseContext<'a>,
    decision: Dated<'a>,
    next: Option<NaiveDate>,
) -> Deadline<'a> {
    let deadline = Deadline::after(
        &REASSESSMENT_FINAL_PLAN,
        decision.to_ref(),
        Period::Weeks(14),
    );
    let plan = cx.timeline.first(
        &[FinalAmendedPlanIssued, FinalPlanIssued],
        decision.date,
        next,
    );
    let until = plan.map(|plan| plan.date).or(next);
    match cx.timeline.first(&[CeaseDecision], decision.date, until) {
        Some(cease) => deadline.not_applicable(format!(
            "the council decided to stop the plan on {}.",
            dated(cease)
        )),
        None => deadline.done_by(plan.map(Dated::to_ref)),
    }
}

/// The new council's first review: by the later of 12 months starting with
/// the plan or its last review (N4) and 3 months beginning with the transfer.
/// `starts` are the case's plans and reviews, in date order.
fn transfer_review<'a>(
    cx: &CaseContext<'a>,
    starts: &[Start<'a>],
    moved: Dated<'a>,
    next: Option<NaiveDate>,
) -> Deadline<'a> {
    let three_months = Period::MonthsStartingWith(3).due(moved.date);
    let before = starts.partition_point(|start| start.from.date < moved.date);
    let last = before.checked_sub(1).map(|last| starts[last]);
    let deadline = match last {
        Some(start) => {
            let twelve_months = months_starting_with(start.from.date, 12);
            let later = if twelve_months >= three_months {
                "(a), 12 months from the plan or the last review"
            } else {
                "(b), 3 months from the transfer"
            };
            let deadline = Deadline::on(
                &TRANSFER_REVIEW,
                moved.to_ref(),
                twelve_months.max(three_months),
                format!(
                    "The later of (a) the 12 months starting with the last {} before the transfer, on {}, which end on {}, and (b) the 3 months beginning with the transfer on {}, which end on {}. The later is {later}: {}.",
                    if start.decision.is_some() {
                        "review"
                    } else {
                        "plan"
                    },
                    dated(start.from),
                    long_date(twelve_months),
                    long_date(moved.date),
                    long_date(three_months),
                    long_date(twelve_months.max(three_months))
                ),
            );
            if start.decision.is_some() {
                deadline.note(review::completion_setting(cx))
            } else {
                deadline
            }
        }
        None => Deadline::on(
            &TRANSFER_REVIEW,
            moved.to_ref(),
            three_months,
            format!(
                "No plan or review before the transfer is recorded, so only the 3 months beginning with the transfer on {} can be counted: they end on {}.",
                long_date(moved.date),
                long_date(three_months)
            ),
        ),
    };
    deadline.done_by(
        cx.timeline
            .first(&[ReviewDecision], moved.date, next)
            .map(Dated::to_ref),
    )
}
