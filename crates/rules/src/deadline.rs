//! A deadline: one time limit of one case, with its due date, status and the
//! working behind it. Stage modules build them; `evaluate` settles their status.

use chrono::NaiveDate;
use serde::Serialize;

use std::borrow::Cow;
use std::fmt;

use crate::calendar::{Period, days_between, long_date, long_date_with_weekday, sub_days};
use crate::case_file::{Event, EventKind};
use crate::exceptions::ClaimedException;
use crate::rule::{Actor, Force, Rule};

/// Where a deadline stands on a given day (case-file.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not done; more than 14 days to go.
    Pending,
    /// Not done; due within the next 14 days, today included.
    DueSoon,
    /// Not done; the due date has passed.
    Overdue,
    /// Done on or before the due date.
    Met,
    /// Done after the due date.
    MetLate,
    /// Done before the earliest day the law allows (a final plan issued within
    /// the family's 15 days to comment on the draft).
    TooEarly,
    /// A statutory exception recorded in the case disapplies the time limit.
    Excepted,
    /// The case took another path, so this time limit does not apply.
    NotApplicable,
}

impl Status {
    /// Whether the status says someone failed to act in time.
    pub fn is_missed(self) -> bool {
        matches!(self, Status::Overdue | Status::MetLate | Status::TooEarly)
    }
}

/// An event a deadline refers to, borrowed from the case: small, since every
/// deadline holds two and is moved while it is built and sorted.
#[derive(Clone, PartialEq)]
pub struct EventRef<'a> {
    /// The day it counts from: its own date, or the date the engine worked
    /// out (a request's arrival, from how it was sent).
    pub date: NaiveDate,
    /// What happened, in words, and the event it names.
    pub label: Label<'a>,
}

/// What happened, in words: an event's kind, or a date the engine worked out.
#[derive(Clone, PartialEq)]
pub enum Label<'a> {
    /// The event, named by its own kind.
    Kind(&'a Event),
    /// A request taken to have arrived on a day the engine worked out from
    /// how this event sent it.
    WorkedOut(&'a Event),
    /// The day after a missed deadline (boxed: few deadlines refer to one).
    DayAfterMissed(Box<Missed<'a>>),
}

/// A missed deadline, as the day after it is named.
#[derive(Clone, PartialEq)]
pub struct Missed<'a> {
    /// The event that started the missed deadline's clock.
    pub trigger: &'a Event,
    /// The missed deadline's title.
    pub title: &'static str,
    /// The party or school it was about, if any.
    pub subject: Option<Cow<'a, str>>,
    /// Its due date.
    pub due: NaiveDate,
    /// Where its limit came from.
    pub citation: &'static str,
}

impl<'a> Label<'a> {
    /// The event named, or for a missed deadline the event that started it.
    pub fn event(&self) -> &'a Event {
        match self {
            Label::Kind(event) | Label::WorkedOut(event) => event,
            Label::DayAfterMissed(missed) => missed.trigger,
        }
    }
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Kind(event) => f.write_str(event.kind.label()),
            Label::WorkedOut(_) => write!(
                f,
                "{} (worked out from how it was sent)",
                EventKind::RequestReceived.label()
            ),
            Label::DayAfterMissed(missed) => match &missed.subject {
                None => write!(f, "Day after the missed deadline: {}", missed.title),
                Some(subject) => write!(
                    f,
                    "Day after the missed deadline: {} ({subject})",
                    missed.title
                ),
            },
        }
    }
}

impl fmt::Debug for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The id, date and words, not the whole event.
impl fmt::Debug for EventRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventRef")
            .field("id", &self.id())
            .field("date", &self.date)
            .field("label", &self.label)
            .finish()
    }
}

impl Serialize for Label<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// In JSON, as it was when the reference held the event's id: id, date, label.
impl Serialize for EventRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("EventRef", 3)?;
        fields.serialize_field("id", self.id())?;
        fields.serialize_field("date", &self.date)?;
        fields.serialize_field("label", &self.label)?;
        fields.end()
    }
}

