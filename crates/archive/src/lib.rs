//! EHC Timeline's backup with documents (case-file.md, version 2): one `.zip`
//! holding `cases.json`, the case file, and each document an event lists as
//! `documents/SHA256`, named by the SHA-256 digest of its bytes (hex, lower
//! case), so a document on several events is kept once and proves itself.
//! Pure, as the rules are: no browser, no file system, no clock; the app and
//! `ehc` bring the bytes.
//!
//! ```
//! use std::collections::BTreeMap;
//! let file = rules::read_case_file(r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1",
//!   "events": [{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}]}]}"#).unwrap();
//! let zip = archive::write_backup(&file, &BTreeMap::new()).unwrap();
//! assert_eq!(archive::read_backup(&zip).unwrap().file, file);
//! ```

#![deny(missing_docs)]

mod crc32;
mod error;
mod zip;

use std::collections::BTreeMap;

use chrono::Datelike;
use rules::{
    CaseFile,
    case_file::{Document, import_case_file},
    write_case_file,
};
use sha2::{Digest, Sha256};

pub use error::{BackupError, Listing, ZipError};

/// The name of the case file in a backup.
pub const CASES: &str = "cases.json";

/// The folder of the documents in a backup, each named by its digest.
pub const DOCUMENTS: &str = "documents/";

/// A backup read: its case file and the bytes of its documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The case file, read as the app imports one (a file of no cases is refused).
    pub file: CaseFile,
    /// Each document's bytes by the digest that names them, checked against
    /// it; a document no event lists is kept too.
    pub documents: BTreeMap<String, Vec<u8>>,
}

/// The backup of `file` with the documents its events list, their bytes
/// found in `documents` by digest (any others there are left out); dated the
/// day of export, or 1 January 1980 when the file has none. Refused, as
/// reading it back would be, when a document listed is not in `documents`
/// or its bytes are not the size listed or do not match the digest.
pub fn write_backup(
    file: &CaseFile,
    documents: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, BackupError> {
    let mut listed: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for place in places(file) {
        let bytes = documents.get(&place.document.sha256).map(Vec::as_slice);
        let bytes = check_listed(&place, bytes)?;
        listed.insert(&place.document.sha256, bytes);
    }
    let names: Vec<String> = listed
        .keys()
        .map(|digest| format!("{DOCUMENTS}{digest}"))
        .collect();
    let mut entries = Vec::with_capacity(listed.len() + 1);
    let cases = write_case_file(file);
    entries.push(zip::Entry {
        name: CASES,
        bytes: cases.as_bytes(),
    });
    for ((digest, bytes), name) in listed.into_iter().zip(&names) {
        check_digest(file, digest, bytes)?;
        entries.push(zip::Entry { name, bytes });
    }
    let date = file.exported_at.map_or(zip::DosDate::EARLIEST, |day| {
        zip::DosDate::new(day.year(), day.month(), day.day())
    });
    Ok(zip::write(&entries, date)?)
}

/// Reads a backup: its `cases.json` as the app imports a case file, and its
/// documents, each checked against the digest it is named by; every
/// document the case file lists must be there, the size it lists. Other
/// entries (such as a folder another tool added) are passed over.
pub fn read_backup(zip: &[u8]) -> Result<Backup, BackupError> {
    let mut cases = None;
    let mut documents = BTreeMap::new();
    for (name, bytes) in zip::read(zip)? {
        if name == CASES {
            cases = Some(bytes);
        } else if let Some(digest) = name.strip_prefix(DOCUMENTS) {
            documents.insert(digest.to_owned(), bytes);
        }
    }
    let cases = cases.ok_or(BackupError::NoCaseFile)?;
    let file = import_case_file(cases).map_err(BackupError::CaseFile)?;
    for (digest, bytes) in &documents {
        check_digest(&file, digest, bytes)?;
    }
    for place in places(&file) {
        check_listed(
            &place,
            documents.get(&place.document.sha256).map(Vec::as_slice),
        )?;
    }
    Ok(Backup { file, documents })
}

/// A document as an event of a case lists it.
struct Place<'a> {
    case: &'a str,
    event: &'a str,
    document: &'a Document,
}

impl Place<'_> {
    fn listing(&self) -> Listing {
        Listing {
            name: self.document.name.clone(),
            event: self.event.to_owned(),
            case: self.case.to_owned(),
        }
    }
}

/// Every document every event of `file` lists, in the order of the file.
fn places(file: &CaseFile) -> impl Iterator<Item = Place<'_>> {
    file.cases.iter().flat_map(|case| {
        case.events.iter().flat_map(move |event| {
            event.documents.iter().map(move |document| Place {
                case: &case.id,
                event: &event.id,
                document,
            })
        })
    })
}

/// The bytes of the document at `place`, if they are there and the size it lists.
fn check_listed<'b>(place: &Place, bytes: Option<&'b [u8]>) -> Result<&'b [u8], BackupError> {
    let bytes = bytes.ok_or_else(|| BackupError::Missing(place.listing()))?;
    let found = bytes.len() as u64;
    if found == place.document.size {
        Ok(bytes)
    } else {
        Err(BackupError::WrongSize {
            listed: place.listing(),
            expected: place.document.size,
            found,
        })
    }
}

/// Checks that `bytes` are those `digest` names; the fault names the first
/// place in `file` that lists them.
fn check_digest(file: &CaseFile, digest: &str, bytes: &[u8]) -> Result<(), BackupError> {
    if hex(&Sha256::digest(bytes)) == digest {
        return Ok(());
    }
    Err(BackupError::WrongDigest {
        entry: format!("{DOCUMENTS}{digest}"),
        listed: places(file)
            .find(|place| place.document.sha256 == digest)
            .map(|place| place.listing()),
    })
}

/// Bytes as hex digits in lower case, as the case file writes a digest.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests;
