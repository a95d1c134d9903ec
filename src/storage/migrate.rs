//! The move from localStorage to IndexedDB, without loss. The first start of
//! a version with [`super::idb`] finds the one localStorage value of storage
//! version 1 (the locked version 2 stays as it is until it is unlocked),
//! copies every case into IndexedDB, reads the copy back and compares it case
//! by case, and only then renames the old value to [`BEFORE_KEY`] (kept, and
//! downloadable as it was, until the next export of all cases) and sets the
//! marker [`MIGRATED_KEY`]. A copy that does not compare equal leaves the old
//! value where it was, to be tried again at the next start.
//!
//! The value under [`KEY`] is there only while it is not migrated: when
//! IndexedDB could not be opened at some start and the app saved to
//! localStorage instead, the next start with IndexedDB moves that value in.

use std::rc::Rc;

use rules::Case;

use super::idb::{Db, WriteError};
use super::records::{Saved, read_records, same_cases};
use super::{Backend, KEY, decode};

/// Where the migrated value is kept until the next export of all cases.
pub const BEFORE_KEY: &str = "ehc-timeline-before-indexeddb";

/// Set once a value was copied, checked and renamed: the storage version it
/// came from.
pub const MIGRATED_KEY: &str = "ehc-timeline-migrated";

/// Moves a readable version-1 value from `local` into `db`; `Ok(true)` once
/// it is copied, checked and renamed, `Ok(false)` when there is nothing to
/// move (or it is locked, too new or unreadable: left to the rules of
/// loading it). A copy that fails or differs leaves the old value in place.
pub async fn migrate(db: &Db, local: &mut dyn Backend) -> Result<bool, String> {
    let Some(text) = local.get(KEY)? else {
        return Ok(false);
    };
    let Ok(cases) = decode(&text) else {
        return Ok(false);
    };
    let cases: Vec<Rc<Case>> = cases.into_iter().map(Rc::new).collect();
    // What an interrupted move left is written over with the value; no
    // record is deleted.
    let before = read_records(&db.read_all().await?.records);
    if let Some((key, reason)) = before.unreadable.first() {
        return Err(format!("the record \"{key}\" cannot be read ({reason})"));
    }
    let mut puts = Saved::new(before.cases).changes(&cases);
    puts.retain(|put| put.record.is_some());
    db.write(&puts).await.map_err(|error| match error {
        WriteError::Conflict(_) => "another tab wrote at the same time".to_owned(),
        WriteError::LockChanged => {
            "the cases in this browser's database are locked with a passphrase".to_owned()
        }
        WriteError::Failed(reason) => reason,
    })?;
    let copied = read_records(&db.read_all().await?.records).cases;
    let copied: Vec<Rc<Case>> = copied.into_iter().map(|(_, case)| case).collect();
    let moved: Vec<Rc<Case>> = copied
        .into_iter()
        .filter(|case| cases.iter().any(|c| c.id == case.id))
        .collect();
    if !same_cases(&moved, &cases) {
        return Err("the copy in IndexedDB is not the same as the cases".to_owned());
    }
    local.set(BEFORE_KEY, &text)?;
    local.remove(KEY)?;
    local.set(MIGRATED_KEY, "1")?;
    Ok(true)
}
