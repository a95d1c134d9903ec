//! `ehc`: the command-line checker. A thin binary over the rules engine: it
//! reads a case file, evaluates every case on a day, and prints the deadlines.

use std::process::ExitCode;

use chrono::NaiveDate;
use rules::{Report, all_rules, case_text, evaluate, parse_iso_date, read_case_file};

const USAGE: &str = "Usage:
  ehc check CASE.json [--today YYYY-MM-DD] [--format text|json]
  ehc rules
  ehc --help

check   prints every statutory deadline of every case in CASE.json, on --today
        (default: this computer's local date). Exit status 0 when the file was
        read, 2 when it could not be.
rules   prints every time limit the checker knows, with its citation.";

/// How to print a report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// What the command line asks for.
enum Command {
    Help,
    Rules,
    Check {
        file: String,
        today: Option<NaiveDate>,
        format: Format,
    },
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
        Ok(Command::Check {
            file,
            today,
            format,
        }) => check(&file, today.unwrap_or_else(today_local), format),
        Err(message) => {
            eprintln!("ehc: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        None | Some("--help" | "-h" | "help") => Ok(Command::Help),
        Some("rules") => Ok(Command::Rules),
        Some("check") => {
            let (mut file, mut today, mut format) = (None, None, Format::Text);
            while let Some(arg) = args.next() {
                match arg {
                    "--help" | "-h" => return Ok(Command::Help),
                    "--today" => {
                        let value = args
                            .next()
                            .ok_or("--today needs a date, such as 2025-03-01")?;
                        today =
                            Some(parse_iso_date(value).map_err(|why| format!("--today: {why}"))?);
                    }
                    "--format" => {
                        format = match args.next() {
                            Some("text") => Format::Text,
                            Some("json") => Format::Json,
                            other => {
                                return Err(format!(
                                    "--format must be text or json, not {}",
                                    other.unwrap_or("nothing")
                                ));
                            }
                        }
                    }
                    flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                    path if file.is_none() => file = Some(path.to_owned()),
                    extra => {
                        return Err(format!("one case file at a time: {extra} is one too many"));
                    }
                }
            }
            let file = file.ok_or("check needs a case file")?;
            Ok(Command::Check {
                file,
                today,
                format,
            })
        }
        Some(other) => Err(format!("unknown command {other}")),
    }
}

/// Reads, evaluates and prints one case file; exit status 2 if it cannot be read.
fn check(path: &str, today: NaiveDate, format: Format) -> ExitCode {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return unreadable(path, "the file is not UTF-8 text: save it as UTF-8 JSON"),
        },
        Err(error) => return unreadable(path, &format!("cannot read the file: {error}")),
    };
    let file = match read_case_file(&text) {
        Ok(file) => file,
        Err(error) => return unreadable(path, &error.to_string()),
    };
    let evaluations: Vec<_> = file
        .cases
        .iter()
        .map(|case| evaluate(case, today))
        .collect();
    match format {
        Format::Json => {
            let report = Report::new(today, &evaluations);
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("a report always serializes")
            );
        }
        Format::Text => {
            for evaluation in &evaluations {
                for warning in &evaluation.warnings {
                    eprintln!(
                        "warning: {path}: case {}: {}",
                        evaluation.case_id, warning.message
                    );
                }
            }
            let cases: Vec<String> = file
                .cases
                .iter()
                .zip(&evaluations)
                .map(|(case, evaluation)| case_text(case, evaluation))
                .collect();
            println!("Deadlines on {}\n", rules::long_date(today));
            println!("{}\n", cases.join("\n\n"));
            println!("{}", rules::NOT_LEGAL_ADVICE);
        }
    }
    ExitCode::SUCCESS
}

fn unreadable(path: &str, message: &str) -> ExitCode {
    eprintln!("{path}: {message}");
    ExitCode::from(2)
}

/// Every rule as a Markdown table row: id, title, citation, who acts, force.
fn rules_table() -> String {
    let mut table =
        String::from("| rule | what | citation | who must act | force |\n|---|---|---|---|---|\n");
    for rule in all_rules() {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            rule.id,
            rule.title,
            rule.citation,
            rule.actor.label(),
            match rule.force {
                rules::Force::Statutory => "law",
                rules::Force::Guidance => "guidance",
            }
        ));
    }
    table
}

/// Today's local calendar date: the one place the project reads a clock.
#[allow(clippy::disallowed_methods)]
fn today_local() -> NaiveDate {
    chrono::Local::now().date_naive()
}
