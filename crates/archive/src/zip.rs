//! A small zip writer and reader: what a backup needs and no more. The writer
//! stores each file as it is: the documents are mostly PDFs and photos,
//! compressed already, and a deflater would add a third to this crate's size
//! in the app for a few kilobytes of case file. The reader takes stored and
//! deflated entries, so a backup re-packed by another tool still reads, checks each
//! entry's CRC-32, and refuses what it cannot read (zip64, encryption, a zip
//! split into parts) with a message, never a panic, whatever the bytes.

use std::collections::HashSet;

use miniz_oxide::inflate::decompress_to_vec_with_limit;

use crate::crc32::crc32;
use crate::error::ZipError;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const LOCAL_HEADER_LEN: usize = 30;
const CENTRAL_HEADER_LEN: usize = 46;
const END_LEN: usize = 22;
/// The version of the zip format a reader needs and ours is made by: 2.0,
/// as most tools write.
const VERSION: u16 = 20;
/// General purpose flag bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;
/// Flag bits 0 and 6: the entry is encrypted.
const ENCRYPTED: u16 = 1 | (1 << 6);
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// What a zip field of 16 or 32 bits holds when the value is in zip64's.
const ZIP64_16: u16 = u16::MAX;
const ZIP64_32: u32 = u32::MAX;

/// A file to put in a zip.
pub struct Entry<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The day every entry is dated, as MS-DOS wrote dates: `(year - 1980) << 9
/// | month << 5 | day`. Given, not read from a clock.
#[derive(Clone, Copy)]
pub struct DosDate(pub u16);

impl DosDate {
    /// 1 January 1980, the earliest date a zip can hold.
    pub const EARLIEST: DosDate = DosDate(1 << 5 | 1);

    /// The day given, or [`DosDate::EARLIEST`] outside the years 1980 to 2107 a
    /// zip can hold.
    pub fn new(year: i32, month: u32, day: u32) -> DosDate {
        match u16::try_from(year - 1980) {
            Ok(years @ 0..=127) => DosDate(years << 9 | (month as u16) << 5 | day as u16),
            _ => DosDate::EARLIEST,
        }
    }
}

/// A zip of `entries`, in their order, each dated `date` at midnight; or
/// [`ZipError::TooLarge`] past what a zip without zip64 holds (fewer than
/// 65,535 entries, in less than 4 GiB: the top values mean zip64).
pub fn write(entries: &[Entry], date: DosDate) -> Result<Vec<u8>, ZipError> {
    let count = u16::try_from(entries.len())
        .ok()
        .filter(|&count| count != ZIP64_16)
        .ok_or(ZipError::TooLarge)?;
    let mut zip = Vec::new();
    let mut directory = Vec::new();
    for entry in entries {
        let offset = size32(zip.len())?;
        // The fields the local header and the directory share, from the version needed on.
        let mut shared = Vec::with_capacity(26);
        for half in [VERSION, UTF8_NAME, STORED, 0, date.0] {
            shared.extend_from_slice(&half.to_le_bytes());
        }
        let size = size32(entry.bytes.len())?;
        for word in [crc32(entry.bytes), size, size] {
            shared.extend_from_slice(&word.to_le_bytes());
        }
        let name_len = u16::try_from(entry.name.len()).map_err(|_| ZipError::TooLarge)?;
        shared.extend_from_slice(&name_len.to_le_bytes());

        zip.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        zip.extend_from_slice(&shared);
        zip.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        zip.extend_from_slice(entry.name.as_bytes());
        zip.extend_from_slice(entry.bytes);

        directory.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        directory.extend_from_slice(&VERSION.to_le_bytes()); // made by: MS-DOS, 2.0
        directory.extend_from_slice(&shared);
        // No extra field or comment; disk 0; no attributes.
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(entry.name.as_bytes());
    }
    let directory_offset = size32(zip.len())?;
    let directory_size = size32(directory.len())?;
    zip.extend_from_slice(&directory);
    zip.extend_from_slice(&END_OF_DIRECTORY.to_le_bytes());
    zip.extend_from_slice(&[0; 4]); // disk 0, directory on disk 0
    zip.extend_from_slice(&count.to_le_bytes());
    zip.extend_from_slice(&count.to_le_bytes());
    zip.extend_from_slice(&directory_size.to_le_bytes());
    zip.extend_from_slice(&directory_offset.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes()); // no comment
    size32(zip.len())?;
    Ok(zip)
}

/// A size or offset as zip writes it, below the value that means zip64.
fn size32(len: usize) -> Result<u32, ZipError> {
    u32::try_from(len)
        .ok()
        .filter(|&len| len != ZIP64_32)
        .ok_or(ZipError::TooLarge)
}

