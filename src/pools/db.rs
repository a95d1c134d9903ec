//! The pools' own IndexedDB database, [`POOLS_DB`], apart from the app's:
//! one object store, `files`, a record for each file pooled, holding the
//! SHA-256 of the file as it came, the pool's name, the file's name, the day
//! it was added (as days from the common era: a number, not a date to
//! parse), how many cases it holds and its anonymised case file.
//!
//! Each record is sealed (JSON, encrypted) with the documents' key
//! ([`crate::documents::keys`]), under a random id: while the lock is on,
//! nothing of a pool, not even the fingerprint of a file of dates, which
//! could be guessed, can be read without the passphrase, and a change of
//! the lock seals that one key again, never the pools. Records of a version
//! before this one are plain, under their hash: they are read as they are
//! and sealed the first time the key is at hand. Only the `pools` part
//! opens it; the main module never does. The agenda and the report (other
//! parts) only count its records, and where there are some ask the `pools`
//! part for them, opened ([`Handed`]): neither carries the database's code,
//! its keys nor its sealing (about 14 KB gzip each).

#[cfg(not(target_arch = "wasm32"))]
pub use native::{Handed, PoolDb};
#[cfg(target_arch = "wasm32")]
pub use web::{Handed, PoolDb, hand_over};

/// The pools' database.
pub const POOLS_DB: &str = "ehc-timeline-pools";

