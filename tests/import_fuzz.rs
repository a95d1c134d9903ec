//! Fuzzing the app's import, as the import page does it: read the chosen file
//! (its bytes, through the engine's reader, as `ehc` reads it),
//! preview what it adds and replaces, import it. A file that cannot be read
//! changes nothing and says why; one that can adds or replaces exactly its
//! cases, keeps every other, is saved and read back whole, and every output
//! the app makes of it (chronology, letters, calendar, spreadsheet) is made
//! without a panic. `EHC_FUZZ_CASES` inputs, a few thousand by default.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../crates/rules/tests/support/case_files.rs"]
mod case_files;

use std::cell::Cell;
use std::rc::Rc;

use case_files::{any_day, case_file_text, fuzz, fuzz_cases};
use ehc_timeline::components::import_error;
use ehc_timeline::export::exported_text;
use ehc_timeline::file_fields::keep_with_cases;
use ehc_timeline::import::ImportPlan;
use ehc_timeline::state::case_name;
use ehc_timeline::storage::{decode, encode};
use ehc_timeline::{Action, State};
use outputs::{
    Chronology, Evaluated, NameShown, calendar, chase_letter, complaint_letter, deadlines_csv,
    ombudsman_letter,
};
use proptest::prelude::*;
use rules::{Case, case_file::Problem, read_case_file};
use yew::Reducible;

/// The device's cases before the import: the two-children example, whose ids
/// the near-valid files often share (so they replace), and another.
fn on_the_device() -> Vec<Case> {
    [
        include_str!("../examples/two-children.json"),
        include_str!("../examples/late-assessment.json"),
    ]
    .into_iter()
    .flat_map(|text| read_case_file(text).expect("the examples read").cases)
    .collect()
}

fn cases_of(state: &State) -> Vec<Case> {
    state.all_cases().cloned().collect()
}

/// Every output the app offers for the cases of `state`.
fn outputs_of(state: &State) {
    let evaluated: Vec<Evaluated> = state
        .cases
        .iter()
        .map(|entry| Evaluated {
            case: &entry.case,
            evaluation: entry.evaluation(),
        })
        .collect();
    for Evaluated { case, evaluation } in &evaluated {
        let _ = Chronology::new(case, evaluation, NameShown::Initials);
        for deadline in &evaluation.deadlines {
            let _ = chase_letter(case, evaluation, deadline);
        }
        let _ = (
            complaint_letter(case, evaluation),
            ombudsman_letter(case, evaluation),
        );
    }
    let stamp = state.today.and_hms_opt(0, 0, 0).expect("midnight");
    let _ = (calendar(&evaluated, stamp), deadlines_csv(&evaluated));
}

#[test]
fn any_file_is_imported_whole_or_changes_nothing() {
    let (imported, refused) = (Cell::new(0u64), Cell::new(0u64));
    let device = on_the_device();
    fuzz(
        "the app's import",
        fuzz_cases(2000),
        (case_file_text(), any_day()),
        |(text, today)| {
            let before = Rc::new(State::new(today, device.clone(), None, true));
            let saved_before = encode(before.all_cases());
            let plan = match ImportPlan::read(&cases_of(&before), text.as_bytes()) {
                Err(error) => {
                    refused.set(refused.get() + 1);
                    let shown = import_error(&error);
                    let message = &shown
                        .on("case-file")
                        .expect("the file input's error")
                        .message;
                    prop_assert!(message.starts_with("The file could not be imported: "));
                    prop_assert!(message.ends_with(&error.problem.to_string()), "{message}");
                    // The engine's reader says the same, or reads a file without
                    // cases, which the import refuses as there is nothing to import.
                    match read_case_file(&text) {
                        Err(read) => prop_assert_eq!(read, error),
                        Ok(file) => prop_assert!(
                            file.cases.is_empty() && *error.problem == Problem::NoCases
                        ),
                    }
                    // Nothing was previewed, so nothing can be imported or saved.
                    prop_assert_eq!(encode(before.all_cases()), saved_before);
                    return Ok(());
                }
                Ok(plan) => plan,
            };
            imported.set(imported.get() + 1);
            let file = read_case_file(&text).expect("the engine reads what the import reads");
            // The file's cases, each keeping the file's other fields, which an
            // export of them writes back at the top as they were.
            prop_assert_eq!(&plan.cases, &keep_with_cases(file.clone()));
            let exported = read_case_file(exported_text(&plan.cases, today))
                .expect("the app reads what it exports");
            prop_assert_eq!(&exported.cases, &file.cases);
            prop_assert_eq!(&exported.extra, &file.extra);
            let _ = plan.summary();
            for case in &file.cases {
                let list = if before.entry(&case.id).is_some() {
                    &plan.replaces
                } else {
                    &plan.adds
                };
                prop_assert!(list.iter().any(|name| name == case_name(case)));
            }
            prop_assert_eq!(plan.adds.len() + plan.replaces.len(), file.cases.len());

            let after = before.clone().reduce(Action::Import(plan.cases.clone()));
            for case in &plan.cases {
                prop_assert_eq!(after.entry(&case.id).map(|entry| &*entry.case), Some(case));
            }
            for entry in &before.cases {
                if !file.cases.iter().any(|case| case.id == entry.case.id) {
                    prop_assert_eq!(
                        after.entry(&entry.case.id).map(|e| &e.case),
                        Some(&entry.case)
                    );
                }
            }
            prop_assert_eq!(after.cases.len(), before.cases.len() + plan.adds.len());
            // Saved and read back on the next visit, nothing lost.
            prop_assert_eq!(
                decode(&encode(after.all_cases())).ok(),
                Some(cases_of(&after))
            );
            outputs_of(&after);
            Ok(())
        },
        || format!("{} imported, {} refused", imported.get(), refused.get()),
    );
}
