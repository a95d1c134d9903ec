//! The evidence bundle a family takes to the SEND Tribunal, the Ombudsman or
//! a solicitor: one PDF with a cover, an index, the chronology and then every
//! attached PDF and picture in the order given, each page stamped "Page 12 of
//! 140" in its bottom margin and each part bookmarked, as the tribunal's
//! Practice Direction No 1 of 2025 on bundles asks (one paginated PDF,
//! evidence in date order). See [`Appeal`] for its page limits.
//!
//! Pure, like `outputs`: no clock (the day is written by the caller), no
//! files, no threads, so the web app (wasm) and `ehc bundle` share it. A file
//! that cannot go in never stops the rest: it is listed in the index with why.

#![deny(missing_docs)]

mod appeal;
mod filters;
mod fonts;
mod images;
mod import;
mod outline;
mod pdf;
mod png;
mod sections;
mod sheet;
mod stamp;
mod winansi;
mod wrap;

use outputs::chronology::Chronology;

pub use appeal::Appeal;
use images::Picture;
use pdf::{Dict, Object, Page, Pdf, Writer, deflated, dict};
use sheet::A4;

/// What the cover says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cover {
    /// The child's name or initials, as the family chose.
    pub name: String,
    /// The council, when known.
    pub council: Option<String>,
    /// The council's reference, when known.
    pub reference: Option<String>,
    /// The day the bundle was made, already written: "5 December 2026".
    pub made_on: String,
}

/// One attached file, in bundle order.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// Its date, written: "6 January 2025".
    pub date: String,
    /// What it is: "EP report".
    pub description: String,
    /// Its file name, so it can be found: "ep-report.pdf".
    pub name: String,
    /// Its media type: "application/pdf", "image/jpeg", "image/png"; any
    /// other is listed as provided separately. An empty or generic type is
    /// judged from the file's first bytes.
    pub media_type: String,
    /// The file.
    pub bytes: &'a [u8],
}

/// Everything the bundle is made from.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// The cover.
    pub cover: Cover,
    /// The chronology, placed after the index, when wanted.
    pub chronology: Option<&'a Chronology>,
    /// The attached files in the order chosen (date order by default).
    pub items: Vec<Item<'a>>,
    /// The kind of appeal, for the page-limit warning.
    pub appeal: Option<Appeal>,
}

/// Where an item ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placed {
    /// In the bundle, from page `first`, `count` pages.
    Pages {
        /// The bundle page number of its first page.
        first: u32,
        /// How many pages it takes.
        count: u32,
    },
    /// Neither PDF nor picture (a Word file, an email): sent alongside.
    Separately,
    /// Could not go in; why, in words for the family.
    LeftOut(String),
}

/// One row of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// 1 for the first item.
    pub number: usize,
    /// The item's date, written.
    pub date: String,
    /// What it is.
    pub description: String,
    /// Its file name.
    pub name: String,
    /// Where it is.
    pub placed: Placed,
}

/// The bundle made.
#[derive(Clone, Debug)]
pub struct Made {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its page count.
    pub pages: u32,
    /// The index, one entry an item.
    pub index: Vec<IndexEntry>,
    /// One message for each file left out, naming it and saying why.
    pub left_out: Vec<String>,
    /// The warning when the documents pass the direction's page limit.
    pub over_limit: Option<String>,
}

/// An item read, before it is placed.
enum Read {
    Pdf(Pdf, Vec<Page>),
    Picture(Picture),
    Separately,
    LeftOut(String),
}

impl Read {
    /// The pages it takes in the bundle.
    fn pages(&self) -> u32 {
        match self {
            Read::Pdf(_, pages) => pages.len() as u32,
            Read::Picture(_) => 1,
            Read::Separately | Read::LeftOut(_) => 0,
        }
    }
}

/// The kinds of file the bundle can hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Jpeg,
    Png,
    OtherImage,
    Other,
}

