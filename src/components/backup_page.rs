//! `#/backup`: "Export everything": every case and every document kept on
//! this device in one `.zip` (`cases.json` and `documents/SHA256`, see the
//! `archive` crate), which the import page takes back whole.

use std::collections::BTreeMap;

use rules::{Case, CaseFile};
use yew::prelude::*;

use crate::browser;
use crate::components::{back_link, warning_text};
use crate::documents::kept::Kept;
use crate::documents::listed_in;
use crate::export::file_name;
use crate::file_fields;
use crate::parts::{GivenCases, LockKey};
use crate::route::View;

/// What exporting came to: how many cases and documents, or why it failed.
type Outcome = Option<Result<String, String>>;

#[component]
pub fn BackupPage() -> Html {
    let given = use_context::<GivenCases>().expect("the part hands over the cases");
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    let busy = use_state_eq(Option::<String>::default);
    let outcome = use_state(|| None as Outcome);
    let documents = listed_in(&given.cases).count();
    let export = {
        let (busy, outcome, given) = (busy.clone(), outcome.clone(), given.clone());
        Callback::from(move |_: MouseEvent| {
            let (busy, outcome, given, lock) =
                (busy.clone(), outcome.clone(), given.clone(), lock.clone());
            yew::platform::spawn_local(async move {
                outcome.set(None);
                let done = everything(&given.cases, lock.as_ref(), given.today, &busy).await;
                busy.set(None);
                outcome.set(Some(done));
            });
        })
    };
    html! {
        <>
            { back_link(&View::Cases, "your cases") }
            <h1 class="heading-xl" tabindex="-1">{"Export everything"}</h1>
            <p class="body">{format!(
                "One file with every case ({}) and every document kept with them ({documents}), to keep somewhere safe: a USB stick, or your own cloud storage. Import it on this or another device to get everything back.",
                given.cases.len()
            )}</p>
            { warning_text("The file is not locked: anyone who has it can read every case and document in it.") }
            <p class="body">
                <button type="button" class="button" onclick={export} disabled={busy.is_some()}>{"Export everything"}</button>
            </p>
            <div role="status" aria-live="polite">
                if let Some(doing) = &*busy {
                    <p class="body">{doing}</p>
                }
                { match &*outcome {
                    None => html! {},
                    Some(Ok(said)) => html! { <p class="body">{said}</p> },
                    Some(Err(why)) => html! { <p class="body error-message">{why}</p> },
                } }
            </div>
        </>
    }
}

/// Reads every document of `cases` and offers them with the cases as one
/// `.zip`; what was saved, in words, or why nothing was.
async fn everything(
    cases: &[Case],
    lock: Option<&crate::crypto::SessionKey>,
    today: chrono::NaiveDate,
    busy: &UseStateHandle<Option<String>>,
) -> Result<String, String> {
    let listed: Vec<&rules::case_file::Document> = listed_in(cases).collect();
    let mut bytes = BTreeMap::new();
    if !listed.is_empty() {
        let kept = Kept::open(lock).await.map_err(|why| {
            format!("Nothing was exported: the documents could not be opened ({why}).")
        })?;
        for (n, document) in listed.iter().enumerate() {
            busy.set(Some(format!(
                "Reading document {} of {}",
                n + 1,
                listed.len()
            )));
            let read = kept.read(&document.id).await.map_err(|why| {
                format!(
                    "Nothing was exported: \u{201c}{}\u{201d} could not be read ({why}).",
                    document.name
                )
            })?;
            bytes.insert(document.sha256.clone(), read);
        }
        // Documents no case lists any more stay until the day after they
        // were removed (their removal could be undone): cleared away now.
        let _ = kept.clear_away(cases, today).await;
    }
    let (cases_back, extra) = file_fields::put_back(cases);
    let file = CaseFile {
        format: String::new(),
        exported_at: Some(today),
        cases: cases_back,
        extra,
    };
    let zip = archive::write_backup(&file, &bytes)
        .map_err(|why| format!("Nothing was exported: {why}."))?;
    browser::download_bytes(
        &file_name("everything", today, "zip"),
        "application/zip",
        &zip,
    )?;
    browser::announce_export_all();
    Ok(format!(
        "Saved to your downloads: {} and {}.",
        crate::labels::counted(cases.len(), "case", "cases"),
        crate::labels::counted(listed.len(), "document", "documents"),
    ))
}
