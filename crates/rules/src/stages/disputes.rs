//! Mediation and appeals (reg 32 to 42, the HESC rules): the family's windows
//! after an appealable decision, the mediation adviser's certificate, the
//! council's duties around mediation, and responses to tribunal recommendations.

use chrono::NaiveDate;

use crate::calendar::{Period, excluded_days_reading, long_date, tribunal_deadline};
use crate::case_file::EventKind::{self, *};
use crate::case_file::Stage;
use crate::case_file::{Matters, ReviewOutcome};
use crate::context::{CaseContext, Notice};
use crate::deadline::{Deadline, On, Sentence};
use crate::exceptions::{CORONAVIRUS_ONLY, NO_EXCEPTIONS};
use crate::rule::{Actor, Force, InForce, Rule};
use crate::timeline::{Dated, Timeline};

pub const MEDIATION_CONTACT: Rule = Rule {
    id: "mediation-contact",
    title: "Contacting the mediation adviser",
    stage: Stage::Disagreement,
    summary: "Before you can appeal (unless only about the school named), you must contact a mediation adviser within 2 months of the council's decision letter.",
    citation: "SEND Regulations 2014, reg 33",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "contacted",
    in_force: InForce::EHC,
};

pub const MEDIATION_CERTIFICATE: Rule = Rule {
    id: "mediation-certificate",
    title: "Mediation certificate",
    stage: Stage::Disagreement,
    summary: "The mediation adviser must send you a certificate within 3 working days of being told you do not want mediation, or of the mediation ending; you need it to appeal.",
    citation: "SEND Regulations 2014, reg 34",
    actor: Actor::MediationAdviser,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

pub const MEDIATION_MEETING: Rule = Rule {
    id: "mediation-meeting",
    title: "Mediation meeting",
    stage: Stage::Disagreement,
    summary: "When you ask for mediation, the council must arrange for it to take place within 30 days.",
    citation: "SEND Regulations 2014, Part 2 (mediation); SEND Code of Practice 2015, chapter 11",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "held",
    in_force: InForce::EHC,
};

pub const MEDIATION_AGREED_ACTIONS: Rule = Rule {
    id: "mediation-agreed-actions",
    title: "Doing what was agreed at mediation",
    stage: Stage::Disagreement,
    summary: "When mediation ends in an agreement about something you could not appeal, the council or health body must do what it agreed within 2 weeks.",
    citation: "SEND Regulations 2014, reg 42(3)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "done",
    in_force: InForce::EHC,
};

pub const MEDIATION_HEALTH_NOTICE: Rule = Rule {
    id: "mediation-health-notice",
    title: "Telling the health body about mediation",
    stage: Stage::Disagreement,
    summary: "When the mediation you ask for is about health care, the council must tell the health body (the integrated care board) what it is about within 3 working days of hearing from you.",
    citation: "SEND Regulations 2014, reg 35",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const DEEMED_MEDIATION_CERTIFICATE: Rule = Rule {
    id: "deemed-mediation-certificate",
    title: "Certificate when mediation cannot be arranged",
    stage: Stage::Disagreement,
    summary: "When the council tells the mediation adviser it cannot arrange mediation within 30 days, the adviser must send you a certificate within 3 working days, so that you can appeal.",
    citation: "SEND Regulations 2014, reg 37",
    actor: Actor::MediationAdviser,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

pub const MEDIATION_AGREEMENT_NOTICE: Rule = Rule {
    id: "mediation-agreement-notice",
    title: "Health body telling the council of an agreement",
    stage: Stage::Disagreement,
    summary: "When the council was not a party to the mediation, the health body must tell the council of the agreement within 1 week.",
    citation: "SEND Regulations 2014, reg 42(4)",
    actor: Actor::Health,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const APPEAL: Rule = Rule {
    id: "appeal",
    title: "Appeal to the tribunal",
    stage: Stage::Disagreement,
    summary: "To appeal, you must send your appeal to the SEND Tribunal within 2 months of the decision letter, or 1 month from the mediation certificate if that is later.",
    citation: "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, rule 20",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const RECOMMENDATION_RESPONSE: Rule = Rule {
    id: "recommendation-response",
    title: "Response to the tribunal's recommendation",
    stage: Stage::Tribunal,
    summary: "When the tribunal makes a recommendation about health or social care, the health body or council must tell you and the tribunal within 5 weeks what it will do.",
    citation: "SEND (First-tier Tribunal Recommendations Power) Regulations 2017 (SI 2017/1306)",
    actor: Actor::HealthOrSocialCare,
    force: Force::Statutory,
    exceptions: &CORONAVIRUS_ONLY,
    done_verb: "sent",
    in_force: InForce::england_from(NaiveDate::from_ymd_opt(2018, 4, 3).unwrap()),
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &MEDIATION_CONTACT,
    &MEDIATION_CERTIFICATE,
    &MEDIATION_MEETING,
    &MEDIATION_AGREED_ACTIONS,
    &MEDIATION_HEALTH_NOTICE,
    &DEEMED_MEDIATION_CERTIFICATE,
    &MEDIATION_AGREEMENT_NOTICE,
    &APPEAL,
    &RECOMMENDATION_RESPONSE,
];

/// Decisions the family can appeal to the tribunal (CFA s51).
const APPEALABLE: &[EventKind] = &[
    DecisionNotToAssess,
    DecisionNotToIssue,
    FinalPlanIssued,
    FinalAmendedPlanIssued,
    ReviewDecision,
    DecisionNotToAmend,
    DecisionNotToReassess,
    CeaseDecision,
];

/// The decisions that are appealable. A review decision to amend is not: the
/// appeal runs from the final amended plan that follows it. A review decision
/// with no outcome recorded is taken as appealable, so its window is shown.
fn appealable_decisions<'t, 'a>(
    timeline: &'t Timeline<'a>,
) -> impl Iterator<Item = Dated<'a>> + use<'t, 'a> {
    timeline
        .of(APPEALABLE)
        .filter(|d| !(d.kind == &ReviewDecision && d.event.outcome == Some(ReviewOutcome::Amend)))
}

pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    let timeline = &cx.timeline;
    // Walked in place, not collected: each decision needs only the next one's date.
    let mut decisions = appealable_decisions(timeline).peekable();
    let mut plan_appealable = false;
    while let Some(decision) = decisions.next() {
        let next = decisions.peek().map(|d| d.date);
        plan_appealable |= matches!(decision.kind, FinalPlanIssued | FinalAmendedPlanIssued);
        out.push(
            Deadline::after(&MEDIATION_CONTACT, decision.to_ref(), Period::Months(2)).done_by(
                timeline
                    .first(&[MediationAdviserContacted], decision.date, next)
                    .map(Dated::to_ref),
            ),
        );
        out.push(appeal(timeline, decision, next));
    }
    if plan_appealable {
        notices.push(Notice {
            text: "No mediation certificate is needed to appeal only about the school or college named in the plan.".to_owned(),
            citation: "Children and Families Act 2014, s55",
        });
    }
    for (start, _) in timeline.spans(&[MediationDeclined, MediationHeld]) {
        let mut certificate = Deadline::after(
            &MEDIATION_CERTIFICATE,
            start.to_ref(),
            Period::WorkingDays(3),
        )
        .done_by(
            timeline
                .first(&[MediationCertificateIssued], start.date, None)
                .map(Dated::to_ref),
        );
        if start.kind == &MediationHeld {
            certificate =
                certificate.cited("SEND Code of Practice 2015, chapter 11", Force::Guidance);
        }
        out.push(certificate);
    }
    for (request, next) in timeline.spans(&[MediationRequested]) {
        mediation_request(timeline, request, next, out, notices);
    }
    answered(
        timeline,
        MediationNotArranged,
        &[MediationCertificateIssued],
        &DEEMED_MEDIATION_CERTIFICATE,
        Period::WorkingDays(3),
        out,
    );
    for agreement in timeline.of(&[MediationAgreement]) {
        mediation_agreement(timeline, agreement, out);
    }
    answered(
        timeline,
        TribunalRecommendation,
        &[RecommendationResponse],
        &RECOMMENDATION_RESPONSE,
        Period::Weeks(5),
        out,
    );
}

/// The deadlines of one request for mediation: the council's notice to the
/// health body when the mediation is about health care (reg 35), and the
/// meeting within 30 days of the request, or for mediation about health care
/// only, of that notice, arranged by the health body.
fn mediation_request<'a>(
    timeline: &Timeline<'a>,
    request: Dated<'a>,
    next: Option<NaiveDate>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    let event = request.event;
    let health_only = event.health_only == Some(true);
    let held = timeline.first(&[MediationHeld], request.date, next);
    if !health_only {
        out.push(
            Deadline::after(&MEDIATION_MEETING, request.to_ref(), Period::Days(30))
                .done_by(held.map(Dated::to_ref)),
        );
    }
    if !(health_only || event.includes_health == Some(true)) {
        return;
    }
    let notified = timeline.first(&[HealthBodyNotified], request.date, next);
    out.push(
        Deadline::after(
            &MEDIATION_HEALTH_NOTICE,
            request.to_ref(),
            Period::WorkingDays(3),
        )
        .done_by(notified.map(Dated::to_ref)),
    );
    match (health_only, notified) {
        (false, _) => {}
        (true, Some(notified)) => out.push(
            Deadline::after(&MEDIATION_MEETING, notified.to_ref(), Period::Days(30))
                .about("health care only", Actor::Health)
                .note("Health care only: the health body arranges it within 30 days of the council's notice to it.")
                .done_by(held.map(Dated::to_ref)),
        ),
        (true, None) => notices.push(Notice {
            text: format!(
                "The mediation asked for on {} (event {}) is about health care only: the health body arranges it within 30 days of the council's notice to it. Record that notice to see the date.",
                long_date(request.date),
                event.id
            ),
            citation: MEDIATION_HEALTH_NOTICE.citation,
        }),
    }
}

/// The deadlines of a mediation agreement that are not a tribunal's: doing
/// what was agreed about matters that cannot be appealed (reg 42(3)), and the
/// health body telling the council when the council was not a party (reg 42(4)).
fn mediation_agreement<'a>(
    timeline: &Timeline<'a>,
    agreement: Dated<'a>,
    out: &mut Vec<Deadline<'a>>,
) {
    let event = agreement.event;
    let without_council = event.council_party == Some(false);
    if event.matters == Some(Matters::Other) {
        let mut actions = Deadline::after(
            &MEDIATION_AGREED_ACTIONS,
            agreement.to_ref(),
            Period::Weeks(2),
        )
        .done_by(
            timeline
                .first(&[AgreementActioned], agreement.date, None)
                .map(Dated::to_ref),
        );
        if without_council {
            actions.actor = Actor::Health;
        }
        actions.agree(event.agreed_due);
        out.push(actions);
    }
    if without_council {
        out.push(
            Deadline::after(
                &MEDIATION_AGREEMENT_NOTICE,
                agreement.to_ref(),
                Period::Weeks(1),
            )
            .done_by(
                timeline
                    .first(&[MediationAgreementNotified], agreement.date, None)
                    .map(Dated::to_ref),
            ),
        );
    }
}

/// One deadline per event of kind `asked`, answered by the first of `answers`
/// on or after it and before the next `asked`.
fn answered<'a>(
    timeline: &Timeline<'a>,
    asked: EventKind,
    answers: &[EventKind],
    rule: &'static Rule,
    period: Period,
    out: &mut Vec<Deadline<'a>>,
) {
    for (start, next) in timeline.spans(std::slice::from_ref(&asked)) {
        out.push(
            Deadline::after(rule, start.to_ref(), period)
                .done_by(timeline.first(answers, start.date, next).map(Dated::to_ref)),
        );
    }
}

