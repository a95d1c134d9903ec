//! A case's events in date order, each with "Edit" and "Delete".

use std::rc::Rc;

use outputs::{in_date_order, written_when};
use rules::Case;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub case: Rc<Case>,
    /// Called with the event's id.
    pub on_edit: Callback<String>,
    pub on_delete: Callback<String>,
}

#[component]
pub fn EventList(props: &EventListProps) -> Html {
    let events = in_date_order(&props.case);
    html! {
        <section aria-labelledby="events-heading">
            <h2 class="heading-l" id="events-heading">{"Events"}</h2>
            if events.is_empty() {
                <p class="body">{"No events yet."}</p>
            } else {
                <ul class="events">
                    { for events.iter().map(|event| {
                        let edit = {
                            let (on_edit, id) = (props.on_edit.clone(), event.id.clone());
                            Callback::from(move |_: MouseEvent| on_edit.emit(id.clone()))
                        };
                        let delete = {
                            let (on_delete, id) = (props.on_delete.clone(), event.id.clone());
                            Callback::from(move |_: MouseEvent| on_delete.emit(id.clone()))
                        };
                        let details: Vec<String> = [
                            event.party.as_ref().map(|p| format!("Advice from: {p}")),
                            event.school.as_ref().map(|s| format!("School or college: {s}")),
                            event.who.as_ref().map(|w| format!("Who: {w}")),
                            event.document.as_ref().map(|d| format!("Document: {d}")),
                        ].into_iter().flatten().collect();
                        let what = format!("{} — {}", written_when(&event.when), event.kind.label());
                        html! {
                            <li class="event">
                                <p class="body event__what">
                                    <strong>{what.clone()}</strong>
                                </p>
                                { for details.iter().map(|line| html! { <p class="body event__detail">{line}</p> }) }
                                if let Some(note) = &event.note {
                                    <p class="body event__note">{note}</p>
                                }
                                <div class="button-group button-group--small">
                                    <button type="button" class="button button--secondary button--small" onclick={edit}>{"Edit"}<span class="visually-hidden">{format!(": {what}")}</span></button>
                                    <button type="button" class="button button--secondary button--small" onclick={delete}>{"Delete"}<span class="visually-hidden">{format!(": {what}")}</span></button>
                                </div>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
