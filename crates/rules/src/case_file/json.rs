//! The case file's JSON, read and written without serde_json, which was about
//! a sixth of the app's first load. The reader follows serde_json's grammar,
//! words and positions for every fault (the reader's messages quote them, and
//! files on users' devices were checked with them), and its number parsing;
//! the writer its compact and pretty layouts, so every file reads and writes
//! byte for byte as before.

use std::borrow::Cow;
use std::fmt;
use std::ops::Index;

use super::error::{Found, JsonFault, Problem, WORDED, worded};
use super::id_set::IdSet;

/// A JSON value, as an unknown field of a case file keeps it.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, its escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON number as read: a whole number keeps its exact value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A whole number from 0 up.
    PosInt(u64),
    /// A whole number below 0 that fits in an `i64`.
    NegInt(i64),
    /// A number with a fraction or an exponent, `-0`, or a whole number that
    /// does not fit in 64 bits (as serde_json reads them).
    Float(f64),
}

/// A JSON object, its keys in the order they came (a key set again keeps its place).
#[derive(Clone, Debug, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// How many keys it has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it has no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`, if it is there.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, to change in place, if it is there.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, in its place if it is there already; the value it had.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the others.
    pub fn shift_remove(&mut self, key: &str) -> Option<Value> {
        let index = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Each key with its value, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.into_iter()
    }
}

/// Two objects are equal with the same keys and values, in any order.
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(items: I) -> Map {
        let mut map = Map::new();
        for (key, value) in items {
            map.insert(key, value);
        }
        map
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a String, &'a Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Index<&str> for Map {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).expect("the key is in the object")
    }
}

static NULL: Value = Value::Null;

impl Value {
    /// Reads a whole JSON text, as serde_json reads one into its `Value`: a
    /// key written twice keeps the last value.
    pub fn parse(text: &str) -> Result<Value> {
        let mut reader = Reader::new(text, false);
        let value = reader.value()?;
        reader.end()?;
        Ok(value)
    }

    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|map| map.get(key))
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The object, to change in place, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if this is a whole number from 0 up.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// The number, if this is a whole number that fits in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(Number::PosInt(n)) => i64::try_from(*n).ok(),
            Value::Number(Number::NegInt(n)) => Some(*n),
            _ => None,
        }
    }
}

impl Index<&str> for Value {
    type Output = Value;

    /// The value of `key`, or null when there is none, as serde_json indexes.
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl Index<usize> for Value {
    type Output = Value;

    fn index(&self, index: usize) -> &Value {
        match self {
            Value::Array(items) => items.get(index).unwrap_or(&NULL),
            _ => &NULL,
        }
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        *self == Value::Bool(*other)
    }
}

impl PartialEq<i64> for Value {
    fn eq(&self, other: &i64) -> bool {
        self.as_i64() == Some(*other)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl From<u64> for Value {
    fn from(value: u64) -> Value {
        Value::Number(Number::PosInt(value))
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Number(match u64::try_from(value) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(value),
        })
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::String(value.to_owned())
    }
}

impl fmt::Display for Value {
    /// The value as compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut writer = Writer::new(false);
        writer.value(self);
        f.write_str(&writer.finish())
    }
}

/// A fault in a JSON text, and where: `line` 0 until it is placed. The
/// problem is boxed so that every value read is returned small, in
/// registers, rather than copied through memory beside a large error.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// What is wrong.
    pub problem: Box<Problem>,
    /// 1-based line of the fault, as serde_json counts it; 0 until placed.
    pub line: usize,
    /// Column of the fault on its line, in bytes, as serde_json counts it.
    pub column: usize,
}

impl Error {
    /// A fault found in a value read, placed where the reader stands:
    /// `problem` says what, asked only where faults are worded (not with
    /// the feature `unworded`).
    pub fn raised(problem: impl FnOnce() -> Problem) -> Error {
        Error::unplaced(worded(problem))
    }

    /// Not inline: one copy of a fault's making for the many places that
    /// raise one.
    #[inline(never)]
    fn unplaced(problem: Problem) -> Error {
        Error {
            problem: Box::new(problem),
            line: 0,
            column: 0,
        }
    }
}

