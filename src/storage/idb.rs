//! The cases in the browser's IndexedDB, one record per case ([`records`]),
//! through web-sys directly: a handful of calls (open, read all, one
//! readwrite transaction) cost fewer bytes than a wrapper crate, and each
//! request is awaited through one small promise ([`settled`]).
//!
//! The database [`DB_NAME`] holds two object stores: `cases`, each record
//! under its key (the case's id, or under the lock an opaque key, see
//! [`crate::lock_records`]), and `meta`, the storage version and the lock's
//! header. A write is one readwrite transaction that first reads the lock's
//! header and the revision of each record it is about to change, and writes
//! nothing if any is not the one expected: IndexedDB applies a transaction
//! whole or not at all, so a closed tab or a crash leaves each case as it was
//! or as it became.
//!
//! [`records`]: super::records

#[cfg(not(target_arch = "wasm32"))]
pub use native::Db;
#[cfg(target_arch = "wasm32")]
pub use web::{Db, committed, open_database, reason, request, settled, text, why};

use crate::storage::records::Put;

/// The app's database.
pub const DB_NAME: &str = "ehc-timeline";

/// Why opening the store failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Written by a newer version of the app: refused, left as it is.
    TooNew(u64),
    /// IndexedDB cannot be used here (blocked, or a private mode).
    Unavailable(String),
}

impl OpenError {
    /// Why it could not be opened, in words.
    pub fn in_words(self) -> String {
        match self {
            OpenError::TooNew(_) => "a newer version of the app changed it".to_owned(),
            OpenError::Unavailable(reason) => reason,
        }
    }
}

/// Why a write wrote nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// Another tab (or version) wrote these cases since this tab read them.
    Conflict(Vec<String>),
    /// Another tab set, changed or removed the lock since this tab read it.
    LockChanged,
    /// The browser refused the transaction (a full disk, ...).
    Failed(String),
}

/// What the store holds: each record's key and text, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub records: Vec<(String, String)>,
}

/// One write: the records to change, and what the store must hold for it
/// to go ahead.
#[derive(Clone, Copy, Debug)]
pub struct Change<'a> {
    pub puts: &'a [Put],
    /// The lock's header `meta` must hold now (`None`: no lock).
    pub lock_now: Option<&'a str>,
    /// The header it holds after; the storage version follows it.
    pub lock_after: Option<&'a str>,
    /// For a change of the whole store (setting, changing or removing the
    /// lock): every record it must hold now, each key with its revision
    /// (`None`: one that cannot be read). The store is cleared before
    /// `puts` are written, so nothing else is left in it.
    pub whole: Option<&'a [(String, Option<u64>)]>,
    /// Data to keep aside in `meta` ([`Db::kept_aside`]) in the same
    /// transaction: a damaged store cleared with nothing lost, however large
    /// (localStorage holds about 5 MB).
    pub aside: Option<&'a str>,
}

