//! Starts the app in the browser: opens the stored cases (IndexedDB, after
//! moving in what localStorage held; or the locked value to unlock), reads
//! today's date and the page's hash, and renders the app.
//!
//! The app is built twice from this crate. The first module (`ehc-timeline`,
//! with the feature `lockless`) is what the page loads: it leaves out the
//! lock's code (the Unlock page, the sealing of records, the rewrite of the
//! whole store; about 19 KB gzip), which a store without a lock, and every
//! first visit, never runs. Where the cases are locked, or the lock's settings
//! are opened, it hands over, unrendered, to the app whole (the module
//! `part-locked`, loaded as a part is), which opens storage afresh. The
//! service worker keeps that module when it installs, beside the first load,
//! so a locked store opens offline, right after a new version took over too.
//! The first module opens only the usual start itself (`lock::open_usual`):
//! a value in localStorage (to move into the database, or kept there), a
//! database it cannot use and a record it cannot read go to the app whole
//! too, so the move, the localStorage session and the reader's words for a
//! fault stay out of its wasm. Each build has its own `run`: an `await` in
//! a branch that a constant condition leaves out still links what it
//! awaits.

use std::rc::Rc;

#[cfg(feature = "lockless")]
use crate::components::Opened;
use crate::components::StartProps;
use crate::lock;
#[cfg(feature = "lockless")]
use crate::lock_session::Lock;
use crate::route::View;
use crate::storage::Store;
use crate::{browser, components};

/// Opens storage and renders the app (see the module's doc): the usual
/// start only; any other, and the lock's settings, go to the app whole.
#[cfg(feature = "lockless")]
pub async fn run() {
    let mut local = browser::LocalStore;
    let view = View::from_hash(&browser::hash());
    let loaded = match view {
        View::Lock => None,
        _ => lock::open_usual(&mut local).await,
    };
    let Some(mut loaded) = loaded else {
        return hand_over().await;
    };
    // The handle on storage takes what start-up read of the records: a
    // copy of the whole map (10,000 cases) would be code and time for nothing.
    let store = Store::new(local);
    let lock = Lock::open(store.clone(), std::mem::take(&mut loaded.saving));
    let props = StartProps {
        today: browser::today(),
        found: Rc::new(Opened {
            loaded: Rc::new(loaded),
            lock,
        }),
        store,
        view,
    };
    yew::Renderer::<components::OpenApp>::with_props(props).render();
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

/// Starts the app whole, with the lock's code, in this page; or says why
/// it could not be loaded.
#[cfg(feature = "lockless")]
async fn hand_over() {
    if let Err(reason) = browser::part("locked").await {
        browser::show_in_body(&format!(
            "<main class=\"width-container\"><h1 class=\"heading-xl\">Your cases could not be opened</h1><p class=\"body\">They are locked, kept in a way only the whole app opens (data from an earlier version, or that could not be read), or the lock's settings were asked for, and the part of the app that opens them is loaded the first time it is needed, and {reason}. Check your internet connection, then reload this page. After one visit online, it works offline.</p></main>"
        ));
    }
}
