//! The app's storage as effects: saving each change (merged with another
//! tab's write, never over it), taking in what other tabs write, the backup
//! record, and asking the browser to keep the data. The rules are in
//! [`crate::storage`]; these hooks only run them at the right moments.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::{self, Listener};
use crate::lock_session::Lock;
use crate::state::{Action, Persistence, State};
use crate::storage::backup::{self, BACKUP_KEY, BackupRecord};
use crate::storage::migrate::BEFORE_KEY;
use crate::storage::sync::{SaveError, Synced};
use crate::storage::{KEY, Loaded, Store};

/// What [`use_storage`] last acted on.
struct Seen {
    /// The cases' revision (`None` before the first render).
    revision: Option<u64>,
    /// The state's backup record (`None` before the first render).
    backup: Option<BackupRecord>,
    /// The backup record as stored.
    written: BackupRecord,
    /// Whether the browser was asked to keep the app's storage.
    asked: bool,
}

/// Storage as an effect of the state changing, in one effect (each
/// `use_effect_with` is code of its own in the first module), each part
/// run when what it follows changes:
///
/// - the cases saved whenever they change: the one place the app writes
///   them, through the one handle on storage. A failed write leaves storage
///   as it was and tells the user; a write by another tab since this one
///   last looked is merged, never written over;
/// - the backup record stored when it changes (in its own key, never when
///   storage must not be written), `loaded` as read at start;
/// - the browser asked, once there is a case, to keep the app's storage for
///   good.
#[hook]
pub(super) fn use_storage(
    state: &UseReducerHandle<State>,
    lock: &Lock,
    store: &Store,
    loaded: BackupRecord,
) {
    let seen = use_mut_ref(move || Seen {
        revision: None,
        backup: None,
        written: loaded,
        asked: false,
    });
    let (state, lock, store) = (state.clone(), lock.clone(), store.clone());
    let follows = (state.revision, state.backup, state.cases.is_empty());
    use_effect_with(follows, move |&(revision, record, empty)| {
        let (save, store_record, ask) = {
            let mut seen = seen.borrow_mut();
            let save = seen.revision.replace(revision) != Some(revision);
            let store_record = seen.backup.replace(record) != Some(record)
                && state.writable
                && record != seen.written;
            let ask = !empty && !seen.asked;
            seen.asked |= ask;
            (save, store_record, ask)
        };
        if save && revision > 0 && state.writable {
            let (mine, taken) = (state.shared_cases(), state.taken);
            let done = {
                let state = state.clone();
                Callback::from(move |saved| report(&state, saved))
            };
            lock.save(mine, taken, done);
        }
        // A lost write only moves the reminder: nothing to tell the user.
        if store_record && backup::save(&mut *store.0.borrow_mut(), &record).is_ok() {
            seen.borrow_mut().written = record;
        }
        if ask {
            browser::ask_persistent_storage(Callback::from(move |granted| {
                state.dispatch(Action::SetPersistence(match granted {
                    true => Persistence::Granted,
                    false => Persistence::Refused,
                }))
            }));
        }
    });
}

/// Once the first screen is drawn: stores with each case whose record held
/// no summary that holds today the one the case list worked out, so the
/// next start need not evaluate it (see [`Lock::store_summaries`]).
pub(super) fn store_summaries_when_drawn(
    state: &UseReducerHandle<State>,
    loaded: &Rc<Loaded>,
    lock: &Lock,
) {
    if !state.writable {
        return;
    }
    let (state, loaded, lock) = (state.clone(), loaded.clone(), lock.clone());
    // After the first screen is drawn: an archived case's summary may
    // need its evaluation.
    yew::platform::spawn_local(async move {
        browser::drawn().await;
        let stored = (loaded.summaries.iter()).chain(std::iter::repeat(&None));
        // The state's entries, in the order loaded, not changed since.
        let stale = (loaded.cases.iter().zip(stored).zip(&state.cases))
            .filter(|((case, _), entry)| Rc::ptr_eq(case, &entry.case))
            .filter(|((_, stored), _)| !stored.as_ref().is_some_and(|s| s.fresh_on(state.today)))
            .map(|(_, entry)| (entry.case.clone(), entry.summary().clone()))
            .collect();
        lock.store_summaries(stale);
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
        // Not written: merged with this tab's latest cases, then saved again.
        Ok(Synced::Theirs(theirs)) => state.dispatch(Action::TakeInTheirs(theirs)),
        Err(SaveError::Failed(reason)) => state.dispatch(Action::SaveFailed(reason)),
        Err(SaveError::Refused(problem)) => state.dispatch(Action::StorageRefused(problem)),
    }
}

/// Takes in what another tab writes, on whatever page this one shows: the
/// browser's `storage` event for localStorage, the handle's channel for the
/// store of records; until the listeners are dropped. `latest`: the handle
/// of the latest render, as the listeners outlive many renders.
pub(super) fn listen_to_other_tabs(
    latest: Rc<RefCell<UseReducerHandle<State>>>,
    store: Store,
    lock: Lock,
) -> (Listener, Option<Listener>) {
    let take_in = {
        let (latest, lock) = (latest.clone(), lock.clone());
        Callback::from(move |ids: Option<Vec<String>>| {
            let state = latest.borrow().clone();
            if !state.writable {
                return;
            }
            let mine = state.shared_cases();
            lock.take_in(
                ids,
                mine,
                Callback::from(move |found| match found {
                    Ok(Synced::Unchanged) | Err(SaveError::Failed(_)) => {}
                    Ok(Synced::Merged { merge, unsaved }) => {
                        state.dispatch(Action::TakeIn { merge, unsaved })
                    }
                    Ok(Synced::Theirs(theirs)) => state.dispatch(Action::TakeInTheirs(theirs)),
                    Err(SaveError::Refused(problem)) => {
                        state.dispatch(Action::StorageRefused(problem))
                    }
                }),
            );
        })
    };
    let storage = {
        let take_in = take_in.clone();
        browser::on_storage_change(Callback::from(move |key: Option<String>| {
            if key.as_deref().is_none_or(|key| key == BACKUP_KEY) {
                let record = backup::load(&*store.0.borrow());
                latest.borrow().dispatch(Action::BackupRead(record));
            }
            if key.as_deref().is_none_or(|key| key == KEY) {
                take_in.emit(None);
            }
        }))
    };
    let tabs = lock.on_other_tabs(Callback::from(move |ids| take_in.emit(Some(ids))));
    (storage, tabs)
}

/// Notes each case file export, and forgets the value the cases were moved
/// from once all are exported; until the listeners are dropped.
pub(super) fn listen_to_exports(state: &UseReducerHandle<State>, store: Store) -> [Listener; 2] {
    let one = {
        let state = state.clone();
        browser::on_exported(Callback::from(move |()| state.dispatch(Action::Exported)))
    };
    // Every case is in a file now: the value they were moved from
    // need not be kept.
    let state = state.clone();
    let all = browser::on_exported_all(Callback::from(move |()| {
        if store.0.borrow_mut().remove(BEFORE_KEY).is_ok() {
            state.dispatch(Action::MovedForgotten);
        }
    }));
    [one, all]
}
