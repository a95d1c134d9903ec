//! The success banner after a deletion, with the button that undoes it; and
//! the secondary button and the export error it shares with the case screens.

use yew::prelude::*;

use super::layout::static_html;
use super::markup::Markup;

/// `heading` says what was deleted ("Case deleted"), `text` which one.
pub fn undo_banner(heading: &'static str, text: String, on_undo: Callback<MouseEvent>) -> Html {
    html! {
        <div class="notification-banner notification-banner--success" role="status">
            { Markup::new(r#"<p class="notification-banner__heading">"#)
                .raw(heading)
                .raw(r#"</p><p class="body">"#)
                .text(&text)
                .raw("</p>")
                .html() }
            <div class="notification-banner__actions">
                { secondary_button("Undo", on_undo) }
            </div>
        </div>
    }
}

/// A grey button that acts on the page ("Export all cases"), not a link.
pub fn secondary_button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    button(
        "button button--secondary",
        AttrValue::Static(label),
        onclick,
    )
}

/// A button of `class` that is not a form's: one function for the first
/// screens' buttons, whose elements each cost their own code when written
/// out with `html!`.
pub fn button(class: &'static str, label: AttrValue, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" {class} {onclick}>{label}</button>
    }
}

/// Constant words set apart (inset), and a button under them: the example
/// case's note on the case list and on its page.
pub fn inset_with_button(
    markup: &'static str,
    label: &'static str,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="inset-text">
            { static_html(markup) }
            { secondary_button(label, onclick) }
        </div>
    }
}

/// Why the file a button was to make could not be made, or nothing: one copy
/// for the case list and the case page.
pub fn export_error_message(error: Option<&str>) -> Html {
    match error {
        Some(error) => {
            Markup::new(r#"<p class="error-message" role="alert">The file could not be made: "#)
                .text(error)
                .raw("</p>")
                .html()
        }
        None => html! {},
    }
}
