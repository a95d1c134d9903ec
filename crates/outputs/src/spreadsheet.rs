//! Every deadline of every case as CSV, for an advocate's spreadsheet: one
//! row per deadline, UTF-8 with a byte order mark so spreadsheets read the
//! accents right, ISO dates in their own column beside the written ones.

use rules::{Actor, Status, long_date};

use crate::Evaluated;
use crate::chronology::deadline_title;

/// The header row. The first thirteen are what an advocate reads; the rule id
/// and the subject (the adviser or school) are there to sort and filter by.
const COLUMNS: [&str; 15] = [
    "Case",
    "Child",
    "Council",
    "Reference",
    "Rule",
    "Deadline",
    "Due (ISO)",
    "Due",
    "Status",
    "Days late",
    "Done (ISO)",
    "Who must act",
    "Citation",
    "Rule id",
    "Subject",
];

/// The CSV of every deadline of `cases`: CRLF rows, RFC 4180 quoting, and
/// text from users that a spreadsheet could run as a formula made inert.
pub fn deadlines_csv(cases: &[Evaluated]) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, &COLUMNS);
    for Evaluated { case, evaluation } in cases {
        for deadline in &evaluation.deadlines {
            push_row(
                &mut out,
                &[
                    &case.id,
                    text(&case.child),
                    text(&case.local_authority),
                    text(&case.reference),
                    deadline.rule.title,
                    &deadline_title(deadline),
                    &deadline.due.to_string(),
                    &long_date(deadline.due),
                    status_words(deadline.status, deadline.actor),
                    &late_days(deadline.status, deadline.days_late),
                    &deadline
                        .done
                        .as_ref()
                        .map(|done| done.date.to_string())
                        .unwrap_or_default(),
                    deadline.actor.label(),
                    deadline.citation,
                    deadline.rule.id,
                    deadline.subject.as_deref().unwrap_or_default(),
                ],
            );
        }
    }
    out
}

/// The days late of a missed or late deadline; empty otherwise.
fn late_days(status: Status, days_late: i64) -> String {
    match status {
        Status::Overdue | Status::MetLate => days_late.to_string(),
        _ => String::new(),
    }
}

/// The status in a word or two; a family's own window is "closed", not "overdue".
fn status_words(status: Status, actor: Actor) -> &'static str {
    match status {
        Status::Overdue if actor == Actor::Parent => "Window closed",
        Status::Overdue => "Overdue",
        Status::DueSoon => "Due soon",
        Status::Pending => "Not due yet",
        Status::Met => "Met",
        Status::MetLate => "Met late",
        Status::TooEarly => "Too early",
        Status::Excepted => "Exception claimed",
        Status::NotApplicable => "Not applicable",
    }
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or_default()
}

fn push_row(out: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// RFC 4180 quoting; a field that starts like a formula (=, +, -, @, tab,
/// carriage return) gets a leading apostrophe so a spreadsheet shows it as
/// text rather than running it.
fn push_field(out: &mut String, field: &str) {
    let formula = matches!(
        field.bytes().next(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let quoted = field
        .bytes()
        .any(|byte| matches!(byte, b',' | b'"' | b'\r' | b'\n'));
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}
