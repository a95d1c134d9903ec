//! The app's state: one plain struct, changed only by [`State::reduce`] over an
//! [`Action`]. Only facts (cases and their events) are kept; each case's
//! evaluation is cached beside it, worked out when first asked for, and again
//! only when that case, or today's date, changes.

use std::cell::OnceCell;
use std::rc::Rc;

use chrono::NaiveDate;
use rules::case_file::json::Value;
use rules::{Case, Evaluation, Event, case_file::ReviewCompleteOn, evaluate};
use yew::Reducible;

pub use crate::case::{case_name, new_event_id};
use crate::storage::backup::BackupRecord;
use crate::storage::sync::{Clash, Merge, Theirs, merge};
use crate::storage::{LoadProblem, Loaded};
use crate::summary::Summary;

/// The extra case-file field that marks a case as archived. Unknown fields
/// round-trip in the case file format, so an older app keeps it.
pub const ARCHIVED: &str = "archived";

self_cell::self_cell!(
    /// A case's evaluation, kept with the case it borrows its events from.
    pub struct CaseEvaluation {
        owner: Rc<Case>,
        #[covariant]
        dependent: Evaluation,
    }
    impl {Debug}
);

impl CaseEvaluation {
    /// Evaluates `case` on `today`.
    pub fn of(case: Rc<Case>, today: NaiveDate) -> Rc<CaseEvaluation> {
        Rc::new(CaseEvaluation::new(case, |case| evaluate(case, today)))
    }

    /// The evaluation.
    pub fn get(&self) -> &Evaluation<'_> {
        self.borrow_dependent()
    }
}

/// One case and what the rules make of it today. The evaluation is worked
/// out the first time it is asked for: a start-up lists the cases from the
/// summaries stored with them, and evaluates only those it opens.
#[derive(Clone, Debug)]
pub struct Entry {
    pub case: Rc<Case>,
    /// Shared by the entry's copies, so the case is evaluated once.
    worked: Rc<Worked>,
}

/// What the rules make of a case on a day, each part once asked for.
#[derive(Debug)]
struct Worked {
    today: NaiveDate,
    evaluated: OnceCell<Rc<CaseEvaluation>>,
    summary: OnceCell<Summary>,
}

impl Worked {
    /// On `today`, starting from `summary` where it holds that day.
    fn on(today: NaiveDate, summary: Option<Summary>) -> Rc<Worked> {
        let fresh = OnceCell::new();
        if let Some(summary) = summary.filter(|s| s.fresh_on(today)) {
            let _ = fresh.set(summary);
        }
        Rc::new(Worked {
            today,
            evaluated: OnceCell::new(),
            summary: fresh,
        })
    }
}

impl Entry {
    /// `case` on `today`.
    pub fn new(case: Case, today: NaiveDate) -> Entry {
        Entry::stored(Rc::new(case), today, None)
    }

    /// `case`, shared with storage, on `today`, with the `summary` stored
    /// with it (used where it holds on `today`).
    pub fn stored(case: Rc<Case>, today: NaiveDate, summary: Option<Summary>) -> Entry {
        Entry {
            case,
            worked: Worked::on(today, summary),
        }
    }

    /// The same case on `today`, keeping its summary where it still holds.
    fn on(&self, today: NaiveDate) -> Entry {
        let summary = self.worked.summary.get().cloned();
        Entry::stored(self.case.clone(), today, summary)
    }

    /// What the rules make of the case today, shared.
    pub fn shared_evaluation(&self) -> &Rc<CaseEvaluation> {
        let Worked {
            today, evaluated, ..
        } = &*self.worked;
        evaluated.get_or_init(|| CaseEvaluation::of(self.case.clone(), *today))
    }

    /// What the rules make of the case today.
    pub fn evaluation(&self) -> &Evaluation<'_> {
        self.shared_evaluation().get()
    }

    /// What the case list shows of the case today: stored, or worked out
    /// from the evaluation.
    pub fn summary(&self) -> &Summary {
        (self.worked.summary).get_or_init(|| Summary::of(self.evaluation()))
    }

    /// Whether the case was evaluated (not listed from a stored summary).
    pub fn is_evaluated(&self) -> bool {
        self.worked.evaluated.get().is_some()
    }

    /// The child's name or initials, or the case id when there is none.
    pub fn name(&self) -> &str {
        case_name(&self.case)
    }

    /// The case and its evaluation, as the outputs of many cases take them.
    pub fn evaluated(&self) -> outputs::Evaluated<'_> {
        outputs::Evaluated {
            case: &self.case,
            evaluation: self.evaluation(),
        }
    }

    /// Whether the user archived the case.
    pub fn archived(&self) -> bool {
        is_archived(&self.case)
    }
}

