//! The passphrase lock's stored forms, in plain Rust: the header of a store
//! of records locked one by one ([`Header`], see [`crate::lock_records`]),
//! the envelope that holds all the cases where IndexedDB cannot be opened
//! (and as earlier versions locked them), their base64 fields, start-up, and
//! the checks on a new passphrase. The encryption itself is WebCrypto's, in
//! [`crate::crypto`].
//!
//! The envelope is one value under [`crate::storage::KEY`]:
//! `{"storage_version": 2, "encrypted": {"kdf": "PBKDF2-SHA-256", "iterations":
//! 600000, "cipher": "AES-256-GCM", "salt": b64, "iv": b64, "ciphertext": b64}}`.
//! Version 2 is one an app without the lock calls too new, and so never
//! overwrites. Inside, once decrypted, is the ordinary version-1 value.

use std::rc::Rc;

use rules::Case;
use rules::case_file::json::{Map, Value};

use crate::storage::idb::{DB_NAME, Db, OpenError};
use crate::storage::migrate::BEFORE_KEY;
use crate::storage::records::{Saved, read_records, read_summarised, record_revision};
use crate::storage::{self, Backend, DecodeError, KEY, LoadProblem, Loaded, Saving, backup};
use crate::summary::Summary;

pub use crate::storage::LOCKED_STORAGE_VERSION;

/// How the key is made from the passphrase.
pub const KDF: &str = "PBKDF2-SHA-256";

/// How the cases are encrypted with that key.
pub const CIPHER: &str = "AES-256-GCM";

/// PBKDF2 rounds for a new passphrase: OWASP's 2023 figure for SHA-256.
pub const ITERATIONS: u32 = 600_000;

/// The fewest and most rounds a stored value may ask for: fewer would be
/// weak, more would keep the page busy for minutes.
pub const ITERATION_RANGE: std::ops::RangeInclusive<u32> = 600_000..=10_000_000;

/// Bytes of salt, random for each passphrase.
pub const SALT_LEN: usize = 16;

/// Bytes of AES-GCM nonce, random for each save.
pub const IV_LEN: usize = 12;

/// Bytes of AES-GCM tag at the end of the ciphertext.
pub const TAG_LEN: usize = 16;

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What a locked value holds: how to remake the key, and the encrypted cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    pub iv: [u8; IV_LEN],
    /// The encrypted version-1 value, with its tag at the end.
    pub ciphertext: Vec<u8>,
}

impl Envelope {
    /// The value to store, as compact JSON; base64 and the constants need no
    /// escaping, so it is written out rather than built as a `Value`.
    pub fn encode(&self) -> String {
        format!(
            r#"{{"storage_version":{LOCKED_STORAGE_VERSION},"encrypted":{{"kdf":"{KDF}","iterations":{},"cipher":"{CIPHER}","salt":"{}","iv":"{}","ciphertext":"{}"}}}}"#,
            self.iterations,
            base64_encode(&self.salt),
            base64_encode(&self.iv),
            base64_encode(&self.ciphertext),
        )
    }
}

/// Whether a stored value is locked: `None` when it is not (an ordinary value,
/// or one that is not JSON, both left to [`crate::storage::load`]), otherwise
/// its envelope, or why that cannot be read.
pub fn read(text: &str) -> Option<Result<Envelope, String>> {
    // A quick look first, so an ordinary value (megabytes, for an advocate)
    // is not parsed twice at start-up. The key inside a string would read
    // `\"encrypted\"`, so this finds only a key; the parse decides.
    if !text.contains("\"encrypted\"") {
        return None;
    }
    let value = Value::parse(text).ok()?;
    let encrypted = value.as_object()?.get("encrypted")?;
    Some(read_envelope(&value, encrypted))
}

fn read_envelope(value: &Value, encrypted: &Value) -> Result<Envelope, String> {
    let version = value.get("storage_version").and_then(Value::as_u64);
    if version != Some(LOCKED_STORAGE_VERSION) {
        return Err(format!(
            "its storage version is {}, not {LOCKED_STORAGE_VERSION}",
            version.map_or_else(|| "missing".to_owned(), |v| v.to_string())
        ));
    }
    let fields = encrypted
        .as_object()
        .ok_or("\"encrypted\" is not a JSON object")?;
    let iterations = read_kdf(fields)?;
    let ciphertext = bytes(fields, "ciphertext")?;
    if ciphertext.len() < TAG_LEN {
        return Err(format!(
            "\"ciphertext\" is {} bytes, shorter than its {TAG_LEN}-byte tag",
            ciphertext.len()
        ));
    }
    Ok(Envelope {
        iterations,
        salt: sized(fields, "salt")?,
        iv: sized(fields, "iv")?,
        ciphertext,
    })
}

