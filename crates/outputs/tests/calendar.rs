//! The iCalendar file, read back by a real parser (the `ical` crate): the
//! events a calendar app would show, with the dates, the regulation and UIDs
//! that update rather than duplicate on a second import.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::io::BufReader;

use chrono::NaiveDateTime;
use common::{day, evaluated, example, late_assessment, waiting};
use outputs::calendar;
use rules::{Case, Event, EventKind, Status, evaluate};

fn stamp() -> NaiveDateTime {
    day(2025, 10, 31).and_hms_opt(0, 0, 0).unwrap()
}

/// TEXT values as written, unescaped (RFC 5545, 3.3.11); the parser leaves
/// the escapes in.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(escaped) => out.push(escaped),
                None => panic!("a lone backslash ends {value:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Each event's properties, by name, unescaped, as the `ical` parser reads
/// them; the calendar's own properties are checked on the way.
fn parsed_events(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("a calendar").expect("it parses");
    assert!(calendars.next().is_none(), "one calendar");
    let properties: Vec<(&str, Option<&str>)> = calendar
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_deref()))
        .collect();
    for required in [
        ("VERSION", Some("2.0")),
        ("PRODID", Some("-//EHC Timeline//Deadlines//EN")),
        ("CALSCALE", Some("GREGORIAN")),
        ("METHOD", Some("PUBLISH")),
    ] {
        assert!(properties.contains(&required), "{required:?}");
    }
    calendar
        .events
        .iter()
        .map(|event| {
            event
                .properties
                .iter()
                .map(|p| {
                    let value = unescape(p.value.as_deref().unwrap_or_default());
                    (p.name.clone(), value)
                })
                .collect()
        })
        .collect()
}

fn summaries(events: &[BTreeMap<String, String>]) -> Vec<&str> {
    events.iter().map(|e| e["SUMMARY"].as_str()).collect()
}

/// The worked example: a request on 1 September 2025 and nothing since, on
/// 31 October 2025, as the file starts.
#[test]
fn the_calendar_word_for_word() {
    let cases = [waiting("A. B.")];
    let text = calendar(&evaluated(&cases), stamp());
    let expected_start = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//EHC Timeline//Deadlines//EN\r
CALSCALE:GREGORIAN\r
METHOD:PUBLISH\r
X-WR-CALNAME:EHC Timeline deadlines\r
BEGIN:VEVENT\r
UID:c-1.decide-whether-to-issue.e-1@ehc-timeline\r
DTSTAMP:20251031T000000Z\r
DTSTART;VALUE=DATE:20251222\r
DTEND;VALUE=DATE:20251223\r
SUMMARY:A. B.: Decision whether to issue a plan\r
DESCRIPTION:The council must tell you whether it will issue an EHC plan wit\r
 hin 16 weeks of receiving the request. A draft plan counts as a decision t\r
 o issue.\\nWho must act: the council.\\nSEND Regulations 2014\\, reg 10(1)\\nW\r
 orked out by EHC Timeline\\; not legal advice.\r
TRANSP:TRANSPARENT\r
END:VEVENT\r
";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
}

#[test]
fn each_deadline_to_come_is_an_all_day_event_with_its_regulation() {
    let cases = [waiting("A. B.")];
    let events = parsed_events(&calendar(&evaluated(&cases), stamp()));
    // The decision whether to assess is overdue, so not in the calendar.
    assert_eq!(
        summaries(&events),
        [
            "A. B.: Decision whether to issue a plan",
            "A. B.: Final plan",
            "A. B.: Complaint to the Ombudsman (Decision whether to assess)",
        ]
    );
    let final_plan = &events[1];
    assert_eq!(final_plan["DTSTART"], "20260119");
    assert_eq!(final_plan["DTEND"], "20260120");
    assert_eq!(final_plan["DTSTAMP"], "20251031T000000Z");
    assert_eq!(final_plan["UID"], "c-1.final-plan.e-1@ehc-timeline");
    assert_eq!(
        final_plan["DESCRIPTION"],
        "The council must issue the final EHC plan within 20 weeks of receiving the request for an assessment.\n\
         Who must act: the council.\n\
         SEND Regulations 2014, reg 13(2)\n\
         Worked out by EHC Timeline; not legal advice."
    );
}

#[test]
fn only_deadlines_not_yet_met_and_not_yet_passed_are_exported() {
    let (case, evaluation) = late_assessment();
    let upcoming: Vec<String> = evaluation
        .deadlines
        .iter()
        .filter(|d| matches!(d.status, Status::Pending | Status::DueSoon))
        .map(|d| format!("J. T.: {}", outputs::deadline_title(d)))
        .collect();
    assert!(!upcoming.is_empty());
    let events = parsed_events(&calendar(&evaluated(&[(case, evaluation)]), stamp()));
    assert_eq!(summaries(&events), upcoming);
    assert!(
        !summaries(&events).contains(&"J. T.: Final plan"),
        "issued late, so not to come"
    );
}

/// The calendar of a case whose child is `child`, checked line by line,
/// with the final plan's SUMMARY as written and as read back.
fn final_plan_summary(child: &str, written: &str) {
    let cases = [waiting(child)];
    let text = calendar(&evaluated(&cases), stamp());
    assert!(
        text.contains(&format!("\r\n{written}\r\nDESCRIPTION:")),
        "{written:?} in:\n{text}"
    );
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(
            !line.contains(['\r', '\n']),
            "CRLF ends lines, and only CRLF"
        );
        assert!(!line.ends_with(' '), "{line:?} ends in a space");
    }
    let events = parsed_events(&text);
    assert_eq!(events[1]["SUMMARY"], format!("{child}: Final plan"));
}

