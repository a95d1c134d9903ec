//! The picture of a case: one row per deadline, grouped by stage, a bar from
//! the day its clock started to its due date, the time past the due date
//! hatched as well as coloured and said in words ("Met 39 days late"), the
//! day it was done marked, a line for today and a tick for each month.
//!
//! Written as SVG text, as the chronology's tables are written as HTML text:
//! the case page and the printed chronology put the same picture in the page
//! at once. Days map to a fixed width ([`DAY_WIDTH`]), so a long case scrolls
//! sideways on a phone instead of shrinking its words; printed, the picture
//! is scaled to the page through its `viewBox`. Each row is a link (`link`
//! then N, N the deadline's place in the evaluation) to the deadline's card,
//! with the row's words as its name.

use chrono::{Datelike, NaiveDate};
use rules::{Deadline, Status, calendar::long_date, case_file::Stage};

use crate::chronology::deadline_title;
use crate::markup::push_escaped;

/// Pixels a day.
pub const DAY_WIDTH: i64 = 2;
/// The height of a deadline's row: its words above its bar.
const ROW: i64 = 40;
/// The height of a stage's heading.
const HEADING: i64 = 30;
/// Room above the rows for the month ticks and today's label.
const TOP: i64 = 50;
/// Room to the right of the latest day for the words of a row.
const WORDS: i64 = 360;

