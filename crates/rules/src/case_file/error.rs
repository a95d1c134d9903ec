//! Why a case file cannot be read, and where: a [`Problem`] for each kind of
//! fault, so that a caller can tell them apart, and one sentence for each,
//! which the app and `ehc` both show. Below the model and the reader, which
//! both raise problems.

use std::fmt;

use crate::calendar::{days_in_month, month_name};

/// Whether this build words the faults it finds: not with the feature
/// `unworded` (the app's first module, which never shows one: any fault
/// there hands the start to the app whole, which reads again and words it).
/// Unworded, no problem is built, placed or traced, so neither the wording
/// nor the detail it needs is in the build.
pub(super) const WORDED: bool = cfg!(not(feature = "unworded"));

/// `problem()`, the fault in words.
#[cfg(not(feature = "unworded"))]
pub(super) fn worded(problem: impl FnOnce() -> Problem) -> Problem {
    problem()
}

/// [`Problem::Unworded`], where faults are not worded: `problem` is not built.
#[cfg(feature = "unworded")]
pub(super) fn worded(_: impl FnOnce() -> Problem) -> Problem {
    Problem::Unworded
}

/// Why a case file cannot be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line of the fault, when the file is known to that precision.
    pub line: Option<usize>,
    /// 1-based column of the fault, counted in bytes (a character of several bytes counts for each).
    pub column: Option<usize>,
    /// Where in the file's structure: `cases[0].events[3].date`; empty at the top.
    pub path: String,
    /// The id of the event at fault, when known.
    pub event: Option<String>,
    /// What is wrong (boxed: the error of every read is returned in place).
    pub problem: Box<Problem>,
}

impl ReadError {
    /// An error about the whole file, at no place in it.
    pub(super) fn whole(problem: Problem) -> ReadError {
        ReadError {
            line: None,
            column: None,
            path: String::new(),
            event: None,
            problem: Box::new(problem),
        }
    }
}

impl fmt::Display for ReadError {
    /// `line 14, column 37 (cases[0].events[3], event "e-4"): "2025-02-30" is not a real date: ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let (Some(line), Some(column)) = (self.line, self.column) {
            place.push(format!("line {line}, column {column}"));
        }
        let mut within = Vec::new();
        if !self.path.is_empty() {
            within.push(self.path.clone());
        }
        if let Some(event) = &self.event {
            within.push(format!("event \"{event}\""));
        }
        if !within.is_empty() {
            place.push(format!("({})", within.join(", ")));
        }
        if place.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", place.join(" "), self.problem)
        }
    }
}

impl std::error::Error for ReadError {}

/// Whose id a problem is about: a case's, an event's or a document's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdOf {
    /// A case's `id`, unique in the file.
    Case,
    /// An event's `id`, unique in its case.
    Event,
    /// A document's `id`, unique among its event's documents.
    Document,
}

impl IdOf {
    /// `a case`, `an event`.
    fn one(self) -> &'static str {
        match self {
            IdOf::Case => "a case",
            IdOf::Event => "an event",
            IdOf::Document => "a document",
        }
    }

    fn example_id(self) -> &'static str {
        match self {
            IdOf::Case => "c-1",
            IdOf::Event => "e-1",
            IdOf::Document => "d-1",
        }
    }
}

