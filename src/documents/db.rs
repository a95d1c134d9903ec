//! The documents' own IndexedDB database, [`DOCUMENTS_DB`], apart from the
//! cases': `files` holds each document's sealed bytes under its id, `added`
//! the day each was stored (as days from the common era, so old unlisted
//! ones can be found without reading any document), and `keys` the
//! documents' key, plain or sealed (see [`super::keys`]).

#[cfg(not(target_arch = "wasm32"))]
pub use native::DocDb;
#[cfg(target_arch = "wasm32")]
pub use web::DocDb;

/// The documents' database.
pub const DOCUMENTS_DB: &str = "ehc-timeline-documents";

#[cfg(target_arch = "wasm32")]
mod web {
    use chrono::{Datelike, NaiveDate};
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::JsValue;
    use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

    use super::DOCUMENTS_DB;
    use crate::storage::idb::{OpenError, committed, open_database, reason, request};

    const FILES: &str = "files";
    const ADDED: &str = "added";
    const KEYS: &str = "keys";

    /// The documents' database, open.
    pub struct DocDb(IdbDatabase);

    /// Closed once used (after its transactions finish), so a connection
    /// nobody holds never keeps another tab from upgrading or deleting it.
    impl Drop for DocDb {
        fn drop(&mut self) {
            self.0.close();
        }
    }

    impl DocDb {
        /// Opens the documents' database, made empty the first time.
        pub async fn open() -> Result<DocDb, String> {
            let db = open_database(DOCUMENTS_DB, &[FILES, ADDED, KEYS]).await;
            Ok(DocDb(db.map_err(OpenError::in_words)?))
        }

        fn transaction(
            &self,
            names: &[&str],
            mode: IdbTransactionMode,
        ) -> Result<IdbTransaction, String> {
            let names: Array = names.iter().map(|name| JsValue::from_str(name)).collect();
            self.0
                .transaction_with_str_sequence_and_mode(&names, mode)
                .map_err(|e| reason(&e))
        }

        fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, String> {
            transaction.object_store(name).map_err(|e| reason(&e))
        }

        async fn get(&self, name: &str, key: &str) -> Result<Option<Vec<u8>>, String> {
            let transaction = self.transaction(&[name], IdbTransactionMode::Readonly)?;
            let found = request(Self::store(&transaction, name)?.get(&key.into())).await?;
            Ok((!found.is_undefined()).then(|| Uint8Array::new(&found).to_vec()))
        }

        async fn keys_of(&self, name: &str) -> Result<Vec<String>, String> {
            let transaction = self.transaction(&[name], IdbTransactionMode::Readonly)?;
            let keys = request(Self::store(&transaction, name)?.get_all_keys()).await?;
            Ok(Array::from(&keys)
                .iter()
                .filter_map(|key| key.as_string())
                .collect())
        }

        /// The stored copy `name` of the documents' key.
        pub async fn key(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
            self.get(KEYS, name).await
        }

        /// The names of the stored copies of the documents' key.
        pub async fn key_names(&self) -> Result<Vec<String>, String> {
            self.keys_of(KEYS).await
        }

        /// Stores `bytes` as the copy `name` of the documents' key.
        pub async fn put_key(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
            let transaction = self.transaction(&[KEYS], IdbTransactionMode::Readwrite)?;
            Self::store(&transaction, KEYS)?
                .put_with_key(&Uint8Array::from(bytes), &name.into())
                .map_err(|e| reason(&e))?;
            committed(&transaction).await
        }

        /// Removes the copies `names` of the documents' key, in one
        /// transaction.
        pub async fn delete_keys(&self, names: &[String]) -> Result<(), String> {
            let transaction = self.transaction(&[KEYS], IdbTransactionMode::Readwrite)?;
            let keys = Self::store(&transaction, KEYS)?;
            for name in names {
                keys.delete(&name.into()).map_err(|e| reason(&e))?;
            }
            committed(&transaction).await
        }

        /// Stores the sealed bytes of document `id`, added on `added`.
        pub async fn put(&self, id: &str, sealed: &[u8], added: NaiveDate) -> Result<(), String> {
            let transaction = self.transaction(&[FILES, ADDED], IdbTransactionMode::Readwrite)?;
            let day = f64::from(added.num_days_from_ce());
            Self::store(&transaction, FILES)?
                .put_with_key(&Uint8Array::from(sealed), &id.into())
                .map_err(|e| reason(&e))?;
            Self::store(&transaction, ADDED)?
                .put_with_key(&day.into(), &id.into())
                .map_err(|e| reason(&e))?;
            committed(&transaction).await
        }

        /// The sealed bytes of document `id`, if stored.
        pub async fn sealed(&self, id: &str) -> Result<Option<Vec<u8>>, String> {
            self.get(FILES, id).await
        }

        /// Every stored document's id and the day it was added.
        pub async fn stored(&self) -> Result<Vec<(String, NaiveDate)>, String> {
            let transaction = self.transaction(&[ADDED], IdbTransactionMode::Readonly)?;
            let store = Self::store(&transaction, ADDED)?;
            let keys = request(store.get_all_keys()).await?;
            let days = request(store.get_all()).await?;
            Ok(Array::from(&keys)
                .iter()
                .zip(Array::from(&days).iter())
                .filter_map(|(id, day)| {
                    let day = NaiveDate::from_num_days_from_ce_opt(day.as_f64()? as i32)?;
                    Some((id.as_string()?, day))
                })
                .collect())
        }

        /// Removes documents `ids`, in one transaction.
        pub async fn delete(&self, ids: &[&str]) -> Result<(), String> {
            let transaction = self.transaction(&[FILES, ADDED], IdbTransactionMode::Readwrite)?;
            for name in [FILES, ADDED] {
                let store = Self::store(&transaction, name)?;
                for id in ids {
                    store.delete(&(*id).into()).map_err(|e| reason(&e))?;
                }
            }
            committed(&transaction).await
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    //! Outside the browser there is no IndexedDB: [`DocDb::open`] fails, so
    //! no [`DocDb`] is ever made and its other functions cannot be reached.

    use chrono::NaiveDate;

    /// No database can be open natively.
    pub enum DocDb {}

    impl DocDb {
        pub async fn open() -> Result<DocDb, String> {
            Err("IndexedDB needs a browser".to_owned())
        }

        pub async fn key(&self, _name: &str) -> Result<Option<Vec<u8>>, String> {
            match *self {}
        }

        pub async fn key_names(&self) -> Result<Vec<String>, String> {
            match *self {}
        }

        pub async fn put_key(&self, _name: &str, _bytes: &[u8]) -> Result<(), String> {
            match *self {}
        }

        pub async fn delete_keys(&self, _names: &[String]) -> Result<(), String> {
            match *self {}
        }

        pub async fn put(
            &self,
            _id: &str,
            _sealed: &[u8],
            _added: NaiveDate,
        ) -> Result<(), String> {
            match *self {}
        }

        pub async fn sealed(&self, _id: &str) -> Result<Option<Vec<u8>>, String> {
            match *self {}
        }

        pub async fn stored(&self) -> Result<Vec<(String, NaiveDate)>, String> {
            match *self {}
        }

        pub async fn delete(&self, _ids: &[&str]) -> Result<(), String> {
            match *self {}
        }
    }
}