impl fmt::Display for Error {
    /// In serde_json's words: `expected value at line 1 column 3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.problem {
            Problem::EndsEarly(fault) | Problem::NotJson(fault) => write!(f, "{fault}")?,
            other => write!(f, "{other}")?,
        }
        if self.line > 0 {
            write!(f, " at line {} column {}", self.line, self.column)?;
        }
        Ok(())
    }
}

/// A step of the path to a fault: an object's key (`?` for a key that could
/// not be read) or an array's index.
pub enum Step {
    /// The value of this key in an object.
    Key(String),
    /// The element at this index in an array, counting from 0.
    Index(usize),
}

/// Reads JSON text as serde_json's `Deserializer` over a string does, step by
/// step, so the case file reader can place each fault where serde_json did.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    index: usize,
    /// How many more arrays and objects may open, as serde_json allows 127.
    depth: u8,
    /// Whether an object may not repeat a key (the case file's rule).
    strict: bool,
    /// The path to the fault of a failed read, innermost step first: each
    /// step is noted only as an error unwinds out of it.
    pub trail: Vec<Step>,
    /// The keys read in the objects open, each object's above those of the
    /// objects it is in: one list for a whole read, so checking that no key
    /// is written twice allocates nothing per object.
    pub keys: Vec<Cow<'a, str>>,
    /// Sets of ids emptied for use again, so that the ids of each case's
    /// events are checked without a new table (grown again) for every case.
    pub(super) id_sets: Vec<IdSet<'a>>,
}

type Result<T> = std::result::Result<T, Error>;

