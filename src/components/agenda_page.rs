//! The agenda: every deadline of every case not archived, overdue first and
//! then by due date under "This week", "Next week" and each month
//! ([`outputs::agenda`]), filtered by council, who must act, status and stage,
//! and searched by child or reference. The rows chosen print on A4 and
//! download as a spreadsheet.

use outputs::{Agenda, Evaluated, Filter, Row, Show, agenda_csv, councils, deadline_title};
use rules::{Actor, Stage, Status, long_date};
use yew::prelude::*;

use crate::browser;
use crate::components::fields::SelectFieldProps;
use crate::components::{
    TextFieldProps, back_link, deadline_tag, grouped, select_field, text_field,
};
use crate::export::file_name;
use crate::hooks::use_cases;
use crate::route::View;

/// How many rows are drawn at first, and how many more each press shows: a
/// caseload of thousands has tens of thousands of deadlines to come.
const ROWS_AT_ONCE: usize = 500;

/// The choices of who must act, as the select offers them.
const ACTORS: [(&str, Actor); 7] = [
    ("la", Actor::Council),
    ("parent", Actor::Parent),
    ("school", Actor::School),
    ("health", Actor::Health),
    ("health-or-social-care", Actor::HealthOrSocialCare),
    ("other", Actor::Other),
    ("ma", Actor::MediationAdviser),
];

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

