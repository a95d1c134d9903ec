//! The GOV.UK date input: a fieldset with day, month and year boxes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::Markup;
use crate::components::fields::{class_with, described_by, group_class, hint_and_error};
use crate::forms::{DatePart, DateParts, FieldError};

pub struct DateInputProps {
    /// The input's id; the boxes are `ID-day`, `ID-month` and `ID-year`.
    pub id: AttrValue,
    pub legend: AttrValue,
    pub hint: Option<AttrValue>,
    pub value: DateParts,
    pub error: Option<FieldError>,
    /// Called with the box and what is now typed in it.
    pub on_change: Callback<(DatePart, String)>,
}

/// The date input, in its form group.
pub fn date_input(props: &DateInputProps) -> Html {
    let id = &props.id;
    let error = props.error.is_some();
    let parts = props.error.as_ref().map(|e| e.parts).unwrap_or_default();
    // The boxes, each with its width: a year takes four digits.
    let boxes = [
        (
            "day",
            "Day",
            DatePart::Day,
            "input date-input__input input--width-2",
        ),
        (
            "month",
            "Month",
            DatePart::Month,
            "input date-input__input input--width-2",
        ),
        (
            "year",
            "Year",
            DatePart::Year,
            "input date-input__input input--width-4",
        ),
    ];
    // The legend, hint and error as markup written as text: no control.
    let mut legend = Markup::new(r#"<legend class="fieldset__legend">"#);
    legend.text(&props.legend).raw("</legend>");
    html! {
        <div class={group_class(error)}>
            <fieldset class="fieldset" role="group"
                aria-describedby={described_by(id, props.hint.is_some(), error)}>
                { hint_and_error(&mut legend, id, props.hint.as_ref(), props.error.as_ref()) }
                <div class="date-input" id={id.clone()}>
                    { for boxes.iter().zip(parts).map(|(&(name, label, part, class), bad)| {
                        let on_change = props.on_change.clone();
                        let oninput = Callback::from(move |e: InputEvent| {
                            on_change.emit((part, e.target_unchecked_into::<HtmlInputElement>().value()))
                        });
                        let current = props.value.get(part).to_owned();
                        let box_id = format!("{id}-{name}");
                        html! {
                            <div class="date-input__item">
                                { Markup::new(r#"<label class="label date-input__label" for=""#)
                                    .text(&box_id)
                                    .raw(r#"">"#)
                                    .raw(label)
                                    .raw("</label>")
                                    .html() }
                                <input id={box_id.clone()} name={box_id} type="text" inputmode="numeric"
                                    class={class_with(class, bad, "input--error")}
                                    value={current} {oninput} autocomplete="off" />
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}