impl<'a> Reader<'a> {
    /// A reader at the start of `text`; `strict` refuses a key written twice
    /// in one object, as the case file does.
    pub fn new(text: &'a str, strict: bool) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            index: 0,
            depth: 128,
            strict,
            trail: Vec::new(),
            keys: Vec::new(),
            id_sets: Vec::new(),
        }
    }

    /// The line and column of the byte before `index`, as serde_json counts
    /// them; none (0) where faults are unworded, as nothing says where.
    fn position(&self, index: usize) -> (usize, usize) {
        if !WORDED {
            return (0, 0);
        }
        let before = &self.bytes[..index];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        (line, index - line_start)
    }

    fn at_index(&self, index: usize, fault: JsonFault) -> Error {
        let (line, column) = self.position(index);
        Error {
            problem: Box::new(Problem::of_json(fault)),
            line,
            column,
        }
    }

    /// A fault in the byte just read.
    fn error(&self, fault: JsonFault) -> Error {
        self.at_index(self.index, fault)
    }

    /// A fault in the byte about to be read.
    fn peek_error(&self, fault: JsonFault) -> Error {
        self.at_index((self.index + 1).min(self.bytes.len()), fault)
    }

    /// Places a fault raised while reading a value where the reader stands.
    pub fn fix(&self, mut error: Error) -> Error {
        if error.line == 0 {
            (error.line, error.column) = self.position(self.index);
        }
        error
    }

    /// Notes `step` on the trail if `read` fails.
    pub fn within<T>(
        &mut self,
        step: impl FnOnce() -> Step,
        read: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let result = read(self);
        if result.is_err() {
            self.note(step);
        }
        result
    }

    /// Notes `step` on the trail of a failed read; not where faults are
    /// unworded, as nothing says where.
    pub fn note(&mut self, step: impl FnOnce() -> Step) {
        if WORDED {
            self.trail.push(step());
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn eat(&mut self) {
        self.index += 1;
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        if byte.is_some() {
            self.index += 1;
        }
        byte
    }

    /// The next byte that is not white space, not read. Natively, a pretty
    /// file's indentation is passed eight spaces at a time; not in the app's
    /// wasm, built for size, where this is copied into every caller.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.eat();
            while cfg!(not(target_arch = "wasm32"))
                && self.bytes.get(self.index..self.index + 8) == Some(b"        ")
            {
                self.index += 8;
            }
        }
        self.peek()
    }

    /// The first byte of a value, which must be there.
    fn value_start(&mut self) -> Result<u8> {
        self.whitespace()
            .ok_or_else(|| self.peek_error(JsonFault::EofValue))
    }

    /// Only white space may follow the value read.
    pub fn end(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(_) => Err(self.peek_error(JsonFault::TrailingCharacters)),
            None => Ok(()),
        }
    }

    fn ident(&mut self, rest: &[u8]) -> Result<()> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(JsonFault::EofValue)),
                Some(next) if next != expected => return Err(self.error(JsonFault::ExpectedIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A string's text, its opening quote read: borrowed from the JSON text
    /// unless it has escapes. Inline where speed counts (not in the app's
    /// wasm, built for size): returned through memory, the text was read
    /// back before its last write had landed, half of `next_key`'s time
    /// (perf, natively).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn string_body(&mut self) -> Result<Cow<'a, str>> {
        let start = self.index;
        self.plain_run();
        match self.peek() {
            Some(b'"') => {
                let text = &self.text[start..self.index];
                self.eat();
                Ok(Cow::Borrowed(text))
            }
            _ => self.escaped_string(start).map(Cow::Owned),
        }
    }

    /// Moves past the bytes of a string that stand for themselves, eight at
    /// a time while eight are left.
    fn plain_run(&mut self) {
        while let Some(eight) = self.bytes.get(self.index..self.index + 8) {
            let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let found = special_bytes(word);
            if found != 0 {
                self.index += found.trailing_zeros() as usize / 8;
                return;
            }
            self.index += 8;
        }
        let rest = &self.bytes[self.index..];
        let run = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        self.index += run;
    }

    /// The rest of a string that started at `start` and has escapes (or faults).
    fn escaped_string(&mut self, mut start: usize) -> Result<String> {
        let mut text = Vec::new();
        loop {
            self.plain_run();
            let Some(b) = self.peek() else {
                return Err(self.error(JsonFault::EofString));
            };
            text.extend_from_slice(&self.bytes[start..self.index]);
            self.eat();
            match b {
                b'"' => {
                    // Always UTF-8: read from text, its escapes checked (and
                    // without `expect`, whose message would bring in the
                    // error's Debug formatting).
                    return Ok(String::from_utf8(text).unwrap_or_default());
                }
                b'\\' => {
                    self.escape(&mut text)?;
                    start = self.index;
                }
                _ => return Err(self.error(JsonFault::ControlCharacter)),
            }
        }
    }

    fn escape(&mut self, text: &mut Vec<u8>) -> Result<()> {
        let byte = match self.next() {
            Some(byte) => byte,
            None => return Err(self.error(JsonFault::EofString)),
        };
        let escaped = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => b'\x08',
            b'f' => b'\x0c',
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(text),
            _ => return Err(self.error(JsonFault::InvalidEscape)),
        };
        text.push(escaped);
        Ok(())
    }

    fn hex_escape(&mut self) -> Result<u16> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.error(JsonFault::EofString));
        };
        self.index += 4;
        digits
            .iter()
            .try_fold(0u16, |n, &b| {
                Some(n * 16 + (b as char).to_digit(16)? as u16)
            })
            .ok_or_else(|| self.error(JsonFault::InvalidEscape))
    }

    /// A `\u` escape, with the second half of a surrogate pair.
    fn unicode_escape(&mut self, text: &mut Vec<u8>) -> Result<()> {
        let n = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(JsonFault::LoneSurrogate));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                let Some(next) = self.peek() else {
                    return Err(self.error(JsonFault::EofString));
                };
                self.eat();
                if next != expected {
                    return Err(self.error(JsonFault::EndOfHexEscape));
                }
            }
            let n2 = self.hex_escape()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(JsonFault::LoneSurrogate));
            }
            (((n - 0xD800) as u32) << 10 | (n2 - 0xDC00) as u32) + 0x1_0000
        } else {
            n as u32
        };
        let c = char::from_u32(code).expect("surrogates are paired above");
        text.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    /// A number, its sign read.
    fn integer(&mut self, positive: bool) -> Result<Number> {
        let significand = match self.next() {
            None => return Err(self.error(JsonFault::EofValue)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(JsonFault::InvalidNumber));
                }
                0
            }
            Some(c @ b'1'..=b'9') => {
                let mut significand = (c - b'0') as u64;
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    match with_digit(significand, c) {
                        Some(next) => significand = next,
                        None => {
                            return Ok(Number::Float(self.long_integer(positive, significand)?));
                        }
                    }
                    self.eat();
                }
                significand
            }
            Some(_) => return Err(self.error(JsonFault::InvalidNumber)),
        };
        Ok(match self.peek() {
            Some(b'.') => Number::Float(self.decimal(positive, significand, 0)?),
            Some(b'e' | b'E') => Number::Float(self.exponent(positive, significand, 0)?),
            _ if positive => Number::PosInt(significand),
            _ => match (significand as i64).wrapping_neg() {
                // `-0` and what does not fit an i64 are floats, as in serde_json.
                neg if neg >= 0 => Number::Float(-(significand as f64)),
                neg => Number::NegInt(neg),
            },
        })
    }

    /// The digits of an integer past what a u64 holds, counted as a power of ten.
    fn long_integer(&mut self, positive: bool, significand: u64) -> Result<f64> {
        let mut exponent = 0;
        loop {
            match self.peek() {
                Some(b'0'..=b'9') => {
                    self.eat();
                    exponent += 1;
                }
                Some(b'.') => return self.decimal(positive, significand, exponent),
                Some(b'e' | b'E') => return self.exponent(positive, significand, exponent),
                _ => return self.float_of(positive, significand, exponent),
            }
        }
    }

    fn decimal(&mut self, positive: bool, mut significand: u64, before_point: i32) -> Result<f64> {
        self.eat();
        let mut after_point = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            match with_digit(significand, c) {
                Some(next) => significand = next,
                None => {
                    // Digits past a u64's precision are ignored.
                    while let Some(b'0'..=b'9') = self.peek() {
                        self.eat();
                    }
                    return self.with_exponent(positive, significand, before_point + after_point);
                }
            }
            self.eat();
            after_point -= 1;
        }
        if after_point == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error(JsonFault::InvalidNumber),
                None => self.peek_error(JsonFault::EofValue),
            });
        }
        self.with_exponent(positive, significand, before_point + after_point)
    }

    /// The float of the digits read, with the exponent written after them if any.
    fn with_exponent(&mut self, positive: bool, significand: u64, exponent: i32) -> Result<f64> {
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, significand, exponent),
            _ => self.float_of(positive, significand, exponent),
        }
    }

    fn exponent(&mut self, positive: bool, significand: u64, starting: i32) -> Result<f64> {
        self.eat();
        let positive_exp = match self.peek() {
            Some(b'+') => {
                self.eat();
                true
            }
            Some(b'-') => {
                self.eat();
                false
            }
            _ => true,
        };
        let mut exp = match self.next() {
            None => return Err(self.error(JsonFault::EofValue)),
            Some(c @ b'0'..=b'9') => (c - b'0') as i32,
            Some(_) => return Err(self.error(JsonFault::InvalidNumber)),
        };
        while let Some(c @ b'0'..=b'9') = self.peek() {
            self.eat();
            let digit = (c - b'0') as i32;
            match exp.checked_mul(10).and_then(|e| e.checked_add(digit)) {
                Some(next) => exp = next,
                None => {
                    if significand != 0 && positive_exp {
                        return Err(self.error(JsonFault::NumberOutOfRange));
                    }
                    while let Some(b'0'..=b'9') = self.peek() {
                        self.eat();
                    }
                    return Ok(if positive { 0.0 } else { -0.0 });
                }
            }
        }
        let exponent = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float_of(positive, significand, exponent)
    }

    /// serde_json's own conversion (not always the nearest float, but the
    /// one the files on users' devices were written back with).
    fn float_of(&mut self, positive: bool, significand: u64, mut exponent: i32) -> Result<f64> {
        let mut f = significand as f64;
        loop {
            match (exponent.unsigned_abs() <= 308).then(|| pow10(exponent.unsigned_abs())) {
                Some(pow) => {
                    if exponent >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error(JsonFault::NumberOutOfRange));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exponent >= 0 {
                        return Err(self.error(JsonFault::NumberOutOfRange));
                    }
                    f /= 1e308;
                    exponent += 308;
                }
            }
        }
        Ok(if positive { f } else { -f })
    }

    /// The fault of a value of another type than `expected`: where faults
    /// are unworded, without reading the value, as nothing says what it was.
    #[cfg(feature = "unworded")]
    fn invalid_type(&mut self, _: &'static str) -> Error {
        Error::raised(|| Problem::Unworded)
    }

    /// The fault of a value of another type than `expected`, in serde's words
    /// (`invalid type: string "a", expected a sequence`), the value read.
    #[cfg(not(feature = "unworded"))]
    fn invalid_type(&mut self, expected: &'static str) -> Error {
        let found = match self.peek().unwrap_or(0) {
            b'n' => {
                self.eat();
                if let Err(error) = self.ident(b"ull") {
                    return error;
                }
                Found::Null
            }
            b't' => {
                self.eat();
                if let Err(error) = self.ident(b"rue") {
                    return error;
                }
                Found::Bool(true)
            }
            b'f' => {
                self.eat();
                if let Err(error) = self.ident(b"alse") {
                    return error;
                }
                Found::Bool(false)
            }
            b'-' | b'0'..=b'9' => match self.number() {
                Ok(number) => number.into(),
                Err(error) => return error,
            },
            b'"' => {
                self.eat();
                match self.string_body() {
                    Ok(text) => Found::String(text.into_owned()),
                    Err(error) => return error,
                }
            }
            b'[' => Found::Sequence,
            b'{' => Found::Map,
            _ => return self.peek_error(JsonFault::ExpectedValue),
        };
        self.fix(Error::raised(|| Problem::WrongType { found, expected }))
    }

    /// A number, at its first byte.
    fn number(&mut self) -> Result<Number> {
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.eat();
        }
        self.integer(positive)
    }

    /// A string; another value is a fault naming what was `expected`.
    /// Borrowed from the JSON text unless it has escapes.
    pub fn string(&mut self, expected: &'static str) -> Result<Cow<'a, str>> {
        if self.value_start()? == b'"' {
            self.eat();
            self.string_body()
        } else {
            Err(self.invalid_type(expected))
        }
    }

    /// A string, handed to `take`, which keeps what it makes of it; a
    /// string it refuses is the fault `problem` makes of it, placed right
    /// after the string. Not generic: one copy of the read for every value
    /// read from a string (a copy for each was most of the event's reading).
    pub fn string_with(
        &mut self,
        expected: &'static str,
        take: &mut dyn FnMut(&str) -> bool,
        problem: &dyn Fn(&str) -> Problem,
    ) -> Result<()> {
        let text = self.string(expected)?;
        if take(&text) {
            return Ok(());
        }
        Err(self.fix(Error::raised(|| problem(&text))))
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Result<bool> {
        match self.value_start()? {
            b't' => {
                self.eat();
                self.ident(b"rue").map(|()| true)
            }
            b'f' => {
                self.eat();
                self.ident(b"alse").map(|()| false)
            }
            _ => Err(self.invalid_type("a boolean")),
        }
    }

    /// A whole number up to `max`, `expected` naming its Rust type (`u32`) as
    /// serde does.
    pub fn unsigned(&mut self, expected: &'static str, max: u64) -> Result<u64> {
        let found = match self.value_start()? {
            b'-' | b'0'..=b'9' => match self.number()? {
                Number::PosInt(n) if n <= max => return Ok(n),
                Number::Float(f) => {
                    return Err(self.fix(Error::raised(|| Problem::WrongType {
                        found: Found::Float(f),
                        expected,
                    })));
                }
                other => other,
            },
            _ => return Err(self.invalid_type(expected)),
        };
        Err(self.fix(Error::raised(|| Problem::WrongValue {
            found: found.into(),
            expected,
        })))
    }

    /// Opens a collection at `open`, as deep as serde_json allows.
    fn open(&mut self, open: u8, expected: &'static str) -> Result<()> {
        if self.value_start()? != open {
            return Err(self.invalid_type(expected));
        }
        self.depth -= 1;
        if self.depth == 0 {
            return Err(self.peek_error(JsonFault::RecursionLimit));
        }
        self.eat();
        Ok(())
    }

    /// Closes a collection read by `read`, whose fault is placed where the
    /// reader stands after the closing bracket.
    fn close<T>(&mut self, read: Result<T>, close: u8, eof: JsonFault) -> Result<T> {
        let end = self.closing(close, eof);
        match (read, end) {
            (Ok(value), Ok(())) => Ok(value),
            (Err(error), _) | (_, Err(error)) => Err(self.fix(error)),
        }
    }

    /// The closing bracket `close` of a collection, or why it is not there:
    /// not generic, one copy for every collection's value.
    fn closing(&mut self, close: u8, eof: JsonFault) -> Result<()> {
        self.depth += 1;
        match self.whitespace() {
            Some(b) if b == close => {
                self.eat();
                Ok(())
            }
            Some(b',') if close == b'}' => Err(self.peek_error(JsonFault::TrailingComma)),
            Some(b',') => {
                self.eat();
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error(JsonFault::TrailingComma)),
                    _ => Err(self.peek_error(JsonFault::TrailingCharacters)),
                }
            }
            Some(_) => Err(self.peek_error(JsonFault::TrailingCharacters)),
            None => Err(self.peek_error(eof)),
        }
    }

    /// An object, its keys and values read by `read` with [`Reader::next_key`]
    /// and [`Reader::colon`]; another value is a fault naming what was `expected`.
    pub fn object<T>(
        &mut self,
        expected: &'static str,
        read: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.open(b'{', expected)?;
        let read = read(self);
        self.close(read, b'}', JsonFault::EofObject)
    }

    /// An array, its elements read by `read` with [`Reader::next_element`].
    pub fn array<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.open(b'[', "a sequence")?;
        let read = read(self);
        self.close(read, b']', JsonFault::EofList)
    }

    /// The next key of an object, `first` telling whether one was read; a key
    /// that cannot be read is noted as `?`.
    pub fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        self.within(
            || Step::Key("?".to_owned()),
            |reader| reader.has_next_key(first),
        )
    }

    fn has_next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        let peek = match self.whitespace() {
            None => return Err(self.peek_error(JsonFault::EofObject)),
            Some(b'}') => return Ok(None),
            Some(b',') if !*first => {
                self.eat();
                match self.whitespace() {
                    Some(b'"') => b'"',
                    Some(b'}') => return Err(self.peek_error(JsonFault::TrailingComma)),
                    Some(_) => return Err(self.peek_error(JsonFault::KeyMustBeAString)),
                    None => return Err(self.peek_error(JsonFault::EofValue)),
                }
            }
            Some(_) if !*first => return Err(self.peek_error(JsonFault::ExpectedObjectCommaOrEnd)),
            Some(b) => b,
        };
        *first = false;
        if peek != b'"' {
            return Err(self.peek_error(JsonFault::KeyMustBeAString));
        }
        self.eat();
        self.string_body().map(Some)
    }

    /// The colon between a key and its value.
    pub fn colon(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b':') => {
                self.eat();
                Ok(())
            }
            Some(_) => Err(self.peek_error(JsonFault::ExpectedColon)),
            None => Err(self.peek_error(JsonFault::EofObject)),
        }
    }

    /// Whether an array has another element, `first` telling whether one was read.
    pub fn next_element(&mut self, first: &mut bool) -> Result<bool> {
        match self.whitespace() {
            None => Err(self.peek_error(JsonFault::EofList)),
            Some(b']') => Ok(false),
            _ if *first => {
                *first = false;
                Ok(true)
            }
            Some(b',') => {
                self.eat();
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error(JsonFault::TrailingComma)),
                    Some(_) => Ok(true),
                    None => Err(self.peek_error(JsonFault::EofValue)),
                }
            }
            Some(_) => Err(self.peek_error(JsonFault::ExpectedListCommaOrEnd)),
        }
    }

    /// The elements of an array, each read by `read` and noted by its index.
    pub fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let mut items = Vec::new();
        self.elements(|reader| {
            items.push(read(reader)?);
            Ok(())
        })?;
        Ok(items)
    }

    /// Reads the elements of an array one by one with `read`, each noted by
    /// its index, keeping none of them.
    pub fn elements(&mut self, mut read: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.array(|reader| {
            let mut first = true;
            let mut index = 0;
            while reader.next_element(&mut first)? {
                reader.within(|| Step::Index(index), &mut read)?;
                index += 1;
            }
            Ok(())
        })
    }

    /// An object whose keys `field` takes one by one, reading the value of
    /// each it knows and answering `false` for the others, which are skipped
    /// (as serde reads a struct of the fields it needs).
    pub fn fields(
        &mut self,
        expected: &'static str,
        mut field: impl FnMut(&mut Self, &str) -> Result<bool>,
    ) -> Result<()> {
        self.object(expected, |reader| {
            let mut first = true;
            while let Some(key) = reader.next_key(&mut first)? {
                reader.colon()?;
                if !field(reader, &key)? {
                    reader.skip()?;
                }
            }
            Ok(())
        })
    }

    /// Reads a value without keeping it.
    pub fn skip(&mut self) -> Result<()> {
        match self.value_start()? {
            b'[' => self.array(|reader| {
                let mut first = true;
                while reader.next_element(&mut first)? {
                    reader.skip()?;
                }
                Ok(())
            }),
            b'{' => self.fields("any valid JSON value", |_, _| Ok(false)),
            _ => self.value().map(drop),
        }
    }

    /// A key of an object that already has it: refused in a strict read, as
    /// JSON leaves open which of the two counts.
    pub fn duplicate(&mut self, key: &str) -> Error {
        self.note(|| Step::Key(key.to_owned()));
        Error::raised(|| Problem::DuplicateKey {
            key: key.to_owned(),
        })
    }

    /// Any value, read as if `levels` more arrays and objects were open
    /// around it: one that will be kept that much deeper than it stands
    /// must not come out too deep to read again.
    pub fn value_deeper(&mut self, levels: u8) -> Result<Value> {
        let depth = self.depth;
        self.depth = depth.saturating_sub(levels).max(1);
        let value = self.value();
        self.depth = depth;
        value
    }

    /// Any value, with the path to a fault inside it noted.
    pub fn value(&mut self) -> Result<Value> {
        let value = match self.value_start()? {
            b'n' => {
                self.eat();
                self.ident(b"ull").map(|()| Value::Null)
            }
            b't' | b'f' => self.boolean().map(Value::Bool),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'"' => {
                self.eat();
                self.string_body()
                    .map(|text| Value::String(text.into_owned()))
            }
            b'[' => self.list(Self::value).map(Value::Array),
            b'{' => self
                .object("any valid JSON value", |reader| {
                    let mut object = Map::new();
                    let mut first = true;
                    while let Some(key) = reader.next_key(&mut first)? {
                        if reader.strict && object.contains_key(&key) {
                            return Err(reader.duplicate(&key));
                        }
                        reader.colon()?;
                        let value = reader.within(|| Step::Key(key.to_string()), Self::value)?;
                        object.insert(key.into_owned(), value);
                    }
                    Ok(object)
                })
                .map(Value::Object),
            _ => Err(self.peek_error(JsonFault::ExpectedValue)),
        };
        value.map_err(|error| self.fix(error))
    }
}

