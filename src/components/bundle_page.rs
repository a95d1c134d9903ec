//! `#/case/ID/bundle`: the case's evidence bundle for the SEND Tribunal, the
//! Ombudsman or a solicitor: the documents kept with its events, chosen and
//! put in order (date order first), made into one numbered PDF by the
//! `bundle` crate, on this device.

use std::rc::Rc;

use bundle::{Appeal, Cover, Input, Item, Made};
use outputs::{Chronology, NameShown, bundle_order, event_what, written_when};
use rules::{Case, case_file::Document};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::browser;
use crate::components::{back_link, name_choice, not_found, warning_text};
use crate::documents::kept::Kept;
use crate::documents::kind_in_words;
use crate::export::file_name;
use crate::hooks::use_cases;
use crate::parts::LockKey;
use crate::route::View;

/// One document offered for the bundle: its id and whether it goes in.
type Row = (String, bool);

/// The kinds of appeal the page-limit warning knows, as the select lists them.
const APPEALS: [(&str, Appeal); 6] = [
    ("Refusal to assess", Appeal::RefusalToAssess),
    ("Refusal to issue a plan", Appeal::RefusalToIssue),
    (
        "Sections B and F (needs and provision)",
        Appeal::SectionsBAndF,
    ),
    (
        "Section I (the school or placement named)",
        Appeal::SectionI,
    ),
    ("Decision to cease the plan", Appeal::Cease),
    (
        "Health and social care recommendations",
        Appeal::HealthAndSocialCare,
    ),
];

#[derive(Properties, PartialEq)]
pub struct BundlePageProps {
    pub case_id: AttrValue,
}

/// What making the bundle came to: the bundle, and the files this device
/// could not read.
type Outcome = Option<Result<(Rc<Made>, Vec<String>), String>>;

