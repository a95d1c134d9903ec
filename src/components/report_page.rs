//! The council report of the cases on this device ([`outputs::council_report`],
//! the very counts `ehc report` prints): for each council, time limit and
//! year a clock started, the clocks met on time, met late, still overdue and
//! excepted, the share met on time and how late the late ones were; beside
//! the final plan's 20 weeks, the published figures. Drawn as charts with
//! their tables, downloaded as CSV and printed on A4.

use std::rc::Rc;

use outputs::council_report::{
    Group, HOW_TO_READ, NATIONAL_NOTE, PUBLISHED_RULE, PublishedFigure, percent_text, weeks_late,
};
use outputs::{CouncilReport, CouncilTally, Evaluated, councils};
use rules::calendar::long_date;
use yew::prelude::*;

use super::report_charts::{clocks_words, share_bars, share_words, weeks_late_chart, weeks_words};
use super::report_source::use_case_source;
use crate::browser;
use crate::components::fields::SelectFieldProps;
use crate::components::{back_link, grouped, push_escaped, select_field, table_start};
use crate::export::file_name;
use crate::hooks::use_cases;
use crate::labels::counted;
use crate::route::View;

const ABOUT: &str = concat!(
    r#"<p class="body">For each council and time limit, how many deadlines of your cases were "#,
    "met on time, by the year the clock started.</p>",
    r#"<div class="inset-text"><p class="body">This counts the cases on this device the way the "#,
    "law counts deadlines, as the rest of the app does. It is not legal advice. A few cases cannot ",
    "show a pattern: a figure resting on fewer than 5 clocks says so, and is too few to compare.</p></div>"
);

/// The columns of a council's table.
const COLUMNS: [&str; 10] = [
    "Time limit",
    "Year",
    "Clocks",
    "Met on time",
    "Met late",
    "Still overdue",
    "Excepted",
    "Share met on time",
    "Median days late",
    "90th percentile days late",
];

#[component]
pub fn ReportPage() -> Html {
    let cases = use_cases();
    let council = use_state_eq(Option::<String>::default);
    let source = use_case_source(cases.today);
    let (evaluated, reading) = source.evaluated(&cases);
    let report = Rc::new(report_of(
        chosen(&evaluated, council.as_deref()),
        cases.today,
    ));
    let download = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            let name = file_name("council report", report.today, "csv");
            let _ = browser::download(&name, "text/csv", &report.to_csv());
        })
    };
    let on_council = {
        let council = council.clone();
        Callback::from(move |value: String| council.set((!value.is_empty()).then_some(value)))
    };
    let select = select_field(&SelectFieldProps {
        id: "report-council".into(),
        label: "Council".into(),
        hint: None,
        options: councils(&evaluated)
            .into_iter()
            .map(|name| (name.to_owned().into(), name.to_owned().into()))
            .collect(),
        placeholder: Some("Every council".into()),
        value: council.as_deref().unwrap_or_default().to_owned().into(),
        error: None,
        on_change: on_council,
    });
    let cases_select = source.select("report-cases", "Cases counted", {
        let council = council.clone();
        Callback::from(move |()| council.set(None))
    });
    html! {
        <>
            <div class="no-print">{ back_link(&View::Cases, "your cases") }</div>
            <h1 class="heading-xl" tabindex="-1">{"Council report"}</h1>
            { Html::from_html_unchecked(ABOUT.into()) }
            <div class="no-print">{cases_select}{select}</div>
            if let Some(reading) = reading {
                <p class="body">{reading}</p>
            }
            <p class="body" role="status">
                {format!("Counted from {} on {}.", counted(report.cases as usize, "case", "cases"), long_date(report.today))}
            </p>
            <div class="button-group no-print">
                <button type="button" class="button button--secondary" onclick={download}>
                    {"Download as spreadsheet (CSV)"}
                </button>
                <button type="button" class="button button--secondary" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                    {"Print"}
                </button>
            </div>
            { Html::from_html_unchecked(councils_html(&report).into()) }
        </>
    }
}

/// The cases the report counts: those not archived, or of them those of
/// `council`.
fn chosen<'c, 'a>(
    cases: &'c [Evaluated<'a>],
    council: Option<&'c str>,
) -> impl Iterator<Item = &'c Evaluated<'a>> {
    cases.iter().filter(move |Evaluated { case, .. }| {
        council
            .is_none_or(|council| case.local_authority.as_deref().map(str::trim) == Some(council))
    })
}

/// The council report of `cases` on `today`.
fn report_of<'c, 'a: 'c>(
    cases: impl Iterator<Item = &'c Evaluated<'a>>,
    today: chrono::NaiveDate,
) -> CouncilReport {
    let mut tally = CouncilTally::default();
    for Evaluated { case, evaluation } in cases {
        tally.add(case, evaluation);
    }
    tally.report(today)
}

