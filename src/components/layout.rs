//! The frame of every page: header, messages about storage, main, footer.

use yew::prelude::*;

use crate::components::{Markup, backup_reminder, button, use_storage_messages};
use crate::hooks::Cases;
use crate::route::View;

/// The frame around `page`, with `cases` shown at `view`; the backup
/// reminder shows on the case list only, not to nag on every page. A hook
/// of the app's root (`crate::app::Providers`), which holds the cases and
/// the page, rather than a component of its own: less code in the first
/// module, and drawn when the same changes are.
#[hook]
pub fn use_layout(cases: &Cases, view: &View, page: Html) -> Html {
    let on_cases = view == &View::Cases;
    let update = use_update_banner();
    let storage = use_storage_messages(cases);
    html! {
        <>
            <a href="#main-content" class="skip-link" data-focus="" onclick={Callback::from(focus_link)}>
                {"Skip to main content"}
            </a>
            { static_html(HEADER) }
            <div class="width-container">
                <main class="main-wrapper" id="main-content" tabindex="-1">
                    {update}
                    {storage}
                    if on_cases {
                        { backup_reminder(cases) }
                    }
                    { page }
                </main>
            </div>
            { footer() }
        </>
    }
}

/// What a click on a link to an element of the page does, or in an element
/// holding such links: a link marked `data-focus` moves focus to the element
/// its `#id` names, instead of changing the address, which names the page
/// shown. One function for every such link, not a closure each.
pub fn focus_link(e: MouseEvent) {
    let link = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|target| target.closest("a[data-focus]").ok().flatten());
    if let Some(href) = link.and_then(|link| link.get_attribute("href")) {
        e.prevent_default();
        crate::browser::focus(href.trim_start_matches('#'));
    }
}

/// The footer of every page, the Unlock page's too (a function, not a
/// component: it has no state).
pub fn footer() -> Html {
    static_html(FOOTER)
}

const FOOTER: &str = concat!(
    r#"<footer class="footer"><div class="width-container">"#,
    r#"<p class="footer__text">Your data stays on this device. This is not legal advice.</p>"#,
    "</div></footer>"
);

/// The header of every page, its name a link to the case list.
const HEADER: &str = concat!(
    r#"<header class="header"><div class="width-container">"#,
    r##"<a href="#/" class="header__name">EHC Timeline</a></div></header>"##
);

/// The heading and sentence of the banner on a new version.
const NEW_VERSION: &str = concat!(
    r#"<h2 class="notification-banner__title" id="update-title">New version</h2>"#,
    r#"<p class="notification-banner__heading">A new version of EHC Timeline is ready. Your cases stay on this device either way.</p>"#
);

/// Constant markup with no user data, as one node: far less code than the
/// same elements built one by one with `html!`.
pub fn static_html(markup: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(markup))
}

/// Offers a new version of the app once it is installed and waiting; it
/// takes over only when the user chooses, so no page mixes two versions.
/// A hook of the layout rather than a component of its own: less code.
#[hook]
fn use_update_banner() -> Html {
    // Read once drawn, not as the state's start: `bool::default` is the
    // start the app's other flags share, one copy of the hook for them all.
    let ready = use_state_eq(bool::default);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            if crate::browser::update_ready() {
                ready.set(true);
            }
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
            { static_html(NEW_VERSION) }
            <div class="notification-banner__actions">
                { button("button", "Use the new version".into(),
                    Callback::from(|_: MouseEvent| crate::browser::apply_update())) }
            </div>
        </div>
    }
}

/// The GOV.UK warning text: "!" and words in bold, said as a warning to a
/// screen reader.
pub fn warning_text(text: &str) -> Html {
    html! {
        <div class="warning-text">
            <span class="warning-text__icon" aria-hidden="true">{"!"}</span>
            <strong class="warning-text__text">
                <span class="visually-hidden">{"Warning"}</span>{text}
            </strong>
        </div>
    }
}

/// "Back to …": the link at the top of a page to the page above it.
pub fn back_link(to: &View, name: &str) -> Html {
    Markup::new(r#"<a class="back-link" href=""#)
        .text(&to.to_hash())
        .raw(r#"">Back to "#)
        .text(name)
        .raw("</a>")
        .html()
}

/// A page for an address that names no case or event.
pub fn not_found() -> Html {
    static_html(NOT_FOUND)
}

const NOT_FOUND: &str = concat!(
    r#"<h1 class="heading-xl" tabindex="-1">Page not found</h1>"#,
    r#"<p class="body">There is no case or event at this address on this device. It may have been deleted.</p>"#,
    r##"<p class="body"><a href="#/">Go to your cases</a></p>"##
);
