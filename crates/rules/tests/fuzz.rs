//! Fuzzing the case file reader and the engine: whatever file a user picks,
//! it is read whole or refused with a message that says where, never a panic;
//! what is read is written back unchanged; and the engine and the next steps
//! never panic on it, on any day (the reports made from it are fuzzed in
//! `crates/outputs/tests/report.rs`). `EHC_FUZZ_CASES` inputs (a few thousand
//! by default; `make fuzz` tries a million in release mode).

#[path = "support/case_files.rs"]
mod case_files;

use std::cell::Cell;

use case_files::{any_day, case_file_text, fuzz, fuzz_cases};
use proptest::prelude::*;
use rules::{evaluate, next_steps::next_steps, read_case_file, write_case_file};

#[test]
fn any_file_is_read_whole_or_refused_saying_where_and_the_engine_never_panics() {
    let (read, refused, deadlines) = (Cell::new(0u64), Cell::new(0u64), Cell::new(0u64));
    fuzz(
        "read_case_file and evaluate",
        fuzz_cases(3000),
        (case_file_text(), any_day()),
        |(text, today)| {
            match read_case_file(&text) {
                Err(error) => {
                    refused.set(refused.get() + 1);
                    prop_assert!(
                        !error.problem.to_string().trim().is_empty(),
                        "no message for {text:?}"
                    );
                    if let Some(line) = error.line {
                        let lines = text.split('\n').count();
                        prop_assert!(
                            (1..=lines).contains(&line),
                            "line {line} of {lines}: {error}"
                        );
                    }
                }
                Ok(file) => {
                    read.set(read.get() + 1);
                    let written = write_case_file(&file);
                    let reread = read_case_file(&written);
                    prop_assert_eq!(reread.as_ref(), Ok(&file), "written back as {}", written);
                    for case in &file.cases {
                        let evaluation = evaluate(case, today);
                        for deadline in &evaluation.deadlines {
                            let _ = next_steps(deadline, today);
                        }
                        deadlines.set(deadlines.get() + evaluation.deadlines.len() as u64);
                    }
                }
            }
            Ok(())
        },
        || {
            format!(
                "{} read (with {} deadlines), {} refused",
                read.get(),
                deadlines.get(),
                refused.get()
            )
        },
    );
}
