//! Reading and writing case files. Reading never half-succeeds: a file is read
//! whole or refused with an error that says where (line, column, path, event)
//! and what is wrong, in words a user can act on.
//!
//! Known fields are read one by one from serde_json's streaming deserializer,
//! so a bad value is reported at its own position; unknown fields are kept.
//! Every door reads through here (the app's import and storage, `ehc`), so a
//! file is read the same way wherever it is opened: bytes that are not UTF-8,
//! a key written twice and an empty or repeated id are refused everywhere.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use chrono::{NaiveDate, NaiveTime};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::error::Category;

use super::error::{IdOf, Problem, ReadError, raise, take_raised};
use super::from_text::from_str_with;
use super::kind::EventKind;
use super::model::*;

/// Reads a whole case file (`ehc-timeline/1`) from its bytes, which must be
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
    read_bytes(bytes.as_ref())
}

/// Reads a case file a user brings to the app's import or to `ehc`: as
/// [`read_case_file`], and a file with no cases is refused, as there is
/// nothing in it to import or check.
///
/// ```
/// let error = rules::import_case_file(r#"{"format": "ehc-timeline/1", "cases": []}"#).unwrap_err();
/// assert_eq!(*error.problem, rules::Problem::NoCases);
/// ```
pub fn import_case_file(bytes: impl AsRef<[u8]>) -> Result<CaseFile, ReadError> {
    let file = read_bytes(bytes.as_ref())?;
    if file.cases.is_empty() {
        return Err(ReadError::whole(Problem::NoCases));
    }
    Ok(file)
}

fn read_bytes(bytes: &[u8]) -> Result<CaseFile, ReadError> {
    let text = utf8(bytes)?;
    TRAIL.with_borrow_mut(Vec::clear);
    take_raised();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let file = CaseFile::deserialize(&mut deserializer)
        .map_err(|error| located(text, trail_path(), error))?;
    deserializer
        .end()
        .map_err(|error| located(text, String::new(), error))?;
    Ok(file)
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
        let before = &bytes[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        ReadError {
            line: Some(before.iter().filter(|&&b| b == b'\n').count() + 1),
            column: Some(offset - line_start + 1),
            ..ReadError::whole(Problem::NotUtf8 {
                offset,
                byte: bytes[offset],
            })
        }
    })
}

/// A step of the path to a fault: an object's key (`?` for a key that could
/// not be read) or an array's index.
enum Step {
    Key(String),
    Index(usize),
}

/// The ids read so far in the lists whose ids must be unique: `None` outside
/// such a list (a case read alone, as the app's storage reads one, has no
/// other cases to clash with, but its events are checked all the same).
#[derive(Default)]
struct Ids {
    /// Of the cases of the file being read.
    cases: Option<HashSet<String>>,
    /// Of the events of the case being read.
    events: Option<HashSet<String>>,
}

type IdsOf = fn(&mut Ids) -> &mut Option<HashSet<String>>;

thread_local! {
    static IDS: RefCell<Ids> = RefCell::new(Ids::default());
}

/// Reads a list of cases or events into `slot` as [`put`] does, with the
/// ids of its items checked against each other by [`put_id`].
fn put_unique<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    ids: IdsOf,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    let outer = IDS.with_borrow_mut(|all| ids(all).replace(HashSet::new()));
    let read = put(slot, key, map);
    IDS.with_borrow_mut(|all| *ids(all) = outer);
    read
}

/// Reads the `id` of a case or an event into `slot`, refusing an empty one
/// or one already among the ids `seen`, right where it is written.
fn put_id<'de, A: MapAccess<'de>>(
    slot: &mut Option<String>,
    of: IdOf,
    seen: IdsOf,
    map: &mut A,
) -> Result<bool, A::Error> {
    let id: String = map.next_value_seed(At("id", PhantomData))?;
    let problem = if id.is_empty() {
        Problem::EmptyId(of)
    } else if IDS.with_borrow_mut(|ids| {
        seen(ids)
            .as_mut()
            .is_none_or(|seen| seen.insert(id.clone()))
    }) {
        *slot = Some(id);
        return Ok(true);
    } else {
        Problem::RepeatedId { of, id }
    };
    note(Step::Key("id".to_owned()));
    Err(raise(problem))
}