/// The picture of `deadlines` from the one at `first` on `today` (a case of
/// thousands shows its latest, as its cards do), or nothing when none has a
/// clock running (every one not applicable). `words` says a deadline's
/// status as its tag does ("Overdue by 12 days"); each row links to `link`
/// and its deadline's place in `deadlines`.
pub fn case_picture(
    (deadlines, first): (&[Deadline], usize),
    today: NaiveDate,
    words: impl Fn(&Deadline) -> String,
    link: &str,
) -> Option<String> {
    let shown: Vec<(usize, &Deadline)> = deadlines
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, deadline)| deadline.status != Status::NotApplicable)
        .collect();
    let earliest = shown.iter().map(|(_, d)| d.trigger.date).min()?;
    let last = shown
        .iter()
        .flat_map(|(_, d)| [d.due, d.done.as_ref().map_or(d.due, |done| done.date)])
        .chain([today])
        .max()?;
    let scale = Scale {
        start: earliest.with_day(1).unwrap_or(earliest),
    };
    let width = scale.x(last) + WORDS;
    let stages: Vec<(Stage, Vec<(usize, &Deadline)>)> = Stage::ALL
        .iter()
        .map(|&stage| {
            let mut rows: Vec<_> = shown
                .iter()
                .filter(|(_, d)| d.rule.stage == stage)
                .copied()
                .collect();
            // The project's one sort: stable, so deadlines of one day keep
            // the engine's order.
            rules::date_order::sort_by_date(&mut rows, |(_, d)| (d.trigger.date, d.due));
            (stage, rows)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    let height = TOP
        + stages
            .iter()
            .map(|(_, rows)| HEADING + ROW * rows.len() as i64)
            .sum::<i64>()
        + 8;

    let mut svg = format!(
        r#"<svg class="picture" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="group" aria-labelledby="picture-title"><title id="picture-title">Picture of the deadlines</title>{PATTERN}"#
    );
    months(&mut svg, &scale, last, height);
    // Under the rows, so their words are written over it.
    let x = scale.x(today);
    svg.push_str(&format!(
        r#"<line class="picture__today" x1="{x}" y1="28" x2="{x}" y2="{height}"/><text class="picture__today-label" x="{}" y="40">Today, {}</text>"#,
        x + 4,
        long_date(today)
    ));
    let mut y = TOP;
    for (stage, rows) in &stages {
        svg.push_str(&format!(
            r#"<text class="picture__stage" x="4" y="{}">"#,
            y + 20
        ));
        push_escaped(&mut svg, stage.label());
        svg.push_str("</text>");
        y += HEADING;
        for (index, deadline) in rows {
            row(
                &mut svg,
                &scale,
                (&format!("{link}{index}"), deadline),
                &words(deadline),
                today,
                y,
            );
            y += ROW;
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The hatching of the time past a due date: a pattern as well as a colour,
/// for whoever cannot tell the colours apart, and in black and white print.
const PATTERN: &str = concat!(
    r#"<defs><pattern id="picture-late" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
    r##"<rect width="6" height="6" fill="#f6d7d2"/><rect width="3" height="6" fill="#d4351c"/></pattern></defs>"##
);

/// Where a day falls across the picture.
struct Scale {
    /// The first day of the month of the earliest clock.
    start: NaiveDate,
}

impl Scale {
    fn x(&self, day: NaiveDate) -> i64 {
        (day - self.start).num_days() * DAY_WIDTH + 4
    }
}

/// A tick and its month's name for each month to `last`; the year under
/// each January and under the first month.
fn months(svg: &mut String, scale: &Scale, last: NaiveDate, height: i64) {
    let mut month = scale.start;
    let mut first = true;
    while month <= last {
        let x = scale.x(month);
        svg.push_str(&format!(
            r#"<line class="picture__tick" x1="{x}" y1="28" x2="{x}" y2="{height}"/><text class="picture__month" x="{}" y="12">{}</text>"#,
            x + 3,
            MONTHS[month.month0() as usize]
        ));
        if first || month.month() == 1 {
            svg.push_str(&format!(
                r#"<text class="picture__month" x="{}" y="24">{}</text>"#,
                x + 3,
                month.year()
            ));
        }
        first = false;
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One deadline: a link holding its words and its bars.
/// `status` says the deadline's status in words; `today` ends the time
/// past the due date of one overdue.
fn row(
    svg: &mut String,
    scale: &Scale,
    (link, deadline): (&str, &Deadline),
    status: &str,
    today: NaiveDate,
    y: i64,
) {
    let title = deadline_title(deadline);
    let (start, due) = (scale.x(deadline.trigger.date), scale.x(deadline.due));
    let done = deadline.done.as_ref().map(|done| done.date);
    let mut name = format!("{title}: {status}. Due {}", long_date(deadline.due));
    if let Some(done) = done {
        name.push_str(&format!(", done {}", long_date(done)));
    }
    svg.push_str(&format!(
        r#"<a class="picture__row picture__row--{}" href=""#,
        status_class(deadline.status)
    ));
    push_escaped(svg, link);
    svg.push_str(r#"" aria-label=""#);
    push_escaped(svg, &name);
    svg.push_str(&format!(r#""><text x="{start}" y="{}">"#, y + 14));
    push_escaped(svg, &title);
    svg.push_str(" \u{2014} ");
    push_escaped(svg, status);
    let bar = y + 20;
    svg.push_str(&format!(
        r#"</text><rect class="picture__allowed" x="{start}" y="{bar}" width="{}" height="12"/>"#,
        (due - start).max(2)
    ));
    // Past the due date: to the day it was done, or to today while overdue.
    let late_to = match deadline.status {
        Status::MetLate => done,
        Status::Overdue => Some(today),
        _ => None,
    };
    if let Some(late_to) = late_to {
        svg.push_str(&format!(
            r#"<rect class="picture__late" x="{due}" y="{bar}" width="{}" height="12" fill="url(#picture-late)"/>"#,
            (scale.x(late_to) - due).max(2)
        ));
    }
    if let Some(done) = done {
        let x = scale.x(done);
        svg.push_str(&format!(
            r#"<path class="picture__done" d="M{x} {} l6 8 l-6 8 l-6 -8 z"/>"#,
            bar - 2
        ));
    }
    svg.push_str("</a>");
}

/// The class of a row's status, which the stylesheet colours.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::MetLate | Status::Overdue | Status::TooEarly => "late",
        Status::DueSoon | Status::Pending => "open",
        Status::Excepted | Status::NotApplicable => "excepted",
    }
}
