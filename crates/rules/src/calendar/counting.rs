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
    /// use rules::calendar::Period;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(Period::Weeks(6).due(day(2025, 1, 6)), day(2025, 2, 17));
    /// // A month end: 1 month after 31 January is the last day of February.
    /// assert_eq!(Period::Months(1).due(day(2024, 1, 31)), day(2024, 2, 29));
    /// // 15 days beginning with 15 February 2024 end on 29 February.
    /// assert_eq!(Period::DaysBeginningWith(15).due(day(2024, 2, 15)), day(2024, 2, 29));
    /// // Working days skip Christmas Day, Boxing Day and the weekend.
    /// assert_eq!(Period::WorkingDays(3).due(day(2025, 12, 23)), day(2025, 12, 30));
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
// Inline even where built for size (the app's wasm): every deadline asks.
#[inline(always)]
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    // Day numbers, not `to - from`: built for size (the app's wasm), chrono's
    // subtraction is three calls and a 128-bit multiply, for every deadline.
    i64::from(to.num_days_from_ce()) - i64::from(from.num_days_from_ce())
}

/// `date` plus `days` calendar days. Dates in case files are four-digit years, so
/// this cannot leave chrono's range. Every day counts, bank holidays included.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::add_days;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_days(day(2025, 1, 31), 1), day(2025, 2, 1));
/// assert_eq!(add_days(day(2024, 2, 28), 1), day(2024, 2, 29));
/// assert_eq!(add_days(day(2025, 12, 24), 1), day(2025, 12, 25));
/// ```
#[inline]
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    // Within the year only the day of the year changes: no call, where chrono's
    // addition is one for every date (its own quick path is inside it).
    if days < 366
        && let Some(later) = date.with_ordinal(date.ordinal() + days as u32)
    {
        return later;
    }
    add_days_across_years(date, days)
}

/// [`add_days`] into a later year: chrono's general addition.
#[inline(never)]
fn add_days_across_years(date: NaiveDate, days: u64) -> NaiveDate {
    // `let else`, not `expect`: built for size, `expect` is a call.
    let Some(later) = date.checked_add_days(Days::new(days)) else {
        panic!("a case date plus a statutory period stays within chrono's range");
    };
    later
}

/// `date` minus `days` calendar days: the day before a due date, for the
/// disputed reading that counts the first day as day 1.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::sub_days;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(sub_days(day(2025, 2, 1), 1), day(2025, 1, 31));
/// assert_eq!(sub_days(day(2024, 3, 1), 1), day(2024, 2, 29));
/// assert_eq!(sub_days(day(2025, 12, 26), 1), day(2025, 12, 25));
/// ```
pub fn sub_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .expect("a case date minus a statutory period stays within chrono's range")
}

/// The corresponding date `months` calendar months after `date`, clamped to the
/// last day of a shorter month (N3): 31 December + 2 months = 28 or 29 February.
/// A bank holiday is a day like any other for a count in months.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::add_months;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_months(day(2025, 1, 31), 1), day(2025, 2, 28));
/// assert_eq!(add_months(day(2024, 2, 29), 12), day(2025, 2, 28));
/// assert_eq!(add_months(day(2025, 11, 25), 1), day(2025, 12, 25));
/// ```
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    day_of_month_on(date, i64::from(months), date.day())
}

/// The corresponding date `months` calendar months before `date`, clamped to the
/// last day of a shorter month: 5 months before 31 July is 28 or 29 February.
/// Used to find when a count of months must have started.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::sub_months;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(sub_months(day(2025, 7, 31), 5), day(2025, 2, 28));
/// assert_eq!(sub_months(day(2024, 3, 31), 1), day(2024, 2, 29));
/// assert_eq!(sub_months(day(2026, 1, 26), 1), day(2025, 12, 26));
/// ```
pub fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    day_of_month_on(date, -i64::from(months), date.day())
}

/// The last day of "the period of `months` months starting with `date`" (N4): the
/// day before the corresponding date. Where that date does not exist (29 February
/// in a common year, 31 April) the period ends on the last day of the shorter
/// month, as the Interpretation Act reading of a month gives.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::months_starting_with;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // A month end: there is no 31 February, so the month ends on the 28th.
/// assert_eq!(months_starting_with(day(2025, 1, 31), 1), day(2025, 2, 28));
/// // 12 months starting with 29 February 2024 end on 28 February 2025.
/// assert_eq!(months_starting_with(day(2024, 2, 29), 12), day(2025, 2, 28));
/// // A period may end on a bank holiday: months do not skip them.
/// assert_eq!(months_starting_with(day(2024, 12, 26), 12), day(2025, 12, 25));
/// ```
pub fn months_starting_with(date: NaiveDate, months: u32) -> NaiveDate {
    // The day before the corresponding date, or the month's last day where
    // there is none; from the 1st, the last day of the month before.
    match date.day() {
        1 => day_of_month_on(date, i64::from(months) - 1, 31),
        day => day_of_month_on(date, i64::from(months), day - 1),
    }
}

