//! Attached PDFs: their pages copied into the bundle with what they use,
//! renumbered, and the stamp added after their own content, which is left as
//! it was.

use std::collections::HashMap;

use crate::pdf::{Dict, Object, Page, Pdf, Writer};
use crate::stamp::{FONT, label, stamp};

/// The size PDF readers assume for a page that gives none: US Letter.
const LETTER: [f64; 4] = [0.0, 0.0, 612.0, 792.0];

/// Where the pages of an attached PDF go in the bundle.
pub(crate) struct Placement {
    /// The bundle's page tree node, parent of every page.
    pub(crate) parent: u32,
    /// The bundle page number of the document's first page.
    pub(crate) first: u32,
    /// The bundle's page count.
    pub(crate) pages: u32,
    /// Helvetica, for the stamp.
    pub(crate) font: u32,
    /// A stream of just `q`, shared by every page, opening the save that
    /// keeps the page's own graphics state from reaching the stamp.
    pub(crate) save: u32,
}

/// The objects of one attached file as they are copied: old number to new.
struct Copy<'a> {
    pdf: &'a Pdf,
    numbers: HashMap<u32, u32>,
    waiting: Vec<u32>,
}

impl Copy<'_> {
    /// `object` with its references renumbered, the objects they name queued
    /// for copying. A reference to the old catalog or page tree becomes null:
    /// the bundle has its own, and the old one would bring every page again.
    fn renumbered(&mut self, writer: &mut Writer, object: &Object) -> Object {
        match object {
            Object::Ref(old) => {
                let target = self.pdf.resolve(object).as_dict();
                if target
                    .is_some_and(|dict| dict.is(b"Type", b"Catalog") || dict.is(b"Type", b"Pages"))
                {
                    return Object::Null;
                }
                let new = *self.numbers.entry(*old).or_insert_with(|| {
                    self.waiting.push(*old);
                    writer.reserve()
                });
                Object::Ref(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|item| self.renumbered(writer, item))
                    .collect(),
            ),
            Object::Dict(dict) => Object::Dict(self.renumbered_dict(writer, dict)),
            Object::Stream(dict, data) => {
                Object::Stream(self.renumbered_dict(writer, dict), data.clone())
            }
            other => other.clone(),
        }
    }

    fn renumbered_dict(&mut self, writer: &mut Writer, dict: &Dict) -> Dict {
        Dict(
            dict.0
                .iter()
                .map(|(key, value)| (key.clone(), self.renumbered(writer, value)))
                .collect(),
        )
    }

    /// Copies every object queued, and those they refer to in turn.
    fn drain(&mut self, writer: &mut Writer) {
        while let Some(old) = self.waiting.pop() {
            let object = self.pdf.objects.get(&old).unwrap_or(&Object::Null);
            let object = self.renumbered(writer, object);
            writer.write(self.numbers[&old], &object);
        }
    }
}

/// A rectangle as [x0 y0 x1 y1] with x0 < x1 and y0 < y1.
fn rectangle(pdf: &Pdf, object: &Object) -> Option<[f64; 4]> {
    let values: Vec<f64> = pdf
        .resolve(object)
        .as_array()?
        .iter()
        .filter_map(|value| pdf.resolve(value).as_number())
        .collect();
    let [a, b, c, d] = values[..] else {
        return None;
    };
    Some([a.min(c), b.min(d), a.max(c), b.max(d)])
}

