//! Every deadline of every case as CSV, for an advocate's spreadsheet: one
//! row per deadline, UTF-8 with a byte order mark so spreadsheets read the
//! accents right, ISO dates in their own column beside the written ones.

use rules::{Case, Deadline, Status, calendar::long_date, rule::Actor};

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
    deadline_rows_csv(cases.iter().flat_map(|Evaluated { case, evaluation }| {
        evaluation
            .deadlines
            .iter()
            .map(move |deadline| (*case, deadline))
    }))
}

/// The CSV of `rows`, each a deadline of a case, in the order given: what
/// [`deadlines_csv`] writes, for any choice of deadlines (an agenda's).
pub fn deadline_rows_csv<'a>(rows: impl Iterator<Item = (&'a Case, &'a Deadline<'a>)>) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, &COLUMNS);
    for (case, deadline) in rows {
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

/// One CSV row of `fields`, each quoted and made safe by `push_field`.
pub(crate) fn push_row(out: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// RFC 4180 quoting, for a spreadsheet of any locale: a field that holds a
/// separator (a comma, a semicolon or a tab), a quote or a line break is quoted.
///
/// A spreadsheet whose separator differs from ours (`;` in much of Europe) or
/// that breaks rows at line feeds may start a cell anywhere one of those
/// characters stands, so each place a cell could start (the field's start and
/// the character after a separator or line break) is checked: if, past any
/// spaces, tabs and quotes, it starts like a formula (`=`, `+`, `-`, `@`, or
/// their full-width forms), an apostrophe goes there, so the text is shown,
/// never run.
fn push_field(out: &mut String, field: &str) {
    let quoted = field.bytes().any(is_special);
    if quoted {
        out.push('"');
    }
    // Copied a run at a time: between two special characters no cell starts.
    let mut rest = field;
    let mut cell_start = true;
    loop {
        if cell_start && starts_formula(rest) {
            out.push('\'');
        }
        let Some(at) = rest.bytes().position(is_special) else {
            out.push_str(rest);
            break;
        };
        let special = char::from(rest.as_bytes()[at]);
        out.push_str(&rest[..at]);
        if special == '"' {
            out.push('"');
        }
        out.push(special);
        rest = &rest[at + 1..];
        cell_start = is_breaking(special);
    }
    if quoted {
        out.push('"');
    }
}

/// Whether a byte is one a field is quoted for: a separator, a line break or
/// the quote. All ASCII, so never part of another character.
fn is_special(byte: u8) -> bool {
    matches!(byte, b',' | b';' | b'\t' | b'\r' | b'\n' | b'"')
}

/// A character after which some spreadsheet starts a new cell or row.
fn is_breaking(c: char) -> bool {
    matches!(c, ',' | ';' | '\t' | '\r' | '\n')
}

/// Whether a cell holding `text` would be read as a formula: its first
/// character, past spaces, tabs, line breaks and quotes, is `=`, `+`, `-` or
/// `@`, in ASCII or full width; or it starts with a tab or a line break.
fn starts_formula(text: &str) -> bool {
    if text.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    let rest = text.trim_start_matches([' ', '\t', '\r', '\n', '"', '\u{3000}']);
    rest.starts_with([
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ])
}
