//! The documents kept on this device, open with their key: store, read and
//! clear away.

use chrono::NaiveDate;
use rules::Case;

use crate::crypto::{DataKey, OpenError, SessionKey, hex, random_bytes};

use super::db::DocDb;
use super::{keys, unlisted};

/// The documents' database and key, ready to use.
pub struct Kept {
    db: DocDb,
    key: DataKey,
}

impl Kept {
    /// Opens the documents kept under `lock` (`None`: the lock is off).
    pub async fn open(lock: Option<&SessionKey>) -> Result<Kept, String> {
        let db = DocDb::open().await?;
        let key = keys::data_key(&db, lock).await?;
        Ok(Kept { db, key })
    }

    /// Stores `bytes`, added on `added`, under a new random id, which it
    /// returns.
    pub async fn add(&self, bytes: &[u8], added: NaiveDate) -> Result<String, String> {
        let id = format!("d-{}", hex(&random_bytes::<8>()?));
        let sealed = self.key.seal(bytes).await?;
        self.db.put(&id, &sealed, added).await?;
        Ok(id)
    }

    /// The bytes of document `id`.
    pub async fn read(&self, id: &str) -> Result<Vec<u8>, String> {
        let sealed = self
            .db
            .sealed(id)
            .await?
            .ok_or("it is not kept on this device (it may have been removed in another tab)")?;
        self.key.open(&sealed).await.map_err(|error| match error {
            OpenError::WrongPassphrase => "it was changed since it was stored".to_owned(),
            OpenError::Failed(reason) => reason,
        })
    }

    /// Removes the documents no case of `cases` lists any more, added
    /// before `today` (see [`unlisted`]); how many.
    pub async fn clear_away(&self, cases: &[Case], today: NaiveDate) -> Result<usize, String> {
        let stored = self.db.stored().await?;
        let gone = unlisted(&stored, cases, today);
        if !gone.is_empty() {
            self.db.delete(&gone).await?;
        }
        Ok(gone.len())
    }
}
