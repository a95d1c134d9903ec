//! Attached pictures as PDF image objects: a JPEG embedded as it is (PDF
//! readers decode JPEG themselves), a PNG decoded and its pixels compressed,
//! its transparency as a soft mask.

use crate::pdf::{Dict, Object, deflated};

/// An image ready to place: its XObject and, for a PNG with alpha, its soft mask.
pub(crate) struct Picture {
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// The image XObject; its /SMask is set when the picture is added.
    pub(crate) image: (Dict, Vec<u8>),
    /// The alpha channel as a grey image, when the PNG had one.
    pub(crate) mask: Option<(Dict, Vec<u8>)>,
}

/// The image dictionary common to both kinds.
fn image_dictionary(width: u32, height: u32, colour: &str, filter: &str) -> Dict {
    crate::pdf::dict([
        ("Type", Object::name("XObject")),
        ("Subtype", Object::name("Image")),
        ("Width", Object::Int(width.into())),
        ("Height", Object::Int(height.into())),
        ("ColorSpace", Object::name(colour)),
        ("BitsPerComponent", Object::Int(8)),
        ("Filter", Object::name(filter)),
    ])
}

/// A JPEG as a DCTDecode image: its size and colours read from its frame
/// header (SOF). An Adobe CMYK JPEG stores its inks inverted, hence /Decode.
pub(crate) fn jpeg(bytes: &[u8]) -> Result<Picture, String> {
    let mut at = 2;
    let mut adobe = false;
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("it is not a JPEG image".to_owned());
    }
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            break;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let segment = bytes.get(at + 4..at + 2 + length).unwrap_or_default();
        if marker == 0xEE && segment.starts_with(b"Adobe") {
            adobe = true;
        }
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame && segment.len() >= 6 {
            let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
            let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
            let (colour, inverted) = match segment[5] {
                1 => ("DeviceGray", false),
                3 => ("DeviceRGB", false),
                4 => ("DeviceCMYK", adobe),
                other => return Err(format!("its JPEG has {other} colour channels")),
            };
            if width == 0 || height == 0 {
                return Err("its JPEG has no size".to_owned());
            }
            let mut dict = image_dictionary(width, height, colour, "DCTDecode");
            if inverted {
                dict.set("Decode", [1, 0, 1, 0, 1, 0, 1, 0].map(Object::Int).to_vec());
            }
            let image = (dict, bytes.to_vec());
            return Ok(Picture {
                width,
                height,
                image,
                mask: None,
            });
        }
        at += 2 + length;
    }
    Err("its JPEG data is damaged (no frame header found)".to_owned())
}

/// A flate-compressed image of `pixels`.
fn flate_image(width: u32, height: u32, colour: &str, pixels: &[u8]) -> (Dict, Vec<u8>) {
    (
        image_dictionary(width, height, colour, "FlateDecode"),
        deflated(pixels),
    )
}

/// A PNG as a flate-compressed image, its alpha split off into a soft mask.
pub(crate) fn png(bytes: &[u8]) -> Result<Picture, String> {
    let decoded = crate::png::decode(bytes)?;
    let (width, height, channels) = (decoded.width, decoded.height, decoded.channels);
    let colour = if channels >= 3 {
        "DeviceRGB"
    } else {
        "DeviceGray"
    };
    if channels % 2 == 1 {
        return Ok(Picture {
            width,
            height,
            image: flate_image(width, height, colour, &decoded.pixels),
            mask: None,
        });
    }
    let colours = channels - 1;
    let count = decoded.pixels.len() / channels;
    let (mut plain, mut alpha) = (vec![0; count * colours], vec![0; count]);
    let split = plain.chunks_exact_mut(colours).zip(&mut alpha);
    for (pixel, (colour, clear)) in decoded.pixels.chunks_exact(channels).zip(split) {
        colour.copy_from_slice(&pixel[..colours]);
        *clear = pixel[colours];
    }
    let mask = Some(flate_image(width, height, "DeviceGray", &alpha));
    Ok(Picture {
        width,
        height,
        image: flate_image(width, height, colour, &plain),
        mask,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_frame_header_gives_size_and_colours() {
        // SOI, an APP0 of 2 bytes, SOF0: length 11, precision 8, height 2, width 3, 3 channels.
        let bytes = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 2, 0xFF, 0xC0, 0, 11, 8, 0, 2, 0, 3, 3, 1, 0x11, 0,
        ];
        let picture = jpeg(&bytes).unwrap();
        assert_eq!((picture.width, picture.height), (3, 2));
        let (dict, data) = picture.image;
        assert_eq!(
            dict.get(b"ColorSpace").and_then(Object::as_name),
            Some(&b"DeviceRGB"[..])
        );
        assert_eq!(
            dict.get(b"Filter").and_then(Object::as_name),
            Some(&b"DCTDecode"[..])
        );
        assert_eq!(data, bytes);
    }

    #[test]
    fn a_truncated_jpeg_is_refused() {
        assert!(
            jpeg(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 20])
                .err()
                .unwrap()
                .contains("damaged")
        );
        assert!(jpeg(b"GIF89a").is_err());
    }

    #[test]
    fn a_damaged_png_is_refused() {
        assert_eq!(
            png(b"\x89PNG\r\n\x1a\nnot really").err().unwrap(),
            "its PNG data is damaged"
        );
    }
}
