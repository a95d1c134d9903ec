//! The one handle on storage of this page session, owned by the app root:
//! where the cases are saved (IndexedDB, one record per case, or one
//! localStorage value), the key while the lock is on, and the one queue
//! every write goes through, so writes reach storage in the order they were
//! made. Components and hooks save through it the same way, lock or not.
//!
//! In IndexedDB each write checks, in its own transaction, the revision of
//! every record it changes; another tab's write is read back for the state
//! to merge with its latest cases, never written over, and each write is
//! announced to the other tabs on a BroadcastChannel (case ids and
//! revisions). In localStorage, saving is [`Session`]'s. Under the lock,
//! another tab's write cannot be read without decrypting, so it is never
//! written over: the save is refused until the page is reloaded.

use std::cell::RefCell;
use std::rc::Rc;

use rules::Case;
use yew::Callback;

use crate::browser::{Channel, Listener};
use crate::crypto::{OpenError, SessionKey};
use crate::lock::Envelope;
use crate::serial::Serial;
use crate::storage::idb::{DB_NAME, Db, WriteError};
use crate::storage::records::{Saved, decode_record};
use crate::storage::sync::{SaveError, Session, Synced, Theirs};
use crate::storage::{KEY, Saving, Store, decode, encode};

/// What a change of the lock reports: done, or why nothing changed.
pub type Changed = Callback<Result<(), String>>;

/// What a save (or a look at another tab's write) reports, as
/// [`Session::save`] does.
pub type Done = Callback<Result<Synced, SaveError>>;

const CHANGED_ELSEWHERE: &str =
    "your cases were changed in another tab or window. Reload this page to see them and carry on";

/// Shared through context by the lock gate, the app's root.
#[derive(Clone)]
pub struct Lock {
    key: Rc<RefCell<Option<SessionKey>>>,
    /// While locked: the stored value this page last read or wrote.
    seen: Rc<RefCell<Option<String>>>,
    /// In localStorage, unlocked: the two-tab session the app's saves use.
    session: Rc<RefCell<Session>>,
    /// In IndexedDB: the store of records (until the lock moves the cases
    /// into localStorage).
    records: Rc<RefCell<Option<Rc<Records>>>>,
    serial: Rc<Serial>,
    store: Store,
}

/// The store of records, what this tab knows of each, and the other tabs.
struct Records {
    db: Db,
    saved: RefCell<Saved>,
    channel: Channel,
}

impl PartialEq for Lock {
    fn eq(&self, other: &Lock) -> bool {
        Rc::ptr_eq(&self.key, &other.key)
    }
}

impl Lock {
    /// The handle on `store`, unlocked, saving where `saving` says.
    pub fn open(store: Store, saving: Saving) -> Lock {
        let (session, records) = match saving {
            Saving::Local(session) => (session, None),
            Saving::Records(db, saved) => {
                let records = Records {
                    db,
                    saved: RefCell::new(saved),
                    channel: Channel::new(DB_NAME),
                };
                (Session::default(), Some(Rc::new(records)))
            }
        };
        Lock::new(store, None, None, session, records)
    }

    /// The handle on `store` after unlocking `stored` with `key`.
    pub fn unlocked(store: Store, key: SessionKey, stored: String) -> Lock {
        Lock::new(store, Some(key), Some(stored), Session::default(), None)
    }

    fn new(
        store: Store,
        key: Option<SessionKey>,
        seen: Option<String>,
        session: Session,
        records: Option<Rc<Records>>,
    ) -> Lock {
        Lock {
            key: Rc::new(RefCell::new(key)),
            seen: Rc::new(RefCell::new(seen)),
            session: Rc::new(RefCell::new(session)),
            records: Rc::new(RefCell::new(records)),
            serial: Rc::default(),
            store,
        }
    }

    /// Whether the cases are stored locked.
    pub fn is_on(&self) -> bool {
        self.key.borrow().is_some()
    }

