//! Browser tests (wasm-bindgen-test in headless Chromium): the real
//! localStorage, and screens mounted in a real page. Rendering is awaited with
//! `yew::scheduler::flush()`, never with sleeps.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser` and
//! `wasm-bindgen-test-runner` as the target's runner (CHROMEDRIVER set).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use ehc_timeline::browser::LocalStore;
use ehc_timeline::components::{LockGate, StartProps};
use ehc_timeline::crypto::{OpenError, SessionKey, random_bytes};
use ehc_timeline::documents::db::{DOCUMENTS_DB, DocDb};
use ehc_timeline::documents::kept::Kept;
use ehc_timeline::documents::keys;
use ehc_timeline::lock::{Envelope, Header, ITERATIONS};
use ehc_timeline::lock_session::{Lock, unlock};
use ehc_timeline::parts::{self, Import, LockSettings};
use ehc_timeline::pools::{
    self,
    db::{POOLS_DB, PoolDb},
};
use ehc_timeline::storage::idb::{DB_NAME, Db, committed, open_database, request};
use ehc_timeline::storage::sync::{SaveError, Synced};
use ehc_timeline::storage::{Backend, KEY, LoadProblem, MemoryBackend, decode, encode, load, save};
use ehc_timeline::{Store, View, lock};
use rules::{Case, Event, EventKind};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const KEPT_ASIDE: &str = "ehc-timeline-corrupt-1";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Each test starts from empty storage.
fn clear() {
    storage().clear().unwrap();
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, month, day).unwrap()
}

fn request_case() -> Case {
    Case {
        id: "c-1".into(),
        child: Some("A. B.".into()),
        events: vec![Event::new("e-1", EventKind::RequestReceived, day(1, 6))],
        ..Case::default()
    }
}

#[wasm_bindgen_test]
fn cases_round_trip_through_local_storage() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let loaded = load(&mut LocalStore);
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.cases, vec![Rc::new(request_case())]);
    let stored = storage().get_item(KEY).unwrap().unwrap();
    assert!(stored.contains("\"storage_version\":1"), "{stored}");
}

#[wasm_bindgen_test]
fn a_corrupt_value_is_kept_aside_not_wiped() {
    clear();
    storage().set_item(KEY, "{ not json").unwrap();
    let loaded = load(&mut LocalStore);
    assert!(
        matches!(&loaded.problem, Some(LoadProblem::KeptAside { kept_as, .. }) if kept_as == KEPT_ASIDE),
        "{:?}",
        loaded.problem
    );
    assert_eq!(
        storage().get_item(KEPT_ASIDE).unwrap().as_deref(),
        Some("{ not json")
    );
    assert_eq!(
        storage().get_item(KEY).unwrap().as_deref(),
        Some("{ not json")
    );
}

#[wasm_bindgen_test]
fn a_newer_storage_version_is_refused_and_never_overwritten() {
    clear();
    let newer = r#"{"storage_version": 99, "format": "ehc-timeline/9", "cases": []}"#;
    storage().set_item(KEY, newer).unwrap();
    let loaded = load(&mut LocalStore);
    assert_eq!(loaded.problem, Some(LoadProblem::TooNew { found: 99 }));
    assert!(!loaded.writable);
    assert_eq!(LocalStore.get(KEY).unwrap().as_deref(), Some(newer));
}

/// The app mounted in its own element; unmounted and removed when dropped,
/// so no test's app lives on to hear the next test's hash changes.
struct Mounted {
    root: Element,
    app: Option<yew::AppHandle<LockGate>>,
}

impl std::ops::Deref for Mounted {
    type Target = Element;

    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the app in a fresh element, on `view`, with what is in localStorage.
/// The page's hash is set to the view first, and any hash change still
/// queued from an earlier test is let through before the app listens.
async fn mount(view: View) -> Mounted {
    let window = web_sys::window().unwrap();
    window.location().set_hash(&view.to_hash()).unwrap();
    next_task().await;
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // As main.rs starts it: the Unlock page first if the cases are locked.
    let props = StartProps {
        today: day(3, 1),
        found: Rc::new(lock::start(&mut LocalStore)),
        store: Store::new(LocalStore),
        view,
    };
    let app = yew::Renderer::<LockGate>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        app: Some(app),
    }
}

/// Waits for the browser's next task (a zero timeout).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The id of the element that has focus.
fn focused_id() -> Option<String> {
    let document = web_sys::window().unwrap().document().unwrap();
    document.active_element().map(|e| e.id())
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_overdue_deadline_shows_on_the_case_page() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::Case("c-1".into())).await;
    let text = text(&root);
    assert!(text.contains("Overdue by 12 days"), "{text}");
    assert!(text.contains("Due 17 February 2025"), "{text}");
    assert!(text.contains("What you can do next"), "{text}");
}

#[wasm_bindgen_test]
async fn an_empty_milestone_puts_focus_on_the_error_summary() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::LogEvent("c-1".into())).await;
    find(&root, "button[type=submit]").click();
    yew::scheduler::flush().await;
    let summary = find(&root, "#error-summary");
    assert!(
        summary
            .text_content()
            .unwrap()
            .contains("There is a problem")
    );
    assert!(
        summary
            .text_content()
            .unwrap()
            .contains("Select what happened")
    );
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(
        load(&mut LocalStore).cases,
        vec![Rc::new(request_case())],
        "nothing saved"
    );
}

#[wasm_bindgen_test]
async fn adding_a_case_saves_it_and_opens_it() {
    clear();
    let root = mount(View::AddCase).await;
    type_into(&root, "#child", "E. F.");
    type_into(&root, "#council", "Othertown Council");
    yew::scheduler::flush().await;
    find(&root, "button[type=submit]").click();
    yew::scheduler::flush().await;
    assert_eq!(
        find(&root, "h1").text_content().unwrap(),
        "E. F.",
        "{}",
        text(&root)
    );
    let saved = load(&mut LocalStore).cases;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].child.as_deref(), Some("E. F."));
    assert_eq!(
        saved[0].local_authority.as_deref(),
        Some("Othertown Council")
    );
}

fn choose(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&event).unwrap();
}

fn button(root: &Element, words: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.get(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().as_deref() == Some(words))
        .unwrap_or_else(|| panic!("no button {words:?}"))
}

#[wasm_bindgen_test]
async fn logging_a_milestone_saves_it_and_shows_it_in_the_events() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::LogEvent("c-1".into())).await;
    choose(&root, "#kind", "decision-to-assess");
    type_into(&root, "#date-day", "20");
    type_into(&root, "#date-month", "2");
    type_into(&root, "#date-year", "2025");
    find(&root, "button[type=submit]").click();
    yew::scheduler::flush().await;
    let text = text(&root);
    assert!(
        text.contains("20 February 2025 — Council decided to assess"),
        "{text}"
    );
    assert!(text.contains("Met 3 days late"), "{text}");
    let saved = load(&mut LocalStore).cases;
    assert_eq!(saved[0].events[1].kind, EventKind::DecisionToAssess);
}

#[wasm_bindgen_test]
async fn a_deleted_case_can_be_undone_and_both_are_saved() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::Case("c-1".into())).await;
    button(&root, "Delete case").click();
    yew::scheduler::flush().await;
    assert!(text(&root).contains("Case deleted"), "{}", text(&root));
    assert!(load(&mut LocalStore).cases.is_empty());
    button(&root, "Undo").click();
    yew::scheduler::flush().await;
    assert!(!text(&root).contains("Case deleted"));
    assert_eq!(load(&mut LocalStore).cases, vec![Rc::new(request_case())]);
}

