//! The passphrase lock's stored form, natively: the envelope and its base64,
//! what start-up makes of a locked value, what an app without the lock does
//! with it, the checks on a new passphrase, and saves kept in order.
//! The encryption itself is tested in Chromium (`tests/browser.rs`).

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::*;
use ehc_timeline::components::{LockGate, StartProps, check_new_passphrase};
use ehc_timeline::lock::{
    Envelope, ITERATIONS, Start, base64_decode, base64_encode, loaded, read, start,
};
use ehc_timeline::serial::Serial;
use ehc_timeline::storage::sync::SaveError;
use ehc_timeline::storage::{
    Backend, KEY, LoadProblem, Loaded, MemoryBackend, Saving, encode, load,
};
use ehc_timeline::{Store, View};
use futures::channel::oneshot;
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use serde_json::{Value, json};

fn envelope() -> Envelope {
    Envelope {
        iterations: ITERATIONS,
        salt: [7; 16],
        iv: [9; 12],
        ciphertext: vec![1, 2, 3, 250, 251, 252, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    }
}

/// The stored envelope with `edit` made to its `encrypted` object.
fn edited(edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut value: Value = serde_json::from_str(&envelope().encode()).unwrap();
    edit(value["encrypted"].as_object_mut().unwrap());
    value.to_string()
}

fn refusal(text: &str) -> String {
    match read(text) {
        Some(Err(reason)) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn base64_matches_the_rfc_4648_test_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, coded) in vectors {
        assert_eq!(base64_encode(plain.as_bytes()), coded);
        assert_eq!(base64_decode(coded).unwrap(), plain.as_bytes());
    }
    let every_byte: Vec<u8> = (0..=255).collect();
    let coded = base64_encode(&every_byte);
    assert!(coded.ends_with("+/w=="), "{coded}");
    assert_eq!(base64_decode(&coded).unwrap(), every_byte);
}

#[test]
fn base64_that_is_not_strictly_base64_is_refused_with_where() {
    let refused = [
        ("Zm9", "3 characters, not a multiple of 4"),
        ("Zm-v", "character 3 (\"-\") is not base64"),
        ("Z===", "too much \"=\" padding"),
        ("Zm=v", "character 3 (\"=\") is not base64"),
        ("Zh==", "it has bits left over after its last byte"),
    ];
    for (text, reason) in refused {
        assert_eq!(base64_decode(text).unwrap_err(), reason, "{text}");
    }
}

#[test]
fn an_envelope_is_stored_as_version_2_with_every_field_named() {
    let stored: Value = serde_json::from_str(&envelope().encode()).unwrap();
    assert_eq!(
        stored,
        json!({
            "storage_version": 2,
            "encrypted": {
                "kdf": "PBKDF2-SHA-256",
                "iterations": 600000,
                "cipher": "AES-256-GCM",
                "salt": "BwcHBwcHBwcHBwcHBwcHBw==",
                "iv": "CQkJCQkJCQkJCQkJ",
                "ciphertext": "AQID+vv8AAAAAAAAAAAAAAAA",
            }
        })
    );
    assert_eq!(read(&envelope().encode()), Some(Ok(envelope())));
}

#[test]
fn an_app_without_the_lock_calls_a_locked_value_too_new_and_never_writes_over_it() {
    let locked = envelope().encode();
    let mut backend = backend_with(&locked);
    let found = load(&mut backend);
    assert_eq!(found.problem, Some(LoadProblem::TooNew { found: 2 }));
    assert!(!found.writable, "the app must not save over it");
    assert_eq!(backend.values[KEY], locked, "left as it is");
    assert_eq!(backend.values.len(), 1, "nothing kept aside");
}

#[test]
fn an_ordinary_value_is_not_locked() {
    assert_eq!(read(&encode([&late_assessment()])), None);
    // The word in a note, or a case's own field of that name, is not a lock.
    let mut case = late_assessment();
    case.events[0].note = Some("Asked for it \"encrypted\" by email.".into());
    case.extra
        .insert("encrypted".into(), ours(json!({"salt": "not ours"})));
    assert_eq!(read(&encode([&case])), None);
    assert_eq!(read("{ not json"), None);
    assert_eq!(read("[1, 2]"), None);
}

#[test]
fn a_damaged_envelope_says_which_field_is_wrong() {
    assert_eq!(
        refusal(
            &envelope()
                .encode()
                .replace("\"storage_version\":2", "\"storage_version\":1")
        ),
        "its storage version is 1, not 2"
    );
    assert_eq!(
        refusal(r#"{"storage_version": 2, "encrypted": "yes"}"#),
        "\"encrypted\" is not a JSON object"
    );
    // Each field set to a bad value (or removed, with null), and what is said.
    let fields = [
        (
            "kdf",
            json!("scrypt"),
            "\"kdf\" is \"scrypt\"; this version knows only \"PBKDF2-SHA-256\"",
        ),
        ("cipher", Value::Null, "\"cipher\" is missing"),
        (
            "iterations",
            json!(1000),
            "\"iterations\" is 1000, outside 600000 to 10000000",
        ),
        (
            "iterations",
            json!("many"),
            "\"iterations\" is missing or not a whole number",
        ),
        ("iv", json!("CQkJCQ=="), "\"iv\" is 4 bytes, not 12"),
        (
            "salt",
            json!("not base64!"),
            "\"salt\" is not base64: 11 characters, not a multiple of 4",
        ),
        (
            "ciphertext",
            json!("AQID"),
            "\"ciphertext\" is 3 bytes, shorter than its 16-byte tag",
        ),
    ];
    for (field, bad, reason) in fields {
        let text = edited(|encrypted| match bad {
            Value::Null => {
                encrypted.remove(field);
            }
            bad => {
                encrypted.insert(field.into(), bad);
            }
        });
        assert_eq!(refusal(&text), reason, "{text}");
    }
}

#[test]
fn a_lock_set_in_another_tab_is_never_written_over_and_is_told_as_such() {
    let mut backend = backend_with(&encode([&late_assessment()]));
    #[allow(
        irrefutable_let_patterns,
        reason = "natively no database opens, so every store is localStorage"
    )]
    let Saving::Local(mut session) = load(&mut backend).saving else {
        panic!("localStorage saves through a session");
    };
    // Another tab locks the cases.
    let locked = envelope().encode();
    backend.set(KEY, &locked).unwrap();
    let refused = Err(SaveError::Refused(LoadProblem::LockedElsewhere));
    assert_eq!(session.refresh(&backend, &[]), refused);
    assert_eq!(session.save(&mut backend, &[late_assessment()]), refused);
    assert_eq!(backend.values[KEY], locked);
    let html = render_app_loaded(
        Loaded {
            problem: Some(LoadProblem::LockedElsewhere),
            writable: false,
            ..common::loaded(Vec::new())
        },
        day(3, 1),
        View::Cases,
    );
    assert_reads(
        &html,
        "The lock on your cases was set, changed or removed in another tab or window. Reload this page to carry on. Anything you do here will not be saved.",
    );
}