#[component]
pub fn AgendaPage() -> Html {
    let cases = use_cases();
    let filter = use_state_eq(Filter::default);
    let drawn = use_state_eq(|| ROWS_AT_ONCE);
    let evaluated: Vec<Evaluated> = cases
        .cases
        .iter()
        .filter(|entry| !entry.archived())
        .map(|entry| Evaluated {
            case: &entry.case,
            evaluation: entry.evaluation(),
        })
        .collect();
    // Sorted once for the cases handed over; each filter then only walks it.
    let agenda = use_memo((cases.today, evaluated.len()), |&(today, _)| {
        Agenda::new(&evaluated, today)
    });
    let rows = agenda.rows(&evaluated, &filter);
    let today = cases.today;

    let set = |change: fn(&mut Filter, String)| {
        let (filter, drawn) = (filter.clone(), drawn.clone());
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            change(&mut next, value);
            filter.set(next);
            drawn.set(ROWS_AT_ONCE);
        })
    };
    let download = {
        let text = agenda_csv(&rows);
        Callback::from(move |_: MouseEvent| {
            let _ = browser::download(&file_name("agenda", today, "csv"), "text/csv", &text);
        })
    };
    let more = {
        let drawn = drawn.clone();
        Callback::from(move |_: MouseEvent| drawn.set(*drawn + ROWS_AT_ONCE))
    };
    let shown = &rows[..rows.len().min(*drawn)];
    let council_options: Vec<(AttrValue, AttrValue)> = councils(&evaluated)
        .into_iter()
        .map(|council| {
            (
                AttrValue::from(council.to_owned()),
                AttrValue::from(council.to_owned()),
            )
        })
        .collect();

    html! {
        <>
            <div class="no-print">
                { back_link(&View::Cases, "your cases") }
            </div>
            <h1 class="heading-xl" tabindex="-1">{"Agenda"}</h1>
            <p class="body">
                {"Every deadline of your cases that are not archived: overdue ones first, then by the day they are due."}
            </p>
            <div class="agenda__filters no-print">
                { text_field(&TextFieldProps {
                    id: "agenda-search".into(),
                    label: "Search by child or reference".into(),
                    value: filter.search.clone().into(),
                    on_input: set(|filter, value| filter.search = value),
                    width: Some("input--width-20"),
                    ..TextFieldProps::default()
                }) }
                { select_field(&SelectFieldProps {
                    id: "agenda-council".into(),
                    label: "Council".into(),
                    hint: None,
                    options: council_options,
                    placeholder: Some("Every council".into()),
                    value: filter.council.clone().unwrap_or_default().into(),
                    error: None,
                    on_change: set(|filter, value| {
                        filter.council = (!value.is_empty()).then_some(value);
                    }),
                }) }
                { select_field(&SelectFieldProps {
                    id: "agenda-actor".into(),
                    label: "Who must act".into(),
                    hint: None,
                    options: ACTORS.iter().map(|&(id, actor)| (id.into(), capitalised(actor.label()).into())).collect(),
                    placeholder: Some("Anyone".into()),
                    value: ACTORS.iter().find(|(_, actor)| Some(*actor) == filter.actor).map_or("", |(id, _)| id).into(),
                    error: None,
                    on_change: set(|filter, value| {
                        filter.actor = ACTORS.iter().find(|(id, _)| *id == value).map(|&(_, actor)| actor);
                    }),
                }) }
                { select_field(&SelectFieldProps {
                    id: "agenda-status".into(),
                    label: "Status".into(),
                    hint: None,
                    options: SHOWS.iter().map(|&(id, words, _)| (id.into(), words.into())).collect(),
                    placeholder: None,
                    value: SHOWS.iter().find(|(_, _, show)| *show == filter.show).map_or("open", |(id, _, _)| id).into(),
                    error: None,
                    on_change: set(|filter, value| {
                        filter.show = SHOWS.iter().find(|(id, _, _)| *id == value).map_or(Show::Open, |&(_, _, show)| show);
                    }),
                }) }
                { select_field(&SelectFieldProps {
                    id: "agenda-stage".into(),
                    label: "Stage".into(),
                    hint: None,
                    options: stages().map(|stage| (stage_id(stage).into(), stage.label().into())).collect(),
                    placeholder: Some("Every stage".into()),
                    value: filter.stage.map_or("", stage_id).into(),
                    error: None,
                    on_change: set(|filter, value| {
                        filter.stage = Stage::ALL.into_iter().find(|stage| stage_id(*stage) == value);
                    }),
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
            { for agenda.grouped(shown).into_iter().map(|(when, rows)| {
                let heading = when.heading();
                html! {
                    <section class="agenda__group">
                        <h2 class="heading-m">{&heading}</h2>
                        { agenda_table(&heading, rows, today) }
                    </section>
                }
            }) }
            if shown.len() < rows.len() {
                <p class="body no-print">
                    {format!("Showing the first {} of {}. ", grouped(shown.len()), grouped(rows.len()))}
                </p>
                <button type="button" class="button button--secondary no-print" onclick={more}>
                    {format!("Show {} more deadlines", grouped((rows.len() - shown.len()).min(ROWS_AT_ONCE)))}
                </button>
            }
        </>
    }
}

/// "3 deadlines", "1 deadline", "No deadlines match these choices."
fn count_words(count: usize) -> String {
    match count {
        0 => "No deadlines match these choices.".to_owned(),
        1 => "1 deadline.".to_owned(),
        n => format!("{} deadlines.", grouped(n)),
    }
}

/// The table of one heading's rows.
fn agenda_table(caption: &str, rows: &[Row], today: chrono::NaiveDate) -> Html {
    html! {
        <table class="table agenda__table">
            <caption class="visually-hidden">{caption.to_owned()}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Due"}</th>
                    <th scope="col">{"Child"}</th>
                    <th scope="col">{"What is due"}</th>
                    <th scope="col">{"Status"}</th>
                    <th scope="col">{"Who must act"}</th>
                    <th scope="col">{"Council"}</th>
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|row| {
                    let deadline = row.deadline;
                    html! {
                        <tr>
                            <td class="nowrap">{long_date(deadline.due)}</td>
                            <td>
                                <a href={View::Case(row.case.id.clone()).to_hash()}>
                                    {crate::case::case_name(row.case).to_owned()}
                                </a>
                            </td>
                            <td>{deadline_title(deadline)}</td>
                            <td>{deadline_tag(deadline.status, deadline.days_late, deadline.due, today)}</td>
                            <td>{capitalised(deadline.actor.label())}</td>
                            <td>{row.case.local_authority.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// "the council" as it starts a cell: "The council".
fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The stages some rule belongs to, in the order the process runs: the
/// choices of the stage select.
fn stages() -> impl Iterator<Item = Stage> {
    Stage::ALL
        .into_iter()
        .filter(|stage| rules::all_rules().any(|rule| rule.stage == *stage))
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
