//! Just enough of PDF to read the pages of an attached file and write the
//! bundle: objects, a parser, a reader of cross-reference tables and streams
//! (with object streams), and a writer. lopdf does all this and more, but
//! adds about 370 KB (gzip) to the browser's download, three times the whole
//! budget of the bundle; this adds a small fraction of that.

mod object;
mod parse;
mod read;
mod write;

pub(crate) use object::{Dict, Object, decimal, dict};
pub(crate) use read::{Page, Pdf};
pub(crate) use write::Writer;

/// `data` compressed for /FlateDecode; fast, as a bundle is made while the
/// family waits and most of its bytes (scans, photos) barely shrink.
pub(crate) fn deflated(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 1)
}
