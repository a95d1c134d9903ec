//! Reading and writing case files. Reading never half-succeeds: a file is read
//! whole or refused with an error that says where (line, column, path, event)
//! and what is wrong, in words a user can act on.
//!
//! Known fields are read one by one with the engine's own JSON reader
//! ([`super::json`]), so a bad value is reported at its own position; unknown
//! fields are kept. Every door reads through here (the app's import and
//! storage, `ehc`), so a file is read the same way wherever it is opened:
//! bytes that are not UTF-8, a key written twice and an empty or repeated id
//! are refused everywhere.

use std::borrow::Cow;
use std::cell::Cell;

use chrono::{NaiveDate, NaiveTime};

use super::clock_time::{parse_clock_time, write_clock_time};
use super::error::{IdOf, Problem, ReadError, WORDED, worded};
use super::id_set::IdSet;
use super::json::{Error, Map, Reader, Step, Value, Writer};
use super::kind::EventKind;
use super::model::*;

/// A value read, or the fault that stopped the read.
type Json<T> = Result<T, Error>;

/// Reads a whole case file (`ehc-timeline/1` or `/2`) from its bytes, which must be
/// UTF-8 (a leading byte order mark is allowed, as RFC 8259 allows it).
///
/// ```
/// let file = rules::read_case_file(r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1",
///   "events": [{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}]}]}"#).unwrap();
/// assert_eq!(file.cases[0].events[0].id, "e-1");
/// let error = rules::read_case_file(r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1",
///   "events": [{"id": "e-1", "kind": "request-received", "date": "2025-02-30"}]}]}"#).unwrap_err();
/// assert_eq!(error.to_string(), r#"line 2, column 76 (cases[0].events[0].date, event "e-1"): "2025-02-30" is not a real date: February 2025 has 28 days"#);
/// let latin1 = rules::read_case_file(b"{\"format\": \"ehc-timeline/1\",\n \"cases\": [{\"child\": \"Zo\xeb\"").unwrap_err();
/// assert_eq!(latin1.to_string(), "line 2, column 25: this is not UTF-8 text: byte 53 (0xEB) is not UTF-8; save the file as UTF-8");
/// ```
pub fn read_case_file(bytes: impl AsRef<[u8]>) -> Result<CaseFile, ReadError> {
    let mut cases = Vec::new();
    let header = read_bytes(bytes.as_ref(), &mut |case| cases.push(case))?;
    Ok(CaseFile {
        format: format_for(&cases).to_owned(),
        exported_at: header.exported_at,
        cases,
        extra: header.extra,
    })
}

/// Reads a case file a user brings to the app's import or to `ehc`: as
/// [`read_case_file`], and a file with no cases is refused, as there is
/// nothing in it to import or check.
///
/// ```
/// let error = rules::case_file::import_case_file(r#"{"format": "ehc-timeline/1", "cases": []}"#).unwrap_err();
/// assert_eq!(*error.problem, rules::case_file::Problem::NoCases);
/// ```
pub fn import_case_file(bytes: impl AsRef<[u8]>) -> Result<CaseFile, ReadError> {
    let file = read_case_file(bytes)?;
    if file.cases.is_empty() {
        return Err(ReadError::whole(Problem::NoCases));
    }
    Ok(file)
}

/// Reads a case file as [`import_case_file`] does, but hands each case to
/// `each` as soon as it is read instead of keeping them all: for a count over
/// many files, which then holds one case at a time. A fault refuses the file
/// as ever, though `each` has by then seen the cases before it.
///
/// ```
/// let mut ids = Vec::new();
/// rules::case_file::import_each_case(r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1", "events": []},
///   {"id": "c-2", "events": []}]}"#, |case| ids.push(case.id)).unwrap();
/// assert_eq!(ids, ["c-1", "c-2"]);
/// ```
pub fn import_each_case(
    bytes: impl AsRef<[u8]>,
    mut each: impl FnMut(Case),
) -> Result<(), ReadError> {
    let mut any = false;
    read_bytes(bytes.as_ref(), &mut |case| {
        any = true;
        each(case);
    })?;
    if !any {
        return Err(ReadError::whole(Problem::NoCases));
    }
    Ok(())
}

/// Reads a case file from its bytes, handing each case to `each`.
fn read_bytes(bytes: &[u8], each: &mut dyn FnMut(Case)) -> Result<Header, ReadError> {
    let text = utf8(bytes)?;
    let mut reader = Reader::new(text, true);
    let header = read_fields(&mut reader, &mut None, FileFields::new(each))
        .map_err(|error| located(text, &reader.trail, error))?;
    reader.end().map_err(|error| located(text, &[], error))?;
    Ok(header)
}

