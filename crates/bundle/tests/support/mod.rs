//! Files to bundle, made here: PDFs written with lopdf, a PNG with the png
//! crate, a PDF locked with a password, and a chronology. Shared by the tests
//! and the bench.

use lopdf::{Document, Object, SaveOptions, Stream, dictionary};
use outputs::chronology::{Chronology, DeadlineRow, EventRow};

/// A PDF of `pages` pages of `size` (width, height) points, shown turned
/// `rotate` degrees, each saying "`label` page N" and, when `scan` is not 0,
/// showing a scan: a grey image of `scan` bytes of noise (which, like a
/// scan's JPEG, does not compress). The size, resources and turn are set on
/// the page tree's root, for the pages to inherit. `modern` writes it with
/// object and cross-reference streams, as most PDFs now are.
pub fn pdf(
    pages: usize,
    size: [f32; 2],
    rotate: i64,
    label: &str,
    modern: bool,
    scan: usize,
) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let tree = document.new_object_id();
    let font = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let mut noise = 12345u32;
    let kids: Vec<Object> = (1..=pages)
        .map(|page| {
            let mut text = format!("q 0.5 g BT /F1 14 Tf 40 {} Td ({label} page {page}) Tj ET Q\n", size[1] - 60.0);
            let mut page = dictionary! { "Type" => "Page", "Parent" => tree };
            if scan > 0 {
                let pixels: Vec<u8> = (0..scan)
                    .map(|_| {
                        noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        (noise >> 16) as u8 | 0x80
                    })
                    .collect();
                let image = document.add_object(Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => 500, "Height" => (scan / 500) as i64,
                        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                    },
                    pixels,
                ));
                text.push_str("q 500 0 0 600 40 100 cm /Scan Do Q\n");
                page.set("Resources", dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Scan" => image } });
            }
            let mut content = Stream::new(dictionary! {}, text.into_bytes());
            content.compress().expect("compressing in memory");
            page.set("Contents", document.add_object(content));
            document.add_object(page).into()
        })
        .collect();
    document.objects.insert(
        tree,
        dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), size[0].into(), size[1].into()],
            "Rotate" => rotate,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        }
        .into(),
    );
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    let options = SaveOptions::builder()
        .use_object_streams(modern)
        .use_xref_streams(modern)
        .build();
    document
        .save_with_options(&mut bytes, options)
        .expect("writing to memory");
    bytes
}

/// A one-page PDF whose trailer names a standard security handler that the
/// empty password does not open, as a file locked with a password has.
pub fn locked_pdf() -> Vec<u8> {
    let mut document =
        lopdf::Document::load_mem(&pdf(1, [595.0, 842.0], 0, "Locked", false, 0)).unwrap();
    let encrypt = document.add_object(dictionary! {
        "Filter" => "Standard",
        "V" => 2,
        "R" => 3,
        "Length" => 128,
        "P" => -3904,
        "O" => Object::string_literal(vec![0x21; 32]),
        "U" => Object::string_literal(vec![0x42; 32]),
    });
    document.trailer.set("Encrypt", encrypt);
    let id = Object::string_literal(vec![7; 16]);
    document.trailer.set("ID", vec![id.clone(), id]);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

/// A `width` by `height` RGBA PNG: a dark, patterned square on a clear background.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|at| {
            let (x, y) = (at % width, at / width);
            let inside =
                x >= width / 4 && x < width * 3 / 4 && y >= height / 4 && y < height * 3 / 4;
            if inside {
                [(x * 7 % 64) as u8, (y * 3 % 64) as u8, 160, 255]
            } else {
                [255, 255, 255, 0]
            }
        })
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

/// A chronology of `events` events and one deadline missed.
pub fn chronology(events: usize) -> Chronology {
    Chronology {
        child: "Jane Smith".to_owned(),
        council: Some("Kent County Council".to_owned()),
        reference: Some("EHC/2025/0042".to_owned()),
        prepared: "Prepared on 5 December 2026".to_owned(),
        events: (1..=events)
            .map(|number| EventRow {
                number,
                date: format!("{} March 2025", number % 28 + 1),
                what: format!("Event number {number}: the council wrote about the assessment"),
                who: "SEN officer".to_owned(),
                document: format!("letter-{number}.pdf"),
                note: if number % 3 == 0 {
                    "The letter arrived a week late and did not say why.".to_owned()
                } else {
                    String::new()
                },
            })
            .collect(),
        missed: vec![DeadlineRow {
            what: "Decision whether to assess".to_owned(),
            due: "7 April 2025".to_owned(),
            done: "Not yet".to_owned(),
            late: "23 days (3 weeks 2 days)".to_owned(),
            citation: "Regulation 5(1)".to_owned(),
        }],
        met_late: Vec::new(),
    }
}
