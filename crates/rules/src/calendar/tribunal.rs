//! When a parent's tribunal deadline ends (N7): the HESC rules (r12) move the end
//! of the time for appealing out of August and the Christmas week, and off any
//! non-working day, as IPSEA applies them.

use chrono::{Datelike, NaiveDate};

use super::working_days::{is_working_day, next_working_day};

/// Why a parent's tribunal deadline moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TribunalMove {
    /// It ended in August: the first working day of September.
    August,
    /// It ended from 25 December to 1 January: first working day from 2 January.
    Christmas,
    /// It ended on another weekend day or bank holiday: the next working day.
    NonWorkingDay,
}

impl TribunalMove {
    /// The move in one plain-English sentence, for the working shown to the user.
    pub fn explain(self) -> &'static str {
        match self {
            TribunalMove::August => {
                "A parent's tribunal deadline that ends in August moves to the first working day of September (IPSEA's reading of the HESC rules)."
            }
            TribunalMove::Christmas => {
                "A parent's tribunal deadline that ends between 25 December and 1 January moves to the next working day in January (IPSEA's reading of the HESC rules)."
            }
            TribunalMove::NonWorkingDay => {
                "A parent's tribunal deadline that ends on a weekend or bank holiday moves to the next working day (HESC rules)."
            }
        }
    }
}

/// A parent's tribunal deadline after N7, and why it moved, if it did. `date` is
/// the deadline as first counted (the later of 2 months from the decision and
/// 1 month from the mediation certificate). Only one move applies: a deadline on
/// Saturday 31 July moves to Monday 2 August, not on to September, because r12(2)
/// lets the parent act on the next working day but the time still ended in July.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::{TribunalMove, tribunal_deadline};
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Sunday 31 August 2025 is in August: the first working day of September.
/// assert_eq!(tribunal_deadline(day(2025, 8, 31)), (day(2025, 9, 1), Some(TribunalMove::August)));
/// // Thursday 29 February 2024 is a working day: it stays.
/// assert_eq!(tribunal_deadline(day(2024, 2, 29)), (day(2024, 2, 29), None));
/// // The spring bank holiday of 2025 moves to the Tuesday after it.
/// assert_eq!(
///     tribunal_deadline(day(2025, 5, 26)),
///     (day(2025, 5, 27), Some(TribunalMove::NonWorkingDay))
/// );
/// ```
pub fn tribunal_deadline(date: NaiveDate) -> (NaiveDate, Option<TribunalMove>) {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if month == 8 {
        let september = ymd(year, 9, 1);
        return (
            first_working_day_from(september),
            Some(TribunalMove::August),
        );
    }
    let christmas_week = (month == 12 && day >= 25) || (month == 1 && day == 1);
    if christmas_week {
        let january_year = if month == 12 { year + 1 } else { year };
        let second = ymd(january_year, 1, 2);
        return (
            first_working_day_from(second),
            Some(TribunalMove::Christmas),
        );
    }
    if is_working_day(date) {
        (date, None)
    } else {
        (next_working_day(date), Some(TribunalMove::NonWorkingDay))
    }
}

/// The other reading of a parent's last day (timelines.md section 6): where a
/// deadline moved off a non-working day lands in August or from 25 December to
/// 1 January, IPSEA reads rule 12 as counting none of those days as working
/// days, which gives the first working day of September or from 2 January.
/// `None` when both readings give `due`.
///
/// ```
/// use chrono::NaiveDate;
/// use rules::calendar::excluded_days_reading;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Saturday 31 July 2021 moves to Monday 2 August; read IPSEA's way, to 1 September.
/// assert_eq!(excluded_days_reading(date(2021, 8, 2)), Some(date(2021, 9, 1)));
/// assert_eq!(excluded_days_reading(date(2021, 7, 30)), None);
/// ```
pub fn excluded_days_reading(due: NaiveDate) -> Option<NaiveDate> {
    match tribunal_deadline(due) {
        (other, Some(TribunalMove::August | TribunalMove::Christmas)) => Some(other),
        _ => None,
    }
}

/// `date` if it is a working day, else the next one.
fn first_working_day_from(date: NaiveDate) -> NaiveDate {
    if is_working_day(date) {
        date
    } else {
        next_working_day(date)
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .expect("a case date's next September or January stays within chrono's range")
}
