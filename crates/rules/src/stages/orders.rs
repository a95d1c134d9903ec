//! Tribunal orders and unopposed appeals (reg 44, 45; EX-C), and the other ways
//! a refusal is reversed: a mediation agreement (reg 42(2)) and the council's own
//! change of mind (Ombudsman practice). Each restarts the clocks from its date.

use chrono::NaiveDate;

use crate::calendar::{Period, long_date};
use crate::case_file::EventKind::{self, *};
use crate::case_file::{Matters, Order, Stage};
use crate::context::{CaseContext, Notice};
use crate::deadline::Deadline;
use crate::exceptions::ORDER_EXCEPTIONS;
use crate::rule::{Actor, Force, InForce, Rule};
use crate::timeline::Dated;

const fn order_rule(
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    done_verb: &'static str,
) -> Rule {
    Rule {
        id,
        title,
        stage: Stage::Tribunal,
        summary,
        citation: "SEND Regulations 2014, reg 44(2)",
        actor: Actor::Council,
        force: Force::Statutory,
        exceptions: &ORDER_EXCEPTIONS,
        done_verb,
        in_force: InForce::EHC,
    }
}

pub const ORDER_NOTIFY_ASSESSMENT: Rule = order_rule(
    "order-notify-assessment",
    "Telling you it will assess, after the tribunal",
    "After a tribunal order or an unopposed appeal to assess, the council must tell you within 2 weeks that it will carry out the assessment.",
    "sent",
);
pub const ORDER_DECIDE_WHETHER_TO_ISSUE: Rule = order_rule(
    "order-decide-whether-to-issue",
    "Decision whether to issue a plan, after the tribunal",
    "After an order to assess, the council must tell you within 10 weeks whether it will issue a plan.",
    "made",
);
pub const ORDER_DRAFT_PLAN: Rule = order_rule(
    "order-draft-plan",
    "Draft plan, after the tribunal",
    "After an order to make a plan, the council must send the draft plan within 5 weeks.",
    "sent",
);
pub const ORDER_FINAL_PLAN: Rule = order_rule(
    "order-final-plan",
    "Final plan, after the tribunal",
    "After an order to assess, the council must issue the final plan within 14 weeks; after an order to make a plan, within 11 weeks.",
    "issued",
);
pub const ORDER_AMENDED_PLAN: Rule = order_rule(
    "order-amended-plan",
    "Amended plan, after the tribunal",
    "After an order to amend the plan, the council must issue the amended plan within 5 weeks.",
    "issued",
);
pub const ORDER_NAME_SCHOOL: Rule = order_rule(
    "order-name-school",
    "Naming the school, after the tribunal",
    "After an order to name a school or college, the council must issue the plan naming it within 2 weeks.",
    "issued",
);

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &ORDER_NOTIFY_ASSESSMENT,
    &ORDER_DECIDE_WHETHER_TO_ISSUE,
    &ORDER_DRAFT_PLAN,
    &ORDER_FINAL_PLAN,
    &ORDER_AMENDED_PLAN,
    &ORDER_NAME_SCHOOL,
];

/// What restarted the clocks, which decides the citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Restart {
    TribunalOrder,
    AppealConceded,
    MediationAgreement,
    /// A `decision-to-assess` after the council's own `decision-not-to-assess`.
    CouncilReversal,
}

impl Restart {
    fn citation(self) -> (&'static str, Force) {
        match self {
            Restart::TribunalOrder => ("SEND Regulations 2014, reg 44(2)", Force::Statutory),
            Restart::AppealConceded => ("SEND Regulations 2014, reg 45", Force::Statutory),
            Restart::MediationAgreement => ("SEND Regulations 2014, reg 42(2)", Force::Statutory),
            Restart::CouncilReversal => (
                "Ombudsman practice (the council reversed its own refusal to assess)",
                Force::Guidance,
            ),
        }
    }

    fn from_kind(kind: &EventKind) -> Option<Restart> {
        match kind {
            TribunalOrder => Some(Restart::TribunalOrder),
            AppealConceded => Some(Restart::AppealConceded),
            MediationAgreement => Some(Restart::MediationAgreement),
            _ => None,
        }
    }
}

