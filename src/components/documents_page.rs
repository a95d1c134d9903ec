//! `#/case/ID/event/EID/documents`: the letters, reports and emails kept
//! with one event, added by choosing or dropping files, each opened,
//! downloaded or removed (with undo). Their bytes live in the documents'
//! own database ([`crate::documents`]); the event lists them, and the
//! changed case goes back to the main module as an import does.

use std::rc::Rc;

use rules::{Case, case_file::Document};
use yew::prelude::*;

use crate::browser;
use crate::case::case_name;
use crate::components::{ErrorSummary, back_link, undo_banner};
use crate::crypto::sha256_hex;
use crate::documents::kept::Kept;
use crate::documents::{described, media_type, over_quota, too_big};
use crate::forms::{Errors, FieldError};
use crate::parts::{GivenCases, LockKey};
use crate::route::View;

/// The file input, which the error summary's links lead to.
const INPUT_ID: &str = "documents-input";

#[derive(Properties, PartialEq)]
pub struct DocumentsPageProps {
    pub case_id: AttrValue,
    pub event_id: AttrValue,
}

/// A change to an event's list of documents.
type Change = Rc<dyn Fn(&mut Vec<Document>)>;

/// A document removed, and where it was in the list: what "Undo" puts back.
type Removed = Option<(usize, Document)>;

#[component]
pub fn DocumentsPage(props: &DocumentsPageProps) -> Html {
    let given = use_context::<GivenCases>().expect("the part hands over the case");
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    // The case as this page last saved it, read by each change when it
    // happens: a change made while files are still being added is kept.
    let case = {
        let (cases, id) = (given.cases.clone(), props.case_id.clone());
        use_mut_ref(move || {
            cases
                .iter()
                .find(|c| c.id == id.as_str())
                .cloned()
                .map(Rc::new)
        })
    };
    let redraw = use_force_update();
    let errors = use_state(Errors::default);
    let said = use_state(Vec::<String>::new);
    let progress = use_state(|| None::<(usize, usize)>);
    let removed = use_state(|| None as Removed);

    let Some(current) = case.borrow().clone() else {
        return crate::components::not_found();
    };
    let Some(event) = current
        .events
        .iter()
        .find(|e| e.id == props.event_id.as_str())
    else {
        return crate::components::not_found();
    };
    let event_id = props.event_id.to_string();

    // Saves the case with the event's documents changed by `change`.
    let change = {
        let (case, on_import, event_id) = (case.clone(), given.on_import.clone(), event_id.clone());
        Callback::from(move |change: Change| {
            let Some(mut changed) = case.borrow().as_deref().cloned() else {
                return;
            };
            if let Some(event) = changed.events.iter_mut().find(|e| e.id == event_id) {
                change(&mut event.documents);
            }
            on_import.emit(vec![changed.clone()]);
            *case.borrow_mut() = Some(Rc::new(changed));
            redraw.force_update();
        })
    };

    let on_files = {
        let adding = Adding {
            errors: errors.clone(),
            said: said.clone(),
            progress: progress.clone(),
            change: change.clone(),
            lock: lock.clone(),
            today: given.today,
        };
        Callback::from(move |files: Vec<web_sys::File>| {
            if !files.is_empty() {
                yew::platform::spawn_local(adding.clone().add(files));
            }
        })
    };
    let on_change = {
        let on_files = on_files.clone();
        Callback::from(move |event: Event| on_files.emit(browser::chosen_files(&event)))
    };
    let on_drop = Callback::from(move |event: DragEvent| {
        event.prevent_default();
        on_files.emit(browser::dropped_files(&event));
    });
    // Without this the browser opens a dropped file in place of the app.
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());

    let on_remove = {
        let (change, removed, said) = (change.clone(), removed.clone(), said.clone());
        Callback::from(move |(place, document): (usize, Document)| {
            let id = document.id.clone();
            change.emit(Rc::new(move |documents: &mut Vec<Document>| {
                documents.retain(|d| d.id != id)
            }));
            said.set(Vec::new());
            removed.set(Some((place, document)));
        })
    };
    let on_undo = {
        let (change, removed) = (change.clone(), removed.clone());
        Callback::from(move |_| {
            if let Some((place, document)) = (*removed).clone() {
                change.emit(Rc::new(move |documents: &mut Vec<Document>| {
                    documents.insert(place.min(documents.len()), document.clone())
                }));
                removed.set(None);
            }
        })
    };

    let what = event_words(event);
    html! {
        <>
            { back_link(&View::Case(current.id.clone()), case_name(&current)) }
            <ErrorSummary errors={(*errors).clone()} />
            if let Some((_, document)) = &*removed {
                { undo_banner("Document removed", format!("\u{201c}{}\u{201d} was removed from this milestone.", document.name), on_undo) }
            }
            <span class="caption-l">{case_name(&current)}</span>
            <h1 class="heading-xl" tabindex="-1">{format!("Documents: {what}")}</h1>
            <p class="body">{"Keep the letters, reports and emails of this milestone with it. They are kept only on this device, encrypted, and go into the case's evidence bundle and into \u{201c}Export everything\u{201d}."}</p>
            { document_list(&current, event, &lock, &errors, &on_remove) }
            <h2 class="heading-m">{"Add documents"}</h2>
            <div class={classes!("form-group", (!errors.is_empty()).then_some("form-group--error"))}
                ondrop={on_drop} ondragover={on_drag_over}>
                <label class="label" for={INPUT_ID}>{"Choose files"}</label>
                <div id="documents-input-hint" class="hint">{"PDFs, photos or scans, Word documents or saved emails. You can choose several at once, or drop them here. A file may be at most 50 MB."}</div>
                { for errors.0.iter().map(|error| html! {
                    <p class="error-message"><span class="visually-hidden">{"Error: "}</span>{&error.message}</p>
                }) }
                <input id={INPUT_ID} type="file" multiple=true class="file-upload"
                    aria-describedby="documents-input-hint" onchange={on_change} />
            </div>
            <div role="status" aria-live="polite">
                if let Some((done, total)) = *progress {
                    <p class="body">
                        <label for="documents-progress">{format!("Adding file {} of {}", done + 1, total)}</label>
                        {" "}<progress id="documents-progress" max={total.to_string()} value={done.to_string()}></progress>
                    </p>
                }
                { for said.iter().map(|sentence| html! { <p class="body">{sentence}</p> }) }
            </div>
            <p class="body">
                <a class="link" href={View::Bundle(current.id.clone()).to_hash()}>{"Make an evidence bundle of this case"}</a>
            </p>
        </>
    }
}

