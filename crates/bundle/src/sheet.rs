//! The generated A4 pages (cover, index, chronology, image pages): their
//! content streams, written by hand as PDF operators in the standard fonts.

use crate::fonts::Font;
use crate::winansi::push_literal;
use crate::wrap::wrap;

/// A4 in points.
pub(crate) const A4: [f32; 2] = [595.28, 841.89];
/// The left, right and top margin; the foot keeps more for the page stamp.
pub(crate) const MARGIN: f32 = 56.0;
/// Where text stops at the foot of a page, above the stamp.
pub(crate) const FOOT: f32 = 64.0;
/// The width text may take.
pub(crate) const WIDTH: f32 = A4[0] - 2.0 * MARGIN;

/// Body text size, and the distance between its lines.
const SIZE: f32 = 10.0;
const LEADING: f32 = 12.5;
/// Space between a table's column and the next.
const GUTTER: f32 = 6.0;

/// Numbers in content streams: two decimals at most, no trailing zeros.
pub(crate) fn number(value: f32) -> String {
    crate::pdf::decimal(value.into(), 2)
}

/// Pages being filled from the top down, a new one begun when the next line
/// would reach the foot.
pub(crate) struct Sheets {
    pages: Vec<Vec<u8>>,
    /// The baseline of the next line on the last page.
    y: f32,
}

/// A table's columns: header and width in points; the widths add up to [`WIDTH`].
pub(crate) type Columns<'a> = &'a [(&'a str, f32)];

impl Sheets {
    /// One empty page.
    pub(crate) fn new() -> Sheets {
        let mut sheets = Sheets {
            pages: Vec::new(),
            y: 0.0,
        };
        sheets.new_page();
        sheets
    }

    /// The content streams, one a page.
    pub(crate) fn into_pages(self) -> Vec<Vec<u8>> {
        self.pages
    }

    /// Starts a page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = A4[1] - MARGIN - SIZE;
    }

    /// The stream of the page being filled.
    fn page(&mut self) -> &mut Vec<u8> {
        self.pages.last_mut().expect("a page is always begun")
    }

    /// Writes WinAnsi `line` with its baseline at (`x`, `y`).
    pub(crate) fn text_at(&mut self, line: &[u8], font: Font, size: f32, x: f32, y: f32) {
        let page = self.page();
        page.extend_from_slice(
            format!(
                "BT /{} {} Tf {} {} Td ",
                font.resource(),
                number(size),
                number(x),
                number(y)
            )
            .as_bytes(),
        );
        push_literal(page, line);
        page.extend_from_slice(b" Tj ET\n");
    }

    /// A paragraph across the text width, `after` points of space below it.
    pub(crate) fn paragraph(&mut self, text: &str, font: Font, size: f32, after: f32) {
        let leading = size * 1.25;
        for line in wrap(text, font, size, WIDTH) {
            if self.y < FOOT {
                self.new_page();
            }
            self.text_at(&line, font, size, MARGIN, self.y);
            self.y -= leading;
        }
        self.y -= after;
    }

    /// Moves down `points`.
    pub(crate) fn space(&mut self, points: f32) {
        self.y -= points;
    }

    /// A thin rule across the text width just above the current line.
    fn rule(&mut self) {
        let y = self.y + SIZE + 2.0;
        let line = format!(
            "0.6 G 0.5 w {} {} m {} {} l S 0 G\n",
            number(MARGIN),
            number(y),
            number(MARGIN + WIDTH),
            number(y)
        );
        self.page().extend_from_slice(line.as_bytes());
    }

    /// A table whose header is repeated at the top of each page it runs onto.
    /// A row moves whole to the next page unless it is taller than a page.
    pub(crate) fn table(&mut self, columns: Columns, rows: &[Vec<String>]) {
        self.header(columns);
        for row in rows {
            let cells: Vec<Vec<Vec<u8>>> = columns
                .iter()
                .zip(row)
                .map(|(&(_, width), text)| wrap(text, Font::Regular, SIZE, width - GUTTER))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let height = lines as f32 * LEADING;
            let page_height = A4[1] - 2.0 * MARGIN - LEADING;
            if self.y - height + LEADING < FOOT && height <= page_height {
                self.new_page();
                self.header(columns);
            }
            self.rule();
            for index in 0..lines {
                if self.y < FOOT {
                    self.new_page();
                    self.header(columns);
                }
                let mut x = MARGIN;
                for (cell, &(_, width)) in cells.iter().zip(columns) {
                    if let Some(line) = cell.get(index) {
                        self.text_at(line, Font::Regular, SIZE, x, self.y);
                    }
                    x += width;
                }
                self.y -= LEADING;
            }
            self.y -= 3.0;
        }
        self.y -= LEADING;
    }

    /// The table's header line, in bold.
    fn header(&mut self, columns: Columns) {
        if self.y - 2.0 * LEADING < FOOT {
            self.new_page();
        }
        let mut x = MARGIN;
        for &(title, width) in columns {
            for line in wrap(title, Font::Bold, SIZE, width - GUTTER).iter().take(1) {
                self.text_at(line, Font::Bold, SIZE, x, self.y);
            }
            x += width;
        }
        self.y -= LEADING + 3.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(56.0), "56");
        assert_eq!(number(595.28), "595.28");
        assert_eq!(number(12.5), "12.5");
    }

    #[test]
    fn a_long_table_runs_onto_more_pages_with_its_header_on_each() {
        let mut sheets = Sheets::new();
        let rows: Vec<Vec<String>> = (1..=120)
            .map(|n| vec![n.to_string(), format!("Row {n}")])
            .collect();
        sheets.table(&[("No.", 40.0), ("What", WIDTH - 40.0)], &rows);
        let pages = sheets.into_pages();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for page in &pages {
            let text = String::from_utf8_lossy(page);
            assert!(text.contains("/F2 10 Tf 56 775.89 Td (No.) Tj"), "{text}");
        }
        let all: String = pages
            .iter()
            .map(|page| String::from_utf8_lossy(page))
            .collect();
        assert!(all.contains("(Row 1) Tj") && all.contains("(Row 120) Tj"));
    }
}
