//! Complaints: the council's own response time, and the Ombudsman's 12-month
//! window after each council deadline that was missed (Local Government Act
//! 1974, s26B).

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::calendar::{Period, add_days, long_date};
use crate::case_file::EventKind::*;
use crate::case_file::ResponseUnit;
use crate::case_file::Stage;
use crate::context::{CaseContext, Notice};
use crate::deadline::{Deadline, EventRef, Label, Limit, Missed, Status, Step};
use crate::exceptions::NO_EXCEPTIONS;
use crate::rule::{Actor, Force, InForce, Rule};
use crate::timeline::Dated;

pub const COUNCIL_COMPLAINT_RESPONSE: Rule = Rule {
    id: "council-complaint-response",
    title: "Council's reply to your complaint",
    stage: Stage::Complaint,
    summary: "The council should reply to your complaint within the time its complaints policy states.",
    citation: "The council's complaints policy (local, not statutory)",
    actor: Actor::Council,
    force: Force::Guidance,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "received",
    in_force: InForce::UNDATED,
};

/// The Ombudsman's Complaint Handling Code, which it applies to councils'
/// complaints made from 1 April 2026.
const CODE_CITATION: &str = "LGSCO Complaint Handling Code (from 1 April 2026)";

/// The day the Ombudsman began to apply its Complaint Handling Code.
const CODE_START: NaiveDate = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();

pub const COUNCIL_COMPLAINT_ACKNOWLEDGEMENT: Rule = Rule {
    id: "council-complaint-acknowledgement",
    title: "Council's acknowledgement of your complaint",
    stage: Stage::Complaint,
    summary: "The council should acknowledge your complaint within 5 working days.",
    citation: CODE_CITATION,
    actor: Actor::Council,
    force: Force::Guidance,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "received",
    in_force: InForce::england_from(CODE_START),
};

pub const OMBUDSMAN_WINDOW: Rule = Rule {
    id: "ombudsman-window",
    title: "Complaint to the Ombudsman",
    stage: Stage::Complaint,
    summary: "The Local Government and Social Care Ombudsman normally looks at a complaint only if it is made within 12 months of when you first knew of the problem.",
    citation: "Local Government Act 1974, s26B",
    actor: Actor::Parent,
    force: Force::Statutory,
    exceptions: &NO_EXCEPTIONS,
    done_verb: "made",
    in_force: InForce::UNDATED,
};

/// The rules of this stage.
pub const RULES: &[&Rule] = &[
    &COUNCIL_COMPLAINT_RESPONSE,
    &COUNCIL_COMPLAINT_ACKNOWLEDGEMENT,
    &OMBUDSMAN_WINDOW,
];

/// The longest stated response time that is counted, in days or working days:
/// a year. A longer one is a slip of the keyboard, and counting billions of
/// days would run past the end of any calendar.
const LONGEST_RESPONSE: u32 = 366;

/// The council's reply to each complaint: in the time it states, or, for a
/// complaint from 1 April 2026 that states none, the Complaint Handling Code's
/// 10 or 20 working days, with its acknowledgement in 5.
pub(crate) fn deadlines<'a>(
    cx: &CaseContext<'a>,
    out: &mut Vec<Deadline<'a>>,
    notices: &mut Vec<Notice>,
) {
    for (complaint, next) in cx.timeline.spans(&[ComplaintMade]) {
        let answer = |kind| {
            cx.timeline
                .first(&[kind], complaint.date, next)
                .map(Dated::to_ref)
        };
        let code = COUNCIL_COMPLAINT_ACKNOWLEDGEMENT
            .in_force
            .covers(complaint.date);
        if code {
            out.push(
                Deadline::after(
                    &COUNCIL_COMPLAINT_ACKNOWLEDGEMENT,
                    complaint.to_ref(),
                    Period::WorkingDays(5),
                )
                .done_by(answer(ComplaintAcknowledged)),
            );
        }
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
            (None, _) if code => {
                let (days, stage) = match complaint.event.stage {
                    Some(2) => (20, 2),
                    _ => (10, 1),
                };
                out.push(
                    Deadline::after(
                        &COUNCIL_COMPLAINT_RESPONSE,
                        complaint.to_ref(),
                        Period::WorkingDays(days),
                    )
                    .cited(CODE_CITATION, Force::Guidance)
                    .note(format!(
                        "No response time of the council's own is recorded, so the Ombudsman's Complaint Handling Code's {days} working days for a stage {stage} complaint apply."
                    ))
                    .done_by(answer(ComplaintResponded)),
                );
                continue;
            }
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
            Deadline::after(&COUNCIL_COMPLAINT_RESPONSE, complaint.to_ref(), period)
                .done_by(answer(ComplaintResponded)),
        );
    }
}

