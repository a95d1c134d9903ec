//! Versioned storage with an in-memory backend: loading, saving, migrations,
//! and never losing data.

mod common;

use std::rc::Rc;

use common::*;
use ehc_timeline::lock;
use ehc_timeline::storage::sync::{ClashKind, Merge, SaveError, Session, Synced, merge};
use ehc_timeline::storage::{
    Backend, DecodeError, KEY, LoadProblem, Loaded, MIGRATIONS, MemoryBackend, STORAGE_VERSION,
    Saving, decode, encode, load, migrate, save,
};
use rules::{
    Case, EventKind,
    case_file::{ApproxDate, ReviewCompleteOn, When},
    read_case_file,
};
use serde_json::{Value, json};

const V1: &str = include_str!("fixtures/storage-v1.json");

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
    assert_eq!(first.events[1].extra["x-colour"], ours(json!("blue")));
    assert_eq!(
        first.extra["x-from-a-newer-app"],
        ours(json!({"kept": true}))
    );
    assert_eq!(second.extra["archived"], true);
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
    save(&mut backend, cases.iter().map(Rc::as_ref)).unwrap();
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
    let Some(LoadProblem::KeptAside {
        kept_as,
        reason,
        unreadable,
    }) = &loaded.problem
    else {
        panic!("{:?}", loaded.problem);
    };
    assert_eq!(kept_as, "ehc-timeline-corrupt-1");
    assert!(reason.contains("not valid JSON"), "{reason}");
    assert_eq!(unreadable, "{\"storage_version\": 1, \"cases\": [");
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
fn a_copy_kept_past_a_free_place_is_found_not_kept_twice() {
    let mut backend = backend_with("not json");
    backend.set("ehc-timeline-corrupt-2", "not json").unwrap();
    let loaded = load(&mut backend);
    assert!(matches!(
        loaded.problem,
        Some(LoadProblem::KeptAside { ref kept_as, .. }) if kept_as == "ehc-timeline-corrupt-2"
    ));
    assert!(!backend.values.contains_key("ehc-timeline-corrupt-1"));
}

#[test]
fn past_a_hundred_copies_no_more_are_kept_and_nothing_is_written() {
    let mut backend = backend_with("not json");
    for n in 1..=100 {
        backend
            .set(&format!("ehc-timeline-corrupt-{n}"), &n.to_string())
            .unwrap();
    }
    let loaded = load(&mut backend);
    assert!(matches!(
        loaded.problem,
        Some(LoadProblem::CouldNotKeepAside { .. })
    ));
    assert!(!loaded.writable);
    assert_eq!(backend.values.len(), 101);
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
    let error = save(&mut backend, cases.iter().map(Rc::as_ref)).unwrap_err();
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

fn pretend_v1_to_v2(
    mut value: rules::case_file::json::Value,
) -> Result<rules::case_file::json::Value, String> {
    // A pretend step: rename "child" to "name".
    let cases = value
        .as_object_mut()
        .and_then(|value| value.get_mut("cases"));
    let Some(rules::case_file::json::Value::Array(cases)) = cases else {
        return Err("no cases".into());
    };
    for case in cases {
        let case = case.as_object_mut().ok_or("a case is not an object")?;
        if let Some(child) = case.shift_remove("child") {
            case.insert("name".into(), child);
        }
    }
    Ok(value)
}

#[test]
fn migrations_run_each_step_from_the_stored_version() {
    let v1 = rules::case_file::json::Value::parse(V1).unwrap();
    let v2 = migrate(v1, &[pretend_v1_to_v2]).unwrap();
    assert_eq!(v2["storage_version"], 2);
    assert_eq!(v2["cases"][0]["name"], "A. B.");
    // A value already at the newest version is left as it is.
    let again = migrate(v2.clone(), &[pretend_v1_to_v2]).unwrap();
    assert_eq!(again, v2);
}

#[test]
fn a_failing_migration_step_is_reported_as_corrupt() {
    let broken = ours(json!({"storage_version": 1, "cases": "not a list"}));
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

/// A backend that counts its writes, to show a save is one write of one key.
#[derive(Default)]
struct Counting {
    inner: MemoryBackend,
    writes: Vec<String>,
}

impl Backend for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.writes.push(key.to_owned());
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), String> {
        self.writes.push(key.to_owned());
        self.inner.remove(key)
    }
}

