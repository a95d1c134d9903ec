//! The reminder to export a backup, on the case list: the cases live only in
//! this browser. A banner when the backup rule says one is due
//! ([`crate::storage::backup`]); a quieter note beside the export button when
//! the browser refused to keep the data for good and there is no export from
//! the last 30 days, which many browsers do for any site at first.

use rules::calendar::long_date;
use yew::prelude::*;

use crate::components::{ExportBackupButton, Markup};
use crate::state::{Persistence, State};
use crate::storage::backup::{REMIND_AFTER_DAYS, Reminder};

/// What the browser's refusal means, in words.
macro_rules! refused {
    () => {
        "This browser has not agreed to keep the app's data for good: it may clear the data of sites you have not used for a while. That is the browser's usual rule, not a fault, but it makes a backup more important."
    };
}

/// What the browser's refusal means, in words.
const REFUSED: &str = refused!();

/// The note beside the export button, constant markup as one node.
const ADVICE: &str = concat!(
    r#"<div class="inset-text"><p class="body">"#,
    refused!(),
    r#"</p><p class="body">Export your cases now and then, and keep the file somewhere safe.</p></div>"#
);

/// Whether the browser refused to keep the data, with cases here and no
/// recent export to fall back on.
fn refused(state: &State) -> bool {
    state.persistence == Persistence::Refused
        && !state.cases.is_empty()
        && !state.backup.exported_recently(state.today)
}

/// The reminder's sentences, or nothing when none is due.
pub fn backup_reminder_text(state: &State) -> Option<Vec<String>> {
    let due = state
        .backup
        .reminder(state.today, !state.cases.is_empty())?;
    let mut text = vec![match due {
        Reminder::LastExported { on, days } => format!(
            "You last exported a backup of your cases on {}, {days} days ago.",
            long_date(on)
        ),
        Reminder::NeverExported { .. } => {
            "You have not exported a backup of your cases yet.".to_owned()
        }
    }];
    text.push("Your cases are kept only in this browser. If its data is cleared, or this device is lost or broken, they are gone. A backup is a case file you keep somewhere safe and can import again.".to_owned());
    if refused(state) {
        text.push(REFUSED.to_owned());
    }
    text.push(format!(
        "We suggest exporting at least every {REMIND_AFTER_DAYS} days."
    ));
    Some(text)
}

/// The reminder's banner (a function of the layout, not a component: it has
/// no state of its own).
pub fn backup_reminder(state: &State) -> Html {
    let Some(text) = backup_reminder_text(state) else {
        return html! {};
    };
    let (heading, rest) = text.split_first().expect("the reminder has a heading");
    let mut sentences = Markup::new(
        r#"<h2 class="notification-banner__title" id="backup-title">Back up your cases</h2><p class="notification-banner__heading">"#,
    );
    sentences.text(heading).raw("</p>");
    for line in rest {
        sentences.raw(r#"<p class="body">"#).text(line).raw("</p>");
    }
    html! {
        <div class="notification-banner" role="region" aria-labelledby="backup-title">
            { sentences.html() }
            <div class="notification-banner__actions">
                <ExportBackupButton />
            </div>
        </div>
    }
}

/// The note beside the export button while the browser will not keep the
/// data for good and no reminder is due yet.
pub fn persistence_advice(state: &State) -> Option<&'static str> {
    (refused(state) && backup_reminder_text(state).is_none()).then_some(REFUSED)
}

/// That note as markup, or nothing.
pub fn persistence_note(state: &State) -> &'static str {
    match persistence_advice(state) {
        Some(_) => ADVICE,
        None => "",
    }
}