/// Yields to the browser's event loop until `done` holds, at most `tries`
/// times: the file is read by a promise the Yew scheduler does not know of.
async fn until(tries: u32, done: impl Fn() -> bool) {
    for _ in 0..tries {
        if done() {
            return;
        }
        next_task().await;
        yew::scheduler::flush().await;
    }
}

/// Stands in for assets/load-parts.js, whose modules the test runner does
/// not serve: `ehcPart(name)` resolves, for the import and the lock, to the
/// part as its module exports it (`show`, and a page with `close`), through
/// the same `parts::show`, so the app and the part talk as in the built app.
fn provide_parts() {
    let modules = js_sys::Object::new();
    js_sys::Reflect::set(&modules, &"import".into(), &part_module::<Import>()).unwrap();
    js_sys::Reflect::set(&modules, &"lock".into(), &part_module::<LockSettings>()).unwrap();
    let load = Closure::<dyn Fn(String) -> js_sys::Promise>::new(move |name: String| {
        js_sys::Promise::resolve(&js_sys::Reflect::get(&modules, &name.into()).unwrap())
    });
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &"ehcPart".into(), load.as_ref()).unwrap();
    load.forget();
}

/// The module of the part `P`, as `src/bin/part-*.rs` exports it.
fn part_module<P: parts::Part>() -> JsValue {
    type Show = dyn Fn(
        Element,
        String,
        String,
        bool,
        bool,
        JsValue,
        js_sys::Function,
        js_sys::Function,
    ) -> JsValue;
    let show = Closure::<Show>::new(
        |host, hash: String, cases: String, focus, writable, lock, on_import, on_lock| {
            let app = parts::show::<P>(
                host, &hash, &cases, focus, writable, lock, on_import, on_lock,
            )
            .unwrap();
            let app = RefCell::new(Some(app));
            let close = Closure::<dyn Fn()>::new(move || {
                if let Some(app) = app.borrow_mut().take() {
                    app.destroy();
                }
            });
            let shown = js_sys::Object::new();
            js_sys::Reflect::set(&shown, &"close".into(), close.as_ref()).unwrap();
            close.forget();
            shown.into()
        },
    );
    let module = js_sys::Object::new();
    js_sys::Reflect::set(&module, &"show".into(), show.as_ref()).unwrap();
    show.forget();
    module.into()
}

/// The app on its import page, once the import part shows it.
async fn mount_import() -> Mounted {
    provide_parts();
    let root = mount(View::Import).await;
    until(50, || root.query_selector("#case-file").unwrap().is_some()).await;
    root
}

fn choose_file(root: &Element, text: &str) {
    choose_bytes(root, text.as_bytes());
}

/// Chooses a file of `bytes` as they are, UTF-8 or not.
fn choose_bytes(root: &Element, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "case.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, "#case-file").unchecked_into();
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn importing_shows_a_preview_before_writing_anything() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount_import().await;
    choose_file(
        &root,
        r#"{"format": "ehc-timeline/1", "cases": [
            {"id": "c-1", "child": "A. B.", "events": []},
            {"id": "c-2", "child": "E. F.", "events": []}]}"#,
    );
    until(50, || text(&root).contains("This will add")).await;
    assert!(
        text(&root).contains("This will add 1 case and replace 1 case"),
        "{}",
        text(&root)
    );
    assert_eq!(
        load(&mut LocalStore).cases,
        vec![Rc::new(request_case())],
        "not yet"
    );
    button(&root, "Import").click();
    yew::scheduler::flush().await;
    let saved = load(&mut LocalStore).cases;
    assert_eq!(saved.len(), 2);
    assert!(saved[0].events.is_empty(), "c-1 was replaced");
}

/// Chooses a file of `bytes` on the import page, with one case saved: the
/// page's text once it says there is a problem, with nothing saved.
async fn import_refused(bytes: &[u8]) -> String {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount_import().await;
    choose_bytes(&root, bytes);
    until(50, || text(&root).contains("There is a problem")).await;
    assert_eq!(load(&mut LocalStore).cases, vec![Rc::new(request_case())]);
    text(&root)
}

#[wasm_bindgen_test]
async fn a_bad_file_shows_where_it_is_wrong_and_changes_nothing() {
    let text = import_refused(b"{\"format\": \"ehc-timeline/1\",\n \"cases\": [}").await;
    assert!(
        text.contains("The file could not be imported: line 2, column"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn a_file_that_is_not_utf8_is_refused_not_imported_altered() {
    let text = import_refused(include_bytes!(
        "../crates/rules/tests/fixtures/hostile/not-utf8.json"
    ))
    .await;
    assert!(
        text.contains("line 6, column 19: this is not UTF-8 text: byte 88 (0xE9)"),
        "{text}"
    );
}

/// Dispatches the `storage` event another tab's write fires in this one.
fn storage_event_for(key: &str) {
    let event = web_sys::Event::new("storage").unwrap();
    js_sys::Reflect::set(&event, &"key".into(), &key.into()).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn another_tabs_write_shows_on_the_open_page_and_is_not_written_over() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::Case("c-1".into())).await;
    // Another tab renames the case.
    let renamed = Case {
        child: Some("A. B. C.".into()),
        ..request_case()
    };
    save(&mut LocalStore, [&renamed]).unwrap();
    storage_event_for(KEY);
    // Taken in after whatever the storage handle has queued.
    let heading = || find(&root, "h1").text_content().unwrap_or_default();
    until(20, || heading() == "A. B. C.").await;
    assert_eq!(heading(), "A. B. C.");
    // This tab's next change keeps the other tab's rename.
    button(&root, "Delete case").click();
    yew::scheduler::flush().await;
    button(&root, "Undo").click();
    yew::scheduler::flush().await;
    until(20, || {
        load(&mut LocalStore).cases == [Rc::new(renamed.clone())]
    })
    .await;
    assert_eq!(load(&mut LocalStore).cases, vec![Rc::new(renamed)]);
}

// The passphrase lock: real WebCrypto in Chromium.

const PASSPHRASE: &str = "correct horse battery";

/// A key for `passphrase` with a new salt, and `cases` locked with it.
async fn locked(passphrase: &str, cases: &[&Case]) -> (SessionKey, String) {
    let key = SessionKey::derive(passphrase, random_bytes().unwrap(), ITERATIONS)
        .await
        .unwrap();
    let stored = key.seal(&encode(cases.iter().copied())).await.unwrap();
    (key, stored.encode())
}

fn envelope_of(stored: &str) -> Envelope {
    lock::read(stored).expect("locked").expect("readable")
}

/// What a callback was called with, in order.
type Calls<T> = Rc<RefCell<Vec<T>>>;

/// A callback and what it was called with.
fn recorder<T: 'static>() -> (Calls<T>, yew::Callback<T>) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let record = calls.clone();
    (
        calls,
        yew::Callback::from(move |result| record.borrow_mut().push(result)),
    )
}

/// The locked fixture, made once outside the app with Node's WebCrypto from
/// `storage-v1.json`: a store locked by any earlier version still unlocks.
#[wasm_bindgen_test]
async fn the_locked_fixture_unlocks_to_its_version_1_value() {
    let envelope = envelope_of(include_str!("fixtures/locked-v2.json"));
    let (_, opened) = unlock(&envelope, PASSPHRASE).await.unwrap();
    assert_eq!(opened, include_str!("fixtures/storage-v1.json"));
    let cases = decode(&opened).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].child.as_deref(), Some("A. B."));
}