/// What is wrong with a case file: each kind of fault the reader finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not UTF-8 (such as `é` saved by an old Windows editor):
    /// `byte` at `offset` bytes from the start of the file.
    NotUtf8 {
        /// How many bytes from the start of the file, counting from 0.
        offset: usize,
        /// The first byte that is not UTF-8.
        byte: u8,
    },
    /// The file stops in the middle of a value: a fault whose
    /// [`JsonFault::is_end`] is true.
    EndsEarly(JsonFault),
    /// The text is not JSON.
    NotJson(JsonFault),
    /// A key written twice in one object, where JSON does not say which counts.
    DuplicateKey {
        /// The key, as written.
        key: String,
    },
    /// A value of another JSON type than the field takes; `expected` names
    /// what it takes as serde does (`a string`, `u32`).
    WrongType {
        /// The value in the file.
        found: Found,
        /// What the field takes.
        expected: &'static str,
    },
    /// A value of the right type out of the field's range.
    WrongValue {
        /// The value in the file.
        found: Found,
        /// What the field takes.
        expected: &'static str,
    },
    /// No `format`, or one that is not an EHC Timeline case file's.
    NotACaseFile,
    /// The format of a later version of the app.
    NewerVersion {
        /// The file's `format`, such as `ehc-timeline/3`.
        format: String,
    },
    /// A case, an event or a document without an `id`.
    MissingId(IdOf),
    /// A case, an event or a document whose `id` is `""`, which no page can link to.
    EmptyId(IdOf),
    /// A case id used twice in the file, an event id twice in a case, or a
    /// document id twice on an event.
    RepeatedId {
        /// Whose id it is.
        of: IdOf,
        /// The id used twice.
        id: String,
    },
    /// An event without a `kind`.
    NoKind {
        /// The event's id.
        event: String,
    },
    /// An event with neither `date` nor `approx`.
    NoDate {
        /// The event's id.
        event: String,
    },
    /// An event with both `date` and `approx`.
    BothDates {
        /// The event's id.
        event: String,
    },
    /// An event without a field its kind cannot do without.
    Needs {
        /// The event's id.
        event: String,
        /// The event's kind, as written in the file (such as `tribunal-order`).
        kind: String,
        /// The field it needs, such as `order`.
        field: &'static str,
    },
    /// A document without a field every document needs.
    DocumentNeeds {
        /// The document's id.
        document: String,
        /// The field it needs, such as `sha256`.
        field: &'static str,
    },
    /// A `sha256` that is not 64 hex digits in lower case.
    NotADigest {
        /// The `sha256` as written.
        text: String,
    },
    /// A `kind` that is neither in the spec nor namespaced `x-...`.
    UnknownKind {
        /// The `kind` as written.
        kind: String,
    },
    /// A value outside a field's closed set; both as written in the file.
    NotAllowed {
        /// The value, quoted as in the file (`"sometimes"`).
        value: String,
        /// Every value the field allows, each quoted.
        allowed: Vec<String>,
    },
    /// A date not written `YYYY-MM-DD`.
    NotADate {
        /// The date as written.
        text: String,
    },
    /// A date whose month is not 1 to 12.
    NoSuchMonth {
        /// The date as written.
        text: String,
        /// Its month, as written.
        month: u32,
    },
    /// A date past the end of its month, such as 30 February.
    NoSuchDay {
        /// The date as written.
        text: String,
        /// Its year.
        year: i32,
        /// Its month, 1 to 12.
        month: u32,
    },
    /// An approximate date not written `YYYY-MM` or `YYYY`.
    NotApprox {
        /// The `approx` as written.
        text: String,
    },
    /// A time not written `HH:MM`.
    NotATime {
        /// The `time` as written.
        text: String,
    },
    /// A file with no cases, where the app and `ehc` need some.
    NoCases,
    /// Any fault, in a build that does not word them (the feature
    /// `unworded`: the app's first module, which never shows one).
    #[cfg(feature = "unworded")]
    Unworded,
}