/// What adding files reports to and changes: the page's state.
#[derive(Clone)]
struct Adding {
    errors: UseStateHandle<Errors>,
    said: UseStateHandle<Vec<String>>,
    progress: UseStateHandle<Option<(usize, usize)>>,
    change: Callback<Change>,
    lock: Option<crate::crypto::SessionKey>,
    today: chrono::NaiveDate,
}

impl Adding {
    /// Stores `files`, lists those added on the event and says why any
    /// other was refused.
    async fn add(self, files: Vec<web_sys::File>) {
        let (added, refused) =
            add_files(files, self.lock.as_ref(), self.today, &self.progress).await;
        self.progress.set(None);
        let said = added
            .iter()
            .map(|d| format!("Added \u{201c}{}\u{201d}.", d.name));
        self.said.set(said.collect());
        let refused = refused
            .into_iter()
            .map(|why| FieldError::new(INPUT_ID, why));
        self.errors.set(Errors::new(refused.collect()));
        if !added.is_empty() {
            let added = Rc::new(added);
            self.change
                .emit(Rc::new(move |documents: &mut Vec<Document>| {
                    documents.extend(added.iter().cloned())
                }));
        }
    }
}

/// "Request for an assessment received, 6 January 2025".
fn event_words(event: &rules::Event) -> String {
    format!(
        "{}, {}",
        event.kind.label(),
        outputs::written_when(&event.when)
    )
}