/// `item`'s kind from its media type, or from its first bytes when the type
/// says nothing useful (a browser gives "" for a file it does not know).
fn kind(item: &Item) -> Kind {
    match item.media_type.to_ascii_lowercase().as_str() {
        "application/pdf" => Kind::Pdf,
        "image/jpeg" | "image/jpg" | "image/pjpeg" => Kind::Jpeg,
        "image/png" => Kind::Png,
        "" | "application/octet-stream" => match item.bytes {
            [b'%', b'P', b'D', b'F', ..] => Kind::Pdf,
            [0xFF, 0xD8, 0xFF, ..] => Kind::Jpeg,
            [0x89, b'P', b'N', b'G', ..] => Kind::Png,
            _ => Kind::Other,
        },
        other if other.starts_with("image/") => Kind::OtherImage,
        _ => Kind::Other,
    }
}

/// `item` read and checked.
fn read(item: &Item) -> Read {
    let read = match kind(item) {
        Kind::Pdf => Pdf::read(item.bytes)
            .map(|(pdf, pages)| Read::Pdf(pdf, pages))
            .map_err(str::to_owned),
        Kind::Jpeg => images::jpeg(item.bytes).map(Read::Picture),
        Kind::Png => images::png(item.bytes).map(Read::Picture),
        Kind::OtherImage => Err(format!(
            "a {} picture cannot be placed in a PDF here; save it as JPEG or PNG and add that",
            item.media_type
        )),
        Kind::Other => Ok(Read::Separately),
    };
    read.unwrap_or_else(Read::LeftOut)
}

/// "pages 4 to 9", or "page 4".
fn page_span(first: u32, count: u32) -> String {
    match count {
        1 => format!("page {first}"),
        _ => format!("pages {first} to {}", first + count - 1),
    }
}

impl Cover {
    /// The cover of the bundle of the case `chronology` is of, made on `today`.
    pub fn of(chronology: &Chronology, today: chrono::NaiveDate) -> Cover {
        Cover {
            name: chronology.child.clone(),
            council: chronology.council.clone(),
            reference: chronology.reference.clone(),
            made_on: rules::calendar::long_date(today),
        }
    }
}

impl<'a> Item<'a> {
    /// The document `document` kept with `event`, whose file is `bytes`:
    /// dated and described as the chronology has the event.
    pub fn of(
        event: &rules::Event,
        document: &rules::case_file::Document,
        bytes: &'a [u8],
    ) -> Item<'a> {
        Item {
            date: outputs::written_when(&event.when),
            description: outputs::event_what(event),
            name: document.name.clone(),
            media_type: document.media_type.clone(),
            bytes,
        }
    }
}

