//! The success banner after a deletion, with the button that undoes it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UndoBannerProps {
    /// "Case deleted".
    pub heading: AttrValue,
    /// What was deleted, in a sentence.
    pub text: AttrValue,
    pub on_undo: Callback<MouseEvent>,
}

#[component]
pub fn UndoBanner(props: &UndoBannerProps) -> Html {
    html! {
        <div class="notification-banner notification-banner--success" role="status">
            <p class="notification-banner__heading">{&props.heading}</p>
            <p class="body">{&props.text}</p>
            <div class="notification-banner__actions">
                <button type="button" class="button button--secondary" onclick={props.on_undo.clone()}>{"Undo"}</button>
            </div>
        </div>
    }
}