#[test]
fn a_save_is_one_write_of_one_key() {
    let mut backend = Counting::default();
    let mut session = Session::default();
    session
        .save(&mut backend, &[late_assessment(), second_case()])
        .unwrap();
    assert_eq!(backend.writes, vec![KEY.to_owned()]);
}

#[test]
fn a_failing_backend_leaves_the_old_value_byte_for_byte() {
    let mut backend = backend_with(V1);
    let mut session = session_of(load(&mut backend));
    backend.refuse_writes = Some("this device's storage for the app is full".into());
    let error = session
        .save(&mut backend, &[late_assessment()])
        .unwrap_err();
    assert_eq!(
        error,
        SaveError::Failed("this device's storage for the app is full".into())
    );
    assert_eq!(backend.values[KEY].as_bytes(), V1.as_bytes());
    // Once writes work again, the same tab saves without seeing a clash.
    backend.refuse_writes = None;
    assert_eq!(
        session.save(&mut backend, &[late_assessment()]),
        Ok(Synced::Unchanged)
    );
    assert_eq!(
        decode(&backend.values[KEY]).unwrap(),
        vec![late_assessment()]
    );
}

fn second_case() -> Case {
    case(
        "c-2",
        "E. F.",
        &[("e-1", EventKind::RequestReceived, day(2, 3))],
    )
}

/// Two tabs that both loaded `cases` from one backend.
fn two_tabs(cases: &[Case]) -> (MemoryBackend, Session, Session) {
    let mut backend = MemoryBackend::default();
    save(&mut backend, cases).unwrap();
    let a = session_of(load(&mut backend));
    let b = session_of(load(&mut backend));
    (backend, a, b)
}

/// The two-tab session of what was loaded from localStorage.
fn session_of(loaded: Loaded) -> Session {
    #[allow(
        irrefutable_let_patterns,
        reason = "natively no database opens, so every store is localStorage"
    )]
    let Saving::Local(session) = loaded.saving else {
        panic!("localStorage saves through a session");
    };
    session
}

/// The merge a save or refresh made, and whether it left changes to save.
#[track_caller]
fn merged(synced: Result<Synced, SaveError>) -> (Merge, bool) {
    match synced {
        Ok(Synced::Merged { merge, unsaved }) => (merge, unsaved),
        other => panic!("expected a merge with another tab's write: {other:?}"),
    }
}

fn renamed(case: &Case, child: &str) -> Case {
    Case {
        child: Some(child.into()),
        ..case.clone()
    }
}

fn stored(backend: &MemoryBackend) -> Vec<Case> {
    decode(&backend.values[KEY]).unwrap()
}

#[test]
fn the_same_cases_in_any_order_are_the_same_and_a_change_or_a_repeat_is_not() {
    use ehc_timeline::storage::records::same_cases;
    use std::rc::Rc;
    let shared = |cases: &[Case]| cases.iter().cloned().map(Rc::new).collect::<Vec<_>>();
    let (first, second) = (late_assessment(), second_case());
    let both = shared(&[first.clone(), second.clone()]);
    assert!(same_cases(&both, &shared(&[second.clone(), first.clone()])));
    assert!(!same_cases(
        &both,
        &shared(&[first.clone(), renamed(&second, "G. H.")])
    ));
    assert!(!same_cases(&both, &shared(std::slice::from_ref(&first))));
    assert!(!same_cases(&both, &shared(&[first.clone(), first.clone()])));
    assert!(!same_cases(&shared(&[first.clone(), first.clone()]), &both));
}

#[test]
fn a_tab_takes_in_what_another_tab_wrote() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment()]);
    let mine_in_a = [late_assessment(), second_case()];
    a.save(&mut backend, &mine_in_a).unwrap();
    let (merge, unsaved) = merged(b.refresh(&backend, &[late_assessment()]));
    assert_eq!(merge.cases, mine_in_a);
    assert!(merge.clashes.is_empty());
    assert!(!unsaved, "nothing of B's is left to save");
    // Seen once, the same value is no news.
    assert_eq!(b.refresh(&backend, &mine_in_a), Ok(Synced::Unchanged));
}

