//! Versioned storage of the cases, behind a small [`Backend`] trait so the
//! rules of loading and saving test natively with [`MemoryBackend`].
//!
//! One key, [`KEY`], holds one JSON value: `{"storage_version": 1, "format":
//! "ehc-timeline/1", "cases": [...]}`, written whole in one `setItem`. The
//! version lives inside the data, so one write changes both, and a crash
//! mid-save leaves either the old value or the new one, never half of each.
//! Nothing else the app stores must agree with it: the backup record
//! ([`backup::BACKUP_KEY`]) and the copies of unreadable data stand alone, so
//! losing any one write leaves every other value right.
//!
//! Corrupt data is kept aside under another key, never wiped; a version newer
//! than this code is refused, never overwritten; a failed write leaves the
//! previous value in place; another tab's write is merged, not written over
//! ([`sync`]).

pub mod backup;
pub mod idb;
pub mod migrate;
pub mod records;
pub mod sync;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rules::case_file::json::{Error, Reader, Value, Writer};
use rules::{
    Case,
    case_file::{FORMAT, Problem, write_case},
    read_case_file,
};

use crate::labels::tenths_of;
use crate::summary::Summary;
use backup::BackupRecord;
use sync::Session;

/// The storage key of the cases.
pub const KEY: &str = "ehc-timeline";

/// Why a write failed when the browser's storage for the app is full.
pub const FULL: &str = "this device's storage for the app is full";

/// What the app's storage uses of what the browser allows it
/// (`navigator.storage.estimate()`, in bytes), in words.
pub fn quota_text(used: f64, allowed: f64) -> String {
    fn size(bytes: f64) -> String {
        let bytes = bytes.max(0.0) as u64;
        match [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB")]
            .into_iter()
            .find(|(scale, _)| bytes >= *scale)
        {
            Some((scale, unit)) => tenths_of(bytes, scale, unit),
            None => format!("{bytes} bytes"),
        }
    }
    format!(
        "Your cases use {} of the {} this browser allows the app.",
        size(used),
        size(allowed)
    )
}

/// The storage version this code writes.
pub const STORAGE_VERSION: u64 = 1;

/// The `storage_version` of a locked value: above every version an app
/// without the lock can read, so that app leaves it as it is.
pub const LOCKED_STORAGE_VERSION: u64 = 2;

// A locked value must stay too new for every app that cannot unlock it.
const _: () = assert!(
    LOCKED_STORAGE_VERSION > STORAGE_VERSION,
    "a new storage version needs a new locked version above it"
);

/// Whether a stored value is the lock's: version 2 with an `"encrypted"`
/// object (its envelope is read by `lock::read`, above this layer).
pub fn is_locked(text: &str) -> bool {
    let mut encrypted = false;
    // Only the presence of "encrypted" is checked.
    let version = read_header(text, |reader, key| {
        if key != "encrypted" {
            return Ok(false);
        }
        encrypted = true;
        reader.skip().map(|()| true)
    });
    encrypted && version == Some(LOCKED_STORAGE_VERSION)
}

/// A migration step: one version's stored value to the next version's.
pub type Migration = fn(Value) -> Result<Value, String>;

/// The steps from each old version to the next: `MIGRATIONS[0]` takes version
/// 1 to 2, and so on. Only version 1 exists, so there are none yet. A step
/// never removes the previous version's fixture under `tests/fixtures/`.
pub const MIGRATIONS: &[Migration] = &[];

/// Where the stored value lives: the browser's localStorage, or memory in tests.
pub trait Backend {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, String>;
    /// Stores `value` under `key`; on error the previous value stays.
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// Removes the value under `key`, if any.
    fn remove(&mut self, key: &str) -> Result<(), String>;
}

/// The app's localStorage (memory in tests): one handle, shared.
#[derive(Clone)]
pub struct Store(pub Rc<RefCell<dyn Backend>>);

impl Store {
    pub fn new(backend: impl Backend + 'static) -> Store {
        Store(Rc::new(RefCell::new(backend)))
    }
}

/// The handle as a backend, borrowed for each call only: what reads or
/// writes through it may await in between.
impl Backend for Store {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.0.borrow().get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.0.borrow_mut().set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), String> {
        self.0.borrow_mut().remove(key)
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A backend in memory, for tests: it can be told to refuse writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryBackend {
    pub values: BTreeMap<String, String>,
    /// When set, every write fails with this reason (as a full disk would).
    pub refuse_writes: Option<String>,
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.values.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if let Some(reason) = &self.refuse_writes {
            return Err(reason.clone());
        }
        self.values.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), String> {
        self.values.remove(key);
        Ok(())
    }
}

/// What went wrong reading storage, to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblem {
    /// The stored value could not be read; a copy was kept under `kept_as`.
    /// `unreadable` is that value exactly, for the user to download.
    KeptAside {
        reason: String,
        kept_as: String,
        unreadable: String,
    },
    /// The stored value could not be read, nor copied aside: nothing is written.
    CouldNotKeepAside { reason: String, unreadable: String },
    /// Written by a newer version of the app: refused and left as it is.
    TooNew { found: u64 },
    /// The lock was set, changed or removed by another tab while this one
    /// was open: left as it is until this page is reloaded.
    LockedElsewhere,
    /// The browser would not let the app read its storage.
    Unavailable { reason: String },
    /// IndexedDB cannot be opened here: the cases are kept in localStorage,
    /// as before, with its limit.
    LocalOnly { reason: String },
}

