//! The case file format: what reads, what round-trips, and how a bad file is
//! refused, with the line and column a user can go to.

#[path = "support/hostile.rs"]
mod hostile;

use rules::{
    CaseFile, EventKind, ReadError,
    case_file::{FORMAT, FORMAT_WITH_DOCUMENTS, Found, Problem, When, import_case_file},
    read_case_file, write_case_file,
};

/// A file with one event; `event` is the event's JSON object.
fn with_event(event: &str) -> String {
    format!(
        "{{\n  \"format\": \"ehc-timeline/1\",\n  \"cases\": [\n    {{ \"id\": \"c-1\", \"events\": [\n      {event}\n    ] }}\n  ]\n}}\n"
    )
}

fn refused(text: &str) -> ReadError {
    read_case_file(text).expect_err("the file should be refused")
}

fn at(error: &ReadError) -> (Option<usize>, Option<usize>) {
    (error.line, error.column)
}

/// A file with every field of the format, unknown ones included.
const EVERY_FIELD: &str = include_str!("fixtures/every-field.json");

#[test]
fn every_field_reads_and_survives_a_round_trip_unknown_ones_included() {
    let file = read_case_file(EVERY_FIELD).unwrap();
    let case = &file.cases[0];
    assert_eq!(case.events.len(), 15);
    let [moved, mediation, agreement, complaint] = &case.events[11..] else {
        unreachable!()
    };
    assert_eq!(moved.move_date.unwrap().to_string(), "2025-09-01");
    assert_eq!(
        (mediation.includes_health, mediation.health_only),
        (Some(true), Some(false))
    );
    assert_eq!(agreement.council_party, Some(false));
    assert_eq!(agreement.agreed_due.unwrap().to_string(), "2025-10-31");
    assert_eq!(complaint.stage, Some(2));
    assert_eq!(case.extra["archived"], true);
    assert_eq!(case.settings.extra["colour"], "blue");
    assert_eq!(file.extra["made_by"], "a newer app");
    assert_eq!(
        case.events[8].kind,
        EventKind::Custom("x-school-visit".into())
    );
    assert_eq!(case.events[8].extra["mood"], "hopeful");
    assert!(matches!(case.events[9].when, When::Approx(approx) if approx.to_string() == "2024-03"));

    let written = write_case_file(&file);
    assert_eq!(read_case_file(&written).unwrap(), file);
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["cases"][0]["events"][0]["time"], "17:30");
    assert_eq!(value["cases"][0]["events"][9]["approx"], "2024-03");
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn malformed_json_is_refused_at_the_fault() {
    let error = refused(
        "{\n  \"format\": \"ehc-timeline/1\",\n  \"cases\": [\n    { \"id\": \"c-1\" \"events\": [] }\n  ]\n}\n",
    );
    assert_eq!(at(&error), (Some(4), Some(19)));
    assert!(
        error.problem.to_string().contains("not valid JSON"),
        "{error}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn an_unknown_kind_is_refused_with_its_position_and_event() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-recieved", "date": "2025-01-06" }"#,
    ));
    assert_eq!(at(&error), (Some(5), Some(47)));
    assert_eq!(error.event.as_deref(), Some("e-1"));
    assert_eq!(error.path, "cases[0].events[0].kind");
    assert!(
        error
            .problem
            .to_string()
            .starts_with("unknown event kind \"request-recieved\""),
        "{error}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn an_impossible_date_is_refused_saying_why() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2025-02-30" }"#,
    ));
    assert_eq!(at(&error), (Some(5), Some(71)));
    assert_eq!(
        error.problem.to_string(),
        "\"2025-02-30\" is not a real date: February 2025 has 28 days"
    );
    let leap = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2023-02-29" }"#,
    ));
    assert_eq!(
        leap.problem.to_string(),
        "\"2023-02-29\" is not a real date: February 2023 has 28 days"
    );
    let shape = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "6/1/2025" }"#,
    ));
    assert!(
        shape.problem.to_string().contains("write it as YYYY-MM-DD"),
        "{shape}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn an_event_without_a_date_is_refused_naming_it() {
    let error = refused(&with_event(
        r#"{ "id": "e-7", "kind": "request-received" }"#,
    ));
    assert_eq!(error.event.as_deref(), Some("e-7"));
    assert_eq!(error.line, Some(5));
    assert!(
        error
            .problem
            .to_string()
            .starts_with("event \"e-7\" has no date"),
        "{error}"
    );
    let both = refused(&with_event(
        r#"{ "id": "e-7", "kind": "letter", "date": "2025-01-06", "approx": "2025-01" }"#,
    ));
    assert!(
        both.problem
            .to_string()
            .contains("both \"date\" and \"approx\""),
        "{both}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn fields_a_kind_needs_are_required() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "tribunal-order", "date": "2025-07-01" }"#,
    ));
    assert_eq!(
        error.problem.to_string(),
        "event \"e-1\" (tribunal-order) needs \"order\""
    );
    let value = refused(&with_event(
        r#"{ "id": "e-1", "kind": "review-decision", "date": "2025-07-01", "outcome": "keep" }"#,
    ));
    assert!(
        value
            .problem
            .to_string()
            .contains("\"maintain\", \"amend\", \"cease\""),
        "{value}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_complaint_stage_is_1_or_2_and_a_move_needs_its_day() {
    let stage = refused(&with_event(
        r#"{ "id": "e-1", "kind": "complaint-made", "date": "2026-04-01", "stage": 3 }"#,
    ));
    assert!(stage.problem.to_string().contains("use 1 or 2"), "{stage}");
    assert_eq!(at(&stage).0, Some(5));
    let moved = refused(&with_event(
        r#"{ "id": "e-1", "kind": "move-notified", "date": "2025-08-22" }"#,
    ));
    assert_eq!(
        moved.problem.to_string(),
        "event \"e-1\" (move-notified) needs \"move_date\""
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_newer_or_foreign_format_is_refused_plainly() {
    let newer = refused(r#"{ "format": "ehc-timeline/3", "cases": [] }"#);
    assert!(
        newer
            .problem
            .to_string()
            .contains("newer version of EHC Timeline (ehc-timeline/3)"),
        "{newer}"
    );
    assert_eq!(at(&newer), (Some(1), Some(28)));
    let foreign = refused(r#"{ "cases": [] }"#);
    assert_eq!(
        foreign.problem.to_string(),
        r#"this is not an EHC Timeline case file: "format" must be "ehc-timeline/1" or "ehc-timeline/2""#
    );
    let older = refused(r#"{ "format": "ehc-timeline/0", "cases": [] }"#);
    assert_eq!(*older.problem, Problem::NotACaseFile);
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn duplicate_ids_are_refused() {
    let text = with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-1", "kind": "note", "date": "2025-01-07" }"#,
    );
    let error = refused(&text);
    assert!(
        error.problem.to_string().contains("have the id \"e-1\""),
        "{error}"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn the_display_says_where_and_what() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2025-02-30" }"#,
    ));
    assert_eq!(
        error.to_string(),
        "line 5, column 71 (cases[0].events[0].date, event \"e-1\"): \"2025-02-30\" is not a real date: February 2025 has 28 days"
    );
}

/// A file of `cases`, each a case's JSON object, one a line.
fn with_cases(cases: &[&str]) -> String {
    format!(
        "{{\n  \"format\": \"ehc-timeline/1\",\n  \"cases\": [\n    {}\n  ]\n}}\n",
        cases.join(",\n    ")
    )
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_fault_in_the_settings_is_placed_in_them() {
    let wrong_type = refused(&with_cases(&[
        r#"{ "id": "c-1", "settings": { "colour": "blue", "review_complete_on": 5 }, "events": [] }"#,
    ]));
    assert_eq!(wrong_type.path, "cases[0].settings.review_complete_on");
    assert_eq!(at(&wrong_type), (Some(4), Some(74)));
    assert_eq!(wrong_type.event, None);
    // A value out of the set is judged once the settings are read.
    let wrong_value = refused(&with_cases(&[
        r#"{ "id": "c-1", "settings": { "review_complete_on": "review" }, "events": [] }"#,
    ]));
    assert_eq!(wrong_value.path, "cases[0].settings");
    assert_eq!(
        wrong_value.problem.to_string(),
        "\"review\" is not allowed here: use \"decision\" or \"meeting\""
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_fault_inside_an_unknown_field_is_placed_inside_it() {
    let element = refused(&with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "x-notes": { "seen": [true, tru] } }"#,
    ));
    assert_eq!(element.path, "cases[0].events[0].x-notes.seen[1]");
    assert_eq!(at(&element), (Some(5), Some(93)));
    // Not valid JSON, so the event cannot be looked up by its id.
    assert_eq!(element.event, None);
    let between = refused(&with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "x-notes": { "seen": [true false] } }"#,
    ));
    assert_eq!(between.path, "cases[0].events[0].x-notes.seen");
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_fault_in_a_later_case_names_its_case_and_event() {
    let error = refused(&with_cases(&[
        r#"{ "id": "c-1", "events": [] }"#,
        r#"{ "id": "c-2", "events": [{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }] }"#,
        r#"{ "id": "c-3", "events": [{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-2", "kind": "note", "date": "2025-01-07", "time": "5pm" }] }"#,
    ]));
    assert_eq!(error.path, "cases[2].events[1].time");
    assert_eq!(error.event.as_deref(), Some("e-2"));
    assert_eq!(at(&error), (Some(6), Some(153)));
    assert_eq!(
        error.to_string(),
        "line 6, column 153 (cases[2].events[1].time, event \"e-2\"): \"5pm\" is not a time: write it as HH:MM, such as \"17:30\""
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_fault_at_the_top_level_has_a_short_path() {
    let date =
        refused(r#"{ "format": "ehc-timeline/1", "exported_at": "2025-13-01", "cases": [] }"#);
    assert_eq!(date.path, "exported_at");
    assert_eq!(date.event, None);
    let format = refused(r#"{ "format": "ehc-timeline/3", "cases": [] }"#);
    assert_eq!(format.path, "");
    let cases = refused(r#"{ "format": "ehc-timeline/1", "cases": {} }"#);
    assert_eq!(cases.path, "cases");
    // A key that cannot be read is `?` in the path.
    let key = refused(r#"{ "format": "ehc-timeline/1" "cases": [] }"#);
    assert_eq!(key.path, "?");
    assert_eq!(at(&key), (Some(1), Some(30)));
    let trailing = refused(r#"{ "format": "ehc-timeline/1", "cases": [] } x"#);
    assert_eq!(
        (trailing.path.as_str(), at(&trailing)),
        ("", (Some(1), Some(45)))
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_repeated_id_is_placed_at_its_second_use() {
    let events = refused(&with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-1", "kind": "note", "date": "2025-01-07" }"#,
    ));
    assert_eq!(events.path, "cases[0].events[1].id");
    assert_eq!(at(&events), (Some(5), Some(76)));
    assert_eq!(events.event.as_deref(), Some("e-1"));
    assert_eq!(
        events.problem.to_string(),
        "two events in this case have the id \"e-1\": each event needs its own"
    );
    let cases = refused(&with_cases(&[
        r#"{ "id": "c-1", "events": [] }"#,
        r#"{ "id": "c-1", "events": [] }"#,
    ]));
    assert_eq!(cases.path, "cases[1].id");
    assert_eq!(at(&cases), (Some(5), Some(17)));
    assert_eq!(
        cases.problem.to_string(),
        "two cases have the id \"c-1\": each case needs its own"
    );
    // An event id may be used again in another case, and a file read again.
    let text = with_cases(&[
        r#"{ "id": "c-1", "events": [{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }] }"#,
        r#"{ "id": "c-2", "events": [{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }] }"#,
    ]);
    assert_eq!(read_case_file(&text).map(|file| file.cases.len()), Ok(2));
    assert_eq!(read_case_file(&text).map(|file| file.cases.len()), Ok(2));
}

#[test]
fn every_hostile_file_is_refused_naming_the_place_and_the_problem() {
    for file in hostile::refused() {
        let error = import_case_file(file.bytes).expect_err(file.name);
        if cfg!(feature = "unworded") && file.problem != Problem::NoCases {
            assert_unworded(&error);
        } else {
            file.assert_is(&error);
        }
        // The reader under the import refuses it the same, a file without
        // cases apart: the app's storage may hold none.
        match read_case_file(file.bytes) {
            Err(read) => assert_eq!(read, error),
            Ok(read) => assert!(read.cases.is_empty() && *error.problem == Problem::NoCases),
        }
    }
}

/// A refusal where faults are not worded (the feature `unworded`, the app's
/// first module): no place, and the one problem (`Problem::Unworded`, which
/// only that build has).
fn assert_unworded(error: &ReadError) {
    let place = (error.line, error.column, error.path.as_str(), &error.event);
    assert_eq!(place, (None, None, "", &None), "{error}");
    assert_eq!(error.problem.to_string(), "this cannot be read");
}

/// Each fault of an event's fields that the tests above word, refused where
/// faults are not worded too.
#[test]
fn every_fault_of_an_event_is_refused_worded_or_not() {
    let events = [
        r#"{ "id": "e-1", "kind": "request-recieved", "date": "2025-01-06" }"#,
        r#"{ "id": "e-1", "kind": "request-received", "date": "2025-02-30" }"#,
        r#"{ "id": "e-1", "kind": "request-received", "date": "6/1/2025" }"#,
        r#"{ "id": "e-1", "kind": "request-received" }"#,
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "approx": "2025-01" }"#,
        r#"{ "id": "e-1", "kind": "letter", "approx": "2025-13" }"#,
        r#"{ "id": "e-1", "kind": "tribunal-order", "date": "2025-07-01" }"#,
        r#"{ "id": "e-1", "kind": "review-decision", "date": "2025-07-01", "outcome": "keep" }"#,
        r#"{ "id": "e-1", "kind": "complaint-made", "date": "2026-04-01", "stage": 3 }"#,
        r#"{ "id": "e-1", "kind": "request-sent", "date": "2026-04-01", "time": "25:00" }"#,
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "note": 7 }"#,
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "disputed": "yes" }"#,
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "date": "2025-01-07" }"#,
        r#"{ "kind": "letter", "date": "2025-01-06" }"#,
        r#"{ "id": "", "kind": "letter", "date": "2025-01-06" }"#,
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-1", "kind": "note", "date": "2025-01-07" }"#,
    ];
    for event in events {
        let error = refused(&with_event(event));
        if cfg!(feature = "unworded") {
            assert_unworded(&error);
        }
    }
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn bytes_that_are_not_utf8_are_refused_at_their_offset() {
    let error = refused_bytes(b"{\"format\": \"caf\xe9\"}");
    assert_eq!(
        *error.problem,
        Problem::NotUtf8 {
            offset: 15,
            byte: 0xE9
        }
    );
    assert_eq!(at(&error), (Some(1), Some(16)));
    assert_eq!(
        error.to_string(),
        "line 1, column 16: this is not UTF-8 text: byte 15 (0xE9) is not UTF-8; save the file as UTF-8"
    );
    // A UTF-8 sequence cut short at the end of the file.
    let cut = refused_bytes(b"{\n\"format\": \"caf\xc3");
    assert_eq!(
        (&*cut.problem, cut.line),
        (
            &Problem::NotUtf8 {
                offset: 16,
                byte: 0xC3
            },
            Some(2)
        )
    );
    // UTF-16, as some editors save "Unicode".
    let utf16: Vec<u8> = "{\"format\": 1}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(matches!(
        *refused_bytes(&[&[0xFF, 0xFE], utf16.as_slice()].concat()).problem,
        Problem::NotUtf8 { offset: 0, .. }
    ));
}

fn refused_bytes(bytes: &[u8]) -> ReadError {
    read_case_file(bytes).expect_err("the bytes should be refused")
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_key_written_twice_is_refused_wherever_it_is() {
    let top = refused(r#"{ "format": "ehc-timeline/1", "format": "ehc-timeline/1", "cases": [] }"#);
    assert_eq!(
        (top.path.as_str(), at(&top)),
        ("format", (Some(1), Some(38)))
    );
    assert_eq!(
        top.to_string(),
        r#"line 1, column 38 (format): "format" is written twice in the same object: keep only one"#
    );
    let settings = refused(&with_cases(&[
        r#"{ "id": "c-1", "settings": { "x": 1, "x": 2 }, "events": [] }"#,
    ]));
    assert_eq!(settings.path, "cases[0].settings.x");
    let nested = refused(&with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "x-a": [{ "b": { "c": 1, "c": 1 } }] }"#,
    ));
    assert_eq!(nested.path, "cases[0].events[0].x-a[0].b.c");
    assert_eq!(nested.event.as_deref(), Some("e-1"));
}

/// A file with a field of its own, outside its cases, of `levels` arrays
/// one in another.
fn with_nested_field(levels: usize) -> String {
    format!(
        r#"{{"format": "ehc-timeline/1", "x-deep": {}1{}, "cases": [{{"id": "c-1", "events": []}}]}}"#,
        "[".repeat(levels),
        "]".repeat(levels)
    )
}

/// A file's own fields nest three levels less than the rest may: the app
/// keeps them with each case, in its store's list of cases, where they
/// stand three levels deeper and must still read back (the reader stops
/// at 127 levels, as serde_json does). Found by the import's fuzzing.
#[test]
fn a_files_own_fields_leave_room_to_be_kept_with_its_cases() {
    assert!(read_case_file(with_nested_field(123)).is_ok());
    let deep = refused(&with_nested_field(124));
    assert_eq!(
        *deep.problem,
        Problem::NotJson(rules::case_file::JsonFault::RecursionLimit)
    );
    if cfg!(not(feature = "unworded")) {
        assert!(deep.path.starts_with("x-deep[0]"), "{}", deep.path);
    }
    // A case's and an event's own fields are kept where they are read.
    let in_event = |levels: usize| {
        with_event(&format!(
            r#"{{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "x": {}1{} }}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        ))
    };
    assert!(read_case_file(in_event(122)).is_ok());
    assert!(read_case_file(in_event(123)).is_err());
}

#[test]
fn odd_but_sound_files_are_read_and_keep_every_unknown_field() {
    for (name, bytes) in hostile::accepted() {
        let file = import_case_file(bytes).unwrap_or_else(|error| panic!("{name}: {error}"));
        let written = write_case_file(&file);
        assert_eq!(read_case_file(&written).as_ref(), Ok(&file), "{name}");
    }
    let [bom, unknown] = hostile::accepted().map(|(_, bytes)| read_case_file(bytes).unwrap());
    assert_eq!(bom.cases[0].child.as_deref(), Some("Zo\u{eb}"));
    let written: serde_json::Value = serde_json::from_str(&write_case_file(&unknown)).unwrap();
    assert_eq!(
        written["x-top"],
        serde_json::json!({ "made_by": "a later version", "seen": [1, 2] })
    );
    assert_eq!(written["x-after"], serde_json::Value::Null);
    assert_eq!(written["cases"][0]["x-case"], "kept");
    assert_eq!(written["cases"][0]["events"][0]["x-event"], "kept");
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn each_problem_is_a_kind_a_caller_can_match() {
    let cases = [
        (r#"{ "format": "ehc-timeline/1", "cases": ["#, "EndsEarly"),
        (
            r#"{ "format": "ehc-timeline/1", "cases": [] } x"#,
            "NotJson",
        ),
        (
            r#"{ "format": "ehc-timeline/1", "cases": {} }"#,
            "WrongType",
        ),
        (r#"{ "format": 7, "cases": [] }"#, "WrongType"),
        (r#"{ "cases": [] }"#, "NotACaseFile"),
        (
            r#"{ "format": "ehc-timeline/9", "cases": [] }"#,
            "NewerVersion",
        ),
        (
            r#"{ "format": "ehc-timeline/1", "cases": [{ "events": [] }] }"#,
            "MissingId",
        ),
    ];
    for (text, kind) in cases {
        let problem = refused(text).problem;
        assert!(
            format!("{problem:?}").starts_with(kind),
            "{text}: {problem:?}"
        );
    }
    let value = refused(&with_event(
        r#"{ "id": "e-1", "kind": "complaint-made", "date": "2026-04-01", "respond_within": -1 }"#,
    ));
    assert_eq!(
        *value.problem,
        Problem::WrongValue {
            found: Found::Negative(-1),
            expected: "u32"
        }
    );
}

/// A version 2 file with one event (`e-3`, the spec's example) whose
/// `documents` are `documents`, the list written on its own line.
fn with_documents(documents: &str) -> String {
    format!(
        "{{\n  \"format\": \"ehc-timeline/2\",\n  \"cases\": [\n    {{ \"id\": \"c-1\", \"events\": [\n      {{ \"id\": \"e-3\", \"kind\": \"advice-received\", \"date\": \"2025-05-02\", \"documents\":\n        {documents}\n      }}\n    ] }}\n  ]\n}}\n"
    )
}

/// A digest of 64 lower-case hex digits, different for each `seed`.
fn digest(seed: u8) -> String {
    format!("{seed:02x}").repeat(32)
}

/// The spec's example document, with `sha256` the digest.
fn ep_report(sha256: &str) -> String {
    format!(
        r#"{{ "id": "d-1", "name": "ep-report.pdf", "media_type": "application/pdf", "size": 48213, "sha256": "{sha256}" }}"#
    )
}

#[test]
fn documents_are_read_and_written_back_as_version_2_unknown_fields_kept() {
    let text = with_documents(&format!(
        r#"[{}, {{ "id": "d-2", "name": "photo.jpg", "media_type": "image/jpeg", "size": 0, "sha256": "{}", "x-pages": 3 }}]"#,
        ep_report(&digest(0x12)),
        digest(0xab)
    ));
    let file = read_case_file(&text).unwrap();
    let documents = &file.cases[0].events[0].documents;
    assert_eq!(documents.len(), 2);
    assert_eq!(
        (
            documents[0].id.as_str(),
            documents[0].name.as_str(),
            documents[0].media_type.as_str(),
            documents[0].size,
            documents[0].sha256.as_str()
        ),
        (
            "d-1",
            "ep-report.pdf",
            "application/pdf",
            48213,
            digest(0x12).as_str()
        )
    );
    assert_eq!(documents[1].extra["x-pages"], 3);
    assert_eq!(file.format, FORMAT_WITH_DOCUMENTS);

    let written = write_case_file(&file);
    assert_eq!(read_case_file(&written).as_ref(), Ok(&file));
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["format"], "ehc-timeline/2");
    let event = value["cases"][0]["events"][0].as_object().unwrap();
    assert_eq!(event.keys().next_back().unwrap(), "documents");
    let keys: Vec<&String> = event["documents"][1].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["id", "name", "media_type", "size", "sha256", "x-pages"]
    );
}

/// Asserts that `file` is written with `format`, and read back the same.
fn assert_written_as(file: &CaseFile, format: &str) {
    let written = write_case_file(file);
    assert!(
        written.contains(&format!("\"format\": \"{format}\"")),
        "{written}"
    );
    assert_eq!(read_case_file(&written).unwrap().cases, file.cases);
}

#[test]
fn a_file_is_written_as_version_2_only_when_some_event_has_documents() {
    // A version 1 file stays version 1, and says nothing of documents.
    let v1 = read_case_file(with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2025-01-06" }"#,
    ))
    .unwrap();
    assert_eq!(v1.format, FORMAT);
    assert_written_as(&v1, FORMAT);
    assert!(!write_case_file(&v1).contains("documents"));
    // A version 2 file whose documents are all gone is version 1 again,
    // whatever its `format` says.
    let v2_text = with_documents(&format!("[{}]", ep_report(&digest(1))));
    let v2 = read_case_file(&v2_text).unwrap();
    let mut emptied = v2.clone();
    emptied.cases[0].events[0].documents.clear();
    assert_written_as(&emptied, FORMAT);
    let empty = read_case_file(with_documents("[]")).unwrap();
    assert_eq!(empty.format, FORMAT);
    // Documents added to a version 1 file make it version 2, whatever the
    // caller left in `format`.
    let mut added = v1.clone();
    added.cases[0].events[0].documents = v2.cases[0].events[0].documents.clone();
    assert_eq!(added.format, FORMAT);
    assert_written_as(&added, FORMAT_WITH_DOCUMENTS);
    // The app's storage writes version 1 with documents in it: they are read.
    let stored = v2_text.replace("ehc-timeline/2", "ehc-timeline/1");
    assert_eq!(read_case_file(stored), Ok(v2));
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn the_same_document_may_be_on_two_events_but_not_twice_on_one() {
    let report = ep_report(&digest(7));
    let text = with_event(&format!(
        r#"{{ "id": "e-1", "kind": "letter", "date": "2025-01-06", "documents": [{report}] }}, {{ "id": "e-2", "kind": "letter", "date": "2025-01-07", "documents": [{report}] }}"#
    ));
    let file = read_case_file(&text).unwrap();
    assert_eq!(
        file.cases[0].events[0].documents,
        file.cases[0].events[1].documents
    );
    let twice = refused(&with_documents(&format!("[{report}, {report}]")));
    assert_eq!(twice.path, "cases[0].events[0].documents[1].id");
    assert_eq!(twice.event.as_deref(), Some("e-3"));
    assert_eq!(at(&twice), (Some(6), Some(190)));
    assert_eq!(
        twice.problem.to_string(),
        "two documents of this event have the id \"d-1\": each document needs its own"
    );
}

#[test]
#[cfg_attr(feature = "unworded", ignore = "words and places each fault")]
fn a_bad_document_is_refused_where_it_is_written() {
    let good = digest(0x1a);
    // (the document, its path, line and column, and the message)
    let cases = [
        (
            ep_report(&good).replace("48213", "-1"),
            "cases[0].events[0].documents[0].size",
            (6, 92),
            "invalid value: integer `-1`, expected u64",
        ),
        (
            ep_report(&good).replace("48213", "48.5"),
            "cases[0].events[0].documents[0].size",
            (6, 94),
            "invalid type: floating point `48.5`, expected u64",
        ),
        (
            ep_report(&good).replace("48213", "\"48213\""),
            "cases[0].events[0].documents[0].size",
            (6, 97),
            "invalid type: string \"48213\", expected u64",
        ),
        (
            ep_report(&good.to_uppercase()),
            "cases[0].events[0].documents[0].sha256",
            (6, 173),
            &format!(
                "\"{}\" is not a SHA-256 digest: write it as 64 hex digits in lower case",
                good.to_uppercase()
            ),
        ),
        (
            ep_report(&good[..63]),
            "cases[0].events[0].documents[0].sha256",
            (6, 172),
            &format!(
                "\"{}\" is not a SHA-256 digest: write it as 64 hex digits in lower case",
                &good[..63]
            ),
        ),
        (
            ep_report(&good).replace("\"ep-report.pdf\"", "null"),
            "cases[0].events[0].documents[0].name",
            (6, 36),
            "invalid type: null, expected a string",
        ),
        (
            ep_report(&good).replace(r#""media_type": "application/pdf", "#, ""),
            "cases[0].events[0].documents[0]",
            (6, 142),
            "document \"d-1\" needs \"media_type\"",
        ),
        (
            ep_report(&good).replace(r#""id": "d-1", "#, ""),
            "cases[0].events[0].documents[0]",
            (6, 162),
            "a document has no \"id\": give it one, such as \"d-1\"",
        ),
        (
            ep_report(&good).replace(r#""id": "d-1""#, r#""id": """#),
            "cases[0].events[0].documents[0].id",
            (6, 19),
            "a document has an empty \"id\": give it one, such as \"d-1\"",
        ),
        (
            "\"ep-report.pdf\"".to_owned(),
            "cases[0].events[0].documents[0]",
            (6, 24),
            "invalid type: string \"ep-report.pdf\", expected a document: a JSON object with \"id\", \"name\", \"media_type\", \"size\" and \"sha256\"",
        ),
    ];
    for (document, path, (line, column), message) in cases {
        let error = refused(&with_documents(&format!("[{document}]")));
        assert_eq!(
            (
                error.path.as_str(),
                at(&error),
                error.problem.to_string().as_str()
            ),
            (path, (Some(line), Some(column)), message),
            "{document}"
        );
        assert_eq!(error.event.as_deref(), Some("e-3"), "{document}");
    }
    let not_a_list = refused(&with_documents(&ep_report(&good)));
    assert_eq!(not_a_list.path, "cases[0].events[0].documents");
    assert_eq!(
        not_a_list.problem.to_string(),
        "invalid type: map, expected a sequence"
    );
}
