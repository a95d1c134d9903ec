//! GOV.UK form fields: a label, an optional hint, the error message on the
//! field, and the control, tied together with `for` and `aria-describedby`.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::forms::FieldError;

/// The error message shown on a field, read out with an "Error:" prefix.
#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub id: AttrValue,
    pub error: Option<FieldError>,
}

#[component]
pub fn ErrorMessage(props: &ErrorMessageProps) -> Html {
    match &props.error {
        Some(error) => html! {
            <p id={format!("{}-error", props.id)} class="error-message">
                <span class="visually-hidden">{"Error: "}</span>{&error.message}
            </p>
        },
        None => html! {},
    }
}

/// The ids a control is described by: its hint and its error.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" ").into())
}

fn hint(id: &str, hint: &Option<AttrValue>) -> Html {
    match hint {
        Some(text) => html! { <div id={format!("{id}-hint")} class="hint">{text}</div> },
        None => html! {},
    }
}

/// A one-line text input, or a textarea with `multiline`.
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<FieldError>,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub multiline: bool,
    /// The height of a multiline field, in lines.
    #[prop_or(4)]
    pub rows: u32,
    /// A width class such as `input--width-10`.
    #[prop_or_default]
    pub width: Option<&'static str>,
    #[prop_or_default]
    pub numeric: bool,
    #[prop_or_default]
    pub autocomplete: Option<&'static str>,
    /// Hides what is typed, as for a passphrase.
    #[prop_or_default]
    pub password: bool,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.to_string();
    let error = props.error.is_some();
    let describedby = described_by(&id, props.hint.is_some(), error);
    let control = if props.multiline {
        let on_input = props.on_input.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_input.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! {
            <textarea id={props.id.clone()} name={props.id.clone()} rows={props.rows.to_string()}
                class={classes!("textarea", error.then_some("textarea--error"))}
                value={props.value.clone()} {oninput} aria-describedby={describedby} />
        }
    } else {
        let on_input = props.on_input.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! {
            <input id={props.id.clone()} name={props.id.clone()}
                type={if props.password { "password" } else { "text" }}
                class={classes!("input", props.width, error.then_some("input--error"))}
                value={props.value.clone()} {oninput} aria-describedby={describedby}
                inputmode={props.numeric.then_some("numeric")}
                autocomplete={props.autocomplete.unwrap_or("off")} spellcheck="false" />
        }
    };
    html! {
        <div class={classes!("form-group", error.then_some("form-group--error"))}>
            <label class="label" for={props.id.clone()}>{&props.label}</label>
            { hint(&id, &props.hint) }
            <ErrorMessage id={props.id.clone()} error={props.error.clone()} />
            { control }
        </div>
    }
}

/// A select of values with words, with a first option meaning "none picked".
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// (id, words) of each option.
    pub options: Vec<(&'static str, &'static str)>,
    /// The words of the empty first option; none when absent.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<FieldError>,
    pub on_change: Callback<String>,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = props.id.to_string();
    let error = props.error.is_some();
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <div class={classes!("form-group", error.then_some("form-group--error"))}>
            <label class="label" for={props.id.clone()}>{&props.label}</label>
            { hint(&id, &props.hint) }
            <ErrorMessage id={props.id.clone()} error={props.error.clone()} />
            <select id={props.id.clone()} name={props.id.clone()}
                class={classes!("select", error.then_some("select--error"))}
                {onchange} aria-describedby={described_by(&id, props.hint.is_some(), error)}>
                if let Some(placeholder) = &props.placeholder {
                    <option value="" selected={props.value.is_empty()}>{placeholder}</option>
                }
                { for props.options.iter().map(|(value, words)| html! {
                    <option value={*value} selected={props.value == *value}>{*words}</option>
                }) }
            </select>
        </div>
    }
}

/// A single checkbox with its label.
#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[component]
pub fn Checkbox(props: &CheckboxProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        on_change.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <div class="checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id={props.id.clone()}
                name={props.id.clone()} checked={props.checked} {onchange} />
            <label class="label checkboxes__label" for={props.id.clone()}>{&props.label}</label>
        </div>
    }
}
