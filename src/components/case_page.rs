//! A case: its details, deadlines, what to do next, events and settings.

use rules::{Case, Evaluation, calendar::long_date, case_file::ReviewCompleteOn};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::kept::Piece;
use super::layout::static_html;
use crate::components::{
    CASE_PICTURE_CAPTION, CasePicture, EventAction, Latest, Markup, back_link, button,
    contested_points, event_clicked, event_list, export_error_message, focus_link,
    inset_with_button, next_steps_section, not_found, per_page, secondary_button, timeline,
    undo_banner,
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
    /// What an event's button asks, and the event's id.
    Event(EventAction, String),
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
    let export_error = use_state_eq(Option::<String>::default);
    // The settings' radios: whether they choose the other reading than the
    // one saved, held here, not in a component of their own, whose machinery
    // would cost more than a render of the page. A bool from its default, as
    // the app's other flags: one copy of the state's code for them all.
    let other = use_state_eq(bool::default);
    // How many of the case's deadlines, steps for overdue ones and events are
    // shown: the latest, more on request.
    let deadlines_shown = use_state_eq(per_page);
    // The deadline asked for, if the case has it. Its card must be drawn to
    // take focus: as many of the latest are drawn as reach it, and kept
    // shown. Focus moves once for each deadline asked for, so "Show 200
    // more" afterwards leaves it where the user is.
    let total = found
        .as_ref()
        .map_or(0, |entry| entry.evaluation().deadlines.len());
    let asked = props.deadline.filter(|&n| n < total);
    {
        let shown = deadlines_shown.clone();
        use_effect_with(asked, move |&asked| {
            if let Some(n) = asked {
                if total - n > *shown {
                    shown.set(total - n);
                }
                crate::browser::focus(&format!("deadline-{n}"));
            }
        });
    }
    let steps_shown = use_state_eq(per_page);
    let events_shown = use_state_eq(per_page);
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
                Action::Event(EventAction::Edit, event_id) => {
                    navigator.go(View::EditEvent(id.clone(), event_id))
                }
                Action::Event(EventAction::Delete, event_id) => cases.delete_event(id, &event_id),
            }
        })
    };
    let on_event = {
        let run = run.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((action, event_id)) = event_clicked(&e) {
                run.emit(Action::Event(action, event_id))
            }
        })
    };
    let on = |action: Action| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run.emit(action.clone()))
    };

    let mut deadlines = Latest::from_state(&deadlines_shown);
    if let Some(n) = asked {
        deadlines.count = deadlines.count.max(total - n);
    }
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
            { Markup::new(r#"<h1 class="heading-xl" tabindex="-1">"#).text(entry.name()).raw("</h1>").html() }
            if archived {
                { static_html(r#"<p class="body"><strong class="tag tag--grey">Archived</strong></p>"#) }
            }
            if is_example(case) {
                { inset_with_button(EXAMPLE, "Remove the example case", on(Action::Delete)) }
            }
            { case_details(case) }
            if overdue > 0 {
                <p class="body lead" onclick={Callback::from(focus_link)}>
                    { Markup::new("<strong>")
                        .raw(&format!("{overdue} {} overdue.", if overdue == 1 { "deadline is" } else { "deadlines are" }))
                        .raw(SEE_NEXT_STEPS)
                        .html() }
                </p>
            }
            { log_link_and_warnings(id, entry.evaluation()) }
            // Drawn at each draw of the page, not kept as a component of
            // its own (code in the first module): the same markup leaves the
            // picture in the page as it is.
            { CasePicture {
                evaluated: entry.shared_evaluation().clone(),
                caption: CASE_PICTURE_CAPTION,
                first: deadlines.hidden(entry.evaluation().deadlines.len()),
            }.draw() }
            { timeline(entry.shared_evaluation(), &deadlines) }
            { next_steps_section(entry.evaluation(), &Latest::from_state(&steps_shown)) }
            { notices(entry.evaluation()) }
            { event_list(case, &Latest::from_state(&events_shown), on_event) }
            { complaint_links(id) }
            <p class="body">
                { secondary_button("Add the deadlines to your calendar (.ics)", on(Action::Calendar)) }
            </p>
            { case_settings(case.settings.review_complete_on, &other, &run) }
            { static_html(r#"<h2 class="heading-m">Manage this case</h2>"#) }
            <div class="button-group">
                { secondary_button("Rename case", on(Action::Rename)) }
                { secondary_button("Export this case", on(Action::Export)) }
                { secondary_button(if archived { "Restore case" } else { "Archive case" }, on(Action::Archive)) }
                { button("button button--warning", "Delete case".into(), on(Action::Delete)) }
            </div>
            { export_error_message(export_error.as_deref()) }
        </>
    }
}

/// After the count of overdue deadlines, the link to what to do about them
/// ([`focus_link`]).
const SEE_NEXT_STEPS: &str =
    r##"</strong> <a href="#next-steps-heading" data-focus="">See what you can do next</a>"##;

/// The example case's note, above the button that removes it.
const EXAMPLE: &str = r#"<p class="body">This case is invented, to show how the app works: which deadlines the council met, which it met late and which it missed. Your own cases are not affected.</p>"#;

/// "Log a milestone", and the warnings about the dates logged: no control
/// of the page's own, so markup written as text.
fn log_link_and_warnings(id: &str, evaluation: &Evaluation) -> Html {
    let mut html = Markup::new(r#"<p class="body"><a class="button" draggable="false" href=""#);
    html.text(&View::LogEvent(id.to_owned()).to_hash())
        .raw(r#"">Log a milestone</a></p>"#);
    if !evaluation.warnings.is_empty() {
        html.raw(r#"<div class="warning-text" role="note"><h2 class="heading-m">Check these dates</h2><ul class="list list--bullet">"#);
        for warning in &evaluation.warnings {
            html.raw("<li>").text(&warning.message).raw("</li>");
        }
        html.raw("</ul></div>");
    }
    html.html()
}

/// What the engine notes about the case ("Good to know"), when it notes any.
fn notices(evaluation: &Evaluation) -> Html {
    if evaluation.notices.is_empty() {
        return html! {};
    }
    let mut html =
        Markup::new(r#"<h2 class="heading-m">Good to know</h2><ul class="list list--bullet">"#);
    for notice in &evaluation.notices {
        html.raw("<li>")
            .text(&notice.text)
            .raw(" <cite>(")
            .text(notice.citation)
            .raw(")</cite></li>");
    }
    html.raw("</ul>").html()
}

/// The documents for a complaint, each a link and what it is.
fn complaint_links(id: &str) -> Html {
    let links = [
        (
            View::Chronology(id.to_owned()),
            "Print a chronology</a> of the events and the deadlines missed",
        ),
        (
            View::Letters(id.to_owned()),
            "Draft a letter</a>: a chase, a complaint to the council, or a note to the Ombudsman",
        ),
        (
            View::Bundle(id.to_owned()),
            "Make an evidence bundle</a>: one numbered PDF of the chronology and the documents kept with the events, for the Tribunal",
        ),
        (
            View::ShareCase(id.to_owned()),
            "Share it anonymised</a> with a parent group or an advocate who pools cases to show how late a council is",
        ),
    ];
    let mut html = Markup::new(r#"<h2 class="heading-m">For a complaint</h2><ul class="list">"#);
    for (view, link_and_rest) in links {
        html.raw(r#"<li><a class="link" href=""#)
            .text(&view.to_hash())
            .raw(r#"">"#)
            .raw(link_and_rest)
            .raw("</li>");
    }
    html.raw("</ul>").html()
}

/// Council, reference and date of birth, when known.
fn case_details(case: &Case) -> Html {
    let born = case.date_of_birth.map(long_date);
    let rows = [
        ("Council", case.local_authority.as_deref()),
        ("Case reference", case.reference.as_deref()),
        ("Date of birth", born.as_deref()),
    ];
    if rows.iter().all(|(_, value)| value.is_none()) {
        return html! {};
    }
    let mut html = Markup::new(r#"<dl class="summary-list">"#);
    for (key, value) in rows {
        if let Some(value) = value {
            html.raw(r#"<div class="summary-list__row"><dt class="summary-list__key">"#)
                .raw(key)
                .raw(r#"</dt><dd class="summary-list__value">"#)
                .text(value)
                .raw("</dd></div>");
        }
    }
    html.raw("</dl>").html()
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
/// `value` is the saved choice, `other` whether the radios choose the other.
fn case_settings(
    value: ReviewCompleteOn,
    other: &UseStateHandle<bool>,
    run: &Callback<Action>,
) -> Html {
    let chosen = match (value, **other) {
        (ReviewCompleteOn::Meeting, true) => ReviewCompleteOn::Decision,
        (ReviewCompleteOn::Decision, true) => ReviewCompleteOn::Meeting,
        (value, false) => value,
    };
    let saved = !**other;
    let onsubmit = {
        let (run, other) = (run.clone(), other.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run.emit(Action::SaveSetting(chosen));
            other.set(false);
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
                            { radio(ReviewCompleteOn::Decision, "review-complete-on-decision", chosen, value, other) }
                            { radio(ReviewCompleteOn::Meeting, "review-complete-on-meeting", chosen, value, other) }
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="button button--secondary">{"Save setting"}</button>
                if saved {
                    { Markup::new(r#"<p class="hint" aria-live="polite">In use: "#)
                        .raw(review_complete_on_label(value))
                        .raw(".</p>")
                        .html() }
                }
            </form>
            { contested_points() }
        </section>
    }
}

/// The radio of one reading of when an annual review is complete; `saved`
/// the reading saved, `other` whether the radios choose the other one.
fn radio(
    value: ReviewCompleteOn,
    id: &'static str,
    chosen: ReviewCompleteOn,
    saved: ReviewCompleteOn,
    other: &UseStateHandle<bool>,
) -> Html {
    let onchange = {
        let other = other.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                other.set(value != saved);
            }
        })
    };
    html! {
        <div class="radios__item">
            <input class="radios__input" type="radio" {id} name="review-complete-on"
                checked={chosen == value} {onchange} />
            { Markup::new(r#"<label class="label radios__label" for=""#)
                .raw(id)
                .raw(r#"">"#)
                .raw(review_complete_on_label(value))
                .raw("</label>")
                .html() }
        </div>
    }
}