/// The lock's header in the store of records (`meta`, under `lock`): how
/// to remake the key, and the secret that names the records, sealed by that
/// key, which also tells a wrong passphrase (see [`crate::lock_records`]):
/// `{"kdf": "PBKDF2-SHA-256", "iterations": 600000, "cipher": "AES-256-GCM",
/// "salt": b64, "secret": b64}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
    /// The records' secret: its nonce, then its ciphertext and tag.
    pub secret: Vec<u8>,
}

impl Header {
    /// The header to store, as compact JSON (nothing in it needs escaping).
    pub fn encode(&self) -> String {
        format!(
            r#"{{"kdf":"{KDF}","iterations":{},"cipher":"{CIPHER}","salt":"{}","secret":"{}"}}"#,
            self.iterations,
            base64_encode(&self.salt),
            base64_encode(&self.secret),
        )
    }

    /// The header in stored `text`, or why it cannot be used.
    pub fn read(text: &str) -> Result<Header, String> {
        let value = Value::parse(text).map_err(|error| format!("it is not JSON: {error}"))?;
        let fields = value.as_object().ok_or("it is not a JSON object")?;
        let iterations = read_kdf(fields)?;
        let secret = bytes(fields, "secret")?;
        if secret.len() < IV_LEN + TAG_LEN {
            return Err(format!("\"secret\" is {} bytes, too short", secret.len()));
        }
        Ok(Header {
            iterations,
            salt: sized(fields, "salt")?,
            secret,
        })
    }
}

/// The rounds of a stored key derivation, after checking its method and
/// cipher are the ones this version knows.
fn read_kdf(fields: &Map) -> Result<u32, String> {
    expect_text(fields, "kdf", KDF)?;
    expect_text(fields, "cipher", CIPHER)?;
    let iterations = fields
        .get("iterations")
        .and_then(Value::as_u64)
        .ok_or("\"iterations\" is missing or not a whole number")?;
    u32::try_from(iterations)
        .ok()
        .filter(|n| ITERATION_RANGE.contains(n))
        .ok_or_else(|| {
            format!(
                "\"iterations\" is {iterations}, outside {} to {}",
                ITERATION_RANGE.start(),
                ITERATION_RANGE.end()
            )
        })
}

fn expect_text(fields: &Map, name: &str, expected: &str) -> Result<(), String> {
    match fields.get(name).and_then(Value::as_str) {
        Some(found) if found == expected => Ok(()),
        Some(found) => Err(format!(
            "\"{name}\" is \"{found}\"; this version knows only \"{expected}\""
        )),
        None => Err(format!("\"{name}\" is missing")),
    }
}

fn bytes(fields: &Map, name: &str) -> Result<Vec<u8>, String> {
    let text = fields
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("\"{name}\" is missing or not text"))?;
    base64_decode(text).map_err(|reason| format!("\"{name}\" is not base64: {reason}"))
}

fn sized<const N: usize>(fields: &Map, name: &str) -> Result<[u8; N], String> {
    let found = bytes(fields, name)?;
    <[u8; N]>::try_from(found.as_slice())
        .map_err(|_| format!("\"{name}\" is {} bytes, not {N}", found.len()))
}

/// What start-up finds in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// Not locked: loaded as usual.
    Open(Loaded),
    /// Locked in the one localStorage value: the stored text, and its
    /// envelope to unlock or why it cannot be read.
    Locked {
        stored: String,
        envelope: Result<Envelope, String>,
    },
    /// Locked record by record in IndexedDB: the lock's [`Header`] as
    /// stored, to unlock (see [`crate::lock_records`]), and where a plain
    /// value found beside it in localStorage was kept aside
    /// ([`beside_lock`]).
    LockedRecords {
        db: Db,
        header: String,
        beside: Option<String>,
    },
}

/// Reads storage at start-up: a locked value is left as it is, to unlock.
pub fn start(backend: &mut dyn Backend) -> Start {
    let stored = backend.get(KEY);
    if let Ok(Some(text)) = &stored
        && let Some(envelope) = read(text)
    {
        return Start::Locked {
            stored: text.clone(),
            envelope,
        };
    }
    Start::Open(storage::load_stored(backend, stored))
}

