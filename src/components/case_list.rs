//! The case list: each case with its next deadline and how many are overdue.

use rules::calendar::long_date;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::layout::static_html;
use crate::browser;
use crate::components::fields::{CheckboxProps, checkbox};
use crate::components::{
    Latest, Markup, export_error_message, inset_with_button, lock_summary, per_page,
    persistence_note, secondary_button, undo_banner,
};
use crate::example::{EXAMPLE_ID, example_case};
use crate::export;
use crate::hooks::{use_cases, use_navigator};
use crate::route::View;
use crate::state::{Deleted, Entry, State};
use crate::storage::quota_text;
use crate::summary::{Listed, SortBy, listed};

/// What a button of the case list does: undo a deletion, or make a file.
/// One callback runs them all, so the list builds one kind of closure.
#[derive(Clone, Copy)]
enum Action {
    Undo,
    /// Add the example case and open it.
    Example,
    RemoveExample,
    ExportAll,
    Moved,
    Spreadsheet,
    Calendar,
}

/// The heading, and the link to add a case.
const HEADING: &str = concat!(
    r#"<h1 class="heading-xl" tabindex="-1">Your cases</h1>"#,
    r##"<p class="body"><a href="#/add" class="button" draggable="false">Add a case</a></p>"##
);

/// Above the button that adds the example case.
const EXAMPLE: &str = r#"<p class="body">See how it looks first, with a case that is invented: some deadlines met, some late, one still missing.</p>"#;

/// Above the button that removes the example case.
const EXAMPLE_ADDED: &str =
    r#"<p class="body">The example case is invented, to show how the app works. </p>"#;

/// The links beside "Export all cases".
const FILE_LINKS: &str = concat!(
    r##"<a href="#/backup" class="link">Export everything, with documents</a>"##,
    r##"<a href="#/import" class="link">Import a case file</a>"##
);

/// What the app does, in two sentences, for a first visit.
const FIRST_VISIT: &str = concat!(
    r#"<p class="body lead">EHC Timeline works out the dates by which your council must act on "#,
    "your child's EHC needs assessment and plan, counted the way the law counts them, and shows ",
    "which it missed. You log each letter and decision as it comes, and everything stays on this ",
    r#"device.</p><p class="body">You have no cases yet.</p>"#
);

const CASE_FILES: &str = concat!(
    r#"<h2 class="heading-m">Case files</h2>"#,
    r#"<p class="body">A case file keeps a copy of your cases, or moves them to another device.</p>"#
);

const MOVED: &str = r#"<p class="body">This version keeps your cases in the browser's database. The data as it was stored before is kept, unchanged, until you next export all cases.</p>"#;

const EVERY_DEADLINE: &str = concat!(
    r#"<h2 class="heading-m">Every deadline</h2>"#,
    r##"<p class="body"><a class="link" href="#/agenda">See the agenda</a>: every deadline "##,
    "of your cases in one list, overdue first, to filter by council, who must act, status ",
    "and stage.</p>",
    r##"<p class="body"><a class="link" href="#/pools">Pool cases with others</a>: share yours "##,
    "anonymised, or gather the cases other families shared, kept apart from yours.</p>",
    r##"<p class="body"><a class="link" href="#/report">See the council report</a>: how many "##,
    "deadlines each council met on time.</p>"
);