#[wasm_bindgen_test]
async fn a_real_encryption_round_trips_and_a_wrong_passphrase_is_refused() {
    let (_, stored) = locked(PASSPHRASE, &[&request_case()]).await;
    assert!(!stored.contains("A. B."), "{stored}");
    assert!(!stored.contains("request-received"), "{stored}");
    let envelope = envelope_of(&stored);
    assert_eq!(envelope.iterations, 600_000);
    let (_, opened) = unlock(&envelope, PASSPHRASE).await.unwrap();
    assert_eq!(decode(&opened).unwrap(), vec![request_case()]);
    assert_eq!(
        unlock(&envelope, "correct horse batterY").await.err(),
        Some(OpenError::WrongPassphrase)
    );
}

#[wasm_bindgen_test]
async fn every_save_has_a_fresh_nonce_and_the_same_passphrase_in_another_unicode_form_unlocks() {
    let nfc = "caf\u{e9} au lait";
    let nfd = "cafe\u{301} au lait";
    let key = SessionKey::derive(nfc, random_bytes().unwrap(), ITERATIONS)
        .await
        .unwrap();
    let one = key.seal("same text").await.unwrap();
    let two = key.seal("same text").await.unwrap();
    assert_ne!(one.iv, two.iv);
    assert_ne!(one.ciphertext, two.ciphertext);
    for sealed in [one, two] {
        let (_, opened) = unlock(&sealed, nfd).await.unwrap();
        assert_eq!(opened, "same text");
    }
}

/// localStorage holding the request case locked, and the lock of a page
/// that unlocked it.
async fn unlocked_store() -> (SessionKey, Lock) {
    clear();
    let (key, stored) = locked(PASSPHRASE, &[&request_case()]).await;
    storage().set_item(KEY, &stored).unwrap();
    (
        key.clone(),
        Lock::unlocked(Store::new(LocalStore), key, stored),
    )
}

#[wasm_bindgen_test]
async fn saves_through_the_lock_are_encrypted_and_written_in_order() {
    let (key, lock) = unlocked_store().await;
    let second = Case {
        id: "c-2".into(),
        child: Some("E. F.".into()),
        ..Case::default()
    };
    let (calls, done) = recorder();
    lock.save(vec![Rc::new(second.clone())], 0, done.clone());
    lock.save(
        vec![Rc::new(request_case()), Rc::new(second.clone())],
        0,
        done,
    );
    until(100, || calls.borrow().len() == 2).await;
    assert_eq!(
        *calls.borrow(),
        [Ok(Synced::Unchanged), Ok(Synced::Unchanged)]
    );
    let stored = storage().get_item(KEY).unwrap().unwrap();
    assert!(!stored.contains("E. F."), "{stored}");
    let opened = key.open(&envelope_of(&stored)).await.unwrap();
    assert_eq!(
        decode(&opened).unwrap(),
        vec![request_case(), second],
        "the later save is the one kept"
    );
}

#[wasm_bindgen_test]
async fn a_failed_encrypted_write_keeps_the_previous_value() {
    let (key, stored) = locked(PASSPHRASE, &[&request_case()]).await;
    let backend = Rc::new(RefCell::new(MemoryBackend::default()));
    backend.borrow_mut().set(KEY, &stored).unwrap();
    backend.borrow_mut().refuse_writes = Some("this device's storage for the app is full".into());
    let lock = Lock::unlocked(Store(backend.clone()), key, stored.clone());
    let (calls, done) = recorder();
    lock.save(Vec::new(), 0, done);
    until(100, || !calls.borrow().is_empty()).await;
    assert_eq!(
        *calls.borrow(),
        [Err(SaveError::Failed(
            "this device's storage for the app is full".to_owned()
        ))]
    );
    assert_eq!(backend.borrow().values[KEY], stored);
}

#[wasm_bindgen_test]
async fn while_locked_another_tabs_write_is_never_written_over() {
    let (key, lock) = unlocked_store().await;
    // Another tab, unlocked with the same passphrase, saves a change.
    let theirs = key.seal(&encode(&[])).await.unwrap().encode();
    storage().set_item(KEY, &theirs).unwrap();
    let (calls, done) = recorder();
    lock.save(vec![Rc::new(request_case())], 0, done);
    until(100, || !calls.borrow().is_empty()).await;
    let Err(SaveError::Failed(refused)) = calls.borrow()[0].clone() else {
        panic!("{:?}", calls.borrow());
    };
    assert!(
        refused.contains("changed in another tab or window"),
        "{refused}"
    );
    assert_eq!(storage().get_item(KEY).unwrap().unwrap(), theirs);
}

/// Types into each field, then sends the form.
async fn submit(root: &Element, fields: &[(&str, &str)]) {
    for (selector, typed) in fields {
        type_into(root, selector, typed);
    }
    yew::scheduler::flush().await;
    find(root, "button[type=submit]").click();
}

fn heading(root: &Element) -> String {
    find(root, "h1").text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_unlock_page_refuses_a_wrong_passphrase_then_opens_the_cases_and_saves_locked() {
    clear();
    let (key, stored) = locked(PASSPHRASE, &[&request_case()]).await;
    storage().set_item(KEY, &stored).unwrap();
    let root = mount(View::Case("c-1".into())).await;
    assert_eq!(heading(&root), "Unlock your cases");
    assert!(!text(&root).contains("A. B."));

    submit(&root, &[("#passphrase", "not the passphrase")]).await;
    until(200, || text(&root).contains("The passphrase is not right")).await;
    let summary = find(&root, "#error-summary").text_content().unwrap();
    assert!(summary.contains("There is a problem"), "{summary}");
    assert!(summary.contains("The passphrase is not right"), "{summary}");
    assert_eq!(focused_id().as_deref(), Some("error-summary"));

    submit(&root, &[("#passphrase", PASSPHRASE)]).await;
    until(200, || heading(&root) == "A. B.").await;
    assert!(
        text(&root).contains("Overdue by 12 days"),
        "{}",
        text(&root)
    );

    // Unlocked, the value moved into records locked one by one.
    assert_eq!(storage().get_item(KEY).unwrap(), None);
    let db = Db::open(DB_NAME).await.unwrap();
    let header = db.lock_header().await.unwrap().expect("locked");
    assert_eq!(
        Header::read(&header).unwrap().salt,
        key.salt,
        "same passphrase"
    );
    assert_eq!(db.read_all().await.unwrap().records.len(), 1);

    button(&root, "Delete case").click();
    for _ in 0..100 {
        if db.read_all().await.unwrap().records.is_empty() {
            break;
        }
        next_task().await;
    }
    assert!(
        db.read_all().await.unwrap().records.is_empty(),
        "the deletion is saved"
    );
    assert_eq!(
        db.lock_header().await.unwrap(),
        Some(header),
        "still locked"
    );
    db.close();
}

#[wasm_bindgen_test]
async fn the_lock_page_locks_with_no_plain_text_left_and_removing_it_stores_plain_again() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    provide_parts();
    let root = mount(View::Lock).await;
    until(50, || root.query_selector("#passphrase").unwrap().is_some()).await;
    assert!(
        text(&root).contains("If you forget this passphrase, nobody can get your cases back: not us, not anyone. Export a copy first."),
        "{}",
        text(&root)
    );
    submit(&root, &[("#passphrase", "short"), ("#confirm", "short")]).await;
    yew::scheduler::flush().await;
    assert!(
        text(&root).contains("The passphrase must be 8 characters or more"),
        "{}",
        text(&root)
    );
    assert_eq!(
        load(&mut LocalStore).cases,
        vec![Rc::new(request_case())],
        "nothing changed"
    );

    submit(
        &root,
        &[("#passphrase", PASSPHRASE), ("#confirm", PASSPHRASE)],
    )
    .await;
    until(200, || {
        text(&root).contains("EHC Timeline will ask for the passphrase each time it opens.")
    })
    .await;
    let stored = storage().get_item(KEY).unwrap().unwrap();
    assert!(stored.contains("\"encrypted\""), "{stored}");
    assert!(!stored.contains("A. B."), "{stored}");
    let (_, opened) = unlock(&envelope_of(&stored), PASSPHRASE).await.unwrap();
    assert_eq!(decode(&opened).unwrap(), vec![request_case()]);

    button(&root, "Remove the lock").click();
    until(100, || text(&root).contains("The lock is removed")).await;
    let loaded = load(&mut LocalStore);
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.cases, vec![Rc::new(request_case())]);
}

