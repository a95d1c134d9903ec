//! The council report as a plain table a journalist can read, and as CSV for
//! a spreadsheet: the same groups and figures as the JSON, in words.

use rules::calendar::long_date;

use super::{CouncilReport, FEW_CLOCKS, Group, PublishedFigure, RELEASE_2022, RELEASE_2025};
use crate::spreadsheet::push_row;

/// The columns of both the text table and the CSV.
const COLUMNS: [&str; 15] = [
    "Council",
    "Time limit",
    "Rule id",
    "Year",
    "Clocks",
    "Met",
    "Met late",
    "Overdue",
    "Excepted",
    "Met on time",
    "Median days late",
    "90th percentile days late",
    "England within 20 weeks (DfE)",
    "Council within 20 weeks (DfE)",
    "Note",
];

/// How the figures are counted, a sentence a line: said under the table,
/// and on the app's page.
pub const HOW_TO_READ: &str = "A clock is one time limit of one case, counted in the year the event that started it happened.
Only time limits on the council, and on the bodies it answers for, are counted: the family's own windows (to comment on a draft plan or on proposed changes, to contact a mediation adviser, to appeal, to complain to the Ombudsman) are left out, as they are not the council's to meet.
\"Met late\" includes final plans issued before the family's 15 days to comment had passed.
\"Met on time\" is met / (met + met late + overdue): excepted clocks are left out, as the Department for Education leaves out exceptions.
Days late: for a clock met late, from the due date to the day it was done; for one still overdue, from the due date to the day of the report (late so far).
The median and the 90th percentile are of those clocks only, by nearest rank.
Clocks not yet due and time limits that do not apply are not counted.";

/// What the published figures measure, and how that differs from the
/// report's count, a sentence a line.
pub const NATIONAL_NOTE: &str = "England and council figures: the share of new EHC plans issued within 20 weeks, excluding exceptions, in that calendar year, published by the Department for Education.
It counts plans by the year they were issued; this report counts clocks by the year the request was received, and counts plans still overdue.";

impl CouncilReport {
    /// The report as aligned plain text, a table per council.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Council report on {}: {} {}\n",
            long_date(self.today),
            self.cases,
            if self.cases == 1 { "case" } else { "cases" }
        );
        let mut rows: Vec<Vec<String>> = Vec::new();
        let flush = |rows: &mut Vec<Vec<String>>, out: &mut String| {
            if !rows.is_empty() {
                out.push_str(&table(&COLUMNS[1..], rows));
                rows.clear();
            }
        };
        let mut council: Option<Option<&str>> = None;
        for group in &self.groups {
            if council != Some(group.council.as_deref()) {
                flush(&mut rows, &mut out);
                council = Some(group.council.as_deref());
                out.push_str(&format!("\n{}\n", council_name(group)));
            }
            rows.push(fields(group)[1..].to_vec());
        }
        flush(&mut rows, &mut out);
        if self.groups.is_empty() {
            out.push_str("\nNo clock has an outcome yet on this day.\n");
        }
        out.push_str(&format!("\n{HOW_TO_READ}\n\n{NATIONAL_NOTE}\n"));
        for release in [&RELEASE_2025, &RELEASE_2022] {
            out.push_str(&format!(
                "- {}, published {}, file {}: {} ({}).\n",
                release.title,
                long_date(release.released),
                release.file,
                release.url,
                release.licence
            ));
        }
        out
    }

    /// The report as CSV, one row per group: UTF-8 with a byte order mark,
    /// quoted and made safe as the deadlines spreadsheet is.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let mut header = COLUMNS.to_vec();
        header.push("Source of the published figures");
        push_row(&mut out, &header);
        for group in &self.groups {
            let mut row = fields(group);
            row.push(sources(group));
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            push_row(&mut out, &row);
        }
        out
    }
}

fn council_name(group: &Group) -> &str {
    group.council.as_deref().unwrap_or("Council not recorded")
}

/// One group's cells, in the order of `COLUMNS`.
fn fields(group: &Group) -> Vec<String> {
    let days = |days: Option<i64>| days.map(|d| d.to_string()).unwrap_or_default();
    vec![
        council_name(group).to_owned(),
        group.title.to_owned(),
        group.rule.to_owned(),
        group.year.to_string(),
        group.clocks.to_string(),
        group.met.to_string(),
        group.met_late.to_string(),
        group.overdue.to_string(),
        group.excepted.to_string(),
        group
            .percent_met_on_time
            .map(percent_text)
            .unwrap_or_default(),
        days(group.median_days_late),
        days(group.p90_days_late),
        percent(group.england_within_20_weeks),
        percent(group.council_within_20_weeks),
        if group.few_clocks {
            format!("fewer than {FEW_CLOCKS} clocks")
        } else {
            String::new()
        },
    ]
}

fn percent(figure: Option<PublishedFigure>) -> String {
    figure
        .map(|figure| percent_text(figure.percent))
        .unwrap_or_default()
}

/// A percentage as the report writes it: "46.4%". Every percentage of the
/// report has one decimal place, so it is written from its whole tenths, as
/// `{:.1}` would write it, without the float formatter in the app.
pub fn percent_text(percent: f64) -> String {
    let tenths = (percent * 10.0).round() as i64;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// Where the group's published figures come from: each release's address.
fn sources(group: &Group) -> String {
    let mut urls: Vec<&str> = [group.england_within_20_weeks, group.council_within_20_weeks]
        .into_iter()
        .flatten()
        .map(|figure| figure.release.url)
        .collect();
    urls.dedup();
    urls.join(" ")
}

/// `rows` under `header`, each column as wide as its widest cell, numbers
/// (every column from the year on) to the right, text to the left.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].chars().count())
            .chain([header[column].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let numbers = 2..header.len() - 1;
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<String> = cells
            .enumerate()
            .map(|(column, cell)| match numbers.contains(&column) {
                true => format!("{cell:>width$}", width = widths[column]),
                false => format!("{cell:<width$}", width = widths[column]),
            })
            .collect();
        format!("  {}\n", cells.join("  ").trim_end())
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}
