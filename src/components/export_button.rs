//! "Export a backup of all cases": the button the storage and backup
//! messages offer, with what went wrong if the download could not start.

use yew::prelude::*;

use crate::components::Markup;
use crate::export;
use crate::hooks::use_cases;

/// The button's words: not "Export all cases", the case list's own button.
pub const EXPORT_BACKUP: &str = "Export a backup of all cases";

/// Downloads every case as a case file, the one kind of backup the app can
/// import again.
#[derive(Properties, PartialEq)]
pub struct ExportBackupButtonProps {
    /// A secondary button, beside a page's own main action.
    #[prop_or_default]
    pub secondary: bool,
}

#[component]
pub fn ExportBackupButton(props: &ExportBackupButtonProps) -> Html {
    let cases = use_cases();
    let error = use_state_eq(|| None::<String>);
    backup_button(props.secondary, &error, move || {
        export::download_all(&cases)
    })
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
            <button type="button" class={if secondary { "button button--secondary" } else { "button" }} {onclick}>{EXPORT_BACKUP}</button>
            if let Some(error) = &**error {
                { Markup::new(r#"<p class="error-message" role="alert">The cases could not be exported: "#)
                    .text(error)
                    .raw("</p>")
                    .html() }
            }
        </>
    }
}
