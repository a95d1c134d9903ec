//! The success banner after a deletion, with the button that undoes it; and
//! the secondary button it shares with the case screens.

use yew::prelude::*;

/// `heading` says what was deleted ("Case deleted"), `text` which one.
pub fn undo_banner(heading: &'static str, text: String, on_undo: Callback<MouseEvent>) -> Html {
    html! {
        <div class="notification-banner notification-banner--success" role="status">
            <p class="notification-banner__heading">{heading}</p>
            <p class="body">{text}</p>
            <div class="notification-banner__actions">
                { secondary_button("Undo", on_undo) }
            </div>
        </div>
    }
}

/// A grey button that acts on the page ("Export all cases"), not a link.
pub fn secondary_button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="button button--secondary" {onclick}>{label}</button>
    }
}
