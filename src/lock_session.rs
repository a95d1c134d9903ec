//! The lock of this page session: the key while the lock is on, and the one
//! queue every write goes through while the lock is on or being changed, so
//! writes reach storage in the order they were made.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use crate::app::Store;
use crate::crypto::{OpenError, SessionKey, random_bytes};
use crate::lock::{self, Envelope, ITERATIONS};
use crate::serial::Serial;
use crate::storage::KEY;

/// What a write through the lock reports: done, or why the previous value stays.
pub type Done = Callback<Result<(), String>>;

/// Shared through context by [`crate::components::LockGate`].
#[derive(Clone)]
pub struct Lock {
    key: Rc<RefCell<Option<SessionKey>>>,
    serial: Rc<Serial>,
    store: Store,
}

impl PartialEq for Lock {
    fn eq(&self, other: &Lock) -> bool {
        Rc::ptr_eq(&self.key, &other.key)
    }
}

impl Lock {
    /// The lock over `store`, with the key of an unlocked value, if any.
    pub fn new(store: Store, key: Option<SessionKey>) -> Lock {
        Lock {
            key: Rc::new(RefCell::new(key)),
            serial: Rc::default(),
            store,
        }
    }

    /// Whether the cases are stored locked.
    pub fn is_on(&self) -> bool {
        self.key.borrow().is_some()
    }

    /// Writes `plaintext` (a version-1 value), encrypted while the lock is on.
    /// Without the lock, and nothing waiting, it is written at once.
    pub fn save(&self, plaintext: String, done: Done) {
        if !self.is_on() && !self.serial.busy() {
            done.emit(self.unchanged().and_then(|()| self.write(&plaintext)));
            return;
        }
        let lock = self.clone();
        self.run(async move {
            let key = lock.key.borrow().clone();
            let stored = match key {
                Some(key) => key.seal(&plaintext).await.map(|sealed| sealed.encode()),
                None => Ok(plaintext),
            };
            done.emit(stored.and_then(|stored| lock.write_unchanged(&stored)));
        });
    }

    /// Locks `plaintext` with a new passphrase (a new salt, so a new key),
    /// for this save and every later one. Until it is written, the lock stays
    /// as it was.
    pub fn set_passphrase(&self, passphrase: String, plaintext: String, done: Done) {
        let lock = self.clone();
        self.run(async move {
            let sealed = async {
                let key = SessionKey::derive(&passphrase, random_bytes()?, ITERATIONS).await?;
                let sealed = key.seal(&plaintext).await?;
                Ok::<_, String>((key, sealed))
            };
            let written = match sealed.await {
                Ok((key, sealed)) => lock
                    .write_unchanged(&sealed.encode())
                    .map(|()| *lock.key.borrow_mut() = Some(key)),
                Err(reason) => Err(reason),
            };
            done.emit(written);
        });
    }

    /// Stores `plaintext` unlocked again, and ends the lock.
    pub fn remove(&self, plaintext: String, done: Done) {
        let lock = self.clone();
        self.run(async move {
            let written = lock.write_unchanged(&plaintext);
            if written.is_ok() {
                *lock.key.borrow_mut() = None;
            }
            done.emit(written);
        });
    }

    fn run(&self, task: impl Future<Output = ()> + 'static) {
        if let Some(drain) = self.serial.push(task) {
            yew::platform::spawn_local(drain);
        }
    }

    fn write_unchanged(&self, stored: &str) -> Result<(), String> {
        self.unchanged()?;
        self.write(stored)
    }

    fn write(&self, stored: &str) -> Result<(), String> {
        self.store.0.borrow_mut().set(KEY, stored)
    }

    /// Refuses to write when the stored value is locked with another key, or
    /// unlocked while this page holds a key: another tab changed the lock,
    /// and writing would undo that (or store plain what it locked).
    fn unchanged(&self) -> Result<(), String> {
        let Ok(Some(stored)) = self.store.0.borrow().get(KEY) else {
            return Ok(());
        };
        let stored_salt = lock::read(&stored).map(|envelope| envelope.map(|e| e.salt).ok());
        let our_salt = self.key.borrow().as_ref().map(|key| Some(key.salt));
        if stored_salt == our_salt {
            Ok(())
        } else {
            Err("the passphrase lock was changed in another tab or window. Reload this page to carry on".to_owned())
        }
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
