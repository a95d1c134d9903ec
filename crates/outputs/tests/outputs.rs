//! The outputs read as a family or an advocate would read them: the
//! chronology, the letters, the calendar (parsed by a real iCalendar parser)
//! and the spreadsheet (parsed by a real CSV reader).

use std::io::BufReader;

use chrono::{NaiveDate, NaiveDateTime};
use outputs::{
    Chronology, Evaluated, NameShown, calendar, chase_letter, complaint_letter, days_and_weeks,
    deadlines_csv, ombudsman_letter, written_when,
};
use rules::{
    ApproxDate, Case, Evaluation, Event, EventKind, Status, When, evaluate, read_case_file,
};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// The bundled example of a late assessment, on 1 June 2025.
fn late_assessment() -> (Case, Evaluation) {
    let file = read_case_file(include_str!("../../../examples/late-assessment.json")).unwrap();
    let case = file.cases.into_iter().next().unwrap();
    let evaluation = evaluate(&case, day(2025, 6, 1));
    (case, evaluation)
}

/// A request received on Monday 1 September 2025 and nothing since, on
/// Friday 31 October 2025: the decision whether to assess is 18 days late.
fn waiting(child: &str) -> (Case, Evaluation) {
    let case = Case {
        id: "c-1".into(),
        child: Some(child.into()),
        local_authority: Some("Anytown Council".into()),
        events: vec![Event::new(
            "e-1",
            EventKind::RequestReceived,
            day(2025, 9, 1),
        )],
        ..Case::default()
    };
    let evaluation = evaluate(&case, day(2025, 10, 31));
    (case, evaluation)
}

#[test]
fn weeks_and_days_late() {
    assert_eq!(days_and_weeks(1), "1 day");
    assert_eq!(days_and_weeks(6), "6 days");
    assert_eq!(days_and_weeks(7), "7 days (1 week)");
    assert_eq!(days_and_weeks(14), "14 days (2 weeks)");
    assert_eq!(days_and_weeks(23), "23 days (3 weeks 2 days)");
    assert_eq!(days_and_weeks(8), "8 days (1 week 1 day)");
}

#[test]
fn approximate_dates_are_written_with_their_month_or_year() {
    let march = When::Approx(ApproxDate {
        year: 2024,
        month: Some(3),
    });
    let year = When::Approx(ApproxDate {
        year: 2023,
        month: None,
    });
    assert_eq!(written_when(&march), "March 2024 (approximate)");
    assert_eq!(written_when(&year), "2023 (approximate)");
    assert_eq!(written_when(&When::Date(day(2025, 1, 6))), "6 January 2025");
}

#[test]
fn the_chronology_numbers_every_event_in_date_order_and_tables_the_missed_deadlines() {
    let (case, evaluation) = late_assessment();
    let chronology = Chronology::new(&case, &evaluation, NameShown::AsRecorded);
    assert_eq!(chronology.child, "J. T.");
    assert_eq!(chronology.council.as_deref(), Some("Anytown Council"));
    assert_eq!(chronology.reference.as_deref(), Some("EHC/2025/0142"));
    assert_eq!(chronology.prepared, "Prepared on 1 June 2025");
    assert_eq!(chronology.events.len(), 14);
    let first = &chronology.events[0];
    assert_eq!(
        (first.number, first.date.as_str(), first.what.as_str()),
        (1, "3 January 2025", "Request for an assessment sent")
    );
    // The phone call of 30 April comes before the advice of 2 May, though it
    // was logged after it.
    assert_eq!(chronology.events[7].what, "Phone call");
    assert_eq!(chronology.events[7].who, "Case officer");
    assert_eq!(chronology.events[8].date, "2 May 2025");
    assert_eq!(
        chronology.events[1].document,
        "Acknowledgement email, 6 January 2025"
    );

    assert_eq!(chronology.missed.len(), 1);
    let missed = &chronology.missed[0];
    assert_eq!(
        missed.what,
        "Advice for the assessment (Community paediatrician)"
    );
    assert_eq!(missed.due, "7 April 2025");
    assert_eq!(missed.done, "Not yet");
    assert_eq!(missed.late, "55 days (7 weeks 6 days)");
    assert_eq!(missed.citation, "SEND Regulations 2014, reg 8(1)");

    let late: Vec<(&str, &str, &str)> = chronology
        .met_late
        .iter()
        .map(|row| (row.what.as_str(), row.done.as_str(), row.late.as_str()))
        .collect();
    assert_eq!(
        late[..2],
        [
            ("Decision whether to assess", "20 February 2025", "3 days"),
            (
                "Advice for the assessment (Educational psychologist)",
                "2 May 2025",
                "25 days (3 weeks 4 days)"
            ),
        ]
    );
    assert!(late.contains(&("Final plan", "4 July 2025", "39 days (5 weeks 4 days)")));
}

