//! Dated rules (timelines.md section 6): a clock takes the rule in force on the
//! day its trigger happened. A trigger before a rule came into force starts no
//! clock of it (before 1 September 2014 the statement system applied), and when
//! the law changes a limit, a later version of the rule, in force from its own
//! date, counts the clocks that start from then, leaving older ones alone.

use crate::calendar::{Period, long_date};
use crate::context::Notice;
use crate::deadline::Deadline;
use crate::rule::{EHC_START, Rule};

/// A later version of a rule: the same id, in force from its own date
/// (`rule.in_force`), and, when the law changed the length of a limit that
/// counts one period, the new period.
#[derive(Clone, Copy, Debug)]
pub struct Version {
    /// The rule as the changed law words it, with the day it came into force.
    pub rule: &'static Rule,
    /// The period this version counts instead; `None` when only the words,
    /// the citation or who must act changed.
    pub period: Option<Period>,
}

/// Gives each deadline the version of its rule in force on the day of its
/// trigger, from `later` or else the engine's own, and drops the deadlines
/// whose rule was not in force then, with a notice for triggers before the
/// EHC system began.
pub(crate) fn apply(deadlines: &mut Vec<Deadline>, notices: &mut Vec<Notice>, later: &[Version]) {
    // Most cases have no later version and every clock in force: a look at
    // each deadline, not a pass that could move or drop them.
    if later.is_empty()
        && deadlines
            .iter()
            .all(|deadline| deadline.rule.in_force.covers(deadline.trigger.date))
    {
        return;
    }
    let mut before_ehc: Option<(String, chrono::NaiveDate)> = None;
    deadlines.retain_mut(|deadline| {
        let day = deadline.trigger.date;
        let id = deadline.rule.id;
        if let Some(version) = later
            .iter()
            .find(|version| version.rule.id == id && version.rule.in_force.covers(day))
        {
            deadline.take_version(version.rule, version.period);
            return true;
        }
        if deadline.rule.in_force.covers(day) {
            return true;
        }
        if day < EHC_START && before_ehc.as_ref().is_none_or(|(_, first)| day < *first) {
            before_ehc = Some((deadline.trigger.id().to_owned(), day));
        }
        false
    });
    if let Some((event, day)) = before_ehc {
        notices.push(Notice {
            text: format!(
                "Events before 1 September 2014 start no EHC time limit (the first is event {event}, on {}): the statement system of the Education Act 1996 applied then.",
                long_date(day)
            ),
            citation: "Children and Families Act 2014, Part 3 (in force from 1 September 2014)",
        });
    }
}
