//! The order of the case list.

mod common;

use common::*;
use ehc_timeline::State;
use ehc_timeline::summary::{SortBy, listed};
use rules::EventKind;

fn names(state: &State, sort: SortBy) -> Vec<&str> {
    listed(state, sort, false)
        .iter()
        .map(|entry| entry.name())
        .collect()
}

#[test]
fn most_urgent_first_then_the_nearest_deadline_then_cases_with_none_by_name() {
    let request = |id: &str, child: &str, month, day_of_month| {
        let received = [("e-1", EventKind::RequestReceived, day(month, day_of_month))];
        case(id, child, &received)
    };
    let state = State::new(
        day(3, 1),
        vec![
            case("c-1", "e. e.", &[]),
            request("c-2", "a. a.", 2, 25),
            case("c-3", "C. C.", &[]),
            request("c-4", "B. B.", 2, 20),
            request("c-5", "d. d.", 1, 6),
        ],
        None,
        true,
    );
    assert_eq!(
        names(&state, SortBy::MostUrgent),
        ["d. d.", "B. B.", "a. a.", "C. C.", "e. e."]
    );
    assert_eq!(
        names(&state, SortBy::Name),
        ["a. a.", "B. B.", "C. C.", "d. d.", "e. e."]
    );
}