/// Copies `pages` of `pdf` into the bundle in order, each stamped; returns
/// the bundle's numbers for them.
pub(crate) fn add(writer: &mut Writer, pdf: &Pdf, pages: &[Page], at: &Placement) -> Vec<u32> {
    let mut copy = Copy {
        pdf,
        numbers: HashMap::new(),
        waiting: Vec::new(),
    };
    // Numbered first, so that links and annotations naming a page find it.
    let ids: Vec<u32> = pages
        .iter()
        .map(|page| {
            let id = writer.reserve();
            copy.numbers.insert(page.id, id);
            id
        })
        .collect();
    for (index, (page, &id)) in pages.iter().zip(&ids).enumerate() {
        let dict = &page.dict;
        let media_box = dict
            .get(b"MediaBox")
            .and_then(|area| rectangle(pdf, area))
            .unwrap_or(LETTER);
        let visible = dict
            .get(b"CropBox")
            .and_then(|area| rectangle(pdf, area))
            .unwrap_or(media_box);
        let rotate = dict
            .get(b"Rotate")
            .and_then(|turn| pdf.resolve(turn).as_int())
            .unwrap_or(0);
        let ending = [
            b"Q\n".to_vec(),
            stamp(
                &label(at.first + index as u32, at.pages),
                visible.map(|side| side as f32),
                rotate,
            ),
        ]
        .concat();
        let ending = writer.add(&Object::Stream(Dict::default(), ending));
        let mut contents = vec![Object::Ref(at.save)];
        match dict
            .get(b"Contents")
            .map(|contents| (contents, pdf.resolve(contents)))
        {
            Some((_, Object::Array(parts))) => {
                contents.extend(parts.iter().map(|part| copy.renumbered(writer, part)))
            }
            Some((part @ Object::Ref(_), Object::Stream(..))) => {
                contents.push(copy.renumbered(writer, part))
            }
            _ => {}
        }
        contents.push(Object::Ref(ending));
        let mut resources = pdf
            .resolve(dict.get(b"Resources").unwrap_or(&Object::Null))
            .as_dict()
            .cloned()
            .unwrap_or_default();
        let mut fonts = pdf
            .resolve(resources.get(b"Font").unwrap_or(&Object::Null))
            .as_dict()
            .cloned()
            .unwrap_or_default();
        fonts = copy.renumbered_dict(writer, &fonts);
        fonts.set(FONT, Object::Ref(at.font));
        resources = copy.renumbered_dict(writer, &resources);
        resources.set("Font", fonts);
        let kept = Dict(
            dict.0
                .iter()
                .filter(|(key, _)| !is_replaced(key))
                .cloned()
                .collect(),
        );
        let mut new = copy.renumbered_dict(writer, &kept);
        new.set("Parent", Object::Ref(at.parent));
        new.set("Resources", resources);
        new.set("MediaBox", media_box.map(Object::Real).to_vec());
        if dict.get(b"CropBox").is_some() {
            new.set("CropBox", visible.map(Object::Real).to_vec());
        }
        new.set("Rotate", Object::Int(rotate));
        new.set("Contents", contents);
        writer.write(id, &new.into());
        copy.drain(writer);
    }
    ids
}

/// The page entries the bundle writes anew.
fn is_replaced(key: &[u8]) -> bool {
    [
        &b"Parent"[..],
        b"Resources",
        b"MediaBox",
        b"CropBox",
        b"Rotate",
        b"Contents",
    ]
    .contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_its_content_and_gains_the_stamp_after_it() {
        let file = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
            2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 200 100]/Resources<</Font<</F1 5 0 R>>>>>> endobj\n\
            3 0 obj <</Type/Page/Parent 2 0 R/Contents 4 0 R/Annots[<</Subtype/Link/P 3 0 R/Dest[3 0 R/Fit]>>]>> endobj\n\
            4 0 obj <</Length 3>> stream\nq Q\nendstream endobj\n\
            5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Times-Roman>> endobj\n\
            trailer <</Root 1 0 R>>";
        let (pdf, pages) = Pdf::read(file).unwrap();
        let mut writer = Writer::new();
        let (parent, font, save) = (writer.reserve(), writer.reserve(), writer.reserve());
        let ids = add(
            &mut writer,
            &pdf,
            &pages,
            &Placement {
                parent,
                first: 4,
                pages: 9,
                font,
                save,
            },
        );
        assert_eq!(ids, [4]);
        let text = String::from_utf8_lossy(&writer.finish(1, 1)).into_owned();
        assert!(text.contains("(Page 4 of 9) Tj ET Q"), "{text}");
        assert!(
            text.contains("/Contents [3 0 R 6 0 R 5 0 R]"),
            "q, the page's own stream, then Q and the stamp: {text}"
        );
        assert!(
            text.contains("/Annots [<</Subtype /Link/P 4 0 R/Dest [4 0 R /Fit]>>]"),
            "{text}"
        );
        assert!(
            text.contains("/Resources <</Font <</F1 7 0 R/EhcBundleStamp 2 0 R>>>>"),
            "{text}"
        );
        assert!(text.contains("/Parent 1 0 R/Resources"), "{text}");
        assert!(
            text.contains("/BaseFont /Times-Roman"),
            "the font is copied: {text}"
        );
        assert!(
            !text.contains("/Catalog") && !text.contains("/Pages"),
            "the old tree stays behind: {text}"
        );
    }
}
