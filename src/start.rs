//! Starts the app in the browser: opens the stored cases (IndexedDB, after
//! moving in what localStorage held; or the locked value to unlock), reads
//! today's date and the page's hash, and renders the app.
//!
//! The first module (`ehc-timeline`, built with the feature `lockless`) is
//! what the page loads, and it leaves out the code of every start but the
//! usual one, which most visits, and every first visit, are: the database
//! opens and holds no lock, every record in it reads, and localStorage
//! holds no value of the cases (`lock::open_usual`). Any other start (the
//! cases locked, a value in localStorage to move in or kept there while the
//! database cannot be used, a record that cannot be read), and the lock's
//! settings, are opened by the part `locked` (see [`crate::store_part`]):
//! it shows the Unlock page where the cases are locked, then hands the
//! cases over, and keeps their store, with the lock's code (the sealing of
//! records, the rewrite of the whole store), the move, the localStorage
//! session and the reader's words for a fault. The app itself is still this
//! module's. The service worker keeps that part when it installs, beside
//! the first load, so a locked store opens offline, right after a new
//! version took over too. Each build has its own `run`: an `await` in a
//! branch that a constant condition leaves out still links what it awaits.

use std::rc::Rc;

#[cfg(feature = "lockless")]
use crate::app::{Providers, ProvidersProps};
use crate::browser;
#[cfg(not(feature = "lockless"))]
use crate::components;
#[cfg(not(feature = "lockless"))]
use crate::components::StartProps;
use crate::lock;
#[cfg(feature = "lockless")]
use crate::lock_session::Lock;
use crate::route::View;
use crate::storage::Store;

/// Opens storage and renders the app (see the module's doc): the usual
/// start by this module, any other (and the lock's settings) by the part
/// `locked`.
#[cfg(feature = "lockless")]
pub async fn run() {
    let mut local = browser::LocalStore;
    let view = View::from_hash(&browser::hash());
    let loaded = match view {
        View::Lock => None,
        _ => lock::open_usual(&mut local).await,
    };
    let store = Store::new(local);
    let (loaded, lock, unlocked) = match loaded {
        // The handle on storage takes what start-up read of the records: a
        // copy of the whole map (10,000 cases) would be code and time for
        // nothing.
        Some(mut loaded) => {
            let lock = Lock::open(store.clone(), std::mem::take(&mut loaded.saving));
            (loaded, lock, false)
        }
        None => match crate::store_part::open().await {
            Ok((loaded, remote, unlocked)) => {
                (loaded, Lock::remote(store.clone(), remote), unlocked)
            }
            Err(reason) => return not_opened(&reason),
        },
    };
    let props = ProvidersProps {
        today: browser::today(),
        loaded: Rc::new(loaded),
        store,
        view,
        unlocked,
        lock: Some(lock),
        page: None,
    };
    yew::Renderer::<Providers>::with_props(props).render();
}

/// Opens storage and renders the app (see the module's doc), with the
/// Unlock page where the cases are locked.
#[cfg(not(feature = "lockless"))]
pub async fn run() {
    let mut local = browser::LocalStore;
    let start = lock::open(&mut local).await;
    let (today, view) = (browser::today(), View::from_hash(&browser::hash()));
    let props = StartProps {
        today,
        found: Rc::new(start),
        store: Store::new(local),
        view,
    };
    yew::Renderer::<components::LockGate>::with_props(props).render();
}

/// Says why the cases could not be opened: the part that opens them could
/// not be loaded (offline before it was kept), for `reason`.
#[cfg(feature = "lockless")]
fn not_opened(reason: &str) {
    browser::show_in_body(&format!(
        "<main class=\"width-container\"><h1 class=\"heading-xl\">Your cases could not be opened</h1><p class=\"body\">They are locked, kept in a way only a part of the app opens (data from an earlier version, or that could not be read), or the lock's settings were asked for. That part of the app is loaded the first time it is needed, and {reason}. Check your internet connection, then reload this page. After one visit online, it works offline.</p></main>"
    ));
}
