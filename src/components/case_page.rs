//! A case: its details, deadlines, what to do next, events and settings.

use rules::{Case, calendar::long_date, case_file::ReviewCompleteOn};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::layout::static_html;
use crate::components::{
    CASE_PICTURE_CAPTION, CasePicture, Latest, PER_PAGE, back_link, contested_points, event_list,
    next_steps_section, not_found, secondary_button, timeline, undo_banner,
};
use crate::example::is_example;
use crate::export;
use crate::hooks::{use_cases, use_navigator};
use crate::labels::review_complete_on_label;
use crate::route::View;
use crate::state::Deleted;
use crate::summary::overdue_count;

/// What a click on the case page does. One callback runs them all, so the
/// page builds one kind of closure, not one per button.
#[derive(Clone)]
enum Action {
    Rename,
    Export,
    Calendar,
    Archive,
    Delete,
    Undo,
    /// Save the case's reading of when an annual review is complete.
    SaveSetting(ReviewCompleteOn),
}

#[derive(Properties, PartialEq)]
pub struct CasePageProps {
    pub case_id: AttrValue,
    /// The deadline to move focus to (its place in the evaluation), as a
    /// row of the picture or of the agenda asks.
    #[prop_or_default]
    pub deadline: Option<usize>,
}

#[component]
pub fn CasePage(props: &CasePageProps) -> Html {
    let cases = use_cases();
    let navigator = use_navigator();
    let found = cases.entry(&props.case_id).cloned();
    let export_error = use_state_eq(|| None::<String>);
    // The settings' radios: whether the meeting is chosen, held here, not in
    // a component of their own, whose machinery would cost more than a
    // render of the page. A bool, whose state code the app already has.
    let meeting = use_state_eq(|| {
        found.as_ref().is_some_and(|entry| {
            entry.case.settings.review_complete_on == ReviewCompleteOn::Meeting
        })
    });
    // How many of the case's deadlines, steps for overdue ones and events are
    // shown: the latest, more on request.
    let deadlines_shown = use_state_eq(|| PER_PAGE);
    {
        // The card must be drawn to take focus: show enough of the latest.
        // Focus moves once for each deadline asked for, so "Show 200 more"
        // afterwards leaves it where the user is.
        let (shown, total) = (
            deadlines_shown.clone(),
            found
                .as_ref()
                .map_or(0, |entry| entry.evaluation().deadlines.len()),
        );
        let focused = use_mut_ref(|| None::<usize>);
        use_effect_with((props.deadline, *deadlines_shown), move |&(deadline, _)| {
            if *focused.borrow() == deadline {
                return;
            }
            if let Some(n) = deadline.filter(|&n| n < total) {
                if total - n > *shown {
                    return shown.set(total - n);
                }
                crate::browser::focus(&format!("deadline-{n}"));
            }
            *focused.borrow_mut() = deadline;
        });
    }
    let steps_shown = use_state_eq(|| PER_PAGE);
    let events_shown = use_state_eq(|| PER_PAGE);
    // The events' buttons, the same from one draw to the next while the
    // case is shown, so an event's card is drawn again only when it changes.
    // (An earlier handle's verbs change the latest state.)
    let on_edit = {
        let navigator = navigator.clone();
        use_callback(props.case_id.clone(), move |event_id, case_id| {
            navigator.go(View::EditEvent(case_id.to_string(), event_id))
        })
    };
    let on_delete = {
        let cases = cases.clone();
        use_callback(props.case_id.clone(), move |event_id: String, case_id| {
            cases.delete_event(case_id, &event_id)
        })
    };
    let Some(entry) = found else {
        return not_found();
    };
    let case = &entry.case;
    let id = &case.id;
    let archived = entry.archived();
    let overdue = overdue_count(entry.evaluation());

    let run = {
        let (cases, entry, export_error) = (cases.clone(), entry.clone(), export_error.clone());
        Callback::from(move |action: Action| {
            let id = &entry.case.id;
            match action {
                Action::Rename => navigator.go(View::RenameCase(id.clone())),
                Action::Export => export_error
                    .set(export::download([entry.case.as_ref()], entry.name(), cases.today).err()),
                Action::Calendar => export_error
                    .set(export::download_calendar([&entry], entry.name(), cases.today).err()),
                Action::Archive => {
                    cases.archive_case(id, !archived);
                    if !archived {
                        navigator.go(View::Cases);
                    }
                }
                Action::Delete => {
                    cases.delete_case(id);
                    navigator.go(View::Cases);
                }
                Action::Undo => cases.undo_delete(),
                Action::SaveSetting(setting) => cases.set_setting(id, setting),
            }
        })
    };
    let on = |action: Action| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run.emit(action.clone()))
    };

    let deleted_event = match &cases.deleted {
        Some(Deleted::Event { case_id, event, .. }) if case_id == id => Some(format!(
            "{} — {} was deleted.",
            outputs::written_when(&event.when),
            event.kind.label()
        )),
        _ => None,
    };

    html! {
        <>
            { back_link(&View::Cases, "your cases") }
            if let Some(text) = deleted_event {
                { undo_banner("Milestone deleted", text, on(Action::Undo)) }
            }
            <h1 class="heading-xl" tabindex="-1">{entry.name()}</h1>
            if archived {
                { static_html(r#"<p class="body"><strong class="tag tag--grey">Archived</strong></p>"#) }
            }
            if is_example(case) {
                <div class="inset-text">
                    <p class="body">{"This case is invented, to show how the app works: which deadlines the council met, which it met late and which it missed. Your own cases are not affected."}</p>
                    { secondary_button("Remove the example case", on(Action::Delete)) }
                </div>
            }
            { case_details(case) }
            if overdue > 0 {
                <p class="body lead">
                    <strong>{format!("{overdue} {} overdue.", if overdue == 1 { "deadline is" } else { "deadlines are" })}</strong>
                    {" "}<a href="#next-steps-heading" onclick={skip_to("next-steps-heading")}>{"See what you can do next"}</a>
                </p>
            }
            <p class="body">
                <a class="button" draggable="false" href={View::LogEvent(id.clone()).to_hash()}>{"Log a milestone"}</a>
            </p>
            if !entry.evaluation().warnings.is_empty() {
                <div class="warning-text" role="note">
                    { static_html(r#"<h2 class="heading-m">Check these dates</h2>"#) }
                    <ul class="list list--bullet">
                        { for entry.evaluation().warnings.iter().map(|w| html! { <li>{&w.message}</li> }) }
                    </ul>
                </div>
            }
            <CasePicture evaluated={entry.shared_evaluation().clone()} caption={CASE_PICTURE_CAPTION}
                first={Latest::from_state(&deadlines_shown).hidden(entry.evaluation().deadlines.len())} />
            { timeline(entry.shared_evaluation(), &Latest::from_state(&deadlines_shown)) }
            { next_steps_section(entry.evaluation(), &Latest::from_state(&steps_shown)) }
            if !entry.evaluation().notices.is_empty() {
                { static_html(r#"<h2 class="heading-m">Good to know</h2>"#) }
                <ul class="list list--bullet">
                    { for entry.evaluation().notices.iter().map(|n| html! {
                        <li>{&n.text}{" "}<cite>{format!("({})", n.citation)}</cite></li>
                    }) }
                </ul>
            }
            { event_list(case, &Latest::from_state(&events_shown), &on_edit, &on_delete) }
            { static_html(r#"<h2 class="heading-m">For a complaint</h2>"#) }
            <ul class="list">
                { complaint_link(View::Chronology(id.clone()), "Print a chronology", " of the events and the deadlines missed") }
                { complaint_link(View::Letters(id.clone()), "Draft a letter", ": a chase, a complaint to the council, or a note to the Ombudsman") }
                { complaint_link(View::Bundle(id.clone()), "Make an evidence bundle", ": one numbered PDF of the chronology and the documents kept with the events, for the Tribunal") }
                { complaint_link(View::ShareCase(id.clone()), "Share it anonymised", " with a parent group or an advocate who pools cases to show how late a council is") }
            </ul>
            <p class="body">
                { secondary_button("Add the deadlines to your calendar (.ics)", on(Action::Calendar)) }
            </p>
            { case_settings(case.settings.review_complete_on, &meeting, &run) }
            { static_html(r#"<h2 class="heading-m">Manage this case</h2>"#) }
            <div class="button-group">
                { secondary_button("Rename case", on(Action::Rename)) }
                { secondary_button("Export this case", on(Action::Export)) }
                { secondary_button(if archived { "Restore case" } else { "Archive case" }, on(Action::Archive)) }
                <button type="button" class="button button--warning" onclick={on(Action::Delete)}>{"Delete case"}</button>
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

/// A link to a document for a complaint, and what the document is.
fn complaint_link(view: View, link: &'static str, rest: &'static str) -> Html {
    html! {
        <li><a class="link" href={view.to_hash()}>{link}</a>{rest}</li>
    }
}

/// Council, reference and date of birth, when known.
fn case_details(case: &Case) -> Html {
    if case.local_authority.is_none() && case.reference.is_none() && case.date_of_birth.is_none() {
        return html! {};
    }
    html! {
        <dl class="summary-list">
            { details_row("Council", case.local_authority.clone()) }
            { details_row("Case reference", case.reference.clone()) }
            { details_row("Date of birth", case.date_of_birth.map(long_date)) }
        </dl>
    }
}

/// One row of the case's details, when the value is known.
fn details_row(key: &'static str, value: Option<String>) -> Html {
    let Some(value) = value else {
        return html! {};
    };
    html! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

const SETTINGS_HEADING: &str =
    r#"<h2 class="heading-m" id="settings-heading">Settings for this case</h2>"#;

/// The radios' legend, and the hint the fieldset is described by.
const REVIEW_COMPLETE_ON_QUESTION: &str = concat!(
    r#"<legend class="fieldset__legend fieldset__legend--s">When does an annual review count as complete?</legend>"#,
    r#"<div id="review-complete-on-hint" class="hint">This starts the next 12 months before the next review. "#,
    "The law does not say which: IPSEA reads it as the council's decision, some councils use the meeting.</div>"
);

/// The case's choice on a disputed point: when an annual review is complete.
/// `value` is the saved choice, `meeting` whether the radios choose the meeting.
fn case_settings(
    value: ReviewCompleteOn,
    meeting: &UseStateHandle<bool>,
    run: &Callback<Action>,
) -> Html {
    let chosen = if **meeting {
        ReviewCompleteOn::Meeting
    } else {
        ReviewCompleteOn::Decision
    };
    let saved = chosen == value;
    let onsubmit = {
        let run = run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run.emit(Action::SaveSetting(chosen));
        })
    };
    html! {
        <section aria-labelledby="settings-heading">
            { static_html(SETTINGS_HEADING) }
            <form novalidate=true {onsubmit}>
                <div class="form-group">
                    <fieldset class="fieldset" aria-describedby="review-complete-on-hint">
                        { static_html(REVIEW_COMPLETE_ON_QUESTION) }
                        <div class="radios">
                            { radio(ReviewCompleteOn::Decision, "review-complete-on-decision", chosen, meeting) }
                            { radio(ReviewCompleteOn::Meeting, "review-complete-on-meeting", chosen, meeting) }
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="button button--secondary">{"Save setting"}</button>
                if saved {
                    <p class="hint" aria-live="polite">{format!("In use: {}.", review_complete_on_label(value))}</p>
                }
            </form>
            { contested_points() }
        </section>
    }
}

/// The radio of one reading of when an annual review is complete.
fn radio(
    value: ReviewCompleteOn,
    id: &'static str,
    chosen: ReviewCompleteOn,
    meeting: &UseStateHandle<bool>,
) -> Html {
    let onchange = {
        let meeting = meeting.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                meeting.set(value == ReviewCompleteOn::Meeting);
            }
        })
    };
    html! {
        <div class="radios__item">
            <input class="radios__input" type="radio" {id} name="review-complete-on"
                checked={chosen == value} {onchange} />
            <label class="label radios__label" for={id}>{review_complete_on_label(value)}</label>
        </div>
    }
}
