//! The pages a family opens rarely, in parts of their own: each a second
//! wasm module (`src/bin/part-*.rs`) that the main one loads the first time
//! one of its pages is opened, so the first load on a slow phone carries only
//! the first screens: `chronology` (the printed chronology), `letters` (the
//! letter drafts), `import` (importing a case file), `lock` (the lock's
//! settings), `agenda` (every deadline of every case), `report` (the
//! council report of the cases), `pools` (sharing cases anonymised, and
//! pooling others'), `documents` (the documents kept with an event) and
//! `bundle` (a case's evidence bundle); `import` also holds "Export
//! everything", which writes the backup it reads. Each holds
//! Yew, the engine and the case file reader again, about 130 KB gzip, so a
//! part holds one or two pages: more came to more than the 150 KB a part
//! may take.
//!
//! The main module hands over the cases a page needs as a case file and
//! stays the one owner of storage ([`FromMain`]): an import comes back to it
//! as a case file, a change of the lock as the passphrase to lock with, and
//! moving to another page is a change of the location hash, which the main
//! module follows.

use std::rc::Rc;

use chrono::NaiveDate;
use rules::Case;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    AgendaPage, BackupPage, BundlePage, ChronologyPage, DocumentsPage, ImportPage, LettersPage,
    LockControl, LockPage, PoolsPage, ReportPage, ShareCasePage,
};
use crate::crypto::SessionKey;
#[cfg(target_arch = "wasm32")]
use crate::crypto::random_bytes;
#[cfg(target_arch = "wasm32")]
use crate::documents::keys;
use crate::hooks::{HandedOver, Navigator};
#[cfg(target_arch = "wasm32")]
use crate::lock::ITERATIONS;
use crate::lock_session::Changed;
use crate::route::View;
use crate::state::State;

/// What the main module, the one owner of storage, gives a page of a part
/// besides its cases: the facts of storage the page shows, and where its
/// changes go back to.
pub struct FromMain {
    /// Whether the main module is saving the cases.
    pub writable: bool,
    /// The lock as [`show`] is given it: undefined where the lock cannot be
    /// used, `false` while off, its key ([`SessionKey::to_js`]) while on,
    /// which opens the documents' key too.
    pub lock: wasm_bindgen::JsValue,
    /// Takes the case file of an import.
    pub on_import: Callback<String>,
    /// Locks the cases with a new key (made from the passphrase by the
    /// lock's part, as [`SessionKey::to_js`] hands it over) or removes the
    /// lock (undefined), as [`LockControl`] asks.
    pub on_lock: Callback<(wasm_bindgen::JsValue, Changed)>,
}

/// A part: the pages it shows.
pub trait Part: 'static {
    /// Whether its pages import cases: only then does its module carry the
    /// writer of case files, to hand the cases back to the main module.
    const IMPORTS: bool = false;

    /// Whether its pages read the cases handed over: a part whose pages do
    /// not carries neither the engine nor the case file reader.
    const READS_CASES: bool = true;

    /// Whether its pages show what the rules make of the cases: a part whose
    /// pages do not is given the cases as they are ([`GivenCases`]) and
    /// carries neither the engine nor the evaluation.
    const EVALUATES: bool = true;

    /// Whether its pages change the lock: only then does its module carry
    /// the asking of the main module to change it.
    const LOCKS: bool = false;

    /// Whether its pages open what is sealed with the documents' key (the
    /// documents, the pools): only then is it given the lock's key
    /// ([`LockKey`]), which opens that key.
    const OPENS_SEALED: bool = false;

    /// The page `view` names, or nothing for a page of another part (the
    /// main module shows it).
    fn page(view: &View) -> Html;
}

/// The `chronology` part: the printed chronology.
pub struct Chronology;

impl Part for Chronology {
    fn page(view: &View) -> Html {
        match view {
            View::Chronology(id) => html! { <ChronologyPage case_id={id.clone()} /> },
            _ => Html::default(),
        }
    }
}

/// The `letters` part: the letter drafts.
pub struct Letters;

impl Part for Letters {
    fn page(view: &View) -> Html {
        match view {
            View::Letters(id) => html! { <LettersPage case_id={id.clone()} /> },
            _ => Html::default(),
        }
    }
}