/// The appeal window for one decision: the later of 2 months from the decision
/// and 1 month from a certificate that follows it, then moved by N7.
fn appeal<'a>(
    timeline: &Timeline<'a>,
    decision: Dated<'a>,
    next: Option<NaiveDate>,
) -> Deadline<'a> {
    let certificate = timeline.first(&[MediationCertificateIssued], decision.date, next);
    let from_decision = Period::Months(2).due(decision.date);
    let counted = certificate.map_or(from_decision, |certificate| {
        from_decision.max(Period::Months(1).due(certificate.date))
    });
    let (due, moved) = tribunal_deadline(counted);
    let mut deadline = Deadline::on(&APPEAL, decision.to_ref(), due, Period::Months(2)).done_by(
        timeline
            .first(&[AppealLodged], decision.date, next)
            .map(Dated::to_ref),
    );
    if let Some(certificate) = certificate {
        deadline = deadline
            .note(Sentence::said(
                |certificate, _| {
                    format!(
                        "Mediation certificate issued on {} (event {}): 1 month after it is {}.",
                        long_date(certificate.date),
                        certificate.name,
                        long_date(Period::Months(1).due(certificate.date))
                    )
                },
                certificate.on(),
                certificate.on(),
            ))
            .note(Sentence::said(
                |counted, _| format!("The later of the two is {}.", long_date(counted.date)),
                On::day(counted),
                On::day(counted),
            ));
    }
    if let Some(moved) = moved {
        deadline = deadline.note(Sentence::said(
            |moved, due| format!("{} So the last day is {}.", moved.name, long_date(due.date)),
            On {
                date: due,
                name: moved.explain(),
            },
            On::day(due),
        ));
    }
    // DISPUTE: a move off a non-working day counts working days as N6 defines
    // them, the earlier date; IPSEA reads rule 12 as counting no day of August
    // and none from 25 December to 1 January. Both are shown where they differ.
    if let Some(other) = excluded_days_reading(due) {
        deadline = deadline.note(format!(
            "Read as IPSEA reads rule 12, no day of August or from 25 December to 1 January is a working day, which gives {}. This count takes the earlier date, {}, which is safer.",
            long_date(other),
            long_date(due)
        ));
    }
    // DISPUTE: the August and Christmas moves follow IPSEA's reading of the HESC
    // rules; the literal rule text is narrower.
    deadline.note(
        "The August and Christmas rules follow IPSEA's reading of the tribunal's rules; if in doubt, appeal before the earlier date.",
    )
}
