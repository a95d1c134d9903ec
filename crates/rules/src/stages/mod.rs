//! The stages of the process, one module each. A stage declares its rules as
//! `Rule` constants and turns a case's events into deadlines.

mod assessment;
pub(crate) mod complaints;
mod disputes;
pub(crate) mod orders;
mod phase_transfer;
mod reassessment;
mod review;

use crate::context::{CaseContext, Notice};
use crate::deadline::Deadline;
use crate::rule::Rule;

/// A stage: reads the case, adds its deadlines and notices.
pub(crate) type Stage = for<'a> fn(&CaseContext<'a>, &mut Vec<Deadline<'a>>, &mut Vec<Notice>);

/// Every stage, in the order of the process. The Ombudsman's windows come
/// after, from the deadlines these produce.
pub(crate) const ALL: &[Stage] = &[
    assessment::deadlines,
    orders::deadlines,
    review::deadlines,
    phase_transfer::deadlines,
    reassessment::deadlines,
    disputes::deadlines,
    complaints::deadlines,
];

/// Every rule the engine knows, stage by stage.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    [
        assessment::RULES,
        orders::RULES,
        review::RULES,
        phase_transfer::RULES,
        reassessment::RULES,
        disputes::RULES,
        complaints::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}
