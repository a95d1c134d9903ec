//! The council report's two charts, drawn by the app as inline SVG (a chart
//! library would weigh more than the page): bars of the share met on time,
//! and a histogram of how many weeks late the late clocks were. Each picture
//! is named and described in words (`role="img"`, `<title>`, `<desc>`), and
//! its numbers are in a table beside it. Nothing is told by colour alone:
//! every bar has its figure written beside it, and a bar resting on fewer
//! than 5 clocks is drawn dashed and says so. Colours are SVG attributes,
//! not styles, so the first load's stylesheet does not grow.

use outputs::council_report::{Group, WeeksLate, percent_text};

use crate::components::push_escaped;

/// The drawing's width in its own units; it scales to the page.
const WIDTH: u32 = 720;
/// A full bar, 100%.
const FULL_BAR: u32 = 480;
/// Each bar's row: its label, then the bar.
const BAR_ROW: u32 = 46;
/// The histogram's tallest column, and where the columns stand.
const TALLEST: u32 = 200;
const BASELINE: u32 = TALLEST + 24;
/// GOV.UK's blue, and its text colour.
const BLUE: &str = "#1d70b8";
const TEXT: &str = "#0b0c0c";

/// The length of a bar of `percent` (0 to 100).
pub fn bar_length(percent: f64) -> u32 {
    (percent.clamp(0.0, 100.0) * f64::from(FULL_BAR) / 100.0).round() as u32
}

/// The height of a column of `clocks` where the most clocks of a bin is
/// `most`: the tallest column is [`TALLEST`], and a column of any clocks at
/// least 1 high, so it shows.
pub fn column_height(clocks: u32, most: u32) -> u32 {
    match clocks {
        0 => 0,
        _ => (clocks * TALLEST).div_ceil(most.max(1)).max(1),
    }
}

/// "Final plan, 2024": a bar's label.
pub fn bar_label(group: &Group) -> String {
    format!("{}, {}", group.title, group.year)
}

/// A group's share met on time in words, as its bar says it.
pub fn share_words(group: &Group) -> String {
    let share = group.percent_met_on_time.map_or_else(
        || "no figure: every clock excepted".to_owned(),
        percent_text,
    );
    match group.few_clocks {
        true => format!("{share} (fewer than 5 clocks)"),
        false => share,
    }
}

/// "1 week", "3 weeks", "10 to 18 weeks": a bin of the histogram.
pub fn weeks_words(bin: &WeeksLate) -> String {
    match (bin.first_week, bin.last_week) {
        (1, 1) => "1 week".to_owned(),
        (first, last) if first == last => format!("{first} weeks"),
        (first, last) => format!("{first} to {last} weeks"),
    }
}

/// The bars of the share met on time of `groups` (one council's), named by
/// the id `{id}-title` and described by `{id}-desc`.
pub fn share_bars(id: &str, name: &str, groups: &[Group]) -> String {
    let height = groups.len() as u32 * BAR_ROW + 24;
    let mut desc = String::new();
    let mut marks = String::new();
    for (row, group) in (0u32..).zip(groups) {
        let top = row * BAR_ROW;
        let (label, words) = (bar_label(group), share_words(group));
        desc.push_str(&format!("{label}: {words}. "));
        text(&mut marks, 0, top + 16, "start", &label);
        let length = group.percent_met_on_time.map_or(0, bar_length);
        let dashed = match group.few_clocks {
            true => r##" fill="#ffffff" stroke-dasharray="6 3""##,
            false => r##" fill="#1d70b8""##,
        };
        marks.push_str(&format!(
            r#"<rect x="1" y="{}" width="{length}" height="18" stroke="{BLUE}" stroke-width="2"{dashed}/>"#,
            top + 23
        ));
        text(&mut marks, length + 8, top + 37, "start", &words);
    }
    let axis = groups.len() as u32 * BAR_ROW;
    marks.push_str(&format!(
        r#"<line x1="1" y1="0" x2="1" y2="{axis}" stroke="{TEXT}"/><line x1="{end}" y1="0" x2="{end}" y2="{axis}" stroke="{TEXT}" stroke-dasharray="2 4"/>"#,
        end = FULL_BAR + 1
    ));
    text(&mut marks, 0, axis + 18, "start", "0%");
    text(&mut marks, FULL_BAR + 1, axis + 18, "middle", "100%");
    picture(
        id,
        height,
        &format!("Share of clocks met on time at {name}"),
        &desc,
        &marks,
    )
}

