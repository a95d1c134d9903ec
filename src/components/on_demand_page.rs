//! A page of a part (see [`crate::parts`]): its module is loaded the first
//! time one of its pages is opened, then the page is shown in place, inside
//! this app's layout.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rules::{Case, read_case_file};
use yew::prelude::*;

use crate::browser::{self, ShownPage};
use crate::components::{Markup, back_link};
use crate::export::case_file_text;
use crate::hooks::{Cases, use_cases};
use crate::lock_session::{Changed, Lock, Told};
use crate::parts::FromMain;
use crate::route::View;
use wasm_bindgen::JsValue;

#[derive(Properties, PartialEq)]
pub struct OnDemandPageProps {
    /// The part, such as `chronology` (`src/bin/part-chronology.rs`).
    pub part: &'static str,
    pub view: View,
    /// Move focus to the page's heading once shown: after moving here from
    /// another page, not on the page the app opened at.
    pub focus: bool,
}

#[component]
pub fn OnDemandPage(props: &OnDemandPageProps) -> Html {
    let cases = use_cases();
    let lock = cases.lock().cloned();
    let host = use_node_ref();
    let failed = use_state_eq(Option::<String>::default);
    // How far a change of the lock has come: its rewrite of every record
    // runs here, in the main module, while the lock's page waits. Held as
    // the words said ("40% done"), a state of the type the app's other
    // messages share: one copy of its code for them all.
    let rewritten = use_state_eq(Option::<String>::default);
    {
        let (host, failed, focus, part) = (host.clone(), failed.clone(), props.focus, props.part);
        let lock = lock.clone();
        let rewritten = rewritten.clone();
        use_effect_with(props.view.clone(), move |view| {
            let shown = Rc::new(RefCell::new(None::<ShownPage>));
            let left = Rc::new(Cell::new(false));
            let (hash, given) = (view.to_hash(), handed_over(&cases, view));
            let (slot, gone) = (shown.clone(), left.clone());
            yew::platform::spawn_local(async move {
                let module = match &lock {
                    Some(lock) => lock.part(part).await,
                    None => browser::part(part).await,
                };
                let Some(host) = host.cast::<web_sys::Element>().filter(|_| !gone.get()) else {
                    return;
                };
                let main = from_main(cases, lock, rewritten);
                match module.and_then(|module| module.show_page(&host, &hash, &given, focus, main))
                {
                    Ok(page) => *slot.borrow_mut() = Some(page),
                    Err(reason) => failed.set(Some(reason)),
                }
            });
            move || {
                left.set(true);
                shown.borrow_mut().take();
            }
        });
    }
    html! {
        <>
            if let Some(reason) = &*failed {
                { back_link(&View::Cases, "your cases") }
                { Markup::new(NOT_LOADED).text(reason).raw(TRY_AGAIN).html() }
            }
            <div ref={host}></div>
            // Only the lock's part changes the lock: no other page gets an
            // empty live region of its own.
            if props.part == "lock" {
                <div role="status" aria-live="polite">
                    if let Some(progress) = &*rewritten {
                        { Markup::new(r#"<p class="body">"#).raw(progress).raw("</p>").html() }
                    }
                </div>
            }
        </>
    }
}

/// The heading of a page whose part could not be loaded, and the start of
/// its sentence, which the reason ends.
const NOT_LOADED: &str = concat!(
    r#"<h1 class="heading-xl" tabindex="-1">This page could not be loaded</h1>"#,
    r#"<p class="body">This part of the app is loaded the first time it is opened, and "#
);

/// The rest of that sentence, and what to do.
const TRY_AGAIN: &str = ". Check your internet connection, then try again. After one visit online, every page works offline.</p>";

/// What this module gives a page of a part: the facts of storage, and
/// where an import and a change of the lock come back to.
fn from_main(
    cases: Cases,
    lock: Option<Lock>,
    rewritten: UseStateHandle<Option<String>>,
) -> FromMain {
    FromMain {
        writable: cases.writable,
        lock: lock.as_ref().map_or(JsValue::UNDEFINED, Lock::given),
        on_lock: Callback::from({
            let cases = cases.clone();
            move |(key, done): (JsValue, Changed)| {
                let Some(lock) = &lock else { return };
                let mine = cases.shared_cases();
                let told: Told = {
                    let rewritten = rewritten.clone();
                    Callback::from(move |percent| {
                        rewritten.set(Some(format!(
                            "Rewriting your cases for the lock: {percent}% done. Keep this page open until it finishes."
                        )))
                    })
                };
                let done = {
                    let rewritten = rewritten.clone();
                    Callback::from(move |written| {
                        rewritten.set(None);
                        done.emit(written);
                    })
                };
                lock.change(key, mine, done, told);
            }
        }),
        on_import: Callback::from(move |text: String| {
            if let Ok(file) = read_case_file(&text) {
                cases.import(file.cases);
            }
        }),
    }
}

/// The case file the page is given: every case for the import (which says
/// which it replaces), the agenda and the report, or the one case the page
/// is about.
fn handed_over(cases: &Cases, view: &View) -> String {
    let given: Vec<&Case> = match view {
        View::Chronology(id)
        | View::Letters(id)
        | View::ShareCase(id)
        | View::Documents(id, _)
        | View::Bundle(id) => cases
            .entry(id)
            .map(|entry| entry.case.as_ref())
            .into_iter()
            .collect(),
        _ => cases.all_cases().collect(),
    };
    case_file_text(given, cases.today)
}