/// The `import` part: importing a case file or a backup, and "Export
/// everything", which writes the backup (both carry the `archive` crate).
pub struct Import;

impl Part for Import {
    const IMPORTS: bool = true;
    const EVALUATES: bool = false;
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Import => html! { <ImportPage /> },
            View::Backup => html! { <BackupPage /> },
            _ => Html::default(),
        }
    }
}

/// The `lock` part: the lock's settings, which offer the case file handed
/// over as the backup, unread.
pub struct LockSettings;

impl Part for LockSettings {
    const READS_CASES: bool = false;
    const LOCKS: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Lock => html! { <LockPage /> },
            _ => Html::default(),
        }
    }
}

/// The `agenda` part: every deadline of every case.
pub struct Agenda;

impl Part for Agenda {
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Agenda => html! { <AgendaPage /> },
            _ => Html::default(),
        }
    }
}

/// The `pools` part: sharing cases anonymised, and the pools of cases
/// others shared, kept in a database of their own ([`crate::pools`]).
pub struct Pools;

impl Part for Pools {
    const EVALUATES: bool = false;
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Pools => html! { <PoolsPage /> },
            View::ShareCase(id) => html! { <ShareCasePage case_id={id.clone()} /> },
            _ => Html::default(),
        }
    }
}

/// The `report` part: the council report of the cases.
pub struct Report;

impl Part for Report {
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Report => html! { <ReportPage /> },
            _ => Html::default(),
        }
    }
}

/// The `documents` part: the documents kept with an event.
pub struct Documents;

impl Part for Documents {
    const IMPORTS: bool = true;
    const EVALUATES: bool = false;
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Documents(id, event) => {
                html! { <DocumentsPage case_id={id.clone()} event_id={event.clone()} /> }
            }
            _ => Html::default(),
        }
    }
}

/// The `bundle` part: a case's evidence bundle, one PDF made on the device
/// (the `bundle` crate, which reads PDFs and pictures: about 55 KB).
pub struct Bundle;

impl Part for Bundle {
    const OPENS_SEALED: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Bundle(id) => html! { <BundlePage case_id={id.clone()} /> },
            _ => Html::default(),
        }
    }
}

/// The cases handed over to a page of a part that does not evaluate them.
#[derive(Clone)]
pub struct GivenCases {
    pub today: NaiveDate,
    pub cases: Rc<Vec<Case>>,
    /// Takes the cases an import adds or replaces, to be saved.
    pub on_import: Callback<Vec<Case>>,
}

/// The same hand-over is the same `Rc`: comparing the cases would be code
/// for nothing.
impl PartialEq for GivenCases {
    fn eq(&self, other: &GivenCases) -> bool {
        Rc::ptr_eq(&self.cases, &other.cases) && self.on_import == other.on_import
    }
}

/// The lock's key while on (`None`: the lock is off), which opens the
/// documents' key: given to the pages of a part that opens what it seals.
#[derive(Clone, PartialEq)]
pub struct LockKey(pub Option<SessionKey>);

/// What the main module hands over.
#[derive(Properties, Clone, PartialEq)]
pub struct PartPageProps {
    pub today: NaiveDate,
    /// The page's case, or every case for the import (which says which
    /// cases it replaces), the agenda and the report.
    pub cases: Rc<Vec<Case>>,
    pub view: View,
    /// Move focus to the page's heading once shown (after moving here).
    pub focus: bool,
    /// Whether the main module is saving the cases.
    pub writable: bool,
    /// Takes the cases an import adds or replaces, to be saved.
    pub on_import: Callback<Vec<Case>>,
    /// What the lock page is given; `None` where the lock cannot be used.
    pub lock: Option<LockControl>,
    /// What opens the documents and pools (see [`Part::OPENS_SEALED`]).
    pub lock_key: LockKey,
}

