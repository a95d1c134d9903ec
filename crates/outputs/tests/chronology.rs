//! The chronology as a family hands it over: every event numbered in date
//! order, then the council's missed and late deadlines with their regulation.

mod common;

use common::{day, late_assessment, moving_and_mediation, on_time, waiting};
use outputs::{Chronology, NameShown, days_and_weeks, written_when};
use rules::{
    Case, Event, EventKind,
    case_file::{ApproxDate, When},
    evaluate,
};

#[test]
fn days_late_are_also_written_in_weeks() {
    assert_eq!(days_and_weeks(1), "1 day");
    assert_eq!(days_and_weeks(6), "6 days");
    assert_eq!(days_and_weeks(7), "7 days (1 week)");
    assert_eq!(days_and_weeks(8), "8 days (1 week 1 day)");
    assert_eq!(days_and_weeks(14), "14 days (2 weeks)");
    assert_eq!(days_and_weeks(23), "23 days (3 weeks 2 days)");
}

#[test]
fn approximate_dates_are_written_with_their_month_or_year() {
    let march = When::Approx(ApproxDate {
        year: 2025,
        month: Some(3),
    });
    let year = When::Approx(ApproxDate {
        year: 2023,
        month: None,
    });
    assert_eq!(written_when(&march), "March 2025 (approximate)");
    assert_eq!(written_when(&year), "2023 (approximate)");
    assert_eq!(written_when(&When::Date(day(2025, 1, 6))), "6 January 2025");
}

/// The worked example: the bundled late assessment on 1 June 2025, word for word.
#[test]
fn the_late_assessment_chronology_word_for_word() {
    let (case, evaluation) = late_assessment();
    let text = Chronology::new(case, &evaluation, NameShown::AsRecorded).to_text();
    let expected = "\
Chronology: J. T.
Council: Anytown Council
Reference: EHC/2025/0142
Prepared on 1 June 2025

Events
  1. 3 January 2025: Request for an assessment sent
     Note: Request emailed to the SEND team by the parent
  2. 6 January 2025: Request for an assessment received by the council
     Document: Acknowledgement email, 6 January 2025
     Note: Acknowledged by the SEND team
  3. 20 February 2025: Council decided to assess
     Document: Decision letter, 20 February 2025
  4. 24 February 2025: Council asked for advice (Educational psychologist)
  5. 24 February 2025: Council asked for advice (Community paediatrician)
  6. 24 February 2025: Council asked for advice (School SENCO)
  7. 28 March 2025: Advice received (School SENCO)
  8. 30 April 2025: Phone call
     Who: Case officer
     Note: Told the draft plan would be late because of the psychologist's report
  9. 2 May 2025: Advice received (Educational psychologist)
  10. 19 May 2025: Draft plan sent
  11. 30 May 2025: Family sent comments on the draft or proposed changes
     Note: Asked for Hill Top Academy to be named
  12. 2 June 2025: Council consulted a school or college (Hill Top Academy)
  13. 20 June 2025: School or college replied to the consultation (Hill Top Academy)
  14. 4 July 2025: Final plan issued
     Document: Final EHC plan, 4 July 2025

Deadlines missed
  Advice for the assessment (Community paediatrician): due 7 April 2025; done: Not yet; late by 55 days (7 weeks 6 days) (SEND Regulations 2014, reg 8(1))

Deadlines met late
  Decision whether to assess: due 17 February 2025; done: 20 February 2025; late by 3 days (SEND Regulations 2014, reg 5(1))
  Advice for the assessment (Educational psychologist): due 7 April 2025; done: 2 May 2025; late by 25 days (3 weeks 4 days) (SEND Regulations 2014, reg 8(1))
  Decision whether to issue a plan: due 28 April 2025; done: 19 May 2025; late by 21 days (3 weeks) (SEND Regulations 2014, reg 10(1))
  Final plan: due 26 May 2025; done: 4 July 2025; late by 39 days (5 weeks 4 days) (SEND Regulations 2014, reg 13(2))
  School's reply to the consultation (Hill Top Academy): due 17 June 2025; done: 20 June 2025; late by 3 days (SEND Code of Practice 2015, para 9.83)";
    assert_eq!(text, expected);
}

#[test]
fn the_tables_hold_what_a_complaint_quotes() {
    let (case, evaluation) = late_assessment();
    let chronology = Chronology::new(case, &evaluation, NameShown::AsRecorded);
    let missed = &chronology.missed[0];
    assert_eq!(
        [
            missed.what.as_str(),
            &missed.due,
            &missed.done,
            &missed.late,
            &missed.citation
        ],
        [
            "Advice for the assessment (Community paediatrician)",
            "7 April 2025",
            "Not yet",
            "55 days (7 weeks 6 days)",
            "SEND Regulations 2014, reg 8(1)",
        ]
    );
    let final_plan = &chronology.met_late[3];
    assert_eq!(
        [final_plan.what.as_str(), &final_plan.done, &final_plan.late],
        ["Final plan", "4 July 2025", "39 days (5 weeks 4 days)"]
    );
    // The phone call of 30 April comes before the advice of 2 May, though it
    // was logged after it.
    let call = &chronology.events[7];
    assert_eq!(
        (call.number, call.date.as_str(), call.what.as_str()),
        (8, "30 April 2025", "Phone call")
    );
    assert_eq!(call.who, "Case officer");
}

