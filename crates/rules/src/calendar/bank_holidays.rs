//! The bank holidays of England and Wales (N6), computed for any year.
//!
//! The regular pattern is today's (complete since the early May holiday began in
//! 1978): New Year's Day, Good Friday, Easter Monday, the first and last Mondays of
//! May, the last Monday of August, Christmas Day and Boxing Day, with substitute
//! Mondays and Tuesdays when those fall at a weekend. One-off changes made by royal
//! proclamation are a small table, [`ONE_OFFS`]. Future one-offs cannot be known in
//! advance: a year beyond GOV.UK's published list is a forecast.
//!
//! Two implementations agree by test for every day of several centuries:
//! [`bank_holidays`] builds a year's list from the rules, and [`bank_holiday`]
//! answers for one date arithmetically, without allocating, because working-day
//! counting calls it once per day.

use chrono::{Datelike, NaiveDate, Weekday};

const NEW_YEAR: &str = "New Year's Day";
const NEW_YEAR_SUBSTITUTE: &str = "New Year's Day (substitute day)";
const GOOD_FRIDAY: &str = "Good Friday";
const EASTER_MONDAY: &str = "Easter Monday";
const EARLY_MAY: &str = "Early May bank holiday";
const SPRING: &str = "Spring bank holiday";
const SUMMER: &str = "Summer bank holiday";
const CHRISTMAS: &str = "Christmas Day";
const CHRISTMAS_SUBSTITUTE: &str = "Christmas Day (substitute day)";
const BOXING_DAY: &str = "Boxing Day";
const BOXING_DAY_SUBSTITUTE: &str = "Boxing Day (substitute day)";

/// A one-off change to the regular pattern.
#[derive(Clone, Copy)]
enum Change {
    /// A regular holiday that did not happen on its usual date (it was moved).
    Cancelled,
    /// An extra or moved holiday on this date, with its name.
    Holiday(&'static str),
}

/// One-off changes by proclamation, as (year, month, day, change). A moved holiday
/// is a `Cancelled` usual date plus a `Holiday` on the new one.
const ONE_OFFS: [(i32, u32, u32, Change); 18] = [
    (1981, 7, 29, Change::Holiday("Royal wedding")),
    (1995, 5, 1, Change::Cancelled),
    (
        1995,
        5,
        8,
        Change::Holiday("Early May bank holiday (VE day)"),
    ),
    (1999, 12, 31, Change::Holiday("Millennium celebrations")),
    (2002, 5, 27, Change::Cancelled),
    (2002, 6, 3, Change::Holiday("Queen's Golden Jubilee")),
    (2002, 6, 4, Change::Holiday(SPRING)),
    (2011, 4, 29, Change::Holiday("Royal wedding")),
    (2012, 5, 28, Change::Cancelled),
    (2012, 6, 4, Change::Holiday(SPRING)),
    (2012, 6, 5, Change::Holiday("Queen's Diamond Jubilee")),
    (2020, 5, 4, Change::Cancelled),
    (
        2020,
        5,
        8,
        Change::Holiday("Early May bank holiday (VE day)"),
    ),
    (2022, 5, 30, Change::Cancelled),
    (2022, 6, 2, Change::Holiday(SPRING)),
    (2022, 6, 3, Change::Holiday("Platinum Jubilee bank holiday")),
    (
        2022,
        9,
        19,
        Change::Holiday("Bank Holiday for the State Funeral of Queen Elizabeth II"),
    ),
    (
        2023,
        5,
        8,
        Change::Holiday("Bank holiday for the coronation of King Charles III"),
    ),
];

/// The first year of [`ONE_OFFS`]; [`ONE_OFF_YEARS`] counts from it.
const FIRST_ONE_OFF: i32 = ONE_OFFS[0].0;

/// Bit `year - FIRST_ONE_OFF` is set for each year with a one-off change, so
/// [`bank_holiday`] reads the table only in those few years.
const ONE_OFF_YEARS: u64 = {
    let mut years = 0;
    let mut i = 0;
    while i < ONE_OFFS.len() {
        let offset = ONE_OFFS[i].0 - FIRST_ONE_OFF;
        assert!(
            0 <= offset && offset < 64,
            "ONE_OFFS start with their first year, within 64 years"
        );
        years |= 1 << offset;
        i += 1;
    }
    years
};

/// Whether `year` has a one-off change.
fn one_off_year(year: i32) -> bool {
    // A year before the first wraps to a shift of 64 or more: none.
    let offset = year.wrapping_sub(FIRST_ONE_OFF) as u32;
    ONE_OFF_YEARS
        .checked_shr(offset)
        .is_some_and(|years| years & 1 == 1)
}

/// The bank holidays of England and Wales in `year`, in date order, with names.
/// Like GOV.UK's list, a Christmas Day or New Year's Day at a weekend is not
/// listed: its substitute day is.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::bank_holidays;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let days = bank_holidays(2024);
/// assert_eq!(days.len(), 8);
/// // Good Friday at the end of March, Easter Monday on 1 April.
/// assert_eq!(days[1], (day(2024, 3, 29), "Good Friday"));
/// assert_eq!(days[2], (day(2024, 4, 1), "Easter Monday"));
/// // None in February, 29 February included.
/// assert!(days.iter().all(|(date, _)| *date != day(2024, 2, 29)));
/// ```
pub fn bank_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
    let mut days = Vec::with_capacity(10);

