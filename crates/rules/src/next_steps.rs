//! What a family can do next about a deadline, in plain words: chase, complain,
//! go to the Ombudsman, or act before their own window closes. Information, not
//! legal advice: each step says where to get advice.

use chrono::NaiveDate;

use crate::calendar::{Period, add_days, long_date};
use crate::deadline::{Deadline, Status, days_phrase};
use crate::rule::{Actor, Force};

/// Where a family can get free, independent advice.
pub const WHERE_TO_GET_ADVICE: &str = "For advice on your case, contact your local SENDIASS (SEND Information, Advice and Support Service) or IPSEA. This tool is not legal advice.";

/// The next steps for `deadline` on `today`, most useful first. Empty when
/// nothing needs doing (met, not applicable, or not yet due from someone else).
pub fn next_steps(deadline: &Deadline, today: NaiveDate) -> Vec<String> {
    let due = long_date(deadline.due);
    let what = deadline.rule.title.to_ascii_lowercase();
    match (deadline.status, deadline.actor) {
        (Status::Overdue, Actor::Parent) => vec![format!(
            "The time for this ended on {due}. If you still want to act, get advice quickly: late appeals and requests are sometimes accepted when there is a good reason."
        )],
        (Status::DueSoon | Status::Pending, Actor::Parent) => parent_window(deadline, today),
        (Status::Overdue, _) if deadline.force == Force::Guidance => vec![format!(
            "This is guidance, not law, but the {what} was expected by {due}. Ask the council what is causing the delay and when it will happen."
        )],
        (Status::Overdue, actor) => {
            let mut steps = vec![chase(deadline, actor)];
            steps.push(format!(
                "If nothing happens, make a formal complaint to the council, quoting the due date ({due}) and {}.",
                deadline.citation
            ));
            steps.push(ombudsman(deadline));
            steps
        }
        (Status::MetLate | Status::TooEarly, Actor::Council) if deadline.force == Force::Statutory => vec![
            format!(
                "The council was {} late. Keep a note of it: a pattern of delay, or harm it caused (lost education, support not in place), can be part of a complaint.",
                days_phrase(deadline.days_late)
            ),
            ombudsman(deadline),
        ],
        (Status::Excepted, _) => vec![
            "The council says an exception applies. It must still act as soon as practicable. If you disagree that the exception applies, say so in writing and record that you dispute it.".to_owned(),
        ],
        _ => Vec::new(),
    }
}

/// A first step for an overdue deadline: who to chase.
fn chase(deadline: &Deadline, actor: Actor) -> String {
    let due = long_date(deadline.due);
    match actor {
        Actor::Council => format!(
            "Write to the council's SEND team: say that the {} was due on {due} under {}, and ask when it will be done.",
            deadline.rule.title.to_ascii_lowercase(),
            deadline.citation
        ),
        _ => format!(
            "Ask the council to chase {}: the council is responsible for the process, and this was due on {due} under {}.",
            actor.label(),
            deadline.citation
        ),
    }
}

/// The Ombudsman's window for a council deadline missed on its due date.
fn ombudsman(deadline: &Deadline) -> String {
    let start = add_days(deadline.due, 1);
    let end = Period::MonthsStartingWith(12).due(start);
    format!(
        "If the council's complaints procedure does not put it right, you can complain to the Local Government and Social Care Ombudsman. It usually expects a complaint within 12 months of when you knew of the problem: for this deadline, by {}.",
        long_date(end)
    )
}

/// The family's own window, still open.
fn parent_window(deadline: &Deadline, today: NaiveDate) -> Vec<String> {
    let left = (deadline.due - today).num_days();
    let when = match left {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {}", days_phrase(n)),
    };
    vec![format!(
        "This is your deadline: {} by {} ({when}). {}",
        deadline.rule.summary,
        long_date(deadline.due),
        WHERE_TO_GET_ADVICE
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_file::{Case, Event, EventKind};
    use crate::evaluate::evaluate;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    #[test]
    fn an_overdue_council_decision_suggests_chasing_complaining_and_the_ombudsman() {
        let case = Case {
            id: "c".into(),
            events: vec![Event::new("e-1", EventKind::RequestReceived, date(1, 6))],
            ..Case::default()
        };
        let evaluation = evaluate(&case, date(3, 1));
        let steps = next_steps(
            evaluation.deadline("decide-whether-to-assess").unwrap(),
            date(3, 1),
        );
        assert_eq!(steps.len(), 3);
        assert!(steps[0].contains("due on 17 February 2025 under SEND Regulations 2014, reg 5(1)"));
        assert!(steps[2].contains("by 17 February 2026"), "{}", steps[2]);
    }

    #[test]
    fn a_decision_made_on_time_needs_nothing() {
        let case = Case {
            id: "c".into(),
            events: vec![
                Event::new("e-1", EventKind::RequestReceived, date(1, 6)),
                Event::new("e-2", EventKind::DecisionToAssess, date(2, 10)),
            ],
            ..Case::default()
        };
        let evaluation = evaluate(&case, date(3, 1));
        assert!(
            next_steps(
                evaluation.deadline("decide-whether-to-assess").unwrap(),
                date(3, 1)
            )
            .is_empty()
        );
    }
}
