//! Annual review and amendments (CFA s44, reg 20 and 22): the 12-month review
//! cycle, the review meeting's notice, advice, report and decision, the family's
//! 15 days on proposed changes and the final amended plan; and, for a child
//! under 5, the Code's more frequent reviews.

use chrono::NaiveDate;

use crate::calendar::{Period, add_days, add_months, long_date, sub_days};
use crate::case_file::EventKind::{self, *};
use crate::case_file::Stage;
use crate::case_file::{ExceptionReason, ReviewCompleteOn, ReviewOutcome};
use crate::context::{CaseContext, Notice};
use crate::deadline::{Deadline, On, Sentence};
use crate::exceptions::{CORONAVIRUS_ONLY, ClaimedException, NO_EXCEPTIONS};
use crate::rule::{Actor, Force, InForce, Rule};
use crate::timeline::Dated;

pub const ANNUAL_REVIEW: Rule = Rule {
    id: "annual-review",
    title: "Annual review",
    stage: Stage::Review,
    summary: "The council must review your plan at least once a year: within 12 months of the plan being issued, then within 12 months of each completed review.",
    citation: "Children and Families Act 2014, s44(1)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "completed",
    in_force: InForce::EHC,
};

pub const REVIEW_INVITATIONS: Rule = Rule {
    id: "review-invitations",
    title: "Invitations to the review meeting",
    stage: Stage::Review,
    summary: "You, the school, the council, health and social care must be invited to the annual review meeting with at least 2 weeks' notice of its date.",
    citation: "SEND Regulations 2014, reg 20(2)-(3)",
    actor: Actor::School,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const REVIEW_ADVICE: Rule = Rule {
    id: "review-advice",
    title: "Advice sent out before the review meeting",
    stage: Stage::Review,
    summary: "The advice and information gathered for the annual review must be sent to you and everyone invited at least 2 weeks before the meeting.",
    citation: "SEND Regulations 2014, reg 20(4)",
    actor: Actor::School,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "sent out",
    in_force: InForce::EHC,
};

pub const REVIEW_REPORT: Rule = Rule {
    id: "review-report",
    title: "Report of the review meeting",
    stage: Stage::Review,
    summary: "Whoever arranged the review meeting (usually the school, otherwise the council) must send you and everyone invited a report of it, with any changes it recommends, within 2 weeks of the meeting.",
    citation: "SEND Regulations 2014, reg 20(7)",
    actor: Actor::School,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const REVIEW_DECISION: Rule = Rule {
    id: "review-decision",
    title: "Decision after the review meeting",
    stage: Stage::Review,
    summary: "Within 4 weeks of the review meeting the council must tell you whether it will keep the plan as it is, change it or stop it; if it will change it, the proposed changes must come with that decision.",
    citation: "SEND Regulations 2014, reg 20(10)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "made",
    in_force: InForce::EHC,
};

pub const AMENDMENT_REPRESENTATIONS: Rule = Rule {
    id: "amendment-representations",
    title: "Your comments on the proposed changes",
    stage: Stage::Review,
    summary: "You have at least 15 days, beginning with the day the proposed changes to the plan are sent, to comment on them and ask for a school or college to be named.",
    citation: "SEND Regulations 2014, reg 22(2)",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const FINAL_AMENDED_PLAN: Rule = Rule {
    id: "final-amended-plan",
    title: "Final amended plan",
    stage: Stage::Review,
    summary: "Within 8 weeks of sending the proposed changes, the council must issue the final amended plan, or tell you, with its reasons, that it will not change the plan after all.",
    citation: "SEND Regulations 2014, reg 22(3)-(4)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "issued",
    in_force: InForce::EHC,
};

pub const UNDER_FIVE_REVIEW: Rule = Rule {
    id: "under-five-review",
    title: "Review for a child under 5",
    stage: Stage::Review,
    summary: "For a child under 5, the council should consider reviewing the plan every 3 to 6 months, not just once a year.",
    citation: "SEND Code of Practice 2015, para 9.178",
    actor: Actor::Council,
    force: Force::Guidance,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "held",
    in_force: InForce::EHC,
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &ANNUAL_REVIEW,
    &REVIEW_INVITATIONS,
    &REVIEW_ADVICE,
    &REVIEW_REPORT,
    &REVIEW_DECISION,
    &AMENDMENT_REPRESENTATIONS,
    &FINAL_AMENDED_PLAN,
    &UNDER_FIVE_REVIEW,
];

/// The deadlines of the review cycle, of each review meeting and of each notice
/// of proposed changes.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    _notices: &mut Vec<Notice>,
) {
    annual_reviews(cx, out);
    let mut previous_meeting = None;
    for (meeting, next) in cx.timeline.spans(&[ReviewMeeting]) {
        meeting_deadlines(cx, meeting, previous_meeting, next, out);
        previous_meeting = Some(meeting.date);
    }
    amendment_deadlines(cx, out);
    under_five_reviews(cx, out);
}

/// What starts a 12-month count (N4): a final plan, or a completed review.
#[derive(Clone, Copy)]
pub(crate) struct Start<'a> {
    /// The event the 12 months start with: the plan; for a review, the
    /// council's decision, or its meeting when the case counts from meetings.
    pub from: Dated<'a>,
    /// For a review, the council's decision that completed it.
    pub decision: Option<Dated<'a>>,
}

/// Every final plan and every completed review of the case, in date order. A
/// review is the council's decision after a meeting (reg 20(10)), dated by the
/// case's setting.
pub(crate) fn starts<'a>(cx: &CaseContext<'a>) -> Vec<Start<'a>> {
    let by_meeting = counts_from_meeting(cx);
    let mut starts: Vec<Start<'a>> = cx
        .timeline
        .of(&[FinalPlanIssued])
        .map(|plan| Start {
            from: plan,
            decision: None,
        })
        .collect();
    let mut previous_decision: Option<NaiveDate> = None;
    for decision in cx.timeline.of(&[ReviewDecision]) {
        let meeting = cx
            .timeline
            .last_until(&[ReviewMeeting], decision.date)
            .filter(|m| previous_decision.is_none_or(|p| m.date > p));
        previous_decision = Some(decision.date);
        starts.push(Start {
            from: meeting.filter(|_| by_meeting).unwrap_or(decision),
            decision: Some(decision),
        });
    }
    // The plan that ends a re-assessment starts the next 12 months (R (LW) v
    // Islington); a final plan already does.
    for (decision, next) in cx.timeline.spans(&[DecisionToReassess]) {
        let ends = cx.timeline.first(
            &[FinalAmendedPlanIssued, FinalPlanIssued],
            decision.date,
            next,
        );
        if let Some(plan) = ends.filter(|plan| plan.kind == &FinalAmendedPlanIssued) {
            starts.push(Start {
                from: plan,
                decision: None,
            });
        }
    }
    crate::date_order::sort_by_date(&mut starts, |start| (start.from.date, start.from.date));
    starts
}

