//! The start of the app when the cases are locked: the Unlock page, then the
//! app as usual with the session's key, every save encrypted.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::app::{Page, Providers};
use crate::browser;
use crate::components::{ErrorSummary, TextFieldProps, footer, static_html, text_field};
use crate::crypto::{self, OpenError};
use crate::forms::{Errors, FieldError};
use crate::lock::{Header, Start};
use crate::lock_session::Lock;
use crate::route::View;
use crate::storage::{Loaded, Store};
use crate::unlock::{damaged_text, set_aside, unlock};

/// The facts the app starts from, as for [`Providers`]: today, what start-up
/// found in storage (a [`Start`] for [`LockGate`], the cases [`Opened`] for
/// [`OpenApp`]), the store and the page asked for.
#[derive(Properties, Clone)]
pub struct StartProps<T> {
    pub today: NaiveDate,
    pub found: Rc<T>,
    pub store: Store,
    pub view: View,
}

/// The same start is the same `Rc`: comparing what storage held, case by
/// case, would be code for nothing.
impl<T> PartialEq for StartProps<T> {
    fn eq(&self, other: &StartProps<T>) -> bool {
        self.today == other.today
            && Rc::ptr_eq(&self.found, &other.found)
            && self.store == other.store
            && self.view == other.view
    }
}

#[derive(Clone, PartialEq)]
enum Gate {
    /// The locked start, to unlock.
    Locked,
    Open(Rc<Loaded>, Lock),
}

/// The Unlock page while the cases are locked, then the app; the lock is
/// shared through context so saves and the lock page use it. One component
/// for both (the Unlock page's state lives here): less code than two.
#[component]
pub fn LockGate(props: &StartProps<Start>) -> Html {
    let gate = {
        let props = props.clone();
        use_state(move || match props.found.as_ref().clone() {
            Start::Open(loaded) => {
                let lock = Lock::open(props.store, loaded.saving.clone());
                Gate::Open(Rc::new(loaded), lock)
            }
            Start::Locked { .. } | Start::LockedRecords { .. } => Gate::Locked,
        })
    };
    let form = UnlockForm {
        passphrase: use_state(String::new),
        errors: use_state(Errors::default),
        busy: use_state_eq(|| false),
    };
    let locked = matches!(*gate, Gate::Locked);
    // Just unlocked: the Unlock button is gone, so focus the new page's heading.
    let unlocked = !matches!(*props.found, Start::Open(_)) && !locked;
    use_effect_with((locked, unlocked), |&(locked, unlocked)| {
        // The first render is in the page: `make bench` measures loading to here.
        if !unlocked {
            browser::mark_ready();
        }
        if locked {
            browser::set_title(UNLOCK_TITLE);
        }
        if unlocked {
            browser::focus_main_heading();
        }
    });
    match &*gate {
        Gate::Open(loaded, lock) => {
            let (today, store, view) = (props.today, &props.store, &props.view);
            app(today, loaded, store, view, lock, unlocked)
        }
        Gate::Locked => {
            if let Some(reason) = unreadable(&props.found) {
                return damaged_page(&props.found, &reason, props.today, &props.store, form);
            }
            let (gate, passphrase) = (gate.clone(), form.passphrase.clone());
            let on_unlocked = move |(loaded, lock): (Loaded, Lock)| {
                // The gate outlives the Unlock page: it keeps no passphrase.
                passphrase.set(String::new());
                gate.set(Gate::Open(Rc::new(loaded), lock))
            };
            unlock_page(&props.found, &props.store, form, on_unlocked)
        }
    }
}

/// The app on `loaded`, saving through `lock`; `unlocked`: just unlocked.
fn app(
    today: NaiveDate,
    loaded: &Rc<Loaded>,
    store: &Store,
    view: &View,
    lock: &Lock,
    unlocked: bool,
) -> Html {
    html! {
        <ContextProvider<Lock> context={lock.clone()}>
            <Providers {today} loaded={loaded.clone()} store={store.clone()} view={view.clone()}>
                <Page {unlocked} />
            </Providers>
        </ContextProvider<Lock>>
    }
}

/// What [`OpenApp`] starts from: the cases on their own, and the handle
/// on storage that took what start-up read of them.
pub struct Opened {
    pub loaded: Rc<Loaded>,
    pub lock: Lock,
}

