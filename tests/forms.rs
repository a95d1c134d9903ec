//! Forms: GOV.UK error messages, and drafts that become cases and events.

mod common;

use common::*;
use ehc_timeline::View;
use ehc_timeline::export::{case_file_text, file_name};
use ehc_timeline::forms::{CaseDraft, DateParts, EventDraft};
use rules::{
    EventKind,
    case_file::{Order, When},
    read_case_file,
};

fn date_message(day: &str, month: &str, year: &str) -> String {
    typed(day, month, year)
        .parse("Date", "date")
        .unwrap_err()
        .message
}

#[test]
fn date_errors_read_as_the_gov_uk_design_system_words_them() {
    assert_eq!(date_message("", "", ""), "Enter the date");
    assert_eq!(date_message("", "2", "2025"), "Date must include a day");
    assert_eq!(date_message("3", "", "2025"), "Date must include a month");
    assert_eq!(date_message("3", "2", ""), "Date must include a year");
    assert_eq!(
        date_message("", "", "2025"),
        "Date must include a day and month"
    );
    assert_eq!(date_message("30", "2", "2025"), "Date must be a real date");
    assert_eq!(date_message("29", "2", "2025"), "Date must be a real date");
    assert_eq!(date_message("3", "13", "2025"), "Date must be a real date");
    assert_eq!(date_message("x", "2", "2025"), "Date must be a real date");
    assert_eq!(date_message("3", "2", "25"), "Year must include 4 numbers");
}

#[test]
fn a_leap_day_is_a_real_date_in_a_leap_year() {
    let date = typed("29", "2", "2024").parse("Date", "date").unwrap();
    assert_eq!(date.to_string(), "2024-02-29");
}

#[test]
fn a_date_error_links_to_the_first_box_at_fault() {
    let error = typed("3", "", "").parse("Date", "date").unwrap_err();
    assert_eq!(error.target, "date-month");
    assert_eq!(error.parts, [false, true, true]);
}

#[test]
fn spaces_around_the_numbers_are_ignored() {
    let date = typed(" 6 ", "1 ", " 2025").parse("Date", "date").unwrap();
    assert_eq!(date.to_string(), "2025-01-06");
}

#[test]
fn a_case_needs_a_name_and_a_real_date_of_birth_if_any() {
    let errors = CaseDraft {
        date_of_birth: typed("31", "4", "2015"),
        ..CaseDraft::default()
    }
    .validate()
    .unwrap_err();
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Enter the child's name or initials",
            "Date of birth must be a real date"
        ]
    );
    let details = CaseDraft {
        child: "  A. B. ".into(),
        council: "".into(),
        ..CaseDraft::default()
    }
    .validate()
    .unwrap();
    assert_eq!(details.child, "A. B.");
    assert_eq!(details.local_authority, None);
}

fn decision(date: DateParts) -> EventDraft {
    EventDraft {
        kind: "decision-to-assess".into(),
        date,
        ..EventDraft::default()
    }
}

#[test]
fn a_decision_before_the_request_it_answers_is_refused() {
    let request = case(
        "c-1",
        "A. B.",
        &[("e-1", EventKind::RequestReceived, day(1, 6))],
    );
    let errors = decision(typed("3", "1", "2025"))
        .validate(&request, "e-2")
        .unwrap_err();
    assert_eq!(
        errors[0].message,
        "Date must be the same as or after the date of the request"
    );
    let same_day = decision(typed("6", "1", "2025")).validate(&request, "e-2");
    assert!(same_day.is_ok(), "{same_day:?}");
}

#[test]
fn a_date_in_an_implausible_year_is_saved_and_the_case_page_warns_of_it() {
    let request = case(
        "c-1",
        "A. B.",
        &[("e-1", EventKind::RequestReceived, day(1, 6))],
    );
    let far = decision(typed("6", "1", "2205")).validate(&request, "e-2");
    assert!(far.is_ok(), "a warning, not a refusal: {far:?}");
}

