//! A case's events in date order, each with "Edit" and "Delete". A case of
//! thousands of events shows its latest ones, and more on request, so the page
//! stays quick to draw and to use.

use outputs::{in_date_order, written_when};
use rules::{Case, Event};
use yew::prelude::*;

use super::layout::static_html;

const HEADING: &str = r#"<h2 class="heading-l" id="events-heading">Events</h2>"#;

const NO_EVENTS: &str = r#"<p class="body">No events yet.</p>"#;

/// How many events are shown at first, and how many more each press of the
/// button shows.
pub const EVENTS_PER_PAGE: usize = 200;

/// The events section: the latest `shown` events, and a button that shows
/// more. `on_edit` and `on_delete` are called with the event's id. The count
/// shown is held by the page, as a component of its own would cost more code
/// than it saves.
pub fn event_list(
    case: &Case,
    shown: &UseStateHandle<usize>,
    on_edit: &Callback<String>,
    on_delete: &Callback<String>,
) -> Html {
    let events = in_date_order(case);
    let hidden = events.len().saturating_sub(**shown);
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + EVENTS_PER_PAGE))
    };
    html! {
        <section aria-labelledby="events-heading">
            { static_html(HEADING) }
            if events.is_empty() {
                { static_html(NO_EVENTS) }
            } else {
                if hidden > 0 {
                    <p class="body">{format!(
                        "Showing the latest {} of {} events. {} earlier {} not shown.",
                        grouped(events.len() - hidden),
                        grouped(events.len()),
                        grouped(hidden),
                        if hidden == 1 { "event is" } else { "events are" },
                    )}</p>
                    <button type="button" class="button button--secondary" onclick={show_more}>
                        {format!("Show {} more {}", grouped(hidden.min(EVENTS_PER_PAGE)), if hidden == 1 { "event" } else { "events" })}
                    </button>
                }
                <ul class="events">
                    { for events[hidden..].iter().map(|event| event_item(event, on_edit, on_delete)) }
                </ul>
            }
        </section>
    }
}

/// A count as GOV.UK writes it: "200", "4,800", "10,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// One event: when and what, its details, its note, and its two buttons.
fn event_item(event: &Event, on_edit: &Callback<String>, on_delete: &Callback<String>) -> Html {
    let what = AttrValue::from(format!(
        "{} — {}",
        written_when(&event.when),
        event.kind.label()
    ));
    html! {
        <li class="event">
            <p class="body event__what">
                <strong>{what.clone()}</strong>
            </p>
            { detail("Advice from: ", &event.party) }
            { detail("School or college: ", &event.school) }
            { detail("Who: ", &event.who) }
            { detail("Document: ", &event.document) }
            if let Some(note) = &event.note {
                <p class="body event__note">{note}</p>
            }
            <div class="button-group button-group--small">
                { event_button("Edit", with_id(on_edit, &event.id), &what) }
                { event_button("Delete", with_id(on_delete, &event.id), &what) }
            </div>
        </li>
    }
}

/// One line of the event's details, when it has that detail.
fn detail(label: &'static str, value: &Option<String>) -> Html {
    match value {
        Some(value) => html! { <p class="body event__detail">{format!("{label}{value}")}</p> },
        None => html! {},
    }
}

/// A small button named in full for a screen reader: "Edit: 6 January 2025 — …".
fn event_button(label: &'static str, onclick: Callback<MouseEvent>, what: &AttrValue) -> Html {
    html! {
        <button type="button" class="button button--secondary button--small" {onclick}>
            {label}<span class="visually-hidden">{format!(": {what}")}</span>
        </button>
    }
}

/// A click that calls `callback` with the event's id.
fn with_id(callback: &Callback<String>, id: &str) -> Callback<MouseEvent> {
    let (callback, id) = (callback.clone(), id.to_owned());
    Callback::from(move |_| callback.emit(id.clone()))
}