#[component]
pub fn BundlePage(props: &BundlePageProps) -> Html {
    let cases = use_cases();
    let LockKey(lock) = use_context::<LockKey>().expect("the part hands over the lock's key");
    let initials = use_state_eq(bool::default);
    let appeal = use_state_eq(|| None::<usize>);
    // The first order, worked out at the first render only.
    let rows = {
        let case = cases.entry(&props.case_id).map(|entry| entry.case.clone());
        use_state(move || -> Vec<Row> {
            case.map(|case| {
                bundle_order(&case)
                    .iter()
                    .map(|(_, d)| (d.id.clone(), true))
                    .collect()
            })
            .unwrap_or_default()
        })
    };
    let busy = use_state_eq(Option::<String>::default);
    let outcome = use_state(|| None as Outcome);
    let Some(entry) = cases.entry(&props.case_id) else {
        return not_found();
    };
    let documents = bundle_order(&entry.case);

    let make = {
        let (rows, busy, outcome, lock, initials, appeal) = (
            rows.clone(),
            busy.clone(),
            outcome.clone(),
            lock.clone(),
            *initials,
            *appeal,
        );
        let (entry, today) = (entry.clone(), cases.today);
        Callback::from(move |_: MouseEvent| {
            let order: Vec<String> = rows
                .iter()
                .filter(|(_, on)| *on)
                .map(|(id, _)| id.clone())
                .collect();
            let name = match initials {
                true => NameShown::Initials,
                false => NameShown::AsRecorded,
            };
            let chronology = Chronology::numbered(&entry.case, entry.evaluation(), name, &order);
            let (busy, outcome, lock, case) = (
                busy.clone(),
                outcome.clone(),
                lock.clone(),
                entry.case.clone(),
            );
            let appeal = appeal
                .and_then(|n| APPEALS.get(n))
                .map(|(_, appeal)| *appeal);
            yew::platform::spawn_local(async move {
                outcome.set(None);
                let made = made(
                    &case,
                    &order,
                    &chronology,
                    appeal,
                    lock.as_ref(),
                    today,
                    &busy,
                )
                .await;
                busy.set(None);
                if let Ok((made, _)) = &made {
                    let name = file_name(&format!("bundle {}", chronology.child), today, "pdf");
                    if let Err(why) = browser::download_bytes(&name, "application/pdf", &made.pdf) {
                        outcome.set(Some(Err(format!(
                            "The bundle was made but could not be saved: {why}."
                        ))));
                        return;
                    }
                }
                outcome.set(Some(made));
            });
        })
    };

    let recorded = entry.name();
    let on_appeal = {
        let appeal = appeal.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            appeal.set(value.parse().ok());
        })
    };
    html! {
        <>
            { back_link(&View::Case(entry.case.id.clone()), recorded) }
            <span class="caption-l">{recorded}</span>
            <h1 class="heading-xl" tabindex="-1">{"Make an evidence bundle"}</h1>
            <p class="body">{"One PDF for the SEND Tribunal, the Ombudsman or a solicitor: a cover page, an index, the chronology, then each document below in this order, every page numbered (\u{201c}Page 12 of 140\u{201d}) and bookmarked, as the Tribunal's practice direction on bundles asks. It is made on this device: nothing is sent anywhere."}</p>
            <p class="body">{"Check the directions the Tribunal sent for your appeal: they decide what goes in. This app is not legal advice."}</p>
            { name_choice(&initials, recorded, "Name the child on the cover and chronology by") }
            <div class="form-group">
                <label class="label" for="bundle-appeal">{"What the appeal is about (optional)"}</label>
                <div id="bundle-appeal-hint" class="hint">{"The practice direction limits the pages of evidence for each kind of appeal. You are warned if the documents pass it."}</div>
                <select id="bundle-appeal" class="select" aria-describedby="bundle-appeal-hint" onchange={on_appeal}>
                    <option value="" selected={appeal.is_none()}>{"Not chosen"}</option>
                    { for APPEALS.iter().enumerate().map(|(n, (label, _))| html! {
                        <option value={n.to_string()} selected={*appeal == Some(n)}>{*label}</option>
                    }) }
                </select>
            </div>
            <h2 class="heading-m">{"Documents"}</h2>
            { documents_table(&documents, &rows) }
            <p class="body">
                <button type="button" class="button" onclick={make} disabled={busy.is_some()}>{"Make the bundle"}</button>
            </p>
            <div role="status" aria-live="polite">
                if let Some(doing) = &*busy {
                    <p class="body">{doing}</p>
                }
                { outcome_panel(&outcome) }
            </div>
        </>
    }
}

/// The documents in bundle order, each with "Include", "Move up" and
/// "Move down"; or why there are none.
fn documents_table(
    documents: &[(&rules::Event, &Document)],
    rows: &UseStateHandle<Vec<Row>>,
) -> Html {
    if documents.is_empty() {
        return html! {
            <p class="body">{"No documents are kept with this case yet. Add them from a milestone on the case page (\u{201c}Add documents\u{201d}); the bundle can still be made with the cover, the index and the chronology."}</p>
        };
    }
    let find = |id: &str| documents.iter().find(|(_, d)| d.id == id);
    let row = |(place, (id, on)): (usize, &Row)| {
        let Some((event, document)) = find(id) else {
            return html! {};
        };
        let toggle = {
            let rows = rows.clone();
            Callback::from(move |_: Event| {
                let mut next = (*rows).clone();
                next[place].1 = !next[place].1;
                rows.set(next);
            })
        };
        let moved = |by: isize| {
            let rows = rows.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*rows).clone();
                let to = place as isize + by;
                if (0..next.len() as isize).contains(&to) {
                    next.swap(place, to as usize);
                    rows.set(next);
                }
            })
        };
        let checkbox = format!("bundle-include-{place}");
        let name = &document.name;
        html! {
            <tr class="table__row">
                <td class="table__cell">
                    <div class="checkboxes__item checkboxes--small">
                        <input class="checkboxes__input" type="checkbox" id={checkbox.clone()} checked={*on} onchange={toggle} />
                        <label class="label checkboxes__label" for={checkbox}>
                            <span class="visually-hidden">{format!("Include {name}")}</span>
                        </label>
                    </div>
                </td>
                <td class="table__cell">{written_when(&event.when)}</td>
                <td class="table__cell">{name}<br />{event_what(event)}</td>
                <td class="table__cell">{kind_in_words(&document.media_type)}</td>
                <td class="table__cell">
                    <div class="button-group button-group--small">
                        <button type="button" class="button button--secondary button--small" onclick={moved(-1)}
                            disabled={place == 0}>{"Move up"}<span class="visually-hidden">{format!(": {name}")}</span></button>
                        <button type="button" class="button button--secondary button--small" onclick={moved(1)}
                            disabled={place + 1 == rows.len()}>{"Move down"}<span class="visually-hidden">{format!(": {name}")}</span></button>
                    </div>
                </td>
            </tr>
        }
    };
    html! {
        <table class="table">
            <caption class="table__caption">{"The documents go in this order. Word documents and emails are listed in the index as provided separately."}</caption>
            <thead class="table__head">
                <tr class="table__row">
                    <th scope="col" class="table__header">{"Include"}</th>
                    <th scope="col" class="table__header">{"Date"}</th>
                    <th scope="col" class="table__header">{"Document"}</th>
                    <th scope="col" class="table__header">{"Kind"}</th>
                    <th scope="col" class="table__header">{"Order"}</th>
                </tr>
            </thead>
            <tbody class="table__body">{ for rows.iter().enumerate().map(row) }</tbody>
        </table>
    }
}

