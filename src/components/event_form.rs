//! The milestone form: what happened, when, who, a note and a document, with
//! the fields only some kinds take; and the pages that log and change one.

use rules::{
    EventKind,
    case_file::{
        ExceptionReason, Matters, Order, ResponseUnit, ReviewOutcome, SendMethod, Stage, Transfer,
    },
};
use yew::prelude::*;

use crate::components::fields::{
    CheckboxProps, SelectFieldProps, TextBox, checkbox, class_with, edit_date, edit_text,
    field_group, form, on_select, page_top, select_option,
};
use crate::components::{DateInputProps, date_input, not_found, select_field, use_error_focus};
use crate::forms::{DateParts, Edit, Errors, EventDraft, KindField, kind_fields};
use crate::hooks::{use_cases, use_form, use_navigator};
use crate::labels::{Label, MediationIssues};
use crate::route::View;
use crate::state::new_event_id;

/// What the milestone form shows and calls.
pub struct EventFormProps {
    pub draft: EventDraft,
    pub errors: Errors,
    pub on_change: Callback<Edit<EventDraft>>,
    pub on_submit: Callback<()>,
    /// Where "Cancel" goes.
    pub cancel: View,
}

/// A select of the milestone form, as its table describes it.
#[derive(Clone, Copy)]
struct SelectBox {
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    /// The (id, words) of the option at a position; none past the last.
    option: fn(usize) -> Option<(&'static str, &'static str)>,
    /// The words of the empty first option.
    placeholder: &'static str,
}

/// How a field after the date is typed in.
enum Control {
    Text(TextBox),
    Select(SelectBox),
}

/// A field after the date, and the text of the draft it shows and changes.
struct Field {
    /// The kind-specific field it is part of; none for one every kind shows.
    shown_for: Option<KindField>,
    control: Control,
    text: fn(&EventDraft) -> &String,
    text_mut: fn(&mut EventDraft) -> &mut String,
}

/// The width of most text boxes: 20 characters.
const WIDE: Option<&str> = Some("input--width-20");

/// The words of a select whose value is optional or required.
const NOT_RECORDED: &str = "Not recorded";
const CHOOSE_ONE: &str = "Choose one";

/// A mediation agreement's order is optional: it was agreed, not ordered.
const AGREED_LABEL: &str = "What was agreed (optional)";

/// The fields after the date and before an exception's period, in order.
const BEFORE_PERIOD: &[Field] = &[
    Field {
        shown_for: Some(KindField::Party),
        control: Control::Text(TextBox {
            id: "party",
            label: "Who was asked for advice (optional)",
            hint: Some(
                "For example, educational psychologist. Use the same words for the request and the advice, so they are paired.",
            ),
            width: WIDE,
            numeric: false,
        }),
        text: |d| &d.party,
        text_mut: |d| &mut d.party,
    },
    Field {
        shown_for: Some(KindField::School),
        control: Control::Text(TextBox {
            id: "school",
            label: "Which school or college (optional)",
            hint: Some("Use the same name for the consultation and the reply, so they are paired."),
            width: WIDE,
            numeric: false,
        }),
        text: |d| &d.school,
        text_mut: |d| &mut d.school,
    },
    Field {
        shown_for: Some(KindField::Outcome),
        control: Control::Select(SelectBox {
            id: "outcome",
            label: "What the council decided (optional)",
            hint: None,
            option: option::<ReviewOutcome>,
            placeholder: NOT_RECORDED,
        }),
        text: |d| &d.outcome,
        text_mut: |d| &mut d.outcome,
    },
    Field {
        shown_for: Some(KindField::Order),
        control: Control::Select(SelectBox {
            id: "order",
            label: "What was ordered",
            hint: None,
            option: option::<Order>,
            placeholder: CHOOSE_ONE,
        }),
        text: |d| &d.order,
        text_mut: |d| &mut d.order,
    },
    Field {
        shown_for: Some(KindField::Matters),
        control: Control::Select(SelectBox {
            id: "matters",
            label: "What the agreement is about (optional)",
            hint: None,
            option: option::<Matters>,
            placeholder: "Things you could appeal about (if not recorded)",
        }),
        text: |d| &d.matters,
        text_mut: |d| &mut d.matters,
    },
    Field {
        shown_for: Some(KindField::Mediation),
        control: Control::Select(SelectBox {
            id: "mediation",
            label: "What the mediation is about",
            hint: None,
            option: option::<MediationIssues>,
            placeholder: "Education or social care only",
        }),
        text: |d| &d.mediation,
        text_mut: |d| &mut d.mediation,
    },
    Field {
        shown_for: Some(KindField::Transfer),
        control: Control::Select(SelectBox {
            id: "transfer",
            label: "Kind of move",
            hint: Some(
                "The date is the day the child or young person starts at the new school or college.",
            ),
            option: option::<Transfer>,
            placeholder: CHOOSE_ONE,
        }),
        text: |d| &d.transfer,
        text_mut: |d| &mut d.transfer,
    },
    Field {
        shown_for: Some(KindField::Exception),
        control: Control::Select(SelectBox {
            id: "exception",
            label: "Reason the council gave",
            hint: None,
            option: option::<ExceptionReason>,
            placeholder: CHOOSE_ONE,
        }),
        text: |d| &d.exception,
        text_mut: |d| &mut d.exception,
    },
];

