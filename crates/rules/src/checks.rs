//! Dates that look wrong, such as a decision dated before the request it
//! answers. They are warnings, never refusals: the user may have a letter that
//! really is misdated, and the chronology must show what the papers say.

use std::ops::RangeInclusive;

use chrono::Datelike;
use serde::Serialize;

use crate::calendar::long_date;
use crate::case_file::EventKind::{self, *};
use crate::case_file::{Case, Event};
use crate::subjects::Subjects;
use crate::timeline::{Dated, Timeline};

/// A date that looks wrong, naming the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The id of the event at fault.
    pub event: String,
    /// What looks wrong, in a sentence that names both dates and events.
    pub message: String,
}

/// Kinds that answer something, and the kinds they answer.
const ANSWERS: &[(&[EventKind], &[EventKind])] = &[
    (&[DecisionToAssess, DecisionNotToAssess], &[RequestReceived]),
    (
        &[DecisionToIssue, DecisionNotToIssue],
        &[
            RequestReceived,
            TribunalOrder,
            AppealConceded,
            MediationAgreement,
        ],
    ),
    (&[FinalPlanIssued], &[DraftPlanIssued]),
    (&[AdviceReceived], &[AdviceRequested]),
    (&[SchoolResponded], &[SchoolConsulted]),
    (&[ReviewReportSent, ReviewDecision], &[ReviewMeeting]),
    (
        &[DecisionToReassess, DecisionNotToReassess],
        &[ReassessmentRequestReceived],
    ),
    (&[TransferNoticeReceived], &[PlanTransferred]),
    (&[PlanTransferred], &[MoveNotified]),
    (
        &[MediationCertificateIssued],
        &[
            MediationAdviserContacted,
            MediationDeclined,
            MediationHeld,
            MediationNotArranged,
        ],
    ),
    (
        &[HealthBodyNotified, MediationNotArranged],
        &[MediationRequested],
    ),
    (
        &[AgreementActioned, MediationAgreementNotified],
        &[MediationAgreement],
    ),
    (&[RecommendationResponse], &[TribunalRecommendation]),
    (
        &[ComplaintAcknowledged, ComplaintResponded],
        &[ComplaintMade],
    ),
];

/// The warnings about `event` were it recorded in `case`, in place of the
/// event with its id if there is one: the one question the milestone form
/// asks the engine before it saves an event.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::{Case, Event, EventKind, checks::warnings_about};
/// let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// let case = Case {
///     events: vec![Event::new("e-1", EventKind::RequestReceived, date(2, 3))],
///     ..Case::default()
/// };
/// let early = Event::new("e-2", EventKind::DecisionToAssess, date(1, 20));
/// assert_eq!(warnings_about(&case, &early).len(), 1);
/// let later = Event::new("e-2", EventKind::DecisionToAssess, date(3, 10));
/// assert!(warnings_about(&case, &later).is_empty());
/// ```
pub fn warnings_about(case: &Case, event: &Event) -> Vec<Warning> {
    let recorded = case.events.iter().any(|e| e.id == event.id);
    let mut events = case
        .events
        .iter()
        .map(|e| if e.id == event.id { event } else { e })
        .chain((!recorded).then_some(event));
    let mut warnings = check_order(&Timeline::new(&mut events));
    warnings.retain(|warning| warning.event == event.id);
    warnings
}

/// How many questions are few enough to look through for each answer.
const FEW_QUESTIONS: usize = 8;

/// Warnings for answers dated before anything they could answer, and for
/// exception claims that end before they start.
pub(crate) fn check_order(timeline: &Timeline) -> Vec<Warning> {
    let mut warnings = Vec::new();
    // One list for every kind's questions in turn, so it is allocated once.
    let mut questions: Vec<Dated> = Vec::new();
    for (answers, asked_by) in ANSWERS {
        let mut answers = timeline.of(answers).peekable();
        if answers.peek().is_none() {
            continue;
        }
        questions.clear();
        questions.extend(timeline.of(asked_by));
        // Grouped by subject when there are many; a few are quicker looked through.
        let asked = (questions.len() > FEW_QUESTIONS)
            .then(|| Subjects::new(questions.iter().map(|q| q.event.subject()).collect()));
        for answer in answers {
            // The first question about the same subject: when it came after
            // the answer, nothing before the answer could have been answered.
            let subject = answer.event.subject();
            let first_asked = match &asked {
                Some(asked) => asked.about(subject).first().map(|&at| questions[at]),
                None => questions
                    .iter()
                    .find(|question| question.event.subject() == subject)
                    .copied(),
            };
            if let Some(question) = first_asked.filter(|question| question.date > answer.date) {
                warnings.push(Warning {
                    event: answer.event.id.clone(),
                                        message: format!(
                        "\"{}\" on {} (event {}) is dated before \"{}\" on {} (event {}). Check the dates: it is not counted as an answer to it.",
                        answer.kind.label(),
                        long_date(answer.date),
                        answer.event.id,
                        question.kind.label(),
                        long_date(question.date),
                        question.event.id
                    ),
                });
            }
        }
    }
    for claim in timeline.of(&[ExceptionClaimed]) {
        if let (Some(from), Some(until)) = (claim.event.from, claim.event.until)
            && until < from
        {
            warnings.push(Warning {
                    event: claim.event.id.clone(),
                                        message: format!(
                        "The exception claimed in event {} ends ({}) before it starts ({}). Check the dates.",
                        claim.event.id,
                        long_date(until),
                        long_date(from)
                    ),
                });
        }
    }
    warnings
}

/// The years in which a date of the EHC process is plausible: a date outside
/// them is almost surely a mistyped year (2205 for 2025).
pub const PLAUSIBLE_YEARS: RangeInclusive<i32> = 1900..=2199;

/// A warning for each event dated outside `PLAUSIBLE_YEARS`.
pub(crate) fn check_years(events: &[Event]) -> impl Iterator<Item = Warning> + '_ {
    events.iter().filter_map(|event| {
        let date = event.date()?;
        (!PLAUSIBLE_YEARS.contains(&date.year())).then(|| Warning {
            event: event.id.clone(),
            message: format!(
                "Event {} is dated {}, outside the years 1900 to 2199. Check the year.",
                event.id,
                long_date(date)
            ),
        })
    })
}