impl fmt::Display for Problem {
    /// The problem in words a user can act on, such as
    /// `"2025-02-30" is not a real date: February 2025 has 28 days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotUtf8 { offset, byte } => write!(
                f,
                "this is not UTF-8 text: byte {offset} (0x{byte:02X}) is not UTF-8; save the file as UTF-8"
            ),
            Problem::EndsEarly(fault) => {
                write!(f, "the file ends too early ({fault}): is it complete?")
            }
            Problem::NotJson(fault) => write!(f, "this is not valid JSON: {fault}"),
            Problem::DuplicateKey { key } => write!(
                f,
                "\"{key}\" is written twice in the same object: keep only one"
            ),
            Problem::WrongType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            Problem::WrongValue { found, expected } => {
                write!(f, "invalid value: {found}, expected {expected}")
            }
            Problem::NotACaseFile => write!(
                f,
                "this is not an EHC Timeline case file: \"format\" must be \"{}\" or \"{}\"",
                super::FORMAT,
                super::FORMAT_WITH_DOCUMENTS
            ),
            Problem::NewerVersion { format } => write!(
                f,
                "this file was written by a newer version of EHC Timeline ({format}); update the app to read it"
            ),
            Problem::MissingId(of) => write!(
                f,
                "{} has no \"id\": give it one, such as \"{}\"",
                of.one(),
                of.example_id()
            ),
            Problem::EmptyId(of) => write!(
                f,
                "{} has an empty \"id\": give it one, such as \"{}\"",
                of.one(),
                of.example_id()
            ),
            Problem::RepeatedId { of: IdOf::Case, id } => {
                write!(f, "two cases have the id \"{id}\": each case needs its own")
            }
            Problem::RepeatedId {
                of: IdOf::Event,
                id,
            } => write!(
                f,
                "two events in this case have the id \"{id}\": each event needs its own"
            ),
            Problem::RepeatedId {
                of: IdOf::Document,
                id,
            } => write!(
                f,
                "two documents of this event have the id \"{id}\": each document needs its own"
            ),
            Problem::NoKind { event } => {
                write!(f, "event \"{event}\" has no \"kind\": say what happened")
            }
            Problem::NoDate { event } => write!(
                f,
                "event \"{event}\" has no date: give \"date\": \"YYYY-MM-DD\", or \"approx\" with a month or a year"
            ),
            Problem::BothDates { event } => write!(
                f,
                "event \"{event}\" has both \"date\" and \"approx\": keep only one"
            ),
            Problem::Needs { event, kind, field } => {
                write!(f, "event \"{event}\" ({kind}) needs \"{field}\"")
            }
            Problem::DocumentNeeds { document, field } => {
                write!(f, "document \"{document}\" needs \"{field}\"")
            }
            Problem::NotADigest { text } => write!(
                f,
                "\"{text}\" is not a SHA-256 digest: write it as 64 hex digits in lower case"
            ),
            Problem::UnknownKind { kind } => write!(
                f,
                "unknown event kind \"{kind}\": use one of the kinds in the spec, or a name starting with \"x-\" for your own"
            ),
            Problem::NotAllowed { value, allowed } => match allowed.as_slice() {
                [one, other] => write!(f, "{value} is not allowed here: use {one} or {other}"),
                _ => write!(
                    f,
                    "{value} is not allowed here: use one of {}",
                    allowed.join(", ")
                ),
            },
            Problem::NotADate { text } => write!(
                f,
                "\"{text}\" is not a date: write it as YYYY-MM-DD, such as \"2025-01-06\""
            ),
            Problem::NoSuchMonth { text, month } => {
                write!(
                    f,
                    "\"{text}\" is not a real date: there is no month {month}"
                )
            }
            Problem::NoSuchDay { text, year, month } => write!(
                f,
                "\"{text}\" is not a real date: {} {year} has {} days",
                month_name(*month),
                days_in_month(*year, *month)
            ),
            Problem::NotApprox { text } => write!(
                f,
                "\"{text}\" is not an approximate date: write a month as YYYY-MM or a year as YYYY"
            ),
            Problem::NotATime { text } => write!(
                f,
                "\"{text}\" is not a time: write it as HH:MM, such as \"17:30\""
            ),
            Problem::NoCases => write!(f, "this file has no cases"),
            #[cfg(feature = "unworded")]
            Problem::Unworded => write!(f, "this cannot be read"),
        }
    }
}

impl std::error::Error for Problem {}

impl Problem {
    /// The problem of a fault in the JSON grammar: the file ending too early,
    /// or not JSON at all.
    pub fn of_json(fault: JsonFault) -> Problem {
        if fault.is_end() {
            Problem::EndsEarly(fault)
        } else {
            Problem::NotJson(fault)
        }
    }
}

