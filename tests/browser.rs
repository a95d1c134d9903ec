//! Browser tests (wasm-bindgen-test in headless Chromium): the real
//! localStorage, and screens mounted in a real page. Rendering is awaited with
//! `yew::scheduler::flush()`, never with sleeps.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test browser` and
//! `wasm-bindgen-test-runner` as the target's runner (CHROMEDRIVER set).

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use chrono::NaiveDate;
use ehc_timeline::browser::LocalStore;
use ehc_timeline::storage::{Backend, KEY, LoadProblem, load, save};
use ehc_timeline::{App, AppProps, Store, View};
use rules::{Case, Event, EventKind};
use wasm_bindgen::JsCast;
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
    assert_eq!(loaded.cases, vec![request_case()]);
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
    app: Option<yew::AppHandle<App>>,
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
    let loaded = load(&mut LocalStore);
    let props = AppProps {
        today: day(3, 1),
        loaded: Rc::new(loaded),
        store: Store::new(LocalStore),
        view,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
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
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused.map(|e| e.id()), Some("error-summary".to_owned()));
    assert_eq!(
        load(&mut LocalStore).cases,
        vec![request_case()],
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
    assert_eq!(load(&mut LocalStore).cases, vec![request_case()]);
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

fn choose_file(root: &Element, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let file = web_sys::File::new_with_str_sequence(&parts, "case.json").unwrap();
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
    let root = mount(View::Import).await;
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
    assert_eq!(load(&mut LocalStore).cases, vec![request_case()], "not yet");
    button(&root, "Import").click();
    yew::scheduler::flush().await;
    let saved = load(&mut LocalStore).cases;
    assert_eq!(saved.len(), 2);
    assert!(saved[0].events.is_empty(), "c-1 was replaced");
}

#[wasm_bindgen_test]
async fn a_bad_file_shows_where_it_is_wrong_and_changes_nothing() {
    clear();
    save(&mut LocalStore, [&request_case()]).unwrap();
    let root = mount(View::Import).await;
    choose_file(&root, "{\"format\": \"ehc-timeline/1\",\n \"cases\": [}");
    until(50, || text(&root).contains("There is a problem")).await;
    assert!(
        text(&root).contains("The file could not be imported: line 2, column"),
        "{}",
        text(&root)
    );
    assert_eq!(load(&mut LocalStore).cases, vec![request_case()]);
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
    yew::scheduler::flush().await;
    let heading = find(&root, "h1").text_content().unwrap_or_default();
    assert_eq!(heading, "A. B. C.");
    // This tab's next change keeps the other tab's rename.
    button(&root, "Delete case").click();
    yew::scheduler::flush().await;
    button(&root, "Undo").click();
    yew::scheduler::flush().await;
    assert_eq!(load(&mut LocalStore).cases, vec![renamed]);
}
