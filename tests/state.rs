//! The reducer: every change the app can make, and the ones that change nothing.

mod common;

use std::rc::Rc;

use common::*;
use ehc_timeline::state::{
    Action, CaseDetails, Deleted, State, is_archived, new_case_id, new_event_id,
};
use rules::{Event, EventKind, Status, case_file::ReviewCompleteOn};
use yew::Reducible;

fn state() -> Rc<State> {
    Rc::new(State::new(day(3, 1), vec![late_assessment()], None, true))
}

fn details(child: &str) -> CaseDetails {
    CaseDetails {
        child: child.into(),
        local_authority: Some("Othertown Council".into()),
        ..CaseDetails::default()
    }
}

#[test]
fn adding_a_case_evaluates_it_and_moves_the_revision() {
    let next = state().reduce(Action::AddCase {
        id: "c-2".into(),
        details: details("E. F."),
    });
    assert_eq!(next.cases.len(), 2);
    assert_eq!(next.entry("c-2").unwrap().name(), "E. F.");
    assert_eq!(next.revision, 1);
}

#[test]
fn adding_a_case_with_a_used_id_changes_nothing() {
    let before = state();
    let after = before.clone().reduce(Action::AddCase {
        id: "c-7f3a".into(),
        details: details("E. F."),
    });
    assert!(Rc::ptr_eq(&before, &after));
}

#[test]
fn renaming_a_case_keeps_its_events() {
    let next = state().reduce(Action::RenameCase {
        id: "c-7f3a".into(),
        details: details("A. B. C."),
    });
    let entry = next.entry("c-7f3a").unwrap();
    assert_eq!(entry.name(), "A. B. C.");
    assert_eq!(entry.case.events.len(), 2);
    assert_eq!(
        entry.case.local_authority.as_deref(),
        Some("Othertown Council")
    );
}

#[test]
fn archiving_keeps_the_flag_inside_the_case_and_restoring_removes_it() {
    let archived = state().reduce(Action::SetArchived {
        id: "c-7f3a".into(),
        archived: true,
    });
    assert!(is_archived(&archived.entry("c-7f3a").unwrap().case));
    let again = archived.clone().reduce(Action::SetArchived {
        id: "c-7f3a".into(),
        archived: true,
    });
    assert!(
        Rc::ptr_eq(&archived, &again),
        "archiving twice changes nothing"
    );
    let restored = archived.reduce(Action::SetArchived {
        id: "c-7f3a".into(),
        archived: false,
    });
    assert!(
        !restored
            .entry("c-7f3a")
            .unwrap()
            .case
            .extra
            .contains_key("archived")
    );
}

#[test]
fn a_deleted_case_comes_back_in_its_place_on_undo() {
    let two = state().reduce(Action::AddCase {
        id: "c-2".into(),
        details: details("E. F."),
    });
    let deleted = two.reduce(Action::DeleteCase("c-7f3a".into()));
    assert!(deleted.entry("c-7f3a").is_none());
    assert!(
        matches!(&deleted.deleted, Some(Deleted::Case { index: 0, entry }) if entry.name() == "A. B.")
    );
    let undone = deleted.reduce(Action::UndoDelete);
    assert_eq!(undone.cases[0].case.id, "c-7f3a");
    assert!(undone.deleted.is_none());
    assert_eq!(undone.revision, 3, "the undo is saved too");
}

#[test]
fn undo_is_only_offered_until_the_next_change() {
    let deleted = state().reduce(Action::DeleteCase("c-7f3a".into()));
    let changed = deleted.reduce(Action::AddCase {
        id: "c-2".into(),
        details: details("E. F."),
    });
    assert!(changed.deleted.is_none());
    let same = changed.clone().reduce(Action::UndoDelete);
    assert!(Rc::ptr_eq(&changed, &same));
}

#[test]
fn adding_an_event_re_evaluates_only_that_case() {
    let two = state().reduce(Action::AddCase {
        id: "c-2".into(),
        details: details("E. F."),
    });
    let other = two.entry("c-7f3a").unwrap().shared_evaluation().clone();
    let event = Event::new("e-1", EventKind::RequestReceived, day(1, 6));
    let next = two.reduce(Action::AddEvent {
        case_id: "c-2".into(),
        event,
    });
    let decision = next
        .entry("c-2")
        .unwrap()
        .evaluation()
        .deadline("decide-whether-to-assess")
        .unwrap()
        .clone();
    assert_eq!((decision.status, decision.days_late), (Status::Overdue, 12));
    assert!(Rc::ptr_eq(
        &other,
        next.entry("c-7f3a").unwrap().shared_evaluation()
    ));
}

