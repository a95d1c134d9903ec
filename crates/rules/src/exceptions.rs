//! Exceptions a council claims (timelines.md section 2). An exception switches a
//! time limit off, it does not pause it: the council must still act as soon as
//! practicable. The statutory date stays visible, and an indicative date (the
//! statutory date plus the claimed period) is shown, labelled as not statutory.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{days_between, long_date};
use crate::case_file::{Event, EventKind, ExceptionReason};

use ExceptionReason::*;

/// The reasons that can switch one rule's time limit off.
#[derive(Debug, PartialEq, Eq)]
pub struct ExceptionSet {
    /// The set's name in timelines.md: "EX-A".
    pub name: &'static str,
    /// The exceptions the regulations allow for the rules of this set.
    pub reasons: &'static [ExceptionReason],
    /// The shortest absence from the area that counts, in days.
    pub min_absence_days: i64,
}

/// No exception applies (phase transfer, parents' windows, guidance).
pub const NO_EXCEPTIONS: ExceptionSet = ExceptionSet {
    name: "none",
    reasons: &[],
    min_absence_days: 0,
};

/// EX-A: reg 5(4), 10(4), 13(3), 27(3); with the coronavirus exception of 2020.
pub const ASSESSMENT_EXCEPTIONS: ExceptionSet = ExceptionSet {
    name: "EX-A",
    reasons: &[
        SchoolClosure,
        PersonalCircumstances,
        Absence,
        Coronavirus2020,
    ],
    min_absence_days: 28,
};

/// EX-B: reg 8(2), for advice; with the coronavirus exception of 2020.
pub const ADVICE_EXCEPTIONS: ExceptionSet = ExceptionSet {
    name: "EX-B",
    reasons: &[
        PersonalCircumstances,
        Absence,
        MissedAppointment,
        Coronavirus2020,
    ],
    min_absence_days: 28,
};

/// EX-C: reg 44(3) and 45, for tribunal orders; with the coronavirus exception of 2020.
pub const ORDER_EXCEPTIONS: ExceptionSet = ExceptionSet {
    name: "EX-C",
    reasons: &[
        PersonalCircumstances,
        Absence,
        LateRepresentations,
        SchoolClosure,
        Coronavirus2020,
    ],
    min_absence_days: 14,
};

/// Limits with no exception of their own that SI 2020/471 relaxed from 1 May
/// to 25 September 2020 (reviews, amendments, re-assessment, transfers).
pub const CORONAVIRUS_ONLY: ExceptionSet = ExceptionSet {
    name: "coronavirus 2020",
    reasons: &[Coronavirus2020],
    min_absence_days: 0,
};

/// The window of the Special Educational Needs and Disability (Coronavirus)
/// (Amendment) Regulations 2020 (SI 2020/471): 1 May to 25 September 2020.
pub(crate) const CORONAVIRUS_WINDOW: (NaiveDate, NaiveDate) = (
    NaiveDate::from_ymd_opt(2020, 5, 1).unwrap(),
    NaiveDate::from_ymd_opt(2020, 9, 25).unwrap(),
);

/// An exception the council claims, as recorded in an `exception-claimed` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimedException {
    /// The `exception-claimed` event.
    pub event: String,
    /// Which of the regulations' exceptions the council claims.
    pub reason: ExceptionReason,
    /// The days the claim covers that count against this limit.
    pub from: NaiveDate,
    /// The last day the claim covers, included.
    pub until: NaiveDate,
    /// Whether the family disputes the claim.
    pub disputed: bool,
}

impl ExceptionReason {
    /// The reason in words.
    pub fn label(self) -> &'static str {
        match self {
            SchoolClosure => "the school or setting was closed (usually the summer holiday)",
            PersonalCircumstances => "exceptional personal circumstances",
            Absence => "the child, parent or young person was away from the area",
            MissedAppointment => "the child missed an appointment",
            LateRepresentations => "the family asked to comment after the 15 days",
            Coronavirus2020 => "coronavirus (SI 2020/471, 1 May to 25 September 2020)",
            Reassessment => "a re-assessment was under way",
        }
    }

    /// The reasons a council can claim in an `exception-claimed` event: all
    /// but `reassessment`, which the case law gives, not the council.
    pub const CLAIMABLE: &'static [ExceptionReason] = &[
        SchoolClosure,
        PersonalCircumstances,
        Absence,
        MissedAppointment,
        LateRepresentations,
        Coronavirus2020,
    ];
}

impl ClaimedException {
    /// The working line for a limit this exception switches off.
    pub fn describe(&self, indicative_due: Option<NaiveDate>) -> String {
        if self.reason == Reassessment {
            return format!(
                "A re-assessment was under way from {} (event {}) to {} when this review fell due. Under R (LW) v Islington [2025] EWHC 703 (Admin) that is not a breach if the re-assessment did what a review would: case law, not a statutory exception. The next 12 months start from the plan that ends the re-assessment.",
                long_date(self.from),
                self.event,
                long_date(self.until)
            );
        }
        let mut text = format!(
            "The council claims an exception ({}) from {} to {} (event {}). It switches the \
             time limit off; the council must still act as soon as practicable.",
            self.reason.label(),
            long_date(self.from),
            long_date(self.until),
            self.event
        );
        if let Some(date) = indicative_due {
            text.push_str(&format!(
                " Indicative date, not statutory: {} (the statutory date plus the claimed period).",
                long_date(date)
            ));
        }
        if self.disputed {
            text.push_str(" The family disputes this exception.");
        }
        text
    }

    /// The claim recorded in `event`, if it is a complete `exception-claimed`.
    pub(crate) fn from_event(event: &Event) -> Option<ClaimedException> {
        // A match, not `!=`: comparing kinds is a call where built for size,
        // and every event of every case is asked.
        if !matches!(event.kind, EventKind::ExceptionClaimed) {
            return None;
        }
        let (reason, from, until) = (event.exception?, event.from?, event.until?);
        Some(ClaimedException {
            event: event.id.clone(),
            reason,
            from: from.min(until),
            until: until.max(from),
            disputed: event.disputed.unwrap_or(false),
        })
    }

    /// Whole days the claim covers, both ends included.
    pub(crate) fn days(&self) -> i64 {
        days_between(self.from, self.until) + 1
    }
}
