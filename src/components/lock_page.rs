//! The passphrase lock's settings: turn it on, change the passphrase, turn it
//! off; and the short section on the case list that leads there. The page is
//! in a part loaded on demand ([`crate::parts`]): the main module keeps the
//! lock, and changes it when the page asks ([`LockControl`]).

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::components::fields::{CheckboxProps, checkbox, error_message};
use crate::components::{
    ErrorSummary, Markup, TextFieldProps, backup_button, static_html, text_field,
};
use crate::crypto;
use crate::export::offer_all_cases;
use crate::forms::Errors;
use crate::forms::FieldError;
use crate::lock::MIN_PASSPHRASE_CHARS;
use crate::lock_session::{Changed, Lock};
use crate::route::View;
use crate::storage::idb::{DB_NAME, Db};

/// The lock page's heading and title.
pub const LOCK_PAGE_TITLE: &str = "Lock with a passphrase";

/// Why the lock cannot be used on a page without WebCrypto.
pub const NO_CRYPTO: &str = "This browser does not allow encryption on this page: it allows it only on pages opened over https, or from this computer. Open EHC Timeline from its usual address.";

/// What the lock page is given by the main module, which keeps the lock and
/// the cases, shared through context: whether the lock is on, whether the
/// cases are being saved, the case file of them all to offer as a backup,
/// and the change the page asks for. The page holds no cases of its own, so
/// its part carries neither the engine nor the case file reader.
#[derive(Clone, PartialEq)]
pub struct LockControl {
    pub on: bool,
    pub writable: bool,
    /// The copies of data kept aside on this device (each key and text),
    /// which setting the lock or changing its passphrase deletes.
    pub aside: Rc<[(String, String)]>,
    /// Every case, as the case file written on `today`.
    pub backup: AttrValue,
    pub today: NaiveDate,
    /// Locks the cases with a new passphrase (`Some`) or removes the lock
    /// (`None`), with the cases as the main module has them.
    pub change: Callback<(Option<String>, Changed)>,
}

/// What the last change of the lock came to.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// A heading and a sentence.
    Done(&'static str, &'static str),
    Failed(String),
}

