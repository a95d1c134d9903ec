//! An iCalendar file (RFC 5545) of the deadlines still to come, for a
//! family's or an advocate's own calendar. Each deadline is an all-day event
//! whose UID depends only on the case, the rule and what started it, so
//! importing a newer file updates the events rather than adding copies.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rules::{Case, Deadline, Limit, Status};

use crate::Evaluated;
use crate::chronology::deadline_title;

/// The calendar of every deadline of `cases` not yet met and not yet passed,
/// stamped `stamp` (UTC), with CRLF line endings and lines folded at 75 octets.
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
    let child = case.child.as_deref().unwrap_or(&case.id);
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
        format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
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
/// the event that started it and its subject, never its date.
fn uid(case: &Case, deadline: &Deadline) -> String {
    let mut parts = vec![
        case.id.as_str(),
        deadline.rule.id,
        deadline.trigger.id.as_str(),
    ];
    if let Some(subject) = &deadline.subject {
        parts.push(subject);
    }
    let safe: Vec<String> = parts
        .iter()
        .map(|part| {
            part.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect()
        })
        .collect();
    format!("{}@ehc-timeline", safe.join("."))
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
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

/// A content line folded at 75 octets, never inside a character, each
/// continuation starting with a space; CRLF after each part.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}
