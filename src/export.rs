//! Case files to download: one case or all of them, in the case file format.

use chrono::NaiveDate;
use rules::{Case, CaseFile, Extra, FORMAT, write_case_file};

use crate::browser;

/// The case file text for `cases`, exported on `today`.
pub fn case_file_text<'a>(cases: impl IntoIterator<Item = &'a Case>, today: NaiveDate) -> String {
    write_case_file(&CaseFile {
        format: FORMAT.to_owned(),
        exported_at: Some(today),
        cases: cases.into_iter().cloned().collect(),
        extra: Extra::new(),
    })
}

/// A file name such as `ehc-timeline-a-b-2025-03-01.json`: letters and digits
/// of `what`, lower case, joined by dashes.
pub fn file_name(what: &str, today: NaiveDate) -> String {
    let words: Vec<String> = what
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    match words.is_empty() {
        true => format!("ehc-timeline-{today}.json"),
        false => format!("ehc-timeline-{}-{today}.json", words.join("-")),
    }
}

/// Offers `cases` as a download named after `what`.
pub fn download<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    what: &str,
    today: NaiveDate,
) -> Result<(), String> {
    browser::download(&file_name(what, today), &case_file_text(cases, today))
}
