//! Bundles built from real files and read back with poppler (`pdfinfo`,
//! `pdftotext`, `pdftohtml`, `pdftoppm`), a PDF reader that shares no code
//! with lopdf: page count, stamps, index, cover, chronology, bookmarks, and
//! pictures that render.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use bundle::{Appeal, Cover, Input, Item, Made, Placed, make};

const JPEG: &[u8] = include_bytes!("fixtures/photo.jpg");
/// What a machine without poppler needs.
const POPPLER: &str = "install poppler-utils, as `make browser-tools` does";

fn cover() -> Cover {
    Cover {
        name: "Jane Smith".to_owned(),
        council: Some("Kent County Council".to_owned()),
        reference: Some("EHC/2025/0042".to_owned()),
        made_on: "5 December 2026".to_owned(),
    }
}

fn item<'a>(description: &str, name: &str, media_type: &str, bytes: &'a [u8]) -> Item<'a> {
    Item {
        date: "6 January 2025".to_owned(),
        description: description.to_owned(),
        name: name.to_owned(),
        media_type: media_type.to_owned(),
        bytes,
    }
}

/// Writes `made`'s PDF under the target directory as `name`.
fn saved(made: &Made, name: &str) -> PathBuf {
    saved_bytes(&made.pdf, name)
}

/// Runs a poppler tool; its standard output.
fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{tool} could not run ({error}): {POPPLER}"));
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The page count pdfinfo reads.
fn page_count(path: &Path) -> u32 {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    let line = info
        .lines()
        .find(|line| line.starts_with("Pages:"))
        .expect("a page count");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// Each page's text, as `pdftotext -layout` lays it out.
fn pages_text(path: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop(); // after the last form feed
    pages
}

/// The bookmarks as pdftohtml reads them: (title, page).
fn bookmarks(path: &Path) -> Vec<(String, u32)> {
    let xml = poppler(
        "pdftohtml",
        &["-xml", "-i", "-stdout", "-q", path.to_str().unwrap()],
    );
    xml.split("<item page=\"")
        .skip(1)
        .map(|item| {
            let (page, rest) = item.split_once("\">").unwrap();
            let title = rest.split_once("</item>").unwrap().0;
            (title.replace("&amp;", "&"), page.parse().unwrap())
        })
        .collect()
}

/// Page `page` rendered in grey at 30 dpi: width, height and pixels.
fn rendered(path: &Path, page: u32) -> (usize, usize, Vec<u8>) {
    let page = page.to_string();
    let output = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            "30",
            "-f",
            &page,
            "-l",
            &page,
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap_or_else(|error| panic!("pdftoppm could not run ({error}): {POPPLER}"));
    assert!(output.status.success());
    let pgm = output.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
        at += 1;
    }
    assert_eq!(fields[0], "P5");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (width, height, pgm[at..].to_vec())
}

/// How many pixels darker than light grey lie in the fractions `x` and `y` of the page.
fn dark_pixels(
    (width, height, pixels): &(usize, usize, Vec<u8>),
    x: [f32; 2],
    y: [f32; 2],
) -> usize {
    let span = |range: [f32; 2], size: usize| {
        (range[0] * size as f32) as usize..(range[1] * size as f32) as usize
    };
    span(y, *height)
        .flat_map(|row| span(x, *width).map(move |column| pixels[row * width + column]))
        .filter(|&grey| grey < 200)
        .count()
}