/// What [`load`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// Shared with what the store of records knows of each ([`Saving`]) and
    /// with the state: 10,000 cases were copied three times at start.
    pub cases: Vec<Rc<Case>>,
    /// The summary stored with each of `cases`, in their order (none in
    /// localStorage): the case list's lines without evaluating the cases.
    pub summaries: Vec<Option<Summary>>,
    pub problem: Option<LoadProblem>,
    /// Whether saving may write over the stored value.
    pub writable: bool,
    /// Where this tab saves, and what it read there, to notice another
    /// tab's writes.
    pub saving: Saving,
    /// When the cases were last exported.
    pub backup: BackupRecord,
    /// The localStorage value the cases were moved into IndexedDB from, kept
    /// as it was until the next export of all cases.
    pub moved: Option<std::rc::Rc<str>>,
}

/// Where a tab saves the cases.
#[derive(Clone, Debug, PartialEq)]
pub enum Saving {
    /// One localStorage value, merged with other tabs' by the [`Session`]:
    /// where IndexedDB cannot be opened (locked there, one encrypted value).
    Local(Session),
    /// IndexedDB, one record per case; what this tab knows of each record.
    Records(idb::Db, records::Saved),
}

impl Default for Saving {
    fn default() -> Saving {
        Saving::Local(Session::default())
    }
}

/// Why a stored value cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, not our shape, or a case the engine cannot read.
    Corrupt(String),
    /// A storage version newer than [`STORAGE_VERSION`].
    TooNew(u64),
}

/// Reads the cases from `backend`. Never loses data: a value it cannot read is
/// copied to a new key first; a newer version's value is left untouched and
/// marked not writable.
pub fn load(backend: &mut dyn Backend) -> Loaded {
    let stored = backend.get(KEY);
    load_stored(backend, stored)
}

/// [`load`], from the value under [`KEY`] already read from `backend` (as
/// start-up does, to see whether it is locked): a large store is read once.
pub fn load_stored(backend: &mut dyn Backend, stored: Result<Option<String>, String>) -> Loaded {
    let backup = backup::load(backend);
    let (cases, problem, writable, seen) = match stored {
        Ok(None) => (Vec::new(), None, true, None),
        Err(reason) => (
            Vec::new(),
            Some(LoadProblem::Unavailable { reason }),
            false,
            None,
        ),
        Ok(Some(text)) => {
            let (cases, problem, writable) = read(backend, &text);
            (cases, problem, writable, Some(text))
        }
    };
    Loaded {
        saving: Saving::Local(Session::new(seen, cases.clone())),
        cases: cases.into_iter().map(Rc::new).collect(),
        summaries: Vec::new(),
        problem,
        writable,
        backup,
        moved: None,
    }
}

