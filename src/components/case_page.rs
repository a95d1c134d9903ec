//! A case: its details, deadlines, what to do next, events and settings.

use rules::{Case, ReviewCompleteOn, long_date};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{ContestedPoints, EventList, NextSteps, NotFound, Timeline, UndoBanner};
use crate::export;
use crate::hooks::{use_cases, use_navigator};
use crate::labels::review_complete_on_label;
use crate::route::View;
use crate::state::Deleted;
use crate::summary::overdue_count;

#[derive(Properties, PartialEq)]
pub struct CasePageProps {
    pub case_id: AttrValue,
}

#[component]
pub fn CasePage(props: &CasePageProps) -> Html {
    let cases = use_cases();
    let navigator = use_navigator();
    let export_error = use_state_eq(|| None::<String>);
    let Some(entry) = cases.entry(&props.case_id).cloned() else {
        return html! { <NotFound /> };
    };
    let case = entry.case.clone();
    let id = case.id.clone();
    let archived = entry.archived();
    let overdue = overdue_count(&entry.evaluation);

    let go = |view: View| {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| navigator.go(view.clone()))
    };
    let on_archive = {
        let (cases, navigator, id) = (cases.clone(), navigator.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            cases.archive_case(&id, !archived);
            if !archived {
                navigator.go(View::Cases);
            }
        })
    };
    let on_delete = {
        let (cases, navigator, id) = (cases.clone(), navigator.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            cases.delete_case(&id);
            navigator.go(View::Cases);
        })
    };
    let on_export = {
        let (case, today, export_error) = (case.clone(), cases.today, export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let name = crate::state::case_name(&case).to_owned();
            export_error.set(export::download([case.as_ref()], &name, today).err());
        })
    };
    let on_calendar = {
        let (entry, today, export_error) = (entry.clone(), cases.today, export_error.clone());
        Callback::from(move |_: MouseEvent| {
            export_error.set(export::download_calendar([&entry], entry.name(), today).err());
        })
    };
    let on_edit_event = {
        let (navigator, id) = (navigator.clone(), id.clone());
        Callback::from(move |event_id: String| navigator.go(View::EditEvent(id.clone(), event_id)))
    };
    let on_delete_event = {
        let (cases, id) = (cases.clone(), id.clone());
        Callback::from(move |event_id: String| cases.delete_event(&id, &event_id))
    };

    let deleted_event = match &cases.deleted {
        Some(Deleted::Event { case_id, event, .. }) if *case_id == id => Some(format!(
            "{} — {} was deleted.",
            outputs::written_when(&event.when),
            event.kind.label()
        )),
        _ => None,
    };
    let on_undo = {
        let cases = cases.clone();
        Callback::from(move |_: MouseEvent| cases.undo_delete())
    };

    html! {
        <>
            <a class="back-link" href={View::Cases.to_hash()}>{"Back to your cases"}</a>
            if let Some(text) = deleted_event {
                <UndoBanner heading="Milestone deleted" {text} {on_undo} />
            }
            <h1 class="heading-xl" tabindex="-1">{entry.name()}</h1>
            if archived {
                <p class="body"><strong class="tag tag--grey">{"Archived"}</strong></p>
            }
            <CaseDetailsList case={case.clone()} />
            if overdue > 0 {
                <p class="body lead">
                    <strong>{format!("{overdue} {} overdue.", if overdue == 1 { "deadline is" } else { "deadlines are" })}</strong>
                    {" "}<a href="#next-steps-heading" onclick={skip_to("next-steps-heading")}>{"See what you can do next"}</a>
                </p>
            }
            <p class="body">
                <a class="button" draggable="false" href={View::LogEvent(id.clone()).to_hash()}>{"Log a milestone"}</a>
            </p>
            if !entry.evaluation.warnings.is_empty() {
                <div class="warning-text" role="note">
                    <h2 class="heading-m">{"Check these dates"}</h2>
                    <ul class="list list--bullet">
                        { for entry.evaluation.warnings.iter().map(|w| html! { <li>{&w.message}</li> }) }
                    </ul>
                </div>
            }
            <Timeline evaluation={entry.evaluation.clone()} />
            <NextSteps evaluation={entry.evaluation.clone()} />
            if !entry.evaluation.notices.is_empty() {
                <h2 class="heading-m">{"Good to know"}</h2>
                <ul class="list list--bullet">
                    { for entry.evaluation.notices.iter().map(|n| html! {
                        <li>{&n.text}{" "}<cite>{format!("({})", n.citation)}</cite></li>
                    }) }
                </ul>
            }
            <EventList case={case.clone()} on_edit={on_edit_event} on_delete={on_delete_event} />
            <h2 class="heading-m">{"For a complaint"}</h2>
            <ul class="list">
                <li><a class="link" href={View::Chronology(id.clone()).to_hash()}>{"Print a chronology"}</a>
                    {" of the events and the deadlines missed"}</li>
                <li><a class="link" href={View::Letters(id.clone()).to_hash()}>{"Draft a letter"}</a>
                    {": a chase, a complaint to the council, or a note to the Ombudsman"}</li>
            </ul>
            <p class="body">
                <button type="button" class="button button--secondary" onclick={on_calendar}>
                    {"Add the deadlines to your calendar (.ics)"}
                </button>
            </p>
            <CaseSettings case_id={id.clone()} value={case.settings.review_complete_on} />
            <h2 class="heading-m">{"Manage this case"}</h2>
            <div class="button-group">
                <button type="button" class="button button--secondary" onclick={go(View::RenameCase(id.clone()))}>{"Rename case"}</button>
                <button type="button" class="button button--secondary" onclick={on_export}>{"Export this case"}</button>
                <button type="button" class="button button--secondary" onclick={on_archive}>
                    { if archived { "Restore case" } else { "Archive case" } }
                </button>
                <button type="button" class="button button--warning" onclick={on_delete}>{"Delete case"}</button>
            </div>
            if let Some(error) = &*export_error {
                <p class="error-message" role="alert">{format!("The file could not be made: {error}")}</p>
            }
        </>
    }
}

