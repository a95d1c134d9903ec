//! Which cases the council report counts: the user's own, or a pool of
//! cases others shared ([`crate::pools`]), read from the pools' database
//! and evaluated here, never mixed into the user's own.

use std::rc::Rc;

use chrono::NaiveDate;
use rules::read_case_file;
use yew::prelude::*;

use crate::pools::db::PoolDb;
use crate::pools::{PoolSummary, summaries};
use crate::state::Entry;

/// The pools kept on this device; none where they cannot be read.
#[hook]
pub fn use_pools() -> Rc<Vec<PoolSummary>> {
    let pools = use_state(Rc::<Vec<PoolSummary>>::default);
    {
        let pools = pools.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                if let Ok(db) = PoolDb::open().await
                    && let Ok(files) = db.files().await
                {
                    pools.set(Rc::new(summaries(&files)));
                }
            });
        });
    }
    (*pools).clone()
}

/// The cases of a pool, evaluated on one day, and how many of its files
/// could not be read.
pub struct Pooled {
    pub entries: Vec<Entry>,
    pub unreadable: usize,
}

/// The cases of the pool `pool` on `today`, once read (`None` while they
/// are, or when no pool is chosen), or why they could not be.
#[hook]
pub fn use_pooled(pool: Option<String>, today: NaiveDate) -> Option<Rc<Result<Pooled, String>>> {
    let read = use_state(|| None);
    {
        let read = read.clone();
        use_effect_with(pool, move |pool| {
            read.set(None);
            if let Some(pool) = pool.clone() {
                yew::platform::spawn_local(async move {
                    read.set(Some(Rc::new(pooled(&pool, today).await)));
                });
            }
        });
    }
    (*read).clone()
}

async fn pooled(pool: &str, today: NaiveDate) -> Result<Pooled, String> {
    let texts = PoolDb::open().await?.texts(pool).await?;
    let mut found = Pooled {
        entries: Vec::new(),
        unreadable: 0,
    };
    for text in texts {
        match read_case_file(&text) {
            Ok(file) => found
                .entries
                .extend(file.cases.into_iter().map(|case| Entry::new(case, today))),
            Err(_) => found.unreadable += 1,
        }
    }
    Ok(found)
}
