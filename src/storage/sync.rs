//! Two tabs (or windows) on the same cases. Each tab remembers the stored
//! text it last read or wrote; before writing it checks the stored value is
//! still that text. If another tab wrote in between, this tab never writes
//! over it: it takes the other tab's cases in and re-applies its own changes
//! case by case, where they do not clash (a three-way merge against the cases
//! it last read). Where both tabs changed the same case, their changes are
//! merged event by event (by event id): two tabs adding different events
//! keep both. Where they changed the same event, or the same detail of the
//! case, the other tab's version is kept and the user is told what was not
//! saved — except that a case changed here and deleted there is kept, since
//! a deletion can be done again and lost work cannot.

use std::borrow::Cow;

use rules::Case;
use rules::case_file::IdSet;

use super::{Backend, DecodeError, KEY, LoadProblem, decode, encode, is_locked, keep_aside};
use crate::case::{case_name, new_event_id};

/// One tab's hold on the stored value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    /// The stored text this tab last read or wrote (`None`: nothing stored).
    seen: Option<String>,
    /// The cases in that text: the common ancestor of a merge.
    base: Vec<Case>,
}

/// A change of this tab's that was not saved as it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    /// The name of the case, as the user knows it.
    pub name: String,
    pub kind: ClashKind,
}

/// How the two tabs' changes to one case met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClashKind {
    /// Both changed it: the other tab's version is kept.
    BothChanged,
    /// Both changed the same event of it: the other tab's event is kept
    /// (and every other change of both tabs).
    EventChanged,
    /// Deleted here, changed there: the other tab's version is kept.
    DeletedHere,
    /// Changed here, deleted there: this tab's version is kept.
    DeletedThere,
}

impl Clash {
    /// What happened, in plain words.
    pub fn message(&self) -> String {
        let name = &self.name;
        match self.kind {
            ClashKind::BothChanged => format!(
                "Your change to {name} was not saved: {name} was changed in another tab or window at the same time. You now see the other tab's version; make your change again if it is still needed."
            ),
            ClashKind::EventChanged => format!(
                "Your change to an event of {name} was not saved: the same event was changed in another tab or window at the same time. You now see the other tab's version of it; make your change again if it is still needed."
            ),
            ClashKind::DeletedHere => format!(
                "{name} was not deleted: it was changed in another tab or window at the same time. Delete it again if you still want to."
            ),
            ClashKind::DeletedThere => format!(
                "{name} was deleted in another tab or window, but you had changed it here, so it is kept. Delete it again if you meant to."
            ),
        }
    }
}

/// The cases after taking another tab's write in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merge {
    pub cases: Vec<Case>,
    pub clashes: Vec<Clash>,
}

/// Merges this tab's cases (`mine`) with another tab's (`theirs`), both
/// changed from `base`. Cases keep the other tab's order, and cases new here
/// come after them.
pub fn merge(base: &[Case], mine: &[Case], theirs: &[Case]) -> Merge {
    let mut merged = Merge::default();
    let mut clash = |case: &Case, kind| {
        merged.clashes.push(Clash {
            name: case_name(case).to_owned(),
            kind,
        })
    };
    let mut cases = Vec::with_capacity(theirs.len());
    for their in theirs {
        let old = find(base, &their.id);
        let my = find(mine, &their.id);
        match my {
            _ if my == old || my == Some(their) => cases.push(their.clone()),
            // Only this tab changed (or deleted) it.
            _ if old == Some(their) => cases.extend(my.cloned()),
            Some(my) => match old.and_then(|old| merge_events(old, my, their)) {
                Some((case, clashed)) => {
                    if clashed {
                        clash(their, ClashKind::EventChanged);
                    }
                    cases.push(case);
                }
                None => {
                    clash(their, ClashKind::BothChanged);
                    cases.push(their.clone());
                }
            },
            None => {
                clash(their, ClashKind::DeletedHere);
                cases.push(their.clone());
            }
        }
    }
    for my in mine.iter().filter(|my| find(theirs, &my.id).is_none()) {
        match find(base, &my.id) {
            // New here.
            None => cases.push(my.clone()),
            // Deleted there, unchanged here.
            Some(old) if old == my => {}
            Some(_) => {
                clash(my, ClashKind::DeletedThere);
                cases.push(my.clone());
            }
        }
    }
    merged.cases = cases;
    merged
}

/// One case changed in both tabs from `old`, merged event by event: the
/// case's own details must have changed in one tab only (else `None`); each
/// event is taken from the tab that changed it, and an event both changed
/// differently is the other tab's; two events added under the same new id
/// are both kept, this tab's under the next free id. Events keep the other
/// tab's order, and events new here come after them. Also says whether an
/// event clashed.
fn merge_events(old: &Case, mine: &Case, theirs: &Case) -> Option<(Case, bool)> {
    let details = |case: &Case| Case {
        events: Vec::new(),
        ..case.clone()
    };
    let (old_details, my_details) = (details(old), details(mine));
    let mut merged = if my_details == old_details {
        details(theirs)
    } else if details(theirs) == old_details || details(theirs) == my_details {
        my_details
    } else {
        return None;
    };
    let event = |case: &'_ Case, id: &str| case.events.iter().find(|e| e.id == id).cloned();
    let mut clashed = false;
    let mut added_here = Vec::new();
    let ids = theirs
        .events
        .iter()
        .chain(&mine.events)
        .map(|e| e.id.as_str());
    let mut seen = IdSet::default();
    for id in ids.filter(|id| seen.insert(Cow::Borrowed(id))) {
        let (was, my, their) = (event(old, id), event(mine, id), event(theirs, id));
        let kept = if my == their || my == was {
            their
        } else if their == was {
            my
        } else if was.is_none() {
            // Both added an event under the same new id: both are kept.
            added_here.extend(my);
            their
        } else {
            clashed = true;
            their
        };
        merged.events.extend(kept);
    }
    for mut event in added_here {
        event.id = new_event_id(&merged);
        merged.events.push(event);
    }
    Some((merged, clashed))
}

