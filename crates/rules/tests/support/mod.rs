//! Builders shared by the engine's tests: cases written as a list of
//! `(kind, "YYYY-MM-DD")` lines, evaluated on a given day.
#![allow(dead_code)] // each test file uses its own part of this

use chrono::NaiveDate;
use rules::{Case, Deadline, Evaluation, Event, EventKind, Status, evaluate};

/// The date written as `YYYY-MM-DD`.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {text}"))
}

/// Builds a case event by event; ids are `e-1`, `e-2`, … in the order added.
#[derive(Default)]
pub struct CaseBuilder {
    case: Case,
}

impl CaseBuilder {
    pub fn new() -> CaseBuilder {
        CaseBuilder {
            case: Case {
                id: "c-test".into(),
                ..Case::default()
            },
        }
    }

    /// Adds an event of `kind` on `date`.
    pub fn event(self, kind: EventKind, date: &str) -> CaseBuilder {
        self.event_with(kind, date, |_| {})
    }

    /// Adds an event of `kind` on `date`, with fields set by `fill`.
    pub fn event_with(
        mut self,
        kind: EventKind,
        date: &str,
        fill: impl FnOnce(&mut Event),
    ) -> CaseBuilder {
        let mut event = Event::new(format!("e-{}", self.case.events.len() + 1), kind, d(date));
        fill(&mut event);
        self.case.events.push(event);
        self
    }

    /// Changes the case itself (settings, date of birth).
    pub fn with(mut self, fill: impl FnOnce(&mut Case)) -> CaseBuilder {
        fill(&mut self.case);
        self
    }

    pub fn build(self) -> Case {
        self.case
    }

    /// Evaluates the case on `today`. An evaluation borrows its case, so
    /// that a test can chain `builder.on(day)` the case is kept for the rest
    /// of the test run (a test makes a few small cases).
    pub fn on(&self, today: &str) -> Evaluation<'static> {
        evaluate(Box::leak(Box::new(self.case.clone())), d(today))
    }
}

/// The only deadline of `rule` (panics, listing the rules, if there is not exactly one).
pub fn only<'e, 'a>(evaluation: &'e Evaluation<'a>, rule: &str) -> &'e Deadline<'a> {
    let found: Vec<&Deadline> = evaluation.deadlines_of(rule).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {rule} deadline, found {}; deadlines: {:?}",
        found.len(),
        evaluation
            .deadlines
            .iter()
            .map(|d| (d.rule.id, d.due, d.status))
            .collect::<Vec<_>>()
    );
    found[0]
}

/// Asserts a deadline's due date, status and days late together.
pub fn assert_deadline(deadline: &Deadline, due: &str, status: Status, days_late: i64) {
    assert_eq!(
        (deadline.due, deadline.status, deadline.days_late),
        (d(due), status, days_late),
        "{} deadline; working: {:#?}",
        deadline.rule.id,
        deadline.working()
    );
}

/// Whether a step of the deadline's working contains `words`.
pub fn worked(deadline: &Deadline, words: &str) -> bool {
    deadline.working().iter().any(|step| step.contains(words))
}