#[test]
fn changes_to_different_cases_in_two_tabs_are_both_saved() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment(), second_case()]);
    let a_change = renamed(&late_assessment(), "A. B. C.");
    a.save(&mut backend, &[a_change.clone(), second_case()])
        .unwrap();
    // B has not seen A's write, and renames the other case.
    let b_change = renamed(&second_case(), "E. F. G.");
    let (merge, _) = merged(b.save(&mut backend, &[late_assessment(), b_change.clone()]));
    assert!(merge.clashes.is_empty());
    assert_eq!(merge.cases, vec![a_change.clone(), b_change.clone()]);
    assert_eq!(stored(&backend), vec![a_change, b_change]);
}

#[test]
fn a_case_added_in_each_tab_keeps_both() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment()]);
    let third = case("c-3", "G. H.", &[]);
    a.save(&mut backend, &[late_assessment(), second_case()])
        .unwrap();
    b.save(&mut backend, &[late_assessment(), third.clone()])
        .unwrap();
    assert_eq!(
        stored(&backend),
        vec![late_assessment(), second_case(), third]
    );
}

/// `case` with `event` added.
fn with_event(case: &Case, id: &str, kind: EventKind, date: chrono::NaiveDate) -> Case {
    let mut case = case.clone();
    case.events.push(rules::Event::new(id, kind, date));
    case
}

#[test]
fn two_tabs_adding_different_events_to_one_case_keep_both() {
    let old = late_assessment();
    let mine = with_event(&old, "e-3", EventKind::AdviceRequested, day(3, 1));
    let theirs = with_event(&old, "e-4", EventKind::DraftPlanIssued, day(4, 1));
    let merged = merge(
        std::slice::from_ref(&old),
        &[mine],
        std::slice::from_ref(&theirs),
    );
    assert_eq!(merged.clashes, Vec::new(), "nothing lost, nothing to tell");
    let ids: Vec<&str> = merged.cases[0]
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["e-1", "e-2", "e-4", "e-3"]);
    // Both added an event under the same next id, e-3: both are kept.
    let mine = with_event(&old, "e-3", EventKind::AdviceRequested, day(3, 1));
    let theirs = with_event(&old, "e-3", EventKind::DraftPlanIssued, day(4, 1));
    let merged = merge(
        std::slice::from_ref(&old),
        &[mine],
        std::slice::from_ref(&theirs),
    );
    assert_eq!(merged.clashes, Vec::new());
    let events: Vec<(&str, &EventKind)> = merged.cases[0]
        .events
        .iter()
        .map(|e| (e.id.as_str(), &e.kind))
        .collect();
    assert_eq!(
        events[2..],
        [
            ("e-3", &EventKind::DraftPlanIssued),
            ("e-4", &EventKind::AdviceRequested)
        ]
    );
    // A detail changed here, an event added there: both kept.
    let mine = renamed(&old, "A. B. C.");
    let merged = merge(std::slice::from_ref(&old), &[mine], &[theirs]);
    assert_eq!(merged.clashes, Vec::new());
    assert_eq!(merged.cases[0].child.as_deref(), Some("A. B. C."));
    assert_eq!(merged.cases[0].events.len(), 3);
}

#[test]
fn the_same_event_changed_in_both_tabs_keeps_theirs_and_says_so() {
    let old = late_assessment();
    let mut mine = with_event(&old, "e-3", EventKind::AdviceRequested, day(3, 1));
    mine.events[1].note = Some("Changed here".into());
    let mut theirs = old.clone();
    theirs.events[1].note = Some("Changed there".into());
    let merged = merge(std::slice::from_ref(&old), &[mine], &[theirs]);
    let events = &merged.cases[0].events;
    assert_eq!(events[1].note.as_deref(), Some("Changed there"));
    assert_eq!(events.len(), 3, "this tab's new event is kept");
    assert_eq!(merged.clashes.len(), 1);
    assert_eq!(merged.clashes[0].kind, ClashKind::EventChanged);
    assert_eq!(
        merged.clashes[0].message(),
        "Your change to an event of A. B. was not saved: the same event was changed in another tab or window at the same time. You now see the other tab's version of it; make your change again if it is still needed."
    );
}

