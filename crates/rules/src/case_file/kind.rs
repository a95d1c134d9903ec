//! What can happen in an EHC case: every event kind of timelines.md, with the
//! plain words a parent picks it by and the stage of the process it belongs to.

use std::fmt;

use super::id_set::fnv1a;

/// A stage of the process, for grouping event kinds where a user picks one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Asking for an EHC needs assessment, the decision and the advice gathered.
    Assessment,
    /// The decision to issue a plan, the draft, the schools consulted and the final plan.
    Plan,
    /// The annual review and changes to the plan.
    Review,
    /// A move to a new school or college at a change of phase.
    PhaseTransfer,
    /// Re-assessment, a move to another council's area and the end of a plan.
    Reassessment,
    /// Mediation and appeals to the tribunal.
    Disagreement,
    /// What the tribunal decides or recommends, and the response to it.
    Tribunal,
    /// Complaints to the council and to the Ombudsman.
    Complaint,
    /// Exceptions to a time limit that the council claims.
    Exception,
    /// Letters, emails, calls, meetings and notes, for the chronology only.
    Correspondence,
}

impl Stage {
    /// Every stage, in the order the process runs.
    pub const ALL: [Stage; 10] = [
        Stage::Assessment,
        Stage::Plan,
        Stage::Review,
        Stage::PhaseTransfer,
        Stage::Reassessment,
        Stage::Disagreement,
        Stage::Tribunal,
        Stage::Complaint,
        Stage::Exception,
        Stage::Correspondence,
    ];

    /// The heading a user sees for this stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Assessment => "Asking for an assessment",
            Stage::Plan => "Draft and final plan",
            Stage::Review => "Annual review and changes to the plan",
            Stage::PhaseTransfer => "Moving school or college",
            Stage::Reassessment => "Re-assessment, moving area and ending a plan",
            Stage::Disagreement => "Mediation and appeals",
            Stage::Tribunal => "Tribunal decisions",
            Stage::Complaint => "Complaints",
            Stage::Exception => "Exceptions the council claims",
            Stage::Correspondence => "Letters, emails, calls and notes",
        }
    }
}

/// Defines `EventKind` from one table: variant, id in the case file, the words a
/// user sees, and the stage. Keeping the three together means a new kind is one line.
macro_rules! event_kinds {
    ($($variant:ident = $id:literal, $label:literal, $stage:ident;)*) => {
        /// The kind of an event, as `kind` in the case file. `Custom` holds a
        /// namespaced `x-...` kind: kept and shown, ignored by the rules.
        #[derive(Debug, PartialEq, Eq, Hash)]
        pub enum EventKind {
            $(#[doc = $label] $variant,)*
            /// A namespaced kind, `x-` and the user's own words: kept and
            /// shown, ignored by the rules.
            Custom(String),
        }

        /// The ids of the known kinds, in the order of `KNOWN`: looked up by
        /// position, as a match on the kind was a jump to each id, about
        /// 1 KB of the app's first module (and as much for the labels).
        const IDS: &[&str] = &[$($id,)*];

        /// The labels of the known kinds, in the order of `KNOWN`.
        const LABELS: &[&str] = &[$($label,)*];

        /// The position in `IDS` of each known id, at the slot its hash names
        /// (or the next free one); empty slots hold a position past the end.
        /// A match on the id was 1.7 KB of the app's first module; this
        /// finds most ids at the first slot it looks at.
        const PLACES: [u8; 128] = {
            let mut places = [u8::MAX; 128];
            // Half empty at least, so that a look-up soon finds a free slot.
            assert!(IDS.len() * 2 <= places.len(), "more kinds need more places");
            let mut index = 0;
            while index < IDS.len() {
                let mut slot = fnv1a(IDS[index]) as usize % places.len();
                while places[slot] != u8::MAX {
                    slot = (slot + 1) % places.len();
                }
                places[slot] = index as u8;
                index += 1;
            }
            places
        };

        impl EventKind {
            /// Every kind the rules know, in the order of the spec.
            pub const KNOWN: &'static [EventKind] = &[$(EventKind::$variant,)*];

            /// The id written in the case file, such as `request-received`.
            pub fn id(&self) -> &str {
                match self {
                    EventKind::Custom(id) => id,
                    known => {
                        let index = known.known_index();
                        index.and_then(|index| IDS.get(index)).copied().unwrap_or_default()
                    }
                }
            }

            /// What happened, in the words a parent would use.
            pub fn label(&self) -> &str {
                match self {
                    EventKind::Custom(id) => id,
                    known => known.known_label().unwrap_or_default(),
                }
            }

            /// The label of a known kind, borrowed for the life of the program.
            pub fn known_label(&self) -> Option<&'static str> {
                self.known_index().and_then(|index| LABELS.get(index)).copied()
            }

            /// The position of a known kind in `KNOWN`, found without comparing;
            /// inline even where built for size, as every look-up of the timeline asks.
            #[inline(always)]
            pub fn known_index(&self) -> Option<usize> {
                #[allow(dead_code)] // only its discriminants are used
                enum Index { $($variant,)* }
                match self {
                    $(EventKind::$variant => Some(Index::$variant as usize),)*
                    EventKind::Custom(_) => None,
                }
            }

            /// The stage of the process this kind belongs to.
            pub fn stage(&self) -> Stage {
                match self {
                    $(EventKind::$variant => Stage::$stage,)*
                    EventKind::Custom(_) => Stage::Correspondence,
                }
            }

            /// The kind with this id: a known kind, or a namespaced `x-...` one.
            /// `None` for an unknown, un-namespaced id.
            pub fn from_id(id: &str) -> Option<EventKind> {
                let mut slot = fnv1a(id) as usize;
                loop {
                    slot %= PLACES.len();
                    let index = usize::from(PLACES[slot]);
                    match IDS.get(index) {
                        None => break,
                        Some(&known) if known == id => return Some(EventKind::KNOWN[index].clone()),
                        Some(_) => slot += 1,
                    }
                }
                id.starts_with("x-").then(|| EventKind::Custom(id.to_owned()))
            }
        }
    };
}

