//! The facts a user records: cases and their dated events, as in case-file.md.
//!
//! Only facts live here; every deadline is derived from them by the engine.
//! Fields this version does not know are kept in `extra` and written back, so a
//! newer app's file survives a round trip through an older one.

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

use super::json::Map;
use super::kind::EventKind;

/// The format id of a case file without documents (version 1), which every
/// version of the app reads.
pub const FORMAT: &str = "ehc-timeline/1";

/// The format id of a case file in which some event lists documents
/// (version 2): an older app refuses it rather than lose the documents.
pub const FORMAT_WITH_DOCUMENTS: &str = "ehc-timeline/2";

/// The format a file of `cases` is written in: version 2 only when some event
/// lists documents, so that an older app still reads every other file.
pub fn format_for<'a>(cases: impl IntoIterator<Item = &'a Case>) -> &'static str {
    let documents = cases
        .into_iter()
        .flat_map(|case| &case.events)
        .any(|event| !event.documents.is_empty());
    if documents {
        FORMAT_WITH_DOCUMENTS
    } else {
        FORMAT
    }
}

/// Unknown fields, kept in the order they came.
pub type Extra = Map;

/// A whole case file: one or more cases.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFile {
    /// The format the cases need ([`format_for`]), as the reader sets it
    /// whichever of the two the file said, so that a file read, written and
    /// read again is the same. The writer does not look at it: it writes the
    /// format the cases need.
    pub format: String,
    /// `exported_at`: the day the file was written, as `YYYY-MM-DD` in the file.
    pub exported_at: Option<NaiveDate>,
    /// `cases`: every case in the file, in the order written.
    pub cases: Vec<Case>,
    /// The file's top-level fields this version does not know, written back as they came.
    pub extra: Extra,
}

/// One child's or young person's case.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Case {
    /// `id`: names the case, unique in the file (such as `c-7f3a`); never empty.
    pub id: String,
    /// `child`: the child's or young person's name, free text (such as `A. B.`).
    pub child: Option<String>,
    /// `local_authority`: the council responsible, free text (such as `Anytown Council`).
    pub local_authority: Option<String>,
    /// `reference`: the council's reference for the case, free text (such as `EHC/1234`).
    pub reference: Option<String>,
    /// `date_of_birth`: as `YYYY-MM-DD` in the file; used for the under-five
    /// reviews and the age-25 end of a plan.
    pub date_of_birth: Option<NaiveDate>,
    /// `settings`: the case's choices on disputed points (the defaults when absent).
    pub settings: Settings,
    /// `events`: what happened, in the order written (not necessarily by date).
    pub events: Vec<Event>,
    /// The case's fields this version does not know, written back as they came.
    pub extra: Extra,
}

/// The choices a case makes on disputed points (timelines.md section 5).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    /// `review_complete_on`: `decision` (the default) or `meeting`.
    pub review_complete_on: ReviewCompleteOn,
    /// The settings this version does not know, written back as they came.
    pub extra: Extra,
}

impl Settings {}

/// When an annual review counts as complete, which starts the next 12 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReviewCompleteOn {
    /// When the council notifies its decision (IPSEA's reading; the default).
    #[default]
    Decision,
    /// On the day of the review meeting.
    Meeting,
}