/// A same-page link that moves focus instead of changing the page's hash.
fn skip_to(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        crate::browser::focus(id);
    })
}

#[derive(Properties, PartialEq)]
struct CaseDetailsListProps {
    case: std::rc::Rc<Case>,
}

/// Council, reference and date of birth, when known.
#[component]
fn CaseDetailsList(props: &CaseDetailsListProps) -> Html {
    let case = &props.case;
    let rows: Vec<(&str, String)> = [
        ("Council", case.local_authority.clone()),
        ("Case reference", case.reference.clone()),
        ("Date of birth", case.date_of_birth.map(long_date)),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.map(|value| (key, value)))
    .collect();
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <dl class="summary-list">
            { for rows.iter().map(|(key, value)| html! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{*key}</dt>
                    <dd class="summary-list__value">{value}</dd>
                </div>
            }) }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
pub struct CaseSettingsProps {
    pub case_id: AttrValue,
    pub value: ReviewCompleteOn,
}

/// The case's choice on a disputed point: when an annual review is complete.
#[component]
pub fn CaseSettings(props: &CaseSettingsProps) -> Html {
    let cases = use_cases();
    let chosen = use_state_eq(|| props.value);
    let saved = *chosen == props.value;
    let onsubmit = {
        let (chosen, case_id) = (chosen.clone(), props.case_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cases.set_setting(&case_id, *chosen);
        })
    };
    html! {
        <section aria-labelledby="settings-heading">
            <h2 class="heading-m" id="settings-heading">{"Settings for this case"}</h2>
            <form novalidate=true {onsubmit}>
                <div class="form-group">
                    <fieldset class="fieldset" aria-describedby="review-complete-on-hint">
                        <legend class="fieldset__legend fieldset__legend--s">{"When does an annual review count as complete?"}</legend>
                        <div id="review-complete-on-hint" class="hint">
                            {"This starts the next 12 months before the next review. The law does not say which: IPSEA reads it as the council's decision, some councils use the meeting."}
                        </div>
                        <div class="radios">
                            { for [ReviewCompleteOn::Decision, ReviewCompleteOn::Meeting].into_iter().map(|value| {
                                let id = match value {
                                    ReviewCompleteOn::Decision => "review-complete-on-decision",
                                    ReviewCompleteOn::Meeting => "review-complete-on-meeting",
                                };
                                let onchange = {
                                    let chosen = chosen.clone();
                                    Callback::from(move |e: Event| {
                                        if e.target_unchecked_into::<HtmlInputElement>().checked() {
                                            chosen.set(value);
                                        }
                                    })
                                };
                                html! {
                                    <div class="radios__item">
                                        <input class="radios__input" type="radio" {id} name="review-complete-on"
                                            checked={*chosen == value} {onchange} />
                                        <label class="label radios__label" for={id}>{review_complete_on_label(value)}</label>
                                    </div>
                                }
                            }) }
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="button button--secondary">{"Save setting"}</button>
                if saved {
                    <p class="hint" aria-live="polite">{format!("In use: {}.", review_complete_on_label(props.value))}</p>
                }
            </form>
            <ContestedPoints />
        </section>
    }
}
