//! `ehc` as a user runs it: the built binary on real files, for `check` and
//! `rules` and for the outputs (`chronology`, `letter`, `ics`, `csv`).

#[path = "../../rules/tests/support/hostile.rs"]
mod hostile;
mod support;

use std::process::Output;

use support::{case_file, ehc, stderr, stdout};

/// `ehc check` on `path` on 1 March 2025, in `format`.
fn check(path: &std::path::Path, format: &str) -> Output {
    ehc(&[
        "check",
        path.to_str().unwrap(),
        "--today",
        "2025-03-01",
        "--format",
        format,
    ])
}

/// The case-file.md example: a request on 6 January 2025 and a decision on 20 February.
const SPEC_EXAMPLE: &str = r#"{
  "format": "ehc-timeline/1",
  "exported_at": "2026-11-22",
  "cases": [
    {
      "id": "c-7f3a",
      "child": "A. B.",
      "local_authority": "Anytown Council",
      "reference": "EHC/1234",
      "events": [
        { "id": "e-1", "kind": "request-received", "date": "2025-01-06",
          "note": "Emailed by the school SENCO" },
        { "id": "e-2", "kind": "decision-to-assess", "date": "2025-02-20" }
      ]
    }
  ]
}
"#;

#[test]
fn every_bundled_example_is_read_without_warnings() {
    for example in [
        "late-assessment",
        "refusal-and-appeal",
        "annual-review",
        "two-children",
    ] {
        let output = ehc(&[
            "check",
            &format!("examples/{example}.json"),
            "--today",
            "2026-01-15",
        ]);
        assert!(output.status.success(), "{example}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{example} has warnings");
        assert!(stdout(&output).contains("This is not legal advice"));
    }
}

/// Source: the issue's example line.
#[test]
fn the_text_report_reads_as_a_parent_would_say_it() {
    let path = case_file("spec-example.json", SPEC_EXAMPLE);
    let output = check(&path, "text");
    assert!(output.status.success());
    assert!(stdout(&output).contains(
        "Decision whether to assess: due 17 February 2025, made 20 February 2025, 3 days late (SEND Regulations 2014, reg 5(1))"
    ));
    assert!(stdout(&output).contains("A. B. — Anytown Council — EHC/1234 (case c-7f3a)"));
}