event_kinds! {
    RequestSent = "request-sent", "Request for an assessment sent", Assessment;
    RequestReceived = "request-received", "Request for an assessment received by the council", Assessment;
    DecisionToAssess = "decision-to-assess", "Council decided to assess", Assessment;
    DecisionNotToAssess = "decision-not-to-assess", "Council decided not to assess", Assessment;
    AdviceRequested = "advice-requested", "Council asked for advice", Assessment;
    AdviceReceived = "advice-received", "Advice received", Assessment;
    DecisionToIssue = "decision-to-issue", "Council decided to issue a plan", Plan;
    DecisionNotToIssue = "decision-not-to-issue", "Council decided not to issue a plan", Plan;
    DraftPlanIssued = "draft-plan-issued", "Draft plan sent", Plan;
    RepresentationsMade = "representations-made", "Family sent comments on the draft or proposed changes", Plan;
    SchoolConsulted = "school-consulted", "Council consulted a school or college", Plan;
    SchoolResponded = "school-responded", "School or college replied to the consultation", Plan;
    FinalPlanIssued = "final-plan-issued", "Final plan issued", Plan;
    ReviewInvitationSent = "review-invitation-sent", "Invitations to the annual review sent", Review;
    ReviewAdviceCirculated = "review-advice-circulated", "Advice for the annual review sent out", Review;
    ReviewMeeting = "review-meeting", "Annual review meeting held", Review;
    ReviewReportSent = "review-report-sent", "Annual review report sent", Review;
    ReviewDecision = "review-decision", "Council's decision after the annual review", Review;
    AmendmentNoticeIssued = "amendment-notice-issued", "Proposed changes to the plan sent", Review;
    FinalAmendedPlanIssued = "final-amended-plan-issued", "Final amended plan issued", Review;
    DecisionNotToAmend = "decision-not-to-amend", "Council decided not to amend the plan", Review;
    PhaseTransferPlanned = "phase-transfer-planned", "Move to a new school or college planned", PhaseTransfer;
    ReassessmentRequestReceived = "reassessment-request-received", "Request for a re-assessment received", Reassessment;
    DecisionToReassess = "decision-to-reassess", "Council decided to re-assess", Reassessment;
    DecisionNotToReassess = "decision-not-to-reassess", "Council decided not to re-assess", Reassessment;
    MoveNotified = "move-notified", "Council learned of a move to another council's area", Reassessment;
    PlanTransferred = "plan-transferred", "Plan transferred to a new council after a move", Reassessment;
    TransferNoticeReceived = "transfer-notice-received", "New council's notice about the transferred plan received", Reassessment;
    CeaseDecision = "cease-decision", "Council decided to stop the plan", Reassessment;
    MediationAdviserContacted = "mediation-adviser-contacted", "Mediation adviser contacted", Disagreement;
    MediationRequested = "mediation-requested", "Mediation asked for", Disagreement;
    HealthBodyNotified = "health-body-notified", "Council told the health body (ICB) what the mediation is about", Disagreement;
    MediationNotArranged = "mediation-not-arranged", "Council told the mediation adviser it cannot arrange mediation within 30 days", Disagreement;
    MediationDeclined = "mediation-declined", "Family decided not to go to mediation", Disagreement;
    MediationHeld = "mediation-held", "Mediation meeting held", Disagreement;
    MediationCertificateIssued = "mediation-certificate-issued", "Mediation certificate received", Disagreement;
    MediationAgreement = "mediation-agreement", "Agreement reached at mediation", Disagreement;
    MediationAgreementNotified = "mediation-agreement-notified", "Health body told the council of the mediation agreement", Disagreement;
    AgreementActioned = "agreement-actioned", "Mediation agreement carried out", Disagreement;
    AppealLodged = "appeal-lodged", "Appeal sent to the tribunal", Disagreement;
    AppealConceded = "appeal-conceded", "Council told the tribunal it will not oppose the appeal", Tribunal;
    TribunalOrder = "tribunal-order", "Tribunal decision (order)", Tribunal;
    TribunalRecommendation = "tribunal-recommendation", "Tribunal recommendation on health or social care", Tribunal;
    RecommendationResponse = "recommendation-response", "Response to the tribunal's recommendation", Tribunal;
    ComplaintMade = "complaint-made", "Complaint made to the council", Complaint;
    ComplaintAcknowledged = "complaint-acknowledged", "Council acknowledged the complaint", Complaint;
    ComplaintResponded = "complaint-responded", "Council replied to the complaint", Complaint;
    OmbudsmanComplaintMade = "ombudsman-complaint-made", "Complaint made to the Ombudsman", Complaint;
    ExceptionClaimed = "exception-claimed", "Council said an exception to a time limit applies", Exception;
    Letter = "letter", "Letter", Correspondence;
    Email = "email", "Email", Correspondence;
    Call = "call", "Phone call", Correspondence;
    Meeting = "meeting", "Meeting", Correspondence;
    Note = "note", "Note", Correspondence;
}

