//! Reports of evaluated cases: the JSON report of `ehc check --format json`
//! (`ehc-timeline-report/1`, case-file.md) and a plain-text one for parents.
//! Both are built from `Evaluation`s, so the app and the CLI say the same thing.
//! They live here, with the letters and the chronology, rather than in the
//! engine: the engine counts, and its outputs put what it counted in words.

use chrono::NaiveDate;
use rules::calendar::long_date;
use rules::checks::Warning;
use rules::context::Notice;
use rules::deadline::{Limit, days_phrase};
use rules::next_steps::next_steps;
use rules::rule::{Actor, Force};
use rules::{Case, Deadline, Evaluation, Status};
use serde::Serialize;

/// The format id of the JSON report.
pub const REPORT_FORMAT: &str = "ehc-timeline-report/1";

/// The JSON report: every deadline of every case on one day.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// `REPORT_FORMAT`, so a reader knows the report's version.
    pub format: &'static str,
    /// The day every case was evaluated on.
    pub today: NaiveDate,
    /// Each case, in the order of the file.
    pub cases: Vec<CaseReport<'a>>,
}

/// One case in the JSON report.
#[derive(Debug, Serialize)]
pub struct CaseReport<'a> {
    /// The case's id in its file.
    pub id: &'a str,
    /// Its deadlines, in order of due date.
    pub deadlines: Vec<DeadlineReport<'a>>,
    /// Dates that look wrong.
    pub warnings: &'a [Warning],
    /// Facts to know that are not deadlines.
    pub notices: &'a [Notice],
}

/// One deadline in the JSON report: the contract's fields first, then the
/// title, the events and the working.
#[derive(Debug, Serialize)]
pub struct DeadlineReport<'a> {
    /// The rule's id.
    pub rule: &'static str,
    /// The party or school, for a rule that runs once for each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    /// The statutory due date (for a "not before" limit, the first day allowed).
    pub due: NaiveDate,
    /// Where the deadline stands on `today`.
    pub status: Status,
    /// The day it was done, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Days past the due date (or too early), as `Deadline::days_late`.
    pub days_late: i64,
    /// Where the limit comes from.
    pub citation: &'static str,
    /// Who must act.
    pub actor: Actor,
    /// Law or guidance.
    pub force: Force,
    /// For an excepted limit, the due date plus the claimed period (not statutory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicative_due: Option<NaiveDate>,
    /// The rule's title, in words.
    pub title: &'static str,
    /// The event that started the clock.
    pub trigger: TriggerReport<'a>,
    /// The id of the event that stopped it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_by: Option<&'a str>,
    /// How the due date and status were worked out, a sentence a step.
    pub working: Vec<String>,
}

/// The event that started a clock.
#[derive(Debug, Serialize)]
pub struct TriggerReport<'a> {
    /// Its id in the case.
    pub event: &'a str,
    /// The date the count starts from.
    pub date: NaiveDate,
}

