//! PNG decoding, to 8-bit grey or RGB with an optional alpha channel: every
//! colour type and bit depth, palettes and their transparency, interlacing.
//! The `png` crate does the same but added 47 KB (gzip) to a release wasm
//! build; this uses the inflater the bundle has anyway.

use crate::filters::unfiltered;

/// Pictures larger than this many pixels are refused rather than decoded: a
/// screenshot or scan is a few million, and the browser must hold the
/// picture several times over (and, at this size, a row's bits fit 32 bits).
const MOST_PIXELS: u64 = 30_000_000;

/// A decoded picture: `channels` bytes a pixel, 1 (grey), 2 (grey, alpha),
/// 3 (RGB) or 4 (RGB, alpha), rows from the top.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) channels: usize,
    pub(crate) pixels: Vec<u8>,
}

/// The passes of Adam7 interlacing: first column and row, then the steps.
const ADAM7: [[u32; 4]; 7] = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
];

/// The header fields that decoding needs.
struct Header {
    width: u32,
    height: u32,
    depth: u8,
    colour: u8,
}

impl Header {
    /// Samples a pixel: grey 1, RGB 3, palette 1, grey and alpha 2, RGBA 4.
    fn samples(&self) -> usize {
        match self.colour {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }

    /// Colours a decoded pixel has: 3 (RGB, palette) or 1 (grey).
    fn colours(&self) -> usize {
        if matches!(self.colour, 2 | 3 | 6) {
            3
        } else {
            1
        }
    }

    /// Bytes in a filtered row of `width` pixels, less the filter byte.
    fn row_bytes(&self, width: u32) -> usize {
        (width as usize * self.samples() * usize::from(self.depth)).div_ceil(8)
    }

    /// Sample `index` of pixel `x` of `row`, as stored (not yet scaled).
    fn sample(&self, row: &[u8], x: usize, index: usize) -> u16 {
        let at = x * self.samples() + index;
        match self.depth {
            16 => u16::from_be_bytes([row[2 * at], row[2 * at + 1]]),
            8 => u16::from(row[at]),
            depth => {
                let bit = at * usize::from(depth);
                let mask = (1u16 << depth) - 1;
                (u16::from(row[bit / 8]) >> (8 - usize::from(depth) - bit % 8)) & mask
            }
        }
    }

    /// A stored sample as 8 bits.
    fn scaled(&self, value: u16) -> u8 {
        match self.depth {
            16 => (value >> 8) as u8,
            depth => (u32::from(value) * 255 / ((1 << depth) - 1)) as u8,
        }
    }
}

/// `bytes` decoded, or why not.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, &'static str> {
    const DAMAGED: &str = "its PNG data is damaged";
    let mut rest = bytes
        .strip_prefix(b"\x89PNG\r\n\x1a\n")
        .ok_or("it is not a PNG image")?;
    let (mut header, mut palette, mut transparency, mut data) =
        (None, Vec::new(), None, Vec::new());
    while rest.len() >= 12 {
        let length = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        let end = length
            .checked_add(12)
            .filter(|&end| end <= rest.len())
            .ok_or(DAMAGED)?;
        let body = &rest[8..end - 4];
        match kind {
            b"IHDR" if body.len() == 13 => {
                let number = |at: usize| {
                    u32::from_be_bytes([body[at], body[at + 1], body[at + 2], body[at + 3]])
                };
                header = Some((
                    Header {
                        width: number(0),
                        height: number(4),
                        depth: body[8],
                        colour: body[9],
                    },
                    body[12],
                ));
            }
            b"PLTE" => palette = body.to_vec(),
            b"tRNS" => transparency = Some(body.to_vec()),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        rest = &rest[end..];
    }
    let (header, interlace) = header.ok_or(DAMAGED)?;
    let depth_allowed = match header.colour {
        0 => [1, 2, 4, 8, 16].contains(&header.depth),
        3 => [1, 2, 4, 8].contains(&header.depth),
        2 | 4 | 6 => [8, 16].contains(&header.depth),
        _ => false,
    };
    if !depth_allowed
        || header.width == 0
        || header.height == 0
        || (header.colour == 3 && palette.len() < 3)
    {
        return Err(DAMAGED);
    }
    if u64::from(header.width) * u64::from(header.height) > MOST_PIXELS {
        return Err("its picture is too large to place (over 30 million pixels)");
    }
    let passes: &[[u32; 4]] = if interlace == 1 {
        &ADAM7
    } else {
        &[[0, 0, 1, 1]]
    };
    let sizes: Vec<(u32, u32)> = passes
        .iter()
        .map(|&[x0, y0, dx, dy]| {
            (
                header.width.saturating_sub(x0).div_ceil(dx),
                header.height.saturating_sub(y0).div_ceil(dy),
            )
        })
        .collect();
    let expected: usize = sizes
        .iter()
        .filter(|(w, h)| *w > 0 && *h > 0)
        .map(|&(w, h)| (header.row_bytes(w) + 1) * h as usize)
        .sum();
    let inflated = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, expected)
        .map_err(|_| DAMAGED)?;
    if inflated.len() < expected {
        return Err(DAMAGED);
    }

