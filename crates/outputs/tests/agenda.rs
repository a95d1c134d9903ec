//! The agenda of a caseload, checked on four cases whose deadlines were worked
//! out by hand, on Friday 4 December 2026 (its week runs from Monday 30
//! November to Sunday 6 December):
//!
//! - Amy Jones (Anytown, EHC/1), request 1 September 2026: the decision
//!   whether to assess was due 13 October (overdue); to issue, 22 December;
//!   the final plan, 19 January 2027; the family's Ombudsman window, 13
//!   October 2027.
//! - Ben Smith (Othertown, OT-2), request 23 October 2026: decision due
//!   today, 4 December; to issue, 12 February 2027; final plan, 12 March.
//! - Cara Smith (Anytown, no reference), request 30 October 2026: decision
//!   due 11 December; to issue, 19 February 2027; final plan, 19 March.
//! - Dan Patel (Othertown, OT-9), request 6 January 2025, refused on 10
//!   February 2025 (on time): the family's windows to mediate and appeal
//!   closed on 10 April 2025; nothing is open.

mod common;

use chrono::NaiveDate;
use common::{day, evaluated, kept};
use outputs::{Agenda, Filter, Row, Show, When, agenda_csv, councils};
use rules::{Case, Evaluation, Event, EventKind, Status, case_file::Stage, rule::Actor};

const TODAY: (i32, u32, u32) = (2026, 12, 4);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn case(
    id: &str,
    child: &str,
    council: &str,
    reference: Option<&str>,
    requested: NaiveDate,
) -> Case {
    Case {
        id: id.into(),
        child: Some(child.into()),
        local_authority: Some(council.into()),
        reference: reference.map(Into::into),
        events: vec![Event::new("e-1", EventKind::RequestReceived, requested)],
        ..Case::default()
    }
}

fn caseload() -> Vec<(&'static Case, Evaluation<'static>)> {
    let mut refused = case(
        "c-d",
        "Dan Patel",
        "Othertown Council",
        Some("OT-9"),
        day(2025, 1, 6),
    );
    refused.events.push(Event::new(
        "e-2",
        EventKind::DecisionNotToAssess,
        day(2025, 2, 10),
    ));
    [
        case(
            "c-a",
            "Amy Jones",
            "Anytown Council",
            Some("EHC/1"),
            day(2026, 9, 1),
        ),
        case(
            "c-b",
            "Ben Smith",
            "Othertown Council",
            Some("OT-2"),
            day(2026, 10, 23),
        ),
        case(
            "c-c",
            "Cara Smith",
            "Anytown Council",
            None,
            day(2026, 10, 30),
        ),
        refused,
    ]
    .into_iter()
    .map(|case| kept(case, today()))
    .collect()
}

/// "c-a decide-whether-to-assess 2026-10-13" for each row.
fn listed(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            format!(
                "{} {} {}",
                row.case.id, row.deadline.rule.id, row.deadline.due
            )
        })
        .collect()
}

/// The agenda of the caseload through `filter`: its headings, each with its rows.
fn agenda_of(filter: &Filter) -> Vec<(String, Vec<String>)> {
    let cases = caseload();
    let evaluated = evaluated(&cases);
    let agenda = Agenda::new(&evaluated, today());
    let rows = agenda.rows(&evaluated, filter);
    agenda
        .grouped(&rows)
        .into_iter()
        .map(|(when, rows)| (when.heading(), listed(rows)))
        .collect()
}

fn group(heading: &str, rows: &[&str]) -> (String, Vec<String>) {
    (
        heading.to_owned(),
        rows.iter().map(|row| (*row).to_owned()).collect(),
    )
}

#[test]
fn open_deadlines_overdue_first_then_by_due_date_under_week_and_month_headings() {
    assert_eq!(
        agenda_of(&Filter::default()),
        [
            group("Overdue", &["c-a decide-whether-to-assess 2026-10-13"]),
            group("This week", &["c-b decide-whether-to-assess 2026-12-04"]),
            group("Next week", &["c-c decide-whether-to-assess 2026-12-11"]),
            group("December 2026", &["c-a decide-whether-to-issue 2026-12-22"]),
            group("January 2027", &["c-a final-plan 2027-01-19"]),
            group(
                "February 2027",
                &[
                    "c-b decide-whether-to-issue 2027-02-12",
                    "c-c decide-whether-to-issue 2027-02-19",
                ]
            ),
            group(
                "March 2027",
                &["c-b final-plan 2027-03-12", "c-c final-plan 2027-03-19"]
            ),
            group("October 2027", &["c-a ombudsman-window 2027-10-13"]),
        ]
    );
}

#[test]
fn a_family_window_that_has_passed_is_closed_not_overdue() {
    let all = agenda_of(&Filter {
        show: Show::All,
        ..Filter::default()
    });
    // Done, closed and not applicable deadlines show only when asked for,
    // under the month they fell due; "Overdue" stays the council's.
    assert_eq!(
        all[0],
        group("Overdue", &["c-a decide-whether-to-assess 2026-10-13"])
    );
    assert_eq!(
        all[1],
        group(
            "February 2025",
            &["c-d decide-whether-to-assess 2025-02-17"]
        )
    );
    assert_eq!(
        all[2],
        group(
            "April 2025",
            &[
                "c-d mediation-contact 2025-04-10",
                "c-d appeal 2025-04-10",
                "c-d decide-whether-to-issue 2025-04-28",
            ]
        )
    );
    let rows: usize = all.iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(rows, 15, "every deadline of the four cases");
}