#[test]
fn the_same_case_changed_in_both_tabs_keeps_the_other_tabs_version_and_says_so() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment(), second_case()]);
    let a_change = renamed(&late_assessment(), "A. B. (tab A)");
    a.save(&mut backend, &[a_change.clone(), second_case()])
        .unwrap();
    let before = backend.values[KEY].clone();
    let (merge, unsaved) = merged(b.save(
        &mut backend,
        &[renamed(&late_assessment(), "A. B. (tab B)"), second_case()],
    ));
    assert!(!unsaved);
    assert_eq!(merge.cases, vec![a_change, second_case()]);
    assert_eq!(merge.clashes.len(), 1);
    assert_eq!(merge.clashes[0].kind, ClashKind::BothChanged);
    assert_eq!(
        merge.clashes[0].message(),
        "Your change to A. B. (tab A) was not saved: A. B. (tab A) was changed in another tab or window at the same time. You now see the other tab's version; make your change again if it is still needed."
    );
    assert_eq!(backend.values[KEY], before, "A's value is not written over");
}

#[test]
fn a_deletion_here_of_a_case_changed_there_keeps_the_change() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment(), second_case()]);
    let a_change = renamed(&second_case(), "E. F. G.");
    a.save(&mut backend, &[late_assessment(), a_change.clone()])
        .unwrap();
    let (merge, _) = merged(b.save(&mut backend, &[late_assessment()]));
    assert_eq!(merge.clashes[0].kind, ClashKind::DeletedHere);
    assert!(
        merge.clashes[0]
            .message()
            .starts_with("E. F. G. was not deleted")
    );
    assert_eq!(stored(&backend), vec![late_assessment(), a_change]);
}

#[test]
fn a_change_here_to_a_case_deleted_there_is_kept_not_lost() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment(), second_case()]);
    a.save(&mut backend, &[late_assessment()]).unwrap();
    let b_change = renamed(&second_case(), "E. F. G.");
    let (merge, _) = merged(b.save(&mut backend, &[late_assessment(), b_change.clone()]));
    assert_eq!(merge.clashes[0].kind, ClashKind::DeletedThere);
    assert_eq!(stored(&backend), vec![late_assessment(), b_change]);
}

#[test]
fn a_case_deleted_there_and_untouched_here_stays_deleted() {
    let merged = merge(
        &[late_assessment(), second_case()],
        &[late_assessment(), second_case()],
        &[second_case()],
    );
    assert_eq!(merged.cases, vec![second_case()]);
    assert!(merged.clashes.is_empty());
}

#[test]
fn taking_in_with_changes_of_this_tab_not_yet_saved_marks_them_unsaved() {
    let (mut backend, mut a, mut b) = two_tabs(&[late_assessment()]);
    a.save(&mut backend, &[late_assessment(), second_case()])
        .unwrap();
    // B's own change failed to save earlier, so it is still only in B.
    let b_change = renamed(&late_assessment(), "A. B. C.");
    let (merge, unsaved) = merged(b.refresh(&backend, std::slice::from_ref(&b_change)));
    assert!(unsaved);
    assert_eq!(merge.cases, vec![b_change.clone(), second_case()]);
    b.save(&mut backend, &merge.cases).unwrap();
    assert_eq!(stored(&backend), vec![b_change, second_case()]);
}

#[test]
fn a_newer_version_written_by_another_tab_is_never_written_over() {
    let (mut backend, _, mut b) = two_tabs(&[late_assessment()]);
    let newer = r#"{"storage_version": 2, "format": "ehc-timeline/2", "cases": []}"#;
    backend.set(KEY, newer).unwrap();
    assert_eq!(
        b.save(&mut backend, &[second_case()]),
        Err(SaveError::Refused(LoadProblem::TooNew { found: 2 }))
    );
    assert_eq!(backend.values[KEY], newer);
}

#[test]
fn unreadable_data_written_since_is_kept_aside_then_written_over() {
    // With a change here, and with none (the tab's cases as it read them).
    for mine in [second_case(), late_assessment()] {
        let (mut backend, _, mut b) = two_tabs(&[late_assessment()]);
        backend.set(KEY, "garbage").unwrap();
        b.save(&mut backend, std::slice::from_ref(&mine)).unwrap();
        assert_eq!(backend.values["ehc-timeline-corrupt-1"], "garbage");
        assert_eq!(stored(&backend), vec![mine]);
    }
}

