//! `ehc`: the command-line checker. A thin binary over the rules engine and
//! the outputs: it reads a case file (or a backup with documents), evaluates every case on a day, and
//! prints the deadlines, the chronology, a letter, a calendar or a CSV; or
//! reads many and prints the council report; or anonymises one.

mod bundle;
mod tally;

use std::fs::File;
use std::io::Read;
use std::process::ExitCode;

use chrono::NaiveDate;
use outputs::{
    Chronology, Evaluated, NameShown, chase_letter, complaint_letter, ombudsman_letter,
    report::{NOT_LEGAL_ADVICE, Report, case_text},
};
use rules::{
    Case, CaseFile, Evaluation, Status,
    case_file::{import_case_file, import_each_case, parse_iso_date},
    evaluate,
    stages::all_rules,
    write_case_file,
};

const USAGE: &str = "Usage:
  ehc check CASE.json [--today YYYY-MM-DD] [--format text|json]
  ehc chronology CASE.json [--case ID] [--initials] [--today YYYY-MM-DD]
  ehc letter chase|complaint|ombudsman CASE.json [--case ID] [--deadline RULE] [--today YYYY-MM-DD]
  ehc ics CASE.json [--case ID] [--today YYYY-MM-DD]
  ehc csv CASE.json [--today YYYY-MM-DD]
  ehc report FILE... [--today YYYY-MM-DD] [--format text|json|csv]
  ehc anonymise CASE.json
  ehc bundle BACKUP.zip [--case ID] -o FILE.pdf [--initials] [--appeal KIND] [--today YYYY-MM-DD]
  ehc rules
  ehc --help

check       prints every statutory deadline of every case in CASE.json, on --today
            (default: this computer's local date).
chronology  prints each case's events in date order, then the deadlines the
            council missed and met late; --initials shows the child's initials.
letter      drafts a letter to edit and send: a chase for one missed deadline
            (--deadline names its rule, such as final-plan; the first missed one
            otherwise), a formal complaint to the council, or a covering note
            to the Ombudsman. --case chooses the case when the file has several.
ics         prints an iCalendar file of the deadlines still to come.
csv         prints every deadline of every case as CSV (UTF-8 with a BOM).
report      reads many case files and prints, for each council, time limit and
            year a clock started, how many clocks were met on time, met late,
            are still overdue or were excepted, the share met on time and the
            median and 90th percentile of days late, with the Department for
            Education's published 20-week figures beside the final plan.
anonymise   prints the case file with every name, reference, note, who,
            document, party and school name and unknown field removed, the date
            of birth cut to its year and every id replaced by a random one.
bundle      makes the evidence bundle of one case of a backup .zip: one PDF of a
            cover, an index, the chronology and every PDF and picture kept with
            its events in date order, each page numbered. --appeal (refusal-to-assess,
            refusal-to-issue, sections-b-f, section-i, cease, health-social-care)
            warns when the documents pass the Tribunal's page limit for it.
rules       prints every time limit the checker knows, with its citation.

Each CASE.json or FILE may also be a backup .zip (cases.json and its
documents), whose documents are checked against their digests.

Exit status 0 when the file was read, 2 when it could not be or holds no
cases (or the command line is wrong). The file is read as the app imports it.";

/// How to print a report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Text,
    Json,
}

/// Which letter to draft.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LetterKind {
    Chase,
    Complaint,
    Ombudsman,
}

/// What to make of a case file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Output {
    Check(Format),
    Chronology,
    Letter(LetterKind),
    Ics,
    Csv,
}

impl Output {
    /// Whether the output takes an option; an option it ignores is an error.
    fn takes(self, option: &str) -> bool {
        matches!(
            (self, option),
            (_, "--today")
                | (Output::Check(_), "--format")
                | (
                    Output::Chronology | Output::Letter(_) | Output::Ics,
                    "--case"
                )
                | (Output::Chronology, "--initials")
                | (Output::Letter(LetterKind::Chase), "--deadline")
        )
    }
}

/// The options of a command over a case file.
#[derive(Debug, Default)]
struct Options {
    file: String,
    today: Option<NaiveDate>,
    case: Option<String>,
    deadline: Option<String>,
    initials: bool,
}

/// How to print the council report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ReportFormat {
    Text,
    Json,
    Csv,
}