/// The high bit of each byte of `word` (read little-endian) that ends a
/// string's plain run: `"`, `\\` or a control character. Exact up to the
/// first such byte, which is all a run needs: a byte's borrow in the
/// subtractions can only mark a byte after a real one.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_at = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    zero_at(word ^ (ONES * u64::from(b'"'))) | zero_at(word ^ (ONES * u64::from(b'\\'))) | control
}

/// `significand` with the digit `c` written after it, if a u64 holds it.
fn with_digit(significand: u64, c: u8) -> Option<u64> {
    significand.checked_mul(10)?.checked_add((c - b'0') as u64)
}

impl From<Number> for Found {
    fn from(number: Number) -> Found {
        match number {
            Number::PosInt(n) => Found::Unsigned(n),
            Number::NegInt(n) => Found::Negative(n),
            Number::Float(f) => Found::Float(f),
        }
    }
}

/// Writes JSON as serde_json does: compact, or pretty with two spaces.
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// Whether the collection open has no item yet.
    first: bool,
}

impl Writer {
    /// An empty writer: `pretty` for lines indented by two spaces, as a case
    /// file is written; otherwise compact.
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            depth: 0,
            first: true,
        }
    }

    /// The JSON text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Opens an array (`[`) or an object (`{`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes the array (`]`) or object (`}`) open last.
    pub fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.first {
            self.line();
        }
        self.out.push(bracket);
        self.first = false;
    }

    fn line(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// Starts an element of an array.
    pub fn element(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.line();
    }

    /// Starts the value of `key` in an object.
    pub fn key(&mut self, key: &str) {
        self.element();
        self.string(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// Writes text as it is: a number, `true`, `null`.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Writes `text` as a JSON string, escaped as serde_json escapes it.
    pub fn string(&mut self, text: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\x08' => "\\b",
                b'\x0c' => "\\f",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..0x20 => "",
                _ => continue,
            };
            self.out.push_str(&text[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 0xF) as usize] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&text[start..]);
        self.out.push('"');
    }

    /// The fields of `map`, in the object open.
    pub fn fields(&mut self, map: &Map) {
        for (key, value) in map.iter() {
            self.key(key);
            self.value(value);
        }
    }

    /// Writes `value`, with all it holds.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.raw("null"),
            Value::Bool(b) => self.raw(if *b { "true" } else { "false" }),
            Value::Number(Number::PosInt(n)) => self.raw(&n.to_string()),
            Value::Number(Number::NegInt(n)) => self.raw(&n.to_string()),
            Value::Number(Number::Float(f)) => write_float(&mut self.out, *f),
            Value::String(text) => self.string(text),
            Value::Array(items) => {
                self.open('[');
                for item in items {
                    self.element();
                    self.value(item);
                }
                self.close(']');
            }
            Value::Object(map) => {
                self.open('{');
                self.fields(map);
                self.close('}');
            }
        }
    }
}

