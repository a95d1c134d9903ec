//! The page limits on each party's evidence in the SEND Tribunal's Practice
//! Direction No 1 of 2025 on hearing bundles (Senior President of Tribunals,
//! 22 April 2025; for final hearings listed after 15 July 2025). The limits
//! are on the evidence a party adds, apart from the core bundle (100 pages),
//! the EHC plan with its section K appendices (150) and the working document
//! (25), so only the attached documents' pages are counted against them, not
//! the cover, index or chronology this crate writes. The direction also says
//! the limits are not a target. Summaries read: Birkett Long, "Legal Update:
//! New Practice Direction for SEND Tribunal hearings", 25 April 2025; Enable
//! Law, "New Practice Direction aims to streamline Special Educational Needs
//! Tribunal hearings".

/// A kind of SEND appeal, as the direction sets its evidence limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Appeal {
    /// Against a refusal to carry out an EHC needs assessment or reassessment.
    RefusalToAssess,
    /// Against a refusal to issue an EHC plan.
    RefusalToIssue,
    /// Against sections B and/or F of a plan (the needs and the provision),
    /// with or without section I.
    SectionsBAndF,
    /// Against section I of a plan alone (the school or placement).
    SectionI,
    /// Against a decision to cease to maintain a plan.
    Cease,
    /// A request, in an extended appeal, for recommendations on health or
    /// social care.
    HealthAndSocialCare,
}

impl Appeal {
    /// The most pages of evidence each party may add.
    pub fn page_limit(self) -> u32 {
        match self {
            Appeal::RefusalToIssue | Appeal::SectionsBAndF => 100,
            Appeal::RefusalToAssess
            | Appeal::SectionI
            | Appeal::Cease
            | Appeal::HealthAndSocialCare => 75,
        }
    }

    /// "an appeal against a refusal to assess".
    fn described(self) -> &'static str {
        match self {
            Appeal::RefusalToAssess => "an appeal against a refusal to assess",
            Appeal::RefusalToIssue => "an appeal against a refusal to issue a plan",
            Appeal::SectionsBAndF => "an appeal against sections B and F",
            Appeal::SectionI => "an appeal against section I",
            Appeal::Cease => "an appeal against a decision to cease the plan",
            Appeal::HealthAndSocialCare => "a request for health and social care recommendations",
        }
    }
}

/// The warning when `evidence_pages` pass the limit for `appeal`; none when
/// no kind of appeal was chosen or the evidence is within it.
pub(crate) fn over_limit(appeal: Option<Appeal>, evidence_pages: u32) -> Option<String> {
    let appeal = appeal?;
    let limit = appeal.page_limit();
    (evidence_pages > limit).then(|| {
        format!(
            "The documents come to {evidence_pages} pages: the SEND Tribunal's Practice Direction \
             No 1 of 2025 allows each party {limit} pages of evidence for {}. The bundle is made \
             all the same; the tribunal may refuse evidence over the limit unless a note explains \
             why it is needed.",
            appeal.described()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_the_directions() {
        assert_eq!(Appeal::RefusalToAssess.page_limit(), 75);
        assert_eq!(Appeal::SectionI.page_limit(), 75);
        assert_eq!(Appeal::Cease.page_limit(), 75);
        assert_eq!(Appeal::HealthAndSocialCare.page_limit(), 75);
        assert_eq!(Appeal::RefusalToIssue.page_limit(), 100);
        assert_eq!(Appeal::SectionsBAndF.page_limit(), 100);
    }

    #[test]
    fn warns_only_past_the_limit() {
        assert_eq!(over_limit(Some(Appeal::RefusalToAssess), 75), None);
        assert_eq!(over_limit(None, 500), None);
        let warning = over_limit(Some(Appeal::RefusalToAssess), 76).unwrap();
        assert!(
            warning.starts_with("The documents come to 76 pages"),
            "{warning}"
        );
        assert!(warning.contains("75 pages of evidence for an appeal against a refusal to assess"));
        assert!(over_limit(Some(Appeal::SectionsBAndF), 100).is_none());
        assert!(
            over_limit(Some(Appeal::SectionsBAndF), 101)
                .unwrap()
                .contains("100 pages")
        );
    }
}
