//! The backup with documents: what is written reads back the same, and is a
//! zip other tools read; a zip another tool made reads; what is damaged is
//! refused; and no bytes make the reader panic.

use std::collections::BTreeMap;
use std::process::Command;

use archive::{BackupError, Listing, ZipError, read_backup, write_backup};
use proptest::prelude::*;
use rules::{CaseFile, read_case_file};
use sha2::{Digest, Sha256};

fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A PDF's and a photo's bytes: every byte value, in two orders.
fn pdf_and_photo() -> [Vec<u8>; 2] {
    let pdf = [b"%PDF-1.4\n".as_slice(), &(0..=255).collect::<Vec<u8>>()].concat();
    let photo: Vec<u8> = (0..3000u32).map(|i| (i * 7 % 256) as u8).rev().collect();
    [pdf, photo]
}

/// Two cases, each with an event listing one of `documents`, the photo on
/// a second event too; and the documents by digest.
fn two_documents() -> (CaseFile, BTreeMap<String, Vec<u8>>) {
    let [pdf, photo] = pdf_and_photo();
    let listing = |id: &str, name: &str, media_type: &str, bytes: &[u8]| {
        format!(
            r#"{{"id": "{id}", "name": "{name}", "media_type": "{media_type}", "size": {}, "sha256": "{}"}}"#,
            bytes.len(),
            digest(bytes)
        )
    };
    let text = format!(
        r#"{{"format": "ehc-timeline/2", "exported_at": "2026-11-22", "cases": [
          {{"id": "c-1", "child": "Zoë", "events": [
            {{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}},
            {{"id": "e-3", "kind": "advice-received", "date": "2025-05-02", "documents": [{}]}}]}},
          {{"id": "c-2", "events": [
            {{"id": "e-1", "kind": "letter", "date": "2025-02-01", "documents": [{}]}},
            {{"id": "e-2", "kind": "note", "date": "2025-02-02", "documents": [{}]}}]}}]}}"#,
        listing("d-1", "ep-report.pdf", "application/pdf", &pdf),
        listing("d-1", "kitchen table.jpg", "image/jpeg", &photo),
        listing("d-7", "same photo.jpg", "image/jpeg", &photo),
    );
    let file = read_case_file(text).unwrap();
    let documents = BTreeMap::from([(digest(&pdf), pdf), (digest(&photo), photo)]);
    (file, documents)
}

#[test]
fn a_backup_reads_back_the_same_bytes_and_cases() {
    let (file, documents) = two_documents();
    let zip = write_backup(&file, &documents).unwrap();
    let backup = read_backup(&zip).unwrap();
    assert_eq!(backup.file, file);
    assert_eq!(backup.documents, documents);
    // The same backup each time: no clock, no random numbers.
    assert_eq!(write_backup(&file, &documents).unwrap(), zip);
    // A document the case file does not list is left out.
    let mut more = documents.clone();
    more.insert(digest(b"other"), b"other".to_vec());
    assert_eq!(write_backup(&file, &more).unwrap(), zip);
}