/// Makes the bundle. `progress` is told (steps done, steps in all) as the
/// work goes: one step for each item read, one for each placed, one for
/// writing the file, so a page can show how far it has got.
pub fn make(input: &Input, progress: &mut dyn FnMut(usize, usize)) -> Made {
    let steps = 2 * input.items.len() + 1;
    let mut done = 0;
    let mut step = |progress: &mut dyn FnMut(usize, usize)| {
        done += 1;
        progress(done, steps);
    };
    let read: Vec<Read> = input
        .items
        .iter()
        .map(|item| {
            let read = read(item);
            step(progress);
            read
        })
        .collect();

    let chronology = input
        .chronology
        .map(sections::chronology)
        .unwrap_or_default();
    let evidence_pages: u32 = read.iter().map(Read::pages).sum();
    // The index's own length moves every page after it, but it does not
    // depend on the numbers it shows: laid out once with them unknown, it
    // gives the page count the numbering needs.
    let entries = |first_document: u32| {
        let mut first = first_document;
        let entries: Vec<IndexEntry> = input
            .items
            .iter()
            .zip(&read)
            .enumerate()
            .map(|(index, (item, read))| IndexEntry {
                number: index + 1,
                date: item.date.clone(),
                description: item.description.clone(),
                name: item.name.clone(),
                placed: match read {
                    Read::Separately => Placed::Separately,
                    Read::LeftOut(why) => Placed::LeftOut(why.clone()),
                    read => {
                        let count = read.pages();
                        first += count;
                        Placed::Pages {
                            first: first - count,
                            count,
                        }
                    }
                },
            })
            .collect();
        entries
    };
    let chronology_pages = chronology.len() as u32;
    let sections = |index_pages: u32| {
        let mut text = format!("Cover: page 1. Index: {}.", page_span(2, index_pages));
        if chronology_pages > 0 {
            text.push_str(&format!(
                " Chronology: {}.",
                page_span(2 + index_pages, chronology_pages)
            ));
        }
        text
    };
    let index_pages = sections::index(&entries(9999), &sections(99)).len() as u32;
    let first_document = 2 + index_pages + chronology_pages;
    let index = entries(first_document);
    let index_streams = sections::index(&index, &sections(index_pages));
    debug_assert_eq!(
        index_streams.len() as u32,
        index_pages,
        "numbers never change the index's length"
    );
    let pages = first_document - 1 + evidence_pages;

    let mut bundle = Bundle::new(pages);
    let cover_page = bundle.section(vec![sections::cover(&input.cover, pages)]);
    bundle.bookmark("Cover", cover_page.expect("a cover"));
    let index_first = bundle.section(index_streams);
    bundle.bookmark("Index", index_first.expect("an index has a page"));
    if let Some(first) = bundle.section(chronology) {
        bundle.bookmark("Chronology", first);
    }
    let mut left_out = Vec::new();
    for ((item, read), entry) in input.items.iter().zip(read).zip(&index) {
        let title = format!("{}. {} ({})", entry.number, item.description, item.date);
        match read {
            Read::Pdf(pdf, pages) => {
                let first = bundle.pdf(&pdf, &pages);
                bundle.bookmark(&title, first);
            }
            Read::Picture(picture) => {
                let caption = format!("{} ({}), {}", item.description, item.name, item.date);
                let first = bundle.picture(picture, &caption);
                bundle.bookmark(&title, first);
            }
            Read::LeftOut(why) => {
                left_out.push(format!("{} was left out of the bundle: {why}.", item.name))
            }
            Read::Separately => {}
        }
        step(progress);
    }
    let pdf = bundle.finish(&input.cover.name);
    step(progress);
    Made {
        pdf,
        pages,
        index,
        left_out,
        over_limit: appeal::over_limit(input.appeal, evidence_pages),
    }
}

/// The bundle's PDF as it is built, page by page.
struct Bundle {
    writer: Writer,
    /// The page tree's root.
    tree: u32,
    /// The pages so far.
    kids: Vec<u32>,
    /// The page count the stamps give.
    pages: u32,
    /// Helvetica, for text and the stamp.
    regular: u32,
    /// Helvetica and Helvetica-Bold, as resources name them.
    fonts: Dict,
    /// The generated pages' shared resources: the fonts.
    resources: u32,
    /// The `q` that opens each attached page's content.
    save: u32,
    /// The bookmarks: title and page.
    bookmarks: Vec<(String, u32)>,
}

impl Bundle {
    fn new(pages: u32) -> Bundle {
        let mut writer = Writer::new();
        let tree = writer.reserve();
        let font = |base: &str| {
            Object::from(dict([
                ("Type", Object::name("Font")),
                ("Subtype", Object::name("Type1")),
                ("BaseFont", Object::name(base)),
                ("Encoding", Object::name("WinAnsiEncoding")),
            ]))
        };
        let regular = writer.add(&font("Helvetica"));
        let bold = writer.add(&font("Helvetica-Bold"));
        let fonts = dict([
            ("F1", Object::Ref(regular)),
            ("F2", Object::Ref(bold)),
            (stamp::FONT, Object::Ref(regular)),
        ]);
        let resources = writer.add(&dict([("Font", fonts.clone().into())]).into());
        let save = writer.add(&Object::Stream(Dict::default(), b"q\n".to_vec()));
        Bundle {
            writer,
            tree,
            kids: Vec::new(),
            pages,
            regular,
            fonts,
            resources,
            save,
            bookmarks: Vec::new(),
        }
    }

