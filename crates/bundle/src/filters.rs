//! The PNG row filters, which PNG images use and which PDF's "PNG
//! predictors" reuse for cross-reference and object streams.

/// Rows of `columns` bytes, each led by its filter type, with the filters
/// undone; `step` bytes to a pixel (at least 1). `None` for an unknown filter.
/// Each filter is a loop of its own: the release builds optimise for size,
/// and a choice made per byte made a photo's PNG several times slower.
pub(crate) fn unfiltered(data: &[u8], columns: usize, step: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; data.len().div_ceil(columns + 1) * columns];
    let zero = vec![0u8; columns];
    for (index, row) in data.chunks(columns + 1).enumerate() {
        let (&filter, row) = row.split_first()?;
        let (done, rest) = out.split_at_mut(index * columns);
        let up = if index == 0 {
            &zero[..]
        } else {
            &done[done.len() - columns..]
        };
        let current = &mut rest[..columns];
        current[..row.len()].copy_from_slice(row);
        match filter {
            0 => {}
            1 => {
                for at in step..columns {
                    current[at] = current[at].wrapping_add(current[at - step]);
                }
            }
            2 => {
                for (byte, &above) in current.iter_mut().zip(up) {
                    *byte = byte.wrapping_add(above);
                }
            }
            3 => {
                for at in 0..columns {
                    let left = if at >= step { current[at - step] } else { 0 };
                    current[at] =
                        current[at].wrapping_add(((u16::from(left) + u16::from(up[at])) / 2) as u8);
                }
            }
            4 => {
                for at in 0..columns {
                    let (left, up_left) = if at >= step {
                        (current[at - step], up[at - step])
                    } else {
                        (0, 0)
                    };
                    current[at] = current[at].wrapping_add(paeth(left, up[at], up_left));
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The Paeth predictor: whichever neighbour is nearest left + up - up-left.
fn paeth(left: u8, up: u8, up_left: u8) -> u8 {
    let estimate = i16::from(left) + i16::from(up) - i16::from(up_left);
    let distance = |value: u8| (estimate - i16::from(value)).abs();
    if distance(left) <= distance(up) && distance(left) <= distance(up_left) {
        left
    } else if distance(up) <= distance(up_left) {
        up
    } else {
        up_left
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_is_undone() {
        // Rows of 3 bytes: none (0), sub (1), up (2), average (3), Paeth (4).
        let data = [
            0, 10, 20, 30, 1, 1, 1, 1, 2, 1, 1, 1, 3, 0, 0, 0, 4, 1, 1, 1,
        ];
        let rows = unfiltered(&data, 3, 1).unwrap();
        assert_eq!(&rows[..6], [10, 20, 30, 1, 2, 3]);
        assert_eq!(&rows[6..9], [2, 3, 4], "up: the row above plus one");
        // average: first byte (0 + 2) / 2 = 1; then (1 + 3) / 2 = 2; (2 + 4) / 2 = 3.
        assert_eq!(&rows[9..12], [1, 2, 3]);
        // Paeth: first byte takes up (1) + 1; then the nearest of left, up, up-left.
        assert_eq!(&rows[12..], [2, 3, 4]);
        assert_eq!(unfiltered(&[9, 1, 2, 3], 3, 1), None);
        assert_eq!(paeth(10, 20, 10), 20);
    }
}
