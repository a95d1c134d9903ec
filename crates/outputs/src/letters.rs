//! Letter drafts from the facts of a case: a chase for one missed deadline, a
//! formal complaint to the council, and a covering note to the Ombudsman.
//! They quote only dates and regulations the case and the engine give; every
//! fact they cannot know is left as a marked gap, such as "[your name]".

use chrono::NaiveDate;
use rules::{Case, Deadline, Evaluation, EventKind, Status, long_date, status_phrase};

use crate::chronology::{days_and_weeks, deadline_title, in_date_order, owed_by_council};

/// A draft for the user to edit and send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// What the draft is: "Chase letter".
    pub kind: &'static str,
    /// What the draft is about, to tell drafts of one kind apart: "Chase
    /// letter: Final plan".
    pub title: String,
    pub subject: String,
    pub body: String,
}

/// The last line of every draft.
pub const DRAFTED_WITH: &str = "Drafted with EHC Timeline from the dates recorded. Check every date before you send it. EHC Timeline is not legal advice.";

/// The facts a letter names its case by.
struct Names {
    child: String,
    council: String,
    reference: Option<String>,
}

impl Names {
    fn of(case: &Case) -> Names {
        Names {
            child: case
                .child
                .clone()
                .filter(|child| !child.trim().is_empty())
                .unwrap_or_else(|| "[your child's name]".to_owned()),
            council: case
                .local_authority
                .clone()
                .filter(|council| !council.trim().is_empty())
                .unwrap_or_else(|| "[the council]".to_owned()),
            reference: case.reference.clone().filter(|r| !r.trim().is_empty()),
        }
    }

    /// The sender, the date and the addressee.
    fn heading(&self, to: &str, today: NaiveDate, reference_label: &str) -> Vec<String> {
        let mut lines = vec![
            "[your name]".to_owned(),
            "[your address]".to_owned(),
            String::new(),
            long_date(today),
            String::new(),
            to.to_owned(),
            "[their address or email]".to_owned(),
            String::new(),
        ];
        if let Some(reference) = &self.reference {
            lines.push(format!("{reference_label}: {reference}"));
            lines.push(String::new());
        }
        lines
    }
}

fn sign_off(lines: &mut Vec<String>) {
    lines.extend(
        [
            "",
            "Yours faithfully,",
            "",
            "[your name]",
            "[your relationship to the child or young person]",
            "",
            "---",
            DRAFTED_WITH,
        ]
        .map(str::to_owned),
    );
}

/// "Decision whether to assess: due 13 October 2025 (SEND Regulations
/// 2014, reg 5(1)); not yet made, 18 days overdue."
fn deadline_fact(deadline: &Deadline, evaluation: &Evaluation) -> String {
    format!(
        "- {}: due {} ({}); {}.",
        deadline_title(deadline),
        long_date(deadline.due),
        deadline.citation,
        status_phrase(deadline, evaluation.today)
    )
}

/// A letter chasing one missed deadline, asking when it will be done.
pub fn chase_letter(case: &Case, evaluation: &Evaluation, deadline: &Deadline) -> Letter {
    let names = Names::of(case);
    let title = deadline_title(deadline);
    let mut lines = names.heading(
        &format!("The SEND team, {}", names.council),
        evaluation.today,
        "Your reference",
    );
    lines.push("Dear SEND team,".to_owned());
    lines.push(String::new());
    lines.push(format!("{}: {title}", names.child));
    lines.push(String::new());
    lines.push(format!(
        "I am writing about {}'s Education, Health and Care (EHC) process. This time limit started on {} ({}).",
        names.child,
        long_date(deadline.trigger.date),
        deadline.trigger.label.to_lowercase()
    ));
    lines.push(String::new());
    lines.push(format!(
        "Under {}, the {} was due by {}. As of today it is {} late{}.",
        deadline.citation,
        deadline.rule.title.to_lowercase(),
        long_date(deadline.due),
        days_and_weeks(deadline.days_late),
        match deadline.status {
            Status::Overdue => ", and I have not received it",
            _ => "",
        }
    ));
    lines.push(String::new());
    lines.push(
        "Please tell me, within 10 working days, when it will be done, and what the council will do to put right the effect of the delay on my child."
            .to_owned(),
    );
    lines.push(String::new());
    lines.push(
        "If I do not hear from you, I will make a formal complaint under the council's complaints procedure."
            .to_owned(),
    );
    sign_off(&mut lines);
    Letter {
        kind: "Chase letter",
        title: format!("Chase letter: {title}"),
        subject: format!(
            "{}: {title} was due on {}",
            names.child,
            long_date(deadline.due)
        ),
        body: lines.join("\n"),
    }
}

