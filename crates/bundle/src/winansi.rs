//! Text in WinAnsiEncoding, the 8-bit encoding the standard fonts are used
//! with here: Latin-1 plus the curly quotes, dashes, the euro and a few more
//! in 128 to 159. A character it lacks prints as '?', so a reader sees that
//! something was there.

/// The Unicode characters of codes 128 to 159; `None` where the code is unused.
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The WinAnsi code of `character`: a tab or line break is a space, the
/// hyphens and minus signs Unicode adds are '-', anything else missing is '?'.
pub(crate) fn code(character: char) -> u8 {
    match character {
        ' '..='~' | '\u{a0}'..='ÿ' => character as u8,
        '\t' | '\n' | '\r' => b' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' => b'-',
        _ => HIGH
            .iter()
            .position(|&high| high == Some(character))
            .map_or(b'?', |index| 128 + index as u8),
    }
}

/// `text` in WinAnsi codes.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    text.chars().map(code).collect()
}

/// `codes` as the body of a PDF literal string, `(` … `)`, with the
/// delimiters and backslash escaped.
pub(crate) fn push_literal(out: &mut Vec<u8>, codes: &[u8]) {
    out.push(b'(');
    for &code in codes {
        if matches!(code, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(code);
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_the_windows_extras_map_to_their_codes() {
        assert_eq!(encode("Café £5"), b"Caf\xe9 \xa35");
        assert_eq!(
            encode("‘Jo’s’ “plan” – €1"),
            b"\x91Jo\x92s\x92 \x93plan\x94 \x96 \x801"
        );
        assert_eq!(encode("Ÿ—"), b"\x9f\x97");
    }

    #[test]
    fn what_winansi_lacks_becomes_a_question_mark() {
        assert_eq!(encode("Łódź 日"), b"?\xf3d? ?");
        assert_eq!(encode("a\tb\nc"), b"a b c");
        assert_eq!(encode("x\u{2212}y"), b"x-y");
    }

    #[test]
    fn literal_strings_escape_their_delimiters() {
        let mut out = Vec::new();
        push_literal(&mut out, b"a (b) \\c");
        assert_eq!(out, b"(a \\(b\\) \\\\c)");
    }
}