/// R (LW) v Islington [2025] EWHC 703 (Admin): an annual review that falls
/// due while a re-assessment is open (from the decision to re-assess until
/// the plan that ends it) and that no review met is not a breach; it is shown
/// as excepted, with its statutory date kept.
fn during_reassessment<'a>(cx: &CaseContext<'a>, mut deadline: Deadline<'a>) -> Deadline<'a> {
    let met = deadline
        .done
        .as_ref()
        .is_some_and(|done| done.date <= deadline.due);
    if met || deadline.not_applicable.is_some() {
        return deadline;
    }
    let Some(decision) = cx
        .timeline
        .last_before(&[DecisionToReassess], add_days(deadline.due, 1))
    else {
        return deadline;
    };
    let plan = cx.timeline.first(
        &[FinalAmendedPlanIssued, FinalPlanIssued],
        decision.date,
        None,
    );
    if plan.is_some_and(|plan| plan.date <= deadline.due) {
        return deadline;
    }
    // DISPUTE: R (LW) v Islington excuses a review only where the re-assessment
    // does in substance what a review would; the engine takes it that it does.
    deadline.claim([ClaimedException {
        event: decision.event.id.clone(),
        reason: ExceptionReason::Reassessment,
        from: decision.date,
        until: plan.map_or(deadline.due, |plan| plan.date),
        disputed: false,
    }]);
    deadline
}