    let new_year = date(1, 1);
    match new_year.weekday() {
        Weekday::Sat => days.push((date(1, 3), NEW_YEAR_SUBSTITUTE)),
        Weekday::Sun => days.push((date(1, 2), NEW_YEAR_SUBSTITUTE)),
        _ => days.push((new_year, NEW_YEAR)),
    }

    let easter = easter_sunday(year);
    days.push((easter - chrono::Days::new(2), GOOD_FRIDAY));
    days.push((easter + chrono::Days::new(1), EASTER_MONDAY));

    days.push((first_monday(year, 5), EARLY_MAY));
    days.push((last_monday(year, 5), SPRING));
    days.push((last_monday(year, 8), SUMMER));

    match date(12, 25).weekday() {
        Weekday::Fri => {
            days.push((date(12, 25), CHRISTMAS));
            days.push((date(12, 28), BOXING_DAY_SUBSTITUTE));
        }
        Weekday::Sat => {
            days.push((date(12, 27), CHRISTMAS_SUBSTITUTE));
            days.push((date(12, 28), BOXING_DAY_SUBSTITUTE));
        }
        Weekday::Sun => {
            days.push((date(12, 26), BOXING_DAY));
            days.push((date(12, 27), CHRISTMAS_SUBSTITUTE));
        }
        _ => {
            days.push((date(12, 25), CHRISTMAS));
            days.push((date(12, 26), BOXING_DAY));
        }
    }

    for &(y, month, day, change) in &ONE_OFFS {
        if y != year {
            continue;
        }
        let on = date(month, day);
        days.retain(|&(d, _)| d != on);
        if let Change::Holiday(name) = change {
            days.push((on, name));
        }
    }

    crate::date_order::sort_by_date(&mut days, |&(d, _)| (d, d));
    days
}

/// The name of the bank holiday on `date`, if it is one (N6). Cheap: no allocation;
/// a weekend ends it at once (every holiday, one-off or not, is on a weekday), the
/// table is read only in a year with a one-off, and Easter is worked out only for
/// the Mondays and Fridays on which Good Friday or Easter Monday can fall.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::bank_holiday;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // The last Monday of August 2026 is its last day.
/// assert_eq!(bank_holiday(day(2026, 8, 31)), Some("Summer bank holiday"));
/// assert_eq!(bank_holiday(day(2024, 2, 29)), None);
/// assert_eq!(bank_holiday(day(2025, 12, 26)), Some("Boxing Day"));
/// ```
pub fn bank_holiday(date: NaiveDate) -> Option<&'static str> {
    let weekday = date.weekday();
    if matches!(weekday, Weekday::Sat | Weekday::Sun) {
        return None;
    }
    let (year, month, day) = (date.year(), date.month(), date.day());
    if one_off_year(year)
        && let Some(&(.., change)) = ONE_OFFS
            .iter()
            .find(|&&(y, m, d, _)| (y, m, d) == (year, month, day))
    {
        return match change {
            Change::Cancelled => None,
            Change::Holiday(name) => Some(name),
        };
    }

    let monday = weekday == Weekday::Mon;
    let tuesday = weekday == Weekday::Tue;
    // The last Monday of a 31-day month is within its last 7 days.
    let last_week = day > 24;

    match (month, day) {
        (1, 1) => Some(NEW_YEAR),
        // 1 January was a Sunday (Monday 2nd) or a Saturday (Monday 3rd).
        (1, 2 | 3) if monday => Some(NEW_YEAR_SUBSTITUTE),
        // Good Friday is a Friday from 20 March to 23 April, Easter Monday a
        // Monday from 23 March to 26 April: on other days no Easter to work out.
        (3, 20..) | (4, ..=26) if monday || weekday == Weekday::Fri => {
            let easter = easter_sunday(year).ordinal();
            let ordinal = date.ordinal();
            if ordinal + 2 == easter {
                Some(GOOD_FRIDAY)
            } else if ordinal == easter + 1 {
                Some(EASTER_MONDAY)
            } else {
                None
            }
        }
        (5, 1..=7) if monday => Some(EARLY_MAY),
        (5, _) if monday && last_week => Some(SPRING),
        (8, _) if monday && last_week => Some(SUMMER),
        (12, 25) => Some(CHRISTMAS),
        (12, 26) => Some(BOXING_DAY),
        // 25 December was a Saturday (Monday 27th) or a Sunday (Tuesday 27th).
        (12, 27) if monday || tuesday => Some(CHRISTMAS_SUBSTITUTE),
        // 26 December was a Saturday (Monday 28th), or 25 was (Tuesday 28th).
        (12, 28) if monday || tuesday => Some(BOXING_DAY_SUBSTITUTE),
        _ => None,
    }
}

