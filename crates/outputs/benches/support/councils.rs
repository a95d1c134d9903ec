//! The cases both council report benchmarks count: the portfolio's histories
//! (its milestones only) at one of a few councils, some of them ones the
//! Department for Education publishes figures for, so the report looks their
//! figures up.

use rules::Case;

/// The fewest events the portfolio's histories have: its milestones only.
pub const EVENTS: usize = 47;

/// The councils the cases are spread over.
pub const COUNCILS: [&str; 6] = [
    "Gateshead Council",
    "Kent County Council",
    "London Borough of Barnet",
    "Anytown Council",
    "Northshire County Council",
    "Bristol City Council",
];

/// `histories` at the `nth` council of `COUNCILS` (counted round).
pub fn at_council(histories: &[Case], nth: usize) -> Vec<Case> {
    let mut cases = histories.to_vec();
    for case in &mut cases {
        case.local_authority = Some(COUNCILS[nth % COUNCILS.len()].to_owned());
    }
    cases
}