/// Reads storage at start-up, as [`start`] does, from IndexedDB where it
/// opens: a version-1 value still in localStorage is moved in first
/// ([`storage::migrate`]). A locked value stays in localStorage, to unlock
/// (and be moved in then); a locked store of records is left to unlock.
/// Where IndexedDB cannot be opened, or the move fails, the cases stay in
/// localStorage and the app works there as before.
pub async fn open(local: &mut dyn Backend) -> Start {
    let db = match Db::open(DB_NAME).await {
        Ok(db) => db,
        Err(OpenError::TooNew(found)) => {
            return Start::Open(Loaded {
                cases: Vec::new(),
                summaries: Vec::new(),
                problem: Some(LoadProblem::TooNew { found }),
                writable: false,
                saving: Saving::default(),
                backup: backup::load(local),
                moved: None,
            });
        }
        Err(OpenError::Unavailable(reason)) => return on_local_storage(local, reason),
    };
    let header = match db.lock_header().await {
        Ok(header) => header,
        Err(reason) => return on_local_storage(local, reason),
    };
    // The first module hands a locked store over as it is (`crate::start`):
    // the module with the lock's code keeps aside what is beside it.
    let beside = match &header {
        Some(_) if cfg!(feature = "lockless") => Ok(None),
        Some(_) => beside_lock(local),
        None => Err(()),
    };
    if let (Some(header), Ok(beside)) = (&header, beside) {
        let header = header.clone();
        return Start::LockedRecords { db, header, beside };
    }
    if let Err(reason) = storage::migrate::migrate(&db, local).await {
        return on_local_storage(local, reason);
    }
    let started = start(local);
    let Start::Open(loaded) = &started else {
        return started;
    };
    if loaded.problem.is_some() {
        // Too new, or unreadable (and kept aside): as before, in localStorage.
        return started;
    }
    if let Some(header) = header {
        let beside = None;
        return Start::LockedRecords { db, header, beside };
    }
    let stored = match db.read_all().await {
        Ok(stored) => stored,
        Err(reason) => return on_local_storage(local, reason),
    };
    let read = read_records(&stored.records);
    let (loaded, saved) = loaded_records(read, &stored.records, &db, local).await;
    Start::Open(Loaded {
        saving: Saving::Records(db, saved),
        ..loaded
    })
}

/// Clears the way to a locked store of records: a value in `local` under
/// [`KEY`] beside it (the plain cases saved at a start when the database
/// could not be opened, or data that cannot be read) is kept aside, never
/// lost, and the locked store opens; the key it is kept under, `None` when
/// there is no value. `Err` leaves it where it is: too new or locked (left
/// to the rules of loading it), or a copy that could not be kept.
fn beside_lock(local: &mut dyn Backend) -> Result<Option<String>, ()> {
    let Some(text) = local.get(KEY).map_err(drop)? else {
        return Ok(None);
    };
    if let Err(DecodeError::TooNew(_)) = storage::decode(&text) {
        return Err(());
    }
    let kept = storage::keep_aside(local, &text).map_err(drop)?;
    local.remove(KEY).map_err(drop)?;
    Ok(Some(kept))
}

/// The cases `read` from a store of records (`records`, as stored, in
/// `db`), with the first record that cannot be read as the problem
/// (offered for download as stored), and what this tab knows of them. Each
/// record that cannot be read stays where it is, and is copied aside too
/// (as unreadable localStorage data is), where the lock page finds it: in
/// `local`, or where it cannot hold that much (about 5 MB), in `db`'s meta.
pub async fn loaded_records(
    storage::records::Read {
        cases,
        summaries,
        unreadable,
    }: storage::records::Read,
    records: &[(String, String)],
    db: &Db,
    local: &mut dyn Backend,
) -> (Loaded, Saved) {
    let mut saved = Saved::new(cases.iter().cloned());
    let mut problem = None;
    for (key, reason) in unreadable {
        let text = records
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, text)| text.as_str());
        let kept_as = match storage::keep_aside(local, text) {
            Ok(kept_as) => Ok(kept_as),
            Err(_) => db.keep_aside(text).await,
        };
        saved.unreadable_kept &= kept_as.is_ok();
        saved.unreadable.push((key.clone(), record_revision(text)));
        problem.get_or_insert_with(|| LoadProblem::KeptAside {
            reason,
            kept_as: kept_as.unwrap_or(key),
            unreadable: text.to_owned(),
        });
    }
    let loaded = Loaded {
        problem,
        ..readable(&cases, summaries, local)
    };
    (loaded, saved)
}

