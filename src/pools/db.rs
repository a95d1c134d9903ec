//! The pools' own IndexedDB database, [`POOLS_DB`], apart from the app's:
//! one object store, `files`, each record under the SHA-256 of the file it
//! came from, holding the pool's name, the file's name, the day it was added
//! (as days from the common era: a number, not a date to parse), how many
//! cases it holds and its anonymised case file. Only the pages of
//! the `pools` and `report` parts open it; the main module never does.

#[cfg(not(target_arch = "wasm32"))]
pub use native::PoolDb;
#[cfg(target_arch = "wasm32")]
pub use web::PoolDb;

/// The pools' database.
pub const POOLS_DB: &str = "ehc-timeline-pools";

#[cfg(target_arch = "wasm32")]
mod web {
    use chrono::{Datelike, NaiveDate};
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::JsValue;
    use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

    use super::POOLS_DB;
    use crate::pools::Pooled;
    use crate::storage::idb::{OpenError, committed, open_database, reason, request};

    const FILES: &str = "files";

    /// The pools' database, open.
    pub struct PoolDb(IdbDatabase);

    impl PoolDb {
        /// Opens the pools' database, made empty the first time.
        pub async fn open() -> Result<PoolDb, String> {
            let db = open_database(POOLS_DB, &[FILES]).await;
            Ok(PoolDb(db.map_err(OpenError::in_words)?))
        }

        fn files_store(
            &self,
            mode: IdbTransactionMode,
        ) -> Result<(IdbTransaction, IdbObjectStore), String> {
            let transaction = self
                .0
                .transaction_with_str_and_mode(FILES, mode)
                .map_err(|e| reason(&e))?;
            let store = transaction.object_store(FILES).map_err(|e| reason(&e))?;
            Ok((transaction, store))
        }

        /// Every record, with its key.
        async fn records(&self) -> Result<Vec<(JsValue, JsValue)>, String> {
            let (_, files) = self.files_store(IdbTransactionMode::Readonly)?;
            let keys = request(files.get_all_keys()).await?;
            let values = request(files.get_all()).await?;
            Ok(Array::from(&keys)
                .iter()
                .zip(Array::from(&values).iter())
                .collect())
        }

        /// Every file kept, in the order of their hashes.
        pub async fn files(&self) -> Result<Vec<Pooled>, String> {
            Ok(self
                .records()
                .await?
                .iter()
                .filter_map(|(key, record)| pooled(key, record))
                .collect())
        }

        /// The anonymised case files of the pool `pool`.
        pub async fn texts(&self, pool: &str) -> Result<Vec<String>, String> {
            Ok(self
                .records()
                .await?
                .iter()
                .filter(|(_, record)| text_of(record, "pool").as_deref() == Some(pool))
                .filter_map(|(_, record)| text_of(record, "text"))
                .collect())
        }

        /// The pool that already keeps the file of this hash, if one does.
        pub async fn pool_of(&self, hash: &str) -> Result<Option<String>, String> {
            let (_, files) = self.files_store(IdbTransactionMode::Readonly)?;
            let record = request(files.get(&hash.into())).await?;
            Ok(text_of(&record, "pool"))
        }

        /// Keeps `file`, whose anonymised case file is `text`.
        pub async fn add(&self, file: &Pooled, text: &str) -> Result<(), String> {
            let record = Object::new();
            let fields: [(&str, JsValue); 5] = [
                ("pool", file.pool.as_str().into()),
                ("name", file.name.as_str().into()),
                ("added", f64::from(file.added.num_days_from_ce()).into()),
                ("cases", (file.cases as f64).into()),
                ("text", text.into()),
            ];
            for (field, value) in fields {
                Reflect::set(&record, &field.into(), &value).map_err(|e| reason(&e))?;
            }
            let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
            files
                .put_with_key(&record, &file.hash.as_str().into())
                .map_err(|e| reason(&e))?;
            committed(&transaction).await
        }

        /// Removes every file of the pool `pool`, in one transaction.
        pub async fn remove_pool(&self, pool: &str) -> Result<(), String> {
            let records = self.records().await?;
            let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
            for (key, record) in &records {
                if text_of(record, "pool").as_deref() == Some(pool) {
                    files.delete(key).map_err(|e| reason(&e))?;
                }
            }
            committed(&transaction).await
        }
    }

    fn text_of(record: &JsValue, field: &str) -> Option<String> {
        Reflect::get(record, &field.into()).ok()?.as_string()
    }

    fn number(record: &JsValue, field: &str) -> Option<f64> {
        Reflect::get(record, &field.into()).ok()?.as_f64()
    }

    /// A record as a [`Pooled`]; `None` for one some other program wrote.
    fn pooled(key: &JsValue, record: &JsValue) -> Option<Pooled> {
        Some(Pooled {
            hash: key.as_string()?,
            pool: text_of(record, "pool")?,
            name: text_of(record, "name")?,
            added: number(record, "added")
                .and_then(|days| NaiveDate::from_num_days_from_ce_opt(days as i32))?,
            cases: number(record, "cases")? as usize,
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    //! Outside the browser there is no IndexedDB: [`PoolDb::open`] fails, so
    //! no [`PoolDb`] is ever made and its other functions cannot be reached.

    use crate::pools::Pooled;

    /// No database can be open natively.
    pub enum PoolDb {}

    impl PoolDb {
        pub async fn open() -> Result<PoolDb, String> {
            Err("IndexedDB needs a browser".to_owned())
        }

        pub async fn files(&self) -> Result<Vec<Pooled>, String> {
            match *self {}
        }

        pub async fn texts(&self, _pool: &str) -> Result<Vec<String>, String> {
            match *self {}
        }

        pub async fn pool_of(&self, _hash: &str) -> Result<Option<String>, String> {
            match *self {}
        }

        pub async fn add(&self, _file: &crate::pools::Pooled, _text: &str) -> Result<(), String> {
            match *self {}
        }

        pub async fn remove_pool(&self, _pool: &str) -> Result<(), String> {
            match *self {}
        }
    }
}
