//! Importing a case file: read it, show what it will add and replace, and
//! only then write. A file that cannot be read changes nothing.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::fields::error_message;
use crate::components::{ErrorSummary, PER_PAGE, back_link, grouped, list_items};
use crate::documents::kept::Kept;
use crate::documents::listed_in;
use crate::forms::{Errors, FieldError};
use crate::hooks::use_navigator;
use crate::import::ImportPlan;
use crate::parts::{GivenCases, LockKey};
use crate::route::View;

/// Where the import is.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum ImportStep {
    /// No file chosen yet.
    #[default]
    Choosing,
    /// A file was read: what importing it would do.
    Preview(Rc<ImportPlan>),
    /// The file could not be imported; nothing changed.
    Failed(Errors),
}

#[derive(Properties, PartialEq)]
pub struct ImportPageProps {
    /// The step to start at (the first, unless a test says otherwise).
    #[prop_or_default]
    pub step: ImportStep,
}

/// The error for a file that cannot be imported.
pub fn import_error(reason: impl std::fmt::Display) -> Errors {
    Errors::new(vec![FieldError::new(
        "case-file",
        format!("The file could not be imported: {reason}"),
    )])
}

#[component]
pub fn ImportPage(props: &ImportPageProps) -> Html {
    let given = use_context::<GivenCases>().expect("the part hands over the cases");
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    let storing = use_state_eq(Option::<String>::default);
    let navigator = use_navigator();
    let step = {
        let initial = props.step.clone();
        use_state(move || initial)
    };
    // "Cancel" flips the file input between two keys: a new key empties it.
    // A bool, whose state code the app already has.
    let flipped = use_state_eq(bool::default);

    let on_read = {
        let (step, here) = (step.clone(), given.cases.clone());
        Callback::from(move |bytes: Result<Vec<u8>, String>| {
            let plan = bytes.and_then(|bytes| ImportPlan::read_any(&here, &bytes));
            step.set(match plan {
                Ok(plan) => ImportStep::Preview(Rc::new(plan)),
                Err(reason) => ImportStep::Failed(import_error(reason)),
            })
        })
    };
    let onchange =
        Callback::from(move |event: Event| browser::read_chosen_file(&event, on_read.clone()));
    let on_import = {
        let (step, storing) = (step.clone(), storing.clone());
        Callback::from(move |_: MouseEvent| {
            let ImportStep::Preview(plan) = &*step else {
                return;
            };
            if plan.documents.is_empty() {
                given.on_import.emit(plan.cases.clone());
                navigator.go(View::Cases);
                return;
            }
            let (plan, step, storing, lock) =
                (plan.clone(), step.clone(), storing.clone(), lock.clone());
            let (on_import, navigator, today) =
                (given.on_import.clone(), navigator.clone(), given.today);
            yew::platform::spawn_local(async move {
                match with_documents(&plan, lock.as_ref(), today, &storing).await {
                    Ok(cases) => {
                        on_import.emit(cases);
                        navigator.go(View::Cases);
                    }
                    Err(why) => step.set(ImportStep::Failed(import_error(why))),
                }
                storing.set(None);
            });
        })
    };
    let on_cancel = {
        let (step, flipped) = (step.clone(), flipped.clone());
        Callback::from(move |_: MouseEvent| {
            step.set(ImportStep::Choosing);
            flipped.set(!*flipped);
        })
    };
    let errors = match &*step {
        ImportStep::Failed(errors) => errors.clone(),
        _ => Errors::default(),
    };
    let error = errors.on("case-file").cloned();
    html! {
        <>
            { back_link(&View::Cases, "your cases") }
            <ErrorSummary errors={errors.clone()} />
            <h1 class="heading-xl" tabindex="-1">{"Import a case file"}</h1>
            <p class="body">
                {"Choose a case file exported from EHC Timeline (a .json file), or the .zip that \u{201c}Export everything\u{201d} saved, with its documents. You will see what it adds or replaces before anything changes."}
            </p>
            { file_field(error.as_ref(), if *flipped { "flipped" } else { "file" }, onchange) }
            if let ImportStep::Preview(plan) = &*step {
                <div class="panel" aria-live="polite">
                    <h2 class="heading-m">{plan.summary()}</h2>
                    if !plan.adds.is_empty() {
                        <h3 class="heading-s">{"New cases"}</h3>
                        { names(&plan.adds) }
                    }
                    if !plan.replaces.is_empty() {
                        <h3 class="heading-s">{"Cases that will be replaced"}</h3>
                        <p class="body">{"These cases are already on this device. The file's copy replaces yours, with its events."}</p>
                        { names(&plan.replaces) }
                    }
                    for (name, events) in &plan.large {
                        <div class="warning-text" role="note">
                            <p class="body">{format!(
                                "{name} has {} events, far more than most cases. Its page shows the latest {PER_PAGE} at a time, and it may be slow to open on an older phone.",
                                grouped(*events)
                            )}</p>
                        </div>
                    }
                    if !plan.documents.is_empty() {
                        <p class="body">{format!(
                            "It holds {}, which are kept on this device with their milestones.",
                            crate::labels::counted(plan.documents.len(), "document", "documents")
                        )}</p>
                    }
                    if plan.not_brought > 0 {
                        <div class="warning-text" role="note">
                            <p class="body">{format!(
                                "Its milestones list {} that a case file does not hold: their names are kept, and they open only on a device that already keeps them. To bring documents, import the .zip that \u{201c}Export everything\u{201d} saves.",
                                crate::labels::counted(plan.not_brought, "document", "documents")
                            )}</p>
                        </div>
                    }
                    if !plan.file_fields.is_empty() {
                        <p class="body">
                            {format!(
                                "The file also holds fields this version of EHC Timeline does not use, outside its cases ({}). They are kept with its cases, and written back when you export them.",
                                plan.file_fields.join(", ")
                            )}
                        </p>
                    }
                    if let Some(doing) = &*storing {
                        <p class="body" role="status">{doing}</p>
                    }
                    <div class="button-group">
                        <button type="button" class="button" onclick={on_import} disabled={storing.is_some()}>{"Import"}</button>
                        <button type="button" class="button button--secondary" onclick={on_cancel}>{"Cancel"}</button>
                    </div>
                </div>
            }
        </>
    }
}