impl<'a> Change<'a> {
    /// A change of records `puts` in a store without the lock.
    pub fn unlocked(puts: &'a [Put]) -> Change<'a> {
        Change {
            puts,
            lock_now: None,
            lock_after: None,
            whole: None,
            aside: None,
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Array, Promise};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        DomException, EventTarget, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction,
        IdbTransactionMode,
    };

    use super::{Change, OpenError, Put, Stored, WriteError};
    use crate::storage::records::{LOCKED_RECORDS_VERSION, RECORDS_VERSION, record_revision};
    use crate::storage::{FULL, aside_slot, is_aside_key};

    const CASES: &str = "cases";
    const META: &str = "meta";
    /// The key in `meta` of the storage version the store was written by.
    const VERSION_KEY: &str = "storage_version";
    /// The key in `meta` of the lock's header, while the lock is on.
    const LOCK_KEY: &str = "lock";

    /// An open database.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Db(IdbDatabase);

    /// Waits for `target` to fire one of `ok` (resolving with that event), or
    /// `error` or `abort` (failing).
    pub async fn settled(target: &EventTarget, ok: &[&str]) -> Result<web_sys::Event, ()> {
        let promise = Promise::new(&mut |resolve, reject| {
            for name in ok {
                let _ = target.add_event_listener_with_callback(name, &resolve);
            }
            for name in ["error", "abort"] {
                let _ = target.add_event_listener_with_callback(name, &reject);
            }
        });
        JsFuture::from(promise)
            .await
            .map(JsCast::unchecked_into)
            .map_err(drop)
    }

    /// A DOMException's name and message, or what the value says.
    pub fn reason(error: &JsValue) -> String {
        let field = |name: &str| {
            js_sys::Reflect::get(error, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        match (field("name"), field("message")) {
            (Some(name), Some(message)) => format!("{name}: {message}"),
            _ => format!("{error:?}"),
        }
    }

    /// A DOMException in words; a full disk in the app's own words.
    pub fn why(error: Option<DomException>) -> String {
        match error {
            Some(error) if error.name() == "QuotaExceededError" => FULL.to_owned(),
            Some(error) => format!("{}: {}", error.name(), error.message()),
            None => "the browser stopped it".to_owned(),
        }
    }

    /// The result of a request, once it succeeded.
    pub async fn request(made: Result<IdbRequest, JsValue>) -> Result<JsValue, String> {
        let request = made.map_err(|e| reason(&e))?;
        match settled(&request, &["success"]).await {
            Ok(_) => request.result().map_err(|e| reason(&e)),
            Err(()) => Err(why(request.error().ok().flatten())),
        }
    }

    /// Opens (or creates, with the object stores `stores`) the database
    /// `name` at version 1; a database a newer app moved to a later version
    /// is `TooNew`, never opened.
    pub async fn open_database(name: &str, stores: &[&str]) -> Result<IdbDatabase, OpenError> {
        let unavailable = |e: JsValue| OpenError::Unavailable(reason(&e));
        let factory = web_sys::window()
            .ok_or_else(|| OpenError::Unavailable("there is no window".to_owned()))?
            .indexed_db()
            .map_err(unavailable)?
            .ok_or_else(|| OpenError::Unavailable("this browser has no IndexedDB".to_owned()))?;
        let open = factory.open_with_u32(name, 1).map_err(unavailable)?;
        let failed = |open: &web_sys::IdbOpenDbRequest| match open.error().ok().flatten() {
            Some(error) if error.name() == "VersionError" => OpenError::TooNew(2),
            error => OpenError::Unavailable(why(error)),
        };
        let first = settled(&open, &["upgradeneeded", "success"])
            .await
            .map_err(|()| failed(&open))?;
        let db: IdbDatabase = open.result().map_err(unavailable)?.unchecked_into();
        if first.type_() == "upgradeneeded" {
            for name in stores {
                db.create_object_store(name).map_err(unavailable)?;
            }
            settled(&open, &["success"])
                .await
                .map_err(|()| failed(&open))?;
        }
        Ok(db)
    }

    impl Db {
        /// Opens (or creates) the database `name`: the app's is [`DB_NAME`].
        pub async fn open(name: &str) -> Result<Db, OpenError> {
            let db = open_database(name, &[CASES, META])
                .await
                .map_err(|error| match error {
                    OpenError::TooNew(_) => OpenError::TooNew(LOCKED_RECORDS_VERSION + 1),
                    error => error,
                })?;
            let db = Db(db);
            match db.version().await.map_err(OpenError::Unavailable)? {
                Some(found) if found > LOCKED_RECORDS_VERSION => Err(OpenError::TooNew(found)),
                _ => Ok(db),
            }
        }

        /// Closes the database: later transactions fail.
        pub fn close(&self) {
            self.0.close();
        }

        fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, String> {
            let names = Array::of2(&CASES.into(), &META.into());
            self.0
                .transaction_with_str_sequence_and_mode(&names, mode)
                .map_err(|e| reason(&e))
        }

        /// A readwrite transaction, and its two object stores.
        fn writing(&self) -> Result<(IdbTransaction, IdbObjectStore, IdbObjectStore), String> {
            let transaction = self.transaction(IdbTransactionMode::Readwrite)?;
            let cases = store(&transaction, CASES)?;
            let meta = store(&transaction, META)?;
            Ok((transaction, cases, meta))
        }

        /// The storage version in `meta`: `None` for a store never written.
        async fn version(&self) -> Result<Option<u64>, String> {
            let meta = store(&self.transaction(IdbTransactionMode::Readonly)?, META)?;
            let found = request(meta.get(&VERSION_KEY.into())).await?;
            Ok(found.as_f64().map(|version| version as u64))
        }

        /// Every record, in the order of their keys.
        pub async fn read_all(&self) -> Result<Stored, String> {
            let cases = store(&self.transaction(IdbTransactionMode::Readonly)?, CASES)?;
            let keys = request(cases.get_all_keys()).await?;
            let values = request(cases.get_all()).await?;
            let records = Array::from(&keys)
                .iter()
                .zip(Array::from(&values).iter())
                .map(|(key, value)| (text(key), text(value)))
                .collect();
            Ok(Stored { records })
        }

        /// The lock's header, while the lock is on.
        pub async fn lock_header(&self) -> Result<Option<String>, String> {
            let meta = store(&self.transaction(IdbTransactionMode::Readonly)?, META)?;
            let found = request(meta.get(&LOCK_KEY.into())).await?;
            Ok(found.as_string())
        }

        /// The lock's header and the records under `keys` as stored now
        /// (`None`: no record), read together.
        pub async fn read(
            &self,
            keys: &[String],
        ) -> Result<(Option<String>, Vec<(String, Option<String>)>), String> {
            let transaction = self.transaction(IdbTransactionMode::Readonly)?;
            let header = request(store(&transaction, META)?.get(&LOCK_KEY.into())).await?;
            let cases = store(&transaction, CASES)?;
            let mut found = Vec::with_capacity(keys.len());
            for key in keys {
                let value = request(cases.get(&key.as_str().into())).await?;
                found.push((key.clone(), (!value.is_undefined()).then(|| text(value))));
            }
            Ok((header.as_string(), found))
        }

        /// Writes `puts` in one transaction, with no lock.
        pub async fn write(&self, puts: &[Put]) -> Result<(), WriteError> {
            self.change(Change::unlocked(puts)).await
        }

        /// Makes `change` in one transaction, with the storage version, after
        /// checking in that same transaction the lock's header and that each
        /// record still has the revision expected (for a change of the whole
        /// store, that it holds those records and no others). Writes nothing
        /// on any conflict or failure.
        pub async fn change(&self, change: Change<'_>) -> Result<(), WriteError> {
            let failed = WriteError::Failed;
            let transaction = self
                .transaction(IdbTransactionMode::Readwrite)
                .map_err(failed)?;
            let cases = store(&transaction, CASES).map_err(failed)?;
            let meta = store(&transaction, META).map_err(failed)?;
            let header = request(meta.get(&LOCK_KEY.into())).await.map_err(failed)?;
            if header.as_string().as_deref() != change.lock_now {
                let _ = transaction.abort();
                return Err(WriteError::LockChanged);
            }
            let expected: Vec<(&str, Option<u64>)> = match change.whole {
                Some(whole) => whole
                    .iter()
                    .map(|(key, rev)| (key.as_str(), *rev))
                    .collect(),
                None => (change.puts.iter())
                    .map(|put| (put.id.as_str(), put.expect))
                    .collect(),
            };
            let mut conflicts = Vec::new();
            for (key, expect) in expected {
                let found = request(cases.get(&key.into())).await.map_err(failed)?;
                // A record that cannot be read is someone else's: never over
                // it, but in a change of the whole store, known as such.
                let stored = (!found.is_undefined())
                    .then(|| found.as_string().and_then(|text| record_revision(&text)));
                let known = match change.whole {
                    Some(_) => Some(expect),
                    None => expect.map(Some),
                };
                if stored != known {
                    conflicts.push(key.to_owned());
                }
            }
            if let Some(whole) = change.whole {
                let count = request(cases.count()).await.map_err(failed)?;
                if count.as_f64() != Some(whole.len() as f64) {
                    conflicts.push(String::new());
                }
            }
            if !conflicts.is_empty() {
                let _ = transaction.abort();
                return Err(WriteError::Conflict(conflicts));
            }
            if let Some(text) = change.aside {
                put_aside(&meta, text).await.map_err(failed)?;
            }
            let writes = || -> Result<(), JsValue> {
                if change.whole.is_some() {
                    cases.clear()?;
                }
                for put in change.puts {
                    let key = JsValue::from(put.id.as_str());
                    match &put.record {
                        Some(record) => cases.put_with_key(&record.into(), &key)?,
                        None => cases.delete(&key)?,
                    };
                }
                let version = match change.lock_after {
                    Some(header) => {
                        meta.put_with_key(&header.into(), &LOCK_KEY.into())?;
                        LOCKED_RECORDS_VERSION
                    }
                    None => {
                        meta.delete(&LOCK_KEY.into())?;
                        RECORDS_VERSION
                    }
                };
                meta.put_with_key(&(version as f64).into(), &VERSION_KEY.into())?;
                Ok(())
            };
            if let Err(error) = writes() {
                let _ = transaction.abort();
                return Err(failed(why(error.dyn_into().ok())));
            }
            committed(&transaction).await.map_err(failed)
        }
    }

    impl Db {
        /// The copies of data kept aside in `meta` (each key and text).
        pub async fn kept_aside(&self) -> Result<Vec<(String, String)>, String> {
            copies(&store(
                &self.transaction(IdbTransactionMode::Readonly)?,
                META,
            )?)
            .await
        }

        /// Keeps `text` aside in `meta`, in a transaction of its own; the
        /// key it is kept under.
        pub async fn keep_aside(&self, text: &str) -> Result<String, String> {
            let (transaction, _, meta) = self.writing()?;
            let key = put_aside(&meta, text).await?;
            committed(&transaction).await.map(|()| key)
        }

        /// Deletes every copy kept aside in `meta`.
        pub async fn forget_aside(&self) -> Result<(), String> {
            let (transaction, _, meta) = self.writing()?;
            for (key, _) in copies(&meta).await? {
                meta.delete(&key.into()).map_err(|e| reason(&e))?;
            }
            committed(&transaction).await
        }
    }

    /// The copies kept aside in `meta`, each key and text.
    async fn copies(meta: &IdbObjectStore) -> Result<Vec<(String, String)>, String> {
        let keys = request(meta.get_all_keys()).await?;
        let values = request(meta.get_all()).await?;
        Ok((Array::from(&keys).iter().zip(Array::from(&values).iter()))
            .map(|(key, value)| (text(key), text(value)))
            .filter(|(key, _)| is_aside_key(key))
            .collect())
    }

    /// Puts `text` in `meta` where [`aside_slot`] says (nowhere, when a copy
    /// there holds it already); the key it is kept under.
    async fn put_aside(meta: &IdbObjectStore, text: &str) -> Result<String, String> {
        let (key, write) = aside_slot(text, &copies(meta).await?)?;
        if write {
            let value = JsValue::from(text);
            meta.put_with_key(&value, &key.as_str().into())
                .map_err(|e| reason(&e))?;
        }
        Ok(key)
    }

    /// Waits for a readwrite transaction to be written, or says why it was
    /// not.
    pub async fn committed(transaction: &IdbTransaction) -> Result<(), String> {
        settled(transaction, &["complete"])
            .await
            .map(drop)
            .map_err(|()| why(transaction.error()))
    }

    /// A stored value as text: a record is text; anything else another
    /// program put there is shown as JSON.
    pub fn text(value: JsValue) -> String {
        value
            .as_string()
            .or_else(|| js_sys::JSON::stringify(&value).ok().map(String::from))
            .unwrap_or_default()
    }

    fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, String> {
        transaction.object_store(name).map_err(|e| reason(&e))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    //! Outside the browser there is no IndexedDB: [`Db::open`] fails, so no
    //! [`Db`] is ever made and its other functions cannot be reached.

    use super::{Change, OpenError, Put, Stored, WriteError};

    /// No database can be open natively.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Db {}

    impl Db {
        pub async fn open(_name: &str) -> Result<Db, OpenError> {
            Err(OpenError::Unavailable(
                "IndexedDB needs a browser".to_owned(),
            ))
        }

        pub fn close(&self) {
            match *self {}
        }

        pub async fn read_all(&self) -> Result<Stored, String> {
            match *self {}
        }

        pub async fn lock_header(&self) -> Result<Option<String>, String> {
            match *self {}
        }

        pub async fn read(
            &self,
            _keys: &[String],
        ) -> Result<(Option<String>, Vec<(String, Option<String>)>), String> {
            match *self {}
        }

        pub async fn write(&self, _puts: &[Put]) -> Result<(), WriteError> {
            match *self {}
        }

        pub async fn change(&self, _change: Change<'_>) -> Result<(), WriteError> {
            match *self {}
        }

        pub async fn kept_aside(&self) -> Result<Vec<(String, String)>, String> {
            match *self {}
        }

        pub async fn keep_aside(&self, _text: &str) -> Result<String, String> {
            match *self {}
        }

        pub async fn forget_aside(&self) -> Result<(), String> {
            match *self {}
        }
    }
}
