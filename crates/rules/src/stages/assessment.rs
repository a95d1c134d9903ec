//! Assessment and the first plan (reg 5 to 13): from a request for an EHC needs
//! assessment to the final plan, 20 weeks later at the most.

use chrono::NaiveDate;

use crate::calendar::{Period, long_date};
use crate::case_file::EventKind::{self, *};
use crate::case_file::Stage;
use crate::context::{CaseContext, Notice};
use crate::deadline::{Deadline, On, Sentence, Step};
use crate::exceptions::{ADVICE_EXCEPTIONS, ASSESSMENT_EXCEPTIONS, NO_EXCEPTIONS};
use crate::rule::{Actor, Force, InForce, Rule};
use crate::stages::orders::{self, Restart};
use crate::subjects::Subjects;
use crate::timeline::{Dated, OfKind};

pub const DECIDE_WHETHER_TO_ASSESS: Rule = Rule {
    id: "decide-whether-to-assess",
    title: "Decision whether to assess",
    stage: Stage::Assessment,
    summary: "The council must tell you whether it will carry out an EHC needs assessment within 6 weeks of receiving the request (Children and Families Act 2014, s36).",
    citation: "SEND Regulations 2014, reg 5(1)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &ASSESSMENT_EXCEPTIONS,
    done_verb: "made",
    in_force: InForce::EHC,
};

pub const ADVICE: Rule = Rule {
    id: "advice",
    title: "Advice for the assessment",
    stage: Stage::Assessment,
    summary: "Anyone the council asks for advice for the assessment (health services, the school, an educational psychologist, social care) must give it within 6 weeks of being asked.",
    citation: "SEND Regulations 2014, reg 8(1)",
    actor: Actor::Other,
    force: Force::Statutory,
    exceptions: &ADVICE_EXCEPTIONS,
    done_verb: "received",
    in_force: InForce::EHC,
};

pub const DECIDE_WHETHER_TO_ISSUE: Rule = Rule {
    id: "decide-whether-to-issue",
    title: "Decision whether to issue a plan",
    stage: Stage::Plan,
    summary: "The council must tell you whether it will issue an EHC plan within 16 weeks of receiving the request. A draft plan counts as a decision to issue.",
    citation: "SEND Regulations 2014, reg 10(1)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &ASSESSMENT_EXCEPTIONS,
    done_verb: "made",
    in_force: InForce::EHC,
};

pub const DRAFT_PLAN_REPRESENTATIONS: Rule = Rule {
    id: "draft-plan-representations",
    title: "Your comments on the draft plan",
    stage: Stage::Plan,
    summary: "You have at least 15 days, beginning with the day the draft plan is sent, to comment on it and ask for a school or college to be named.",
    citation: "SEND Regulations 2014, reg 13(1)",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "sent",
    in_force: InForce::EHC,
};