    let alpha = header.colour == 4 || header.colour == 6 || transparency.is_some();
    let channels = header.colours() + usize::from(alpha);
    let step = (header.samples() * usize::from(header.depth)).div_ceil(8);
    // Most PNGs are 8-bit grey or colour, with or without alpha, and not
    // interlaced: their rows, unfiltered, are already the pixels.
    if header.depth == 8 && header.colour != 3 && transparency.is_none() && interlace != 1 {
        let pixels = unfiltered(&inflated[..expected], header.row_bytes(header.width), step)
            .ok_or(DAMAGED)?;
        return Ok(Decoded {
            width: header.width,
            height: header.height,
            channels,
            pixels,
        });
    }
    let mut pixels = vec![0u8; header.width as usize * header.height as usize * channels];
    let mut at = 0;
    for (&[x0, y0, dx, dy], &(width, height)) in passes.iter().zip(&sizes) {
        if width == 0 || height == 0 {
            continue;
        }
        let row_bytes = header.row_bytes(width);
        let size = (row_bytes + 1) * height as usize;
        let rows = unfiltered(&inflated[at..at + size], row_bytes, step).ok_or(DAMAGED)?;
        at += size;
        for (y, row) in rows.chunks_exact(row_bytes).enumerate() {
            for x in 0..width as usize {
                let target = ((y0 as usize + y * dy as usize) * header.width as usize
                    + x0 as usize
                    + x * dx as usize)
                    * channels;
                let pixel = &mut pixels[target..target + channels];
                expand(&header, &palette, transparency.as_deref(), row, x, pixel);
            }
        }
    }
    Ok(Decoded {
        width: header.width,
        height: header.height,
        channels,
        pixels,
    })
}