#[test]
fn storage_cleared_from_outside_is_written_back_from_the_open_tab() {
    let (mut backend, _, mut b) = two_tabs(&[late_assessment()]);
    backend.values.clear();
    let (merge, unsaved) = merged(b.refresh(&backend, &[late_assessment()]));
    assert!(unsaved);
    b.save(&mut backend, &merge.cases).unwrap();
    assert_eq!(stored(&backend), vec![late_assessment()]);
}

/// Every fixture under `tests/fixtures/`, by name: a stored value of each
/// storage version (`storage-vN.json`), each locked form (`locked-vN.json`,
/// whose passphrase is "correct horse battery": the browser tests unlock it)
/// and each case file format (`case-file-*.json`). A later version's fixture
/// is picked up by name.
fn fixtures() -> Vec<(String, String)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut found: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_fixture_ever_written_loads_in_this_version() {
    let mut storage_versions = Vec::new();
    for (name, text) in fixtures() {
        let cases = if let Some(version) = name
            .strip_prefix("storage-v")
            .and_then(|rest| rest.strip_suffix(".json"))
        {
            storage_versions.push(version.parse::<u64>().unwrap());
            let loaded = load(&mut backend_with(&text));
            assert_eq!(loaded.problem, None, "{name}");
            assert!(loaded.writable, "{name}");
            loaded.cases.iter().map(|case| Case::clone(case)).collect()
        } else if name.starts_with("records-v") {
            records::fixture_cases(&text)
        } else if name.starts_with("case-file-") {
            read_case_file(&text)
                .unwrap_or_else(|error| panic!("{name}: {error}"))
                .cases
        } else if name.starts_with("locked-v") {
            // Locked: the envelope reads here; what is inside needs WebCrypto.
            let envelope = lock::read(&text)
                .unwrap_or_else(|| panic!("{name} is not locked"))
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(envelope.iterations, lock::ITERATIONS, "{name}");
            assert!(
                matches!(
                    lock::start(&mut backend_with(&text)),
                    lock::Start::Locked {
                        envelope: Ok(_),
                        ..
                    }
                ),
                "{name} opens on the Unlock page"
            );
            continue;
        } else {
            panic!(
                "{name}: name a fixture storage-vN.json, locked-vN.json, records-vN.json or case-file-*.json"
            );
        };
        assert!(cases.len() >= 2, "{name} has several cases");
    }
    storage_versions.sort();
    let every: Vec<u64> = (1..=STORAGE_VERSION).collect();
    assert_eq!(
        storage_versions, every,
        "a fixture for every storage version"
    );
}

#[test]
fn the_case_file_fixtures_hold_every_kind_of_event_the_app_can_log() {
    let mut kinds = Vec::new();
    for (name, text) in fixtures() {
        if name.starts_with("case-file-") {
            for case in read_case_file(&text).unwrap().cases {
                kinds.extend(case.events.into_iter().map(|event| event.kind));
            }
        }
    }
    for kind in EventKind::KNOWN {
        assert!(kinds.contains(kind), "no fixture has {}", kind.id());
    }
}

mod backup_reminder {
    use super::*;
    use ehc_timeline::storage::backup::{self, BACKUP_KEY, BackupRecord, Reminder};

    fn exported_on(date: chrono::NaiveDate) -> BackupRecord {
        BackupRecord {
            last_export: Some(date),
            cases_since: Some(day(1, 1)),
        }
    }

    #[test]
    fn it_shows_only_after_more_than_30_days_since_the_last_export() {
        let record = exported_on(day(3, 1));
        assert_eq!(record.reminder(day(3, 30), true), None, "29 days");
        assert_eq!(record.reminder(day(3, 31), true), None, "30 days");
        assert_eq!(
            record.reminder(day(4, 1), true),
            Some(Reminder::LastExported {
                on: day(3, 1),
                days: 31
            })
        );
    }

    #[test]
    fn with_no_cases_there_is_nothing_to_remind_of() {
        assert_eq!(exported_on(day(1, 1)).reminder(day(12, 1), false), None);
    }

