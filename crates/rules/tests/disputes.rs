//! Worked examples for mediation, appeals and tribunal recommendations.

mod support;

use rules::EventKind::*;
use rules::{
    Status,
    case_file::Matters,
    rule::{Actor, Force},
};
use support::{CaseBuilder, assert_deadline, d, only, worked};

/// Source: timelines.md N7: a parent's deadline that ends in August moves to the
/// first working day of September.
#[test]
fn an_appeal_window_ending_in_august_moves_to_the_first_working_day_of_september() {
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToAssess, "2025-06-15")
        .on("2025-06-16");
    let appeal = only(&evaluation, "appeal");
    assert_deadline(appeal, "2025-09-01", Status::Pending, 0);
    assert_eq!(appeal.actor, Actor::Parent);
    assert!(worked(appeal, "15 August 2025"));
    assert!(worked(appeal, "ends in August"));
}

/// Source: timelines.md N7: one that ends between 25 December and 1 January
/// moves to the next working day in January.
#[test]
fn an_appeal_window_ending_on_27_december_moves_to_the_first_working_day_in_january() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2025-10-27")
        .on("2025-10-28");
    assert_deadline(
        only(&evaluation, "appeal"),
        "2026-01-02",
        Status::Pending,
        0,
    );
}

#[test]
fn a_later_mediation_certificate_gives_a_month_from_the_certificate() {
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToIssue, "2025-03-03")
        .event(MediationAdviserContacted, "2025-03-20")
        .event(MediationHeld, "2025-04-22")
        .event(MediationCertificateIssued, "2025-04-24")
        .on("2025-05-01");
    // 2 months: 3 May 2025 (a Saturday); 1 month from the certificate: 24 May
    // 2025 (a Saturday), the later, moved to Tuesday 27 May after the bank holiday.
    let appeal = only(&evaluation, "appeal");
    assert_deadline(appeal, "2025-05-27", Status::Pending, 0);
    assert_deadline(
        only(&evaluation, "mediation-contact"),
        "2025-05-03",
        Status::Met,
        0,
    );
    let certificate = only(&evaluation, "mediation-certificate");
    assert_deadline(certificate, "2025-04-25", Status::Met, 0);
    assert_eq!(certificate.force, Force::Guidance);
}

#[test]
fn two_months_from_31_december_ends_on_the_last_day_of_february_moved_off_a_weekend() {
    // 28 February 2026 is a Saturday: the tribunal deadline moves to Monday 2 March.
    let evaluation = CaseBuilder::new()
        .event(CeaseDecision, "2025-12-31")
        .on("2026-01-05");
    assert_deadline(
        only(&evaluation, "mediation-contact"),
        "2026-02-28",
        Status::Pending,
        0,
    );
    assert_deadline(
        only(&evaluation, "appeal"),
        "2026-03-02",
        Status::Pending,
        0,
    );
}

#[test]
fn an_appeal_lodged_in_time_is_met() {
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToAssess, "2025-02-10")
        .event(AppealLodged, "2025-04-01")
        .on("2025-05-01");
    assert_deadline(only(&evaluation, "appeal"), "2025-04-10", Status::Met, 0);
}

#[test]
fn a_review_decision_to_amend_is_not_itself_appealable() {
    let evaluation = CaseBuilder::new()
        .event_with(ReviewDecision, "2025-03-03", |e| {
            e.outcome = Some(rules::case_file::ReviewOutcome::Amend)
        })
        .on("2025-03-04");
    assert!(evaluation.deadlines_of("appeal").next().is_none());
}

/// Source: timelines.md N6 and reg 34: 3 working days, across Christmas 2025.
#[test]
fn a_mediation_certificate_after_declining_counts_working_days_across_christmas() {
    let evaluation = CaseBuilder::new()
        .event(MediationDeclined, "2025-12-23")
        .on("2025-12-24");
    let certificate = only(&evaluation, "mediation-certificate");
    assert_deadline(certificate, "2025-12-30", Status::DueSoon, 0);
    assert_eq!(
        (certificate.actor, certificate.force),
        (Actor::MediationAdviser, Force::Statutory)
    );
}