impl PartialEq for Entry {
    /// Entries are compared by identity: a changed case, or a new day, is
    /// always a new `Rc`.
    fn eq(&self, other: &Entry) -> bool {
        Rc::ptr_eq(&self.case, &other.case) && Rc::ptr_eq(&self.worked, &other.worked)
    }
}

/// Whether the case carries `"archived": true`.
pub fn is_archived(case: &Case) -> bool {
    case.extra.get(ARCHIVED) == Some(&Value::Bool(true))
}

/// What was last deleted, kept so the deletion can be undone.
#[derive(Clone, Debug, PartialEq)]
pub enum Deleted {
    /// A case, and where it was in the list.
    Case { index: usize, entry: Entry },
    /// A case's event, and where it was among the case's events.
    Event {
        case_id: String,
        index: usize,
        event: Box<Event>,
    },
}

/// Whether the last change reached storage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SaveStatus {
    #[default]
    Saved,
    /// The last write failed; storage still holds the data before it.
    Failed(String),
}

/// Whether the browser agreed to keep the app's storage for good
/// (`navigator.storage.persist()`), asked once there is a case to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Persistence {
    /// Not asked yet, or the browser cannot say.
    #[default]
    Unknown,
    Granted,
    /// The browser may clear the data if the site is not used for a while.
    Refused,
}

/// Everything the app knows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The user's local date, given by the browser once.
    pub today: NaiveDate,
    pub cases: Vec<Entry>,
    /// The last deleted case or event, until the next change.
    pub deleted: Option<Deleted>,
    /// Counts changes to the cases: the storage effect saves when it moves.
    pub revision: u64,
    pub save: SaveStatus,
    /// What went wrong reading storage at start, if anything.
    pub load_problem: Option<LoadProblem>,
    /// False when storage must not be written (a newer app's data, or storage
    /// that cannot be read): changes stay in this page only.
    pub writable: bool,
    /// This tab's changes that clashed with another tab's, until the next change.
    pub clashes: Vec<Clash>,
    /// How many writes of other tabs the cases have taken in ([`Theirs::taken`]).
    pub taken: u64,
    /// When the cases were last exported, for the backup reminder.
    pub backup: BackupRecord,
    pub persistence: Persistence,
    /// The stored value the cases were moved from into IndexedDB, until the
    /// next export of all cases.
    pub moved: Option<Rc<str>>,
    /// Which change of the reducer this is ([`crate::hooks::CasesContext`]).
    pub step: Step,
}

/// Counts the reducer's changes, each a new state: the app's context is
/// compared by it. Two states are alike whatever their steps.
#[derive(Clone, Copy, Debug, Default)]
pub struct Step(pub u64);

impl PartialEq for Step {
    fn eq(&self, _: &Step) -> bool {
        true
    }
}

/// The details of a case that a user types.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CaseDetails {
    pub child: String,
    pub local_authority: Option<String>,
    pub reference: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
}

/// Every change the app can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    AddCase {
        id: String,
        details: CaseDetails,
    },
    RenameCase {
        id: String,
        details: CaseDetails,
    },
    SetArchived {
        id: String,
        archived: bool,
    },
    DeleteCase(String),
    UndoDelete,
    AddEvent {
        case_id: String,
        event: Event,
    },
    /// Replaces the event with the same id.
    UpdateEvent {
        case_id: String,
        event: Event,
    },
    DeleteEvent {
        case_id: String,
        event_id: String,
    },
    /// Adds each case, or replaces the case with the same id.
    Import(Vec<Case>),
    SetReviewCompleteOn {
        case_id: String,
        value: ReviewCompleteOn,
    },
    /// The local date changed (the page stayed open past midnight).
    SetToday(NaiveDate),
    Saved,
    SaveFailed(String),
    /// Another tab wrote: show its cases merged with this tab's. `unsaved`:
    /// this tab's changes still need saving over it.
    TakeIn {
        merge: Merge,
        unsaved: bool,
    },
    /// Another tab wrote these cases of the store of records: merged with
    /// this tab's latest, and saved again where this tab's changes remain.
    TakeInTheirs(Theirs),
    /// Storage must no longer be written (another tab wrote newer data).
    StorageRefused(LoadProblem),
    /// The user chose to carry on without the unreadable data (kept aside).
    StartAfresh,
    /// A case file was exported today.
    Exported,
    /// Another tab's backup record.
    BackupRead(BackupRecord),
    SetPersistence(Persistence),
    /// All cases were exported: the value they were moved from is deleted.
    MovedForgotten,
}

