//! The start of the app when the cases are locked: the Unlock page, then the
//! app as usual with the session's key, every save encrypted.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::app::Providers;
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
/// found in storage (a [`Start`] for [`LockGate`]), the store and the page
/// asked for. The first module renders [`Providers`] itself (`crate::start`).
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

/// The Unlock page while the cases are locked, then the app; the lock is
/// shared through context so saves and the lock page use it. The app whole
/// in one module, as the tests mount it; in the built app the part `lock`
/// shows the Unlock page, the part `locked` keeps the store and the first
/// module shows the app (see [`crate::store_part`]).
#[component]
pub fn LockGate(props: &StartProps<Start>) -> Html {
    let gate = {
        let props = props.clone();
        use_state(move || match props.found.as_ref().clone() {
            Start::Open(loaded) => {
                let lock = Lock::open(props.store, loaded.saving.clone());
                Some((Rc::new(loaded), lock))
            }
            Start::Locked { .. } | Start::LockedRecords { .. } => None,
        })
    };
    // A locked start's app is there only once unlocked.
    let locked_start = !matches!(*props.found, Start::Open(_));
    // The first render is in the page: `make bench` measures loading to
    // here (the Unlock page marks its own).
    use_effect_with(locked_start, |&locked_start| {
        if !locked_start {
            browser::mark_ready();
        }
    });
    match &*gate {
        Some((loaded, lock)) => {
            let (today, store, view) = (props.today, &props.store, &props.view);
            app(today, loaded, store, view, lock, locked_start)
        }
        None => {
            let gate = gate.clone();
            let on_open = Callback::from(move |(loaded, lock): (Loaded, Lock)| {
                gate.set(Some((Rc::new(loaded), lock)))
            });
            let found = props.found.clone();
            let locked = Locked {
                damaged: damaged(&found),
                beside: beside(&found),
                store: Rc::new(Here {
                    start: found,
                    store: props.store.clone(),
                    on_open,
                }),
            };
            html! { <Unlock today={props.today} {locked} /> }
        }
    }
}

/// What the Unlock page asks of the locked store: in the app whole, of its
/// own [`Start`] (`Here`); in the built app, of the part `locked`, which
/// keeps it (see [`crate::store_part`]).
pub trait Unlocking {
    /// Opens the cases with `passphrase`, and hands them over to the app.
    fn unlock(&self, passphrase: String) -> Task<Result<(), OpenError>>;
    /// The locked data exactly as stored, to download (see [`damaged_text`]).
    fn damaged_text(&self) -> Task<Result<String, String>>;
    /// Sets the locked data aside (see [`set_aside`]).
    fn set_aside(&self) -> Task<Result<(), String>>;
}

/// A task the Unlock page awaits.
pub type Task<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

/// The locked start of the app whole, unlocked in this module: the cases
/// go to `on_open`, with their handle.
struct Here {
    start: Rc<Start>,
    store: Store,
    on_open: Callback<(Loaded, Lock)>,
}

impl Unlocking for Here {
    fn unlock(&self, passphrase: String) -> Task<Result<(), OpenError>> {
        let (start, store, on_open) =
            (self.start.clone(), self.store.clone(), self.on_open.clone());
        Box::pin(async move {
            let opened = unlock(&start, &store, &passphrase).await?;
            on_open.emit(opened);
            Ok(())
        })
    }

    fn damaged_text(&self) -> Task<Result<String, String>> {
        let start = self.start.clone();
        Box::pin(async move { damaged_text(&start).await })
    }

    fn set_aside(&self) -> Task<Result<(), String>> {
        let (start, store) = (self.start.clone(), self.store.clone());
        Box::pin(async move { set_aside(&start, &store).await })
    }
}

/// A locked start, as the Unlock page shows it.
#[derive(Clone)]
pub struct Locked {
    /// Why the lock cannot be read whatever the passphrase ([`damaged`]).
    pub damaged: Option<String>,
    /// Where plain cases found beside the lock were kept aside ([`beside`]).
    pub beside: Option<String>,
    pub store: Rc<dyn Unlocking>,
}

