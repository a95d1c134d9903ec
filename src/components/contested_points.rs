//! The points where the law is read in more than one way, with the reading
//! the app takes: the spec asks that these choices are shown, never hidden.

use rules::contested::CONTESTED_POINTS;
use yew::prelude::*;

/// The points, folded away under a summary.
pub fn contested_points() -> Html {
    html! {
        <details class="details">
            <summary class="details__summary">{"Where the law is read in more than one way"}</summary>
            <div class="details__text">
                <p class="body">
                    {"On these points the law, the Ombudsman, the courts and councils do not all agree. This is the reading the dates here follow; the working of each date says when it makes a difference."}
                </p>
                <dl class="contested">
                    { for CONTESTED_POINTS.iter().map(|point| html! {
                        <div class="contested__point">
                            <dt class="heading-s">{point.point}</dt>
                            <dd class="body">{"Here: "}{point.choice}</dd>
                            <dd class="body secondary-text">{"The other reading: "}{point.other}</dd>
                        </div>
                    }) }
                </dl>
            </div>
        </details>
    }
}