#[test]
fn commas_semicolons_backslashes_and_accents_survive_the_round_trip() {
    final_plan_summary(
        "Zoë \"Zee\"; Ó Briain, Jr \\ twin",
        "SUMMARY:Zoë \"Zee\"\\; Ó Briain\\, Jr \\\\ twin: Final plan",
    );
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_a_character() {
    // "SUMMARY:" and 66 ASCII letters fill 74 octets: the two octets of "ë"
    // do not fit, so it starts the next line whole.
    let letters = "a".repeat(66);
    final_plan_summary(
        &format!("{letters}ëa"),
        &format!("SUMMARY:{letters}\r\n ëa: Final plan"),
    );
}

#[test]
fn a_fold_never_leaves_a_space_at_the_end_of_a_line() {
    // The space after 66 letters would end the first line: it starts the next
    // one instead, so a reader that trims lines as it unfolds keeps it.
    let letters = "a".repeat(66);
    final_plan_summary(
        &format!("{letters} Smith"),
        &format!("SUMMARY:{letters}\r\n  Smith: Final plan"),
    );
}

#[test]
fn a_later_export_keeps_each_deadline_s_uid() {
    let (case, evaluation) = waiting("A. B.");
    let before = parsed_events(&calendar(&evaluated(&[(case, evaluation)]), stamp()));
    let mut case = case.clone();
    case.events.push(Event::new(
        "e-2",
        EventKind::DecisionToAssess,
        day(2025, 11, 3),
    ));
    let later = evaluate(&case, day(2025, 12, 10));
    let after_stamp = day(2025, 12, 10).and_hms_opt(0, 0, 0).unwrap();
    let after = parsed_events(&calendar(&evaluated(&[(&case, later)]), after_stamp));
    let uid = |events: &[BTreeMap<String, String>], summary: &str| {
        events
            .iter()
            .find(|e| e["SUMMARY"] == summary)
            .map(|e| e["UID"].clone())
            .unwrap()
    };
    assert_eq!(
        uid(&before, "A. B.: Final plan"),
        uid(&after, "A. B.: Final plan")
    );
    assert_eq!(after[0]["DTSTAMP"], "20251210T000000Z");
}

#[test]
fn no_two_deadlines_share_a_uid() {
    let cases: Vec<Case> = [
        "late-assessment",
        "refusal-and-appeal",
        "annual-review",
        "two-children",
    ]
    .into_iter()
    .flat_map(example)
    .collect();
    for today in [day(2025, 1, 1), day(2025, 6, 1), day(2026, 1, 15)] {
        let evaluations: Vec<_> = cases
            .iter()
            .map(|case| (case, evaluate(case, today)))
            .collect();
        let events = parsed_events(&calendar(&evaluated(&evaluations), stamp()));
        assert!(events.len() > 10, "{} events on {today}", events.len());
        let uids: HashSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
        assert_eq!(uids.len(), events.len(), "on {today}");
    }
}

#[test]
fn one_calendar_holds_the_deadlines_of_several_children() {
    let cases = [late_assessment(), waiting("Zoë Ó Briain")];
    let events = parsed_events(&calendar(&evaluated(&cases), stamp()));
    let children: Vec<&str> = summaries(&events)
        .into_iter()
        .map(|summary| summary.split(": ").next().unwrap())
        .collect();
    assert!(children.contains(&"J. T.") && children.contains(&"Zoë Ó Briain"));
    assert_eq!(children.first(), Some(&"J. T."), "cases in the order given");
}

#[test]
fn a_case_with_nothing_to_come_gives_an_empty_calendar() {
    let case = Case {
        id: "c-empty".into(),
        ..Case::default()
    };
    let evaluation = evaluate(&case, day(2025, 10, 31));
    let text = calendar(&evaluated(&[(&case, evaluation)]), stamp());
    assert!(parsed_events(&text).is_empty());
    assert!(text.ends_with("X-WR-CALNAME:EHC Timeline deadlines\r\nEND:VCALENDAR\r\n"));
}

#[test]
fn control_characters_never_reach_the_calendar() {
    let cases = [waiting("A.\u{0}\u{b}\u{c}\u{1b}\u{7f} B.\tC.")];
    let text = calendar(&evaluated(&cases), stamp());
    assert!(
        !text.contains(|c: char| c.is_control() && !matches!(c, '\r' | '\n' | '\t')),
        "{text:?}"
    );
    let events = parsed_events(&text);
    assert_eq!(
        events[0]["SUMMARY"],
        "A. B.\tC.: Decision whether to issue a plan"
    );
}

#[test]
fn a_deadline_past_the_year_9999_is_left_out_and_the_calendar_stays_valid() {
    // A request mistyped as 1 October 9999: the decision whether to assess
    // (12 November 9999) can be written; the later limits fall in 10000.
    let case = Case {
        id: "c-far".into(),
        events: vec![Event::new(
            "e-1",
            EventKind::RequestReceived,
            day(9999, 10, 1),
        )],
        ..Case::default()
    };
    let evaluation = evaluate(&case, day(9999, 10, 2));
    let text = calendar(&evaluated(&[(&case, evaluation)]), stamp());
    let events = parsed_events(&text);
    let starts: Vec<&str> = events.iter().map(|e| e["DTSTART"].as_str()).collect();
    assert_eq!(starts, ["99991112"]);
    for line in text.split_terminator("\r\n") {
        if let Some(date) = line
            .strip_prefix("DTSTART;VALUE=DATE:")
            .or(line.strip_prefix("DTEND;VALUE=DATE:"))
        {
            assert_eq!(date.len(), 8, "{line}");
        }
    }
}
