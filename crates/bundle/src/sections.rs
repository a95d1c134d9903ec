//! What the generated pages say: the cover, the index and the chronology,
//! and the page that shows an attached picture.

use outputs::chronology::{Chronology, DeadlineRow};

use crate::fonts::Font;
use crate::images::Picture;
use crate::sheet::{A4, FOOT, MARGIN, Sheets, WIDTH, number};
use crate::wrap::wrap;
use crate::{Cover, IndexEntry, Placed};

/// The cover: who, which council, which reference, and when it was made.
pub(crate) fn cover(cover: &Cover, pages: u32) -> Vec<u8> {
    let mut sheets = Sheets::new();
    sheets.space(120.0);
    sheets.paragraph("Evidence bundle", Font::Bold, 26.0, 18.0);
    sheets.paragraph(&cover.name, Font::Bold, 18.0, 14.0);
    for (label, value) in [("Council", &cover.council), ("Reference", &cover.reference)] {
        if let Some(value) = value {
            sheets.paragraph(&format!("{label}: {value}"), Font::Regular, 12.0, 4.0);
        }
    }
    sheets.paragraph(
        &format!("Made on {}", cover.made_on),
        Font::Regular,
        12.0,
        24.0,
    );
    sheets.paragraph(
        &format!(
            "{pages} pages, each numbered at its foot. The index on page 2 lists every \
             document with the page it starts on."
        ),
        Font::Regular,
        11.0,
        0.0,
    );
    sheets.into_pages().swap_remove(0)
}

/// The index: the documents in bundle order with their first pages, and
/// those not in it with where they are.
pub(crate) fn index(entries: &[IndexEntry], sections: &str) -> Vec<Vec<u8>> {
    let mut sheets = Sheets::new();
    sheets.paragraph("Index", Font::Bold, 16.0, 8.0);
    sheets.paragraph(sections, Font::Regular, 10.0, 10.0);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let mut document = format!("{}\n{}", entry.description, entry.name);
            let page = match &entry.placed {
                Placed::Pages { first, .. } => first.to_string(),
                Placed::Separately => "provided separately".to_owned(),
                Placed::LeftOut(why) => {
                    document.push_str(&format!("\nLeft out: {why}"));
                    "left out".to_owned()
                }
            };
            vec![entry.number.to_string(), entry.date.clone(), document, page]
        })
        .collect();
    sheets.table(
        &[
            ("No.", 34.0),
            ("Date", 96.0),
            ("Document", WIDTH - 34.0 - 96.0 - 100.0),
            ("Page", 100.0),
        ],
        &rows,
    );
    sheets.into_pages()
}

/// The chronology: the events, then the deadlines missed and met late.
pub(crate) fn chronology(chronology: &Chronology) -> Vec<Vec<u8>> {
    let mut sheets = Sheets::new();
    sheets.paragraph(
        &format!("Chronology: {}", chronology.child),
        Font::Bold,
        16.0,
        6.0,
    );
    for (label, value) in [
        ("Council", &chronology.council),
        ("Reference", &chronology.reference),
    ] {
        if let Some(value) = value {
            sheets.paragraph(&format!("{label}: {value}"), Font::Regular, 10.0, 0.0);
        }
    }
    sheets.paragraph(&chronology.prepared, Font::Regular, 10.0, 10.0);
    sheets.paragraph("Events", Font::Bold, 13.0, 4.0);
    if chronology.events.is_empty() {
        sheets.paragraph("No events recorded.", Font::Regular, 10.0, 10.0);
    } else {
        let rows: Vec<Vec<String>> = chronology
            .events
            .iter()
            .map(|row| {
                let what = match row.note.as_str() {
                    "" => row.what.clone(),
                    note => format!("{}\nNote: {note}", row.what),
                };
                vec![
                    row.number.to_string(),
                    row.date.clone(),
                    what,
                    row.who.clone(),
                    row.document.clone(),
                ]
            })
            .collect();
        let columns = [
            ("No.", 30.0),
            ("Date", 88.0),
            ("What happened", WIDTH - 30.0 - 88.0 - 190.0),
            ("Who", 65.0),
            // Wide enough for "[12] ep-report.pdf" on one line.
            ("Document", 125.0),
        ];
        sheets.table(&columns, &rows);
    }
    for (title, rows) in [
        ("Deadlines missed", &chronology.missed),
        ("Deadlines met late", &chronology.met_late),
    ] {
        sheets.paragraph(title, Font::Bold, 13.0, 4.0);
        if rows.is_empty() {
            sheets.paragraph("None.", Font::Regular, 10.0, 10.0);
            continue;
        }
        let rows: Vec<Vec<String>> = rows.iter().map(deadline_cells).collect();
        let columns = [
            ("Deadline", WIDTH - 4.0 * 80.0),
            ("Due", 80.0),
            ("Done", 80.0),
            ("Late by", 80.0),
            ("Set by", 80.0),
        ];
        sheets.table(&columns, &rows);
    }
    sheets.into_pages()
}

/// A deadline's row of cells.
fn deadline_cells(row: &DeadlineRow) -> Vec<String> {
    vec![
        row.what.clone(),
        row.due.clone(),
        row.done.clone(),
        row.late.clone(),
        row.citation.clone(),
    ]
}

/// The name `Im1` under which a picture page's resources hold its image.
pub(crate) const IMAGE: &str = "Im1";

/// A page showing `picture` as large as fits between the margins, its
/// proportions kept, under a caption naming it.
pub(crate) fn picture(picture: &Picture, caption: &str) -> Vec<u8> {
    let mut sheets = Sheets::new();
    sheets.paragraph(caption, Font::Bold, 11.0, 8.0);
    let mut page = sheets.into_pages().swap_remove(0);
    let lines = wrap(caption, Font::Bold, 11.0, WIDTH).len() as f32;
    let top = A4[1] - MARGIN - lines * 11.0 * 1.25 - 8.0;
    let (width, height) = (picture.width as f32, picture.height as f32);
    let scale = (WIDTH / width).min((top - FOOT) / height);
    let (shown_width, shown_height) = (width * scale, height * scale);
    let x = MARGIN + (WIDTH - shown_width) / 2.0;
    let y = top - shown_height;
    page.extend_from_slice(
        format!(
            "q {} 0 0 {} {} {} cm /{IMAGE} Do Q\n",
            number(shown_width),
            number(shown_height),
            number(x),
            number(y)
        )
        .as_bytes(),
    );
    page
}