/// A formal stage-1 complaint about every deadline missed or met late.
pub fn complaint_letter(case: &Case, evaluation: &Evaluation) -> Letter {
    let names = Names::of(case);
    let mut lines = names.heading(
        &format!("The complaints team, {}", names.council),
        evaluation.today,
        "Your reference",
    );
    lines.push("Dear complaints team,".to_owned());
    lines.push(String::new());
    lines.push(format!(
        "Formal complaint: delays in {}'s Education, Health and Care (EHC) process",
        names.child
    ));
    lines.push(String::new());
    lines.push(format!(
        "I am making a formal complaint, at stage 1 of the council's complaints procedure, about the council's delays in {}'s EHC process.",
        names.child
    ));
    let missed: Vec<String> = owed_by_council(evaluation, Status::Overdue)
        .map(|deadline| deadline_fact(deadline, evaluation))
        .collect();
    let late: Vec<String> = owed_by_council(evaluation, Status::MetLate)
        .map(|deadline| deadline_fact(deadline, evaluation))
        .collect();
    for (intro, facts) in [
        ("The council has not met these time limits:", &missed),
        ("The council met these time limits late:", &late),
    ] {
        if !facts.is_empty() {
            lines.push(String::new());
            lines.push(intro.to_owned());
            lines.extend(facts.iter().cloned());
        }
    }
    if missed.is_empty() && late.is_empty() {
        lines.push(String::new());
        lines.push(
            "[The dates recorded show no missed time limit: say what your complaint is about.]"
                .to_owned(),
        );
    }
    lines.push(String::new());
    lines.push("A dated chronology of what happened is attached.".to_owned());
    lines.push(String::new());
    lines.push("To put this right, I ask the council to:".to_owned());
    lines.push("- [what you want: for example, issue the final plan by a date, an apology, or a remedy for the support my child has missed]".to_owned());
    lines.push(String::new());
    lines.push(
        "Please acknowledge this complaint and tell me when I can expect your response.".to_owned(),
    );
    sign_off(&mut lines);
    Letter {
        kind: "Formal complaint to the council",
        title: "Formal complaint to the council".to_owned(),
        subject: format!("Formal complaint: delays in {}'s EHC process", names.child),
        body: lines.join("\n"),
    }
}

/// A covering note for a complaint to the Local Government and Social Care
/// Ombudsman, with the council's complaint dates when they were recorded.
pub fn ombudsman_letter(case: &Case, evaluation: &Evaluation) -> Letter {
    let names = Names::of(case);
    let mut lines = names.heading(
        "The Local Government and Social Care Ombudsman",
        evaluation.today,
        "The council's reference",
    );
    lines.push("Dear Ombudsman,".to_owned());
    lines.push(String::new());
    lines.push(format!(
        "Complaint about {}: delays in {}'s Education, Health and Care (EHC) process",
        names.council, names.child
    ));
    lines.push(String::new());
    let events = in_date_order(case);
    let dated = |kind: EventKind| {
        events
            .iter()
            .find(|event| event.kind == kind)
            .map(|event| crate::written_when(&event.when))
    };
    lines.push(match dated(EventKind::ComplaintMade) {
        Some(date) => format!("I complained to {} on {date}.", names.council),
        None => format!(
            "I complained to {} on [the date of your complaint].",
            names.council
        ),
    });
    lines.push(match dated(EventKind::ComplaintResponded) {
        Some(date) => {
            format!("The council replied on {date}, and its reply has not put things right.")
        }
        None => {
            "[Say whether the council replied, when, and why its reply has not put things right.]"
                .to_owned()
        }
    });
    let missed: Vec<&Deadline> = owed_by_council(evaluation, Status::Overdue).collect();
    if !missed.is_empty() {
        lines.push(String::new());
        lines.push("The council has not met these time limits:".to_owned());
        lines.extend(
            missed
                .iter()
                .map(|deadline| deadline_fact(deadline, evaluation)),
        );
    }
    let late: Vec<&Deadline> = owed_by_council(evaluation, Status::MetLate).collect();
    if !late.is_empty() {
        lines.push(String::new());
        lines.push("The council met these time limits late:".to_owned());
        lines.extend(
            late.iter()
                .map(|deadline| deadline_fact(deadline, evaluation)),
        );
    }
    if let Some(first) = missed.iter().chain(late.iter()).map(|d| d.due).min() {
        lines.push(String::new());
        lines.push(format!(
            "The first of these was due on {}. I understand the Ombudsman normally expects a complaint within 12 months of when I knew of the problem.",
            long_date(first)
        ));
    }
    lines.push(String::new());
    lines
        .push("I attach a dated chronology, my complaint to the council and its reply.".to_owned());
    lines.push(String::new());
    lines.push("The injustice this has caused: [say how the delay has affected your child and your family]".to_owned());
    sign_off(&mut lines);
    Letter {
        kind: "Covering note to the Ombudsman",
        title: "Covering note to the Ombudsman".to_owned(),
        subject: format!(
            "Complaint about {}: delays in {}'s EHC process",
            names.council, names.child
        ),
        body: lines.join("\n"),
    }
}
