//! A deadline's status as a tag in words ("Overdue by 23 days"); the colour
//! repeats the words, it never replaces them.

use chrono::NaiveDate;
use rules::Status;
use yew::Html;

use crate::components::Markup;

use crate::labels::{tag_colour, tag_text};

/// A plain function, not a component: it has no state, and a component's
/// machinery would cost more than rendering the tag again.
pub fn deadline_tag(status: Status, days_late: i64, due: NaiveDate, today: NaiveDate) -> Html {
    Markup::new(r#"<strong class="tag tag--"#)
        .raw(tag_colour(status))
        .raw(r#"">"#)
        .raw(&tag_text(status, days_late, due, today))
        .raw("</strong>")
        .html()
}
