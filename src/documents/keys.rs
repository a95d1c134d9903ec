//! The documents' key: 32 random bytes, made the first time a document is
//! stored. While the lock is off it is stored as it is (copy [`PLAIN`]);
//! while on, only sealed by the lock's key (a copy named after that key's
//! salt). A change of the lock first adds the copy the new lock needs
//! ([`prepare`]), then, once the cases are written under the new lock,
//! removes every other copy ([`settle`]): a change that fails half-way
//! leaves a copy every passphrase still in use can open.

use crate::crypto::{DataKey, OpenError, SessionKey, random_bytes};
use crate::lock::base64_encode;

use super::db::DocDb;

/// The name of the copy of the key stored as it is, while the lock is off.
pub const PLAIN: &str = "plain";

/// Bytes of the documents' key (AES-256).
const KEY_LEN: usize = 32;

/// The name of the copy of the key that `lock` opens (`None`: the lock is off).
pub fn copy_name(lock: Option<&SessionKey>) -> String {
    match lock {
        None => PLAIN.to_owned(),
        Some(lock) => format!("sealed {}", base64_encode(&lock.salt)),
    }
}

/// The raw key as stored in copy `name`, opened with `lock`.
async fn open_copy(
    db: &DocDb,
    name: &str,
    lock: Option<&SessionKey>,
) -> Result<Option<Vec<u8>>, String> {
    let Some(stored) = db.key(name).await? else {
        return Ok(None);
    };
    match (name == PLAIN, lock) {
        (true, _) | (false, None) => Ok(Some(stored)),
        (false, Some(lock)) => match lock.open_bytes(&stored).await {
            Ok(raw) => Ok(Some(raw)),
            Err(OpenError::WrongPassphrase) => {
                Err("the documents' key does not open with this passphrase".to_owned())
            }
            Err(OpenError::Failed(reason)) => Err(reason),
        },
    }
}

/// The raw key under `lock`: its own copy, else the plain one (a store
/// locked before documents were kept, or a change of the lock that stopped
/// half-way), sealed for `lock` as it is found. `None`: no key yet.
async fn raw_key(db: &DocDb, lock: Option<&SessionKey>) -> Result<Option<Vec<u8>>, String> {
    let own = copy_name(lock);
    if let Some(raw) = open_copy(db, &own, lock).await? {
        return Ok(Some(raw));
    }
    let Some(raw) = open_copy(db, PLAIN, None).await? else {
        return Ok(None);
    };
    if let Some(lock) = lock {
        db.put_key(&own, &lock.seal_bytes(&raw).await?).await?;
        db.delete_keys(&[PLAIN.to_owned()]).await?;
    }
    Ok(Some(raw))
}

/// The documents' key under `lock`, made and stored the first time.
pub async fn data_key(db: &DocDb, lock: Option<&SessionKey>) -> Result<DataKey, String> {
    let raw = match raw_key(db, lock).await? {
        Some(raw) => raw,
        None if db.key_names().await?.is_empty() => {
            let raw: [u8; KEY_LEN] = random_bytes()?;
            let stored = match lock {
                Some(lock) => lock.seal_bytes(&raw).await?,
                None => raw.to_vec(),
            };
            db.put_key(&copy_name(lock), &stored).await?;
            raw.to_vec()
        }
        None => {
            return Err(
                "the documents are locked with a passphrase this page does not have. Reload the page and unlock it".to_owned(),
            );
        }
    };
    DataKey::import(&raw).await
}

/// Before the lock changes from `old` to `new`: the copy of the key `new`
/// opens, beside the others. Nothing to do where no document was ever kept,
/// or where this browser has no database to keep one in.
pub async fn prepare(old: Option<&SessionKey>, new: Option<&SessionKey>) -> Result<(), String> {
    let Ok(db) = DocDb::open().await else {
        return Ok(());
    };
    let Some(raw) = raw_key(&db, old).await? else {
        return Ok(());
    };
    let stored = match new {
        Some(new) => new.seal_bytes(&raw).await?,
        None => raw,
    };
    db.put_key(&copy_name(new), &stored).await
}

/// Once the cases are written under the lock `new`: every copy of the key
/// but the one `new` opens removed.
pub async fn settle(new: Option<&SessionKey>) -> Result<(), String> {
    let Ok(db) = DocDb::open().await else {
        return Ok(());
    };
    let keep = copy_name(new);
    let others: Vec<String> = db
        .key_names()
        .await?
        .into_iter()
        .filter(|name| *name != keep)
        .collect();
    match others.is_empty() {
        true => Ok(()),
        false => db.delete_keys(&others).await,
    }
}