/// Whether the case counts a review as complete on the day of its meeting.
fn counts_from_meeting<'a>(cx: &CaseContext<'a>) -> bool {
    cx.case.settings.review_complete_on == ReviewCompleteOn::Meeting
}

/// The working line that shows when this case takes a review to be complete.
pub(crate) fn completion_setting<'a>(cx: &CaseContext<'a>) -> &'static str {
    // DISPUTE: when a review is complete (timelines.md section 5). IPSEA: when
    // the council notifies its decision, the default; a case may count from the
    // review meeting instead.
    if counts_from_meeting(cx) {
        "This case counts a review as complete on the day of its review meeting (a setting of the case). By default a review is complete when the council notifies its decision after the meeting, as IPSEA reads the law, which gives later dates."
    } else {
        "A review counts as complete when the council notifies its decision after the review meeting, as IPSEA reads the law, and the next 12 months start then. The case can be set to count from the review meeting instead, which gives earlier dates."
    }
}

/// "6 January 2025 (event e-3)".
pub(crate) fn dated<'a>(event: Dated<'a>) -> String {
    format!("{} (event {})", long_date(event.date), event.event.id)
}

/// The 12 months from the plan, then from each completed review (CFA s44(1)).
fn annual_reviews<'a>(cx: &CaseContext<'a>, out: &mut Vec<Deadline<'a>>) {
    let starts = starts(cx);
    for (i, start) in starts.iter().enumerate() {
        let next = starts.get(i + 1);
        let mut deadline = Deadline::after(
            &ANNUAL_REVIEW,
            start.from.to_ref(),
            Period::MonthsStartingWith(12),
        )
        .note(completion_setting(cx));
        if start.from.kind == &ReviewDecision && counts_from_meeting(cx) {
            deadline = deadline.note(
                "No review meeting is recorded for this review, so it is counted from the council's decision.",
            );
        }
        let bound = next.map_or(add_days(deadline.due, 1), |n| {
            n.from.date.min(add_days(deadline.due, 1))
        });
        let moved = cx.timeline.first(
            &[PlanTransferred],
            add_days(start.from.date, 1),
            Some(bound),
        );
        out.push(match (moved, next) {
            (Some(moved), _) => deadline.not_applicable(format!(
                "the plan moved to a new council on {} before this review was due. The new council's first review is due under reg 15(5): see \"First review by the new council\".",
                dated(moved)
            )),
            (None, Some(Start {
                from,
                decision: Some(decision),
            })) => {
                if from.kind == &ReviewMeeting {
                    deadline = deadline.note(Sentence::said(
                        |meeting, decision| format!(
                            "The review meeting on {} counts as the review; the council's decision followed on {}.",
                            meeting.dated(),
                            decision.dated()
                        ),
                        from.on(),
                        decision.on(),
                    ));
                }
                deadline.done_by(Some(from.to_ref()))
            }
            (None, Some(plan)) => during_reassessment(
                cx,
                end_of_cycle(cx, deadline, start.from.date, Some(plan.from)),
            ),
            (None, None) => {
                during_reassessment(cx, end_of_cycle(cx, deadline, start.from.date, None))
            }
        });
    }
}

