//! The app's storage as effects: saving each change (merged with another
//! tab's write, never over it), taking in what other tabs write, the backup
//! record, and asking the browser to keep the data. The rules are in
//! [`crate::storage`]; these hooks only run them at the right moments.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::Store;
use crate::browser;
use crate::lock_session::Lock;
use crate::state::{Action, Persistence, State};
use crate::storage::KEY;
use crate::storage::backup::{self, BACKUP_KEY, BackupRecord};
use crate::storage::sync::{SaveError, Session, Synced};

/// Saves the cases whenever they change: the one place the app writes them.
/// A failed write leaves storage as it was and tells the user; a write by
/// another tab since this one last looked is merged, never written over.
#[hook]
pub(super) fn use_save(
    state: &UseReducerHandle<State>,
    store: &Store,
    session: &Rc<RefCell<Session>>,
) {
    let (state, store, session) = (state.clone(), store.clone(), session.clone());
    // The passphrase lock, when main.rs's LockGate provides it.
    let lock = use_context::<Lock>();
    use_effect_with(state.revision, move |&revision| {
        if revision > 0 && state.writable {
            let mine: Vec<_> = state.all_cases().cloned().collect();
            match lock.filter(Lock::engaged) {
                Some(lock) => lock.save(mine, Callback::from(move |saved| report(&state, saved))),
                None => {
                    let saved = session.borrow_mut().save(&mut *store.0.borrow_mut(), &mine);
                    report(&state, saved);
                }
            }
        }
    });
}

/// Shows what a save came to.
fn report(state: &UseReducerHandle<State>, saved: Result<Synced, SaveError>) {
    match saved {
        Ok(Synced::Unchanged) => state.dispatch(Action::Saved),
        Ok(Synced::Merged { merge, .. }) => {
            state.dispatch(Action::TakeIn {
                merge,
                unsaved: false,
            });
            state.dispatch(Action::Saved);
        }
        Err(SaveError::Failed(reason)) => state.dispatch(Action::SaveFailed(reason)),
        Err(SaveError::Refused(problem)) => state.dispatch(Action::StorageRefused(problem)),
    }
}

/// Takes in what another tab writes, on whatever page this one shows: the
/// browser's `storage` event fires in every other tab of the site.
#[hook]
pub(super) fn use_other_tabs(
    state: &UseReducerHandle<State>,
    store: &Store,
    session: &Rc<RefCell<Session>>,
) {
    // The handle of the latest render: the listener outlives many renders.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let (store, session) = (store.clone(), session.clone());
    // While locked, another tab's write cannot be read here: the next save
    // refuses to write over it (see `Lock`).
    let lock = use_context::<Lock>();
    use_effect_with((), move |()| {
        let listener = browser::on_storage_change(Callback::from(move |key: Option<String>| {
            let state = latest.borrow().clone();
            if !state.writable || lock.as_ref().is_some_and(Lock::engaged) {
                return;
            }
            if key.as_deref().is_none_or(|key| key == BACKUP_KEY) {
                state.dispatch(Action::BackupRead(backup::load(&*store.0.borrow())));
            }
            if key.as_deref().is_none_or(|key| key == KEY) {
                let mine: Vec<_> = state.all_cases().cloned().collect();
                match session.borrow_mut().refresh(&*store.0.borrow(), &mine) {
                    Ok(Synced::Unchanged) | Err(SaveError::Failed(_)) => {}
                    Ok(Synced::Merged { merge, unsaved }) => {
                        state.dispatch(Action::TakeIn { merge, unsaved })
                    }
                    Err(SaveError::Refused(problem)) => {
                        state.dispatch(Action::StorageRefused(problem))
                    }
                }
            }
        }));
        move || listener.stop()
    });
}

/// Notes each case file export, and stores the backup record when it
/// changes (in its own key, never when storage must not be written).
#[hook]
pub(super) fn use_backup_record(
    state: &UseReducerHandle<State>,
    store: &Store,
    loaded: BackupRecord,
) {
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let listener =
                browser::on_exported(Callback::from(move |()| state.dispatch(Action::Exported)));
            move || listener.stop()
        });
    }
    let written = use_mut_ref(move || loaded);
    let (store, writable) = (store.clone(), state.writable);
    use_effect_with(state.backup, move |&record| {
        if writable && record != *written.borrow() {
            // A lost write only moves the reminder: nothing to tell the user.
            if backup::save(&mut *store.0.borrow_mut(), &record).is_ok() {
                *written.borrow_mut() = record;
            }
        }
    });
}

/// Asks the browser, once there is a case, to keep the app's storage for good.
#[hook]
pub(super) fn use_persistence(state: &UseReducerHandle<State>) {
    let asked = use_mut_ref(|| false);
    let state = state.clone();
    use_effect_with(state.cases.is_empty(), move |&empty| {
        if !empty && !std::mem::replace(&mut *asked.borrow_mut(), true) {
            browser::ask_persistent_storage(Callback::from(move |granted| {
                state.dispatch(Action::SetPersistence(match granted {
                    true => Persistence::Granted,
                    false => Persistence::Refused,
                }))
            }));
        }
    });
}