/// A file read from a zip: its name (UTF-8, or read as UTF-8 with any other
/// byte replaced) and its bytes.
pub type File = (String, Vec<u8>);

/// The files in a zip, in the order of its directory, folders left out.
pub fn read(zip: &[u8]) -> Result<Vec<File>, ZipError> {
    let end = find_end(zip).ok_or(ZipError::NotAZip)?;
    let record = &zip[end..end + END_LEN];
    let (disk, directory_disk) = (le16(record, 4), le16(record, 6));
    let (on_disk, count) = (le16(record, 8), le16(record, 10));
    let (size, offset) = (le32(record, 12), le32(record, 16));
    let zip64_locator = end
        .checked_sub(20)
        .is_some_and(|at| le32(zip, at) == ZIP64_LOCATOR);
    if zip64_locator || count == ZIP64_16 || size == ZIP64_32 || offset == ZIP64_32 {
        return Err(ZipError::Zip64(None));
    }
    if disk != 0 || directory_disk != 0 || on_disk != count {
        return Err(ZipError::MultiDisk);
    }
    let mut at = offset as usize;
    let mut files = Vec::new();
    let mut names = HashSet::new();
    for _ in 0..count {
        let (file, next) = read_entry(zip, at)?;
        at = next;
        if let Some((name, bytes)) = file {
            if !names.insert(name.clone()) {
                return Err(ZipError::Repeated(name));
            }
            files.push((name, bytes));
        }
    }
    Ok(files)
}

/// Where the end of central directory record starts: the last one in the
/// bytes whose comment fits in them.
fn find_end(zip: &[u8]) -> Option<usize> {
    let last = zip.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find(|&at| {
        le32(zip, at) == END_OF_DIRECTORY
            && at + END_LEN + usize::from(le16(zip, at + 20)) <= zip.len()
    })
}

/// The file whose directory record starts at `at` (`None` for a folder), and
/// where the next record starts.
fn read_entry(zip: &[u8], at: usize) -> Result<(Option<File>, usize), ZipError> {
    let broken = || ZipError::BrokenDirectory;
    let record = slice(zip, at, CENTRAL_HEADER_LEN).ok_or_else(broken)?;
    if le32(record, 0) != CENTRAL_HEADER {
        return Err(broken());
    }
    let (flags, method) = (le16(record, 8), le16(record, 10));
    let (crc, packed, size) = (le32(record, 16), le32(record, 20), le32(record, 24));
    let name_len = usize::from(le16(record, 28));
    let rest = name_len + usize::from(le16(record, 30)) + usize::from(le16(record, 32));
    let (disk, local) = (le16(record, 34), le32(record, 42));
    let name_at = at + CENTRAL_HEADER_LEN;
    let name = slice(zip, name_at, name_len).ok_or_else(broken)?;
    let name = String::from_utf8_lossy(name).into_owned();
    let next = name_at + rest;
    if next > zip.len() {
        return Err(broken());
    }
    if flags & ENCRYPTED != 0 {
        return Err(ZipError::Encrypted(name));
    }
    if [packed, size, local].contains(&ZIP64_32) || disk == ZIP64_16 {
        return Err(ZipError::Zip64(Some(name)));
    }
    if disk != 0 {
        return Err(ZipError::MultiDisk);
    }
    if name.ends_with('/') && size == 0 {
        return Ok((None, next));
    }
    let data = entry_data(zip, local as usize, packed as usize)
        .ok_or_else(|| ZipError::Truncated(name.clone()))?;
    let bytes = match method {
        STORED => Some(data.to_vec()),
        DEFLATED => decompress_to_vec_with_limit(data, size as usize).ok(),
        _ => return Err(ZipError::Method(name, method)),
    };
    match bytes {
        Some(bytes) if bytes.len() == size as usize && crc32(&bytes) == crc => {
            Ok((Some((name, bytes)), next))
        }
        _ => Err(ZipError::Damaged(name)),
    }
}

/// The `len` bytes of an entry's data, after its local header at `at`.
fn entry_data(zip: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    let header = slice(zip, at, LOCAL_HEADER_LEN)?;
    if le32(header, 0) != LOCAL_HEADER {
        return None;
    }
    let start =
        at + LOCAL_HEADER_LEN + usize::from(le16(header, 26)) + usize::from(le16(header, 28));
    slice(zip, start, len)
}

/// `len` bytes from `at`, if the zip has them.
fn slice(zip: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    zip.get(at..at.checked_add(len)?)
}

/// The little-endian 16 bits at `at`; 0 past the end.
fn le16(bytes: &[u8], at: usize) -> u16 {
    slice(bytes, at, 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

/// The little-endian 32 bits at `at`; 0 past the end.
fn le32(bytes: &[u8], at: usize) -> u32 {
    slice(bytes, at, 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