impl<'a> EventRef<'a> {
    /// A reference to `event`, which happened on `date`.
    #[inline(always)]
    pub fn new(event: &'a Event, date: NaiveDate) -> EventRef<'a> {
        EventRef {
            date,
            label: Label::Kind(event),
        }
    }

    /// The event's id in the case.
    pub fn id(&self) -> &'a str {
        &self.label.event().id
    }

    /// "Request for an assessment received by the council on Monday 6 January 2025 (event e-1)."
    pub fn describe(&self) -> String {
        format!(
            "{} on {} (event {}).",
            self.label,
            long_date_with_weekday(self.date),
            self.id()
        )
    }
}

/// Whether a deadline is a last day to act, or a first day before which the
/// council must not act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// Must be done by the due date.
    By,
    /// Must not be done before the due date.
    NotBefore,
}

/// One time limit of one case, borrowing its events' ids from the case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deadline<'a> {
    /// The rule that sets the limit (in JSON, its id).
    #[serde(serialize_with = "serialize_rule_id")]
    pub rule: &'static Rule,
    /// For rules that run once per party or school: which one.
    pub subject: Option<Cow<'a, str>>,
    /// Who must act: the rule's actor, unless the case names another (an
    /// advice-giver, a school).
    pub actor: Actor,
    /// Where the limit comes from: the rule's citation, unless the clock was
    /// started another way (a tribunal order, a concession, a mediation agreement).
    pub citation: &'static str,
    /// Law or guidance: the citation's force, which a concession or Ombudsman
    /// practice can lower.
    pub force: Force,
    /// A last day to act, or a first day before which the council must not.
    pub limit: Limit,
    /// The event that started the clock.
    pub trigger: EventRef<'a>,
    /// The statutory due date (for `Limit::NotBefore`, the first allowed day).
    pub due: NaiveDate,
    /// The event that stopped the clock, if any.
    pub done: Option<EventRef<'a>>,
    /// Where the limit stands on the day evaluated.
    pub status: Status,
    /// Whole calendar days past the due date: `done − due` when met late,
    /// `today − due` when overdue, days too early for `TooEarly`, 0 otherwise.
    pub days_late: i64,
    /// The exceptions the council claims that disapply this limit (a boxed
    /// slice, 8 bytes smaller than a list: few limits have any).
    pub exceptions: Box<[ClaimedException]>,
    /// For an excepted limit: the statutory date plus the claimed period. Not statutory.
    pub indicative_due: Option<NaiveDate>,
    /// Why the limit does not apply, when it does not (boxed: few limits
    /// need it, and every deadline is moved while it is built and sorted).
    pub not_applicable: Option<Box<Sentence<'a>>>,
    /// The steps of the working between the trigger and the outcome, kept as
    /// data: `working()` writes them out only when someone reads them.
    #[serde(skip)]
    steps: Steps<'a>,
}

/// One step of a deadline's working, written out by `Deadline::working`.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<'a> {
    /// How `period` counts from the trigger's date.
    Count(Period),
    /// The disputed reading that counts the day of receipt as day 1 (N1):
    /// one day before the due date.
    DayOneReading,
    /// A sentence of its own.
    Sentence(Sentence<'a>),
    /// For the day after a missed deadline, the sentences about it, written
    /// from the trigger: one step, not two, so the deadline keeps its steps in
    /// place.
    AboutMissed,
}

/// A dated event that a sentence of the working names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct On<'a> {
    /// The day it happened.
    pub date: NaiveDate,
    /// Its id in the case (or, for a sentence about a deadline, its title).
    pub name: &'a str,
}

impl<'a> On<'a> {
    /// A day with no event of its own.
    pub fn day(date: NaiveDate) -> On<'a> {
        On { date, name: "" }
    }

    /// "6 January 2025 (event e-3)".
    pub fn dated(self) -> String {
        format!("{} (event {})", long_date(self.date), self.name)
    }
}

