//! The cases in the browser's IndexedDB, one record per case ([`records`]),
//! through web-sys directly: a handful of calls (open, read all, one
//! readwrite transaction) cost fewer bytes than a wrapper crate, and each
//! request is awaited through one small promise ([`settled`]).
//!
//! The database [`DB_NAME`] holds two object stores: `cases`, each record
//! under its case's id, and `meta`, the storage version (and later the app's
//! small records). A write is one readwrite transaction that first reads the
//! revision of each record it is about to change, and writes nothing if any
//! is not the one expected: IndexedDB applies a transaction whole or not at
//! all, so a closed tab or a crash leaves each case as it was or as it became.
//!
//! [`records`]: super::records

#[cfg(not(target_arch = "wasm32"))]
pub use native::Db;
#[cfg(target_arch = "wasm32")]
pub use web::{Db, committed, open_database, reason, request, settled, why};

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
    /// The browser refused the transaction (a full disk, ...).
    Failed(String),
}

/// What the store holds: each record's key and text, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stored {
    pub records: Vec<(String, String)>,
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

    use super::{OpenError, Stored, WriteError};
    use crate::storage::FULL;
    use crate::storage::records::{Put, RECORDS_VERSION, record_revision};

    const CASES: &str = "cases";
    const META: &str = "meta";
    /// The key in `meta` of the storage version the store was written by.
    const VERSION_KEY: &str = "storage_version";

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
                    OpenError::TooNew(_) => OpenError::TooNew(RECORDS_VERSION + 1),
                    error => error,
                })?;
            let db = Db(db);
            match db.version().await.map_err(OpenError::Unavailable)? {
                Some(found) if found > RECORDS_VERSION => Err(OpenError::TooNew(found)),
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

        /// The records of cases `ids` as stored now (`None`: no record).
        pub async fn read(&self, ids: &[String]) -> Result<Vec<(String, Option<String>)>, String> {
            let cases = store(&self.transaction(IdbTransactionMode::Readonly)?, CASES)?;
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                let value = request(cases.get(&id.as_str().into())).await?;
                found.push((id.clone(), (!value.is_undefined()).then(|| text(value))));
            }
            Ok(found)
        }

        /// Deletes every record, in one transaction.
        pub async fn clear(&self) -> Result<(), String> {
            let transaction = self.transaction(IdbTransactionMode::Readwrite)?;
            store(&transaction, CASES)?
                .clear()
                .map_err(|e| reason(&e))?;
            committed(&transaction).await
        }

        /// Writes `puts` in one transaction, with the storage version, after
        /// checking in that same transaction that each record still has the
        /// revision expected. Writes nothing on any conflict or failure.
        pub async fn write(&self, puts: &[Put]) -> Result<(), WriteError> {
            let failed = WriteError::Failed;
            let transaction = self
                .transaction(IdbTransactionMode::Readwrite)
                .map_err(failed)?;
            let cases = store(&transaction, CASES).map_err(failed)?;
            let mut conflicts = Vec::new();
            for put in puts {
                let found = request(cases.get(&put.id.as_str().into()))
                    .await
                    .map_err(failed)?;
                // A record that cannot be read is someone else's: never over it.
                let stored = (!found.is_undefined())
                    .then(|| found.as_string().and_then(|text| record_revision(&text)));
                if stored != put.expect.map(Some) {
                    conflicts.push(put.id.clone());
                }
            }
            if !conflicts.is_empty() {
                let _ = transaction.abort();
                return Err(WriteError::Conflict(conflicts));
            }
            let writes = || -> Result<(), JsValue> {
                for put in puts {
                    let key = JsValue::from(put.id.as_str());
                    match &put.record {
                        Some(record) => cases.put_with_key(&record.into(), &key)?,
                        None => cases.delete(&key)?,
                    };
                }
                store(&transaction, META)
                    .map_err(JsValue::from)?
                    .put_with_key(&(RECORDS_VERSION as f64).into(), &VERSION_KEY.into())?;
                Ok(())
            };
            if let Err(error) = writes() {
                let _ = transaction.abort();
                return Err(failed(why(error.dyn_into().ok())));
            }
            committed(&transaction).await.map_err(failed)
        }
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
    fn text(value: JsValue) -> String {
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

    use super::{OpenError, Stored, WriteError};
    use crate::storage::records::Put;

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

        pub async fn read(&self, _ids: &[String]) -> Result<Vec<(String, Option<String>)>, String> {
            match *self {}
        }

        pub async fn write(&self, _puts: &[Put]) -> Result<(), WriteError> {
            match *self {}
        }

        pub async fn clear(&self) -> Result<(), String> {
            match *self {}
        }
    }
}