#[test]
fn approximate_dates_take_their_place_at_the_start_of_their_month_or_year() {
    let approx = |id: &str, year, month| Event {
        when: When::Approx(ApproxDate { year, month }),
        ..Event::new(id, EventKind::Note, day(2000, 1, 1))
    };
    let case = Case {
        id: "c-approx".into(),
        child: Some("A. B.".into()),
        events: vec![
            Event::new("e-1", EventKind::Call, day(2025, 3, 10)),
            approx("e-2", 2025, Some(3)),
            Event::new("e-3", EventKind::Letter, day(2024, 12, 31)),
            approx("e-4", 2024, None),
        ],
        ..Case::default()
    };
    let evaluation = evaluate(&case, day(2025, 6, 1));
    let chronology = Chronology::new(&case, &evaluation, NameShown::AsRecorded);
    let rows: Vec<(usize, &str, &str)> = chronology
        .events
        .iter()
        .map(|row| (row.number, row.date.as_str(), row.what.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "2024 (approximate)", "Note"),
            (2, "31 December 2024", "Letter"),
            (3, "March 2025 (approximate)", "Note"),
            (4, "10 March 2025", "Phone call"),
        ]
    );
}

#[test]
fn a_case_with_every_deadline_met_has_empty_tables() {
    let (case, evaluation) = on_time();
    let chronology = Chronology::new(case, &evaluation, NameShown::Initials);
    assert!(chronology.missed.is_empty() && chronology.met_late.is_empty());
    assert_eq!(chronology.child, "Case c-on-time", "no name was recorded");
    let text = chronology.to_text();
    assert!(
        text.ends_with("Deadlines missed\n  None.\n\nDeadlines met late\n  None."),
        "{text}"
    );
    assert!(!text.contains("Council:"), "no council was recorded");
}

#[test]
fn the_child_can_be_named_by_initials_only() {
    let (case, evaluation) = waiting("Zoë Ó Briain");
    let initials = Chronology::new(case, &evaluation, NameShown::Initials);
    assert_eq!(initials.child, "Z. Ó. B.");
    assert!(initials.to_text().starts_with("Chronology: Z. Ó. B.\n"));
    assert_eq!(
        Chronology::new(case, &evaluation, NameShown::AsRecorded).child,
        "Zoë Ó Briain"
    );
    assert_eq!(NameShown::Initials.apply("Jane Smith"), "J. S.");
    assert_eq!(NameShown::Initials.apply("mary-jane  smith"), "M. J. S.");
    assert_eq!(NameShown::Initials.apply("A. B."), "A. B.");
    assert_eq!(NameShown::Initials.apply("élodie ørsted"), "É. Ø.");
    assert_eq!(NameShown::Initials.apply("łucja"), "ł.", "kept as typed");
}

#[test]
fn a_family_s_own_closed_window_is_not_a_council_failure() {
    let (case, _) = late_assessment();
    let later = evaluate(case, day(2025, 12, 1));
    assert!(
        later
            .deadlines
            .iter()
            .any(|d| d.rule.id == "appeal" && d.status == rules::Status::Overdue),
        "the appeal window has closed by December"
    );
    let chronology = Chronology::new(case, &later, NameShown::AsRecorded);
    let missed: Vec<&str> = chronology
        .missed
        .iter()
        .map(|row| row.what.as_str())
        .collect();
    assert_eq!(
        missed,
        ["Advice for the assessment (Community paediatrician)"]
    );
}

#[test]
fn the_chronology_names_moves_mediation_notices_and_acknowledgements_in_plain_words() {
    let (case, evaluation) = moving_and_mediation();
    let chronology = Chronology::new(case, &evaluation, NameShown::AsRecorded);
    let events: Vec<&str> = chronology.events.iter().map(|e| e.what.as_str()).collect();
    for what in [
        "Council learned of a move to another council's area",
        "Council told the health body (ICB) what the mediation is about",
        "Council told the mediation adviser it cannot arrange mediation within 30 days",
        "Health body told the council of the mediation agreement",
        "Council acknowledged the complaint",
    ] {
        assert!(events.contains(&what), "{what:?} in {events:#?}");
    }
    let late: Vec<[&str; 2]> = chronology
        .met_late
        .iter()
        .map(|row| [row.what.as_str(), row.citation.as_str()])
        .collect();
    for row in [
        [
            "Old council passing the plan to the new council",
            "SEND Regulations 2014, reg 15(2)",
        ],
        [
            "Telling the health body about mediation",
            "SEND Regulations 2014, reg 35",
        ],
        [
            "Certificate when mediation cannot be arranged",
            "SEND Regulations 2014, reg 37",
        ],
        [
            "Health body telling the council of an agreement",
            "SEND Regulations 2014, reg 42(4)",
        ],
    ] {
        assert!(late.contains(&row), "{row:?} in {late:#?}");
    }
    let missed = &chronology.missed[1];
    assert_eq!(
        [missed.what.as_str(), &missed.due, &missed.citation],
        [
            "Doing what was agreed at mediation",
            "27 February 2026",
            "SEND Regulations 2014, reg 42(5)"
        ]
    );
}
