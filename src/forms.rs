//! What a user has typed into a form, and how it is checked, as the GOV.UK
//! Design System words its errors. A draft holds text exactly as typed; only a
//! valid draft becomes a case's details or an event.

use std::rc::Rc;

use chrono::{NaiveDate, NaiveTime};
use rules::{
    Case, Event, EventKind,
    case_file::{
        ExceptionReason, Matters, Order, ResponseUnit, ReviewOutcome, SendMethod, Transfer, When,
        parse_clock_time, write_clock_time,
    },
    checks::warnings_about,
};

use crate::labels::{Label, MediationIssues};
use crate::state::CaseDetails;

/// A change to one field of a draft. It is applied to the latest draft, not to
/// the one a field saw when it rendered, so quick typing loses nothing.
pub struct Edit<D>(Rc<dyn Fn(&mut D)>);

impl<D> Edit<D> {
    pub fn new(change: impl Fn(&mut D) + 'static) -> Edit<D> {
        Edit(Rc::new(change))
    }

    pub fn apply(&self, draft: &mut D) {
        (self.0)(draft)
    }
}

/// A form's draft, held by a reducer over [`Edit`]s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft<D>(pub D);

impl<D: Clone> yew::Reducible for Draft<D> {
    type Action = Edit<D>;

    fn reduce(self: Rc<Draft<D>>, edit: Edit<D>) -> Rc<Draft<D>> {
        let mut draft = self.0.clone();
        edit.apply(&mut draft);
        Rc::new(Draft(draft))
    }
}

/// One box of a date input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

/// One error: the field it is about, the element to focus, and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name in the form, such as `date` or `child`.
    pub field: &'static str,
    /// The id of the element the error summary links to.
    pub target: String,
    pub message: String,
    /// For a date: which of day, month and year are at fault.
    pub parts: [bool; 3],
}

impl FieldError {
    /// An error on a field whose element id is its name.
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            target: field.to_owned(),
            message: message.into(),
            parts: [false; 3],
        }
    }
}

/// The errors of one submission. Each submission makes a new list, so the error
/// summary can take focus again even when the messages are the same.
#[derive(Clone, Debug, Default)]
pub struct Errors(pub Rc<Vec<FieldError>>);

impl Errors {
    /// The errors of a submission.
    pub fn new(errors: Vec<FieldError>) -> Errors {
        Errors(Rc::new(errors))
    }

    /// The first error on `field`.
    pub fn on(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|error| error.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An id that changes with each submission.
    pub fn submission(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl PartialEq for Errors {
    fn eq(&self, other: &Errors) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A date as typed into the GOV.UK date input: day, month and year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

const PART_NAMES: [&str; 3] = ["day", "month", "year"];

impl DateParts {
    /// The parts of `date`, as a user would type them.
    pub fn from_date(date: NaiveDate) -> DateParts {
        use chrono::Datelike;
        DateParts {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|part| part.trim().is_empty())
    }

    /// Sets what was typed in one box.
    pub fn set(&mut self, part: DatePart, typed: String) {
        match part {
            DatePart::Day => self.day = typed,
            DatePart::Month => self.month = typed,
            DatePart::Year => self.year = typed,
        }
    }

    /// What was typed in one box.
    pub fn get(&self, part: DatePart) -> &str {
        match part {
            DatePart::Day => &self.day,
            DatePart::Month => &self.month,
            DatePart::Year => &self.year,
        }
    }

    fn parts(&self) -> [&str; 3] {
        [&self.day, &self.month, &self.year]
    }

    /// The date typed, or the GOV.UK error for it. `name` starts the message:
    /// "Date", "Date of birth". `id` is the date input's id, for the link.
    ///
    /// ```
    /// use ehc_timeline::forms::DateParts;
    /// let typed = |d: &str, m: &str, y: &str| DateParts { day: d.into(), month: m.into(), year: y.into() };
    /// assert_eq!(typed("30", "2", "2025").parse("Date", "date").unwrap_err().message, "Date must be a real date");
    /// assert_eq!(typed("", "2", "2025").parse("Date", "date").unwrap_err().message, "Date must include a day");
    /// assert_eq!(typed("6", "1", "2025").parse("Date", "date").unwrap().to_string(), "2025-01-06");
    /// ```
    pub fn parse(&self, name: &str, id: &str) -> Result<NaiveDate, FieldError> {
        let error = |message: String, parts: [bool; 3]| {
            let first = parts.iter().position(|&bad| bad).unwrap_or(0);
            FieldError {
                field: "",
                target: format!("{id}-{}", PART_NAMES[first]),
                message,
                parts,
            }
        };
        let parts = self.parts().map(str::trim);
        let missing = parts.map(str::is_empty);
        if missing.iter().all(|&m| m) {
            return Err(error(
                format!("Enter the {}", name.to_ascii_lowercase()),
                [true; 3],
            ));
        }
        if missing.iter().any(|&m| m) {
            // One or two boxes are missing: all three was answered above.
            let mut names = (0..3).filter(|&i| missing[i]).map(|i| PART_NAMES[i]);
            let first = names.next().unwrap_or_default();
            let message = match names.next() {
                Some(second) => format!("{name} must include a {first} and {second}"),
                None => format!("{name} must include a {first}"),
            };
            return Err(error(message, missing));
        }
        let numbers = parts.map(|part| {
            part.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse::<u32>().ok())
                .flatten()
        });
        let [Some(day), Some(month), Some(year)] = numbers else {
            return Err(error(
                format!("{name} must be a real date"),
                numbers.map(|n| n.is_none()),
            ));
        };
        if parts[2].len() != 4 {
            return Err(error(
                "Year must include 4 numbers".to_owned(),
                [false, false, true],
            ));
        }
        NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
            let bad_month = !(1..=12).contains(&month);
            error(
                format!("{name} must be a real date"),
                [!bad_month, bad_month, false],
            )
        })
    }

    /// The date typed, or none with its error added to `errors`, named
    /// there as the form's `field`: [`DateParts::parse`] as a form checks
    /// a date, one copy for the forms' six dates.
    fn checked(
        &self,
        name: &str,
        id: &str,
        field: &'static str,
        errors: &mut Vec<FieldError>,
    ) -> Option<NaiveDate> {
        self.parse(name, id)
            .map_err(|error| errors.push(FieldError { field, ..error }))
            .ok()
    }
}

/// Trims `text`; `None` when nothing is left.
fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The case form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub child: String,
    pub council: String,
    pub reference: String,
    pub date_of_birth: DateParts,
}

