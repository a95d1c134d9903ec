//! Pooling anonymised cases: parent groups and advocates gather the
//! "Share anonymised" files of many families to show how late a council is.
//!
//! A pool is a name under which files are kept apart from the user's own
//! caseload, in a database of their own ([`db`]): the caseload, its storage
//! and its exports never see them, and the council report chooses either.
//! Each file is kept with the SHA-256 of its bytes as they came, so the same
//! file brought twice (by two volunteers, or in two folders) counts once;
//! kept sealed, as the documents are, so the lock covers the pools too. A
//! file is anonymised again as it is pooled ([`rules::case_file::anonymise`]): a name or
//! note that a file still had never reaches the pool.

pub mod db;

use chrono::NaiveDate;
use rules::{
    CaseFile, ReadError,
    case_file::{anonymise, import_case_file},
    write_case_file,
};

use crate::labels::counted;
use db::PoolDb;

/// The longest pool name, in characters.
pub const NAME_LIMIT: usize = 60;

/// A file kept in a pool, without its cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pooled {
    /// The SHA-256 of the file's bytes as they came, in lower-case hex.
    pub hash: String,
    pub pool: String,
    /// The file's name on the device it came from.
    pub name: String,
    pub added: NaiveDate,
    /// How many cases it holds.
    pub cases: usize,
}

/// What became of one file brought to a pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Kept, with its cases anonymised.
    Added { name: String, cases: usize },
    /// The same bytes are already kept, in the pool named.
    AlreadyPooled { name: String, pool: String },
    /// Not a case file the app can read: nothing kept.
    Unreadable { name: String, why: String },
}

/// The anonymised copy of a case file brought to a pool, or why it cannot be
/// read. `random` gives the random numbers of the new ids.
pub fn anonymised(bytes: &[u8], random: &mut dyn FnMut() -> u64) -> Result<CaseFile, ReadError> {
    import_case_file(bytes).map(|file| anonymise(&file, random))
}

/// Brings the file `name` of `bytes` to the pool `pool` on `today`: kept
/// anonymised with its hash, and added to `kept` (the files kept, read
/// once for a whole batch: each record must be opened to know its hash),
/// unless the same bytes are kept already or it is not a case file. One
/// file's fault never stops the others.
pub async fn bring(
    db: &PoolDb,
    kept: &mut Vec<Pooled>,
    name: String,
    bytes: &[u8],
    pool: &str,
    today: NaiveDate,
    random: &mut dyn FnMut() -> u64,
) -> Outcome {
    let unreadable = |why: String| Outcome::Unreadable {
        name: name.clone(),
        why,
    };
    let hash = match crate::crypto::sha256_hex(bytes).await {
        Ok(hash) => hash,
        Err(why) => return unreadable(format!("its fingerprint could not be taken ({why})")),
    };
    if let Some(already) = kept.iter().find(|file| file.hash == hash) {
        let pool = already.pool.clone();
        return Outcome::AlreadyPooled { name, pool };
    }
    let file = match anonymised(bytes, random) {
        Ok(file) => file,
        Err(error) => return unreadable(error.to_string()),
    };
    let pooled = Pooled {
        hash,
        pool: pool.to_owned(),
        name: name.clone(),
        added: today,
        cases: file.cases.len(),
    };
    match db.add(&pooled, &write_case_file(&file)).await {
        Ok(()) => {
            let cases = pooled.cases;
            kept.push(pooled);
            Outcome::Added { name, cases }
        }
        Err(why) => unreadable(format!("this device could not keep it ({why})")),
    }
}

/// A random number for a new id, from the browser's secure generator.
pub fn random() -> u64 {
    crate::crypto::random_bytes()
        .map(u64::from_le_bytes)
        .unwrap_or_else(|_| {
            (u64::from(crate::browser::random_u32()) << 32)
                | u64::from(crate::browser::random_u32())
        })
}

/// The pool name typed, trimmed, or what is wrong with it.
pub fn pool_name(typed: &str) -> Result<String, String> {
    let name = typed.trim();
    if name.is_empty() {
        Err("Enter a name for the pool, such as the group or the council".to_owned())
    } else if name.chars().count() > NAME_LIMIT {
        Err(format!(
            "The pool name must be {NAME_LIMIT} characters or fewer"
        ))
    } else {
        Ok(name.to_owned())
    }
}

/// A pool as the list of pools shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolSummary {
    pub name: String,
    pub files: usize,
    pub cases: usize,
    /// The day its latest file was added.
    pub last_added: NaiveDate,
}

