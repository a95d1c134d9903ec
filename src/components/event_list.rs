//! A case's events in date order, each with "Edit" and "Delete". A case of
//! thousands of events shows its latest ones, and more on request
//! ([`Latest`]), so the page stays quick to draw and to use.

use std::rc::Rc;

use outputs::{in_date_order, written_when};
use rules::{Case, Event};
use yew::prelude::*;

use super::kept::{Piece, kept};
use super::latest::{Latest, ListSection};
use super::markup::Markup;
use crate::route::View;

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
    let case_id = AttrValue::from(case.id.clone());
    let items = events[shown.hidden(events.len())..]
        .iter()
        .map(|&event| {
            let card = EventCard {
                case_id: case_id.clone(),
                event: event.clone(),
                on_event: on_event.clone(),
            };
            kept(Rc::new(card), Some(event.id.as_str().into()))
        })
        .collect();
    SECTION.draw(events.len(), shown, items)
}

/// The events' section.
const SECTION: ListSection = ListSection {
    heading: r#"<h2 class="heading-l" id="events-heading">Events</h2>"#,
    labelled_by: "events-heading",
    none: r#"<p class="body">No events yet.</p>"#,
    class: "events",
    noun: ("event", "events"),
};

/// One event: when and what, its details, its note and documents, its two
/// buttons and the link to its documents.
#[derive(PartialEq)]
struct EventCard {
    case_id: AttrValue,
    event: Event,
    on_event: Callback<(EventAction, String)>,
}

impl Piece for EventCard {
    /// The card as markup written as text, its two buttons too: a change to
    /// the event is made on another page, so the card is drawn again only
    /// when the user is not on its buttons. The item itself takes their
    /// clicks ([`clicked_action`]): one closure for the card, not one each.
    fn draw(&self) -> Html {
        let EventCard {
            case_id,
            event,
            on_event,
        } = self;
        let what = format!("{} — {}", written_when(&event.when), event.kind.label());
        let mut html = card_text(event, &what);
        html.raw(r#"<div class="button-group button-group--small">"#);
        event_button(&mut html, "edit", "Edit", &what);
        event_button(&mut html, "delete", "Delete", &what);
        documents_link(&mut html, case_id, event, &what);
        html.raw("</div>");
        let onclick = {
            let (on_event, id) = (on_event.clone(), event.id.clone());
            Callback::from(move |e: MouseEvent| {
                if let Some(action) = clicked_action(&e) {
                    on_event.emit((action, id.clone()))
                }
            })
        };
        html! {
            <li class="event" {onclick}>{ html.html() }</li>
        }
    }
}

/// What the card says of the event, as markup written as text: when and
/// what, its details, its note and the names of its documents.
fn card_text(event: &Event, what: &str) -> Markup {
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
    html
}

/// The link to the event's documents, "Add documents" or "Documents (2)",
/// named in full for a screen reader.
fn documents_link(html: &mut Markup, case_id: &str, event: &Event, what: &str) {
    let view = View::Documents(case_id.to_owned(), event.id.clone());
    html.raw(r#"<a class="link event__documents" href=""#)
        .text(&view.to_hash())
        .raw(r#"">"#);
    match event.documents.len() {
        0 => html.raw("Add documents"),
        n => html.raw(&format!("Documents ({n})")),
    };
    html.raw(r#"<span class="visually-hidden">: "#)
        .text(what)
        .raw("</span></a>");
}

/// A small button named in full for a screen reader: "Edit: 6 January 2025 — …",
/// its `action` the [`EventAction`] the card's click reads.
fn event_button(html: &mut Markup, action: &str, label: &str, what: &str) {
    html.raw(
        r#"<button type="button" class="button button--secondary button--small" data-action=""#,
    )
    .raw(action)
    .raw(r#"">"#)
    .raw(label)
    .raw(r#"<span class="visually-hidden">: "#)
    .text(what)
    .raw("</span></button>");
}

/// What the button clicked inside a card asks for; none for a click
/// elsewhere on the card, or on its link.
fn clicked_action(e: &MouseEvent) -> Option<EventAction> {
    let target = e.target_dyn_into::<web_sys::Element>()?;
    let button = target.closest("[data-action]").ok()??;
    match button.get_attribute("data-action")?.as_str() {
        "edit" => Some(EventAction::Edit),
        "delete" => Some(EventAction::Delete),
        _ => None,
    }
}
