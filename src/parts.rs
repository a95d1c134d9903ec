//! The pages a family opens rarely, in parts of their own: each a second
//! wasm module (`src/bin/part-*.rs`) that the main one loads the first time
//! one of its pages is opened, so the first load on a slow phone carries only
//! the first screens: `chronology` (the printed chronology), `letters` (the
//! letter drafts), `import` (importing a case file) and `agenda` (every
//! deadline of every case). Each holds Yew, the
//! engine and the case file reader again, about 130 KB gzip, so a part holds
//! one page: two pages in one part came to more than the 150 KB a part may
//! take.
//!
//! The main module hands over the cases a page needs as a case file and
//! stays the one owner of storage: an import comes back to it as a case file,
//! and moving to another page is a change of the location hash, which the
//! main module follows.

use std::rc::Rc;

use chrono::NaiveDate;
use rules::Case;
use yew::prelude::*;

use crate::browser;
use crate::components::{AgendaPage, ChronologyPage, ImportPage, LettersPage};
use crate::hooks::{HandedOver, Navigator};
use crate::route::View;
use crate::state::State;

/// A part: the pages it shows.
pub trait Part: 'static {
    /// Whether its pages import cases: only then does its module carry the
    /// writer of case files, to hand the cases back to the main module.
    const IMPORTS: bool = false;

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

/// The `import` part: importing a case file.
pub struct Import;

impl Part for Import {
    const IMPORTS: bool = true;

    fn page(view: &View) -> Html {
        match view {
            View::Import => html! { <ImportPage /> },
            _ => Html::default(),
        }
    }
}

/// The `agenda` part: every deadline of every case.
pub struct Agenda;

impl Part for Agenda {
    fn page(view: &View) -> Html {
        match view {
            View::Agenda => html! { <AgendaPage /> },
            _ => Html::default(),
        }
    }
}

/// What the main module hands over.
#[derive(Properties, Clone, PartialEq)]
pub struct PartPageProps {
    pub today: NaiveDate,
    /// The page's case, or every case for the import (which says which
    /// cases it replaces) and the agenda.
    pub cases: Rc<Vec<Case>>,
    pub view: View,
    /// Move focus to the page's heading once shown (after moving here).
    pub focus: bool,
    /// Takes the cases an import adds or replaces, to be saved.
    pub on_import: Callback<Vec<Case>>,
}

/// A page of the part `P`, with the cases it was given.
#[component]
pub fn PartPage<P: Part>(props: &PartPageProps) -> Html {
    let given = {
        let (today, cases) = (props.today, props.cases.clone());
        let on_import = props.on_import.clone();
        use_memo((), move |()| HandedOver {
            state: Rc::new(State::new(today, cases.as_ref().clone(), None, false)),
            on_import,
        })
    };
    let view = {
        let initial = props.view.clone();
        use_state_eq(move || initial)
    };
    use_effect_with(props.focus, |&focus| {
        if focus {
            browser::focus_main_heading();
        }
    });
    html! {
        <ContextProvider<HandedOver> context={(*given).clone()}>
            <ContextProvider<Navigator> context={Navigator::new(view.clone())}>
                { P::page(&view) }
            </ContextProvider<Navigator>>
        </ContextProvider<HandedOver>>
    }
}

/// Shows in `host` the page of the part `P` that `hash` names, from the
/// case file `cases` the main module handed over; the case file of an
/// import goes back through `on_import`.
#[cfg(target_arch = "wasm32")]
pub fn show<P: Part>(
    host: web_sys::Element,
    hash: &str,
    cases: &str,
    focus: bool,
    on_import: js_sys::Function,
) -> Result<yew::AppHandle<PartPage<P>>, String> {
    // The main module wrote the file: a fault is a bug, not the user's, and
    // the reader's wording of every fault would weigh on every part.
    let file = rules::read_case_file(cases)
        .map_err(|_| "the cases could not be handed over to this page".to_owned())?;
    let today = browser::today();
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
    let props = PartPageProps {
        today,
        cases: Rc::new(file.cases),
        view: View::from_hash(hash),
        focus,
        on_import,
    };
    Ok(yew::Renderer::<PartPage<P>>::with_root_and_props(host, props).render())
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
        pub fn show(
            host: web_sys::Element,
            hash: &str,
            cases: &str,
            focus: bool,
            on_import: js_sys::Function,
        ) -> Result<Shown, wasm_bindgen::JsError> {
            $crate::parts::show::<$part>(host, hash, cases, focus, on_import)
                .map(|app| Shown(Some(app)))
                .map_err(|error| wasm_bindgen::JsError::new(&error))
        }
    };
}
