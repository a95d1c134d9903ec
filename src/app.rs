//! The app shell: the state and the page shared through context, storage as
//! one effect of the state changing, and the page the hash names.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    CaseFormPage, CaseList, CasePage, ChronologyPage, ImportPage, Layout, LettersPage,
    MilestonePage,
};
use crate::hooks::{CasesContext, Navigator, use_navigator};
use crate::route::View;
use crate::state::{Action, Persistence, State};
use crate::storage::backup::{self, BACKUP_KEY, BackupRecord};
use crate::storage::sync::{SaveError, Session, Synced};
use crate::storage::{Backend, KEY, Loaded};

/// Where the app saves: localStorage in the browser, memory in tests.
#[derive(Clone)]
pub struct Store(pub Rc<RefCell<dyn Backend>>);

impl Store {
    pub fn new(backend: impl Backend + 'static) -> Store {
        Store(Rc::new(RefCell::new(backend)))
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The facts the app starts from, gathered by `main` (or a test).
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    pub today: NaiveDate,
    pub loaded: Rc<Loaded>,
    pub store: Store,
    pub view: View,
}

/// The app: its providers, and the page the hash names.
#[component]
pub fn App(props: &AppProps) -> Html {
    let AppProps {
        today,
        loaded,
        store,
        view,
    } = props.clone();
    html! {
        <Providers {today} {loaded} {store} {view}>
            <Page />
        </Providers>
    }
}

/// The facts to start from, and what to show inside the providers.
#[derive(Properties, Clone, PartialEq)]
pub struct ProvidersProps {
    pub today: NaiveDate,
    pub loaded: Rc<Loaded>,
    pub store: Store,
    pub view: View,
    pub children: Html,
}

/// The state and the page shared through context, storage as an effect of
/// the state changing, and the hash kept in step with the page.
#[component]
pub fn Providers(props: &ProvidersProps) -> Html {
    let state = {
        let props = props.clone();
        use_reducer(move || State::from_loaded(props.today, props.loaded.as_ref().clone()))
    };
    let view = {
        let initial = props.view.clone();
        use_state_eq(move || initial)
    };
    let session = {
        let loaded = props.loaded.clone();
        use_mut_ref(move || loaded.session.clone())
    };
    use_save(&state, &props.store, &session);
    use_other_tabs(&state, &props.store, &session);
    use_backup_record(&state, &props.store, props.loaded.backup);
    use_persistence(&state);
    {
        let (view, state) = (view.clone(), state.clone());
        use_effect_with((), move |()| {
            let hash = browser::on_hash_change(Callback::from(move |hash: String| {
                view.set(View::from_hash(&hash))
            }));
            let day = browser::on_page_shown(Callback::from(move |today| {
                state.dispatch(Action::SetToday(today))
            }));
            move || {
                hash.stop();
                day.stop();
            }
        });
    }
    use_page_change(&view, &state);
    html! {
        <ContextProvider<CasesContext> context={state}>
            <ContextProvider<Navigator> context={Navigator::new(view)}>
                <Layout>{ props.children.clone() }</Layout>
            </ContextProvider<Navigator>>
        </ContextProvider<CasesContext>>
    }
}

/// The page the navigator shows.
#[component]
fn Page() -> Html {
    let navigator = use_navigator();
    match navigator.view() {
        View::Cases => html! { <CaseList /> },
        View::AddCase => html! { <CaseFormPage /> },
        View::Import => html! { <ImportPage /> },
        View::Case(id) => html! { <CasePage case_id={id.clone()} /> },
        View::RenameCase(id) => html! { <CaseFormPage case_id={AttrValue::from(id.clone())} /> },
        View::LogEvent(id) => html! { <MilestonePage case_id={id.clone()} /> },
        View::Chronology(id) => html! { <ChronologyPage case_id={id.clone()} /> },
        View::Letters(id) => html! { <LettersPage case_id={id.clone()} /> },
        View::EditEvent(id, event) => {
            html! { <MilestonePage case_id={id.clone()} event_id={AttrValue::from(event.clone())} /> }
        }
    }
}

/// Saves the cases whenever they change: the one place the app writes them.
/// A failed write leaves storage as it was and tells the user; a write by
/// another tab since this one last looked is merged, never written over.
#[hook]
fn use_save(state: &UseReducerHandle<State>, store: &Store, session: &Rc<RefCell<Session>>) {
    let (state, store, session) = (state.clone(), store.clone(), session.clone());
    use_effect_with(state.revision, move |&revision| {
        if revision > 0 && state.writable {
            let mine: Vec<_> = state.all_cases().cloned().collect();
            let saved = session.borrow_mut().save(&mut *store.0.borrow_mut(), &mine);
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
    });
}

/// Takes in what another tab writes, on whatever page this one shows: the
/// browser's `storage` event fires in every other tab of the site.
#[hook]
fn use_other_tabs(state: &UseReducerHandle<State>, store: &Store, session: &Rc<RefCell<Session>>) {
    // The handle of the latest render: the listener outlives many renders.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let (store, session) = (store.clone(), session.clone());
    use_effect_with((), move |()| {
        let listener =
            crate::browser::on_storage_change(Callback::from(move |key: Option<String>| {
                let state = latest.borrow().clone();
                if !state.writable {
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
fn use_backup_record(state: &UseReducerHandle<State>, store: &Store, loaded: BackupRecord) {
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let listener = crate::browser::on_exported(Callback::from(move |()| {
                state.dispatch(Action::Exported)
            }));
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
fn use_persistence(state: &UseReducerHandle<State>) {
    let asked = use_mut_ref(|| false);
    let state = state.clone();
    use_effect_with(state.cases.is_empty(), move |&empty| {
        if !empty && !std::mem::replace(&mut *asked.borrow_mut(), true) {
            crate::browser::ask_persistent_storage(Callback::from(move |granted| {
                state.dispatch(Action::SetPersistence(match granted {
                    true => Persistence::Granted,
                    false => Persistence::Refused,
                }))
            }));
        }
    });
}
/// On moving to another page: its title, and focus on its heading (not on the
/// first page, where the browser's own focus is right).
#[hook]
fn use_page_change(view: &View, state: &State) {
    let title = page_title(view, state);
    let first = use_mut_ref(|| true);
    use_effect_with((view.clone(), title), move |(_, title)| {
        browser::set_title(title);
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
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
        View::Case(id) => name(id),
        View::RenameCase(id) => format!("Rename case – {}", name(id)),
        View::LogEvent(id) => format!("Log a milestone – {}", name(id)),
        View::EditEvent(id, _) => format!("Change a milestone – {}", name(id)),
        View::Chronology(id) => format!("Chronology – {}", name(id)),
        View::Letters(id) => format!("Letters – {}", name(id)),
    };
    format!("{page} – EHC Timeline")
}
