//! The hostile case files of issue 14, with what every door (the engine's
//! reader, `ehc`, the app's import) must say of each: one table, so that the
//! doors cannot drift apart. The files are in `fixtures/hostile/`.

use rules::{
    ReadError,
    case_file::{IdOf, Problem},
};

/// A file every door refuses, and where and why.
pub struct Refused {
    pub name: &'static str,
    pub bytes: &'static [u8],
    pub line: Option<usize>,
    pub path: &'static str,
    pub problem: Problem,
}

impl Refused {
    /// Asserts that `error` is this file's refusal, at its place.
    pub fn assert_is(&self, error: &ReadError) {
        assert_eq!(
            (error.line, error.path.as_str(), &*error.problem),
            (self.line, self.path, &self.problem),
            "{}: {error}",
            self.name
        );
    }
}

/// The name and the bytes of a file in `fixtures/hostile/`.
macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../fixtures/hostile/", $name)).as_slice(),
        )
    };
}

fn refused_at(
    (name, bytes): (&'static str, &'static [u8]),
    line: Option<usize>,
    path: &'static str,
    problem: Problem,
) -> Refused {
    Refused {
        name,
        bytes,
        line,
        path,
        problem,
    }
}

fn duplicate(key: &str) -> Problem {
    Problem::DuplicateKey { key: key.into() }
}

/// Every file refused, with the line and the path of the fault.
pub fn refused() -> Vec<Refused> {
    vec![
        refused_at(
            fixture!("not-utf8.json"),
            Some(6),
            "",
            Problem::NotUtf8 {
                offset: 88,
                byte: 0xE9,
            },
        ),
        refused_at(
            fixture!("duplicate-events.json"),
            Some(9),
            "cases[0].events",
            duplicate("events"),
        ),
        refused_at(
            fixture!("duplicate-cases.json"),
            Some(6),
            "cases",
            duplicate("cases"),
        ),
        refused_at(
            fixture!("duplicate-date.json"),
            Some(7),
            "cases[0].events[0].date",
            duplicate("date"),
        ),
        refused_at(
            fixture!("duplicate-key-in-unknown-field.json"),
            Some(8),
            "cases[0].events[0].x-notes.seen",
            duplicate("seen"),
        ),
        refused_at(
            fixture!("empty-case-id.json"),
            Some(5),
            "cases[0].id",
            Problem::EmptyId(IdOf::Case),
        ),
        refused_at(
            fixture!("empty-event-id.json"),
            Some(7),
            "cases[0].events[0].id",
            Problem::EmptyId(IdOf::Event),
        ),
        refused_at(
            fixture!("repeated-case-id.json"),
            Some(6),
            "cases[2].id",
            Problem::RepeatedId {
                of: IdOf::Case,
                id: "c-1".into(),
            },
        ),
        refused_at(
            fixture!("repeated-event-id.json"),
            Some(8),
            "cases[0].events[1].id",
            Problem::RepeatedId {
                of: IdOf::Event,
                id: "e-1".into(),
            },
        ),
        refused_at(fixture!("no-cases.json"), None, "", Problem::NoCases),
    ]
}

/// Files every door reads although they look odd: a byte order mark before
/// the JSON, and unknown fields at the top level, which are kept.
pub fn accepted() -> [(&'static str, &'static [u8]); 2] {
    [
        fixture!("byte-order-mark.json"),
        fixture!("unknown-top-level-field.json"),
    ]
}
