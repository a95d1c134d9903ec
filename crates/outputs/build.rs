//! The Department for Education's council figures, built in compact: read
//! from `dfe-within-20-weeks-by-council.tsv` (the release's figures as its
//! file gives them, a line per council and year, kept for provenance) and
//! written to `OUT_DIR` as the councils' names, one a line, and their
//! figures as bytes (see `council_report::published`), a quarter of the
//! text's size in the app. Each published percentage is checked to be its
//! counts' own, rounded half up, which is how the report works it out.

const SOURCE: &str = "src/council_report/dfe-within-20-weeks-by-council.tsv";
const HEADER: &str = "year\tla_code\tla_name\tplans_excluding_exceptions\twithin_20_weeks_excluding_exceptions\tpercent";
/// The years each council has a place for, as `published::FIRST_COUNCIL_YEAR` and `COUNCIL_YEARS` say.
const YEARS: std::ops::RangeInclusive<u32> = 2019..=2024;

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).expect("the council figures can be read");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER), "{SOURCE}: its header");
    // Each council in the order of the file, with (within, later) for each year.
    let mut councils: Vec<(&str, Vec<(u16, u16)>)> = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let [year, _code, name, plans, within, percent] = fields[..] else {
            panic!("{SOURCE}: not six fields: {line}");
        };
        let number = |field: &str| -> u16 {
            field
                .parse()
                .unwrap_or_else(|_| panic!("{SOURCE}: not a number: {line}"))
        };
        let (year, plans, within) = (u32::from(number(year)), number(plans), number(within));
        assert!(
            YEARS.contains(&year),
            "{SOURCE}: a year out of range: {line}"
        );
        assert!(0 < plans && within <= plans, "{SOURCE}: {line}");
        assert_eq!(
            rounded(within, plans),
            percent,
            "{SOURCE}: the percentage: {line}"
        );
        if councils.last().is_none_or(|(last, _)| *last != name) {
            assert!(
                councils.iter().all(|(other, _)| *other != name),
                "{SOURCE}: {name}'s lines are not together"
            );
            councils.push((name, vec![(0, 0); YEARS.count()]));
        }
        let at = (year - YEARS.start()) as usize;
        let figures = &mut councils.last_mut().expect("just pushed").1;
        assert_eq!(figures[at], (0, 0), "{SOURCE}: a year twice: {line}");
        figures[at] = (within, plans - within);
    }
    let names: String = councils
        .iter()
        .map(|(name, _)| format!("{name}\n"))
        .collect();
    // Four columns, each a byte per figure: within's high and low byte, then
    // later's. Figures of a column lie together, as their high bytes are
    // mostly alike: with the names, 3.4 KB after gzip, where a row per
    // figure took 3.8 KB, and text (a line per council) 4.7 KB.
    let figures: Vec<(u16, u16)> = councils.into_iter().flat_map(|(_, f)| f).collect();
    let mut bytes = Vec::new();
    for number in [|f: &(u16, u16)| f.0, |f: &(u16, u16)| f.1] {
        bytes.extend(figures.iter().map(|f| (number(f) >> 8) as u8));
        bytes.extend(figures.iter().map(|f| number(f) as u8));
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("council-names.txt"), names).expect("OUT_DIR is writable");
    std::fs::write(out.join("council-figures.bin"), bytes).expect("OUT_DIR is writable");
}

/// `within` of `plans` as a percentage to one decimal place, a half rounded
/// up, written as the release writes it ("98", "73.1").
fn rounded(within: u16, plans: u16) -> String {
    let (within, plans) = (u32::from(within), u32::from(plans));
    let tenths = (within * 2000 + plans) / (2 * plans);
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        tenth => format!("{}.{tenth}", tenths / 10),
    }
}