impl CaseDraft {
    /// The form filled in with a case's details, to change them.
    pub fn from_case(case: &Case) -> CaseDraft {
        CaseDraft {
            child: case.child.clone().unwrap_or_default(),
            council: case.local_authority.clone().unwrap_or_default(),
            reference: case.reference.clone().unwrap_or_default(),
            date_of_birth: case
                .date_of_birth
                .map(DateParts::from_date)
                .unwrap_or_default(),
        }
    }

    /// The case details, or every error in the order of the form.
    pub fn validate(&self) -> Result<CaseDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.child.trim().is_empty() {
            errors.push(FieldError::new(
                "child",
                "Enter the child's name or initials",
            ));
        }
        let date_of_birth = if self.date_of_birth.is_empty() {
            None
        } else {
            self.date_of_birth.checked(
                "Date of birth",
                "date-of-birth",
                "date_of_birth",
                &mut errors,
            )
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CaseDetails {
            child: self.child.trim().to_owned(),
            local_authority: optional(&self.council),
            reference: optional(&self.reference),
            date_of_birth,
        })
    }
}

/// A field that only some kinds of event take (case-file.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindField {
    Party,
    School,
    Outcome,
    Order,
    Matters,
    Transfer,
    Exception,
    Method,
    Response,
    /// The day of a move to another council's area.
    MoveDate,
    /// Whether a mediation is about health care.
    Mediation,
    /// Who made a mediation agreement, and a date agreed in writing.
    Agreement,
    /// A complaint's stage.
    Stage,
}

/// The extra fields an event of `kind` takes.
pub fn kind_fields(kind: Option<&EventKind>) -> &'static [KindField] {
    use EventKind::*;
    match kind {
        Some(AdviceRequested | AdviceReceived) => &[KindField::Party],
        Some(SchoolConsulted | SchoolResponded) => &[KindField::School],
        Some(ReviewDecision) => &[KindField::Outcome],
        Some(TribunalOrder | AppealConceded) => &[KindField::Order],
        Some(MediationAgreement) => &[KindField::Order, KindField::Matters, KindField::Agreement],
        Some(MoveNotified) => &[KindField::MoveDate],
        Some(MediationRequested) => &[KindField::Mediation],
        Some(PhaseTransferPlanned) => &[KindField::Transfer],
        Some(ExceptionClaimed) => &[KindField::Exception],
        Some(RequestSent) => &[KindField::Method],
        Some(ComplaintMade) => &[KindField::Response, KindField::Stage],
        _ => &[],
    }
}

/// Kinds whose date must not be before the request they answer.
fn answers_a_request(kind: &EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        DecisionToAssess
            | DecisionNotToAssess
            | DecisionToIssue
            | DecisionNotToIssue
            | DecisionToReassess
            | DecisionNotToReassess
    )
}

