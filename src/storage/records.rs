//! The cases kept one record per case (the browser's IndexedDB, see
//! [`super::idb`]), each with a revision number: the rules, in plain Rust.
//!
//! A record is the JSON text `{"rev": 3, "list": {...}, "case": {...}}`
//! stored under the case's id: `list` is what the case list shows of the
//! case ([`Summary`]), worked out when the record was written, so a start-up
//! need not evaluate every case (an app without it ignores the field). A change writes only the cases it changed: [`Saved`] remembers
//! the revision and the very case (`Rc`) last written for each id, so the
//! cases to write are those whose `Rc` moved, found without comparing a
//! case's contents. Each write says the revision it expects to find stored;
//! a record another tab wrote since is a conflict, never written over.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use rules::case_file::json::{Error, Reader, Value, Writer};
use rules::{
    Case,
    case_file::{IdSet, JsonFault, Problem, read_case, write_case},
};

use crate::summary::Summary;

/// The storage version of the store of records: above the one localStorage
/// value (1) and its locked form (2), so an app that knows only those never
/// mistakes this store for theirs.
pub const RECORDS_VERSION: u64 = 3;

/// The storage version of the store of records under the lock, each record
/// encrypted (see `crate::lock_records`): above [`RECORDS_VERSION`], so an
/// app without that lock refuses the store rather than writing plain records
/// beside the encrypted ones.
pub const LOCKED_RECORDS_VERSION: u64 = 4;

/// The stored text of `case` at revision `rev`, compact, with its summary
/// worked out today.
pub fn encode_record(rev: u64, case: &Case) -> String {
    encode_summarised(rev, case, &Summary::on(case, crate::browser::today()))
}

/// The stored text of `case` at revision `rev` with its `summary`.
pub fn encode_summarised(rev: u64, case: &Case, summary: &Summary) -> String {
    let mut writer = Writer::new(false);
    writer.open('{');
    writer.key("rev");
    writer.raw(&rev.to_string());
    writer.key("list");
    summary.write(&mut writer);
    writer.key("case");
    write_case(&mut writer, case);
    writer.close('}');
    writer.finish()
}

/// The revision and case of a stored record, or why it cannot be read (in
/// the words serde_json used, such as ``missing field `rev` at line 1 column 9``).
pub fn decode_record(text: &str) -> Result<(u64, Case), String> {
    decode_summarised(text).map(|(rev, case, _)| (rev, case))
}

/// [`decode_record`], with the record's summary where it holds one this
/// build wrote.
pub fn decode_summarised(text: &str) -> Result<(u64, Case, Option<Summary>), String> {
    read_summarised(text).map_err(|error| error.to_string())
}

/// [`decode_summarised`], with why a record cannot be read not yet in
/// words: where it is not shown, the reader's wording of every fault stays
/// out of the first module's wasm.
pub fn read_summarised(text: &str) -> Result<(u64, Case, Option<Summary>), Error> {
    let mut reader = Reader::new(text, true);
    let (mut rev, mut case, mut summary) = (None, None, None);
    let read = reader.fields("struct RecordIn", |reader, key| {
        match key {
            "rev" if rev.is_none() => rev = Some(reader.unsigned("u64", u64::MAX)?),
            "case" if case.is_none() => case = Some(read_case(reader)?),
            "list" if summary.is_none() => summary = Some(reader.value()?),
            "rev" => return Err(record_error(JsonFault::DuplicateField("rev"))),
            "case" => return Err(record_error(JsonFault::DuplicateField("case"))),
            "list" => return Err(record_error(JsonFault::DuplicateField("list"))),
            _ => return Ok(false),
        }
        Ok(true)
    });
    let record = read.and_then(|()| {
        let rev = rev.ok_or_else(|| record_error(JsonFault::MissingField("rev")))?;
        let case = case.ok_or_else(|| record_error(JsonFault::MissingField("case")))?;
        Ok((rev, case, summary.as_ref().and_then(Summary::read)))
    });
    record
        .map_err(|error| reader.fix(error))
        .and_then(|record| reader.end().map(|()| record))
}

/// A fault of a record's fields, in serde's words.
fn record_error(fault: JsonFault) -> Error {
    Error::raised(|| Problem::NotJson(fault))
}

