//! Dates that look wrong, such as a decision dated before the request it
//! answers. They are warnings, never refusals: the user may have a letter that
//! really is misdated, and the chronology must show what the papers say.

use std::ops::RangeInclusive;

use chrono::Datelike;
use serde::Serialize;

use crate::calendar::long_date;
use crate::case_file::Event;
use crate::case_file::EventKind::{self, *};
use crate::timeline::Timeline;

/// A date that looks wrong, naming the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The id of the event at fault.
    pub event: String,
    /// What looks wrong, for a caller that treats some warnings apart.
    #[serde(skip)]
    pub about: WarningAbout,
    pub message: String,
}

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningAbout {
    /// An answer dated before what it answers, or a period that ends before it starts.
    Order,
    /// A date outside `PLAUSIBLE_YEARS`.
    Year,
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

/// Warnings for answers dated before anything they could answer, and for
/// exception claims that end before they start.
pub(crate) fn check_order(timeline: &Timeline) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for (answers, questions) in ANSWERS {
        for answer in timeline.of(answers) {
            let asked_before = timeline
                .of(questions)
                .any(|q| q.date <= answer.date && answer.event.subject() == q.event.subject());
            let asked_later = timeline
                .of(questions)
                .find(|q| q.date > answer.date && answer.event.subject() == q.event.subject());
            if let (false, Some(question)) = (asked_before, asked_later) {
                warnings.push(Warning {
                    event: answer.event.id.clone(),
                    about: WarningAbout::Order,
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
                    about: WarningAbout::Order,
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
            about: WarningAbout::Year,
            message: format!(
                "Event {} is dated {}, outside the years 1900 to 2199. Check the year.",
                event.id,
                long_date(date)
            ),
        })
    })
}
