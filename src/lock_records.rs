//! The cases locked record by record in IndexedDB: each case's record is
//! encrypted on its own (AES-GCM, a fresh nonce at every write) with the key
//! the passphrase makes, so a change writes only the cases it changed, and
//! the revision check and the two-tab merge work as they do unlocked.
//!
//! A locked record is `{"rev": 3, "sealed": b64}` under an opaque key. The
//! revision stays readable: the write's check reads it in its transaction
//! without the key, and it tells only how often a case changed. Inside
//! `sealed` is the ordinary record ([`encode_record`]), bound to its key
//! (AES-GCM's additional data), so a record moved under another key does
//! not open. The key is the SHA-256 of a random 32-byte secret and the
//! case's id, in hex: a case id can carry a name, and without the secret a
//! guessed id cannot be checked against the keys. The secret is stored only
//! sealed by the passphrase's key, in the lock's [`Header`] in `meta`, where
//! opening it also tells a wrong passphrase. A new passphrase seals the same
//! secret again, so the records keep their keys and each is encrypted anew.

use std::cell::Cell;
use std::rc::Rc;

use rules::Case;
use yew::Callback;

use crate::browser;
use crate::crypto::{OpenError, SessionKey, hex, random_bytes, sha256};
use crate::lock::{Header, base64_decode, base64_encode};
use crate::storage::records::{Put, Read, decode_summarised, encode_record, record_revision};
use crate::summary::Summary;

/// Bytes of the secret that names the records.
const SECRET_LEN: usize = 32;

/// What seals and opens the records of a locked store, and its header as
/// stored (which every write checks is still there).
#[derive(Clone)]
pub struct Sealing {
    pub key: SessionKey,
    secret: [u8; SECRET_LEN],
    pub header: String,
}

impl Sealing {
    /// A new lock with `key`: a new secret.
    pub async fn new(key: SessionKey) -> Result<Sealing, String> {
        Sealing::with_secret(key, random_bytes()?).await
    }

    /// This lock under a new `key` (a new passphrase): the same secret.
    pub async fn rekeyed(&self, key: SessionKey) -> Result<Sealing, String> {
        Sealing::with_secret(key, self.secret).await
    }

    async fn with_secret(key: SessionKey, secret: [u8; SECRET_LEN]) -> Result<Sealing, String> {
        let header = Header {
            iterations: key.iterations,
            salt: key.salt,
            secret: key.seal_bytes(&secret).await?,
        };
        Ok(Sealing {
            key,
            secret,
            header: header.encode(),
        })
    }

    /// The lock of a store whose header is `stored`, opened with `passphrase`.
    pub async fn unlock(stored: &str, passphrase: &str) -> Result<Sealing, OpenError> {
        let header = Header::read(stored).map_err(OpenError::Failed)?;
        let key = SessionKey::derive(passphrase, header.salt, header.iterations)
            .await
            .map_err(OpenError::Failed)?;
        let secret = key.open_bytes(&header.secret).await?;
        let secret = <[u8; SECRET_LEN]>::try_from(secret.as_slice())
            .map_err(|_| OpenError::Failed("the lock's secret is not 32 bytes".to_owned()))?;
        Ok(Sealing {
            key,
            secret,
            header: stored.to_owned(),
        })
    }

    /// The key of the record of case `id`.
    pub async fn record_key(&self, id: &str) -> Result<String, String> {
        let mut named = self.secret.to_vec();
        named.extend_from_slice(id.as_bytes());
        sha256(&named).await.map(|digest| hex(&digest))
    }

    /// `puts` (keyed by case id, each record plain) as they are stored
    /// locked: under their records' keys, each record sealed.
    pub async fn seal_puts(&self, puts: &[Put], progress: &Progress) -> Result<Vec<Put>, String> {
        let mut sealed = Vec::with_capacity(puts.len());
        for put in puts {
            progress.step();
            let key = self.record_key(&put.id).await?;
            let record = match &put.record {
                Some(plain) => Some(self.seal(&key, put.rev, plain).await?),
                None => None,
            };
            sealed.push(Put {
                id: key,
                record,
                ..put.clone()
            });
        }
        Ok(sealed)
    }

