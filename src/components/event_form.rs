//! The milestone form: what happened, when, who, a note and a document, with
//! the fields only some kinds take; and the pages that log and change one.

use rules::{
    EventKind, ExceptionReason, Matters, Order, ResponseUnit, ReviewOutcome, SendMethod, Stage,
    Transfer,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::fields::Checkbox;
use crate::components::{DateInput, ErrorSummary, NotFound, SelectField, TextField};
use crate::forms::{DatePart, DateParts, Edit, Errors, EventDraft, KindField};
use crate::hooks::{use_cases, use_form, use_navigator};
use crate::labels::Label;
use crate::route::View;
use crate::state::new_event_id;

#[derive(Properties, PartialEq)]
pub struct EventFormProps {
    pub draft: EventDraft,
    pub errors: Errors,
    pub on_change: Callback<Edit<EventDraft>>,
    pub on_submit: Callback<()>,
    /// Where "Cancel" goes.
    pub cancel: View,
}

/// The options of a select over a field's values.
fn options<T: Label>() -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|v| (v.id(), v.label())).collect()
}

/// The fields of a milestone, as typed; the page that shows it checks and saves.
#[component]
pub fn EventForm(props: &EventFormProps) -> Html {
    let draft = &props.draft;
    let errors = &props.errors;
    let edit = |set: fn(&mut EventDraft, String)| {
        let on_change = props.on_change.clone();
        Callback::from(move |value: String| {
            on_change.emit(Edit::new(move |draft| set(draft, value.clone())))
        })
    };
    let edit_date = |date: fn(&mut EventDraft) -> &mut DateParts| {
        let on_change = props.on_change.clone();
        Callback::from(move |(part, typed): (DatePart, String)| {
            on_change.emit(Edit::new(move |draft| date(draft).set(part, typed.clone())))
        })
    };
    let on_kind = {
        let on_kind = edit(|d, v| d.kind = v);
        Callback::from(move |e: Event| {
            on_kind.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_disputed = {
        let on_change = props.on_change.clone();
        Callback::from(move |disputed: bool| {
            on_change.emit(Edit::new(move |draft: &mut EventDraft| {
                draft.disputed = disputed
            }))
        })
    };
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(());
        })
    };
    let kind_error = errors.on("kind").cloned();
    let custom = draft.kind().filter(|k| matches!(k, EventKind::Custom(_)));
    let is_agreement = draft.kind() == Some(EventKind::MediationAgreement);
    html! {
        <>
            <ErrorSummary errors={errors.clone()} />
            <form novalidate=true {onsubmit}>
                <div class={classes!("form-group", kind_error.is_some().then_some("form-group--error"))}>
                    <label class="label" for="kind">{"What happened"}</label>
                    <crate::components::fields::ErrorMessage id="kind" error={kind_error.clone()} />
                    <select id="kind" name="kind" onchange={on_kind}
                        class={classes!("select", "select--wide", kind_error.is_some().then_some("select--error"))}
                        aria-describedby={kind_error.is_some().then_some("kind-error")}>
                        <option value="" selected={draft.kind.is_empty()}>{"Choose what happened"}</option>
                        { for Stage::ALL.iter().map(|stage| html! {
                            <optgroup label={stage.label()}>
                                { for EventKind::KNOWN.iter().filter(|k| k.stage() == *stage).map(|kind| html! {
                                    <option value={kind.id().to_owned()} selected={draft.kind == kind.id()}>{kind.label().to_owned()}</option>
                                }) }
                            </optgroup>
                        }) }
                        if let Some(kind) = custom {
                            <option value={kind.id().to_owned()} selected=true>{kind.label().to_owned()}</option>
                        }
                    </select>
                </div>
                <DateInput id="date" legend="Date"
                    hint={date_hint(draft)}
                    value={draft.date.clone()} error={errors.on("date").cloned()}
                    on_change={edit_date(|d| &mut d.date)} />
                if draft.shows(KindField::Party) {
                    <TextField id="party" label="Who was asked for advice (optional)"
                        hint="For example, educational psychologist. Use the same words for the request and the advice, so they are paired."
                        value={draft.party.clone()} error={errors.on("party").cloned()}
                        on_input={edit(|d, v| d.party = v)} width="input--width-20" />
                }
                if draft.shows(KindField::School) {
                    <TextField id="school" label="Which school or college (optional)"
                        hint="Use the same name for the consultation and the reply, so they are paired."
                        value={draft.school.clone()} error={errors.on("school").cloned()}
                        on_input={edit(|d, v| d.school = v)} width="input--width-20" />
                }
                if draft.shows(KindField::Outcome) {
                    <SelectField id="outcome" label="What the council decided (optional)"
                        options={options::<ReviewOutcome>()} placeholder="Not recorded"
                        value={draft.outcome.clone()} error={errors.on("outcome").cloned()}
                        on_change={edit(|d, v| d.outcome = v)} />
                }
                if draft.shows(KindField::Order) {
                    <SelectField id="order"
                        label={if is_agreement { "What was agreed (optional)" } else { "What was ordered" }}
                        options={options::<Order>()} placeholder="Choose one"
                        value={draft.order.clone()} error={errors.on("order").cloned()}
                        on_change={edit(|d, v| d.order = v)} />
                }
                if draft.shows(KindField::Matters) {
                    <SelectField id="matters" label="What the agreement is about (optional)"
                        options={options::<Matters>()} placeholder="Things you could appeal about (if not recorded)"
                        value={draft.matters.clone()} error={errors.on("matters").cloned()}
                        on_change={edit(|d, v| d.matters = v)} />
                }
                if draft.shows(KindField::Transfer) {
                    <SelectField id="transfer" label="Kind of move"
                        hint="The date is the day the child or young person starts at the new school or college."
                        options={options::<Transfer>()} placeholder="Choose one"
                        value={draft.transfer.clone()} error={errors.on("transfer").cloned()}
                        on_change={edit(|d, v| d.transfer = v)} />
                }
                if draft.shows(KindField::Exception) {
                    <SelectField id="exception" label="Reason the council gave"
                        options={options::<ExceptionReason>()} placeholder="Choose one"
                        value={draft.exception.clone()} error={errors.on("exception").cloned()}
                        on_change={edit(|d, v| d.exception = v)} />
                    <DateInput id="from" legend="Start of the period the council claims"
                        value={draft.from.clone()} error={errors.on("from").cloned()}
                        on_change={edit_date(|d| &mut d.from)} />
                    <DateInput id="until" legend="End of the period the council claims"
                        value={draft.until.clone()} error={errors.on("until").cloned()}
                        on_change={edit_date(|d| &mut d.until)} />
                    <div class="form-group checkboxes">
                        <Checkbox id="disputed" label="We dispute that this exception applies"
                            checked={draft.disputed} on_change={on_disputed} />
                    </div>
                }
                if draft.shows(KindField::Method) {
                    <SelectField id="method" label="How the request was sent (optional)"
                        hint="If you do not know when it arrived, this gives the date it is taken to have arrived."
                        options={options::<SendMethod>()} placeholder="Not recorded"
                        value={draft.method.clone()} error={errors.on("method").cloned()}
                        on_change={edit(|d, v| d.method = v)} />
                    <TextField id="time" label="Time it was sent (optional)"
                        hint="For example, 17:30. A request sent by hand or email after 5pm is taken to arrive the next working day."
                        value={draft.time.clone()} error={errors.on("time").cloned()}
                        on_input={edit(|d, v| d.time = v)} width="input--width-5" />
                }
                if draft.shows(KindField::Response) {
                    <TextField id="respond_within" label="Time the council said it would take to reply (optional)"
                        hint="A number, such as 20."
                        value={draft.respond_within.clone()} error={errors.on("respond_within").cloned()}
                        on_input={edit(|d, v| d.respond_within = v)} width="input--width-3" numeric=true />
                    <SelectField id="unit" label="Counted in"
                        options={options::<ResponseUnit>()} placeholder="Choose one"
                        value={draft.unit.clone()} error={errors.on("unit").cloned()}
                        on_change={edit(|d, v| d.unit = v)} />
                }
                <TextField id="who" label="Who (optional)"
                    hint="For example, the caseworker who wrote, or the person you spoke to."
                    value={draft.who.clone()} error={errors.on("who").cloned()}
                    on_input={edit(|d, v| d.who = v)} width="input--width-20" />
                <TextField id="note" label="Note (optional)" multiline=true
                    value={draft.note.clone()} error={errors.on("note").cloned()}
                    on_input={edit(|d, v| d.note = v)} />
                <TextField id="document" label="Document reference (optional)"
                    hint="For example, the letter's reference or the file name, so you can find it again."
                    value={draft.document.clone()} error={errors.on("document").cloned()}
                    on_input={edit(|d, v| d.document = v)} width="input--width-20" />
                <div class="button-group">
                    <button type="submit" class="button">{"Save milestone"}</button>
                    <a class="link" href={props.cancel.to_hash()}>{"Cancel"}</a>
                </div>
            </form>
        </>
    }
}

