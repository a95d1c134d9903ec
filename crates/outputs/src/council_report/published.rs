//! The Department for Education's published share of new EHC plans issued
//! within 20 weeks, excluding exceptions: for England, every year its
//! "Education, health and care plans" releases give, and for each council
//! from 2019. Kept as data with the release each figure comes from, so the
//! report can say where a figure it shows was published. Contains public
//! sector information licensed under the Open Government Licence v3.0.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

/// A release of the statistics a figure is taken from.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Release {
    /// Its name, as the Department publishes it.
    pub title: &'static str,
    /// Where it is published.
    pub url: &'static str,
    /// The day it was published.
    pub released: NaiveDate,
    /// The file of the release the figures are read from.
    pub file: &'static str,
    /// The terms it is published under.
    pub licence: &'static str,
}

const OGL: &str = "Open Government Licence v3.0";

/// A day written in a constant.
const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a real date"),
    }
}

/// Reporting year 2025: the calendar years 2019 to 2024, England and each council.
pub const RELEASE_2025: Release = Release {
    title: "Education, health and care plans, reporting year 2025",
    url: "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans/2025",
    released: day(2025, 6, 26),
    file: "timeliness_20_week.csv, column PC_plans_issued_20_weeks_ex",
    licence: OGL,
};

/// Reporting year 2022: the calendar years 2014 to 2021; used for the years
/// before 2019, which the 2025 release no longer gives.
pub const RELEASE_2022: Release = Release {
    title: "Education, health and care plans, reporting year 2022",
    url: "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans/2022",
    released: day(2022, 5, 12),
    file: "sen2_mi.csv, column NoExc20weekRate",
    licence: OGL,
};

/// One published figure: of the new plans issued in a calendar year,
/// excluding those where an exception applied, how many were issued within
/// 20 weeks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PublishedFigure {
    /// "England", or the council as the release names it.
    pub area: &'static str,
    /// The calendar year the plans were issued in.
    pub year: i32,
    /// New plans issued, excluding exceptions.
    pub plans: u32,
    /// Of those, issued within 20 weeks.
    pub within_20_weeks: u32,
    /// The percentage as published, to one decimal place.
    pub percent: f64,
    /// Where it was published.
    pub release: &'static Release,
}

/// England, year by year: 2014 is September to December only, the first
/// months of EHC plans.
const ENGLAND: [(i32, u32, u32, f64, &Release); 11] = [
    (2014, 1_177, 757, 64.3, &RELEASE_2022),
    (2015, 19_712, 11_675, 59.2, &RELEASE_2022),
    (2016, 30_942, 18_140, 58.6, &RELEASE_2022),
    (2017, 36_702, 23_805, 64.9, &RELEASE_2022),
    (2018, 45_145, 27_111, 60.1, &RELEASE_2022),
    (2019, 49_519, 29_895, 60.4, &RELEASE_2025),
    (2020, 54_175, 31_446, 58.0, &RELEASE_2025),
    (2021, 57_196, 34_249, 59.9, &RELEASE_2025),
    (2022, 62_108, 30_536, 49.2, &RELEASE_2025),
    (2023, 76_506, 38_471, 50.3, &RELEASE_2025),
    (2024, 84_866, 39_407, 46.4, &RELEASE_2025),
];

/// The councils `RELEASE_2025` gives figures for, one a line, by name as
/// it gives them. Written by `build.rs` from `dfe-within-20-weeks-by-council.tsv`,
/// the release's figures as its file gives them (a line per council and
/// year, with the council's ONS code and the published percentage), kept
/// for provenance; a test checks every figure of it here.
const NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/council-names.txt"));

/// Their figures, also by `build.rs`: for each council of `NAMES` and each
/// year from `FIRST_COUNCIL_YEAR` in turn, the plans issued within 20 weeks
/// and those issued later, each as two bytes, high then low: the high bytes
/// of every figure within, then their low bytes, then the same of later.
/// No plans: no figure published (`x`). The published percentage is the
/// counts' own rounded half up ([`percent_of`]), as `build.rs` checks.
const FIGURES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/council-figures.bin"));

