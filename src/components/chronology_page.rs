//! The printable chronology of a case: a header repeated on every page, the
//! events numbered in date order, then the deadlines the council missed and
//! those it met late. Printed from the browser (A4, page numbers); the
//! controls above it are never printed.

use std::rc::Rc;

use outputs::report::NOT_LEGAL_ADVICE;
use outputs::{Chronology, DeadlineRow, EventRow, NameShown};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::kept::kept;
use crate::components::{
    CasePicture, PICTURE_CAPTION, back_link, not_found, push_escaped, table_start,
};
use crate::hooks::use_cases;
use crate::route::View;

#[derive(Properties, PartialEq)]
pub struct ChronologyPageProps {
    pub case_id: AttrValue,
}

#[component]
pub fn ChronologyPage(props: &ChronologyPageProps) -> Html {
    let cases = use_cases();
    // Whether the child is named by initials only: a bool, whose state code
    // the app already has.
    let initials = use_state_eq(bool::default);
    let Some(entry) = cases.entry(&props.case_id) else {
        return not_found();
    };
    let name = if *initials {
        NameShown::Initials
    } else {
        NameShown::AsRecorded
    };
    let chronology = Chronology::new(&entry.case, entry.evaluation(), name);
    let recorded = entry.name();
    html! {
        <>
            <div class="no-print">
                { back_link(&View::Case(entry.case.id.clone()), entry.name()) }
                { name_choice(&initials, recorded, "Name the child on the chronology by") }
                <p class="body">
                    <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| crate::browser::print())}>
                        {"Print or save as PDF"}
                    </button>
                </p>
            </div>
            { chronology_document(chronology, kept(Rc::new(CasePicture {
                evaluated: entry.shared_evaluation().clone(),
                caption: PICTURE_CAPTION,
                first: 0,
            }), None)) }
        </>
    }
}

/// The choice of naming the child by name or by initials (`initials`), on
/// a page that prints or makes a file: the chronology and the bundle.
pub fn name_choice(initials: &UseStateHandle<bool>, recorded: &str, legend: &'static str) -> Html {
    let choice = |value: bool, id: &'static str, label: String| {
        let chosen = **initials == value;
        let initials = initials.clone();
        let onchange = Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                initials.set(value);
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
    html! {
        <div class="form-group">
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">{legend}</legend>
                <div class="radios radios--inline">
                    { choice(false, "name-as-recorded", format!("Name as recorded ({recorded})")) }
                    { choice(true, "name-initials", format!("Initials only ({})", NameShown::Initials.apply(recorded))) }
                </div>
            </fieldset>
        </div>
    }
}

/// A column of a chronology table: its heading and the class of its cells.
type Column = (&'static str, Option<&'static str>);

const EVENT_COLUMNS: &[Column] = &[
    ("No.", None),
    ("Date", None),
    ("What happened", None),
    ("Who", None),
    ("Document", None),
    ("Note", None),
];

/// The dates do not wrap, so a row reads across as one line of dates.
const DEADLINE_COLUMNS: &[Column] = &[
    ("What was due", None),
    ("Due date", Some("nowrap")),
    ("Done", Some("nowrap")),
    ("Late by", None),
    ("Regulation", None),
];

/// The document itself, starting with the `picture` of the case. An outer
/// layout table carries the header in its `thead`, which the browser repeats
/// at the top of every printed page.
pub fn chronology_document(c: Chronology, picture: Html) -> Html {
    // "Council: … · Reference: … · Prepared on …", leaving out what is not recorded.
    let mut facts = String::new();
    for (label, value) in [("Council: ", c.council), ("Reference: ", c.reference)] {
        if let Some(value) = value {
            facts.push_str(label);
            facts.push_str(&value);
            facts.push_str(" · ");
        }
    }
    facts.push_str(&c.prepared);
    let events: Vec<Vec<String>> = c.events.into_iter().map(event_cells).collect();
    html! {
        <article class="chronology" aria-labelledby="chronology-title">
            <table class="chronology__page" role="presentation">
                <thead>
                    <tr><td>
                        <div class="chronology__header">
                            <p class="chronology__child">{format!("Chronology: {}", c.child)}</p>
                            <p class="chronology__facts">{facts}</p>
                        </div>
                    </td></tr>
                </thead>
                <tbody>
                    <tr><td>
                        <h1 class="heading-l" id="chronology-title" tabindex="-1">{"Chronology of events"}</h1>
                        {picture}
                        if events.is_empty() {
                            <p class="body">{"No events recorded."}</p>
                        } else {
                            { table("table chronology__events", "table__caption", "Events, in date order", EVENT_COLUMNS, events) }
                        }
                        { deadline_table("Deadlines the council missed", c.missed,
                            "No deadline the council had to meet has passed unmet.") }
                        { deadline_table("Deadlines met late", c.met_late, "No deadline was met late.") }
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

fn event_cells(row: EventRow) -> Vec<String> {
    vec![
        row.number.to_string(),
        row.date,
        row.what,
        row.who,
        row.document,
        row.note,
    ]
}

fn deadline_cells(row: DeadlineRow) -> Vec<String> {
    vec![row.what, row.due, row.done, row.late, row.citation]
}

/// A section of deadlines under `title`, or `none` when there are none.
fn deadline_table(title: &'static str, rows: Vec<DeadlineRow>, none: &'static str) -> Html {
    html! {
        <section class="chronology__section">
            <h2 class="heading-m">{title}</h2>
            if rows.is_empty() {
                <p class="body">{none}</p>
            } else {
                { table("table", "visually-hidden", title, DEADLINE_COLUMNS,
                    rows.into_iter().map(deadline_cells).collect()) }
            }
        </section>
    }
}

/// A table of `rows`, each one cell per column, under a header row of the
/// columns' headings. Written as HTML text and put in the page at once: built
/// node by node, a chronology of 10,000 events took seconds to show (issue
/// 14). Every cell is escaped, so a payload in a note stays text.
fn table(
    class: &'static str,
    caption_class: &'static str,
    caption: &'static str,
    columns: &'static [Column],
    rows: Vec<Vec<String>>,
) -> Html {
    let mut html = table_start(
        class,
        caption_class,
        caption,
        columns.iter().map(|(heading, _)| *heading),
    );
    for cells in rows {
        html.push_str("<tr>");
        for (cell, (_, class)) in cells.iter().zip(columns) {
            match class {
                Some(class) => {
                    html.push_str("<td class=\"");
                    html.push_str(class);
                    html.push_str("\">");
                }
                None => html.push_str("<td>"),
            }
            push_escaped(&mut html, cell);
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    Html::from_html_unchecked(html.into())
}
