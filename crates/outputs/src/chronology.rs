//! The chronology of a case, as a complaint needs it: every event in date
//! order, numbered, in neutral words; then the deadlines the council missed
//! and those it met late, each with its regulation.

use chrono::NaiveDate;
use rules::{
    Case, Deadline, Evaluation, Event, Status,
    calendar::{long_date, month_name},
    case_file::{Document, When},
    rule::Actor,
};

use crate::recorded;

/// A name's first letter as a capital: ASCII letters and the accented letters
/// of Latin-1 ("élodie" gives "É"); any other letter stays as typed. Unicode's
/// full case tables would add about 17 KB (gzip) to every load of the app for
/// this one use.
fn initial(letter: char) -> char {
    match letter {
        'à'..='þ' if letter != '÷' => char::from_u32(u32::from(letter) - 0x20).unwrap_or(letter),
        _ => letter.to_ascii_uppercase(),
    }
}

/// "20 February 2025"; "March 2024 (approximate)"; "2023 (approximate)".
pub fn written_when(when: &When) -> String {
    match when {
        When::Date(date) => long_date(*date),
        When::Approx(approx) => match approx.month {
            Some(month) => format!("{} {} (approximate)", month_name(month), approx.year),
            None => format!("{} (approximate)", approx.year),
        },
    }
}

/// The events of `case` in date order; an approximate date sorts at the start
/// of its month or year, and events of one day keep the order they were logged.
pub fn in_date_order(case: &Case) -> Vec<&Event> {
    let mut events: Vec<&Event> = case.events.iter().collect();
    rules::date_order::sort_by_date(&mut events, |event| (sort_day(event), sort_day(event)));
    events
}

/// The day an event sorts on: its date, or the first day its approximate date can be.
fn sort_day(event: &Event) -> NaiveDate {
    match event.when {
        When::Date(date) => date,
        When::Approx(approx) => approx.earliest(),
    }
}

/// How the child is named on the printed page: some families would rather a
/// chronology that leaves the house carries initials only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameShown {
    /// The name exactly as the family recorded it.
    #[default]
    AsRecorded,
    /// Each word's first letter: "Jane Smith" is "J. S.".
    Initials,
}

impl NameShown {
    /// "Jane Smith" as recorded, or "J. S.".
    pub fn apply(self, name: &str) -> String {
        match self {
            NameShown::AsRecorded => name.trim().to_owned(),
            NameShown::Initials => {
                let mut initials = String::new();
                for word in name.split(|c: char| c.is_whitespace() || c == '.' || c == '-') {
                    if let Some(letter) = word.chars().next() {
                        if !initials.is_empty() {
                            initials.push(' ');
                        }
                        initials.push(initial(letter));
                        initials.push('.');
                    }
                }
                initials
            }
        }
    }
}

/// One numbered row of the events table; an empty string where nothing was recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// 1 for the earliest event, so a letter can refer to "event 4".
    pub number: usize,
    /// "6 January 2025" or "March 2025 (approximate)".
    pub date: String,
    /// The event kind's label, with who was asked for advice or which school
    /// was consulted: "Council asked for advice (Educational psychologist)".
    pub what: String,
    /// Who was involved, as recorded.
    pub who: String,
    /// The letter, email or report that shows it happened, as recorded,
    /// then the files kept with the event, each with its number in the
    /// evidence bundle: "EP report; [3] ep-report.pdf".
    pub document: String,
    /// The family's own note.
    pub note: String,
}

/// One row of a table of deadlines missed or met late.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineRow {
    /// "Advice for the assessment (Educational psychologist)".
    pub what: String,
    /// "7 April 2025".
    pub due: String,
    /// The date it was done, or "Not yet".
    pub done: String,
    /// "23 days (3 weeks 2 days)".
    pub late: String,
    /// The regulation or guidance that sets the time limit.
    pub citation: String,
}

/// Everything the printed chronology of one case shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chronology {
    /// The child's name or initials, as chosen; "Case c-1" when no name was recorded.
    pub child: String,
    /// The council, when recorded.
    pub council: Option<String>,
    /// The council's case reference, when recorded.
    pub reference: Option<String>,
    /// "Prepared on 22 November 2026".
    pub prepared: String,
    /// Every event, numbered in date order.
    pub events: Vec<EventRow>,
    /// Deadlines of the council (or of those it asked) that have passed undone.
    pub missed: Vec<DeadlineRow>,
    /// Deadlines of the council (or of those it asked) that were met after the due date.
    pub met_late: Vec<DeadlineRow>,
}

impl Chronology {
    /// The chronology of `case` as `evaluation` saw it, prepared on the
    /// evaluation's day (so the page and its deadlines speak of the same day).
    /// Its documents are numbered as the bundle's first order has them
    /// ([`bundle_order`]).
    pub fn new(case: &Case, evaluation: &Evaluation, name: NameShown) -> Chronology {
        let order: Vec<&str> = bundle_order(case)
            .iter()
            .map(|(_, d)| d.id.as_str())
            .collect();
        Chronology::numbered(case, evaluation, name, &order)
    }

