//! Breaking text into lines that fit a width, for the generated pages.

use crate::fonts::Font;
use crate::winansi::encode;

/// `text` broken into WinAnsi lines no wider than `width` points at `size`:
/// at spaces where it can, inside a word only when the word alone is too wide
/// (a long file name, say). Each line break in `text` starts a new line.
pub(crate) fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line: Vec<u8> = Vec::new();
        for word in encode(paragraph).split(|&code| code == b' ') {
            if word.is_empty() {
                continue;
            }
            let joined = font.width(&line, size) + font.width(b" ", size) + font.width(word, size);
            if !line.is_empty() && joined <= width {
                line.push(b' ');
                line.extend_from_slice(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for &code in word {
                if !line.is_empty() && font.width(&line, size) + font.width(&[code], size) > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(code);
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: f32) -> Vec<String> {
        wrap(text, Font::Regular, 10.0, width)
            .into_iter()
            .map(|line| String::from_utf8(line).unwrap())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_within_the_width() {
        // "aaaa" is 22.24 points wide at 10 points, a space 2.78.
        assert_eq!(wrapped("aaaa aaaa aaaa", 50.0), ["aaaa aaaa", "aaaa"]);
        assert_eq!(wrapped("aaaa aaaa aaaa", 47.3), ["aaaa aaaa", "aaaa"]);
        assert_eq!(wrapped("aaaa aaaa aaaa", 47.2), ["aaaa", "aaaa", "aaaa"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        assert_eq!(wrapped("aaaaaaaaaa b", 23.0), ["aaaa", "aaaa", "aa b"]);
    }

    #[test]
    fn line_breaks_and_runs_of_spaces() {
        assert_eq!(
            wrapped("one  two\n\nthree", 500.0),
            ["one two", "", "three"]
        );
        assert_eq!(wrapped("", 500.0), [""]);
    }
}
