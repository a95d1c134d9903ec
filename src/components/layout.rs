//! The frame of every page: header, messages about storage, main, footer.

use yew::prelude::*;

use crate::hooks::use_cases;
use crate::route::View;
use crate::state::SaveStatus;
use crate::storage::LoadProblem;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    html! {
        <>
            <a href="#main-content" class="skip-link" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                crate::browser::focus("main-content");
            })}>{"Skip to main content"}</a>
            <header class="header">
                <div class="width-container">
                    <a href={View::Cases.to_hash()} class="header__name">{"EHC Timeline"}</a>
                </div>
            </header>
            <div class="width-container">
                <main class="main-wrapper" id="main-content" tabindex="-1">
                    <UpdateBanner />
                    <StorageMessages />
                    { props.children.clone() }
                </main>
            </div>
            { footer() }
        </>
    }
}

/// The footer of every page, the Unlock page's too (a function, not a
/// component: it has no state).
pub fn footer() -> Html {
    html! {
        <footer class="footer">
            <div class="width-container">
                <p class="footer__text">{"Your data stays on this device. This is not legal advice."}</p>
            </div>
        </footer>
    }
}

/// What went wrong with storage, in words, with what it means for the data.
pub fn load_problem_text(problem: &LoadProblem) -> String {
    match problem {
        LoadProblem::KeptAside { reason, kept_as } => format!(
            "The cases saved on this device could not be read ({reason}). Nothing was deleted: a copy is kept in this browser's storage under \"{kept_as}\". You can start again, or import a case file you exported."
        ),
        LoadProblem::CouldNotKeepAside { reason } => format!(
            "The cases saved on this device could not be read ({reason}), and a copy could not be kept aside. To keep them safe, nothing you do here will be saved."
        ),
        LoadProblem::TooNew { found } => format!(
            "Your cases were saved by a newer version of EHC Timeline (storage version {found}). This version cannot read them and will not change them. Open the newest version of the app. Anything you do here will not be saved."
        ),
        LoadProblem::Unavailable { reason } => format!(
            "This browser is not letting the app use its storage ({reason}). Anything you do here will be lost when you close the page: export your cases to keep them."
        ),
    }
}

/// Problems reading or saving, shown on every page until they are solved.
#[component]
fn StorageMessages() -> Html {
    let cases = use_cases();
    html! {
        <>
            if let Some(problem) = &cases.load_problem {
                <div class="notification-banner" role="region" aria-labelledby="load-problem-title">
                    <h2 class="notification-banner__title" id="load-problem-title">{"Important"}</h2>
                    <p class="notification-banner__heading">{load_problem_text(problem)}</p>
                </div>
            }
            if let SaveStatus::Failed(reason) = &cases.save {
                <div class="notification-banner notification-banner--error" role="alert">
                    <h2 class="notification-banner__title">{"Not saved"}</h2>
                    <p class="notification-banner__heading">{format!(
                        "Your last change could not be saved on this device: {reason}. What was saved before it is kept. Export your cases to keep a copy."
                    )}</p>
                </div>
            }
        </>
    }
}

/// Offers a new version of the app once it is installed and waiting; it
/// takes over only when the user chooses, so no page mixes two versions.
#[component]
fn UpdateBanner() -> Html {
    let ready = use_state_eq(crate::browser::update_ready);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            let listener =
                crate::browser::on_update_ready(Callback::from(move |()| ready.set(true)));
            move || listener.stop()
        });
    }
    if !*ready {
        return html! {};
    }
    html! {
        <div class="notification-banner" role="region" aria-labelledby="update-title">
            <h2 class="notification-banner__title" id="update-title">{"New version"}</h2>
            <p class="notification-banner__heading">
                {"A new version of EHC Timeline is ready. Your cases stay on this device either way."}
            </p>
            <div class="notification-banner__actions">
                <button type="button" class="button"
                    onclick={Callback::from(|_: MouseEvent| crate::browser::apply_update())}>
                    {"Use the new version"}
                </button>
            </div>
        </div>
    }
}

/// A page for an address that names no case or event.
#[component]
pub fn NotFound() -> Html {
    html! {
        <>
            <h1 class="heading-xl" tabindex="-1">{"Page not found"}</h1>
            <p class="body">{"There is no case or event at this address on this device. It may have been deleted."}</p>
            <p class="body"><a href={View::Cases.to_hash()}>{"Go to your cases"}</a></p>
        </>
    }
}
