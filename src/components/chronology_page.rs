//! The printable chronology of a case: a header repeated on every page, the
//! events numbered in date order, then the deadlines the council missed and
//! those it met late. Printed from the browser (A4, page numbers); the
//! controls above it are never printed.

use outputs::{Chronology, DeadlineRow, NameShown};
use rules::NOT_LEGAL_ADVICE;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::NotFound;
use crate::hooks::use_cases;
use crate::route::View;

#[derive(Properties, PartialEq)]
pub struct ChronologyPageProps {
    pub case_id: AttrValue,
}

#[component]
pub fn ChronologyPage(props: &ChronologyPageProps) -> Html {
    let cases = use_cases();
    let name = use_state_eq(NameShown::default);
    let Some(entry) = cases.entry(&props.case_id) else {
        return html! { <NotFound /> };
    };
    let chronology = Chronology::new(&entry.case, &entry.evaluation, *name);
    let choice = |value: NameShown, id: &'static str, label: String| {
        let chosen = *name == value;
        let name = name.clone();
        let onchange = Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                name.set(value);
            }
        });
        html! {
            <div class="radios__item">
                <input class="radios__input" type="radio" {id} name="name-shown"
                    checked={chosen} {onchange} />
                <label class="label radios__label" for={id}>{label}</label>
            </div>
        }
    };
    let recorded = entry.name().to_owned();
    html! {
        <>
            <div class="no-print">
                <a class="back-link" href={View::Case(entry.case.id.clone()).to_hash()}>
                    {format!("Back to {recorded}")}
                </a>
                <div class="form-group">
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend fieldset__legend--s">{"Name the child on the chronology by"}</legend>
                        <div class="radios radios--inline">
                            { choice(NameShown::AsRecorded, "name-as-recorded", format!("Name as recorded ({recorded})")) }
                            { choice(NameShown::Initials, "name-initials", format!("Initials only ({})", NameShown::Initials.apply(&recorded))) }
                        </div>
                    </fieldset>
                </div>
                <p class="body">
                    <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| crate::browser::print())}>
                        {"Print or save as PDF"}
                    </button>
                </p>
            </div>
            <ChronologyDocument {chronology} />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChronologyDocumentProps {
    pub chronology: Chronology,
}

/// The document itself. An outer layout table carries the header in its
/// `thead`, which the browser repeats at the top of every printed page.
#[component]
pub fn ChronologyDocument(props: &ChronologyDocumentProps) -> Html {
    let c = &props.chronology;
    let facts: Vec<String> = [
        c.council
            .clone()
            .map(|council| format!("Council: {council}")),
        c.reference
            .clone()
            .map(|reference| format!("Reference: {reference}")),
        Some(c.prepared.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        <article class="chronology" aria-labelledby="chronology-title">
            <table class="chronology__page" role="presentation">
                <thead>
                    <tr><td>
                        <div class="chronology__header">
                            <p class="chronology__child">{format!("Chronology: {}", c.child)}</p>
                            <p class="chronology__facts">{facts.join(" · ")}</p>
                        </div>
                    </td></tr>
                </thead>
                <tbody>
                    <tr><td>
                        <h1 class="heading-l" id="chronology-title" tabindex="-1">{"Chronology of events"}</h1>
                        if c.events.is_empty() {
                            <p class="body">{"No events recorded."}</p>
                        } else {
                            <table class="table chronology__events">
                                <caption class="table__caption">{"Events, in date order"}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{"No."}</th>
                                        <th scope="col">{"Date"}</th>
                                        <th scope="col">{"What happened"}</th>
                                        <th scope="col">{"Who"}</th>
                                        <th scope="col">{"Document"}</th>
                                        <th scope="col">{"Note"}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    { for c.events.iter().map(|row| html! {
                                        <tr>
                                            <td>{row.number}</td>
                                            <td>{&row.date}</td>
                                            <td>{&row.what}</td>
                                            <td>{&row.who}</td>
                                            <td>{&row.document}</td>
                                            <td>{&row.note}</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        }
                        <DeadlineTable title="Deadlines the council missed" rows={c.missed.clone()}
                            none="No deadline the council had to meet has passed unmet." />
                        <DeadlineTable title="Deadlines met late" rows={c.met_late.clone()}
                            none="No deadline was met late." />
                        <p class="body chronology__note">
                            {"Due dates worked out by EHC Timeline from the dates above, with the regulation for each. "}
                            {NOT_LEGAL_ADVICE}
                        </p>
                    </td></tr>
                </tbody>
            </table>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct DeadlineTableProps {
    title: AttrValue,
    rows: Vec<DeadlineRow>,
    /// What to say when there are no rows.
    none: AttrValue,
}

#[component]
fn DeadlineTable(props: &DeadlineTableProps) -> Html {
    html! {
        <section class="chronology__section">
            <h2 class="heading-m">{&props.title}</h2>
            if props.rows.is_empty() {
                <p class="body">{&props.none}</p>
            } else {
                <table class="table">
                    <caption class="visually-hidden">{&props.title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{"What was due"}</th>
                            <th scope="col">{"Due date"}</th>
                            <th scope="col">{"Done"}</th>
                            <th scope="col">{"Late by"}</th>
                            <th scope="col">{"Regulation"}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.rows.iter().map(|row| html! {
                            <tr>
                                <td>{&row.what}</td>
                                <td class="nowrap">{&row.due}</td>
                                <td class="nowrap">{&row.done}</td>
                                <td>{&row.late}</td>
                                <td>{&row.citation}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
