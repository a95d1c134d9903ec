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

// Natively only, where proptest builds (as tests/import_fuzz.rs).
#[cfg(not(target_arch = "wasm32"))]
mod stored {
    //! The summary each record carries, so a start-up lists the cases
    //! without evaluating them: true on every day it says, and the list
    //! drawn from it the list drawn from the cases' evaluations.

    use std::rc::Rc;

    use super::common::{case, day, loaded};
    use chrono::{Days, NaiveDate};
    use ehc_timeline::State;
    use ehc_timeline::storage::records::{decode_summarised, encode_record, encode_summarised};
    use ehc_timeline::summary::{Listed, SortBy, Summary, listed};
    use proptest::prelude::*;
    use proptest::sample::select;
    use rules::{Case, EventKind, Status, evaluate};

    /// A case of up to 12 events of any kind, dated over three years.
    fn any_case() -> impl Strategy<Value = Case> {
        let event = (select(EventKind::KNOWN.to_vec()), 0u64..1100);
        proptest::collection::vec(event, 0..12).prop_map(|events| {
            let events: Vec<(String, EventKind, NaiveDate)> = (events.into_iter().enumerate())
                .map(|(n, (kind, offset))| (format!("e-{n}"), kind, from_start(offset)))
                .collect();
            let events: Vec<(&str, EventKind, NaiveDate)> = (events.iter())
                .map(|(id, kind, date)| (id.as_str(), kind.clone(), *date))
                .collect();
            case("c-1", "A. B.", &events)
        })
    }

    /// `days` after 1 January 2024.
    fn from_start(days: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(days)
    }

    /// Every deadline's rule, due date and status on `today`.
    fn statuses(case: &Case, today: NaiveDate) -> Vec<(&'static str, NaiveDate, Status)> {
        (evaluate(case, today).deadlines.iter())
            .map(|d| (d.rule.id, d.due, d.status))
            .collect()
    }

    proptest! {
        #[test]
        fn a_summary_holds_on_every_day_to_its_last_and_no_status_holds_past_it(
            case in any_case(),
            first in 0u64..1500,
            later in 0u64..=1000,
        ) {
            let d1 = from_start(first);
            let summary = Summary::on(&case, d1);
            prop_assert_eq!(summary.worked_out, d1);
            prop_assert!(summary.fresh_until >= d1);
            // A day from d1 to the last day it holds (or some years on).
            let span = (summary.fresh_until - d1).num_days().min(2000) as u64;
            let d2 = d1 + Days::new(span * later / 1000);
            let again = Summary::on(&case, d2);
            prop_assert_eq!(&again.listed, &summary.listed, "on {}", d2);
            prop_assert_eq!(again.fresh_until, summary.fresh_until);
            prop_assert_eq!(statuses(&case, d2), statuses(&case, d1));
            // Not a day too soon: the next day some deadline's status moves.
            if let Some(next) = summary.fresh_until.succ_opt().filter(|_| span < 2000) {
                prop_assert_ne!(statuses(&case, next), statuses(&case, d1));
            }
        }

        #[test]
        fn the_list_from_stored_summaries_is_the_list_from_evaluations(
            cases in proptest::collection::vec(any_case(), 1..8),
            first in 0u64..1500,
            later in 0u64..=1000,
        ) {
            let cases: Vec<Case> = (cases.into_iter().enumerate())
                .map(|(n, case)| Case { id: format!("c-{n}"), child: Some(format!("{}", n % 3)), ..case })
                .collect();
            let d1 = from_start(first);
            let summaries: Vec<Summary> = cases.iter().map(|case| Summary::on(case, d1)).collect();
            let last = summaries.iter().map(|s| s.fresh_until).min().unwrap();
            let span = (last - d1).num_days().min(2000) as u64;
            let d2 = d1 + Days::new(span * later / 1000);
            let stored = State::from_loaded(d2, &ehc_timeline::storage::Loaded {
                summaries: summaries.into_iter().map(Some).collect(),
                ..loaded(cases.clone())
            });
            let evaluated = State::new(d2, cases, None, true);
            let rows = |state: &State| -> Vec<(String, Listed)> {
                listed(state, SortBy::MostUrgent, true)
                    .iter()
                    .map(|entry| (entry.case.id.clone(), entry.summary().listed.clone()))
                    .collect()
            };
            prop_assert_eq!(rows(&stored), rows(&evaluated));
            prop_assert!(stored.cases.iter().all(|entry| !entry.is_evaluated()));
        }
    }

    #[test]
    fn a_record_carries_its_summary_and_one_without_or_of_another_engine_is_evaluated() {
        let case = super::common::late_assessment();
        let summary = Summary::on(&case, day(3, 1));
        let next = (day(4, 28), "Decision whether to issue a plan".to_owned());
        assert_eq!(
            summary.listed,
            Listed {
                overdue: 0,
                next: Some(next),
            }
        );
        let text = encode_summarised(4, &case, &summary);
        assert_eq!(
            decode_summarised(&text),
            Ok((4, case.clone(), Some(summary)))
        );
        let other = text.replace(ehc_timeline::summary::ENGINE, "0000000000000000");
        assert_eq!(decode_summarised(&other), Ok((4, case.clone(), None)));
        let plain = format!(
            r#"{{"rev":4,"case":{}}}"#,
            &text[text.find("\"case\":").unwrap() + 7..text.len() - 1]
        );
        assert_eq!(decode_summarised(&plain), Ok((4, case.clone(), None)));
        let (_, _, today) = decode_summarised(&encode_record(4, &case)).unwrap();
        assert!(today.is_some(), "a record written now holds its summary");
    }

    #[test]
    fn a_case_with_a_summary_stale_today_is_evaluated_and_listed_as_today() {
        let case = super::common::late_assessment();
        let mut summary = Summary::on(&case, day(3, 1));
        summary.listed.overdue = 7;
        summary.fresh_until = day(3, 9);
        let loaded = ehc_timeline::storage::Loaded {
            summaries: vec![Some(summary)],
            ..loaded(vec![case])
        };
        let fresh = State::from_loaded(day(3, 9), &loaded);
        assert_eq!(
            fresh.cases[0].summary().listed.overdue,
            7,
            "stored, not evaluated"
        );
        assert!(!fresh.cases[0].is_evaluated());
        for today in [day(3, 10), day(2, 28)] {
            let stale = State::from_loaded(today, &loaded);
            assert_eq!(stale.cases[0].summary().listed.overdue, 0, "on {today}");
            assert!(stale.cases[0].is_evaluated());
        }
        let shared = Rc::clone(&fresh.cases[0].case);
        assert!(Rc::ptr_eq(&shared, &loaded.cases[0]), "shared, not copied");
    }
}
