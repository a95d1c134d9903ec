//! Which cases the agenda and the council report show: the user's own (those
//! not archived), or a pool of cases others shared ([`crate::pools`]), as
//! the `pools` part hands them over ([`Handed`]), evaluated here, never
//! mixed into the user's own.

use std::rc::Rc;

use chrono::NaiveDate;
use outputs::Evaluated;
use rules::read_case_file;
use yew::prelude::*;

use super::agenda_page::not_archived;
use crate::components::fields::SelectFieldProps;
use crate::components::select_field;
use crate::crypto::SessionKey;
use crate::labels::counted;
use crate::parts::LockKey;
use crate::pools::db::Handed;
use crate::pools::{PoolSummary, summaries};
use crate::state::{Entry, State};

/// The cases a page shows, as the user chose them.
#[derive(Clone)]
pub struct CaseSource {
    /// The pools kept on this device; none where they cannot be read.
    pools: Rc<Vec<PoolSummary>>,
    /// The pool chosen; `None`: the user's own cases.
    pool: UseStateHandle<Option<String>>,
    /// The chosen pool's cases once read, or why they could not be.
    pooled: Option<Rc<Result<Pooled, String>>>,
}

/// The user's own cases at first; a pool once chosen from
/// [`CaseSource::select`].
#[hook]
pub fn use_case_source(today: NaiveDate) -> CaseSource {
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    let pools = use_pools(lock.clone());
    let pool = use_state_eq(Option::<String>::default);
    let pooled = use_pooled((*pool).clone(), today, lock);
    CaseSource {
        pools,
        pool,
        pooled,
    }
}

impl CaseSource {
    /// The pool chosen, if one is: its cases are not the user's, so no
    /// page of theirs can be linked to.
    pub fn pool(&self) -> Option<&str> {
        self.pool.as_deref()
    }

    /// The cases chosen, each with its evaluation, and a sentence to show
    /// while a pool is read, or when some of it or all of it cannot be.
    pub fn evaluated<'s>(&'s self, own: &'s State) -> (Vec<Evaluated<'s>>, Option<String>) {
        match (self.pool(), self.pooled.as_deref()) {
            (None, _) => (not_archived(own), None),
            (Some(_), Some(Ok(pooled))) => (
                pooled.entries.iter().map(Entry::evaluated).collect(),
                pooled.left_out(),
            ),
            (Some(_), Some(Err(why))) => (
                Vec::new(),
                Some(format!("The pool could not be read: {why}")),
            ),
            (Some(_), None) => (Vec::new(), Some("Reading the pool\u{2026}".to_owned())),
        }
    }

    /// The select of the cases shown, `id` its id and `label` its label,
    /// `changed` told of a new choice; `None` where no pool is kept.
    pub fn select(
        &self,
        id: &'static str,
        label: &'static str,
        changed: Callback<()>,
    ) -> Option<Html> {
        let pool = self.pool.clone();
        let on_change = Callback::from(move |value: String| {
            changed.emit(());
            pool.set((!value.is_empty()).then_some(value));
        });
        (!self.pools.is_empty()).then(|| {
            select_field(&SelectFieldProps {
                id: id.into(),
                label: label.into(),
                hint: Some("A pool holds cases other families shared anonymised: it is shown on its own, never with yours.".into()),
                options: self
                    .pools
                    .iter()
                    .map(|pool| {
                        let label = format!("Pool: {} ({})", pool.name, counted(pool.cases, "case", "cases"));
                        (pool.name.clone().into(), label.into())
                    })
                    .collect(),
                placeholder: Some("Your cases".into()),
                value: self.pool().unwrap_or_default().to_owned().into(),
                error: None,
                on_change,
            })
        })
    }
}

/// The pools kept on this device, opened under `lock`; none where they
/// cannot be read (locked with a passphrase this page does not have).
#[hook]
fn use_pools(lock: Option<SessionKey>) -> Rc<Vec<PoolSummary>> {
    let pools = use_state(Rc::<Vec<PoolSummary>>::default);
    {
        let pools = pools.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                if let Ok(Some(handed)) = Handed::ask(lock.as_ref()).await {
                    pools.set(Rc::new(summaries(&handed.files())));
                }
            });
        });
    }
    (*pools).clone()
}

/// The cases of a pool, evaluated on one day, how many of its files
/// could not be read, and how many files kept in the pools could not be
/// opened (of any pool: what is sealed cannot say which).
pub struct Pooled {
    pub entries: Vec<Entry>,
    pub unreadable: usize,
    pub unopened: usize,
}

impl Pooled {
    /// What is left out of the pool's figures, and what can be done, in
    /// words; `None` when nothing is.
    fn left_out(&self) -> Option<String> {
        let unreadable = (self.unreadable > 0).then(|| {
            format!(
                "{} of the pool could not be read, and are left out.",
                counted(self.unreadable, "file", "files")
            )
        });
        let unopened = (self.unopened > 0).then(|| {
            let (are, they, them) = match self.unopened {
                1 => ("is", "it", "it"),
                _ => ("are", "they", "them"),
            };
            format!(
                "{} in the pools could not be opened and {are} left out: {they} may belong to this pool. The pools page offers {them} to download as stored, or to remove.",
                counted(self.unopened, "file", "files")
            )
        });
        match (unreadable, unopened) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        }
    }
}

/// The cases of the pool `pool` on `today`, opened under `lock`, once read
/// (`None` while they are, or when no pool is chosen), or why they could
/// not be.
#[hook]
fn use_pooled(
    pool: Option<String>,
    today: NaiveDate,
    lock: Option<SessionKey>,
) -> Option<Rc<Result<Pooled, String>>> {
    let read = use_state(|| None);
    {
        let read = read.clone();
        use_effect_with(pool, move |pool| {
            read.set(None);
            if let Some(pool) = pool.clone() {
                yew::platform::spawn_local(async move {
                    read.set(Some(Rc::new(pooled(&pool, today, lock.as_ref()).await)));
                });
            }
        });
    }
    (*read).clone()
}

async fn pooled(pool: &str, today: NaiveDate, lock: Option<&SessionKey>) -> Result<Pooled, String> {
    let handed = Handed::ask(lock).await?;
    let mut found = Pooled {
        entries: Vec::new(),
        unreadable: 0,
        unopened: handed.as_ref().map_or(0, Handed::unopened),
    };
    for text in handed.map(|handed| handed.texts(pool)).unwrap_or_default() {
        match read_case_file(&text) {
            Ok(file) => found
                .entries
                .extend(file.cases.into_iter().map(|case| Entry::new(case, today))),
            Err(_) => found.unreadable += 1,
        }
    }
    Ok(found)
}
