//! Letter drafts from the facts of a case: a chase for one missed deadline, a
//! formal complaint to the council, and a covering note to the Ombudsman.
//! They quote only dates and regulations the case and the engine give; every
//! fact they cannot know is left as a marked gap, such as "[your name]".

use chrono::NaiveDate;
use rules::{Case, Deadline, Evaluation, Event, EventKind, Status, calendar::long_date};

use crate::chronology::{
    days_and_weeks, deadline_title, in_date_order, owed_by_council, written_when,
};
use crate::recorded;
use crate::report::status_phrase;

/// A draft for the user to edit and send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// What the draft is, for a file name: "Chase letter".
    pub kind: &'static str,
    /// What the draft is about, to tell drafts of one kind apart: "Chase
    /// letter: Final plan".
    pub title: String,
    /// The subject line of the email, or the heading of the letter.
    pub subject: String,
    /// The text, with "[...]" wherever the family must fill something in.
    pub body: String,
}

/// The last line of every draft, so whoever reads it knows where it came from.
pub const DRAFTED_WITH: &str = "Drafted with EHC Timeline, which is not legal advice.";

/// A letter built a paragraph at a time, paragraphs separated by a blank line.
struct Draft {
    paragraphs: Vec<String>,
    /// The child's name as recorded, or a gap to fill in.
    child: String,
    /// The council as recorded, or a gap to fill in.
    council: String,
    reference: Option<String>,
}

impl Draft {
    fn new(case: &Case) -> Draft {
        Draft {
            paragraphs: Vec::new(),
            child: recorded(&case.child)
                .unwrap_or("[your child's name]")
                .to_owned(),
            council: recorded(&case.local_authority)
                .unwrap_or("[the council]")
                .to_owned(),
            reference: recorded(&case.reference).map(str::to_owned),
        }
    }

    /// The sender, the date, the addressee and the council's reference, which
    /// the council calls "Your reference" and anyone else "The council's reference".
    fn head(&mut self, addressee: &str, today: NaiveDate, reference_label: &str) {
        self.add("[your name]\n[your address]");
        self.add(long_date(today));
        self.add(format!("{addressee}\n[their address or email]"));
        if let Some(reference) = self.reference.clone() {
            self.add(format!("{reference_label}: {reference}"));
        }
    }

    fn add(&mut self, paragraph: impl Into<String>) {
        self.paragraphs.push(paragraph.into());
    }

    /// The council's missed deadlines, then those it met late, each a list
    /// with the due date, the regulation and what happened; returns the
    /// earliest due date listed, if any.
    fn add_failures(&mut self, evaluation: &Evaluation) -> Option<NaiveDate> {
        let mut earliest: Option<NaiveDate> = None;
        for (status, intro) in [
            (
                Status::Overdue,
                "The council has not met these time limits:",
            ),
            (Status::MetLate, "The council met these time limits late:"),
        ] {
            let mut list = String::from(intro);
            for deadline in owed_by_council(evaluation, status) {
                list.push_str(&format!(
                    "\n- {}: due {} ({}); {}.",
                    deadline_title(deadline),
                    long_date(deadline.due),
                    deadline.citation,
                    status_phrase(deadline, evaluation.today)
                ));
                earliest = Some(earliest.map_or(deadline.due, |due| due.min(deadline.due)));
            }
            // Only when something was listed after the intro.
            if list.len() > intro.len() {
                self.add(list);
            }
        }
        earliest
    }

    /// The sign-off and the line saying where the draft came from.
    fn finish(mut self, kind: &'static str, title: String, subject: String) -> Letter {
        self.add("Yours faithfully,");
        self.add("[your name]\n[your relationship to the child or young person]");
        self.add(format!("---\n{DRAFTED_WITH}"));
        Letter {
            kind,
            title,
            subject,
            body: self.paragraphs.join("\n\n"),
        }
    }
}

/// "Request for an assessment" as it reads mid-sentence: "request for an assessment".
fn mid_sentence(words: &str) -> String {
    let mut text = words.to_owned();
    // The first letter, when it is ASCII (one byte); any other stays as it is.
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    text
}

