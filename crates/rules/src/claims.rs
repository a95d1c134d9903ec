//! Applying the exceptions a council claims to the deadlines they bear on
//! (timelines.md section 2): which claims count for a time limit, and the
//! indicative date they give.

use chrono::NaiveDate;

use crate::calendar::{add_days, days_between};
use crate::case_file::{Event, ExceptionReason::*};
use crate::date_order::sort_by_date;
use crate::deadline::{Deadline, Limit};
use crate::exceptions::{CORONAVIRUS_WINDOW, ClaimedException};

/// Every complete exception claim in the events.
pub(crate) fn claims<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<ClaimedException> {
    events
        .into_iter()
        .filter_map(ClaimedException::from_event)
        .collect()
}

/// Applies the claims that bear on `deadline`: sets its exception and its
/// indicative date (the statutory date plus the days the claims cover, each day
/// counted once), and notes in the working the claims that do not count.
pub(crate) fn apply(deadline: &mut Deadline, claims: &[ClaimedException]) {
    // Most cases claim none: nothing to look through, and no list to drop.
    if claims.is_empty() || deadline.limit != Limit::By || deadline.not_applicable.is_some() {
        return;
    }
    let mut applied: Vec<ClaimedException> = Vec::new();
    for claim in claims {
        match bearing_on(claim, deadline) {
            Ok(claim) => applied.push(claim),
            Err(why) if !deadline.rule.exceptions.reasons.is_empty() => deadline.add_step(why),
            Err(_) => {}
        }
    }
    if applied.is_empty() {
        return;
    }
    let covered = days_covered(&applied);
    deadline.indicative_due = Some(add_days(deadline.due, covered as u64));
    deadline.claim(applied);
}

/// Days covered by any of the claims, each day counted once.
fn days_covered(claims: &[ClaimedException]) -> i64 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = claims.iter().map(|c| (c.from, c.until)).collect();
    sort_by_date(&mut spans, |&span| span);
    let mut total = 0;
    let mut covered_until: Option<NaiveDate> = None;
    for (from, until) in spans {
        let start = match covered_until {
            Some(end) if end >= until => continue,
            Some(end) if end >= from => end.succ_opt().expect("date in range"),
            _ => from,
        };
        total += days_between(start, until) + 1;
        covered_until = Some(until);
    }
    total
}

/// `claimed` as it bears on `deadline`, or why it does not.
fn bearing_on(claimed: &ClaimedException, deadline: &Deadline) -> Result<ClaimedException, String> {
    let set = deadline.rule.exceptions;
    if !set.reasons.contains(&claimed.reason) {
        return Err(format!(
            "The exception claimed in event {} ({}) is not one the law allows for this time limit.",
            claimed.event,
            claimed.reason.label()
        ));
    }
    let mut claim = claimed.clone();
    if claim.reason == Coronavirus2020 {
        claim.from = claim.from.max(CORONAVIRUS_WINDOW.0);
        claim.until = claim.until.min(CORONAVIRUS_WINDOW.1);
    }
    let running_until = deadline
        .done
        .as_ref()
        .map_or(deadline.due, |done| done.date.min(deadline.due));
    if claim.from > claim.until || claim.from > running_until || claim.until < deadline.trigger.date
    {
        return Err(format!(
            "The exception claimed in event {} covers days when this clock was not running, so it does not change it.",
            claimed.event
        ));
    }
    if claim.reason == Absence && claim.days() < set.min_absence_days {
        return Err(format!(
            "The absence claimed in event {} lasts {} days; it must last at least {} days to count.",
            claimed.event,
            claim.days(),
            set.min_absence_days
        ));
    }
    if claim.reason == SchoolClosure && claim.days() < 28 {
        return Err(format!(
            "The school closure claimed in event {} covers {} days; only a closure of at least 4 weeks counts.",
            claimed.event,
            claim.days()
        ));
    }
    Ok(claim)
}
