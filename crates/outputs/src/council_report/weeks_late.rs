//! How late the late clocks were, in weeks, as the bins of a histogram: the
//! app's council report draws one for each council. Weeks are weeks begun,
//! so every late clock is in a bin (1 to 7 days late is 1 week), and the
//! bins are equal, so the bars compare; past `MOST_BINS` weeks each bin
//! holds more weeks, so a clock years late does not make hundreds of bars.

/// The most bins a histogram has.
const MOST_BINS: u32 = 12;

/// The clocks late by `first_week` to `last_week` weeks begun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeksLate {
    /// The fewest weeks begun late a clock of the bin has.
    pub first_week: u32,
    /// The most.
    pub last_week: u32,
    /// How many clocks were that late.
    pub clocks: u32,
}

/// The weeks begun of `days_late`: 1 to 7 days late is 1 week, 8 to 14 is 2.
/// A late clock is at least a day late, so at least a week.
fn weeks_begun(days_late: i64) -> u32 {
    u32::try_from(days_late.max(1))
        .unwrap_or(u32::MAX)
        .div_ceil(7)
}

/// The histogram of `days_late` (each clock's days late, as
/// [`super::Group::days_late`]) in weeks begun: bins of equal width from 1
/// week to the latest clock's, at most `MOST_BINS`, none left out when
/// empty; no bins when there is no late clock.
pub fn weeks_late(days_late: impl IntoIterator<Item = i64>) -> Vec<WeeksLate> {
    let weeks: Vec<u32> = days_late.into_iter().map(weeks_begun).collect();
    let Some(&latest) = weeks.iter().max() else {
        return Vec::new();
    };
    let width = latest.div_ceil(MOST_BINS);
    let mut bins: Vec<WeeksLate> = (0..latest.div_ceil(width))
        .map(|at| WeeksLate {
            first_week: at * width + 1,
            last_week: (at + 1) * width,
            clocks: 0,
        })
        .collect();
    for week in weeks {
        bins[((week - 1) / width) as usize].clocks += 1;
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bin(first_week: u32, last_week: u32, clocks: u32) -> WeeksLate {
        WeeksLate {
            first_week,
            last_week,
            clocks,
        }
    }

    /// Source: weeks begun worked by hand from the days.
    #[test]
    fn a_week_begun_counts_as_a_week() {
        assert_eq!(weeks_begun(1), 1);
        assert_eq!(weeks_begun(7), 1);
        assert_eq!(weeks_begun(8), 2);
        assert_eq!(weeks_begun(14), 2);
        assert_eq!(weeks_begun(15), 3);
        assert_eq!(weeks_begun(0), 1, "a late clock is at least a day late");
    }

    #[test]
    fn up_to_twelve_weeks_each_week_is_a_bin_and_empty_weeks_stay() {
        assert_eq!(weeks_late([]), vec![]);
        assert_eq!(
            weeks_late([1, 7, 8, 14, 30]),
            vec![
                bin(1, 1, 2),
                bin(2, 2, 2),
                bin(3, 3, 0),
                bin(4, 4, 0),
                bin(5, 5, 1)
            ]
        );
        let twelve = weeks_late([84]);
        assert_eq!(twelve.len(), 12);
        assert_eq!(twelve[11], bin(12, 12, 1));
    }

    /// 100 weeks in at most 12 equal bins: 9 weeks each (8 would need 13),
    /// so 12 bins, the last from week 100 to 108.
    #[test]
    fn later_clocks_widen_every_bin_alike() {
        let bins = weeks_late([1, 63, 64, 700]);
        assert_eq!(bins.len(), 12);
        assert!(bins.iter().all(|b| b.last_week - b.first_week == 8));
        assert_eq!(bins[0], bin(1, 9, 2), "1 day and 63 days (9 weeks)");
        assert_eq!(bins[1], bin(10, 18, 1), "64 days (10 weeks)");
        assert_eq!(bins[11], bin(100, 108, 1), "700 days (100 weeks)");
        assert_eq!(bins.iter().map(|b| b.clocks).sum::<u32>(), 4);
    }
}