#[test]
fn every_edit_to_one_case_keeps_every_other_case_and_its_evaluation() {
    let others = [
        case(
            "c-1",
            "E. F.",
            &[("e-1", EventKind::RequestReceived, day(1, 6))],
        ),
        case(
            "c-2",
            "G. H.",
            &[("e-1", EventKind::DecisionToAssess, day(1, 9))],
        ),
    ];
    let mut cases = vec![late_assessment()];
    cases.extend(others.iter().cloned());
    let before = Rc::new(State::new(day(3, 1), cases, None, true));
    let mut renamed = late_assessment();
    renamed.child = Some("A. B. C.".into());
    let edits = [
        Action::RenameCase {
            id: "c-7f3a".into(),
            details: details("A. B. C."),
        },
        Action::SetArchived {
            id: "c-7f3a".into(),
            archived: true,
        },
        Action::AddEvent {
            case_id: "c-7f3a".into(),
            event: Event::new("e-3", EventKind::Letter, day(2, 25)),
        },
        Action::UpdateEvent {
            case_id: "c-7f3a".into(),
            event: Event::new("e-2", EventKind::DecisionToAssess, day(2, 10)),
        },
        Action::DeleteEvent {
            case_id: "c-7f3a".into(),
            event_id: "e-2".into(),
        },
        Action::SetReviewCompleteOn {
            case_id: "c-7f3a".into(),
            value: ReviewCompleteOn::Meeting,
        },
        Action::Import(vec![renamed]),
    ];
    for edit in edits {
        let label = format!("{edit:?}");
        let after = before.clone().reduce(edit);
        assert_ne!(
            before.entry("c-7f3a"),
            after.entry("c-7f3a"),
            "{label} did not change the case"
        );
        for other in &others {
            let (was, is) = (
                before.entry(&other.id).unwrap(),
                after.entry(&other.id).unwrap(),
            );
            assert!(was == is, "{label} re-evaluated {}", other.id);
        }
    }
}

#[test]
fn updating_and_deleting_an_event() {
    let mut moved = Event::new("e-2", EventKind::DecisionToAssess, day(2, 10));
    moved.note = Some("Letter dated 10 February".into());
    let updated = state().reduce(Action::UpdateEvent {
        case_id: "c-7f3a".into(),
        event: moved.clone(),
    });
    let entry = updated.entry("c-7f3a").unwrap();
    assert_eq!(entry.case.events[1], moved);
    assert_eq!(
        entry
            .evaluation()
            .deadline("decide-whether-to-assess")
            .unwrap()
            .status,
        Status::Met
    );
    let deleted = updated.reduce(Action::DeleteEvent {
        case_id: "c-7f3a".into(),
        event_id: "e-2".into(),
    });
    assert_eq!(deleted.entry("c-7f3a").unwrap().case.events.len(), 1);
    assert_eq!(
        deleted
            .entry("c-7f3a")
            .unwrap()
            .evaluation()
            .deadline("decide-whether-to-assess")
            .unwrap()
            .status,
        Status::Overdue,
        "without the decision, it is overdue again"
    );
}

#[test]
fn a_deleted_event_comes_back_in_its_place_on_undo() {
    let before = state();
    let deleted = before.clone().reduce(Action::DeleteEvent {
        case_id: "c-7f3a".into(),
        event_id: "e-1".into(),
    });
    assert!(matches!(
        &deleted.deleted,
        Some(Deleted::Event { case_id, index: 0, event }) if case_id == "c-7f3a" && event.id == "e-1"
    ));
    let undone = deleted.reduce(Action::UndoDelete);
    assert_eq!(
        undone.entry("c-7f3a").unwrap().case.events,
        before.entry("c-7f3a").unwrap().case.events
    );
    assert_eq!(
        undone
            .entry("c-7f3a")
            .unwrap()
            .evaluation()
            .deadline("decide-whether-to-assess")
            .unwrap()
            .status,
        Status::MetLate
    );
    assert!(undone.deleted.is_none());
}

#[test]
fn changes_to_unknown_cases_or_events_change_nothing() {
    let before = state();
    for action in [
        Action::DeleteCase("c-nope".into()),
        Action::DeleteEvent {
            case_id: "c-7f3a".into(),
            event_id: "e-nope".into(),
        },
        Action::UpdateEvent {
            case_id: "c-7f3a".into(),
            event: Event::new("e-nope", EventKind::Note, day(1, 1)),
        },
        Action::SetReviewCompleteOn {
            case_id: "c-7f3a".into(),
            value: ReviewCompleteOn::Decision,
        },
        Action::Import(vec![]),
        Action::Saved,
        Action::SetToday(day(3, 1)),
    ] {
        let after = before.clone().reduce(action.clone());
        assert!(Rc::ptr_eq(&before, &after), "{action:?} changed the state");
    }
}

