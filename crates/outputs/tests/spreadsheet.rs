//! The CSV of every deadline, read back by a real CSV reader (the `csv`
//! crate) as a spreadsheet would read it.

mod common;

use common::{evaluated, late_assessment, waiting};
use outputs::deadlines_csv;

const HEADER: &str = "Case,Child,Council,Reference,Rule,Deadline,Due (ISO),Due,Status,Days late,Done (ISO),Who must act,Citation,Rule id,Subject";

/// The header and the rows of `text`, after checking its byte order mark
/// and line endings.
fn read_back(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark, so spreadsheets read UTF-8");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(body.ends_with("\r\n"));
    assert_eq!(
        body.matches("\r\n").count(),
        rows.len() + 1,
        "CRLF ends the header and every row, and nothing else"
    );
    (header, rows)
}

#[test]
fn one_row_per_deadline_with_iso_and_written_dates() {
    let cases = [waiting("A. B."), late_assessment()];
    let (header, rows) = read_back(&deadlines_csv(&evaluated(&cases)));
    assert_eq!(header, HEADER.split(',').collect::<Vec<_>>());
    assert_eq!(
        rows.len(),
        cases[0].1.deadlines.len() + cases[1].1.deadlines.len()
    );
    assert_eq!(
        rows[0],
        [
            "c-1",
            "A. B.",
            "Anytown Council",
            "",
            "Decision whether to assess",
            "Decision whether to assess",
            "2025-10-13",
            "13 October 2025",
            "Overdue",
            "18",
            "",
            "the council",
            "SEND Regulations 2014, reg 5(1)",
            "decide-whether-to-assess",
            "",
        ]
    );
    let advice = rows
        .iter()
        .find(|row| row[0] == "c-late" && row[14] == "Educational psychologist")
        .unwrap();
    assert_eq!(
        advice[4..=13],
        [
            "Advice for the assessment",
            "Advice for the assessment (Educational psychologist)",
            "2025-04-07",
            "7 April 2025",
            "Met late",
            "25",
            "2025-05-02",
            "the person asked for advice",
            "SEND Regulations 2014, reg 8(1)",
            "advice",
        ]
    );
}

#[test]
fn a_family_s_closed_window_and_deadlines_to_come_read_in_words() {
    let cases = [waiting("A. B.")];
    let (_, rows) = read_back(&deadlines_csv(&evaluated(&cases)));
    let status = |rule: &str| {
        let row = rows.iter().find(|row| row[13] == rule).unwrap();
        (row[8].clone(), row[9].clone())
    };
    assert_eq!(status("final-plan"), ("Not due yet".into(), "".into()));
    assert_eq!(
        status("ombudsman-window"),
        ("Not due yet".into(), "".into())
    );
}

#[test]
fn names_with_commas_quotes_and_line_breaks_are_quoted() {
    let child = "Zoë \"Zee\" Ó Briain, Jr\nTwin";
    let cases = [waiting(child)];
    let text = deadlines_csv(&evaluated(&cases));
    assert!(text.contains("\r\nc-1,\"Zoë \"\"Zee\"\" Ó Briain, Jr\nTwin\",Anytown Council,"));
    let (_, rows) = read_back(&text);
    assert!(rows.iter().all(|row| row[1] == child));
}

#[test]
fn text_that_a_spreadsheet_would_run_as_a_formula_is_shown_as_text() {
    for (child, shown) in [
        (
            "=HYPERLINK(\"http://x\"), A.",
            "'=HYPERLINK(\"http://x\"), A.",
        ),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tA. B.", "'\tA. B."),
        ("A. B. = C", "A. B. = C"),
        (" =1+1", "' =1+1"),
        ("\n=1+1", "'\n'=1+1"),
        ("\u{ff1d}1+1", "'\u{ff1d}1+1"),
        ("\u{ff20}SUM(A1)", "'\u{ff20}SUM(A1)"),
        ("\"=1+1", "'\"=1+1"),
        ("A. B.;=1+1", "A. B.;'=1+1"),
        ("A. B., -1+1", "A. B.,' -1+1"),
        ("A. B.\n@SUM(A1)", "A. B.\n'@SUM(A1)"),
    ] {
        let cases = [waiting(child)];
        let (_, rows) = read_back(&deadlines_csv(&evaluated(&cases)));
        assert_eq!(rows[0][1], shown, "{child:?}");
    }
}

/// Every cell of `body` as a reader splitting at `separator` sees it, with
/// RFC 4180 quotes, leniently: rows may have any number of cells.
fn cells_split_at(body: &str, separator: u8) -> Vec<String> {
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .flat_map(|row| row.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

#[test]
fn no_cell_starts_a_formula_whether_the_spreadsheet_splits_at_commas_or_semicolons() {
    let hostile = "A; =1+1, @SUM(A1)\t-2;\"=3\n\u{ff0b}4;\u{ff0d}5";
    let cases = [waiting(hostile)];
    let text = deadlines_csv(&evaluated(&cases));
    let body = text.strip_prefix('\u{feff}').unwrap();
    for separator in [b',', b';'] {
        let cells = cells_split_at(body, separator);
        assert!(cells.len() > 20, "{}", separator as char);
        for cell in cells {
            let start = cell.trim_start_matches([' ', '\t', '\r', '\n', '"']);
            assert!(
                !start.starts_with([
                    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'
                ]),
                "split at {:?}, the cell {cell:?} starts a formula",
                separator as char
            );
        }
    }
}

#[test]
fn a_field_holding_a_semicolon_or_a_tab_is_quoted() {
    for child in ["A; B", "A\tB"] {
        let cases = [waiting(child)];
        let text = deadlines_csv(&evaluated(&cases));
        assert!(text.contains(&format!(",\"{child}\",")), "{child:?}");
        let (_, rows) = read_back(&text);
        assert_eq!(rows[0][1], child);
    }
}
