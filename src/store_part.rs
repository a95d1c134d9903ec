//! Every start but the usual one, opened by the part `locked` for the first
//! module: a locked store, a value in localStorage to move into the
//! database, a database that cannot be used (the cases then stay in
//! localStorage) or is too new, a record that cannot be read; and the
//! lock's settings, which change the lock.
//!
//! The first module leaves the code of those starts out (see
//! `crate::start`): it asks the part `locked` to open storage ([`open`]).
//! Where the cases are locked, that part answers with what the Unlock page
//! needs, and the first module shows that page from the part `lock`
//! ([`show_unlock`]), which asks the part `locked` to unlock. Then the part
//! `locked` answers with the cases (as a case file) and a handle on the
//! store it opened, which it keeps, with the lock's key and its sealing;
//! the first module saves through it ([`crate::lock_session::Lock`]): each
//! save hands over the ids of all the cases, in order, and the cases changed
//! since the last hand-over (as a case file), and the part answers as its
//! own `Lock` does. So the part `locked` holds no page (no Yew app), only
//! storage, and the Unlock page weighs on the part `lock`, with the lock's
//! settings: each stays under the 150 KB a part may take.

use js_sys::{Array, Object, Reflect};
use rules::Case;
use wasm_bindgen::JsValue;

use crate::storage::LoadProblem;
use crate::storage::sync::{Clash, ClashKind, Merge, SaveError, Synced, Theirs};

#[cfg(feature = "lockless")]
pub use client::{Remote, open};
#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
pub use served::open;
#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
pub use unlocking::show_unlock;

/// `object[name]`, or undefined.
fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or_default()
}

/// Sets `object[name]`.
fn set(object: &Object, name: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &name.into(), &value.into());
}

/// The text `object[name]`, empty where there is none.
fn text(object: &JsValue, name: &str) -> String {
    get(object, name).as_string().unwrap_or_default()
}

/// How two tabs' changes met ([`Clash`]), numbered by their place here.
const KINDS: [ClashKind; 4] = [
    ClashKind::BothChanged,
    ClashKind::EventChanged,
    ClashKind::DeletedHere,
    ClashKind::DeletedThere,
];

/// `problem` as a JavaScript object: `kind` (0 to 5, in the order of
/// [`LoadProblem`]'s variants) and its words.
pub fn problem_js(problem: &LoadProblem) -> JsValue {
    let object = Object::new();
    let (kind, reason, kept_as, unreadable, found) = match problem {
        LoadProblem::KeptAside {
            reason,
            kept_as,
            unreadable,
        } => (0, reason.as_str(), kept_as.as_str(), unreadable.as_str(), 0),
        LoadProblem::CouldNotKeepAside { reason, unreadable } => {
            (1, reason.as_str(), "", unreadable.as_str(), 0)
        }
        LoadProblem::TooNew { found } => (2, "", "", "", *found),
        LoadProblem::LockedElsewhere => (3, "", "", "", 0),
        LoadProblem::Unavailable { reason } => (4, reason.as_str(), "", "", 0),
        LoadProblem::LocalOnly { reason } => (5, reason.as_str(), "", "", 0),
    };
    set(&object, "kind", kind);
    set(&object, "reason", reason);
    set(&object, "keptAs", kept_as);
    set(&object, "unreadable", unreadable);
    set(&object, "found", found as f64);
    object.into()
}

/// The problem [`problem_js`] wrote, if `value` is one.
pub fn problem_of(value: &JsValue) -> Option<LoadProblem> {
    let reason = text(value, "reason");
    Some(match get(value, "kind").as_f64()? as u8 {
        0 => LoadProblem::KeptAside {
            reason,
            kept_as: text(value, "keptAs"),
            unreadable: text(value, "unreadable"),
        },
        1 => LoadProblem::CouldNotKeepAside {
            reason,
            unreadable: text(value, "unreadable"),
        },
        2 => LoadProblem::TooNew {
            found: get(value, "found").as_f64()? as u64,
        },
        3 => LoadProblem::LockedElsewhere,
        4 => LoadProblem::Unavailable { reason },
        _ => LoadProblem::LocalOnly { reason },
    })
}