#[test]
fn filters_by_council_who_must_act_status_and_stage() {
    let othertown = agenda_of(&Filter {
        council: Some(" Othertown Council ".into()),
        ..Filter::default()
    });
    assert_eq!(
        othertown,
        [
            group("This week", &["c-b decide-whether-to-assess 2026-12-04"]),
            group("February 2027", &["c-b decide-whether-to-issue 2027-02-12"]),
            group("March 2027", &["c-b final-plan 2027-03-12"]),
        ]
    );
    let family = agenda_of(&Filter {
        actor: Some(Actor::Parent),
        ..Filter::default()
    });
    assert_eq!(
        family,
        [group("October 2027", &["c-a ombudsman-window 2027-10-13"])]
    );
    let met = agenda_of(&Filter {
        show: Show::Only(Status::Met),
        ..Filter::default()
    });
    assert_eq!(
        met,
        [group(
            "February 2025",
            &["c-d decide-whether-to-assess 2025-02-17"]
        )]
    );
    let plans = agenda_of(&Filter {
        stage: Some(Stage::Assessment),
        council: Some("Anytown Council".into()),
        ..Filter::default()
    });
    assert_eq!(
        plans,
        [
            group("Overdue", &["c-a decide-whether-to-assess 2026-10-13"]),
            group("Next week", &["c-c decide-whether-to-assess 2026-12-11"]),
        ]
    );
}

#[test]
fn the_search_finds_a_child_or_a_reference_in_any_case_of_letters() {
    let cases = |search: &str| {
        let mut ids: Vec<String> = agenda_of(&Filter {
            search: search.into(),
            show: Show::All,
            ..Filter::default()
        })
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .map(|row| row.split(' ').next().unwrap().to_owned())
        .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(cases("SMITH"), ["c-b", "c-c"]);
    assert_eq!(cases("ot-"), ["c-b", "c-d"]);
    assert_eq!(cases(" ehc/1 "), ["c-a"]);
    assert_eq!(cases("  "), ["c-a", "c-b", "c-c", "c-d"]);
    assert!(cases("Nobody").is_empty());
}

#[test]
fn each_council_is_offered_once_in_alphabetical_order() {
    let cases = caseload();
    let evaluated = evaluated(&cases);
    assert_eq!(
        councils(&evaluated),
        ["Anytown Council", "Othertown Council"]
    );
}

#[test]
fn weeks_run_from_monday_to_sunday_across_a_year_end() {
    let when =
        |due: NaiveDate, today: NaiveDate| When::of(due, Status::Pending, Actor::Council, today);
    // Sunday 6 December 2026: still the week of Monday 30 November.
    let sunday = day(2026, 12, 6);
    assert_eq!(when(day(2026, 11, 30), sunday), When::ThisWeek);
    assert_eq!(when(day(2026, 12, 7), sunday), When::NextWeek);
    assert_eq!(when(day(2026, 12, 14), sunday), When::Month(2026, 12));
    // Wednesday 30 December 2026: this week ends on Sunday 3 January 2027.
    let new_year = day(2026, 12, 30);
    assert_eq!(when(day(2027, 1, 3), new_year), When::ThisWeek);
    assert_eq!(when(day(2027, 1, 4), new_year), When::NextWeek);
    assert_eq!(when(day(2027, 1, 10), new_year), When::NextWeek);
    assert_eq!(when(day(2027, 1, 11), new_year), When::Month(2027, 1));
    assert_eq!(When::Month(2027, 1).heading(), "January 2027");
    // Overdue is a heading of its own, whatever the date; a family's closed
    // window is listed under its month.
    let overdue = |actor| When::of(day(2026, 12, 1), Status::Overdue, actor, new_year);
    assert_eq!(overdue(Actor::Council), When::Overdue);
    assert_eq!(overdue(Actor::Parent), When::Month(2026, 12));
}

#[test]
fn the_csv_holds_the_rows_chosen_in_the_agendas_order() {
    let cases = caseload();
    let evaluated = evaluated(&cases);
    let agenda = Agenda::new(&evaluated, today());
    let rows = agenda.rows(
        &evaluated,
        &Filter {
            council: Some("Anytown Council".into()),
            ..Filter::default()
        },
    );
    let text = agenda_csv(&rows);
    let body = text.strip_prefix('\u{feff}').unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let read: Vec<(String, String, String)> = reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            (row[0].to_owned(), row[13].to_owned(), row[7].to_owned())
        })
        .collect();
    assert_eq!(
        read,
        [
            ("c-a", "decide-whether-to-assess", "13 October 2026"),
            ("c-c", "decide-whether-to-assess", "11 December 2026"),
            ("c-a", "decide-whether-to-issue", "22 December 2026"),
            ("c-a", "final-plan", "19 January 2027"),
            ("c-c", "decide-whether-to-issue", "19 February 2027"),
            ("c-c", "final-plan", "19 March 2027"),
            ("c-a", "ombudsman-window", "13 October 2027"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
}
