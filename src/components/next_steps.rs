//! What the family can do next about each overdue deadline, from the engine,
//! with where to get advice in one line.

use rules::{
    Evaluation, Status,
    next_steps::{WHERE_TO_GET_ADVICE, next_steps},
};
use yew::prelude::*;

use super::layout::static_html;
use crate::components::{Latest, deadline_title, list_items};

const HEADING: &str = r#"<h2 class="heading-l" id="next-steps-heading">What you can do next</h2>"#;

/// The section, shown only when a deadline is overdue: the steps of the
/// latest overdue deadlines, as many as `shown` says, and a button for more.
pub fn next_steps_section(evaluation: &Evaluation, shown: &Latest) -> Html {
    let overdue: Vec<_> = evaluation
        .deadlines
        .iter()
        .filter(|d| d.status == Status::Overdue)
        .collect();
    if overdue.is_empty() {
        return html! {};
    }
    // The steps are written only for the deadlines shown.
    let steps = overdue[shown.hidden(overdue.len())..]
        .iter()
        .map(|d| (d, next_steps(d, evaluation.today)))
        .filter(|(_, steps)| !steps.is_empty());
    html! {
        <section class="next-steps" aria-labelledby="next-steps-heading">
            { static_html(HEADING) }
            <p class="body advice">{WHERE_TO_GET_ADVICE}</p>
            { shown.notice(overdue.len(), ("overdue deadline", "overdue deadlines")) }
            { for steps.map(|(deadline, steps)| html! {
                <>
                    <h3 class="heading-s">{ deadline_title(deadline) }</h3>
                    <ul class="list list--bullet">
                        { list_items(&steps) }
                    </ul>
                </>
            }) }
        </section>
    }
}
