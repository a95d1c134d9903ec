//! The letter drafts: the dates and regulations come from the case and the
//! engine, and every fact neither knows is a marked gap to fill in.

mod common;

use chrono::NaiveDate;
use common::{day, late_assessment, moving_and_mediation, on_time, request_only, waiting};
use outputs::letters::DRAFTED_WITH;
use outputs::{Letter, chase_letter, complaint_letter, ombudsman_letter};
use rules::{
    Case, Evaluation, Event, EventKind,
    calendar::long_date,
    case_file::{ApproxDate, When},
    evaluate,
};

/// Asserts each of `paragraphs` is a whole paragraph of the letter.
fn assert_paragraphs(letter: &Letter, paragraphs: &[&str]) {
    let all: Vec<&str> = letter.body.split("\n\n").collect();
    for paragraph in paragraphs {
        assert!(
            all.contains(paragraph),
            "{paragraph:?} in:\n{}",
            letter.body
        );
    }
}

/// The worked example: a decision whether to assess 18 days late, word for word.
#[test]
fn a_chase_letter_word_for_word() {
    let (case, evaluation) = waiting("A. B.");
    let deadline = evaluation.deadline("decide-whether-to-assess").unwrap();
    let letter = chase_letter(case, &evaluation, deadline);
    assert_eq!(letter.kind, "Chase letter");
    assert_eq!(letter.title, "Chase letter: Decision whether to assess");
    assert_eq!(
        letter.subject,
        "A. B.: Decision whether to assess was due on 13 October 2025"
    );
    assert_eq!(
        letter.body,
        "\
[your name]
[your address]

31 October 2025

The SEND team
Anytown Council
[their address or email]

Dear SEND team,

A. B.: Decision whether to assess

I am writing about A. B.'s Education, Health and Care (EHC) process. This time limit started on 1 September 2025 (request for an assessment received by the council).

Under SEND Regulations 2014, reg 5(1), the decision whether to assess was due by 13 October 2025. As of today it is 18 days (2 weeks 4 days) late, and I have not received it.

Please tell me, within 10 working days, when it will be done, and what Anytown Council will do to put right the effect of the delay on my child.

If I do not hear from you, I will make a formal complaint under the council's complaints procedure.

Yours faithfully,

[your name]
[your relationship to the child or young person]

---
Drafted with EHC Timeline, which is not legal advice."
    );
}

#[test]
fn a_chase_for_a_deadline_met_late_says_when_it_was_met() {
    let (case, evaluation) = late_assessment();
    let final_plan = evaluation.deadline("final-plan").unwrap();
    let letter = chase_letter(case, &evaluation, final_plan);
    assert!(letter.body.contains(
        "Under SEND Regulations 2014, reg 13(2), the final plan was due by 26 May 2025. It was issued on 4 July 2025, 39 days (5 weeks 4 days) late."
    ), "{}", letter.body);
    assert!(letter.body.contains("Your reference: EHC/2025/0142"));
}

#[test]
fn a_complaint_lists_every_deadline_missed_or_met_late() {
    let (case, evaluation) = late_assessment();
    let letter = complaint_letter(case, &evaluation);
    assert_eq!(letter.title, "Formal complaint to the council");
    assert_eq!(
        letter.subject,
        "Formal complaint: delays in J. T.'s EHC process"
    );
    assert_paragraphs(
        &letter,
        &[
            "The complaints team\nAnytown Council\n[their address or email]",
            "Your reference: EHC/2025/0142",
            "The council has not met these time limits:\n\
         - Advice for the assessment (Community paediatrician): due 7 April 2025 (SEND Regulations 2014, reg 8(1)); not yet received, 55 days overdue.",
            "The council met these time limits late:\n\
         - Decision whether to assess: due 17 February 2025 (SEND Regulations 2014, reg 5(1)); made 20 February 2025, 3 days late.\n\
         - Advice for the assessment (Educational psychologist): due 7 April 2025 (SEND Regulations 2014, reg 8(1)); received 2 May 2025, 25 days late.\n\
         - Decision whether to issue a plan: due 28 April 2025 (SEND Regulations 2014, reg 10(1)); made 19 May 2025, 21 days late.\n\
         - Final plan: due 26 May 2025 (SEND Regulations 2014, reg 13(2)); issued 4 July 2025, 39 days late.\n\
         - School's reply to the consultation (Hill Top Academy): due 17 June 2025 (SEND Code of Practice 2015, para 9.83); received 20 June 2025, 3 days late.",
            "To put this right, I ask the council to:\n- [what you want: for example, issue the final plan by a date, an apology, or a remedy for the support my child has missed]",
        ],
    );
}

#[test]
fn a_complaint_with_nothing_missed_asks_what_it_is_about() {
    let (case, evaluation) = on_time();
    let letter = complaint_letter(case, &evaluation);
    assert!(letter.body.contains(
        "[The dates recorded show no missed time limit: say what your complaint is about.]"
    ));
    assert!(!letter.body.contains("time limits:"));
}

