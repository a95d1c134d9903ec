//! Every deadline of a case: its status, due date, rule, citation and the
//! working behind the date. All from the engine's evaluation.

use std::rc::Rc;

use rules::{Deadline, Status, calendar::long_date, deadline::Limit, rule::Force};
use yew::prelude::*;

use crate::components::kept::{Piece, kept};
use crate::components::latest::ListSection;
use crate::components::{Latest, Markup, deadline_tag};
use crate::state::CaseEvaluation;

/// After the status tag, for a deadline the Code of Practice sets, not the law.
const GUIDANCE_TAG: &str = concat!(
    r#" <strong class="tag tag--grey" title="The Code of Practice says this should happen; "#,
    r#"it is not a legal time limit">Guidance</strong>"#
);

/// The working's disclosure, up to its steps.
const WORKING_START: &str = concat!(
    r#"<details class="details"><summary class="details__summary">How this date was worked out</summary>"#,
    r#"<ol class="list list--number details__text">"#
);

/// The deadlines section: the latest deadlines as many as `shown` says, and a
/// button that shows more; each deadline is a [`DeadlineItem`], drawn again
/// only when that deadline changes.
pub fn timeline(evaluated: &Rc<CaseEvaluation>, shown: &Latest) -> Html {
    let total = evaluated.get().deadlines.len();
    let items = (shown.hidden(total)..total)
        .map(|index| {
            kept(
                Rc::new(DeadlineItem {
                    evaluated: evaluated.clone(),
                    index,
                }),
                None,
            )
        })
        .collect();
    SECTION.draw(total, shown, items, None)
}

/// The deadlines' section.
const SECTION: ListSection = ListSection {
    heading: r#"<h2 class="heading-l" id="deadlines-heading">Deadlines</h2>"#,
    labelled_by: "deadlines-heading",
    none: concat!(
        r#"<p class="body">No deadlines yet. Log a milestone, such as the day the council "#,
        "received the request for an assessment, and the deadlines that follow from it will show here.</p>"
    ),
    class: "deadlines",
    noun: ("deadline", "deadlines"),
};

/// One deadline of the timeline: the card (which takes focus) as an element
/// kept from one draw to the next; its title, tags and lines as one markup
/// written as text, and its working's `<details>` (which the user opens) as
/// another, left as it is while the working is the same.
pub struct DeadlineItem {
    pub evaluated: Rc<CaseEvaluation>,
    pub index: usize,
}

impl PartialEq for DeadlineItem {
    /// The same evaluation, or the same deadline in the same place on the
    /// same day: an event logged makes a new evaluation of the case, but
    /// leaves most of its deadlines as they were, and comparing one costs
    /// far less than drawing its card again.
    fn eq(&self, other: &DeadlineItem) -> bool {
        self.index == other.index
            && (Rc::ptr_eq(&self.evaluated, &other.evaluated) || {
                let (mine, theirs) = (self.evaluated.get(), other.evaluated.get());
                mine.today == theirs.today
                    && mine.deadlines.get(self.index) == theirs.deadlines.get(other.index)
            })
    }
}

impl Piece for DeadlineItem {
    fn draw(&self) -> Html {
        let evaluation = self.evaluated.get();
        let deadline = &evaluation.deadlines[self.index];
        let mut text = Markup::new(r#"<h3 class="heading-s deadline__title">"#);
        deadline_title(&mut text, deadline);
        text.raw(r#"</h3><p class="deadline__tags">"#);
        deadline_tag(
            &mut text,
            deadline.status,
            deadline.days_late,
            deadline.due,
            evaluation.today,
        );
        if deadline.force == Force::Guidance {
            text.raw(GUIDANCE_TAG);
        }
        text.raw("</p>");
        card_text(&mut text, deadline);
        // The working, its own markup written as text: it changes only with
        // the deadline, not with the day, so a `<details>` the user opened
        // stays open over midnight.
        let mut working = Markup::new(WORKING_START);
        push_items(&mut working, &deadline.working());
        html! {
            <li class={status_class(deadline.status)} id={format!("deadline-{}", self.index)} tabindex="-1">
                { text.html() }
                { working.raw("</ol></details>").html() }
            </li>
        }
    }
}

/// The card's lines below its tags: when it is due, when it was done, what
/// the rule says, why it does not apply, who must act and the law.
fn card_text(html: &mut Markup, deadline: &Deadline) {
    let due = long_date(deadline.due);
    let when = match deadline.limit {
        Limit::By => format!("Due {due}"),
        Limit::NotBefore => format!("Not before {due}"),
    };
    // "Due 17 February 2025"; for an excepted limit the statutory date
    // struck through, then the indicative one.
    html.raw(r#"<p class="body deadline__due">"#);
    if deadline.status != Status::Excepted {
        html.raw("<strong>").raw(&when).raw("</strong>");
    } else {
        html.raw("<del>").raw(&when).raw("</del>");
        if let Some(indicative) = deadline.indicative_due {
            html.raw(" Indicative date, not statutory: ")
                .raw(&long_date(indicative));
        }
    }
    html.raw("</p>");
    if let Some(done) = &deadline.done {
        html.raw(r#"<p class="body deadline__done">"#)
            .text(&format!("Done {} — {}", long_date(done.date), done.label))
            .raw("</p>");
    }
    html.raw(r#"<p class="body">"#)
        .text(deadline.rule.summary)
        .raw("</p>");
    if let Some(reason) = &deadline.not_applicable {
        html.raw(r#"<p class="body">"#)
            .text(&format!("Does not apply: {reason}"))
            .raw("</p>");
    }
    html.raw(r#"<p class="body deadline__meta"><span class="deadline__who">Who must act: "#)
        .text(deadline.actor.label())
        .raw(r#". </span><cite class="deadline__citation">"#)
        .text(deadline.citation)
        .raw("</cite></p>");
}

/// The deadline's title, and what it is about when it has a subject:
/// "Decision on the plan: Year 6 transfer".
pub fn deadline_title(html: &mut Markup, deadline: &Deadline) {
    html.text(deadline.rule.title);
    if let Some(subject) = &deadline.subject {
        html.raw(": ").text(subject);
    }
}

/// One `<li>` for each of `items`: one copy of the list code for the steps
/// of the working, the next steps and the names an import adds or replaces
/// ([`push_items`] where the list is part of other markup).
pub fn list_items(items: &[String]) -> Html {
    let mut html = Markup::new("");
    push_items(&mut html, items);
    html.html()
}

/// Those `<li>`s, written into `html`.
pub fn push_items(html: &mut Markup, items: &[String]) {
    for item in items {
        html.raw("<li>").text(item).raw("</li>");
    }
}

/// The deadline's classes: its status's id, as in the case file report, picks
/// its colour in the CSS.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::Pending => "deadline deadline--pending",
        Status::DueSoon => "deadline deadline--due-soon",
        Status::Overdue => "deadline deadline--overdue",
        Status::Met => "deadline deadline--met",
        Status::MetLate => "deadline deadline--met-late",
        Status::TooEarly => "deadline deadline--too-early",
        Status::Excepted => "deadline deadline--excepted",
        Status::NotApplicable => "deadline deadline--not-applicable",
    }
}