/// What a save or a look at another tab's write came to, as a JavaScript
/// object: `{}` unchanged, or one of `failed` (its reason), `refused` (a
/// problem), `theirs` (`ids`, `base` and `theirs` as case files, `taken`)
/// and `merged` (a case file, `clashes` as `[name, kind]`, `unsaved`).
pub fn synced_js(synced: &Result<Synced, SaveError>, file: impl Fn(&[Case]) -> String) -> JsValue {
    let object = Object::new();
    match synced {
        Ok(Synced::Unchanged) => {}
        Err(SaveError::Failed(reason)) => set(&object, "failed", reason.as_str()),
        Err(SaveError::Refused(problem)) => set(&object, "refused", problem_js(problem)),
        Ok(Synced::Theirs(theirs)) => {
            let found = Object::new();
            let ids: Array = theirs.ids.iter().map(|id| JsValue::from_str(id)).collect();
            set(&found, "ids", ids);
            set(&found, "base", file(&theirs.base));
            set(&found, "theirs", file(&theirs.theirs));
            set(&found, "taken", theirs.taken as f64);
            set(&object, "theirs", found);
        }
        Ok(Synced::Merged { merge, unsaved }) => {
            let clashes: Array = (merge.clashes.iter())
                .map(|clash| {
                    let kind = KINDS.iter().position(|k| *k == clash.kind).unwrap_or(0);
                    JsValue::from(Array::of2(
                        &clash.name.as_str().into(),
                        &(kind as u32).into(),
                    ))
                })
                .collect();
            set(&object, "merged", file(&merge.cases));
            set(&object, "clashes", clashes);
            set(&object, "unsaved", *unsaved);
        }
    }
    object.into()
}

/// What [`synced_js`] wrote, with each case file read by `read`; a case
/// file that cannot be read fails the save.
pub fn synced_of(
    value: &JsValue,
    read: impl Fn(&str) -> Option<Vec<Case>>,
) -> Result<Synced, SaveError> {
    let unreadable = || SaveError::Failed(HANDED_BACK.to_owned());
    if let Some(reason) = get(value, "failed").as_string() {
        return Err(SaveError::Failed(reason));
    }
    if let Some(problem) = problem_of(&get(value, "refused")) {
        return Err(SaveError::Refused(problem));
    }
    let theirs = get(value, "theirs");
    if theirs.is_object() {
        let ids = Array::from(&get(&theirs, "ids"));
        return Ok(Synced::Theirs(Theirs {
            ids: ids.iter().filter_map(|id| id.as_string()).collect(),
            base: read(&text(&theirs, "base")).ok_or_else(unreadable)?,
            theirs: read(&text(&theirs, "theirs")).ok_or_else(unreadable)?,
            taken: get(&theirs, "taken").as_f64().unwrap_or_default() as u64,
        }));
    }
    let Some(merged) = get(value, "merged").as_string() else {
        return Ok(Synced::Unchanged);
    };
    let clashes = Array::from(&get(value, "clashes"))
        .iter()
        .map(|clash| Clash {
            name: Reflect::get_u32(&clash, 0)
                .ok()
                .and_then(|name| name.as_string())
                .unwrap_or_default(),
            kind: Reflect::get_u32(&clash, 1)
                .ok()
                .and_then(|kind| kind.as_f64())
                .and_then(|kind| KINDS.get(kind as usize).copied())
                .unwrap_or(ClashKind::BothChanged),
        })
        .collect();
    Ok(Synced::Merged {
        merge: Merge {
            cases: read(&merged).ok_or_else(unreadable)?,
            clashes,
        },
        unsaved: get(value, "unsaved").as_bool().unwrap_or_default(),
    })
}

/// Why a save failed where the cases could not be handed between the
/// first module and the part that stores them: a bug, not the user's.
const HANDED_BACK: &str = "the cases could not be handed over to the part of the app that saves them. Reload this page and make your change again";

