//! `#/pools`: sharing one's own cases anonymised, and keeping the files
//! others shared in pools, apart from one's own caseload ([`crate::pools`]).

use std::rc::Rc;

use rules::calendar::long_date;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    ErrorSummary, SharePanel, TextFieldProps, back_link, grouped, shareable, text_field,
};
use crate::crypto::SessionKey;
use crate::forms::{Errors, FieldError};
use crate::labels::counted;
use crate::parts::{GivenCases, LockKey};
use crate::pools::db::{POOLS_DB, PoolDb};
use crate::pools::{Outcome, PoolSummary, bring, outcome_sentences, pool_name, summaries};
use crate::route::View;

/// The pools kept and how many files in them cannot be opened, or why
/// they could not be read.
type Kept = Option<Result<(Vec<PoolSummary>, usize), String>>;

/// The pool the user asked to remove (`None`: the files that cannot be
/// opened), and why removing it failed, if it did.
type Removing = Option<(Option<String>, Option<String>)>;

#[component]
pub fn PoolsPage() -> Html {
    let given = use_context::<GivenCases>().expect("the part hands over the cases");
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    let today = given.today;
    let mine = use_memo(given.cases, |all| Rc::new(shareable(all)));
    let typed = use_state(String::new);
    let errors = use_state(Errors::default);
    let progress = use_state(|| None::<(usize, usize)>);
    let said = use_state(Vec::<String>::new);
    let kept = use_state(|| None as Kept);
    let removing = use_state(|| None as Removing);
    let download_error = use_state_eq(Option::<String>::default);

    let reload = {
        let (kept, lock) = (kept.clone(), lock.clone());
        Callback::from(move |()| {
            let (kept, lock) = (kept.clone(), lock.clone());
            yew::platform::spawn_local(async move {
                let read = match PoolDb::open(lock.as_ref()).await {
                    Ok(db) => {
                        (db.kept().await).map(|(files, unopened)| (summaries(&files), unopened))
                    }
                    Err(why) => Err(why),
                };
                kept.set(Some(read));
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |()| reload.emit(()));
    }

    let on_files = {
        let (typed, errors, progress, said, reload, lock) = (
            typed.clone(),
            errors.clone(),
            progress.clone(),
            said.clone(),
            reload.clone(),
            lock.clone(),
        );
        Callback::from(move |(files, from_folder): (Vec<web_sys::File>, bool)| {
            let pool = match pool_name(&typed) {
                Ok(pool) => pool,
                Err(message) => {
                    errors.set(Errors::new(vec![FieldError::new("pool-name", message)]));
                    return;
                }
            };
            errors.set(Errors::default());
            let (progress, said, reload) = (progress.clone(), said.clone(), reload.clone());
            let lock = lock.clone();
            yew::platform::spawn_local(async move {
                let db = PoolDb::open(lock.as_ref()).await;
                said.set(pooled(db, files, from_folder, &pool, today, &progress).await);
                progress.set(None);
                reload.emit(());
            });
        })
    };
    let chosen = |from_folder: bool| {
        let on_files = on_files.clone();
        Callback::from(move |event: Event| {
            on_files.emit((browser::chosen_files(&event), from_folder));
        })
    };

    let name_error = errors.on("pool-name").cloned();
    html! {
        <>
            { back_link(&View::Cases, "your cases") }
            <ErrorSummary errors={(*errors).clone()} />
            <h1 class="heading-xl" tabindex="-1">{"Pool cases with others"}</h1>
            <p class="body">{"One family's record proves one delay; many families' records, counted the same way, show a council's pattern. Parent groups and advocates pool anonymised copies of cases for the council report."}</p>
            <h2 class="heading-l">{"Share your cases anonymised"}</h2>
            <SharePanel cases={mine.as_ref().clone()} what="cases" {today} />
            <h2 class="heading-l">{"Cases pooled on this device"}</h2>
            <p class="body">{"Pooled cases are kept apart from your own cases: they never appear in your list, your exports or your backups. They are kept as they were shared, anonymised, and encrypted: while your cases are locked, only your passphrase opens them."}</p>
            { kept_pools(&kept, &removing, &reload, lock.as_ref()) }
            { unopened_files(&kept, &removing, &download_error, today, lock.as_ref()) }
            if let Some((None, failed)) = &*removing {
                { confirm_removal(None, failed.as_deref(), &removing, &reload, lock.as_ref()) }
            }
            <h3 class="heading-m">{"Add files to a pool"}</h3>
            { text_field(&TextFieldProps {
                id: "pool-name".into(),
                label: "Pool name".into(),
                hint: Some("The files are kept under this name, such as your group or the council.".into()),
                value: (*typed).clone().into(),
                error: name_error,
                on_input: Callback::from(move |value| typed.set(value)),
                width: Some("input--width-20"),
                ..TextFieldProps::default()
            }) }
            <div class="form-group">
                <label class="label" for="pool-files">{"Choose anonymised case files"}</label>
                <div id="pool-files-hint" class="hint">{"You can choose several at once. A file already pooled is recognised and not added twice."}</div>
                <input id="pool-files" type="file" multiple=true accept=".json,application/json" class="file-upload"
                    aria-describedby="pool-files-hint" onchange={chosen(false)} />
            </div>
            <div class="form-group">
                <label class="label" for="pool-folder">{"Or choose a folder of them"}</label>
                <input id="pool-folder" type="file" webkitdirectory=true class="file-upload" onchange={chosen(true)} />
            </div>
            <div role="status" aria-live="polite">
                if let Some((done, total)) = *progress {
                    <p class="body">
                        <label for="pool-progress">{format!("Reading file {} of {}", grouped(done + 1), grouped(total))}</label>
                        {" "}<progress id="pool-progress" max={total.to_string()} value={done.to_string()}></progress>
                    </p>
                }
                if !said.is_empty() {
                    <div class="panel">
                        { for said.iter().map(|sentence| html! { <p class="body">{sentence}</p> }) }
                    </div>
                }
            </div>
        </>
    }
}

/// Brings `files` to `pool` in `db` (or says why it could not be opened),
/// showing how far it is once past [`browser::PROGRESS_AFTER_MS`]; what it did, in
/// sentences. Of a folder, only its `.json` files are read.
async fn pooled(
    db: Result<PoolDb, String>,
    files: Vec<web_sys::File>,
    from_folder: bool,
    pool: &str,
    today: chrono::NaiveDate,
    progress: &UseStateHandle<Option<(usize, usize)>>,
) -> Vec<String> {
    let (files, skipped): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|file| !from_folder || file.name().to_ascii_lowercase().ends_with(".json"));
    // Another tab pooling at the same moment waits for this batch, and then
    // finds its files among those kept: the same file is never kept twice.
    let _alone = browser::exclusive(POOLS_DB).await;
    let read = match db {
        Ok(db) => db.files().await.map(|kept| (db, kept)),
        Err(why) => Err(why),
    };
    let (db, mut kept) = match read {
        Ok(read) => read,
        Err(why) => {
            return vec![format!(
                "The pools could not be opened, so nothing was added: {why}."
            )];
        }
    };
    let started = browser::elapsed_ms();
    let mut outcomes = Vec::with_capacity(files.len());
    for (done, file) in files.iter().enumerate() {
        if browser::elapsed_ms() - started > browser::PROGRESS_AFTER_MS {
            progress.set(Some((done, files.len())));
        }
        outcomes.push(match browser::file_bytes(file).await {
            Ok(bytes) => {
                bring(
                    &db,
                    &mut kept,
                    file.name(),
                    &bytes,
                    pool,
                    today,
                    &mut crate::pools::random,
                )
                .await
            }
            Err(why) => Outcome::Unreadable {
                name: file.name(),
                why,
            },
        });
    }
    let mut sentences = outcome_sentences(&outcomes);
    if !skipped.is_empty() {
        sentences.push(format!(
            "{} in the folder {} not read, as only .json files are case files.",
            counted(skipped.len(), "other file", "other files"),
            if skipped.len() == 1 { "was" } else { "were" }
        ));
    }
    sentences
}

/// The pools kept, each with a button that removes it after asking.
fn kept_pools(
    kept: &UseStateHandle<Kept>,
    removing: &UseStateHandle<Removing>,
    reload: &Callback<()>,
    lock: Option<&SessionKey>,
) -> Html {
    let pools = match &**kept {
        None => return html! { <p class="body">{"Reading the pools…"}</p> },
        Some(Err(why)) => {
            return html! { <p class="error-message" role="alert">{format!("The pools could not be read: {why}")}</p> };
        }
        Some(Ok((pools, _))) if pools.is_empty() => {
            return html! { <p class="body">{"No cases are pooled on this device yet."}</p> };
        }
        Some(Ok((pools, _))) => pools,
    };
    let ask = |name: &str| {
        let (removing, name) = (removing.clone(), name.to_owned());
        Callback::from(move |_| removing.set(Some((Some(name.clone()), None))))
    };
    html! {
        <>
            <table class="table">
                <caption class="table__caption">{counted(pools.len(), "pool", "pools")}</caption>
                <thead><tr>
                    <th scope="col">{"Pool"}</th><th scope="col">{"Files"}</th><th scope="col">{"Cases"}</th>
                    <th scope="col">{"Last added"}</th><th scope="col"><span class="visually-hidden">{"Remove"}</span></th>
                </tr></thead>
                <tbody>
                    { for pools.iter().map(|pool| html! {
                        <tr>
                            <td>{&pool.name}</td><td>{grouped(pool.files)}</td><td>{grouped(pool.cases)}</td>
                            <td>{long_date(pool.last_added)}</td>
                            <td><button type="button" class="button button--secondary" onclick={ask(&pool.name)}>
                                {"Remove"}<span class="visually-hidden">{format!(" the pool {}", pool.name)}</span>
                            </button></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some((Some(name), failed)) = &**removing {
                { confirm_removal(Some(name), failed.as_deref(), removing, reload, lock) }
            }
        </>
    }
}

/// "Remove the pool …?" (`name`; `None`: the files that cannot be
/// opened), with the button that does it and one that does not. A removal
/// that failed says why, and the files stay.
fn confirm_removal(
    name: Option<&str>,
    failed: Option<&str>,
    removing: &UseStateHandle<Removing>,
    reload: &Callback<()>,
    lock: Option<&SessionKey>,
) -> Html {
    let remove = {
        let (removing, reload, name) = (removing.clone(), reload.clone(), name.map(str::to_owned));
        let lock = lock.cloned();
        Callback::from(move |_| {
            let (removing, reload, name) = (removing.clone(), reload.clone(), name.clone());
            let lock = lock.clone();
            yew::platform::spawn_local(async move {
                let removed = match (PoolDb::open(lock.as_ref()).await, &name) {
                    (Ok(db), Some(name)) => db.remove_pool(name).await,
                    (Ok(db), None) => db.remove_unopened().await,
                    (Err(why), _) => Err(why),
                };
                match removed {
                    Ok(()) => removing.set(None),
                    Err(why) => removing.set(Some((name, Some(why)))),
                }
                reload.emit(());
            });
        })
    };
    let cancel = {
        let removing = removing.clone();
        Callback::from(move |_| removing.set(None))
    };
    let (question, what, failed_what) = match name {
        Some(name) => (
            format!("Remove the pool \u{201c}{name}\u{201d} and every file in it from this device? Your own cases stay as they are."),
            "the pool",
            "The pool",
        ),
        None => (
            "Remove the files that could not be opened from this device? Your own cases and the pools shown stay as they are.".to_owned(),
            "the files",
            "The files",
        ),
    };
    html! {
        <div class="warning-text" role="alert">
            <p class="body">{question}</p>
            if let Some(why) = failed {
                <p class="error-message">{format!("{failed_what} could not be removed: {why}")}</p>
            }
            <div class="button-group">
                <button type="button" class="button button--warning" onclick={remove}>{format!("Yes, remove {what}")}</button>
                <button type="button" class="button button--secondary" onclick={cancel}>{"Cancel"}</button>
            </div>
        </div>
    }
}

/// The files kept in the pools that cannot be opened (damaged, or sealed
/// with a key this device no longer has): how many, never counted in a
/// pool, each way on: download them exactly as stored, or remove them.
fn unopened_files(
    kept: &UseStateHandle<Kept>,
    removing: &UseStateHandle<Removing>,
    failed: &UseStateHandle<Option<String>>,
    today: chrono::NaiveDate,
    lock: Option<&SessionKey>,
) -> Html {
    let Some(Ok((_, unopened @ 1..))) = &**kept else {
        return html! {};
    };
    let (them, they) = if *unopened == 1 {
        ("it", "it")
    } else {
        ("them", "they")
    };
    let on_download = {
        let (lock, failed) = (lock.cloned(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (lock, failed) = (lock.clone(), failed.clone());
            yew::platform::spawn_local(async move {
                let text = match PoolDb::open(lock.as_ref()).await {
                    Ok(db) => db.unopened_text().await,
                    Err(why) => Err(why),
                };
                let downloaded =
                    text.and_then(|text| crate::export::download_unreadable(&text, today));
                failed.set(downloaded.err());
            });
        })
    };
    let ask = {
        let removing = removing.clone();
        Callback::from(move |_: MouseEvent| removing.set(Some((None, None))))
    };
    html! {
        <div class="form-group">
            <h3 class="heading-m">{"Files that could not be opened"}</h3>
            <p class="body">{format!(
                "{} in the pools could not be opened, so no pool counts {them}: {they} may be damaged, or sealed with a key this device no longer has. You can download {them} as stored, or remove {them}.",
                counted(*unopened, "file", "files"),
            )}</p>
            <div class="button-group">
                <button type="button" class="button button--secondary" onclick={on_download}>
                    {"Download the files that could not be opened"}
                </button>
                <button type="button" class="button button--warning" onclick={ask}>
                    {"Remove the files that could not be opened"}
                </button>
            </div>
            if let Some(why) = &**failed {
                <p class="error-message" role="alert">{format!("The files could not be downloaded: {why}")}</p>
            }
        </div>
    }
}
