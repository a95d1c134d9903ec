//! Unlocking at start-up: the passphrase opens the store of records locked
//! one by one ([`crate::lock_records`]), or the one localStorage value an
//! older version locked, which is then moved into records locked one by one
//! without loss: copied, read back and compared, and only then renamed to
//! [`BEFORE_KEY`] (kept, still encrypted, until the next export of all
//! cases), as the move from version 1 is ([`crate::storage::migrate`]).
//! Where IndexedDB cannot be opened, or the move fails, the cases stay in
//! the localStorage value, locked, and are saved there as before.

use std::rc::Rc;

use rules::Case;
use rules::case_file::json::Writer;

use crate::crypto::{OpenError, SessionKey};
use crate::lock::{self, Start, loaded_records};
use crate::lock_records::{Progress, Sealing, whole_store};
use crate::lock_session::{self, Lock};
use crate::storage::idb::{Change, DB_NAME, Db, WriteError};
use crate::storage::migrate::{BEFORE_KEY, MIGRATED_KEY};
use crate::storage::records::{Saved, record_revision, same_cases};
use crate::storage::{KEY, LOCKED_STORAGE_VERSION, Loaded, Store, keep_aside};

/// The cases of the locked `start`, opened with `passphrase`, and the
/// handle that saves them under the same lock.
pub async fn unlock(
    start: &Start,
    store: &Store,
    passphrase: &str,
) -> Result<(Loaded, Lock), OpenError> {
    match start {
        Start::LockedRecords { db, header, .. } => {
            open_records(header, store, passphrase, db.clone()).await
        }
        Start::Locked {
            stored,
            envelope: Ok(envelope),
        } => {
            let (key, plaintext) = lock_session::unlock(envelope, passphrase).await?;
            let loaded = lock::loaded(&plaintext, &*store.0.borrow());
            if loaded.problem.is_none()
                && let Ok(moved) = move_in(store, key.clone(), &loaded.cases, stored).await
            {
                return Ok(moved);
            }
            let lock = Lock::unlocked(store.clone(), key, stored.clone());
            Ok((loaded, lock))
        }
        _ => Err(OpenError::Failed("there is nothing to unlock".to_owned())),
    }
}

/// The cases of the locked store of records `db`, whose lock's header is
/// `header`, opened with `passphrase`.
async fn open_records(
    header: &str,
    store: &Store,
    passphrase: &str,
    db: Db,
) -> Result<(Loaded, Lock), OpenError> {
    let sealing = Sealing::unlock(header, passphrase).await?;
    let stored = db.read_all().await.map_err(OpenError::Failed)?;
    let read = sealing.open_all(&stored.records).await;
    let (loaded, saved) = loaded_records(read, &stored.records, &db, &mut store.clone()).await;
    let lock = Lock::unlocked_records(store.clone(), db, saved, sealing);
    Ok((loaded, lock))
}