/// A letter to the council's SEND team chasing one missed deadline: what was
/// due, by when, under which regulation, and how late it is.
pub fn chase_letter(case: &Case, evaluation: &Evaluation, deadline: &Deadline) -> Letter {
    let title = deadline_title(deadline);
    let mut draft = Draft::new(case);
    let addressee = format!("The SEND team\n{}", draft.council);
    draft.head(&addressee, evaluation.today, "Your reference");
    draft.add("Dear SEND team,");
    draft.add(format!("{}: {title}", draft.child));
    draft.add(format!(
        "I am writing about {}'s Education, Health and Care (EHC) process. This time limit started on {} ({}).",
        draft.child,
        long_date(deadline.trigger.date),
        mid_sentence(&deadline.trigger.label.to_string())
    ));
    let due = format!(
        "Under {}, the {} was due by {}.",
        deadline.citation,
        mid_sentence(deadline.rule.title),
        long_date(deadline.due)
    );
    let late = days_and_weeks(deadline.days_late);
    draft.add(match (deadline.status, &deadline.done) {
        (Status::Overdue, _) => {
            format!("{due} As of today it is {late} late, and I have not received it.")
        }
        (Status::MetLate, Some(done)) => format!(
            "{due} It was {} on {}, {late} late.",
            deadline.rule.done_verb,
            long_date(done.date)
        ),
        _ => format!(
            "{due} As of today it is {}.",
            status_phrase(deadline, evaluation.today)
        ),
    });
    draft.add(format!(
        "Please tell me, within 10 working days, when it will be done, and what {} will do to put right the effect of the delay on my child.",
        draft.council
    ));
    draft.add(
        "If I do not hear from you, I will make a formal complaint under the council's complaints procedure.",
    );
    let subject = format!(
        "{}: {title} was due on {}",
        draft.child,
        long_date(deadline.due)
    );
    draft.finish("Chase letter", format!("Chase letter: {title}"), subject)
}

/// A formal complaint, at stage 1 of the council's procedure, about every
/// deadline the council missed or met late.
pub fn complaint_letter(case: &Case, evaluation: &Evaluation) -> Letter {
    let mut draft = Draft::new(case);
    let addressee = format!("The complaints team\n{}", draft.council);
    draft.head(&addressee, evaluation.today, "Your reference");
    draft.add("Dear complaints team,");
    let subject = format!("Formal complaint: delays in {}'s EHC process", draft.child);
    draft.add(format!(
        "Formal complaint: delays in {}'s Education, Health and Care (EHC) process",
        draft.child
    ));
    draft.add(format!(
        "I am making a formal complaint, at stage 1 of {}'s complaints procedure, about its delays in {}'s EHC process.",
        draft.council, draft.child
    ));
    if draft.add_failures(evaluation).is_none() {
        draft.add(
            "[The dates recorded show no missed time limit: say what your complaint is about.]",
        );
    }
    draft.add("A dated chronology of what happened is attached.");
    draft.add("To put this right, I ask the council to:\n- [what you want: for example, issue the final plan by a date, an apology, or a remedy for the support my child has missed]");
    draft.add("Please acknowledge this complaint and tell me when I can expect your response.");
    let title = "Formal complaint to the council";
    draft.finish(title, title.to_owned(), subject)
}

/// A covering note for a complaint to the Local Government and Social Care
/// Ombudsman: the council's complaint dates when they were recorded (gaps
/// otherwise), the deadlines it missed, and gaps for the injustice and remedy.
pub fn ombudsman_letter(case: &Case, evaluation: &Evaluation) -> Letter {
    let mut draft = Draft::new(case);
    draft.head(
        "The Local Government and Social Care Ombudsman",
        evaluation.today,
        "The council's reference",
    );
    draft.add("Dear Ombudsman,");
    let about = format!(
        "Complaint about {}: delays in {}'s",
        draft.council, draft.child
    );
    draft.add(format!("{about} Education, Health and Care (EHC) process"));
    // The first complaint and the last reply to it, in date order.
    let events = in_date_order(case);
    let written = |event: Option<&&Event>| event.map(|event| written_when(&event.when));
    let complained = written(
        events
            .iter()
            .find(|event| matches!(event.kind, EventKind::ComplaintMade)),
    );
    let reply = written(
        events
            .iter()
            .rev()
            .find(|event| matches!(event.kind, EventKind::ComplaintResponded)),
    );
    draft.add(format!(
        "I complained to {} on {}. {}",
        draft.council,
        complained
            .as_deref()
            .unwrap_or("[the date of your complaint]"),
        match &reply {
            Some(date) => format!(
                "The council replied on {date}. Its reply has not put things right because [say why]."
            ),
            None => "[Say whether the council replied, when, and why its reply has not put things right.]".to_owned(),
        }
    ));
    if let Some(first) = draft.add_failures(evaluation) {
        draft.add(format!(
            "The first of these was due on {}.",
            long_date(first)
        ));
    }
    draft.add(format!(
        "I attach a dated chronology, my complaint to the council and {}.",
        match &reply {
            Some(date) => format!("its reply of {date}"),
            None => "[its reply, if it replied]".to_owned(),
        }
    ));
    draft.add("How this has affected my child and my family: [say what the delay has meant, such as support or education missed]");
    draft.add("What I would like the council to do: [for example, an apology, a date for the plan, or a payment for the support missed]");
    let title = "Covering note to the Ombudsman";
    draft.finish(title, title.to_owned(), format!("{about} EHC process"))
}
