//! Backups no writer of ours makes, built entry by entry: damaged, cut,
//! missing or in forms the reader does not take, each refused in words that
//! name the entry, or the document and its event.

use super::*;

/// The bytes of the document the case file below lists.
const REPORT: &[u8] = b"%PDF-1.4 the educational psychologist's report";

fn digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A case file whose event e-3 of case c-1 lists "ep-report.pdf", of
/// `size` bytes with `sha256`.
fn cases(size: usize, sha256: &str) -> String {
    format!(
        r#"{{"format": "ehc-timeline/2", "cases": [{{"id": "c-1", "events": [
          {{"id": "e-3", "kind": "advice-received", "date": "2025-05-02", "documents": [
            {{"id": "d-1", "name": "ep-report.pdf", "media_type": "application/pdf", "size": {size}, "sha256": "{sha256}"}}]}}]}}]}}"#
    )
}

/// A zip of `entries`, names and bytes.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let entries: Vec<zip::Entry> = entries
        .iter()
        .map(|&(name, bytes)| zip::Entry { name, bytes })
        .collect();
    zip::write(&entries, zip::DosDate::EARLIEST).unwrap()
}

fn refused(zip: &[u8]) -> BackupError {
    read_backup(zip).expect_err("the backup should be refused")
}

fn ep_report() -> Listing {
    Listing {
        name: "ep-report.pdf".to_owned(),
        event: "e-3".to_owned(),
        case: "c-1".to_owned(),
    }
}

#[test]
fn a_backup_made_entry_by_entry_reads() {
    let name = format!("{DOCUMENTS}{}", digest(REPORT));
    let text = cases(REPORT.len(), &digest(REPORT));
    let backup = read_backup(&zip_of(&[(CASES, text.as_bytes()), (&name, REPORT)])).unwrap();
    assert_eq!(backup.documents[&digest(REPORT)], REPORT);
}

#[test]
fn a_document_whose_bytes_do_not_match_its_digest_is_refused_naming_its_event() {
    let listed = digest(REPORT);
    let name = format!("{DOCUMENTS}{listed}");
    let text = cases(REPORT.len(), &listed);
    let mut tampered = REPORT.to_vec();
    tampered[0] ^= 1;
    let error = refused(&zip_of(&[(CASES, text.as_bytes()), (&name, &tampered)]));
    assert_eq!(
        error,
        BackupError::WrongDigest {
            entry: name.clone(),
            listed: Some(ep_report())
        }
    );
    assert_eq!(
        error.to_string(),
        "The document \"ep-report.pdf\" (event e-3 of case c-1) is damaged in the backup: its bytes do not match its SHA-256 digest."
    );
    // One no event lists is refused too, by its entry.
    let other = format!("{DOCUMENTS}{}", "0".repeat(64));
    let error = refused(&zip_of(&[
        (CASES, text.as_bytes()),
        (&name, REPORT),
        (&other, b"?"),
    ]));
    assert_eq!(
        error.to_string(),
        format!(
            "The backup's \"{other}\" is damaged: its bytes do not match the SHA-256 digest it is named by."
        )
    );
}

#[test]
fn a_document_listed_but_missing_or_of_another_size_is_refused() {
    let text = cases(REPORT.len(), &digest(REPORT));
    let error = refused(&zip_of(&[(CASES, text.as_bytes())]));
    assert_eq!(error, BackupError::Missing(ep_report()));
    assert_eq!(
        error.to_string(),
        "The document \"ep-report.pdf\" (event e-3 of case c-1) is not in the backup."
    );
    let name = format!("{DOCUMENTS}{}", digest(REPORT));
    let wrong = cases(48213, &digest(REPORT));
    let error = refused(&zip_of(&[(CASES, wrong.as_bytes()), (&name, REPORT)]));
    assert_eq!(
        error.to_string(),
        format!(
            "The document \"ep-report.pdf\" (event e-3 of case c-1) is {} bytes in the backup, but the case file lists 48213 bytes.",
            REPORT.len()
        )
    );
}

#[test]
fn a_zip_without_a_readable_case_file_is_refused() {
    let error = refused(&zip_of(&[("notes.txt", b"hello")]));
    assert_eq!(
        error.to_string(),
        "This zip file is not an EHC Timeline backup: it has no \"cases.json\"."
    );
    let error = refused(&zip_of(&[(
        CASES,
        br#"{"format": "ehc-timeline/3", "cases": []}"#,
    )]));
    assert!(matches!(error, BackupError::CaseFile(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("The backup's \"cases.json\" cannot be read: line 1, column 27: this file was written by a newer version"),
        "{error}"
    );
    let error = refused(&zip_of(&[(
        CASES,
        br#"{"format": "ehc-timeline/1", "cases": []}"#,
    )]));
    assert_eq!(
        error.to_string(),
        "The backup's \"cases.json\" cannot be read: this file has no cases"
    );
}

/// A one-entry zip with the 16 bits at `field` of its central directory
/// record set to `value`.
fn with_field(field: usize, value: u16) -> Vec<u8> {
    let mut zip = zip_of(&[(CASES, b"{}")]);
    let end = zip.len() - 22;
    let directory = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as usize;
    zip[directory + field..directory + field + 2].copy_from_slice(&value.to_le_bytes());
    zip
}

#[test]
fn forms_the_reader_does_not_take_are_refused_by_name() {
    let cases = [
        (
            with_field(8, 1),
            "The entry \"cases.json\" is encrypted: zip the files again without a password.",
        ),
        (
            with_field(10, 12),
            "The entry \"cases.json\" is compressed by a method EHC Timeline does not read (method 12): zip the files again with ordinary (deflate) compression or none.",
        ),
        (
            with_field(34, 1),
            "This zip file is split into parts: join them into one .zip file first.",
        ),
        (
            with_field(34, u16::MAX),
            "The entry \"cases.json\" is in the zip64 form, which EHC Timeline does not read: zip the files again without zip64.",
        ),
        (
            with_field(0, 0),
            "The zip file's list of files is damaged or cut short: is the file complete?",
        ),
        (
            with_field(42, 1),
            "The entry \"cases.json\" runs past the end of the zip file: is the file complete?",
        ),
        (
            zip_of(&[(CASES, b"{}"), (CASES, b"{}")]),
            "The zip file holds \"cases.json\" twice, so it is not clear which to use.",
        ),
    ];
    for (zip, message) in cases {
        assert_eq!(refused(&zip).to_string(), message);
    }
    // The whole zip in zip64's form: the count of entries says so.
    let mut zip = zip_of(&[(CASES, b"{}")]);
    let end = zip.len() - 22;
    zip[end + 8..end + 12].copy_from_slice(&[0xFF; 4]);
    assert_eq!(refused(&zip), BackupError::Zip(ZipError::Zip64(None)));
}

#[test]
fn the_writer_refuses_more_entries_than_a_zip_without_zip64_holds() {
    let names: Vec<String> = (0..u16::MAX).map(|n| n.to_string()).collect();
    let entries: Vec<zip::Entry> = names
        .iter()
        .map(|name| zip::Entry { name, bytes: b"" })
        .collect();
    assert_eq!(
        zip::write(&entries, zip::DosDate::EARLIEST),
        Err(ZipError::TooLarge)
    );
    let fewer = zip::write(&entries[1..], zip::DosDate::EARLIEST).unwrap();
    assert_eq!(zip::read(&fewer).map(|files| files.len()), Ok(65534));
}
