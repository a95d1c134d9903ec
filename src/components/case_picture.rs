//! The picture of a case at the top of its page ([`outputs::case_picture`]):
//! a bar for each deadline, put in the page as SVG text at once. A row is a
//! link to the case page at its deadline ([`View::Deadline`]), where focus
//! moves to the deadline's card.

use std::rc::Rc;

use outputs::case_picture;
use yew::prelude::*;

use crate::components::Markup;
use crate::components::kept::Piece;
use crate::labels::deadline_tag_text;
use crate::route::View;
use crate::state::CaseEvaluation;

/// What the picture shows, for whoever does not see it.
pub const PICTURE_CAPTION: &str = "Each deadline is a bar from the day its clock started to its due date. Time past a due date is hatched, and a diamond marks the day it was done.";

/// On the case page, where each row leads to its card.
pub const CASE_PICTURE_CAPTION: &str = "Each deadline is a bar from the day its clock started to its due date. Time past a due date is hatched, and a diamond marks the day it was done. The same facts are in the list of deadlines below; select a row to go to its deadline.";

/// The picture, drawn again only when its deadlines change (a [`Piece`]).
pub struct CasePicture {
    pub evaluated: Rc<CaseEvaluation>,
    /// The first deadline drawn: the cards shown start there too.
    pub first: usize,
    /// Its text alternative, said above it.
    pub caption: &'static str,
}

impl PartialEq for CasePicture {
    /// The same evaluation, or the same deadlines of the same case on the
    /// same day, as a deadline's card: an event that moves no deadline
    /// leaves the picture as it was.
    fn eq(&self, other: &CasePicture) -> bool {
        self.caption == other.caption
            && self.first == other.first
            && (Rc::ptr_eq(&self.evaluated, &other.evaluated) || {
                let (mine, theirs) = (self.evaluated.get(), other.evaluated.get());
                mine.case_id == theirs.case_id
                    && mine.today == theirs.today
                    && mine.deadlines == theirs.deadlines
            })
    }
}

impl Piece for CasePicture {
    fn draw(&self) -> Html {
        let evaluation = self.evaluated.get();
        let today = evaluation.today;
        // "#/case/ID/deadline/", then each row's number.
        let mut link = View::Deadline(self.evaluated.borrow_owner().id.clone(), 0).to_hash();
        link.pop();
        let Some(svg) = case_picture(
            (&evaluation.deadlines, self.first),
            today,
            |deadline| deadline_tag_text(deadline, today),
            &link,
        ) else {
            return Html::default();
        };
        // The figure as markup written as text, one node: it has links but
        // no control of its own, and its elements built with `html!` would
        // each cost their own code in the first module.
        Markup::new(r#"<figure class="picture-figure"><figcaption class="body">"#)
            .text(self.caption)
            .raw(r#"</figcaption><div class="picture-scroll">"#)
            .raw(&svg)
            .raw("</div></figure>")
            .html()
    }
}
