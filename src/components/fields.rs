//! GOV.UK form fields: a label, an optional hint, the error message on the
//! field, and the control, tied together with `for` and `aria-describedby`.
//! Also the form they sit in, and the callbacks that put what is typed into
//! a draft.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::{Markup, back_link, error_summary};
use crate::forms::{DatePart, DateParts, Edit, Errors, FieldError};
use crate::route::View;

/// The error message shown on a field, read out with an "Error:" prefix.
pub fn error_message(id: &str, error: Option<&FieldError>) -> Html {
    hint_and_error(&mut Markup::new(""), id, None, error)
}

/// A field's hint and its error message, those it has, after the markup
/// already in `html` (its label): written as text, each a few bytes of
/// code rather than elements of its own.
pub fn hint_and_error(
    html: &mut Markup,
    id: &str,
    hint: Option<&AttrValue>,
    error: Option<&FieldError>,
) -> Html {
    if let Some(hint) = hint {
        html.raw(r#"<div id=""#)
            .text(id)
            .raw(r#"-hint" class="hint">"#)
            .text(hint)
            .raw("</div>");
    }
    if let Some(error) = error {
        html.raw(r#"<p id=""#)
            .text(id)
            .raw(r#"-error" class="error-message"><span class="visually-hidden">Error: </span>"#)
            .text(&error.message)
            .raw("</p>");
    }
    html.html()
}

/// The ids a control is described by: its hint and its error.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let ids = match (hint, error) {
        (true, true) => format!("{id}-hint {id}-error"),
        (true, false) => format!("{id}-hint"),
        (false, true) => format!("{id}-error"),
        (false, false) => return None,
    };
    Some(ids.into())
}

/// The class of a field's form group, marked when the field has an error.
pub fn group_class(error: bool) -> &'static str {
    if error {
        "form-group form-group--error"
    } else {
        "form-group"
    }
}

/// `class`, followed by `modifier` when `on`, as `classes!` writes them.
pub fn class_with(class: &'static str, on: bool, modifier: &str) -> AttrValue {
    if on {
        format!("{class} {modifier}").into()
    } else {
        class.into()
    }
}

/// A one-line text input, or a textarea with `multiline`.
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: Option<AttrValue>,
    pub value: AttrValue,
    pub error: Option<FieldError>,
    pub on_input: Callback<String>,
    pub multiline: bool,
    /// The height of a multiline field, in lines.
    pub rows: u32,
    /// A width class such as `input--width-10`.
    pub width: Option<&'static str>,
    pub numeric: bool,
    pub autocomplete: Option<&'static str>,
    /// Hides what is typed, as for a passphrase.
    pub password: bool,
}

impl Default for TextFieldProps {
    /// A one-line text field of no set width; a textarea is 4 lines high.
    fn default() -> TextFieldProps {
        TextFieldProps {
            id: AttrValue::default(),
            label: AttrValue::default(),
            hint: None,
            value: AttrValue::default(),
            error: None,
            on_input: Callback::default(),
            multiline: false,
            rows: 4,
            width: None,
            numeric: false,
            autocomplete: None,
            password: false,
        }
    }
}

/// The text field, in its form group.
pub fn text_field(props: &TextFieldProps) -> Html {
    let id = &props.id;
    let error = props.error.is_some();
    let describedby = described_by(id, props.hint.is_some(), error);
    let (on_input, multiline) = (props.on_input.clone(), props.multiline);
    let oninput = Callback::from(move |e: InputEvent| {
        on_input.emit(if multiline {
            e.target_unchecked_into::<HtmlTextAreaElement>().value()
        } else {
            e.target_unchecked_into::<HtmlInputElement>().value()
        })
    });
    let control = if multiline {
        html! {
            <textarea id={id.clone()} name={id.clone()} rows={props.rows.to_string()}
                class={class_with("textarea", error, "textarea--error")}
                value={props.value.clone()} {oninput} aria-describedby={describedby} />
        }
    } else {
        let mut class = String::from("input");
        for modifier in [props.width, error.then_some("input--error")]
            .into_iter()
            .flatten()
        {
            class.push(' ');
            class.push_str(modifier);
        }
        html! {
            <input id={id.clone()} name={id.clone()}
                type={if props.password { "password" } else { "text" }}
                {class} value={props.value.clone()} {oninput} aria-describedby={describedby}
                inputmode={props.numeric.then_some("numeric")}
                autocomplete={props.autocomplete.unwrap_or("off")} spellcheck="false" />
        }
    };
    field_group(
        id,
        &props.label,
        props.hint.as_ref(),
        props.error.as_ref(),
        control,
    )
}

/// A text field as a form's table describes it; the draft holds what is typed.
#[derive(Clone, Copy)]
pub struct TextBox {
    pub id: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    /// A width class such as `input--width-10`; none for a box of several lines.
    pub width: Option<&'static str>,
    pub numeric: bool,
}

