//! Complaints: the council's own response time, and the Ombudsman's 12-month
//! window after each council deadline that was missed (Local Government Act
//! 1974, s26B).

use std::borrow::Cow;

use crate::calendar::{Period, add_days, long_date};
use crate::case_file::EventKind::*;
use crate::case_file::ResponseUnit;
use crate::context::{CaseContext, Notice};
use crate::deadline::{Deadline, EventRef, Label, Limit, On, Sentence, Status};
use crate::exceptions::NO_EXCEPTIONS;
use crate::rule::{Actor, Force, Rule};
use crate::timeline::Dated;

pub const COUNCIL_COMPLAINT_RESPONSE: Rule = Rule {
    id: "council-complaint-response",
    title: "Council's reply to your complaint",
    summary: "The council should reply to your complaint within the time its complaints policy states.",
    citation: "The council's complaints policy (local, not statutory)",
    actor: Actor::Council,
    force: Force::Guidance,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "received",
};

pub const OMBUDSMAN_WINDOW: Rule = Rule {
    id: "ombudsman-window",
    title: "Complaint to the Ombudsman",
    summary: "The Local Government and Social Care Ombudsman normally looks at a complaint only if it is made within 12 months of when you first knew of the problem.",
    citation: "Local Government Act 1974, s26B",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "made",
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[&COUNCIL_COMPLAINT_RESPONSE, &OMBUDSMAN_WINDOW];

/// The longest stated response time that is counted, in days or working days:
/// a year. A longer one is a slip of the keyboard, and counting billions of
/// days would run past the end of any calendar.
const LONGEST_RESPONSE: u32 = 366;

/// The council's stated response time to each complaint.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    for (complaint, next) in cx.timeline.spans(&[ComplaintMade]) {
        let period = match (complaint.event.respond_within, complaint.event.unit) {
            (Some(n), _) if n > LONGEST_RESPONSE => {
                notices.push(Notice {
                    text: format!(
                        "The complaint of {} (event {}) says the council takes {n} days to reply, more than a year, so no date is worked out: check the number in its complaints policy or its acknowledgement.",
                        long_date(complaint.date),
                        complaint.event.id
                    ),
                    citation: COUNCIL_COMPLAINT_RESPONSE.citation,
                });
                continue;
            }
            (Some(n), Some(ResponseUnit::WorkingDays)) => Period::WorkingDays(n),
            (Some(n), _) => Period::Days(n),
            (None, _) => {
                notices.push(Notice {
                    text: format!(
                        "Record how long the council says it takes to reply to complaints (in its complaints policy or its acknowledgement) on the complaint of {} (event {}), to see when its reply is due.",
                        long_date(complaint.date),
                        complaint.event.id
                    ),
                    citation: COUNCIL_COMPLAINT_RESPONSE.citation,
                });
                continue;
            }
        };
        out.push(
            Deadline::after(&COUNCIL_COMPLAINT_RESPONSE, complaint.to_ref(), period).done_by(
                cx.timeline
                    .first(&[ComplaintResponded], complaint.date, next)
                    .map(Dated::to_ref),
            ),
        );
    }
}

/// One window for each statutory council deadline that was missed: it starts
/// the day after the due date (for a plan issued too early, the day after it was
/// issued) and lasts 12 months beginning with that day.
pub(crate) fn ombudsman_windows<'a>(
    cx: &CaseContext<'a>,
    settled: &[Deadline<'a>],
) -> Vec<Deadline<'a>> {
    settled
        .iter()
        .filter(|d| d.actor == Actor::Council && d.force == Force::Statutory)
        .filter(|d| {
            matches!(
                d.status,
                Status::Overdue | Status::MetLate | Status::TooEarly
            )
        })
        .map(|missed| window(cx, missed))
        .collect()
}

fn window<'a>(cx: &CaseContext<'a>, missed: &Deadline<'a>) -> Deadline<'a> {
    let fault_day = match (missed.limit, &missed.done) {
        (Limit::NotBefore, Some(done)) => done.date,
        _ => missed.due,
    };
    let start = add_days(fault_day, 1);
    let label = Label::DayAfterMissed(missed.rule.title, missed.subject.clone());
    let what: Cow<'a, str> = match &missed.subject {
        Some(subject) => format!("{} ({subject})", missed.rule.title).into(),
        None => missed.rule.title.into(),
    };
    let trigger = EventRef {
        id: missed.trigger.id,
        date: start,
        label,
    };
    let complaint = cx
        .timeline
        .first(&[OmbudsmanComplaintMade], start, None)
        .map(Dated::to_ref);
    Deadline::after(&OMBUDSMAN_WINDOW, trigger, Period::MonthsStartingWith(12))
        .about(what, Actor::Parent)
        .done_by(complaint)
        .note(Sentence::said(
            |missed, citation| {
                format!(
                    "The council missed \"{}\" ({}), due {}.",
                    missed.name,
                    citation.name,
                    long_date(missed.date)
                )
            },
            On {
                date: missed.due,
                name: missed.rule.title,
            },
            On {
                date: missed.due,
                name: missed.citation,
            },
        ))
        .note("The Ombudsman can use its discretion to look at an older complaint when there is a good reason, and normally expects you to use the council's own complaints procedure first.")
}
