//! Generated inputs for the fuzz tests of the case file reader (here) and of
//! the app's import (tests/import_fuzz.rs includes this file): arbitrary text,
//! JSON-like token soup, valid files with bytes edited, and near-valid files
//! made by mutating valid ones (wrong types, missing and duplicated fields,
//! odd dates, huge numbers, deep nesting, unicode, script payloads).
#![allow(dead_code)] // each fuzz test uses its own part of this

use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestRunner};
use rules::case_file::{
    ExceptionReason, Matters, Order, ResponseUnit, ReviewOutcome, SendMethod, Transfer,
};
use serde_json::Value;

/// Valid case files to mutate: every field of the format, and the examples.
pub const SEEDS: &[&str] = &[
    include_str!("../fixtures/every-field.json"),
    include_str!("../../../../examples/late-assessment.json"),
    include_str!("../../../../examples/refusal-and-appeal.json"),
    include_str!("../../../../examples/annual-review.json"),
    include_str!("../../../../examples/two-children.json"),
];

/// How many inputs a fuzz test tries: `EHC_FUZZ_CASES`, or `default`.
pub fn fuzz_cases(default: u32) -> u32 {
    match std::env::var("EHC_FUZZ_CASES") {
        Ok(text) => text
            .replace(['_', ','], "")
            .parse()
            .unwrap_or_else(|_| panic!("EHC_FUZZ_CASES must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// Runs `test` on `cases` inputs from `strategy` (shrinking the first failure
/// to a small input), then prints the count, the time taken and `tally()`.
pub fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
    tally: impl FnOnce() -> String,
) {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let start = Instant::now();
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{name}: {failure}");
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "fuzz {name}: {cases} inputs in {seconds:.1} s ({:.0} a second): {}",
        f64::from(cases) / seconds,
        tally()
    );
}

/// Any input a user could choose as a case file, mostly near-valid ones.
pub fn case_file_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => "(?s).{0,300}",
        1 => token_soup(),
        2 => byte_edits(),
        6 => near_valid_file(),
    ]
}

/// Pieces of JSON and of the format, in any order.
fn token_soup() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "\\",
        "\"format\"",
        "\"ehc-timeline/1\"",
        "\"cases\"",
        "\"events\"",
        "\"id\"",
        "\"kind\"",
        "\"date\"",
        "\"approx\"",
        "\"c-1\"",
        "\"request-received\"",
        "\"x-visit\"",
        "\"2025-01-06\"",
        "\"2024-02-29\"",
        "\"2025-02-29\"",
        "\"2025\"",
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e999",
        "18446744073709551616",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"é\"",
        "\"\\\"\"",
        "/*",
        "\u{feff}",
    ];
    proptest::collection::vec(select(TOKENS), 0..80).prop_map(|tokens| tokens.concat())
}

