//! The fields of an imported file outside its cases that this version does not
//! know (a newer version's, say). The app keeps cases, not files, so each case
//! keeps them under [`FILE_FIELDS`], one more unknown field of the case that
//! every kind of storage, the lock, the two-tab merge and the hand-over to a
//! part already keep. A case file the user exports puts them back at the top,
//! where they came from.

use rules::case_file::json::Value;
use rules::{Case, CaseFile, case_file::Extra};

/// The case field holding the fields of the file the case came in.
pub const FILE_FIELDS: &str = "file_fields";

/// The fields a case file itself knows: never written from a case's keeping,
/// or the file would hold them twice.
const FILE_KNOWS: [&str; 3] = ["format", "exported_at", "cases"];

/// The cases of `file`, each keeping the file's fields outside its cases (in
/// place of any it kept before).
pub fn keep_with_cases(file: CaseFile) -> Vec<Case> {
    let mut cases = file.cases;
    if !file.extra.is_empty() {
        for case in &mut cases {
            let kept = Value::Object(file.extra.clone());
            case.extra.insert(FILE_FIELDS.to_owned(), kept);
        }
    }
    cases
}

/// `cases` as they go into a case file, and the fields that file holds
/// outside its cases: what each case kept, the first case's value where two
/// kept the same field.
pub fn put_back<'a>(cases: impl IntoIterator<Item = &'a Case>) -> (Vec<Case>, Extra) {
    let mut fields = Extra::new();
    let cases = cases
        .into_iter()
        .map(|case| {
            let mut case = case.clone();
            if let Some(Value::Object(kept)) = case.extra.get(FILE_FIELDS) {
                for (name, value) in kept {
                    if !FILE_KNOWS.contains(&name.as_str()) && !fields.contains_key(name) {
                        fields.insert(name.clone(), value.clone());
                    }
                }
                case.extra.shift_remove(FILE_FIELDS);
            }
            case
        })
        .collect();
    (cases, fields)
}
