//! What an import will do, shown before anything is written: which cases it
//! adds and which it replaces (a case is replaced when it has the same id).

use rules::{Case, CaseFile};

use crate::state::{State, case_name};

/// The cases of a file that was read, sorted into new ones and replacements.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub cases: Vec<Case>,
    /// The names of the cases it adds.
    pub adds: Vec<String>,
    /// The names of the cases it replaces.
    pub replaces: Vec<String>,
}

impl ImportPlan {
    /// What importing `file` into `state` would do.
    pub fn new(state: &State, file: CaseFile) -> ImportPlan {
        let (mut adds, mut replaces) = (Vec::new(), Vec::new());
        for case in &file.cases {
            let name = case_name(case).to_owned();
            if state.entry(&case.id).is_some() {
                replaces.push(name);
            } else {
                adds.push(name);
            }
        }
        ImportPlan {
            cases: file.cases,
            adds,
            replaces,
        }
    }

    /// "This will add 1 case and replace 0 cases".
    ///
    /// ```
    /// use ehc_timeline::import::ImportPlan;
    /// let plan = ImportPlan { cases: vec![], adds: vec!["A. B.".into()], replaces: vec![] };
    /// assert_eq!(plan.summary(), "This will add 1 case and replace 0 cases");
    /// ```
    pub fn summary(&self) -> String {
        format!(
            "This will add {} and replace {}",
            count(self.adds.len()),
            count(self.replaces.len())
        )
    }
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 case".to_owned()
    } else {
        format!("{n} cases")
    }
}