/// The cases in a stored `text`, or what is wrong with it (after keeping an
/// unreadable value aside), and whether it may be written over.
fn read(backend: &mut dyn Backend, text: &str) -> (Vec<Case>, Option<LoadProblem>, bool) {
    match decode(text) {
        Ok(cases) => (cases, None, true),
        Err(DecodeError::TooNew(found)) => (Vec::new(), Some(LoadProblem::TooNew { found }), false),
        Err(DecodeError::Corrupt(reason)) => {
            let unreadable = text.to_owned();
            match keep_aside(backend, text) {
                Ok(kept_as) => {
                    let problem = LoadProblem::KeptAside {
                        reason,
                        kept_as,
                        unreadable,
                    };
                    (Vec::new(), Some(problem), true)
                }
                Err(_) => {
                    let problem = LoadProblem::CouldNotKeepAside { reason, unreadable };
                    (Vec::new(), Some(problem), false)
                }
            }
        }
    }
}

/// Copies an unreadable value to `ehc-timeline-corrupt-N` (see
/// [`aside_slot`]), and returns that key.
pub(crate) fn keep_aside(backend: &mut dyn Backend, text: &str) -> Result<String, String> {
    let mut kept = Vec::new();
    for key in (1..=ASIDE_MAX).map(aside_key) {
        if let Some(copy) = backend.get(&key)? {
            kept.push((key, copy));
        }
    }
    match aside_slot(text, &kept)? {
        (key, false) => Ok(key),
        (key, true) => backend.set(&key, text).map(|()| key),
    }
}

/// Where `text` is kept aside among the copies `kept` (each key with its
/// text), in localStorage or in the database's `meta` alike: the key of the
/// copy already holding it (`false`: nothing to write), or the first
/// [`aside_key`] free (`true`: to write there).
pub(crate) fn aside_slot(text: &str, kept: &[(String, String)]) -> Result<(String, bool), String> {
    if let Some((key, _)) = kept.iter().find(|(_, copy)| copy == text) {
        return Ok((key.clone(), false));
    }
    (1..=ASIDE_MAX)
        .map(aside_key)
        .find(|key| kept.iter().all(|(taken, _)| taken != key))
        .map(|key| (key, true))
        .ok_or_else(|| TOO_MANY_ASIDE.to_owned())
}

/// How many copies of unreadable data are kept, at most.
const ASIDE_MAX: usize = 100;

/// Why no more can be kept aside.
const TOO_MANY_ASIDE: &str = "too many copies of unreadable data are already kept";

/// The key of the `n`th copy kept aside (in localStorage, or in the
/// database's `meta` where localStorage cannot hold it).
fn aside_key(n: usize) -> String {
    format!("{KEY}-corrupt-{n}")
}

/// Whether `key` is one of [`aside_key`]'s: the copies kept in the
/// database's `meta` are told from its other records by their key alone.
#[cfg(target_arch = "wasm32")]
pub(crate) fn is_aside_key(key: &str) -> bool {
    (key.strip_prefix(KEY))
        .and_then(|rest| rest.strip_prefix("-corrupt-"))
        .is_some_and(|n| n.parse::<usize>().is_ok())
}

/// The copies of data kept aside in `backend`, each key with its text: the
/// values that could not be read (`ehc-timeline-corrupt-N`), and the value
/// the cases were moved into IndexedDB from ([`migrate::BEFORE_KEY`]).
pub fn kept_aside(backend: &dyn Backend) -> Vec<(String, String)> {
    let corrupt = (1..=ASIDE_MAX).map(aside_key);
    std::iter::once(migrate::BEFORE_KEY.to_owned())
        .chain(corrupt)
        .filter_map(|key| backend.get(&key).ok().flatten().map(|text| (key, text)))
        .collect()
}