    /// Saves `cases` after whatever is queued: encrypted while the lock is
    /// on; else each changed case in IndexedDB, or all in localStorage.
    pub fn save(&self, cases: Vec<Rc<Case>>, done: Done) {
        let lock = self.clone();
        self.run(async move {
            let key = lock.key.borrow().clone();
            let saved = match (key, lock.records()) {
                (None, Some(records)) => records.save(cases).await,
                (None, None) => lock
                    .session
                    .borrow_mut()
                    .save(&mut *lock.store.0.borrow_mut(), &owned(&cases)),
                (Some(key), _) => match key.seal(&encode(cases.iter().map(Rc::as_ref))).await {
                    Ok(sealed) => lock.write_locked(&sealed.encode()),
                    Err(reason) => Err(reason),
                }
                .map(|()| Synced::Unchanged)
                .map_err(SaveError::Failed),
            };
            done.emit(saved);
        });
    }

    /// Takes in what another tab wrote, merged with this tab's cases `mine`
    /// (after whatever is queued): the cases `ids` of the store of records,
    /// or (`None`) the localStorage value. Writes nothing; while locked,
    /// another tab's write cannot be read, and is left to the next save.
    pub fn take_in(&self, ids: Option<Vec<String>>, mine: Vec<Rc<Case>>, done: Done) {
        let lock = self.clone();
        self.run(async move {
            if lock.is_on() {
                return;
            }
            let found = match (ids, lock.records()) {
                (Some(ids), Some(records)) => records.take_in(&ids).await,
                (Some(_), None) => return,
                (None, _) => lock
                    .session
                    .borrow_mut()
                    .refresh(&*lock.store.0.borrow(), &owned(&mine)),
            };
            done.emit(found);
        });
    }

    /// Calls back with the ids of the cases another tab wrote in the store
    /// of records (none when the cases are in localStorage, whose own
    /// `storage` event tells).
    pub fn on_other_tabs(&self, on_ids: Callback<Vec<String>>) -> Option<Listener> {
        let records = self.records()?;
        let channel = records.channel.clone();
        channel.listen(Callback::from(move |message: String| {
            // Each line "id revision": only the cases this tab does not know.
            let saved = records.saved.borrow();
            let ids = message
                .lines()
                .filter_map(|line| line.split_once(' '))
                .filter(|(id, rev)| {
                    saved.revision(id).map(|r| r.to_string()).as_deref() != Some(rev)
                })
                .map(|(id, _)| id.to_owned())
                .collect::<Vec<_>>();
            if !ids.is_empty() {
                on_ids.emit(ids);
            }
        }))
    }

    fn records(&self) -> Option<Rc<Records>> {
        self.records.borrow().clone()
    }

    /// Locks `cases` with `key`, a new one (made from a new passphrase and
    /// salt by the lock's part), for this save and every later one. Until it
    /// is written, nothing changes.
    pub fn set_passphrase(&self, key: SessionKey, cases: Vec<Case>, done: Changed) {
        let lock = self.clone();
        self.run(async move {
            let written = match key.seal(&encode(&cases)).await {
                Ok(sealed) => {
                    let sealed = sealed.encode();
                    lock.replace(&sealed).map(|()| {
                        *lock.key.borrow_mut() = Some(key);
                        *lock.seen.borrow_mut() = Some(sealed);
                    })
                }
                Err(reason) => Err(reason),
            };
            // Locked in localStorage: no readable copy is left in IndexedDB.
            let records = lock.records.borrow_mut().take_if(|_| written.is_ok());
            let written = match records {
                Some(records) => records.db.clear().await.map_err(|reason| {
                    format!("your cases are locked, but the unlocked copy in this browser's database could not be deleted ({reason}). Reload the page and lock them again")
                }),
                None => written,
            };
            done.emit(written);
        });
    }

    /// Stores `cases` unlocked again, and ends the lock.
    pub fn remove(&self, cases: Vec<Case>, done: Changed) {
        let lock = self.clone();
        self.run(async move {
            let text = encode(&cases);
            let written = lock.replace(&text).map(|()| {
                *lock.key.borrow_mut() = None;
                *lock.seen.borrow_mut() = None;
                *lock.session.borrow_mut() = Session::new(Some(text), cases);
            });
            done.emit(written);
        });
    }

    /// The lock's key, while on: what opens the documents' key too.
    pub fn key(&self) -> Option<SessionKey> {
        self.key.borrow().clone()
    }

