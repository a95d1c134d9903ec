//! Just enough of PDF to read the pages of an attached file and write the
//! bundle: objects, a parser, a reader of cross-reference tables and streams
//! (with object streams), and a writer. lopdf does all this and more, but
//! added 373 KB (gzip) to a release wasm build, three times the bundle's
//! whole budget of 120 KB (brotli's dictionary, text encodings, AES and SHA
//! for encrypted files); the whole of this crate now adds about 53 KB.

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
