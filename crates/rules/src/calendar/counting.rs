//! How the law counts a period from a date (timelines.md section 1, N1 to N6).
//!
//! Every function here is pure calendar arithmetic on `NaiveDate`: no time zones,
//! no clock. Each is checked against a naive day-by-day version for every start
//! date from 2000 to 2100 in the tests.

use chrono::{Datelike, Days, NaiveDate};

use super::display::long_date;
use super::working_days::add_working_days;

/// A period of time as a regulation words it. `due` gives the last day of the
/// period counted from its trigger; `explain` says how, in plain English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// "within N weeks of X" (N1): the day of X is not counted, so the limit is
    /// X + 7·N days, on the same weekday as X.
    Weeks(u32),
    /// "within N days of X": the day of X is not counted (N1 applied to days).
    Days(u32),
    /// "N days beginning with the day on which X" (N2): X is day 1, so the last
    /// day is X + (N − 1).
    DaysBeginningWith(u32),
    /// "N months after X" (N3): the corresponding date N months on, or the last
    /// day of that month when it is too short.
    Months(u32),
    /// "the period of N months starting with X" (N4): ends the day before the
    /// corresponding date N months on; from 29 February, on 28 February.
    MonthsStartingWith(u32),
    /// "within N working days of X" (N6): the Nth working day after X.
    WorkingDays(u32),
}

impl Period {
    /// The last day of the period that starts from `from`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rules::Period;
    /// let received = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    /// assert_eq!(Period::Weeks(6).due(received), NaiveDate::from_ymd_opt(2025, 2, 17).unwrap());
    /// ```
    pub fn due(self, from: NaiveDate) -> NaiveDate {
        match self {
            Period::Weeks(n) => add_days(from, 7 * u64::from(n)),
            Period::Days(n) => add_days(from, u64::from(n)),
            Period::DaysBeginningWith(n) => add_days(from, u64::from(n.saturating_sub(1))),
            Period::Months(n) => add_months(from, n),
            Period::MonthsStartingWith(n) => months_starting_with(from, n),
            Period::WorkingDays(n) => add_working_days(from, n),
        }
    }

    /// The working, in words, for a period that starts from `from`.
    pub fn explain(self, from: NaiveDate) -> String {
        let due = long_date(self.due(from));
        match self {
            Period::Weeks(n) => format!(
                "{} after {}, not counting that day ({} days on, the same weekday): {due}.",
                plural(n, "week"),
                long_date(from),
                7 * n
            ),
            Period::Days(n) => format!(
                "{} after {}, not counting that day: {due}.",
                plural(n, "day"),
                long_date(from)
            ),
            Period::DaysBeginningWith(n) => format!(
                "{} beginning with {} (that day is day 1): the last day is {due}.",
                plural(n, "day"),
                long_date(from)
            ),
            Period::Months(n) => format!(
                "{} after {}, on the corresponding date (or the last day of a shorter month): {due}.",
                plural(n, "calendar month"),
                long_date(from)
            ),
            Period::MonthsStartingWith(n) => format!(
                "The period of {} starting with {} ends the day before the corresponding date: {due}.",
                plural(n, "month"),
                long_date(from)
            ),
            Period::WorkingDays(n) => format!(
                "{} after {}, skipping weekends and bank holidays in England: {due}.",
                plural(n, "working day"),
                long_date(from)
            ),
        }
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// `date` plus `days` calendar days. Dates in case files are four-digit years, so
/// this cannot leave chrono's range.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .expect("a case date plus a statutory period stays within chrono's range")
}

/// `date` minus `days` calendar days.
pub fn sub_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .expect("a case date minus a statutory period stays within chrono's range")
}

/// The corresponding date `months` calendar months after `date`, clamped to the
/// last day of a shorter month (N3): 31 December + 2 months = 28 or 29 February.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    let (year, month0) = shift_month(date, i64::from(months));
    let day = date.day().min(days_in_month(year, month0 + 1));
    NaiveDate::from_ymd_opt(year, month0 + 1, day).expect("day clamped to the month")
}

/// The corresponding date `months` calendar months before `date`, clamped to the
/// last day of a shorter month: 5 months before 31 July is 28 or 29 February.
pub fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    let (year, month0) = shift_month(date, -i64::from(months));
    let day = date.day().min(days_in_month(year, month0 + 1));
    NaiveDate::from_ymd_opt(year, month0 + 1, day).expect("day clamped to the month")
}

/// The last day of "the period of `months` months starting with `date`" (N4): the
/// day before the corresponding date. Where that date does not exist (29 February
/// in a common year, 31 April) the period ends on the last day of the shorter
/// month, as the Interpretation Act reading of a month gives.
pub fn months_starting_with(date: NaiveDate, months: u32) -> NaiveDate {
    let (year, month0) = shift_month(date, i64::from(months));
    match NaiveDate::from_ymd_opt(year, month0 + 1, date.day()) {
        Some(corresponding) => sub_days(corresponding, 1),
        None => last_day_of_month(year, month0 + 1),
    }
}

/// The number of days in `month` (1 to 12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    last_day_of_month(year, month).day()
}

/// The last day of `month` (1 to 12) of `year`.
pub fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|first| first.pred_opt())
        .expect("a month within chrono's range")
}

/// The year and zero-based month `months` months from `date`'s month.
fn shift_month(date: NaiveDate, months: i64) -> (i32, u32) {
    let index = i64::from(date.year()) * 12 + i64::from(date.month0()) + months;
    let year = i32::try_from(index.div_euclid(12)).expect("year within range");
    (year, index.rem_euclid(12) as u32)
}

/// "1 week", "6 weeks".
fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}
