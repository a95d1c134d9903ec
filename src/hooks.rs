//! The state shared through context, and hooks that give components verbs:
//! `cases.add_event(..)`, `navigator.go(..)`. Components say what they mean;
//! the reducer decides what changes.

use std::ops::Deref;
use std::rc::Rc;

use rules::{Case, Event, case_file::ReviewCompleteOn};
use yew::prelude::*;

use crate::browser;
use crate::forms::{Draft, Edit, Errors, FieldError};
use crate::lock_session::Lock;
use crate::route::View;
use crate::state::{Action, CaseDetails, State, new_case_id};

/// What the app shares under it, in one context: the reducer handle, the
/// navigator and the handle on storage the app was given. Each context type
/// is a component and a lookup of its own in the first module (about 2.8 KB
/// before wasm-opt); the components under the app read the cases and the
/// page alike, so one context draws no page more often.
///
/// Compared by the step of the state the handle was made on: each change is
/// a new step, and yew's comparison of the whole state was 1.2 KB of the
/// first module. The step is read once: every handle reads the state as it
/// is now.
#[derive(Clone)]
pub struct CasesContext {
    handle: UseReducerHandle<State>,
    step: u64,
    navigator: Navigator,
    lock: Option<Lock>,
}

impl CasesContext {
    /// `lock`: the handle the app's root gave (none where the app is
    /// rendered alone, as in tests).
    pub fn new(
        handle: UseReducerHandle<State>,
        navigator: Navigator,
        lock: Option<Lock>,
    ) -> CasesContext {
        let step = handle.step.0;
        CasesContext {
            handle,
            step,
            navigator,
            lock,
        }
    }
}

impl CasesContext {
    /// The cases and their verbs, as [`use_cases`] gives them under it.
    pub fn cases(&self) -> Cases {
        Cases {
            source: Source::App(self.clone()),
        }
    }
}

impl PartialEq for CasesContext {
    fn eq(&self, other: &CasesContext) -> bool {
        self.step == other.step && self.navigator == other.navigator && self.lock == other.lock
    }
}

/// The cases, with the verbs that change them.
#[derive(Clone, PartialEq)]
pub struct Cases {
    source: Source,
}

#[derive(Clone, PartialEq)]
enum Source {
    /// The app's own state, changed by its reducer.
    App(CasesContext),
    /// A page of a part loaded on demand (never in the first module).
    #[cfg_attr(feature = "lockless", allow(dead_code))]
    HandedOver(HandedOver),
}

/// The cases handed over, evaluated, to a page of a part loaded on demand
/// (see [`crate::parts`]): what it shows. Those pages change nothing.
#[derive(Clone)]
pub struct HandedOver {
    pub state: Rc<State>,
}

/// The same hand-over is the same `Rc`: comparing the cases would be code
/// for nothing.
impl PartialEq for HandedOver {
    fn eq(&self, other: &HandedOver) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

impl Deref for Cases {
    type Target = State;

    fn deref(&self) -> &State {
        match &self.source {
            Source::App(context) => &context.handle,
            Source::HandedOver(given) => &given.state,
        }
    }
}

impl Cases {
    /// Adds a case and returns its new id.
    pub fn add_case(&self, details: CaseDetails) -> String {
        let id = new_case_id(self.all_cases(), browser::random_u32());
        self.dispatch(Action::AddCase {
            id: id.clone(),
            details,
        });
        id
    }

    /// Changes a case's name, council, reference or date of birth.
    pub fn rename_case(&self, id: &str, details: CaseDetails) {
        self.dispatch(Action::RenameCase {
            id: id.to_owned(),
            details,
        });
    }

    /// Archives a case, or restores it with `archived` false.
    pub fn archive_case(&self, id: &str, archived: bool) {
        self.dispatch(Action::SetArchived {
            id: id.to_owned(),
            archived,
        });
    }

    /// Deletes a case; [`Cases::undo_delete`] brings it back.
    pub fn delete_case(&self, id: &str) {
        self.dispatch(Action::DeleteCase(id.to_owned()));
    }

    pub fn undo_delete(&self) {
        self.dispatch(Action::UndoDelete);
    }

    /// Adds an event (its id made with [`crate::state::new_event_id`]).
    pub fn add_event(&self, case_id: &str, event: Event) {
        self.dispatch(Action::AddEvent {
            case_id: case_id.to_owned(),
            event,
        });
    }

