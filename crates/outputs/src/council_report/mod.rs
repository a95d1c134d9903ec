//! The council report, for researchers and journalists: over many cases, for
//! each council, time limit and year a clock started, how many clocks were
//! met on time, met late, are still overdue or were excepted, the share met
//! on time, and the median and 90th percentile of days late; beside the
//! 20-week final plan, the Department for Education's published figures.
//!
//! It counts the engine's evaluations, the very ones `ehc check` reports, so
//! the two agree by construction, for the time limits it counts:
//!
//! - Only limits the council answers for are counted: a family's own windows
//!   (actor `parent`: comments on a draft plan, mediation, appeal, the
//!   Ombudsman) are not the council's lateness, though `check` reports them.
//! - `met` counts `met`; `met_late` counts `met-late` and `too-early` (a final
//!   plan issued within the family's 15 days is a missed limit too);
//!   `overdue` counts `overdue`; `excepted` counts `excepted`. `pending`,
//!   `due-soon` and `not-applicable` clocks are not counted: they have no
//!   outcome yet, or none at all.
//! - *Days late* is the engine's `days_late`: for a clock met late, the day it
//!   was done minus the due date; for one still overdue, today minus the due
//!   date (late so far). Only these two statuses enter the median and the
//!   90th percentile: they describe how late the late clocks were. A
//!   too-early final plan is a miss but not a delay, so it is left out.
//! - Percentiles are nearest-rank: of the n days-late figures in order, the
//!   p-th percentile is the one at rank ⌈p × n / 100⌉ (so the median of an
//!   even number is the lower of the middle two). Always a whole number of
//!   days that some clock really had.
//! - *Met on time* is `met / (met + met_late + overdue)`: excepted clocks are
//!   left out, as the Department's "excluding exceptions" leaves them out.
//!   Unlike the Department's figure, which counts the plans issued in a
//!   year, a clock here belongs to the year it started, and clocks still
//!   overdue count as not met on time.
//! - A group of fewer than `FEW_CLOCKS` clocks says so (`few_clocks`).

mod published;
mod render;
mod weeks_late;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use rules::date_order::{sort_by_number, sorted_positions_by};
use rules::{Case, Evaluation, Status, stages::all_rules};
use serde::Serialize;

use crate::chronology::council_answers_for;

use published::percent_of;
pub use published::{
    PublishedFigure, RELEASE_2022, RELEASE_2025, Release, council_figure, england_figure,
};
pub use render::{HOW_TO_READ, NATIONAL_NOTE, percent_text};
pub use weeks_late::{WeeksLate, weeks_late};

/// The format id of the JSON report.
pub const COUNCIL_REPORT_FORMAT: &str = "ehc-timeline-council-report/1";

/// A figure resting on fewer clocks than this says so.
pub const FEW_CLOCKS: u32 = 5;

/// The rule the Department's figures measure: the final plan within 20 weeks
/// of the request (reg 13(2)).
pub const PUBLISHED_RULE: &str = "final-plan";

/// The council report on one day.
#[derive(Debug, PartialEq, Serialize)]
pub struct CouncilReport {
    /// `COUNCIL_REPORT_FORMAT`.
    pub format: &'static str,
    /// The day the cases were evaluated on.
    pub today: NaiveDate,
    /// How many cases were read.
    pub cases: u64,
    /// One group per council, rule and year, in order of council, then of the
    /// rules as timelines.md lists them, then of year.
    pub groups: Vec<Group>,
}