/// Ends a review cycle that started on `from` and that no review answered:
/// a decision to stop the plan before the due date means no review is due; a
/// new final plan (`next_plan`) starts a new count.
fn end_of_cycle<'a>(
    cx: &CaseContext<'a>,
    deadline: Deadline<'a>,
    from: NaiveDate,
    next_plan: Option<Dated<'a>>,
) -> Deadline<'a> {
    let until = next_plan.map(|plan| plan.date);
    if let Some(cease) = cx
        .timeline
        .first(&[CeaseDecision], from, until)
        .filter(|cease| cease.date <= deadline.due)
    {
        return deadline.not_applicable(Sentence::said(
            |cease, _| format!(
                "the council decided to stop the plan on {}, so no further reviews are due unless a new plan is issued. While an appeal against that decision is possible or pending, the plan must be kept in place.",
                cease.dated()
            ),
            cease.on(),
            cease.on(),
        ));
    }
    match next_plan {
        Some(plan) if plan.date <= deadline.due && plan.kind == &FinalAmendedPlanIssued => deadline
            .not_applicable(format!(
                "the plan that ended a re-assessment was issued on {}, which starts a new count.",
                dated(plan)
            )),
        Some(plan) if plan.date <= deadline.due => deadline.not_applicable(format!(
            "a new final plan was issued on {}, which starts a new count.",
            dated(plan)
        )),
        Some(plan) => deadline
            .note(Sentence::said(
                |plan, _| format!(
                    "No review was held before a new final plan was issued on {}; that plan starts a new count, so the delay is counted up to it.",
                    plan.dated()
                ),
                plan.on(),
                plan.on(),
            ))
            .done_by(Some(plan.to_ref())),
        None => deadline,
    }
}

/// The notice, advice, report and decision of one review meeting. Invitations
/// and advice count if sent after the `previous` meeting and before this one.
fn meeting_deadlines<'a>(
    cx: &CaseContext<'a>,
    meeting: Dated<'a>,
    previous: Option<NaiveDate>,
    next: Option<NaiveDate>,
    out: &mut Vec<Deadline<'a>>,
) {
    let since = previous.map_or(NaiveDate::MIN, |date| add_days(date, 1));
    for (rule, sent) in [
        (&REVIEW_INVITATIONS, ReviewInvitationSent),
        (&REVIEW_ADVICE, ReviewAdviceCirculated),
    ] {
        let due = sub_days(meeting.date, 14);
        out.push(
            Deadline::on(
                rule,
                meeting.to_ref(),
                due,
                Sentence::said(
                    |meeting, due| {
                        format!(
                            "At least 2 weeks before the meeting on {}: by {}, 14 days before it.",
                            long_date(meeting.date),
                            long_date(due.date)
                        )
                    },
                    meeting.on(),
                    On::day(due),
                ),
            )
            .done_by(
                cx.timeline
                    .first(&[sent], since, Some(meeting.date))
                    .map(Dated::to_ref),
            ),
        );
    }
    out.push(
        Deadline::after(&REVIEW_REPORT, meeting.to_ref(), Period::Weeks(2)).done_by(
            cx.timeline
                .first(&[ReviewReportSent], meeting.date, next)
                .map(Dated::to_ref),
        ),
    );
    out.push(review_decision(cx, meeting, next));
}

/// The council's decision within 4 weeks of the meeting. A decision to amend
/// is made only when the proposed changes are sent with it (Devon [2022] EWHC
/// 493), so it counts on the later of the two.
fn review_decision<'a>(
    cx: &CaseContext<'a>,
    meeting: Dated<'a>,
    next: Option<NaiveDate>,
) -> Deadline<'a> {
    let deadline = Deadline::after(&REVIEW_DECISION, meeting.to_ref(), Period::Weeks(4));
    let Some(decision) = cx.timeline.first(&[ReviewDecision], meeting.date, next) else {
        return deadline;
    };
    if decision.event.outcome != Some(ReviewOutcome::Amend) {
        return deadline.done_by(Some(decision.to_ref()));
    }
    match cx
        .timeline
        .first(&[AmendmentNoticeIssued], meeting.date, next)
    {
        Some(changes) if changes.date > decision.date => deadline
            .note(Sentence::said(
                |decision, changes| format!(
                    "The council decided to amend the plan on {} but sent the proposed changes only on {}. {DEVON}, so the decision counts as made on the later date.",
                    decision.dated(),
                    changes.dated()
                ),
                decision.on(),
                changes.on(),
            ))
            .done_by(Some(changes.to_ref())),
        Some(changes) => deadline
            .note(Sentence::said(
                |decision, changes| format!(
                    "The council decided to amend the plan on {} and the proposed changes were sent on {}. {DEVON}; the decision counts on the later of the two dates.",
                    decision.dated(),
                    changes.dated()
                ),
                decision.on(),
                changes.on(),
            ))
            .done_by(Some(decision.to_ref())),
        None => deadline.note(Sentence::said(
            |decision, _| format!(
                "The council decided to amend the plan on {}, but no proposed changes are recorded. {DEVON}, so the decision is not complete until they are sent.",
                decision.dated()
            ),
            decision.on(),
            decision.on(),
        )),
    }
}

