//! Evaluation: every deadline of a case on a given day. The one entry point of
//! the engine; pure, given `today` rather than reading a clock.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case_file::Case;
use crate::checks::{Warning, check_order, check_years};
use crate::claims;
use crate::context::{CaseContext, Notice};
use crate::date_order::sort_vec_by_date;
use crate::deadline::Deadline;
use crate::stages;
use crate::timeline::Timeline;
use crate::versions::{self, Version};

/// What the law makes of one case's facts on one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation<'a> {
    /// The id of the case evaluated.
    pub case_id: &'a str,
    /// The day the statuses are settled on.
    pub today: NaiveDate,
    /// Every deadline, in order of due date.
    pub deadlines: Vec<Deadline<'a>>,
    /// Facts the family should know that are not deadlines, such as a plan that
    /// must be kept in place while an appeal is possible.
    pub notices: Vec<Notice>,
    /// Dates that look wrong: shown to the user, never refused.
    pub warnings: Vec<Warning>,
}

/// Every deadline of `case` on `today`, with notices and warnings.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::{Case, Event, EventKind, Status, evaluate};
/// let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// let case = Case {
///     id: "c-1".into(),
///     events: vec![
///         Event::new("e-1", EventKind::RequestReceived, date(1, 6)),
///         Event::new("e-2", EventKind::DecisionToAssess, date(2, 20)),
///     ],
///     ..Case::default()
/// };
/// let evaluation = evaluate(&case, date(3, 1));
/// let decision = evaluation.deadline("decide-whether-to-assess").unwrap();
/// assert_eq!(decision.due, date(2, 17));
/// assert_eq!((decision.status, decision.days_late), (Status::MetLate, 3));
/// ```
pub fn evaluate(case: &Case, today: NaiveDate) -> Evaluation<'_> {
    evaluate_under(case, today, &[])
}

/// Every deadline of `case` on `today`, where the law has changed: each clock
/// whose trigger falls in the dates of one of the `later` versions of its rule
/// takes that version; older clocks keep the rule of their own start date.
pub fn evaluate_under<'a>(case: &'a Case, today: NaiveDate, later: &[Version]) -> Evaluation<'a> {
    let context = CaseContext {
        case,
        timeline: Timeline::new(&mut case.events.iter()),
    };
    // About one deadline an event, in most cases: room for them at once.
    let mut deadlines = Vec::with_capacity(case.events.len());
    let mut notices = Vec::new();
    for stage in stages::ALL {
        stage(&context, &mut deadlines, &mut notices);
    }
    versions::apply(&mut deadlines, &mut notices, later);
    let claims = claims::claims(&case.events);
    // Most cases claim no exception: then no call a deadline to apply none
    // (built for size, the app's wasm, it would stay a call).
    let claimed = !claims.is_empty();
    for deadline in &mut deadlines {
        if claimed {
            claims::apply(deadline, &claims);
        }
        deadline.settle(today);
    }
    stages::complaints::add_ombudsman_windows(&context, &mut deadlines, today);
    sort_vec_by_date(&mut deadlines, |d| (d.due, d.trigger.date));
    let mut warnings = check_order(&context.timeline);
    warnings.extend(check_years(&case.events));
    Evaluation {
        case_id: &case.id,
        today,
        deadlines,
        notices,
        warnings,
    }
}

impl<'a> Evaluation<'a> {
    /// The first deadline of the rule with this id, if the case has one.
    pub fn deadline(&self, rule_id: &str) -> Option<&Deadline<'a>> {
        self.deadlines.iter().find(|d| d.rule.id == rule_id)
    }

    /// Every deadline of the rule with this id.
    pub fn deadlines_of<'e>(
        &'e self,
        rule_id: &str,
    ) -> impl Iterator<Item = &'e Deadline<'a>> + use<'a, 'e> {
        let rule_id = rule_id.to_owned();
        self.deadlines.iter().filter(move |d| d.rule.id == rule_id)
    }
}