thread_local! {
    /// The path to the fault of a failed read, innermost step first: each key
    /// and element read notes its step only as an error unwinds out of it, so
    /// a read that goes well costs nothing.
    static TRAIL: std::cell::RefCell<Vec<Step>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes that the error unwinding came from within `step`.
fn note(step: Step) {
    TRAIL.with_borrow_mut(|trail| trail.push(step));
}

/// The trail of the last failed read, written `cases[0].events[3].date`.
fn trail_path() -> String {
    TRAIL.with_borrow(|trail| {
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
    })
}

/// Writes a case file as pretty JSON, with the unknown fields it was read with.
pub fn write_case_file(file: &CaseFile) -> String {
    let mut text = serde_json::to_string_pretty(file).expect("a case file always serializes");
    text.push('\n');
    text
}

/// A serde_json error as a `ReadError`, naming the event when the path is in one.
fn located(text: &str, path: String, error: serde_json::Error) -> ReadError {
    let (line, column) = (error.line(), error.column());
    let problem = take_raised().unwrap_or_else(|| serde_problem(&error));
    ReadError {
        line: (line > 0).then_some(line),
        column: (line > 0).then_some(column),
        event: event_id_at(text, &path),
        path,
        problem: Box::new(problem),
    }
}

/// The problem of an error serde_json found itself: the JSON's syntax, or a
/// value of the wrong type for the field read.
fn serde_problem(error: &serde_json::Error) -> Problem {
    let mut detail = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    if let Some(stripped) = detail.strip_suffix(&suffix) {
        detail.truncate(stripped.len());
    }
    // serde's words: "invalid type: string \"a\", expected a sequence".
    let split = |rest: &str| {
        rest.rsplit_once(", expected ")
            .map(|(found, expected)| (found.to_owned(), expected.to_owned()))
    };
    match error.classify() {
        Category::Eof => Problem::EndsEarly { detail },
        Category::Data => match (
            detail.strip_prefix("invalid type: ").and_then(split),
            detail.strip_prefix("invalid value: ").and_then(split),
        ) {
            (Some((found, expected)), _) => Problem::WrongType { found, expected },
            (_, Some((found, expected))) => Problem::WrongValue { found, expected },
            _ => Problem::NotJson { detail },
        },
        Category::Syntax | Category::Io => Problem::NotJson { detail },
    }
}

/// The `id` of the event a path like `cases[0].events[3].date` points into,
/// looked up in the file when it is valid JSON.
fn event_id_at(text: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("cases[")?;
    let (case, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".events[")?;
    let (event, _) = rest.split_once(']')?;
    let value: Value = serde_json::from_str(text).ok()?;
    let id =
        &value["cases"][case.parse::<usize>().ok()?]["events"][event.parse::<usize>().ok()?]["id"];
    id.as_str().filter(|id| !id.is_empty()).map(str::to_owned)
}

/// A struct read field by field: known keys with their own type (so a bad value
/// is reported where it stands), unknown keys kept in `extra`.
trait Fields: Default {
    /// What the object is, for "expected ..." messages.
    const WHAT: &'static str;
    /// What the fields make.
    type Output;
    /// Checks the fields read and builds the value; an error here is placed at
    /// the end of the object, whose fields it concerns.
    fn finish<E: de::Error>(self) -> Result<Self::Output, E>;
    /// Reads the value of `key` if it is known; `false` for an unknown key.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    fn extra(&mut self) -> &mut Extra;
}

struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: Fields> Visitor<'de> for FieldsVisitor<T> {
    type Value = T::Output;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", T::WHAT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T::Output, A::Error> {
        let mut fields = T::default();
        // The known keys read so far: a few, each once, as a repeat is refused.
        let mut known: Vec<String> = Vec::new();
        while let Some(key) = next_key(&mut map)? {
            if known.contains(&key) || fields.extra().contains_key(&key) {
                return Err(duplicate(key));
            }
            if fields.field(&key, &mut map)? {
                known.push(key);
            } else {
                let value = map.next_value_seed(At::<Unknown>(&key, PhantomData))?;
                fields.extra().insert(key, value.0);
            }
        }
        fields.finish()
    }
}

