//! A bundle of about 200 pages as a family might make one: 21 PDFs of 9
//! pages each (each page a 100 KB scan, written with object streams), 5 PNG
//! screenshots of 1200 by 900 pixels with transparency, 5
//! JPEG photos and a chronology of 40 events. Prints the median time of a
//! few runs of `bundle::make` and the size of the PDF. Target: well under
//! 2 s natively, so that the browser (several times slower) stays under its
//! 10 s. Nothing here asserts a time.

#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use bundle::{Appeal, Cover, Input, Item, make};

const RUNS: usize = 5;
const JPEG: &[u8] = include_bytes!("../tests/fixtures/photo.jpg");

fn main() {
    let pdfs: Vec<Vec<u8>> = (1..=21)
        .map(|n| support::pdf(9, [595.0, 842.0], 0, &format!("Report {n}"), true, 100_000))
        .collect();
    let png = support::png(1200, 900);
    let chronology = support::chronology(40);
    let item = |n: usize, name: String, media_type: &str, bytes| Item {
        date: format!("{} March 2025", n % 28 + 1),
        description: format!("Document {n}"),
        name,
        media_type: media_type.to_owned(),
        bytes,
    };
    let mut items: Vec<Item> = pdfs
        .iter()
        .enumerate()
        .map(|(n, pdf)| item(n, format!("report-{n}.pdf"), "application/pdf", pdf))
        .collect();
    for n in 0..5 {
        items.push(item(
            21 + n,
            format!("screenshot-{n}.png"),
            "image/png",
            &png,
        ));
        items.push(item(26 + n, format!("photo-{n}.jpg"), "image/jpeg", JPEG));
    }
    let input = Input {
        cover: Cover {
            name: "Jane Smith".to_owned(),
            council: Some("Kent County Council".to_owned()),
            reference: Some("EHC/2025/0042".to_owned()),
            made_on: "5 December 2026".to_owned(),
        },
        chronology: Some(&chronology),
        items,
        appeal: Some(Appeal::SectionsBAndF),
    };
    let input_bytes: usize = input.items.iter().map(|item| item.bytes.len()).sum();
    let mut times = Vec::new();
    let mut made = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        made = Some(make(&input, &mut |_, _| {}));
        times.push(start.elapsed());
    }
    times.sort();
    let made = made.expect("made at least once");
    println!(
        "bundle: {} pages from {} files ({:.1} MB) in {} ms (median of {RUNS}; fastest {} ms), {:.1} MB",
        made.pages,
        input.items.len(),
        input_bytes as f64 / 1e6,
        times[RUNS / 2].as_millis(),
        times[0].as_millis(),
        made.pdf.len() as f64 / 1e6,
    );
}
