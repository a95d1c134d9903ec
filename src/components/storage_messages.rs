//! What went wrong reading or saving, shown on every page until it is solved,
//! each with what the user can do about it right there.

use yew::prelude::*;

use crate::components::{ExportBackupButton, Markup, secondary_button, static_html};
use crate::export;
use crate::hooks::Cases;
use crate::state::SaveStatus;
use crate::storage::LoadProblem;

/// What went wrong with storage, in words, with what it means for the data.
pub fn load_problem_text(problem: &LoadProblem) -> String {
    match problem {
        LoadProblem::KeptAside {
            reason, kept_as, ..
        } => format!(
            "The cases saved on this device could not be read ({reason}). Nothing was deleted: the data is kept, exactly as it was, in this browser's storage under \"{kept_as}\"."
        ),
        LoadProblem::CouldNotKeepAside { reason, .. } => format!(
            "The cases saved on this device could not be read ({reason}), and a copy could not be kept aside. To keep them safe, nothing you do here will be saved."
        ),
        LoadProblem::TooNew { found } => format!(
            "Your cases were saved by a newer version of EHC Timeline (storage version {found}). This version cannot read them and will not change them. Open the newest version of the app. Anything you do here will not be saved."
        ),
        LoadProblem::LockedElsewhere => "The lock on your cases was set, changed or removed in another tab or window. Reload this page to carry on. Anything you do here will not be saved.".to_owned(),
        LoadProblem::LocalOnly { reason } => format!(
            "This browser does not let the app use its database (IndexedDB: {reason}), so your cases are kept in its smaller storage, as in earlier versions. That holds about 5 MB, about 1,300 cases of 60 events each: export your cases now and then to keep a copy."
        ),
        LoadProblem::Unavailable { reason } => format!(
            "This browser is not letting the app use its storage ({reason}). Anything you do here will be lost when you close the page: export your cases to keep them."
        ),
    }
}

/// Problems reading or saving `cases`, and changes another tab's write
/// kept out; a hook of the layout ([`crate::components::use_layout`])
/// rather than components of their own (less code), its state why the
/// unreadable data could not be downloaded.
#[hook]
pub fn use_storage_messages(cases: &Cases) -> Html {
    let download_error = use_state_eq(Option::<String>::default);
    html! {
        <>
            if let Some(problem) = &cases.load_problem {
                { load_problem_banner(problem, cases, download_error) }
            }
            if let SaveStatus::Failed(reason) = &cases.save {
                <div class="notification-banner notification-banner--error" role="alert">
                    { Markup::new(NOT_SAVED).text(&format!(
                        "Your last change could not be saved on this device: {reason}. What was saved before it is kept."
                    )).raw(EXPORT_NOW).html() }
                    <div class="notification-banner__actions"><ExportBackupButton /></div>
                </div>
            }
            if !cases.clashes.is_empty() {
                <div class="notification-banner notification-banner--error" role="alert">
                    { clashes(cases) }
                </div>
            }
        </>
    }
}

/// The heading of a banner about a change not saved, and the start of its sentence.
const NOT_SAVED: &str = r#"<h2 class="notification-banner__title">Not saved</h2><p class="notification-banner__heading">"#;

/// After a failed save, the end of its sentence and the way to keep the change anyway.
const EXPORT_NOW: &str = r#"</p><p class="body">Export a backup now: the file holds every case as you see it, this change included, and you can import it again later.</p>"#;

/// The end of the sentence of the banner on unreadable data, and what can be done.
const UNREADABLE: &str = r#"</p><p class="body">You can download the unreadable data as it was, to keep it or to give it to someone who can help.</p>"#;

/// The ways on when the unreadable data was kept aside: a backup, or afresh.
const KEPT_ASIDE: &str = concat!(
    r##"<p class="body">To get your cases back, <a href="#/import">restore a backup: import a case file you exported</a>. "##,
    "Or start afresh with no cases: what you add from now on is saved as usual, and the unreadable data stays kept aside in this browser.</p>"
);

/// The heading and sentence of the banner on another tab's clashing changes.
const CLASHED: &str = concat!(
    r#"<h2 class="notification-banner__title">Not saved</h2>"#,
    r#"<p class="notification-banner__heading">The cases were changed in another tab or window at the same time as here.</p>"#
);

/// The changes another tab's write kept out, under their heading.
fn clashes(cases: &Cases) -> Html {
    let mut html = Markup::new(CLASHED);
    html.raw(r#"<ul class="list list--bullet">"#);
    for clash in &cases.clashes {
        html.raw("<li>").text(&clash.message()).raw("</li>");
    }
    html.raw("</ul>").html()
}

/// The data that could not be read: what happened, and the three ways on:
/// download it as it was, restore a backup, or start afresh.
fn load_problem_banner(
    problem: &LoadProblem,
    cases: &Cases,
    error: UseStateHandle<Option<String>>,
) -> Html {
    let unreadable = match problem {
        LoadProblem::KeptAside { unreadable, .. }
        | LoadProblem::CouldNotKeepAside { unreadable, .. } => Some(unreadable.clone()),
        _ => None,
    };
    let kept_aside = matches!(problem, LoadProblem::KeptAside { .. });
    let on_download = {
        let (error, today, text) = (error.clone(), cases.today, unreadable.clone());
        Callback::from(move |_: MouseEvent| {
            let text = text.as_deref().unwrap_or_default();
            error.set(export::download_unreadable(text, today).err())
        })
    };
    let on_fresh = {
        let cases = cases.clone();
        Callback::from(move |_: MouseEvent| cases.start_afresh())
    };
    html! {
        <div class="notification-banner" role="region" aria-labelledby="load-problem-title">
            { Markup::new(r#"<h2 class="notification-banner__title" id="load-problem-title">Important</h2><p class="notification-banner__heading">"#)
                .text(&load_problem_text(problem))
                .raw(if unreadable.is_some() { UNREADABLE } else { "</p>" })
                .html() }
            if kept_aside {
                { static_html(KEPT_ASIDE) }
            }
            if unreadable.is_some() {
                <div class="notification-banner__actions button-group">
                    { secondary_button("Download the unreadable data", on_download) }
                    if kept_aside {
                        { secondary_button("Start afresh", on_fresh) }
                    }
                </div>
            }
            if let Some(error) = &*error {
                { Markup::new(r#"<p class="error-message" role="alert">The data could not be downloaded: "#)
                    .text(error)
                    .raw("</p>")
                    .html() }
            }
        </div>
    }
}