#[test]
fn a_bundle_of_every_kind_of_file_reads_back_whole() {
    let letter = support::pdf(3, [595.0, 842.0], 0, "Council letter", true, 0);
    let plan = support::pdf(2, [400.0, 300.0], 90, "Turned plan", false, 0);
    let locked = support::locked_pdf();
    let drawing = support::png(60, 40);
    let damaged = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken".to_vec();
    let chronology = support::chronology(40);
    let input = Input {
        cover: cover(),
        chronology: Some(&chronology),
        items: vec![
            item(
                "Letter from the council",
                "letter.pdf",
                "application/pdf",
                &letter,
            ),
            item(
                "School report",
                "report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                b"PK",
            ),
            item("Photo of homework", "homework.jpg", "image/jpeg", JPEG),
            item("Damaged scan", "broken.pdf", "application/pdf", &damaged),
            item("Plan of the unit", "plan.pdf", "application/pdf", &plan),
            item("Locked letter", "locked.pdf", "application/pdf", &locked),
            item("Drawing", "drawing.png", "", &drawing),
        ],
        appeal: Some(Appeal::RefusalToAssess),
    };
    let made = make(&input, &mut |_, _| {});
    let path = saved(&made, "every-kind.pdf");

    assert_eq!(page_count(&path), made.pages);
    let pages = pages_text(&path);
    assert_eq!(pages.len() as u32, made.pages);
    for (index, text) in pages.iter().enumerate() {
        let stamp = format!("Page {} of {}", index + 1, made.pages);
        assert!(
            text.contains(&stamp),
            "page {} lacks its stamp: {text}",
            index + 1
        );
    }

    let cover = &pages[0];
    for words in [
        "Evidence bundle",
        "Jane Smith",
        "Council: Kent County Council",
        "Reference: EHC/2025/0042",
        "Made on 5 December 2026",
    ] {
        assert!(cover.contains(words), "the cover lacks {words:?}: {cover}");
    }
    let index = &pages[1];
    assert!(index.contains("Index"), "{index}");

    let chronology_pages: Vec<&String> = pages
        .iter()
        .filter(|page| page.contains("Event number"))
        .collect();
    assert!(
        chronology_pages.len() >= 2,
        "40 events run onto a second page"
    );
    let chronology_text: String = chronology_pages.iter().map(|page| page.as_str()).collect();
    for number in 1..=40 {
        assert!(
            chronology_text.contains(&format!("Event number {number}:")),
            "event {number} missing"
        );
    }
    for words in [
        "Chronology: Jane Smith",
        "Decision whether to assess",
        "Regulation 5(1)",
        "Deadlines met late",
        "The letter arrived a week late",
    ] {
        assert!(
            chronology_text.contains(words),
            "the chronology lacks {words:?}"
        );
    }

    // Each placed item starts on the page the index gives, and the index row says so.
    let first_document = 2 + 1 + chronology_pages.len() as u32;
    let expected = [
        (
            1,
            Placed::Pages {
                first: first_document,
                count: 3,
            },
            "Council letter page 1",
        ),
        (
            3,
            Placed::Pages {
                first: first_document + 3,
                count: 1,
            },
            "Photo of homework",
        ),
        (
            5,
            Placed::Pages {
                first: first_document + 4,
                count: 2,
            },
            "Turned plan page 1",
        ),
        (
            7,
            Placed::Pages {
                first: first_document + 6,
                count: 1,
            },
            "Drawing (drawing.png)",
        ),
    ];
    for (number, placed, words) in expected.clone() {
        let entry = &made.index[number - 1];
        assert_eq!(entry.placed, placed, "item {number}");
        let Placed::Pages { first, .. } = placed else {
            unreachable!()
        };
        assert!(
            pages[first as usize - 1].contains(words),
            "page {first} lacks {words:?}"
        );
        let row = index
            .lines()
            .find(|line| line.contains(&entry.description))
            .expect("an index row");
        assert!(
            row.trim_end().ends_with(&first.to_string()),
            "index row {row:?} gives page {first}"
        );
    }
    assert_eq!(made.pages, first_document + 6);
    assert_eq!(
        pages[first_document as usize + 1],
        pages[first_document as usize + 1].replace("page 1", ""),
        "only page 3 of the letter here"
    );
    assert!(pages[first_document as usize + 1].contains("Council letter page 3"));

    assert_eq!(made.index[1].placed, Placed::Separately);
    assert!(
        index
            .lines()
            .any(|line| line.contains("School report") && line.contains("provided separately")),
        "{index}"
    );
    assert_eq!(made.left_out.len(), 2, "{:?}", made.left_out);
    assert!(
        made.left_out[0].starts_with(
            "broken.pdf was left out of the bundle: it is damaged: no pages could be read from it."
        ),
        "{}",
        made.left_out[0]
    );
    assert!(
        made.left_out[1]
            .starts_with("locked.pdf was left out of the bundle: it is protected with a password"),
        "{}",
        made.left_out[1]
    );
    assert!(matches!(&made.index[3].placed, Placed::LeftOut(why) if why.contains("damaged")));
    assert!(
        index.contains("Left out: it is protected with a password"),
        "{index}"
    );
    assert!(
        index
            .lines()
            .any(|line| line.contains("Damaged scan") && line.contains("left out")),
        "{index}"
    );
    assert_eq!(made.over_limit, None, "7 pages of evidence are within 75");

    let mut titles = vec![
        ("Cover".to_owned(), 1),
        ("Index".to_owned(), 2),
        ("Chronology".to_owned(), 3),
    ];
    for (number, placed, _) in expected {
        let Placed::Pages { first, .. } = placed else {
            unreachable!()
        };
        let entry = &made.index[number - 1];
        titles.push((
            format!("{number}. {} (6 January 2025)", entry.description),
            first,
        ));
    }
    assert_eq!(bookmarks(&path), titles);

    // The pictures show; the turned page's stamp sits at the bottom right as shown.
    let photo = rendered(&path, first_document + 3);
    assert!(
        dark_pixels(&photo, [0.2, 0.8], [0.15, 0.6]) > 1000,
        "the photo renders"
    );
    let drawing = rendered(&path, first_document + 6);
    assert!(
        dark_pixels(&drawing, [0.3, 0.7], [0.2, 0.5]) > 500,
        "the drawing's square renders"
    );
    assert!(
        dark_pixels(&drawing, [0.1, 0.2], [0.2, 0.3]) < 5,
        "its clear background stays white"
    );
    let turned = rendered(&path, first_document + 4);
    assert!(
        turned.0 < turned.1,
        "a quarter-turned landscape page shows as portrait"
    );
    assert!(
        dark_pixels(&turned, [0.5, 1.0], [0.9, 1.0]) > 10,
        "the stamp at the shown bottom right"
    );
    assert_eq!(
        dark_pixels(&turned, [0.0, 0.4], [0.9, 1.0]),
        0,
        "nothing at the bottom left"
    );
}

