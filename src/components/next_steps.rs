//! What the family can do next about each overdue deadline, from the engine,
//! with where to get advice in one line.

use std::rc::Rc;

use rules::{Evaluation, Status, WHERE_TO_GET_ADVICE, next_steps};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NextStepsProps {
    pub evaluation: Rc<Evaluation>,
}

/// Shown only when a deadline is overdue.
#[component]
pub fn NextSteps(props: &NextStepsProps) -> Html {
    let today = props.evaluation.today;
    let overdue: Vec<_> = props
        .evaluation
        .deadlines
        .iter()
        .filter(|d| d.status == Status::Overdue)
        .map(|d| (d, next_steps(d, today)))
        .filter(|(_, steps)| !steps.is_empty())
        .collect();
    if overdue.is_empty() {
        return html! {};
    }
    html! {
        <section class="next-steps" aria-labelledby="next-steps-heading">
            <h2 class="heading-l" id="next-steps-heading">{"What you can do next"}</h2>
            <p class="body advice">{WHERE_TO_GET_ADVICE}</p>
            { for overdue.iter().map(|(deadline, steps)| html! {
                <>
                    <h3 class="heading-s">
                        { deadline.rule.title }
                        if let Some(subject) = &deadline.subject { {": "}{subject} }
                    </h3>
                    <ul class="list list--bullet">
                        { for steps.iter().map(|step| html! { <li>{step}</li> }) }
                    </ul>
                </>
            }) }
        </section>
    }
}
