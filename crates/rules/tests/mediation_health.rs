//! Worked examples for the mediation rules of timelines.md section 6: the
//! council's notice to the health body, mediation about health care only, the
//! certificate when mediation cannot be arranged, the health body's notice of
//! an agreement, and a timescale agreed in writing.
//!
//! Source: SEND Regulations 2014, regs 35, 37 and 42(3) to (5); IPSEA, "The
//! mediation process".

mod support;

use rules::EventKind::*;
use rules::{
    Status,
    case_file::{Matters, Order},
    rule::Actor,
};
use support::{CaseBuilder, assert_deadline, d, only, worked};

#[test]
fn a_request_about_health_care_is_passed_to_the_health_body_within_3_working_days() {
    // Asked on Friday 22 August 2025: Monday 25 August is a bank holiday, so
    // the third working day after is Thursday 28 August.
    let evaluation = CaseBuilder::new()
        .event_with(MediationRequested, "2025-08-22", |e| {
            e.includes_health = Some(true)
        })
        .event(HealthBodyNotified, "2025-08-29")
        .on("2025-09-01");
    let notice = only(&evaluation, "mediation-health-notice");
    assert_deadline(notice, "2025-08-28", Status::MetLate, 1);
    assert_eq!(notice.citation, "SEND Regulations 2014, reg 35");
    assert_eq!(notice.actor, Actor::Council);
    // The council still arranges the meeting within 30 days of the request.
    let meeting = only(&evaluation, "mediation-meeting");
    assert_deadline(meeting, "2025-09-21", Status::Pending, 0);
    assert_eq!(meeting.actor, Actor::Council);
}

#[test]
fn a_request_not_about_health_care_needs_no_notice_to_the_health_body() {
    let evaluation = CaseBuilder::new()
        .event(MediationRequested, "2025-08-22")
        .on("2025-09-01");
    assert_eq!(
        evaluation.deadlines_of("mediation-health-notice").count(),
        0
    );
    only(&evaluation, "mediation-meeting");
}

#[test]
fn mediation_about_health_care_only_runs_30_days_from_the_notice_and_the_health_body_arranges_it() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationRequested, "2025-08-22", |e| {
            e.health_only = Some(true)
        })
        .event(HealthBodyNotified, "2025-08-27")
        .event(MediationHeld, "2025-09-30")
        .on("2025-10-01");
    assert_deadline(
        only(&evaluation, "mediation-health-notice"),
        "2025-08-28",
        Status::Met,
        0,
    );
    let meeting = only(&evaluation, "mediation-meeting");
    assert_deadline(meeting, "2025-09-26", Status::MetLate, 4);
    assert_eq!(meeting.actor, Actor::Health);
    assert_eq!(meeting.trigger.date, d("2025-08-27"));
}

#[test]
fn mediation_about_health_care_only_asks_for_the_notice_before_counting_the_30_days() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationRequested, "2025-08-22", |e| {
            e.health_only = Some(true)
        })
        .on("2025-08-26");
    assert_eq!(evaluation.deadlines_of("mediation-meeting").count(), 0);
    assert!(
        evaluation
            .notices
            .iter()
            .any(|n| { n.text.contains("Record that notice to see the date") })
    );
}

#[test]
fn the_certificate_when_mediation_cannot_be_arranged_counts_working_days_over_christmas() {
    // Told on Wednesday 24 December 2025: 25 and 26 December and the weekend
    // are skipped, so the third working day is Wednesday 31 December.
    let evaluation = CaseBuilder::new()
        .event(MediationRequested, "2025-11-26")
        .event(MediationNotArranged, "2025-12-24")
        .event(MediationCertificateIssued, "2026-01-02")
        .on("2026-01-05");
    let certificate = only(&evaluation, "deemed-mediation-certificate");
    assert_deadline(certificate, "2025-12-31", Status::MetLate, 2);
    assert_eq!(certificate.actor, Actor::MediationAdviser);
    assert_eq!(certificate.citation, "SEND Regulations 2014, reg 37");
}

#[test]
fn the_health_body_tells_the_council_of_an_agreement_it_made_alone_within_a_week() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.council_party = Some(false);
            e.matters = Some(Matters::Other);
        })
        .event(MediationAgreementNotified, "2025-03-12")
        .on("2025-03-14");
    let notice = only(&evaluation, "mediation-agreement-notice");
    assert_deadline(notice, "2025-03-10", Status::MetLate, 2);
    assert_eq!(notice.actor, Actor::Health);
    assert_eq!(notice.citation, "SEND Regulations 2014, reg 42(4)");
    let actions = only(&evaluation, "mediation-agreed-actions");
    assert_deadline(actions, "2025-03-17", Status::DueSoon, 0);
    assert_eq!(actions.actor, Actor::Health);
}

#[test]
fn an_agreement_the_council_made_needs_no_notice_to_it() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.matters = Some(Matters::Other)
        })
        .on("2025-03-14");
    assert_eq!(
        evaluation
            .deadlines_of("mediation-agreement-notice")
            .count(),
        0
    );
}

#[test]
fn a_date_agreed_in_writing_replaces_the_two_weeks_for_other_matters() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.matters = Some(Matters::Other);
            e.agreed_due = Some(d("2025-04-30"));
        })
        .event(AgreementActioned, "2025-04-28")
        .on("2025-05-01");
    let actions = only(&evaluation, "mediation-agreed-actions");
    assert_deadline(actions, "2025-04-30", Status::Met, 0);
    assert_eq!(actions.citation, "SEND Regulations 2014, reg 42(5)");
    assert!(worked(
        actions,
        "Agreed in writing by the parties to the mediation: done by 30 April 2025"
    ));
}

#[test]
fn a_date_agreed_in_writing_replaces_the_tribunal_limits_of_an_appealable_agreement() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.order = Some(Order::IssuePlan);
            e.agreed_due = Some(d("2025-06-30"));
        })
        .on("2025-05-01");
    for rule in ["order-draft-plan", "order-final-plan"] {
        let deadline = only(&evaluation, rule);
        assert_deadline(deadline, "2025-06-30", Status::Pending, 0);
        assert_eq!(deadline.citation, "SEND Regulations 2014, reg 42(5)");
    }
}

#[test]
fn without_an_agreed_date_an_appealable_agreement_keeps_the_tribunal_limits() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.order = Some(Order::IssuePlan)
        })
        .on("2025-03-04");
    assert_deadline(
        only(&evaluation, "order-draft-plan"),
        "2025-04-07",
        Status::Pending,
        0,
    );
}

#[test]
fn a_date_agreed_before_the_agreement_itself_is_not_used() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.matters = Some(Matters::Other);
            e.agreed_due = Some(d("2025-02-28"));
        })
        .on("2025-03-04");
    let actions = only(&evaluation, "mediation-agreed-actions");
    assert_deadline(actions, "2025-03-17", Status::DueSoon, 0);
    assert_eq!(actions.citation, "SEND Regulations 2014, reg 42(3)");
    assert!(worked(
        actions,
        "is before the agreement, so it is not used"
    ));
}