fn date_hint(draft: &EventDraft) -> AttrValue {
    match draft.kind() {
        Some(EventKind::PhaseTransferPlanned) => {
            "The day the child or young person starts at the new place. For example, 3 9 2025"
                .into()
        }
        _ => {
            "The date on the letter or email, or the day it happened. For example, 6 1 2025".into()
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct MilestonePageProps {
    pub case_id: AttrValue,
    /// The event to change; none to log a new one.
    #[prop_or_default]
    pub event_id: Option<AttrValue>,
}

/// `#/case/ID/log` records a new milestone; `#/case/ID/event/EID` changes one.
#[component]
pub fn MilestonePage(props: &MilestonePageProps) -> Html {
    let cases = use_cases();
    let navigator = use_navigator();
    let entry = cases.entry(&props.case_id).cloned();
    let event = props.event_id.as_ref().and_then(|event_id| {
        let case = &entry.as_ref()?.case;
        case.events.iter().find(|e| e.id == **event_id).cloned()
    });
    let form = {
        let event = event.clone();
        use_form(move || {
            event
                .map(|e| EventDraft::from_event(&e))
                .unwrap_or_default()
        })
    };
    let Some(entry) = entry.filter(|_| props.event_id.is_none() || event.is_some()) else {
        return html! { <NotFound /> };
    };
    let case_id = props.case_id.to_string();
    let on_submit = {
        let (form, case_id, case) = (form.clone(), case_id.clone(), entry.case.clone());
        let event_id = event.as_ref().map(|e| e.id.clone());
        Callback::from(move |()| {
            let id = event_id.clone().unwrap_or_else(|| new_event_id(&case));
            if let Some(event) = form.check(|draft| draft.validate(&case, &id)) {
                match event_id {
                    Some(_) => cases.update_event(&case_id, event),
                    None => cases.add_event(&case_id, event),
                }
                navigator.go(View::Case(case_id.clone()));
            }
        })
    };
    let heading = if event.is_some() {
        "Change a milestone"
    } else {
        "Log a milestone"
    };
    html! {
        <>
            <a class="back-link" href={View::Case(case_id.clone()).to_hash()}>{format!("Back to {}", entry.name())}</a>
            <span class="caption-l">{entry.name()}</span>
            <h1 class="heading-xl" tabindex="-1">{heading}</h1>
            <EventForm draft={form.draft()} errors={form.errors()} on_change={form.on_change()}
                {on_submit} cancel={View::Case(case_id)} />
        </>
    }
}