fn read_fields<'de, T: Fields, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T::Output, D::Error> {
    deserializer.deserialize_map(FieldsVisitor::<T>(PhantomData))
}

/// The error for `key` written a second time in an object, placed at it:
/// JSON leaves open which of the two counts, so neither is taken.
fn duplicate<E: de::Error>(key: String) -> E {
    note(Step::Key(key.clone()));
    raise(Problem::DuplicateKey { key })
}

/// The next key of an object; a key that cannot be read is noted as `?`.
fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_key()
        .inspect_err(|_| note(Step::Key("?".to_owned())))
}

/// Reads the value of the field `key`, noting the key if the value is bad.
struct At<'k, T>(&'k str, PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for At<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer).inspect_err(|_| note(Step::Key(self.0.to_owned())))
    }
}

/// Reads `value` into `slot`: the one line each known field takes.
fn put<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    key: &str,
    map: &mut A,
) -> Result<bool, A::Error> {
    *slot = Some(map.next_value_seed(At(key, PhantomData))?);
    Ok(true)
}

/// An array read element by element, noting the index of a bad element.
struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_seq(ListVisitor(PhantomData))
            .map(List)
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Element(items.len(), PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

/// Reads the element at `index` of an array, noting the index if it is bad.
struct Element<T>(usize, PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Element<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer).inspect_err(|_| note(Step::Index(self.0)))
    }
}

/// The value of an unknown field, kept as it is, with the path to a fault
/// inside it noted like any other.
struct Unknown(Value);

impl<'de> Deserialize<'de> for Unknown {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UnknownVisitor).map(Unknown)
    }
}

/// serde_json's own `Value` visitor, reading arrays and objects with `Element`
/// and `At` so that their faults are placed.
struct UnknownVisitor;

impl<'de> Visitor<'de> for UnknownVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        let items: Vec<Unknown> = ListVisitor(PhantomData).visit_seq(seq)?;
        Ok(Value::Array(items.into_iter().map(|item| item.0).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Extra::new();
        while let Some(key) = next_key(&mut map)? {
            if object.contains_key(&key) {
                return Err(duplicate(key));
            }
            let value = map.next_value_seed(At::<Unknown>(&key, PhantomData))?;
            object.insert(key, value.0);
        }
        Ok(Value::Object(object))
    }
}

impl<'de> Deserialize<'de> for CaseFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_fields::<FileFields, D>(deserializer)
    }
}

#[derive(Default)]
struct FileFields {
    format: Option<String>,
    exported_at: Option<IsoDate>,
    cases: Option<List<Case>>,
    extra: Extra,
}

impl Fields for FileFields {
    const WHAT: &'static str = "a case file: a JSON object with \"format\" and \"cases\"";
    type Output = CaseFile;