#[cfg(target_arch = "wasm32")]
mod web {
    use chrono::{Datelike, NaiveDate};
    use js_sys::{Array, JSON, Object, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

    use super::POOLS_DB;
    use crate::browser;
    use crate::crypto::{DataKey, SessionKey, hex, random_bytes};
    use crate::documents::{db::DocDb, keys};
    use rules::case_file::json::Writer;

    use crate::pools::Pooled;
    use crate::storage::idb::{OpenError, committed, open_database, reason, request, text};

    const FILES: &str = "files";

    /// The pools' database, open, with the key that opens its records.
    pub struct PoolDb {
        db: IdbDatabase,
        key: DataKey,
    }

    /// A handle let go closes its connection, so that none is left open to
    /// hold up a later version's upgrade, or a deletion.
    impl Drop for PoolDb {
        fn drop(&mut self) {
            self.db.close();
        }
    }

    impl PoolDb {
        /// Opens the pools' database, made empty the first time, with the
        /// key the lock `lock` opens (`None`: the lock is off).
        pub async fn open(lock: Option<&SessionKey>) -> Result<PoolDb, String> {
            // The key first: a connection is opened only to be kept (and
            // closed when dropped), never left open by a refusal.
            let key = keys::data_key(&DocDb::open().await?, lock)
                .await
                .map_err(|why| format!("the pools are locked: {why}"))?;
            let db = open_database(POOLS_DB, &[FILES])
                .await
                .map_err(OpenError::in_words)?;
            Ok(PoolDb { db, key })
        }

        fn files_store(
            &self,
            mode: IdbTransactionMode,
        ) -> Result<(IdbTransaction, IdbObjectStore), String> {
            let transaction = self
                .db
                .transaction_with_str_and_mode(FILES, mode)
                .map_err(|e| reason(&e))?;
            let store = transaction.object_store(FILES).map_err(|e| reason(&e))?;
            Ok((transaction, store))
        }

        /// `record` as JSON, encrypted, ready to store.
        async fn seal(&self, record: &Object) -> Result<Uint8Array, String> {
            let json: String = JSON::stringify(record).map_err(|e| reason(&e))?.into();
            Ok(Uint8Array::from(&self.key.seal(json.as_bytes()).await?[..]))
        }

        /// What [`PoolDb::seal`] sealed; `None` for what it did not.
        async fn opened(&self, sealed: &JsValue) -> Option<Object> {
            let json = self
                .key
                .open(&Uint8Array::new(sealed).to_vec())
                .await
                .ok()?;
            JSON::parse(std::str::from_utf8(&json).ok()?)
                .ok()?
                .dyn_into()
                .ok()
        }

        /// Every record, opened, with its key, and those that cannot be
        /// opened (damaged, or sealed with a key no longer here), as
        /// stored. Plain ones, of a version before records were sealed, are
        /// sealed as they are found, all in one transaction: until it
        /// commits, they stay as they were. Each is sealed only if it is
        /// still there in that transaction, so that two tabs sealing at
        /// once never store a file twice; when another tab was first, all
        /// is read again.
        async fn records(
            &self,
        ) -> Result<(Vec<(JsValue, Object)>, Vec<(JsValue, JsValue)>), String> {
            loop {
                let (_, files) = self.files_store(IdbTransactionMode::Readonly)?;
                let keys = request(files.get_all_keys()).await?;
                let values = request(files.get_all()).await?;
                let (mut records, mut plain, mut unopened) = (Vec::new(), Vec::new(), Vec::new());
                for (key, value) in Array::from(&keys).iter().zip(Array::from(&values).iter()) {
                    let record = value.dyn_ref::<Object>().cloned();
                    if value.is_instance_of::<Uint8Array>() {
                        match self.opened(&value).await {
                            Some(record) => records.push((key, record)),
                            None => unopened.push((key, value)),
                        }
                    } else if let (Some(hash), Some(record)) = (key.as_string(), record) {
                        set(&record, "hash", hash.into())?;
                        plain.push((key, record));
                    } else {
                        unopened.push((key, value));
                    }
                }
                if plain.is_empty() {
                    return Ok((records, unopened));
                }
                let mut sealed = Vec::with_capacity(plain.len());
                for (_, record) in &plain {
                    sealed.push((new_id()?, self.seal(record).await?));
                }
                let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
                let mut all_there = true;
                for ((old, _), (id, bytes)) in plain.iter().zip(&sealed) {
                    if request(files.get(old)).await?.is_undefined() {
                        all_there = false;
                        continue;
                    }
                    files.delete(old).map_err(|e| reason(&e))?;
                    files.put_with_key(bytes, id).map_err(|e| reason(&e))?;
                }
                committed(&transaction).await?;
                if all_there {
                    let ids = sealed.into_iter().map(|(id, _)| id);
                    records.extend(ids.zip(plain).map(|(id, (_, record))| (id, record)));
                    return Ok((records, unopened));
                }
            }
        }

        /// Every record opened, and how many cannot be: what the agenda
        /// and the report are handed ([`hand_over`]).
        pub async fn handed(&self) -> Result<Handed, String> {
            let (records, unopened) = boxed(self.records()).await?;
            Ok(Handed {
                records: records.into_iter().map(|(_, record)| record).collect(),
                unopened: unopened.len(),
            })
        }

        /// Every file kept, and how many records cannot be opened.
        pub async fn kept(&self) -> Result<(Vec<Pooled>, usize), String> {
            let (records, unopened) = self.records().await?;
            let files = records.iter().filter_map(|(_, record)| pooled(record));
            Ok((files.collect(), unopened.len()))
        }

        /// Every file kept.
        pub async fn files(&self) -> Result<Vec<Pooled>, String> {
            Ok(self.kept().await?.0)
        }

        /// The records that cannot be opened, exactly as stored, in one
        /// text to download: `{key: {"sealed": hex}}`, or `{"stored":
        /// JSON}` for a value that is not sealed bytes.
        pub async fn unopened_text(&self) -> Result<String, String> {
            let mut writer = Writer::new(true);
            writer.open('{');
            for (key, value) in self.records().await?.1 {
                writer.key(&text(key));
                writer.open('{');
                match value.dyn_ref::<Uint8Array>() {
                    Some(bytes) => {
                        writer.key("sealed");
                        writer.string(&hex(&bytes.to_vec()));
                    }
                    None => {
                        writer.key("stored");
                        writer.string(&text(value.clone()));
                    }
                }
                writer.close('}');
            }
            writer.close('}');
            Ok(writer.finish())
        }

        /// Removes the records that cannot be opened, in one transaction.
        pub async fn remove_unopened(&self) -> Result<(), String> {
            let unopened = self.records().await?.1;
            let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
            for (key, _) in &unopened {
                files.delete(key).map_err(|e| reason(&e))?;
            }
            committed(&transaction).await
        }

        /// Keeps `file`, whose anonymised case file is `text`, sealed.
        pub async fn add(&self, file: &Pooled, text: &str) -> Result<(), String> {
            let record = Object::new();
            let fields: [(&str, JsValue); 6] = [
                ("hash", file.hash.as_str().into()),
                ("pool", file.pool.as_str().into()),
                ("name", file.name.as_str().into()),
                ("added", f64::from(file.added.num_days_from_ce()).into()),
                ("cases", (file.cases as f64).into()),
                ("text", text.into()),
            ];
            for (field, value) in fields {
                set(&record, field, value)?;
            }
            let sealed = self.seal(&record).await?;
            let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
            files
                .put_with_key(&sealed, &new_id()?)
                .map_err(|e| reason(&e))?;
            committed(&transaction).await
        }

        /// Removes every file of the pool `pool`, in one transaction.
        pub async fn remove_pool(&self, pool: &str) -> Result<(), String> {
            let records = self.records().await?.0;
            let (transaction, files) = self.files_store(IdbTransactionMode::Readwrite)?;
            for (key, record) in &records {
                if text_of(record, "pool").as_deref() == Some(pool) {
                    files.delete(key).map_err(|e| reason(&e))?;
                }
            }
            committed(&transaction).await
        }
    }

    /// The pools' records, opened under the lock's key `lock` (as
    /// [`SessionKey::to_js`] hands it over; undefined while the lock is
    /// off), for [`Handed::ask`]: exported by the `pools` part.
    pub async fn hand_over(lock: &JsValue) -> Result<JsValue, String> {
        let lock = SessionKey::from_js(lock);
        let handed = boxed(PoolDb::open(lock.as_ref())).await?.handed().await?;
        Ok(Array::of2(&handed.records, &(handed.unopened as f64).into()).into())
    }

    /// `future` behind a pointer: awaited in place, the opening's and the
    /// reading's state machines were copied into [`hand_over`]'s (11 KB,
    /// 5 KB gzip, in the `pools` part); boxed, it calls the ones the pools
    /// page does.
    fn boxed<'f, T>(
        future: impl Future<Output = T> + 'f,
    ) -> std::pin::Pin<Box<dyn Future<Output = T> + 'f>> {
        Box::pin(future)
    }

    /// The pools' records as the `pools` part handed them over, opened, to
    /// a page of another part (the agenda, the report).
    pub struct Handed {
        records: Array,
        unopened: usize,
    }

    impl Handed {
        /// The records kept, opened under `lock` by the `pools` part (loaded
        /// for it); `None` where no record is kept, without loading it.
        pub async fn ask(lock: Option<&SessionKey>) -> Result<Option<Handed>, String> {
            if !any_kept().await {
                return Ok(None);
            }
            let part = browser::part("pools")
                .await
                .map_err(|why| format!("the pools' page could not be loaded: {why}"))?;
            let lock = lock.map_or(JsValue::UNDEFINED, SessionKey::to_js);
            let handed = Array::from(&part.pool_records(&lock).await?);
            Ok(Some(Handed {
                records: handed.get(0).into(),
                unopened: handed.get(1).as_f64().unwrap_or_default() as usize,
            }))
        }

        /// Every file kept.
        pub fn files(&self) -> Vec<Pooled> {
            self.records
                .iter()
                .filter_map(|record| pooled(&record))
                .collect()
        }

        /// The anonymised case files of the pool `pool`.
        pub fn texts(&self, pool: &str) -> Vec<String> {
            (self.records.iter())
                .filter(|record| text_of(record, "pool").as_deref() == Some(pool))
                .filter_map(|record| text_of(&record, "text"))
                .collect()
        }

        /// How many records cannot be opened (of any pool: what is sealed
        /// cannot say which).
        pub fn unopened(&self) -> usize {
            self.unopened
        }
    }

    /// Whether the pools' database keeps any record, opened or not (made
    /// empty the first time, as [`PoolDb::open`] makes it).
    async fn any_kept() -> bool {
        let Ok(db) = open_database(POOLS_DB, &[FILES]).await else {
            return false;
        };
        let count = (db.transaction_with_str(FILES))
            .and_then(|transaction| transaction.object_store(FILES))
            .and_then(|files| files.count());
        let kept = request(count).await.ok().and_then(|count| count.as_f64());
        db.close();
        kept.is_some_and(|count| count > 0.0)
    }

    /// A new record's key: random, so it tells nothing of the file.
    fn new_id() -> Result<JsValue, String> {
        Ok(format!("p-{}", hex(&random_bytes::<8>()?)).into())
    }

    fn set(record: &Object, field: &str, value: JsValue) -> Result<(), String> {
        Reflect::set(record, &field.into(), &value)
            .map(drop)
            .map_err(|e| reason(&e))
    }

    fn text_of(record: &JsValue, field: &str) -> Option<String> {
        Reflect::get(record, &field.into()).ok()?.as_string()
    }

    fn number(record: &JsValue, field: &str) -> Option<f64> {
        Reflect::get(record, &field.into()).ok()?.as_f64()
    }

    /// A record as a [`Pooled`]; `None` for one some other program wrote.
    fn pooled(record: &JsValue) -> Option<Pooled> {
        Some(Pooled {
            hash: text_of(record, "hash")?,
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

    use crate::crypto::SessionKey;
    use crate::pools::Pooled;

    /// No database can be open natively.
    pub enum PoolDb {}

    /// Nothing is ever handed over natively.
    pub enum Handed {}

    impl Handed {
        pub async fn ask(_lock: Option<&SessionKey>) -> Result<Option<Handed>, String> {
            Ok(None)
        }

        pub fn files(&self) -> Vec<Pooled> {
            match *self {}
        }

        pub fn texts(&self, _pool: &str) -> Vec<String> {
            match *self {}
        }

        pub fn unopened(&self) -> usize {
            match *self {}
        }
    }

    impl PoolDb {
        pub async fn open(_lock: Option<&SessionKey>) -> Result<PoolDb, String> {
            Err("IndexedDB needs a browser".to_owned())
        }

        pub async fn kept(&self) -> Result<(Vec<Pooled>, usize), String> {
            match *self {}
        }

        pub async fn files(&self) -> Result<Vec<Pooled>, String> {
            match *self {}
        }

        pub async fn handed(&self) -> Result<Handed, String> {
            match *self {}
        }

        pub async fn unopened_text(&self) -> Result<String, String> {
            match *self {}
        }

        pub async fn remove_unopened(&self) -> Result<(), String> {
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