/// The app on cases that are not locked, as [`LockGate`] opens it, without
/// the Unlock page: the root of the first module (see `crate::start`),
/// which leaves the lock's code out.
#[component]
pub fn OpenApp(props: &StartProps<Opened>) -> Html {
    // Ready with the first render, in the page: `Providers` marks it.
    let Opened { loaded, lock } = &*props.found;
    app(props.today, loaded, &props.store, &props.view, lock, false)
}

/// The page title of the Unlock page.
pub const UNLOCK_TITLE: &str = "Unlock your cases – EHC Timeline";

/// The Unlock page's state: the passphrase typed, its error, and whether it
/// is being tried.
struct UnlockForm {
    passphrase: UseStateHandle<String>,
    errors: UseStateHandle<Errors>,
    busy: UseStateHandle<bool>,
}

/// Why the locked `start` cannot be unlocked whatever the passphrase.
fn unreadable(start: &Start) -> Option<String> {
    match start {
        Start::Locked {
            envelope: Err(reason),
            ..
        } => Some(reason.clone()),
        Start::LockedRecords { header, .. } => Header::read(header).err(),
        _ => None,
    }
}

/// The page of a lock that cannot be read whatever the passphrase (a
/// damaged header, not a wrong passphrase), with the ways on that unreadable
/// data has: download it exactly as stored, import a backup, or start
/// afresh; the last two keep it aside first (never deleted), then open the
/// app on what storage holds then.
fn damaged_page(
    start: &Rc<Start>,
    reason: &str,
    today: NaiveDate,
    store: &Store,
    form: UnlockForm,
) -> Html {
    let UnlockForm { errors, busy, .. } = form;
    let refuse = {
        let (errors, busy) = (errors.clone(), busy.clone());
        move |message: String| {
            busy.set(false);
            errors.set(Errors::new(vec![FieldError::new(
                "damaged-actions",
                message,
            )]));
        }
    };
    let on_download = {
        let (start, refuse) = (start.clone(), refuse.clone());
        Callback::from(move |_: MouseEvent| {
            let (start, refuse) = (start.clone(), refuse.clone());
            yew::platform::spawn_local(async move {
                let downloaded = damaged_text(&start)
                    .await
                    .and_then(|text| crate::export::download_unreadable(&text, today));
                if let Err(error) = downloaded {
                    refuse(format!("The damaged data could not be downloaded: {error}"));
                }
            });
        })
    };
    // Once set aside, the page starts again from what storage holds then
    // (another lock, the cases of an older store, or none), at `view`.
    let go_on = |view: View| {
        let (start, store, refuse) = (start.clone(), store.clone(), refuse.clone());
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (start, store, refuse) = (start.clone(), store.clone(), refuse.clone());
            let hash = view.to_hash();
            yew::platform::spawn_local(async move {
                match set_aside(&start, &store).await {
                    Ok(()) => browser::reload_at(&hash),
                    Err(error) => refuse(format!(
                        "The damaged data could not be kept aside, so nothing was changed: {error}"
                    )),
                }
            });
        })
    };
    frame(html! {
        <>
            <ErrorSummary errors={(*errors).clone()} />
            <h1 class="heading-xl" tabindex="-1">{"Your cases cannot be unlocked"}</h1>
            <p class="body">{format!(
                "The locked cases saved on this device cannot be read ({reason}). Nothing has been changed or deleted."
            )}</p>
            { static_html(DAMAGED_WAYS) }
            { beside_notice(start) }
            <div class="button-group" id="damaged-actions">
                <button type="button" class="button button--secondary" onclick={on_download}>
                    {"Download the damaged data"}
                </button>
                <button type="button" class="button button--secondary" onclick={go_on(View::Import)}>
                    {"Import a backup"}
                </button>
                <button type="button" class="button button--secondary" onclick={go_on(View::Cases)}>
                    {"Start afresh"}
                </button>
            </div>
        </>
    })
}

/// What was kept aside from beside the locked store, said before it is
/// unlocked: plain cases saved at a start when the database could not be
/// opened are not in the lock, and not lost.
fn beside_notice(start: &Start) -> Html {
    let Start::LockedRecords {
        beside: Some(kept_as),
        ..
    } = start
    else {
        return html! {};
    };
    html! {
        <div class="inset-text"><p class="body">{format!(
            "This browser also held cases saved outside the lock, when its database could not be opened. They are kept aside under \"{kept_as}\", not deleted: once unlocked, download them from the lock page and import that file to add them."
        )}</p></div>
    }
}