#[component]
pub fn LockPage() -> Html {
    let lock = use_context::<LockControl>();
    let passphrase = use_state(String::new);
    let confirm = use_state(String::new);
    let errors = use_state(Errors::default);
    let busy = use_state_eq(bool::default);
    let outcome = use_state_eq(|| None::<Outcome>);
    let export_error = use_state_eq(Option::<String>::default);
    // The copies kept aside: as given, then none once the lock is set.
    let aside = {
        let given = lock.as_ref().map(|lock| lock.aside.clone());
        use_state(move || given.unwrap_or_default())
    };
    {
        // And those kept in the database, where localStorage could not hold them.
        let aside = aside.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                let Ok(db) = Db::open(DB_NAME).await else {
                    return;
                };
                if let Ok(found) = db.kept_aside().await
                    && !found.is_empty()
                {
                    aside.set(aside.iter().cloned().chain(found).collect());
                }
            });
        });
    }
    let forget = use_state_eq(bool::default);
    // Whether the lock is on: as given, then as this page last changed it.
    let is_on = {
        let given = lock.as_ref().is_some_and(|lock| lock.on);
        use_state_eq(move || given)
    };
    use_effect_with((*outcome).clone(), |outcome| {
        if outcome.is_some() {
            crate::browser::focus("lock-outcome");
        }
    });
    let heading = html! { <h1 class="heading-xl" tabindex="-1">{LOCK_PAGE_TITLE}</h1> };
    let Some(lock) = lock.filter(|_| crypto::available()) else {
        return html! { <>{heading}<p class="body">{NO_CRYPTO}</p></> };
    };
    if !lock.writable {
        return html! {
            <>{heading}<p class="body">{"The lock cannot be changed while this page is not saving your cases (see the message above)."}</p></>
        };
    }
    let on = *is_on;
    // Reports a change of the lock: `done` in a banner (the lock then `on`
    // or not), or why nothing changed.
    let report = |done: (&'static str, &'static str), failed: &'static str, now_on: bool| {
        let (busy, outcome, is_on) = (busy.clone(), outcome.clone(), is_on.clone());
        let (passphrase, confirm, aside) = (passphrase.clone(), confirm.clone(), aside.clone());
        Callback::from(move |result: Result<(), String>| {
            busy.set(false);
            outcome.set(Some(match result {
                Ok(()) => {
                    if now_on {
                        aside.set(Rc::default());
                    }
                    is_on.set(now_on);
                    passphrase.set(String::new());
                    confirm.set(String::new());
                    Outcome::Done(done.0, done.1)
                }
                Err(reason) => Outcome::Failed(format!("{failed}: {reason}. Nothing was changed.")),
            }));
        })
    };
    let onsubmit = {
        let (change, errors, busy) = (lock.change.clone(), errors.clone(), busy.clone());
        let (passphrase, confirm) = (passphrase.clone(), confirm.clone());
        let consent = forget.clone();
        let asks = !aside.is_empty();
        let done = if on {
            report(
                (
                    "The passphrase is changed",
                    "Use the new passphrase next time EHC Timeline opens.",
                ),
                "The passphrase could not be changed",
                true,
            )
        } else {
            report(
                (
                    "Your cases are locked",
                    "EHC Timeline will ask for the passphrase each time it opens.",
                ),
                "Your cases could not be locked",
                true,
            )
        };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut found = check_new_passphrase(&passphrase, &confirm)
                .err()
                .unwrap_or_default();
            if asks && !*consent {
                found.push(FieldError::new(
                    FORGET_ASIDE,
                    "Tick the box to agree that the copies kept aside are deleted",
                ));
            }
            match found.is_empty() {
                false => errors.set(Errors::new(found)),
                true => {
                    errors.set(Errors::default());
                    busy.set(true);
                    change.emit((Some((*passphrase).clone()), done.clone()));
                }
            }
        })
    };
    let on_remove = {
        let (change, busy) = (lock.change.clone(), busy.clone());
        let done = report(
            (
                "The lock is removed",
                "Your cases are stored on this device without a passphrase.",
            ),
            "The lock could not be removed",
            false,
        );
        Callback::from(move |_: MouseEvent| {
            if !*busy {
                busy.set(true);
                change.emit((None, done.clone()));
            }
        })
    };
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |typed| state.set(typed))
    };
    let hint = format!(
        "{MIN_PASSPHRASE_CHARS} characters or more. A few unrelated words are easy to remember and hard to guess."
    );
    let (new, again) = if on {
        ("New passphrase", "Type the new passphrase again")
    } else {
        ("Passphrase", "Type the passphrase again")
    };
    // One field built in one place: the passphrase, then its confirmation.
    let fields = [
        ("passphrase", new, Some(AttrValue::from(hint)), &passphrase),
        ("confirm", again, None, &confirm),
    ];
    html! {
        <>
            <ErrorSummary errors={(*errors).clone()} />
            {heading}
            { outcome_banner(outcome.as_ref()) }
            { static_html(if on { ABOUT_ON } else { ABOUT_OFF }) }
            { static_html(WARNING) }
            <div class="button-group">
                { backup_button(true, &export_error, move || offer_all_cases(&lock.backup, lock.today)) }
            </div>
            <form novalidate=true {onsubmit}>
                { for fields.into_iter().map(|(id, label, hint, state)| text_field(&TextFieldProps {
                    id: id.into(),
                    label: label.into(),
                    hint,
                    password: true,
                    autocomplete: Some("new-password"),
                    value: (**state).clone().into(),
                    error: errors.on(id).cloned(),
                    on_input: field(state),
                    width: Some("input--width-20"),
                    ..TextFieldProps::default()
                })) }
                { aside_consent(&aside, &forget, errors.on(FORGET_ASIDE), lock.today) }
                <button type="submit" class="button">
                    { if on { "Change the passphrase" } else { "Lock my cases" } }
                </button>
            </form>
            if on {
                { static_html(REMOVE) }
                <button type="button" class="button button--warning" onclick={on_remove}>{"Remove the lock"}</button>
            }
            if *busy {
                { static_html(WORKING) }
            }
            <p class="body"><a href={View::Cases.to_hash()}>{"Back to your cases"}</a></p>
        </>
    }
}

/// What the lock is, while it is on (then the heading of its change).
const ABOUT_ON: &str = concat!(
    r#"<p class="body">Your cases are locked with a passphrase. EHC Timeline asks for it each time it opens. Files you export (case files, spreadsheets, calendars) are not locked: keep them somewhere safe.</p>"#,
    r#"<h2 class="heading-m">Change the passphrase</h2>"#
);

/// What the lock is, while it is off.
const ABOUT_OFF: &str = r#"<p class="body">With a lock, your cases are stored on this device encrypted, and EHC Timeline asks for your passphrase each time it opens. Someone else using this device cannot read them without it.</p>"#;

/// The one warning that matters when a passphrase is chosen.
const WARNING: &str = concat!(
    r#"<div class="warning-text" role="note"><p class="body"><strong>"#,
    "If you forget this passphrase, nobody can get your cases back: not us, not anyone. Export a copy first.",
    "</strong></p></div>"
);