/// The revision of a stored record; `None` when it cannot be read (a write
/// then counts it as changed by someone else, and leaves it).
pub fn record_revision(text: &str) -> Option<u64> {
    Value::parse(text).ok()?.get("rev")?.as_u64()
}

/// One case to write (or delete) in a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Put {
    pub id: String,
    /// The revision expected in the store now; `None`: no record yet.
    pub expect: Option<u64>,
    /// The record to write, or `None` to delete it.
    pub record: Option<String>,
    /// The revision written (that of the record, or the deleted one's).
    pub rev: u64,
}

/// What this tab last wrote or read of each case: its revision and the case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    cases: HashMap<String, (u64, Rc<Case>)>,
    /// The very cases of `cases`, in the order the app lists them, or empty
    /// once another tab's write is read: a change of one case is then found
    /// by walking this beside the app's list, a pointer comparison a case,
    /// with no look-up by id (see [`Saved::changes`]).
    listed: Vec<Rc<Case>>,
    /// The records of the store that could not be read, each key with its
    /// revision (if that can be read), left where they are: a change of the
    /// whole store clears them, once each is copied aside.
    pub unreadable: Vec<(String, Option<u64>)>,
    /// Whether each of them is copied aside (see `storage::keep_aside`).
    pub unreadable_kept: bool,
}

impl Saved {
    /// The store as read: each case with its revision.
    pub fn new(read: impl IntoIterator<Item = (u64, Rc<Case>)>) -> Saved {
        let mut saved = Saved {
            unreadable_kept: true,
            ..Saved::default()
        };
        for (rev, case) in read {
            saved.listed.push(Rc::clone(&case));
            saved.cases.insert(case.id.clone(), (rev, case));
        }
        saved
    }

    /// The id and revision of every case this tab knows.
    pub fn known(&self) -> impl Iterator<Item = (&str, u64)> {
        self.cases.iter().map(|(id, (rev, _))| (id.as_str(), *rev))
    }

    /// The revision this tab knows for case `id`.
    pub fn revision(&self, id: &str) -> Option<u64> {
        self.cases.get(id).map(|(rev, _)| *rev)
    }

    /// The case as this tab last wrote or read it.
    pub fn case(&self, id: &str) -> Option<&Rc<Case>> {
        self.cases.get(id).map(|(_, case)| case)
    }

    /// Notes case `id` as read from the store: at its revision, or gone.
    /// The app's list no longer matches [`Saved::listed`] place by place.
    pub fn read(&mut self, id: &str, stored: Option<(u64, Rc<Case>)>) {
        match stored {
            Some(known) => self.cases.insert(id.to_owned(), known),
            None => self.cases.remove(id),
        };
        self.listed.clear();
    }

    /// The writes that take the store from what this tab knows to `now`: a
    /// record for each case whose `Rc` is new (and whose contents changed),
    /// a deletion for each case gone. When `now` lists the same cases in the
    /// same places as the last save, the cost is one pointer comparison per
    /// case and a record for what changed; otherwise (a case added, deleted
    /// or moved, or another tab's write read) each case is looked up by id.
    /// A case whose `Rc` is new but whose contents are not is noted under its
    /// new `Rc`, so it is compared once, not at every change.
    pub fn changes(&mut self, now: &[Rc<Case>]) -> Vec<Put> {
        if let Some(puts) = self.changed_in_place(now) {
            return puts;
        }
        let puts = self.changes_by_id(now);
        if puts.is_empty() {
            // The store holds `now`: the next change is found in place.
            self.listed = now.to_vec();
        }
        puts
    }

    /// [`Saved::changes`] when each case of `now` is in its place in
    /// `listed` (so no case was added or deleted): `None` otherwise.
    fn changed_in_place(&mut self, now: &[Rc<Case>]) -> Option<Vec<Put>> {
        if now.len() != self.listed.len() || now.len() != self.cases.len() {
            return None;
        }
        let mut puts = Vec::new();
        for (old, case) in self.listed.iter_mut().zip(now) {
            if Rc::ptr_eq(old, case) {
                continue;
            }
            if old.id != case.id {
                return None;
            }
            match change(&mut self.cases, case) {
                Some(put) => puts.push(put),
                None => *old = Rc::clone(case),
            }
        }
        Some(puts)
    }