#[cfg(feature = "lockless")]
mod client {
    //! The first module's side: it asks, the part `locked` answers.

    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Array, Function};
    use rules::{Case, read_case_file};
    use wasm_bindgen::JsValue;
    use wasm_bindgen::prelude::Closure;
    use yew::Callback;

    use super::{get, problem_of, synced_of, text};
    use crate::browser;
    use crate::export::case_file_text;
    use crate::lock_session::{Changed, Done, Told};
    use crate::storage::migrate::BEFORE_KEY;
    use crate::storage::sync::{SaveError, Synced};
    use crate::storage::{Backend, Loaded, backup};

    /// The store the part `locked` opened, and the cases last handed to it.
    pub struct Remote {
        store: JsValue,
        sent: RefCell<Vec<Rc<Case>>>,
    }

    /// Storage opened by the part `locked` (after the Unlock page, the part
    /// `lock`'s, where the cases are locked): the cases, the handle on that
    /// store, and whether they were just unlocked; or why not.
    pub async fn open() -> Result<(Loaded, Remote, bool), String> {
        let mut opened = browser::part("locked").await?.open_store().await?;
        let locked = get(&opened, "locked");
        if locked.is_object() {
            // The Unlock page is the lock's part's: this one shows no page.
            let host = browser::new_host()?;
            let unlocked = browser::part("lock").await;
            let unlocked = match unlocked {
                Ok(part) => part.unlock(&host, &locked).await,
                Err(reason) => Err(reason),
            };
            host.remove();
            opened = unlocked?;
        }
        let cases =
            read(&text(&opened, "cases")).ok_or("the cases it opened could not be handed over")?;
        let cases: Vec<Rc<Case>> = cases.into_iter().map(Rc::new).collect();
        let local = browser::LocalStore;
        let loaded = Loaded {
            cases: cases.clone(),
            summaries: Vec::new(),
            problem: problem_of(&get(&opened, "problem")),
            writable: get(&opened, "writable").as_bool().unwrap_or_default(),
            saving: Default::default(),
            backup: backup::load(&local),
            moved: local.get(BEFORE_KEY).ok().flatten().map(Into::into),
        };
        let remote = Remote {
            store: get(&opened, "store"),
            sent: RefCell::new(cases),
        };
        Ok((loaded, remote, get(&opened, "unlocked").is_truthy()))
    }

    fn read(file: &str) -> Option<Vec<Case>> {
        read_case_file(file).ok().map(|file| file.cases)
    }

    /// A callback for the part, which answers once with what [`synced_js`]
    /// wrote (see `Lock::save`).
    ///
    /// [`synced_js`]: super::synced_js
    fn answer(done: Done) -> JsValue {
        Closure::once_into_js(move |value: JsValue| done.emit(synced_of(&value, read)))
    }

    impl Remote {
        /// Calls the store's `name` with `args`.
        fn call(&self, name: &str, args: &[JsValue]) -> JsValue {
            let args: Array = args.iter().collect();
            Function::from(get(&self.store, name))
                .apply(&self.store, &args)
                .unwrap_or_default()
        }

        /// The ids of `cases`, in order, and those changed since the last
        /// hand-over as a case file: what the part updates its cases with.
        /// A case is compared with the one in its place then, a pointer
        /// each: after a case is added or deleted, those after it go again.
        fn hand_over(&self, cases: &[Rc<Case>]) -> [JsValue; 2] {
            let changed = {
                let sent = self.sent.borrow();
                (cases.iter().enumerate())
                    .filter(|(at, case)| sent.get(*at).is_none_or(|was| !Rc::ptr_eq(was, case)))
                    .map(|(_, case)| case.as_ref())
                    .collect::<Vec<_>>()
            };
            let file = case_file_text(changed, browser::today());
            let ids: Array = cases
                .iter()
                .map(|case| JsValue::from_str(&case.id))
                .collect();
            *self.sent.borrow_mut() = cases.to_vec();
            [ids.into(), file.into()]
        }

        /// What the part's pages are told of the lock: its key while on,
        /// `false` while off (see `crate::parts::show`).
        pub fn given(&self) -> JsValue {
            self.call("lock", &[])
        }

        /// Whether the cases are stored locked.
        pub fn is_on(&self) -> bool {
            !self.given().is_falsy()
        }

        /// `Lock::save`, by the part.
        pub fn save(&self, cases: &[Rc<Case>], taken: u64, done: Done) {
            let [ids, file] = self.hand_over(cases);
            self.call("save", &[ids, file, (taken as f64).into(), answer(done)]);
        }

        /// `Lock::take_in`, by the part.
        pub fn take_in(&self, asked: Option<Vec<String>>, mine: &[Rc<Case>], done: Done) {
            let [ids, file] = self.hand_over(mine);
            let asked = asked.map_or(JsValue::NULL, |asked| {
                asked
                    .iter()
                    .map(|id| JsValue::from_str(id))
                    .collect::<Array>()
                    .into()
            });
            self.call("takeIn", &[asked, ids, file, answer(done)]);
        }

        /// `Lock::on_other_tabs`, by the part: it listens as long as the page
        /// lives.
        pub fn listen(&self, on_ids: Callback<Vec<String>>) {
            let heard = Closure::<dyn Fn(Array)>::new(move |ids: Array| {
                on_ids.emit(ids.iter().filter_map(|id| id.as_string()).collect())
            });
            self.call("listen", &[heard.into_js_value()]);
        }

        /// Locks the cases with `key` (as the lock's part made it), or
        /// removes the lock (`key` undefined), by the part.
        pub fn change(&self, key: JsValue, cases: &[Rc<Case>], done: Changed, told: Told) {
            let [ids, file] = self.hand_over(cases);
            // Answered as a save is: `{}` or `{failed}`.
            let done = answer(Callback::from(move |changed: Result<Synced, SaveError>| {
                done.emit(changed.map(drop).map_err(|error| match error {
                    SaveError::Failed(reason) => reason,
                    SaveError::Refused(_) => super::HANDED_BACK.to_owned(),
                }))
            }));
            let told = Closure::<dyn Fn(u8)>::new(move |percent| told.emit(percent));
            self.call("change", &[key, ids, file, done, told.into_js_value()]);
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
mod served {
    //! The part `locked`'s side: it opens storage and keeps it. It shows no
    //! page (no Yew app): the Unlock page is the part `lock`'s
    //! ([`super::unlocking`]).

    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    use js_sys::{Array, Function, Object, Promise};
    use rules::{Case, read_case_file};
    use wasm_bindgen::JsValue;
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen_futures::future_to_promise;
    use yew::Callback;

    use super::{problem_js, set, synced_js};
    use crate::browser::{self, Listener};
    use crate::components::{beside, damaged};
    use crate::crypto::{OpenError, SessionKey};
    use crate::export::case_file_text;
    use crate::lock::{self, Start};
    use crate::lock_session::{Done, Lock};
    use crate::storage::sync::{SaveError, Synced};
    use crate::storage::{Loaded, Store};
    use crate::unlock::{damaged_text, set_aside, unlock};

    /// Opens storage as the app whole does (`lock::open`), and answers with
    /// the cases opened (`opened`); or where they are locked, with
    /// `{locked}`: what the Unlock page shows of the lock (`damaged`, why it
    /// cannot be read; `beside`, where plain cases found beside it were
    /// kept) and what it asks (`unlock`, `damagedText`, `setAside`).
    pub async fn open() -> Result<JsValue, JsValue> {
        let mut local = browser::LocalStore;
        let start = lock::open(&mut local).await;
        let store = Store::new(local);
        if let Start::Open(loaded) = start {
            let lock = Lock::open(store, loaded.saving.clone());
            return Ok(opened(&loaded, lock, false));
        }
        let start = Rc::new(start);
        let locked = Object::new();
        if let Some(reason) = damaged(&start) {
            set(&locked, "damaged", reason);
        }
        if let Some(kept_as) = beside(&start) {
            set(&locked, "beside", kept_as);
        }
        let tried = {
            let (start, store) = (start.clone(), store.clone());
            Closure::<dyn Fn(String) -> Promise>::new(move |passphrase: String| {
                let (start, store) = (start.clone(), store.clone());
                future_to_promise(async move {
                    let answer = Object::new();
                    match unlock(&start, &store, &passphrase).await {
                        Ok((loaded, lock)) => return Ok(opened(&loaded, lock, true)),
                        Err(OpenError::WrongPassphrase) => set(&answer, "wrong", true),
                        Err(OpenError::Failed(reason)) => set(&answer, "failed", reason),
                    }
                    Ok(answer.into())
                })
            })
        };
        let text = {
            let start = start.clone();
            Closure::<dyn Fn() -> Promise>::new(move || {
                let start = start.clone();
                future_to_promise(async move {
                    damaged_text(&start)
                        .await
                        .map(JsValue::from)
                        .map_err(JsValue::from)
                })
            })
        };
        let aside = Closure::<dyn Fn() -> Promise>::new(move || {
            let (start, store) = (start.clone(), store.clone());
            future_to_promise(async move {
                let set_aside = set_aside(&start, &store).await;
                set_aside
                    .map(|()| JsValue::UNDEFINED)
                    .map_err(JsValue::from)
            })
        });
        set(&locked, "unlock", tried.into_js_value());
        set(&locked, "damagedText", text.into_js_value());
        set(&locked, "setAside", aside.into_js_value());
        let answer = Object::new();
        set(&answer, "locked", locked);
        Ok(answer.into())
    }

    /// `{cases, problem, writable, unlocked, store}`: the cases `loaded` as
    /// a case file, what is wrong with storage (if anything), whether it may
    /// be written, whether the cases were just unlocked, and the handle on
    /// the store ([`serve`]).
    fn opened(loaded: &Loaded, lock: Lock, unlocked: bool) -> JsValue {
        let today = browser::today();
        let opened = Object::new();
        let cases = case_file_text(loaded.cases.iter().map(Rc::as_ref), today);
        set(&opened, "cases", cases);
        if let Some(problem) = &loaded.problem {
            set(&opened, "problem", problem_js(problem));
        }
        set(&opened, "writable", loaded.writable);
        set(&opened, "unlocked", unlocked);
        set(&opened, "store", serve(lock, loaded.cases.clone()));
        opened.into()
    }

    /// The store the part keeps for the first module, and the cases it
    /// was last handed (see the module's doc).
    struct Served {
        lock: Lock,
        mine: RefCell<Vec<Rc<Case>>>,
        listening: RefCell<Option<Listener>>,
    }

    impl Served {
        /// The cases now: `ids` in order, each the case of `changed` (a
        /// case file) with that id, or else the one last handed over.
        fn now(&self, ids: &Array, changed: &str) -> Option<Vec<Rc<Case>>> {
            let changed = read_case_file(changed).ok()?.cases;
            let mut mine: HashMap<String, Rc<Case>> = (self.mine.borrow().iter())
                .map(|case| (case.id.clone(), case.clone()))
                .collect();
            mine.extend(
                changed
                    .into_iter()
                    .map(|case| (case.id.clone(), Rc::new(case))),
            );
            let now: Vec<Rc<Case>> = (ids.iter())
                .map(|id| mine.get(&id.as_string()?).cloned())
                .collect::<Option<_>>()?;
            *self.mine.borrow_mut() = now.clone();
            Some(now)
        }
    }

    /// The answer to `done`, a JavaScript function, as [`synced_js`] writes it.
    fn answer(done: Function) -> Done {
        let today = browser::today();
        Callback::from(move |synced| {
            let file = |cases: &[Case]| case_file_text(cases, today);
            let _ = done.call1(&JsValue::NULL, &synced_js(&synced, file));
        })
    }

    /// The handle on `lock`'s store that the first module saves through:
    /// `save`, `takeIn`, `listen`, `change` and `lock`, as
    /// [`super::client::Remote`] calls them.
    fn serve(lock: Lock, cases: Vec<Rc<Case>>) -> JsValue {
        let served = Rc::new(Served {
            lock,
            mine: RefCell::new(cases),
            listening: RefCell::default(),
        });
        let store = Object::new();
        let save = {
            let served = served.clone();
            Closure::<dyn Fn(Array, String, f64, Function)>::new(
                move |ids: Array, changed: String, taken: f64, done: Function| {
                    let done = answer(done);
                    match served.now(&ids, &changed) {
                        Some(now) => served.lock.save(now, taken as u64, done),
                        None => done.emit(Err(failed())),
                    }
                },
            )
        };
        let take_in = {
            let served = served.clone();
            Closure::<dyn Fn(JsValue, Array, String, Function)>::new(
                move |asked: JsValue, ids: Array, changed: String, done: Function| {
                    let done = answer(done);
                    let asked = (!asked.is_null()).then(|| {
                        Array::from(&asked)
                            .iter()
                            .filter_map(|id| id.as_string())
                            .collect()
                    });
                    match served.now(&ids, &changed) {
                        Some(mine) => served.lock.take_in(asked, mine, done),
                        None => done.emit(Err(failed())),
                    }
                },
            )
        };
        let listen = {
            let served = served.clone();
            Closure::<dyn Fn(Function)>::new(move |heard: Function| {
                let on_ids = Callback::from(move |ids: Vec<String>| {
                    let ids: Array = ids.iter().map(|id| JsValue::from_str(id)).collect();
                    let _ = heard.call1(&JsValue::NULL, &ids);
                });
                *served.listening.borrow_mut() = served.lock.on_other_tabs(on_ids);
            })
        };
        let change = {
            let served = served.clone();
            Closure::<dyn Fn(JsValue, Array, String, Function, Function)>::new(
                move |key: JsValue, ids: Array, changed: String, done: Function, told: Function| {
                    // Answered as a save is: `{}` or `{failed}`.
                    let done = answer(done);
                    let done = Callback::from(move |changed: Result<(), String>| {
                        done.emit(
                            changed
                                .map(|()| Synced::Unchanged)
                                .map_err(SaveError::Failed),
                        )
                    });
                    let told = Callback::from(move |percent: u8| {
                        let _ = told.call1(&JsValue::NULL, &percent.into());
                    });
                    let Some(now) = served.now(&ids, &changed) else {
                        return done.emit(Err(super::HANDED_BACK.to_owned()));
                    };
                    let cases = now.iter().map(|case| Case::clone(case)).collect();
                    match SessionKey::from_js(&key) {
                        Some(key) => served.lock.set_passphrase(key, cases, done, told),
                        None => served.lock.remove(cases, done, told),
                    }
                },
            )
        };
        let given = {
            let served = served.clone();
            Closure::<dyn Fn() -> JsValue>::new(move || served.lock.given())
        };
        set(&store, "save", save.into_js_value());
        set(&store, "takeIn", take_in.into_js_value());
        set(&store, "listen", listen.into_js_value());
        set(&store, "change", change.into_js_value());
        set(&store, "lock", given.into_js_value());
        store.into()
    }

    /// Why a save failed where the cases handed over could not be read.
    fn failed() -> SaveError {
        SaveError::Failed(super::HANDED_BACK.to_owned())
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "lockless")))]
mod unlocking {
    //! The part `lock`'s side: the Unlock page of a store the part `locked`
    //! keeps, asked of it through what it answered (`{locked}`).