/// The field that chooses the file, marked with `error` when it failed; `key`
/// a new one empties it. Each of its two looks is written out with its
/// classes as text: a class given by an expression would bring Yew's set of
/// classes (`Classes`, an `IndexSet`) into this part for this field alone.
fn file_field(error: Option<&FieldError>, key: &'static str, onchange: Callback<Event>) -> Html {
    let (label, message) = (
        html! { <label class="label" for="case-file">{"Case file"}</label> },
        error_message("case-file", error),
    );
    match error {
        Some(_) => html! {
            <div class="form-group form-group--error">
                {label}{message}
                <input {key} id="case-file" name="case-file" type="file" accept={ACCEPT}
                    class="file-upload file-upload--error" aria-describedby="case-file-error" {onchange} />
            </div>
        },
        None => html! {
            <div class="form-group">
                {label}{message}
                <input {key} id="case-file" name="case-file" type="file" accept={ACCEPT}
                    class="file-upload" {onchange} />
            </div>
        },
    }
}

/// The files the import takes.
const ACCEPT: &str = ".json,.zip,application/json,application/zip";

/// The names of the cases the file adds, or those it replaces, as a list.
fn names(names: &[String]) -> Html {
    html! {
        <ul class="list list--bullet">
            { list_items(names) }
        </ul>
    }
}

/// The cases of the plan of a backup, once the documents it brings are kept on this
/// device, each under a new id of its own (ids are only unique within an
/// event); or why nothing was imported.
async fn with_documents(
    plan: &ImportPlan,
    lock: Option<&crate::crypto::SessionKey>,
    today: chrono::NaiveDate,
    storing: &UseStateHandle<Option<String>>,
) -> Result<Vec<rules::Case>, String> {
    let mut cases = plan.cases.clone();
    let kept = Kept::open(lock)
        .await
        .map_err(|why| format!("its documents could not be kept ({why}). Nothing was imported"))?;
    let total = listed_in(&cases).count();
    let listed = cases
        .iter_mut()
        .flat_map(|case| &mut case.events)
        .flat_map(|event| &mut event.documents);
    for (n, document) in listed.enumerate() {
        storing.set(Some(format!("Keeping document {} of {total}", n + 1)));
        let Some(bytes) = plan.documents.get(&document.sha256) else {
            continue;
        };
        document.id = kept.add(bytes, today).await.map_err(|why| {
            format!(
                "\u{201c}{}\u{201d} could not be kept ({why}). Nothing was imported",
                document.name
            )
        })?;
    }
    Ok(cases)
}