/// The first of the years each council has a place for in `FIGURES`, and
/// how many: 2019 to 2024.
const FIRST_COUNCIL_YEAR: i32 = 2019;
const COUNCIL_YEARS: usize = 6;

/// England's figure for plans issued in `year`, if a release gives one.
pub fn england_figure(year: i32) -> Option<PublishedFigure> {
    ENGLAND.iter().find(|row| row.0 == year).map(
        |&(year, plans, within_20_weeks, percent, release)| PublishedFigure {
            area: "England",
            year,
            plans,
            within_20_weeks,
            percent,
            release,
        },
    )
}

/// The figure of the council recorded as `council` for plans issued in
/// `year`, if the release gives one. The name matches as people write it:
/// "Bristol City Council" is the release's "Bristol, City of" (see
/// `name_key`).
pub fn council_figure(council: &str, year: i32) -> Option<PublishedFigure> {
    let key = name_key(council);
    let (at, (_, area)) = councils()
        .iter()
        .enumerate()
        .find(|(_, (name, _))| *name == key)?;
    let year_at = usize::try_from(year - FIRST_COUNCIL_YEAR).ok();
    let figure = at * COUNCIL_YEARS + year_at.filter(|&year_at| year_at < COUNCIL_YEARS)?;
    let column = FIGURES.len() / 4;
    let number = |first: usize| {
        let byte = |at: usize| u32::from(FIGURES[at * column + figure]);
        byte(first) << 8 | byte(first + 1)
    };
    let (within_20_weeks, later) = (number(0), number(2));
    let plans = within_20_weeks + later;
    (plans > 0).then(|| PublishedFigure {
        area,
        year,
        plans,
        within_20_weeks,
        percent: percent_of(within_20_weeks, plans),
        release: &RELEASE_2025,
    })
}

/// Every council of `NAMES`, with the key its name matches by.
fn councils() -> &'static [(String, &'static str)] {
    static COUNCILS: OnceLock<Vec<(String, &str)>> = OnceLock::new();
    COUNCILS.get_or_init(|| NAMES.lines().map(|name| (name_key(name), name)).collect())
}