/// The number of days in `month` (1 to 12) of `year`: what clamps a count in
/// months to a shorter month's end.
///
/// ```
/// use rules::calendar::days_in_month;
/// assert_eq!(days_in_month(2025, 1), 31);
/// assert_eq!(days_in_month(2024, 2), 29);
/// assert_eq!(days_in_month(2025, 2), 28);
/// ```
pub fn days_in_month(year: i32, month: u32) -> u32 {
    // Worked out, not read from a date: built for size (the app's wasm),
    // chrono's date making and reading are calls, and every count in months asks.
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        _ => panic!("a month is 1 to 12, not {month}"),
    }
}

/// The last day of `month` (1 to 12) of `year`, a bank holiday or not.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::last_day_of_month;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(last_day_of_month(2025, 4), day(2025, 4, 30));
/// assert_eq!(last_day_of_month(2024, 2), day(2024, 2, 29));
/// // Good Friday 2024 was 29 March; the month still ends on the 31st.
/// assert_eq!(last_day_of_month(2024, 3), day(2024, 3, 31));
/// ```
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

/// Day `day` of the month `months` months from `date`'s (before it when
/// negative), or that month's last day when it is shorter.
fn day_of_month_on(date: NaiveDate, months: i64, day: u32) -> NaiveDate {
    let index = i64::from(date.year()) * 12 + i64::from(date.month0()) + months;
    let year = i32::try_from(index.div_euclid(12)).expect("year within range");
    let month = index.rem_euclid(12) as u32 + 1;
    let day = day.min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).expect("day clamped to the month")
}

/// "1 week", "6 weeks".
fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A date from 2014 to 2035.
    fn date_in(days: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, 1, 1)
            .unwrap()
            .iter_days()
            .nth(days as usize)
            .unwrap()
    }

    /// The (year, month) `months` months on from `date`'s, one month at a time.
    fn walk_months(date: NaiveDate, months: u32, forward: bool) -> (i32, u32) {
        let (mut year, mut month) = (date.year(), date.month());
        for _ in 0..months {
            (year, month) = match (forward, month) {
                (true, 12) => (year + 1, 1),
                (true, _) => (year, month + 1),
                (false, 1) => (year - 1, 12),
                (false, _) => (year, month - 1),
            };
        }
        (year, month)
    }

    /// Day `day` of that month, stepped down a day at a time until it exists.
    fn clamped(year: i32, month: u32, day: u32) -> NaiveDate {
        (1..=day)
            .rev()
            .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))
            .unwrap()
    }

    proptest! {
        /// The quick path within a year lands where counting one day at a time does.
        #[test]
        fn add_days_counts_as_day_by_day_does(from in 0u64..(22 * 365), days in 0u64..800) {
            let date = date_in(from);
            let stepped = date.iter_days().nth(days as usize).unwrap();
            prop_assert_eq!(add_days(date, days), stepped);
        }

        /// Months on and back land on the corresponding day, or the month's last.
        #[test]
        fn months_count_as_walking_the_months_does(from in 0u64..(22 * 365), months in 0u32..40) {
            let date = date_in(from);
            let (year, month) = walk_months(date, months, true);
            prop_assert_eq!(add_months(date, months), clamped(year, month, date.day()));
            let (year, month) = walk_months(date, months, false);
            prop_assert_eq!(sub_months(date, months), clamped(year, month, date.day()));
        }

        /// N4 a day at a time: the last day before the corresponding date, or
        /// before leaving the month that has none.
        #[test]
        fn months_starting_with_counts_as_day_by_day_does(
            from in 0u64..(22 * 365),
            months in 1u32..40,
        ) {
            let date = date_in(from);
            let target = walk_months(date, months, true);
            let last = date
                .iter_days()
                .take_while(|next| {
                    let month = (next.year(), next.month());
                    month < target || (month == target && next.day() < date.day())
                })
                .last()
                .unwrap();
            prop_assert_eq!(months_starting_with(date, months), last);
        }
    }
}