/// One dated thing that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// `id`: names the event, unique in its case (such as `e-1`); never empty.
    pub id: String,
    /// `kind`: what happened, by its id in timelines.md (such as `request-received`).
    pub kind: EventKind,
    /// `date` (`YYYY-MM-DD`) or `approx` (`YYYY-MM` or `YYYY`): exactly one of them.
    pub when: When,
    /// `who`: who it was from and to, free text (for the chronology).
    pub who: Option<String>,
    /// `note`: the user's own summary, free text.
    pub note: Option<String>,
    /// `document`: a reference to a paper or file (its title, date, where the
    /// original is kept), free text; not an attached file (see `documents`).
    pub document: Option<String>,
    /// Pairs an `advice-requested` with its `advice-received`.
    pub party: Option<String>,
    /// Pairs a `school-consulted` with its `school-responded`.
    pub school: Option<String>,
    /// On `review-decision`: what the council decided (`maintain`, `amend`, `cease`).
    pub outcome: Option<ReviewOutcome>,
    /// On `tribunal-order`, `appeal-conceded` (both need it) and
    /// `mediation-agreement`: what was ordered, conceded or agreed.
    pub order: Option<Order>,
    /// On `mediation-agreement`: `appealable` (`None` reads as this) or `other` matters.
    pub matters: Option<Matters>,
    /// On `phase-transfer-planned`, which needs it: the kind of move; the
    /// event's `date` is the day the child starts at the new place.
    pub transfer: Option<Transfer>,
    /// On `exception-claimed`, which needs it: the reason the council gives
    /// (timelines.md section 2).
    pub exception: Option<ExceptionReason>,
    /// On `exception-claimed`, which needs it: the first day the exception
    /// covers, as `YYYY-MM-DD` in the file.
    pub from: Option<NaiveDate>,
    /// On `exception-claimed`, which needs it: the last day the exception
    /// covers, as `YYYY-MM-DD` in the file.
    pub until: Option<NaiveDate>,
    /// On `exception-claimed`: whether the family disputes the claim.
    pub disputed: Option<bool>,
    /// On `request-sent`: how the request was sent, which sets the day it is
    /// taken to be received.
    pub method: Option<SendMethod>,
    /// On `request-sent`: the time of day it was sent, `"HH:MM"` in the file.
    pub time: Option<NaiveTime>,
    /// On `complaint-made`: the response time the council states, a number of `unit`s.
    pub respond_within: Option<u32>,
    /// On `complaint-made`: whether `respond_within` counts `days` or `working-days`.
    pub unit: Option<ResponseUnit>,
    /// On `move-notified`, which needs it: the day of the move to another
    /// council's area, as `YYYY-MM-DD` in the file.
    pub move_date: Option<NaiveDate>,
    /// On `mediation-requested`: the mediation is also about health care.
    pub includes_health: Option<bool>,
    /// On `mediation-requested`: the mediation is only about health care.
    pub health_only: Option<bool>,
    /// On `mediation-agreement`: whether the council was a party to it
    /// (`None` reads as yes).
    pub council_party: Option<bool>,
    /// On `mediation-agreement`: a date the parties agreed in writing (reg 42(5)),
    /// as `YYYY-MM-DD` in the file.
    pub agreed_due: Option<NaiveDate>,
    /// On `complaint-made`: the stage of the council's complaints procedure,
    /// 1 (`None` reads as 1) or 2.
    pub stage: Option<u8>,
    /// The files attached to the event, kept only on the device; their bytes
    /// travel in a backup beside the case file, named by their digest.
    pub documents: Vec<Document>,
    /// The event's fields this version does not know, written back as they came.
    pub extra: Extra,
}

/// A file attached to an event: what the case file says of it. The bytes are
/// not in the case file; `sha256` names them in a backup and proves them.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Unique among the event's documents.
    pub id: String,
    /// The file's name as the user gave it, such as `ep-report.pdf`.
    pub name: String,
    /// Such as `application/pdf`.
    pub media_type: String,
    /// In bytes.
    pub size: u64,
    /// The SHA-256 digest of the bytes: 64 hex digits in lower case.
    pub sha256: String,
    /// The document's fields this version does not know, written back as they came.
    pub extra: Extra,
}

impl Event {
    /// An event of `kind` on `date` with no other fields: the start of a builder.
    pub fn new(id: impl Into<String>, kind: EventKind, date: NaiveDate) -> Event {
        Event {
            id: id.into(),
            kind,
            when: When::Date(date),
            who: None,
            note: None,
            document: None,
            party: None,
            school: None,
            outcome: None,
            order: None,
            matters: None,
            transfer: None,
            exception: None,
            from: None,
            until: None,
            disputed: None,
            method: None,
            time: None,
            respond_within: None,
            unit: None,
            move_date: None,
            includes_health: None,
            health_only: None,
            council_party: None,
            agreed_due: None,
            stage: None,
            documents: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The exact date, if the event has one. Approximate dates are shown in the
    /// chronology but never used in a calculation.
    // Inline even where built for size (the app's wasm): the engine asks
    // these of every event, many times a case.
    #[inline(always)]
    pub fn date(&self) -> Option<NaiveDate> {
        match self.when {
            When::Date(date) => Some(date),
            When::Approx(_) => None,
        }
    }

    /// The name that pairs a request with its reply: the party asked for
    /// advice or the school consulted.
    #[inline(always)]
    pub fn subject(&self) -> Option<&str> {
        // A match, not `as_deref().or(..)`: those are calls where built for size.
        match (&self.party, &self.school) {
            (Some(party), _) => Some(party.as_str()),
            (None, Some(school)) => Some(school.as_str()),
            (None, None) => None,
        }
    }
}

/// When an event happened: an exact calendar date, or only its month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// `date`: the exact day, as `YYYY-MM-DD` in the file; the rules count from it.
    Date(NaiveDate),
    /// `approx`: only the month or the year; shown in the chronology, never
    /// used in a calculation.
    Approx(ApproxDate),
}

/// A month or a year, for an event whose exact day is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ApproxDate {
    /// The year, four digits in the file.
    pub year: i32,
    /// 1 to 12, or `None` when only the year is known.
    pub month: Option<u32>,
}