/// Deletes every copy kept aside ([`kept_aside`]), so that the lock leaves
/// nothing readable behind: the lock page says so, and asks, before.
pub fn forget_aside(backend: &mut dyn Backend) -> Result<(), String> {
    kept_aside(backend)
        .iter()
        .try_for_each(|(key, _)| backend.remove(key))
}

/// Writes every case to `backend` under [`KEY`], in one value, with no check
/// for another tab's write: the app saves through [`Session::save`].
pub fn save<'a>(
    backend: &mut dyn Backend,
    cases: impl IntoIterator<Item = &'a Case>,
) -> Result<(), String> {
    backend.set(KEY, &encode(cases))
}

/// The stored value for `cases`, compact.
pub fn encode<'a>(cases: impl IntoIterator<Item = &'a Case>) -> String {
    let mut writer = Writer::new(false);
    writer.open('{');
    writer.key("storage_version");
    writer.raw(&STORAGE_VERSION.to_string());
    writer.key("format");
    writer.string(FORMAT);
    writer.key("cases");
    writer.open('[');
    for case in cases {
        writer.element();
        write_case(&mut writer, case);
    }
    writer.close(']');
    writer.close('}');
    writer.finish()
}

/// The cases in a stored value, migrated to this version.
pub fn decode(text: &str) -> Result<Vec<Case>, DecodeError> {
    // A value of this very version, the usual case, is read in one pass; only
    // an older (or unreadable) one goes through a JSON tree and back to text.
    let migrated;
    let text = if stored_version(text) == Some(STORAGE_VERSION) {
        text
    } else {
        let value = Value::parse(text)
            .map_err(|error| DecodeError::Corrupt(format!("it is not valid JSON: {error}")))?;
        migrated = migrate(value, MIGRATIONS)?.to_string();
        &migrated
    };
    let file = read_case_file(text).map_err(|error| DecodeError::Corrupt(error.to_string()))?;
    Ok(file.cases)
}

/// The `storage_version` of a stored value, read without building the rest.
fn stored_version(text: &str) -> Option<u64> {
    read_header(text, |_, _| Ok(false))
}

/// The `storage_version` of a stored value, which must be there, once, as a
/// whole number; `more` reads any other field it wants (and says so).
fn read_header(
    text: &str,
    mut more: impl FnMut(&mut Reader, &str) -> Result<bool, Error>,
) -> Option<u64> {
    let mut reader = Reader::new(text, false);
    let mut version = None;
    reader
        .fields("a stored value", |reader, key| {
            if key != "storage_version" {
                return more(reader, key);
            }
            let read = reader.unsigned("u64", u64::MAX)?;
            match version.replace(read) {
                None => Ok(true),
                Some(_) => Err(Error::raised(|| Problem::DuplicateKey {
                    key: key.to_owned(),
                })),
            }
        })
        .ok()?;
    reader.end().ok()?;
    version
}

/// Runs the migration `steps` on a stored value, from its `storage_version` to
/// `steps.len() + 1`, setting the version after each step.
pub fn migrate(mut value: Value, steps: &[Migration]) -> Result<Value, DecodeError> {
    let current = steps.len() as u64 + 1;
    let version = value
        .get("storage_version")
        .and_then(Value::as_u64)
        .filter(|version| *version >= 1)
        .ok_or_else(|| {
            DecodeError::Corrupt("it has no storage version (\"storage_version\")".to_owned())
        })?;
    if version > current {
        return Err(DecodeError::TooNew(version));
    }
    for (index, step) in steps.iter().enumerate().skip(version as usize - 1) {
        let to = index as u64 + 2;
        value = step(value).map_err(|reason| {
            DecodeError::Corrupt(format!("it could not be updated to version {to}: {reason}"))
        })?;
        match value.as_object_mut() {
            Some(object) => {
                object.insert("storage_version".to_owned(), Value::from(to));
            }
            None => {
                return Err(DecodeError::Corrupt(format!(
                    "version {to} is not a JSON object"
                )));
            }
        }
    }
    Ok(value)
}
