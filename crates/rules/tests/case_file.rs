//! The case file format: what reads, what round-trips, and how a bad file is
//! refused, with the line and column a user can go to.

use rules::{EventKind, ReadError, When, read_case_file, write_case_file};

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
    assert_eq!(case.extra["archived"], serde_json::json!(true));
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
fn malformed_json_is_refused_at_the_fault() {
    let error = refused(
        "{\n  \"format\": \"ehc-timeline/1\",\n  \"cases\": [\n    { \"id\": \"c-1\" \"events\": [] }\n  ]\n}\n",
    );
    assert_eq!(at(&error), (Some(4), Some(19)));
    assert!(error.message.contains("not valid JSON"), "{error}");
}

#[test]
fn an_unknown_kind_is_refused_with_its_position_and_event() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-recieved", "date": "2025-01-06" }"#,
    ));
    assert_eq!(at(&error), (Some(5), Some(47)));
    assert_eq!(error.event.as_deref(), Some("e-1"));
    assert_eq!(error.path, "cases[0].events[0].kind");
    assert!(
        error
            .message
            .starts_with("unknown event kind \"request-recieved\""),
        "{error}"
    );
}

#[test]
fn an_impossible_date_is_refused_saying_why() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2025-02-30" }"#,
    ));
    assert_eq!(at(&error), (Some(5), Some(71)));
    assert_eq!(
        error.message,
        "\"2025-02-30\" is not a real date: February 2025 has 28 days"
    );
    let leap = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "2023-02-29" }"#,
    ));
    assert_eq!(
        leap.message,
        "\"2023-02-29\" is not a real date: February 2023 has 28 days"
    );
    let shape = refused(&with_event(
        r#"{ "id": "e-1", "kind": "request-received", "date": "6/1/2025" }"#,
    ));
    assert!(shape.message.contains("write it as YYYY-MM-DD"), "{shape}");
}

#[test]
fn an_event_without_a_date_is_refused_naming_it() {
    let error = refused(&with_event(
        r#"{ "id": "e-7", "kind": "request-received" }"#,
    ));
    assert_eq!(error.event.as_deref(), Some("e-7"));
    assert_eq!(error.line, Some(5));
    assert!(
        error.message.starts_with("event \"e-7\" has no date"),
        "{error}"
    );
    let both = refused(&with_event(
        r#"{ "id": "e-7", "kind": "letter", "date": "2025-01-06", "approx": "2025-01" }"#,
    ));
    assert!(
        both.message.contains("both \"date\" and \"approx\""),
        "{both}"
    );
}

#[test]
fn fields_a_kind_needs_are_required() {
    let error = refused(&with_event(
        r#"{ "id": "e-1", "kind": "tribunal-order", "date": "2025-07-01" }"#,
    ));
    assert_eq!(
        error.message,
        "event \"e-1\" (tribunal-order) needs \"order\""
    );
    let value = refused(&with_event(
        r#"{ "id": "e-1", "kind": "review-decision", "date": "2025-07-01", "outcome": "keep" }"#,
    ));
    assert!(
        value.message.contains("\"maintain\", \"amend\", \"cease\""),
        "{value}"
    );
}

#[test]
fn a_complaint_stage_is_1_or_2_and_a_move_needs_its_day() {
    let stage = refused(&with_event(
        r#"{ "id": "e-1", "kind": "complaint-made", "date": "2026-04-01", "stage": 3 }"#,
    ));
    assert!(stage.message.contains("use 1 or 2"), "{stage}");
    assert_eq!(at(&stage).0, Some(5));
    let moved = refused(&with_event(
        r#"{ "id": "e-1", "kind": "move-notified", "date": "2025-08-22" }"#,
    ));
    assert_eq!(
        moved.message,
        "event \"e-1\" (move-notified) needs \"move_date\""
    );
}

#[test]
fn a_newer_or_foreign_format_is_refused_plainly() {
    let newer = refused(r#"{ "format": "ehc-timeline/2", "cases": [] }"#);
    assert!(
        newer
            .message
            .contains("newer version of EHC Timeline (ehc-timeline/2)"),
        "{newer}"
    );
    assert_eq!(at(&newer), (Some(1), Some(28)));
    let foreign = refused(r#"{ "cases": [] }"#);
    assert!(
        foreign
            .message
            .starts_with("this is not an EHC Timeline case file"),
        "{foreign}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let text = with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-1", "kind": "note", "date": "2025-01-07" }"#,
    );
    let error = refused(&text);
    assert!(error.message.contains("have the id \"e-1\""), "{error}");
}

#[test]
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
        wrong_value.message,
        "\"review\" is not allowed here: use \"decision\" or \"meeting\""
    );
}

#[test]
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
fn a_fault_at_the_top_level_has_a_short_path() {
    let date =
        refused(r#"{ "format": "ehc-timeline/1", "exported_at": "2025-13-01", "cases": [] }"#);
    assert_eq!(date.path, "exported_at");
    assert_eq!(date.event, None);
    let format = refused(r#"{ "format": "ehc-timeline/2", "cases": [] }"#);
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
fn a_duplicate_id_is_placed_at_what_holds_both() {
    let events = refused(&with_event(
        r#"{ "id": "e-1", "kind": "letter", "date": "2025-01-06" }, { "id": "e-1", "kind": "note", "date": "2025-01-07" }"#,
    ));
    assert_eq!(events.path, "cases[0]");
    assert_eq!(events.event, None);
    assert_eq!(
        events.message,
        "two events in case \"c-1\" have the id \"e-1\": each event needs its own"
    );
    let cases = refused(&with_cases(&[
        r#"{ "id": "c-1", "events": [] }"#,
        r#"{ "id": "c-1", "events": [] }"#,
    ]));
    assert_eq!(cases.path, "");
    assert_eq!(
        cases.message,
        "two cases have the id \"c-1\": each case needs its own"
    );
}