    /// The chronology inside a bundle whose documents are `order` (their
    /// ids): each numbered by its place there; one left out of the bundle
    /// is named without a number.
    pub fn numbered<S: AsRef<str>>(
        case: &Case,
        evaluation: &Evaluation,
        name: NameShown,
        order: &[S],
    ) -> Chronology {
        let number = |id: &str| order.iter().position(|o| o.as_ref() == id).map(|n| n + 1);
        let documents = |event: &Event| {
            let recorded = event.document.iter().map(String::clone);
            let kept = event.documents.iter().map(|d| match number(&d.id) {
                Some(n) => format!("[{n}] {}", d.name),
                None => d.name.clone(),
            });
            recorded.chain(kept).collect::<Vec<_>>().join("; ")
        };
        let events = in_date_order(case)
            .into_iter()
            .enumerate()
            .map(|(index, event)| EventRow {
                number: index + 1,
                date: written_when(&event.when),
                what: event_what(event),
                who: event.who.clone().unwrap_or_default(),
                document: documents(event),
                note: event.note.clone().unwrap_or_default(),
            })
            .collect();
        Chronology {
            child: child_named(case, name),
            council: recorded(&case.local_authority).map(str::to_owned),
            reference: recorded(&case.reference).map(str::to_owned),
            prepared: format!("Prepared on {}", long_date(evaluation.today)),
            events,
            missed: rows(evaluation, Status::Overdue),
            met_late: rows(evaluation, Status::MetLate),
        }
    }

    /// The chronology as plain text, for `ehc chronology`.
    pub fn to_text(&self) -> String {
        let mut lines = vec![format!("Chronology: {}", self.child)];
        for (label, value) in [("Council", &self.council), ("Reference", &self.reference)] {
            if let Some(value) = value {
                lines.push(format!("{label}: {value}"));
            }
        }
        lines.push(self.prepared.clone());
        lines.push(String::new());
        lines.push("Events".to_owned());
        if self.events.is_empty() {
            lines.push("  No events recorded.".to_owned());
        }
        for row in &self.events {
            lines.push(format!("  {}. {}: {}", row.number, row.date, row.what));
            for (label, value) in [
                ("Who", &row.who),
                ("Document", &row.document),
                ("Note", &row.note),
            ] {
                if !value.is_empty() {
                    lines.push(format!("     {label}: {value}"));
                }
            }
        }
        for (title, rows) in [
            ("Deadlines missed", &self.missed),
            ("Deadlines met late", &self.met_late),
        ] {
            lines.push(String::new());
            lines.push(title.to_owned());
            if rows.is_empty() {
                lines.push("  None.".to_owned());
            }
            for row in rows {
                lines.push(format!(
                    "  {}: due {}; done: {}; late by {} ({})",
                    row.what, row.due, row.done, row.late, row.citation
                ));
            }
        }
        lines.join("\n")
    }
}

/// What happened, with who was asked for advice or which school was
/// consulted: "Council asked for advice (Educational psychologist)".
pub fn event_what(event: &Event) -> String {
    match event.subject() {
        Some(subject) => format!("{} ({subject})", event.kind.label()),
        None => event.kind.label().to_owned(),
    }
}

/// The documents kept with `case`'s events in the evidence bundle's first
/// order: evidence in date order, as the Tribunal's practice direction asks
/// (by their event's date, as the chronology numbers events), then as the
/// event lists them.
pub fn bundle_order(case: &Case) -> Vec<(&Event, &Document)> {
    in_date_order(case)
        .into_iter()
        .flat_map(|event| {
            event
                .documents
                .iter()
                .map(move |document| (event, document))
        })
        .collect()
}

/// The child's name as `name` shows it, or "Case c-1" when none was recorded.
pub(crate) fn child_named(case: &Case, name: NameShown) -> String {
    recorded(&case.child)
        .map(|child| name.apply(child))
        .unwrap_or_else(|| format!("Case {}", case.id))
}

/// The deadlines with `status` that someone other than the family had to
/// meet: a family's own window closing is not the council's failure.
pub fn owed_by_council<'e, 'a>(
    evaluation: &'e Evaluation<'a>,
    status: Status,
) -> impl Iterator<Item = &'e Deadline<'a>> {
    evaluation
        .deadlines
        .iter()
        .filter(move |deadline| deadline.status == status && council_answers_for(deadline))
}

/// Whether the council must answer for `deadline`: a limit on it or on a
/// body it answers for, not a family's own window (to appeal, to complain).
pub fn council_answers_for(deadline: &Deadline) -> bool {
    deadline.actor != Actor::Parent
}

fn rows(evaluation: &Evaluation, status: Status) -> Vec<DeadlineRow> {
    owed_by_council(evaluation, status)
        .map(deadline_row)
        .collect()
}

fn deadline_row(deadline: &Deadline) -> DeadlineRow {
    DeadlineRow {
        what: deadline_title(deadline),
        due: long_date(deadline.due),
        done: deadline
            .done
            .as_ref()
            .map(|done| long_date(done.date))
            .unwrap_or_else(|| "Not yet".to_owned()),
        late: days_and_weeks(deadline.days_late),
        citation: deadline.citation.to_owned(),
    }
}

/// "Decision whether to assess"; "Advice for the assessment (Educational
/// psychologist)" when the rule applies to one of several.
pub fn deadline_title(deadline: &Deadline) -> String {
    match &deadline.subject {
        Some(subject) => format!("{} ({subject})", deadline.rule.title),
        None => deadline.rule.title.to_owned(),
    }
}

/// "1 day"; "23 days (3 weeks 2 days)"; "14 days (2 weeks)".
pub fn days_and_weeks(days: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let (weeks, rest) = (days / 7, days % 7);
    match (weeks, rest) {
        (0, _) => plural(days, "day"),
        (_, 0) => format!("{} ({})", plural(days, "day"), plural(weeks, "week")),
        _ => format!(
            "{} ({} {})",
            plural(days, "day"),
            plural(weeks, "week"),
            plural(rest, "day")
        ),
    }
}
