//! The example case a first visit can look at before typing anything: the
//! bundled late assessment (`examples/late-assessment.json`), invented, with
//! deadlines met, met late and missed. Its name says it is an example
//! wherever a name is shown (the list, its page, the chronology, the
//! letters, the agenda, a file), and its own id tells the app which case it
//! is, so one click removes it.

use rules::{Case, read_case_file};

/// The example's id: no case the app makes has it.
pub const EXAMPLE_ID: &str = "c-example";

/// The example's name.
pub const EXAMPLE_NAME: &str = "Example: J. T. (an invented case)";

/// The example case, as bundled, under its own id and name.
pub fn example_case() -> Case {
    // Not `expect`: that would link the reader's error's `Debug` (about
    // 1 KB) into the first load for a file the tests read.
    let Ok(file) = read_case_file(include_str!("../examples/late-assessment.json")) else {
        panic!("the bundled example reads")
    };
    Case {
        id: EXAMPLE_ID.to_owned(),
        child: Some(EXAMPLE_NAME.to_owned()),
        reference: Some("EXAMPLE".to_owned()),
        ..file
            .cases
            .into_iter()
            .next()
            .expect("the example has a case")
    }
}

/// Whether `case` is the example.
pub fn is_example(case: &Case) -> bool {
    case.id == EXAMPLE_ID
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rules::{Status, evaluate};

    #[test]
    fn the_example_is_named_as_one_and_shows_a_late_deadline() {
        let example = example_case();
        assert!(is_example(&example));
        assert_eq!(crate::case::case_name(&example), EXAMPLE_NAME);
        let evaluation = evaluate(&example, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        let statuses: Vec<Status> = evaluation.deadlines.iter().map(|d| d.status).collect();
        assert!(statuses.contains(&Status::MetLate) && statuses.contains(&Status::Met));
        assert!(statuses.contains(&Status::Overdue));
    }
}