/// What the bundle came to: its pages, and every warning.
fn outcome_panel(outcome: &Outcome) -> Html {
    match outcome {
        None => html! {},
        Some(Err(why)) => html! { <p class="body error-message">{why}</p> },
        Some(Ok((made, unread))) => html! {
            <div class="panel">
                <h2 class="heading-m">{format!("Your bundle is ready: {} pages", made.pages)}</h2>
                <p class="body">{"It was saved to your downloads. Open it to check it before you send it."}</p>
                if let Some(warning) = &made.over_limit {
                    { warning_text(warning) }
                }
                { for made.left_out.iter().chain(unread).map(|why| html! { <p class="body">{why}</p> }) }
            </div>
        },
    }
}

/// The bundle of `case` with the documents `order`, read from this device
/// (`busy` says what is being done).
async fn made(
    case: &Case,
    order: &[String],
    chronology: &Chronology,
    appeal: Option<Appeal>,
    lock: Option<&crate::crypto::SessionKey>,
    today: chrono::NaiveDate,
    busy: &UseStateHandle<Option<String>>,
) -> Result<(Rc<Made>, Vec<String>), String> {
    let documents = bundle_order(case);
    let kept = match order.is_empty() {
        true => None,
        false => Some(
            Kept::open(lock)
                .await
                .map_err(|why| format!("The documents could not be opened: {why}."))?,
        ),
    };
    let mut read = Vec::new();
    let mut unread = Vec::new();
    for (n, id) in order.iter().enumerate() {
        busy.set(Some(format!(
            "Reading document {} of {}",
            n + 1,
            order.len()
        )));
        let (Some((event, document)), Some(kept)) =
            (documents.iter().find(|(_, d)| d.id == *id), &kept)
        else {
            continue;
        };
        match kept.read(id).await {
            Ok(bytes) => read.push((*event, *document, bytes)),
            Err(why) => unread.push(format!(
                "\u{201c}{}\u{201d} was left out: {why}.",
                document.name
            )),
        }
    }
    busy.set(Some("Putting the bundle together\u{2026}".to_owned()));
    browser::drawn().await;
    let input = Input {
        cover: Cover::of(chronology, today),
        chronology: Some(chronology),
        items: read
            .iter()
            .map(|(event, document, bytes)| Item::of(event, document, bytes))
            .collect(),
        appeal,
    };
    Ok((Rc::new(bundle::make(&input, &mut |_, _| {})), unread))
}
