//! An advocate's portfolio: 1,000 cases of 60 events each, every case a
//! plausible history (request, assessment, plan, yearly reviews with amendments,
//! a dispute, and correspondence), evaluated on one day.
//!
//! Prints Criterion's figures and, after them, the median time per case and for
//! the whole portfolio. Target: the whole portfolio in 10 ms or less on the
//! project's 2-core machine. Nothing here asserts a time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rules::EventKind::{self, *};
use rules::{Case, Event, Order, ReviewOutcome, evaluate};

const CASES: usize = 1_000;
const EVENTS_PER_CASE: usize = 60;

/// A small deterministic generator, so every run measures the same portfolio.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One case's history, starting on `start`, padded with correspondence to 60 events.
fn plausible_case(index: usize, rng: &mut Lcg) -> Case {
    let start = NaiveDate::from_ymd_opt(2018, 1, 8).unwrap() + Days::new(rng.below(2500));
    let mut day = start;
    let mut events: Vec<Event> = Vec::with_capacity(EVENTS_PER_CASE);
    let mut push = |kind: EventKind, gap: u64, rng: &mut Lcg, fill: &dyn Fn(&mut Event)| {
        day = day + Days::new(gap + rng.below(gap.max(1)));
        let mut event = Event::new(format!("e-{}", events.len() + 1), kind, day);
        fill(&mut event);
        events.push(event);
    };
    let none = |_: &mut Event| {};
    push(RequestReceived, 0, rng, &none);
    push(DecisionToAssess, 35, rng, &none);
    for party in [
        "Educational psychologist",
        "Community paediatrician",
        "School",
        "Social care",
    ] {
        push(AdviceRequested, 1, rng, &|e| e.party = Some(party.into()));
    }
    for party in [
        "Educational psychologist",
        "Community paediatrician",
        "School",
        "Social care",
    ] {
        push(AdviceReceived, 8, rng, &|e| e.party = Some(party.into()));
    }
    push(DraftPlanIssued, 20, rng, &none);
    push(SchoolConsulted, 2, rng, &|e| {
        e.school = Some("Hill Top Academy".into())
    });
    push(RepresentationsMade, 7, rng, &none);
    push(SchoolResponded, 5, rng, &|e| {
        e.school = Some("Hill Top Academy".into())
    });
    push(FinalPlanIssued, 10, rng, &none);
    push(DecisionNotToAmend, 0, rng, &none);
    push(MediationAdviserContacted, 20, rng, &none);
    push(MediationDeclined, 3, rng, &none);
    push(MediationCertificateIssued, 2, rng, &none);
    push(AppealLodged, 20, rng, &none);
    push(TribunalOrder, 150, rng, &|e| {
        e.order = Some(Order::AmendPlan)
    });
    push(FinalAmendedPlanIssued, 30, rng, &none);
    for _year in 0..3 {
        push(ReviewInvitationSent, 250, rng, &none);
        push(ReviewAdviceCirculated, 3, rng, &none);
        push(ReviewMeeting, 14, rng, &none);
        push(ReviewReportSent, 10, rng, &none);
        push(ReviewDecision, 10, rng, &|e| {
            e.outcome = Some(ReviewOutcome::Amend)
        });
        push(AmendmentNoticeIssued, 0, rng, &none);
        push(RepresentationsMade, 10, rng, &none);
        push(FinalAmendedPlanIssued, 40, rng, &none);
    }
    push(ComplaintMade, 5, rng, &|e| {
        e.respond_within = Some(20);
        e.unit = Some(rules::ResponseUnit::WorkingDays);
    });
    let correspondence = [Letter, Email, Call, Meeting, Note];
    while events.len() < EVENTS_PER_CASE {
        let kind = correspondence[rng.below(5) as usize].clone();
        let on = start + Days::new(rng.below(1800));
        events.push(Event::new(format!("e-{}", events.len() + 1), kind, on));
    }
    Case {
        id: format!("c-{index}"),
        events,
        ..Case::default()
    }
}

fn portfolio() -> Vec<Case> {
    let mut rng = Lcg(2026);
    (0..CASES).map(|i| plausible_case(i, &mut rng)).collect()
}

fn evaluate_all(cases: &[Case], today: NaiveDate) -> usize {
    cases
        .iter()
        .map(|case| evaluate(black_box(case), today).deadlines.len())
        .sum()
}

fn bench_portfolio(c: &mut Criterion) {
    let cases = portfolio();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut group = c.benchmark_group("portfolio");
    group.throughput(Throughput::Elements(CASES as u64));
    group.bench_function("evaluate 1,000 cases of 60 events", |b| {
        b.iter(|| evaluate_all(&cases, today));
    });
    group.finish();

    let mut runs: Vec<Duration> = (0..21)
        .map(|_| {
            let started = Instant::now();
            black_box(evaluate_all(&cases, today));
            started.elapsed()
        })
        .collect();
    runs.sort();
    let median = runs[runs.len() / 2];
    let deadlines = evaluate_all(&cases, today);
    println!(
        "portfolio: {CASES} cases x {EVENTS_PER_CASE} events, {deadlines} deadlines; median of 21 runs: {:.2} ms for the portfolio, {:.1} µs per case (target: 10 ms or less)",
        median.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / CASES as f64
    );
}

criterion_group!(benches, bench_portfolio);
criterion_main!(benches);