/// The fields after an exception's period, in order.
const AFTER_PERIOD: &[Field] = &[
    Field {
        shown_for: Some(KindField::Method),
        control: Control::Select(SelectBox {
            id: "method",
            label: "How the request was sent (optional)",
            hint: Some(
                "If you do not know when it arrived, this gives the date it is taken to have arrived.",
            ),
            option: option::<SendMethod>,
            placeholder: NOT_RECORDED,
        }),
        text: |d| &d.method,
        text_mut: |d| &mut d.method,
    },
    Field {
        shown_for: Some(KindField::Method),
        control: Control::Text(TextBox {
            id: "time",
            label: "Time it was sent (optional)",
            hint: Some(
                "For example, 17:30. A request sent by hand or email after 5pm is taken to arrive the next working day.",
            ),
            width: Some("input--width-5"),
            numeric: false,
        }),
        text: |d| &d.time,
        text_mut: |d| &mut d.time,
    },
    Field {
        shown_for: Some(KindField::Response),
        control: Control::Text(TextBox {
            id: "respond_within",
            label: "Time the council said it would take to reply (optional)",
            hint: Some("A number, such as 20."),
            width: Some("input--width-3"),
            numeric: true,
        }),
        text: |d| &d.respond_within,
        text_mut: |d| &mut d.respond_within,
    },
    Field {
        shown_for: Some(KindField::Response),
        control: Control::Select(SelectBox {
            id: "unit",
            label: "Counted in",
            hint: None,
            option: option::<ResponseUnit>,
            placeholder: CHOOSE_ONE,
        }),
        text: |d| &d.unit,
        text_mut: |d| &mut d.unit,
    },
    Field {
        shown_for: None,
        control: Control::Text(TextBox {
            id: "who",
            label: "Who (optional)",
            hint: Some("For example, the caseworker who wrote, or the person you spoke to."),
            width: WIDE,
            numeric: false,
        }),
        text: |d| &d.who,
        text_mut: |d| &mut d.who,
    },
    Field {
        shown_for: None,
        control: Control::Text(TextBox {
            id: "note",
            label: "Note (optional)",
            hint: None,
            width: None,
            numeric: false,
        }),
        text: |d| &d.note,
        text_mut: |d| &mut d.note,
    },
    Field {
        shown_for: None,
        control: Control::Text(TextBox {
            id: "document",
            label: "Document reference (optional)",
            hint: Some(
                "For example, the letter's reference or the file name, so you can find it again.",
            ),
            width: WIDE,
            numeric: false,
        }),
        text: |d| &d.document,
        text_mut: |d| &mut d.document,
    },
];

/// The option at `index` of a select over a field's values. Only this is
/// built for each type: the list itself is built once, by [`options`].
fn option<T: Label>(index: usize) -> Option<(&'static str, &'static str)> {
    T::ALL.get(index).map(|v| (v.id(), v.label()))
}

/// Every option of a select, from the first.
fn options(
    option: fn(usize) -> Option<(&'static str, &'static str)>,
) -> Vec<(AttrValue, AttrValue)> {
    (0..)
        .map_while(option)
        .map(|(id, words)| (AttrValue::Static(id), AttrValue::Static(words)))
        .collect()
}

/// The fields of a milestone, as typed; the page that shows it checks and saves.
pub fn event_form(props: &EventFormProps) -> Html {
    let draft = &props.draft;
    let errors = &props.errors;
    let shown = kind_fields(draft.kind().as_ref());
    let fields = |fields: &'static [Field]| {
        fields
            .iter()
            .map(|field| match field.shown_for {
                Some(kind_field) if !shown.contains(&kind_field) => Html::default(),
                _ => text_or_select(field, props),
            })
            .collect::<Html>()
    };
    let period = shown.contains(&KindField::Exception).then(|| {
        html! {
            <>
                { date_field(props, "from", "Start of the period the council claims", None,
                    &draft.from, |d| &mut d.from) }
                { date_field(props, "until", "End of the period the council claims", None,
                    &draft.until, |d| &mut d.until) }
                { tick(props, "disputed", "We dispute that this exception applies",
                    draft.disputed, |d, on| d.disputed = on) }
            </>
        }
    });
    let move_date = shown.contains(&KindField::MoveDate).then(|| {
        date_field(
            props,
            "move_date",
            "Day of the move",
            None,
            &draft.move_date,
            |d| &mut d.move_date,
        )
    });
    let agreement = shown.contains(&KindField::Agreement).then(|| {
        html! {
            <>
                { tick(props, "council_not_party",
                    "The council was not a party to the agreement (only the health body)",
                    draft.council_not_party, |d, on| d.council_not_party = on) }
                { date_field(props, "agreed_due", "Date agreed in writing for doing it (optional)",
                    None, &draft.agreed_due, |d| &mut d.agreed_due) }
            </>
        }
    });
    let stage = shown.contains(&KindField::Stage).then(|| {
        tick(
            props,
            "stage_two",
            "This is a stage 2 complaint (you asked the council to look at it again)",
            draft.stage_two,
            |d, on| d.stage_two = on,
        )
    });
    let fields = html! {
        <>
            { kind_select(props) }
            { date_field(props, "date", "Date", Some(date_hint(draft)), &draft.date, |d| &mut d.date) }
            { fields(BEFORE_PERIOD) }
            { period }
            { move_date }
            { agreement }
            { stage }
            { fields(AFTER_PERIOD) }
        </>
    };
    form(
        errors,
        &props.on_submit,
        fields,
        "Save milestone",
        &props.cancel,
    )
}

