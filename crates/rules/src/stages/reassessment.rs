//! PLACEHOLDER: being written.
use crate::deadline::Deadline;
use crate::evaluate::{CaseContext, Notice};
use crate::rule::Rule;
pub const RULES: &[&Rule] = &[];
pub(crate) fn deadlines(_cx: &CaseContext, _out: &mut Vec<Deadline>, _notices: &mut Vec<Notice>) {}