/// Moves `cases`, unlocked from the localStorage value `stored` with
/// `key`, into records sealed with the same passphrase, over whatever the
/// database holds (what an interrupted move, or a lock of an older version
/// that could not clear it, left there). Leaves `stored` in place unless
/// the copy reads back the same.
async fn move_in(
    store: &Store,
    key: SessionKey,
    cases: &[Rc<Case>],
    stored: &str,
) -> Result<(Loaded, Lock), String> {
    let db = Db::open(DB_NAME).await.map_err(|error| error.in_words())?;
    let header = db.lock_header().await?;
    let before = db.read_all().await?.records;
    let whole: Vec<(String, Option<u64>)> = (before.into_iter())
        .map(|(key, text)| {
            let rev = record_revision(&text);
            (key, rev)
        })
        .collect();
    let sealing = Sealing::new(key).await?;
    let puts = whole_store(cases, |_| None, Some(&sealing), &Progress::default()).await?;
    let change = Change {
        puts: &puts,
        lock_now: header.as_deref(),
        lock_after: Some(&sealing.header),
        whole: Some(&whole),
        aside: None,
    };
    db.change(change).await.map_err(|error| match error {
        WriteError::Failed(reason) => reason,
        WriteError::Conflict(_) | WriteError::LockChanged => {
            "another tab wrote at the same time".to_owned()
        }
    })?;
    let copied = db.read_all().await?.records;
    let read = sealing.open_all(&copied).await;
    let read_back: Vec<Rc<Case>> = read.cases.iter().map(|(_, case)| case.clone()).collect();
    if !read.unreadable.is_empty() || !same_cases(&read_back, cases) {
        return Err("the copy in IndexedDB is not the same as the cases".to_owned());
    }
    {
        let mut local = store.0.borrow_mut();
        local.set(BEFORE_KEY, stored)?;
        local.remove(KEY)?;
        local.set(MIGRATED_KEY, &LOCKED_STORAGE_VERSION.to_string())?;
    }
    let (loaded, saved): (Loaded, Saved) =
        loaded_records(read, &copied, &db, &mut store.clone()).await;
    Ok((
        loaded,
        Lock::unlocked_records(store.clone(), db, saved, sealing),
    ))
}

/// The locked data of `start` exactly as stored, in one text to download
/// when its lock cannot be read: the localStorage value as it is, or the
/// store of records (see [`records_text`]).
pub async fn damaged_text(start: &Start) -> Result<String, String> {
    match start {
        Start::LockedRecords { db, header, .. } => {
            Ok(records_text(header, &db.read_all().await?.records))
        }
        Start::Locked { stored, .. } => Ok(stored.clone()),
        Start::Open(_) => Err("there is nothing locked".to_owned()),
    }
}

/// A store of records as `{"lock": header, "records": {key: record}}`, each
/// string as stored.
fn records_text(header: &str, records: &[(String, String)]) -> String {
    let mut writer = Writer::new(false);
    writer.open('{');
    writer.key("lock");
    writer.string(header);
    writer.key("records");
    writer.open('{');
    for (key, text) in records {
        writer.key(key);
        writer.string(text);
    }
    writer.close('}');
    writer.close('}');
    writer.finish()
}

/// Sets the locked data of `start`, whose lock cannot be read, aside (as
/// [`damaged_text`] gives it, under `ehc-timeline-corrupt-N`, as unreadable
/// data is kept): in localStorage, or where it cannot hold that much, in
/// the database's `meta`; then clears it from where it was. Nothing is
/// cleared unless the copy is kept; a store of records is cleared in one
/// transaction that checks it still holds what was copied (and keeps the
/// copy in `meta`, if there, in that same transaction).
pub async fn set_aside(start: &Start, store: &Store) -> Result<(), String> {
    match start {
        Start::LockedRecords { db, header, .. } => {
            let records = db.read_all().await?.records;
            let text = records_text(header, &records);
            let in_local = keep_aside(&mut *store.0.borrow_mut(), &text).is_ok();
            let whole: Vec<(String, Option<u64>)> = (records.iter())
                .map(|(key, text)| (key.clone(), record_revision(text)))
                .collect();
            let change = Change {
                puts: &[],
                lock_now: Some(header),
                lock_after: None,
                whole: Some(&whole),
                aside: (!in_local).then_some(text.as_str()),
            };
            db.change(change).await.map_err(|error| match error {
                WriteError::Failed(reason) => reason,
                _ => "another tab changed the cases at the same time".to_owned(),
            })?;
        }
        Start::Locked { stored, .. } => {
            let in_local = keep_aside(&mut *store.0.borrow_mut(), stored);
            if in_local.is_err() {
                let db = Db::open(DB_NAME).await.map_err(|error| error.in_words())?;
                db.keep_aside(stored).await?;
            }
            store.0.borrow_mut().remove(KEY)?;
        }
        Start::Open(_) => {}
    }
    Ok(())
}
