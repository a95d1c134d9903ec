//! The case file format (`ehc-timeline/1`, and `/2` with documents; case-file.md): what a user records,
//! how it is read with errors that say where, and how it is written back.

mod anonymise;
mod clock_time;
mod error;
mod id_set;
pub mod json;
mod kind;
mod model;
mod parse;

pub use anonymise::{ANONYMOUS_KIND, BIRTH_YEAR, anonymise};
pub use clock_time::{parse_clock_time, write_clock_time};
pub use error::{Found, IdOf, JsonFault, Problem, ReadError};
pub use id_set::IdSet;
pub use kind::{EventKind, Stage};
pub use model::{
    ApproxDate, Case, CaseFile, Document, Event, ExceptionReason, Extra, FORMAT,
    FORMAT_WITH_DOCUMENTS, FieldValue, Matters, Order, ResponseUnit, ReviewCompleteOn,
    ReviewOutcome, SendMethod, Settings, Transfer, When, format_for,
};
pub use parse::{
    import_case_file, import_each_case, parse_iso_date, read_case, read_case_file, write_case,
    write_case_file,
};
