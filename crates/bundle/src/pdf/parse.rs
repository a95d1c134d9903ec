//! Reading PDF syntax: objects, and indirect objects with their streams.

use super::object::{Dict, Object};

/// Why something could not be read; the reader falls back on another way, so
/// the family sees only that the file is damaged.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Broken;

/// How deep arrays and dictionaries may nest: a real file needs a few levels,
/// a hostile one could otherwise overflow the stack.
const DEPTH: usize = 64;

/// A reading position in a file.
pub(crate) struct Parser<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) at: usize,
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(byte: u8) -> bool {
    b"()<>[]{}/%".contains(&byte)
}

fn is_regular(byte: u8) -> bool {
    !is_space(byte) && !is_delimiter(byte)
}

impl<'a> Parser<'a> {
    pub(crate) fn new(data: &'a [u8], at: usize) -> Parser<'a> {
        Parser { data, at }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.at).copied()
    }

    /// Skips white space and comments.
    pub(crate) fn skip_space(&mut self) {
        while let Some(byte) = self.peek() {
            if is_space(byte) {
                self.at += 1;
            } else if byte == b'%' {
                while self
                    .peek()
                    .is_some_and(|byte| byte != b'\n' && byte != b'\r')
                {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The run of regular characters here: a number or a keyword.
    fn token(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        &self.data[start..self.at]
    }

    /// Whether `keyword` comes next (after white space); if so, passes it.
    pub(crate) fn keyword(&mut self, keyword: &[u8]) -> bool {
        self.skip_space();
        let save = self.at;
        if self.token() == keyword {
            return true;
        }
        self.at = save;
        false
    }

    /// An unsigned integer next (after white space).
    pub(crate) fn unsigned(&mut self) -> Result<u64, Broken> {
        self.skip_space();
        let token = self.token();
        if token.is_empty() || !token.iter().all(u8::is_ascii_digit) {
            return Err(Broken);
        }
        std::str::from_utf8(token)
            .ok()
            .and_then(|text| text.parse().ok())
            .ok_or(Broken)
    }

    /// The object next, a reference `12 0 R` included.
    pub(crate) fn object(&mut self) -> Result<Object, Broken> {
        self.object_at_depth(0)
    }

    fn object_at_depth(&mut self, depth: usize) -> Result<Object, Broken> {
        if depth > DEPTH {
            return Err(Broken);
        }
        self.skip_space();
        match self.peek().ok_or(Broken)? {
            b'/' => {
                self.at += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => self.literal().map(Object::String),
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut dict = Dict::default();
                loop {
                    self.skip_space();
                    match self.peek().ok_or(Broken)? {
                        b'>' => {
                            self.at += 2;
                            return Ok(Object::Dict(dict));
                        }
                        b'/' => {
                            self.at += 1;
                            let key = self.name();
                            let value = self.object_at_depth(depth + 1)?;
                            dict.0.push((key, value));
                        }
                        _ => return Err(Broken),
                    }
                }
            }
            b'<' => self.hex().map(Object::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.peek().ok_or(Broken)? == b']' {
                        self.at += 1;
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object_at_depth(depth + 1)?);
                }
            }
            _ => self.number_or_keyword(),
        }
    }

    /// A name after its `/`, `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let token = self.token();
        let mut name = Vec::with_capacity(token.len());
        let mut at = 0;
        while at < token.len() {
            let hex = token
                .get(at + 1..at + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok());
            match (
                token[at],
                hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            ) {
                (b'#', Some(byte)) => {
                    name.push(byte);
                    at += 3;
                }
                (byte, _) => {
                    name.push(byte);
                    at += 1;
                }
            }
        }
        name
    }

    /// A literal string `( … )`, its escapes decoded.
    fn literal(&mut self) -> Result<Vec<u8>, Broken> {
        self.at += 1;
        let mut bytes = Vec::new();
        let mut open = 1;
        loop {
            let byte = self.peek().ok_or(Broken)?;
            self.at += 1;
            match byte {
                b'(' => open += 1,
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Ok(bytes);
                    }
                }
                b'\\' => {
                    let escaped = self.peek().ok_or(Broken)?;
                    self.at += 1;
                    match escaped {
                        b'n' => bytes.push(b'\n'),
                        b'r' => bytes.push(b'\r'),
                        b't' => bytes.push(b'\t'),
                        b'b' => bytes.push(8),
                        b'f' => bytes.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(escaped - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(digit @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(digit - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            bytes.push(value as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => bytes.push(other),
                    }
                    continue;
                }
                _ => {}
            }
            bytes.push(byte);
        }
    }

    /// A hex string `< … >`.
    fn hex(&mut self) -> Result<Vec<u8>, Broken> {
        self.at += 1;
        let mut digits = Vec::new();
        loop {
            let byte = self.peek().ok_or(Broken)?;
            self.at += 1;
            match byte {
                b'>' => break,
                _ if is_space(byte) => {}
                _ => digits.push((byte as char).to_digit(16).ok_or(Broken)? as u8),
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        Ok(digits
            .chunks(2)
            .map(|pair| pair[0] * 16 + pair[1])
            .collect())
    }

    /// A number, `true`, `false`, `null`, or a reference `12 0 R`.
    fn number_or_keyword(&mut self) -> Result<Object, Broken> {
        let token = self.token();
        match token {
            b"true" => return Ok(Object::Bool(true)),
            b"false" => return Ok(Object::Bool(false)),
            b"null" => return Ok(Object::Null),
            _ => {}
        }
        let text = std::str::from_utf8(token).map_err(|_| Broken)?;
        if let Ok(value) = text.parse::<i64>() {
            let save = self.at;
            if let (Ok(id), Ok(_generation), true) =
                (u32::try_from(value), self.unsigned(), self.keyword(b"R"))
            {
                return Ok(Object::Ref(id));
            }
            self.at = save;
            return Ok(Object::Int(value));
        }
        // Reals: "-.5", "+3.", and the "--2" some writers make; PDF has no
        // exponents. Read by hand, like `decimal`, to keep Rust's float
        // parsing out of the app.
        let unsigned = text.trim_start_matches(['-', '+']);
        let negative = text[..text.len() - unsigned.len()].contains('-');
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
            return Err(Broken);
        }
        let fraction = &fraction[..fraction.len().min(15)];
        let part = |part: &str| part.parse::<u64>().unwrap_or(0) as f64;
        let value = part(whole) + part(fraction) / 10f64.powi(fraction.len() as i32);
        Ok(Object::Real(if negative { -value } else { value }))
    }

    /// The indirect object here, `12 0 obj … endobj`: its number and the
    /// object, with a stream's data. `length` resolves a /Length given by
    /// reference.
    pub(crate) fn indirect(
        &mut self,
        length: &dyn Fn(&Object) -> Option<usize>,
    ) -> Result<(u32, Object), Broken> {
        let id = u32::try_from(self.unsigned()?).map_err(|_| Broken)?;
        self.unsigned()?;
        if !self.keyword(b"obj") {
            return Err(Broken);
        }
        let object = self.object()?;
        let Object::Dict(dict) = object else {
            return Ok((id, object));
        };
        if !self.keyword(b"stream") {
            return Ok((id, Object::Dict(dict)));
        }
        if self.peek() == Some(b'\r') {
            self.at += 1;
        }
        if self.peek() == Some(b'\n') {
            self.at += 1;
        }
        let start = self.at;
        let declared = dict.get(b"Length").and_then(length).filter(|&length| {
            let mut after = Parser::new(self.data, start.saturating_add(length));
            after.at <= self.data.len() && after.keyword(b"endstream")
        });
        let end = match declared {
            Some(length) => start + length,
            // A wrong /Length: the data ends before `endstream` and its line break.
            None => {
                let data = &self.data[start..];
                let data = &data[..find(data, b"endstream").ok_or(Broken)?];
                let data = data.strip_suffix(b"\n").unwrap_or(data);
                start + data.strip_suffix(b"\r").unwrap_or(data).len()
            }
        };
        self.at = end;
        self.keyword(b"endstream");
        Ok((id, Object::Stream(dict, self.data[start..end].to_vec())))
    }
}

/// Where `needle` first occurs in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::object::dict;

    fn parsed(text: &str) -> Object {
        Parser::new(text.as_bytes(), 0).object().unwrap()
    }

    #[test]
    fn reads_every_kind_of_object() {
        assert_eq!(parsed("  % a comment\n 12 0 R"), Object::Ref(12));
        assert_eq!(parsed("12 0 obj"), Object::Int(12));
        assert_eq!(parsed("-3.5"), Object::Real(-3.5));
        assert_eq!(parsed(".5"), Object::Real(0.5));
        assert_eq!(parsed("--2"), Object::Real(-2.0));
        assert_eq!(parsed("+3."), Object::Real(3.0));
        assert_eq!(parsed("595.276"), Object::Real(595.276));
        assert_eq!(parsed("/A#20B"), Object::Name(b"A B".to_vec()));
        assert_eq!(
            parsed("(a (b) \\(c\\051 \\\\ d\\\ne)"),
            Object::String(b"a (b) (c) \\ de".to_vec())
        );
        assert_eq!(parsed("<48 65 6C6C 6>"), Object::String(b"Hell`".to_vec()));
        assert_eq!(
            parsed("<</Type/Page/Kids[1 0 R 2 0 R]/Box[0 0 612 792.5]/Flag true/N null>>"),
            Object::Dict(dict([
                ("Type", Object::name("Page")),
                ("Kids", vec![Object::Ref(1), Object::Ref(2)].into()),
                (
                    "Box",
                    vec![
                        Object::Int(0),
                        Object::Int(0),
                        Object::Int(612),
                        Object::Real(792.5)
                    ]
                    .into()
                ),
                ("Flag", Object::Bool(true)),
                ("N", Object::Null),
            ]))
        );
    }

    #[test]
    fn refuses_what_is_broken_or_too_deep() {
        for text in ["<</A", "(open", "[1 2", "<4G>", "/A /B >>"] {
            let mut parser = Parser::new(text.as_bytes(), 0);
            let result = parser
                .object()
                .and_then(|_| parser.object())
                .and_then(|_| parser.object());
            assert_eq!(result, Err(Broken), "{text}");
        }
        let deep = "[".repeat(1000);
        assert_eq!(Parser::new(deep.as_bytes(), 0).object(), Err(Broken));
    }

    #[test]
    fn a_stream_takes_its_length_or_runs_to_endstream() {
        let no_length = |_: &Object| None;
        let text = b"7 0 obj <</Length 5>> stream\nq 1 Q\nendstream endobj";
        let (id, object) = Parser::new(text, 0)
            .indirect(&|length| length.as_int().map(|n| n as usize))
            .unwrap();
        assert_eq!(
            (id, object),
            (
                7,
                Object::Stream(dict([("Length", Object::Int(5))]), b"q 1 Q".to_vec())
            )
        );
        let wrong = b"7 0 obj <</Length 99>> stream\r\nq 1 Q\r\nendstream endobj";
        let (_, object) = Parser::new(wrong, 0)
            .indirect(&|length| length.as_int().map(|n| n as usize))
            .unwrap();
        assert_eq!(
            object,
            Object::Stream(dict([("Length", Object::Int(99))]), b"q 1 Q".to_vec())
        );
        let (_, object) = Parser::new(b"8 0 obj 42 endobj", 0)
            .indirect(&no_length)
            .unwrap();
        assert_eq!(object, Object::Int(42));
    }
}
