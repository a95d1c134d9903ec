//! The documents families attach to events (letters, reports, emails),
//! kept in the browser's own database, [`db::DOCUMENTS_DB`], never in the
//! case file: an event lists each document's name, type, size and SHA-256
//! (`rules::case_file::Document`), the database holds its bytes under its id.
//!
//! The bytes are always stored encrypted, with a random key of their own
//! ([`keys`]). While the lock is off that key is stored beside them; while
//! it is on, only sealed by the lock's key. Turning the lock on or off, or
//! changing the passphrase, seals that one small key again: the documents
//! themselves, which may be hundreds of megabytes, are never rewritten.

pub mod db;
pub mod kept;
pub mod keys;

use std::collections::HashSet;

use chrono::NaiveDate;
use rules::{Case, case_file::Document};

use crate::labels::tenths_of;

/// The largest file kept: 50 MB, as the page says.
pub const MAX_BYTES: u64 = 50_000_000;

/// Why a file of `size` bytes named `name` is refused, if it is: before a
/// byte of it is read or stored.
pub fn too_big(name: &str, size: u64) -> Option<String> {
    (size > MAX_BYTES).then(|| {
        format!(
            "\u{201c}{name}\u{201d} was not added: it is {}, and a document may be at most 50 MB. Save it smaller (for example scanned at a lower resolution) and add it again.",
            megabytes(size)
        )
    })
}

/// Why a file of `size` bytes would not fit in what the browser still
/// allows the app (`used` of `allowed`, from `navigator.storage.estimate()`).
pub fn over_quota(name: &str, size: u64, used: f64, allowed: f64) -> Option<String> {
    (used + size as f64 > allowed).then(|| {
        format!(
            "\u{201c}{name}\u{201d} was not added: this browser has room for {} more, and the file is {}. Nothing was changed. Free some space (remove documents you no longer need, or other sites' data) and try again.",
            megabytes((allowed - used).max(0.0) as u64),
            megabytes(size)
        )
    })
}

/// `bytes` in megabytes to one decimal place, or in kilobytes below 1 MB.
pub fn megabytes(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => tenths_of(bytes, 1_000, "KB"),
        _ => tenths_of(bytes, 1_000_000, "MB"),
    }
}

/// The media type of a file the browser named `given` (empty when it does
/// not know, as for many saved emails), else from its name's extension.
pub fn media_type(name: &str, given: &str) -> String {
    if !given.is_empty() {
        return given.to_owned();
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("eml") => "message/rfc822",
        Some("msg") => "application/vnd.ms-outlook",
        Some("doc") => "application/msword",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// Every document the events of `cases` list, case by case, in the order
/// of their events.
pub fn listed_in(cases: &[Case]) -> impl Iterator<Item = &Document> {
    cases
        .iter()
        .flat_map(|case| &case.events)
        .flat_map(|event| &event.documents)
}

/// The id of every document some case lists: what must be kept.
pub fn listed(cases: &[Case]) -> HashSet<&str> {
    listed_in(cases)
        .map(|document| document.id.as_str())
        .collect()
}

/// The stored documents no case lists any more, added before `today`: a
/// removal the user could still undo is of today, and another tab may have
/// stored a document a moment before saving the case that lists it.
pub fn unlisted<'a>(
    stored: &'a [(String, NaiveDate)],
    cases: &[Case],
    today: NaiveDate,
) -> Vec<&'a str> {
    let listed = listed(cases);
    stored
        .iter()
        .filter(|(id, added)| *added < today && !listed.contains(id.as_str()))
        .map(|(id, _)| id.as_str())
        .collect()
}

/// A document's line in a list: its name, type in words and size.
pub fn described(document: &Document) -> String {
    format!(
        "{} ({}, {})",
        document.name,
        kind_in_words(&document.media_type),
        megabytes(document.size)
    )
}

/// A media type in words a parent knows.
pub fn kind_in_words(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "PDF",
        "image/png" | "image/jpeg" | "image/gif" | "image/webp" => "image",
        "message/rfc822" | "application/vnd.ms-outlook" => "email",
        "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "Word document"
        }
        _ => "file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_file_over_50_mb_is_refused_by_name_and_size() {
        assert_eq!(too_big("scan.pdf", MAX_BYTES), None);
        assert_eq!(
            too_big("scan.pdf", 61_234_567).unwrap(),
            "\u{201c}scan.pdf\u{201d} was not added: it is 61.2 MB, and a document may be at most 50 MB. Save it smaller (for example scanned at a lower resolution) and add it again."
        );
    }

    #[test]
    fn a_file_that_would_not_fit_the_quota_is_refused_with_the_room_left() {
        assert_eq!(over_quota("a.pdf", 1_000, 0.0, 2_000.0), None);
        let refused = over_quota("letter.pdf", 3_400_000, 8_000_000.0, 10_000_000.0).unwrap();
        assert!(
            refused.contains("room for 2.0 MB more, and the file is 3.4 MB"),
            "{refused}"
        );
        assert!(refused.contains("Nothing was changed"));
    }

    #[test]
    fn sizes_read_in_kilobytes_below_a_megabyte() {
        assert_eq!(megabytes(48_213), "48.2 KB");
        assert_eq!(megabytes(999_949), "999.9 KB");
        assert_eq!(megabytes(1_250_000), "1.3 MB");
    }

    #[test]
    fn a_type_the_browser_does_not_know_comes_from_the_extension() {
        assert_eq!(media_type("x.pdf", "application/pdf"), "application/pdf");
        assert_eq!(media_type("Email to SENCO.EML", ""), "message/rfc822");
        assert_eq!(media_type("photo.JPG", ""), "image/jpeg");
        assert_eq!(media_type("notes", ""), "application/octet-stream");
        assert_eq!(kind_in_words(&media_type("a.docx", "")), "Word document");
    }

    #[test]
    fn only_documents_no_case_lists_and_added_before_today_are_removed() {
        let file = rules::read_case_file(
            r#"{"format": "ehc-timeline/2", "cases": [{"id": "c-1", "events": [
                {"id": "e-1", "kind": "request-received", "date": "2026-01-06",
                 "documents": [{"id": "d-kept", "name": "a.pdf", "media_type": "application/pdf",
                   "size": 3, "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}]}]}]}"#,
        )
        .unwrap();
        let stored = vec![
            ("d-kept".to_owned(), day(1)),
            ("d-old".to_owned(), day(1)),
            ("d-today".to_owned(), day(5)),
        ];
        assert_eq!(unlisted(&stored, &file.cases, day(5)), ["d-old"]);
    }
}