/// The event form as typed. Select values are case-file ids ("" for none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventDraft {
    pub kind: String,
    pub date: DateParts,
    pub who: String,
    pub note: String,
    pub document: String,
    pub party: String,
    pub school: String,
    pub outcome: String,
    pub order: String,
    pub matters: String,
    pub transfer: String,
    pub exception: String,
    pub from: DateParts,
    pub until: DateParts,
    pub disputed: bool,
    pub method: String,
    pub time: String,
    pub respond_within: String,
    pub unit: String,
    pub move_date: DateParts,
    /// What a mediation is about: a [`MediationIssues`] id, or "" for
    /// education or social care only.
    pub mediation: String,
    pub council_not_party: bool,
    pub agreed_due: DateParts,
    pub stage_two: bool,
    /// The event being changed: its id, and the fields the form does not show.
    pub original: Option<Rc<Event>>,
}

fn id_of<T: Label>(value: Option<T>) -> String {
    value.map(|v| v.id().to_owned()).unwrap_or_default()
}

fn date_parts(date: Option<NaiveDate>) -> DateParts {
    date.map(DateParts::from_date).unwrap_or_default()
}

impl EventDraft {
    /// The form filled in with an event, to change it.
    pub fn from_event(event: &Event) -> EventDraft {
        let date = match event.when {
            When::Date(date) => DateParts::from_date(date),
            When::Approx(approx) => DateParts {
                day: String::new(),
                month: approx.month.map(|m| m.to_string()).unwrap_or_default(),
                year: approx.year.to_string(),
            },
        };
        EventDraft {
            kind: event.kind.id().to_owned(),
            date,
            who: event.who.clone().unwrap_or_default(),
            note: event.note.clone().unwrap_or_default(),
            document: event.document.clone().unwrap_or_default(),
            party: event.party.clone().unwrap_or_default(),
            school: event.school.clone().unwrap_or_default(),
            outcome: id_of(event.outcome),
            order: id_of(event.order),
            matters: id_of(event.matters),
            transfer: id_of(event.transfer),
            exception: id_of(event.exception),
            from: date_parts(event.from),
            until: date_parts(event.until),
            disputed: event.disputed.unwrap_or(false),
            method: id_of(event.method),
            time: event.time.map(write_clock_time).unwrap_or_default(),
            respond_within: event
                .respond_within
                .map(|n| n.to_string())
                .unwrap_or_default(),
            unit: id_of(event.unit),
            move_date: date_parts(event.move_date),
            mediation: id_of(match (event.health_only, event.includes_health) {
                (Some(true), _) => Some(MediationIssues::HealthOnly),
                (_, Some(true)) => Some(MediationIssues::HealthToo),
                _ => None,
            }),
            council_not_party: event.council_party == Some(false),
            agreed_due: date_parts(event.agreed_due),
            stage_two: event.stage == Some(2),
            original: Some(Rc::new(event.clone())),
        }
    }

    /// The kind picked, if it is one the app knows.
    pub fn kind(&self) -> Option<EventKind> {
        EventKind::from_id(&self.kind)
    }

    /// Whether this kind shows `field`.
    pub fn shows(&self, field: KindField) -> bool {
        kind_fields(self.kind().as_ref()).contains(&field)
    }