/// What the command line asks for.
enum Command {
    Help,
    Rules,
    Run(Output, Options),
    Report {
        files: Vec<String>,
        today: Option<NaiveDate>,
        format: ReportFormat,
    },
    Anonymise(String),
    Bundle(bundle::BundleOptions),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Rules) => {
            print!("{}", rules_table());
            ExitCode::SUCCESS
        }
        Ok(Command::Run(output, options)) => run(output, &options),
        Ok(Command::Report {
            files,
            today,
            format,
        }) => report(&files, today.unwrap_or_else(today_local), format),
        Ok(Command::Anonymise(path)) => anonymise(&path),
        Ok(Command::Bundle(options)) => {
            let today = options.today.unwrap_or_else(today_local);
            bundle::run(&options, today).unwrap_or_else(|message| {
                eprintln!("ehc: {message}");
                ExitCode::from(2)
            })
        }
        Err(message) => {
            eprintln!("ehc: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    let mut output = match args.next() {
        None | Some("--help" | "-h" | "help") => return Ok(Command::Help),
        Some("rules") => return Ok(Command::Rules),
        Some("report") => return parse_report(args),
        Some("bundle") => return parse_bundle(args),
        Some("anonymise") => {
            return match (args.next(), args.next()) {
                (Some("--help" | "-h"), _) => Ok(Command::Help),
                (Some(path), None) if !path.starts_with("--") => {
                    Ok(Command::Anonymise(path.to_owned()))
                }
                (None, _) => Err("a case file is needed".to_owned()),
                _ => Err("anonymise takes one case file and no options".to_owned()),
            };
        }
        Some("check") => Output::Check(Format::Text),
        Some("chronology") => Output::Chronology,
        Some("ics") => Output::Ics,
        Some("csv") => Output::Csv,
        Some("letter") => Output::Letter(match args.next() {
            Some("chase") => LetterKind::Chase,
            Some("complaint") => LetterKind::Complaint,
            Some("ombudsman") => LetterKind::Ombudsman,
            other => {
                return Err(format!(
                    "letter must be chase, complaint or ombudsman, not {}",
                    other.unwrap_or("nothing")
                ));
            }
        }),
        Some(other) => return Err(format!("unknown command {other}")),
    };
    let (mut file, mut options) = (None, Options::default());
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            return Ok(Command::Help);
        }
        if arg.starts_with("--") && !output.takes(arg) {
            return Err(format!("unknown option {arg}"));
        }
        let mut value = |what: &str| args.next().ok_or(format!("{arg} needs {what}"));
        match arg {
            "--today" => options.today = Some(today_arg(value(TODAY_NEEDS)?)?),
            "--format" => {
                output = Output::Check(match value("text or json")? {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("--format must be text or json, not {other}")),
                })
            }
            "--case" => options.case = Some(value("a case id")?.to_owned()),
            "--deadline" => {
                options.deadline = Some(value("a rule id, such as final-plan")?.to_owned())
            }
            "--initials" => options.initials = true,
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("one case file at a time: {extra} is one too many")),
        }
    }
    options.file = file.ok_or("a case file is needed")?;
    Ok(Command::Run(output, options))
}

const TODAY_NEEDS: &str = "a date, such as 2025-03-01";

/// The day given with `--today`.
fn today_arg(date: &str) -> Result<NaiveDate, String> {
    parse_iso_date(date).map_err(|why| format!("--today: {why}"))
}

/// `ehc bundle BACKUP.zip [--case ID] -o FILE.pdf [--initials] [--appeal KIND] [--today D]`.
fn parse_bundle<'a>(mut args: impl Iterator<Item = &'a str>) -> Result<Command, String> {
    let mut options = bundle::BundleOptions::default();
    let (mut backup, mut out) = (None, None);
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().ok_or(format!("{arg} needs {what}"));
        match arg {
            "--help" | "-h" => return Ok(Command::Help),
            "--today" => options.today = Some(today_arg(value(TODAY_NEEDS)?)?),
            "--case" => options.case = Some(value("a case id")?.to_owned()),
            "-o" | "--output" => out = Some(value("a file name")?.to_owned()),
            "--initials" => options.initials = true,
            "--appeal" => options.appeal = Some(bundle::appeal_arg(value("a kind of appeal")?)?),
            option if option.starts_with('-') => return Err(format!("unknown option {option}")),
            path if backup.is_none() => backup = Some(path.to_owned()),
            extra => return Err(format!("one backup at a time: {extra} is one too many")),
        }
    }
    options.backup = backup.ok_or("bundle needs a backup .zip")?;
    options.out = out.ok_or("bundle needs -o FILE.pdf")?;
    Ok(Command::Bundle(options))
}