/// A valid file with a few bytes deleted, inserted, replaced, or cut short.
fn byte_edits() -> impl Strategy<Value = String> {
    (
        select(SEEDS),
        proptest::collection::vec((any::<Index>(), 0u8..4, any::<u8>()), 1..6),
    )
        .prop_map(|(seed, edits)| {
            let mut bytes = seed.as_bytes().to_vec();
            for (at, edit, byte) in edits {
                let i = at.index(bytes.len().max(1)).min(bytes.len());
                match edit {
                    0 if i < bytes.len() => {
                        bytes.remove(i);
                    }
                    1 => bytes.insert(i, byte),
                    2 if i < bytes.len() => bytes[i] = byte,
                    _ => bytes.truncate(i),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

/// One change to a parsed file; every value is JSON text (so it can be what
/// serde_json cannot hold, such as `1e999` or nesting deeper than it reads).
#[derive(Clone, Debug)]
enum Mutation {
    /// Sets `key` to a value on the nth object (a known field, most often).
    Set(Index, String, String),
    /// Replaces the nth node with a value of any type.
    Replace(Index, String),
    /// Removes the nth node from its object or array.
    Remove(Index),
    /// Repeats the nth element of an array (two events with one id, say).
    Duplicate(Index),
    /// Adds an event to the nth `events` array.
    AddEvent(Index, String),
}

/// A valid file with one to three mutations, written compactly or pretty.
pub fn near_valid_file() -> impl Strategy<Value = String> {
    (
        select(SEEDS),
        proptest::collection::vec(mutation(), 1..4),
        any::<bool>(),
    )
        .prop_map(|(seed, mutations, pretty)| {
            let mut file: Value = serde_json::from_str(seed).expect("the seeds are valid JSON");
            let mut raws = Vec::new();
            for mutation in mutations {
                apply(&mut file, mutation, &mut raws);
            }
            let text = if pretty {
                serde_json::to_string_pretty(&file)
            } else {
                serde_json::to_string(&file)
            }
            .expect("a JSON value serializes");
            raws.iter()
                .enumerate()
                .fold(text, |text, (i, raw)| text.replace(&placeholder(i), raw))
        })
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any::<Index>(), field()).prop_map(|(at, (key, value))| Mutation::Set(at, key, value)),
        2 => (any::<Index>(), any_value()).prop_map(|(at, value)| Mutation::Replace(at, value)),
        1 => any::<Index>().prop_map(Mutation::Remove),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => (any::<Index>(), event()).prop_map(|(at, event)| Mutation::AddEvent(at, event)),
    ]
}

/// A string the mutated tree holds in place of the raw JSON text `raws[i]`.
fn placeholder(i: usize) -> String {
    format!("\"\\u0001raw {i}\\u0001\"")
}

fn raw(text: String, raws: &mut Vec<String>) -> Value {
    raws.push(text);
    Value::String(format!("\u{1}raw {}\u{1}", raws.len() - 1))
}

fn apply(file: &mut Value, mutation: Mutation, raws: &mut Vec<String>) {
    let nodes = pointers(file);
    let pick = |at: Index, keep: &dyn Fn(&str, &Value) -> bool| {
        let found: Vec<&String> = nodes
            .iter()
            .filter(|pointer| keep(pointer, file.pointer(pointer).expect("a node's pointer")))
            .collect();
        (!found.is_empty()).then(|| found[at.index(found.len())].clone())
    };
    match mutation {
        Mutation::Set(at, key, value) => {
            if let Some(pointer) = pick(at, &|_, node| node.is_object()) {
                let value = raw(value, raws);
                if let Some(Value::Object(object)) = file.pointer_mut(&pointer) {
                    object.insert(key, value);
                }
            }
        }
        Mutation::Replace(at, value) => {
            if let Some(pointer) = pick(at, &|_, _| true) {
                *file.pointer_mut(&pointer).expect("a node") = raw(value, raws);
            }
        }
        Mutation::Remove(at) => {
            if let Some(pointer) = pick(at, &|pointer, _| !pointer.is_empty()) {
                let (parent, key) = pointer.rsplit_once('/').expect("not the root");
                match file.pointer_mut(parent) {
                    Some(Value::Object(object)) => {
                        object.shift_remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(array)) => {
                        array.remove(key.parse().expect("an array index"));
                    }
                    _ => {}
                }
            }
        }
        Mutation::Duplicate(at) => {
            let in_array = |pointer: &str| {
                pointer
                    .rsplit_once('/')
                    .is_some_and(|(parent, _)| file.pointer(parent).is_some_and(Value::is_array))
            };
            if let Some(pointer) = pick(at, &|pointer, _| in_array(pointer)) {
                let (parent, index) = pointer.rsplit_once('/').expect("in an array");
                let index: usize = index.parse().expect("an array index");
                if let Some(Value::Array(array)) = file.pointer_mut(parent) {
                    array.insert(index, array[index].clone());
                }
            }
        }
        Mutation::AddEvent(at, event) => {
            if let Some(pointer) = pick(at, &|pointer, node| {
                pointer.ends_with("/events") && node.is_array()
            }) {
                let event = raw(event, raws);
                if let Some(Value::Array(events)) = file.pointer_mut(&pointer) {
                    events.push(event);
                }
            }
        }
    }
}

/// The JSON pointer of every node of `value`, the root (`""`) first.
fn pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match value {
            Value::Object(object) => {
                for (key, child) in object {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    walk(child, format!("{at}/{key}"), out);
                }
            }
            Value::Array(array) => {
                for (i, child) in array.iter().enumerate() {
                    walk(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}

/// JSON text of a string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn quoted_one_of(values: &'static [&'static str]) -> BoxedStrategy<String> {
    select(values).prop_map(quoted).boxed()
}

const DATES: &[&str] = &[
    "2025-01-06",
    "2024-02-29",
    "2025-02-29",
    "2025-02-30",
    "2025-04-31",
    "2025-12-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1900-02-29",
    "2000-02-29",
    "2014-09-01",
    "2025-1-6",
    "25-01-06",
    "2025/01/06",
    "06-01-2025",
    "2025-01-06T00:00:00Z",
    " 2025-01-06",
    "2025-01-06 ",
    "+2025-01-06",
    "-2025-01-06",
    "２０２５-01-06",
    "2025-01-0٦",
    "",
    "2025-01-06-01",
    "99999-01-01",
];

fn date() -> BoxedStrategy<String> {
    prop_oneof![
        1 => quoted_one_of(DATES),
        // Any real date of the years the format can write.
        2 => any_day().prop_map(|day| quoted(&day.format("%Y-%m-%d").to_string())),
    ]
    .boxed()
}

/// Each field of a closed set of values, with its values (the format's own).
fn closed_fields() -> Vec<(&'static str, Vec<&'static str>)> {
    fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|value| id(*value)).collect()
    }
    vec![
        ("outcome", ids(ReviewOutcome::ALL, ReviewOutcome::id)),
        ("order", ids(Order::ALL, Order::id)),
        ("matters", ids(Matters::ALL, Matters::id)),
        ("transfer", ids(Transfer::ALL, Transfer::id)),
        ("exception", ids(ExceptionReason::ALL, ExceptionReason::id)),
        ("method", ids(SendMethod::ALL, SendMethod::id)),
        ("unit", ids(ResponseUnit::ALL, ResponseUnit::id)),
        ("review_complete_on", vec!["decision", "meeting"]),
    ]
}

/// Every value of every closed field, and some near misses.
fn choices() -> Vec<&'static str> {
    let mut all: Vec<&str> = closed_fields()
        .into_iter()
        .flat_map(|(_, values)| values)
        .collect();
    all.extend(["Maintain", "amend ", "", "x-other"]);
    all
}

fn kind() -> BoxedStrategy<String> {
    prop_oneof![
        8 => select(rules::EventKind::KNOWN).prop_map(|kind| quoted(kind.id())),
        1 => quoted_one_of(&["x-visit", "x-", "X-visit", "request-recieved", "", "x-é"]),
        1 => text(),
    ]
    .boxed()
}

/// Words a user types: anything, markup and script, long runs, controls.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => ".{0,40}".prop_map(|text| quoted(&text)),
        3 => quoted_one_of(&[
            "<script>window.__pwned=1</script>", "<img src=x onerror=\"window.__pwned=1\">",
            "\"><svg onload=window.__pwned=1>", "javascript:window.__pwned=1", "&lt;b&gt;",
            "\u{202e}lanigiro", "e\u{301}", "👩‍👧", "\u{0}", "\r\n", "=1+1", "C:\\CON",
        ]),
        1 => (1usize..5000).prop_map(|n| quoted(&"Ω".repeat(n))),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<String> {
    prop_oneof![
        2 => select(&[
            "0", "1", "20", "90", "-1", "4294967295", "4294967296", "18446744073709551615",
            "18446744073709551616", "1.5", "1e3", "1e999", "-0", "1e-400", "0.0000001",
        ][..]).prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
    .boxed()
}

/// Nesting as deep as 400 levels, past what any reader should follow.
fn nesting() -> BoxedStrategy<String> {
    (1usize..400, any::<bool>())
        .prop_map(|(depth, arrays)| {
            if arrays {
                format!("{}{}", "[".repeat(depth), "]".repeat(depth))
            } else {
                format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
            }
        })
        .boxed()
}

/// A value of any type.
fn any_value() -> BoxedStrategy<String> {
    prop_oneof![
        select(
            &[
                "null",
                "true",
                "false",
                "[]",
                "{}",
                "[1, \"a\"]",
                "{\"id\": 1}"
            ][..]
        )
        .prop_map(str::to_owned),
        number(),
        text(),
        date(),
        nesting(),
    ]
    .boxed()
}

/// A field of the format with a value near what it takes, or any key and value.
fn field() -> impl Strategy<Value = (String, String)> {
    const TEXT: &[&str] = &[
        "id",
        "child",
        "local_authority",
        "reference",
        "who",
        "note",
        "document",
        "party",
        "school",
    ];
    const DATED: &[&str] = &[
        "date",
        "from",
        "until",
        "date_of_birth",
        "exported_at",
        "move_date",
        "agreed_due",
    ];
    prop_oneof![
        3 => (select(TEXT), text()).prop_map(|(key, value)| (key.to_owned(), value)),
        3 => (select(DATED), date()).prop_map(|(key, value)| (key.to_owned(), value)),
        // Its own values most often, another field's or a near miss sometimes.
        2 => (select(closed_fields()), any::<Index>()).prop_map(|((key, values), at)| (key.to_owned(), quoted(values[at.index(values.len())]))),
        1 => (select(closed_fields()), select(choices())).prop_map(|((key, _), value)| (key.to_owned(), quoted(value))),
        1 => ("kind", kind()).prop_map(|(key, value)| (key.to_owned(), value)),
        1 => quoted_one_of(&["2024", "2024-03", "0000", "9999-12", "2024-13", "2024-00", "2024-3", "24", "2024-03-01", ""])
            .prop_map(|value| ("approx".to_owned(), value)),
        1 => quoted_one_of(&["17:30", "00:00", "23:59", "24:00", "7:30", "17:3", "17-30", "17:30:00", "1７:30"])
            .prop_map(|value| ("time".to_owned(), value)),
        1 => number().prop_map(|value| ("respond_within".to_owned(), value)),
        1 => (select(&["disputed", "includes_health", "health_only", "council_party"][..]), select(&["true", "false", "\"true\"", "1", "null"][..]))
            .prop_map(|(key, value)| (key.to_owned(), value.to_owned())),
        1 => select(&["1", "2", "0", "3", "-1", "2.5", "\"2\"", "null"][..])
            .prop_map(|value| ("stage".to_owned(), value.to_owned())),
        1 => quoted_one_of(&["ehc-timeline/1", "ehc-timeline/2", "ehc-timeline/99999999999", "ehc-timeline/", "EHC-TIMELINE/1", "ehc-timeline/0"])
            .prop_map(|value| ("format".to_owned(), value)),
        1 => documents().prop_map(|value| ("documents".to_owned(), value)),
        1 => (".{0,12}", any_value()),
    ]
}

/// An event's `documents`: a list of documents near what they take, or a
/// few repeated ids.
fn documents() -> BoxedStrategy<String> {
    let document = (
        quoted_one_of(&["d-1", "d-2", ""]),
        text(),
        number(),
        quoted_one_of(&[
            "0000000000000000000000000000000000000000000000000000000000000000",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "",
        ]),
        any::<bool>(),
    )
        .prop_map(|(id, name, size, sha256, complete)| {
            let media_type = if complete {
                r#", "media_type": "application/pdf""#
            } else {
                ""
            };
            format!(
                r#"{{"id": {id}, "name": {name}{media_type}, "size": {size}, "sha256": {sha256}}}"#
            )
        });
    prop_oneof![
        4 => proptest::collection::vec(document, 0..3).prop_map(|documents| format!("[{}]", documents.join(", "))),
        1 => any_value(),
    ]
    .boxed()
}

/// An event object: an id, a kind, a date or an approximate one, and a few
/// more fields.
fn event() -> BoxedStrategy<String> {
    (
        "e-[a-z0-9]{1,6}",
        kind(),
        prop_oneof![
            4 => date().prop_map(|date| format!("\"date\": {date}")),
            1 => quoted_one_of(&["2024", "2024-03"]).prop_map(|approx| format!("\"approx\": {approx}")),
        ],
        proptest::collection::vec(field(), 0..4),
    )
        .prop_map(|(id, kind, when, fields)| {
            let mut members = vec![format!("\"id\": {}", quoted(&id)), format!("\"kind\": {kind}"), when];
            members.extend(fields.into_iter().map(|(key, value)| format!("{}: {value}", quoted(&key))));
            format!("{{{}}}", members.join(", "))
        })
        .boxed()
}

/// A day: most often within the EHC system's years, sometimes anywhere the
/// format can write (years 0000 to 9999).
pub fn any_day() -> impl Strategy<Value = chrono::NaiveDate> {
    let day = |first: (i32, u32, u32), days: u64| {
        chrono::NaiveDate::from_ymd_opt(first.0, first.1, first.2).expect("a real date")
            + chrono::Days::new(days)
    };
    prop_oneof![
        3 => (0u64..6000).prop_map(move |days| day((2014, 9, 1), days)),
        1 => (0u64..3_652_424).prop_map(move |days| day((0, 1, 1), days)),
    ]
}