/// The clocks of one council and rule that started in one year.
#[derive(Debug, PartialEq, Serialize)]
pub struct Group {
    /// The council as the cases record it; `None` where none is recorded.
    pub council: Option<String>,
    /// The rule id of timelines.md.
    pub rule: &'static str,
    /// The year of the day that started the clocks.
    pub year: i32,
    /// `met + met_late + overdue + excepted`.
    pub clocks: u32,
    /// Clocks met on or before the due date.
    pub met: u32,
    /// Clocks met after the due date, or (a final plan) too early.
    pub met_late: u32,
    /// Clocks not met whose due date has passed.
    pub overdue: u32,
    /// Clocks an exception recorded in the case disapplies.
    pub excepted: u32,
    /// The median days late of the clocks met late or overdue; `None` if none.
    pub median_days_late: Option<i64>,
    /// Their 90th percentile; `None` if none.
    pub p90_days_late: Option<i64>,
    /// `met / (met + met_late + overdue)` as a percentage to one decimal
    /// place; `None` when every clock was excepted.
    pub percent_met_on_time: Option<f64>,
    /// Fewer than `FEW_CLOCKS` clocks: too few to compare.
    pub few_clocks: bool,
    /// For `PUBLISHED_RULE`: England's published figure for the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub england_within_20_weeks: Option<PublishedFigure>,
    /// For `PUBLISHED_RULE`: the council's own published figure for the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council_within_20_weeks: Option<PublishedFigure>,
    /// The rule's title, for the text and the CSV.
    #[serde(skip)]
    pub title: &'static str,
    /// The days late of the clocks met late or overdue, in order: what the
    /// median and the 90th percentile are taken from, kept for the app's
    /// histogram of how late they were ([`weeks_late`]).
    #[serde(skip)]
    pub days_late: Vec<i64>,
}

/// The clocks of many cases, counted a case at a time, so a report over many
/// files never holds more than one case at a time.
#[derive(Default)]
pub struct CouncilTally {
    cases: u64,
    councils: Councils,
    groups: HashMap<(usize, RuleAt, i32), Counts, BuildHasherDefault<ShortKeys>>,
}

/// A rule, known by where its id is kept: two words to hash and compare for
/// every clock counted, where its text took a loop over its bytes and a
/// comparison of them. Groups of one id kept in two places are put together
/// when the report is made ([`CouncilTally::report`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct RuleAt(usize, usize);

impl RuleAt {
    fn of(id: &'static str) -> RuleAt {
        RuleAt(id.as_ptr() as usize, id.len())
    }
}

/// The councils met so far, each with its index in the order met; the
/// cases that record none have one index too.
#[derive(Default)]
struct Councils {
    named: HashMap<String, usize>,
    unnamed: Option<usize>,
}

impl Councils {
    /// The index of `council`, given the next one if it is new; looked up
    /// by its text, so a council already met costs no copy of its name.
    fn index(&mut self, council: Option<&str>) -> usize {
        let next = self.named.len() + usize::from(self.unnamed.is_some());
        match council {
            None => *self.unnamed.get_or_insert(next),
            Some(name) => match self.named.get(name) {
                Some(&index) => index,
                None => *self.named.entry(name.to_owned()).or_insert(next),
            },
        }
    }

    /// The councils' names in the order of their indexes.
    fn by_index(self) -> Vec<Option<String>> {
        let mut names = vec![None; self.named.len() + usize::from(self.unnamed.is_some())];
        for (name, index) in self.named {
            names[index] = Some(name);
        }
        names
    }
}

/// FxHash's multiply-and-rotate over a group's key (a council's index, a
/// rule id and a year, none of them chosen by whoever wrote a case file to
/// collide): several times faster than the standard library's hash on the
/// key looked up for every clock counted.
#[derive(Default)]
struct ShortKeys(u64);

impl Hasher for ShortKeys {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn write_u32(&mut self, word: u32) {
        self.write_u64(word.into());
    }

