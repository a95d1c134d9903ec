//! The GOV.UK date input: a fieldset with day, month and year boxes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::fields::{ErrorMessage, described_by};
use crate::forms::{DatePart, DateParts, FieldError};

#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    /// The input's id; the boxes are `ID-day`, `ID-month` and `ID-year`.
    pub id: AttrValue,
    pub legend: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: DateParts,
    #[prop_or_default]
    pub error: Option<FieldError>,
    /// Called with the box and what is now typed in it.
    pub on_change: Callback<(DatePart, String)>,
}

#[component]
pub fn DateInput(props: &DateInputProps) -> Html {
    let id = props.id.to_string();
    let error = props.error.is_some();
    let parts = props.error.as_ref().map(|e| e.parts).unwrap_or_default();
    let boxes = [
        ("day", "Day", DatePart::Day, 0usize),
        ("month", "Month", DatePart::Month, 1),
        ("year", "Year", DatePart::Year, 2),
    ];
    html! {
        <div class={classes!("form-group", error.then_some("form-group--error"))}>
            <fieldset class="fieldset" role="group"
                aria-describedby={described_by(&id, props.hint.is_some(), error)}>
                <legend class="fieldset__legend">{&props.legend}</legend>
                if let Some(hint) = &props.hint {
                    <div id={format!("{id}-hint")} class="hint">{hint}</div>
                }
                <ErrorMessage id={props.id.clone()} error={props.error.clone()} />
                <div class="date-input" id={id.clone()}>
                    { for boxes.iter().map(|&(name, label, part, index)| {
                        let on_change = props.on_change.clone();
                        let oninput = Callback::from(move |e: InputEvent| {
                            on_change.emit((part, e.target_unchecked_into::<HtmlInputElement>().value()))
                        });
                        let current = props.value.get(part).to_owned();
                        let box_id = format!("{id}-{name}");
                        let width = if index == 2 { "input--width-4" } else { "input--width-2" };
                        html! {
                            <div class="date-input__item">
                                <label class="label date-input__label" for={box_id.clone()}>{label}</label>
                                <input id={box_id.clone()} name={box_id} type="text" inputmode="numeric"
                                    class={classes!("input", "date-input__input", width,
                                        parts[index].then_some("input--error"))}
                                    value={current} {oninput} autocomplete="off" />
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}