    fn finish<E: de::Error>(self) -> Result<CaseFile, E> {
        let fields = self;
        let format = fields.format.ok_or_else(|| raise(Problem::NotACaseFile))?;
        let cases = fields.cases.map_or_else(Vec::new, |List(cases)| cases);
        Ok(CaseFile {
            format,
            exported_at: fields.exported_at.map(|IsoDate(date)| date),
            cases,
            extra: fields.extra,
        })
    }

    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "format" => {
                let format: String = map.next_value_seed(At(key, PhantomData))?;
                check_format(&format).map_err(raise)?;
                self.format = Some(format);
                Ok(true)
            }
            "exported_at" => put(&mut self.exported_at, key, map),
            "cases" => put_unique(&mut self.cases, |ids| &mut ids.cases, key, map),
            _ => Ok(false),
        }
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// Accepts this version's format; names a newer one as such.
fn check_format(format: &str) -> Result<(), Problem> {
    if format == FORMAT {
        return Ok(());
    }
    let newer = format
        .strip_prefix("ehc-timeline/")
        .and_then(|version| version.parse::<u32>().ok())
        .is_some_and(|version| version > 1);
    Err(if newer {
        Problem::NewerVersion {
            format: format.to_owned(),
        }
    } else {
        Problem::NotACaseFile
    })
}

impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_fields::<CaseFields, D>(deserializer)
    }
}

#[derive(Default)]
struct CaseFields {
    id: Option<String>,
    child: Option<String>,
    local_authority: Option<String>,
    reference: Option<String>,
    date_of_birth: Option<IsoDate>,
    settings: Option<Settings>,
    events: Option<List<Event>>,
    extra: Extra,
}

impl Fields for CaseFields {
    const WHAT: &'static str = "a case: a JSON object with \"id\" and \"events\"";
    type Output = Case;

    fn finish<E: de::Error>(self) -> Result<Case, E> {
        let fields = self;
        let id = fields
            .id
            .ok_or_else(|| raise(Problem::MissingId(IdOf::Case)))?;
        let events = fields.events.map_or_else(Vec::new, |List(events)| events);
        Ok(Case {
            id,
            child: fields.child,
            local_authority: fields.local_authority,
            reference: fields.reference,
            date_of_birth: fields.date_of_birth.map(|IsoDate(date)| date),
            settings: fields.settings.unwrap_or_default(),
            events,
            extra: fields.extra,
        })
    }

    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "id" => put_id(&mut self.id, IdOf::Case, |ids| &mut ids.cases, map),
            "child" => put(&mut self.child, key, map),
            "local_authority" => put(&mut self.local_authority, key, map),
            "reference" => put(&mut self.reference, key, map),
            "date_of_birth" => put(&mut self.date_of_birth, key, map),
            "settings" => put(&mut self.settings, key, map),
            "events" => put_unique(&mut self.events, |ids| &mut ids.events, key, map),
            _ => Ok(false),
        }
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Deserialize<'de> for Settings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_fields::<SettingsFields, D>(deserializer)
    }
}

#[derive(Default)]
struct SettingsFields {
    review_complete_on: Option<ReviewCompleteOn>,
    extra: Extra,
}

impl Fields for SettingsFields {
    const WHAT: &'static str = "the case settings: a JSON object";
    type Output = Settings;

    fn finish<E: de::Error>(self) -> Result<Settings, E> {
        let fields = self;
        Ok(Settings {
            review_complete_on: fields.review_complete_on.unwrap_or_default(),
            extra: fields.extra,
        })
    }

    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "review_complete_on" => {
                let value: String = map.next_value_seed(At(key, PhantomData))?;
                self.review_complete_on = Some(match value.as_str() {
                    "decision" => ReviewCompleteOn::Decision,
                    "meeting" => ReviewCompleteOn::Meeting,
                    other => {
                        return Err(raise(Problem::NotAllowed {
                            value: format!("\"{other}\""),
                            allowed: vec!["\"decision\"".to_owned(), "\"meeting\"".to_owned()],
                        }));
                    }
                });
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_fields::<EventFields, D>(deserializer)
    }
}

type Present = fn(&EventFields) -> bool;