/// The browser's IndexedDB, one record per case: the store, its revision
/// check, the new-format fixture, and the move from localStorage.
mod indexed_db {
    use std::rc::Rc;

    use super::*;
    use ehc_timeline::lock::Start;
    use ehc_timeline::lock_records::{Progress, Sealing, whole_store};
    use ehc_timeline::storage::idb::{Change, OpenError, WriteError};
    use ehc_timeline::storage::migrate::{BEFORE_KEY, MIGRATED_KEY, migrate};
    use ehc_timeline::storage::records::{
        RECORDS_VERSION, Read, Saved, decode_record, encode_record, read_records,
    };
    use web_sys::{IdbDatabase, IdbTransactionMode};

    const V1: &str = include_str!("fixtures/storage-v1.json");
    const RECORDS: &str = include_str!("fixtures/records-v3.json");

    /// A database of its own for each test (the browser's profile is new
    /// for each run).
    async fn fresh(name: &str) -> Db {
        Db::open(&format!("test-{name}")).await.unwrap()
    }

    /// Each record's key, revision and child's name, in key order.
    async fn contents(db: &Db) -> Vec<(String, u64, String)> {
        db.read_all()
            .await
            .unwrap()
            .records
            .iter()
            .map(|(key, text)| {
                let (rev, case) = decode_record(text).unwrap();
                (key.clone(), rev, case.child.unwrap_or_default())
            })
            .collect()
    }

    fn row(key: &str, rev: u64, child: &str) -> (String, u64, String) {
        (key.into(), rev, child.into())
    }

    fn shared(cases: Vec<Case>) -> Vec<Rc<Case>> {
        cases.into_iter().map(Rc::new).collect()
    }

    fn renamed(case: &Rc<Case>, child: &str) -> Rc<Case> {
        Rc::new(Case {
            child: Some(child.into()),
            ..Case::clone(case)
        })
    }

    /// A raw readwrite transaction on the test's database, for what the app
    /// never writes itself (another program's record, a newer version).
    async fn put_raw(name: &str, store: &str, key: &str, value: &wasm_bindgen::JsValue) {
        let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
        let open = factory.open(&format!("test-{name}")).unwrap();
        until(50, || {
            open.ready_state() == web_sys::IdbRequestReadyState::Done
        })
        .await;
        let db: IdbDatabase = open.result().unwrap().unchecked_into();
        let transaction = db
            .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
            .unwrap();
        let put = transaction
            .object_store(store)
            .unwrap()
            .put_with_key(value, &key.into())
            .unwrap();
        until(50, || {
            put.ready_state() == web_sys::IdbRequestReadyState::Done
        })
        .await;
        db.close();
    }

    #[wasm_bindgen_test]
    async fn each_case_is_a_record_of_its_own_and_a_change_writes_only_that_one() {
        let db = fresh("records").await;
        let cases = shared(decode(V1).unwrap());
        let mut saved = Saved::default();
        let puts = saved.changes(&cases);
        db.write(&puts).await.unwrap();
        saved.written(&puts, &cases);
        assert_eq!(
            contents(&db).await,
            [row("c-7f3a0001", 1, "A. B."), row("c-7f3a0002", 1, "C. D.")]
        );

        let now = vec![renamed(&cases[0], "A. B. C."), cases[1].clone()];
        let puts = saved.changes(&now);
        assert_eq!(puts.len(), 1, "one record written");
        db.write(&puts).await.unwrap();
        assert_eq!(
            contents(&db).await,
            [
                row("c-7f3a0001", 2, "A. B. C."),
                row("c-7f3a0002", 1, "C. D.")
            ]
        );
    }

    #[wasm_bindgen_test]
    async fn a_write_over_another_tabs_revision_writes_nothing_at_all() {
        let db = fresh("conflict").await;
        let cases = shared(decode(V1).unwrap());
        let first = Saved::default().changes(&cases);
        db.write(&first).await.unwrap();
        // Two tabs read the same store.
        let mut tab_a = Saved::default();
        tab_a.written(&first, &cases);
        let mut tab_b = tab_a.clone();

        // Tab A renames the first case; tab B, not knowing, renames both.
        let a_now = vec![renamed(&cases[0], "Named in tab A"), cases[1].clone()];
        db.write(&tab_a.changes(&a_now)).await.unwrap();
        let b_now = vec![
            renamed(&cases[0], "Named in tab B"),
            renamed(&cases[1], "Also tab B"),
        ];
        let refused = db.write(&tab_b.changes(&b_now)).await;
        assert_eq!(
            refused,
            Err(WriteError::Conflict(vec!["c-7f3a0001".into()]))
        );
        assert_eq!(
            contents(&db).await,
            [
                row("c-7f3a0001", 2, "Named in tab A"),
                row("c-7f3a0002", 1, "C. D.")
            ],
            "the transaction wrote neither case"
        );
    }

    #[wasm_bindgen_test]
    async fn a_record_another_program_wrote_is_never_written_over() {
        let db = fresh("foreign").await;
        put_raw("foreign", "cases", "c-1", &"not a record".into()).await;
        let case = Rc::new(request_case());
        let refused = db
            .write(&Saved::default().changes(std::slice::from_ref(&case)))
            .await;
        assert_eq!(refused, Err(WriteError::Conflict(vec!["c-1".into()])));
        let stored = db.read_all().await.unwrap().records;
        assert_eq!(stored, [("c-1".to_owned(), "not a record".to_owned())]);
    }

    #[wasm_bindgen_test]
    async fn a_closed_store_refuses_the_write_and_keeps_every_record() {
        let name = "closed";
        let db = fresh(name).await;
        let cases = shared(decode(V1).unwrap());
        db.write(&Saved::default().changes(&cases)).await.unwrap();
        let mut saved = Saved::default();
        saved.written(&Saved::default().changes(&cases), &cases);
        db.close();
        let now = vec![renamed(&cases[0], "Lost"), cases[1].clone()];
        assert!(matches!(
            db.write(&saved.changes(&now)).await,
            Err(WriteError::Failed(_))
        ));
        assert_eq!(
            contents(&fresh(name).await).await,
            [row("c-7f3a0001", 1, "A. B."), row("c-7f3a0002", 1, "C. D.")]
        );
    }

    #[wasm_bindgen_test]
    async fn a_store_written_by_a_newer_version_is_refused() {
        let name = "newer";
        fresh(name).await.close();
        put_raw(name, "meta", "storage_version", &9.into()).await;
        let refused = Db::open(&format!("test-{name}")).await.map(drop);
        assert_eq!(refused, Err(OpenError::TooNew(9)));
    }

