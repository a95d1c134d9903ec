//! Writing the bundle: objects appended as they are made, then the
//! cross-reference table and trailer.

use super::object::Object;

/// The bundle file as it is written.
pub(crate) struct Writer {
    out: Vec<u8>,
    /// Where each object starts, by number less one; `None` until written.
    offsets: Vec<Option<usize>>,
}

impl Writer {
    /// The header; the second line's high bytes mark the file as binary.
    pub(crate) fn new() -> Writer {
        Writer {
            out: b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(),
            offsets: Vec::new(),
        }
    }

    /// A number for an object to be written later.
    pub(crate) fn reserve(&mut self) -> u32 {
        self.offsets.push(None);
        self.offsets.len() as u32
    }

    /// Writes object `id`, reserved before.
    pub(crate) fn write(&mut self, id: u32, object: &Object) {
        self.offsets[id as usize - 1] = Some(self.out.len());
        self.out
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        object.write(&mut self.out);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes `object` under a new number; returns the number.
    pub(crate) fn add(&mut self, object: &Object) -> u32 {
        let id = self.reserve();
        self.write(id, object);
        id
    }

    /// The file: the cross-reference table (a number reserved but never
    /// written is marked free) and the trailer naming `root` and `info`.
    pub(crate) fn finish(mut self, root: u32, info: u32) -> Vec<u8> {
        let table = self.out.len();
        let size = self.offsets.len() + 1;
        self.out
            .extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f\r\n").as_bytes());
        for offset in &self.offsets {
            let line = match offset {
                Some(offset) => format!("{offset:010} 00000 n\r\n"),
                None => "0000000000 00000 f\r\n".to_owned(),
            };
            self.out.extend_from_slice(line.as_bytes());
        }
        self.out.extend_from_slice(
            format!("trailer\n<</Size {size}/Root {root} 0 R/Info {info} 0 R>>\nstartxref\n{table}\n%%EOF\n").as_bytes(),
        );
        self.out
    }
}