fn find<'a>(cases: &'a [Case], id: &str) -> Option<&'a Case> {
    cases.iter().find(|case| case.id == id)
}

/// What this tab should show after looking at the stored value.
#[derive(Clone, Debug, PartialEq)]
pub enum Synced {
    /// The stored value is still the one this tab knows.
    Unchanged,
    /// Another tab wrote: the cases to show, and whether they differ from
    /// what is stored (this tab still has changes to save).
    Merged { merge: Merge, unsaved: bool },
    /// Another tab wrote these cases of the store of records: each as this
    /// tab last knew it (`base`) and as stored now (`theirs`; a case gone is
    /// in neither). The state merges them with its own latest cases.
    Theirs(Theirs),
}

/// Cases another tab wrote, to merge with this tab's latest ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Theirs {
    pub ids: Vec<String>,
    pub base: Vec<Case>,
    pub theirs: Vec<Case>,
    /// How many writes of other tabs this tab had read in, this one with
    /// them: a save of cases from before it is not made (see `Lock::save`).
    pub taken: u64,
}

/// Why a save wrote nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The write failed; the stored value is as it was.
    Failed(String),
    /// The stored value must not be written over (a newer version's data,
    /// or unreadable data that could not be kept aside).
    Refused(LoadProblem),
}

impl Session {
    /// A session that last read `seen`, holding `cases`.
    pub fn new(seen: Option<String>, cases: Vec<Case>) -> Session {
        Session { seen, base: cases }
    }

    /// Looks at the stored value (after another tab's `storage` event) and
    /// merges what another tab wrote into `mine`. Writes nothing.
    pub fn refresh(&mut self, backend: &dyn Backend, mine: &[Case]) -> Result<Synced, SaveError> {
        let stored = backend.get(KEY).map_err(SaveError::Failed)?;
        match self.compare(stored, mine)? {
            Compared::Synced(synced) => Ok(synced),
            // Left for the next save, which keeps it aside.
            Compared::Unreadable { .. } => Ok(Synced::Unchanged),
        }
    }

    /// Saves `mine`, in one write, unless another tab wrote since this tab
    /// last looked: then it saves the merge and returns it, to show. A failed
    /// write leaves the stored value byte for byte as it was.
    pub fn save(&mut self, backend: &mut dyn Backend, mine: &[Case]) -> Result<Synced, SaveError> {
        let stored = backend.get(KEY).map_err(SaveError::Failed)?;
        let synced = match self.compare(stored, mine)? {
            Compared::Synced(synced) => synced,
            // Something unreadable was written since: keep it, then save.
            Compared::Unreadable { text, reason } => {
                keep_aside(backend, &text).map_err(|_| {
                    SaveError::Refused(LoadProblem::CouldNotKeepAside {
                        reason,
                        unreadable: text,
                    })
                })?;
                Synced::Unchanged
            }
        };
        let cases = match &synced {
            // A session never reads records: `Theirs` is the record store's.
            Synced::Unchanged | Synced::Theirs(_) => mine,
            Synced::Merged { unsaved: false, .. } => return Ok(synced),
            Synced::Merged { merge, .. } => &merge.cases,
        };
        let text = encode(cases);
        backend.set(KEY, &text).map_err(SaveError::Failed)?;
        self.base = cases.to_vec();
        self.seen = Some(text);
        Ok(synced)
    }

    /// Compares the `stored` value with the one this tab last saw; when
    /// another tab wrote, merges and takes its value as the new one seen.
    fn compare(&mut self, stored: Option<String>, mine: &[Case]) -> Result<Compared, SaveError> {
        if stored == self.seen {
            return Ok(Compared::Synced(Synced::Unchanged));
        }
        let Some(text) = stored else {
            // Cleared from outside the app (the browser's site data): this
            // tab still holds the cases, and writes them back.
            self.seen = None;
            self.base = Vec::new();
            let merge = Merge {
                cases: mine.to_vec(),
                clashes: Vec::new(),
            };
            let unsaved = !mine.is_empty();
            return Ok(Compared::Synced(Synced::Merged { merge, unsaved }));
        };
        let theirs = match decode(&text) {
            Ok(theirs) => theirs,
            Err(DecodeError::TooNew(_)) if is_locked(&text) => {
                return Err(SaveError::Refused(LoadProblem::LockedElsewhere));
            }
            Err(DecodeError::TooNew(found)) => {
                return Err(SaveError::Refused(LoadProblem::TooNew { found }));
            }
            Err(DecodeError::Corrupt(reason)) => {
                return Ok(Compared::Unreadable { text, reason });
            }
        };
        let merge = merge(&self.base, mine, &theirs);
        let unsaved = merge.cases != theirs;
        self.seen = Some(text);
        self.base = theirs;
        Ok(Compared::Synced(Synced::Merged { merge, unsaved }))
    }
}

/// The stored value, next to the one a tab last saw.
enum Compared {
    Synced(Synced),
    /// Another program wrote a value no version of the app can read.
    Unreadable {
        text: String,
        reason: String,
    },
}
