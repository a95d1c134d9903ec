//! Working days (N6): what the tribunal and mediation limits count in.

use chrono::{Datelike, NaiveDate, Weekday};

use super::bank_holidays::bank_holiday;

/// Whether `date` is a working day (N6): not a Saturday or Sunday, and not a bank
/// holiday of England and Wales (the list includes Christmas Day and Good Friday).
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && bank_holiday(date).is_none()
}

/// The `n`th working day after `date`: `date` itself is not counted, whether or not
/// it is a working day, and `n = 0` gives `date` back unchanged.
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    for _ in 0..n {
        day = next_working_day(day);
    }
    day
}

/// The first working day strictly after `date`.
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    loop {
        day = day
            .succ_opt()
            .expect("a case date plus a few working days stays within chrono's range");
        if is_working_day(day) {
            return day;
        }
    }
}
