//! "Export a backup of all cases": the button the storage and backup
//! messages offer, with what went wrong if the download could not start.

use yew::prelude::*;

use crate::components::{Markup, button};
use crate::export;
use crate::hooks::use_cases;

/// The button's words: not "Export all cases", the case list's own button.
pub const EXPORT_BACKUP: &str = "Export a backup of all cases";

/// Downloads every case as a case file, the one kind of backup the app can
/// import again: the main button of a banner. A component, so its error
/// goes with the banner and is not there when the banner comes back.
#[component]
pub fn ExportBackupButton() -> Html {
    let cases = use_cases();
    let error = use_state_eq(Option::<String>::default);
    backup_button(false, &error, move || export::download_all(&cases))
}

/// The button, and why the last `export` (the download) failed, kept in
/// `error`: for the lock page too, whose part offers the case file the main
/// module handed over rather than writing one.
pub fn backup_button(
    secondary: bool,
    error: &UseStateHandle<Option<String>>,
    export: impl Fn() -> Result<(), String> + 'static,
) -> Html {
    let onclick = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| error.set(export().err()))
    };
    html! {
        <>
            { button(if secondary { "button button--secondary" } else { "button" }, EXPORT_BACKUP.into(), onclick) }
            if let Some(error) = &**error {
                { Markup::new(r#"<p class="error-message" role="alert">The cases could not be exported: "#)
                    .text(error)
                    .raw("</p>")
                    .html() }
            }
        </>
    }
}