const RESTARTS: &[EventKind] = &[TribunalOrder, AppealConceded, MediationAgreement];

/// The deadlines of every tribunal order, unopposed appeal and mediation
/// agreement about an appealable matter.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    for (event, _) in cx.timeline.spans(RESTARTS) {
        let (Some(order), Some(source)) = (event.event.order, Restart::from_kind(event.kind))
        else {
            continue;
        };
        if source == Restart::MediationAgreement && event.event.matters == Some(Matters::Other) {
            continue;
        }
        let first = out.len();
        match order {
            Order::Assess => restart(cx, source, event, None, out),
            Order::IssuePlan => {
                clock(cx, source, &ORDER_DRAFT_PLAN, event, 5, &[DraftPlanIssued], out);
                clock(cx, source, &ORDER_FINAL_PLAN, event, 11, &[FinalPlanIssued], out);
            }
            Order::AmendPlan => clock(cx, source, &ORDER_AMENDED_PLAN, event, 5, &[FinalAmendedPlanIssued], out),
            Order::NameSchool => clock(
                cx,
                source,
                &ORDER_NAME_SCHOOL,
                event,
                2,
                &[FinalAmendedPlanIssued, FinalPlanIssued],
                out,
            ),
            Order::ContinuePlan => notices.push(Notice {
                text: format!(
                    "The council must keep the plan in place from {} (event {}). If it was also ordered to amend the plan, the amended plan is due within 5 weeks.",
                    long_date(event.date),
                    event.event.id
                ),
                citation: source.citation().0,
            }),
        }
        if source == Restart::MediationAgreement {
            for deadline in &mut out[first..] {
                deadline.agree(event.event.agreed_due);
            }
        }
    }
}

/// The 2, 10 and 14 weeks that run after a refusal to assess is reversed,
/// answered by events from `from.date` and before `until`.
pub(crate) fn restart<'a>(
    cx: &CaseContext<'a>,
    source: Restart,
    from: Dated<'a>,
    until: Option<NaiveDate>,
    out: &mut Vec<Deadline<'a>>,
) {
    let answer = |kinds: &[EventKind]| {
        cx.timeline
            .first(kinds, from.date, until)
            .map(Dated::to_ref)
    };
    let (citation, force) = source.citation();
    if source != Restart::CouncilReversal {
        out.push(
            Deadline::after(&ORDER_NOTIFY_ASSESSMENT, from.to_ref(), Period::Weeks(2))
                .cited(citation, force)
                .done_by(answer(&[DecisionToAssess])),
        );
    }
    out.push(
        Deadline::after(
            &ORDER_DECIDE_WHETHER_TO_ISSUE,
            from.to_ref(),
            Period::Weeks(10),
        )
        .cited(citation, force)
        .done_by(answer(&[
            DecisionNotToIssue,
            DecisionToIssue,
            DraftPlanIssued,
        ])),
    );
    let final_plan = Deadline::after(&ORDER_FINAL_PLAN, from.to_ref(), Period::Weeks(14))
        .cited(citation, force)
        .done_by(answer(&[FinalPlanIssued]));
    let refused = cx
        .timeline
        .first(
            &[DecisionNotToIssue, DecisionToIssue, DraftPlanIssued],
            from.date,
            until,
        )
        .filter(|decision| decision.kind == &DecisionNotToIssue);
    out.push(match refused {
        Some(refusal) => final_plan.not_applicable(format!(
            "the council decided not to issue a plan on {} (event {}).",
            long_date(refusal.date),
            refusal.event.id
        )),
        None => final_plan,
    });
}

/// One order clock of `weeks` from `from`, answered by the first of `kinds`.
fn clock<'a>(
    cx: &CaseContext<'a>,
    source: Restart,
    rule: &'static Rule,
    from: Dated<'a>,
    weeks: u32,
    kinds: &[EventKind],
    out: &mut Vec<Deadline<'a>>,
) {
    let (citation, force) = source.citation();
    out.push(
        Deadline::after(rule, from.to_ref(), Period::Weeks(weeks))
            .cited(citation, force)
            .done_by(cx.timeline.first(kinds, from.date, None).map(Dated::to_ref)),
    );
}
