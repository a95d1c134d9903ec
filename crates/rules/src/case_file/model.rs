//! The facts a user records: cases and their dated events, as in case-file.md.
//!
//! Only facts live here; every deadline is derived from them by the engine.
//! Fields this version does not know are kept in `extra` and written back, so a
//! newer app's file survives a round trip through an older one.

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::kind::EventKind;

/// The format id this version reads and writes.
pub const FORMAT: &str = "ehc-timeline/1";

/// Unknown fields, kept in the order they came.
pub type Extra = Map<String, Value>;

/// A whole case file: one or more cases.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseFile {
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<NaiveDate>,
    pub cases: Vec<Case>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One child's or young person's case.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Case {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_authority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    pub events: Vec<Event>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The choices a case makes on disputed points (timelines.md section 5).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Settings {
    pub review_complete_on: ReviewCompleteOn,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Settings {
    fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// When an annual review counts as complete, which starts the next 12 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewCompleteOn {
    /// When the council notifies its decision (IPSEA's reading; the default).
    #[default]
    Decision,
    /// On the day of the review meeting.
    Meeting,
}

/// One dated thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    #[serde(flatten)]
    pub when: When,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Pairs an `advice-requested` with its `advice-received`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Pairs a `school-consulted` with its `school-responded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ReviewOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Order>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matters: Option<Matters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<SendMethod>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_clock_time"
    )]
    pub time: Option<NaiveTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respond_within: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<ResponseUnit>,
    /// On `move-notified`: the day of the move to another council's area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub move_date: Option<NaiveDate>,
    /// On `mediation-requested`: the mediation is also about health care.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includes_health: Option<bool>,
    /// On `mediation-requested`: the mediation is only about health care.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_only: Option<bool>,
    /// On `mediation-agreement`: whether the council was a party to it
    /// (`None` reads as yes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council_party: Option<bool>,
    /// On `mediation-agreement`: a date the parties agreed in writing (reg 42(5)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed_due: Option<NaiveDate>,
    /// On `complaint-made`: the stage of the council's complaints procedure,
    /// 1 (`None` reads as 1) or 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<u8>,
    #[serde(flatten)]
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
            extra: Extra::new(),
        }
    }

    /// The exact date, if the event has one. Approximate dates are shown in the
    /// chronology but never used in a calculation.
    pub fn date(&self) -> Option<NaiveDate> {
        match self.when {
            When::Date(date) => Some(date),
            When::Approx(_) => None,
        }
    }

    /// The name that pairs a request with its reply: the party asked for
    /// advice or the school consulted.
    pub fn subject(&self) -> Option<&str> {
        self.party.as_deref().or(self.school.as_deref())
    }
}

/// When an event happened: an exact calendar date, or only its month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum When {
    #[serde(rename = "date")]
    Date(NaiveDate),
    #[serde(rename = "approx")]
    Approx(ApproxDate),
}

/// A month or a year, for an event whose exact day is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ApproxDate {
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

impl Serialize for ApproxDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for EventKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

fn serialize_clock_time<S: Serializer>(
    time: &Option<NaiveTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.serialize_str(&super::clock_time::write_clock_time(*time)),
        None => serializer.serialize_none(),
    }
}

/// Defines a closed set of string values for a field, with its ids in one place.
macro_rules! field_values {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)* }

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

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::from_text::from_str_with(deserializer, stringify!($name), |id| {
                    $name::from_id(id).ok_or_else(|| super::error::Problem::NotAllowed {
                        value: format!("\"{id}\""),
                        allowed: $name::ALL.iter().map(|v| format!("\"{}\"", v.id())).collect(),
                    })
                })
            }
        }
    };
}

field_values! {
    /// What the council decided after an annual review.
    ReviewOutcome { Maintain = "maintain", Amend = "amend", Cease = "cease", }
}

field_values! {
    /// What a tribunal ordered, a council conceded or a mediation agreed.
    Order {
        Assess = "assess",
        IssuePlan = "issue-plan",
        AmendPlan = "amend-plan",
        NameSchool = "name-school",
        ContinuePlan = "continue-plan",
    }
}

field_values! {
    /// Whether a mediation agreement is about appealable matters or others.
    Matters { Appealable = "appealable", Other = "other", }
}

field_values! {
    /// The kind of move between schools or colleges (reg 18).
    Transfer {
        School = "school",
        SecondaryToPost16 = "secondary-to-post16",
        Post16ToPost16 = "post16-to-post16",
    }
}

field_values! {
    /// The reason a council gives for an exception to a time limit (section 2),
    /// or `reassessment`, the case law that excuses an annual review falling
    /// due during a re-assessment (section 6), which no council claims.
    ExceptionReason {
        SchoolClosure = "school-closure",
        PersonalCircumstances = "personal-circumstances",
        Absence = "absence",
        MissedAppointment = "missed-appointment",
        LateRepresentations = "late-representations",
        Coronavirus2020 = "coronavirus-2020",
        Reassessment = "reassessment",
    }
}

field_values! {
    /// How a request was sent, for the default date it was received.
    SendMethod {
        Hand = "hand",
        Email = "email",
        FirstClass = "first-class",
        SignedFor = "signed-for",
    }
}

field_values! {
    /// The unit of a council's stated complaint response time.
    ResponseUnit { Days = "days", WorkingDays = "working-days", }
}