/// A page of the part `P`, with the cases it was given.
#[component]
pub fn PartPage<P: Part>(props: &PartPageProps) -> Html {
    // The cases evaluated ([`HandedOver`]): made once, at the first render,
    // and only by a part that evaluates. Kept as `dyn Any`, so that a part
    // that does not carries none of its code, not even its drop.
    let given = use_memo((), |()| {
        std::cell::OnceCell::<Box<dyn std::any::Any>>::new()
    });
    let view = {
        let initial = props.view.clone();
        use_state_eq(move || initial)
    };
    use_effect_with(props.focus, |&focus| {
        if focus {
            browser::focus_main_heading();
        }
    });
    let page = html! {
        <ContextProvider<Navigator> context={Navigator::new(view.clone())}>
            { P::page(&view) }
        </ContextProvider<Navigator>>
    };
    let page = match P::OPENS_SEALED {
        true => html! {
            <ContextProvider<LockKey> context={props.lock_key.clone()}>{page}</ContextProvider<LockKey>>
        },
        false => page,
    };
    let page = match props.lock.clone().filter(|_| P::LOCKS) {
        Some(lock) => html! {
            <ContextProvider<LockControl> context={lock}>{page}</ContextProvider<LockControl>>
        },
        None => page,
    };
    if !P::READS_CASES {
        return page;
    }
    if !P::EVALUATES {
        let given = GivenCases {
            today: props.today,
            cases: props.cases.clone(),
            on_import: props.on_import.clone(),
        };
        return html! { <ContextProvider<GivenCases> context={given}>{page}</ContextProvider<GivenCases>> };
    }
    let given = given.get_or_init(|| {
        Box::new(HandedOver {
            state: Rc::new(State::new(
                props.today,
                props.cases.as_ref().clone(),
                None,
                props.writable,
            )),
        })
    });
    match (**given).downcast_ref::<HandedOver>() {
        Some(given) => html! {
            <ContextProvider<HandedOver> context={given.clone()}>{page}</ContextProvider<HandedOver>>
        },
        None => page,
    }
}

/// Shows in `host` the page of the part `P` that `hash` names, from the
/// case file `cases` the main module handed over and the facts `writable`
/// and `lock` of [`FromMain`] (undefined where the lock cannot be used,
/// `false` while off, its key while on: see [`lock_given`]); the case file
/// of an import goes back through `on_import`, a change of the lock through
/// `on_lock` (which answers with a promise, rejected with the reason it
/// failed).
#[cfg(target_arch = "wasm32")]
#[allow(clippy::too_many_arguments)]
pub fn show<P: Part>(
    host: web_sys::Element,
    hash: &str,
    cases: &str,
    focus: bool,
    writable: bool,
    lock: wasm_bindgen::JsValue,
    on_import: js_sys::Function,
    on_lock: js_sys::Function,
) -> Result<yew::AppHandle<PartPage<P>>, String> {
    let (lock_on, lock_key) = match lock.as_bool() {
        Some(on) => (Some(on), None),
        None if lock.is_undefined() => (None, None),
        None => (Some(true), SessionKey::from_js(&lock)),
    };
    // The main module wrote the file: a fault is a bug, not the user's, and
    // the reader's wording of every fault would weigh on every part.
    let today = browser::today();
    let given = if P::READS_CASES {
        rules::read_case_file(cases)
            .map_err(|_| "the cases could not be handed over to this page".to_owned())?
            .cases
    } else {
        Vec::new()
    };
    let on_import = if P::IMPORTS {
        Callback::from(move |cases: Vec<Case>| {
            let text = crate::export::case_file_text(&cases, today);
            let _ = on_import.call1(
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_str(&text),
            );
        })
    } else {
        Callback::noop()
    };
    let current = std::rc::Rc::new(std::cell::RefCell::new(lock_key.clone()));
    let lock = lock_on.filter(|_| P::LOCKS).map(|on| LockControl {
        on,
        writable,
        aside: crate::storage::kept_aside(&browser::LocalStore).into(),
        backup: cases.to_owned().into(),
        today,
        change: Callback::from(move |(passphrase, done): (Option<String>, Changed)| {
            let (on_lock, current) = (on_lock.clone(), current.clone());
            yew::platform::spawn_local(async move {
                done.emit(change_lock(passphrase, &on_lock, &current).await);
            });
        }),
    });
    let props = PartPageProps {
        today,
        cases: Rc::new(given),
        view: View::from_hash(hash),
        focus,
        writable,
        on_import,
        lock,
        lock_key: LockKey(lock_key.filter(|_| P::OPENS_SEALED)),
    };
    let first = PartPageProps {
        cases: Rc::default(),
        view: View::Cases,
        ..props.clone()
    };
    mount_apart(host, first, props)
}

