//! "Share anonymised": a case file with everything that could identify a child
//! removed, for pooling with others in the council report.
//!
//! What is kept is what the rules count with: each event's kind and date and
//! the fields with a fixed set of values (an outcome, an order, an exception's
//! reason and dates, how a request was sent), and the council. Names,
//! references, notes, who, documents (the reference and the attached files),
//! the day of export and every field this version does not know are removed;
//! a party's or school's name becomes a number; an `x-...` kind, the user's own words, becomes `x-event`; the
//! date of birth is cut to its year; every id is replaced by a random one.
//! The anonymised file still evaluates to the same deadlines, apart from
//! those that need the day of birth (see `BIRTH_YEAR`).

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use super::json::Value;
use super::kind::EventKind;
use super::model::{Case, CaseFile, Event, Extra, FORMAT, Settings};

/// The case field that holds the year of birth in an anonymised file. The
/// format has no year-only date of birth, so it goes where a field this
/// version does not know goes: kept, and ignored by the rules (so an
/// anonymised case has no under-five reviews and no age-25 end of a plan).
pub const BIRTH_YEAR: &str = "birth_year";

/// The kind an `x-...` event takes: its own name is the user's free text.
pub const ANONYMOUS_KIND: &str = "x-event";

/// The anonymised copy of `file`. `random` gives a fresh random number each
/// call (the caller's source, so a test can give a fixed sequence); ids are
/// drawn from it until each is unique in the file.
pub fn anonymise(file: &CaseFile, random: &mut dyn FnMut() -> u64) -> CaseFile {
    let mut ids = RandomIds {
        random,
        used: HashSet::new(),
    };
    CaseFile {
        // Without documents, the file is always version 1.
        format: FORMAT.to_owned(),
        exported_at: None,
        cases: file
            .cases
            .iter()
            .map(|case| anonymise_case(case, &mut ids))
            .collect(),
        extra: Extra::new(),
    }
}

fn anonymise_case(case: &Case, ids: &mut RandomIds) -> Case {
    let mut extra = Extra::new();
    if let Some(born) = case.date_of_birth {
        extra.insert(BIRTH_YEAR.to_owned(), Value::from(i64::from(born.year())));
    }
    let (mut parties, mut schools) = (Pseudonyms::new("adviser"), Pseudonyms::new("school"));
    Case {
        id: ids.next("c"),
        child: None,
        local_authority: case.local_authority.clone(),
        reference: None,
        date_of_birth: None,
        settings: Settings {
            review_complete_on: case.settings.review_complete_on,
            extra: Extra::new(),
        },
        events: case
            .events
            .iter()
            .map(|event| Event {
                id: ids.next("e"),
                kind: match &event.kind {
                    EventKind::Custom(_) => EventKind::Custom(ANONYMOUS_KIND.to_owned()),
                    known => known.clone(),
                },
                who: None,
                note: None,
                document: None,
                documents: Vec::new(),
                party: event.party.as_deref().map(|name| parties.of(name)),
                school: event.school.as_deref().map(|name| schools.of(name)),
                extra: Extra::new(),
                ..event.clone()
            })
            .collect(),
        extra,
    }
}

/// Random ids, each used once in a file: `c-` or `e-` and 12 hex digits.
struct RandomIds<'r> {
    random: &'r mut dyn FnMut() -> u64,
    used: HashSet<String>,
}

impl RandomIds<'_> {
    fn next(&mut self, prefix: &str) -> String {
        loop {
            let id = format!("{prefix}-{:012x}", (self.random)() & 0xffff_ffff_ffff);
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// A party's or school's name replaced by a number, the same for the same
/// name within a case, so each request still pairs with its reply.
struct Pseudonyms<'n> {
    word: &'static str,
    given: HashMap<&'n str, String>,
}

impl<'n> Pseudonyms<'n> {
    fn new(word: &'static str) -> Pseudonyms<'n> {
        Pseudonyms {
            word,
            given: HashMap::new(),
        }
    }

    fn of(&mut self, name: &'n str) -> String {
        let next = self.given.len() + 1;
        let word = self.word;
        self.given
            .entry(name)
            .or_insert_with(|| format!("{word} {next}"))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_file::parse::{read_case_file, write_case_file};

    /// A fixed sequence with a repeat, so the retry on a used id is exercised.
    fn sequence() -> impl FnMut() -> u64 {
        let mut values = [7, 8, 8, 9, 10].into_iter();
        move || values.next().unwrap()
    }

    #[test]
    fn ids_are_random_and_unique_and_subjects_still_pair() {
        let file = read_case_file(
            r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1", "events": [
              {"id": "e-1", "kind": "advice-requested", "date": "2025-01-06", "party": "Dr Who"},
              {"id": "e-2", "kind": "advice-requested", "date": "2025-01-06", "party": "Ms X"},
              {"id": "e-3", "kind": "advice-received", "date": "2025-02-06", "party": "Dr Who"}]}]}"#,
        )
        .unwrap();
        let anonymous = anonymise(&file, &mut sequence());
        let case = &anonymous.cases[0];
        assert_eq!(case.id, "c-000000000007");
        let ids: Vec<&str> = case.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e-000000000008", "e-000000000009", "e-00000000000a"]);
        let parties: Vec<_> = case.events.iter().map(|e| e.party.as_deref()).collect();
        assert_eq!(
            parties,
            [Some("adviser 1"), Some("adviser 2"), Some("adviser 1")]
        );
        assert!(read_case_file(write_case_file(&anonymous)).is_ok());
    }

    #[test]
    fn documents_are_dropped_and_the_file_is_version_1_again() {
        let digest = "ab".repeat(32);
        let file = read_case_file(format!(
            r#"{{"format": "ehc-timeline/2", "cases": [{{"id": "c-1", "events": [
              {{"id": "e-1", "kind": "advice-received", "date": "2025-05-02", "party": "EP",
                "documents": [{{"id": "d-1", "name": "ep-report.pdf", "media_type": "application/pdf",
                                "size": 48213, "sha256": "{digest}"}}]}}]}}]}}"#
        ))
        .unwrap();
        let anonymous = anonymise(&file, &mut sequence());
        assert!(anonymous.cases[0].events[0].documents.is_empty());
        assert_eq!(anonymous.format, FORMAT);
        let written = write_case_file(&anonymous);
        assert!(
            written.contains("\"format\": \"ehc-timeline/1\""),
            "{written}"
        );
        assert!(!written.contains("ep-report") && !written.contains(&digest));
    }
}
