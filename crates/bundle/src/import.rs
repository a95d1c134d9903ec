//! Attached PDFs: read, checked, and their pages moved into the bundle with
//! the stamp added beside their own content, which is left as it was.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::stamp::{FONT, label, stamp};

/// The attributes a page may inherit from the page-tree nodes above it.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The size PDF readers assume for a page that gives none: US Letter.
const LETTER: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

/// A copy of a page's resources that also names Helvetica for the stamp.
fn with_stamp_font(document: &Document, resources: Option<Object>, font: ObjectId) -> Dictionary {
    let own = |object: Option<&Object>| {
        object
            .and_then(|object| resolved(document, object).as_dict().ok())
            .cloned()
            .unwrap_or_default()
    };
    let mut resources = own(resources.as_ref());
    let mut fonts = own(resources.get(b"Font").ok());
    fonts.set(FONT, font);
    resources.set("Font", fonts);
    resources
}

/// `bytes` read as a PDF with at least one page; otherwise why not, in words
/// for the family: damaged, or locked with a password.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, String> {
    let document =
        Document::load_mem(bytes).map_err(|error| format!("it is not a readable PDF ({error})"))?;
    // lopdf opens a file locked with an empty password itself and drops its
    // /Encrypt; one still there needs a password the bundle does not have.
    if document.is_encrypted() {
        return Err(
            "it is protected with a password; save a copy without the password and add that"
                .to_owned(),
        );
    }
    if document.get_pages().is_empty() {
        return Err("it is damaged: no pages could be read from it".to_owned());
    }
    Ok(document)
}

/// The page's own value of `key`, or the nearest value up its page tree.
fn inherited(document: &Document, page: &Dictionary, key: &[u8]) -> Option<Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = document.get_dictionary(parent).ok()?;
    }
    None
}

/// `object` with a reference followed.
fn resolved<'a>(document: &'a Document, object: &'a Object) -> &'a Object {
    document
        .dereference(object)
        .map_or(object, |(_, object)| object)
}

/// A rectangle as [x0 y0 x1 y1] with x0 < x1 and y0 < y1.
fn rectangle(document: &Document, object: &Object) -> Option<[f32; 4]> {
    let array = resolved(document, object).as_array().ok()?;
    let values: Vec<f32> = array
        .iter()
        .filter_map(|value| resolved(document, value).as_float().ok())
        .collect();
    let [a, b, c, d] = values[..] else {
        return None;
    };
    Some([a.min(c), b.min(d), a.max(c), b.max(d)])
}

/// Where the pages of an attached PDF go in the bundle.
pub(crate) struct Placement {
    /// The bundle's page tree node, parent of every page.
    pub(crate) parent: ObjectId,
    /// The bundle page number of the document's first page.
    pub(crate) first: u32,
    /// The bundle's page count.
    pub(crate) pages: u32,
    /// Helvetica, for the stamp.
    pub(crate) font: ObjectId,
    /// A stream of just `q`, shared by every page, opening the save that
    /// keeps the page's own graphics state from reaching the stamp.
    pub(crate) save: ObjectId,
}

/// Moves `document`'s pages into `bundle` in order, each stamped; returns
/// their ids. Each page takes what it inherited from its old page tree.
pub(crate) fn add(bundle: &mut Document, mut document: Document, at: &Placement) -> Vec<ObjectId> {
    document.renumber_objects_with(bundle.max_id + 1);
    let page_ids: Vec<ObjectId> = document.get_pages().into_values().collect();
    let mut updated = Vec::with_capacity(page_ids.len());
    for (index, &id) in page_ids.iter().enumerate() {
        let Ok(page) = document.get_dictionary(id) else {
            continue;
        };
        let [resources, media_box, crop_box, rotate] =
            INHERITED.map(|key| inherited(&document, page, key));
        let area = crop_box
            .as_ref()
            .or(media_box.as_ref())
            .and_then(|area| rectangle(&document, area))
            .unwrap_or(LETTER);
        let rotate = rotate
            .and_then(|turn| resolved(&document, &turn).as_i64().ok())
            .unwrap_or(0);
        let mut page = page.clone();
        page.set("Parent", at.parent);
        page.set("Resources", with_stamp_font(&document, resources, at.font));
        page.set(
            "MediaBox",
            media_box.unwrap_or_else(|| LETTER.map(Object::Real).to_vec().into()),
        );
        if let Some(crop_box) = crop_box {
            page.set("CropBox", crop_box);
        }
        page.set("Rotate", rotate);
        let mut ending = b"Q\n".to_vec();
        ending.extend(stamp(
            &label(at.first + index as u32, at.pages),
            area,
            rotate,
        ));
        updated.push((id, page, ending));
    }
    for (id, mut page, ending) in updated {
        let mut contents = vec![Object::Reference(at.save)];
        match page.get(b"Contents") {
            Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
            Ok(part @ Object::Reference(_)) => contents.push(part.clone()),
            _ => {}
        }
        contents.push(Object::Reference(
            document.add_object(Stream::new(Dictionary::new(), ending)),
        ));
        page.set("Contents", contents);
        document.objects.insert(id, Object::Dictionary(page));
    }
    // The old catalog and page tree stay behind; nothing in the bundle
    // refers to them, so the bundle's final prune drops them.
    bundle.max_id = bundle.max_id.max(document.max_id);
    bundle.objects.extend(document.objects);
    page_ids
}