    use std::rc::Rc;

    use js_sys::{Function, Promise};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    use yew::Callback;

    use super::get;
    use crate::browser;
    use crate::components::{Locked, Task, Unlock, UnlockProps, Unlocking};
    use crate::crypto::OpenError;

    /// The lock the part `locked` keeps (`{locked}`, see
    /// [`super::served::open`]); what it opens goes to `on_open`.
    struct There {
        locked: JsValue,
        on_open: Callback<JsValue>,
    }

    impl There {
        /// What the part `locked`'s `name` answers to `args`, or why not.
        fn ask(&self, name: &str, args: &[JsValue]) -> Task<Result<JsValue, String>> {
            let args: js_sys::Array = args.iter().collect();
            let asked = (Function::from(get(&self.locked, name)))
                .apply(&JsValue::NULL, &args)
                .map(Promise::from);
            Box::pin(browser::answer(
                asked,
                "the part that keeps them did not answer",
            ))
        }
    }

    impl Unlocking for There {
        fn unlock(&self, passphrase: String) -> Task<Result<(), OpenError>> {
            let (asked, on_open) = (
                self.ask("unlock", &[passphrase.into()]),
                self.on_open.clone(),
            );
            Box::pin(async move {
                let answer = asked.await.map_err(OpenError::Failed)?;
                if get(&answer, "wrong").is_truthy() {
                    return Err(OpenError::WrongPassphrase);
                }
                if let Some(reason) = get(&answer, "failed").as_string() {
                    return Err(OpenError::Failed(reason));
                }
                on_open.emit(answer);
                Ok(())
            })
        }

