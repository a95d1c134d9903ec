//! What an import will do, shown before anything is written: which cases it
//! adds and which it replaces (a case is replaced when it has the same id).
//! The file is read by the engine's reader, as `ehc` reads it.

use std::collections::BTreeMap;
use std::rc::Rc;

use rules::{Case, CaseFile, ReadError, case_file::import_case_file};

use crate::documents::listed_in;
use crate::file_fields::keep_with_cases;
use crate::state::case_name;

/// A case with more events than this is unusually large (most have tens),
/// and the preview says so: its page shows the latest events a page at a
/// time, and it is slow to open on an older phone.
pub const LARGE_CASE_EVENTS: usize = 1_000;

/// The cases of a file that was read, sorted into new ones and replacements.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub cases: Vec<Case>,
    /// The names of the cases it adds.
    pub adds: Vec<String>,
    /// The names of the cases it replaces.
    pub replaces: Vec<String>,
    /// The cases with more than [`LARGE_CASE_EVENTS`] events: name, events.
    pub large: Vec<(String, usize)>,
    /// The fields at the file's top level that this version does not know:
    /// each case keeps them, and they go back at the top when it is exported
    /// ([`crate::file_fields`]).
    pub file_fields: Vec<String>,
    /// The bytes of the documents a backup brings, by their SHA-256 (none
    /// for a case file).
    pub documents: Rc<BTreeMap<String, Vec<u8>>>,
    /// How many documents the events list that the file does not bring: a
    /// case file lists them, only a backup holds them.
    pub not_brought: usize,
}

impl ImportPlan {
    /// What importing the file of `bytes`, as chosen, beside the cases
    /// `here` would do; or why it cannot be imported (bytes that are not
    /// UTF-8 included).
    pub fn read(here: &[Case], bytes: &[u8]) -> Result<ImportPlan, ReadError> {
        import_case_file(bytes).map(|file| ImportPlan::new(here, file))
    }

    /// What importing the file of `bytes` would do: a backup (`.zip`, see
    /// the `archive` crate) with its documents, or a case file as
    /// [`ImportPlan::read`] reads it.
    pub fn read_any(here: &[Case], bytes: &[u8]) -> Result<ImportPlan, String> {
        if !bytes.starts_with(b"PK") {
            return ImportPlan::read(here, bytes).map_err(|error| error.to_string());
        }
        let backup = archive::read_backup(bytes).map_err(|error| error.to_string())?;
        Ok(ImportPlan {
            documents: Rc::new(backup.documents),
            not_brought: 0,
            ..ImportPlan::new(here, backup.file)
        })
    }

    /// What importing `file` beside the cases `here` would do.
    pub fn new(here: &[Case], file: CaseFile) -> ImportPlan {
        let (mut adds, mut replaces) = (Vec::new(), Vec::new());
        for case in &file.cases {
            let name = case_name(case).to_owned();
            if here.iter().any(|mine| mine.id == case.id) {
                replaces.push(name);
            } else {
                adds.push(name);
            }
        }
        let large = file
            .cases
            .iter()
            .filter(|case| case.events.len() > LARGE_CASE_EVENTS)
            .map(|case| (case_name(case).to_owned(), case.events.len()))
            .collect();
        let not_brought = listed_in(&file.cases).count();
        ImportPlan {
            documents: Rc::default(),
            not_brought,
            file_fields: file.extra.keys().cloned().collect(),
            cases: keep_with_cases(file),
            adds,
            replaces,
            large,
        }
    }

    /// "This will add 1 case and replace 0 cases".
    ///
    /// ```
    /// use ehc_timeline::import::ImportPlan;
    /// let plan = ImportPlan { cases: vec![], adds: vec!["A. B.".into()], replaces: vec![], large: vec![], file_fields: vec![], documents: Default::default(), not_brought: 0 };
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
