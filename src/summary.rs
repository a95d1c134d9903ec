//! A case in one line of the case list: its next deadline and how many are
//! overdue, read from the engine's evaluation (the app never counts dates).
//!
//! Each stored record carries this line ([`Summary`]) beside its case, with
//! the days it stays true, so a start-up lists the cases without evaluating
//! them: 10,000 cases took over a second to evaluate.

use std::cmp::Reverse;

use chrono::{Days, NaiveDate};
use rules::case_file::json::{Value, Writer};
use rules::case_file::parse_iso_date;
use rules::{Case, Deadline, Evaluation, Status, deadline::Limit, evaluate};

use crate::state::{Entry, State};

/// The build of the engine (and of this summary of its evaluation), from
/// `build.rs`: a summary another build worked out is never trusted.
pub const ENGINE: &str = env!("EHC_ENGINE");

/// What the case list shows of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// How many deadlines are overdue.
    pub overdue: usize,
    /// The next deadline still to be met: its due date and its rule's title.
    pub next: Option<(NaiveDate, String)>,
}

/// What the case list shows of a case, worked out on one day and true on
/// each day from it to `fresh_until`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub listed: Listed,
    pub worked_out: NaiveDate,
    pub fresh_until: NaiveDate,
}

impl Summary {
    /// The summary of `evaluation`, worked out on its day.
    pub fn of(evaluation: &Evaluation) -> Summary {
        Summary {
            listed: Listed {
                overdue: overdue_count(evaluation),
                next: next_deadline(evaluation).map(|d| (d.due, d.rule.title.to_owned())),
            },
            worked_out: evaluation.today,
            fresh_until: fresh_until(evaluation),
        }
    }

    /// The summary of `case` on `today`.
    pub fn on(case: &Case, today: NaiveDate) -> Summary {
        Summary::of(&evaluate(case, today))
    }

    /// Whether the summary holds on `today`.
    pub fn fresh_on(&self, today: NaiveDate) -> bool {
        (self.worked_out..=self.fresh_until).contains(&today)
    }

    /// Writes the summary as the value of a record's field, with [`ENGINE`].
    pub fn write(&self, writer: &mut Writer) {
        writer.open('{');
        writer.key("engine");
        writer.string(ENGINE);
        writer.key("on");
        writer.string(&self.worked_out.to_string());
        writer.key("until");
        writer.string(&self.fresh_until.to_string());
        writer.key("overdue");
        writer.raw(&self.listed.overdue.to_string());
        if let Some((due, rule)) = &self.listed.next {
            writer.key("due");
            writer.string(&due.to_string());
            writer.key("rule");
            writer.string(rule);
        }
        writer.close('}');
    }

    /// The summary [`Summary::write`] wrote, if this build wrote it and it
    /// reads as one: any other is ignored, and the case evaluated instead.
    pub fn read(value: &Value) -> Option<Summary> {
        let text = |key| value.get(key)?.as_str();
        let date = |key| parse_iso_date(text(key)?).ok();
        if text("engine")? != ENGINE {
            return None;
        }
        let next = match (date("due"), text("rule")) {
            (Some(due), Some(rule)) => Some((due, rule.to_owned())),
            (None, None) => None,
            _ => return None,
        };
        Some(Summary {
            listed: Listed {
                overdue: usize::try_from(value.get("overdue")?.as_u64()?).ok()?,
                next,
            },
            worked_out: date("on")?,
            fresh_until: date("until")?,
        })
    }
}

/// The last day on which every deadline of `evaluation` keeps the status it
/// has on the evaluation's day, as the engine settles a status: a deadline not
/// yet done changes from pending to due soon 13 days before it is due, to
/// overdue the day after; a "not before" limit is met on its day. Every other
/// status (done, excepted, not applicable, overdue) stays whatever the day.
/// New deadlines (the Ombudsman's windows) only come with a change to overdue.
pub fn fresh_until(evaluation: &Evaluation) -> NaiveDate {
    evaluation
        .deadlines
        .iter()
        .filter_map(|d| match (d.limit, d.status) {
            (Limit::By, Status::Pending) => d.due.checked_sub_days(Days::new(14)),
            (Limit::By, Status::DueSoon) => Some(d.due),
            (Limit::NotBefore, Status::Pending) => d.due.pred_opt(),
            _ => None,
        })
        .min()
        .unwrap_or(NaiveDate::MAX)
        .max(evaluation.today)
        .min(LAST_DAY)
}

/// The last day a summary is written to hold: four-digit years, as a case
/// file's dates.
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date");

/// How the case list is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Most overdue deadlines first, then the nearest next deadline.
    #[default]
    MostUrgent,
    Name,
}

impl SortBy {
    pub fn id(self) -> &'static str {
        match self {
            SortBy::MostUrgent => "urgent",
            SortBy::Name => "name",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::MostUrgent => "Most urgent",
            SortBy::Name => "Name",
        }
    }

    pub fn from_id(id: &str) -> SortBy {
        match id {
            "name" => SortBy::Name,
            _ => SortBy::MostUrgent,
        }
    }
}

/// The next deadline still to be met: the first open "by" limit not yet passed.
pub fn next_deadline<'e, 'a>(evaluation: &'e Evaluation<'a>) -> Option<&'e Deadline<'a>> {
    evaluation
        .deadlines
        .iter()
        .filter(|d| d.limit == Limit::By && matches!(d.status, Status::DueSoon | Status::Pending))
        .min_by_key(|d| d.due)
}

/// How many deadlines are overdue.
pub fn overdue_count(evaluation: &Evaluation) -> usize {
    evaluation
        .deadlines
        .iter()
        .filter(|d| d.status == Status::Overdue)
        .count()
}

/// The cases to list, archived ones only when asked, in the order asked.
/// Each case's place is worked out once, not at every comparison: sorting a
/// portfolio of 1,000 cases then takes about 1 ms natively, not 3 to 5 ms.
pub fn listed(state: &State, sort: SortBy, show_archived: bool) -> Vec<&Entry> {
    let entries: Vec<&Entry> = state
        .cases
        .iter()
        .filter(|entry| show_archived || !entry.archived())
        .collect();
    let keys: Vec<_> = entries
        .iter()
        .map(|entry| {
            // Names ignore ASCII case ("anna" beside "Anna"); other letters
            // compare as typed, as Unicode's case tables would add about 17 KB
            // (gzip) to every load of the app.
            let name = (entry.name().to_ascii_lowercase(), entry.case.id.clone());
            match sort {
                SortBy::Name => (Reverse(0), None, name),
                // Most overdue first, then the nearest next deadline, cases with
                // none last, then by name.
                SortBy::MostUrgent => {
                    let listed = &entry.summary().listed;
                    let next = listed.next.as_ref().map(|(due, _)| *due);
                    (Reverse(listed.overdue), Some((next.is_none(), next)), name)
                }
            }
        })
        .collect();
    // Ties broken by place, as `sort_by_cached_key` did; the engine's sort
    // of positions, not a copy of the standard sort for this key type.
    let order = |a: usize, b: usize| keys[a].cmp(&keys[b]).then(a.cmp(&b));
    let sorted = rules::date_order::sorted_positions_by(entries.len(), &order);
    sorted.into_iter().map(|at| entries[at]).collect()
}
