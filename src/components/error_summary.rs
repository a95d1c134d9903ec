//! The GOV.UK error summary: "There is a problem", with a link to each field
//! at fault. It takes focus each time a form is sent with errors.

use yew::prelude::*;

use crate::browser;
use crate::components::{Markup, focus_link, static_html};
use crate::forms::Errors;

/// The id of the summary, which takes focus.
pub const ERROR_SUMMARY_ID: &str = "error-summary";

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub errors: Errors,
}

/// The summary with its focus, as a component: for the pages loaded on
/// demand. The first screens' forms call [`use_error_focus`] and
/// [`error_summary`] themselves, which costs less than a component.
#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    use_error_focus(&props.errors);
    error_summary(&props.errors)
}

/// Moves focus to the summary each time the form is sent with errors.
#[hook]
pub fn use_error_focus(errors: &Errors) {
    let has_errors = !errors.is_empty();
    use_effect_with(errors.submission(), move |_| {
        if has_errors {
            browser::focus(ERROR_SUMMARY_ID);
        }
    });
}

/// The summary, or nothing when there is no error.
pub fn error_summary(errors: &Errors) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    // A link to each field, as markup written as text: the list takes
    // their clicks, which focus the field (the link's hash would change the page).
    let mut links = Markup::new("");
    for error in errors.0.iter() {
        links
            .raw(r##"<li><a href="#"##)
            .text(&error.target)
            .raw(r#"" data-focus="">"#)
            .text(&error.message)
            .raw("</a></li>");
    }
    html! {
        <div id={ERROR_SUMMARY_ID} class="error-summary" role="alert" tabindex="-1"
            aria-labelledby="error-summary-title">
            { static_html(r#"<h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>"#) }
            <ul class="list error-summary__list" onclick={Callback::from(focus_link)}>
                { links.html() }
            </ul>
        </div>
    }
}