#[test]
fn a_long_index_still_gives_the_right_first_pages() {
    let pdfs: Vec<Vec<u8>> = (1..=70)
        .map(|n| {
            support::pdf(
                1 + n % 2,
                [595.0, 842.0],
                0,
                &format!("Document {n}"),
                false,
                0,
            )
        })
        .collect();
    let items = pdfs
        .iter()
        .enumerate()
        .map(|(n, bytes)| {
            item(
                &format!("Report number {}", n + 1),
                &format!("report-{}.pdf", n + 1),
                "application/pdf",
                bytes,
            )
        })
        .collect();
    let input = Input {
        cover: cover(),
        chronology: None,
        items,
        appeal: None,
    };
    let made = make(&input, &mut |_, _| {});
    let path = saved(&made, "long-index.pdf");
    let pages = pages_text(&path);
    let index_pages = pages
        .iter()
        .filter(|page| page.contains("Report number"))
        .count();
    assert!(index_pages >= 2, "70 rows take more than a page");
    assert!(
        pages[1].contains(&format!("Index: pages 2 to {}.", index_pages + 1)),
        "{}",
        pages[1]
    );
    for entry in &made.index {
        let Placed::Pages { first, .. } = entry.placed else {
            panic!("{entry:?}")
        };
        let label = format!("Document {} page 1", entry.number);
        assert!(
            pages[first as usize - 1].contains(&label),
            "page {first} lacks {label:?}"
        );
    }
    assert_eq!(page_count(&path), made.pages);
    assert_eq!(made.pages as usize, 1 + index_pages + 35 * 2 + 35);
}

#[test]
fn evidence_over_the_limit_is_warned_of_and_bundled_all_the_same() {
    let long = support::pdf(80, [595.0, 842.0], 0, "Long report", true, 0);
    let items = vec![item("Long report", "long.pdf", "application/pdf", &long)];
    let input = Input {
        cover: cover(),
        chronology: None,
        items,
        appeal: Some(Appeal::RefusalToAssess),
    };
    let mut steps = Vec::new();
    let made = make(&input, &mut |done, all| steps.push((done, all)));
    assert_eq!(steps, [(1, 3), (2, 3), (3, 3)]);
    let warning = made.over_limit.as_deref().expect("80 pages pass 75");
    assert!(
        warning.contains("80 pages") && warning.contains("75 pages"),
        "{warning}"
    );
    let path = saved(&made, "over-limit.pdf");
    assert_eq!(page_count(&path), 82);
    assert!(pages_text(&path)[81].contains("Page 82 of 82"));

    let input = Input {
        appeal: Some(Appeal::RefusalToIssue),
        ..input
    };
    assert_eq!(
        make(&input, &mut |_, _| {}).over_limit,
        None,
        "80 pages are within 100"
    );
}

#[test]
fn a_pdf_written_by_another_program_keeps_its_text_and_fonts() {
    // pdftocairo rewrites the file with cairo: its own structure, fonts
    // embedded as subsets, content compressed.
    let original = saved_bytes(
        &support::pdf(2, [595.0, 842.0], 0, "Cairo copy", false, 0),
        "cairo-in.pdf",
    );
    let copy = original.with_file_name("cairo-out.pdf");
    poppler(
        "pdftocairo",
        &["-pdf", original.to_str().unwrap(), copy.to_str().unwrap()],
    );
    let bytes = std::fs::read(&copy).expect("pdftocairo's file");
    let input = Input {
        cover: cover(),
        chronology: None,
        items: vec![item("Copy", "copy.pdf", "application/pdf", &bytes)],
        appeal: None,
    };
    let made = make(&input, &mut |_, _| {});
    assert!(made.left_out.is_empty(), "{:?}", made.left_out);
    let path = saved(&made, "cairo-bundle.pdf");
    let pages = pages_text(&path);
    assert_eq!(pages.len(), 4);
    assert!(
        pages[2].contains("Cairo copy page 1") && pages[2].contains("Page 3 of 4"),
        "{}",
        pages[2]
    );
    assert!(
        pages[3].contains("Cairo copy page 2") && pages[3].contains("Page 4 of 4"),
        "{}",
        pages[3]
    );
    let fonts = poppler("pdffonts", &[path.to_str().unwrap()]);
    // Cairo embeds whichever font the machine gave it for Times; a subset's
    // name starts with six capitals and a plus sign.
    let embedded = fonts
        .lines()
        .any(|line| line.as_bytes().get(6) == Some(&b'+') && line.contains(" yes "));
    assert!(embedded, "cairo's embedded font is in the bundle: {fonts}");
}

/// Writes `bytes` under the target directory as `name`.
fn saved_bytes(bytes: &[u8], name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("the file written");
    path
}
