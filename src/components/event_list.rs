//! A case's events in date order, each with "Edit" and "Delete".

use outputs::{in_date_order, written_when};
use rules::{Case, Event};
use yew::prelude::*;

use super::undo_banner::static_html;

const HEADING: &str = r#"<h2 class="heading-l" id="events-heading">Events</h2>"#;

const NO_EVENTS: &str = r#"<p class="body">No events yet.</p>"#;

/// The events section. `on_edit` and `on_delete` are called with the event's id.
pub fn event_list(case: &Case, on_edit: &Callback<String>, on_delete: &Callback<String>) -> Html {
    let events = in_date_order(case);
    html! {
        <section aria-labelledby="events-heading">
            { static_html(HEADING) }
            if events.is_empty() {
                { static_html(NO_EVENTS) }
            } else {
                <ul class="events">
                    { for events.iter().map(|event| event_item(event, on_edit, on_delete)) }
                </ul>
            }
        </section>
    }
}

/// One event: when and what, its details, its note, and its two buttons,
/// each named in full for a screen reader ("Edit: 6 January 2025 — …").
fn event_item(event: &Event, on_edit: &Callback<String>, on_delete: &Callback<String>) -> Html {
    let what = AttrValue::from(format!(
        "{} — {}",
        written_when(&event.when),
        event.kind.label()
    ));
    let details = [
        ("Advice from: ", &event.party),
        ("School or college: ", &event.school),
        ("Who: ", &event.who),
        ("Document: ", &event.document),
    ];
    html! {
        <li class="event">
            <p class="body event__what">
                <strong>{what.clone()}</strong>
            </p>
            { for details.into_iter().filter_map(|(label, value)| value.as_ref().map(|value| html! {
                <p class="body event__detail">{label}{value}</p>
            })) }
            if let Some(note) = &event.note {
                <p class="body event__note">{note}</p>
            }
            <div class="button-group button-group--small">
                { for [("Edit", on_edit), ("Delete", on_delete)].map(|(label, callback)| html! {
                    <button type="button" class="button button--secondary button--small"
                        onclick={with_id(callback, &event.id)}>
                        {label}<span class="visually-hidden">{": "}{what.clone()}</span>
                    </button>
                }) }
            </div>
        </li>
    }
}

/// A click that calls `callback` with the event's id.
fn with_id(callback: &Callback<String>, id: &str) -> Callback<MouseEvent> {
    let (callback, id) = (callback.clone(), id.to_owned());
    Callback::from(move |_| callback.emit(id.clone()))
}
