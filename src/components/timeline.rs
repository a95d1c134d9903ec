//! Every deadline of a case: its status, due date, rule, citation and the
//! working behind the date. All from the engine's evaluation.

use std::rc::Rc;

use rules::{Deadline, Evaluation, Force, Limit, Status, long_date};
use yew::prelude::*;

use crate::components::DeadlineTag;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub evaluation: Rc<Evaluation>,
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let evaluation = &props.evaluation;
    html! {
        <section aria-labelledby="deadlines-heading">
            <h2 class="heading-l" id="deadlines-heading">{"Deadlines"}</h2>
            if evaluation.deadlines.is_empty() {
                <p class="body">
                    {"No deadlines yet. Log a milestone, such as the day the council received the request for an assessment, and the deadlines that follow from it will show here."}
                </p>
            } else {
                <ul class="deadlines">
                    { for (0..evaluation.deadlines.len()).map(|index| html! {
                        <DeadlineItem evaluation={evaluation.clone()} {index} />
                    }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DeadlineItemProps {
    pub evaluation: Rc<Evaluation>,
    pub index: usize,
}

/// One deadline of the timeline.
#[component]
pub fn DeadlineItem(props: &DeadlineItemProps) -> Html {
    let deadline = &props.evaluation.deadlines[props.index];
    let today = props.evaluation.today;
    let status = deadline.status.to_string_id();
    html! {
        <li class={classes!("deadline", format!("deadline--{status}"))}>
            <h3 class="heading-s deadline__title">
                { deadline.rule.title }
                if let Some(subject) = &deadline.subject {
                    {": "}{subject}
                }
            </h3>
            <p class="deadline__tags">
                <DeadlineTag status={deadline.status} days_late={deadline.days_late}
                    due={deadline.due} {today} />
                if deadline.force == Force::Guidance {
                    {" "}<strong class="tag tag--grey" title="The Code of Practice says this should happen; it is not a legal time limit">{"Guidance"}</strong>
                }
            </p>
            { due_line(deadline) }
            if let Some(done) = &deadline.done {
                <p class="body deadline__done">
                    {format!("Done {} — {}", long_date(done.date), done.label)}
                </p>
            }
            <p class="body">{ deadline.rule.summary }</p>
            if let Some(reason) = &deadline.not_applicable {
                <p class="body">{format!("Does not apply: {reason}")}</p>
            }
            <p class="body deadline__meta">
                <span class="deadline__who">{format!("Who must act: {}. ", deadline.actor.label())}</span>
                <cite class="deadline__citation">{ deadline.citation }</cite>
            </p>
            <details class="details">
                <summary class="details__summary">{"How this date was worked out"}</summary>
                <ol class="list list--number details__text">
                    { for deadline.working().into_iter().map(|step| html! { <li>{step}</li> }) }
                </ol>
            </details>
        </li>
    }
}

/// "Due 17 February 2025"; "Not before 16 October 2025"; for an excepted
/// limit the statutory date struck through, then the indicative one.
fn due_line(deadline: &Deadline) -> Html {
    let due = long_date(deadline.due);
    let when = match deadline.limit {
        Limit::By => format!("Due {due}"),
        Limit::NotBefore => format!("Not before {due}"),
    };
    if deadline.status == Status::Excepted {
        html! {
            <p class="body deadline__due">
                <del>{when}</del>
                if let Some(indicative) = deadline.indicative_due {
                    {format!(" Indicative date, not statutory: {}", long_date(indicative))}
                }
            </p>
        }
    } else {
        html! { <p class="body deadline__due"><strong>{when}</strong></p> }
    }
}

trait StatusId {
    fn to_string_id(self) -> &'static str;
}

impl StatusId for Status {
    /// The status's id in the case file report, for a class name.
    fn to_string_id(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::DueSoon => "due-soon",
            Status::Overdue => "overdue",
            Status::Met => "met",
            Status::MetLate => "met-late",
            Status::TooEarly => "too-early",
            Status::Excepted => "excepted",
            Status::NotApplicable => "not-applicable",
        }
    }
}