/// A sentence of the working, or the reason a limit does not apply: fixed
/// words, or words about two dated events written only when shown, or (for
/// what is rare) words written already.
#[derive(Clone)]
pub enum Sentence<'a> {
    /// Words that need nothing filled in.
    Text(&'static str),
    /// Words written, when shown, by the function from the two events.
    Said(for<'b> fn(On<'b>, On<'b>) -> String, Pair<'a>),
    /// Words written already.
    Written(String),
}

impl<'a> Sentence<'a> {
    /// The words written from `first` and `second` by `write`, when shown.
    pub fn said(
        write: for<'b> fn(On<'b>, On<'b>) -> String,
        first: On<'a>,
        second: On<'a>,
    ) -> Sentence<'a> {
        Sentence::Said(
            write,
            Pair {
                dates: [first.date, second.date],
                names: [first.name, second.name],
            },
        )
    }
}

/// The two events of a sentence, their dates side by side: two `On`s would
/// each pad its date to 8 bytes, and every deadline has room for a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    dates: [NaiveDate; 2],
    names: [&'a str; 2],
}

impl<'a> Pair<'a> {
    /// The first event and the second.
    pub fn events(self) -> (On<'a>, On<'a>) {
        let on = |at: usize| On {
            date: self.dates[at],
            name: self.names[at],
        };
        (on(0), on(1))
    }
}

impl fmt::Display for Sentence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sentence::Text(text) => f.write_str(text),
            Sentence::Said(write, pair) => {
                let (first, second) = pair.events();
                f.write_str(&write(first, second))
            }
            Sentence::Written(text) => f.write_str(text),
        }
    }
}

impl fmt::Debug for Sentence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

impl PartialEq for Sentence<'_> {
    /// Sentences are equal when they say the same.
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Serialize for Sentence<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<Period> for Step<'_> {
    fn from(period: Period) -> Self {
        Step::Count(period)
    }
}

impl From<String> for Step<'_> {
    fn from(text: String) -> Self {
        Step::Sentence(Sentence::Written(text))
    }
}

impl From<String> for Sentence<'_> {
    fn from(text: String) -> Self {
        Sentence::Written(text)
    }
}

impl<'a> From<Sentence<'a>> for Step<'a> {
    fn from(sentence: Sentence<'a>) -> Self {
        Step::Sentence(sentence)
    }
}

impl From<&'static str> for Step<'_> {
    fn from(text: &'static str) -> Self {
        Step::Sentence(Sentence::Text(text))
    }
}

impl From<&'static str> for Sentence<'_> {
    fn from(text: &'static str) -> Self {
        Sentence::Text(text)
    }
}

/// A deadline's steps: the count most begin with, kept as its period (8
/// bytes, where a step takes 64); then the first other step (a note, a
/// disputed reading), kept in place too, so that most deadlines need no
/// allocation for them and stay small to move.
#[derive(Clone, Debug, PartialEq)]
struct Steps<'a> {
    count: Option<Period>,
    first_other: Option<Step<'a>>,
    more: Vec<Step<'a>>,
}

impl<'a> Steps<'a> {
    #[inline(always)]
    fn new(first: Step<'a>) -> Steps<'a> {
        let (count, first_other) = match first {
            Step::Count(period) => (Some(period), None),
            other => (None, Some(other)),
        };
        Steps {
            count,
            first_other,
            more: Vec::new(),
        }
    }

    fn push(&mut self, step: Step<'a>) {
        if self.first_other.is_none() {
            self.first_other = Some(step);
        } else {
            self.more.push(step);
        }
    }

    /// The steps after the count, in order.
    fn others(&self) -> impl Iterator<Item = &Step<'a>> {
        self.first_other.iter().chain(&self.more)
    }

    /// Every period counted, so that a later version of the rule can change it.
    fn periods_mut(&mut self) -> impl Iterator<Item = &mut Period> {
        let others = self.first_other.iter_mut().chain(&mut self.more);
        self.count
            .iter_mut()
            .chain(others.filter_map(|step| match step {
                Step::Count(period) => Some(period),
                _ => None,
            }))
    }
}