/// Source: case-file.md, the `--format json` example.
#[test]
fn the_json_report_follows_the_contract() {
    let path = case_file("spec-example-json.json", SPEC_EXAMPLE);
    let output = check(&path, "json");
    assert!(output.status.success());
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("the report is JSON");
    assert_eq!(report["format"], "ehc-timeline-report/1");
    assert_eq!(report["today"], "2025-03-01");
    assert_eq!(report["cases"][0]["id"], "c-7f3a");
    let decision = report["cases"][0]["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "decide-whether-to-assess")
        .expect("the decision deadline");
    assert_eq!(decision["due"], "2025-02-17");
    assert_eq!(decision["status"], "met-late");
    assert_eq!(decision["done_on"], "2025-02-20");
    assert_eq!(decision["days_late"], 3);
    assert_eq!(decision["citation"], "SEND Regulations 2014, reg 5(1)");
    assert_eq!(decision["actor"], "la");
    assert_eq!(decision["force"], "statutory");
    assert!(decision.get("subject").is_none());
    let statuses: Vec<_> = report["cases"][0]["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap().to_owned())
        .collect();
    assert!(statuses.iter().all(|s| {
        [
            "pending",
            "due-soon",
            "overdue",
            "met",
            "met-late",
            "too-early",
            "excepted",
            "not-applicable",
        ]
        .contains(&s.as_str())
    }));
}

#[test]
fn malformed_json_is_refused_with_its_line_and_column() {
    let path = case_file(
        "malformed.json",
        "{\n  \"format\": \"ehc-timeline/1\",\n  \"cases\": [\n    { \"id\": \"c-1\" \"events\": [] }\n  ]\n}\n",
    );
    let output = ehc(&["check", path.to_str().unwrap(), "--today", "2025-03-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("malformed.json: line 4, column 19"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn an_impossible_date_is_refused_naming_the_event() {
    let text = SPEC_EXAMPLE.replace("2025-02-20", "2025-02-30");
    let path = case_file("impossible-date.json", &text);
    let output = ehc(&["check", path.to_str().unwrap(), "--today", "2025-03-01"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("line 13, column"), "{message}");
    assert!(message.contains("event \"e-2\""), "{message}");
    assert!(
        message.contains("\"2025-02-30\" is not a real date: February 2025 has 28 days"),
        "{message}"
    );
}

#[test]
fn every_hostile_file_is_refused_as_the_engine_refuses_it() {
    for file in hostile::refused() {
        let path = format!("crates/rules/tests/fixtures/hostile/{}", file.name);
        let output = ehc(&["check", &path, "--today", "2025-03-01"]);
        let error = rules::case_file::import_case_file(file.bytes).expect_err(file.name);
        file.assert_is(&error);
        assert_eq!(output.status.code(), Some(2), "{path}");
        assert_eq!(stderr(&output), format!("{path}: {error}\n"));
        assert_eq!(stdout(&output), "");
    }
    let no_cases = ehc(&["check", "crates/rules/tests/fixtures/hostile/no-cases.json"]);
    assert!(stderr(&no_cases).ends_with(": this file has no cases\n"));
    let latin1 = ehc(&["check", "crates/rules/tests/fixtures/hostile/not-utf8.json"]);
    assert!(
        stderr(&latin1).contains("line 6, column 19: this is not UTF-8 text: byte 88 (0xE9)"),
        "{}",
        stderr(&latin1)
    );
}

#[test]
fn a_byte_order_mark_and_unknown_top_level_fields_are_read() {
    for (name, _) in hostile::accepted() {
        let path = format!("crates/rules/tests/fixtures/hostile/{name}");
        let output = ehc(&["check", &path, "--today", "2025-03-01"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("Decision whether to assess: due 17 February 2025"));
    }
}

#[test]
fn a_missing_file_and_a_bad_today_are_refused() {
    let missing = ehc(&["check", "examples/no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("examples/no-such-file.json: cannot read the file"));

    let bad_today = ehc(&[
        "check",
        "examples/two-children.json",
        "--today",
        "2025-02-30",
    ]);
    assert_eq!(bad_today.status.code(), Some(2));
    assert!(stderr(&bad_today).contains("--today: \"2025-02-30\" is not a real date"));
}

#[test]
fn a_decision_dated_before_its_request_is_read_with_a_warning() {
    let text = SPEC_EXAMPLE.replace("2025-02-20", "2025-01-02");
    let path = case_file("decision-first.json", &text);
    let output = ehc(&["check", path.to_str().unwrap(), "--today", "2025-03-01"]);
    assert!(output.status.success());
    let warning = stderr(&output);
    assert!(warning.starts_with("warning: "), "{warning}");
    assert!(warning.contains("(event e-2) is dated before"), "{warning}");
}

#[test]
fn a_date_in_an_implausible_year_is_read_with_a_warning() {
    let text = SPEC_EXAMPLE.replace("2025-02-20", "2205-02-20");
    let path = case_file("far-year.json", &text);
    let output = ehc(&["check", path.to_str().unwrap(), "--today", "2025-03-01"]);
    assert!(output.status.success());
    assert_eq!(
        stderr(&output),
        format!(
            "warning: {}: case c-7f3a: Event e-2 is dated 20 February 2205, outside the years 1900 to 2199. Check the year.\n",
            path.display()
        )
    );
}

#[test]
fn ehc_rules_lists_every_time_limit_with_its_citation() {
    let output = ehc(&["rules"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("| `decide-whether-to-assess` | Decision whether to assess | SEND Regulations 2014, reg 5(1) |"));
}

#[test]
fn ehc_rules_says_where_and_since_when_each_rule_is_in_force() {
    let text = stdout(&ehc(&["rules"]));
    assert!(text.starts_with("| rule | what | citation | who must act | force | in force |"));
    for row in [
        "| `plan-transfer` | Old council passing the plan to the new council | SEND Regulations 2014, reg 15(2) | the council | law | England, from 1 September 2014 |",
        "| `recommendation-response` | Response to the tribunal's recommendation | SEND (First-tier Tribunal Recommendations Power) Regulations 2017 (SI 2017/1306) | health or social care | law | England, from 3 April 2018 |",
        "| `council-complaint-acknowledgement` | Council's acknowledgement of your complaint | LGSCO Complaint Handling Code (from 1 April 2026) | the council | guidance | England, from 1 April 2026 |",
        "| `ombudsman-window` | Complaint to the Ombudsman | Local Government Act 1974, s26B | the parent or young person | law | England, no start date (older than the EHC system) |",
    ] {
        assert!(text.contains(row), "{row:?} in:\n{text}");
    }
}

/// `ehc check examples/moving-and-mediation.json` on 20 April 2026.
fn moving_and_mediation(format: &str) -> String {
    let output = ehc(&[
        "check",
        "examples/moving-and-mediation.json",
        "--today",
        "2026-04-20",
        "--format",
        format,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "no date looks wrong");
    stdout(&output)
}

#[test]
fn ehc_check_counts_a_move_mediation_about_health_and_a_complaint_under_the_code() {
    let text = moving_and_mediation("text");
    for line in [
        "  Old council passing the plan to the new council: due 12 September 2025, transferred 15 September 2025, 3 days late (SEND Regulations 2014, reg 15(2))",
        "  Telling the health body about mediation: due 19 November 2025, sent 21 November 2025, 2 days late (SEND Regulations 2014, reg 35)",
        "  Certificate when mediation cannot be arranged: due 17 December 2025, issued 19 December 2025, 2 days late (SEND Regulations 2014, reg 37)",
        "  Health body telling the council of an agreement: due 16 January 2026, sent 20 January 2026, 4 days late (SEND Regulations 2014, reg 42(4))",
        "  Doing what was agreed at mediation: due 27 February 2026, not yet done, 52 days overdue (SEND Regulations 2014, reg 42(5))",
        "  Council's acknowledgement of your complaint: due 10 April 2026, received 9 April 2026, on time (LGSCO Complaint Handling Code (from 1 April 2026))",
        "  Council's reply to your complaint: due 17 April 2026, not yet received, 3 days overdue (LGSCO Complaint Handling Code (from 1 April 2026))",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
}

#[test]
fn ehc_check_json_names_the_new_rules_with_their_working() {
    let report: serde_json::Value = serde_json::from_str(&moving_and_mediation("json")).unwrap();
    let deadlines = report["cases"][0]["deadlines"].as_array().unwrap();
    let find = |rule: &str| {
        deadlines
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {deadlines:#?}"))
    };
    let transfer = find("plan-transfer");
    assert_eq!(
        (
            &transfer["due"],
            &transfer["status"],
            &transfer["days_late"]
        ),
        (&"2025-09-12".into(), &"met-late".into(), &3.into())
    );
    assert!(
        transfer["working"]
            .to_string()
            .contains("less than 15 working days")
    );
    let agreed = find("mediation-agreed-actions");
    assert_eq!(agreed["actor"], "health");
    assert!(agreed["working"].to_string().contains("Agreed in writing"));
    assert_eq!(find("deemed-mediation-certificate")["actor"], "ma");
    assert_eq!(
        find("council-complaint-acknowledgement")["force"],
        "guidance"
    );
}

#[test]
fn ehc_check_gives_no_ehc_deadline_before_september_2014_and_says_why() {
    let path = case_file(
        "statement.json",
        r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-old", "events": [
            {"id": "e-1", "kind": "request-received", "date": "2014-05-12"}]}]}"#,
    );
    let text = stdout(&check(&path, "text"));
    assert!(!text.contains("Decision whether to assess"), "{text}");
    assert!(
        text.contains("the statement system of the Education Act 1996 applied then"),
        "{text}"
    );
}

#[test]
fn a_move_without_its_day_is_refused_saying_which_event() {
    let path = case_file(
        "move.json",
        r#"{"format": "ehc-timeline/1", "cases": [{"id": "c-1", "events": [
            {"id": "e-1", "kind": "move-notified", "date": "2025-08-22"}]}]}"#,
    );
    let output = check(&path, "text");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("event \"e-1\" (move-notified) needs \"move_date\""),
        "{}",
        stderr(&output)
    );
}

/// `ehc ARGS examples/FILE --today 2025-06-01`.
fn on_example(args: &[&str], file: &str) -> Output {
    let path = format!("examples/{file}");
    let mut all = args.to_vec();
    all.extend([path.as_str(), "--today", "2025-06-01"]);
    ehc(&all)
}

#[test]
fn ehc_chronology_prints_the_events_then_the_missed_deadlines() {
    let output = on_example(&["chronology"], "late-assessment.json");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for line in [
        "Chronology: J. T.",
        "Prepared on 1 June 2025",
        "  1. 3 January 2025: Request for an assessment sent",
        "  14. 4 July 2025: Final plan issued",
        "Deadlines missed\n  Advice for the assessment (Community paediatrician): due 7 April 2025; done: Not yet; late by 55 days (7 weeks 6 days) (SEND Regulations 2014, reg 8(1))",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
}

#[test]
fn ehc_letter_drafts_a_chase_for_a_missed_deadline() {
    let output = on_example(&["letter", "chase"], "late-assessment.json");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with(
        "Subject: J. T.: Advice for the assessment (Community paediatrician) was due on 7 April 2025\n"
    ));
    assert!(
        text.contains("Under SEND Regulations 2014, reg 8(1)"),
        "{text}"
    );
    let met = on_example(
        &["letter", "chase", "--deadline", "final-plan"],
        "late-assessment.json",
    );
    assert_eq!(met.status.code(), Some(2));
    assert!(stderr(&met).contains("case c-late has no missed deadline of rule final-plan"));
}

#[test]
fn ehc_letter_asks_which_case_when_the_file_has_several() {
    let output = on_example(&["letter", "complaint"], "two-children.json");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("choose one with --case (c-older, c-younger)"));
    let chosen = on_example(
        &["letter", "complaint", "--case", "c-older"],
        "two-children.json",
    );
    assert!(chosen.status.success(), "{}", stderr(&chosen));
    assert!(stdout(&chosen).contains("Formal complaint"));
    let missing = on_example(&["ics", "--case", "c-nobody"], "two-children.json");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("there is no case with id c-nobody"));
}

#[test]
fn ehc_ics_and_csv_print_the_calendar_and_the_spreadsheet() {
    let ics = stdout(&on_example(&["ics"], "late-assessment.json"));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.contains("DTSTAMP:20250601T000000Z\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let csv = stdout(&on_example(&["csv"], "two-children.json"));
    assert!(csv.starts_with("\u{feff}Case,Child,Council"));
    assert!(csv.contains("c-older") && csv.contains("c-younger"));
}

/// A case of a child named in full, with a request on 1 September 2025 and
/// nothing since, and a second case.
const TWO_NAMED: &str = r#"{
  "format": "ehc-timeline/1",
  "cases": [
    { "id": "c-jane", "child": "Jane Smith", "local_authority": "Anytown Council",
      "events": [ { "id": "e-1", "kind": "request-received", "date": "2025-09-01" } ] },
    { "id": "c-other", "child": "Other Child", "events": [] }
  ]
}"#;

/// `ehc COMMAND FILE OPTIONS --today 2025-10-31` on `TWO_NAMED`, in a file
/// named after the command.
fn on_two_named(command: &[&str], options: &[&str]) -> Output {
    let path = case_file(&format!("{}.json", command.join("-")), TWO_NAMED);
    let mut args = command.to_vec();
    args.push(path.to_str().unwrap());
    args.extend(options);
    args.extend(["--today", "2025-10-31"]);
    ehc(&args)
}

#[test]
fn ehc_chronology_of_one_case_by_initials() {
    let output = on_two_named(&["chronology"], &["--case", "c-jane", "--initials"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Chronology: J. S.\n\
         Council: Anytown Council\n\
         Prepared on 31 October 2025\n\
         \n\
         Events\n  \
         1. 1 September 2025: Request for an assessment received by the council\n\
         \n\
         Deadlines missed\n  \
         Decision whether to assess: due 13 October 2025; done: Not yet; late by 18 days (2 weeks 4 days) (SEND Regulations 2014, reg 5(1))\n\
         \n\
         Deadlines met late\n  \
         None.\n"
    );
}

#[test]
fn ehc_letter_drafts_the_complaint_and_the_ombudsman_note() {
    let complaint = stdout(&on_example(
        &["letter", "complaint"],
        "late-assessment.json",
    ));
    assert!(
        complaint.starts_with(
            "Subject: Formal complaint: delays in J. T.'s EHC process\n\n[your name]\n"
        )
    );
    assert!(complaint.contains(
        "- Final plan: due 26 May 2025 (SEND Regulations 2014, reg 13(2)); issued 4 July 2025, 39 days late."
    ));
    let note = stdout(&on_example(
        &["letter", "ombudsman"],
        "late-assessment.json",
    ));
    assert!(
        note.starts_with(
            "Subject: Complaint about Anytown Council: delays in J. T.'s EHC process\n"
        )
    );
    assert!(note.contains("The council's reference: EHC/2025/0142"));
    assert!(note.contains("Drafted with EHC Timeline, which is not legal advice."));
}

#[test]
fn ehc_letter_chase_names_the_missed_deadline_it_chases() {
    let output = on_example(
        &[
            "letter",
            "chase",
            "--case",
            "c-late",
            "--deadline",
            "advice",
        ],
        "late-assessment.json",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "As of today it is 55 days (7 weeks 6 days) late, and I have not received it."
        )
    );
    let nothing = on_two_named(&["letter", "chase"], &["--case", "c-other"]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("case c-other has no missed deadline to chase"));
}

#[test]
fn ehc_ics_exports_the_deadlines_to_come_of_the_case_chosen() {
    let output = on_two_named(&["ics"], &["--case", "c-jane"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ics = stdout(&output);
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 3);
    assert!(ics.contains(
        "UID:c-jane.final-plan.e-1@ehc-timeline\r\nDTSTAMP:20251031T000000Z\r\nDTSTART;VALUE=DATE:20260119\r\nDTEND;VALUE=DATE:20260120\r\nSUMMARY:Jane Smith: Final plan\r\n"
    ));
    assert!(!ics.contains("Other Child"));
}

#[test]
fn ehc_csv_has_a_row_per_deadline_of_every_case() {
    let csv = stdout(&on_example(&["csv"], "late-assessment.json"));
    assert!(csv.contains(
        "\r\nc-late,J. T.,Anytown Council,EHC/2025/0142,Final plan,Final plan,2025-05-26,26 May 2025,Met late,39,2025-07-04,the council,\"SEND Regulations 2014, reg 13(2)\",final-plan,\r\n"
    ));
    let refused = on_example(&["csv", "--case", "c-late"], "late-assessment.json");
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("unknown option --case"));
}

#[test]
fn ehc_help_names_every_command() {
    let help = stdout(&ehc(&["--help"]));
    for command in [
        "ehc check CASE.json",
        "ehc chronology CASE.json [--case ID] [--initials]",
        "ehc letter chase|complaint|ombudsman CASE.json",
        "ehc ics CASE.json",
        "ehc csv CASE.json",
        "ehc report FILE... [--today YYYY-MM-DD] [--format text|json|csv]",
        "ehc anonymise CASE.json",
        "ehc rules",
    ] {
        assert!(help.contains(command), "{command:?} in:\n{help}");
    }
}

#[test]
fn an_option_a_command_does_not_take_is_refused() {
    let output = on_example(&["check", "--initials"], "late-assessment.json");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown option --initials"));
}
