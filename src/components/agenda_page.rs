//! The agenda: every deadline of every case not archived, overdue first and
//! then by due date under "This week", "Next week" and each month
//! ([`outputs::agenda`]), filtered by council, who must act, status and stage,
//! and searched by child or reference. The rows chosen print on A4 and
//! download as a spreadsheet.

use outputs::{Agenda, Evaluated, Filter, Row, Show, agenda_csv, councils, deadline_title};
use rules::{Status, calendar::long_date, case_file::Stage, rule::Actor};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::report_source::use_case_source;
use crate::browser;
use crate::case::case_name;
use crate::components::fields::{SelectFieldProps, field_group};
use crate::components::{Markup, back_link, grouped, select_field, table_start};
use crate::export::file_name;
use crate::hooks::use_cases;
use crate::labels::{tag_colour, tag_text};
use crate::route::View;
use crate::state::{Entry, State};

/// The id of the search box.
const SEARCH: &str = "agenda-search";

/// How many rows are drawn at most: a caseload of thousands has tens of
/// thousands of deadlines to come; the filters narrow them, and the
/// spreadsheet holds them all.
const ROWS_SHOWN: usize = 2_000;

/// The choices of who must act, as the select offers them, with the words
/// that start a cell of the table.
const ACTORS: [(&str, Actor, &str); 7] = [
    ("la", Actor::Council, "The council"),
    ("parent", Actor::Parent, "The parent or young person"),
    ("school", Actor::School, "The school or college"),
    ("health", Actor::Health, "The health service"),
    (
        "health-or-social-care",
        Actor::HealthOrSocialCare,
        "Health or social care",
    ),
    ("other", Actor::Other, "The person asked for advice"),
    ("ma", Actor::MediationAdviser, "The mediation adviser"),
];

/// Who must act, as a cell of the table says it.
fn who(actor: Actor) -> &'static str {
    ACTORS
        .iter()
        .find(|(_, of, _)| *of == actor)
        .map_or("", |(_, _, words)| words)
}

/// The choices of status: what is still to do, each status, or everything.
const SHOWS: [(&str, &str, Show); 10] = [
    ("open", "Still to do", Show::Open),
    ("overdue", "Overdue", Show::Only(Status::Overdue)),
    ("due-soon", "Due soon", Show::Only(Status::DueSoon)),
    ("pending", "Not due yet", Show::Only(Status::Pending)),
    ("met", "Met", Show::Only(Status::Met)),
    ("met-late", "Met late", Show::Only(Status::MetLate)),
    ("too-early", "Too early", Show::Only(Status::TooEarly)),
    (
        "excepted",
        "Exception claimed",
        Show::Only(Status::Excepted),
    ),
    (
        "not-applicable",
        "Not applicable",
        Show::Only(Status::NotApplicable),
    ),
    ("all", "Every deadline", Show::All),
];

/// A select of the filters: its id, label, first option ("every ..."),
/// options, value, and how a choice changes the filter.
type Select = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Vec<(AttrValue, AttrValue)>,
    AttrValue,
    fn(&mut Filter, String),
);