/// The fields a kind cannot do without (case-file.md).
fn required_fields(kind: &EventKind) -> &'static [(&'static str, Present)] {
    match kind {
        EventKind::TribunalOrder | EventKind::AppealConceded => &[("order", |f| f.order.is_some())],
        EventKind::PhaseTransferPlanned => &[("transfer", |f| f.transfer.is_some())],
        EventKind::MoveNotified => &[("move_date", |f| f.move_date.is_some())],
        EventKind::ExceptionClaimed => &[
            ("exception", |f| f.exception.is_some()),
            ("from", |f| f.from.is_some()),
            ("until", |f| f.until.is_some()),
        ],
        _ => &[],
    }
}

#[derive(Default)]
struct EventFields {
    id: Option<String>,
    kind: Option<EventKind>,
    date: Option<IsoDate>,
    approx: Option<ApproxDate>,
    who: Option<String>,
    note: Option<String>,
    document: Option<String>,
    party: Option<String>,
    school: Option<String>,
    outcome: Option<ReviewOutcome>,
    order: Option<Order>,
    matters: Option<Matters>,
    transfer: Option<Transfer>,
    exception: Option<ExceptionReason>,
    from: Option<IsoDate>,
    until: Option<IsoDate>,
    disputed: Option<bool>,
    method: Option<SendMethod>,
    time: Option<ClockTime>,
    respond_within: Option<u32>,
    unit: Option<ResponseUnit>,
    move_date: Option<IsoDate>,
    includes_health: Option<bool>,
    health_only: Option<bool>,
    council_party: Option<bool>,
    agreed_due: Option<IsoDate>,
    stage: Option<ComplaintStage>,
    extra: Extra,
}

impl Fields for EventFields {
    const WHAT: &'static str = "an event: a JSON object with \"id\", \"kind\" and \"date\"";
    type Output = Event;

    fn finish<E: de::Error>(self) -> Result<Event, E> {
        let mut f = self;
        let id =
            f.id.take()
                .ok_or_else(|| raise(Problem::MissingId(IdOf::Event)))?;
        let kind = f
            .kind
            .take()
            .ok_or_else(|| raise(Problem::NoKind { event: id.clone() }))?;
        let when = match (f.date.take(), f.approx.take()) {
            (Some(IsoDate(date)), None) => When::Date(date),
            (None, Some(approx)) => When::Approx(approx),
            (Some(_), Some(_)) => return Err(raise(Problem::BothDates { event: id })),
            (None, None) => return Err(raise(Problem::NoDate { event: id })),
        };
        let missing = required_fields(&kind)
            .iter()
            .find(|(_, present)| !present(&f))
            .map(|(name, _)| name);
        if let Some(&field) = missing {
            return Err(raise(Problem::Needs {
                event: id,
                kind: kind.id().to_owned(),
                field,
            }));
        }
        Ok(Event {
            id,
            kind,
            when,
            who: f.who,
            note: f.note,
            document: f.document,
            party: f.party,
            school: f.school,
            outcome: f.outcome,
            order: f.order,
            matters: f.matters,
            transfer: f.transfer,
            exception: f.exception,
            from: f.from.map(|IsoDate(date)| date),
            until: f.until.map(|IsoDate(date)| date),
            disputed: f.disputed,
            method: f.method,
            time: f.time.map(|ClockTime(time)| time),
            respond_within: f.respond_within,
            unit: f.unit,
            move_date: f.move_date.map(|IsoDate(date)| date),
            includes_health: f.includes_health,
            health_only: f.health_only,
            council_party: f.council_party,
            agreed_due: f.agreed_due.map(|IsoDate(date)| date),
            stage: f.stage.map(|ComplaintStage(stage)| stage),
            extra: f.extra,
        })
    }

    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "id" => put_id(&mut self.id, IdOf::Event, |ids| &mut ids.events, map),
            "kind" => put(&mut self.kind, key, map),
            "date" => put(&mut self.date, key, map),
            "approx" => put(&mut self.approx, key, map),
            "who" => put(&mut self.who, key, map),
            "note" => put(&mut self.note, key, map),
            "document" => put(&mut self.document, key, map),
            "party" => put(&mut self.party, key, map),
            "school" => put(&mut self.school, key, map),
            "outcome" => put(&mut self.outcome, key, map),
            "order" => put(&mut self.order, key, map),
            "matters" => put(&mut self.matters, key, map),
            "transfer" => put(&mut self.transfer, key, map),
            "exception" => put(&mut self.exception, key, map),
            "from" => put(&mut self.from, key, map),
            "until" => put(&mut self.until, key, map),
            "disputed" => put(&mut self.disputed, key, map),
            "method" => put(&mut self.method, key, map),
            "time" => put(&mut self.time, key, map),
            "respond_within" => put(&mut self.respond_within, key, map),
            "unit" => put(&mut self.unit, key, map),
            "move_date" => put(&mut self.move_date, key, map),
            "includes_health" => put(&mut self.includes_health, key, map),
            "health_only" => put(&mut self.health_only, key, map),
            "council_party" => put(&mut self.council_party, key, map),
            "agreed_due" => put(&mut self.agreed_due, key, map),
            "stage" => put(&mut self.stage, key, map),
            _ => Ok(false),
        }
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_with(deserializer, "an event kind", |id| {
            EventKind::from_id(id).ok_or_else(|| Problem::UnknownKind {
                kind: id.to_owned(),
            })
        })
    }
}

