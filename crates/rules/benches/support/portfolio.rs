//! The invented portfolio every benchmark measures: plausible case histories
//! (request, assessment, plan, yearly reviews with amendments, a dispute, and
//! correspondence), made by a deterministic generator so every run and every
//! platform measures the same cases. Included with `#[path]` by the native
//! benchmark, the wasm benchmark (`tests/wasm_bench.rs`) and the app's storage
//! benchmark, so there is one generator.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use rules::EventKind::{self, *};
use rules::{
    Case, Event,
    case_file::{Order, ReviewOutcome},
    evaluate,
};

/// The advocate's portfolio: this many cases ...
pub const CASES: usize = 1_000;
/// ... of this many events each.
pub const EVENTS_PER_CASE: usize = 60;

/// The day every benchmark evaluates on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Evaluates every case on `today`; returns how many deadlines there are.
pub fn evaluate_all(cases: &[Case], today: NaiveDate) -> usize {
    cases
        .iter()
        .map(|case| evaluate(black_box(case), today).deadlines.len())
        .sum()
}

/// The median of `runs` runs of `run`, each returning its own time (the clock
/// differs: `Instant` natively, `performance.now()` in the browser).
pub fn median_of(runs: usize, mut run: impl FnMut() -> f64) -> f64 {
    let mut times: Vec<f64> = (0..runs).map(|_| run()).collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// A small deterministic generator, so every run measures the same portfolio
/// (the golden test's generator draws from it too).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number drawn, from 0 to `n` - 1.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One case's history, starting on a day drawn from `rng`: 47 milestones,
/// padded with correspondence to `size` events.
fn plausible_case(index: usize, size: usize, rng: &mut Lcg) -> Case {
    let start = NaiveDate::from_ymd_opt(2018, 1, 8).unwrap() + Days::new(rng.below(2500));
    let mut day = start;
    let mut events: Vec<Event> = Vec::with_capacity(size);
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
        e.unit = Some(rules::case_file::ResponseUnit::WorkingDays);
    });
    let correspondence = [Letter, Email, Call, Meeting, Note];
    while events.len() < size {
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

/// `cases` invented cases of `events` events each (at least 47), the same on
/// every run: `c-0`, `c-1`, ...
pub fn portfolio(cases: usize, events: usize) -> Vec<Case> {
    let mut rng = Lcg(2026);
    (0..cases)
        .map(|i| plausible_case(i, events, &mut rng))
        .collect()
}

/// The line both engine benchmarks print, so native and wasm figures compare.
pub fn engine_line(platform: &str, runs: usize, median_ms: f64, deadlines: usize) -> String {
    format!(
        "engine ({platform}): {CASES} cases x {EVENTS_PER_CASE} events, {deadlines} deadlines; median of {runs} runs: {median_ms:.2} ms for the portfolio, {:.1} µs per case (target: 10 ms or less)",
        median_ms * 1e3 / CASES as f64
    )
}
