//! What a stage of the process sees of a case, and what it can say about it
//! besides deadlines. Below both the stages and `evaluate`, which runs them.

use serde::Serialize;

use crate::case_file::Case;
use crate::timeline::Timeline;

/// A fact about the case that is not a deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The fact, in a plain-English sentence.
    pub text: String,
    /// Where the law or guidance says it, so the family can check.
    pub citation: &'static str,
}

/// What a stage module sees of the case.
pub(crate) struct CaseContext<'a> {
    pub case: &'a Case,
    pub timeline: Timeline<'a>,
}