    #[wasm_bindgen_test]
    async fn the_records_fixture_builds_a_store_the_app_reads() {
        let name = "fixture";
        let db = fresh(name).await;
        let fixture: serde_json::Value = serde_json::from_str(RECORDS).unwrap();
        assert_eq!(fixture["storage_version"], RECORDS_VERSION);
        for (id, record) in fixture["cases"].as_object().unwrap() {
            put_raw(name, "cases", id, &record.to_string().into()).await;
        }
        let Read {
            cases, unreadable, ..
        } = read_records(&db.read_all().await.unwrap().records);
        assert!(unreadable.is_empty(), "{unreadable:?}");
        let revisions: Vec<u64> = cases.iter().map(|(rev, _)| *rev).collect();
        assert_eq!(revisions, [4, 1]);
        let cases: Vec<Case> = cases.into_iter().map(|(_, c)| Case::clone(&c)).collect();
        assert_eq!(cases, decode(V1).unwrap());
        // The app's next write of one case takes it on from its revision.
        let read = shared(cases);
        let mut saved = Saved::new(revisions.into_iter().zip(read.iter().cloned()));
        let now = vec![renamed(&read[0], "A. B. C."), read[1].clone()];
        db.write(&saved.changes(&now)).await.unwrap();
        assert_eq!(contents(&db).await[0], row("c-7f3a0001", 5, "A. B. C."));
        assert_eq!(
            db.read_all().await.unwrap().records[0].1,
            encode_record(5, &now[0])
        );
    }

    #[wasm_bindgen_test]
    async fn version_1_moves_into_indexed_db_checked_then_renamed() {
        clear();
        storage().set_item(KEY, V1).unwrap();
        let db = fresh("migrate").await;
        assert_eq!(migrate(&db, &mut LocalStore).await, Ok(true));
        assert_eq!(
            contents(&db).await,
            [row("c-7f3a0001", 1, "A. B."), row("c-7f3a0002", 1, "C. D.")]
        );
        let cases = read_records(&db.read_all().await.unwrap().records).cases;
        let cases: Vec<Case> = cases.into_iter().map(|(_, c)| Case::clone(&c)).collect();
        assert_eq!(cases, decode(V1).unwrap(), "every field, unknown ones too");
        assert_eq!(storage().get_item(KEY).unwrap(), None);
        assert_eq!(
            storage().get_item(BEFORE_KEY).unwrap().as_deref(),
            Some(V1),
            "kept as it was"
        );
        assert_eq!(
            storage().get_item(MIGRATED_KEY).unwrap().as_deref(),
            Some("1")
        );
        // Started again: nothing left to move, nothing changed.
        assert_eq!(migrate(&db, &mut LocalStore).await, Ok(false));
        assert_eq!(contents(&db).await.len(), 2);
    }

    #[wasm_bindgen_test]
    async fn a_move_interrupted_before_the_rename_is_done_again_without_copies() {
        clear();
        storage().set_item(KEY, V1).unwrap();
        let db = fresh("interrupted").await;
        // A first run copied one case, then the tab closed.
        let cases = shared(decode(V1).unwrap());
        db.write(&Saved::default().changes(&cases[..1]))
            .await
            .unwrap();
        assert_eq!(migrate(&db, &mut LocalStore).await, Ok(true));
        assert_eq!(
            contents(&db).await,
            [row("c-7f3a0001", 1, "A. B."), row("c-7f3a0002", 1, "C. D.")]
        );
    }