#[test]
fn a_mediation_certificate_counts_working_days_across_easter() {
    let evaluation = CaseBuilder::new()
        .event(MediationDeclined, "2025-04-17")
        .event(MediationCertificateIssued, "2025-04-28")
        .on("2025-05-01");
    assert_deadline(
        only(&evaluation, "mediation-certificate"),
        "2025-04-24",
        Status::MetLate,
        4,
    );
}

#[test]
fn mediation_must_take_place_within_30_days_of_being_asked_for() {
    let evaluation = CaseBuilder::new()
        .event(MediationRequested, "2025-03-03")
        .on("2025-04-10");
    assert_deadline(
        only(&evaluation, "mediation-meeting"),
        "2025-04-02",
        Status::Overdue,
        8,
    );
}

#[test]
fn an_agreement_about_other_matters_must_be_carried_out_within_2_weeks() {
    let evaluation = CaseBuilder::new()
        .event_with(MediationAgreement, "2025-03-03", |e| {
            e.matters = Some(Matters::Other)
        })
        .event(AgreementActioned, "2025-03-14")
        .on("2025-04-10");
    assert_deadline(
        only(&evaluation, "mediation-agreed-actions"),
        "2025-03-17",
        Status::Met,
        0,
    );
}

#[test]
fn a_tribunal_recommendation_must_be_answered_within_5_weeks() {
    let evaluation = CaseBuilder::new()
        .event(TribunalRecommendation, "2025-03-03")
        .on("2025-03-04");
    let response = only(&evaluation, "recommendation-response");
    assert_deadline(response, "2025-04-07", Status::Pending, 0);
    assert_eq!(response.actor, Actor::HealthOrSocialCare);
}

#[test]
fn a_plan_decision_comes_with_the_note_that_a_school_only_appeal_needs_no_certificate() {
    let evaluation = CaseBuilder::new()
        .event(FinalPlanIssued, "2025-03-03")
        .on("2025-03-04");
    assert!(
        evaluation
            .notices
            .iter()
            .any(|n| n.text.starts_with("No mediation certificate is needed"))
    );
    assert_eq!(
        evaluation.deadlines_of("appeal").next().map(|a| a.due),
        Some(d("2025-05-06"))
    );
}

/// timelines.md section 6: where the move off a weekend lands in August, the
/// two readings of rule 12 differ, and the working shows both.
#[test]
fn a_window_moved_off_saturday_31_july_into_august_shows_both_readings() {
    // Decided Monday 31 May 2021: 2 months end on Saturday 31 July, which
    // moves to Monday 2 August; read IPSEA's way, to Wednesday 1 September.
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToAssess, "2021-05-31")
        .on("2021-06-01");
    let appeal = only(&evaluation, "appeal");
    assert_eq!(appeal.due, d("2021-08-02"));
    assert!(worked(
        appeal,
        "which gives 1 September 2021. This count takes the earlier date, 2 August 2021"
    ));
}

#[test]
fn a_window_moved_off_a_saturday_into_christmas_week_shows_both_readings() {
    // Decided Monday 23 October 2023: 2 months end on Saturday 23 December,
    // which moves to Wednesday 27 December; read IPSEA's way, to 2 January 2024.
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToAssess, "2023-10-23")
        .on("2023-10-24");
    let appeal = only(&evaluation, "appeal");
    assert_eq!(appeal.due, d("2023-12-27"));
    assert!(worked(appeal, "which gives 2 January 2024"));
}

#[test]
fn where_the_readings_agree_only_one_date_is_shown() {
    let evaluation = CaseBuilder::new()
        .event(DecisionNotToAssess, "2025-06-02")
        .on("2025-06-03");
    let appeal = only(&evaluation, "appeal");
    assert_eq!(appeal.due, d("2025-09-01"));
    assert!(!worked(appeal, "IPSEA reads rule 12"));
}
