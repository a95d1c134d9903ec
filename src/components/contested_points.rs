//! The points where the law is read in more than one way, with the reading
//! the app takes: the spec asks that these choices are shown, never hidden.

use rules::contested::CONTESTED_POINTS;
use yew::Html;

use super::markup::Markup;

/// The summary and the sentence above the points.
const HEAD: &str = concat!(
    r#"<details class="details"><summary class="details__summary">Where the law is read in more than one way</summary>"#,
    r#"<div class="details__text"><p class="body">On these points the law, the Ombudsman, the courts and councils do not all agree. "#,
    r#"This is the reading the dates here follow; the working of each date says when it makes a difference.</p><dl class="contested">"#
);

/// The points, folded away under a summary: markup written as text, which
/// stays the same from one draw to the next, so the details stay open.
pub fn contested_points() -> Html {
    let mut html = Markup::new(HEAD);
    for point in CONTESTED_POINTS {
        html.raw(r#"<div class="contested__point"><dt class="heading-s">"#)
            .text(point.point)
            .raw(r#"</dt><dd class="body">Here: "#)
            .text(point.choice)
            .raw(r#"</dd><dd class="body secondary-text">The other reading: "#)
            .text(point.other)
            .raw("</dd></div>");
    }
    html.raw("</dl></div></details>").html()
}