/// One passphrase field and a button; "The passphrase is not right" when
/// it is not. `on_unlocked` takes the cases unlocked and their handle.
fn unlock_page(
    start: &Rc<Start>,
    store: &Store,
    form: UnlockForm,
    on_unlocked: impl Fn((Loaded, Lock)) + 'static,
) -> Html {
    let UnlockForm {
        passphrase,
        errors,
        busy,
    } = form;
    let onsubmit = {
        let (passphrase, errors, busy) = (passphrase.clone(), errors.clone(), busy.clone());
        let (start, store) = (start.clone(), store.clone());
        let on_unlocked = Rc::new(on_unlocked);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let refuse = {
                let errors = errors.clone();
                move |message: String| {
                    errors.set(Errors::new(vec![FieldError::new("passphrase", message)]))
                }
            };
            if passphrase.is_empty() {
                return refuse("Enter your passphrase".to_owned());
            }
            busy.set(true);
            let (start, store) = (start.clone(), store.clone());
            let (typed, busy) = ((*passphrase).clone(), busy.clone());
            let on_unlocked = on_unlocked.clone();
            yew::platform::spawn_local(async move {
                match unlock(&start, &store, &typed).await {
                    Ok(opened) => on_unlocked(opened),
                    Err(error) => {
                        busy.set(false);
                        refuse(match error {
                            OpenError::WrongPassphrase => "The passphrase is not right".to_owned(),
                            OpenError::Failed(reason) => {
                                format!("Your cases could not be unlocked: {reason}")
                            }
                        });
                    }
                }
            });
        })
    };
    let on_input = {
        let passphrase = passphrase.clone();
        Callback::from(move |typed| passphrase.set(typed))
    };
    frame(html! {
        <>
            <ErrorSummary errors={(*errors).clone()} />
            { static_html(UNLOCK_HEADING) }
            { beside_notice(start) }
            if crypto::available() {
                <form novalidate=true {onsubmit}>
                    { text_field(&TextFieldProps {
                        id: "passphrase".into(),
                        label: "Passphrase".into(),
                        password: true,
                        autocomplete: Some("current-password"),
                        value: (*passphrase).clone().into(),
                        error: errors.on("passphrase").cloned(),
                        on_input,
                        width: Some("input--width-20"),
                        ..TextFieldProps::default()
                    }) }
                    <button type="submit" class="button">{"Unlock"}</button>
                    if *busy {
                        { static_html(r#"<p class="body" role="status">Unlocking…</p>"#) }
                    }
                </form>
            } else {
                <p class="body">{crate::components::NO_CRYPTO}</p>
            }
            { static_html(FORGOTTEN) }
        </>
    })
}

/// The Unlock page's heading and what it is for.
const UNLOCK_HEADING: &str = concat!(
    r#"<h1 class="heading-xl" tabindex="-1">Unlock your cases</h1>"#,
    r#"<p class="body">The cases on this device are locked with a passphrase.</p>"#
);

/// The way on without the passphrase, said on both pages.
macro_rules! another_browser {
    () => {
        r#"<p class="body">If you exported a case file, you can import it into EHC Timeline in another browser.</p>"#
    };
}

/// What can be done with a lock that cannot be read.
const DAMAGED_WAYS: &str = concat!(
    r#"<p class="body">You can download the damaged data exactly as it is stored, to keep it or to give it to someone who can help.</p>"#,
    r#"<p class="body">To get your cases back, import a case file you exported. Or start afresh with no cases. Either way the damaged data is kept aside in this browser first, not deleted.</p>"#
);

/// What a forgotten passphrase means, folded away.
const FORGOTTEN: &str = concat!(
    r#"<details class="details"><summary class="details__summary">If you have forgotten your passphrase</summary>"#,
    r#"<div class="details__text"><p class="body">Nobody can unlock your cases without it: not us, not anyone. They stay here, locked, in case you remember it.</p>"#,
    another_browser!(),
    "</div></details>"
);

/// The header of every page, without the link to the cases (still locked).
const HEADER: &str = r#"<header class="header"><div class="width-container"><span class="header__name">EHC Timeline</span></div></header>"#;

/// The header and footer of every page, around the Unlock page (which comes
/// before the cases, and so before [`crate::components::Layout`]).
fn frame(content: Html) -> Html {
    html! {
        <>
            { static_html(HEADER) }
            <div class="width-container">
                <main class="main-wrapper" id="main-content" tabindex="-1">{content}</main>
            </div>
            { footer() }
        </>
    }
}
