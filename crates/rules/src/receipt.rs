//! The default date a request arrived when the user recorded only how and when
//! it was sent (IPSEA's guidance, timelines.md section 1): by hand or email, that
//! day, or the next working day if after 5pm or on a non-working day; first-class
//! post, the next working day after posting. Signed-for post arrives the day it
//! is signed for, which only the user knows: until they record it, the engine
//! assumes the next working day, as for first class, and says so.

use chrono::{NaiveDate, NaiveTime};

use crate::calendar::{is_working_day, next_working_day};
use crate::case_file::SendMethod;

/// The date a request sent on `sent` by `method` (at `time`, if known) is taken
/// to have been received.
pub fn received_on(sent: NaiveDate, method: SendMethod, time: Option<NaiveTime>) -> NaiveDate {
    let five_pm = NaiveTime::from_hms_opt(17, 0, 0).expect("valid time");
    match method {
        SendMethod::Hand | SendMethod::Email
            if is_working_day(sent) && time.is_none_or(|t| t < five_pm) =>
        {
            sent
        }
        _ => next_working_day(sent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_email_before_5pm_on_a_working_day_arrives_that_day() {
        let at = NaiveTime::from_hms_opt(16, 59, 0);
        assert_eq!(
            received_on(date(2025, 1, 6), SendMethod::Email, at),
            date(2025, 1, 6)
        );
    }

    #[test]
    fn an_email_after_5pm_on_a_friday_arrives_on_monday() {
        let at = NaiveTime::from_hms_opt(17, 30, 0);
        assert_eq!(
            received_on(date(2025, 1, 10), SendMethod::Email, at),
            date(2025, 1, 13)
        );
    }

    #[test]
    fn a_letter_handed_in_on_a_bank_holiday_arrives_the_next_working_day() {
        // Easter Monday 2025.
        assert_eq!(
            received_on(date(2025, 4, 21), SendMethod::Hand, None),
            date(2025, 4, 22)
        );
    }

    #[test]
    fn first_class_post_arrives_the_next_working_day_after_posting() {
        // Posted on Tuesday 23 December 2025: Christmas and Boxing Day, then the weekend.
        assert_eq!(
            received_on(date(2025, 12, 23), SendMethod::FirstClass, None),
            date(2025, 12, 24)
        );
        assert_eq!(
            received_on(date(2025, 12, 24), SendMethod::FirstClass, None),
            date(2025, 12, 29)
        );
    }
}
