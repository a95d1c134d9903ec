//! What a family takes to a complaint, made from a case and the rules
//! engine's evaluation of it: the dated chronology, letter drafts, an
//! iCalendar file of the deadlines to come and a spreadsheet of them all.
//!
//! Pure like the engine: no clock (the day is always a parameter), no browser.
//! The web app and `ehc` both use it, so the two never disagree.

pub mod chronology;
pub mod ics;
pub mod letters;
pub mod spreadsheet;

pub use chronology::{
    Chronology, DeadlineRow, EventRow, NameShown, days_and_weeks, deadline_title, in_date_order,
    written_when,
};
pub use ics::calendar;
pub use letters::{Letter, chase_letter, complaint_letter, ombudsman_letter};
pub use spreadsheet::deadlines_csv;

/// A case and the engine's evaluation of it, as the outputs of many cases
/// take them.
#[derive(Clone, Copy)]
pub struct Evaluated<'a> {
    pub case: &'a rules::Case,
    pub evaluation: &'a rules::Evaluation,
}