    #[wasm_bindgen_test]
    async fn a_locked_a_newer_or_an_unreadable_value_is_not_moved() {
        let db = fresh("not-moved").await;
        for value in [
            include_str!("fixtures/locked-v2.json"),
            r#"{"storage_version": 99, "cases": []}"#,
            "{ not json",
        ] {
            clear();
            storage().set_item(KEY, value).unwrap();
            assert_eq!(migrate(&db, &mut LocalStore).await, Ok(false));
            assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(value));
            assert_eq!(storage().get_item(MIGRATED_KEY).unwrap(), None);
            assert!(contents(&db).await.is_empty());
        }
    }

    #[wasm_bindgen_test]
    async fn the_first_module_opens_only_a_store_of_readable_plain_records() {
        clear();
        let db = fresh("usual").await;
        let cases = shared(decode(V1).unwrap());
        db.write(&Saved::default().changes(&cases)).await.unwrap();
        let loaded = lock::usual(db, &LocalStore).await.expect("usual");
        assert_eq!(loaded.cases, cases);
        assert!(loaded.problem.is_none() && loaded.writable);
        assert!(matches!(
            loaded.saving,
            ehc_timeline::storage::Saving::Records(..)
        ));

        // Any other start goes to the app whole: a value in localStorage,
        // a record that cannot be read or is under another case's id, a lock.
        storage().set_item(KEY, V1).unwrap();
        assert!(lock::open_usual(&mut LocalStore).await.is_none());
        clear();
        for (name, store, key, value) in [
            ("usual-unreadable", "cases", "c-1", "{ not json".to_owned()),
            ("usual-moved", "cases", "c-1", encode_record(1, &cases[0])),
            ("usual-locked", "meta", "lock", "a header".to_owned()),
        ] {
            let db = fresh(name).await;
            put_raw(name, store, key, &value.into()).await;
            assert!(lock::usual(db, &LocalStore).await.is_none(), "{name}");
        }
    }

    /// The records of a store locked with `sealing`, written in one
    /// transaction as setting the lock writes them.
    async fn lock_store(db: &Db, sealing: &Sealing, cases: &[Rc<Case>]) {
        let puts = whole_store(cases, |_| None, Some(sealing), &Progress::default())
            .await
            .unwrap();
        let change = Change {
            puts: &puts,
            lock_now: None,
            lock_after: Some(&sealing.header),
            whole: Some(&[]),
            aside: None,
        };
        db.change(change).await.unwrap();
    }

    /// A new lock with [`PASSPHRASE`], as the lock page sets it.
    async fn sealing() -> Sealing {
        let key = SessionKey::derive(PASSPHRASE, random_bytes().unwrap(), ITERATIONS)
            .await
            .unwrap();
        Sealing::new(key).await.unwrap()
    }

    /// The cases of a locked store, in the order of their keys.
    async fn opened(db: &Db, sealing: &Sealing) -> Vec<Case> {
        let Read {
            cases, unreadable, ..
        } = sealing
            .open_all(&db.read_all().await.unwrap().records)
            .await;
        assert!(unreadable.is_empty(), "{unreadable:?}");
        cases.into_iter().map(|(_, c)| Case::clone(&c)).collect()
    }

    #[wasm_bindgen_test]
    async fn a_locked_record_holds_nothing_readable_of_its_case() {
        let db = fresh("locked-plain").await;
        let sealing = sealing().await;
        let cases = shared(decode(V1).unwrap());
        lock_store(&db, &sealing, &cases).await;
        let records = db.read_all().await.unwrap().records;
        let header = db.lock_header().await.unwrap().unwrap();
        assert_eq!(records.len(), 2);
        for (key, text) in &records {
            for plain in ["A. B.", "C. D.", "c-7f3a0001", "c-7f3a0002", "\"case\""] {
                assert!(!key.contains(plain), "{key}");
                assert!(!text.contains(plain), "{text}");
                assert!(!header.contains(plain), "{header}");
            }
        }
        // Keys in the order of their hashes: the cases in the order of ids.
        let mut found = opened(&db, &sealing).await;
        found.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(found, decode(V1).unwrap());
        // A fresh nonce at every write: the same case sealed twice differs.
        let plain = Saved::default().changes(&cases[..1]);
        let again = sealing
            .seal_puts(&plain, &Progress::default())
            .await
            .unwrap();
        let first = records.iter().find(|(key, _)| *key == again[0].id).unwrap();
        assert_ne!(Some(&first.1), again[0].record.as_ref());
    }

    #[wasm_bindgen_test]
    async fn a_failed_transaction_keeps_the_old_encrypted_record() {
        let name = "locked-closed";
        let db = fresh(name).await;
        let sealing = sealing().await;
        let cases = shared(vec![request_case()]);
        lock_store(&db, &sealing, &cases).await;
        let mut saved = Saved::new([(1, cases[0].clone())]);
        db.close();
        let now = vec![renamed(&cases[0], "Lost")];
        let puts = sealing
            .seal_puts(&saved.changes(&now), &Progress::default())
            .await
            .unwrap();
        let change = Change {
            puts: &puts,
            lock_now: Some(&sealing.header),
            lock_after: Some(&sealing.header),
            whole: None,
            aside: None,
        };
        assert!(matches!(
            db.change(change).await,
            Err(WriteError::Failed(_))
        ));
        assert_eq!(opened(&fresh(name).await, &sealing).await, [request_case()]);
    }

    #[wasm_bindgen_test]
    async fn locked_records_are_checked_by_revision_and_two_locked_tabs_merge() {
        let db = fresh("locked-tabs").await;
        let sealing = sealing().await;
        let case = Rc::new(request_case());
        lock_store(&db, &sealing, std::slice::from_ref(&case)).await;
        let tab = || {
            let saved = Saved::new([(1, case.clone())]);
            let store = Store::new(MemoryBackend::default());
            Lock::unlocked_records(store, db.clone(), saved, sealing.clone())
        };
        let (tab_a, tab_b) = (tab(), tab());
        let with = |id: &str| {
            let mut case = request_case();
            case.events
                .push(Event::new(id, EventKind::RequestReceived, day(2, 3)));
            vec![Rc::new(case)]
        };
        let (calls_a, done_a) = recorder();
        tab_a.save(with("e-a"), 0, done_a);
        until(100, || !calls_a.borrow().is_empty()).await;
        assert_eq!(*calls_a.borrow(), [Ok(Synced::Unchanged)]);
        // Tab B has not seen tab A's write: refused, and tab A's case read.
        let (calls_b, done_b) = recorder();
        tab_b.save(with("e-b"), 0, done_b);
        until(100, || !calls_b.borrow().is_empty()).await;
        let Ok(Synced::Theirs(theirs)) = calls_b.borrow()[0].clone() else {
            panic!("{:?}", calls_b.borrow());
        };
        assert_eq!(theirs.ids, ["c-1"]);
        assert_eq!(theirs.taken, 1, "the first write of another tab read in");
        assert_eq!(
            theirs.theirs,
            with("e-a")
                .iter()
                .map(|c| Case::clone(c))
                .collect::<Vec<_>>()
        );
        assert_eq!(opened(&db, &sealing).await, [Case::clone(&with("e-a")[0])]);
        // A write under a lock that is no longer the store's writes nothing.
        let plain = Saved::default().changes(&with("e-c"));
        let change = Change {
            puts: &sealing
                .seal_puts(&plain, &Progress::default())
                .await
                .unwrap(),
            lock_now: Some("another lock"),
            lock_after: Some("another lock"),
            whole: None,
            aside: None,
        };
        assert_eq!(db.change(change).await, Err(WriteError::LockChanged));
        assert_eq!(
            db.write(&[]).await,
            Err(WriteError::LockChanged),
            "nor without one"
        );
    }

    #[wasm_bindgen_test]
    async fn a_locked_record_that_cannot_be_opened_is_kept_aside_and_the_others_load() {
        clear();
        let name = "locked-unreadable";
        let db = fresh(name).await;
        let sealing = sealing().await;
        let cases = shared(decode(V1).unwrap());
        lock_store(&db, &sealing, &cases).await;
        // One record's sealed bytes changed: it no longer opens.
        let (key, text) = db.read_all().await.unwrap().records.remove(0);
        let broken = text.replacen("\"sealed\":\"", "\"sealed\":\"AAAA", 1);
        put_raw(name, "cases", &key, &broken.clone().into()).await;
        let start = Start::LockedRecords {
            db: db.clone(),
            header: sealing.header.clone(),
            beside: None,
        };
        let store = Store::new(LocalStore);
        let (loaded, _) = ehc_timeline::unlock::unlock(&start, &store, PASSPHRASE)
            .await
            .unwrap();
        assert_eq!(loaded.cases.len(), 1, "the other case loads");
        let Some(LoadProblem::KeptAside {
            kept_as,
            unreadable,
            ..
        }) = loaded.problem
        else {
            panic!("{:?}", loaded.problem);
        };
        assert_eq!(unreadable, broken, "offered for download as stored");
        assert_eq!(kept_as, KEPT_ASIDE);
        assert_eq!(storage().get_item(KEPT_ASIDE).unwrap(), Some(broken));
    }

    #[wasm_bindgen_test]
    async fn a_lock_whose_header_cannot_be_read_is_downloaded_as_stored_and_set_aside_whole() {
        use ehc_timeline::unlock::{damaged_text, set_aside};
        use rules::case_file::json::Value;
        clear();
        let name = "locked-damaged";
        let db = fresh(name).await;
        let sealing = sealing().await;
        lock_store(&db, &sealing, &shared(decode(V1).unwrap())).await;
        let damaged = sealing.header.replacen("\"salt\"", "\"sal", 1);
        put_raw(name, "meta", "lock", &damaged.clone().into()).await;
        let start = Start::LockedRecords {
            db: db.clone(),
            header: damaged.clone(),
            beside: None,
        };
        let records = db.read_all().await.unwrap().records;
        assert_eq!(records.len(), 2);

        let text = damaged_text(&start).await.unwrap();
        let value = Value::parse(&text).unwrap();
        assert_eq!(value.get("lock").and_then(Value::as_str), Some(&*damaged));
        let stored = value.get("records").and_then(Value::as_object).unwrap();
        assert_eq!(stored.keys().count(), 2);
        for (key, record) in &records {
            assert_eq!(stored.get(key).and_then(Value::as_str), Some(&**record));
        }

        set_aside(&start, &Store::new(LocalStore)).await.unwrap();
        assert_eq!(
            storage().get_item(KEPT_ASIDE).unwrap(),
            Some(text),
            "kept aside whole before anything is cleared"
        );
        assert_eq!(db.lock_header().await.unwrap(), None);
        assert!(contents(&db).await.is_empty(), "a fresh store");
    }

    #[wasm_bindgen_test]
    async fn the_old_locked_value_moves_into_records_locked_one_by_one() {
        clear();
        let (_, stored) = locked(PASSPHRASE, &[&request_case()]).await;
        storage().set_item(KEY, &stored).unwrap();
        let store = Store::new(LocalStore);
        let Start::Locked { .. } = lock::open(&mut LocalStore).await else {
            panic!("the old value is to unlock");
        };
        let start = Start::Locked {
            stored: stored.clone(),
            envelope: Ok(envelope_of(&stored)),
        };
        let (loaded, lock) = ehc_timeline::unlock::unlock(&start, &store, PASSPHRASE)
            .await
            .unwrap();
        assert_eq!(loaded.cases, [Rc::new(request_case())]);
        assert!(lock.is_on());
        assert_eq!(storage().get_item(KEY).unwrap(), None);
        assert_eq!(
            storage().get_item(BEFORE_KEY).unwrap().as_deref(),
            Some(stored.as_str()),
            "kept as it was, still locked"
        );
        assert_eq!(loaded.moved.as_deref(), Some(stored.as_str()));
        let db = Db::open(DB_NAME).await.unwrap();
        for (key, text) in db.read_all().await.unwrap().records {
            assert!(
                !key.contains("c-1") && !text.contains("A. B."),
                "{key} {text}"
            );
        }
        // Started again: the store of records is what is locked.
        let start = lock::open(&mut LocalStore).await;
        assert!(matches!(start, Start::LockedRecords { .. }));
        let wrong = ehc_timeline::unlock::unlock(&start, &store, "not the passphrase").await;
        assert_eq!(
            wrong.err(),
            Some(ehc_timeline::crypto::OpenError::WrongPassphrase)
        );
        let (again, _) = ehc_timeline::unlock::unlock(&start, &store, PASSPHRASE)
            .await
            .unwrap();
        assert_eq!(again.cases, [Rc::new(request_case())]);

        // Plain cases saved at a start when the database could not be
        // opened: the locked store still opens, and they are kept aside.
        storage().set_item(KEY, V1).unwrap();
        let start = lock::open(&mut LocalStore).await;
        let Start::LockedRecords { beside, .. } = &start else {
            panic!("the locked store comes first");
        };
        assert_eq!(beside.as_deref(), Some(KEPT_ASIDE));
        assert_eq!(storage().get_item(KEPT_ASIDE).unwrap().as_deref(), Some(V1));
        assert_eq!(storage().get_item(KEY).unwrap(), None);
        let (again, _) = ehc_timeline::unlock::unlock(&start, &store, PASSPHRASE)
            .await
            .unwrap();
        assert_eq!(
            again.cases,
            [Rc::new(request_case())],
            "the locked cases, unchanged"
        );
        db.close();
    }
}