#[test]
fn import_replaces_cases_by_id_and_adds_new_ones() {
    let mut replacement = case("c-7f3a", "A. B. (from file)", &[]);
    replacement.events.clear();
    let new = case("c-9", "G. H.", &[]);
    let next = state().reduce(Action::Import(vec![replacement, new]));
    assert_eq!(next.cases.len(), 2);
    assert_eq!(next.cases[0].name(), "A. B. (from file)");
    assert!(next.cases[0].case.events.is_empty());
    assert_eq!(next.cases[1].name(), "G. H.");
}

#[test]
fn the_review_setting_is_kept_per_case() {
    let next = state().reduce(Action::SetReviewCompleteOn {
        case_id: "c-7f3a".into(),
        value: ReviewCompleteOn::Meeting,
    });
    assert_eq!(
        next.entry("c-7f3a")
            .unwrap()
            .case
            .settings
            .review_complete_on,
        ReviewCompleteOn::Meeting
    );
}

#[test]
fn a_new_day_re_evaluates_every_case() {
    let request = case(
        "c-1",
        "E. F.",
        &[("e-1", EventKind::RequestReceived, day(1, 6))],
    );
    let before = Rc::new(State::new(day(2, 17), vec![request], None, true));
    let after = before.reduce(Action::SetToday(day(2, 18)));
    let decision = after.cases[0]
        .evaluation()
        .deadline("decide-whether-to-assess")
        .unwrap()
        .clone();
    assert_eq!((decision.status, decision.days_late), (Status::Overdue, 1));
    assert_eq!(after.revision, 0, "a new day is not a change to save");
}

#[test]
fn a_failed_save_is_remembered_until_a_save_succeeds() {
    let failed = state().reduce(Action::SaveFailed("storage is full".into()));
    assert_eq!(
        failed.save,
        ehc_timeline::state::SaveStatus::Failed("storage is full".into())
    );
    let saved = failed.reduce(Action::Saved);
    assert_eq!(saved.save, ehc_timeline::state::SaveStatus::Saved);
}

#[test]
fn new_ids_are_never_ones_in_use() {
    let state = state();
    let used = rules::Case {
        id: "c-00000001".into(),
        ..rules::Case::default()
    };
    let id = new_case_id([&used], 1);
    assert_ne!(id, "c-00000001");
    assert!(id.starts_with("c-"));
    assert!(state.entry(&new_case_id(state.all_cases(), 7)).is_none());
    assert_eq!(new_event_id(&state.cases[0].case), "e-3");
}

mod storage_and_tabs {
    use super::*;
    use ehc_timeline::state::Persistence;
    use ehc_timeline::storage::LoadProblem;
    use ehc_timeline::storage::backup::BackupRecord;
    use ehc_timeline::storage::sync::{Clash, ClashKind, Merge};

    fn other_case() -> rules::Case {
        case(
            "c-2",
            "E. F.",
            &[("e-1", EventKind::RequestReceived, day(2, 3))],
        )
    }

    fn clash() -> Clash {
        Clash {
            name: "A. B.".into(),
            kind: ClashKind::BothChanged,
        }
    }

    #[test]
    fn another_tabs_records_merge_with_this_tabs_latest_cases_and_save_again() {
        use ehc_timeline::storage::sync::Theirs;
        let base = late_assessment();
        let with = |case: &rules::Case, kind: EventKind| {
            let mut case = case.clone();
            case.events.push(Event::new("e-3", kind, day(3, 1)));
            case
        };
        // This tab added a letter; the other tab a phone call, under the same id.
        let mine = State::new(
            day(3, 1),
            vec![with(&base, EventKind::Letter), other_case()],
            None,
            true,
        );
        let theirs = with(&base, EventKind::Call);
        let next = mine.apply(Action::TakeInTheirs(Theirs {
            ids: vec![base.id.clone()],
            base: vec![base.clone()],
            theirs: vec![theirs],
            taken: 1,
        }));
        let next = next.expect("the state changes");
        let kinds: Vec<&EventKind> = next.cases[0].case.events.iter().map(|e| &e.kind).collect();
        assert_eq!(
            kinds[2..],
            [&EventKind::Call, &EventKind::Letter],
            "both kept"
        );
        assert_eq!(next.cases[1].case.id, "c-2", "each case keeps its place");
        assert!(next.clashes.is_empty());
        assert_eq!(
            next.revision,
            mine.revision + 1,
            "this tab's letter is saved again"
        );
        assert_eq!(
            next.taken, 1,
            "its saves from now on are of cases with that write"
        );
    }