#[test]
fn start_up_leaves_a_locked_value_to_unlock_and_loads_anything_else() {
    let locked = envelope().encode();
    let mut backend = backend_with(&locked);
    assert_eq!(
        start(&mut backend),
        Start::Locked {
            stored: locked.clone(),
            envelope: Ok(envelope())
        }
    );
    assert_eq!(backend.values[KEY], locked);

    let mut backend = backend_with(&encode([&late_assessment()]));
    let Start::Open(found) = start(&mut backend) else {
        panic!("not locked");
    };
    assert_eq!(found.cases, vec![Rc::new(late_assessment())]);
    assert!(found.writable);

    // Not JSON at all is not a lock: loading keeps it aside as usual.
    let Start::Open(found) = start(&mut backend_with("{ broken")) else {
        panic!("not locked");
    };
    assert!(
        matches!(found.problem, Some(LoadProblem::KeptAside { .. })),
        "{found:?}"
    );
}

#[test]
fn what_is_unlocked_loads_like_an_ordinary_value() {
    let found = loaded(&encode([&late_assessment()]), &MemoryBackend::default());
    assert_eq!(found.cases, vec![Rc::new(late_assessment())]);
    assert_eq!(found.problem, None);
    assert!(found.writable);

    let newer = loaded(
        r#"{"storage_version": 9, "cases": []}"#,
        &MemoryBackend::default(),
    );
    assert_eq!(newer.problem, Some(LoadProblem::TooNew { found: 9 }));
    assert!(!newer.writable);

    let broken = loaded(
        r#"{"storage_version": 1, "format": "ehc-timeline/1", "cases": 3}"#,
        &MemoryBackend::default(),
    );
    assert!(
        matches!(broken.problem, Some(LoadProblem::CouldNotKeepAside { .. })),
        "{broken:?}"
    );
    assert!(
        !broken.writable,
        "nothing is written over what cannot be read"
    );
}

