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
mod fonts;
mod images;
mod import;
mod outline;
mod sections;
mod sheet;
mod stamp;
mod winansi;
mod wrap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use outputs::chronology::Chronology;

pub use appeal::Appeal;
use images::Picture;
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
    Pdf(Document),
    Picture(Picture),
    Separately,
    LeftOut(String),
}

impl Read {
    /// The pages it takes in the bundle.
    fn pages(&self) -> u32 {
        match self {
            Read::Pdf(document) => document.get_pages().len() as u32,
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
        Kind::Pdf => import::load(item.bytes).map(Read::Pdf),
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
    let pages = first_document - 1 + evidence_pages;

    let mut bundle = Bundle::new(pages);
    let cover_page = bundle.generated(sections::cover(&input.cover, pages), bundle.resources);
    bundle.bookmark("Cover", cover_page);
    let index_first = index_streams
        .into_iter()
        .map(|page| bundle.generated(page, bundle.resources))
        .min();
    bundle.bookmark("Index", index_first.expect("an index has a page"));
    if let Some(first) = chronology
        .into_iter()
        .map(|page| bundle.generated(page, bundle.resources))
        .min()
    {
        bundle.bookmark("Chronology", first);
    }
    let mut left_out = Vec::new();
    for ((item, read), entry) in input.items.iter().zip(read).zip(&index) {
        let title = format!("{}. {} ({})", entry.number, item.description, item.date);
        match read {
            Read::Pdf(document) => {
                let first = bundle.pdf(document);
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
    document: Document,
    /// The page tree's root.
    tree: ObjectId,
    /// The pages so far.
    kids: Vec<ObjectId>,
    /// The page count the stamps give.
    pages: u32,
    /// Helvetica and Helvetica-Bold.
    fonts: Dictionary,
    /// The generated pages' shared resources: the two fonts.
    resources: ObjectId,
    /// The `q` that opens each attached page's content.
    save: ObjectId,
    /// The bookmarks: title and page.
    bookmarks: Vec<(String, ObjectId)>,
}

impl Bundle {
    fn new(pages: u32) -> Bundle {
        let mut document = Document::with_version("1.7");
        let tree = document.new_object_id();
        let font = |base: &str| {
            dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => Object::Name(base.as_bytes().to_vec()),
                "Encoding" => "WinAnsiEncoding",
            }
        };
        let regular = document.add_object(font("Helvetica"));
        let bold = document.add_object(font("Helvetica-Bold"));
        let fonts = dictionary! { "F1" => regular, "F2" => bold, stamp::FONT => regular };
        let resources = document.add_object(dictionary! { "Font" => fonts.clone() });
        let save = document.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        Bundle {
            document,
            tree,
            kids: Vec::new(),
            pages,
            fonts,
            resources,
            save,
            bookmarks: Vec::new(),
        }
    }

    fn bookmark(&mut self, title: &str, page: ObjectId) {
        self.bookmarks.push((title.to_owned(), page));
    }

    /// Adds an A4 page of `content` with `resources`, stamped; returns its id.
    fn generated(&mut self, mut content: Vec<u8>, resources: impl Into<Object>) -> ObjectId {
        let number = self.kids.len() as u32 + 1;
        content.extend(stamp::stamp(
            &stamp::label(number, self.pages),
            [0.0, 0.0, A4[0], A4[1]],
            0,
        ));
        let contents = self
            .document
            .add_object(Stream::new(Dictionary::new(), content));
        let page = self.document.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.tree,
            "MediaBox" => A4.iter().fold(vec![0.into(), 0.into()], |mut corners: Vec<Object>, &side| {
                corners.push(Object::Real(side));
                corners
            }),
            "Resources" => resources,
            "Contents" => contents,
        });
        self.kids.push(page);
        page
    }

    /// Adds `picture` on a page of its own under `caption`; returns the page.
    fn picture(&mut self, picture: Picture, caption: &str) -> ObjectId {
        let content = sections::picture(&picture, caption);
        let mut image = picture.image;
        if let Some(mask) = picture.mask {
            image.dict.set("SMask", self.document.add_object(mask));
        }
        let image = self.document.add_object(image);
        let resources = dictionary! {
            "Font" => self.fonts.clone(),
            "XObject" => dictionary! { sections::IMAGE => image },
        };
        self.generated(content, resources)
    }

    /// Adds every page of `document`; returns its first page.
    fn pdf(&mut self, document: Document) -> ObjectId {
        let placement = import::Placement {
            parent: self.tree,
            first: self.kids.len() as u32 + 1,
            pages: self.pages,
            font: self
                .fonts
                .get(b"F1")
                .and_then(Object::as_reference)
                .expect("Helvetica is set"),
            save: self.save,
        };
        let pages = import::add(&mut self.document, document, &placement);
        self.kids.extend(&pages);
        pages[0]
    }

    /// The catalog, page tree and bookmarks; unused objects dropped, streams
    /// compressed; the file.
    fn finish(mut self, name: &str) -> Vec<u8> {
        debug_assert_eq!(
            self.kids.len() as u32,
            self.pages,
            "the stamps counted every page"
        );
        let count = self.kids.len() as i64;
        let kids: Vec<Object> = self.kids.iter().map(|&kid| kid.into()).collect();
        self.document.objects.insert(
            self.tree,
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }.into(),
        );
        let outlines = outline::add(&mut self.document, &self.bookmarks);
        let catalog = self.document.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => self.tree,
            "Outlines" => outlines,
            "PageMode" => "UseOutlines",
        });
        let info = self.document.add_object(dictionary! {
            "Title" => outline::text_string(&format!("Evidence bundle: {name}")),
            "Producer" => outline::text_string("EHC Timeline"),
        });
        self.document.trailer.set("Root", catalog);
        self.document.trailer.set("Info", info);
        self.document.prune_objects();
        self.document.compress();
        let mut pdf = Vec::new();
        self.document.save_to(&mut pdf).expect("writing to memory");
        pdf
    }
}