/// Every council's section, then how the figures are counted, as HTML text.
fn councils_html(report: &CouncilReport) -> String {
    let mut html = String::new();
    if report.groups.is_empty() {
        html.push_str(r#"<p class="body">No deadline of these cases has been met, missed or excepted yet.</p>"#);
    }
    for (at, groups) in report
        .groups
        .chunk_by(|a, b| a.council == b.council)
        .enumerate()
    {
        council_section(&mut html, &format!("report-{at}"), groups);
    }
    html.push_str(
        r#"<h2 class="heading-m">How these figures are counted</h2><ul class="list list--bullet">"#,
    );
    for line in HOW_TO_READ.lines() {
        html.push_str("<li>");
        push_escaped(&mut html, line);
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// One council's section: its bars, its table, the published figures beside
/// the final plan's, and the histogram of how late with its table.
fn council_section(html: &mut String, id: &str, groups: &[Group]) {
    let name = groups[0]
        .council
        .as_deref()
        .unwrap_or("Council not recorded");
    html.push_str(r#"<section class="report__council"><h2 class="heading-l">"#);
    push_escaped(html, name);
    html.push_str("</h2>");
    figure(
        html,
        &share_bars(&format!("{id}-bars"), name, groups),
        "The share of clocks met on time, for each time limit and the year its clocks started. A dashed bar rests on fewer than 5 clocks. The same figures are in the table below.",
    );
    groups_table(html, name, groups);
    published_table(html, name, groups);

    html.push_str(r#"<h3 class="heading-m">How late the late clocks were</h3>"#);
    let bins = weeks_late(
        groups
            .iter()
            .flat_map(|group| group.days_late.iter().copied()),
    );
    if bins.is_empty() {
        html.push_str(r#"<p class="body">No clock was met late or is overdue.</p>"#);
    } else {
        figure(
            html,
            &weeks_late_chart(&format!("{id}-weeks"), name, &bins),
            "The clocks met late or still overdue, of every time limit and year, by how many weeks late they were: 1 to 7 days late is 1 week. The same figures are in the table below.",
        );
        html.push_str(&table_start(
            "table",
            "table__caption",
            &format!("Weeks late at {name}"),
            ["Weeks late", "Clocks"],
        ));
        for bin in &bins {
            row(
                html,
                &[&weeks_words(bin), &bin.clocks.to_string()],
                &["Weeks late", "Clocks"],
            );
        }
        html.push_str("</tbody></table>");
    }
    html.push_str("</section>");
}

/// A figure of `svg` with its caption.
fn figure(html: &mut String, svg: &str, caption: &str) {
    html.push_str(r#"<figure class="report__figure">"#);
    html.push_str(svg);
    html.push_str(r#"<figcaption class="body">"#);
    html.push_str(caption);
    html.push_str("</figcaption></figure>");
}

/// The table of one council's groups: every figure of the report.
fn groups_table(html: &mut String, name: &str, groups: &[Group]) {
    html.push_str(&table_start(
        "table",
        "table__caption",
        &format!("Time limits at {name}, by the year the clock started"),
        COLUMNS,
    ));
    let days = |days: Option<i64>| days.map_or_else(|| "None late".to_owned(), |d| d.to_string());
    for group in groups {
        let share = share_words(group);
        row(
            html,
            &[
                group.title,
                &group.year.to_string(),
                &group.clocks.to_string(),
                &group.met.to_string(),
                &group.met_late.to_string(),
                &group.overdue.to_string(),
                &group.excepted.to_string(),
                &share,
                &days(group.median_days_late),
                &days(group.p90_days_late),
            ],
            &COLUMNS,
        );
    }
    html.push_str("</tbody></table>");
}

/// Beside each year's final plans, England's published figure and the
/// council's own, with where they were published; nothing when the council
/// has no final plan counted.
fn published_table(html: &mut String, name: &str, groups: &[Group]) {
    let finals: Vec<&Group> = groups
        .iter()
        .filter(|group| group.rule == PUBLISHED_RULE)
        .collect();
    if finals.is_empty() {
        return;
    }
    let columns = ["Year", "These cases", "England", "This council"];
    html.push_str(&table_start(
        "table",
        "table__caption",
        &format!("Final plans within 20 weeks at {name}, beside the published figures"),
        columns,
    ));
    let published = |figure: Option<PublishedFigure>| {
        figure.map_or_else(
            || "Not published".to_owned(),
            |figure| {
                format!(
                    "{} of {} plans",
                    percent_text(figure.percent),
                    grouped(figure.plans as usize)
                )
            },
        )
    };
    let mut releases = Vec::new();
    for group in &finals {
        let here = group.percent_met_on_time.map_or_else(
            || "No figure".to_owned(),
            |percent| {
                format!(
                    "{} of {}",
                    percent_text(percent),
                    clocks_words(group.clocks)
                )
            },
        );
        row(
            html,
            &[
                &group.year.to_string(),
                &here,
                &published(group.england_within_20_weeks),
                &published(group.council_within_20_weeks),
            ],
            &columns,
        );
        for figure in [group.england_within_20_weeks, group.council_within_20_weeks]
            .into_iter()
            .flatten()
        {
            if !releases.contains(&figure.release) {
                releases.push(figure.release);
            }
        }
    }
    html.push_str("</tbody></table>");
    for line in NATIONAL_NOTE.lines() {
        html.push_str(r#"<p class="body">"#);
        push_escaped(html, line);
        html.push_str("</p>");
    }
    for release in releases {
        html.push_str(
            r#"<p class="body">Source: Department for Education, <a class="link" href=""#,
        );
        html.push_str(release.url);
        html.push_str(r#"">"#);
        html.push_str(release.title);
        html.push_str(&format!(
            "</a>, published {}. {}.</p>",
            long_date(release.released),
            release.licence
        ));
    }
}

/// A row of `cells` (text), each labelled by its column for a narrow screen;
/// the first is the row's heading.
fn row(html: &mut String, cells: &[&str], columns: &[&str]) {
    html.push_str("<tr>");
    for (at, (cell, column)) in cells.iter().zip(columns).enumerate() {
        let tag = if at == 0 { r#"th scope="row""# } else { "td" };
        html.push_str(&format!(r#"<{tag} data-label="{column}">"#));
        push_escaped(html, cell);
        html.push_str(if at == 0 { "</th>" } else { "</td>" });
    }
    html.push_str("</tr>");
}