/// The text of `bytes` without a leading byte order mark, or where the first
/// byte that is not UTF-8 stands.
fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    std::str::from_utf8(&bytes[bom..]).map_err(|error| {
        let offset = bom + error.valid_up_to();
        let problem = worded(|| Problem::NotUtf8 {
            offset,
            byte: bytes[offset],
        });
        if !WORDED {
            return ReadError::whole(problem);
        }
        let before = &bytes[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        ReadError {
            line: Some(before.iter().filter(|&&b| b == b'\n').count() + 1),
            column: Some(offset - line_start + 1),
            ..ReadError::whole(problem)
        }
    })
}

/// The ids read so far in a list whose ids must be unique: `None` for a case
/// read alone, as the app's storage reads one, which has no other cases to
/// clash with (its events are checked all the same). Borrowed from the JSON
/// text, as most ids are.
type Ids<'a> = Option<IdSet<'a>>;

/// Reads the `id` of a case or an event, refusing an empty one or one already
/// among the ids `seen`, right where it is written.
fn read_id<'a>(reader: &mut Reader<'a>, of: IdOf, seen: &mut Ids<'a>) -> Json<String> {
    let id = at(reader, "id", |reader| reader.string("a string"))?;
    if !id.is_empty() && seen.as_mut().is_none_or(|seen| seen.insert(id.clone())) {
        return Ok(id.into_owned());
    }
    reader.note(|| Step::Key("id".to_owned()));
    Err(Error::raised(|| match id {
        id if id.is_empty() => Problem::EmptyId(of),
        id => Problem::RepeatedId {
            of,
            id: id.into_owned(),
        },
    }))
}