/// The same store is the same `Rc`.
impl PartialEq for Locked {
    fn eq(&self, other: &Locked) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
}

#[derive(Properties, Clone, PartialEq)]
pub struct UnlockProps {
    pub today: NaiveDate,
    pub locked: Locked,
}

/// The Unlock page of a locked start, or the page of a lock that cannot be
/// read; it keeps no passphrase once the cases are unlocked.
#[component]
pub fn Unlock(props: &UnlockProps) -> Html {
    let form = UnlockForm {
        passphrase: use_state(String::new),
        errors: use_state(Errors::default),
        busy: use_state_eq(|| false),
    };
    use_effect_with((), |()| {
        // The first render is in the page: `make bench` measures to here.
        browser::mark_ready();
        browser::set_title(UNLOCK_TITLE);
    });
    let locked = &props.locked;
    if let Some(reason) = &locked.damaged {
        return damaged_page(locked, reason, props.today, form);
    }
    unlock_page(locked, form)
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
        <Providers {today} loaded={loaded.clone()} store={store.clone()} view={view.clone()} {unlocked} lock={lock.clone()} />
    }
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
pub fn damaged(start: &Start) -> Option<String> {
    match start {
        Start::Locked {
            envelope: Err(reason),
            ..
        } => Some(reason.clone()),
        Start::LockedRecords { header, .. } => Header::read(header).err(),
        _ => None,
    }
}

/// Where plain cases found beside the locked store of `start` were kept
/// aside (see `lock::beside_lock`).
pub fn beside(start: &Start) -> Option<String> {
    match start {
        Start::LockedRecords { beside, .. } => beside.clone(),
        _ => None,
    }
}

/// The page of a lock that cannot be read whatever the passphrase (a
/// damaged header, not a wrong passphrase), with the ways on that unreadable
/// data has: download it exactly as stored, import a backup, or start
/// afresh; the last two keep it aside first (never deleted), then open the
/// app on what storage holds then.
fn damaged_page(locked: &Locked, reason: &str, today: NaiveDate, form: UnlockForm) -> Html {
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
        let (store, refuse) = (locked.store.clone(), refuse.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, refuse) = (store.damaged_text(), refuse.clone());
            yew::platform::spawn_local(async move {
                let downloaded = text
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
        let (store, refuse) = (locked.store.clone(), refuse.clone());
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (set_aside, refuse) = (store.set_aside(), refuse.clone());
            let hash = view.to_hash();
            yew::platform::spawn_local(async move {
                match set_aside.await {
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
            { beside_notice(locked) }
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
fn beside_notice(locked: &Locked) -> Html {
    let Some(kept_as) = &locked.beside else {
        return html! {};
    };
    html! {
        <div class="inset-text"><p class="body">{format!(
            "This browser also held cases saved outside the lock, when its database could not be opened. They are kept aside under \"{kept_as}\", not deleted: once unlocked, download them from the lock page and import that file to add them."
        )}</p></div>
    }
}

/// One passphrase field and a button; "The passphrase is not right" when
/// it is not. Once unlocked, the passphrase is forgotten: the page, which
/// may outlive it, keeps none.
fn unlock_page(locked: &Locked, form: UnlockForm) -> Html {
    let UnlockForm {
        passphrase,
        errors,
        busy,
    } = form;
    let onsubmit = {
        let (passphrase, errors, busy) = (passphrase.clone(), errors.clone(), busy.clone());
        let store = locked.store.clone();
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
            let (unlocked, busy) = (store.unlock((*passphrase).clone()), busy.clone());
            let passphrase = passphrase.clone();
            yew::platform::spawn_local(async move {
                match unlocked.await {
                    Ok(()) => passphrase.set(String::new()),
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
            { beside_notice(locked) }
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
/// before the cases, and so before [`crate::components::use_layout`]).
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