    fn bookmark(&mut self, title: &str, page: u32) {
        self.bookmarks.push((title.to_owned(), page));
    }

    /// Adds generated pages with the shared resources; returns the first.
    fn section(&mut self, pages: Vec<Vec<u8>>) -> Option<u32> {
        let resources = Object::Ref(self.resources);
        let ids: Vec<u32> = pages
            .into_iter()
            .map(|page| self.generated(page, resources.clone()))
            .collect();
        ids.first().copied()
    }

    /// Adds an A4 page of `content` with `resources`, stamped; returns its number.
    fn generated(&mut self, mut content: Vec<u8>, resources: Object) -> u32 {
        let number = self.kids.len() as u32 + 1;
        content.extend(stamp::stamp(
            &stamp::label(number, self.pages),
            [0.0, 0.0, A4[0], A4[1]],
            0,
        ));
        let contents = self.writer.add(&Object::Stream(
            dict([("Filter", Object::name("FlateDecode"))]),
            deflated(&content),
        ));
        let page = self.writer.add(
            &dict([
                ("Type", Object::name("Page")),
                ("Parent", Object::Ref(self.tree)),
                (
                    "MediaBox",
                    vec![
                        Object::Int(0),
                        Object::Int(0),
                        Object::Real(A4[0].into()),
                        Object::Real(A4[1].into()),
                    ]
                    .into(),
                ),
                ("Resources", resources),
                ("Contents", Object::Ref(contents)),
            ])
            .into(),
        );
        self.kids.push(page);
        page
    }

    /// Adds `picture` on a page of its own under `caption`; returns the page.
    fn picture(&mut self, picture: Picture, caption: &str) -> u32 {
        let content = sections::picture(&picture, caption);
        let (mut image, data) = picture.image;
        if let Some((mask, mask_data)) = picture.mask {
            image.set(
                "SMask",
                Object::Ref(self.writer.add(&Object::Stream(mask, mask_data))),
            );
        }
        let image = self.writer.add(&Object::Stream(image, data));
        let resources = dict([
            ("Font", self.fonts.clone().into()),
            (
                "XObject",
                dict([(sections::IMAGE, Object::Ref(image))]).into(),
            ),
        ]);
        self.generated(content, resources.into())
    }

    /// Adds `pages` of `pdf`; returns the first.
    fn pdf(&mut self, pdf: &Pdf, pages: &[Page]) -> u32 {
        let placement = import::Placement {
            parent: self.tree,
            first: self.kids.len() as u32 + 1,
            pages: self.pages,
            font: self.regular,
            save: self.save,
        };
        let ids = import::add(&mut self.writer, pdf, pages, &placement);
        self.kids.extend(&ids);
        ids[0]
    }

    /// The page tree, bookmarks, catalog and information; the file.
    fn finish(mut self, name: &str) -> Vec<u8> {
        debug_assert_eq!(
            self.kids.len() as u32,
            self.pages,
            "the stamps counted every page"
        );
        let kids: Vec<Object> = self.kids.iter().map(|&kid| Object::Ref(kid)).collect();
        let count = Object::Int(kids.len() as i64);
        let tree = dict([
            ("Type", Object::name("Pages")),
            ("Kids", kids.into()),
            ("Count", count),
        ]);
        self.writer.write(self.tree, &tree.into());
        let outlines = outline::add(&mut self.writer, &self.bookmarks);
        let catalog = self.writer.add(
            &dict([
                ("Type", Object::name("Catalog")),
                ("Pages", Object::Ref(self.tree)),
                ("Outlines", Object::Ref(outlines)),
                ("PageMode", Object::name("UseOutlines")),
            ])
            .into(),
        );
        let info = self.writer.add(
            &dict([
                (
                    "Title",
                    outline::text_string(&format!("Evidence bundle: {name}")),
                ),
                ("Producer", outline::text_string("EHC Timeline")),
            ])
            .into(),
        );
        self.writer.finish(catalog, info)
    }
}