        fn damaged_text(&self) -> Task<Result<String, String>> {
            let asked = self.ask("damagedText", &[]);
            Box::pin(async move { Ok(asked.await?.as_string().unwrap_or_default()) })
        }

        fn set_aside(&self) -> Task<Result<(), String>> {
            let asked = self.ask("setAside", &[]);
            Box::pin(async move { asked.await.map(drop) })
        }
    }

    /// The Unlock page in `host`, of the lock the part `locked` keeps
    /// (`locked`, as its `open` answered), until the cases are unlocked:
    /// then what the part answered (see `super::served::open`).
    pub async fn show_unlock(host: web_sys::Element, locked: JsValue) -> Result<JsValue, JsValue> {
        let mut resolve = None;
        let opened = Promise::new(&mut |resolved, _| resolve = Some(resolved));
        let on_open = Callback::from(move |opened: JsValue| {
            if let Some(resolve) = &resolve {
                let _ = resolve.call1(&JsValue::NULL, &opened);
            }
        });
        let props = UnlockProps {
            today: browser::today(),
            locked: Locked {
                damaged: get(&locked, "damaged").as_string(),
                beside: get(&locked, "beside").as_string(),
                store: Rc::new(There { locked, on_open }),
            },
        };
        let app = crate::parts::mount_apart::<Unlock>(host, props.clone(), props)?;
        let opened = JsFuture::from(opened).await;
        app.destroy();
        opened
    }
}