    fn run(&self, task: impl Future<Output = ()> + 'static) {
        if let Some(drain) = self.serial.push(task) {
            yew::platform::spawn_local(drain);
        }
    }

    /// Writes over the stored value only if no other tab changed it since
    /// this page last looked (while locked, or through the session).
    fn replace(&self, text: &str) -> Result<(), String> {
        if self.is_on() {
            return self.write_locked(text);
        }
        let unchanged = match self.store.0.borrow().get(KEY)? {
            None => true,
            // A copy: looking must not move the session on.
            Some(stored) => {
                decode(&stored).is_ok()
                    && self
                        .session
                        .borrow()
                        .clone()
                        .refresh(&*self.store.0.borrow(), &[])
                        == Ok(Synced::Unchanged)
            }
        };
        if !unchanged {
            return Err(CHANGED_ELSEWHERE.to_owned());
        }
        self.store.0.borrow_mut().set(KEY, text)
    }

    /// While locked: writes `text` if the stored value is still the one
    /// this page last read or wrote.
    fn write_locked(&self, text: &str) -> Result<(), String> {
        let stored = self.store.0.borrow().get(KEY)?;
        if stored != *self.seen.borrow() {
            return Err(CHANGED_ELSEWHERE.to_owned());
        }
        self.store.0.borrow_mut().set(KEY, text)?;
        *self.seen.borrow_mut() = Some(text.to_owned());
        Ok(())
    }
}

impl Records {
    /// Writes the cases of `mine` that changed, each checked against the
    /// revision this tab knows. Where another tab wrote some of them since,
    /// nothing is written: their versions are read, for the state to merge
    /// with its latest cases and save again.
    async fn save(&self, mine: Vec<Rc<Case>>) -> Result<Synced, SaveError> {
        let puts = self.saved.borrow_mut().changes(&mine);
        if puts.is_empty() {
            return Ok(Synced::Unchanged);
        }
        match self.db.write(&puts).await {
            Ok(()) => {
                self.saved.borrow_mut().written(&puts, &mine);
                let announced: Vec<String> = puts
                    .iter()
                    .map(|put| format!("{} {}", put.id, put.record.as_ref().map_or(0, |_| put.rev)))
                    .collect();
                self.channel.post(&announced.join("\n"));
                Ok(Synced::Unchanged)
            }
            Err(WriteError::Failed(reason)) => Err(SaveError::Failed(reason)),
            Err(WriteError::Conflict(ids)) => self.take_in(&ids).await,
        }
    }

    /// Reads cases `ids` as stored now: those another tab wrote since this
    /// tab last knew them, each with what this tab knew of it.
    async fn take_in(&self, ids: &[String]) -> Result<Synced, SaveError> {
        let stored = self.db.read(ids).await.map_err(SaveError::Failed)?;
        let mut found = Theirs::default();
        let mut saved = self.saved.borrow_mut();
        for (id, text) in stored {
            let their = match text.map(|text| decode_record(&text)) {
                // Unreadable: left as it is, and this tab's case with it.
                Some(Err(_)) => continue,
                Some(Ok((rev, case))) => Some((rev, Rc::new(case))),
                None => None,
            };
            if their.as_ref().map(|(rev, _)| *rev) == saved.revision(&id) {
                continue;
            }
            found
                .base
                .extend(saved.case(&id).map(|case| Case::clone(case)));
            found
                .theirs
                .extend(their.as_ref().map(|(_, case)| Case::clone(case)));
            saved.read(&id, their);
            found.ids.push(id);
        }
        Ok(match found.ids.is_empty() {
            true => Synced::Unchanged,
            false => Synced::Theirs(found),
        })
    }
}

/// Copies of the cases, for what needs them whole (one localStorage value).
fn owned(cases: &[Rc<Case>]) -> Vec<Case> {
    cases.iter().map(|case| Case::clone(case)).collect()
}

/// The key for `passphrase` and the text inside `envelope`, or why not.
pub async fn unlock(
    envelope: &Envelope,
    passphrase: &str,
) -> Result<(SessionKey, String), OpenError> {
    let key = SessionKey::derive(passphrase, envelope.salt, envelope.iterations)
        .await
        .map_err(OpenError::Failed)?;
    let plaintext = key.open(envelope).await?;
    Ok((key, plaintext))
}
