//! Files to download, all made on this device: case files (one case or all of
//! them), a calendar of the deadlines to come, a spreadsheet of every
//! deadline, and a letter draft.

use chrono::NaiveDate;
use outputs::{Evaluated, Letter};
use rules::{
    Case, CaseFile,
    case_file::{Extra, FORMAT},
    write_case_file,
};

use crate::browser;
use crate::file_fields;
use crate::state::{Entry, State};

/// The case file text of `cases` on `today` as the app hands them from one of
/// its modules to another: each case with every field it keeps.
pub fn case_file_text<'a>(cases: impl IntoIterator<Item = &'a Case>, today: NaiveDate) -> String {
    file_text(cases.into_iter().cloned().collect(), Extra::new(), today)
}

/// The case file text of `cases` exported on `today`, for the user: the
/// fields each case kept of the file it came in back at the top
/// ([`file_fields`]).
pub fn exported_text<'a>(cases: impl IntoIterator<Item = &'a Case>, today: NaiveDate) -> String {
    let (cases, extra) = file_fields::put_back(cases);
    file_text(cases, extra, today)
}

fn file_text(cases: Vec<Case>, extra: Extra, today: NaiveDate) -> String {
    write_case_file(&CaseFile {
        format: FORMAT.to_owned(),
        exported_at: Some(today),
        cases,
        extra,
    })
}

/// A file name such as `ehc-timeline-a-b-2025-03-01.json`: letters and digits
/// of `what`, lower case, joined by dashes, then the day and `extension`.
pub fn file_name(what: &str, today: NaiveDate, extension: &str) -> String {
    let mut name = String::from("ehc-timeline-");
    for word in what.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            name.push_str(&word.to_ascii_lowercase());
            name.push('-');
        }
    }
    format!("{name}{today}.{extension}")
}

/// Offers `cases` as a case file named after `what`, and tells the app, whose
/// backup reminder counts from the last export.
pub fn download<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    what: &str,
    today: NaiveDate,
) -> Result<(), String> {
    offer_case_file(&exported_text(cases, today), what, today)
}

/// The part of [`download`] that does not depend on how the cases are
/// given: written once, not again in every button that exports.
#[inline(never)]
fn offer_case_file(text: &str, what: &str, today: NaiveDate) -> Result<(), String> {
    browser::download(&file_name(what, today, "json"), "application/json", text)?;
    browser::announce_export();
    Ok(())
}

/// Offers every case on this device, the backup the app can import again:
/// one copy of this code for every button that exports them all.
pub fn download_all(state: &State) -> Result<(), String> {
    offer_all_cases(&case_file_text(state.all_cases(), state.today), state.today)
}

/// Downloads `file`, the case file of every case on `today`, as
/// [`download_all`] does; the lock page's part offers the one the main
/// module handed over.
pub fn offer_all_cases(file: &str, today: NaiveDate) -> Result<(), String> {
    offer_case_file(file, "all-cases", today)?;
    browser::announce_export_all();
    Ok(())
}

/// Offers the stored value the cases were moved from, exactly as it was.
pub fn download_moved(text: &str, today: NaiveDate) -> Result<(), String> {
    let name = file_name("before-this-version", today, "json");
    browser::download(&name, "application/json", text)
}

/// Offers stored data the app could not read, exactly as it was, as
/// `ehc-timeline-unreadable-YYYY-MM-DD.txt`.
pub fn download_unreadable(text: &str, today: NaiveDate) -> Result<(), String> {
    browser::download(&file_name("unreadable", today, "txt"), "text/plain", text)
}

fn evaluated<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<Evaluated<'a>> {
    entries
        .into_iter()
        .map(|entry| Evaluated {
            case: &entry.case,
            evaluation: entry.evaluation(),
        })
        .collect()
}

/// Offers the deadlines to come of `entries` as an iCalendar file.
pub fn download_calendar<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    what: &str,
    today: NaiveDate,
) -> Result<(), String> {
    offer_calendar(&evaluated(entries), what, today)
}

/// The part of [`download_calendar`] that does not depend on how the
/// entries are given.
#[inline(never)]
fn offer_calendar(cases: &[Evaluated], what: &str, today: NaiveDate) -> Result<(), String> {
    let stamp = today.and_hms_opt(0, 0, 0).expect("midnight is a time");
    browser::download(
        &file_name(&format!("{what} deadlines"), today, "ics"),
        "text/calendar",
        &outputs::calendar(cases, stamp),
    )
}

/// Offers every deadline of `entries` as a CSV spreadsheet.
pub fn download_spreadsheet<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    today: NaiveDate,
) -> Result<(), String> {
    browser::download(
        &file_name("deadlines", today, "csv"),
        "text/csv",
        &outputs::deadlines_csv(&evaluated(entries)),
    )
}

/// Offers a letter draft, as edited, as a text file.
pub fn download_letter(letter: &Letter, body: &str, today: NaiveDate) -> Result<(), String> {
    browser::download(
        &file_name(letter.kind, today, "txt"),
        "text/plain",
        &format!("Subject: {}\n\n{body}\n", letter.subject),
    )
}