    /// Replaces the event with the same id.
    pub fn update_event(&self, case_id: &str, event: Event) {
        self.dispatch(Action::UpdateEvent {
            case_id: case_id.to_owned(),
            event,
        });
    }

    pub fn delete_event(&self, case_id: &str, event_id: &str) {
        self.dispatch(Action::DeleteEvent {
            case_id: case_id.to_owned(),
            event_id: event_id.to_owned(),
        });
    }

    /// Adds each case, or replaces the one with the same id.
    pub fn import(&self, cases: Vec<Case>) {
        self.dispatch(Action::Import(cases));
    }

    /// Sets when an annual review counts as complete, for one case.
    pub fn set_setting(&self, case_id: &str, value: ReviewCompleteOn) {
        self.dispatch(Action::SetReviewCompleteOn {
            case_id: case_id.to_owned(),
            value,
        });
    }

    /// Carries on without the unreadable data (which stays kept aside).
    pub fn start_afresh(&self) {
        self.dispatch(Action::StartAfresh);
    }

    fn dispatch(&self, action: Action) {
        if let Source::App(context) = &self.source {
            context.handle.dispatch(action);
        }
    }

    /// The handle on storage the app's root gave: none on a part's page,
    /// nor where the app is rendered alone.
    pub fn lock(&self) -> Option<&Lock> {
        match &self.source {
            Source::App(context) => context.lock.as_ref(),
            Source::HandedOver(_) => None,
        }
    }
}

/// The cases and their verbs. Panics outside the app's provider.
#[hook]
pub fn use_cases() -> Cases {
    let app = use_context::<CasesContext>().map(Source::App);
    // Only a part's page is given its cases (`crate::parts`), never one of
    // the first module (feature `lockless`), which leaves that look out.
    #[cfg(not(feature = "lockless"))]
    let given = use_context::<HandedOver>().map(Source::HandedOver);
    #[cfg(feature = "lockless")]
    let given = None;
    let source = app.or(given).expect("use_cases is used inside the App");
    Cases { source }
}

/// The page shown, and moving to another.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    view: UseStateHandle<View>,
}

impl Navigator {
    /// A navigator over the app's view state.
    pub fn new(view: UseStateHandle<View>) -> Navigator {
        Navigator { view }
    }

    /// The page shown.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Shows `view`, and puts it in the address bar.
    pub fn go(&self, view: View) {
        browser::set_hash(&view.to_hash());
        self.view.set(view);
    }
}

/// The navigator: the app's ([`CasesContext`]), or a part's page's own
/// (`crate::parts`, never in the first module). Panics outside both.
#[hook]
pub fn use_navigator() -> Navigator {
    let app = use_context::<CasesContext>().map(|app| app.navigator);
    #[cfg(not(feature = "lockless"))]
    let given = use_context::<Navigator>();
    #[cfg(feature = "lockless")]
    let given = None;
    app.or(given).expect("use_navigator is used inside the App")
}

/// A form's draft and the errors of its last submission.
pub struct Form<D: Clone + 'static> {
    draft: UseReducerHandle<Draft<D>>,
    errors: UseStateHandle<Errors>,
}

impl<D: Clone + 'static> Clone for Form<D> {
    fn clone(&self) -> Form<D> {
        Form {
            draft: self.draft.clone(),
            errors: self.errors.clone(),
        }
    }
}

impl<D: Clone + 'static> Form<D> {
    /// The draft as typed so far.
    pub fn draft(&self) -> D {
        self.draft.0.clone()
    }

    pub fn errors(&self) -> Errors {
        (*self.errors).clone()
    }

    /// Applies a field's edit to the latest draft.
    pub fn on_change(&self) -> Callback<Edit<D>> {
        let draft = self.draft.clone();
        Callback::from(move |edit| draft.dispatch(edit))
    }

    /// Checks the latest draft with `validate`: its value, or `None` after
    /// showing the errors.
    pub fn check<T>(&self, validate: impl FnOnce(&D) -> Result<T, Vec<FieldError>>) -> Option<T> {
        match validate(&self.draft.0) {
            Ok(value) => Some(value),
            Err(errors) => {
                self.errors.set(Errors::new(errors));
                None
            }
        }
    }
}

/// A form that starts from `initial`.
#[hook]
pub fn use_form<D, F>(initial: F) -> Form<D>
where
    D: Clone + 'static,
    F: FnOnce() -> D,
{
    let draft = use_reducer(move || Draft(initial()));
    let errors = use_state(Errors::default);
    Form { draft, errors }
}