impl State {
    /// The state at start: the cases loaded from storage, evaluated on `today`.
    pub fn new(
        today: NaiveDate,
        cases: Vec<Case>,
        load_problem: Option<LoadProblem>,
        writable: bool,
    ) -> State {
        let cases = cases.into_iter().map(|case| Entry::new(case, today));
        State::of_entries(today, cases.collect(), load_problem, writable)
    }

    /// [`State::new`], of `cases` made.
    fn of_entries(
        today: NaiveDate,
        cases: Vec<Entry>,
        load_problem: Option<LoadProblem>,
        writable: bool,
    ) -> State {
        State {
            today,
            cases,
            deleted: None,
            revision: 0,
            save: SaveStatus::Saved,
            load_problem,
            writable,
            clashes: Vec::new(),
            taken: 0,
            backup: BackupRecord::default(),
            persistence: Persistence::Unknown,
            moved: None,
            step: Step::default(),
        }
        .holding_cases()
    }

    /// The state at start from what [`crate::storage::load`] found, its
    /// cases shared, not copied, each with the summary stored with it.
    pub fn from_loaded(today: NaiveDate, loaded: &Loaded) -> State {
        let summaries = (loaded.summaries.iter().cloned()).chain(std::iter::repeat(None));
        let cases = (loaded.cases.iter().zip(summaries))
            .map(|(case, summary)| Entry::stored(case.clone(), today, summary))
            .collect();
        let state = State::of_entries(today, cases, loaded.problem.clone(), loaded.writable);
        State {
            backup: loaded.backup.combine(state.backup),
            moved: loaded.moved.clone(),
            ..state
        }
    }

    /// Notes in the backup record that there are cases to keep.
    fn holding_cases(mut self) -> State {
        if !self.cases.is_empty() {
            self.backup = self.backup.holding_cases(self.today);
        }
        self
    }