/// Whether no bank holiday falls from `first` to `last`, a span of at most 8
/// days, cheaply enough that working-day counting can skip such weeks whole.
/// The regular holidays fall only in seasons of at least 7 days (25 December to
/// 3 January, 20 March to 26 April for Good Friday and Easter Monday, 1 to 7 and
/// 25 to 31 May, 25 to 31 August), so such a span holds none when both its ends
/// are outside them, in years without a one-off.
pub(super) fn no_bank_holiday_within(first: NaiveDate, last: NaiveDate) -> bool {
    let outside_seasons = |date: NaiveDate| {
        // By the day of the year, no month or day to decode; each season ends a
        // day later than in a common year, to hold it in a leap year too.
        !one_off_year(date.year())
            && !matches!(
                date.ordinal(),
                0..=3 | 79..=117 | 121..=128 | 145..=152 | 237..=244 | 359..
            )
    };
    outside_seasons(first) && outside_seasons(last)
}

/// Easter Sunday in the Gregorian calendar, by the anonymous computus
/// (Meeus/Jones/Butcher). Euclidean division keeps it total for any year.
// Never inline: in `bank_holiday` it would take registers its quick path
// then saves and restores on every call.
#[inline(never)]
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1 to 31 with the date always real (22 March to 25 April).
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is 22 March to 25 April")
}

/// The first Monday of `month` in `year`.
fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).expect("a real month")
}

/// The last Monday of `month` (a 31-day month) in `year`.
fn last_monday(year: i32, month: u32) -> NaiveDate {
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("a 31-day month");
    last - chrono::Days::new(u64::from(last.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_date(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        first.iter_days().take_while(move |d| *d <= last)
    }

    #[test]
    fn every_one_off_holiday_is_on_a_weekday_as_the_lookup_assumes() {
        for &(year, month, day, change) in &ONE_OFFS {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            if let Change::Holiday(name) = change {
                assert!(date.weekday().num_days_from_monday() < 5, "{name} {date}");
            }
        }
    }

    #[test]
    fn only_the_years_in_the_table_have_one_offs() {
        for year in 1900..=2200 {
            let listed = ONE_OFFS.iter().any(|&(y, ..)| y == year);
            assert_eq!(one_off_year(year), listed, "{year}");
        }
    }

    #[test]
    fn no_span_of_8_days_said_to_be_free_of_bank_holidays_holds_one() {
        let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();
        let holidays: Vec<NaiveDate> = (1900..=2201)
            .flat_map(bank_holidays)
            .map(|(d, _)| d)
            .collect();
        let mut free = 0;
        for start in every_date(first, last) {
            for days in 0..8 {
                let end = start + chrono::Days::new(days);
                if no_bank_holiday_within(start, end) {
                    free += 1;
                    let at = holidays.partition_point(|&h| h < start);
                    assert!(
                        holidays.get(at).is_none_or(|&h| h > end),
                        "{start} to {end}"
                    );
                }
            }
        }
        // Most weeks are skipped: the seasons are about a fifth of the year.
        assert!(free > 8 * 300 * 365 / 2, "{free}");
    }
}