/// `ehc report FILE... [--today D] [--format text|json|csv]`.
fn parse_report<'a>(mut args: impl Iterator<Item = &'a str>) -> Result<Command, String> {
    let (mut files, mut today, mut format) = (Vec::new(), None, ReportFormat::Text);
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().ok_or(format!("{arg} needs {what}"));
        match arg {
            "--help" | "-h" => return Ok(Command::Help),
            "--today" => today = Some(today_arg(value(TODAY_NEEDS)?)?),
            "--format" => {
                format = match value("text, json or csv")? {
                    "text" => ReportFormat::Text,
                    "json" => ReportFormat::Json,
                    "csv" => ReportFormat::Csv,
                    other => {
                        return Err(format!("--format must be text, json or csv, not {other}"));
                    }
                }
            }
            option if option.starts_with("--") => {
                return Err(format!("unknown option {option}"));
            }
            path => files.push(path.to_owned()),
        }
    }
    if files.is_empty() {
        return Err("report needs one case file or more".to_owned());
    }
    Ok(Command::Report {
        files,
        today,
        format,
    })
}

/// Reads every case file, evaluates each case on `today` and prints the
/// council report; exit status 2, naming the file, if one cannot be read.
fn report(paths: &[String], today: NaiveDate, format: ReportFormat) -> ExitCode {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let tally = match tally::tally_files(paths, today, threads, read_each) {
        Ok(tally) => tally,
        Err((path, message)) => return unreadable(path, &message),
    };
    let report = tally.report(today);
    match format {
        ReportFormat::Text => print!("{}", report.to_text()),
        ReportFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("a report always serializes")
        ),
        ReportFormat::Csv => print!("{}", report.to_csv()),
    }
    ExitCode::SUCCESS
}

/// Prints the anonymised copy of the case file at `path`.
fn anonymise(path: &str) -> ExitCode {
    match read(path) {
        Ok(file) => {
            print!(
                "{}",
                write_case_file(&rules::case_file::anonymise(&file, &mut os_random()))
            );
            ExitCode::SUCCESS
        }
        Err(message) => unreadable(path, &message),
    }
}

/// Random numbers for anonymised ids: splitmix64 from a seed the standard
/// library draws from the operating system for its hash maps. Not for
/// secrets; only so the new ids say nothing of the old ones.
fn os_random() -> impl FnMut() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    let mut state = RandomState::new().hash_one(0_u64);
    move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Reads the case file, evaluates its cases and prints the output asked for;
/// exit status 2 if the file cannot be read or the case asked for is not in it.
fn run(output: Output, options: &Options) -> ExitCode {
    let path = options.file.as_str();
    let file = match read(path) {
        Ok(file) => file,
        Err(message) => return unreadable(path, &message),
    };
    let today = options.today.unwrap_or_else(today_local);
    let evaluations: Vec<Evaluation> = file
        .cases
        .iter()
        .map(|case| evaluate(case, today))
        .collect();
    let evaluated: Vec<Evaluated> = file
        .cases
        .iter()
        .zip(&evaluations)
        .map(|(case, evaluation)| Evaluated { case, evaluation })
        .filter(|entry| options.case.as_ref().is_none_or(|id| *id == entry.case.id))
        .collect();
    if evaluated.is_empty()
        && let Some(id) = &options.case
    {
        return unreadable(path, &format!("there is no case with id {id}"));
    }
    let printed = match output {
        Output::Check(format) => {
            check(path, today, format, &file.cases, &evaluations);
            Ok(())
        }
        Output::Chronology => {
            let name = match options.initials {
                true => NameShown::Initials,
                false => NameShown::AsRecorded,
            };
            let texts: Vec<String> = evaluated
                .iter()
                .map(|e| Chronology::new(e.case, e.evaluation, name).to_text())
                .collect();
            println!("{}", texts.join("\n\n"));
            Ok(())
        }
        Output::Letter(kind) => letter(kind, &evaluated, options.deadline.as_deref()),
        Output::Ics => {
            let stamp = today.and_hms_opt(0, 0, 0).expect("midnight is a time");
            print!("{}", outputs::calendar(&evaluated, stamp));
            Ok(())
        }
        Output::Csv => {
            print!("{}", outputs::deadlines_csv(&evaluated));
            Ok(())
        }
    };
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => unreadable(path, &message),
    }
}

