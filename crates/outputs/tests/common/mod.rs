//! Cases the tests share: the bundled examples and small hand-built ones.
// Each test file uses some of these, so each, compiled alone, leaves some unused.
#![allow(dead_code)]

use chrono::NaiveDate;
use outputs::Evaluated;
use rules::{Case, Evaluation, Event, EventKind, evaluate, read_case_file};

pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// The cases of `examples/NAME.json`.
pub fn example(name: &str) -> Vec<Case> {
    let path = format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    read_case_file(&text).unwrap().cases
}

/// The bundled example of a late assessment, on 1 June 2025.
pub fn late_assessment() -> (&'static Case, Evaluation<'static>) {
    let case = example("late-assessment").remove(0);
    kept(case, day(2025, 6, 1))
}

/// The bundled example of a move and a mediation about health care, on 20 April 2026.
pub fn moving_and_mediation() -> (&'static Case, Evaluation<'static>) {
    let case = example("moving-and-mediation").remove(0);
    kept(case, day(2026, 4, 20))
}

/// A request received on Monday 1 September 2025 and nothing since, on
/// Friday 31 October 2025: the decision whether to assess is 18 days late.
pub fn waiting(child: &str) -> (&'static Case, Evaluation<'static>) {
    let case = Case {
        child: Some(child.into()),
        local_authority: Some("Anytown Council".into()),
        ..request_only("c-1")
    };
    kept(case, day(2025, 10, 31))
}

/// A case `id` with only a request received on 1 September 2025: no name,
/// council or reference recorded.
pub fn request_only(id: &str) -> Case {
    Case {
        id: id.into(),
        events: vec![Event::new(
            "e-1",
            EventKind::RequestReceived,
            day(2025, 9, 1),
        )],
        ..Case::default()
    }
}

/// A request on 6 January 2025 decided on 10 February, on 1 March: every
/// deadline so far met.
pub fn on_time() -> (&'static Case, Evaluation<'static>) {
    let case = Case {
        id: "c-on-time".into(),
        events: vec![
            Event::new("e-1", EventKind::RequestReceived, day(2025, 1, 6)),
            Event::new("e-2", EventKind::DecisionToAssess, day(2025, 2, 10)),
        ],
        ..Case::default()
    };
    kept(case, day(2025, 3, 1))
}

/// `case` evaluated on `today`. An evaluation borrows its case, so the case
/// is kept for the rest of the test run (the tests make a few small cases).
pub fn kept(case: Case, today: NaiveDate) -> (&'static Case, Evaluation<'static>) {
    let case: &'static Case = Box::leak(Box::new(case));
    (case, evaluate(case, today))
}

/// The pairs the multi-case outputs take.
pub fn evaluated<'a>(cases: &'a [(&'a Case, Evaluation<'a>)]) -> Vec<Evaluated<'a>> {
    cases
        .iter()
        .map(|(case, evaluation)| Evaluated { case, evaluation })
        .collect()
}
