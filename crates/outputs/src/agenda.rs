//! An advocate's agenda: every deadline of many cases in one list, overdue
//! first and then by due date, under the headings "Overdue", "This week",
//! "Next week" and then one per month; filtered by council, who must act,
//! status and stage, and searched by child or reference.
//!
//! Built once for a caseload ([`Agenda::new`] sorts every deadline, and owns
//! only that order, so a page can keep it between filters), then filtered as
//! often as the user changes a filter: a filter only walks the sorted rows, so
//! 10,000 cases filter in milliseconds.

use chrono::{Datelike, Days, NaiveDate};
use rules::{
    Case, Deadline, Status, calendar::month_name, case_file::Stage, date_order::sort_by_date,
    rule::Actor,
};

use crate::Evaluated;
use crate::spreadsheet::deadline_rows_csv;

/// One deadline of one case, as the agenda lists it.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    /// The case it belongs to.
    pub case: &'a Case,
    /// The deadline.
    pub deadline: &'a Deadline<'a>,
    /// The deadline's place in its case's evaluation, which a link to it
    /// names.
    pub index: usize,
}

/// Which statuses the agenda shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// What is still to do: overdue, due soon and not due yet. A family's
    /// own window that has passed (to appeal, say) is closed, not open.
    #[default]
    Open,
    /// Only deadlines of this status.
    Only(Status),
    /// Every deadline, done or not.
    All,
}

/// What the user chose to see; the default shows every open deadline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The council, as recorded (trimmed); `None` for every council.
    pub council: Option<String>,
    /// Who must act; `None` for anyone.
    pub actor: Option<Actor>,
    /// Which statuses.
    pub show: Show,
    /// The stage of the process; `None` for every stage.
    pub stage: Option<Stage>,
    /// Words to find in the child's name or the case's reference, ignoring
    /// the case of the letters A to Z (other letters compare as typed: the
    /// Unicode case tables would weigh about 17 KB in the app); blank for
    /// every case.
    pub search: String,
}

/// Where a row is listed: the agenda's headings, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Past its due date and not done (a council's, a school's, ...).
    Overdue,
    /// Due from Monday to Sunday of the week of today.
    ThisWeek,
    /// Due in the week after.
    NextWeek,
    /// Due in this month of this year, outside those two weeks.
    Month(i32, u32),
}

impl When {
    /// Where a deadline of `status` due on `due` is listed, on `today`.
    pub fn of(due: NaiveDate, status: Status, actor: Actor, today: NaiveDate) -> When {
        if is_overdue(status, actor) {
            return When::Overdue;
        }
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        match due.signed_duration_since(monday).num_days() {
            0..=6 => When::ThisWeek,
            7..=13 => When::NextWeek,
            _ => When::Month(due.year(), due.month()),
        }
    }

    /// Its heading: "Overdue", "This week", "Next week", "January 2027".
    pub fn heading(self) -> String {
        match self {
            When::Overdue => "Overdue".to_owned(),
            When::ThisWeek => "This week".to_owned(),
            When::NextWeek => "Next week".to_owned(),
            When::Month(year, month) => format!("{} {year}", month_name(month)),
        }
    }
}

/// Overdue and still someone else's to do: a family's own window that has
/// passed is closed, not overdue work.
fn is_overdue(status: Status, actor: Actor) -> bool {
    status == Status::Overdue && actor != Actor::Parent
}

/// The deadlines of a caseload, sorted once into the agenda's order: the
/// order of the cases it was made from, which each of its methods is given
/// again.
pub struct Agenda {
    /// Each case's child and reference in lower case, for the search.
    searched: Vec<String>,
    /// Every deadline, in the agenda's order.
    order: Vec<Entry>,
    today: NaiveDate,
}

/// A deadline in the agenda: where it is, and what the filters ask of it,
/// copied out so a filter reads one small array in order rather than every
/// deadline, scattered in memory (62 ms for 10,000 cases, not 10).
#[derive(Clone, Copy)]
struct Entry {
    case: u32,
    deadline: u32,
    due: NaiveDate,
    status: Status,
    actor: Actor,
    stage: Stage,
}

impl Entry {
    /// Whether `filter`'s choices of status, who must act and stage let it through.
    fn shown_by(self, filter: &Filter) -> bool {
        let status = match filter.show {
            Show::Open => {
                matches!(self.status, Status::DueSoon | Status::Pending)
                    || is_overdue(self.status, self.actor)
            }
            Show::Only(status) => self.status == status,
            Show::All => true,
        };
        status
            && filter.actor.is_none_or(|actor| self.actor == actor)
            && filter.stage.is_none_or(|stage| self.stage == stage)
    }
}

