//! The bundle page number in each page's bottom margin: "Page 12 of 140",
//! small, on a white box so that it reads over whatever the page has there.

use crate::fonts::Font;
use crate::sheet::number;
use crate::winansi::{encode, push_literal};

/// The name under which every page's resources hold Helvetica for the stamp;
/// unusual enough not to clash with a name an attached PDF already uses.
pub(crate) const FONT: &str = "EhcBundleStamp";

const SIZE: f32 = 9.0;
/// From the right and bottom edges of the visible page to the text.
const INSET: [f32; 2] = [28.0, 16.0];
/// White space around the text inside its box.
const PAD: f32 = 3.0;

/// The content stream that stamps `label` at the bottom right of a page whose
/// visible area is `area` ([x0 y0 x1 y1], the CropBox or else the MediaBox)
/// and which a reader shows turned `rotate` degrees clockwise. The stamp is
/// drawn upright as the page is shown: for a turned page the text is placed
/// through a matrix that maps the shown page onto the page's own space.
pub(crate) fn stamp(label: &str, area: [f32; 4], rotate: i64) -> Vec<u8> {
    let [x0, y0, x1, y1] = area;
    let (matrix, shown_width) = match rotate.rem_euclid(360) {
        90 => ([0.0, 1.0, -1.0, 0.0, x1, y0], y1 - y0),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], x1 - x0),
        270 => ([0.0, -1.0, 1.0, 0.0, x0, y1], y1 - y0),
        _ => ([1.0, 0.0, 0.0, 1.0, x0, y0], x1 - x0),
    };
    let text = encode(label);
    let width = Font::Regular.width(&text, SIZE);
    let x = (shown_width - INSET[0] - width).max(PAD);
    let y = INSET[1];
    let mut out = format!(
        "q {} cm 1 g {} {} {} {} re f 0 g BT /{FONT} {} Tf {} {} Td ",
        matrix.map(number).join(" "),
        number(x - PAD),
        number(y - PAD - 1.0),
        number(width + 2.0 * PAD),
        number(SIZE + 2.0 * PAD),
        number(SIZE),
        number(x),
        number(y),
    )
    .into_bytes();
    push_literal(&mut out, &text);
    out.extend_from_slice(b" Tj ET Q\n");
    out
}

/// "Page 3 of 9".
pub(crate) fn label(page: u32, pages: u32) -> String {
    format!("Page {page} of {pages}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upright_page_is_stamped_at_its_bottom_right() {
        let stamp = String::from_utf8(stamp("Page 3 of 9", [0.0, 0.0, 595.0, 842.0], 0)).unwrap();
        // "Page 3 of 9" is 5,115 thousandths wide: 46.04 points at 9 points.
        assert_eq!(
            stamp,
            "q 1 0 0 1 0 0 cm 1 g 517.97 12 52.03 15 re f 0 g BT /EhcBundleStamp 9 Tf 520.97 16 Td (Page 3 of 9) Tj ET Q\n"
        );
    }

    #[test]
    fn a_turned_page_is_stamped_upright_as_shown() {
        // Shown a quarter turn clockwise, a portrait page is landscape: the
        // stamp's x runs up the page's own y axis from its bottom right corner.
        let stamp =
            String::from_utf8(stamp("Page 1 of 1", [10.0, 20.0, 410.0, 620.0], 90)).unwrap();
        assert!(stamp.starts_with("q 0 1 -1 0 410 20 cm"), "{stamp}");
        let stamp = String::from_utf8(stamp_at(270)).unwrap();
        assert!(stamp.starts_with("q 0 -1 1 0 10 620 cm"), "{stamp}");
        let stamp = String::from_utf8(stamp_at(-180)).unwrap();
        assert!(stamp.starts_with("q -1 0 0 -1 410 620 cm"), "{stamp}");
    }

    fn stamp_at(rotate: i64) -> Vec<u8> {
        stamp("Page 1 of 1", [10.0, 20.0, 410.0, 620.0], rotate)
    }
}
