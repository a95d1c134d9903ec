//! The case form (child, council, reference, date of birth), and the two
//! pages that use it: adding a case and renaming one.

use yew::prelude::*;

use crate::components::fields::{TextBox, edit_date, edit_text, form, page_top};
use crate::components::{DateInputProps, date_input, not_found, use_error_focus};
use crate::forms::{CaseDraft, Edit, Errors};
use crate::hooks::{use_cases, use_form, use_navigator};
use crate::route::View;

/// What the case form shows and calls.
pub struct CaseFormProps {
    pub draft: CaseDraft,
    pub errors: Errors,
    pub on_change: Callback<Edit<CaseDraft>>,
    pub on_submit: Callback<()>,
    /// Where "Cancel" goes.
    pub cancel: View,
}

const CHILD: TextBox = TextBox {
    id: "child",
    label: "Child's name or initials",
    hint: Some("Initials are enough: this stays on your device."),
    width: Some("input--width-20"),
    numeric: false,
};

const COUNCIL: TextBox = TextBox {
    id: "council",
    label: "Council",
    hint: Some("The local authority responsible for the plan, such as Anytown Council."),
    width: Some("input--width-20"),
    numeric: false,
};

const REFERENCE: TextBox = TextBox {
    id: "reference",
    label: "Case reference (optional)",
    hint: None,
    width: Some("input--width-10"),
    numeric: false,
};

/// The fields of a case, as typed; the page that shows it checks and saves.
pub fn case_form(props: &CaseFormProps) -> Html {
    let draft = &props.draft;
    let errors = &props.errors;
    let edit = |field| edit_text(&props.on_change, field);
    let fields = html! {
        <>
            { CHILD.field(&draft.child, errors, edit(|d| &mut d.child)) }
            { COUNCIL.field(&draft.council, errors, edit(|d| &mut d.council)) }
            { REFERENCE.field(&draft.reference, errors, edit(|d| &mut d.reference)) }
            { date_input(&DateInputProps {
                id: "date-of-birth".into(),
                legend: "Date of birth (optional)".into(),
                hint: Some("Used for the reviews of children under 5 and the end of a plan at 25. For example, 27 3 2015".into()),
                value: draft.date_of_birth.clone(),
                error: errors.on("date_of_birth").cloned(),
                on_change: edit_date(&props.on_change, |d| &mut d.date_of_birth),
            }) }
        </>
    };
    form(errors, &props.on_submit, fields, "Save case", &props.cancel)
}

#[derive(Properties, PartialEq)]
pub struct CaseFormPageProps {
    /// The case to rename; none to add a new one.
    #[prop_or_default]
    pub case_id: Option<AttrValue>,
}

/// `#/add` adds a case; `#/case/ID/rename` changes a case's name and details.
#[component]
pub fn CaseFormPage(props: &CaseFormPageProps) -> Html {
    let cases = use_cases();
    let navigator = use_navigator();
    let entry = props
        .case_id
        .as_ref()
        .and_then(|id| cases.entry(id).cloned());
    let form = {
        let entry = entry.clone();
        use_form(move || {
            entry
                .map(|entry| CaseDraft::from_case(&entry.case))
                .unwrap_or_default()
        })
    };
    use_error_focus(&form.errors());
    if props.case_id.is_some() && entry.is_none() {
        return not_found();
    }
    let case_id = props.case_id.as_ref().map(|id| id.to_string());
    let on_submit = {
        let (form, case_id) = (form.clone(), case_id.clone());
        Callback::from(move |()| {
            if let Some(details) = form.check(CaseDraft::validate) {
                let id = match &case_id {
                    Some(id) => {
                        cases.rename_case(id, details);
                        id.clone()
                    }
                    None => cases.add_case(details),
                };
                navigator.go(View::Case(id));
            }
        })
    };
    let (back, back_to, heading) = match (&case_id, &entry) {
        (Some(id), Some(entry)) => (View::Case(id.clone()), entry.name(), "Rename case"),
        _ => (View::Cases, "your cases", "Add a case"),
    };
    html! {
        <>
            { page_top(&back, back_to, None, heading) }
            { case_form(&CaseFormProps {
                draft: form.draft(),
                errors: form.errors(),
                on_change: form.on_change(),
                on_submit,
                cancel: back,
            }) }
        </>
    }
}
