//! What the family can do next about each overdue deadline, from the engine,
//! with where to get advice in one line.

use rules::{
    Evaluation, Status,
    next_steps::{WHERE_TO_GET_ADVICE, next_steps},
};
use yew::prelude::*;

use crate::components::{Latest, Markup, deadline_title, push_items};

/// The heading, and the start of the line on where to get advice.
const HEADING: &str = concat!(
    r#"<h2 class="heading-l" id="next-steps-heading">What you can do next</h2>"#,
    r#"<p class="body advice">"#
);

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
    // Each deadline's title and steps, as markup written as text.
    let mut steps = Markup::new("");
    for deadline in &overdue[shown.hidden(overdue.len())..] {
        let items = next_steps(deadline, evaluation.today);
        if items.is_empty() {
            continue;
        }
        deadline_title(steps.raw(r#"<h3 class="heading-s">"#), deadline);
        steps.raw(r#"</h3><ul class="list list--bullet">"#);
        push_items(&mut steps, &items);
        steps.raw("</ul>");
    }
    html! {
        <section class="next-steps" aria-labelledby="next-steps-heading">
            { Markup::new(HEADING).text(WHERE_TO_GET_ADVICE).raw("</p>").html() }
            { shown.notice(overdue.len(), ("overdue deadline", "overdue deadlines")) }
            { steps.html() }
        </section>
    }
}