/// The select of what happened: the known kinds grouped by stage, and the
/// milestone's own kind when it is a custom one.
fn kind_select(props: &EventFormProps) -> Html {
    let draft = &props.draft;
    let error = props.errors.on("kind");
    let on_kind = edit_text(&props.on_change, |d| &mut d.kind);
    let custom = draft.kind().filter(|k| matches!(k, EventKind::Custom(_)));
    let control = html! {
        <select id="kind" name="kind" onchange={on_select(&on_kind)}
            class={class_with("select select--wide", error.is_some(), "select--error")}
            aria-describedby={error.is_some().then_some("kind-error")}>
            { select_option("".into(), "Choose what happened".into(), draft.kind.is_empty()) }
            { for Stage::ALL.iter().map(|stage| html! {
                <optgroup label={stage.label()}>
                    { for EventKind::KNOWN.iter().filter(|k| k.stage() == *stage).map(|kind| {
                        select_option(kind.id().into(), kind.label().into(), draft.kind == kind.id())
                    }) }
                </optgroup>
            }) }
            if let Some(kind) = custom {
                { select_option(kind.id().to_owned().into(), kind.label().to_owned().into(), true) }
            }
        </select>
    };
    field_group(
        &"kind".into(),
        &"What happened".into(),
        None,
        error,
        control,
    )
}

/// A checkbox of the draft, ticked when `checked`, that `set` changes.
fn tick(
    props: &EventFormProps,
    id: &'static str,
    label: &'static str,
    checked: bool,
    set: fn(&mut EventDraft, bool),
) -> Html {
    let on_change = props.on_change.clone();
    let on_change = Callback::from(move |on: bool| {
        on_change.emit(Edit::new(move |draft: &mut EventDraft| set(draft, on)))
    });
    html! {
        <div class="form-group checkboxes">
            { checkbox(&CheckboxProps { id: id.into(), label: label.into(), checked, on_change }) }
        </div>
    }
}

/// A date input over the draft's date at `date`, which holds `value`.
fn date_field(
    props: &EventFormProps,
    id: &'static str,
    legend: &'static str,
    hint: Option<AttrValue>,
    value: &DateParts,
    date: fn(&mut EventDraft) -> &mut DateParts,
) -> Html {
    let props = DateInputProps {
        id: id.into(),
        legend: legend.into(),
        hint,
        value: value.clone(),
        error: props.errors.on(id).cloned(),
        on_change: edit_date(&props.on_change, date),
    };
    date_input(&props)
}

/// One field of a table above, as a text field or a select.
fn text_or_select(field: &Field, props: &EventFormProps) -> Html {
    let value = (field.text)(&props.draft);
    let on_change = edit_text(&props.on_change, field.text_mut);
    let select = match field.control {
        Control::Text(text_box) => return text_box.field(value, &props.errors, on_change),
        Control::Select(select) => select,
    };
    let agreement = props.draft.kind() == Some(EventKind::MediationAgreement);
    let label = match field.shown_for {
        Some(KindField::Order) if agreement => AGREED_LABEL,
        _ => select.label,
    };
    let props = SelectFieldProps {
        id: select.id.into(),
        label: label.into(),
        hint: select.hint.map(AttrValue::Static),
        options: options(select.option),
        placeholder: Some(select.placeholder.into()),
        value: value.clone().into(),
        error: props.errors.on(select.id).cloned(),
        on_change,
    };
    select_field(&props)
}

fn date_hint(draft: &EventDraft) -> AttrValue {
    match draft.kind() {
        Some(EventKind::MoveNotified) => {
            "The day the council learned of the move. For example, 22 8 2025".into()
        }
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
    use_error_focus(&form.errors());
    let Some(entry) = entry.filter(|_| props.event_id.is_none() || event.is_some()) else {
        return not_found();
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
            { page_top(&View::Case(case_id.clone()), entry.name(), Some(entry.name()), heading) }
            { event_form(&EventFormProps {
                draft: form.draft(),
                errors: form.errors(),
                on_change: form.on_change(),
                on_submit,
                cancel: View::Case(case_id),
            }) }
        </>
    }
}
