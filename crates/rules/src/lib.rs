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

mod calendar;
mod case_file;
mod checks;
mod claims;
mod contested;
mod context;
mod date_order;
mod deadline;
mod evaluate;
mod exceptions;
mod next_steps;
mod receipt;
mod report;
mod rule;
mod stages;
mod subjects;
mod timeline;
mod versions;

pub use calendar::*;
pub use case_file::*;
pub use checks::{PLAUSIBLE_YEARS, Warning, warnings_about};
pub use contested::{CONTESTED_POINTS, ContestedPoint};
pub use context::Notice;
pub use date_order::{DateKey, sort_by_date};
pub use deadline::{Deadline, EventRef, Label, Limit, On, Sentence, Status, Step, days_phrase};
pub use evaluate::{Evaluation, evaluate, evaluate_under};
pub use exceptions::{ClaimedException, ExceptionSet};
pub use next_steps::{WHERE_TO_GET_ADVICE, next_steps};
pub use receipt::received_on;
pub use report::{
    CaseReport, DeadlineReport, NOT_LEGAL_ADVICE, REPORT_FORMAT, Report, case_text, deadline_line,
    status_phrase,
};
pub use rule::{Actor, EHC_START, Force, InForce, Jurisdiction, Rule};
pub use stages::all_rules;
pub use versions::Version;