impl<'a> Report<'a> {
    /// The report of `evaluations`, all made on `today`.
    pub fn new(today: NaiveDate, evaluations: &'a [Evaluation]) -> Report<'a> {
        Report {
            format: REPORT_FORMAT,
            today,
            cases: evaluations.iter().map(CaseReport::new).collect(),
        }
    }
}

impl<'a> CaseReport<'a> {
    fn new(evaluation: &'a Evaluation) -> CaseReport<'a> {
        CaseReport {
            id: evaluation.case_id,
            deadlines: evaluation
                .deadlines
                .iter()
                .map(DeadlineReport::new)
                .collect(),
            warnings: &evaluation.warnings,
            notices: &evaluation.notices,
        }
    }
}

impl<'a> DeadlineReport<'a> {
    fn new(deadline: &'a Deadline) -> DeadlineReport<'a> {
        DeadlineReport {
            rule: deadline.rule.id,
            subject: deadline.subject.as_deref(),
            due: deadline.due,
            status: deadline.status,
            done_on: deadline.done.as_ref().map(|done| done.date),
            days_late: deadline.days_late,
            citation: deadline.citation,
            actor: deadline.actor,
            force: deadline.force,
            indicative_due: deadline.indicative_due,
            title: deadline.rule.title,
            trigger: TriggerReport {
                event: deadline.trigger.id(),
                date: deadline.trigger.date,
            },
            done_by: deadline.done.as_ref().map(|done| done.id()),
            working: deadline.working(),
        }
    }
}

/// Said once at the end of a text report.
pub const NOT_LEGAL_ADVICE: &str = "This is not legal advice: it counts the time limits as the regulations and the Ombudsman count them.";

/// One line for a deadline, as a parent reads it:
/// `Decision whether to assess: due 17 February 2025, made 20 February 2025, 3 days late (SEND Regulations 2014, reg 5(1))`.
pub fn deadline_line(deadline: &Deadline, today: NaiveDate) -> String {
    let title = match &deadline.subject {
        Some(subject) => format!("{} ({subject})", deadline.rule.title),
        None => deadline.rule.title.to_owned(),
    };
    let when = match deadline.limit {
        Limit::By => format!("due {}", long_date(deadline.due)),
        Limit::NotBefore => format!("not before {}", long_date(deadline.due)),
    };
    format!(
        "{title}: {when}, {} ({})",
        status_phrase(deadline, today),
        deadline.citation
    )
}

/// What happened, in words: "made 20 February 2025, 3 days late".
pub fn status_phrase(deadline: &Deadline, today: NaiveDate) -> String {
    let verb = deadline.rule.done_verb;
    let done = deadline
        .done
        .as_ref()
        .map(|done| format!("{verb} {}", long_date(done.date)));
    let left = (deadline.due - today).num_days();
    match deadline.status {
        Status::Met => match done {
            Some(done) => format!("{done}, on time"),
            None => "that date has passed".to_owned(),
        },
        Status::MetLate => format!(
            "{}, {} late",
            done.unwrap_or_default(),
            days_phrase(deadline.days_late)
        ),
        Status::TooEarly => format!(
            "{}, {} too early",
            done.unwrap_or_default(),
            days_phrase(deadline.days_late)
        ),
        // A family's own window (mediation, appeal, comments) is a right, not a
        // duty: once it has passed it is "closed", not "overdue".
        Status::Overdue if deadline.actor == Actor::Parent => format!(
            "not {verb}; this window closed {} ago",
            days_phrase(deadline.days_late)
        ),
        Status::Overdue => format!(
            "not yet {verb}, {} overdue",
            days_phrase(deadline.days_late)
        ),
        Status::DueSoon | Status::Pending => match left {
            0 => format!("not yet {verb}, due today"),
            1 => format!("not yet {verb}, due tomorrow"),
            n => format!("not yet {verb}, due in {}", days_phrase(n)),
        },
        Status::Excepted => match deadline.indicative_due {
            Some(date) => format!(
                "exception claimed; indicative date {} (not statutory)",
                long_date(date)
            ),
            None => "exception claimed".to_owned(),
        },
        Status::NotApplicable => format!(
            "does not apply: {}",
            match &deadline.not_applicable {
                Some(reason) => reason.to_string(),
                None => "the case took another path".to_owned(),
            }
        ),
    }
}

/// The plain-text report of one case: a header, checks, notices, deadlines in
/// date order with the first next step for each overdue council deadline, and a
/// summary line.
pub fn case_text(case: &Case, evaluation: &Evaluation) -> String {
    let today = evaluation.today;
    let mut lines = vec![case_header(case)];
    for warning in &evaluation.warnings {
        lines.push(format!("Check: {}", warning.message));
    }
    for notice in &evaluation.notices {
        lines.push(format!("Note: {} ({})", notice.text, notice.citation));
    }
    for deadline in &evaluation.deadlines {
        lines.push(format!("  {}", deadline_line(deadline, today)));
        if deadline.status == Status::Overdue
            && deadline.actor == Actor::Council
            && let Some(step) = next_steps(deadline, today).into_iter().next()
        {
            lines.push(format!("      Next: {step}"));
        }
    }
    lines.push(summary(evaluation));
    lines.join("\n")
}

/// "A. B. — Anytown Council — EHC/1234 (case c-7f3a)".
fn case_header(case: &Case) -> String {
    let parts: Vec<&str> = [&case.child, &case.local_authority, &case.reference]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        format!("Case {}", case.id)
    } else {
        format!("{} (case {})", parts.join(" — "), case.id)
    }
}

/// "2 overdue, 1 met late, 3 met, 4 pending".
fn summary(evaluation: &Evaluation) -> String {
    let count_where = |statuses: &[Status], family: bool| {
        evaluation
            .deadlines
            .iter()
            .filter(|d| statuses.contains(&d.status) && (d.actor == Actor::Parent) == family)
            .count()
    };
    let count = |statuses: &[Status]| count_where(statuses, false) + count_where(statuses, true);
    let parts: Vec<String> = [
        (count_where(&[Status::Overdue], false), "overdue"),
        (
            count_where(&[Status::Overdue], true),
            "of your own windows closed",
        ),
        (
            count(&[Status::MetLate, Status::TooEarly]),
            "met late or too early",
        ),
        (count(&[Status::Met]), "met"),
        (count(&[Status::DueSoon, Status::Pending]), "still to come"),
        (count(&[Status::Excepted]), "excepted"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if parts.is_empty() {
        "No deadlines yet: record the request or the decision that starts one.".to_owned()
    } else {
        format!("Summary: {}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::{Event, EventKind, evaluate};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn decision_line(decided: Option<NaiveDate>, today: NaiveDate) -> String {
        let mut events = vec![Event::new(
            "e-1",
            EventKind::RequestReceived,
            date(2025, 1, 6),
        )];
        if let Some(on) = decided {
            events.push(Event::new("e-2", EventKind::DecisionToAssess, on));
        }
        let case = Case {
            id: "c".into(),
            events,
            ..Case::default()
        };
        let evaluation = evaluate(&case, today);
        deadline_line(
            evaluation.deadline("decide-whether-to-assess").unwrap(),
            today,
        )
    }

    /// Source: the example line.
    #[test]
    fn a_late_decision_reads_as_the_contract_example() {
        assert_eq!(
            decision_line(Some(date(2025, 2, 20)), date(2025, 3, 1)),
            "Decision whether to assess: due 17 February 2025, made 20 February 2025, 3 days late (SEND Regulations 2014, reg 5(1))"
        );
    }

    #[test]
    fn each_status_reads_in_words() {
        let line = |decided, today| decision_line(decided, today);
        assert!(
            line(Some(date(2025, 2, 10)), date(2025, 3, 1))
                .contains("made 10 February 2025, on time")
        );
        assert!(line(None, date(2025, 3, 1)).contains("not yet made, 12 days overdue"));
        assert!(line(None, date(2025, 2, 12)).contains("not yet made, due in 5 days"));
        assert!(line(None, date(2025, 2, 17)).contains("not yet made, due today"));
        assert!(line(None, date(2025, 2, 16)).contains("not yet made, due tomorrow"));
        assert!(line(None, date(2025, 1, 7)).contains("not yet made, due in 41 days"));
    }

    #[test]
    fn a_familys_window_that_has_passed_reads_as_closed_not_overdue() {
        let case = Case {
            id: "c".into(),
            events: vec![Event::new(
                "e-1",
                EventKind::DecisionNotToAssess,
                date(2025, 2, 10),
            )],
            ..Case::default()
        };
        let today = date(2025, 5, 1);
        let evaluation = evaluate(&case, today);
        let line = deadline_line(evaluation.deadline("appeal").unwrap(), today);
        assert!(
            line.contains("due 10 April 2025, not sent; this window closed 21 days ago"),
            "{line}"
        );
        assert!(
            summary(&evaluation).contains("2 of your own windows closed"),
            "{}",
            summary(&evaluation)
        );
    }
}