    /// The stored text of the plain record `plain`, at revision `rev`,
    /// under `key`.
    async fn seal(&self, key: &str, rev: u64, plain: &str) -> Result<String, String> {
        let sealed = self
            .key
            .seal_bound(plain.as_bytes(), key.as_bytes())
            .await?;
        Ok(format!(
            r#"{{"rev":{rev},"sealed":"{}"}}"#,
            base64_encode(&sealed)
        ))
    }

    /// The revision, case and summary of the locked record `text` under
    /// `key`, or why it cannot be read.
    pub async fn open(
        &self,
        key: &str,
        text: &str,
    ) -> Result<(u64, Case, Option<Summary>), String> {
        let sealed = rules::case_file::json::Value::parse(text)
            .ok()
            .and_then(|value| value.get("sealed")?.as_str().map(base64_decode))
            .ok_or("it is not a locked record")?
            .map_err(|reason| format!("it is not base64: {reason}"))?;
        let plain = match self.key.open_bound(&sealed, key.as_bytes()).await {
            Ok(plain) => plain,
            Err(OpenError::WrongPassphrase) => {
                return Err("it does not open with this passphrase".to_owned());
            }
            Err(OpenError::Failed(reason)) => return Err(reason),
        };
        let plain = String::from_utf8(plain).map_err(|_| "what it holds is not text")?;
        let (rev, case, summary) = decode_summarised(&plain)?;
        match record_revision(text) == Some(rev) {
            true => Ok((rev, case, summary)),
            false => Err("its revision is not the one sealed inside".to_owned()),
        }
    }

    /// The cases in the locked store's `records` (each key with its text),
    /// and the keys of those that cannot be read, each with why.
    /// Each key is the sealed key of its case, not its id.
    pub async fn open_all(&self, records: &[(String, String)]) -> Read {
        let mut read = Read::default();
        for (key, text) in records {
            match self.open(key, text).await {
                Ok((rev, case, summary)) => {
                    read.cases.push((rev, Rc::new(case)));
                    read.summaries.push(summary);
                }
                Err(reason) => read.unreadable.push((key.clone(), reason)),
            }
        }
        read
    }
}

/// Every case of `cases` as a record to write in a change of the whole
/// store, each at the revision after `known` (its revision now, if any):
/// sealed by `sealing`, or plain where `None`.
pub async fn whole_store(
    cases: &[Rc<Case>],
    known: impl Fn(&str) -> Option<u64>,
    sealing: Option<&Sealing>,
    progress: &Progress,
) -> Result<Vec<Put>, String> {
    let plain: Vec<Put> = cases
        .iter()
        .map(|case| {
            let rev = known(&case.id).map_or(1, |rev| rev + 1);
            Put {
                id: case.id.clone(),
                expect: None,
                record: Some(encode_record(rev, case)),
                rev,
            }
        })
        .collect();
    match sealing {
        Some(sealing) => sealing.seal_puts(&plain, progress).await,
        None => Ok(plain),
    }
}

/// How far a rewrite of the whole store has come, told as a percentage once
/// it has run past [`browser::PROGRESS_AFTER_MS`]: sealing a thousand cases
/// takes a while. The default tells no one.
#[derive(Default)]
pub struct Progress {
    on: Option<Callback<u8>>,
    started: f64,
    steps: usize,
    done: Cell<usize>,
}

impl Progress {
    /// A rewrite of `steps` steps (a record named or sealed), starting now.
    pub fn new(steps: usize, on: Callback<u8>) -> Progress {
        Progress {
            on: Some(on),
            started: browser::elapsed_ms(),
            steps,
            done: Cell::new(0),
        }
    }

    /// One more step done.
    pub fn step(&self) {
        let done = self.done.get() + 1;
        self.done.set(done);
        if let Some(on) = &self.on
            && browser::elapsed_ms() - self.started > browser::PROGRESS_AFTER_MS
        {
            on.emit((done * 100 / self.steps.max(1)).min(100) as u8);
        }
    }
}