/// The database `name` emptied, for a test of its own: every page that
/// opened it (the lock's, in an earlier test) has closed it again, or this
/// would wait.
async fn no_database(name: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let deleted = factory.delete_database(name).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| deleted.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn no_documents() {
    no_database(DOCUMENTS_DB).await;
}

#[wasm_bindgen_test]
async fn a_document_stays_readable_through_the_lock_and_only_its_sealed_key_is_kept() {
    no_documents().await;
    let key = |passphrase: &'static str| async move {
        SessionKey::derive(passphrase, random_bytes().unwrap(), 1_000)
            .await
            .unwrap()
    };
    let (first, second) = (
        key("first passphrase").await,
        key("second passphrase").await,
    );
    let letter = b"%PDF-1.4 the council's letter".to_vec();
    let kept = Kept::open(None).await.unwrap();
    let id = kept.add(&letter, day(3, 1)).await.unwrap();
    let names = || async { DocDb::open().await.unwrap().key_names().await.unwrap() };
    let read_with = |lock: Option<SessionKey>| {
        let id = id.clone();
        async move { Kept::open(lock.as_ref()).await?.read(&id).await }
    };
    assert_eq!(names().await, [keys::PLAIN]);
    // The bytes stored are not the document's.
    let sealed = DocDb::open()
        .await
        .unwrap()
        .sealed(&id)
        .await
        .unwrap()
        .unwrap();
    assert!(!sealed.windows(letter.len()).any(|w| w == letter.as_slice()));

    // Locked: only the copy the passphrase's key seals is left.
    keys::prepare(None, Some(&first)).await.unwrap();
    keys::settle(Some(&first)).await.unwrap();
    assert_eq!(names().await, [keys::copy_name(Some(&first))]);
    assert_eq!(read_with(Some(first.clone())).await.unwrap(), letter);
    assert!(
        Kept::open(None).await.is_err(),
        "without the passphrase nothing opens"
    );
    assert!(
        Kept::open(Some(&second)).await.is_err(),
        "nor with another one"
    );

    // A change of passphrase stopped half-way leaves both able to open it.
    keys::prepare(Some(&first), Some(&second)).await.unwrap();
    for lock in [&first, &second] {
        assert_eq!(read_with(Some(lock.clone())).await.unwrap(), letter);
    }
    keys::settle(Some(&second)).await.unwrap();
    assert!(
        Kept::open(Some(&first)).await.is_err(),
        "the old passphrase's copy is gone"
    );

    // Unlocked again: the plain copy only.
    keys::prepare(Some(&second), None).await.unwrap();
    keys::settle(None).await.unwrap();
    assert_eq!(names().await, [keys::PLAIN]);
    assert_eq!(read_with(None).await.unwrap(), letter);
}

/// Every record of the pools' database as stored, key and value.
async fn pool_records() -> Vec<(String, JsValue)> {
    let db = open_database(POOLS_DB, &["files"]).await.unwrap();
    let files = db
        .transaction_with_str("files")
        .unwrap()
        .object_store("files")
        .unwrap();
    let keys = request(files.get_all_keys()).await.unwrap();
    let values = request(files.get_all()).await.unwrap();
    db.close();
    js_sys::Array::from(&keys)
        .iter()
        .map(|key| key.as_string().unwrap())
        .zip(js_sys::Array::from(&values).iter())
        .collect()
}

/// A pooled record as the version before pools were sealed stored it:
/// plain, under the file's SHA-256.
async fn put_plain_pool_record(hash: &str, text: &str) {
    let record = js_sys::Object::new();
    for (field, value) in [
        ("pool", JsValue::from("Northumberland parents")),
        ("name", "family-1.json".into()),
        ("added", 739_000.into()),
        ("cases", 1.into()),
        ("text", text.into()),
    ] {
        js_sys::Reflect::set(&record, &field.into(), &value).unwrap();
    }
    put_pool_value(hash, &record).await;
}

/// Stores `value` under `key` in the pools' database, as the app never
/// would: a record of before, or a damaged one.
async fn put_pool_value(key: &str, value: &JsValue) {
    let db = open_database(POOLS_DB, &["files"]).await.unwrap();
    let transaction = db
        .transaction_with_str_and_mode("files", web_sys::IdbTransactionMode::Readwrite)
        .unwrap();
    let files = transaction.object_store("files").unwrap();
    files.put_with_key(value, &key.into()).unwrap();
    committed(&transaction).await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn pooled_cases_are_sealed_and_a_plain_record_of_before_is_read_and_sealed() {
    no_documents().await;
    no_database(POOLS_DB).await;
    let lock = SessionKey::derive("pool passphrase", random_bytes().unwrap(), 1_000)
        .await
        .unwrap();
    let old_text = r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-old", "local_authority": "Northumberland",
        "events": [{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}]}]}"#;
    let old_hash = "ab".repeat(32);
    put_plain_pool_record(&old_hash, old_text).await;

    // Opened under the lock: the plain record is read, then sealed.
    let db = PoolDb::open(Some(&lock)).await.unwrap();
    let files = db.files().await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (
            files[0].hash.as_str(),
            files[0].pool.as_str(),
            files[0].cases
        ),
        (old_hash.as_str(), "Northumberland parents", 1)
    );
    let mut kept = files;
    let new_text = br#"{"format": "ehc-timeline/1", "cases": [{"id": "c-new", "local_authority": "Northumberland",
        "events": [{"id": "e-1", "kind": "request-received", "date": "2025-02-03"}]}]}"#;
    let mut n = 0;
    let mut random = || {
        n += 1;
        n
    };
    let pool = "Northumberland parents";
    let added = pools::bring(
        &db,
        &mut kept,
        "new.json".into(),
        new_text,
        pool,
        day(3, 1),
        &mut random,
    )
    .await;
    assert_eq!(
        added,
        pools::Outcome::Added {
            name: "new.json".into(),
            cases: 1
        }
    );
    let again = pools::bring(
        &db,
        &mut kept,
        "copy.json".into(),
        new_text,
        pool,
        day(3, 1),
        &mut random,
    )
    .await;
    assert_eq!(
        again,
        pools::Outcome::AlreadyPooled {
            name: "copy.json".into(),
            pool: pool.into()
        }
    );

    // Nothing of either case can be read where they are stored.
    let new_hash = ehc_timeline::crypto::sha256_hex(new_text).await.unwrap();
    let stored = pool_records().await;
    assert_eq!(stored.len(), 2);
    for (key, value) in &stored {
        assert!(
            key.starts_with("p-") && key.len() == 18,
            "{key} names nothing"
        );
        let bytes = js_sys::Uint8Array::new(value).to_vec();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "Northumberland",
            "2025-0",
            "request-received",
            &old_hash,
            &new_hash,
        ] {
            assert!(!text.contains(secret), "{secret} is stored in plain text");
        }
    }

    // They open again with the key, and not without it.
    let db = PoolDb::open(Some(&lock)).await.unwrap();
    let handed = db.handed().await.unwrap();
    let mut texts = handed.texts(pool);
    assert_eq!(handed.unopened(), 0);
    texts.sort();
    assert_eq!(texts.len(), 2);
    assert_eq!(texts[1], old_text);
    assert!(texts[0].contains("\"2025-02-03\"") && !texts[0].contains("c-new"));
    let mut hashes: Vec<String> = db
        .files()
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.hash)
        .collect();
    hashes.sort();
    assert_eq!(hashes, [old_hash.clone(), new_hash]);
    assert!(
        PoolDb::open(None).await.is_err(),
        "without the passphrase nothing opens"
    );
    db.remove_pool(pool).await.unwrap();
    assert!(pool_records().await.is_empty());
}

