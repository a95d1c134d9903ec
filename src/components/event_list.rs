//! A case's events in date order, each with "Edit" and "Delete". A case of
//! thousands of events shows its latest ones, and more on request
//! ([`Latest`]), so the page stays quick to draw and to use.

use outputs::{in_date_order, written_when};
use rules::{Case, Event};
use yew::prelude::*;

use super::latest::{Latest, ListSection};
use super::markup::Markup;
use crate::route::View;

/// What an event's button asks for.
#[derive(Clone, Copy, PartialEq)]
pub enum EventAction {
    Edit,
    Delete,
}

/// The events section: the latest events as many as `shown` says, and a
/// button that shows more. The cards, their buttons too, are markup written
/// as text, one node for the list: a change to an event is made on another
/// page, and a deletion takes its card away, so no button of theirs is
/// drawn again under the user. The section takes their clicks, `on_click`,
/// which [`event_clicked`] reads: one closure for the list, not one a button.
pub fn event_list(case: &Case, shown: &Latest, on_click: Callback<MouseEvent>) -> Html {
    let events = in_date_order(case);
    let mut cards = Markup::new("");
    for event in &events[shown.hidden(events.len())..] {
        event_card(&mut cards, &case.id, event);
    }
    SECTION.draw(events.len(), shown, cards.html(), Some(on_click))
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
fn event_card(html: &mut Markup, case_id: &str, event: &Event) {
    let what = format!("{} — {}", written_when(&event.when), event.kind.label());
    html.raw(r#"<li class="event">"#);
    card_text(html, event, &what);
    html.raw(r#"<div class="button-group button-group--small">"#);
    event_button(html, "edit", "Edit", event, &what);
    event_button(html, "delete", "Delete", event, &what);
    documents_link(html, case_id, event, &what);
    html.raw("</div></li>");
}

/// What the card says of the event, as markup written as text: when and
/// what, its details, its note and the names of its documents.
fn card_text(html: &mut Markup, event: &Event, what: &str) {
    html.raw(r#"<p class="body event__what"><strong>"#)
        .text(what)
        .raw("</strong></p>");
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
/// its `action` and the event's id what [`event_clicked`] reads.
fn event_button(html: &mut Markup, action: &str, label: &str, event: &Event, what: &str) {
    html.raw(
        r#"<button type="button" class="button button--secondary button--small" data-action=""#,
    )
    .raw(action)
    .raw(r#"" data-event=""#)
    .text(&event.id)
    .raw(r#"">"#)
    .raw(label)
    .raw(r#"<span class="visually-hidden">: "#)
    .text(what)
    .raw("</span></button>");
}

/// What the button clicked in the list asks for, and the id of its event;
/// none for a click elsewhere, or on a link.
pub fn event_clicked(e: &MouseEvent) -> Option<(EventAction, String)> {
    let target = e.target_dyn_into::<web_sys::Element>()?;
    let button = target.closest("[data-action]").ok()??;
    let action = match button.get_attribute("data-action")?.as_str() {
        "edit" => EventAction::Edit,
        "delete" => EventAction::Delete,
        _ => return None,
    };
    Some((action, button.get_attribute("data-event")?))
}