#[test]
fn the_chronology_can_show_initials_only() {
    let (case, evaluation) = waiting("Zoë Ó Briain");
    assert_eq!(
        Chronology::new(&case, &evaluation, NameShown::Initials).child,
        "Z. Ó. B."
    );
    assert_eq!(
        Chronology::new(&case, &evaluation, NameShown::AsRecorded).child,
        "Zoë Ó Briain"
    );
    assert_eq!(NameShown::Initials.apply("A. B."), "A. B.");
    assert_eq!(NameShown::Initials.apply("mary-jane smith"), "M. J. S.");
}

#[test]
fn a_family_s_own_closed_window_is_not_a_council_failure() {
    let (case, _) = late_assessment();
    let later = evaluate(&case, day(2025, 12, 1));
    let chronology = Chronology::new(&case, &later, NameShown::AsRecorded);
    assert!(
        later
            .deadlines
            .iter()
            .any(|d| d.rule.id == "appeal" && d.status == Status::Overdue),
        "the appeal window has closed by December"
    );
    assert!(
        chronology
            .missed
            .iter()
            .all(|row| !row.what.contains("Appeal"))
    );
}

#[test]
fn the_chronology_as_text() {
    let (case, evaluation) = waiting("A. B.");
    let text = Chronology::new(&case, &evaluation, NameShown::AsRecorded).to_text();
    assert_eq!(
        text,
        "Chronology: A. B.\n\
         Council: Anytown Council\n\
         Prepared on 31 October 2025\n\
         \n\
         Events\n  \
         1. 1 September 2025: Request for an assessment received by the council\n\
         \n\
         Deadlines missed\n  \
         Decision whether to assess: due 13 October 2025; done: Not yet; late by 18 days (2 weeks 4 days) (SEND Regulations 2014, reg 5(1))\n\
         \n\
         Deadlines met late\n  \
         None."
    );
}

#[test]
fn a_chase_letter_quotes_the_dates_and_the_regulation() {
    let (case, evaluation) = waiting("A. B.");
    let deadline = evaluation.deadline("decide-whether-to-assess").unwrap();
    let letter = chase_letter(&case, &evaluation, deadline);
    assert_eq!(
        letter.subject,
        "A. B.: Decision whether to assess was due on 13 October 2025"
    );
    assert_eq!(letter.title, "Chase letter: Decision whether to assess");
    for line in [
        "[your name]",
        "31 October 2025",
        "The SEND team, Anytown Council",
        "This time limit started on 1 September 2025 (request for an assessment received by the council).",
        "Under SEND Regulations 2014, reg 5(1), the decision whether to assess was due by 13 October 2025. As of today it is 18 days (2 weeks 4 days) late, and I have not received it.",
        outputs::letters::DRAFTED_WITH,
    ] {
        assert!(letter.body.contains(line), "{line:?} in:\n{}", letter.body);
    }
    assert!(
        !letter.body.contains("Your reference"),
        "no reference was recorded"
    );
}

#[test]
fn a_complaint_lists_every_deadline_missed_or_met_late() {
    let (case, evaluation) = late_assessment();
    let letter = complaint_letter(&case, &evaluation);
    assert_eq!(
        letter.subject,
        "Formal complaint: delays in J. T.'s EHC process"
    );
    for line in [
        "Your reference: EHC/2025/0142",
        "The council has not met these time limits:\n- Advice for the assessment (Community paediatrician): due 7 April 2025 (SEND Regulations 2014, reg 8(1)); not yet received, 55 days overdue.",
        "- Final plan: due 26 May 2025 (SEND Regulations 2014, reg 13(2)); issued 4 July 2025, 39 days late.",
        "[what you want:",
    ] {
        assert!(letter.body.contains(line), "{line:?} in:\n{}", letter.body);
    }
    let note = ombudsman_letter(&case, &evaluation);
    assert!(note.body.contains("The council's reference: EHC/2025/0142"));
    assert!(!note.body.contains("Your reference"));
}

#[test]
fn the_ombudsman_note_uses_the_recorded_complaint_dates_and_invents_none() {
    let (mut case, _) = waiting("A. B.");
    let evaluation = evaluate(&case, day(2025, 10, 31));
    let without = ombudsman_letter(&case, &evaluation);
    assert!(
        without
            .body
            .contains("I complained to Anytown Council on [the date of your complaint].")
    );
    case.events.push(Event::new(
        "e-2",
        EventKind::ComplaintMade,
        day(2025, 10, 14),
    ));
    case.events.push(Event::new(
        "e-3",
        EventKind::ComplaintResponded,
        day(2025, 10, 28),
    ));
    let evaluation = evaluate(&case, day(2025, 10, 31));
    let with = ombudsman_letter(&case, &evaluation);
    for line in [
        "The Local Government and Social Care Ombudsman",
        "I complained to Anytown Council on 14 October 2025.",
        "The council replied on 28 October 2025",
        "- Decision whether to assess: due 13 October 2025 (SEND Regulations 2014, reg 5(1)); not yet made, 18 days overdue.",
        "The first of these was due on 13 October 2025.",
        "Complaint about Anytown Council: delays in A. B.'s Education, Health and Care (EHC) process",
    ] {
        assert!(with.body.contains(line), "{line:?} in:\n{}", with.body);
    }
}