/// The trail of a failed read, written `cases[0].events[3].date`.
fn trail_path(trail: &[Step]) -> String {
    let mut path = String::new();
    for (i, step) in trail.iter().rev().enumerate() {
        match step {
            Step::Key(key) => {
                if i > 0 {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// A read error placed in `text` at the end of `trail`, naming the event
/// when that is in one; only the problem where faults are unworded.
fn located(text: &str, trail: &[Step], error: Error) -> ReadError {
    if !WORDED {
        return ReadError::whole(*error.problem);
    }
    let path = trail_path(trail);
    ReadError {
        line: (error.line > 0).then_some(error.line),
        column: (error.line > 0).then_some(error.column),
        event: event_id_at(text, &path),
        path,
        problem: error.problem,
    }
}

/// The `id` of the event a path like `cases[0].events[3].date` points into,
/// looked up in the file when it is valid JSON.
fn event_id_at(text: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("cases[")?;
    let (case, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".events[")?;
    let (event, _) = rest.split_once(']')?;
    let value = Value::parse(text).ok()?;
    let id =
        &value["cases"][case.parse::<usize>().ok()?]["events"][event.parse::<usize>().ok()?]["id"];
    id.as_str().filter(|id| !id.is_empty()).map(str::to_owned)
}

/// Reads the value of the field `key` with `read`, noting the key if it is bad.
fn at<'a, T>(
    reader: &mut Reader<'a>,
    key: &str,
    read: impl FnOnce(&mut Reader<'a>) -> Json<T>,
) -> Json<T> {
    reader.within(|| Step::Key(key.to_owned()), read)
}

/// A struct read field by field: known keys with their own type (so a bad value
/// is reported where it stands), unknown keys kept in `extra`.
trait Fields {
    /// What the object is, for "expected ..." messages.
    const WHAT: &'static str;
    /// How many levels of arrays and objects its unknown fields' values must
    /// leave free, for a program that keeps them deeper than they are read.
    const KEPT_DEEPER: u8 = 0;
    /// What the fields make.
    type Output;
    /// Checks the fields read and builds the value; an error here is placed at
    /// the end of the object, whose fields it concerns.
    fn finish(self, extra: Map) -> Json<Self::Output>;
    /// Reads the value of `key` if it is known; `false` for an unknown key.
    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, ids: &mut Ids<'a>) -> Json<bool>;
}

/// Reads an object with `fields`, with `ids` the ids of the list it is in.
fn read_fields<'a, T: Fields>(
    reader: &mut Reader<'a>,
    ids: &mut Ids<'a>,
    mut fields: T,
) -> Json<T::Output> {
    let extra = read_object(reader, T::WHAT, T::KEPT_DEEPER, &mut |key, reader| {
        fields.field(key, reader, ids)
    })?;
    // A fault of the fields together is placed where the object ends.
    fields.finish(extra).map_err(|error| reader.fix(error))
}

/// Reads an object's keys, each known one with `field` (which says whether it
/// knew it), the others kept in order, each as if `deeper` more levels were
/// open around it: one copy for every kind of object.
fn read_object<'a>(
    reader: &mut Reader<'a>,
    what: &'static str,
    deeper: u8,
    field: &mut dyn FnMut(&str, &mut Reader<'a>) -> Json<bool>,
) -> Json<Map> {
    reader.object(what, |reader| {
        // The known keys of this object go on the reader's list, above
        // those of the objects it is in, and come off it at its end.
        let known = reader.keys.len();
        let read = read_keys(reader, known, deeper, field);
        reader.keys.truncate(known);
        read
    })
}

/// The keys of an object open, the known ones noted on the reader's list
/// from `known` on, so that a key written twice is refused; the unknown
/// keys' values read as if `deeper` more levels were open.
fn read_keys<'a>(
    reader: &mut Reader<'a>,
    known: usize,
    deeper: u8,
    field: &mut dyn FnMut(&str, &mut Reader<'a>) -> Json<bool>,
) -> Json<Map> {
    let mut extra = Map::new();
    let mut first = true;
    while let Some(key) = reader.next_key(&mut first)? {
        if reader.keys[known..].contains(&key) || extra.contains_key(&key) {
            return Err(reader.duplicate(&key));
        }
        reader.colon()?;
        if field(&key, reader)? {
            reader.keys.push(key);
        } else {
            let value = at(reader, &key, |reader| reader.value_deeper(deeper))?;
            extra.insert(key.into_owned(), value);
        }
    }
    Ok(extra)
}

/// A list of cases or events, whose ids must differ.
fn read_unique<T: Fields + Default>(reader: &mut Reader, key: &str) -> Json<Vec<T::Output>> {
    let mut items = Vec::new();
    each_unique::<T>(reader, key, &mut |item| items.push(item))?;
    Ok(items)
}

thread_local! {
    /// How many events the case read last had: room for as many is made for
    /// the next, whose list then seldom grows (each doubling copies every
    /// event read so far).
    static EVENTS_BEFORE: Cell<usize> = const { Cell::new(0) };
}

/// A case's events, whose ids must differ, in a list of their exact length.
fn read_events(reader: &mut Reader, key: &str) -> Json<Vec<Event>> {
    let mut events = Vec::with_capacity(EVENTS_BEFORE.get());
    each_unique::<EventFields>(reader, key, &mut |event| events.push(event))?;
    EVENTS_BEFORE.set(events.len());
    events.shrink_to_fit();
    Ok(events)
}

/// Reads a list whose ids must differ, handing each item to `each`.
fn each_unique<T: Fields + Default>(
    reader: &mut Reader,
    key: &str,
    each: &mut dyn FnMut(T::Output),
) -> Json<()> {
    unique_elements(reader, key, &mut |reader, ids| {
        each(read_fields(reader, ids, T::default())?);
        Ok(())
    })
}

/// The elements of the list `key`, each read by `read` with the ids read
/// before it. Not generic and not inline: one copy of a list's reading for
/// cases, events and documents alike.
#[inline(never)]
fn unique_elements<'a>(
    reader: &mut Reader<'a>,
    key: &str,
    read: &mut dyn FnMut(&mut Reader<'a>, &mut Ids<'a>) -> Json<()>,
) -> Json<()> {
    let mut ids = Some(reader.id_sets.pop().unwrap_or_default());
    let result = at(reader, key, |reader| {
        reader.elements(|reader| read(reader, &mut ids))
    });
    if let Some(mut set) = ids {
        set.clear();
        reader.id_sets.push(set);
    }
    result
}

/// Reads one case, as the app's storage keeps each: its events' ids are checked.
pub fn read_case(reader: &mut Reader) -> Json<Case> {
    read_fields(reader, &mut None, CaseFields::default())
}

/// What a case file holds besides its cases (the format is that of what
/// was read, [`format_for`]).
struct Header {
    exported_at: Option<NaiveDate>,
    extra: Map,
}

struct FileFields<'s> {
    /// Whether the file says its format (one this version reads).
    format: bool,
    exported_at: Option<NaiveDate>,
    /// Each case, as soon as it is read.
    each: &'s mut dyn FnMut(Case),
}

impl<'s> FileFields<'s> {
    fn new(each: &'s mut dyn FnMut(Case)) -> FileFields<'s> {
        FileFields {
            format: false,
            exported_at: None,
            each,
        }
    }
}

impl Fields for FileFields<'_> {
    const WHAT: &'static str = "a case file: a JSON object with \"format\" and \"cases\"";
    /// The app keeps a file's own fields with each of its cases, in its
    /// store's list of cases (`{"cases": [{"file_fields": {…}}]}`): three
    /// levels deeper than the file, which must still read back.
    const KEPT_DEEPER: u8 = 3;
    type Output = Header;

    fn finish(self, extra: Map) -> Json<Header> {
        if !self.format {
            return Err(Error::raised(|| Problem::NotACaseFile));
        }
        Ok(Header {
            exported_at: self.exported_at,
            extra,
        })
    }

    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, _: &mut Ids<'a>) -> Json<bool> {
        match key {
            "format" => {
                let format = at(reader, key, |reader| reader.string("a string"))?;
                check_format(&format).map_err(|problem| Error::raised(|| problem))?;
                self.format = true;
            }
            "exported_at" => self.exported_at = Some(read_date(reader, key)?),
            "cases" => each_unique::<CaseFields>(reader, key, self.each)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Accepts the formats this version reads; names a newer one as such. Both
/// are read alike: `documents` are read in a version 1 file too, as the app's
/// storage keeps cases in one.
fn check_format(format: &str) -> Result<(), Problem> {
    if format == FORMAT || format == FORMAT_WITH_DOCUMENTS {
        return Ok(());
    }
    Err(worded(|| {
        let newer = format
            .strip_prefix("ehc-timeline/")
            .and_then(|version| version.parse::<u32>().ok())
            .is_some_and(|version| version > 2);
        if newer {
            Problem::NewerVersion {
                format: format.to_owned(),
            }
        } else {
            Problem::NotACaseFile
        }
    }))
}

#[derive(Default)]
struct CaseFields {
    id: Option<String>,
    child: Option<String>,
    local_authority: Option<String>,
    reference: Option<String>,
    date_of_birth: Option<NaiveDate>,
    settings: Option<Settings>,
    events: Option<Vec<Event>>,
}

impl Fields for CaseFields {
    const WHAT: &'static str = "a case: a JSON object with \"id\" and \"events\"";
    type Output = Case;

    fn finish(self, extra: Map) -> Json<Case> {
        let Some(id) = self.id else {
            return Err(Error::raised(|| Problem::MissingId(IdOf::Case)));
        };
        Ok(Case {
            id,
            child: self.child,
            local_authority: self.local_authority,
            reference: self.reference,
            date_of_birth: self.date_of_birth,
            settings: self.settings.unwrap_or_default(),
            events: self.events.unwrap_or_default(),
            extra,
        })
    }

    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, ids: &mut Ids<'a>) -> Json<bool> {
        match key {
            "id" => self.id = Some(read_id(reader, IdOf::Case, ids)?),
            "child" => self.child = Some(read_string(reader, key)?),
            "local_authority" => self.local_authority = Some(read_string(reader, key)?),
            "reference" => self.reference = Some(read_string(reader, key)?),
            "date_of_birth" => self.date_of_birth = Some(read_date(reader, key)?),
            "settings" => {
                self.settings = Some(at(reader, key, |reader| {
                    read_fields(reader, &mut None, SettingsFields::default())
                })?)
            }
            "events" => self.events = Some(read_events(reader, key)?),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[derive(Default)]
struct SettingsFields {
    review_complete_on: Option<ReviewCompleteOn>,
}

impl Fields for SettingsFields {
    const WHAT: &'static str = "the case settings: a JSON object";
    type Output = Settings;

    fn finish(self, extra: Map) -> Json<Settings> {
        Ok(Settings {
            review_complete_on: self.review_complete_on.unwrap_or_default(),
            extra,
        })
    }

    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, _: &mut Ids<'a>) -> Json<bool> {
        if key != "review_complete_on" {
            return Ok(false);
        }
        let value = read_string(reader, key)?;
        self.review_complete_on = Some(match &*value {
            "decision" => ReviewCompleteOn::Decision,
            "meeting" => ReviewCompleteOn::Meeting,
            other => {
                return Err(Error::raised(|| Problem::NotAllowed {
                    value: format!("\"{other}\""),
                    allowed: vec!["\"decision\"".to_owned(), "\"meeting\"".to_owned()],
                }));
            }
        });
        Ok(true)
    }
}

type Present = fn(&Event) -> bool;

/// The fields a kind cannot do without (case-file.md).
fn required_fields(kind: &EventKind) -> &'static [(&'static str, Present)] {
    match kind {
        EventKind::TribunalOrder | EventKind::AppealConceded => &[("order", |e| e.order.is_some())],
        EventKind::PhaseTransferPlanned => &[("transfer", |e| e.transfer.is_some())],
        EventKind::MoveNotified => &[("move_date", |e| e.move_date.is_some())],
        EventKind::ExceptionClaimed => &[
            ("exception", |e| e.exception.is_some()),
            ("from", |e| e.from.is_some()),
            ("until", |e| e.until.is_some()),
        ],
        _ => &[],
    }
}

/// An event's fields as read: the four every event needs apart, the others
/// straight into the event they make, which is then taken whole (moving
/// each field into a new event was a copy of each).
struct EventFields {
    id: Option<String>,
    kind: Option<EventKind>,
    date: Option<NaiveDate>,
    approx: Option<ApproxDate>,
    /// The event, its id, kind and date not yet read.
    event: Event,
}

impl Default for EventFields {
    fn default() -> EventFields {
        EventFields {
            id: None,
            kind: None,
            date: None,
            approx: None,
            event: Event::new(String::new(), EventKind::Note, NaiveDate::MIN),
        }
    }
}

impl Fields for EventFields {
    const WHAT: &'static str = "an event: a JSON object with \"id\", \"kind\" and \"date\"";
    type Output = Event;

    fn finish(self, extra: Map) -> Json<Event> {
        let EventFields {
            id,
            kind,
            date,
            approx,
            mut event,
        } = self;
        // Not `ok_or`, which builds the problem for every event and drops it.
        let Some(id) = id else {
            return Err(Error::raised(|| Problem::MissingId(IdOf::Event)));
        };
        let Some(kind) = kind else {
            return Err(Error::raised(|| Problem::NoKind { event: id }));
        };
        let when = match (date, approx) {
            (Some(date), None) => When::Date(date),
            (None, Some(approx)) => When::Approx(approx),
            (Some(_), Some(_)) => return Err(Error::raised(|| Problem::BothDates { event: id })),
            (None, None) => return Err(Error::raised(|| Problem::NoDate { event: id })),
        };
        let missing = required_fields(&kind)
            .iter()
            .find(|(_, present)| !present(&event))
            .map(|(name, _)| name);
        if let Some(&field) = missing {
            return Err(Error::raised(|| Problem::Needs {
                event: id,
                kind: kind.id().to_owned(),
                field,
            }));
        }
        event.id = id;
        event.kind = kind;
        event.when = when;
        event.extra = extra;
        Ok(event)
    }

    /// Fields of one type share one read (and one drop of what the slot
    /// held): each read inlined for every field was most of the reader's code.
    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, ids: &mut Ids<'a>) -> Json<bool> {
        let r = reader;
        if let Some(slot) = self.text(key) {
            *slot = Some(read_string(r, key)?);
        } else if let Some(slot) = self.date(key) {
            *slot = Some(read_date(r, key)?);
        } else if let Some(slot) = self.flag(key) {
            *slot = Some(read_bool(r, key)?);
        } else {
            let e = &mut self.event;
            match key {
                "id" => self.id = Some(read_id(r, IdOf::Event, ids)?),
                "kind" => read_kind(r, key, &mut self.kind)?,
                "approx" => read_approx(r, key, &mut self.approx)?,
                "outcome" => read_closed(r, key, &mut e.outcome)?,
                "order" => read_closed(r, key, &mut e.order)?,
                "matters" => read_closed(r, key, &mut e.matters)?,
                "transfer" => read_closed(r, key, &mut e.transfer)?,
                "exception" => read_closed(r, key, &mut e.exception)?,
                "method" => read_closed(r, key, &mut e.method)?,
                "time" => read_time(r, key, &mut e.time)?,
                "respond_within" => {
                    e.respond_within =
                        Some(at(r, key, |r| r.unsigned("u32", u32::MAX.into()))? as u32)
                }
                "unit" => read_closed(r, key, &mut e.unit)?,
                "stage" => e.stage = Some(read_stage(r, key)?),
                "documents" => e.documents = read_unique::<DocumentFields>(r, key)?,
                _ => return Ok(false),
            }
        }
        Ok(true)
    }
}

impl EventFields {
    /// The field of free text `key` names, if it names one.
    fn text(&mut self, key: &str) -> Option<&mut Option<String>> {
        let e = &mut self.event;
        Some(match key {
            "who" => &mut e.who,
            "note" => &mut e.note,
            "document" => &mut e.document,
            "party" => &mut e.party,
            "school" => &mut e.school,
            _ => return None,
        })
    }

    /// The date field `key` names, if it names one.
    fn date(&mut self, key: &str) -> Option<&mut Option<NaiveDate>> {
        let e = &mut self.event;
        Some(match key {
            "date" => &mut self.date,
            "from" => &mut e.from,
            "until" => &mut e.until,
            "move_date" => &mut e.move_date,
            "agreed_due" => &mut e.agreed_due,
            _ => return None,
        })
    }

    /// The yes-or-no field `key` names, if it names one.
    fn flag(&mut self, key: &str) -> Option<&mut Option<bool>> {
        let e = &mut self.event;
        Some(match key {
            "disputed" => &mut e.disputed,
            "includes_health" => &mut e.includes_health,
            "health_only" => &mut e.health_only,
            "council_party" => &mut e.council_party,
            _ => return None,
        })
    }
}

#[derive(Default)]
struct DocumentFields {
    id: Option<String>,
    name: Option<String>,
    media_type: Option<String>,
    size: Option<u64>,
    sha256: Option<String>,
}

impl Fields for DocumentFields {
    const WHAT: &'static str =
        "a document: a JSON object with \"id\", \"name\", \"media_type\", \"size\" and \"sha256\"";
    type Output = Document;

    fn finish(self, extra: Map) -> Json<Document> {
        let Some(id) = self.id else {
            return Err(Error::raised(|| Problem::MissingId(IdOf::Document)));
        };
        let needs = |field| {
            Error::raised(|| Problem::DocumentNeeds {
                document: id.clone(),
                field,
            })
        };
        Ok(Document {
            name: self.name.ok_or_else(|| needs("name"))?,
            media_type: self.media_type.ok_or_else(|| needs("media_type"))?,
            size: self.size.ok_or_else(|| needs("size"))?,
            sha256: self.sha256.ok_or_else(|| needs("sha256"))?,
            id,
            extra,
        })
    }

    fn field<'a>(&mut self, key: &str, reader: &mut Reader<'a>, ids: &mut Ids<'a>) -> Json<bool> {
        let r = reader;
        match key {
            "id" => self.id = Some(read_id(r, IdOf::Document, ids)?),
            "name" => self.name = Some(read_string(r, key)?),
            "media_type" => self.media_type = Some(read_string(r, key)?),
            "size" => self.size = Some(at(r, key, |r| r.unsigned("u64", u64::MAX))?),
            "sha256" => read_digest(r, key, &mut self.sha256)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// A SHA-256 digest: 64 hex digits in lower case, as a backup names the
/// document's bytes, so a digest names one file whoever wrote it.
fn read_digest(reader: &mut Reader, key: &str, slot: &mut Option<String>) -> Json<()> {
    let digest = |text: &str| {
        let digest =
            text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        digest.then(|| text.to_owned())
    };
    read_parsed(reader, key, slot, "a SHA-256 digest", digest, |text| {
        Problem::NotADigest {
            text: text.to_owned(),
        }
    })
}

/// Reads the string of the field `key` into `slot`, as `parse` makes it;
/// a string it refuses is the fault `problem` makes of it (only where faults
/// are worded). Only this is built for each type: the read is shared.
fn read_parsed<T>(
    reader: &mut Reader,
    key: &str,
    slot: &mut Option<T>,
    expected: &'static str,
    parse: impl Fn(&str) -> Option<T>,
    problem: impl Fn(&str) -> Problem,
) -> Json<()> {
    at(reader, key, |reader| {
        let mut take = |text: &str| {
            *slot = parse(text);
            slot.is_some()
        };
        reader.string_with(expected, &mut take, &|text| worded(|| problem(text)))
    })
}

fn read_string(reader: &mut Reader, key: &str) -> Json<String> {
    at(reader, key, |reader| reader.string("a string")).map(Cow::into_owned)
}

fn read_bool(reader: &mut Reader, key: &str) -> Json<bool> {
    at(reader, key, Reader::boolean)
}

fn read_kind(reader: &mut Reader, key: &str, slot: &mut Option<EventKind>) -> Json<()> {
    read_parsed(
        reader,
        key,
        slot,
        "an event kind",
        EventKind::from_id,
        |id| Problem::UnknownKind {
            kind: id.to_owned(),
        },
    )
}

/// A value of a closed set, such as an `outcome`.
fn read_closed<T: FieldValue>(reader: &mut Reader, key: &str, slot: &mut Option<T>) -> Json<()> {
    read_parsed(reader, key, slot, T::NAME, T::from_id, |id| {
        Problem::NotAllowed {
            value: format!("\"{id}\""),
            allowed: T::ALL.iter().map(|v| format!("\"{}\"", v.id())).collect(),
        }
    })
}

/// The stage of a council's complaints procedure: 1 or 2. Its fault is placed
/// at the end of the event, as a date's is.
fn read_stage(reader: &mut Reader, key: &str) -> Json<u8> {
    at(reader, key, |reader| {
        match reader.unsigned("u64", u64::MAX)? {
            stage @ (1 | 2) => Ok(stage as u8),
            other => Err(Error::raised(|| Problem::NotAllowed {
                value: other.to_string(),
                allowed: vec!["1".to_owned(), "2".to_owned()],
            })),
        }
    })
}

/// A calendar date written `YYYY-MM-DD`; its fault is placed at the end of
/// the object it is in.
fn read_date(reader: &mut Reader, key: &str) -> Json<NaiveDate> {
    at(reader, key, |reader| {
        let text = reader.string("a string")?;
        parse_iso_date(&text).map_err(|problem| Error::raised(|| problem))
    })
}

/// Parses `YYYY-MM-DD` strictly, saying why a date is not real (where faults
/// are worded).
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, Problem> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || !date_shaped(bytes) {
        return Err(worded(|| Problem::NotADate {
            text: text.to_owned(),
        }));
    }
    let (year, month, day) = (
        number(&bytes[..4]) as i32,
        number(&bytes[5..7]),
        number(&bytes[8..]),
    );
    if !(1..=12).contains(&month) {
        return Err(worded(|| Problem::NoSuchMonth {
            text: text.to_owned(),
            month,
        }));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        worded(|| Problem::NoSuchDay {
            text: text.to_owned(),
            year,
            month,
        })
    })
}

fn read_approx(reader: &mut Reader, key: &str, slot: &mut Option<ApproxDate>) -> Json<()> {
    let expected = "a month (YYYY-MM) or a year (YYYY)";
    read_parsed(reader, key, slot, expected, parse_approx_date, |text| {
        Problem::NotApprox {
            text: text.to_owned(),
        }
    })
}

/// Parses `YYYY-MM` or `YYYY`.
fn parse_approx_date(text: &str) -> Option<ApproxDate> {
    let bytes = text.as_bytes();
    if !matches!(bytes.len(), 4 | 7) || !date_shaped(bytes) {
        return None;
    }
    let month = bytes.get(5..).map(number);
    if month.is_some_and(|month| !(1..=12).contains(&month)) {
        return None;
    }
    Some(ApproxDate {
        year: number(&bytes[..4]) as i32,
        month,
    })
}

/// Whether `bytes` are digits, or `-` at 4 and 7: the shape of `YYYY`,
/// `YYYY-MM` and `YYYY-MM-DD` (the caller checks the length).
fn date_shaped(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().all(|(at, &b)| match at {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    })
}

/// The number ASCII digits write: read without `str::parse`, whose
/// checks the shape already made.
fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, &digit| n * 10 + u32::from(digit - b'0'))
}

