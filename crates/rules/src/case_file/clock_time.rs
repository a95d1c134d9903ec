//! Times of day as the case file writes them, `HH:MM`, read and written by
//! hand: chrono's format strings would add their whole parser and formatter
//! to the web app for this one shape.

use chrono::{NaiveTime, Timelike};

/// "17:30" for half past five in the afternoon.
pub fn write_clock_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A time written as hours (one or two digits), a colon and two digits of
/// minutes: "17:30", "09:05", "9:05". `None` for anything else, such as
/// "24:00", "17:5" or "5pm".
pub fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.split_once(':')?;
    let number = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hours, 1..=2)?, number(minutes, 2..=2)?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32, minute: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(hour, minute, 0)
    }

    #[test]
    fn reads_hours_and_minutes() {
        assert_eq!(parse_clock_time("17:30"), at(17, 30));
        assert_eq!(parse_clock_time("09:05"), at(9, 5));
        assert_eq!(parse_clock_time("9:05"), at(9, 5));
        assert_eq!(parse_clock_time("00:00"), at(0, 0));
        assert_eq!(parse_clock_time("23:59"), at(23, 59));
    }

    #[test]
    fn refuses_what_is_not_a_time_of_day() {
        for text in [
            "24:00",
            "12:60",
            "17:5",
            "175:00",
            "17",
            "17:30:00",
            "",
            ":",
            "+1:30",
            "1 :30",
            "17:3x",
            "5pm",
            "١٧:٣٠",
        ] {
            assert_eq!(parse_clock_time(text), None, "{text:?}");
        }
    }

    #[test]
    fn writes_two_digits_each() {
        assert_eq!(
            write_clock_time(NaiveTime::from_hms_opt(9, 5, 0).unwrap()),
            "09:05"
        );
        assert_eq!(
            write_clock_time(NaiveTime::from_hms_opt(17, 30, 0).unwrap()),
            "17:30"
        );
    }
}
