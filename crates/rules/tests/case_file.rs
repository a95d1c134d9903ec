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
    assert_eq!(case.events.len(), 11);
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