#[component]
pub fn AgendaPage() -> Html {
    let cases = use_cases();
    let filter = use_state_eq(Filter::default);
    let source = use_case_source(cases.today);
    let (evaluated, reading) = source.evaluated(&cases);
    let pool = source.pool().map(str::to_owned);
    // Sorted once for the cases handed over; each filter then only walks it.
    let agenda = use_memo(
        (cases.today, pool.clone(), evaluated.len()),
        |&(today, _, _)| Agenda::new(&evaluated, today),
    );
    let rows = agenda.rows(&evaluated, &filter);
    let today = cases.today;

    let set = |change: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            change(&mut next, value);
            filter.set(next);
        })
    };
    let search = {
        let search = set(|filter, value| filter.search = value);
        Callback::from(move |e: InputEvent| {
            search.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let download = {
        let (cases, source) = (cases.clone(), source.clone());
        let (agenda, filter) = (agenda.clone(), (*filter).clone());
        Callback::from(move |_: MouseEvent| {
            let (evaluated, _) = source.evaluated(&cases);
            let text = agenda_csv(&agenda.rows(&evaluated, &filter));
            let _ = browser::download(&file_name("agenda", today, "csv"), "text/csv", &text);
        })
    };
    let shown = &rows[..rows.len().min(ROWS_SHOWN)];
    let cases_select = source.select("agenda-cases", "Cases shown", {
        let filter = filter.clone();
        Callback::from(move |()| {
            filter.set(Filter {
                council: None,
                ..(*filter).clone()
            })
        })
    });
    let about = match &pool {
        None => "Every deadline of your cases that are not archived: overdue ones first, then by the day they are due.".to_owned(),
        Some(pool) => format!("Every deadline of the cases of the pool \u{201c}{pool}\u{201d}, which other families shared: overdue ones first, then by the day they are due."),
    };
    let selects: [Select; 4] = [
        (
            "agenda-council",
            "Council",
            Some("Every council"),
            councils(&evaluated)
                .into_iter()
                .map(|council| (council.to_owned().into(), council.to_owned().into()))
                .collect(),
            filter.council.clone().unwrap_or_default().into(),
            |filter, value| filter.council = (!value.is_empty()).then_some(value),
        ),
        (
            "agenda-actor",
            "Who must act",
            Some("Anyone"),
            ACTORS
                .iter()
                .map(|&(id, _, words)| (id.into(), words.into()))
                .collect(),
            ACTORS
                .iter()
                .find(|(_, actor, _)| Some(*actor) == filter.actor)
                .map_or("", |(id, _, _)| id)
                .into(),
            |filter, value| {
                filter.actor = ACTORS
                    .iter()
                    .find(|(id, _, _)| *id == value)
                    .map(|&(_, actor, _)| actor);
            },
        ),
        (
            "agenda-status",
            "Status",
            None,
            SHOWS
                .iter()
                .map(|&(id, words, _)| (id.into(), words.into()))
                .collect(),
            SHOWS
                .iter()
                .find(|(_, _, show)| *show == filter.show)
                .map_or("open", |(id, _, _)| id)
                .into(),
            |filter, value| {
                filter.show = SHOWS
                    .iter()
                    .find(|(id, _, _)| *id == value)
                    .map_or(Show::Open, |&(_, _, show)| show);
            },
        ),
        (
            "agenda-stage",
            "Stage",
            Some("Every stage"),
            stages()
                .map(|stage| (stage_id(stage).into(), stage.label().into()))
                .collect(),
            filter.stage.map_or("", stage_id).into(),
            |filter, value| {
                filter.stage = Stage::ALL
                    .into_iter()
                    .find(|stage| stage_id(*stage) == value);
            },
        ),
    ];

    html! {
        <>
            <div class="no-print">
                { back_link(&View::Cases, "your cases") }
            </div>
            <h1 class="heading-xl" tabindex="-1">{"Agenda"}</h1>
            { paragraph(&about) }
            <div class="no-print">{cases_select}</div>
            { reading.as_deref().map(paragraph) }
            <div class="agenda__filters no-print">
                { field_group(&SEARCH.into(), &"Search by child or reference".into(), None, None, html! {
                    <input class="input input--width-20" id={SEARCH} name={SEARCH} type="search"
                        value={filter.search.clone()} oninput={search} />
                }) }
                { for selects.into_iter().map(|(id, label, placeholder, options, value, apply)| {
                    select_field(&SelectFieldProps {
                        id: id.into(),
                        label: label.into(),
                        hint: None,
                        options,
                        placeholder: placeholder.map(AttrValue::Static),
                        value,
                        error: None,
                        on_change: set(apply),
                    })
                }) }
            </div>
            <p class="body" role="status">{count_words(rows.len())}</p>
            <div class="button-group no-print">
                <button type="button" class="button button--secondary" onclick={download}>
                    {"Download these deadlines (CSV)"}
                </button>
                <button type="button" class="button button--secondary" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                    {"Print the agenda"}
                </button>
            </div>
            { agenda_tables(&agenda, shown, rows.len(), today, pool.is_none()) }
        </>
    }
}

/// `text`, escaped, as a paragraph.
fn paragraph(text: &str) -> Html {
    Markup::new(r#"<p class="body">"#)
        .text(text)
        .raw("</p>")
        .html()
}

/// The cases not archived, each with its evaluation: what the agenda lists.
pub(super) fn not_archived(state: &State) -> Vec<Evaluated<'_>> {
    state
        .cases
        .iter()
        .filter(|entry| !entry.archived())
        .map(Entry::evaluated)
        .collect()
}

/// "3 deadlines", "1 deadline", "No deadlines match these choices."
fn count_words(count: usize) -> String {
    match count {
        0 => "No deadlines match these choices.".to_owned(),
        1 => "1 deadline.".to_owned(),
        n => format!("{} deadlines.", grouped(n)),
    }
}

/// The rows `shown` of the `count` chosen, a section and a table for each
/// heading, written as HTML text ([`Markup`]: one node, however many rows);
/// each case and deadline linked to its page where `links` (the user's own
/// cases: a pool's have no page).
fn agenda_tables(
    agenda: &Agenda,
    shown: &[Row],
    count: usize,
    today: chrono::NaiveDate,
    links: bool,
) -> Html {
    let mut html = Markup::new("");
    for (when, rows) in agenda.grouped(shown) {
        let heading = when.heading();
        html.raw(r#"<section class="agenda__group"><h2 class="heading-m">"#)
            .text(&heading)
            .raw("</h2>")
            .raw(&table_start(
                "table agenda__table",
                "visually-hidden",
                &heading,
                [
                    "Due",
                    "Child",
                    "What is due",
                    "Status",
                    "Who must act",
                    "Council",
                ],
            ));
        for row in rows {
            push_row(&mut html, row, today, links);
        }
        html.raw("</tbody></table></section>");
    }
    if shown.len() < count {
        html.raw(r#"<p class="body">"#).text(&format!(
            "Showing the first {} of {}: choose a council, a stage or a status to see fewer, or download them all as a spreadsheet.",
            grouped(shown.len()),
            grouped(count)
        )).raw("</p>");
    }
    html.html()
}

/// One row of a table.
fn push_row(html: &mut Markup, row: &Row, today: chrono::NaiveDate, links: bool) {
    let (case, deadline) = (row.case, row.deadline);
    html.raw(r#"<tr><td class="nowrap">"#)
        .raw(&long_date(deadline.due))
        .raw("</td><td>");
    let case_page = links.then(|| View::Case(case.id.clone()));
    push_linked(html, case_page, case_name(case));
    html.raw("</td><td>");
    let card = links.then(|| View::Deadline(case.id.clone(), row.index));
    push_linked(html, card, &deadline_title(deadline));
    // A family's own window that has passed is closed, as the
    // spreadsheet and `ehc check` say, not overdue.
    let (colour, words) = if deadline.status == Status::Overdue && deadline.actor == Actor::Parent {
        ("grey", "Window closed".to_owned())
    } else {
        (
            tag_colour(deadline.status),
            tag_text(deadline.status, deadline.days_late, deadline.due, today),
        )
    };
    html.raw(r#"</td><td><strong class="tag tag--"#)
        .raw(colour)
        .raw(r#"">"#)
        .raw(&words)
        .raw("</strong></td><td>")
        .raw(who(deadline.actor))
        .raw("</td><td>")
        .text(case.local_authority.as_deref().unwrap_or_default())
        .raw("</td></tr>");
}

/// `text`, escaped, as a link to `page`, or as it is where there is none.
fn push_linked(html: &mut Markup, page: Option<View>, text: &str) {
    match page {
        Some(page) => {
            html.raw(r#"<a href=""#)
                .text(&page.to_hash())
                .raw(r#"">"#)
                .text(text)
                .raw("</a>");
        }
        None => {
            html.text(text);
        }
    }
}

/// The stages some rule belongs to, in the order the process runs: the
/// choices of the stage select.
fn stages() -> impl Iterator<Item = Stage> {
    Stage::ALL
        .into_iter()
        .filter(|stage| rules::stages::all_rules().any(|rule| rule.stage == *stage))
}

/// A stage's value in the stage select.
fn stage_id(stage: Stage) -> &'static str {
    match stage {
        Stage::Assessment => "assessment",
        Stage::Plan => "plan",
        Stage::Review => "review",
        Stage::PhaseTransfer => "phase-transfer",
        Stage::Reassessment => "reassessment",
        Stage::Disagreement => "disagreement",
        Stage::Tribunal => "tribunal",
        Stage::Complaint => "complaint",
        Stage::Exception => "exception",
        Stage::Correspondence => "correspondence",
    }
}
