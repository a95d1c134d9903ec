//! An iCalendar file (RFC 5545) of the deadlines still to come, for a
//! family's or an advocate's own calendar. Each deadline is an all-day event
//! whose UID depends only on the case, the rule and what started it, so
//! importing a newer file updates the events rather than adding copies.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use rules::{Case, Deadline, Limit, Status};

use crate::Evaluated;
use crate::chronology::{NameShown, child_named, deadline_title};

/// The calendar of every deadline of `cases` not yet met and not yet passed
/// (pending or due soon), one all-day event each, stamped `stamp` (a UTC time
/// the caller chooses: the app and `ehc` use midnight of the export day), with
/// CRLF line endings and lines folded at 75 octets.
pub fn calendar(cases: &[Evaluated], stamp: NaiveDateTime) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//EHC Timeline//Deadlines//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "X-WR-CALNAME:EHC Timeline deadlines".to_owned(),
    ];
    for entry in cases {
        for deadline in entry.evaluation.deadlines.iter().filter(|d| upcoming(d)) {
            lines.extend(event(entry.case, deadline, stamp));
        }
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect::<String>()
}

fn upcoming(deadline: &Deadline) -> bool {
    matches!(deadline.status, Status::Pending | Status::DueSoon)
}

fn event(case: &Case, deadline: &Deadline, stamp: NaiveDateTime) -> Vec<String> {
    let child = child_named(case, NameShown::AsRecorded);
    let title = deadline_title(deadline);
    let summary = match deadline.limit {
        Limit::By => format!("{child}: {title}"),
        Limit::NotBefore => format!("{child}: {title} (not before this day)"),
    };
    let description = format!(
        "{}\nWho must act: {}.\n{}\nWorked out by EHC Timeline; not legal advice.",
        deadline.rule.summary,
        deadline.actor.label(),
        deadline.citation
    );
    vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", uid(case, deadline)),
        format!(
            "DTSTAMP:{}T{:02}{:02}{:02}Z",
            ics_date(stamp.date()),
            stamp.hour(),
            stamp.minute(),
            stamp.second()
        ),
        format!("DTSTART;VALUE=DATE:{}", ics_date(deadline.due)),
        format!(
            "DTEND;VALUE=DATE:{}",
            ics_date(deadline.due + Duration::days(1))
        ),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        "TRANSP:TRANSPARENT".to_owned(),
        "END:VEVENT".to_owned(),
    ]
}

/// The same deadline has the same UID in every export: the case, the rule,
/// the event that started it and its subject, never its date or the day of
/// export. Each part keeps its ASCII letters, digits and dashes and writes any
/// other byte as `_` and two hex digits, so two different deadlines never share
/// a UID and no character needs escaping.
fn uid(case: &Case, deadline: &Deadline) -> String {
    let parts = [
        Some(case.id.as_str()),
        Some(deadline.rule.id),
        Some(deadline.trigger.id.as_str()),
        deadline.subject.as_deref(),
    ];
    let encoded: Vec<String> = parts.into_iter().flatten().map(uid_part).collect();
    format!("{}@ehc-timeline", encoded.join("."))
}

fn uid_part(part: &str) -> String {
    part.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => char::from(byte).to_string(),
            other => format!("_{other:02X}"),
        })
        .collect()
}

fn ics_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// TEXT escaping (RFC 5545, 3.3.11): backslash, semicolon, comma, newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest a physical line may be, in octets, CRLF not counted (RFC 5545, 3.1).
const LINE_OCTETS: usize = 75;

/// A content line folded at 75 octets, never inside a character, each
/// continuation starting with a space; CRLF after each part. A part never ends
/// in a space, which some readers trim away when they unfold: the space moves
/// to the start of the next part instead.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut part = String::new();
    for c in line.chars() {
        if part.len() + c.len_utf8() > LINE_OCTETS {
            let fold_space = usize::from(!out.is_empty());
            let kept = part.trim_end_matches(' ').len();
            let split = if kept > fold_space && part.len() - kept < LINE_OCTETS / 2 {
                kept
            } else {
                part.len()
            };
            out.push_str(&part[..split]);
            out.push_str("\r\n");
            part = format!(" {}", &part[split..]);
        }
        part.push(c);
    }
    out.push_str(&part);
    out.push_str("\r\n");
    out
}