/// The cases of a store of records, every record read, with what
/// localStorage keeps beside them; saving is for the caller to say.
fn readable(
    cases: &[(u64, Rc<Case>)],
    summaries: Vec<Option<Summary>>,
    local: &dyn Backend,
) -> Loaded {
    Loaded {
        cases: cases.iter().map(|(_, case)| Rc::clone(case)).collect(),
        summaries,
        problem: None,
        writable: true,
        saving: Saving::default(),
        backup: backup::load(local),
        moved: local.get(BEFORE_KEY).ok().flatten().map(Into::into),
    }
}

/// The usual start, all the first module (feature `lockless`) opens itself
/// (see `crate::start`): the database opens and holds no lock, every record
/// in it reads, and localStorage holds no value of the cases. Every other
/// start is `None`, and the module with the lock's code opens storage
/// afresh, as [`open`] does: a value in localStorage (to move into the
/// database, locked, or kept there while the database could not be used),
/// a database that cannot be used or is too new, a record that cannot be
/// read. What only such a start needs (the move, the localStorage session,
/// the reader's words for a fault) stays out of the first module.
pub async fn open_usual(local: &mut dyn Backend) -> Option<Loaded> {
    if local.get(KEY) != Ok(None) {
        return None;
    }
    usual(Db::open(DB_NAME).await.ok()?, local).await
}

/// [`open_usual`] on `db`, once localStorage is known to hold no value of
/// the cases.
pub async fn usual(db: Db, local: &dyn Backend) -> Option<Loaded> {
    if db.lock_header().await.ok()?.is_some() {
        return None;
    }
    let stored = db.read_all().await.ok()?;
    let (mut cases, mut summaries) = (Vec::new(), Vec::new());
    for (key, text) in &stored.records {
        let (rev, case, summary) = read_summarised(text).ok()?;
        if case.id != *key {
            return None;
        }
        cases.push((rev, Rc::new(case)));
        summaries.push(summary);
    }
    let saved = Saved::new(cases.iter().cloned());
    Some(Loaded {
        saving: Saving::Records(db, saved),
        ..readable(&cases, summaries, local)
    })
}

/// The start on localStorage when IndexedDB cannot be used, saying so.
fn on_local_storage(local: &mut dyn Backend, reason: String) -> Start {
    match start(local) {
        Start::Open(mut loaded) => {
            loaded
                .problem
                .get_or_insert(LoadProblem::LocalOnly { reason });
            Start::Open(loaded)
        }
        locked => locked,
    }
}

/// The cases inside an unlocked value, as [`storage::load`] would give them,
/// with the backup record from `backend`. What cannot be read is never
/// written over: the page does not save.
pub fn loaded(plaintext: &str, backend: &dyn Backend) -> Loaded {
    let (cases, problem) = match storage::decode(plaintext) {
        Ok(cases) => (cases, None),
        Err(DecodeError::TooNew(found)) => (Vec::new(), Some(LoadProblem::TooNew { found })),
        Err(DecodeError::Corrupt(reason)) => {
            let unreadable = plaintext.to_owned();
            let problem = LoadProblem::CouldNotKeepAside { reason, unreadable };
            (Vec::new(), Some(problem))
        }
    };
    Loaded {
        writable: problem.is_none(),
        // Saves while locked go through the lock, not a two-tab session.
        saving: Saving::default(),
        backup: backup::load(backend),
        moved: None,
        cases: cases.into_iter().map(Rc::new).collect(),
        summaries: Vec::new(),
        problem,
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648, section 4) with `=` padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// Reads standard padded base64, strictly: any other character, a length that
/// is not a multiple of 4, or bits left over after the last byte is refused.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    if !text.len().is_multiple_of(4) {
        return Err(format!("{} characters, not a multiple of 4", text.len()));
    }
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 {
        return Err("too much \"=\" padding".to_owned());
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0);
    for (at, c) in body.char_indices() {
        let value = ALPHABET
            .iter()
            .position(|&a| a as char == c)
            .ok_or_else(|| format!("character {} (\"{c}\") is not base64", at + 1))?;
        n = n << 6 | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
            n &= (1 << bits) - 1;
        }
    }
    if n != 0 {
        return Err("it has bits left over after its last byte".to_owned());
    }
    Ok(out)
}