/// One window for each statutory council deadline that was missed: it starts
/// the day after the due date (for a plan issued too early, the day after it was
/// issued) and lasts 12 months beginning with that day. The windows go after the
/// settled deadlines, in their order, settled on `today`: built in place, so no
/// list of them is made and copied in.
pub(crate) fn add_ombudsman_windows<'a>(
    cx: &CaseContext<'a>,
    deadlines: &mut Vec<Deadline<'a>>,
    today: NaiveDate,
) {
    // Room for every window at once, so the list grows (and is copied) once at most.
    deadlines.reserve(deadlines.iter().filter(|d| missed(d)).count());
    // Most cases have no complaint to the Ombudsman: then no look-up a window.
    let complained = cx.timeline.all_of(&OmbudsmanComplaintMade).len() > 0;
    for settled in 0..deadlines.len() {
        let d = &deadlines.as_slice()[settled];
        if missed(d) {
            let mut window = window(cx, complained, d);
            window.settle(today);
            deadlines.push(window);
        }
    }
}

/// Whether `d` is a statutory limit the council missed: one that opens a
/// window. Inline even where built for size: every deadline is asked twice.
#[inline(always)]
fn missed(d: &Deadline) -> bool {
    d.actor == Actor::Council
        && d.force == Force::Statutory
        && matches!(
            d.status,
            Status::Overdue | Status::MetLate | Status::TooEarly
        )
}

/// The window `missed` opens, done by the first complaint to the Ombudsman
/// from the day it starts, when the case has any (`complained`).
fn window<'a>(cx: &CaseContext<'a>, complained: bool, missed: &Deadline<'a>) -> Deadline<'a> {
    let fault_day = match (missed.limit, &missed.done) {
        (Limit::NotBefore, Some(done)) => done.date,
        _ => missed.due,
    };
    let start = add_days(fault_day, 1);
    let what: Cow<'a, str> = match &missed.subject {
        Some(subject) => format!("{} ({subject})", missed.rule.title).into(),
        None => missed.rule.title.into(),
    };
    let trigger = EventRef {
        date: start,
        label: Label::DayAfterMissed(Box::new(Missed {
            trigger: missed.trigger.label.event(),
            title: missed.rule.title,
            subject: missed.subject.clone(),
            due: missed.due,
            citation: missed.citation,
        })),
    };
    let complaint = if complained {
        cx.timeline
            .first(&[OmbudsmanComplaintMade], start, None)
            .map(Dated::to_ref)
    } else {
        None
    };
    Deadline::after(&OMBUDSMAN_WINDOW, trigger, Period::MonthsStartingWith(12))
        .about(what, Actor::Parent)
        .done_by(complaint)
        .note(Step::AboutMissed)
}

impl Missed<'_> {
    /// The working of the window the missed deadline opens: what the council
    /// missed, then the Ombudsman's discretion.
    pub(crate) fn working(&self) -> [String; 2] {
        [
            format!(
                "The council missed \"{}\" ({}), due {}.",
                self.title,
                self.citation,
                long_date(self.due)
            ),
            "The Ombudsman can use its discretion to look at an older complaint when there is a good reason, and normally expects you to use the council's own complaints procedure first.".to_owned(),
        ]
    }
}
