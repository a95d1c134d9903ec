//! A case's events in date order, each with "Edit" and "Delete". A case of
//! thousands of events shows its latest ones, and more on request
//! ([`Latest`]), so the page stays quick to draw and to use.

use std::rc::Rc;

use outputs::{in_date_order, written_when};
use rules::{Case, Event};
use yew::prelude::*;

use super::kept::{Piece, kept};
use super::latest::Latest;
use super::layout::static_html;
use super::markup::Markup;
use crate::route::View;

const HEADING: &str = r#"<h2 class="heading-l" id="events-heading">Events</h2>"#;

const NO_EVENTS: &str = r#"<p class="body">No events yet.</p>"#;

/// The events section: the latest events as many as `shown` says, and a
/// button that shows more. `on_edit` and `on_delete` are called with the
/// event's id; each event is an `EventCard`, drawn again only when that
/// event changes (so the callbacks must be the same from one draw to the
/// next: see `yew::use_callback`).
pub fn event_list(
    case: &Case,
    shown: &Latest,
    on_edit: &Callback<String>,
    on_delete: &Callback<String>,
) -> Html {
    let events = in_date_order(case);
    let hidden = shown.hidden(events.len());
    let case_id = AttrValue::from(case.id.clone());
    html! {
        <section aria-labelledby="events-heading">
            { static_html(HEADING) }
            if events.is_empty() {
                { static_html(NO_EVENTS) }
            } else {
                { shown.notice(events.len(), ("event", "events")) }
                <ul class="events">
                    { for events[hidden..].iter().map(|&event| {
                        let card = EventCard {
                            case_id: case_id.clone(),
                            event: event.clone(),
                            on_edit: on_edit.clone(),
                            on_delete: on_delete.clone(),
                        };
                        kept(Rc::new(card), Some(event.id.as_str().into()))
                    }) }
                </ul>
            }
        </section>
    }
}

/// One event: when and what, its details, its note and documents, its two
/// buttons and the link to its documents.
#[derive(PartialEq)]
struct EventCard {
    case_id: AttrValue,
    event: Event,
    on_edit: Callback<String>,
    on_delete: Callback<String>,
}

impl Piece for EventCard {
    fn draw(&self) -> Html {
        let EventCard {
            case_id,
            event,
            on_edit,
            on_delete,
        } = self;
        let what = AttrValue::from(format!(
            "{} — {}",
            written_when(&event.when),
            event.kind.label()
        ));
        html! {
            <li class="event">
                { card_text(event, &what) }
                <div class="button-group button-group--small">
                    { event_button("Edit", with_id(on_edit, &event.id), &what) }
                    { event_button("Delete", with_id(on_delete, &event.id), &what) }
                    { documents_link(case_id, event, &what) }
                </div>
            </li>
        }
    }
}

/// What the card says of the event, as markup written as text: when and
/// what, its details, its note and the names of its documents.
fn card_text(event: &Event, what: &str) -> Html {
    let mut html = Markup::new(r#"<p class="body event__what"><strong>"#);
    html.text(what).raw("</strong></p>");
    for (label, value) in [
        ("Advice from: ", &event.party),
        ("School or college: ", &event.school),
        ("Who: ", &event.who),
        ("Document: ", &event.document),
    ] {
        if let Some(value) = value {
            html.raw(r#"<p class="body event__detail">"#)
                .raw(label)
                .text(value)
                .raw("</p>");
        }
    }
    if let Some(note) = &event.note {
        html.raw(r#"<p class="body event__note">"#)
            .text(note)
            .raw("</p>");
    }
    if !event.documents.is_empty() {
        // "Documents: ep-report.pdf, letter.png".
        html.raw(r#"<p class="body event__detail">Documents: "#);
        for (n, document) in event.documents.iter().enumerate() {
            if n > 0 {
                html.raw(", ");
            }
            html.text(&document.name);
        }
        html.raw("</p>");
    }
    html.html()
}

/// The link to the event's documents, "Add documents" or "Documents (2)",
/// named in full for a screen reader.
fn documents_link(case_id: &str, event: &Event, what: &str) -> Html {
    let view = View::Documents(case_id.to_owned(), event.id.clone());
    let mut html = Markup::new(r#"<a class="link event__documents" href=""#);
    html.text(&view.to_hash()).raw(r#"">"#);
    match event.documents.len() {
        0 => html.raw("Add documents"),
        n => html.raw(&format!("Documents ({n})")),
    };
    html.raw(r#"<span class="visually-hidden">: "#)
        .text(what)
        .raw("</span></a>")
        .html()
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
