//! "Share anonymised": a case file for a parent group or an advocate who
//! pools cases to show how late a council is ([`rules::case_file::anonymise`]). The page
//! shows exactly what the file keeps, read from the very file it offers, and
//! says plainly that dates with a council can still identify a family.

use std::rc::Rc;

use chrono::NaiveDate;
use outputs::{in_date_order, written_when};
use rules::{
    Case, CaseFile, Event,
    calendar::long_date,
    case_file::{BIRTH_YEAR, FORMAT},
    write_case_file,
};
use yew::prelude::*;

use crate::browser;
use crate::case::case_name;
use crate::components::{back_link, grouped, static_html};
use crate::export::file_name;
use crate::labels::counted;
use crate::parts::GivenCases;
use crate::route::View;
use crate::state::is_archived;

/// What the file leaves out, as the page lists it.
const REMOVED: &str = concat!(
    r#"<h3 class="heading-s">What is removed</h3>"#,
    r#"<ul class="list list--bullet">"#,
    "<li>the child's name and date of birth (only the year is kept), and the case reference</li>",
    "<li>every note, who you spoke to, and the names of letters and documents</li>",
    "<li>the names of schools and of the people asked for advice: each becomes a number, such as \u{201c}school 1\u{201d}</li>",
    "<li>the words of milestones you named yourself, and anything the app does not know</li>",
    "<li>the case's and each milestone's own code: new random ones are made</li>",
    "</ul>"
);

/// The warning every share carries.
const WARNING: &str = concat!(
    r#"<div class="warning-text" role="note"><p class="body"><strong>"#,
    "Dates and a council can still identify a family to someone who knows them. ",
    "Share the file only with a group or an advocate you trust.</strong></p></div>"
);

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The cases to share.
    pub cases: Rc<Vec<Case>>,
    /// What the file is named after, such as the case's name.
    pub what: AttrValue,
    pub today: NaiveDate,
}

/// What an anonymised copy of `cases` keeps, and the button that offers it.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    // One anonymised copy, shown and offered: what the page lists is what
    // the file holds.
    let file = use_memo(props.cases.clone(), |cases| {
        rules::case_file::anonymise(
            &CaseFile {
                format: FORMAT.to_owned(),
                exported_at: None,
                cases: cases.as_ref().clone(),
                extra: Default::default(),
            },
            &mut crate::pools::random,
        )
    });
    let error = use_state(|| None::<String>);
    let onclick = {
        let (file, what, today, error) =
            (file.clone(), props.what.clone(), props.today, error.clone());
        Callback::from(move |_| {
            let name = file_name(&format!("{what} anonymised"), today, "json");
            let made = browser::download(&name, "application/json", &write_case_file(&file));
            error.set(made.err());
        })
    };
    if file.cases.is_empty() {
        return html! { <p class="body">{"There are no cases to share yet."}</p> };
    }
    html! {
        <>
            <h3 class="heading-s">{"What the file keeps"}</h3>
            <p class="body">{"For each case: the council, the year of birth, and each milestone's kind and date, with the choices the deadlines depend on (such as a decision, an order or an exception the council claimed). Nothing else."}</p>
            { kept_table(&file.cases) }
            if let [case] = file.cases.as_slice() {
                <details class="details">
                    <summary class="details__summary">{format!("Every milestone the file keeps ({})", grouped(case.events.len()))}</summary>
                    <ul class="list list--bullet">
                        { for in_date_order(case).into_iter().map(|event| html! {
                            <li>{format!("{}: {}", written_when(&event.when), event.kind.label())}</li>
                        }) }
                    </ul>
                </details>
            }
            { static_html(REMOVED) }
            { static_html(WARNING) }
            <button type="button" class="button" {onclick}>{"Download the anonymised case file"}</button>
            if let Some(error) = &*error {
                <p class="error-message" role="alert">{format!("The file could not be made: {error}")}</p>
            }
        </>
    }
}

/// One row per anonymised case: what of it is kept.
fn kept_table(cases: &[Case]) -> Html {
    html! {
        <table class="table">
            <caption class="table__caption">{counted(cases.len(), "case", "cases")}</caption>
            <thead><tr>
                <th scope="col">{"Case"}</th><th scope="col">{"Council"}</th>
                <th scope="col">{"Year of birth"}</th><th scope="col">{"Milestones"}</th>
            </tr></thead>
            <tbody>
                { for cases.iter().enumerate().map(|(n, case)| html! {
                    <tr>
                        <td>{n + 1}</td>
                        <td>{case.local_authority.clone().unwrap_or_else(|| "Not given".to_owned())}</td>
                        <td>{case.extra.get(BIRTH_YEAR).map_or_else(|| "Not given".to_owned(), ToString::to_string)}</td>
                        <td>{milestones(case)}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// "23 milestones, 6 January 2025 to 3 March 2026": the span of the exact
/// dates (an approximate one is counted, not dated).
fn milestones(case: &Case) -> String {
    let how_many = counted(case.events.len(), "milestone", "milestones");
    let dates = case.events.iter().filter_map(Event::date);
    match (dates.clone().min(), dates.max()) {
        (Some(first), Some(last)) if first != last => {
            format!("{how_many}, {} to {}", long_date(first), long_date(last))
        }
        (Some(day), _) => format!("{how_many}, {}", long_date(day)),
        _ => how_many,
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareCasePageProps {
    pub case_id: AttrValue,
}

/// `#/case/ID/share`: one case, shared anonymised.
#[component]
pub fn ShareCasePage(props: &ShareCasePageProps) -> Html {
    let given = use_context::<GivenCases>().expect("the part hands over the case");
    let Some(case) = given
        .cases
        .iter()
        .find(|case| case.id == props.case_id.as_str())
    else {
        return crate::components::not_found();
    };
    let shared = Rc::new(vec![case.clone()]);
    html! {
        <>
            { back_link(&View::Case(props.case_id.to_string()), case_name(case)) }
            <h1 class="heading-xl" tabindex="-1">{"Share this case anonymised"}</h1>
            <p class="body">{"Parent groups and advocates pool the cases of many families, counted the same way, to show how often a council is late. This makes a copy of this case for them with everything that names your child taken out. Your own case stays as it is."}</p>
            <SharePanel cases={shared} what={case_name(case).to_owned()} today={given.today} />
        </>
    }
}

/// The cases shared from the pools page: every case not archived.
pub fn shareable(cases: &[Case]) -> Vec<Case> {
    cases
        .iter()
        .filter(|case| !is_archived(case))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(dates: &[&str]) -> Case {
        let events: Vec<String> = dates
            .iter()
            .enumerate()
            .map(|(n, date)| {
                format!(r#"{{"id": "e-{n}", "kind": "request-received", "date": "{date}"}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"format": "ehc-timeline/1", "cases": [{{"id": "c-1", "events": [{}]}}]}}"#,
            events.join(",")
        );
        rules::read_case_file(text).unwrap().cases.remove(0)
    }

    #[test]
    fn the_milestones_kept_are_counted_with_their_first_and_last_days() {
        assert_eq!(
            milestones(&case(&["2025-03-03", "2025-01-06", "2026-02-28"])),
            "3 milestones, 6 January 2025 to 28 February 2026"
        );
        assert_eq!(
            milestones(&case(&["2025-01-06"])),
            "1 milestone, 6 January 2025"
        );
        assert_eq!(milestones(&case(&[])), "0 milestones");
    }
}