/// The heading and sentence before the Remove button.
const REMOVE: &str = concat!(
    r#"<h2 class="heading-m">Remove the lock</h2>"#,
    r#"<p class="body">Your cases will be stored on this device without a passphrase, as they were before.</p>"#
);

/// While the lock is being changed.
const WORKING: &str =
    r#"<p class="body" role="status">Working on it: this takes a second or two.</p>"#;

/// The id of the checkbox that agrees to delete the copies kept aside.
const FORGET_ASIDE: &str = "forget-aside";

/// The copies of data kept aside, each to download, and the box that
/// agrees they are deleted when the lock is set (none: nothing to ask).
fn aside_consent(
    aside: &Rc<[(String, String)]>,
    forget: &UseStateHandle<bool>,
    error: Option<&FieldError>,
    today: NaiveDate,
) -> Html {
    if aside.is_empty() {
        return html! {};
    }
    let count = match aside.len() {
        1 => "one copy".to_owned(),
        n => format!("{n} copies"),
    };
    let downloads = aside.iter().enumerate().map(|(n, (_, text))| {
        let text = text.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let _ = crate::export::download_unreadable(&text, today);
        });
        html! {
            <button type="button" class="button button--secondary" {onclick}>
                {format!("Download copy {}", n + 1)}
            </button>
        }
    });
    let on_change = {
        let forget = forget.clone();
        Callback::from(move |ticked| forget.set(ticked))
    };
    let group = classes!("form-group", error.is_some().then_some("form-group--error"));
    html! {
        <div class={group}>
            <h2 class="heading-m">{"Copies kept aside"}</h2>
            <p class="body">{format!(
                "This device also keeps {count} of your data set aside: data that could not be read, cases saved outside the lock, or your cases as they were stored before this version of EHC Timeline. So that nothing readable is left behind, they are deleted when you lock your cases or change the passphrase. Download any you want to keep first."
            )}</p>
            <div class="button-group">{ for downloads }</div>
            { error_message(FORGET_ASIDE, error) }
            <div class="checkboxes">
                { checkbox(&CheckboxProps {
                    id: FORGET_ASIDE.into(),
                    label: "Delete the copies kept aside".into(),
                    checked: **forget,
                    on_change,
                }) }
            </div>
        </div>
    }
}

fn outcome_banner(outcome: Option<&Outcome>) -> Html {
    match outcome {
        Some(Outcome::Done(heading, text)) => html! {
            <div id="lock-outcome" class="notification-banner notification-banner--success"
                role="alert" tabindex="-1">
                <p class="notification-banner__heading">{*heading}</p>
                <p class="body">{*text}</p>
            </div>
        },
        Some(Outcome::Failed(text)) => html! {
            <div id="lock-outcome" class="notification-banner notification-banner--error"
                role="alert" tabindex="-1">
                { static_html(r#"<h2 class="notification-banner__title">Not changed</h2>"#) }
                <p class="notification-banner__heading">{text}</p>
            </div>
        },
        None => html! {},
    }
}

/// The case list's section on the lock, when this page can use it (`lock`
/// is the context of [`crate::components::LockGate`]).
pub fn lock_summary(lock: Option<&Lock>) -> Html {
    let Some(lock) = lock.filter(|_| crypto::available()) else {
        return html! {};
    };
    let (text, link) = if lock.is_on() {
        (
            "Your cases are locked with a passphrase.",
            "Change or remove the passphrase",
        )
    } else {
        (
            "You can lock your cases with a passphrase, so that nobody else using this device can read them.",
            "Lock your cases",
        )
    };
    // Constant words, as markup written as text.
    Markup::new(r#"<h2 class="heading-m">"#)
        .raw(LOCK_PAGE_TITLE)
        .raw(r#"</h2><p class="body">"#)
        .raw(text)
        .raw(r##"</p><p class="body"><a href="#/lock">"##)
        .raw(link)
        .raw("</a></p>")
        .html()
}

/// Checks a new passphrase and its confirmation, as typed in the fields
/// `passphrase` and `confirm`. Spaces count: a passphrase is used exactly as typed.
pub fn check_new_passphrase(passphrase: &str, confirm: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if passphrase.is_empty() {
        errors.push(FieldError::new("passphrase", "Enter a passphrase"));
    } else if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        errors.push(FieldError::new(
            "passphrase",
            format!("The passphrase must be {MIN_PASSPHRASE_CHARS} characters or more"),
        ));
    }
    if confirm.is_empty() {
        errors.push(FieldError::new("confirm", "Type the passphrase again"));
    } else if !passphrase.is_empty() && confirm != passphrase {
        errors.push(FieldError::new(
            "confirm",
            "The two passphrases are not the same",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