/// A float as serde_json writes one, with zmij: the shortest digits that
/// read back the same (`1.0`, `0.001`, `1e-7`, `1.5e+300`), where two are as
/// short, zmij's choice.
fn write_float(out: &mut String, f: f64) {
    if f.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(f));
    } else {
        out.push_str("null");
    }
}

/// The float nearest 10^`exponent` (up to 308), as in the table serde_json
/// multiplies by: worked out from the exact whole number, as floats are
/// seldom read (only in unknown fields), where the table of 309 was 2.4 KB
/// of the app's first module.
fn pow10(exponent: u32) -> f64 {
    // 10^exponent, exactly, in 64-bit limbs from the lowest (10^308 < 2^1024).
    let mut limbs = [0u64; 16];
    limbs[0] = 1;
    for _ in 0..exponent {
        let mut carry = 0;
        for limb in &mut limbs {
            let wide = u128::from(*limb) * 10 + carry;
            *limb = wide as u64;
            carry = wide >> 64;
        }
    }
    let top = limbs.iter().rposition(|&limb| limb != 0).unwrap_or(0);
    let shift = limbs[top].leading_zeros();
    let below = if top > 0 { limbs[top - 1] } else { 0 };
    // The 64 highest bits, the lowest of them set if any bit below them is:
    // then rounding them to a float's 53 rounds the whole number.
    let high = (u128::from(limbs[top]) << 64 | u128::from(below)) << shift >> 64;
    let lost = below << shift != 0 || limbs[..top.saturating_sub(1)].iter().any(|&limb| limb != 0);
    let scale = 64 * top as i64 - i64::from(shift);
    (high as u64 | u64::from(lost)) as f64 * f64::from_bits(((scale + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: Rust's own reading of `1e{k}`, the nearest float, as the
    /// literals of serde_json's table are read.
    #[test]
    fn every_power_of_ten_is_the_nearest_float() {
        for k in 0..=308 {
            assert_eq!(pow10(k), format!("1e{k}").parse::<f64>().unwrap(), "1e{k}");
        }
    }

    /// Whether `b` ends a string's plain run, as the byte-by-byte search reads it.
    fn special(b: u8) -> bool {
        b == b'"' || b == b'\\' || b < 0x20
    }

    /// Source: the byte-by-byte search it replaces. Every byte value at every
    /// place of eight, after plain bytes (ASCII and UTF-8's high bytes) and
    /// before any byte: the first byte found is the first special one.
    #[test]
    fn eight_bytes_at_a_time_find_the_first_special_byte() {
        for fill in [b'a', b' ', 0x21, 0x5D, 0x80, 0xFF] {
            for at in 0..8 {
                for byte in 0..=255u8 {
                    for after in [b'a', 0x00, b'"', 0x1F, 0xFF] {
                        let mut eight = [fill; 8];
                        eight[at] = byte;
                        eight[at + 1..].fill(after);
                        let expected = eight.iter().position(|&b| special(b));
                        let found = special_bytes(u64::from_le_bytes(eight));
                        let first = (found != 0).then(|| found.trailing_zeros() as usize / 8);
                        assert_eq!(first, expected, "{eight:?}");
                    }
                }
            }
        }
    }
}