pub const FINAL_NOT_BEFORE_WINDOW: Rule = Rule {
    id: "final-not-before-window",
    title: "No final plan before your 15 days are up",
    stage: Stage::Plan,
    summary: "The council must not issue the final plan until your 15 days to comment on the draft have passed, unless you agree.",
    citation: "SEND Regulations 2014, reg 13(1)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

pub const SCHOOL_CONSULTATION: Rule = Rule {
    id: "school-consultation",
    title: "School's reply to the consultation",
    stage: Stage::Plan,
    summary: "A school or college the council consults about being named in the plan should reply within 15 days.",
    citation: "SEND Code of Practice 2015, para 9.83",
    actor: Actor::School,
    force: Force::Guidance,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "received",
    in_force: InForce::EHC,
};

pub const FINAL_PLAN: Rule = Rule {
    id: "final-plan",
    title: "Final plan",
    stage: Stage::Plan,
    summary: "The council must issue the final EHC plan within 20 weeks of receiving the request for an assessment.",
    citation: "SEND Regulations 2014, reg 13(2)",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &ASSESSMENT_EXCEPTIONS,
    done_verb: "issued",
    in_force: InForce::EHC,
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &DECIDE_WHETHER_TO_ASSESS,
    &ADVICE,
    &DECIDE_WHETHER_TO_ISSUE,
    &DRAFT_PLAN_REPRESENTATIONS,
    &FINAL_NOT_BEFORE_WINDOW,
    &SCHOOL_CONSULTATION,
    &FINAL_PLAN,
];

const ASSESSMENT_DECISIONS: &[EventKind] = &[DecisionToAssess, DecisionNotToAssess];
const ISSUE_DECISIONS: &[EventKind] = &[DecisionNotToIssue, DecisionToIssue, DraftPlanIssued];
/// What can reverse a refusal other than the council itself.
const OUTSIDE_REVERSALS: &[EventKind] = &[TribunalOrder, AppealConceded, MediationAgreement];

/// The deadlines of every request for an assessment, and of the advice, draft
/// plans and school consultations that follow.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    _notices: &mut Vec<Notice>,
) {
    for (request, next_request) in cx.timeline.spans(&[RequestReceived]) {
        request_chain(cx, request, next_request, out);
    }
    per_subject(
        cx,
        AdviceRequested,
        AdviceReceived,
        &ADVICE,
        Period::Weeks(6),
        out,
    );
    per_subject(
        cx,
        SchoolConsulted,
        SchoolResponded,
        &SCHOOL_CONSULTATION,
        Period::Days(15),
        out,
    );
    for (draft, next_draft) in cx.timeline.spans(&[DraftPlanIssued]) {
        draft_plan_windows(cx, draft, next_draft, out);
    }
}

/// The 6, 16 and 20 weeks from one request, and the clocks a council's own
/// reversal of its refusal starts.
fn request_chain<'a>(
    cx: &CaseContext<'a>,
    request: Dated<'a>,
    next: Option<NaiveDate>,
    out: &mut Vec<Deadline<'a>>,
) {
    let timeline = &cx.timeline;
    let trigger = request.to_ref();
    let assess_decision = timeline.first(ASSESSMENT_DECISIONS, request.date, next);
    out.push(
        Deadline::after(&DECIDE_WHETHER_TO_ASSESS, trigger.clone(), Period::Weeks(6))
            .done_by(assess_decision.map(Dated::to_ref))
            .note(Step::DayOneReading),
    );

    let mut issue = Deadline::after(&DECIDE_WHETHER_TO_ISSUE, trigger.clone(), Period::Weeks(16))
        .done_by(timeline.first(ISSUE_DECISIONS, request.date, next).map(Dated::to_ref))
        .note(Step::DayOneReading)
        // DISPUTE: reg 10 fixes 16 weeks for a decision *not* to issue; the
        // Ombudsman reads it as the date by which the council must have decided
        // whether to issue, and so does the engine.
        .note("Strictly, reg 10 sets 16 weeks for a decision not to issue a plan; the Ombudsman reads it as the date by which the council must have decided either way, and so does this count.");
    let mut final_plan = Deadline::after(&FINAL_PLAN, trigger, Period::Weeks(20))
        .done_by(
            timeline
                .first(&[FinalPlanIssued], request.date, next)
                .map(Dated::to_ref),
        )
        .note(Step::DayOneReading);

    if let Some(refusal) = assess_decision.filter(|d| d.kind == &DecisionNotToAssess) {
        let reversal = timeline
            .first(&[DecisionToAssess], refusal.date, next)
            .filter(|reversal| {
                timeline
                    .first(OUTSIDE_REVERSALS, refusal.date, Some(reversal.date))
                    .is_none()
            });
        match reversal {
            Some(reversal) => {
                // DISPUTE: W v Hertfordshire (2023): without a tribunal order the
                // original 20 weeks keep running from the request; the Ombudsman
                // applies 10 and 14 weeks from the new decision. Both are shown.
                let high_court = format!(
                    "The council decided not to assess, then changed its mind on {}. The High Court (W v Hertfordshire, 2023) held that the original time limits keep running from the request; the Ombudsman also applies 10 and 14 weeks from the new decision. Both are shown.",
                    long_date(reversal.date)
                );
                issue = issue.note(high_court.clone());
                final_plan = final_plan.note(high_court);
                orders::restart(cx, Restart::CouncilReversal, reversal, next, out);
            }
            None => {
                let reason = format!(
                    "the council decided not to assess on {} (event {}). If a tribunal order, an unopposed appeal or a mediation agreement reverses that, new time limits run from it.",
                    long_date(refusal.date),
                    refusal.event.id
                );
                issue = issue.not_applicable(reason.clone());
                final_plan = final_plan.not_applicable(reason);
            }
        }
    } else if let Some(refusal) = issue.done.as_ref().filter(|done| {
        timeline
            .first(&[DecisionNotToIssue], done.date, next)
            .is_some_and(|d| d.event.id == done.id())
    }) {
        final_plan = final_plan.not_applicable(format!(
            "the council decided not to issue a plan on {} (event {}).",
            long_date(refusal.date),
            refusal.id()
        ));
    }
    out.push(issue);
    out.push(final_plan);
}