/// The histogram of how late the late clocks were, in `bins` (one
/// council's), named by the id `{id}-title` and described by `{id}-desc`.
pub fn weeks_late_chart(id: &str, name: &str, bins: &[WeeksLate]) -> String {
    let most = bins.iter().map(|bin| bin.clocks).max().unwrap_or(0);
    let step = (WIDTH - 40) / (bins.len() as u32).max(1);
    let mut desc = String::new();
    let mut marks = String::new();
    for (at, bin) in (0u32..).zip(bins) {
        let (left, tall) = (20 + at * step, column_height(bin.clocks, most));
        let middle = left + step / 2;
        let words = weeks_words(bin);
        desc.push_str(&format!("{words} late: {}. ", clocks_words(bin.clocks)));
        marks.push_str(&format!(
            r#"<rect x="{}" y="{}" width="{}" height="{tall}" fill="{BLUE}"/>"#,
            left + 2,
            BASELINE - tall,
            step - 4
        ));
        text(
            &mut marks,
            middle,
            BASELINE - tall - 6,
            "middle",
            &bin.clocks.to_string(),
        );
        let axis_label = match bin.first_week == bin.last_week {
            true => bin.first_week.to_string(),
            false => format!("{}–{}", bin.first_week, bin.last_week),
        };
        text(&mut marks, middle, BASELINE + 20, "middle", &axis_label);
    }
    marks.push_str(&format!(
        r#"<line x1="20" y1="{BASELINE}" x2="{}" y2="{BASELINE}" stroke="{TEXT}"/>"#,
        WIDTH - 20
    ));
    text(
        &mut marks,
        WIDTH / 2,
        BASELINE + 44,
        "middle",
        "Weeks late (a week begun counts)",
    );
    picture(
        id,
        BASELINE + 52,
        &format!("How many weeks late the late clocks were at {name}"),
        &desc,
        &marks,
    )
}

/// "1 clock", "3 clocks".
pub fn clocks_words(clocks: u32) -> String {
    match clocks {
        1 => "1 clock".to_owned(),
        n => format!("{n} clocks"),
    }
}