fn stamp() -> NaiveDateTime {
    day(2025, 10, 31).and_hms_opt(0, 0, 0).unwrap()
}

/// Every event of a calendar as (property name, value) pairs, read by the
/// `ical` crate's parser.
fn parsed_events(text: &str) -> Vec<Vec<(String, String)>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    let has = |name: &str, value: &str| {
        calendar
            .properties
            .iter()
            .any(|p| p.name == name && p.value.as_deref() == Some(value))
    };
    assert!(has("VERSION", "2.0") && has("METHOD", "PUBLISH"));
    calendar
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn property<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    &event.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn the_calendar_holds_each_deadline_to_come_as_an_all_day_event() {
    let (case, evaluation) = waiting("Zoë, \"Zee\"; Ó Briain");
    let text = calendar(
        &[Evaluated {
            case: &case,
            evaluation: &evaluation,
        }],
        stamp(),
    );
    assert!(
        text.lines().all(|line| line.len() <= 76),
        "folded at 75 octets"
    );
    assert!(
        text.split("\r\n").all(|line| !line.contains('\n')),
        "CRLF only"
    );
    let events = parsed_events(&text);
    // The overdue decision is past; the 16 and 20 weeks and the Ombudsman's
    // window are to come.
    let summaries: Vec<&str> = events.iter().map(|e| property(e, "SUMMARY")).collect();
    assert_eq!(
        summaries,
        [
            "Zoë\\, \"Zee\"\\; Ó Briain: Decision whether to issue a plan",
            "Zoë\\, \"Zee\"\\; Ó Briain: Final plan",
            "Zoë\\, \"Zee\"\\; Ó Briain: Complaint to the Ombudsman (Decision whether to assess)",
        ]
    );
    let final_plan = &events[1];
    assert_eq!(property(final_plan, "DTSTART"), "20260119");
    assert_eq!(property(final_plan, "DTEND"), "20260120");
    assert_eq!(property(final_plan, "DTSTAMP"), "20251031T000000Z");
    assert_eq!(
        property(final_plan, "UID"),
        "c-1.final-plan.e-1@ehc-timeline"
    );
    assert!(property(final_plan, "DESCRIPTION").contains("SEND Regulations 2014\\, reg 13(2)"));
}

#[test]
fn a_later_export_keeps_each_deadline_s_uid() {
    let (mut case, evaluation) = waiting("A. B.");
    let before = parsed_events(&calendar(
        &[Evaluated {
            case: &case,
            evaluation: &evaluation,
        }],
        stamp(),
    ));
    case.events.push(Event::new(
        "e-2",
        EventKind::DecisionToAssess,
        day(2025, 11, 3),
    ));
    let later = evaluate(&case, day(2025, 11, 10));
    let after = parsed_events(&calendar(
        &[Evaluated {
            case: &case,
            evaluation: &later,
        }],
        stamp(),
    ));
    let uid = |events: &[Vec<(String, String)>], summary: &str| {
        events
            .iter()
            .find(|e| property(e, "SUMMARY").ends_with(summary))
            .map(|e| property(e, "UID").to_owned())
    };
    assert_eq!(uid(&before, "Final plan"), uid(&after, "Final plan"));
    assert!(uid(&after, "Final plan").is_some());
}

#[test]
fn the_spreadsheet_has_a_row_per_deadline_with_iso_and_written_dates() {
    let (case, evaluation) = waiting("=HYPERLINK(\"x\"), A.");
    let (other, other_evaluation) = late_assessment();
    let text = deadlines_csv(&[
        Evaluated {
            case: &case,
            evaluation: &evaluation,
        },
        Evaluated {
            case: &other,
            evaluation: &other_evaluation,
        },
    ]);
    assert!(
        text.starts_with('\u{feff}'),
        "a byte order mark for spreadsheets"
    );
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "Case",
            "Child",
            "Council",
            "Reference",
            "Rule",
            "Deadline",
            "Due (ISO)",
            "Due",
            "Status",
            "Days late",
            "Done (ISO)",
            "Who must act",
            "Citation",
            "Rule id"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows.len(),
        evaluation.deadlines.len() + other_evaluation.deadlines.len()
    );
    let decision = &rows[0];
    assert_eq!(decision[0], "c-1");
    assert_eq!(
        decision[1], "'=HYPERLINK(\"x\"), A.",
        "a formula is shown as text"
    );
    assert_eq!(decision[5], "Decision whether to assess");
    assert_eq!(
        (decision[6].as_str(), decision[7].as_str()),
        ("2025-10-13", "13 October 2025")
    );
    assert_eq!(
        (decision[8].as_str(), decision[9].as_str()),
        ("Overdue", "18")
    );
    assert_eq!(decision[12], "SEND Regulations 2014, reg 5(1)");
    let final_plan = rows
        .iter()
        .find(|row| row[0] == "c-late" && row[13] == "final-plan")
        .unwrap();
    assert_eq!(
        [&final_plan[8], &final_plan[9], &final_plan[10]],
        ["Met late", "39", "2025-07-04"]
    );
}