    /// The case with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.cases.iter().find(|entry| entry.case.id == id)
    }

    /// Every case, as stored.
    pub fn all_cases(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().map(|entry| entry.case.as_ref())
    }

    /// Every case, shared with the state (no copy): what a save is given.
    pub fn shared_cases(&self) -> Vec<Rc<Case>> {
        self.cases
            .iter()
            .map(|entry| Rc::clone(&entry.case))
            .collect()
    }

    /// The state after `action`, or `None` when nothing changes.
    pub fn apply(&self, action: Action) -> Option<State> {
        self.apply_action(action).map(State::holding_cases)
    }

    fn apply_action(&self, action: Action) -> Option<State> {
        match action {
            Action::AddCase { id, details } => {
                if id.is_empty() || self.entry(&id).is_some() {
                    return None;
                }
                let mut case = Case {
                    id,
                    ..Case::default()
                };
                set_details(&mut case, details);
                let mut next = self.changed();
                next.cases.push(Entry::new(case, self.today));
                Some(next)
            }
            Action::RenameCase { id, details } => self.edit_case(&id, |case| {
                let before = case.clone();
                set_details(case, details);
                *case != before
            }),
            Action::SetArchived { id, archived } => self.edit_case(&id, |case| {
                if is_archived(case) == archived {
                    return false;
                }
                if archived {
                    case.extra.insert(ARCHIVED.to_owned(), Value::Bool(true));
                } else {
                    case.extra.shift_remove(ARCHIVED);
                }
                true
            }),
            Action::DeleteCase(id) => {
                let index = self.cases.iter().position(|entry| entry.case.id == id)?;
                let mut next = self.changed();
                let entry = next.cases.remove(index);
                next.deleted = Some(Deleted::Case { index, entry });
                Some(next)
            }
            Action::UndoDelete => match self.deleted.clone()? {
                Deleted::Case { index, entry } => {
                    let mut next = self.changed();
                    if next.entry(&entry.case.id).is_none() {
                        next.cases.insert(index.min(next.cases.len()), entry);
                    }
                    Some(next)
                }
                Deleted::Event {
                    case_id,
                    index,
                    event,
                } => self.edit_case(&case_id, |case| {
                    if case.events.iter().any(|e| e.id == event.id) {
                        return false;
                    }
                    case.events.insert(index.min(case.events.len()), *event);
                    true
                }),
            },
            Action::AddEvent { case_id, event } => self.edit_case(&case_id, |case| {
                if event.id.is_empty() || case.events.iter().any(|e| e.id == event.id) {
                    return false;
                }
                case.events.push(event);
                true
            }),
            Action::UpdateEvent { case_id, event } => self.edit_case(&case_id, |case| {
                match case.events.iter_mut().find(|e| e.id == event.id) {
                    Some(old) if *old != event => {
                        *old = event;
                        true
                    }
                    _ => false,
                }
            }),
            Action::DeleteEvent { case_id, event_id } => {
                let mut removed = None;
                let mut next = self.edit_case(&case_id, |case| {
                    let index = case.events.iter().position(|e| e.id == event_id);
                    removed = index.map(|index| (index, case.events.remove(index)));
                    removed.is_some()
                })?;
                let (index, event) = removed?;
                next.deleted = Some(Deleted::Event {
                    case_id,
                    index,
                    event: Box::new(event),
                });
                Some(next)
            }
            Action::Import(cases) => {
                if cases.is_empty() {
                    return None;
                }
                let mut next = self.changed();
                for case in cases {
                    let entry = Entry::new(case, self.today);
                    match next.cases.iter_mut().find(|e| e.case.id == entry.case.id) {
                        Some(old) => *old = entry,
                        None => next.cases.push(entry),
                    }
                }
                Some(next)
            }
            Action::SetReviewCompleteOn { case_id, value } => self.edit_case(&case_id, |case| {
                let changed = case.settings.review_complete_on != value;
                case.settings.review_complete_on = value;
                changed
            }),
            Action::SetToday(today) => {
                if today == self.today {
                    return None;
                }
                let mut next = self.clone();
                next.today = today;
                for entry in &mut next.cases {
                    *entry = entry.on(today);
                }
                Some(next)
            }
            Action::Saved => (self.save != SaveStatus::Saved).then(|| State {
                save: SaveStatus::Saved,
                ..self.clone()
            }),
            Action::SaveFailed(reason) => {
                let save = SaveStatus::Failed(reason);
                (self.save != save).then(|| State {
                    save,
                    ..self.clone()
                })
            }
            Action::TakeIn { merge, unsaved } => Some(self.take_in(merge, unsaved)),
            Action::TakeInTheirs(theirs) => Some(self.take_in_theirs(theirs)),
            Action::StorageRefused(problem) => Some(State {
                load_problem: Some(problem),
                writable: false,
                ..self.clone()
            }),
            Action::StartAfresh => self.load_problem.is_some().then(|| State {
                load_problem: None,
                ..self.clone()
            }),
            Action::Exported => self.with_backup(self.backup.exported(self.today)),
            Action::BackupRead(record) => self.with_backup(self.backup.combine(record)),
            Action::MovedForgotten => self.moved.is_some().then(|| State {
                moved: None,
                ..self.clone()
            }),
            Action::SetPersistence(persistence) => {
                (self.persistence != persistence).then(|| State {
                    persistence,
                    ..self.clone()
                })
            }
        }
    }

    fn with_backup(&self, backup: BackupRecord) -> Option<State> {
        (self.backup != backup).then(|| State {
            backup,
            ..self.clone()
        })
    }

    /// The cases of a merge with another tab's; a case that did not change
    /// keeps its evaluation. Clashes add to those shown until the next change.
    fn take_in(&self, merge: Merge, unsaved: bool) -> State {
        let mut next = self.clone();
        if unsaved {
            next.revision += 1;
        }
        next.cases = merge
            .cases
            .into_iter()
            .map(|case| match self.entry(&case.id) {
                Some(entry) if *entry.case == case => entry.clone(),
                _ => Entry::new(case, self.today),
            })
            .collect();
        next.clashes.extend(merge.clashes);
        next
    }

    /// Another tab's versions of some cases, merged with this tab's latest
    /// ones (against what this tab last stored): each case keeps its place,
    /// cases new there come last, and what clashed is told. Always saved
    /// again: a save of this tab's that met the other's wrote none of its
    /// cases, and one made before this merge is not made at all.
    fn take_in_theirs(&self, theirs: Theirs) -> State {
        let Theirs {
            ids,
            base,
            theirs,
            taken,
        } = theirs;
        let mine: Vec<Case> = ids
            .iter()
            .filter_map(|id| self.entry(id))
            .map(|entry| Case::clone(&entry.case))
            .collect();
        let merged = merge(&base, &mine, &theirs);
        let mut next = self.clone();
        next.revision += 1;
        next.taken = taken.max(self.taken);
        let mut cases: Vec<Option<Case>> = merged.cases.into_iter().map(Some).collect();
        let mut take = |id: &str| {
            cases
                .iter_mut()
                .find(|case| case.as_ref().is_some_and(|case| case.id == id))
                .and_then(Option::take)
        };
        next.cases = Vec::with_capacity(self.cases.len());
        for entry in &self.cases {
            if !ids.contains(&entry.case.id) {
                next.cases.push(entry.clone());
            } else if let Some(case) = take(&entry.case.id) {
                next.cases.push(match *entry.case == case {
                    true => entry.clone(),
                    false => Entry::new(case, self.today),
                });
            }
        }
        let today = self.today;
        next.cases.extend(
            cases
                .into_iter()
                .flatten()
                .map(|case| Entry::new(case, today)),
        );
        next.clashes.extend(merged.clashes);
        next
    }

    /// A copy whose cases are about to change: the revision moves on, and a
    /// deletion can no longer be undone.
    fn changed(&self) -> State {
        State {
            revision: self.revision + 1,
            deleted: None,
            clashes: Vec::new(),
            ..self.clone()
        }
    }

    /// Applies `edit` to a copy of one case; re-evaluates that case alone when
    /// `edit` says it changed something. Each edit is its own copy of this:
    /// what is not the edit itself is in two plain functions, once each in
    /// the wasm.
    fn edit_case(&self, id: &str, edit: impl FnOnce(&mut Case) -> bool) -> Option<State> {
        let (index, mut case) = self.copy_of(id)?;
        if !edit(&mut case) {
            return None;
        }
        Some(self.with_case(index, case))
    }

    /// Where case `id` is, and a copy of it to edit.
    #[inline(never)]
    fn copy_of(&self, id: &str) -> Option<(usize, Case)> {
        let index = self.cases.iter().position(|entry| entry.case.id == id)?;
        Some((index, Case::clone(&self.cases[index].case)))
    }

    /// A changed copy, `case` in place `index`, evaluated afresh.
    #[inline(never)]
    fn with_case(&self, index: usize, case: Case) -> State {
        let mut next = self.changed();
        next.cases[index] = Entry::new(case, self.today);
        next
    }
}

fn set_details(case: &mut Case, details: CaseDetails) {
    case.child = Some(details.child);
    case.local_authority = details.local_authority;
    case.reference = details.reference;
    case.date_of_birth = details.date_of_birth;
}

impl Reducible for State {
    type Action = Action;

    /// Returns the same `Rc` when nothing changed, so nothing re-renders.
    fn reduce(self: Rc<State>, action: Action) -> Rc<State> {
        match self.apply(action) {
            Some(mut next) => {
                next.step = Step(self.step.0 + 1);
                Rc::new(next)
            }
            None => self,
        }
    }
}

/// A new case id, `c-` and eight hex digits from `seed`, not used by `cases`.
/// Random rather than counted, so cases made on two devices rarely share an id
/// (an import replaces the case with the same id).
pub fn new_case_id<'a>(cases: impl IntoIterator<Item = &'a Case>, mut seed: u32) -> String {
    let used: Vec<&str> = cases.into_iter().map(|case| case.id.as_str()).collect();
    loop {
        let id = format!("c-{seed:08x}");
        if !used.contains(&id.as_str()) {
            return id;
        }
        seed = seed.wrapping_mul(747_796_405).wrapping_add(2_891_336_453);
    }
}
