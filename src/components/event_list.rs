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

/// What an event's button asks for. One callback takes both, so the page
/// keeps one closure and one hook for them, not two.
#[derive(Clone, Copy, PartialEq)]
pub enum EventAction {
    Edit,
    Delete,
}

/// The events section: the latest events as many as `shown` says, and a
/// button that shows more. `on_event` is called with what a button asks and
/// the event's id; each event is an `EventCard`, drawn again only when that
/// event changes (so the callback must be the same from one draw to the
/// next: see `yew::use_callback`).
pub fn event_list(case: &Case, shown: &Latest, on_event: &Callback<(EventAction, String)>) -> Html {
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
                            on_event: on_event.clone(),
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
    on_event: Callback<(EventAction, String)>,
}

impl Piece for EventCard {
    fn draw(&self) -> Html {
        let EventCard {
            case_id,
            event,
            on_event,
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
                    { event_button("Edit", on(on_event, EventAction::Edit, &event.id), &what) }
                    { event_button("Delete", on(on_event, EventAction::Delete, &event.id), &what) }
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
/// Its words are markup written as text, not elements of their own.
fn event_button(label: &'static str, onclick: Callback<MouseEvent>, what: &AttrValue) -> Html {
    let mut words = Markup::new(label);
    words
        .raw(r#"<span class="visually-hidden">: "#)
        .text(what)
        .raw("</span>");
    html! {
        <button type="button" class="button button--secondary button--small" {onclick}>
            { words.html() }
        </button>
    }
}

/// A click that calls `callback` with `action` and the event's id.
fn on(
    callback: &Callback<(EventAction, String)>,
    action: EventAction,
    id: &str,
) -> Callback<MouseEvent> {
    let (callback, id) = (callback.clone(), id.to_owned());
    Callback::from(move |_| callback.emit((action, id.clone())))
}
