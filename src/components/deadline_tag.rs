//! A deadline's status as a tag in words ("Overdue by 23 days"); the colour
//! repeats the words, it never replaces them.

use chrono::NaiveDate;
use rules::Status;
use yew::prelude::*;

use crate::labels::{tag_colour, tag_text};

#[derive(Properties, PartialEq)]
pub struct DeadlineTagProps {
    pub status: Status,
    pub days_late: i64,
    pub due: NaiveDate,
    pub today: NaiveDate,
}

#[component]
pub fn DeadlineTag(props: &DeadlineTagProps) -> Html {
    let colour = format!("tag--{}", tag_colour(props.status));
    html! {
        <strong class={classes!("tag", colour)}>
            { tag_text(props.status, props.days_late, props.due, props.today) }
        </strong>
    }
}
