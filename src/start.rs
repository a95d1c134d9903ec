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

use std::rc::Rc;

use crate::components::{LockGate, StartProps};
use crate::lock::{self, Start};
use crate::route::View;
use crate::storage::Store;
use crate::{browser, components};

/// Opens storage and renders the app (see the module's doc).
pub async fn run() {
    let mut local = browser::LocalStore;
    let start = lock::open(&mut local).await;
    let (today, view) = (browser::today(), View::from_hash(&browser::hash()));
    let store = Store::new(local);
    if cfg!(feature = "lockless") {
        match start {
            Start::Open(loaded) if view != View::Lock => {
                let found = Rc::new(loaded);
                let props = StartProps {
                    today,
                    found,
                    store,
                    view,
                };
                yew::Renderer::<components::OpenApp>::with_props(props).render();
            }
            _ => hand_over().await,
        }
        return;
    }
    let found = Rc::new(start);
    let props = StartProps {
        today,
        found,
        store,
        view,
    };
    yew::Renderer::<LockGate>::with_props(props).render();
}

/// Starts the app whole, with the lock's code, in this page; or says why
/// it could not be loaded.
async fn hand_over() {
    if let Err(reason) = browser::part("locked").await {
        browser::show_in_body(&format!(
            "<main class=\"width-container\"><h1 class=\"heading-xl\">Your cases could not be opened</h1><p class=\"body\">They are locked, or the lock's settings were asked for, and the part of the app that opens them is loaded the first time it is needed, and {reason}. Check your internet connection, then reload this page. After one visit online, it works offline.</p></main>"
        ));
    }
}
