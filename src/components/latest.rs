//! A long list of a case page shown from its latest items, with more on
//! request. A case of 10,000 events has thousands of deadlines too: drawn all
//! at once, its page took tens of seconds to open (issue 14).

use yew::prelude::*;

use super::layout::static_html;
use super::markup::Markup;
use super::undo_banner::button;
use crate::labels::grouped;

/// How many items of a long list are shown at first, and how many more each
/// press of its button shows.
pub const PER_PAGE: usize = 200;

/// [`PER_PAGE`], the one function every list's `use_state_eq` starts from:
/// a closure each would make a copy of the hook each.
pub fn per_page() -> usize {
    PER_PAGE
}

/// What a list is made of, in words: ("event", "events").
pub type Noun = (&'static str, &'static str);

/// How many of a list's items are shown, held by the page (a component of
/// its own would cost more code than it saves), and the press that shows more.
pub struct Latest {
    pub count: usize,
    pub more: Callback<MouseEvent>,
}

impl Latest {
    /// The count in `state`, [`PER_PAGE`] more at each press.
    pub fn from_state(state: &UseStateHandle<usize>) -> Latest {
        let handle = state.clone();
        Latest {
            count: **state,
            more: Callback::from(move |_: MouseEvent| handle.set(*handle + PER_PAGE)),
        }
    }

    /// Every item, as a test or a short list needs.
    pub fn all() -> Latest {
        Latest {
            count: usize::MAX,
            more: Callback::noop(),
        }
    }

    /// How many of `total` items are not shown: the earliest ones.
    pub fn hidden(&self, total: usize) -> usize {
        total.saturating_sub(self.count)
    }

    /// Above a list of `total` items with some not shown: "Showing the latest
    /// 200 of 8,632 deadlines. 8,432 earlier deadlines are not shown.", and a
    /// button that shows up to [`PER_PAGE`] more. Nothing when all are shown.
    pub fn notice(&self, total: usize, noun: Noun) -> Html {
        self.told(total, noun, ("latest", "earlier"))
    }

    /// Below a list of `total` items drawn from its first: "Showing the
    /// first 200 of 10,000 cases. 9,800 more cases are not shown.", and the
    /// same button.
    pub fn notice_of_first(&self, total: usize, noun: Noun) -> Html {
        self.told(total, noun, ("first", "more"))
    }

    /// The notice, with the words for the items shown and those not.
    fn told(&self, total: usize, (one, many): Noun, (shown, rest): Noun) -> Html {
        let hidden = self.hidden(total);
        if hidden == 0 {
            return html! {};
        }
        let noun = |n: usize| if n == 1 { one } else { many };
        html! {
            <>
                { Markup::new(r#"<p class="body">"#).text(&format!(
                    "Showing the {shown} {} of {} {many}. {} {rest} {} not shown.",
                    grouped(total - hidden),
                    grouped(total),
                    grouped(hidden),
                    if hidden == 1 { format!("{one} is") } else { format!("{many} are") },
                )).raw("</p>").html() }
                { button(
                    "button button--secondary",
                    format!("Show {} more {}", grouped(hidden.min(PER_PAGE)), noun(hidden.min(PER_PAGE))).into(),
                    self.more.clone(),
                ) }
            </>
        }
    }
}

/// A case page's section of a long list, its deadlines or its events: one
/// copy of its elements' code for both.
pub struct ListSection {
    /// The section's heading, as markup, with the id `labelled_by`.
    pub heading: &'static str,
    pub labelled_by: &'static str,
    /// The markup said when the list is empty.
    pub none: &'static str,
    /// The list's class.
    pub class: &'static str,
    pub noun: Noun,
}

impl ListSection {
    /// The section: the words for no item, or the notice of those not
    /// shown and the list of the `items` shown, of `total`; `onclick` takes
    /// the clicks of the items' buttons, if they have any.
    pub fn draw(
        &self,
        total: usize,
        shown: &Latest,
        items: Html,
        onclick: Option<Callback<MouseEvent>>,
    ) -> Html {
        html! {
            <section aria-labelledby={self.labelled_by} {onclick}>
                { static_html(self.heading) }
                if total == 0 {
                    { static_html(self.none) }
                } else {
                    { shown.notice(total, self.noun) }
                    <ul class={self.class}>{ items }</ul>
                }
            </section>
        }
    }
}