/// `part` of `whole` as a percentage to one decimal place, a half rounded
/// up, as the Department rounds: 45 of 144 is 31.3. The division's error is
/// far smaller than the distance of a fraction of whole numbers this small
/// from a half, so `round` sees the half exactly.
pub(super) fn percent_of(part: u32, whole: u32) -> f64 {
    (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0
}

/// Words that name the kind of council rather than which: dropped, with case
/// and punctuation, before names are compared.
const KIND_WORDS: [&str; 10] = [
    "council",
    "county",
    "city",
    "of",
    "borough",
    "metropolitan",
    "district",
    "royal",
    "the",
    "corporation",
];

/// A council's name reduced to what tells councils apart: lower case, words
/// only, without `KIND_WORDS`, and without a leading "London" unless nothing
/// else is left ("London Borough of Camden" is "camden"; "City of London
/// Corporation" is "london"). "St. Helens" and "St Helens" are the same.
/// The release's names are ASCII, so words are made of ASCII letters and
/// digits, lowered as ASCII: any other character parts words as a space
/// does, so the app carries neither Unicode's case tables nor its tables of
/// letters and digits (2 KB gzip). A name that adds words in other letters
/// matches by its ASCII words ("Barnet (巴尼特)" is "barnet"); one with
/// other letters within a word does not ("Barnét" is "barn t").
fn name_key(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut key = String::new();
    // A word: ASCII letters and digits, less a full stop or an apostrophe
    // within it.
    for word in lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '\'')) {
        let word: String = word.chars().filter(|&c| c != '.' && c != '\'').collect();
        if !word.is_empty() && !KIND_WORDS.contains(&word.as_str()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&word);
        }
    }
    match key.strip_prefix("london ") {
        Some(rest) => rest.to_owned(),
        None => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: the figures, as the releases give them.
    #[test]
    fn englands_figures_are_the_published_ones() {
        let percent = |year| england_figure(year).map(|figure| figure.percent);
        assert_eq!(percent(2015), Some(59.2));
        assert_eq!(percent(2019), Some(60.4));
        assert_eq!(percent(2022), Some(49.2));
        assert_eq!(percent(2024), Some(46.4));
        assert_eq!(percent(2013), None);
        assert_eq!(percent(2025), None);
    }

    /// The release's figures as read from its file, a line per council and
    /// year: year, ONS code, name, plans, within 20 weeks, percent.
    const RELEASE_FILE: &str = include_str!("dfe-within-20-weeks-by-council.tsv");

    /// Source: the release's file. Each of its 901 figures is the one found
    /// for its council and year, the published percentage included, and
    /// `FIGURES` holds no other.
    #[test]
    fn every_council_figure_is_the_releases() {
        let mut lines = RELEASE_FILE.lines();
        assert_eq!(
            lines.next(),
            Some(
                "year\tla_code\tla_name\tplans_excluding_exceptions\twithin_20_weeks_excluding_exceptions\tpercent"
            )
        );
        let mut figures = 0;
        for line in lines {
            let fields: Vec<&str> = line.split('\t').collect();
            let [year, _code, area, plans, within, percent] = fields[..] else {
                panic!("{line}");
            };
            let year = year.parse().unwrap();
            let published = PublishedFigure {
                area,
                year,
                plans: plans.parse().unwrap(),
                within_20_weeks: within.parse().unwrap(),
                percent: percent.parse().unwrap(),
                release: &RELEASE_2025,
            };
            assert_eq!(council_figure(area, year), Some(published), "{line}");
            figures += 1;
        }
        let years = councils().iter().flat_map(|(_, area)| {
            (FIRST_COUNCIL_YEAR..)
                .take(COUNCIL_YEARS)
                .map(|year| (*area, year))
        });
        let kept = years.filter_map(|(area, year)| council_figure(area, year));
        assert_eq!(kept.count(), figures);
        assert_eq!(figures, 901);
        assert_eq!(council_figure("Barnet", 2018), None);
        assert_eq!(council_figure("Barnet", 2025), None);
    }

    /// A half is rounded up: Redcar and Cleveland's 45 of 144 in 2022 is
    /// published as 31.3.
    #[test]
    fn a_half_is_rounded_up() {
        assert_eq!(percent_of(45, 144), 31.3);
        assert_eq!(percent_of(1, 3), 33.3);
        assert_eq!(percent_of(2, 3), 66.7);
        assert_eq!(percent_of(0, 4), 0.0);
        assert_eq!(percent_of(4, 4), 100.0);
    }

    #[test]
    fn englands_figures_are_their_counts_rounded() {
        for figure in (2014..=2024).filter_map(england_figure) {
            assert_eq!(
                percent_of(figure.within_20_weeks, figure.plans),
                figure.percent,
                "{figure:?}"
            );
        }
    }

    /// Source: timeliness_20_week.csv of the 2025 release, Gateshead 2019
    /// and Barnet 2021.
    #[test]
    fn a_council_is_found_as_people_write_its_name() {
        let gateshead = council_figure("Gateshead Council", 2019).unwrap();
        assert_eq!((gateshead.plans, gateshead.percent), (177, 96.6));
        let barnet = council_figure("London Borough of Barnet", 2021).unwrap();
        assert_eq!((barnet.within_20_weeks, barnet.percent), (298, 98.3));
        assert_eq!(
            council_figure("Bristol City Council", 2019).unwrap().area,
            "Bristol, City of"
        );
        assert_eq!(
            council_figure("St Helens Borough Council", 2020)
                .unwrap()
                .area,
            "St. Helens"
        );
        assert_eq!(
            council_figure("City of London Corporation", 2019)
                .unwrap()
                .area,
            "City of London"
        );
        assert_eq!(
            council_figure("London Borough of Barnet\u{a0}(巴尼特)", 2021).map(|f| f.area),
            Some("Barnet")
        );
        assert_eq!(
            council_figure("Stoke\u{2013}on\u{2013}Trent", 2021).map(|f| f.area),
            Some("Stoke-on-Trent")
        );
        assert_eq!(council_figure("Barnét", 2021), None);
        assert_eq!(council_figure("Anytown Council", 2019), None);
        assert_eq!(council_figure("Gateshead", 2018), None);
    }
}