/// How many request and answer pairs are few enough to look through.
const FEW: usize = 64;

/// One deadline per request of kind `asked`, answered by the first `answered`
/// for the same party or school on or after it, before that subject is asked again.
fn per_subject<'a>(
    cx: &CaseContext<'a>,
    asked: EventKind,
    answered: EventKind,
    rule: &'static Rule,
    period: Period,
    out: &mut Vec<Deadline<'a>>,
) {
    let name = |dated: &Dated<'a>| dated.event.subject().unwrap_or("unnamed");
    let subject = |dated: &Dated<'a>| Some(name(dated));
    let requests = cx.timeline.all_of(&asked);
    let answers = cx.timeline.all_of(&answered);
    let grouped_by_subject =
        |of: OfKind<'_, 'a>| Subjects::new((0..of.len()).map(|at| subject(&of.get(at))).collect());
    // Grouped by subject when there are many; a few are quicker looked through.
    let grouped = (requests.len() * answers.len() > FEW).then(|| {
        (
            grouped_by_subject(requests).next_about_same(),
            grouped_by_subject(answers),
        )
    });
    for i in 0..requests.len() {
        let request = requests.get(i);
        // The first answer about the same subject on or after the request,
        // if it came before the subject was asked again.
        let answer = match &grouped {
            Some((again, answers_about)) => {
                let asked_again = again[i].map(|again| requests.get(again).date);
                let same = answers_about.about(subject(&request));
                same.get(same.partition_point(|&at| answers.get(at).date < request.date))
                    .map(|&at| answers.get(at))
                    .filter(|answer| asked_again.is_none_or(|end| answer.date < end))
            }
            None => {
                let same_subject = |d: &Dated<'a>| name(d) == name(&request);
                let asked_again = requests.find_from(i + 1, same_subject).map(|d| d.date);
                answers.find_from(0, |d| {
                    d.date >= request.date
                        && asked_again.is_none_or(|end| d.date < end)
                        && same_subject(d)
                })
            }
        };
        let subject = name(&request);
        let actor = if rule.actor == Actor::Other {
            advice_actor(subject)
        } else {
            rule.actor
        };
        out.push(
            Deadline::after(rule, request.to_ref(), period)
                .about(subject, actor)
                .done_by(answer.map(Dated::to_ref)),
        );
    }
}

