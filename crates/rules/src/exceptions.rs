//! Exceptions a council claims (timelines.md section 2). An exception switches a
//! time limit off, it does not pause it: the council must still act as soon as
//! practicable. The statutory date stays visible, and an indicative date (the
//! statutory date plus the claimed period) is shown, labelled as not statutory.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{add_days, long_date};
use crate::case_file::{Event, EventKind, ExceptionReason};
use crate::deadline::{Deadline, Limit, days_between};

use ExceptionReason::*;

/// The reasons that can switch one rule's time limit off.
#[derive(Debug, PartialEq, Eq)]
pub struct ExceptionSet {
    /// The set's name in timelines.md: "EX-A".
    pub name: &'static str,
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
const CORONAVIRUS_WINDOW: (NaiveDate, NaiveDate) = (
    NaiveDate::from_ymd_opt(2020, 5, 1).unwrap(),
    NaiveDate::from_ymd_opt(2020, 9, 25).unwrap(),
);

/// An exception the council claims, as recorded in an `exception-claimed` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimedException {
    /// The `exception-claimed` event.
    pub event: String,
    pub reason: ExceptionReason,
    /// The days the claim covers that count against this limit.
    pub from: NaiveDate,
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
    fn from_event(event: &Event) -> Option<ClaimedException> {
        if event.kind != EventKind::ExceptionClaimed {
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
    fn days(&self) -> i64 {
        days_between(self.from, self.until) + 1
    }

    /// This claim as it bears on `deadline`, or why it does not.
    fn bearing_on(&self, deadline: &Deadline) -> Result<ClaimedException, String> {
        let set = deadline.rule.exceptions;
        if !set.reasons.contains(&self.reason) {
            return Err(format!(
                "The exception claimed in event {} ({}) is not one the law allows for this time limit.",
                self.event,
                self.reason.label()
            ));
        }
        let mut claim = self.clone();
        if claim.reason == Coronavirus2020 {
            claim.from = claim.from.max(CORONAVIRUS_WINDOW.0);
            claim.until = claim.until.min(CORONAVIRUS_WINDOW.1);
        }
        let running_until = deadline
            .done
            .as_ref()
            .map_or(deadline.due, |done| done.date.min(deadline.due));
        if claim.from > claim.until
            || claim.from > running_until
            || claim.until < deadline.trigger.date
        {
            return Err(format!(
                "The exception claimed in event {} covers days when this clock was not running, so it does not change it.",
                self.event
            ));
        }
        if claim.reason == Absence && claim.days() < set.min_absence_days {
            return Err(format!(
                "The absence claimed in event {} lasts {} days; it must last at least {} days to count.",
                self.event,
                claim.days(),
                set.min_absence_days
            ));
        }
        if claim.reason == SchoolClosure && claim.days() < 28 {
            return Err(format!(
                "The school closure claimed in event {} covers {} days; only a closure of at least 4 weeks counts.",
                self.event,
                claim.days()
            ));
        }
        Ok(claim)
    }
}

/// Every complete exception claim in the events.
pub(crate) fn claims<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<ClaimedException> {
    events
        .into_iter()
        .filter_map(ClaimedException::from_event)
        .collect()
}

/// Applies the claims that bear on `deadline`: sets its exception and its
/// indicative date (the statutory date plus the days the claims cover, each day
/// counted once), and notes in the working the claims that do not count.
pub(crate) fn apply(deadline: &mut Deadline, claims: &[ClaimedException]) {
    if deadline.limit != Limit::By || deadline.not_applicable.is_some() {
        return;
    }
    let mut applied: Vec<ClaimedException> = Vec::new();
    for claim in claims {
        match claim.bearing_on(deadline) {
            Ok(claim) => applied.push(claim),
            Err(why) if !deadline.rule.exceptions.reasons.is_empty() => deadline.add_step(why),
            Err(_) => {}
        }
    }
    if applied.is_empty() {
        return;
    }
    let covered = days_covered(&applied);
    deadline.indicative_due = Some(add_days(deadline.due, covered as u64));
    deadline.exceptions.extend(applied);
}

/// Days covered by any of the claims, each day counted once.
fn days_covered(claims: &[ClaimedException]) -> i64 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = claims.iter().map(|c| (c.from, c.until)).collect();
    crate::sort_by_date(&mut spans, |&span| span);
    let mut total = 0;
    let mut covered_until: Option<NaiveDate> = None;
    for (from, until) in spans {
        let start = match covered_until {
            Some(end) if end >= until => continue,
            Some(end) if end >= from => end.succ_opt().expect("date in range"),
            _ => from,
        };
        total += days_between(start, until) + 1;
        covered_until = Some(until);
    }
    total
}
