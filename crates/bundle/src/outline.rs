//! The bookmarks (the PDF outline): one entry for the cover, the index, the
//! chronology and each document, each opening its first page.

use lopdf::{Document, Object, ObjectId, StringFormat, dictionary};

/// `text` as a PDF text string: UTF-16 with its byte-order mark, so any
/// name shows as typed in a reader's bookmarks, WinAnsi or not.
pub(crate) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Adds the outline of `bookmarks` (title, page) as a flat list; returns its root.
pub(crate) fn add(document: &mut Document, bookmarks: &[(String, ObjectId)]) -> ObjectId {
    let root = document.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| document.new_object_id()).collect();
    for (index, ((title, page), &id)) in bookmarks.iter().zip(&ids).enumerate() {
        let mut entry = dictionary! {
            "Title" => text_string(title),
            "Parent" => root,
            "Dest" => vec![Object::Reference(*page), "Fit".into()],
        };
        if index > 0 {
            entry.set("Prev", ids[index - 1]);
        }
        if let Some(&next) = ids.get(index + 1) {
            entry.set("Next", next);
        }
        document.objects.insert(id, entry.into());
    }
    let mut outlines = dictionary! { "Type" => "Outlines", "Count" => ids.len() as i64 };
    if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
        outlines.set("First", first);
        outlines.set("Last", last);
    }
    document.objects.insert(root, outlines.into());
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_utf16_with_a_byte_order_mark() {
        let Object::String(bytes, _) = text_string("Zoë 日") else {
            panic!()
        };
        assert_eq!(
            bytes,
            [0xFE, 0xFF, 0, b'Z', 0, b'o', 0, 0xEB, 0, b' ', 0x65, 0xE5]
        );
    }
}
