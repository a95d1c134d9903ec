//! Facts of one case that every layer shares, from storage up: the name the
//! user knows it by, and the id of its next event.

use rules::Case;

/// The child's name or initials, or the case id when there is none.
pub fn case_name(case: &Case) -> &str {
    case.child
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(&case.id)
}

/// The next free event id of a case: `e-1`, `e-2`, ...
pub fn new_event_id(case: &Case) -> String {
    (1..)
        .map(|n| format!("e-{n}"))
        .find(|id| !case.events.iter().any(|event| &event.id == id))
        .expect("some id is free")
}
