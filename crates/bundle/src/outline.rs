//! The bookmarks (the PDF outline): one entry for the cover, the index, the
//! chronology and each document, each opening its first page.

use crate::pdf::{Object, Writer, dict};

/// `text` as a PDF text string: UTF-16 with its byte-order mark, so any
/// name shows as typed in a reader's bookmarks, WinAnsi or not.
pub(crate) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes)
}

/// Writes the outline of `bookmarks` (title, page) as a flat list; returns its root.
pub(crate) fn add(writer: &mut Writer, bookmarks: &[(String, u32)]) -> u32 {
    let root = writer.reserve();
    let ids: Vec<u32> = bookmarks.iter().map(|_| writer.reserve()).collect();
    for (index, ((title, page), &id)) in bookmarks.iter().zip(&ids).enumerate() {
        let mut entry = dict([
            ("Title", text_string(title)),
            ("Parent", Object::Ref(root)),
            ("Dest", vec![Object::Ref(*page), Object::name("Fit")].into()),
        ]);
        if index > 0 {
            entry.set("Prev", Object::Ref(ids[index - 1]));
        }
        if let Some(&next) = ids.get(index + 1) {
            entry.set("Next", Object::Ref(next));
        }
        writer.write(id, &entry.into());
    }
    let mut outlines = dict([
        ("Type", Object::name("Outlines")),
        ("Count", Object::Int(ids.len() as i64)),
    ]);
    if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
        outlines.set("First", Object::Ref(first));
        outlines.set("Last", Object::Ref(last));
    }
    writer.write(root, &outlines.into());
    root
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_utf16_with_a_byte_order_mark() {
        let Object::String(bytes) = text_string("Zoë 日") else {
            panic!()
        };
        assert_eq!(
            bytes,
            [0xFE, 0xFF, 0, b'Z', 0, b'o', 0, 0xEB, 0, b' ', 0x65, 0xE5]
        );
    }
}