#[test]
fn a_new_passphrase_must_be_long_enough_and_typed_the_same_twice() {
    assert_eq!(
        check_new_passphrase("correct horse", "correct horse"),
        Ok(())
    );
    assert_eq!(
        check_new_passphrase("ünïcödé", "ünïcödé").unwrap_err()[0].message,
        "The passphrase must be 8 characters or more"
    );
    assert_eq!(
        check_new_passphrase("éééééééé", "éééééééé"),
        Ok(()),
        "characters, not bytes"
    );
    let messages = |a: &str, b: &str| -> Vec<(&'static str, String)> {
        check_new_passphrase(a, b)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    };
    assert_eq!(
        messages("", ""),
        [
            ("passphrase", "Enter a passphrase".to_owned()),
            ("confirm", "Type the passphrase again".to_owned())
        ]
    );
    assert_eq!(
        messages("correct horse", "correct hose"),
        [("confirm", "The two passphrases are not the same".to_owned())]
    );
    assert_eq!(
        messages("correct horse ", "correct horse"),
        [("confirm", "The two passphrases are not the same".to_owned())],
        "a passphrase is used exactly as typed"
    );
}

#[test]
fn queued_tasks_finish_in_order_even_when_a_later_one_is_quicker() {
    let serial = Rc::new(Serial::default());
    let written = Rc::new(RefCell::new(Vec::new()));
    let mut pool = LocalPool::new();
    let (release_first, first_may_finish) = oneshot::channel::<()>();
    let first = {
        let written = written.clone();
        async move {
            first_may_finish.await.unwrap();
            written.borrow_mut().push("first");
        }
    };
    let drain = serial.push(first).expect("the first task starts the queue");
    pool.spawner().spawn_local(drain).unwrap();
    pool.run_until_stalled();
    assert!(serial.busy());
    let second = {
        let written = written.clone();
        async move { written.borrow_mut().push("second") }
    };
    assert!(
        serial.push(second).is_none(),
        "it waits in the running queue"
    );
    pool.run_until_stalled();
    assert!(
        written.borrow().is_empty(),
        "the second waits for the first"
    );
    release_first.send(()).unwrap();
    pool.run_until_stalled();
    assert_eq!(*written.borrow(), ["first", "second"]);
    assert!(!serial.busy());
    let third = {
        let written = written.clone();
        async move { written.borrow_mut().push("third") }
    };
    pool.spawner()
        .spawn_local(serial.push(third).expect("an idle queue starts again"))
        .unwrap();
    pool.run_until_stalled();
    assert_eq!(*written.borrow(), ["first", "second", "third"]);
}

/// The Unlock page, as the app starts on a locked value with `envelope`.
fn render_unlock_page(envelope: Result<Envelope, String>) -> String {
    render::<LockGate>(StartProps {
        today: day(6, 1),
        found: Rc::new(Start::Locked {
            stored: String::new(),
            envelope,
        }),
        store: Store::new(MemoryBackend::default()),
        view: View::Cases,
    })
}

#[test]
fn a_damaged_lock_is_explained_on_the_unlock_page_with_the_ways_on_of_unreadable_data() {
    let html = render_unlock_page(Err("\"iv\" is 4 bytes, not 12".to_owned()));
    assert_reads(
        &html,
        "Your cases cannot be unlocked The locked cases saved on this device cannot be read (\"iv\" is 4 bytes, not 12). Nothing has been changed or deleted.",
    );
    assert_reads(
        &html,
        "Either way the damaged data is kept aside in this browser first, not deleted.",
    );
    for offer in [
        "Download the damaged data",
        "Import a backup",
        "Start afresh",
    ] {
        assert_reads(&html, offer);
    }
    assert_not_reads(&html, "Passphrase");
}

#[test]
fn the_unlock_page_says_the_passphrase_cannot_be_recovered() {
    let html = render_unlock_page(Ok(envelope()));
    assert_reads(
        &html,
        "Unlock your cases The cases on this device are locked with a passphrase.",
    );
    assert_reads(
        &html,
        "If you have forgotten your passphrase Nobody can unlock your cases without it: not us, not anyone.",
    );
}

/// A backend that counts the reads of the cases' key.
struct CountingReads {
    inner: MemoryBackend,
    reads: std::cell::Cell<usize>,
}

impl Backend for CountingReads {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        if key == KEY {
            self.reads.set(self.reads.get() + 1);
        }
        self.inner.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), String> {
        self.inner.remove(key)
    }
}

#[test]
fn start_up_reads_an_unlocked_store_once() {
    let mut backend = CountingReads {
        inner: backend_with(&encode([&late_assessment()])),
        reads: Default::default(),
    };
    let Start::Open(found) = start(&mut backend) else {
        panic!("an unlocked store opens");
    };
    assert_eq!(found.cases, vec![Rc::new(late_assessment())]);
    assert_eq!(
        backend.reads.get(),
        1,
        "a large store is read from storage once"
    );
}