/// The family's 15 days on a draft plan, and the council's duty not to
/// finalise before they are up.
fn draft_plan_windows<'a>(
    cx: &CaseContext<'a>,
    draft: Dated<'a>,
    next: Option<NaiveDate>,
    out: &mut Vec<Deadline<'a>>,
) {
    let comments = cx.timeline.first(&[RepresentationsMade], draft.date, next);
    out.push(
        Deadline::after(
            &DRAFT_PLAN_REPRESENTATIONS,
            draft.to_ref(),
            Period::DaysBeginningWith(15),
        )
        .done_by(comments.map(Dated::to_ref)),
    );
    let first_allowed = Period::Days(15).due(draft.date);
    out.push(
        Deadline::on(
            &FINAL_NOT_BEFORE_WINDOW,
            draft.to_ref(),
            first_allowed,
            Sentence::said(
                |draft, first_allowed| format!(
                    "Your 15 days to comment begin with {} and end on {}, so the earliest the council may issue the final plan, unless you agree, is {}.",
                    long_date(draft.date),
                    long_date(Period::DaysBeginningWith(15).due(draft.date)),
                    long_date(first_allowed.date)
                ),
                draft.on(),
                On::day(first_allowed),
            ),
        )
        .not_before()
        .done_by(cx.timeline.first(&[FinalPlanIssued], draft.date, next).map(Dated::to_ref)),
    );
}

/// Who gives advice, guessed from the party's name: it only labels the deadline.
/// Health if the name contains, whatever its letters' case, "health", "nhs",
/// "paediatric", "therap", "camhs", "nurse", "doctor" or "gp"; else the school
/// if it contains "school", "senco", "college", "nursery", "setting" or
/// "teacher". One pass over the name, looking for a word only where its first
/// letter is, and no lower-cased copy made.
fn advice_actor(party: &str) -> Actor {
    let name = party.as_bytes();
    let mut school = false;
    for start in 0..name.len() {
        let rest = &name[start..];
        let is = |word: &str| {
            rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        };
        // Setting the 0x20 bit lower-cases a letter and makes no other byte a
        // lower-case letter: one instruction a byte, where lower-casing is a test too.
        match name[start] | 0x20 {
            b'h' if is("health") => return Actor::Health,
            b'n' if is("nhs") || is("nurse") => return Actor::Health,
            b'p' if is("paediatric") => return Actor::Health,
            b't' if is("therap") => return Actor::Health,
            b'c' if is("camhs") => return Actor::Health,
            b'd' if is("doctor") => return Actor::Health,
            b'g' if is("gp") => return Actor::Health,
            b's' if is("school") || is("senco") || is("setting") => school = true,
            b'c' if is("college") => school = true,
            b'n' if is("nursery") => school = true,
            b't' if is("teacher") => school = true,
            _ => {}
        }
    }
    if school { Actor::School } else { Actor::Other }
}

#[cfg(test)]
mod tests {
    use super::{Actor, advice_actor};

    /// The guess as it was first written: the name lower-cased, then searched
    /// for each word.
    fn searched(party: &str) -> Actor {
        let party = party.to_ascii_lowercase();
        let any = |words: &[&str]| words.iter().any(|w| party.contains(w));
        if any(&[
            "health",
            "nhs",
            "paediatric",
            "therap",
            "camhs",
            "nurse",
            "doctor",
            "gp",
        ]) {
            Actor::Health
        } else if any(&[
            "school", "senco", "college", "nursery", "setting", "teacher",
        ]) {
            Actor::School
        } else {
            Actor::Other
        }
    }

    #[test]
    fn advice_actor_guesses_as_a_lower_cased_search_does() {
        for party in [
            "Educational psychologist",
            "Community PAEDIATRICIAN",
            "Speech and language therapist",
            "School",
            "Hill Top Nursery",
            "Little Acorns nursery school",
            "SENCo",
            "Your GP",
            "gp",
            "g",
            "",
            "CAMHS",
            "Social care",
            "Sixth-form College",
            "Early years setting",
            "Class teacher",
            "Öffentliche Schule",
            "İnfant health visitor",
            "NHS",
            "Doctor Who",
            "healt",
            "nurs",
        ] {
            assert_eq!(advice_actor(party), searched(party), "{party}");
        }
    }
}