/// Writes pixel `x` of `row` into `pixel` as 8-bit colours, then alpha if
/// `pixel` has room for it: from the image, the palette's transparency, or
/// the one colour a tRNS chunk makes clear.
fn expand(
    header: &Header,
    palette: &[u8],
    transparency: Option<&[u8]>,
    row: &[u8],
    x: usize,
    pixel: &mut [u8],
) {
    let mut stored = [0u16; 4];
    let stored = &mut stored[..header.samples()];
    for (index, value) in stored.iter_mut().enumerate() {
        *value = header.sample(row, x, index);
    }
    let (colours, alpha) = pixel.split_at_mut(header.colours());
    let opaque = if header.colour == 3 {
        let index = usize::from(stored[0]);
        colours.copy_from_slice(palette.get(3 * index..3 * index + 3).unwrap_or(&[0, 0, 0]));
        transparency
            .and_then(|alphas| alphas.get(index).copied())
            .unwrap_or(255)
    } else {
        for (colour, &value) in colours.iter_mut().zip(stored.iter()) {
            *colour = header.scaled(value);
        }
        match (stored.get(colours.len()), transparency) {
            (Some(&value), _) => header.scaled(value),
            (None, Some(key)) => {
                let key = key
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
                if key.eq(stored.iter().copied()) {
                    0
                } else {
                    255
                }
            }
            (None, None) => 255,
        }
    };
    if let Some(alpha) = alpha.first_mut() {
        *alpha = opaque;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `pixels` made by the png crate, a second implementation.
    fn encoded(
        width: u32,
        height: u32,
        colour: ::png::ColorType,
        depth: ::png::BitDepth,
        pixels: &[u8],
        extra: impl FnOnce(&mut ::png::Encoder<&mut Vec<u8>>),
    ) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(colour);
        encoder.set_depth(depth);
        extra(&mut encoder);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(pixels).unwrap();
        writer.finish().unwrap();
        bytes
    }

    #[test]
    fn rgba_keeps_its_alpha() {
        let pixels = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 9];
        let png = encoded(
            2,
            2,
            ::png::ColorType::Rgba,
            ::png::BitDepth::Eight,
            &pixels,
            |_| {},
        );
        assert_eq!(
            decode(&png).unwrap(),
            Decoded {
                width: 2,
                height: 2,
                channels: 4,
                pixels: pixels.to_vec()
            }
        );
    }

    #[test]
    fn sixteen_bits_keep_their_high_bytes() {
        let pixels = [0x12, 0x34, 0xAB, 0xCD, 0xFF, 0xFF];
        let png = encoded(
            1,
            1,
            ::png::ColorType::Rgb,
            ::png::BitDepth::Sixteen,
            &pixels,
            |_| {},
        );
        assert_eq!(decode(&png).unwrap().pixels, [0x12, 0xAB, 0xFF]);
    }

    #[test]
    fn a_palette_expands_with_its_transparency() {
        // Four pixels of 2 bits: indexes 0, 1, 2, 1 in one byte.
        let png = encoded(
            4,
            1,
            ::png::ColorType::Indexed,
            ::png::BitDepth::Two,
            &[0b00_01_10_01],
            |encoder| {
                encoder.set_palette(vec![10, 20, 30, 40, 50, 60, 70, 80, 90]);
                encoder.set_trns(vec![255, 0]);
            },
        );
        let decoded = decode(&png).unwrap();
        assert_eq!(decoded.channels, 4);
        assert_eq!(
            decoded.pixels,
            [
                10, 20, 30, 255, 40, 50, 60, 0, 70, 80, 90, 255, 40, 50, 60, 0
            ]
        );
    }

    #[test]
    fn one_bit_grey_scales_to_black_and_white() {
        let png = encoded(
            10,
            1,
            ::png::ColorType::Grayscale,
            ::png::BitDepth::One,
            &[0b1010_0000, 0b1100_0000],
            |_| {},
        );
        assert_eq!(
            decode(&png).unwrap().pixels,
            [255, 0, 255, 0, 0, 0, 0, 0, 255, 255]
        );
    }

    #[test]
    fn an_interlaced_picture_is_put_back_together() {
        // A 3 by 2 grey image, each Adam7 pass written by hand with filter 0:
        // pass 1 has (0,0); pass 4 (2,0); pass 6 (1,0); pass 7 row 1, all three.
        let raw = [0, 11, 0, 13, 0, 12, 0, 21, 22, 23];
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut out = (body.len() as u32).to_be_bytes().to_vec();
            out.extend_from_slice(kind);
            out.extend_from_slice(body);
            out.extend_from_slice(&[0; 4]);
            out
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 1]));
        png.extend(chunk(
            b"IDAT",
            &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
        ));
        png.extend(chunk(b"IEND", &[]));
        assert_eq!(decode(&png).unwrap().pixels, [11, 12, 13, 21, 22, 23]);
    }

    #[test]
    fn damage_is_named() {
        assert_eq!(decode(b"GIF89a"), Err("it is not a PNG image"));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"),
            Err("its PNG data is damaged")
        );
        let png = encoded(
            2,
            2,
            ::png::ColorType::Rgb,
            ::png::BitDepth::Eight,
            &[1; 12],
            |_| {},
        );
        let cut = &png[..png.len() - 20];
        assert_eq!(decode(cut), Err("its PNG data is damaged"));
    }
}