/// The case file at `path`, read as the app's import reads it, or why it
/// cannot be read.
fn read(path: &str) -> Result<CaseFile, String> {
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    match as_backup(&bytes) {
        Some(backup) => backup,
        None => import_case_file(&bytes).map_err(|error| error.to_string()),
    }
}

/// Reads the case file at `path` as [`read`] does, into `bytes` (a buffer
/// used again for the next file), handing each case to `each` as soon as it
/// is read, so that no more than one case is held at a time.
fn read_each(path: &str, bytes: &mut Vec<u8>, each: &mut dyn FnMut(Case)) -> Result<(), String> {
    bytes.clear();
    File::open(path)
        .and_then(|mut file| file.read_to_end(bytes))
        .map_err(cannot_read)?;
    match as_backup(bytes) {
        Some(backup) => {
            backup?.cases.into_iter().for_each(each);
            Ok(())
        }
        None => import_each_case(&bytes[..], each).map_err(|error| error.to_string()),
    }
}

fn cannot_read(error: std::io::Error) -> String {
    format!("cannot read the file: {error}")
}

/// A zip file (which starts `PK`, as no JSON can) read as a backup: its
/// `cases.json`, once every document in it is checked; `None` for another file.
fn as_backup(bytes: &[u8]) -> Option<Result<CaseFile, String>> {
    bytes.starts_with(b"PK").then(|| {
        archive::read_backup(bytes)
            .map(|backup| backup.file)
            .map_err(|error| error.to_string())
    })
}

/// Prints the letter asked for, of the one case chosen.
fn letter(kind: LetterKind, evaluated: &[Evaluated], deadline: Option<&str>) -> Result<(), String> {
    let [Evaluated { case, evaluation }] = evaluated else {
        let ids: Vec<&str> = evaluated.iter().map(|e| e.case.id.as_str()).collect();
        return Err(format!(
            "the file has {} cases: choose one with --case ({})",
            ids.len(),
            ids.join(", ")
        ));
    };
    let letter = match kind {
        LetterKind::Chase => {
            let mut missed = outputs::chronology::owed_by_council(evaluation, Status::Overdue);
            let chosen = match deadline {
                Some(rule) => missed.find(|d| d.rule.id == rule).ok_or(format!(
                    "case {} has no missed deadline of rule {rule}",
                    case.id
                ))?,
                None => missed
                    .next()
                    .ok_or(format!("case {} has no missed deadline to chase", case.id))?,
            };
            chase_letter(case, evaluation, chosen)
        }
        LetterKind::Complaint => complaint_letter(case, evaluation),
        LetterKind::Ombudsman => ombudsman_letter(case, evaluation),
    };
    println!("Subject: {}\n\n{}", letter.subject, letter.body);
    Ok(())
}

/// Prints every deadline of every case, as text or as the JSON report.
fn check(path: &str, today: NaiveDate, format: Format, cases: &[Case], evaluations: &[Evaluation]) {
    match format {
        Format::Json => {
            let report = Report::new(today, evaluations);
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("a report always serializes")
            );
        }
        Format::Text => {
            for evaluation in evaluations {
                for warning in &evaluation.warnings {
                    eprintln!(
                        "warning: {path}: case {}: {}",
                        evaluation.case_id, warning.message
                    );
                }
            }
            let cases: Vec<String> = cases
                .iter()
                .zip(evaluations)
                .map(|(case, evaluation)| case_text(case, evaluation))
                .collect();
            println!("Deadlines on {}\n", rules::calendar::long_date(today));
            println!("{}\n", cases.join("\n\n"));
            println!("{}", NOT_LEGAL_ADVICE);
        }
    }
}

fn unreadable(path: &str, message: &str) -> ExitCode {
    eprintln!("{path}: {message}");
    ExitCode::from(2)
}

/// Every rule as a Markdown table row: id, title, citation, who acts, force,
/// and where and since when it is in force.
fn rules_table() -> String {
    let mut table = String::from(
        "| rule | what | citation | who must act | force | in force |\n|---|---|---|---|---|---|\n",
    );
    for rule in all_rules() {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            rule.id,
            rule.title,
            rule.citation,
            rule.actor.label(),
            match rule.force {
                rules::rule::Force::Statutory => "law",
                rules::rule::Force::Guidance => "guidance",
            },
            rule.in_force.describe()
        ));
    }
    table
}

/// Today's local calendar date: the one place the project reads a clock.
#[allow(clippy::disallowed_methods)]
fn today_local() -> NaiveDate {
    chrono::Local::now().date_naive()
}
