//! Versioned storage with an in-memory backend: loading, saving, migrations,
//! and never losing data.

mod common;

use common::*;
use ehc_timeline::storage::{
    Backend, DecodeError, KEY, LoadProblem, MIGRATIONS, MemoryBackend, STORAGE_VERSION, decode,
    encode, load, migrate, save,
};
use rules::{ApproxDate, ReviewCompleteOn, When};
use serde_json::{Value, json};

const V1: &str = include_str!("fixtures/storage-v1.json");

fn backend_with(text: &str) -> MemoryBackend {
    let mut backend = MemoryBackend::default();
    backend.set(KEY, text).unwrap();
    backend
}

#[test]
fn the_storage_version_is_one_more_than_the_migrations() {
    assert_eq!(STORAGE_VERSION, MIGRATIONS.len() as u64 + 1);
}

#[test]
fn the_v1_fixture_loads_every_case_with_its_unknown_fields() {
    let loaded = load(&mut backend_with(V1));
    assert_eq!(loaded.problem, None);
    assert!(loaded.writable);
    let [first, second] = loaded.cases.as_slice() else {
        panic!("two cases: {:?}", loaded.cases);
    };
    assert_eq!(first.child.as_deref(), Some("A. B."));
    assert_eq!(first.events[1].extra["x-colour"], json!("blue"));
    assert_eq!(first.extra["x-from-a-newer-app"], json!({"kept": true}));
    assert_eq!(second.extra["archived"], json!(true));
    assert_eq!(
        second.settings.review_complete_on,
        ReviewCompleteOn::Meeting
    );
    assert_eq!(
        second.events[1].when,
        When::Approx(ApproxDate {
            year: 2025,
            month: Some(2)
        })
    );
}

#[test]
fn saving_and_loading_round_trips_the_cases() {
    let cases = load(&mut backend_with(V1)).cases;
    let mut backend = MemoryBackend::default();
    save(&mut backend, &cases).unwrap();
    assert_eq!(load(&mut backend).cases, cases);
    let stored: Value = serde_json::from_str(&backend.values[KEY]).unwrap();
    assert_eq!(stored["storage_version"], json!(1));
    assert_eq!(stored["format"], json!("ehc-timeline/1"));
}

#[test]
fn nothing_stored_is_an_empty_writable_list() {
    let loaded = load(&mut MemoryBackend::default());
    assert!(loaded.cases.is_empty());
    assert!(loaded.writable);
    assert_eq!(loaded.problem, None);
}

#[test]
fn corrupt_data_is_kept_aside_never_wiped() {
    let mut backend = backend_with("{\"storage_version\": 1, \"cases\": [");
    let loaded = load(&mut backend);
    let Some(LoadProblem::KeptAside { kept_as, reason }) = &loaded.problem else {
        panic!("{:?}", loaded.problem);
    };
    assert_eq!(kept_as, "ehc-timeline-corrupt-1");
    assert!(reason.contains("not valid JSON"), "{reason}");
    assert_eq!(
        backend.values[kept_as],
        "{\"storage_version\": 1, \"cases\": ["
    );
    assert!(
        loaded.writable,
        "the copy is safe, so the app may save again"
    );
    // Loading again does not make a second copy of the same text.
    let again = load(&mut backend);
    assert_eq!(again.problem, loaded.problem);
    assert_eq!(backend.values.len(), 2);
}

#[test]
fn a_second_different_corruption_gets_its_own_copy() {
    let mut backend = backend_with("not json");
    load(&mut backend);
    backend.set(KEY, "{\"storage_version\": 1}").unwrap();
    let loaded = load(&mut backend);
    assert!(matches!(
        loaded.problem,
        Some(LoadProblem::KeptAside { ref kept_as, .. }) if kept_as == "ehc-timeline-corrupt-2"
    ));
}

#[test]
fn data_the_engine_cannot_read_is_kept_aside_with_the_reason() {
    let text = r#"{"storage_version": 1, "format": "ehc-timeline/1", "cases": [{"id": "c-1",
        "events": [{"id": "e-1", "kind": "request-recieved", "date": "2025-01-06"}]}]}"#;
    let loaded = load(&mut backend_with(text));
    let Some(LoadProblem::KeptAside { reason, .. }) = loaded.problem else {
        panic!("{:?}", loaded.problem);
    };
    assert!(reason.contains("request-recieved"), "{reason}");
}

#[test]
fn corrupt_data_that_cannot_be_kept_aside_makes_storage_read_only() {
    let mut backend = backend_with("not json");
    backend.refuse_writes = Some("full".into());
    let loaded = load(&mut backend);
    assert!(matches!(
        loaded.problem,
        Some(LoadProblem::CouldNotKeepAside { .. })
    ));
    assert!(!loaded.writable);
    assert_eq!(backend.values[KEY], "not json");
}

#[test]
fn a_newer_storage_version_is_refused_and_left_as_it_is() {
    let text = r#"{"storage_version": 2, "format": "ehc-timeline/2", "cases": [], "new": 1}"#;
    let mut backend = backend_with(text);
    let loaded = load(&mut backend);
    assert_eq!(loaded.problem, Some(LoadProblem::TooNew { found: 2 }));
    assert!(!loaded.writable);
    assert_eq!(backend.values[KEY], text);
    assert_eq!(
        backend.values.len(),
        1,
        "nothing kept aside: it is not corrupt"
    );
}

#[test]
fn a_failed_save_keeps_the_previous_data() {
    let mut backend = backend_with(V1);
    let mut cases = load(&mut backend).cases;
    cases.pop();
    backend.refuse_writes = Some("this device's storage for the app is full".into());
    let error = save(&mut backend, &cases).unwrap_err();
    assert_eq!(error, "this device's storage for the app is full");
    assert_eq!(backend.values[KEY], V1);
}

#[test]
fn a_missing_storage_version_is_corrupt() {
    assert!(matches!(
        decode(r#"{"format": "ehc-timeline/1", "cases": []}"#),
        Err(DecodeError::Corrupt(_))
    ));
}

fn pretend_v1_to_v2(mut value: Value) -> Result<Value, String> {
    // A pretend step: rename "child" to "name".
    for case in value["cases"].as_array_mut().ok_or("no cases")? {
        let case = case.as_object_mut().ok_or("a case is not an object")?;
        if let Some(child) = case.remove("child") {
            case.insert("name".into(), child);
        }
    }
    Ok(value)
}

#[test]
fn migrations_run_each_step_from_the_stored_version() {
    let v1: Value = serde_json::from_str(V1).unwrap();
    let v2 = migrate(v1, &[pretend_v1_to_v2]).unwrap();
    assert_eq!(v2["storage_version"], json!(2));
    assert_eq!(v2["cases"][0]["name"], json!("A. B."));
    // A value already at the newest version is left as it is.
    let again = migrate(v2.clone(), &[pretend_v1_to_v2]).unwrap();
    assert_eq!(again, v2);
}

#[test]
fn a_failing_migration_step_is_reported_as_corrupt() {
    let broken = json!({"storage_version": 1, "cases": "not a list"});
    let Err(DecodeError::Corrupt(reason)) = migrate(broken, &[pretend_v1_to_v2]) else {
        panic!("a failing step is an error");
    };
    assert!(reason.contains("updated to version 2"), "{reason}");
}

#[test]
fn encode_writes_version_format_and_cases_in_one_value() {
    let text = encode([&late_assessment()]);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["storage_version"], json!(1));
    assert_eq!(
        value["cases"][0]["events"][1]["kind"],
        json!("decision-to-assess")
    );
    assert_eq!(decode(&text).unwrap(), vec![late_assessment()]);
}