#[test]
fn a_backup_without_documents_holds_a_version_1_case_file() {
    let file =
        read_case_file(r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1", "events": []}]}"#)
            .unwrap();
    let backup = read_backup(&write_backup(&file, &BTreeMap::new()).unwrap()).unwrap();
    assert_eq!(backup.file.format, rules::case_file::FORMAT);
    assert!(backup.documents.is_empty());
}

/// Runs a tool of this computer's on `zip`, if it has the tool.
fn system_tool(tool: &str, args: &[&str], zip: &[u8]) -> Option<std::process::Output> {
    let dir = std::env::temp_dir().join(format!("ehc-archive-{tool}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("backup.zip");
    std::fs::write(&path, zip).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .current_dir(&dir)
        .output()
        .ok();
    std::fs::remove_dir_all(&dir).unwrap();
    output
}

#[test]
fn another_tool_reads_a_backup_and_its_entries() {
    let (file, documents) = two_documents();
    let zip = write_backup(&file, &documents).unwrap();
    let Some(output) = system_tool("unzip", &["-t"], &zip) else {
        eprintln!("no unzip on this computer: the check by another tool is skipped");
        return;
    };
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("No errors detected"), "{said}");
    for digest in documents.keys() {
        assert!(said.contains(&format!("documents/{digest}")), "{said}");
    }
    let listing = system_tool("unzip", &["-v"], &zip).unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    // Dated the day of export; each file stored as it is.
    assert!(listing.contains("2026-11-22"), "{listing}");
    assert_eq!(listing.matches(" Stored ").count(), 3, "{listing}");
}

/// Made by Info-ZIP's `zip -X -9 -r made-by-zip.zip cases.json documents`:
/// the case file and the document deflated, and a folder entry.
const MADE_BY_ZIP: &[u8] = include_bytes!("fixtures/made-by-zip.zip");

#[test]
fn a_zip_another_tool_made_reads_deflated_entries_and_a_folder() {
    let backup = read_backup(MADE_BY_ZIP).unwrap();
    let event = &backup.file.cases[0].events[1];
    let document = &event.documents[0];
    assert_eq!(document.name, "chase.txt");
    let bytes = &backup.documents[&document.sha256];
    assert_eq!(bytes.len(), 3040);
    assert!(bytes.starts_with(b"Dear Ms Smith, the council has not replied"));
    assert_eq!(backup.documents.len(), 1);
}

#[test]
fn a_byte_changed_in_a_document_is_refused_by_its_checksum() {
    let (file, documents) = two_documents();
    let mut zip = write_backup(&file, &documents).unwrap();
    let [pdf, _] = pdf_and_photo();
    let at = zip
        .windows(pdf.len())
        .position(|window| window == pdf)
        .unwrap();
    zip[at + 100] ^= 0x20;
    assert_eq!(
        read_backup(&zip).unwrap_err().to_string(),
        format!(
            "The entry \"documents/{}\" is damaged: its contents do not match their checksum.",
            digest(&pdf)
        )
    );
}

#[test]
fn a_backup_cut_short_is_refused() {
    let (file, documents) = two_documents();
    let zip = write_backup(&file, &documents).unwrap();
    assert_eq!(
        read_backup(&zip[..zip.len() - 1]).unwrap_err(),
        BackupError::Zip(ZipError::NotAZip)
    );
    assert_eq!(
        read_backup(b"").unwrap_err().to_string(),
        "This is not a zip file, or it is cut short: is the file complete?"
    );
}

#[test]
fn the_writer_refuses_a_backup_that_would_not_read_back() {
    let (file, documents) = two_documents();
    let [pdf, photo] = pdf_and_photo();
    let pdf_listing = Listing {
        name: "ep-report.pdf".to_owned(),
        event: "e-3".to_owned(),
        case: "c-1".to_owned(),
    };
    let mut missing = documents.clone();
    missing.remove(&digest(&pdf));
    assert_eq!(
        write_backup(&file, &missing),
        Err(BackupError::Missing(pdf_listing.clone()))
    );
    let mut shorter = documents.clone();
    shorter.insert(digest(&pdf), pdf[1..].to_vec());
    assert_eq!(
        write_backup(&file, &shorter),
        Err(BackupError::WrongSize {
            listed: pdf_listing.clone(),
            expected: pdf.len() as u64,
            found: pdf.len() as u64 - 1
        })
    );
    let mut changed = documents.clone();
    changed.insert(digest(&photo), photo.iter().map(|b| b ^ 1).collect());
    assert_eq!(
        write_backup(&file, &changed),
        Err(BackupError::WrongDigest {
            entry: format!("documents/{}", digest(&photo)),
            listed: Some(Listing {
                name: "kitchen table.jpg".to_owned(),
                event: "e-1".to_owned(),
                case: "c-2".to_owned(),
            })
        })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A backup cut short, with bytes changed, or any bytes at all: read or
    /// refused with a message, never a panic.
    #[test]
    fn no_bytes_make_the_reader_panic(
        cut in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..200),
        which in 0..3u8,
    ) {
        let (file, documents) = two_documents();
        let zip = write_backup(&file, &documents).unwrap();
        let bytes = match which {
            0 => zip[..cut.index(zip.len() + 1)].to_vec(),
            1 => {
                let mut edited = zip.clone();
                for (at, byte) in &edits {
                    edited[at.index(zip.len())] = *byte;
                }
                edited
            }
            _ => [noise.as_slice(), &MADE_BY_ZIP[cut.index(MADE_BY_ZIP.len())..]].concat(),
        };
        if let Err(error) = read_backup(&bytes) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}
