//! `ehc bundle BACKUP.zip --case ID -o FILE.pdf`: the evidence bundle of one
//! case of a backup, made by the `bundle` crate as the app makes it: the
//! documents in date order, the chronology naming them by number.

use std::process::ExitCode;

use bundle::{Appeal, Cover, Input, Item};
use chrono::NaiveDate;
use outputs::{Chronology, NameShown, bundle_order};
use rules::evaluate;

/// What `ehc bundle` is asked to make.
#[derive(Debug, Default)]
pub struct BundleOptions {
    pub backup: String,
    pub case: Option<String>,
    pub out: String,
    pub today: Option<NaiveDate>,
    pub initials: bool,
    pub appeal: Option<Appeal>,
}

/// The appeal named on the command line.
pub fn appeal_arg(name: &str) -> Result<Appeal, String> {
    Ok(match name {
        "refusal-to-assess" => Appeal::RefusalToAssess,
        "refusal-to-issue" => Appeal::RefusalToIssue,
        "sections-b-f" => Appeal::SectionsBAndF,
        "section-i" => Appeal::SectionI,
        "cease" => Appeal::Cease,
        "health-social-care" => Appeal::HealthAndSocialCare,
        other => {
            return Err(format!(
                "--appeal must be refusal-to-assess, refusal-to-issue, sections-b-f, section-i, cease or health-social-care, not {other}"
            ));
        }
    })
}

/// Makes the bundle and writes it; prints its pages and every warning.
pub fn run(options: &BundleOptions, today: NaiveDate) -> Result<ExitCode, String> {
    let bytes = std::fs::read(&options.backup)
        .map_err(|error| format!("{}: cannot read the file: {error}", options.backup))?;
    let backup =
        archive::read_backup(&bytes).map_err(|error| format!("{}: {error}", options.backup))?;
    let ids: Vec<&str> = backup
        .file
        .cases
        .iter()
        .map(|case| case.id.as_str())
        .collect();
    let case = match (&options.case, backup.file.cases.as_slice()) {
        (Some(id), cases) => cases.iter().find(|case| case.id == *id).ok_or(format!(
            "{}: there is no case with id {id} ({})",
            options.backup,
            ids.join(", ")
        ))?,
        (None, [case]) => case,
        (None, _) => {
            return Err(format!(
                "{}: the backup has {} cases: choose one with --case ({})",
                options.backup,
                ids.len(),
                ids.join(", ")
            ));
        }
    };
    let out = &options.out;
    let evaluation = evaluate(case, today);
    let name = match options.initials {
        true => NameShown::Initials,
        false => NameShown::AsRecorded,
    };
    let chronology = Chronology::new(case, &evaluation, name);
    let items = bundle_order(case)
        .into_iter()
        .filter_map(|(event, document)| {
            let bytes = backup.documents.get(&document.sha256)?;
            Some(Item::of(event, document, bytes))
        })
        .collect();
    let made = bundle::make(
        &Input {
            cover: Cover::of(&chronology, today),
            chronology: Some(&chronology),
            items,
            appeal: options.appeal,
        },
        &mut |_, _| {},
    );
    std::fs::write(out, &made.pdf).map_err(|error| format!("{out}: cannot write it: {error}"))?;
    println!("{out}: {} pages", made.pages);
    for warning in made.over_limit.iter().chain(&made.left_out) {
        eprintln!("warning: {warning}");
    }
    Ok(ExitCode::SUCCESS)
}