/// The stage of a council's complaints procedure: 1 or 2.
struct ComplaintStage(u8);

impl<'de> Deserialize<'de> for ComplaintStage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            stage @ (1 | 2) => Ok(ComplaintStage(stage as u8)),
            other => Err(raise(Problem::NotAllowed {
                value: other.to_string(),
                allowed: vec!["1".to_owned(), "2".to_owned()],
            })),
        }
    }
}

/// A calendar date written `YYYY-MM-DD`.
struct IsoDate(NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_iso_date(&text).map(IsoDate).map_err(raise)
    }
}

/// Parses `YYYY-MM-DD` strictly, saying why a date is not real.
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, Problem> {
    let shape_error = || Problem::NotADate {
        text: text.to_owned(),
    };
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(shape_error());
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return Err(shape_error());
    }
    let (year, month, day): (i32, u32, u32) = (
        year.parse().map_err(|_| shape_error())?,
        month.parse().map_err(|_| shape_error())?,
        day.parse().map_err(|_| shape_error())?,
    );
    if !(1..=12).contains(&month) {
        return Err(Problem::NoSuchMonth {
            text: text.to_owned(),
            month,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| Problem::NoSuchDay {
        text: text.to_owned(),
        year,
        month,
    })
}

impl<'de> Deserialize<'de> for ApproxDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_with(
            deserializer,
            "a month (YYYY-MM) or a year (YYYY)",
            parse_approx_date,
        )
    }
}

/// Parses `YYYY-MM` or `YYYY`.
fn parse_approx_date(text: &str) -> Result<ApproxDate, Problem> {
    let error = || Problem::NotApprox {
        text: text.to_owned(),
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let (year, month) = match text.split_once('-') {
        None if digits(text, 4) => (text, None),
        Some((year, month)) if digits(year, 4) && digits(month, 2) => (year, Some(month)),
        _ => return Err(error()),
    };
    let month = match month {
        Some(month) => Some(
            month
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(error)?,
        ),
        None => None,
    };
    Ok(ApproxDate {
        year: year.parse().map_err(|_| error())?,
        month,
    })
}

/// A time of day written `HH:MM`.
struct ClockTime(NaiveTime);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_with(deserializer, "a time as HH:MM", |text| {
            let well_formed = text.len() == 5;
            well_formed
                .then(|| super::clock_time::parse_clock_time(text))
                .flatten()
                .map(ClockTime)
                .ok_or_else(|| Problem::NotATime {
                    text: text.to_owned(),
                })
        })
    }
}
