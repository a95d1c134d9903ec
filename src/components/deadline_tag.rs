//! A deadline's status as a tag in words ("Overdue by 23 days"); the colour
//! repeats the words, it never replaces them.

use chrono::NaiveDate;
use rules::Status;

use crate::components::Markup;
use crate::labels::{tag_colour, tag_text};

/// The tag, written into the card's markup: no element of its own to build.
pub fn deadline_tag(
    html: &mut Markup,
    status: Status,
    days_late: i64,
    due: NaiveDate,
    today: NaiveDate,
) {
    html.raw(r#"<strong class="tag tag--"#)
        .raw(tag_colour(status))
        .raw(r#"">"#)
        .raw(&tag_text(status, days_late, due, today))
        .raw("</strong>");
}
