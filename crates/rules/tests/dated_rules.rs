//! Dated rules (timelines.md section 6): a clock takes the rule in force on the
//! day its trigger happened. Before 1 September 2014 no EHC clock starts; a
//! later version of a rule counts only the clocks that start in its dates.

mod support;

use chrono::NaiveDate;
use rules::EventKind::*;
use rules::{
    Rule, Status,
    calendar::Period,
    case_file::Stage,
    evaluate::evaluate_under,
    exceptions::ExceptionSet,
    rule::{Actor, EHC_START, Force, InForce},
    stages::all_rules,
    versions::Version,
};
use support::{CaseBuilder, assert_deadline, d, only, worked};

#[test]
fn a_request_before_1_september_2014_gets_no_ehc_deadline_and_a_notice() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2014-06-02")
        .event(DecisionToAssess, "2014-07-01")
        .on("2015-01-01");
    assert!(
        evaluation.deadlines.is_empty(),
        "{:?}",
        evaluation.deadlines
    );
    let notice = evaluation
        .notices
        .iter()
        .find(|n| n.text.contains("statement system"))
        .expect("a notice about the statement system");
    assert!(
        notice.text.contains("event e-1, on 2 June 2014"),
        "{}",
        notice.text
    );
}

#[test]
fn a_request_on_1_september_2014_starts_the_ehc_clocks() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2014-09-01")
        .on("2014-09-02");
    assert_deadline(
        only(&evaluation, "decide-whether-to-assess"),
        "2014-10-13",
        Status::Pending,
        0,
    );
    assert!(evaluation.notices.is_empty());
}

#[test]
fn every_rule_is_in_force_in_england_and_every_ehc_rule_from_1_september_2014() {
    for rule in all_rules() {
        assert_eq!(
            rule.in_force.jurisdiction,
            rules::rule::Jurisdiction::England
        );
        assert!(rule.in_force.until.is_none(), "{} has ended", rule.id);
        if rule.citation.starts_with("SEND Regulations 2014")
            || rule.citation.starts_with("Children and Families Act 2014")
        {
            assert_eq!(rule.in_force.from, Some(EHC_START), "{}", rule.id);
        }
    }
}

/// No exception, for the invented rule below.
static NONE: ExceptionSet = ExceptionSet {
    name: "none",
    reasons: &[],
    min_absence_days: 0,
};

/// An invented change of the law, for this test only: from 1 January 2030 the
/// council decides whether to assess within 4 weeks, not 6.
static DECIDE_IN_4_WEEKS: Rule = Rule {
    id: "decide-whether-to-assess",
    title: "Decision whether to assess",
    stage: Stage::Assessment,
    summary: "Invented for a test: the council decides within 4 weeks.",
    citation: "Education for All Act 2030 (invented for a test), s1",
    actor: Actor::Council,
    force: Force::Statutory,
    exceptions: &NONE,
    done_verb: "made",
    in_force: InForce::england_from(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
};

const CHANGE_IN_2030: &[Version] = &[Version {
    rule: &DECIDE_IN_4_WEEKS,
    period: Some(Period::Weeks(4)),
}];

#[test]
fn a_clock_keeps_the_rule_of_its_own_start_date_when_the_law_changes() {
    let today = d("2031-01-01");
    // Received on Monday 17 December 2029, before the change: 6 weeks.
    let before = CaseBuilder::new()
        .event(RequestReceived, "2029-12-17")
        .build();
    let before = evaluate_under(&before, today, CHANGE_IN_2030);
    let decision = only(&before, "decide-whether-to-assess");
    assert_deadline(decision, "2030-01-28", Status::Overdue, 338);
    assert_eq!(decision.citation, "SEND Regulations 2014, reg 5(1)");
    // Received on Monday 7 January 2030, after it: 4 weeks, under the new law.
    let after = CaseBuilder::new()
        .event(RequestReceived, "2030-01-07")
        .build();
    let after = evaluate_under(&after, today, CHANGE_IN_2030);
    let decision = only(&after, "decide-whether-to-assess");
    assert_deadline(decision, "2030-02-04", Status::Overdue, 331);
    assert_eq!(decision.citation, DECIDE_IN_4_WEEKS.citation);
    assert!(worked(decision, "4 weeks after 7 January 2030"));
    // The other limits of that request are the 2014 ones.
    assert_deadline(
        only(&after, "final-plan"),
        "2030-05-27",
        Status::Overdue,
        219,
    );
}

#[test]
fn the_invented_change_is_not_shipped() {
    let evaluation = CaseBuilder::new()
        .event(RequestReceived, "2030-01-07")
        .on("2030-01-08");
    assert_eq!(
        only(&evaluation, "decide-whether-to-assess").due,
        d("2030-02-18")
    );
}