    #[test]
    fn never_exported_it_shows_once_cases_were_kept_for_more_than_a_week() {
        let record = BackupRecord::default().holding_cases(day(3, 1));
        assert_eq!(record.reminder(day(3, 8), true), None, "7 days");
        assert_eq!(
            record.reminder(day(3, 9), true),
            Some(Reminder::NeverExported { days: 8 })
        );
        // Holding cases again later does not restart the count.
        assert_eq!(record.holding_cases(day(3, 9)), record);
    }

    #[test]
    fn an_export_resets_the_count_and_two_tabs_combine_to_the_later_export() {
        let record = exported_on(day(1, 1)).exported(day(3, 1));
        assert_eq!(record.last_export, Some(day(3, 1)));
        assert!(record.exported_recently(day(3, 31)));
        assert!(!record.exported_recently(day(4, 1)));
        let other = BackupRecord {
            last_export: Some(day(2, 1)),
            cases_since: Some(day(12, 1).pred_opt().unwrap()),
        };
        assert_eq!(record.combine(other), record);
    }

    #[test]
    fn the_record_has_its_own_key_and_leaves_the_cases_value_alone() {
        let mut backend = backend_with(V1);
        backup::save(&mut backend, &exported_on(day(3, 1))).unwrap();
        assert_eq!(backend.values[KEY], V1, "storage version 1 is untouched");
        assert_eq!(
            backend.values[BACKUP_KEY],
            r#"{"last_export":"2025-03-01","cases_since":"2025-01-01"}"#
        );
        let loaded = load(&mut backend);
        assert_eq!(loaded.backup, exported_on(day(3, 1)));
        assert_eq!(loaded.cases.len(), 2);
    }

