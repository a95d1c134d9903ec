//! Why a backup cannot be read or written: a variant for each kind of fault,
//! so a caller can tell them apart, and a sentence for each that names the
//! entry, or the document and the event that lists it.

use std::fmt;

use rules::ReadError;

/// Why a backup cannot be read (or, for the documents, written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// The bytes are not a zip file this reader can read.
    Zip(ZipError),
    /// The zip has no `cases.json`.
    NoCaseFile,
    /// The `cases.json` in it is not a case file, or holds no cases.
    CaseFile(ReadError),
    /// An entry `documents/X` whose bytes' SHA-256 is not `X`, with the
    /// first place that lists `X`, if any does.
    WrongDigest {
        /// The entry's name in the zip.
        entry: String,
        /// The first place that lists the digest.
        listed: Option<Listing>,
    },
    /// A document the case file lists whose bytes are not there.
    Missing(Listing),
    /// A document whose bytes (`found` of them) are not the size the case
    /// file lists (`expected`).
    WrongSize {
        /// Where it is listed.
        listed: Listing,
        /// The size listed.
        expected: u64,
        /// The size of the bytes.
        found: u64,
    },
}

/// Where the case file lists a document: for a message the user can follow
/// back to the event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// The document's name, such as `ep-report.pdf`.
    pub name: String,
    /// The id of the event that lists it.
    pub event: String,
    /// The id of the event's case.
    pub case: String,
}

impl fmt::Display for Listing {
    /// `"ep-report.pdf" (event e-3 of case c-1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" (event {} of case {})",
            self.name, self.event, self.case
        )
    }
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::Zip(error) => write!(f, "{error}"),
            BackupError::NoCaseFile => write!(
                f,
                "This zip file is not an EHC Timeline backup: it has no \"cases.json\"."
            ),
            BackupError::CaseFile(error) => {
                write!(f, "The backup's \"cases.json\" cannot be read: {error}")
            }
            BackupError::WrongDigest {
                listed: Some(listed),
                ..
            } => write!(
                f,
                "The document {listed} is damaged in the backup: its bytes do not match its SHA-256 digest."
            ),
            BackupError::WrongDigest {
                entry,
                listed: None,
            } => write!(
                f,
                "The backup's \"{entry}\" is damaged: its bytes do not match the SHA-256 digest it is named by."
            ),
            BackupError::Missing(listed) => {
                write!(f, "The document {listed} is not in the backup.")
            }
            BackupError::WrongSize {
                listed,
                expected,
                found,
            } => write!(
                f,
                "The document {listed} is {found} bytes in the backup, but the case file lists {expected} bytes."
            ),
        }
    }
}

impl std::error::Error for BackupError {}

impl From<ZipError> for BackupError {
    fn from(error: ZipError) -> BackupError {
        BackupError::Zip(error)
    }
}

/// Why bytes cannot be read as a zip file, or a zip cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end of central directory record: not a zip file, or cut short.
    NotAZip,
    /// The list of files at the end of the zip is damaged or cut short.
    BrokenDirectory,
    /// A zip split into parts (a multi-disk archive).
    MultiDisk,
    /// A zip64 archive (`None`), or the entry named in zip64's form.
    Zip64(Option<String>),
    /// The entry named is encrypted.
    Encrypted(String),
    /// The entry named is compressed by the method numbered, neither
    /// stored (0) nor deflate (8).
    Method(String, u16),
    /// The data of the entry named runs past the end of the zip.
    Truncated(String),
    /// The data of the entry named does not inflate to its size and CRC-32.
    Damaged(String),
    /// The name is in the zip twice.
    Repeated(String),
    /// More than a zip without zip64 holds: 65,535 entries or 4 GiB.
    TooLarge,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::NotAZip => write!(
                f,
                "This is not a zip file, or it is cut short: is the file complete?"
            ),
            ZipError::BrokenDirectory => write!(
                f,
                "The zip file's list of files is damaged or cut short: is the file complete?"
            ),
            ZipError::MultiDisk => write!(
                f,
                "This zip file is split into parts: join them into one .zip file first."
            ),
            ZipError::Zip64(None) => write!(
                f,
                "This zip file is in the zip64 form, which EHC Timeline does not read: zip the files again without zip64."
            ),
            ZipError::Zip64(Some(entry)) => write!(
                f,
                "The entry \"{entry}\" is in the zip64 form, which EHC Timeline does not read: zip the files again without zip64."
            ),
            ZipError::Encrypted(entry) => write!(
                f,
                "The entry \"{entry}\" is encrypted: zip the files again without a password."
            ),
            ZipError::Method(entry, method) => write!(
                f,
                "The entry \"{entry}\" is compressed by a method EHC Timeline does not read (method {method}): zip the files again with ordinary (deflate) compression or none."
            ),
            ZipError::Truncated(entry) => write!(
                f,
                "The entry \"{entry}\" runs past the end of the zip file: is the file complete?"
            ),
            ZipError::Damaged(entry) => write!(
                f,
                "The entry \"{entry}\" is damaged: its contents do not match their checksum."
            ),
            ZipError::Repeated(entry) => write!(
                f,
                "The zip file holds \"{entry}\" twice, so it is not clear which to use."
            ),
            ZipError::TooLarge => write!(
                f,
                "The backup would be too large for a zip file, which holds fewer than 65,535 files and less than 4 GiB."
            ),
        }
    }
}

impl std::error::Error for ZipError {}