impl Agenda {
    /// The agenda of `cases` on `today`: overdue deadlines first, the most
    /// overdue at the top, then the others by due date.
    pub fn new(cases: &[Evaluated], today: NaiveDate) -> Agenda {
        let searched = cases
            .iter()
            .map(|Evaluated { case, .. }| {
                let mut text = case.child.clone().unwrap_or_default();
                text.push('\n');
                text.push_str(case.reference.as_deref().unwrap_or_default());
                text.make_ascii_lowercase();
                text
            })
            .collect();
        let mut order: Vec<Entry> = cases
            .iter()
            .enumerate()
            .flat_map(|(c, evaluated)| {
                evaluated
                    .evaluation
                    .deadlines
                    .iter()
                    .enumerate()
                    .map(move |(d, deadline)| Entry {
                        case: c as u32,
                        deadline: d as u32,
                        due: deadline.due,
                        status: deadline.status,
                        actor: deadline.actor,
                        stage: deadline.rule.stage,
                    })
            })
            .collect();
        // Overdue first (as if due on the first day there is), then by due
        // date; a stable sort, so deadlines due the same day keep their
        // cases' order. The engine's own sort: no sort code of its own.
        sort_by_date(&mut order, |entry| {
            let overdue = is_overdue(entry.status, entry.actor);
            (if overdue { NaiveDate::MIN } else { entry.due }, entry.due)
        });
        Agenda {
            searched,
            order,
            today,
        }
    }

    /// The rows of `cases` (those the agenda was made from) that `filter`
    /// lets through, in the agenda's order.
    pub fn rows<'a>(&self, cases: &[Evaluated<'a>], filter: &Filter) -> Vec<Row<'a>> {
        assert_eq!(cases.len(), self.searched.len(), "the agenda's own cases");
        let search = filter.search.trim().to_ascii_lowercase();
        let council = filter.council.as_deref().map(str::trim);
        // Whether each case passes the case-level filters, found once per case.
        let chosen: Vec<bool> = cases
            .iter()
            .zip(&self.searched)
            .map(|(Evaluated { case, .. }, searched)| {
                council.is_none_or(|council| council_of(case) == Some(council))
                    && searched.contains(&search)
            })
            .collect();
        self.order
            .iter()
            .filter(|entry| chosen[entry.case as usize] && entry.shown_by(filter))
            .map(|entry| {
                let evaluated = &cases[entry.case as usize];
                Row {
                    case: evaluated.case,
                    deadline: &evaluated.evaluation.deadlines[entry.deadline as usize],
                    index: entry.deadline as usize,
                }
            })
            .collect()
    }

    /// `rows` under their headings, each heading once, in order.
    pub fn grouped<'r, 'a>(&self, rows: &'r [Row<'a>]) -> Vec<(When, &'r [Row<'a>])> {
        let mut groups: Vec<(When, &[Row])> = Vec::new();
        let mut start = 0;
        for index in 1..=rows.len() {
            let when = self.when(&rows[start]);
            if index == rows.len() || self.when(&rows[index]) != when {
                groups.push((when, &rows[start..index]));
                start = index;
            }
        }
        groups
    }

    /// Where `row` is listed.
    pub fn when(&self, row: &Row) -> When {
        let deadline = row.deadline;
        When::of(deadline.due, deadline.status, deadline.actor, self.today)
    }
}

/// The councils of `cases`, each once, in alphabetical order: the choices of
/// the agenda's council filter.
pub fn councils<'a>(cases: &[Evaluated<'a>]) -> Vec<&'a str> {
    // Each put in its place as found: a caseload has few councils, and a sort
    // would add its own code to the app.
    let mut councils: Vec<&str> = Vec::new();
    for council in cases
        .iter()
        .filter_map(|Evaluated { case, .. }| council_of(case))
    {
        if let Err(place) = councils.binary_search(&council) {
            councils.insert(place, council);
        }
    }
    councils
}

/// The case's council as recorded, trimmed; `None` when blank.
fn council_of(case: &Case) -> Option<&str> {
    crate::recorded(&case.local_authority)
}

/// The rows as CSV, in the agenda's order, with the columns of
/// [`crate::deadlines_csv`].
pub fn agenda_csv(rows: &[Row]) -> String {
    deadline_rows_csv(rows.iter().map(|row| (row.case, row.deadline)))
}
