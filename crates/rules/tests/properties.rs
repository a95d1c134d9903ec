//! Properties that hold for any case: random events of every kind, with random
//! dates and fields, evaluated on a random day.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use proptest::prelude::*;
use proptest::sample::select;
use rules::{
    Case, Event, EventKind, Status,
    calendar::Period,
    case_file::{
        ExceptionReason, Matters, Order, ResponseUnit, ReviewCompleteOn, ReviewOutcome, SendMethod,
        Transfer,
    },
    deadline::Limit,
    evaluate,
};

/// The first day of the EHC system, 1 September 2014, and a span of years after it.
fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 9, 1).unwrap() + Days::new(u64::from(offset))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u32..6000).prop_map(day)
}

fn kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        10 => select(EventKind::KNOWN.to_vec()),
        1 => Just(EventKind::Custom("x-school-visit".into())),
    ]
}

/// Any event: a kind, a date, and any of the optional fields, whether or not
/// the kind uses them.
fn event() -> impl Strategy<Value = Event> {
    let names = select(vec![
        "Educational psychologist",
        "Hill Top Academy",
        "NHS therapy",
        "Social care",
    ]);
    (
        (
            kind(),
            date(),
            proptest::option::of(names.clone()),
            proptest::option::of(names),
        ),
        (
            proptest::option::of(select(ReviewOutcome::ALL.to_vec())),
            proptest::option::of(select(Order::ALL.to_vec())),
            proptest::option::of(select(Matters::ALL.to_vec())),
            proptest::option::of(select(Transfer::ALL.to_vec())),
        ),
        (
            proptest::option::of(select(ExceptionReason::ALL.to_vec())),
            proptest::option::of(date()),
            proptest::option::of(date()),
            proptest::option::of(any::<bool>()),
        ),
        (
            proptest::option::of(select(SendMethod::ALL.to_vec())),
            proptest::option::of((0u32..24, 0u32..60)),
            proptest::option::of(0u32..90),
            proptest::option::of(select(ResponseUnit::ALL.to_vec())),
        ),
        (
            proptest::option::of(date()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        (proptest::option::of(date()), proptest::option::of(1u8..=2)),
    )
        .prop_map(
            |(
                (kind, date, party, school),
                (outcome, order, matters, transfer),
                (exception, from, until, disputed),
                (method, time, within, unit),
                (move_date, includes_health, health_only, council_party),
                (agreed_due, stage),
            )| {
                let mut event = Event::new("e", kind, date);
                event.party = party.map(str::to_owned);
                event.school = school.map(str::to_owned);
                (event.outcome, event.order, event.matters, event.transfer) =
                    (outcome, order, matters, transfer);
                (event.exception, event.from, event.until, event.disputed) =
                    (exception, from, until, disputed);
                event.method = method;
                event.time = time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
                (event.respond_within, event.unit) = (within, unit);
                (event.move_date, event.includes_health, event.health_only) =
                    (move_date, includes_health, health_only);
                (event.council_party, event.agreed_due, event.stage) =
                    (council_party, agreed_due, stage);
                event
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(event(), 0..40),
        proptest::option::of((0u32..9000).prop_map(|offset| day(offset) - Days::new(8000))),
        any::<bool>(),
    )
        .prop_map(|(mut events, date_of_birth, by_meeting)| {
            for (i, event) in events.iter_mut().enumerate() {
                event.id = format!("e-{i}");
            }
            let mut case = Case {
                id: "c-prop".into(),
                events,
                date_of_birth,
                ..Case::default()
            };
            if by_meeting {
                case.settings.review_complete_on = ReviewCompleteOn::Meeting;
            }
            case
        })
}

/// Rules whose limit falls before the event that sets it: invitations and advice
/// go out before a review meeting, and a plan is due before a phase transfer.
const COUNTS_BACK: &[&str] = &["review-invitations", "review-advice", "phase-transfer"];

/// Rules counted in whole weeks (N1).
const WEEKLY: &[&str] = &[
    "decide-whether-to-assess",
    "advice",
    "decide-whether-to-issue",
    "final-plan",
    "review-report",
    "review-decision",
    "final-amended-plan",
    "reassessment-final-plan",
    "transfer-notice",
    "mediation-agreed-actions",
    "recommendation-response",
    "order-notify-assessment",
    "order-decide-whether-to-issue",
    "order-draft-plan",
    "order-final-plan",
    "order-amended-plan",
    "order-name-school",
];

proptest! {
    #[test]
    fn evaluation_never_panics_and_statuses_agree_with_days_late(case in case(), today in date()) {
        for deadline in evaluate(&case, today).deadlines {
            let late = matches!(deadline.status, Status::MetLate | Status::Overdue | Status::TooEarly);
            prop_assert_eq!(deadline.days_late > 0, late, "{:?}", deadline);
            if deadline.status == Status::Met && deadline.limit == Limit::By {
                prop_assert!(deadline.done.as_ref().is_some_and(|done| done.date <= deadline.due));
            }
            // A council's claim gives an indicative date; the case law that
            // excuses a review during a re-assessment gives none.
            let case_law = deadline.exceptions.iter().all(|e| e.reason == ExceptionReason::Reassessment);
            if deadline.status == Status::Excepted && case_law {
                prop_assert!(deadline.indicative_due.is_none(), "{:?}", deadline);
            } else if deadline.status == Status::Excepted {
                prop_assert!(deadline.indicative_due.is_some_and(|date| date > deadline.due));
            }
        }
    }

    #[test]
    fn due_dates_never_precede_their_trigger(case in case(), today in date()) {
        for deadline in evaluate(&case, today).deadlines {
            if !COUNTS_BACK.contains(&deadline.rule.id) {
                prop_assert!(deadline.due >= deadline.trigger.date, "{:?}", deadline);
            }
        }
    }

    #[test]
    fn adding_an_unrelated_event_changes_no_deadline(
        case in case(),
        today in date(),
        kind in select(vec![EventKind::Letter, EventKind::Email, EventKind::Call, EventKind::Meeting, EventKind::Note, EventKind::Custom("x-visit".into())]),
        on in date(),
    ) {
        let before = evaluate(&case, today);
        let mut with_note = case.clone();
        with_note.events.push(Event::new("e-unrelated", kind, on));
        let after = evaluate(&with_note, today);
        prop_assert_eq!(before.deadlines, after.deadlines);
        prop_assert_eq!(before.warnings, after.warnings);
    }

    #[test]
    fn week_deadlines_fall_on_the_weekday_of_their_trigger(case in case(), today in date()) {
        for deadline in evaluate(&case, today).deadlines {
            // A date agreed in writing after mediation (reg 42(5)) replaces the count.
            if WEEKLY.contains(&deadline.rule.id) && deadline.citation != "SEND Regulations 2014, reg 42(5)" {
                prop_assert_eq!(deadline.due.weekday(), deadline.trigger.date.weekday(), "{:?}", deadline);
            }
        }
    }

    #[test]
    fn n_weeks_after_any_date_is_the_same_weekday(from in date(), weeks in 0u32..60) {
        prop_assert_eq!(Period::Weeks(weeks).due(from).weekday(), from.weekday());
    }

    #[test]
    fn sorting_by_date_is_the_standard_stable_sort(
        items in prop::collection::vec((0u32..40, 0u32..3, any::<u16>()), 0..200)
    ) {
        // Few distinct dates, so many ties whose order must be kept; each tag
        // owns its text, so an item moved twice or lost would be seen (and
        // dropped twice, or never).
        let mut items: Vec<(NaiveDate, NaiveDate, String)> =
            items.into_iter().map(|(a, b, tag)| (day(a), day(b), tag.to_string())).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|(first, second, _)| (*first, *second));
        let mut moved = items.clone();
        rules::date_order::sort_by_date(&mut items, |(first, second, _)| (*first, *second));
        prop_assert_eq!(&items, &expected);
        rules::date_order::sort_vec_by_date(&mut moved, |(first, second, _)| (*first, *second));
        prop_assert_eq!(moved, expected);
    }
}