    /// The event, with id `id`, or every error in the order of the form. The
    /// date is checked against `case`: a decision dated before the request it
    /// answers is refused (the engine's date-order warnings say which).
    pub fn validate(&self, case: &Case, id: &str) -> Result<Event, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = self.kind();
        if kind.is_none() {
            errors.push(FieldError::new("kind", "Select what happened"));
        }
        let date = self.date.checked("Date", "date", "date", &mut errors);
        let mut event = match (&self.original, &kind, date) {
            (Some(original), Some(kind), Some(date)) => Event {
                kind: kind.clone(),
                when: When::Date(date),
                ..Event::clone(original)
            },
            (None, Some(kind), Some(date)) => Event::new(id, kind.clone(), date),
            _ => Event::new(id, EventKind::Note, NaiveDate::MIN),
        };
        event.who = optional(&self.who);
        event.note = optional(&self.note);
        event.document = optional(&self.document);
        self.kind_specific(&mut event, &mut errors);
        if errors.is_empty()
            && let Some(kind) = &kind
            && answers_a_request(kind)
            && dated_before_what_it_answers(case, &event)
        {
            let mut error = FieldError::new(
                "date",
                "Date must be the same as or after the date of the request",
            );
            error.target = "date-day".to_owned();
            error.parts = [true; 3];
            errors.push(error);
        }
        if errors.is_empty() {
            Ok(event)
        } else {
            Err(errors)
        }
    }

    /// Reads the fields only some kinds take; clears those this kind does not.
    fn kind_specific(&self, event: &mut Event, errors: &mut Vec<FieldError>) {
        let kind = event.kind.clone();
        let shows = |field| kind_fields(Some(&kind)).contains(&field);
        event.party = optional(&self.party).filter(|_| shows(KindField::Party));
        event.school = optional(&self.school).filter(|_| shows(KindField::School));
        event.outcome = pick::<ReviewOutcome>(&self.outcome).filter(|_| shows(KindField::Outcome));
        event.matters = pick::<Matters>(&self.matters).filter(|_| shows(KindField::Matters));
        event.order = None;
        if shows(KindField::Order) {
            if kind == EventKind::MediationAgreement {
                event.order = pick(&self.order);
            } else {
                match required_order(&self.order) {
                    Ok(order) => event.order = Some(order),
                    Err(error) => errors.push(error),
                }
            }
        }
        event.transfer = None;
        if shows(KindField::Transfer) {
            match pick::<Transfer>(&self.transfer)
                .ok_or_else(|| FieldError::new("transfer", "Select the kind of move"))
            {
                Ok(transfer) => event.transfer = Some(transfer),
                Err(error) => errors.push(error),
            }
        }
        (event.exception, event.from, event.until, event.disputed) = (None, None, None, None);
        if shows(KindField::Exception) {
            self.exception_fields(event, errors);
        }
        (event.method, event.time) = (None, None);
        if shows(KindField::Method) {
            event.method = pick::<SendMethod>(&self.method);
            match optional(&self.time).map(|time| parse_time(&time)) {
                Some(Ok(time)) => event.time = Some(time),
                Some(Err(())) => errors.push(FieldError::new(
                    "time",
                    "Enter the time it was sent, such as 17:30",
                )),
                None => {}
            }
        }
        (event.respond_within, event.unit) = (None, None);
        if shows(KindField::Response) {
            self.response_fields(event, errors);
        }
        event.move_date = None;
        if shows(KindField::MoveDate) {
            event.move_date =
                self.move_date
                    .checked("Day of the move", "move_date", "move_date", errors);
        }
        let issues =
            pick::<MediationIssues>(&self.mediation).filter(|_| shows(KindField::Mediation));
        event.includes_health = (issues == Some(MediationIssues::HealthToo)).then_some(true);
        event.health_only = (issues == Some(MediationIssues::HealthOnly)).then_some(true);
        let agreement = shows(KindField::Agreement);
        event.council_party = (agreement && self.council_not_party).then_some(false);
        event.agreed_due = None;
        if agreement && !self.agreed_due.is_empty() {
            event.agreed_due =
                self.agreed_due
                    .checked("Date agreed", "agreed_due", "agreed_due", errors);
        }
        event.stage = (shows(KindField::Stage) && self.stage_two).then_some(2);
    }

    fn exception_fields(&self, event: &mut Event, errors: &mut Vec<FieldError>) {
        match pick::<ExceptionReason>(&self.exception) {
            Some(reason) => event.exception = Some(reason),
            None => errors.push(FieldError::new(
                "exception",
                "Select the reason the council gave",
            )),
        }
        let from = self.from.checked("Start date", "from", "from", errors);
        let until = self.until.checked("End date", "until", "until", errors);
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            let mut error = FieldError::new(
                "until",
                "End date must be the same as or after the start date",
            );
            error.target = "until-day".to_owned();
            error.parts = [true; 3];
            errors.push(error);
        }
        (event.from, event.until) = (from, until);
        event.disputed = Some(self.disputed);
    }

    fn response_fields(&self, event: &mut Event, errors: &mut Vec<FieldError>) {
        let Some(number) = optional(&self.respond_within) else {
            return;
        };
        match number.parse::<u32>() {
            Ok(days) if days > 0 => event.respond_within = Some(days),
            _ => errors.push(FieldError::new(
                "respond_within",
                "Enter the number of days as a whole number, such as 20",
            )),
        }
        match pick::<ResponseUnit>(&self.unit) {
            Some(unit) => event.unit = Some(unit),
            None => errors.push(FieldError::new(
                "unit",
                "Select whether the council counts days or working days",
            )),
        }
    }
}

fn required_order(id: &str) -> Result<Order, FieldError> {
    pick(id).ok_or_else(|| FieldError::new("order", "Select what was ordered"))
}

/// The value picked in a select, if any.
fn pick<T: Label>(id: &str) -> Option<T> {
    T::from_id(id)
}

/// "17:30", "9:05" or "17.30".
fn parse_time(text: &str) -> Result<NaiveTime, ()> {
    parse_clock_time(&text.trim().replace('.', ":")).ok_or(())
}

/// Whether the engine warns that `event`, put in `case`, is dated before what
/// it answers: one question about the event, not an evaluation of the case.
fn dated_before_what_it_answers(case: &Case, event: &Event) -> bool {
    !warnings_about(case, event).is_empty()
}
