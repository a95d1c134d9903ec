//! The app shell: the state and the page shared through context, storage as
//! effects of the state changing (`storage_hooks`), and the page the hash names.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    CaseFormPage, CaseList, CasePage, MilestonePage, OnDemandPage, use_layout,
};
use crate::hooks::{CasesContext, Navigator};
use crate::lock_session::Lock;
use crate::route::View;
use crate::state::{Action, State};
use crate::storage::{Loaded, Store};

mod storage_hooks;

use storage_hooks::{
    listen_to_exports, listen_to_other_tabs, store_summaries_when_drawn, use_storage,
};

/// The facts to start from, and what to show inside the providers.
#[derive(Properties, Clone)]
pub struct ProvidersProps {
    pub today: NaiveDate,
    pub loaded: Rc<Loaded>,
    pub store: Store,
    pub view: View,
    /// The cases were just unlocked: the Unlock page and its focus are
    /// gone, so the first page's heading takes it.
    #[prop_or_default]
    pub unlocked: bool,
    /// The one handle on storage, which the app's root gives (none where
    /// the app is rendered alone, as in tests: it makes one of its own).
    #[prop_or_default]
    pub lock: Option<Lock>,
    /// The page inside the layout, as a test shows one; none (the app): the
    /// page the address names ([`routed`]).
    #[prop_or_default]
    pub page: Option<Html>,
}

/// The same load is the same `Rc`: the state starts from it once, so its
/// cases need not be compared one by one (the derived comparison's code,
/// about 1.3 KB of the first module, compared every field of every case).
impl PartialEq for ProvidersProps {
    fn eq(&self, other: &ProvidersProps) -> bool {
        self.today == other.today
            && Rc::ptr_eq(&self.loaded, &other.loaded)
            && self.store == other.store
            && self.view == other.view
            && self.unlocked == other.unlocked
            && self.lock == other.lock
            && self.page == other.page
    }
}

/// The state and the page shared through context, storage as an effect of
/// the state changing, and the hash kept in step with the page.
#[component]
pub fn Providers(props: &ProvidersProps) -> Html {
    let state = {
        let (today, loaded) = (props.today, props.loaded.clone());
        use_reducer(move || State::from_loaded(today, &loaded))
    };
    let view = {
        let initial = props.view.clone();
        use_state_eq(move || initial)
    };
    // The one handle on storage: the root's, or (rendered alone, as in
    // tests) one of its own on the store.
    let lock = {
        let (lock, store, loaded) = (
            props.lock.clone(),
            props.store.clone(),
            props.loaded.clone(),
        );
        use_memo((), move |()| {
            lock.unwrap_or_else(|| own_lock(store, &loaded))
        })
    };
    use_storage(&state, &lock, &props.store, props.loaded.backup);
    // The handle of the latest render, for listeners that read the state.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    {
        let (view, state, loaded) = (view.clone(), state.clone(), props.loaded.clone());
        let (store, lock, unlocked) = (props.store.clone(), (*lock).clone(), props.unlocked);
        // What starts with the app, in one effect: each `use_effect_with`
        // is code of its own in the first module.
        use_effect_with((), move |()| {
            // The first module's root (this, see `crate::start`) is ready
            // with this first render, in the page.
            #[cfg(feature = "lockless")]
            browser::mark_ready();
            if unlocked {
                browser::focus_main_heading();
            }
            store_summaries_when_drawn(&state, &loaded, &lock);
            let exports = listen_to_exports(&state, store.clone());
            let tabs = listen_to_other_tabs(latest, store, lock);
            let hash = browser::on_hash_change(Callback::from(move |hash: String| {
                view.set(View::from_hash(&hash))
            }));
            let day = browser::on_new_day(Callback::from(move |today| {
                state.dispatch(Action::SetToday(today))
            }));
            move || {
                // Dropped here, each stops listening.
                let _listening = (tabs, exports, hash, day);
            }
        });
    }
    use_page_change(&view, &state);
    // Whether the user has moved from the page the app opened at (where the
    // browser's own focus is right), or unlocked the cases.
    let moved = use_mut_ref(|| props.unlocked);
    if *view != props.view {
        *moved.borrow_mut() = true;
    }
    let page = (props.page.clone()).unwrap_or_else(|| routed(&view, *moved.borrow()));
    let context = CasesContext::new(state, Navigator::new(view.clone()), props.lock.clone());
    let page = use_layout(&context.cases(), &view, page);
    html! {
        <ContextProvider<CasesContext> {context}>{page}</ContextProvider<CasesContext>>
    }
}