#[test]
fn a_valid_draft_becomes_an_event_with_only_its_kinds_fields() {
    let draft = EventDraft {
        kind: "tribunal-order".into(),
        date: typed("1", "9", "2025"),
        order: "issue-plan".into(),
        party: "should be dropped".into(),
        who: " Judge ".into(),
        note: "".into(),
        ..EventDraft::default()
    };
    let event = draft.validate(&late_assessment(), "e-3").unwrap();
    assert_eq!(event.id, "e-3");
    assert_eq!(event.kind, EventKind::TribunalOrder);
    assert_eq!(
        event.when,
        When::Date(chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())
    );
    assert_eq!(event.order, Some(Order::IssuePlan));
    assert_eq!(event.party, None);
    assert_eq!(event.who.as_deref(), Some("Judge"));
    assert_eq!(event.note, None);
}

#[test]
fn kinds_that_need_a_field_ask_for_it() {
    let missing = |kind: &str| {
        EventDraft {
            kind: kind.into(),
            date: typed("1", "9", "2025"),
            ..EventDraft::default()
        }
        .validate(&late_assessment(), "e-3")
        .unwrap_err()
        .into_iter()
        .map(|e| e.message)
        .collect::<Vec<_>>()
    };
    assert_eq!(missing("tribunal-order"), ["Select what was ordered"]);
    assert_eq!(
        missing("phase-transfer-planned"),
        ["Select the kind of move"]
    );
    assert_eq!(
        missing("exception-claimed"),
        [
            "Select the reason the council gave",
            "Enter the start date",
            "Enter the end date"
        ]
    );
    let agreement = EventDraft {
        kind: "mediation-agreement".into(),
        date: typed("1", "9", "2025"),
        ..EventDraft::default()
    };
    assert!(
        agreement.validate(&late_assessment(), "e-3").is_ok(),
        "its order is optional"
    );
}

#[test]
fn no_kind_picked_is_an_error() {
    let errors = EventDraft {
        date: typed("1", "9", "2025"),
        ..EventDraft::default()
    }
    .validate(&late_assessment(), "e-3")
    .unwrap_err();
    assert_eq!(errors[0].message, "Select what happened");
    assert_eq!(errors[0].target, "kind");
}

#[test]
fn editing_an_event_keeps_the_fields_the_form_does_not_show() {
    let mut case = late_assessment();
    case.events[1]
        .extra
        .insert("x-colour".into(), ours(serde_json::json!("blue")));
    let mut draft = EventDraft::from_event(&case.events[1]);
    draft.note = "Chased by phone".into();
    let event = draft.validate(&case, "e-2").unwrap();
    assert_eq!(event.extra["x-colour"], "blue");
    assert_eq!(event.note.as_deref(), Some("Chased by phone"));
}

#[test]
fn every_kind_a_user_can_save_reads_back_from_an_exported_file() {
    for kind in EventKind::KNOWN {
        let draft = EventDraft {
            kind: kind.id().into(),
            date: typed("1", "9", "2025"),
            order: "assess".into(),
            transfer: "school".into(),
            exception: "absence".into(),
            from: typed("1", "8", "2025"),
            until: typed("31", "8", "2025"),
            move_date: typed("15", "9", "2025"),
            mediation: "health-only".into(),
            council_not_party: true,
            agreed_due: typed("30", "9", "2025"),
            stage_two: true,
            ..EventDraft::default()
        };
        let mut case = late_assessment();
        let event = draft.validate(&case, "e-3").unwrap();
        case.events.push(event);
        let text = case_file_text([&case], day(9, 2));
        let file = read_case_file(&text).unwrap_or_else(|e| panic!("{}: {e}", kind.id()));
        assert_eq!(file.cases[0], case);
    }
}

#[test]
fn export_file_names_are_safe() {
    assert_eq!(
        file_name("A. B.", day(3, 1), "json"),
        "ehc-timeline-a-b-2025-03-01.json"
    );
    assert_eq!(
        file_name("", day(3, 1), "json"),
        "ehc-timeline-2025-03-01.json"
    );
}

