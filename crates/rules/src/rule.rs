//! What a statutory time limit is: its id, the sentence a parent reads, the
//! citation, who must act and whether it is law or guidance. Each stage module
//! declares its rules as `Rule` constants, so a rule's definition lives in one place.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::long_date;
use crate::case_file::Stage;
use crate::exceptions::ExceptionSet;

/// One time limit, as the regulation words it.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The rule id of timelines.md, such as `decide-whether-to-assess`.
    pub id: &'static str,
    /// A short name: "Decision whether to assess".
    pub title: &'static str,
    /// The stage of the process it belongs to, as its milestones do, for
    /// lists that group or filter deadlines by stage.
    pub stage: Stage,
    /// The rule in one plain-English sentence.
    pub summary: &'static str,
    /// Where the law or guidance says it: "SEND Regulations 2014, reg 5(1)".
    pub citation: &'static str,
    /// Who must act, unless a deadline names someone else.
    pub actor: Actor,
    /// Law or guidance: whether missing the limit breaks the law.
    pub force: Force,
    /// The exceptions that can switch this time limit off.
    pub exceptions: &'static ExceptionSet,
    /// The past tense that reads after the title: "made", "issued", "received".
    pub done_verb: &'static str,
    /// Where the rule is the law, and from when to when.
    pub in_force: InForce,
}

/// Where a rule applies and the days it is in force. A clock takes the rule in
/// force on the day its trigger happened, so a change in the law leaves the
/// clocks started before it alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InForce {
    /// Where the rule is the law.
    pub jurisdiction: Jurisdiction,
    /// The first day in force; `None` for a rule older than the EHC system,
    /// such as a council's own complaints policy.
    pub from: Option<NaiveDate>,
    /// The last day in force, when the rule has ended.
    pub until: Option<NaiveDate>,
}

/// The part of the United Kingdom whose law a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jurisdiction {
    /// England: the EHC rules do not reach Wales, Scotland or Northern Ireland.
    England,
}

/// The first day of the EHC system: the Children and Families Act 2014 Part 3
/// and the SEND Regulations 2014 came into force on 1 September 2014.
pub const EHC_START: NaiveDate = NaiveDate::from_ymd_opt(2014, 9, 1).unwrap();

impl InForce {
    /// The EHC rules: in England, from 1 September 2014.
    pub const EHC: InForce = InForce::england_from(EHC_START);

    /// In England, older than the EHC system: a council's own complaints
    /// policy, the Ombudsman's time limit.
    pub const UNDATED: InForce = InForce {
        jurisdiction: Jurisdiction::England,
        from: None,
        until: None,
    };

    /// In England from `from`, with no end yet.
    pub const fn england_from(from: NaiveDate) -> InForce {
        InForce {
            jurisdiction: Jurisdiction::England,
            from: Some(from),
            until: None,
        }
    }

    /// Whether the rule is in force on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day <= until)
    }

    /// "England, from 1 September 2014", as `ehc rules` prints it.
    pub fn describe(&self) -> String {
        let from = match self.from {
            Some(from) => format!("from {}", long_date(from)),
            None => "no start date (older than the EHC system)".to_owned(),
        };
        match self.until {
            Some(until) => format!(
                "{}, {from} to {}",
                self.jurisdiction.label(),
                long_date(until)
            ),
            None => format!("{}, {from}", self.jurisdiction.label()),
        }
    }
}

impl Jurisdiction {
    /// The jurisdiction's name: "England".
    pub fn label(self) -> &'static str {
        match self {
            Jurisdiction::England => "England",
        }
    }
}

/// Who must act by the due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Actor {
    /// The local authority (the council).
    #[serde(rename = "la")]
    Council,
    /// The parent or young person.
    #[serde(rename = "parent")]
    Parent,
    /// The school or college, such as for an annual review it arranges.
    #[serde(rename = "school")]
    School,
    /// The health body (the integrated care board).
    #[serde(rename = "health")]
    Health,
    /// Health or social care, for advice either may give.
    #[serde(rename = "health-or-social-care")]
    HealthOrSocialCare,
    /// Another body asked for advice.
    #[serde(rename = "other")]
    Other,
    /// The mediation adviser.
    #[serde(rename = "ma")]
    MediationAdviser,
}

impl Actor {
    /// Who, in words: "the council".
    pub fn label(self) -> &'static str {
        match self {
            Actor::Council => "the council",
            Actor::Parent => "the parent or young person",
            Actor::School => "the school or college",
            Actor::Health => "the health service",
            Actor::HealthOrSocialCare => "health or social care",
            Actor::Other => "the person asked for advice",
            Actor::MediationAdviser => "the mediation adviser",
        }
    }
}

/// Whether a time limit is the law or guidance the council should follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Force {
    /// Set by an Act or regulations: missing it is a breach of the law.
    Statutory,
    /// The Code of Practice says "should": shown, never called a breach of law.
    Guidance,
}