#[test]
fn the_ombudsman_note_uses_the_recorded_complaint_dates() {
    let mut case = waiting("A. B.").0.clone();
    case.events.push(Event {
        when: When::Approx(ApproxDate {
            year: 2025,
            month: Some(10),
        }),
        ..Event::new("e-2", EventKind::ComplaintMade, day(2000, 1, 1))
    });
    case.events.push(Event::new(
        "e-3",
        EventKind::ComplaintResponded,
        day(2025, 10, 28),
    ));
    let evaluation = evaluate(&case, day(2025, 10, 31));
    let letter = ombudsman_letter(&case, &evaluation);
    assert_eq!(letter.title, "Covering note to the Ombudsman");
    assert_eq!(
        letter.subject,
        "Complaint about Anytown Council: delays in A. B.'s EHC process"
    );
    assert_paragraphs(
        &letter,
        &[
            "The Local Government and Social Care Ombudsman\n[their address or email]",
            "Complaint about Anytown Council: delays in A. B.'s Education, Health and Care (EHC) process",
            "I complained to Anytown Council on October 2025 (approximate). The council replied on 28 October 2025. Its reply has not put things right because [say why].",
            "The council has not met these time limits:\n\
         - Decision whether to assess: due 13 October 2025 (SEND Regulations 2014, reg 5(1)); not yet made, 18 days overdue.",
            "The first of these was due on 13 October 2025.",
            "I attach a dated chronology, my complaint to the council and its reply of 28 October 2025.",
        ],
    );
}

#[test]
fn the_ombudsman_note_leaves_gaps_for_complaint_dates_not_recorded() {
    let (case, evaluation) = late_assessment();
    let letter = ombudsman_letter(case, &evaluation);
    for gap in [
        "I complained to Anytown Council on [the date of your complaint]. [Say whether the council replied, when, and why its reply has not put things right.]",
        "my complaint to the council and [its reply, if it replied].",
        "The council's reference: EHC/2025/0142",
        "The first of these was due on 17 February 2025.",
    ] {
        assert!(letter.body.contains(gap), "{gap:?} in:\n{}", letter.body);
    }
    assert!(!letter.body.contains("Your reference"));
}

/// Every letter of `case`: a chase for each missed deadline, the complaint
/// and the Ombudsman note.
fn every_letter(case: &Case, evaluation: &Evaluation) -> Vec<Letter> {
    let mut letters: Vec<Letter> =
        outputs::chronology::owed_by_council(evaluation, rules::Status::Overdue)
            .map(|deadline| chase_letter(case, evaluation, deadline))
            .collect();
    letters.push(complaint_letter(case, evaluation));
    letters.push(ombudsman_letter(case, evaluation));
    letters
}

#[test]
fn unknown_names_are_gaps_to_fill_in() {
    let case = Case {
        child: Some("  ".into()),
        ..request_only("c-bare")
    };
    let evaluation = evaluate(&case, day(2025, 10, 31));
    let letters = every_letter(&case, &evaluation);
    assert_eq!(letters.len(), 3);
    for letter in letters {
        for gap in ["[your name]", "[your address]", "[their address or email]"] {
            assert!(letter.body.contains(gap), "{gap} in {}", letter.title);
        }
        assert!(
            letter.subject.contains("[your child's name]'s")
                || letter.subject.starts_with("[your child's name]:")
        );
        assert!(letter.body.contains("[the council]"), "{}", letter.body);
        assert!(!letter.body.contains("reference:"), "no reference recorded");
    }
}

/// Every date a text writes like "6 January 2025".
fn dates_in(text: &str) -> Vec<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",.;:()".contains(c))
        .filter(|word| !word.is_empty())
        .collect();
    words
        .windows(3)
        .filter_map(|w| NaiveDate::parse_from_str(&w.join(" "), "%d %B %Y").ok())
        .collect()
}

#[test]
fn every_date_in_every_letter_comes_from_the_case_or_the_engine() {
    for (case, evaluation) in [late_assessment(), waiting("A. B.")] {
        let mut known = vec![evaluation.today];
        known.extend(case.events.iter().filter_map(Event::date));
        known.extend(evaluation.deadlines.iter().map(|d| d.due));
        for letter in every_letter(case, &evaluation) {
            let dates = dates_in(&letter.body);
            assert!(dates.len() >= 2, "{}", letter.body);
            for date in dates {
                assert!(
                    known.contains(&date),
                    "{} in {} is not a date of the case",
                    long_date(date),
                    letter.title
                );
            }
            assert!(letter.body.ends_with(&format!("\n---\n{DRAFTED_WITH}")));
        }
    }
}

#[test]
fn the_complaint_letter_lists_the_moves_and_mediation_limits_with_their_regulations() {
    let (case, evaluation) = moving_and_mediation();
    let letter = complaint_letter(case, &evaluation);
    for line in [
        "- Old council passing the plan to the new council: due 12 September 2025 (SEND Regulations 2014, reg 15(2)); transferred 15 September 2025, 3 days late.",
        "- Telling the health body about mediation: due 19 November 2025 (SEND Regulations 2014, reg 35); sent 21 November 2025, 2 days late.",
        "- Doing what was agreed at mediation: due 27 February 2026 (SEND Regulations 2014, reg 42(5)); not yet done, 52 days overdue.",
        "- Council's reply to your complaint: due 17 April 2026 (LGSCO Complaint Handling Code (from 1 April 2026)); not yet received, 3 days overdue.",
    ] {
        assert!(letter.body.contains(line), "{line:?} in:\n{}", letter.body);
    }
}

#[test]
fn a_chase_for_what_was_agreed_at_mediation_cites_the_date_agreed_in_writing() {
    let (case, evaluation) = moving_and_mediation();
    let deadline = evaluation.deadline("mediation-agreed-actions").unwrap();
    let letter = chase_letter(case, &evaluation, deadline);
    assert_eq!(
        letter.subject,
        "R. S.: Doing what was agreed at mediation was due on 27 February 2026"
    );
    assert!(
        letter
            .body
            .contains("Under SEND Regulations 2014, reg 42(5), "),
        "{}",
        letter.body
    );
}
