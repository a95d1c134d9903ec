//! Fuzzing the reports of `ehc check`: for whatever file the reader accepts,
//! on any day, the text report and each deadline's line are written, never a
//! panic. The same generated files as the reader's own fuzz test
//! (`crates/rules/tests/fuzz.rs`); `EHC_FUZZ_CASES` inputs (a few thousand by
//! default; `make fuzz` tries a million in release mode).

#[path = "../../rules/tests/support/case_files.rs"]
mod case_files;

use std::cell::Cell;

use case_files::{any_day, case_file_text, fuzz, fuzz_cases};
use outputs::report::{case_text, deadline_line};
use proptest::prelude::*;
use rules::{evaluate, read_case_file};

#[test]
fn the_text_report_of_any_file_read_is_written_on_any_day() {
    let (cases, lines) = (Cell::new(0u64), Cell::new(0u64));
    fuzz(
        "case_text and deadline_line",
        fuzz_cases(3000),
        (case_file_text(), any_day()),
        |(text, today)| {
            let Ok(file) = read_case_file(&text) else {
                return Ok(());
            };
            for case in &file.cases {
                let evaluation = evaluate(case, today);
                for deadline in &evaluation.deadlines {
                    prop_assert!(!deadline_line(deadline, today).is_empty());
                }
                prop_assert!(!case_text(case, &evaluation).is_empty());
                cases.set(cases.get() + 1);
                lines.set(lines.get() + evaluation.deadlines.len() as u64);
            }
            Ok(())
        },
        || {
            format!(
                "{} cases reported, {} deadline lines",
                cases.get(),
                lines.get()
            )
        },
    );
}