#[component]
pub fn CaseList() -> Html {
    let cases = use_cases();
    let navigator = use_navigator();
    // Whether the list is sorted by name: a bool, whose state code the app
    // already has, not a state of its own type.
    let by_name = use_state_eq(bool::default);
    let sort = if *by_name {
        SortBy::Name
    } else {
        SortBy::MostUrgent
    };
    let show_archived = use_state_eq(bool::default);
    let entries = listed(&cases, sort, *show_archived);
    // The first rows in the order chosen, more on request: 10,000 rows took
    // seconds to draw, and the list opens the app.
    let shown = use_state_eq(per_page);
    let shown = Latest::from_state(&shown);
    let archived = cases.cases.iter().filter(|e| e.archived()).count();

    let on_sort = {
        let by_name = by_name.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            by_name.set(SortBy::from_id(&value) == SortBy::Name)
        })
    };
    let on_show_archived = {
        let show_archived = show_archived.clone();
        Callback::from(move |checked| show_archived.set(checked))
    };
    let export_error = use_state_eq(Option::<String>::default);
    let quota = use_state_eq(Option::<String>::default);
    {
        let quota = quota.clone();
        use_effect_with(cases.revision, move |_| {
            browser::storage_estimate(Callback::from(move |(used, allowed)| {
                quota.set(Some(quota_text(used, allowed)))
            }))
        });
    }
    // One callback holds the handles; each button's holds it and its action.
    let run = {
        let (cases, export_error) = (cases.clone(), export_error.clone());
        Callback::from(move |action: Action| {
            let done = match action {
                Action::Undo => return cases.undo_delete(),
                Action::Example => {
                    cases.import(vec![example_case()]);
                    return navigator.go(View::Case(EXAMPLE_ID.to_owned()));
                }
                Action::RemoveExample => return cases.delete_case(EXAMPLE_ID),
                Action::ExportAll => export::download_all(&cases),
                Action::Moved => {
                    let text = cases.moved.as_deref().unwrap_or_default();
                    export::download_moved(text, cases.today)
                }
                Action::Spreadsheet => export::download_spreadsheet(&cases.cases, cases.today),
                Action::Calendar => {
                    let active = cases.cases.iter().filter(|entry| !entry.archived());
                    export::download_calendar(active, "all-cases", cases.today)
                }
            };
            export_error.set(done.err())
        })
    };
    let on = |action: Action| run.reform(move |_: MouseEvent| action);

    html! {
        <>
            if let Some(Deleted::Case { entry, .. }) = &cases.deleted {
                { undo_banner(
                    "Case deleted",
                    format!("The case of {} was deleted from this device.", entry.name()),
                    on(Action::Undo),
                ) }
            }
            { static_html(HEADING) }
            if cases.cases.is_empty() {
                { static_html(FIRST_VISIT) }
                { inset_with_button(EXAMPLE, "Look at an example case", on(Action::Example)) }
            } else {
                <div class="list-controls">
                    <div class="form-group">
                        { static_html(r#"<label class="label" for="sort-by">Sort by</label>"#) }
                        <select id="sort-by" name="sort-by" class="select" onchange={on_sort}>
                            { sort_option(SortBy::MostUrgent, sort) }
                            { sort_option(SortBy::Name, sort) }
                        </select>
                    </div>
                    <div class="form-group checkboxes checkboxes--small">
                        { checkbox(&CheckboxProps {
                            id: "show-archived".into(),
                            label: "Show archived cases".into(),
                            checked: *show_archived,
                            on_change: on_show_archived,
                        }) }
                    </div>
                </div>
                if entries.is_empty() {
                    { Markup::new(&format!(
                        r#"<p class="body">All your cases are archived ({archived}). Tick "Show archived cases" to see them.</p>"#
                    )).html() }
                } else {
                    { cases_table(&entries[..entries.len().min(shown.count)]) }
                    { shown.notice_of_first(entries.len(), ("case", "cases")) }
                }
            }
            if cases.entry(EXAMPLE_ID).is_some() {
                { static_html(EXAMPLE_ADDED) }
                { secondary_button("Remove the example case", on(Action::RemoveExample)) }
            }
            { case_files(&cases, quota.as_deref()) }
            <div class="button-group">
                { secondary_button("Export all cases", on(Action::ExportAll)) }
                { static_html(FILE_LINKS) }
            </div>
            if cases.moved.is_some() {
                { static_html(MOVED) }
                <div class="button-group">
                    { secondary_button("Download the data as stored before", on(Action::Moved)) }
                </div>
            }
            if !cases.cases.is_empty() {
                { static_html(EVERY_DEADLINE) }
                <div class="button-group">
                    { secondary_button("Download every deadline as a spreadsheet (CSV)", on(Action::Spreadsheet)) }
                    { secondary_button("Add the deadlines to come to your calendar (.ics)", on(Action::Calendar)) }
                </div>
            }
            { export_error_message(export_error.as_deref()) }
            { lock_summary(cases.lock()) }
        </>
    }
}

/// "Case files": what one is for, the note on the browser's keeping of the
/// data when it is due, and how much of the browser's storage is used, when
/// known. Markup written as text, one node: no control of its own.
fn case_files(state: &State, quota: Option<&str>) -> Html {
    let mut html = Markup::new(CASE_FILES);
    html.raw(persistence_note(state));
    if let Some(quota) = quota {
        html.raw(r#"<p class="body">"#).text(quota).raw("</p>");
    }
    html.html()
}

/// One choice of the list's order.
fn sort_option(option: SortBy, sort: SortBy) -> Html {
    html! { <option value={option.id()} selected={option == sort}>{option.label()}</option> }
}

/// The table's start: its caption, and a heading for each column that
/// each cell repeats as a `data-label` for the narrow layout.
const TABLE_START: &str = concat!(
    r#"<div class="table-wrapper"><table class="table"><caption class="visually-hidden">Your cases</caption>"#,
    r#"<thead><tr><th scope="col">Child</th><th scope="col">Council</th>"#,
    r#"<th scope="col">Next deadline</th><th scope="col">Overdue</th></tr></thead><tbody>"#
);

/// The table of the cases shown, as markup written as text and put in the
/// page as one node: it has links but no control of its own, and written
/// as text it costs far less code than its elements built with `html!`
/// (kilobytes of the first module). The same text is left as it is, so a
/// draw of the list that changes no case leaves the table alone.
fn cases_table(entries: &[&Entry]) -> Html {
    let mut html = Markup::new(TABLE_START);
    for entry in entries {
        case_row(&mut html, entry);
    }
    html.raw("</tbody></table></div>").html()
}

/// One case of the table: its child, council, next deadline and overdue
/// deadlines.
fn case_row(html: &mut Markup, entry: &Entry) {
    let Listed { overdue, next } = &entry.summary().listed;
    html.raw(r#"<tr><th scope="row" data-label="Child"><a href=""#)
        .text(&View::Case(entry.case.id.clone()).to_hash())
        .raw(r#"">"#)
        .text(entry.name())
        .raw("</a>");
    if entry.archived() {
        html.raw(r#" <strong class="tag tag--grey">Archived</strong>"#);
    }
    html.raw(r#"</th><td data-label="Council">"#)
        .text(entry.case.local_authority.as_deref().unwrap_or_default())
        .raw(r#"</td><td data-label="Next deadline">"#);
    match next {
        Some((due, rule)) => html
            .raw(&long_date(*due))
            .raw(r#"<br><span class="secondary-text">"#)
            .text(rule)
            .raw("</span>"),
        None => html.raw("None"),
    };
    html.raw(r#"</td><td data-label="Overdue">"#);
    match overdue {
        0 => html.raw("None"),
        n => html.raw(&format!(
            r#"<strong class="tag tag--red">{n} overdue</strong>"#
        )),
    };
    html.raw("</td></tr>");
}