/// Not derived: the derived clone matched every kind to build it again,
/// about 0.9 KB of the app's first module.
impl Clone for EventKind {
    fn clone(&self) -> EventKind {
        match self {
            EventKind::Custom(id) => EventKind::Custom(id.clone()),
            // SAFETY: every other kind holds nothing: its bytes are the whole
            // of it, and dropping either copy drops nothing.
            known => unsafe { std::ptr::read(known) },
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_kind_reads_back_from_its_id() {
        for kind in EventKind::KNOWN {
            assert_eq!(EventKind::from_id(kind.id()).as_ref(), Some(kind));
        }
    }

    #[test]
    fn every_kind_clones_as_itself() {
        let custom = EventKind::Custom("x-school-visit".into());
        for kind in EventKind::KNOWN.iter().chain([&custom]) {
            let clone = kind.clone();
            assert_eq!(&clone, kind);
            assert_eq!(clone.id(), kind.id());
        }
    }

    #[test]
    fn every_known_kind_knows_its_place_in_the_list() {
        for (index, kind) in EventKind::KNOWN.iter().enumerate() {
            assert_eq!(kind.known_index(), Some(index));
        }
        assert_eq!(EventKind::Custom("x-visit".into()).known_index(), None);
    }

    #[test]
    fn namespaced_kinds_are_kept_and_others_refused() {
        assert_eq!(
            EventKind::from_id("x-school-visit"),
            Some(EventKind::Custom("x-school-visit".into()))
        );
        assert_eq!(EventKind::from_id("request-recieved"), None);
    }
}