/// The pools that `files` make up, by name. A few pools, so a list searched
/// in turn, each new one put in its place: a map's code, or a sort's, would
/// weigh more in the parts that show them.
pub fn summaries(files: &[Pooled]) -> Vec<PoolSummary> {
    let mut pools: Vec<PoolSummary> = Vec::new();
    for file in files {
        let at = pools
            .iter()
            .position(|pool| pool.name >= file.pool)
            .unwrap_or(pools.len());
        if pools.get(at).is_none_or(|pool| pool.name != file.pool) {
            let pool = PoolSummary {
                name: file.pool.clone(),
                files: 0,
                cases: 0,
                last_added: file.added,
            };
            pools.insert(at, pool);
        }
        let pool = &mut pools[at];
        pool.files += 1;
        pool.cases += file.cases;
        pool.last_added = pool.last_added.max(file.added);
    }
    pools
}

/// What a batch of files did, in sentences: how many were added, then each
/// file kept already and each that could not be read, by name.
pub fn outcome_sentences(outcomes: &[Outcome]) -> Vec<String> {
    let (mut files, mut cases) = (0, 0);
    let mut rest = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Added { cases: n, .. } => {
                files += 1;
                cases += n;
            }
            Outcome::AlreadyPooled { name, pool } => {
                rest.push(format!(
                    "{name} was already in the pool \u{201c}{pool}\u{201d}: it was not added again."
                ));
            }
            Outcome::Unreadable { name, why } => {
                rest.push(format!("{name} was not added: {why}."));
            }
        }
    }
    let mut sentences = vec![format!(
        "Added {} with {}.",
        counted(files, "file", "files"),
        counted(cases, "case", "cases")
    )];
    sentences.extend(rest);
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn pooled(pool: &str, cases: usize, added: NaiveDate) -> Pooled {
        Pooled {
            hash: format!("{pool}{cases}"),
            pool: pool.to_owned(),
            name: "a.json".to_owned(),
            added,
            cases,
        }
    }

    #[test]
    fn a_pooled_file_keeps_no_name_note_or_reference() {
        let file = br#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1", "child": "Zoe Smith",
            "reference": "REF-991", "local_authority": "Northumberland", "date_of_birth": "2015-03-09",
            "events": [{"id": "e-1", "kind": "request-received", "date": "2025-01-06",
              "note": "Rang Mrs Jones", "who": "Mr Patel", "document": "letter-7.pdf"}]}]}"#;
        let mut n = 0;
        let pooled = anonymised(file, &mut || {
            n += 1;
            n
        })
        .unwrap();
        let text = rules::write_case_file(&pooled);
        for kept_out in [
            "Zoe",
            "REF-991",
            "Jones",
            "Patel",
            "letter-7",
            "2015-03-09",
            "c-1\"",
            "e-1\"",
        ] {
            assert!(!text.contains(kept_out), "{kept_out} is in {text}");
        }
        assert!(text.contains("Northumberland") && text.contains("2025-01-06"));
        assert!(text.contains("\"birth_year\": 2015"));
    }

    #[test]
    fn a_file_that_is_not_a_case_file_says_where() {
        let error =
            anonymised(b"{\"format\": \"ehc-timeline/1\", \"cases\": [}", &mut || 1).unwrap_err();
        assert!(
            error.to_string().starts_with("line 1, column 40"),
            "{error}"
        );
    }

    #[test]
    fn pool_names_are_trimmed_and_bounded() {
        assert_eq!(
            pool_name("  Parents of Northumberland "),
            Ok("Parents of Northumberland".to_owned())
        );
        assert!(pool_name("   ").unwrap_err().starts_with("Enter a name"));
        assert!(
            pool_name(&"x".repeat(61))
                .unwrap_err()
                .contains("60 characters")
        );
        assert!(pool_name(&"é".repeat(60)).is_ok());
    }

    #[test]
    fn pools_add_up_their_files() {
        let files = [
            pooled("B", 3, day(1)),
            pooled("A", 1, day(4)),
            pooled("B", 2, day(5)),
        ];
        assert_eq!(
            summaries(&files),
            [
                PoolSummary {
                    name: "A".into(),
                    files: 1,
                    cases: 1,
                    last_added: day(4)
                },
                PoolSummary {
                    name: "B".into(),
                    files: 2,
                    cases: 5,
                    last_added: day(5)
                },
            ]
        );
    }

    #[test]
    fn a_batch_says_what_was_added_and_names_what_was_not() {
        let outcomes = [
            Outcome::Added {
                name: "a.json".into(),
                cases: 1,
            },
            Outcome::AlreadyPooled {
                name: "b.json".into(),
                pool: "Group".into(),
            },
            Outcome::Added {
                name: "c.json".into(),
                cases: 4,
            },
            Outcome::Unreadable {
                name: "d.txt".into(),
                why: "line 1, column 1: this is not JSON".into(),
            },
        ];
        assert_eq!(
            outcome_sentences(&outcomes),
            [
                "Added 2 files with 5 cases.",
                "b.json was already in the pool \u{201c}Group\u{201d}: it was not added again.",
                "d.txt was not added: line 1, column 1: this is not JSON.",
            ]
        );
        assert_eq!(
            outcome_sentences(&[Outcome::Added {
                name: "a".into(),
                cases: 1
            }]),
            ["Added 1 file with 1 case."]
        );
    }
}