/// A pooled case file of one case, of the council `council`.
fn pool_file(council: &str) -> String {
    format!(
        r#"{{"format": "ehc-timeline/1", "cases": [{{"id": "c-1", "local_authority": "{council}",
        "events": [{{"id": "e-1", "kind": "request-received", "date": "2025-01-06"}}]}}]}}"#
    )
}

#[wasm_bindgen_test]
async fn a_pooled_record_that_cannot_be_opened_is_counted_downloadable_as_stored_and_removable() {
    no_documents().await;
    no_database(POOLS_DB).await;
    let db = PoolDb::open(None).await.unwrap();
    let added = pools::bring(
        &db,
        &mut Vec::new(),
        "family.json".into(),
        pool_file("Northumberland").as_bytes(),
        "Parents",
        day(3, 1),
        &mut pools::random,
    )
    .await;
    assert!(matches!(added, pools::Outcome::Added { .. }), "{added:?}");
    // A record whose sealed bytes were damaged, and one another program
    // wrote under a key that is not a file's hash.
    let damaged = [7u8, 1, 250, 3, 9];
    put_pool_value(
        "p-00aa00aa00aa00aa",
        &js_sys::Uint8Array::from(&damaged[..]),
    )
    .await;
    put_pool_value("p-00bb00bb00bb00bb", &JsValue::from(12)).await;

    let (files, unopened) = db.kept().await.unwrap();
    assert_eq!((files.len(), unopened), (1, 2));
    let handed = db.handed().await.unwrap();
    assert_eq!(
        (handed.texts("Parents").len(), handed.unopened()),
        (1, 2),
        "the report and agenda say so"
    );
    let downloaded: serde_json::Value =
        serde_json::from_str(&db.unopened_text().await.unwrap()).unwrap();
    assert_eq!(
        downloaded,
        serde_json::json!({
            "p-00aa00aa00aa00aa": {"sealed": "0701fa0309"},
            "p-00bb00bb00bb00bb": {"stored": "12"},
        }),
        "exactly as stored"
    );

    db.remove_unopened().await.unwrap();
    assert_eq!(db.kept().await.unwrap(), (files, 0), "the pool stays");
    assert_eq!(pool_records().await.len(), 1);
}

#[wasm_bindgen_test]
async fn two_tabs_sealing_the_plain_records_of_before_at_once_store_each_file_once() {
    no_documents().await;
    for round in 0..6 {
        no_database(POOLS_DB).await;
        for n in 0..3 {
            let hash = format!("{n}{round}").repeat(32);
            put_plain_pool_record(&hash, &pool_file("Northumberland")).await;
        }
        {
            // Two tabs' connections, each reading the plain records and
            // sealing them in the same instant.
            let (first, second) = (
                PoolDb::open(None).await.unwrap(),
                PoolDb::open(None).await.unwrap(),
            );
            let (seen_first, seen_second) =
                futures::future::join(first.files(), second.files()).await;
            assert_eq!(seen_first.unwrap().len(), 3, "round {round}");
            assert_eq!(seen_second.unwrap().len(), 3, "round {round}");
        }
        let stored = pool_records().await;
        assert_eq!(stored.len(), 3, "round {round}: each file once");
        assert!(stored.iter().all(|(key, _)| key.starts_with("p-")));
    }
}

/// What the part `locked` answers crosses to the first module as JavaScript
/// objects (`ehc_timeline::store_part`): every problem and every outcome of
/// a save reads back as it was written.
mod handed_between_modules {
    use super::*;
    use ehc_timeline::export::case_file_text;
    use ehc_timeline::storage::sync::{Clash, ClashKind, Merge, Theirs};
    use ehc_timeline::store_part::{problem_js, problem_of, synced_js, synced_of};

    fn file(cases: &[Case]) -> String {
        case_file_text(cases, day(3, 1))
    }

    fn read(text: &str) -> Option<Vec<Case>> {
        rules::read_case_file(text).ok().map(|file| file.cases)
    }

    #[wasm_bindgen_test]
    fn every_storage_problem_reads_back_as_it_was() {
        let problems = [
            LoadProblem::KeptAside {
                reason: "it is not valid JSON".into(),
                kept_as: KEPT_ASIDE.into(),
                unreadable: "{ not json".into(),
            },
            LoadProblem::CouldNotKeepAside {
                reason: "line 1".into(),
                unreadable: "[".into(),
            },
            LoadProblem::TooNew { found: 99 },
            LoadProblem::LockedElsewhere,
            LoadProblem::Unavailable {
                reason: "SecurityError".into(),
            },
            LoadProblem::LocalOnly {
                reason: "the database cannot be opened".into(),
            },
        ];
        for problem in problems {
            assert_eq!(problem_of(&problem_js(&problem)), Some(problem.clone()));
        }
        assert_eq!(problem_of(&JsValue::UNDEFINED), None);
    }

    #[wasm_bindgen_test]
    fn every_outcome_of_a_save_reads_back_as_it_was() {
        let (mine, mut theirs) = (request_case(), request_case());
        theirs.id = "c-2".into();
        theirs.child = Some("C. D.".into());
        let outcomes = [
            Ok(Synced::Unchanged),
            Err(SaveError::Failed("the disk is full".into())),
            Err(SaveError::Refused(LoadProblem::LockedElsewhere)),
            Ok(Synced::Theirs(Theirs {
                ids: vec!["c-1".into(), "c-2".into()],
                base: vec![mine.clone()],
                theirs: vec![theirs.clone()],
                taken: 3,
            })),
            Ok(Synced::Merged {
                merge: Merge {
                    cases: vec![theirs.clone(), mine.clone()],
                    clashes: vec![
                        Clash {
                            name: "A. B.".into(),
                            kind: ClashKind::EventChanged,
                        },
                        Clash {
                            name: "C. D.".into(),
                            kind: ClashKind::DeletedThere,
                        },
                    ],
                },
                unsaved: true,
            }),
        ];
        for outcome in outcomes {
            assert_eq!(synced_of(&synced_js(&outcome, file), read), outcome);
        }
    }

    #[wasm_bindgen_test]
    fn cases_that_cannot_be_read_back_fail_the_save_and_say_so() {
        let outcome = Ok(Synced::Theirs(Theirs::default()));
        let answer = synced_of(&synced_js(&outcome, |_| "{ not a case file".into()), read);
        let Err(SaveError::Failed(reason)) = answer else {
            panic!("{answer:?}");
        };
        assert!(reason.contains("Reload this page"), "{reason}");
    }
}