/// An SVG picture `height` high of `marks`, named by `title` and described
/// by `desc`, which are text.
fn picture(id: &str, height: u32, title: &str, desc: &str, marks: &str) -> String {
    let mut svg = format!(
        r#"<svg class="report__chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-size="15" fill="{TEXT}"><title id="{id}-title">"#
    );
    push_escaped(&mut svg, title);
    svg.push_str(&format!(r#"</title><desc id="{id}-desc">"#));
    push_escaped(&mut svg, desc.trim_end());
    svg.push_str("</desc>");
    svg.push_str(marks);
    svg.push_str("</svg>");
    svg
}

/// Appends `words` (text) at `x`, `y`, anchored at its `anchor`.
fn text(svg: &mut String, x: u32, y: u32, anchor: &str, words: &str) {
    svg.push_str(&format!(r#"<text x="{x}" y="{y}" text-anchor="{anchor}">"#));
    push_escaped(svg, words);
    svg.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(percent: Option<f64>, clocks: u32) -> Group {
        Group {
            council: Some("Anytown Council".into()),
            rule: "final-plan",
            year: 2024,
            clocks,
            met: 0,
            met_late: 0,
            overdue: 0,
            excepted: 0,
            median_days_late: None,
            p90_days_late: None,
            percent_met_on_time: percent,
            few_clocks: clocks < 5,
            england_within_20_weeks: None,
            council_within_20_weeks: None,
            title: "Final plan",
            days_late: Vec::new(),
        }
    }

    /// A full bar is 480 long: 40% is 192, and what lies outside 0 to 100
    /// stays inside the drawing.
    #[test]
    fn a_bar_is_as_long_as_its_share() {
        assert_eq!(bar_length(0.0), 0);
        assert_eq!(bar_length(40.0), 192);
        assert_eq!(bar_length(33.3), 160);
        assert_eq!(bar_length(100.0), FULL_BAR);
        assert_eq!(bar_length(130.0), FULL_BAR);
    }

    /// The tallest column is 200 high; one clock of 3 is a third, rounded
    /// up, and a column of any clocks shows.
    #[test]
    fn a_column_is_as_tall_as_its_share_of_the_most() {
        assert_eq!(column_height(0, 3), 0);
        assert_eq!(column_height(3, 3), TALLEST);
        assert_eq!(column_height(1, 3), 67);
        assert_eq!(column_height(1, 1_000), 1);
    }

    #[test]
    fn bins_are_written_in_weeks() {
        let bin = |first_week, last_week| WeeksLate {
            first_week,
            last_week,
            clocks: 2,
        };
        assert_eq!(weeks_words(&bin(1, 1)), "1 week");
        assert_eq!(weeks_words(&bin(3, 3)), "3 weeks");
        assert_eq!(weeks_words(&bin(10, 18)), "10 to 18 weeks");
    }

    /// Each bar in a row of its own, its share written beside it; one of few
    /// clocks dashed and saying so; the picture named and described in
    /// words; a council's name written as text.
    #[test]
    fn the_bars_say_every_figure_in_words() {
        let svg = share_bars(
            "r-0",
            "<Anytown> & Co",
            &[group(Some(40.0), 10), group(Some(50.0), 2), group(None, 3)],
        );
        assert!(
            svg.starts_with(r#"<svg class="report__chart" role="img" viewBox="0 0 720 162""#),
            "{svg}"
        );
        assert!(svg.contains(r#"aria-labelledby="r-0-title" aria-describedby="r-0-desc""#));
        assert!(svg.contains(
            r#"<title id="r-0-title">Share of clocks met on time at &lt;Anytown&gt; &amp; Co</title>"#
        ));
        assert!(svg.contains(
            "<desc id=\"r-0-desc\">Final plan, 2024: 40.0%. \
             Final plan, 2024: 50.0% (fewer than 5 clocks). \
             Final plan, 2024: no figure: every clock excepted (fewer than 5 clocks).</desc>"
        ));
        assert!(svg.contains(r##"<rect x="1" y="23" width="192" height="18" stroke="#1d70b8" stroke-width="2" fill="#1d70b8"/>"##));
        assert!(svg.contains(r##"<rect x="1" y="69" width="240" height="18" stroke="#1d70b8" stroke-width="2" fill="#ffffff" stroke-dasharray="6 3"/>"##));
        assert!(svg.contains(
            r#"<text x="248" y="83" text-anchor="start">50.0% (fewer than 5 clocks)</text>"#
        ));
    }

    /// Three bins across 680 units, 226 each; the columns 200, 0 and 100
    /// high on a baseline at 224, each with its count above and its weeks
    /// below.
    #[test]
    fn the_histogram_stands_each_bin_on_one_baseline() {
        let bins = [(1, 2), (2, 0), (3, 1)].map(|(week, clocks)| WeeksLate {
            first_week: week,
            last_week: week,
            clocks,
        });
        let svg = weeks_late_chart("r-0-weeks", "Anytown Council", &bins);
        assert!(
            svg.contains(r##"<rect x="22" y="24" width="222" height="200" fill="#1d70b8"/>"##),
            "{svg}"
        );
        assert!(svg.contains(r##"<rect x="248" y="224" width="222" height="0" fill="#1d70b8"/>"##));
        assert!(
            svg.contains(r##"<rect x="474" y="124" width="222" height="100" fill="#1d70b8"/>"##)
        );
        assert!(svg.contains(r#"<text x="359" y="218" text-anchor="middle">0</text>"#));
        assert!(svg.contains(r#"<text x="585" y="244" text-anchor="middle">3</text>"#));
        assert!(svg.contains(
            "1 week late: 2 clocks. 2 weeks late: 0 clocks. 3 weeks late: 1 clock.</desc>"
        ));
    }
}
