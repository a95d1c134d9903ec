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
//! revisions). Under the lock each record is sealed on its own
//! ([`Sealing`]) and saved, checked and merged the same way; setting,
//! changing or removing the lock rewrites every record in one transaction.
//! In localStorage (where IndexedDB cannot be opened), saving is
//! [`Session`]'s, and the lock is one encrypted value: another tab's write
//! there cannot be read without decrypting, so it is never written over,
//! and the save is refused until the page is reloaded.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rules::Case;
use yew::Callback;

use crate::browser::{self, Channel, Listener, Part};
use crate::crypto::{OpenError, SessionKey};
use crate::lock::Envelope;
use crate::lock_records::{Progress, Sealing, whole_store};
use crate::serial::Serial;
use crate::storage::idb::{Change, DB_NAME, Db, WriteError};
use crate::storage::records::{Put, Saved, encode_summarised, read_summarised};
use crate::storage::sync::{SaveError, Session, Synced, Theirs};
use crate::storage::{KEY, LoadProblem, Saving, Store, decode, encode, forget_aside};
use crate::summary::Summary;

/// What a change of the lock reports: done, or why nothing changed.
pub type Changed = Callback<Result<(), String>>;

/// Hears how far a rewrite of the whole store has come, in percent.
pub type Told = Callback<u8>;

/// What a save (or a look at another tab's write) reports, as
/// [`Session::save`] does.
pub type Done = Callback<Result<Synced, SaveError>>;

const CHANGED_ELSEWHERE: &str =
    "your cases were changed in another tab or window. Reload this page to see them and carry on";

/// Why a save failed where the page holds no store to save in, which
/// `Lock::session` says cannot happen.
const NO_STORE: &str = "this page has no storage open. Reload it and make your change again";

/// Why a save failed where another tab wrote a record this one cannot read.
const UNREADABLE_THERE: &str = "another tab or window saved this case in a form this page cannot read. Reload this page to see what was saved, then make your change again";

const UNREADABLE_NOT_KEPT: &str = "a record in this browser's database cannot be read, and no copy of it could be kept aside while the lock changes. Download it from the message on your cases, then reload the page and try again";

/// Shared through context by the lock gate, the app's root.
#[derive(Clone)]
pub struct Lock {
    key: Rc<RefCell<Option<SessionKey>>>,
    /// While locked: the stored value this page last read or wrote.
    seen: Rc<RefCell<Option<String>>>,
    /// In localStorage, unlocked: the two-tab session the app's saves use.
    session: Rc<RefCell<Session>>,
    /// In IndexedDB: the store of records, locked or not.
    records: Option<Rc<Records>>,
    serial: Rc<Serial>,
    store: Store,
    /// In the first module, at any start but the usual one: the store the
    /// part `locked` opened, which every call goes to (see
    /// [`crate::store_part`]).
    #[cfg(feature = "lockless")]
    remote: Option<Rc<crate::store_part::Remote>>,
}