fn serialize_rule_id<S: serde::Serializer>(rule: &&Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.id)
}

// The builders below are `#[inline(always)]`: built for size (the app's wasm),
// each call would copy the whole deadline in and out, for every deadline.
impl<'a> Deadline<'a> {
    /// A deadline `period` after `trigger`, with the working that counts it.
    pub fn after(rule: &'static Rule, trigger: EventRef<'a>, period: Period) -> Deadline<'a> {
        let due = period.due(trigger.date);
        Deadline::on(rule, trigger, due, period)
    }

    /// A deadline on a date worked out by the caller, which explains it in `working`.
    pub fn on(
        rule: &'static Rule,
        trigger: EventRef<'a>,
        due: NaiveDate,
        working: impl Into<Step<'a>>,
    ) -> Deadline<'a> {
        Deadline {
            rule,
            subject: None,
            actor: rule.actor,
            citation: rule.citation,
            force: rule.force,
            limit: Limit::By,
            steps: Steps::new(working.into()),
            trigger,
            due,
            done: None,
            status: Status::Pending,
            days_late: 0,
            exceptions: Box::default(),
            indicative_due: None,
            not_applicable: None,
        }
    }

    /// Marks the deadline as stopped by `done`, when there is such an event.
    #[inline(always)]
    pub fn done_by(mut self, done: Option<EventRef<'a>>) -> Deadline<'a> {
        self.done = done;
        self
    }

    /// Names the party or school the deadline is about.
    #[inline(always)]
    pub fn about(mut self, subject: impl Into<Cow<'a, str>>, actor: Actor) -> Deadline<'a> {
        self.subject = Some(subject.into());
        self.actor = actor;
        self
    }

    /// Cites another source for this limit, such as reg 45 for an appeal the
    /// council did not oppose, or Ombudsman practice.
    #[inline(always)]
    pub fn cited(mut self, citation: &'static str, force: Force) -> Deadline<'a> {
        self.citation = citation;
        self.force = force;
        self
    }

    /// Makes this a "not before" limit: the due date is the first allowed day.
    #[inline(always)]
    pub fn not_before(mut self) -> Deadline<'a> {
        self.limit = Limit::NotBefore;
        self
    }

    /// Marks the limit as not applying, and says why.
    pub fn not_applicable(mut self, reason: impl Into<Sentence<'a>>) -> Deadline<'a> {
        self.not_applicable = Some(Box::new(reason.into()));
        self
    }

    /// Adds a step to the working.
    #[inline(always)]
    pub fn note(mut self, step: impl Into<Step<'a>>) -> Deadline<'a> {
        self.steps.push(step.into());
        self
    }

    /// Moves the due date to `agreed_due`, when the parties to a mediation
    /// agreed one in writing instead of the regulations' time limit (reg 42(5)).
    pub(crate) fn agree(&mut self, agreed_due: Option<NaiveDate>) {
        let Some(agreed) = agreed_due else { return };
        if agreed < self.trigger.date {
            self.add_step(format!(
                "The date agreed in writing, {}, is before the agreement, so it is not used: check it.",
                long_date(agreed)
            ));
            return;
        }
        self.add_step(format!(
            "Agreed in writing by the parties to the mediation: done by {}, instead of the limit above (reg 42(5)).",
            long_date(agreed)
        ));
        self.due = agreed;
        self.citation = "SEND Regulations 2014, reg 42(5)";
    }

    /// Makes this deadline one of `rule`, a later version of its rule, and
    /// counts it with `period` when the version changed the period.
    pub(crate) fn take_version(&mut self, rule: &'static Rule, period: Option<Period>) {
        if self.citation == self.rule.citation {
            (self.citation, self.force) = (rule.citation, rule.force);
        }
        if self.actor == self.rule.actor {
            self.actor = rule.actor;
        }
        self.rule = rule;
        let Some(period) = period else { return };
        self.due = period.due(self.trigger.date);
        for counted in self.steps.periods_mut() {
            *counted = period;
        }
    }

    /// Adds `claimed` to the exceptions claimed for this limit.
    pub(crate) fn claim(&mut self, claimed: impl IntoIterator<Item = ClaimedException>) {
        let mut exceptions = std::mem::take(&mut self.exceptions).into_vec();
        exceptions.extend(claimed);
        self.exceptions = exceptions.into_boxed_slice();
    }

    /// Adds a step to the working of a deadline already built.
    pub(crate) fn add_step(&mut self, step: impl Into<Step<'a>>) {
        self.steps.push(step.into());
    }

    /// How the due date and status were worked out, a sentence a step: the
    /// trigger, the count, any notes, then what happened.
    pub fn working(&self) -> Vec<String> {
        let mut lines = vec![self.trigger.describe()];
        if let Some(period) = self.steps.count {
            lines.push(period.explain(self.trigger.date));
        }
        for step in self.steps.others() {
            if let (Step::AboutMissed, Label::DayAfterMissed(missed)) = (step, &self.trigger.label)
            {
                lines.extend(missed.working());
                continue;
            }
            lines.push(match step {
                Step::Count(period) => period.explain(self.trigger.date),
                // DISPUTE: N1 (the Ombudsman and the High Court) against counting
                // the day of receipt as day 1 (some councils): one day earlier.
                Step::DayOneReading => format!(
                    "Some councils count the day the request arrived as day 1, which gives {}; the Ombudsman and the courts do not, and neither does this count.",
                    long_date(sub_days(self.due, 1))
                ),
                Step::Sentence(sentence) => sentence.to_string(),
                Step::AboutMissed => continue,
            });
        }
        if let Some(reason) = &self.not_applicable {
            lines.push(format!("Does not apply: {reason}"));
            return lines;
        }
        if let Some(done) = &self.done {
            lines.push(format!("Done: {}", done.describe()));
        }
        if !self.exceptions.is_empty() {
            for exception in &self.exceptions {
                lines.push(exception.describe(self.indicative_due));
            }
            return lines;
        }
        let (due, days) = (long_date(self.due), self.days_late);
        lines.push(match self.status {
            Status::Met if self.limit == Limit::NotBefore => {
                format!("Not done before {due}, as the law requires.")
            }
            Status::Met => format!("Done on or before the due date, {due}."),
            Status::MetLate => format!("Done {} after the due date, {due}.", days_phrase(days)),
            Status::Overdue => format!("Not done; {} past the due date, {due}.", days_phrase(days)),
            Status::DueSoon => format!("Not done yet; due within the next 14 days, on {due}."),
            Status::TooEarly => format!(
                "Done {} before {due}, the first day allowed.",
                days_phrase(days)
            ),
            _ => format!("Not done yet; due on {due}."),
        });
        lines
    }

    /// Settles the status on `today`, from the done event, the exceptions and
    /// whether the limit applies.
    #[inline(always)]
    pub(crate) fn settle(&mut self, today: NaiveDate) {
        let (status, days) = match (self.limit, &self.done) {
            _ if self.not_applicable.is_some() => (Status::NotApplicable, 0),
            _ if !self.exceptions.is_empty() => (Status::Excepted, 0),
            (Limit::By, Some(done)) if done.date <= self.due => (Status::Met, 0),
            (Limit::By, Some(done)) => (Status::MetLate, days_between(self.due, done.date)),
            (Limit::By, None) if today > self.due => {
                (Status::Overdue, days_between(self.due, today))
            }
            (Limit::By, None) if days_between(today, self.due) < 14 => (Status::DueSoon, 0),
            (Limit::By, None) => (Status::Pending, 0),
            (Limit::NotBefore, Some(done)) if done.date < self.due => {
                (Status::TooEarly, days_between(done.date, self.due))
            }
            (Limit::NotBefore, Some(_)) => (Status::Met, 0),
            (Limit::NotBefore, None) if today >= self.due => (Status::Met, 0),
            (Limit::NotBefore, None) => (Status::Pending, 0),
        };
        self.status = status;
        self.days_late = days;
    }
}

/// "1 day", "3 days".
pub fn days_phrase(days: i64) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}