/// A fault in the JSON grammar, or (the last two) in the fields of a record
/// the app stores; each in serde_json's words, which the reader has always
/// shown and users have seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// The text ends inside an array.
    EofList,
    /// The text ends inside an object.
    EofObject,
    /// The text ends inside a string.
    EofString,
    /// The text ends where a value should start.
    EofValue,
    /// An object's key not followed by `:`.
    ExpectedColon,
    /// An array's element followed by neither `,` nor `]`.
    ExpectedListCommaOrEnd,
    /// An object's value followed by neither `,` nor `}`.
    ExpectedObjectCommaOrEnd,
    /// A misspelt `true`, `false` or `null`.
    ExpectedIdent,
    /// Something that cannot start a value, such as `'` or `}`.
    ExpectedValue,
    /// A backslash in a string followed by a letter JSON does not allow.
    InvalidEscape,
    /// A number JSON does not allow, such as `01` or `1.`.
    InvalidNumber,
    /// A number too large for a 64-bit float.
    NumberOutOfRange,
    /// A character below U+0020 written as it is in a string (it must be escaped).
    ControlCharacter,
    /// An object's key that is not a string.
    KeyMustBeAString,
    /// A `\u` escape of one half of a surrogate pair without the other.
    LoneSurrogate,
    /// A comma before `]` or `}`.
    TrailingComma,
    /// More than white space after the value.
    TrailingCharacters,
    /// A `\u` escape of the first half of a surrogate pair not followed by
    /// another `\u` escape.
    EndOfHexEscape,
    /// Arrays and objects nested deeper than 127.
    RecursionLimit,
    /// A field a record must have, by name.
    MissingField(&'static str),
    /// A field written twice in a record, by name.
    DuplicateField(&'static str),
}

impl JsonFault {
    /// Whether the text stopped in the middle of a value.
    pub fn is_end(&self) -> bool {
        matches!(
            self,
            JsonFault::EofList | JsonFault::EofObject | JsonFault::EofString | JsonFault::EofValue
        )
    }
}

impl fmt::Display for JsonFault {
    /// `EOF while parsing a list`, ``missing field `rev` ``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonFault::EofList => "EOF while parsing a list",
            JsonFault::EofObject => "EOF while parsing an object",
            JsonFault::EofString => "EOF while parsing a string",
            JsonFault::EofValue => "EOF while parsing a value",
            JsonFault::ExpectedColon => "expected `:`",
            JsonFault::ExpectedListCommaOrEnd => "expected `,` or `]`",
            JsonFault::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            JsonFault::ExpectedIdent => "expected ident",
            JsonFault::ExpectedValue => "expected value",
            JsonFault::InvalidEscape => "invalid escape",
            JsonFault::InvalidNumber => "invalid number",
            JsonFault::NumberOutOfRange => "number out of range",
            JsonFault::ControlCharacter => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            JsonFault::KeyMustBeAString => "key must be a string",
            JsonFault::LoneSurrogate => "lone leading surrogate in hex escape",
            JsonFault::TrailingComma => "trailing comma",
            JsonFault::TrailingCharacters => "trailing characters",
            JsonFault::EndOfHexEscape => "unexpected end of hex escape",
            JsonFault::RecursionLimit => "recursion limit exceeded",
            JsonFault::MissingField(field) => return write!(f, "missing field `{field}`"),
            JsonFault::DuplicateField(field) => return write!(f, "duplicate field `{field}`"),
        })
    }
}

/// The value found where a field takes another, as serde names it.
#[derive(Clone, PartialEq)]
pub enum Found {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number from 0 up.
    Unsigned(u64),
    /// A whole number below 0.
    Negative(i64),
    /// Always finite: JSON has no NaN.
    Float(f64),
    /// A string, its text.
    String(String),
    /// An array.
    Sequence,
    /// An object.
    Map,
}

/// A JSON number is never NaN, so a `Found` always equals itself.
impl Eq for Found {}

/// As serde names it, not derived: a derived `Debug` would print the float
/// with the standard library's float formatting, 9 KB of the app's first load.
impl fmt::Debug for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Found({self})")
    }
}

impl fmt::Display for Found {
    /// ``integer `3` ``, ``floating point `1e-7` `` (its float written as
    /// serde_json writes one), `string "a"`, `map`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(value) => write!(f, "boolean `{value}`"),
            Found::Unsigned(n) => write!(f, "integer `{n}`"),
            Found::Negative(n) => write!(f, "integer `{n}`"),
            Found::Float(x) => write!(
                f,
                "floating point `{}`",
                zmij::Buffer::new().format_finite(*x)
            ),
            Found::String(text) => write!(f, "string {text:?}"),
            Found::Sequence => f.write_str("sequence"),
            Found::Map => f.write_str("map"),
        }
    }
}
