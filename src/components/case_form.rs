//! The case form (child, council, reference, date of birth), and the two
//! pages that use it: adding a case and renaming one.

use yew::prelude::*;

use crate::components::{DateInput, ErrorSummary, NotFound, TextField};
use crate::forms::{CaseDraft, DatePart, Edit, Errors};
use crate::hooks::{use_cases, use_form, use_navigator};
use crate::route::View;

#[derive(Properties, PartialEq)]
pub struct CaseFormProps {
    pub draft: CaseDraft,
    pub errors: Errors,
    pub on_change: Callback<Edit<CaseDraft>>,
    pub on_submit: Callback<()>,
    /// Where "Cancel" goes.
    pub cancel: View,
}

/// The fields of a case, as typed; the page that shows it checks and saves.
#[component]
pub fn CaseForm(props: &CaseFormProps) -> Html {
    let draft = &props.draft;
    let edit = |set: fn(&mut CaseDraft, String)| {
        let on_change = props.on_change.clone();
        Callback::from(move |value: String| {
            on_change.emit(Edit::new(move |draft| set(draft, value.clone())))
        })
    };
    let on_date_of_birth = {
        let on_change = props.on_change.clone();
        Callback::from(move |(part, typed): (DatePart, String)| {
            on_change.emit(Edit::new(move |draft: &mut CaseDraft| {
                draft.date_of_birth.set(part, typed.clone())
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
    html! {
        <>
            <ErrorSummary errors={props.errors.clone()} />
            <form novalidate=true {onsubmit}>
                <TextField id="child" label="Child's name or initials"
                    hint="Initials are enough: this stays on your device."
                    value={draft.child.clone()} error={props.errors.on("child").cloned()}
                    on_input={edit(|d, v| d.child = v)} width="input--width-20" />
                <TextField id="council" label="Council"
                    hint="The local authority responsible for the plan, such as Anytown Council."
                    value={draft.council.clone()} error={props.errors.on("council").cloned()}
                    on_input={edit(|d, v| d.council = v)} width="input--width-20" />
                <TextField id="reference" label="Case reference (optional)"
                    value={draft.reference.clone()} error={props.errors.on("reference").cloned()}
                    on_input={edit(|d, v| d.reference = v)} width="input--width-10" />
                <DateInput id="date-of-birth" legend="Date of birth (optional)"
                    hint="Used for the reviews of children under 5 and the end of a plan at 25. For example, 27 3 2015"
                    value={draft.date_of_birth.clone()}
                    error={props.errors.on("date_of_birth").cloned()}
                    on_change={on_date_of_birth} />
                <div class="button-group">
                    <button type="submit" class="button">{"Save case"}</button>
                    <a class="link" href={props.cancel.to_hash()}>{"Cancel"}</a>
                </div>
            </form>
        </>
    }
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
    if props.case_id.is_some() && entry.is_none() {
        return html! { <NotFound /> };
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
    let (back, back_text, heading) = match (&case_id, &entry) {
        (Some(id), Some(entry)) => (
            View::Case(id.clone()),
            format!("Back to {}", entry.name()),
            "Rename case",
        ),
        _ => (View::Cases, "Back to your cases".to_owned(), "Add a case"),
    };
    html! {
        <>
            <a class="back-link" href={back.to_hash()}>{back_text}</a>
            <h1 class="heading-xl" tabindex="-1">{heading}</h1>
            <CaseForm draft={form.draft()} errors={form.errors()} on_change={form.on_change()}
                {on_submit} cancel={back} />
        </>
    }
}