/// The store of records, what this tab knows of each, the other tabs, and
/// while the lock is on, what seals the records.
struct Records {
    db: Db,
    saved: RefCell<Saved>,
    channel: Channel,
    sealing: RefCell<Option<Sealing>>,
    /// How many times another tab's write was read in ([`Theirs::taken`]).
    taken: Cell<u64>,
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
                    sealing: RefCell::default(),
                    taken: Cell::default(),
                };
                (Session::default(), Some(Rc::new(records)))
            }
        };
        Lock::new(store, None, None, session, records)
    }

    /// The handle on `store` after unlocking its one localStorage value
    /// `stored` with `key` (where IndexedDB cannot be opened).
    pub fn unlocked(store: Store, key: SessionKey, stored: String) -> Lock {
        Lock::new(store, Some(key), Some(stored), Session::default(), None)
    }

    /// The handle on `store` after unlocking the store of records `db`
    /// with `sealing`; `saved`: what was read of it.
    pub fn unlocked_records(store: Store, db: Db, saved: Saved, sealing: Sealing) -> Lock {
        let key = sealing.key.clone();
        let records = Records {
            db,
            saved: RefCell::new(saved),
            channel: Channel::new(DB_NAME),
            sealing: RefCell::new(Some(sealing)),
            taken: Cell::default(),
        };
        Lock::new(
            store,
            Some(key),
            None,
            Session::default(),
            Some(Rc::new(records)),
        )
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
            records,
            serial: Rc::default(),
            store,
            #[cfg(feature = "lockless")]
            remote: None,
        }
    }

    /// The handle on the store the part `locked` opened on `store`
    /// (see [`crate::store_part`]).
    #[cfg(feature = "lockless")]
    pub fn remote(store: Store, remote: crate::store_part::Remote) -> Lock {
        Lock {
            remote: Some(Rc::new(remote)),
            ..Lock::new(store, None, None, Session::default(), None)
        }
    }

    /// The store the part `locked` opened, if this handle's calls go there.
    #[cfg(feature = "lockless")]
    fn remote_store(&self) -> Option<&crate::store_part::Remote> {
        self.remote.as_deref()
    }

    /// Whether the cases are stored locked.
    pub fn is_on(&self) -> bool {
        #[cfg(feature = "lockless")]
        if let Some(remote) = self.remote_store() {
            return remote.is_on();
        }
        self.key_held()
    }

    /// Whether this handle holds the lock's key, which it saves with:
    /// never in the first module, whose store, where locked, the part
    /// `locked` keeps (so the code of the lock's changes leaves its wasm).
    fn key_held(&self) -> bool {
        self.key.borrow().is_some()
    }

    /// What a part's page is told of the lock (see
    /// [`crate::parts::FromMain`]): its key while on, `false` while off.
    pub fn given(&self) -> wasm_bindgen::JsValue {
        #[cfg(feature = "lockless")]
        if let Some(remote) = self.remote_store() {
            return remote.given();
        }
        match self.key() {
            #[cfg(target_arch = "wasm32")]
            Some(key) => key.to_js(),
            _ => wasm_bindgen::JsValue::FALSE,
        }
    }

    /// Locks `cases` with `key`, as the lock's part hands a new key over
    /// ([`SessionKey::to_js`]), or removes the lock where `key` is none:
    /// see [`Lock::set_passphrase`] and [`Lock::remove`]. The first module
    /// does so only through the part `locked`, which keeps the store while
    /// the lock's settings are open (see [`Lock::part`]).
    pub fn change(
        &self,
        key: wasm_bindgen::JsValue,
        cases: Vec<Rc<Case>>,
        done: Changed,
        told: Told,
    ) {
        #[cfg(feature = "lockless")]
        match self.remote_store() {
            Some(remote) => remote.change(key, &cases, done, told),
            None => done.emit(Err(NO_STORE.to_owned())),
        };
        #[cfg(not(feature = "lockless"))]
        match SessionKey::from_js(&key) {
            Some(key) => self.set_passphrase(key, owned(&cases), done, told),
            None => self.remove(owned(&cases), done, told),
        };
    }

    /// Saves `cases` after whatever is queued: each changed case in
    /// IndexedDB (sealed while the lock is on), or all in localStorage
    /// (encrypted while the lock is on). `taken`: how many writes of other
    /// tabs the cases have taken in ([`Theirs::taken`]). Where another was
    /// read in since they were given, they are not saved, nor reported: a
    /// case there may be older than the other tab's, and would be written
    /// over it as a change. The state merges that write with its latest
    /// cases and saves those (see `Action::TakeInTheirs`).
    pub fn save(&self, cases: Vec<Rc<Case>>, taken: u64, done: Done) {
        #[cfg(feature = "lockless")]
        if let Some(remote) = self.remote_store() {
            return remote.save(&cases, taken, done);
        }
        let lock = self.clone();
        self.run(async move {
            let key = lock.key.borrow().clone();
            let saved = match (key, lock.records()) {
                (_, Some(records)) if records.taken.get() > taken => return,
                (_, Some(records)) => records.save(cases).await,
                (None, None) => match lock.session() {
                    Some(mut session) => {
                        session.save(&mut *lock.store.0.borrow_mut(), &owned(&cases))
                    }
                    None => Err(SaveError::Failed(NO_STORE.to_owned())),
                },
                #[cfg(not(feature = "lockless"))]
                (Some(key), None) => match key.seal(&encode(cases.iter().map(Rc::as_ref))).await {
                    Ok(sealed) => lock.write_locked(&sealed.encode()),
                    Err(reason) => Err(reason),
                }
                .map(|()| Synced::Unchanged)
                .map_err(SaveError::Failed),
                // The first module holds no key; see `Records::write`.
                #[cfg(feature = "lockless")]
                (Some(_), None) => Err(SaveError::Failed(NO_STORE.to_owned())),
            };
            done.emit(saved);
        });
    }

    /// Takes in what another tab wrote, merged with this tab's cases `mine`
    /// (after whatever is queued): the cases `ids` of the store of records,
    /// or (`None`) the localStorage value. Writes nothing; the locked
    /// localStorage value cannot be read, and is left to the next save.
    pub fn take_in(&self, ids: Option<Vec<String>>, mine: Vec<Rc<Case>>, done: Done) {
        #[cfg(feature = "lockless")]
        if let Some(remote) = self.remote_store() {
            return remote.take_in(ids, &mine, done);
        }
        let lock = self.clone();
        self.run(async move {
            let found = match (ids, lock.records()) {
                (Some(ids), Some(records)) => records.take_in(&ids).await,
                (Some(_), None) => return,
                (None, _) if lock.key_held() => return,
                (None, _) => match lock.session() {
                    Some(mut session) => session.refresh(&*lock.store.0.borrow(), &owned(&mine)),
                    None => return,
                },
            };
            done.emit(found);
        });
    }

    /// Calls back with the ids of the cases another tab wrote in the store
    /// of records (none when the cases are in localStorage, whose own
    /// `storage` event tells).
    pub fn on_other_tabs(&self, on_ids: Callback<Vec<String>>) -> Option<Listener> {
        #[cfg(feature = "lockless")]
        if let Some(remote) = self.remote_store() {
            remote.listen(on_ids);
            return None;
        }
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
        self.records.clone()
    }

    /// The two-tab session in localStorage, where the database cannot be
    /// used. None in the first module (feature `lockless`), which opens only
    /// the database and hands every other start over (`lock::open_usual`):
    /// said here, as the compiler cannot see it, so the session's code
    /// leaves that module's wasm.
    fn session(&self) -> Option<std::cell::RefMut<'_, Session>> {
        if cfg!(feature = "lockless") {
            return None;
        }
        Some(self.session.borrow_mut())
    }

    /// Writes each case of `summarised` again with its summary (worked out
    /// today), at the revision stored, where its record held none that holds
    /// today: the next start lists it without evaluating it. After whatever
    /// is queued, a few hundred records a transaction. Best effort: a record
    /// another tab wrote since, or a case changed since (its save writes
    /// it), is left as it is. Not in the store the part `locked` keeps
    /// ([`crate::store_part`]): its cases are evaluated at each start.
    pub fn store_summaries(&self, summarised: Vec<(Rc<Case>, Summary)>) {
        let Some(records) = self.records() else {
            return;
        };
        for chunk in summarised.chunks(SUMMARIES_AT_ONCE) {
            let (records, chunk) = (records.clone(), chunk.to_vec());
            self.run(async move { records.store_summaries(&chunk).await });
        }
    }

    /// Locks `cases` with `key`, a new one (made from a new passphrase and
    /// salt by the lock's part), for this save and every later one: every
    /// record sealed anew in one transaction (or the one localStorage value
    /// encrypted). Then the copies of unreadable or moved data kept aside,
    /// which the lock page said it would delete, are deleted. Until the
    /// cases are written, nothing changes.
    /// `told` hears how far the rewrite has come, past 200 ms.
    pub fn set_passphrase(&self, key: SessionKey, cases: Vec<Case>, done: Changed, told: Told) {
        let lock = self.clone();
        self.run(async move {
            let written = match lock.records() {
                Some(records) => records.relock(Some(key.clone()), cases, told).await,
                None => match key.seal(&encode(&cases)).await {
                    Ok(sealed) => {
                        let sealed = sealed.encode();
                        lock.replace(&sealed)
                            .map(|()| *lock.seen.borrow_mut() = Some(sealed))
                    }
                    Err(reason) => Err(reason),
                },
            };
            let written = match written {
                Ok(()) => {
                    *lock.key.borrow_mut() = Some(key);
                    let local = forget_aside(&mut *lock.store.0.borrow_mut());
                    let forgotten = match local {
                        Ok(()) => forget_aside_in_db().await,
                        Err(reason) => Err(reason),
                    };
                    forgotten.map_err(|reason| {
                        format!("your cases are locked, but a copy kept aside could not be deleted ({reason}). Open this page again and change the passphrase to try again")
                    })
                }
                Err(reason) => Err(reason),
            };
            done.emit(written);
        });
    }

    /// Stores `cases` unlocked again, and ends the lock: every record
    /// rewritten plain in one transaction (or the one localStorage value);
    /// `told` as for [`Lock::set_passphrase`].
    pub fn remove(&self, cases: Vec<Case>, done: Changed, told: Told) {
        // Nothing to remove (and the first module has no lock at all).
        if !self.key_held() {
            return done.emit(Ok(()));
        }
        let lock = self.clone();
        self.run(async move {
            let written = match lock.records() {
                Some(records) => records.relock(None, cases, told).await,
                None => {
                    let text = encode(&cases);
                    lock.replace(&text).map(|()| {
                        *lock.seen.borrow_mut() = None;
                        *lock.session.borrow_mut() = Session::new(Some(text), cases);
                    })
                }
            };
            if written.is_ok() {
                *lock.key.borrow_mut() = None;
            }
            done.emit(written);
        });
    }

    /// The module of the part `name` (see [`browser::part`]). The first
    /// module (feature `lockless`) cannot change the lock itself: for the
    /// lock's part, once every write queued before is made, the page starts
    /// again with its storage opened by the part `locked` (`crate::start`),
    /// which can.
    pub async fn part(&self, name: &str) -> Result<Part, String> {
        #[cfg(feature = "lockless")]
        let reopen = name == "lock" && self.remote.is_none();
        #[cfg(not(feature = "lockless"))]
        let reopen = false;
        if reopen {
            self.run(async { browser::reload_at(&browser::hash()) });
            std::future::pending::<()>().await;
        }
        browser::part(name).await
    }

    /// The lock's key, while on: what opens the documents' key too.
    fn key(&self) -> Option<SessionKey> {
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
        if self.key_held() {
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

/// How many records [`Lock::store_summaries`] writes in one transaction.
const SUMMARIES_AT_ONCE: usize = 500;

impl Records {
    /// [`Lock::store_summaries`]: the cases as this tab knows them stored.
    async fn store_summaries(&self, summarised: &[(Rc<Case>, Summary)]) {
        let puts: Vec<Put> = {
            let saved = self.saved.borrow();
            (summarised.iter())
                .filter(|(case, _)| {
                    saved
                        .case(&case.id)
                        .is_some_and(|known| Rc::ptr_eq(known, case))
                })
                .filter_map(|(case, summary)| {
                    let rev = saved.revision(&case.id)?;
                    Some(Put {
                        id: case.id.clone(),
                        expect: Some(rev),
                        record: Some(encode_summarised(rev, case, summary)),
                        rev,
                    })
                })
                .collect()
        };
        if !puts.is_empty() {
            // Unwritten, the summaries are worked out again at the next start.
            let _ = self.write(&puts).await;
        }
    }

    /// Writes `puts` in one transaction, each record sealed while the lock
    /// is on: the records as stored (`puts` themselves, unlocked: no copy
    /// of each record's text), and whether the write was made.
    async fn write<'a>(
        &self,
        puts: &'a [Put],
    ) -> Result<(Cow<'a, [Put]>, Result<(), WriteError>), String> {
        let sealing = self.sealing.borrow().clone();
        // The first module holds no key (`crate::start`), and leaves out
        // every sealing branch: an `await` in a branch never taken still
        // links what it awaits.
        let stored = match &sealing {
            #[cfg(not(feature = "lockless"))]
            Some(sealing) => Cow::Owned(sealing.seal_puts(puts, &Progress::default()).await?),
            _ => Cow::Borrowed(puts),
        };
        let header = sealing.as_ref().map(|sealing| sealing.header.as_str());
        let change = Change {
            puts: &stored,
            lock_now: header,
            lock_after: header,
            whole: None,
            aside: None,
        };
        let written = self.db.change(change).await;
        Ok((stored, written))
    }

    /// Writes the cases of `mine` that changed, each checked against the
    /// revision this tab knows. Where another tab wrote some of them since,
    /// nothing is written: their versions are read, for the state to merge
    /// with its latest cases and save again.
    async fn save(&self, mine: Vec<Rc<Case>>) -> Result<Synced, SaveError> {
        let puts = self.saved.borrow_mut().changes(&mine);
        if puts.is_empty() {
            return Ok(Synced::Unchanged);
        }
        let (stored, written) = self.write(&puts).await.map_err(SaveError::Failed)?;
        match written {
            Ok(()) => {
                self.saved.borrow_mut().written(&puts, &mine);
                let written = puts.iter().map(|put| {
                    let rev = put.record.as_ref().map_or(0, |_| put.rev);
                    (put.id.as_str(), rev)
                });
                self.announce(written);
                Ok(Synced::Unchanged)
            }
            Err(WriteError::Failed(reason)) => Err(SaveError::Failed(reason)),
            Err(WriteError::LockChanged) => Err(SaveError::Refused(LoadProblem::LockedElsewhere)),
            Err(WriteError::Conflict(keys)) => {
                // The keys as stored, each that of its case in `puts`.
                let ids: Vec<String> = (stored.iter().zip(&puts))
                    .filter(|(put, _)| keys.contains(&put.id))
                    .map(|(_, put)| put.id.clone())
                    .collect();
                match self.take_in(&ids).await {
                    // Nothing read in: each record in the way is unreadable
                    // here, so the change was not made.
                    Ok(Synced::Unchanged) => Err(SaveError::Failed(UNREADABLE_THERE.to_owned())),
                    found => found,
                }
            }
        }
    }

    /// Reads cases `ids` as stored now: those another tab wrote since this
    /// tab last knew them, each with what this tab knew of it.
    async fn take_in(&self, ids: &[String]) -> Result<Synced, SaveError> {
        let sealing = self.sealing.borrow().clone();
        // As in `Records::write`, no sealing branch in the first module.
        let keys = match &sealing {
            #[cfg(not(feature = "lockless"))]
            Some(sealing) => {
                let mut keys = Vec::with_capacity(ids.len());
                for id in ids {
                    keys.push(sealing.record_key(id).await.map_err(SaveError::Failed)?);
                }
                keys
            }
            _ => ids.to_vec(),
        };
        let (header, stored) = self.db.read(&keys).await.map_err(SaveError::Failed)?;
        if header.as_deref() != sealing.as_ref().map(|sealing| sealing.header.as_str()) {
            return Err(SaveError::Refused(LoadProblem::LockedElsewhere));
        }
        let mut read = Vec::with_capacity(stored.len());
        #[cfg_attr(feature = "lockless", allow(unused_variables))]
        for (id, (key, text)) in ids.iter().zip(stored) {
            // Why one cannot be read is not worded: it is left as it is.
            let their = match (text, &sealing) {
                (None, _) => None,
                #[cfg(not(feature = "lockless"))]
                (Some(text), Some(sealing)) => Some(sealing.open(&key, &text).await.map_err(drop)),
                (Some(text), _) => Some(read_summarised(&text).map_err(drop)),
            };
            read.push((id.clone(), their));
        }
        let mut found = Theirs::default();
        let mut saved = self.saved.borrow_mut();
        for (id, their) in read {
            let their = match their {
                // Unreadable: left as it is, and this tab's case with it.
                Some(Err(_)) => continue,
                Some(Ok((rev, case, _))) => Some((rev, Rc::new(case))),
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
        if found.ids.is_empty() {
            return Ok(Synced::Unchanged);
        }
        found.taken = self.taken.get() + 1;
        self.taken.set(found.taken);
        Ok(Synced::Theirs(found))
    }

    /// Rewrites the whole store with `cases`, in one transaction: sealed
    /// by `new` (a new lock, or the same secret under a new passphrase), or
    /// plain where `None`. Nothing is written if any record is not as this
    /// tab knows it, or the lock was changed elsewhere.
    async fn relock(
        &self,
        new: Option<SessionKey>,
        cases: Vec<Case>,
        told: Told,
    ) -> Result<(), String> {
        let (unreadable, kept) = {
            let saved = self.saved.borrow();
            (saved.unreadable.clone(), saved.unreadable_kept)
        };
        if !kept {
            return Err(UNREADABLE_NOT_KEPT.to_owned());
        }
        let old = self.sealing.borrow().clone();
        let sealing = match (new, &old) {
            (None, _) => None,
            (Some(key), Some(old)) => Some(old.rekeyed(key).await?),
            (Some(key), None) => Some(Sealing::new(key).await?),
        };
        let known: Vec<(String, u64)> = (self.saved.borrow().known())
            .map(|(id, rev)| (id.to_owned(), rev))
            .collect();
        // Each record named under the old lock, then each sealed by the new.
        let steps =
            old.as_ref().map_or(0, |_| known.len()) + sealing.as_ref().map_or(0, |_| cases.len());
        let progress = Progress::new(steps, told);
        let mut whole = Vec::with_capacity(known.len());
        for (id, rev) in &known {
            let key = match &old {
                Some(old) => {
                    progress.step();
                    old.record_key(id).await?
                }
                None => id.clone(),
            };
            whole.push((key, Some(*rev)));
        }
        // Cleared with the rest: each is copied aside (see `loaded_records`).
        whole.extend(unreadable);
        let known: std::collections::HashMap<String, u64> = known.into_iter().collect();
        let cases: Vec<Rc<Case>> = cases.into_iter().map(Rc::new).collect();
        let puts = whole_store(
            &cases,
            |id| known.get(id).copied(),
            sealing.as_ref(),
            &progress,
        )
        .await?;
        let change = Change {
            puts: &puts,
            lock_now: old.as_ref().map(|old| old.header.as_str()),
            lock_after: sealing.as_ref().map(|new| new.header.as_str()),
            whole: Some(&whole),
            aside: None,
        };
        self.db.change(change).await.map_err(|error| match error {
            WriteError::Failed(reason) => reason,
            WriteError::Conflict(_) | WriteError::LockChanged => CHANGED_ELSEWHERE.to_owned(),
        })?;
        // Every case has a new revision: the other tabs look, and find the
        // lock changed.
        self.announce(
            cases
                .iter()
                .zip(&puts)
                .map(|(case, put)| (case.id.as_str(), put.rev)),
        );
        let revisions = puts.iter().map(|put| put.rev);
        *self.saved.borrow_mut() = Saved::new(revisions.zip(cases));
        *self.sealing.borrow_mut() = sealing;
        Ok(())
    }

    /// Tells the other tabs the cases written, each "id revision" on a line
    /// (revision 0: deleted).
    fn announce<'a>(&self, written: impl Iterator<Item = (&'a str, u64)>) {
        let lines: Vec<String> = written.map(|(id, rev)| format!("{id} {rev}")).collect();
        self.channel.post(&lines.join("\n"));
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

/// Deletes the copies kept aside in the database (where localStorage could
/// not hold them); where it cannot be opened, none can be there.
async fn forget_aside_in_db() -> Result<(), String> {
    match Db::open(DB_NAME).await {
        Ok(db) => db.forget_aside().await,
        Err(_) => Ok(()),
    }
}
