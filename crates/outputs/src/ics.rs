//! An iCalendar file (RFC 5545) of the deadlines still to come, for a
//! family's or an advocate's own calendar. Each deadline is an all-day event
//! whose UID depends only on the case, the rule and what started it, so
//! importing a newer file updates the events rather than adding copies.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use rules::{Case, Deadline, Status, deadline::Limit};

use crate::Evaluated;
use crate::chronology::{NameShown, child_named, deadline_title};

/// The calendar of every deadline of `cases` not yet met and not yet passed
/// (pending or due soon), one all-day event each, stamped `stamp` (a UTC time
/// the caller chooses: the app and `ehc` use midnight of the export day), with
/// CRLF line endings and lines folded at 75 octets.
pub fn calendar(cases: &[Evaluated], stamp: NaiveDateTime) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\n\
         VERSION:2.0\r\n\
         PRODID:-//EHC Timeline//Deadlines//EN\r\n\
         CALSCALE:GREGORIAN\r\n\
         METHOD:PUBLISH\r\n\
         X-WR-CALNAME:EHC Timeline deadlines\r\n",
    );
    let stamp = format!(
        "DTSTAMP:{}T{:02}{:02}{:02}Z\r\n",
        ics_date(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for entry in cases {
        for deadline in entry.evaluation.deadlines.iter().filter(|d| upcoming(d)) {
            push_event(&mut out, entry.case, deadline, &stamp);
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// A deadline still to come whose day, and the day after, iCalendar can write
/// (years 0 to 9999): a date past that comes from a mistyped year, which the
/// app and `ehc check` warn about, and must not make the whole file invalid.
fn upcoming(deadline: &Deadline) -> bool {
    matches!(deadline.status, Status::Pending | Status::DueSoon)
        && (0..=9999).contains(&deadline.due.year())
        && (0..=9999).contains(&(deadline.due + Duration::days(1)).year())
}

/// One all-day event; `stamp` is its DTSTAMP line, the same for every event.
fn push_event(out: &mut String, case: &Case, deadline: &Deadline, stamp: &str) {
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
    out.push_str("BEGIN:VEVENT\r\n");
    push_folded(out, &uid(case, deadline));
    out.push_str(stamp);
    out.push_str(&format!(
        "DTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\n",
        ics_date(deadline.due),
        ics_date(deadline.due + Duration::days(1))
    ));
    push_folded(out, &format!("SUMMARY:{}", escape(&summary)));
    push_folded(out, &format!("DESCRIPTION:{}", escape(&description)));
    out.push_str("TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
}

/// The UID line. The same deadline has the same UID in every export: the
/// case, the rule, the event that started it and its subject, never its date
/// or the day of export. Each part keeps its ASCII letters, digits and dashes
/// and writes any other byte as `_` and two hex digits, so two different
/// deadlines never share a UID and no character needs escaping.
fn uid(case: &Case, deadline: &Deadline) -> String {
    let mut uid = String::from("UID:");
    let parts = [
        Some(case.id.as_str()),
        Some(deadline.rule.id),
        Some(deadline.trigger.id()),
        deadline.subject.as_deref(),
    ];
    for (index, part) in parts.into_iter().flatten().enumerate() {
        if index > 0 {
            uid.push('.');
        }
        for byte in part.bytes() {
            match byte {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => uid.push(char::from(byte)),
                other => uid.push_str(&format!("_{other:02X}")),
            }
        }
    }
    uid.push_str("@ehc-timeline");
    uid
}

fn ics_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// TEXT escaping (RFC 5545, 3.3.11): backslash, semicolon, comma, newline.
/// Other control characters (NUL, vertical tab, escape and the like), which a
/// TEXT value may not hold, are left out; a tab stays.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
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
fn push_folded(out: &mut String, line: &str) {
    let mut folded = false;
    let mut part = String::new();
    for c in line.chars() {
        if part.len() + c.len_utf8() > LINE_OCTETS {
            let fold_space = usize::from(folded);
            let kept = part.trim_end_matches(' ').len();
            let split = if kept > fold_space && part.len() - kept < LINE_OCTETS / 2 {
                kept
            } else {
                part.len()
            };
            out.push_str(&part[..split]);
            out.push_str("\r\n");
            part = format!(" {}", &part[split..]);
            folded = true;
        }
        part.push(c);
    }
    out.push_str(&part);
    out.push_str("\r\n");
}