/// A time of day written `HH:MM`.
fn read_time(reader: &mut Reader, key: &str, slot: &mut Option<NaiveTime>) -> Json<()> {
    let time = |text: &str| (text.len() == 5).then(|| parse_clock_time(text)).flatten();
    read_parsed(reader, key, slot, "a time as HH:MM", time, |text| {
        Problem::NotATime {
            text: text.to_owned(),
        }
    })
}

/// Writes a case file as pretty JSON, with the unknown fields it was read
/// with, in the format its content needs ([`format_for`]), whatever
/// `file.format` says.
pub fn write_case_file(file: &CaseFile) -> String {
    let mut writer = Writer::new(true);
    writer.open('{');
    writer.key("format");
    writer.string(format_for(&file.cases));
    if let Some(date) = file.exported_at {
        writer.key("exported_at");
        writer.string(&date.to_string());
    }
    writer.key("cases");
    writer.open('[');
    for case in &file.cases {
        writer.element();
        write_case(&mut writer, case);
    }
    writer.close(']');
    writer.fields(&file.extra);
    writer.close('}');
    let mut text = writer.finish();
    text.push('\n');
    text
}

/// Writes one case as an object, fields in the order of the model.
pub fn write_case(writer: &mut Writer, case: &Case) {
    writer.open('{');
    writer.key("id");
    writer.string(&case.id);
    optional_text(writer, "child", case.child.as_deref());
    optional_text(writer, "local_authority", case.local_authority.as_deref());
    optional_text(writer, "reference", case.reference.as_deref());
    optional_date(writer, "date_of_birth", case.date_of_birth);
    if case.settings != Settings::default() {
        writer.key("settings");
        writer.open('{');
        writer.key("review_complete_on");
        writer.string(match case.settings.review_complete_on {
            ReviewCompleteOn::Decision => "decision",
            ReviewCompleteOn::Meeting => "meeting",
        });
        writer.fields(&case.settings.extra);
        writer.close('}');
    }
    writer.key("events");
    writer.open('[');
    for event in &case.events {
        writer.element();
        write_event(writer, event);
    }
    writer.close(']');
    writer.fields(&case.extra);
    writer.close('}');
}