/// The event's documents, each with "Open", "Download" and "Remove".
fn document_list(
    case: &Case,
    event: &rules::Event,
    lock: &Option<crate::crypto::SessionKey>,
    errors: &UseStateHandle<Errors>,
    on_remove: &Callback<(usize, Document)>,
) -> Html {
    if event.documents.is_empty() {
        return html! { <p class="body">{"No documents are kept with this milestone yet."}</p> };
    }
    let row = |(place, document): (usize, &Document)| {
        let action = |download: bool| {
            let (document, lock, errors) = (document.clone(), lock.clone(), errors.clone());
            Callback::from(move |_| {
                let (document, lock, errors) = (document.clone(), lock.clone(), errors.clone());
                yew::platform::spawn_local(async move {
                    if let Err(why) = open_or_download(&document, lock.as_ref(), download).await {
                        errors.set(Errors::new(vec![FieldError::new(INPUT_ID, why)]));
                    }
                });
            })
        };
        let remove = {
            let (on_remove, document) = (on_remove.clone(), document.clone());
            Callback::from(move |_| on_remove.emit((place, document.clone())))
        };
        let named = |verb: &str| format!("{verb} {}", document.name);
        html! {
            <tr class="table__row">
                <td class="table__cell">{described(document)}</td>
                <td class="table__cell">
                    <div class="button-group button-group--small">
                        <button type="button" class="button button--secondary button--small"
                            aria-label={named("Open")} onclick={action(false)}>{"Open"}</button>
                        <button type="button" class="button button--secondary button--small"
                            aria-label={named("Download")} onclick={action(true)}>{"Download"}</button>
                        <button type="button" class="button button--warning button--small"
                            aria-label={named("Remove")} onclick={remove}>{"Remove"}</button>
                    </div>
                </td>
            </tr>
        }
    };
    html! {
        <table class="table">
            <caption class="table__caption">{format!("Documents kept with this milestone of {}", case_name(case))}</caption>
            <thead class="table__head">
                <tr class="table__row">
                    <th scope="col" class="table__header">{"Document"}</th>
                    <th scope="col" class="table__header">{"Actions"}</th>
                </tr>
            </thead>
            <tbody class="table__body">
                { for event.documents.iter().enumerate().map(row) }
            </tbody>
        </table>
    }
}

/// Opens `document` in a new tab, or offers it to save.
async fn open_or_download(
    document: &Document,
    lock: Option<&crate::crypto::SessionKey>,
    download: bool,
) -> Result<(), String> {
    let cannot = |why: String| {
        format!(
            "\u{201c}{}\u{201d} could not be opened: {why}.",
            document.name
        )
    };
    let kept = Kept::open(lock).await.map_err(cannot)?;
    let bytes = kept.read(&document.id).await.map_err(cannot)?;
    match download {
        true => browser::download_bytes(&document.name, &document.media_type, &bytes),
        false => browser::open_bytes(&document.media_type, &bytes),
    }
    .map_err(cannot)
}

/// Stores each of `files` that may be kept, in order: the documents added,
/// and why each other file was refused.
async fn add_files(
    files: Vec<web_sys::File>,
    lock: Option<&crate::crypto::SessionKey>,
    today: chrono::NaiveDate,
    progress: &UseStateHandle<Option<(usize, usize)>>,
) -> (Vec<Document>, Vec<String>) {
    let (mut added, mut refused) = (Vec::new(), Vec::new());
    let kept = match Kept::open(lock).await {
        Ok(kept) => kept,
        Err(why) => {
            refused.push(format!(
                "No document was added: the documents' store could not be opened ({why})."
            ));
            return (added, refused);
        }
    };
    let total = files.len();
    for (done, file) in files.iter().enumerate() {
        progress.set(Some((done, total)));
        match add_file(&kept, file, today).await {
            Ok(document) => added.push(document),
            Err(why) => refused.push(why),
        }
    }
    (added, refused)
}

/// Stores `file`, or says why it was not: too big, no room, or unreadable.
async fn add_file(
    kept: &Kept,
    file: &web_sys::File,
    today: chrono::NaiveDate,
) -> Result<Document, String> {
    let (name, size) = (file.name(), file.size() as u64);
    if let Some(why) = too_big(&name, size) {
        return Err(why);
    }
    if let Some((used, allowed)) = browser::estimate().await
        && let Some(why) = over_quota(&name, size, used, allowed)
    {
        return Err(why);
    }
    let failed =
        |why: String| format!("\u{201c}{name}\u{201d} was not added: {why}. Nothing was changed.");
    let bytes = browser::file_bytes(file).await.map_err(failed)?;
    let sha256 = sha256_hex(&bytes).await.map_err(failed)?;
    let id = kept.add(&bytes, today).await.map_err(failed)?;
    Ok(Document {
        id,
        media_type: media_type(&name, &file.type_()),
        size: bytes.len() as u64,
        sha256,
        name,
        extra: Default::default(),
    })
}
