//! The points where the law is read in more than one way, and the reading the
//! engine takes (timelines.md section 5). The app shows them to the user; each
//! is also said in the working of the dates it affects.

/// One contested point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContestedPoint {
    /// What is contested, in plain words.
    pub point: &'static str,
    /// The reading EHC Timeline takes.
    pub choice: &'static str,
    /// The other reading, and what it changes.
    pub other: &'static str,
}

/// Every contested point, in the order of the EHC process.
pub const CONTESTED_POINTS: &[ContestedPoint] = &[
    ContestedPoint {
        point: "Counting weeks",
        choice: "The day the council received the request is not counted, as the Ombudsman and the High Court count.",
        other: "Some councils count that day as day 1, which makes every date one day earlier.",
    },
    ContestedPoint {
        point: "The 16-week decision whether to issue a plan",
        choice: "The date by which the council must have decided either way, as the Ombudsman reads regulation 10.",
        other: "Strictly, regulation 10 sets 16 weeks only for a decision not to issue a plan.",
    },
    ContestedPoint {
        point: "A council reversing its own refusal to assess",
        choice: "Both counts are shown: the original 20 weeks from the request (the High Court, W v Hertfordshire, 2023), and 10 and 14 weeks from the new decision (the Ombudsman's practice, shown as guidance).",
        other: "Either count on its own.",
    },
    ContestedPoint {
        point: "When an annual review is complete",
        choice: "When the council tells you its decision after the review meeting, as IPSEA reads the law (each case can be set to count from the meeting).",
        other: "The day of the review meeting, which gives earlier dates.",
    },
    ContestedPoint {
        point: "An annual review that falls due during a re-assessment",
        choice: "Not a breach if the re-assessment does what a review would (R (LW) v Islington, 2025): shown as an exception, its date kept; the next 12 months start from the plan that ends the re-assessment.",
        other: "If it did not, the review was still due on that date.",
    },
    ContestedPoint {
        point: "\"Before\" 15 February and 31 March for a move to a new school or college",
        choice: "By that date, as the Ombudsman and councils read it.",
        other: "Read literally, the day before.",
    },
    ContestedPoint {
        point: "Appeal windows that end in August or over Christmas",
        choice: "IPSEA's reading of the tribunal's rules.",
        other: "The literal rule text, which can give an earlier date: if in doubt, appeal before the earlier date.",
    },
    ContestedPoint {
        point: "An appeal window moved off a weekend or bank holiday into August or Christmas week",
        choice: "The next working day, as for any deadline: the earlier date, which is safer.",
        other: "IPSEA counts no day of August or from 25 December to 1 January as a working day, which gives a later date; the working shows both.",
    },
    ContestedPoint {
        point: "Year 11 to a school's own sixth form",
        choice: "A move to a new phase only if you record one.",
        other: "Whether it is a move between phases is not settled; some councils say it is not.",
    },
];