fn optional_text(writer: &mut Writer, key: &str, text: Option<&str>) {
    if let Some(text) = text {
        writer.key(key);
        writer.string(text);
    }
}

/// A date as `YYYY-MM-DD`: one copy of its writing for every date field.
fn optional_date(writer: &mut Writer, key: &str, date: Option<NaiveDate>) {
    if let Some(date) = date {
        writer.key(key);
        writer.string(&date.to_string());
    }
}

/// A whole number, written as it is.
fn optional_number(writer: &mut Writer, key: &str, number: Option<u32>) {
    if let Some(number) = number {
        writer.key(key);
        writer.raw(&number.to_string());
    }
}

/// `true` or `false`, written without the formatting machinery.
fn optional_flag(writer: &mut Writer, key: &str, flag: Option<bool>) {
    if let Some(flag) = flag {
        writer.key(key);
        writer.raw(if flag { "true" } else { "false" });
    }
}

fn write_event(writer: &mut Writer, event: &Event) {
    let w = writer;
    w.open('{');
    w.key("id");
    w.string(&event.id);
    w.key("kind");
    w.string(event.kind.id());
    match event.when {
        When::Date(day) => optional_date(w, "date", Some(day)),
        When::Approx(approx) => optional_text(w, "approx", Some(&approx.to_string())),
    }
    optional_text(w, "who", event.who.as_deref());
    optional_text(w, "note", event.note.as_deref());
    optional_text(w, "document", event.document.as_deref());
    optional_text(w, "party", event.party.as_deref());
    optional_text(w, "school", event.school.as_deref());
    optional_text(w, "outcome", event.outcome.map(FieldValue::id));
    optional_text(w, "order", event.order.map(FieldValue::id));
    optional_text(w, "matters", event.matters.map(FieldValue::id));
    optional_text(w, "transfer", event.transfer.map(FieldValue::id));
    optional_text(w, "exception", event.exception.map(FieldValue::id));
    optional_date(w, "from", event.from);
    optional_date(w, "until", event.until);
    optional_flag(w, "disputed", event.disputed);
    optional_text(w, "method", event.method.map(FieldValue::id));
    optional_text(w, "time", event.time.map(write_clock_time).as_deref());
    optional_number(w, "respond_within", event.respond_within);
    optional_text(w, "unit", event.unit.map(FieldValue::id));
    optional_date(w, "move_date", event.move_date);
    optional_flag(w, "includes_health", event.includes_health);
    optional_flag(w, "health_only", event.health_only);
    optional_flag(w, "council_party", event.council_party);
    optional_date(w, "agreed_due", event.agreed_due);
    optional_number(w, "stage", event.stage.map(u32::from));
    if !event.documents.is_empty() {
        w.key("documents");
        w.open('[');
        for document in &event.documents {
            w.element();
            write_document(w, document);
        }
        w.close(']');
    }
    w.fields(&event.extra);
    w.close('}');
}

/// Writes a document's fields in the order of case-file.md.
fn write_document(writer: &mut Writer, document: &Document) {
    writer.open('{');
    writer.key("id");
    writer.string(&document.id);
    writer.key("name");
    writer.string(&document.name);
    writer.key("media_type");
    writer.string(&document.media_type);
    writer.key("size");
    writer.raw(&document.size.to_string());
    writer.key("sha256");
    writer.string(&document.sha256);
    writer.fields(&document.extra);
    writer.close('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: case-file.md, `approx`: `YYYY-MM` or `YYYY`, nothing else.
    #[test]
    fn an_approximate_date_is_a_month_or_a_year() {
        let approx = |year, month| Some(ApproxDate { year, month });
        assert_eq!(parse_approx_date("2024-03"), approx(2024, Some(3)));
        assert_eq!(parse_approx_date("2024-12"), approx(2024, Some(12)));
        assert_eq!(parse_approx_date("0999"), approx(999, None));
        for bad in [
            "2024-00",
            "2024-13",
            "2024-3",
            "2024/03",
            "24-03",
            "2024-",
            "+024",
            "２０２４",
            "",
        ] {
            assert_eq!(parse_approx_date(bad), None, "{bad}");
        }
    }
}