#[test]
fn views_round_trip_through_the_hash() {
    for view in [
        View::Cases,
        View::AddCase,
        View::Import,
        View::Lock,
        View::Agenda,
        View::Case("c-1".into()),
        View::RenameCase("c-1".into()),
        View::LogEvent("c-1".into()),
        View::EditEvent("c 1/é".into(), "e-2".into()),
        View::Chronology("c-1".into()),
        View::Letters("c-1".into()),
        View::Documents("c 1".into(), "e/2".into()),
        View::Bundle("c-1".into()),
        View::Backup,
    ] {
        assert_eq!(View::from_hash(&view.to_hash()), view, "{}", view.to_hash());
    }
    assert_eq!(View::from_hash("#/nowhere"), View::Cases);
    assert_eq!(
        View::Agenda.to_hash(),
        "#/agenda",
        "the case list links to it so"
    );
}

/// A milestone of `kind` on 22 August 2025, with `fill` typed in.
fn milestone(kind: &str, fill: impl FnOnce(&mut EventDraft)) -> Result<rules::Event, Vec<String>> {
    let mut draft = EventDraft {
        kind: kind.into(),
        date: typed("22", "8", "2025"),
        ..EventDraft::default()
    };
    fill(&mut draft);
    draft
        .validate(&late_assessment(), "e-9")
        .map_err(|errors| errors.into_iter().map(|e| e.message).collect())
}

#[test]
fn a_move_needs_the_day_of_the_move() {
    assert_eq!(
        milestone("move-notified", |_| {}).unwrap_err(),
        ["Enter the day of the move"]
    );
    let event = milestone("move-notified", |d| d.move_date = typed("1", "9", "2025")).unwrap();
    assert_eq!(event.move_date, Some(day(9, 1)));
}

#[test]
fn a_mediation_request_records_whether_it_is_about_health_care() {
    let plain = milestone("mediation-requested", |_| {}).unwrap();
    assert_eq!((plain.includes_health, plain.health_only), (None, None));
    let health = milestone("mediation-requested", |d| {
        d.mediation = "includes-health".into()
    })
    .unwrap();
    assert_eq!(
        (health.includes_health, health.health_only),
        (Some(true), None)
    );
    let only = milestone("mediation-requested", |d| {
        d.mediation = "health-only".into()
    })
    .unwrap();
    assert_eq!((only.includes_health, only.health_only), (None, Some(true)));
}

#[test]
fn a_mediation_agreement_records_who_agreed_and_a_date_agreed_in_writing() {
    let event = milestone("mediation-agreement", |d| {
        d.council_not_party = true;
        d.agreed_due = typed("30", "9", "2025");
    })
    .unwrap();
    assert_eq!(event.council_party, Some(false));
    assert_eq!(event.agreed_due, Some(day(9, 30)));
    let plain = milestone("mediation-agreement", |_| {}).unwrap();
    assert_eq!((plain.council_party, plain.agreed_due), (None, None));
    assert_eq!(
        milestone("mediation-agreement", |d| d.agreed_due =
            typed("31", "9", "2025"))
        .unwrap_err(),
        ["Date agreed must be a real date"]
    );
}

#[test]
fn a_complaint_can_be_at_stage_2_and_other_kinds_drop_the_fields_they_do_not_take() {
    let complaint = milestone("complaint-made", |d| d.stage_two = true).unwrap();
    assert_eq!(complaint.stage, Some(2));
    let letter = milestone("letter", |d| {
        d.stage_two = true;
        d.council_not_party = true;
        d.mediation = "health-only".into();
        d.move_date = typed("1", "9", "2025");
    })
    .unwrap();
    assert_eq!(
        (
            letter.stage,
            letter.council_party,
            letter.health_only,
            letter.move_date
        ),
        (None, None, None, None)
    );
}

#[test]
fn changing_a_milestone_keeps_its_new_fields() {
    let event = milestone("mediation-requested", |d| {
        d.mediation = "health-only".into()
    })
    .unwrap();
    let again = EventDraft::from_event(&event)
        .validate(&late_assessment(), "e-9")
        .unwrap();
    assert_eq!(again, event);
    let agreement = milestone("mediation-agreement", |d| {
        d.council_not_party = true;
        d.agreed_due = typed("30", "9", "2025");
    })
    .unwrap();
    assert_eq!(
        EventDraft::from_event(&agreement)
            .validate(&late_assessment(), "e-9")
            .unwrap(),
        agreement
    );
}
