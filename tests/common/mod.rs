//! Helpers shared by the native tests: dates, cases, and rendering to text.

#![allow(dead_code)]

use std::rc::Rc;

use chrono::NaiveDate;
use ehc_timeline::app::{Providers, ProvidersProps};
use ehc_timeline::forms::DateParts;
use ehc_timeline::parts::{LockKey, Part, PartPage, PartPageProps};
use ehc_timeline::state::State;
use ehc_timeline::storage::backup::BackupRecord;
use ehc_timeline::storage::{Backend, KEY, Loaded, MemoryBackend, Saving};
use ehc_timeline::{Store, View};
use rules::{Case, Event, EventKind};
use yew::{BaseComponent, Html, LocalServerRenderer};

/// A day of 2025.
pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, month, day).unwrap()
}

/// A date as typed in the three boxes of a date input.
pub fn typed(day: &str, month: &str, year: &str) -> DateParts {
    DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

/// A case named `child` with `events` of (id, kind, date).
pub fn case(id: &str, child: &str, events: &[(&str, EventKind, NaiveDate)]) -> Case {
    Case {
        id: id.into(),
        child: Some(child.into()),
        local_authority: Some("Anytown Council".into()),
        events: events
            .iter()
            .map(|(id, kind, date)| Event::new(*id, kind.clone(), *date))
            .collect(),
        ..Case::default()
    }
}

/// The late-assessment case of case-file.md: a request received on 6 January
/// 2025 and a decision to assess on 20 February 2025.
pub fn late_assessment() -> Case {
    case(
        "c-7f3a",
        "A. B.",
        &[
            ("e-1", EventKind::RequestReceived, day(1, 6)),
            ("e-2", EventKind::DecisionToAssess, day(2, 20)),
        ],
    )
}

/// Memory storage holding `text` under the app's key.
pub fn backend_with(text: &str) -> MemoryBackend {
    let mut backend = MemoryBackend::default();
    backend.set(KEY, text).unwrap();
    backend
}

/// Renders a component with `props` to HTML, natively.
pub fn render<C: BaseComponent>(props: C::Properties) -> String {
    futures::executor::block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The whole app on `view`, with `cases` loaded and today `today`.
pub fn render_app(cases: Vec<Case>, today: NaiveDate, view: View) -> String {
    render_app_loaded(loaded(cases), today, view)
}

/// The page `view` of the part `P` loaded on demand, given `cases` as the
/// main module hands them over.
pub fn render_part<P: Part>(cases: Vec<Case>, today: NaiveDate, view: View) -> String {
    render::<PartPage<P>>(PartPageProps {
        today,
        cases: Rc::new(cases),
        view,
        focus: false,
        writable: true,
        on_import: yew::Callback::noop(),
        lock: None,
        lock_key: LockKey(None),
    })
}

/// What loading storage holding `cases` finds, with no problem.
pub fn loaded(cases: Vec<Case>) -> Loaded {
    Loaded {
        cases: cases.into_iter().map(Rc::new).collect(),
        summaries: Vec::new(),
        problem: None,
        writable: true,
        saving: Saving::default(),
        moved: None,
        backup: BackupRecord::default(),
    }
}

pub fn render_app_loaded(loaded: Loaded, today: NaiveDate, view: View) -> String {
    render::<Providers>(ProvidersProps {
        today,
        loaded: Rc::new(loaded),
        store: Store::new(MemoryBackend::default()),
        view,
        unlocked: false,
        lock: None,
        page: None,
    })
}

/// What a user reads: the text of `html` without tags, entities decoded,
/// whitespace collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts the text of `html` contains `expected`.
#[track_caller]
pub fn assert_reads(html: &str, expected: &str) {
    let text = text(html);
    assert!(
        text.contains(expected),
        "expected to read {expected:?} in:\n{text}"
    );
}

/// Asserts the text of `html` does not contain `unexpected`.
#[track_caller]
pub fn assert_not_reads(html: &str, unexpected: &str) {
    let text = text(html);
    assert!(
        !text.contains(unexpected),
        "did not expect {unexpected:?} in:\n{text}"
    );
}

/// `page` inside the app's providers, with `cases` loaded: for a screen that
/// starts at a later step than the app would show it.
pub fn render_in_app(cases: Vec<Case>, today: NaiveDate, page: Html) -> String {
    render::<Providers>(ProvidersProps {
        today,
        loaded: Rc::new(loaded(cases)),
        store: Store::new(MemoryBackend::default()),
        view: View::Cases,
        unlocked: false,
        lock: None,
        page: Some(page),
    })
}

/// The cases of `state`, as a part of the app is given them.
pub fn cases_of(state: &State) -> Vec<Case> {
    state.all_cases().cloned().collect()
}

/// A case the user archived, with its request received on `received`.
pub fn archived_case(id: &str, child: &str, received: NaiveDate) -> Case {
    let mut archived = case(id, child, &[("e-1", EventKind::RequestReceived, received)]);
    archived
        .extra
        .insert("archived".into(), rules::case_file::json::Value::Bool(true));
    archived
}

/// A value written with serde_json's `json!`, as the engine's own JSON value
/// (what a case keeps in its unknown fields).
pub fn ours(value: serde_json::Value) -> rules::case_file::json::Value {
    rules::case_file::json::Value::parse(&value.to_string()).unwrap()
}
