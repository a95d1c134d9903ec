//! The calendar: bank holidays, working days, the tribunal's moves (N6, N7) and the
//! counting of periods (N1 to N4), checked against worked examples, GOV.UK's lists
//! and, for every date from 2000 to 2100, naive reference implementations written
//! here independently of the engine.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, Weekday};
use rules::calendar::{
    Period, TribunalMove, add_working_days, bank_holiday, bank_holidays, days_in_month,
    is_working_day, next_working_day, tribunal_deadline,
};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date in a test")
}

/// Every date from `first` to `last` inclusive.
fn every_date(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |&d| d <= last)
}

/// The exhaustive range the brief and the module docs promise.
fn every_date_2000_to_2100() -> impl Iterator<Item = NaiveDate> {
    every_date(date(2000, 1, 1), date(2100, 12, 31))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn list(entries: &[(i32, u32, u32, &'static str)]) -> Vec<(NaiveDate, &'static str)> {
    entries
        .iter()
        .map(|&(y, m, d, name)| (date(y, m, d), name))
        .collect()
}

// Bank holidays, year by year, as GOV.UK lists them for England and Wales.

#[test]
fn the_bank_holidays_of_2020_include_ve_day_moved_to_friday_8_may() {
    assert_eq!(
        bank_holidays(2020),
        list(&[
            (2020, 1, 1, "New Year's Day"),
            (2020, 4, 10, "Good Friday"),
            (2020, 4, 13, "Easter Monday"),
            (2020, 5, 8, "Early May bank holiday (VE day)"),
            (2020, 5, 25, "Spring bank holiday"),
            (2020, 8, 31, "Summer bank holiday"),
            (2020, 12, 25, "Christmas Day"),
            (2020, 12, 28, "Boxing Day (substitute day)"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2021_end_with_two_substitute_days() {
    assert_eq!(
        bank_holidays(2021),
        list(&[
            (2021, 1, 1, "New Year's Day"),
            (2021, 4, 2, "Good Friday"),
            (2021, 4, 5, "Easter Monday"),
            (2021, 5, 3, "Early May bank holiday"),
            (2021, 5, 31, "Spring bank holiday"),
            (2021, 8, 30, "Summer bank holiday"),
            (2021, 12, 27, "Christmas Day (substitute day)"),
            (2021, 12, 28, "Boxing Day (substitute day)"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2022_include_the_platinum_jubilee_and_the_state_funeral() {
    assert_eq!(
        bank_holidays(2022),
        list(&[
            (2022, 1, 3, "New Year's Day (substitute day)"),
            (2022, 4, 15, "Good Friday"),
            (2022, 4, 18, "Easter Monday"),
            (2022, 5, 2, "Early May bank holiday"),
            (2022, 6, 2, "Spring bank holiday"),
            (2022, 6, 3, "Platinum Jubilee bank holiday"),
            (2022, 8, 29, "Summer bank holiday"),
            (
                2022,
                9,
                19,
                "Bank Holiday for the State Funeral of Queen Elizabeth II",
            ),
            (2022, 12, 26, "Boxing Day"),
            (2022, 12, 27, "Christmas Day (substitute day)"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2023_include_the_coronation() {
    assert_eq!(
        bank_holidays(2023),
        list(&[
            (2023, 1, 2, "New Year's Day (substitute day)"),
            (2023, 4, 7, "Good Friday"),
            (2023, 4, 10, "Easter Monday"),
            (2023, 5, 1, "Early May bank holiday"),
            (
                2023,
                5,
                8,
                "Bank holiday for the coronation of King Charles III",
            ),
            (2023, 5, 29, "Spring bank holiday"),
            (2023, 8, 28, "Summer bank holiday"),
            (2023, 12, 25, "Christmas Day"),
            (2023, 12, 26, "Boxing Day"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2024_are_the_regular_eight() {
    assert_eq!(
        bank_holidays(2024),
        list(&[
            (2024, 1, 1, "New Year's Day"),
            (2024, 3, 29, "Good Friday"),
            (2024, 4, 1, "Easter Monday"),
            (2024, 5, 6, "Early May bank holiday"),
            (2024, 5, 27, "Spring bank holiday"),
            (2024, 8, 26, "Summer bank holiday"),
            (2024, 12, 25, "Christmas Day"),
            (2024, 12, 26, "Boxing Day"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2025_are_the_regular_eight() {
    assert_eq!(
        bank_holidays(2025),
        list(&[
            (2025, 1, 1, "New Year's Day"),
            (2025, 4, 18, "Good Friday"),
            (2025, 4, 21, "Easter Monday"),
            (2025, 5, 5, "Early May bank holiday"),
            (2025, 5, 26, "Spring bank holiday"),
            (2025, 8, 25, "Summer bank holiday"),
            (2025, 12, 25, "Christmas Day"),
            (2025, 12, 26, "Boxing Day"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2026_end_with_boxing_day_moved_to_monday_28_december() {
    assert_eq!(
        bank_holidays(2026),
        list(&[
            (2026, 1, 1, "New Year's Day"),
            (2026, 4, 3, "Good Friday"),
            (2026, 4, 6, "Easter Monday"),
            (2026, 5, 4, "Early May bank holiday"),
            (2026, 5, 25, "Spring bank holiday"),
            (2026, 8, 31, "Summer bank holiday"),
            (2026, 12, 25, "Christmas Day"),
            (2026, 12, 28, "Boxing Day (substitute day)"),
        ])
    );
}

#[test]
fn the_bank_holidays_of_2027_have_easter_in_march_and_christmas_on_a_saturday() {
    assert_eq!(
        bank_holidays(2027),
        list(&[
            (2027, 1, 1, "New Year's Day"),
            (2027, 3, 26, "Good Friday"),
            (2027, 3, 29, "Easter Monday"),
            (2027, 5, 3, "Early May bank holiday"),
            (2027, 5, 31, "Spring bank holiday"),
            (2027, 8, 30, "Summer bank holiday"),
            (2027, 12, 27, "Christmas Day (substitute day)"),
            (2027, 12, 28, "Boxing Day (substitute day)"),
        ])
    );
}

// Substitute days.

#[test]
fn christmas_on_a_saturday_gives_monday_and_tuesday_off() {
    for year in [2021, 2027] {
        assert_eq!(bank_holiday(date(year, 12, 25)), None, "{year}: a Saturday");
        assert_eq!(bank_holiday(date(year, 12, 26)), None, "{year}: a Sunday");
        assert_eq!(
            bank_holiday(date(year, 12, 27)),
            Some("Christmas Day (substitute day)")
        );
        assert_eq!(
            bank_holiday(date(year, 12, 28)),
            Some("Boxing Day (substitute day)")
        );
    }
}

#[test]
fn christmas_on_a_sunday_gives_boxing_day_on_monday_and_a_substitute_tuesday() {
    assert_eq!(bank_holiday(date(2022, 12, 25)), None);
    assert_eq!(bank_holiday(date(2022, 12, 26)), Some("Boxing Day"));
    assert_eq!(
        bank_holiday(date(2022, 12, 27)),
        Some("Christmas Day (substitute day)")
    );
    assert_eq!(bank_holiday(date(2022, 12, 28)), None);
}

#[test]
fn boxing_day_on_a_saturday_moves_to_monday_28_december() {
    assert_eq!(bank_holiday(date(2026, 12, 25)), Some("Christmas Day"));
    assert_eq!(bank_holiday(date(2026, 12, 26)), None);
    assert_eq!(
        bank_holiday(date(2026, 12, 28)),
        Some("Boxing Day (substitute day)")
    );
}

#[test]
fn new_year_on_a_saturday_moves_to_monday_3_january() {
    assert_eq!(bank_holiday(date(2022, 1, 1)), None);
    assert_eq!(
        bank_holiday(date(2022, 1, 3)),
        Some("New Year's Day (substitute day)")
    );
    assert_eq!(
        bank_holiday(date(2028, 1, 3)),
        Some("New Year's Day (substitute day)")
    );
}

#[test]
fn new_year_on_a_sunday_moves_to_monday_2_january() {
    assert_eq!(bank_holiday(date(2023, 1, 1)), None);
    assert_eq!(
        bank_holiday(date(2023, 1, 2)),
        Some("New Year's Day (substitute day)")
    );
    assert_eq!(bank_holiday(date(2023, 1, 3)), None);
}

// One-off changes.

#[test]
fn the_moved_holidays_are_not_holidays_on_their_usual_dates() {
    for usual in [
        date(1995, 5, 1),
        date(2002, 5, 27),
        date(2012, 5, 28),
        date(2020, 5, 4),
        date(2022, 5, 30),
    ] {
        assert_eq!(bank_holiday(usual), None, "{usual}");
        assert!(is_working_day(usual), "{usual}");
    }
}

#[test]
fn the_older_one_off_holidays_are_known() {
    assert_eq!(
        bank_holiday(date(1995, 5, 8)),
        Some("Early May bank holiday (VE day)")
    );
    assert_eq!(
        bank_holiday(date(1999, 12, 31)),
        Some("Millennium celebrations")
    );
    assert_eq!(
        bank_holiday(date(2002, 6, 3)),
        Some("Queen's Golden Jubilee")
    );
    assert_eq!(bank_holiday(date(2002, 6, 4)), Some("Spring bank holiday"));
    assert_eq!(bank_holiday(date(2011, 4, 29)), Some("Royal wedding"));
    assert_eq!(bank_holiday(date(2012, 6, 4)), Some("Spring bank holiday"));
    assert_eq!(
        bank_holiday(date(2012, 6, 5)),
        Some("Queen's Diamond Jubilee")
    );
}

#[test]
fn a_year_without_one_offs_has_exactly_eight_bank_holidays_all_on_weekdays() {
    let one_off_years = [1981, 1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023];
    for year in 1978..=2200 {
        let days = bank_holidays(year);
        assert!(days.iter().all(|&(d, _)| !is_weekend(d)), "{year}");
        assert!(
            days.windows(2).all(|w| w[0].0 < w[1].0),
            "{year}: date order"
        );
        if !one_off_years.contains(&year) {
            assert_eq!(days.len(), 8, "{year}");
        }
    }
}

#[test]
fn the_one_date_lookup_agrees_with_the_yearly_list_on_every_day_from_1900_to_2200() {
    for year in 1900..=2200 {
        let days = bank_holidays(year);
        for d in every_date(date(year, 1, 1), date(year, 12, 31)) {
            let listed = days.iter().find(|&&(h, _)| h == d).map(|&(_, name)| name);
            assert_eq!(bank_holiday(d), listed, "{d}");
        }
    }
}

// Easter.

/// Easter Sunday by Knuth's version of the Lilius and Clavius algorithm (TAOCP
/// 1.3.2, exercise 14), a different derivation from the engine's computus.
fn knuth_easter(year: i32) -> NaiveDate {
    let golden = year % 19 + 1;
    let century = year / 100 + 1;
    let skipped_leap_years = 3 * century / 4 - 12;
    let moon_correction = (8 * century + 5) / 25 - 5;
    let sunday = 5 * year / 4 - skipped_leap_years - 10;
    let mut epact = (11 * golden + 20 + moon_correction - skipped_leap_years) % 30;
    if (epact == 25 && golden > 11) || epact == 24 {
        epact += 1;
    }
    let mut full_moon = 44 - epact;
    if full_moon < 21 {
        full_moon += 30;
    }
    let n = full_moon + 7 - (sunday + full_moon) % 7;
    if n > 31 {
        date(year, 4, (n - 31) as u32)
    } else {
        date(year, 3, n as u32)
    }
}

/// Easter Sunday, read back from the engine's Good Friday.
fn engine_easter(year: i32) -> NaiveDate {
    let good_friday = bank_holidays(year)
        .into_iter()
        .find(|&(_, name)| name == "Good Friday")
        .expect("every year has a Good Friday")
        .0;
    good_friday + chrono::Days::new(2)
}

#[test]
fn easter_falls_on_the_known_dates() {
    for easter in [
        date(2000, 4, 23),
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ] {
        assert_eq!(engine_easter(easter.year()), easter);
        assert_eq!(
            bank_holiday(easter + chrono::Days::new(1)),
            Some("Easter Monday")
        );
        assert_eq!(
            bank_holiday(easter - chrono::Days::new(2)),
            Some("Good Friday")
        );
    }
}

#[test]
fn easter_agrees_with_knuths_algorithm_for_every_gregorian_year_to_4099() {
    for year in 1583..=4099 {
        assert_eq!(engine_easter(year), knuth_easter(year), "{year}");
    }
}

// Working days (N6).

#[test]
fn weekends_christmas_day_and_good_friday_are_not_working_days() {
    assert!(!is_working_day(date(2025, 1, 4)), "a Saturday");
    assert!(!is_working_day(date(2025, 1, 5)), "a Sunday");
    assert!(!is_working_day(date(2025, 12, 25)), "Christmas Day");
    assert!(!is_working_day(date(2025, 4, 18)), "Good Friday");
    assert!(!is_working_day(date(2025, 5, 26)), "Spring bank holiday");
    assert!(
        is_working_day(date(2025, 12, 24)),
        "Christmas Eve, a Wednesday"
    );
    assert!(is_working_day(date(2025, 1, 6)), "an ordinary Monday");
}

#[test]
fn three_working_days_after_maundy_thursday_2025_skip_the_whole_easter_weekend() {
    // Fri 18 Good Friday, Sat, Sun, Mon 21 Easter Monday; then Tue 22, Wed 23, Thu 24.
    assert_eq!(add_working_days(date(2025, 4, 17), 3), date(2025, 4, 24));
    assert_eq!(next_working_day(date(2025, 4, 17)), date(2025, 4, 22));
}

#[test]
fn three_working_days_after_23_december_2025_end_on_tuesday_30_december() {
    // Wed 24 (1), Thu 25 and Fri 26 holidays, weekend, Mon 29 (2), Tue 30 (3).
    assert_eq!(add_working_days(date(2025, 12, 23), 3), date(2025, 12, 30));
    assert_eq!(
        Period::WorkingDays(3).due(date(2025, 12, 23)),
        date(2025, 12, 30)
    );
}

#[test]
fn zero_working_days_leave_the_date_unchanged_even_on_a_weekend() {
    assert_eq!(add_working_days(date(2025, 1, 4), 0), date(2025, 1, 4));
}

#[test]
fn working_days_from_a_weekend_count_from_the_next_monday() {
    assert_eq!(add_working_days(date(2025, 1, 4), 1), date(2025, 1, 6));
    assert_eq!(next_working_day(date(2025, 1, 5)), date(2025, 1, 6));
}

// Tribunal moves (N7).

/// Source: timelines.md N7, IPSEA's reading of the HESC rules.
#[test]
fn a_parents_deadline_in_august_moves_to_the_first_working_day_of_september() {
    assert_eq!(
        tribunal_deadline(date(2025, 8, 15)),
        (date(2025, 9, 1), Some(TribunalMove::August))
    );
    assert_eq!(
        tribunal_deadline(date(2025, 8, 31)),
        (date(2025, 9, 1), Some(TribunalMove::August))
    );
}

#[test]
fn when_1_september_is_a_saturday_the_august_deadline_moves_to_monday_3_september() {
    assert_eq!(
        tribunal_deadline(date(2029, 8, 20)),
        (date(2029, 9, 3), Some(TribunalMove::August))
    );
}

/// Source: timelines.md N7, IPSEA's reading of the HESC rules.
#[test]
fn a_parents_deadline_in_the_christmas_week_moves_to_the_first_working_day_from_2_january() {
    assert_eq!(
        tribunal_deadline(date(2025, 12, 27)),
        (date(2026, 1, 2), Some(TribunalMove::Christmas))
    );
    // A working day inside the window moves too.
    assert_eq!(
        tribunal_deadline(date(2025, 12, 29)),
        (date(2026, 1, 2), Some(TribunalMove::Christmas))
    );
    assert_eq!(
        tribunal_deadline(date(2026, 1, 1)),
        (date(2026, 1, 2), Some(TribunalMove::Christmas))
    );
    // 2 January 2033 is a Sunday and Monday 3rd the New Year substitute day.
    assert_eq!(
        tribunal_deadline(date(2032, 12, 30)),
        (date(2033, 1, 4), Some(TribunalMove::Christmas))
    );
}

#[test]
fn the_christmas_window_starts_on_25_december_and_ends_on_1_january() {
    assert_eq!(
        tribunal_deadline(date(2025, 12, 24)),
        (date(2025, 12, 24), None)
    );
    assert_eq!(
        tribunal_deadline(date(2026, 1, 2)),
        (date(2026, 1, 2), None)
    );
}

#[test]
fn a_parents_deadline_on_a_saturday_in_march_moves_to_the_monday() {
    assert_eq!(
        tribunal_deadline(date(2025, 3, 15)),
        (date(2025, 3, 17), Some(TribunalMove::NonWorkingDay))
    );
}

#[test]
fn a_parents_deadline_on_good_friday_moves_past_easter_monday() {
    assert_eq!(
        tribunal_deadline(date(2025, 4, 18)),
        (date(2025, 4, 22), Some(TribunalMove::NonWorkingDay))
    );
}

/// The HESC rules move the day the time ends; a weekend move into August or the
/// Christmas week does not move it again (r12(2) lets the act be done on the next
/// working day, but the time still ended outside the closed period).
#[test]
fn a_parents_deadline_on_a_weekend_just_before_a_closed_period_moves_only_once() {
    assert_eq!(
        tribunal_deadline(date(2004, 7, 31)),
        (date(2004, 8, 2), Some(TribunalMove::NonWorkingDay))
    );
    assert_eq!(
        tribunal_deadline(date(2023, 12, 24)),
        (date(2023, 12, 27), Some(TribunalMove::NonWorkingDay))
    );
}

#[test]
fn a_parents_deadline_on_a_working_day_outside_august_and_christmas_is_unchanged() {
    assert_eq!(
        tribunal_deadline(date(2025, 9, 1)),
        (date(2025, 9, 1), None)
    );
}

#[test]
fn every_tribunal_move_explains_itself_in_a_sentence() {
    for reason in [
        TribunalMove::August,
        TribunalMove::Christmas,
        TribunalMove::NonWorkingDay,
    ] {
        let text = reason.explain();
        assert!(text.starts_with("A parent's tribunal deadline"), "{text}");
        assert!(text.ends_with('.'), "{text}");
    }
    assert!(TribunalMove::August.explain().contains("September"));
    assert!(TribunalMove::Christmas.explain().contains("January"));
}

#[test]
fn every_tribunal_deadline_from_2000_to_2100_moves_to_the_first_working_day_it_may() {
    for d in every_date_2000_to_2100() {
        let (moved, reason) = tribunal_deadline(d);
        assert!(moved >= d, "{d}");
        assert!(is_working_day(moved), "{d} -> {moved}");
        let christmas_week = (d.month() == 12 && d.day() >= 25) || (d.month() == 1 && d.day() == 1);
        let expected = if d.month() == 8 {
            Some(TribunalMove::August)
        } else if christmas_week {
            Some(TribunalMove::Christmas)
        } else if !is_working_day(d) {
            Some(TribunalMove::NonWorkingDay)
        } else {
            None
        };
        assert_eq!(reason, expected, "{d}");
        // The move goes to the first working day it may: nothing earlier qualifies.
        let earliest = match reason {
            Some(TribunalMove::August) => date(d.year(), 9, 1),
            Some(TribunalMove::Christmas) if d.month() == 12 => date(d.year() + 1, 1, 2),
            Some(TribunalMove::Christmas) => date(d.year(), 1, 2),
            _ => d,
        };
        assert!(
            every_date(earliest, moved)
                .filter(|&x| is_working_day(x))
                .count()
                == 1,
            "{d} -> {moved}"
        );
    }
}

// Counting periods (N1 to N4): the spec's worked examples.

/// Source: timelines.md N1, the Ombudsman's counting.
#[test]
fn a_request_received_monday_6_january_2025_has_its_6_week_limit_on_monday_17_february() {
    assert_eq!(Period::Weeks(6).due(date(2025, 1, 6)), date(2025, 2, 17));
}

/// Source: timelines.md N1, the Ombudsman's counting.
#[test]
fn the_20_week_limit_of_that_request_is_the_spring_bank_holiday_and_does_not_move() {
    let due = Period::Weeks(20).due(date(2025, 1, 6));
    assert_eq!(due, date(2025, 5, 26));
    assert_eq!(bank_holiday(due), Some("Spring bank holiday"));
}

/// Source: timelines.md N2, reg 13(1) and reg 22(2).
#[test]
fn fifteen_days_beginning_with_wednesday_1_october_2025_end_on_wednesday_15_october() {
    assert_eq!(
        Period::DaysBeginningWith(15).due(date(2025, 10, 1)),
        date(2025, 10, 15)
    );
}

/// Source: timelines.md N3.
#[test]
fn two_months_after_15_october_is_15_december() {
    assert_eq!(
        Period::Months(2).due(date(2025, 10, 15)),
        date(2025, 12, 15)
    );
}

/// Source: timelines.md N3.
#[test]
fn two_months_after_31_december_is_the_last_day_of_february() {
    assert_eq!(Period::Months(2).due(date(2024, 12, 31)), date(2025, 2, 28));
    assert_eq!(Period::Months(2).due(date(2023, 12, 31)), date(2024, 2, 29));
}

/// Source: timelines.md N4, CFA s44(1).
#[test]
fn the_12_months_starting_with_1_january_2025_end_on_31_december_2025() {
    assert_eq!(
        Period::MonthsStartingWith(12).due(date(2025, 1, 1)),
        date(2025, 12, 31)
    );
}

/// Source: timelines.md N4.
#[test]
fn the_12_months_starting_with_29_february_2024_end_on_28_february_2025() {
    assert_eq!(
        Period::MonthsStartingWith(12).due(date(2024, 2, 29)),
        date(2025, 2, 28)
    );
}

#[test]
fn the_month_starting_with_31_march_ends_on_30_april() {
    assert_eq!(
        Period::MonthsStartingWith(1).due(date(2025, 3, 31)),
        date(2025, 4, 30)
    );
}

// Counting periods: every date from 2000 to 2100 against naive references.

const COUNTS: [u32; 6] = [1, 2, 3, 5, 6, 12];

fn step_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut d = from;
    for _ in 0..days {
        d = d.succ_opt().expect("in range");
    }
    d
}

/// The (year, month) `months` months after `from`'s, one month at a time.
fn walk_months(from: NaiveDate, months: u32) -> (i32, u32) {
    let (mut year, mut month) = (from.year(), from.month());
    for _ in 0..months {
        month += 1;
        if month == 13 {
            month = 1;
            year += 1;
        }
    }
    (year, month)
}

/// N3 by hand: walk the months, then step the day down until the date exists.
fn reference_months(from: NaiveDate, months: u32) -> NaiveDate {
    let (year, month) = walk_months(from, months);
    let mut day = from.day();
    loop {
        if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
            return d;
        }
        day -= 1;
    }
}

/// N4 by hand: walk forward a day at a time and stop on the last day before the
/// corresponding date, or before leaving the target month when it has no such day.
fn reference_months_starting_with(from: NaiveDate, months: u32) -> NaiveDate {
    let target = walk_months(from, months);
    let mut d = from;
    loop {
        let next = d.succ_opt().expect("in range");
        let next_month = (next.year(), next.month());
        if next_month > target || (next_month == target && next.day() >= from.day()) {
            return d;
        }
        d = next;
    }
}

#[test]
fn weeks_land_on_the_same_weekday_7n_days_later_for_every_date_from_2000_to_2100() {
    for d in every_date_2000_to_2100() {
        for n in COUNTS {
            let due = Period::Weeks(n).due(d);
            assert_eq!(due, step_days(d, 7 * n), "{d} + {n} weeks");
            assert_eq!(due.weekday(), d.weekday(), "{d} + {n} weeks");
        }
    }
}

#[test]
fn days_and_days_beginning_with_match_day_by_day_counting_from_2000_to_2100() {
    for d in every_date_2000_to_2100() {
        for n in COUNTS.into_iter().chain([15, 30]) {
            assert_eq!(Period::Days(n).due(d), step_days(d, n), "{d} + {n} days");
            assert_eq!(
                Period::DaysBeginningWith(n).due(d),
                step_days(d, n - 1),
                "{n} days beginning with {d}"
            );
        }
    }
}

#[test]
fn months_match_month_walking_for_every_date_from_2000_to_2100() {
    for d in every_date_2000_to_2100() {
        for n in COUNTS {
            assert_eq!(
                Period::Months(n).due(d),
                reference_months(d, n),
                "{d} + {n} months"
            );
        }
    }
}

#[test]
fn months_starting_with_match_day_by_day_counting_for_every_date_from_2000_to_2100() {
    for d in every_date_2000_to_2100() {
        for n in COUNTS {
            assert_eq!(
                Period::MonthsStartingWith(n).due(d),
                reference_months_starting_with(d, n),
                "{n} months starting with {d}"
            );
        }
    }
}

#[test]
fn working_days_match_day_by_day_counting_for_every_date_from_2000_to_2100() {
    let holidays: HashSet<NaiveDate> = (1999..=2102)
        .flat_map(bank_holidays)
        .map(|(d, _)| d)
        .collect();
    let working = |d: NaiveDate| !is_weekend(d) && !holidays.contains(&d);
    for d in every_date_2000_to_2100() {
        assert_eq!(is_working_day(d), working(d), "{d}");
        for n in [3, 15] {
            let mut expected = d;
            let mut counted = 0;
            while counted < n {
                expected = expected.succ_opt().expect("in range");
                if working(expected) {
                    counted += 1;
                }
            }
            assert_eq!(
                add_working_days(d, n),
                expected,
                "{n} working days after {d}"
            );
            assert_eq!(Period::WorkingDays(n).due(d), expected);
        }
    }
}

#[test]
fn days_in_month_is_chronos_length_of_every_month_of_four_centuries_and_more() {
    // Worked out by the leap-year rule: checked against the dates chrono makes,
    // over the century years 1900 and 2100 (common) and 2000 (leap) and before 1.
    for year in -401..=2404 {
        for month in 1..=12 {
            let last = (28..=31)
                .rev()
                .find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
                .unwrap();
            assert_eq!(days_in_month(year, month), last, "{year}-{month}");
        }
    }
}