/// What the High Court held of a decision to amend a plan.
const DEVON: &str = "The High Court held that a decision to amend the plan must come with the proposed changes (Devon, [2022] EWHC 493 (Admin))";

/// The family's 15 days and the council's 8 weeks from each notice of
/// proposed changes, answered before the next notice or draft plan.
fn amendment_deadlines<'a>(cx: &CaseContext<'a>, out: &mut Vec<Deadline<'a>>) {
    let mut previous_notice: Option<NaiveDate> = None;
    for (notice, next) in cx.timeline.spans(&[AmendmentNoticeIssued, DraftPlanIssued]) {
        if notice.kind != &AmendmentNoticeIssued {
            continue;
        }
        let answer = |kinds: &[EventKind]| {
            cx.timeline
                .first(kinds, notice.date, next)
                .map(Dated::to_ref)
        };
        out.push(
            Deadline::after(
                &AMENDMENT_REPRESENTATIONS,
                notice.to_ref(),
                Period::DaysBeginningWith(15),
            )
            .done_by(answer(&[RepresentationsMade])),
        );
        let mut final_plan =
            Deadline::after(&FINAL_AMENDED_PLAN, notice.to_ref(), Period::Weeks(8))
                .done_by(answer(&[FinalAmendedPlanIssued, DecisionNotToAmend]));
        if let Some(meeting) = cx
            .timeline
            .last_before(&[ReviewMeeting], add_days(notice.date, 1))
            .filter(|m| previous_notice.is_none_or(|p| m.date > p))
        {
            final_plan = final_plan.note(Sentence::said(
                |meeting, _| format!(
                    "These changes follow the review meeting on {}. With 4 weeks for the decision and the proposed changes, then 8 weeks for the final plan, the final amended plan should come at most 12 weeks after the meeting: by {}.",
                    meeting.dated(),
                    long_date(Period::Weeks(12).due(meeting.date))
                ),
                meeting.on(),
                meeting.on(),
            ));
        }
        out.push(final_plan);
        previous_notice = Some(notice.date);
    }
}

/// For a child under 5 on the day of the plan or of a review meeting: the next
/// review meeting within 6 months of it (Code 9.178, guidance).
fn under_five_reviews<'a>(cx: &CaseContext<'a>, out: &mut Vec<Deadline<'a>>) {
    let Some(born) = cx.case.date_of_birth else {
        return;
    };
    let fifth_birthday = add_months(born, 60);
    let starts: Vec<Dated> = cx.timeline.of(&[FinalPlanIssued, ReviewMeeting]).collect();
    for (i, start) in starts.iter().enumerate() {
        if start.date >= fifth_birthday {
            continue;
        }
        let deadline = Deadline::after(&UNDER_FIVE_REVIEW, start.to_ref(), Period::Months(6))
            .note(Sentence::said(
                |start, birthday| format!(
                    "Your child was under 5 on {} (5th birthday {}). The Code asks councils to consider reviewing the plan of a child under 5 every 3 to 6 months; this shows the longer of the two, 6 months.",
                    long_date(start.date),
                    long_date(birthday.date)
                ),
                start.on(),
                On::day(fifth_birthday),
            ));
        let next = starts.get(i + 1).copied();
        out.push(match next {
            Some(meeting) if meeting.kind == &ReviewMeeting => {
                deadline.done_by(Some(meeting.to_ref()))
            }
            next_plan => end_of_cycle(cx, deadline, start.date, next_plan),
        });
    }
}
