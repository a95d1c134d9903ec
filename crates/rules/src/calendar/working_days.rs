//! Working days (N6): what the tribunal and mediation limits count in.

use chrono::{Datelike, NaiveDate, Weekday};

use super::bank_holidays::{bank_holiday, no_bank_holiday_within};

/// Whether `date` is a working day (N6): not a Saturday or Sunday, and not a bank
/// holiday of England and Wales (the list includes Christmas Day and Good Friday).
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::is_working_day;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert!(!is_working_day(day(2025, 8, 31)), "a Sunday at a month end");
/// assert!(is_working_day(day(2024, 2, 29)), "a Thursday");
/// assert!(!is_working_day(day(2025, 8, 25)), "the summer bank holiday");
/// ```
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && bank_holiday(date).is_none()
}

/// The `n`th working day after `date`: `date` itself is not counted, whether or not
/// it is a working day, and `n = 0` gives `date` back unchanged.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::add_working_days;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // From Friday 28 February 2025, over the weekend and the month end.
/// assert_eq!(add_working_days(day(2025, 2, 28), 1), day(2025, 3, 3));
/// assert_eq!(add_working_days(day(2024, 2, 28), 1), day(2024, 2, 29));
/// // From Maundy Thursday, over Good Friday, the weekend and Easter Monday.
/// assert_eq!(add_working_days(day(2025, 4, 17), 3), day(2025, 4, 24));
/// ```
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        // From a weekday, the 7 days after it hold 5 weekdays, the last of them
        // a week on: with no bank holiday among them, skip the week whole. (A
        // week into the next year always holds Christmas: it is counted a day
        // at a time.)
        if left >= 5
            && day.weekday().num_days_from_monday() < 5
            && let Some(week_on) = day.with_ordinal(day.ordinal() + 7)
            && no_bank_holiday_within(day, week_on)
        {
            day = week_on;
            left -= 5;
            continue;
        }
        day = next_working_day(day);
        left -= 1;
    }
    day
}

/// The first working day strictly after `date`: when a letter handed in after
/// 5 pm, or on a day that is not a working day, is taken to arrive.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::next_working_day;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(next_working_day(day(2025, 5, 31)), day(2025, 6, 2));
/// assert_eq!(next_working_day(day(2024, 2, 29)), day(2024, 3, 1));
/// // Christmas Day, Boxing Day and the weekend after them.
/// assert_eq!(next_working_day(day(2025, 12, 24)), day(2025, 12, 29));
/// ```
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    loop {
        // `let else`, not `expect`: built for size, `expect` is a call.
        let Some(next) = day.succ_opt() else {
            panic!("a case date plus a few working days stays within chrono's range");
        };
        day = next;
        if is_working_day(day) {
            return day;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The `n`th working day after `date`, one day at a time.
    fn day_by_day(date: NaiveDate, n: u32) -> NaiveDate {
        (0..n).fold(date, |day, _| next_working_day(day))
    }

    proptest! {
        /// Weeks skipped whole land where counting one day at a time does.
        #[test]
        fn skipping_weeks_counts_as_day_by_day_does(
            days in 0u64..(22 * 366),
            n in 0u32..70,
        ) {
            let date = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap() + chrono::Days::new(days);
            prop_assert_eq!(add_working_days(date, n), day_by_day(date, n));
        }
    }
}