    #[test]
    fn another_tabs_version_kept_whole_still_saves_again() {
        use ehc_timeline::storage::sync::Theirs;
        // Both renamed the case: the other tab's name is kept. A save of
        // this tab's that met it wrote none of its cases, so it saves again.
        let base = late_assessment();
        let rename = |name: &str| rules::Case {
            child: Some(name.into()),
            ..base.clone()
        };
        let mine = State::new(day(3, 1), vec![rename("Mine"), other_case()], None, true);
        let next = mine
            .apply(Action::TakeInTheirs(Theirs {
                ids: vec![base.id.clone()],
                base: vec![base.clone()],
                theirs: vec![rename("Theirs")],
                taken: 2,
            }))
            .expect("the state changes");
        assert_eq!(next.cases[0].case.child.as_deref(), Some("Theirs"));
        let told = Clash {
            name: "Theirs".into(),
            kind: ClashKind::BothChanged,
        };
        assert_eq!(next.clashes, vec![told], "this tab's name was not saved");
        assert_eq!(next.revision, mine.revision + 1, "saved again");
        assert_eq!(next.taken, 2);
    }

    #[test]
    fn taking_in_another_tabs_cases_keeps_the_evaluation_of_unchanged_ones() {
        let before = state();
        let after = before.clone().reduce(Action::TakeIn {
            merge: Merge {
                cases: vec![late_assessment(), other_case()],
                clashes: vec![],
            },
            unsaved: false,
        });
        assert_eq!(after.cases.len(), 2);
        assert_eq!(after.entry("c-7f3a"), before.entry("c-7f3a"));
        assert_eq!(after.entry("c-2").unwrap().name(), "E. F.");
        assert_eq!(after.revision, before.revision, "nothing new to save");
    }

    #[test]
    fn cases_still_to_save_after_taking_in_move_the_revision() {
        let after = state().reduce(Action::TakeIn {
            merge: Merge {
                cases: vec![other_case()],
                clashes: vec![],
            },
            unsaved: true,
        });
        assert_eq!(after.revision, 1);
    }

    #[test]
    fn clashes_are_shown_until_the_next_change() {
        let clashed = state().reduce(Action::TakeIn {
            merge: Merge {
                cases: vec![late_assessment()],
                clashes: vec![clash()],
            },
            unsaved: false,
        });
        assert_eq!(clashed.clashes, vec![clash()]);
        let saved = clashed.clone().reduce(Action::Saved);
        assert_eq!(saved.clashes, vec![clash()], "a save keeps the message");
        let changed = clashed.reduce(Action::DeleteCase("c-7f3a".into()));
        assert!(changed.clashes.is_empty());
    }

    #[test]
    fn another_tab_writing_newer_data_stops_this_tab_saving() {
        let refused = state().reduce(Action::StorageRefused(LoadProblem::TooNew { found: 2 }));
        assert!(!refused.writable);
        assert_eq!(refused.load_problem, Some(LoadProblem::TooNew { found: 2 }));
    }

    #[test]
    fn starting_afresh_hides_the_problem_and_keeps_saving() {
        let problem = LoadProblem::KeptAside {
            reason: "it is not valid JSON".into(),
            kept_as: "ehc-timeline-corrupt-1".into(),
            unreadable: "{".into(),
        };
        let before = Rc::new(State::new(day(3, 1), vec![], Some(problem), true));
        let after = before.reduce(Action::StartAfresh);
        assert_eq!(after.load_problem, None);
        assert!(after.writable);
    }

    #[test]
    fn an_export_is_remembered_as_todays_date() {
        let exported = state().reduce(Action::Exported);
        assert_eq!(exported.backup.last_export, Some(day(3, 1)));
    }

    #[test]
    fn the_first_case_starts_the_never_exported_count() {
        let empty = Rc::new(State::new(day(3, 1), vec![], None, true));
        assert_eq!(empty.backup, BackupRecord::default());
        let one = empty.reduce(Action::AddCase {
            id: "c-1".into(),
            details: details("E. F."),
        });
        assert_eq!(one.backup.cases_since, Some(day(3, 1)));
        // Cases loaded at start count from the loading day, unless the
        // record says they were held earlier.
        assert_eq!(state().backup.cases_since, Some(day(3, 1)));
    }

    #[test]
    fn another_tabs_backup_record_is_combined_with_this_ones() {
        let combined = state().reduce(Action::BackupRead(BackupRecord {
            last_export: Some(day(2, 1)),
            cases_since: Some(day(1, 1)),
        }));
        assert_eq!(combined.backup.last_export, Some(day(2, 1)));
        assert_eq!(combined.backup.cases_since, Some(day(1, 1)));
    }

    #[test]
    fn the_browsers_answer_on_persistent_storage_is_kept() {
        let refused = state().reduce(Action::SetPersistence(Persistence::Refused));
        assert_eq!(refused.persistence, Persistence::Refused);
    }
}
