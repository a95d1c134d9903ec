//! EHC Timeline's rules engine: every statutory time limit of the Education,
//! Health and Care (EHC) process in England, counted as the law counts it.
//!
//! The engine takes a case (a list of dated events) and a day, and returns each
//! deadline with its due date, status, days late, who must act, its citation and
//! the working behind it. It is pure: no clock, no browser, no time zones, only
//! calendar dates. The domain is `shared/spec/timelines.md`; the file format is
//! `shared/spec/case-file.md`.
//!
//! This is not legal advice: it counts the time limits as the regulations and
//! the Ombudsman count them, and says where a point is disputed.
//!
//! The crate root names what nearly every caller needs: a case and its events
//! (read from and written to a case file), `evaluate`, and the deadlines it
//! gives. The rest lives in public modules named for what they hold: the
//! counting in [`calendar`], the file format's details in [`case_file`], a
//! deadline's parts in [`deadline`], a rule's in [`rule`], and so on.

// Every public item says what it is for: the engine is read by people
// checking its law as much as by code.
#![deny(missing_docs)]

pub mod calendar;
pub mod case_file;
pub mod checks;
mod claims;
pub mod contested;
pub mod context;
pub mod date_order;
pub mod deadline;
pub mod evaluate;
pub mod exceptions;
pub mod next_steps;
mod receipt;
pub mod rule;
pub mod stages;
mod subjects;
mod timeline;
pub mod versions;

pub use case_file::{Case, CaseFile, Event, EventKind, ReadError, read_case_file, write_case_file};
pub use deadline::{Deadline, Status};
pub use evaluate::{Evaluation, evaluate};
pub use rule::Rule;