impl TextBox {
    /// The [`text_field`] holding `value`, with its error from `errors`.
    pub fn field(&self, value: &str, errors: &Errors, on_input: Callback<String>) -> Html {
        let props = TextFieldProps {
            id: self.id.into(),
            label: self.label.into(),
            hint: self.hint.map(AttrValue::Static),
            value: value.to_owned().into(),
            error: errors.on(self.id).cloned(),
            on_input,
            multiline: self.width.is_none(),
            width: self.width,
            numeric: self.numeric,
            ..TextFieldProps::default()
        };
        text_field(&props)
    }
}

/// A select of values with words, with a first option meaning "none picked".
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: Option<AttrValue>,
    /// (id, words) of each option.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The words of the empty first option; none when absent.
    pub placeholder: Option<AttrValue>,
    pub value: AttrValue,
    pub error: Option<FieldError>,
    pub on_change: Callback<String>,
}

/// The select, in its form group.
pub fn select_field(props: &SelectFieldProps) -> Html {
    let id = &props.id;
    let error = props.error.is_some();
    let control = html! {
        <select id={id.clone()} name={id.clone()}
            class={class_with("select", error, "select--error")}
            onchange={on_select(&props.on_change)}
            aria-describedby={described_by(id, props.hint.is_some(), error)}>
            if let Some(placeholder) = &props.placeholder {
                { select_option("".into(), placeholder.clone(), props.value.is_empty()) }
            }
            { for props.options.iter().map(|(value, words)| {
                select_option(value.clone(), words.clone(), props.value == *value)
            }) }
        </select>
    };
    field_group(
        id,
        &props.label,
        props.hint.as_ref(),
        props.error.as_ref(),
        control,
    )
}

/// An option of a select.
pub fn select_option(value: AttrValue, words: AttrValue, selected: bool) -> Html {
    html! { <option {value} {selected}>{words}</option> }
}

/// What a select calls when a value is picked: `on_change`, with the value.
pub fn on_select(on_change: &Callback<String>) -> Callback<Event> {
    let on_change = on_change.clone();
    Callback::from(move |e: Event| {
        on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    })
}

/// A field's form group: its label, hint and error message above `control`.
pub fn field_group(
    id: &AttrValue,
    label: &AttrValue,
    hint_text: Option<&AttrValue>,
    error: Option<&FieldError>,
    control: Html,
) -> Html {
    let mut head = Markup::new(r#"<label class="label" for=""#);
    head.text(id).raw(r#"">"#).text(label).raw("</label>");
    html! {
        <div class={group_class(error.is_some())}>
            { hint_and_error(&mut head, id, hint_text, error) }
            { control }
        </div>
    }
}

/// A single checkbox with its label.
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

/// The checkbox.
pub fn checkbox(props: &CheckboxProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        on_change.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    html! {
        <div class="checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id={props.id.clone()}
                name={props.id.clone()} checked={props.checked} {onchange} />
            { Markup::new(r#"<label class="label checkboxes__label" for=""#)
                .text(&props.id)
                .raw(r#"">"#)
                .text(&props.label)
                .raw("</label>")
                .html() }
        </div>
    }
}

/// A form of these fields: the error summary above it, then `fields`, then
/// the `save` button that sends it beside a link back to `cancel`. Its page
/// calls [`crate::components::use_error_focus`].
pub fn form(
    errors: &Errors,
    on_submit: &Callback<()>,
    fields: Html,
    save: &'static str,
    cancel: &View,
) -> Html {
    let on_submit = on_submit.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        on_submit.emit(());
    });
    html! {
        <>
            { error_summary(errors) }
            <form novalidate=true {onsubmit}>
                { fields }
                <div class="button-group">
                    <button type="submit" class="button">{save}</button>
                    <a class="link" href={cancel.to_hash()}>{"Cancel"}</a>
                </div>
            </form>
        </>
    }
}

/// The top of a form's page: the link back to `back` (named `back_to`), a
/// caption naming the case, if any, and the heading.
pub fn page_top(back: &View, back_to: &str, caption: Option<&str>, heading: &'static str) -> Html {
    let mut html = Markup::new("");
    if let Some(caption) = caption {
        html.raw(r#"<span class="caption-l">"#)
            .text(caption)
            .raw("</span>");
    }
    html.raw(r#"<h1 class="heading-xl" tabindex="-1">"#)
        .raw(heading)
        .raw("</h1>");
    html! {
        <>
            { back_link(back, back_to) }
            { html.html() }
        </>
    }
}

/// What a text field or select of a draft calls: puts the text into the
/// draft's `field`.
pub fn edit_text<D: 'static>(
    on_change: &Callback<Edit<D>>,
    field: fn(&mut D) -> &mut String,
) -> Callback<String> {
    let on_change = on_change.clone();
    Callback::from(move |typed: String| {
        on_change.emit(Edit::new(move |draft| *field(draft) = typed.clone()))
    })
}

/// What a date input of a draft calls: puts a box's text into the draft's
/// date `field`.
pub fn edit_date<D: 'static>(
    on_change: &Callback<Edit<D>>,
    field: fn(&mut D) -> &mut DateParts,
) -> Callback<(DatePart, String)> {
    let on_change = on_change.clone();
    Callback::from(move |(part, typed): (DatePart, String)| {
        on_change.emit(Edit::new(move |draft| {
            field(draft).set(part, typed.clone())
        }))
    })
}