    /// [`Saved::changes`] by looking each case up by id.
    fn changes_by_id(&mut self, now: &[Rc<Case>]) -> Vec<Put> {
        let mut puts: Vec<Put> = (now.iter())
            .filter_map(|case| change(&mut self.cases, case))
            .collect();
        let mut kept = IdSet::default();
        for case in now {
            kept.insert(Cow::Borrowed(&case.id));
        }
        for (id, (rev, _)) in &self.cases {
            if !kept.contains(id.as_str()) {
                puts.push(Put {
                    id: id.clone(),
                    expect: Some(*rev),
                    record: None,
                    rev: *rev,
                });
            }
        }
        puts
    }

    /// Notes the writes as done: `puts` are what [`Saved::changes`] made
    /// of `now`, in the same order.
    pub fn written(&mut self, puts: &[Put], now: &[Rc<Case>]) {
        let mut pending = puts.iter().filter(|put| put.record.is_some()).peekable();
        let in_place = self.listed.len() == now.len();
        if !in_place {
            self.listed = now.to_vec();
        }
        for (old, case) in self.listed.iter_mut().zip(now) {
            // In place, only a case whose `Rc` moved can have been written.
            if in_place && Rc::ptr_eq(old, case) {
                continue;
            }
            *old = Rc::clone(case);
            if let Some(put) = pending.next_if(|put| put.id == case.id) {
                self.cases
                    .insert(put.id.clone(), (put.rev, Rc::clone(case)));
            }
        }
        for put in puts.iter().filter(|put| put.record.is_none()) {
            self.cases.remove(&put.id);
        }
    }
}

/// The record to write for `case`, unless the store (as `cases` knows it)
/// holds it as it is: then it is noted under this `Rc`.
fn change(cases: &mut HashMap<String, (u64, Rc<Case>)>, case: &Rc<Case>) -> Option<Put> {
    let expect = match cases.get_mut(&case.id) {
        Some((_, old)) if Rc::ptr_eq(old, case) || **old == **case => {
            *old = Rc::clone(case);
            return None;
        }
        known => known.map(|(rev, _)| *rev),
    };
    let rev = expect.map_or(1, |rev| rev + 1);
    Some(Put {
        id: case.id.clone(),
        expect,
        record: Some(encode_record(rev, case)),
        rev,
    })
}

/// What a store holds.
#[derive(Debug, Default)]
pub struct Read {
    /// The cases, each with its revision.
    pub cases: Vec<(u64, Rc<Case>)>,
    /// The summary each record of `cases` holds, in their order.
    pub summaries: Vec<Option<Summary>>,
    /// The keys of the records that cannot be read, each with why.
    pub unreadable: Vec<(String, String)>,
}

impl Read {
    /// Notes the record under `key`, read as `record`.
    pub fn add(&mut self, key: &str, record: Result<(u64, Case, Option<Summary>), String>) {
        match record {
            Ok((rev, case, summary)) if case.id == key => {
                self.cases.push((rev, Rc::new(case)));
                self.summaries.push(summary);
            }
            Ok(_) => (self.unreadable).push((key.to_owned(), "its case id is not its key".into())),
            Err(reason) => self.unreadable.push((key.to_owned(), reason)),
        }
    }
}

/// The cases in the store's `records` (each key with its text).
pub fn read_records(records: &[(String, String)]) -> Read {
    let mut read = Read::default();
    for (key, text) in records {
        read.add(key, decode_summarised(text));
    }
    read
}

/// Whether `a` and `b` hold the same cases, in whatever order; each case
/// id once in each, as storage holds them (an id twice is never the same).
/// Matched by id, not sorted: a sort of its own would be about 4 KB of the
/// app's WebAssembly.
pub fn same_cases(a: &[Rc<Case>], b: &[Rc<Case>]) -> bool {
    let mut unmatched: HashMap<&str, &Case> = a
        .iter()
        .map(|case| (case.id.as_str(), case.as_ref()))
        .collect();
    unmatched.len() == a.len()
        && b.len() == a.len()
        && b.iter()
            .all(|case| unmatched.remove(case.id.as_str()) == Some(case.as_ref()))
}
