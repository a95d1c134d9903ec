//! What a family takes to a complaint, made from a case and the rules
//! engine's evaluation of it: the dated chronology, letter drafts, an
//! iCalendar file of the deadlines to come and a spreadsheet of them all; and,
//! over many cases, an advocate's agenda and the council report. The reports
//! of `ehc check` and the sentences about a deadline's status are here too:
//! the engine counts, and this crate puts what it counted in words.
//!
//! Pure like the engine: no clock (the day is always a parameter), no browser.
//! The web app and `ehc` both use it, so the two never disagree.

#![warn(missing_docs)]

pub mod agenda;
pub mod chronology;
pub mod council_report;
pub mod ics;
pub mod letters;
pub mod markup;
pub mod picture;
pub mod report;
pub mod spreadsheet;

pub use agenda::{Agenda, Filter, Row, Show, When, agenda_csv, councils};
pub use chronology::{
    Chronology, DeadlineRow, EventRow, NameShown, bundle_order, days_and_weeks, deadline_title,
    event_what, in_date_order, written_when,
};
pub use council_report::{COUNCIL_REPORT_FORMAT, CouncilReport, CouncilTally};
pub use ics::calendar;
pub use letters::{Letter, chase_letter, complaint_letter, ombudsman_letter};
pub use markup::push_escaped;
pub use picture::case_picture;
pub use spreadsheet::{deadline_rows_csv, deadlines_csv};

/// A case and the engine's evaluation of it, as the outputs of many cases
/// take them.
#[derive(Clone, Copy)]
pub struct Evaluated<'a> {
    /// The facts recorded: names, reference and events.
    pub case: &'a rules::Case,
    /// The engine's deadlines for `case`, on the day chosen.
    pub evaluation: &'a rules::Evaluation<'a>,
}

/// A field the family filled in, trimmed; `None` when missing or blank, so a
/// blank name reads as unknown rather than as an empty gap.
pub(crate) fn recorded(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}