/// A handle of its own on `store`, for [`Providers`] rendered alone.
#[cfg(not(feature = "lockless"))]
fn own_lock(store: Store, loaded: &Loaded) -> Lock {
    Lock::open(store, loaded.saving.clone())
}

/// The first module's start (`crate::start`) always gives its lock, and
/// took the records read at start from `Loaded`: no handle of its own to link.
#[cfg(feature = "lockless")]
fn own_lock(_: Store, _: &Loaded) -> Lock {
    unreachable!("the first module's start gives its lock")
}

/// The page `view` names, inside the layout; `moved`: the user moved from
/// the page the app opened at, or unlocked the cases, so a part's page takes
/// the focus. A function of [`Providers`], which is drawn when the page or
/// the cases change, not a component of its own: less code in the first
/// module.
fn routed(view: &View, moved: bool) -> Html {
    // The pages used least, in parts loaded on demand (see `parts`): one
    // place that builds their page, whichever part it is.
    let part = match view {
        View::Lock => "lock",
        View::Import | View::Backup => "import",
        View::Chronology(_) => "chronology",
        View::Letters(_) => "letters",
        View::Agenda => "agenda",
        View::Pools | View::ShareCase(_) => "pools",
        View::Report => "report",
        View::Documents(..) => "documents",
        View::Bundle(_) => "bundle",
        View::Cases => return html! { <CaseList /> },
        View::AddCase | View::RenameCase(_) => {
            let case_id = match view {
                View::RenameCase(id) => Some(AttrValue::from(id.clone())),
                _ => None,
            };
            return html! { <CaseFormPage {case_id} /> };
        }
        View::Case(id) | View::Deadline(id, _) => {
            let deadline = match view {
                View::Deadline(_, n) => Some(*n),
                _ => None,
            };
            return html! { <CasePage case_id={id.clone()} {deadline} /> };
        }
        View::LogEvent(id) | View::EditEvent(id, _) => {
            let event_id = match view {
                View::EditEvent(_, event) => Some(AttrValue::from(event.clone())),
                _ => None,
            };
            return html! { <MilestonePage case_id={id.clone()} {event_id} /> };
        }
    };
    html! { <OnDemandPage {part} view={view.clone()} focus={moved} /> }
}

/// On moving to another page: its title, and focus on its heading (not on the
/// first page, where the browser's own focus is right, nor at a deadline of
/// a case, where the case page moves focus to its card).
#[hook]
fn use_page_change(view: &View, state: &State) {
    let title = page_title(view, state);
    let first = use_mut_ref(|| true);
    use_effect_with((view.clone(), title), move |(view, title)| {
        browser::set_title(title);
        let first = std::mem::replace(&mut *first.borrow_mut(), false);
        if !first && !matches!(view, View::Deadline(..)) {
            browser::focus_main_heading();
        }
    });
}

/// "Your cases – EHC Timeline".
pub fn page_title(view: &View, state: &State) -> String {
    let name = |id: &str| {
        state
            .entry(id)
            .map(|entry| entry.name().to_owned())
            .unwrap_or_else(|| "Page not found".to_owned())
    };
    let page = match view {
        View::Cases => "Your cases".to_owned(),
        View::AddCase => "Add a case".to_owned(),
        View::Import => "Import a case file".to_owned(),
        View::Lock => crate::components::LOCK_PAGE_TITLE.to_owned(),
        View::Agenda => "Agenda".to_owned(),
        View::Pools => "Pool cases with others".to_owned(),
        View::Case(id) | View::Deadline(id, _) => name(id),
        View::Report => "Council report".to_owned(),
        View::RenameCase(id) => format!("Rename case – {}", name(id)),
        View::LogEvent(id) => format!("Log a milestone – {}", name(id)),
        View::EditEvent(id, _) => format!("Change a milestone – {}", name(id)),
        View::Chronology(id) => format!("Chronology – {}", name(id)),
        View::Letters(id) => format!("Letters – {}", name(id)),
        View::ShareCase(id) => format!("Share anonymised – {}", name(id)),
        View::Documents(id, _) => format!("Documents – {}", name(id)),
        View::Bundle(id) => format!("Evidence bundle – {}", name(id)),
        View::Backup => "Export everything".to_owned(),
    };
    format!("{page} – EHC Timeline")
}