impl ApproxDate {
    /// The first day it could be, used only to place it in a chronology.
    pub fn earliest(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), 1)
            .expect("an approximate date is checked when it is read")
    }
}

impl std::fmt::Display for ApproxDate {
    /// As written in the case file: `2024-03` or `2024`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(month) => write!(f, "{:04}-{month:02}", self.year),
            None => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for EventKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A closed set of string values for a field, as the reader and writer see it.
pub trait FieldValue: Copy + 'static {
    /// The set's name, which a fault says was expected (`ReviewOutcome`).
    const NAME: &'static str;
    /// Every value, in the order of the spec.
    const ALL: &'static [Self];
    /// The value as written in the case file.
    fn id(self) -> &'static str;
    /// The value with this id, if there is one.
    fn from_id(id: &str) -> Option<Self>;
}

/// Defines a closed set of string values for a field, with its ids in one place.
macro_rules! field_values {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every value, in the order of the spec.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The value as written in the case file.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The value with this id, if there is one.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl FieldValue for $name {
            const NAME: &'static str = stringify!($name);
            const ALL: &'static [$name] = $name::ALL;

            fn id(self) -> &'static str {
                $name::id(self)
            }

            fn from_id(id: &str) -> Option<$name> {
                $name::from_id(id)
            }
        }
    };
}

field_values! {
    /// What the council decided after an annual review.
    ReviewOutcome {
        /// `maintain`: keep the plan as it is.
        Maintain = "maintain",
        /// `amend`: change the plan, which starts the amendment time limits.
        Amend = "amend",
        /// `cease`: stop the plan.
        Cease = "cease",
    }
}

field_values! {
    /// What a tribunal ordered, a council conceded or a mediation agreed.
    Order {
        /// `assess`: carry out an EHC needs assessment.
        Assess = "assess",
        /// `issue-plan`: issue an EHC plan.
        IssuePlan = "issue-plan",
        /// `amend-plan`: change the plan.
        AmendPlan = "amend-plan",
        /// `name-school`: name a school or college in the plan.
        NameSchool = "name-school",
        /// `continue-plan`: keep the plan that the council meant to stop.
        ContinuePlan = "continue-plan",
    }
}

field_values! {
    /// Whether a mediation agreement is about appealable matters or others.
    Matters {
        /// `appealable`: matters that could go to the tribunal (the default).
        Appealable = "appealable",
        /// `other`: matters that could not, such as health or social care.
        Other = "other",
    }
}

field_values! {
    /// The kind of move between schools or colleges (reg 18).
    Transfer {
        /// `school`: from one school to another, such as primary to secondary.
        School = "school",
        /// `secondary-to-post16`: from secondary school to post-16 education.
        SecondaryToPost16 = "secondary-to-post16",
        /// `post16-to-post16`: from one post-16 place to another.
        Post16ToPost16 = "post16-to-post16",
    }
}

field_values! {
    /// The reason a council gives for an exception to a time limit (section 2),
    /// or `reassessment`, the case law that excuses an annual review falling
    /// due during a re-assessment (section 6), which no council claims.
    ExceptionReason {
        /// `school-closure`: advice asked of a school or early-years setting
        /// around a closure of at least 4 weeks (in practice the summer holiday).
        SchoolClosure = "school-closure",
        /// `personal-circumstances`: exceptional personal circumstances of the
        /// child, parent or young person.
        PersonalCircumstances = "personal-circumstances",
        /// `absence`: the child, parent or young person away from the area for
        /// some weeks (4, or 2 for orders).
        Absence = "absence",
        /// `missed-appointment`: the child missed an appointment made by the
        /// body asked for advice.
        MissedAppointment = "missed-appointment",
        /// `late-representations`: the family asked to comment after the 15 days.
        LateRepresentations = "late-representations",
        /// `coronavirus-2020`: the coronavirus regulations (SI 2020/471), only
        /// for clocks running from 1 May to 25 September 2020.
        Coronavirus2020 = "coronavirus-2020",
        /// `reassessment`: an annual review falling due during a re-assessment
        /// (case law, not a statutory exception).
        Reassessment = "reassessment",
    }
}

field_values! {
    /// How a request was sent, for the default date it was received.
    SendMethod {
        /// `hand`: delivered by hand.
        Hand = "hand",
        /// `email`: sent by email.
        Email = "email",
        /// `first-class`: posted first class.
        FirstClass = "first-class",
        /// `signed-for`: posted signed for.
        SignedFor = "signed-for",
    }
}

field_values! {
    /// The unit of a council's stated complaint response time.
    ResponseUnit {
        /// `days`: calendar days.
        Days = "days",
        /// `working-days`: working days.
        WorkingDays = "working-days",
    }
}