    #[test]
    fn an_unreadable_record_is_an_empty_one() {
        let mut backend = MemoryBackend::default();
        backend.set(BACKUP_KEY, "not json").unwrap();
        assert_eq!(backup::load(&backend), BackupRecord::default());
        backend
            .set(BACKUP_KEY, r#"{"last_export":"2025-02-30"}"#)
            .unwrap();
        assert_eq!(backup::load(&backend), BackupRecord::default());
    }

    #[test]
    fn a_record_with_only_the_start_of_holding_cases_is_read() {
        let mut backend = MemoryBackend::default();
        backend
            .set(BACKUP_KEY, r#"{"cases_since":"2024-02-29"}"#)
            .unwrap();
        assert_eq!(
            backup::load(&backend),
            BackupRecord::default()
                .holding_cases(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }
}

mod records {
    use std::rc::Rc;

    use super::*;
    use ehc_timeline::storage::records::{
        Put, RECORDS_VERSION, Read, Saved, decode_record, encode_record, read_records,
        record_revision,
    };

    const RECORDS: &str = include_str!("fixtures/records-v3.json");

    /// The records of a `records-vN.json` fixture as the store holds them:
    /// each case id with the compact JSON text of its record.
    pub fn fixture_records(text: &str) -> Vec<(String, String)> {
        let fixture: Value = serde_json::from_str(text).unwrap();
        assert_eq!(fixture["meta"]["storage_version"], json!(RECORDS_VERSION));
        fixture["cases"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(id, record)| (id.clone(), record.to_string()))
            .collect()
    }

    /// The cases of a `records-vN.json` fixture, read as the app reads them.
    pub fn fixture_cases(text: &str) -> Vec<Case> {
        let Read {
            cases, unreadable, ..
        } = read_records(&fixture_records(text));
        assert_eq!(unreadable, Vec::new());
        cases
            .into_iter()
            .map(|(_, case)| Case::clone(&case))
            .collect()
    }

    fn shared(cases: &[Case]) -> Vec<Rc<Case>> {
        cases.iter().cloned().map(Rc::new).collect()
    }

    #[test]
    fn the_records_fixture_holds_the_v1_fixtures_cases_with_their_revisions() {
        assert_eq!(fixture_cases(RECORDS), decode(V1).unwrap());
        let read = read_records(&fixture_records(RECORDS)).cases;
        let revisions: Vec<(u64, &str)> =
            read.iter().map(|(rev, c)| (*rev, c.id.as_str())).collect();
        assert_eq!(revisions, [(4, "c-7f3a0001"), (1, "c-7f3a0002")]);
    }

    #[test]
    fn a_record_round_trips_its_case_and_revision() {
        let text = encode_record(7, &late_assessment());
        assert_eq!(decode_record(&text), Ok((7, late_assessment())));
        assert_eq!(record_revision(&text), Some(7));
        assert_eq!(record_revision("{ not json"), None);
        assert!(decode_record(r#"{"rev": 1}"#).is_err());
    }

    #[test]
    fn a_change_writes_only_the_case_it_changed() {
        let cases = shared(&decode(V1).unwrap());
        let mut saved = Saved::new(cases.iter().map(|case| (1, case.clone())));
        assert_eq!(saved.changes(&cases), Vec::new(), "nothing changed");

        // One case's name changed: one record, at the next revision.
        let mut renamed = Case::clone(&cases[0]);
        renamed.child = Some("A. B. C.".into());
        let now = vec![Rc::new(renamed.clone()), cases[1].clone()];
        let puts = saved.changes(&now);
        assert_eq!(
            puts,
            vec![Put {
                id: "c-7f3a0001".into(),
                expect: Some(1),
                record: Some(encode_record(2, &renamed)),
                rev: 2,
            }]
        );
        saved.written(&puts, &now);
        assert_eq!(saved.revision("c-7f3a0001"), Some(2));
        assert_eq!(saved.changes(&now), Vec::new(), "written: nothing left");

        // A new case is expected absent; a case gone is deleted at its revision.
        let added = Rc::new(late_assessment());
        let now = vec![now[0].clone(), added.clone()];
        let mut puts = saved.changes(&now);
        puts.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(
            puts,
            vec![
                Put {
                    id: "c-7f3a".into(),
                    expect: None,
                    record: Some(encode_record(1, &added)),
                    rev: 1,
                },
                Put {
                    id: "c-7f3a0002".into(),
                    expect: Some(1),
                    record: None,
                    rev: 1,
                },
            ]
        );
        saved.written(&puts, &now);
        assert_eq!(saved.revision("c-7f3a0002"), None);
        assert_eq!(saved.revision("c-7f3a"), Some(1));
    }

    #[test]
    fn a_case_another_tab_wrote_is_compared_again_though_unchanged_here() {
        let cases = shared(&decode(V1).unwrap());
        let mut saved = Saved::new(cases.iter().map(|case| (1, case.clone())));
        let mut theirs = Case::clone(&cases[0]);
        theirs.child = Some("Named in another tab".into());
        saved.read(&cases[0].id, Some((2, Rc::new(theirs))));
        // The same `Rc` in the same place, but not what the store holds now.
        assert_eq!(
            saved.changes(&cases),
            vec![Put {
                id: "c-7f3a0001".into(),
                expect: Some(2),
                record: Some(encode_record(3, &cases[0])),
                rev: 3,
            }]
        );
    }

    #[test]
    fn a_case_copied_unchanged_writes_nothing() {
        let cases = shared(&decode(V1).unwrap());
        let mut saved = Saved::new(cases.iter().map(|case| (3, case.clone())));
        assert_eq!(saved.changes(&shared(&decode(V1).unwrap())), Vec::new());
    }

    #[test]
    fn a_record_under_another_key_or_unreadable_is_told_apart() {
        let records = vec![
            ("c-7f3a".to_owned(), encode_record(1, &late_assessment())),
            ("c-other".to_owned(), encode_record(1, &late_assessment())),
            ("c-bad".to_owned(), "{ not json".to_owned()),
        ];
        let Read {
            cases, unreadable, ..
        } = read_records(&records);
        assert_eq!(cases.len(), 1);
        let keys: Vec<&str> = unreadable.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["c-other", "c-bad"]);
    }
}

#[test]
fn the_quota_line_says_what_the_cases_use_of_what_the_browser_allows() {
    use ehc_timeline::storage::quota_text;
    assert_eq!(
        quota_text(4_180_000.0, 1_260_000_000.0),
        "Your cases use 4.2 MB of the 1.3 GB this browser allows the app."
    );
    assert_eq!(
        quota_text(512.0, 60_000.0),
        "Your cases use 512 bytes of the 60.0 KB this browser allows the app."
    );
}