    fn write_i32(&mut self, word: i32) {
        self.write_u32(word as u32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One group's counts while they are tallied.
#[derive(Default)]
struct Counts {
    rule: &'static str,
    title: &'static str,
    met: u32,
    met_late: u32,
    overdue: u32,
    excepted: u32,
    days_late: Vec<i64>,
}

impl CouncilTally {
    /// Counts every clock with an outcome in `evaluation`, the engine's
    /// evaluation of `case`, that the council answers for: a family's own
    /// windows (to appeal, to complain to the Ombudsman) are not the
    /// council's to meet, so they are not counted against it.
    pub fn add(&mut self, case: &Case, evaluation: &Evaluation) {
        self.cases += 1;
        let council = self.councils.index(crate::recorded(&case.local_authority));
        for deadline in evaluation
            .deadlines
            .iter()
            .filter(|deadline| council_answers_for(deadline))
        {
            let key = (
                council,
                RuleAt::of(deadline.rule.id),
                deadline.trigger.date.year(),
            );
            let outcome = match deadline.status {
                Status::Met => Outcome::Met,
                Status::MetLate => Outcome::Late(Some(deadline.days_late)),
                Status::TooEarly => Outcome::Late(None),
                Status::Overdue => Outcome::Overdue(deadline.days_late),
                Status::Excepted => Outcome::Excepted,
                Status::Pending | Status::DueSoon | Status::NotApplicable => continue,
            };
            let counts = self.groups.entry(key).or_default();
            counts.rule = deadline.rule.id;
            counts.title = deadline.rule.title;
            match outcome {
                Outcome::Met => counts.met += 1,
                Outcome::Late(days) => {
                    counts.met_late += 1;
                    counts.days_late.extend(days);
                }
                Outcome::Overdue(days) => {
                    counts.overdue += 1;
                    counts.days_late.push(days);
                }
                Outcome::Excepted => counts.excepted += 1,
            }
        }
    }

    /// Adds the clocks `other` counted, so that cases can be counted in
    /// parts (on several threads) and put together.
    pub fn merge(&mut self, other: CouncilTally) {
        self.cases += other.cases;
        let indexes: Vec<usize> = other
            .councils
            .by_index()
            .into_iter()
            .map(|name| self.councils.index(name.as_deref()))
            .collect();
        for ((council, rule, year), counts) in other.groups {
            let mine = self
                .groups
                .entry((indexes[council], rule, year))
                .or_default();
            mine.add(counts);
        }
    }

    /// The report of every case added, evaluated on `today`. The groups of
    /// one rule id kept in two places (the same text at two addresses, or a
    /// rule and a later version of it) sort together, as their places are
    /// found by the id's text, and are put together there.
    pub fn report(self, today: NaiveDate) -> CouncilReport {
        let names = self.councils.by_index();
        let ranks = ranks(&names);
        let mut tallied: Vec<(usize, i32, Counts)> = self
            .groups
            .into_iter()
            .map(|((council, _, year), counts)| (council, year, counts))
            .collect();
        sort_by_number(&mut tallied, |(council, year, counts)| {
            place(ranks[*council], counts.rule, *year)
        });
        tallied.dedup_by(|later, kept| {
            let same = (later.0, later.1, later.2.rule) == (kept.0, kept.1, kept.2.rule);
            if same {
                kept.2.add(std::mem::take(&mut later.2));
            }
            same
        });
        let groups = tallied
            .into_iter()
            .map(|(council, year, counts)| counts.into_group(names[council].clone(), year))
            .collect();
        CouncilReport {
            format: COUNCIL_REPORT_FORMAT,
            today,
            cases: self.cases,
            groups,
        }
    }
}

/// Each council's rank in the report's order, by its index: by name, the
/// cases that record none last.
fn ranks(names: &[Option<String>]) -> Vec<usize> {
    let key = |at: usize| (names[at].is_none(), &names[at], at);
    let mut ranks = vec![0; names.len()];
    let in_order = sorted_positions_by(names.len(), &|a, b| key(a).cmp(&key(b)));
    for (rank, at) in in_order.into_iter().enumerate() {
        ranks[at] = rank;
    }
    ranks
}

/// A group's place in the report, packed in one number: its council's
/// `rank`, then its rule's place as timelines.md lists the rules, then its
/// year (chrono's years fit in 19 bits with their sign, shifted to be
/// positive).
fn place(rank: usize, rule: &str, year: i32) -> u64 {
    let listed = all_rules().position(|known| known.id == rule);
    let rule_at = listed.map_or(0, |at| at + 1) as u64;
    (rank as u64) << 32 | rule_at << 20 | (year + (1 << 18)) as u64
}

/// What became of one clock.
enum Outcome {
    Met,
    /// Met late (with its days late) or too early (no days late).
    Late(Option<i64>),
    Overdue(i64),
    Excepted,
}

impl Counts {
    /// Adds the clocks `other` counted of the same group.
    fn add(&mut self, other: Counts) {
        self.rule = other.rule;
        self.title = other.title;
        self.met += other.met;
        self.met_late += other.met_late;
        self.overdue += other.overdue;
        self.excepted += other.excepted;
        self.days_late.extend(other.days_late);
    }

    fn into_group(mut self, council: Option<String>, year: i32) -> Group {
        sort_by_number(&mut self.days_late, |&days| days as u64 ^ 1 << 63);
        let rule = self.rule;
        let decided = self.met + self.met_late + self.overdue;
        let clocks = decided + self.excepted;
        let published = |figure: fn(i32) -> Option<PublishedFigure>| {
            (rule == PUBLISHED_RULE).then(|| figure(year)).flatten()
        };
        Group {
            council_within_20_weeks: (rule == PUBLISHED_RULE)
                .then(|| {
                    council
                        .as_deref()
                        .and_then(|name| council_figure(name, year))
                })
                .flatten(),
            england_within_20_weeks: published(england_figure),
            council,
            rule,
            year,
            clocks,
            met: self.met,
            met_late: self.met_late,
            overdue: self.overdue,
            excepted: self.excepted,
            median_days_late: nearest_rank(&self.days_late, 50),
            p90_days_late: nearest_rank(&self.days_late, 90),
            percent_met_on_time: (decided > 0).then(|| percent_of(self.met, decided)),
            few_clocks: clocks < FEW_CLOCKS,
            title: self.title,
            days_late: self.days_late,
        }
    }
}

/// The nearest-rank `percent`-th percentile of `sorted`: the value at rank
/// ⌈percent × n / 100⌉; `None` when there are none.
fn nearest_rank(sorted: &[i64], percent: usize) -> Option<i64> {
    let rank = (percent * sorted.len()).div_ceil(100);
    sorted.get(rank.checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups of one rule id kept at two addresses are one group, in the
    /// place of its id; councils by name, the cases that record none last.
    #[test]
    fn groups_are_put_together_by_rule_id_and_ordered() {
        let day = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
        let copy: &'static str = Box::leak(PUBLISHED_RULE.to_owned().into_boxed_str());
        let first = all_rules().next().unwrap().id;
        let mut tally = CouncilTally::default();
        for (council, id, met, days_late) in [
            (None, first, 1, 2),
            (Some("Barnet"), PUBLISHED_RULE, 1, 30),
            (Some("Anytown"), first, 5, 7),
            (Some("Barnet"), first, 2, 5),
            (Some("Barnet"), copy, 3, 10),
        ] {
            let council = tally.councils.index(council);
            let counts = Counts {
                rule: id,
                title: "A time limit",
                met,
                met_late: 1,
                days_late: vec![days_late],
                ..Counts::default()
            };
            tally.groups.insert((council, RuleAt::of(id), 2024), counts);
        }
        let groups: Vec<_> = (tally.report(day).groups.into_iter())
            .map(|group| (group.council, group.rule, group.met, group.days_late))
            .collect();
        let barnet = Some("Barnet".to_owned());
        assert_eq!(
            groups,
            [
                (Some("Anytown".to_owned()), first, 5, vec![7]),
                (barnet.clone(), first, 2, vec![5]),
                (barnet, PUBLISHED_RULE, 4, vec![10, 30]),
                (None, first, 1, vec![2]),
            ]
        );
    }

    /// Source: the nearest-rank definition, worked by hand.
    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[4], 90), Some(4));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 90), Some(4));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        assert_eq!(nearest_rank(&ten, 50), Some(5));
    }
}
