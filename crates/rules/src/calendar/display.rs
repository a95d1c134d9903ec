//! Dates written the way GOV.UK writes them: "6 January 2025".

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of `month` (1 to 12): `month_name(2)` is "February".
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).clamp(1, 12) - 1]
}

/// "6 January 2025".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "Monday 6 January 2025", for working where the weekday matters.
pub fn long_date_with_weekday(date: NaiveDate) -> String {
    format!("{} {}", weekday_name(date), long_date(date))
}

/// "Monday".
pub fn weekday_name(date: NaiveDate) -> &'static str {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS[date.weekday().num_days_from_monday() as usize]
}
