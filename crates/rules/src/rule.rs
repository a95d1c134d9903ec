//! What a statutory time limit is: its id, the sentence a parent reads, the
//! citation, who must act and whether it is law or guidance. Each stage module
//! declares its rules as `Rule` constants, so a rule's definition lives in one place.

use serde::Serialize;

use crate::exceptions::ExceptionSet;

/// One time limit, as the regulation words it.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The rule id of timelines.md, such as `decide-whether-to-assess`.
    pub id: &'static str,
    /// A short name: "Decision whether to assess".
    pub title: &'static str,
    /// The rule in one plain-English sentence.
    pub summary: &'static str,
    /// Where the law or guidance says it: "SEND Regulations 2014, reg 5(1)".
    pub citation: &'static str,
    /// Who must act, unless a deadline names someone else.
    pub actor: Actor,
    pub force: Force,
    /// The exceptions that can switch this time limit off.
    pub exceptions: &'static ExceptionSet,
    /// The past tense that reads after the title: "made", "issued", "received".
    pub done_verb: &'static str,
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
    #[serde(rename = "school")]
    School,
    #[serde(rename = "health")]
    Health,
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
