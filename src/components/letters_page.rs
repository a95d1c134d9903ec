//! Letter drafts made from the case's dates: a chase for each missed
//! deadline, a formal complaint and a covering note to the Ombudsman. Each is
//! edited in place and downloaded as text; nothing is sent from here.

use outputs::chronology::owed_by_council;
use outputs::{Letter, chase_letter, complaint_letter, ombudsman_letter};
use rules::Status;
use yew::prelude::*;

use crate::components::{TextFieldProps, back_link, not_found, text_field};
use crate::export;
use crate::hooks::use_cases;
use crate::route::View;

#[derive(Properties, PartialEq)]
pub struct LettersPageProps {
    pub case_id: AttrValue,
}

#[component]
pub fn LettersPage(props: &LettersPageProps) -> Html {
    let cases = use_cases();
    let Some(entry) = cases.entry(&props.case_id) else {
        return not_found();
    };
    let (case, evaluation) = (&entry.case, entry.evaluation());
    let mut letters: Vec<Letter> = owed_by_council(evaluation, Status::Overdue)
        .map(|deadline| chase_letter(case, evaluation, deadline))
        .collect();
    let nothing_to_chase = letters.is_empty();
    letters.push(complaint_letter(case, evaluation));
    letters.push(ombudsman_letter(case, evaluation));
    html! {
        <>
            { back_link(&View::Case(entry.case.id.clone()), entry.name()) }
            <span class="caption-l">{entry.name()}</span>
            <h1 class="heading-xl" tabindex="-1">{"Letters"}</h1>
            <p class="body">
                {"These drafts are made from the dates you recorded. Fill in the parts in square brackets, check every date, and change anything you want before you send them. Nothing is sent from here."}
            </p>
            <p class="body">
                {"They are not legal advice. For advice on your case, contact your local SENDIASS or IPSEA."}
            </p>
            if nothing_to_chase {
                <p class="body">{"No deadline the council had to meet has passed unmet, so there is nothing to chase."}</p>
            }
            { for letters.into_iter().enumerate().map(|(index, letter)| html! {
                <LetterDraft key={index} {index} {letter} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LetterDraftProps {
    index: usize,
    letter: Letter,
}

/// One draft: its subject, its text to edit, and a download of the text as
/// edited.
#[component]
fn LetterDraft(props: &LetterDraftProps) -> Html {
    let cases = use_cases();
    let body = {
        let text = props.letter.body.clone();
        use_state(move || text)
    };
    let error = use_state_eq(Option::<String>::default);
    let id = format!("letter-{}", props.index);
    let on_input = {
        let body = body.clone();
        Callback::from(move |text: String| body.set(text))
    };
    let on_download = {
        let (letter, body, error, today) = (
            props.letter.clone(),
            body.clone(),
            error.clone(),
            cases.today,
        );
        Callback::from(move |_: MouseEvent| {
            error.set(export::download_letter(&letter, &body, today).err())
        })
    };
    html! {
        <section class="letter" aria-labelledby={format!("{id}-title")}>
            <h2 class="heading-m" id={format!("{id}-title")}>{&props.letter.title}</h2>
            <p class="body"><strong>{"Subject: "}</strong>{&props.letter.subject}</p>
            { text_field(&TextFieldProps {
                id: id.clone().into(),
                label: "Letter".into(),
                multiline: true,
                rows: 24,
                value: (*body).clone().into(),
                on_input,
                ..TextFieldProps::default()
            }) }
            <button type="button" class="button button--secondary" onclick={on_download}>
                {"Download this letter"}
            </button>
            if let Some(error) = &*error {
                <p class="error-message" role="alert">{format!("The letter could not be downloaded: {error}")}</p>
            }
        </section>
    }
}
