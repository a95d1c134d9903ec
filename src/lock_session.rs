//! The lock of this page session: the key while the lock is on, and the one
//! queue every write goes through while the lock is on or being changed, so
//! writes reach storage in the order they were made.
//!
//! Without the lock, saving is [`Session`]'s (two tabs merged case by case).
//! With it, another tab's write cannot be read without decrypting, so it is
//! never written over: the save is refused until the page is reloaded.

use std::cell::RefCell;
use std::rc::Rc;

use rules::Case;
use yew::Callback;

use crate::app::Store;
use crate::crypto::{OpenError, SessionKey, random_bytes};
use crate::lock::{Envelope, ITERATIONS};
use crate::serial::Serial;
use crate::storage::sync::{SaveError, Session, Synced};
use crate::storage::{KEY, decode, encode};

/// What a change of the lock reports: done, or why nothing changed.
pub type Done = Callback<Result<(), String>>;

/// What a save through the lock reports, as [`Session::save`] does.
pub type Saved = Callback<Result<Synced, SaveError>>;

const CHANGED_ELSEWHERE: &str =
    "your cases were changed in another tab or window. Reload this page to see them and carry on";

/// Shared through context by [`crate::components::LockGate`].
#[derive(Clone)]
pub struct Lock {
    key: Rc<RefCell<Option<SessionKey>>>,
    /// While locked: the stored value this page last read or wrote.
    seen: Rc<RefCell<Option<String>>>,
    /// Unlocked: the two-tab session the app's saves use.
    session: Rc<RefCell<Session>>,
    serial: Rc<Serial>,
    store: Store,
}

impl PartialEq for Lock {
    fn eq(&self, other: &Lock) -> bool {
        Rc::ptr_eq(&self.key, &other.key)
    }
}

impl Lock {
    /// The lock over `store`, unlocked with `session`.
    pub fn open(store: Store, session: Session) -> Lock {
        Lock::new(store, None, None, session)
    }

    /// The lock over `store` after unlocking `stored` with `key`.
    pub fn unlocked(store: Store, key: SessionKey, stored: String) -> Lock {
        Lock::new(store, Some(key), Some(stored), Session::default())
    }

    fn new(store: Store, key: Option<SessionKey>, seen: Option<String>, session: Session) -> Lock {
        Lock {
            key: Rc::new(RefCell::new(key)),
            seen: Rc::new(RefCell::new(seen)),
            session: Rc::new(RefCell::new(session)),
            serial: Rc::default(),
            store,
        }
    }

    /// The two-tab session, for the app's saves while unlocked.
    pub fn session(&self) -> Rc<RefCell<Session>> {
        self.session.clone()
    }

    /// Whether the cases are stored locked.
    pub fn is_on(&self) -> bool {
        self.key.borrow().is_some()
    }

    /// Whether saves must go through [`Lock::save`]: the lock is on, or a
    /// change of it is waiting to be written.
    pub fn engaged(&self) -> bool {
        self.is_on() || self.serial.busy()
    }

    /// Saves `cases` after whatever is queued: encrypted while the lock is
    /// on, through the two-tab session once it is off.
    pub fn save(&self, cases: Vec<Case>, done: Saved) {
        let lock = self.clone();
        self.run(async move {
            let key = lock.key.borrow().clone();
            let saved = match key {
                None => lock
                    .session
                    .borrow_mut()
                    .save(&mut *lock.store.0.borrow_mut(), &cases),
                Some(key) => match key.seal(&encode(&cases)).await {
                    Ok(sealed) => lock.write_locked(&sealed.encode()),
                    Err(reason) => Err(reason),
                }
                .map(|()| Synced::Unchanged)
                .map_err(SaveError::Failed),
            };
            done.emit(saved);
        });
    }

    /// Locks `cases` with a new passphrase (a new salt, so a new key), for
    /// this save and every later one. Until it is written, nothing changes.
    pub fn set_passphrase(&self, passphrase: String, cases: Vec<Case>, done: Done) {
        let lock = self.clone();
        self.run(async move {
            let sealed = async {
                let key = SessionKey::derive(&passphrase, random_bytes()?, ITERATIONS).await?;
                let sealed = key.seal(&encode(&cases)).await?;
                Ok::<_, String>((key, sealed.encode()))
            };
            let written = match sealed.await {
                Ok((key, sealed)) => lock.replace(&sealed).map(|()| {
                    *lock.key.borrow_mut() = Some(key);
                    *lock.seen.borrow_mut() = Some(sealed);
                }),
                Err(reason) => Err(reason),
            };
            done.emit(written);
        });
    }

    /// Stores `cases` unlocked again, and ends the lock.
    pub fn remove(&self, cases: Vec<Case>, done: Done) {
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