/// Mounts the app `C` in `host` with `props`, numbered apart from the main
/// module's app: Yew numbers each app it mounts, from 1 in every module,
/// and marks the app's elements with its number, and the main module's app
/// is 1. A page numbered 1 here too would have the main module take the
/// page's events for its own and run its own handlers on them (a click on
/// "Lock my cases" then never sent the form). An app mounted (with `first`,
/// as cheap as can be) and removed at once takes this module's number first.
#[cfg(target_arch = "wasm32")]
pub fn mount_apart<C: yew::BaseComponent>(
    host: web_sys::Element,
    first: C::Properties,
    props: C::Properties,
) -> Result<yew::AppHandle<C>, String> {
    let detached = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("div").ok())
        .ok_or("there is no page to show it in")?;
    yew::Renderer::<C>::with_root_and_props(detached, first)
        .render()
        .destroy();
    Ok(yew::Renderer::<C>::with_root_and_props(host, props).render())
}

/// Locks the cases with a key made from `passphrase` (a new salt), or
/// removes the lock (`None`), through the main module's `on_lock`; around
/// it, the documents' key is sealed for the new lock before and the other
/// copies removed after (see [`keys`]), so the main module never opens the
/// documents' database. `current`: the lock's key as this page knows it.
#[cfg(target_arch = "wasm32")]
async fn change_lock(
    passphrase: Option<String>,
    on_lock: &js_sys::Function,
    current: &std::cell::RefCell<Option<SessionKey>>,
) -> Result<(), String> {
    let new = match passphrase {
        Some(passphrase) => {
            Some(SessionKey::derive(&passphrase, random_bytes()?, ITERATIONS).await?)
        }
        None => None,
    };
    let old = current.borrow().clone();
    keys::prepare(old.as_ref(), new.as_ref())
        .await
        .map_err(|reason| format!("the documents' key could not be made ready ({reason})"))?;
    let key = new
        .as_ref()
        .map_or(wasm_bindgen::JsValue::UNDEFINED, SessionKey::to_js);
    let asked = on_lock.call1(&wasm_bindgen::JsValue::NULL, &key);
    let answer = match asked {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await,
        Err(error) => Err(error),
    };
    answer.map_err(|reason| {
        reason
            .as_string()
            .unwrap_or_else(|| "the app did not answer".to_owned())
    })?;
    *current.borrow_mut() = new.clone();
    keys::settle(new.as_ref()).await.map_err(|reason| {
        format!("the change was made, but the documents' old key could not be removed ({reason}). Reload the page and do it again")
    })
}

/// The exports of a part's module (`src/bin/part-*.rs`): `show`, which
/// the main module calls (see `browser::Part`), and the page it returns,
/// which the main module closes.
#[macro_export]
macro_rules! export_part {
    ($part:ty) => {
        /// A page shown, until the main module closes it.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub struct Shown(Option<yew::AppHandle<$crate::parts::PartPage<$part>>>);

        #[wasm_bindgen::prelude::wasm_bindgen]
        impl Shown {
            /// Removes the page: the main module shows the next one.
            pub fn close(&mut self) {
                if let Some(app) = self.0.take() {
                    app.destroy();
                }
            }
        }

        /// See [`ehc_timeline::parts::show`].
        #[wasm_bindgen::prelude::wasm_bindgen]
        #[allow(clippy::too_many_arguments)]
        pub fn show(
            host: web_sys::Element,
            hash: &str,
            cases: &str,
            focus: bool,
            writable: bool,
            lock: wasm_bindgen::JsValue,
            on_import: js_sys::Function,
            on_lock: js_sys::Function,
        ) -> Result<Shown, wasm_bindgen::JsError> {
            $crate::parts::show::<$part>(
                host, hash, cases, focus, writable, lock, on_import, on_lock,
            )
            .map(|app| Shown(Some(app)))
            .map_err(|error| wasm_bindgen::JsError::new(&error))
        }
    };
}
