//! PDF objects, and their writing out.

/// A PDF object. A stream keeps its data as found, still encoded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    /// An indirect reference: object number (the generation is not kept: the
    /// bundle writes every object at generation 0).
    Ref(u32),
    Stream(Dict, Vec<u8>),
}

/// A dictionary, its keys in the order read (they are few).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Dict(pub(crate) Vec<(Vec<u8>, Object)>);

impl Dict {
    /// The value of `key`.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// Sets `key`, in place of any value it had.
    pub(crate) fn set(&mut self, key: &str, value: impl Into<Object>) {
        let value = value.into();
        match self.0.iter_mut().find(|(name, _)| name == key.as_bytes()) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key.as_bytes().to_vec(), value)),
        }
    }

    /// Whether `key` names `name`: `/Type /Page`.
    pub(crate) fn is(&self, key: &[u8], name: &[u8]) -> bool {
        self.get(key).and_then(Object::as_name) == Some(name)
    }
}

/// A dictionary from its entries.
pub(crate) fn dict<const N: usize>(entries: [(&str, Object); N]) -> Dict {
    Dict(
        entries
            .into_iter()
            .map(|(key, value)| (key.as_bytes().to_vec(), value))
            .collect(),
    )
}

impl Object {
    /// A name object.
    pub(crate) fn name(name: &str) -> Object {
        Object::Name(name.as_bytes().to_vec())
    }

    pub(crate) fn as_int(&self) -> Option<i64> {
        match *self {
            Object::Int(value) => Some(value),
            Object::Real(value) => Some(value as i64),
            _ => None,
        }
    }

    pub(crate) fn as_number(&self) -> Option<f64> {
        match *self {
            Object::Int(value) => Some(value as f64),
            Object::Real(value) => Some(value),
            _ => None,
        }
    }

    pub(crate) fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(name) => Some(name),
            _ => None,
        }
    }

    pub(crate) fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(dict) | Object::Stream(dict, _) => Some(dict),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(array) => Some(array),
            _ => None,
        }
    }

    /// Writes the object in PDF syntax.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        match self {
            Object::Null => out.extend_from_slice(b"null"),
            Object::Bool(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
            Object::Int(value) => out.extend_from_slice(value.to_string().as_bytes()),
            Object::Real(value) => out.extend_from_slice(decimal(*value, 4).as_bytes()),
            Object::Name(name) => write_name(name, out),
            Object::String(bytes) => {
                out.push(b'<');
                for byte in bytes {
                    out.extend_from_slice(format!("{byte:02X}").as_bytes());
                }
                out.push(b'>');
            }
            Object::Array(items) => {
                out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(b' ');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Object::Dict(dict) => write_dict(dict, out),
            Object::Ref(id) => out.extend_from_slice(format!("{id} 0 R").as_bytes()),
            Object::Stream(dict, data) => {
                let mut dict = dict.clone();
                dict.set("Length", data.len() as i64);
                write_dict(&dict, out);
                out.extend_from_slice(b"\nstream\n");
                out.extend_from_slice(data);
                out.extend_from_slice(b"\nendstream");
            }
        }
    }
}

/// `value` with at most `places` decimals and no trailing zeros: "595.28",
/// "12.5", "56". Done in whole numbers: the app has no other use for Rust's
/// float formatting and parsing, which together added 19 KB (gzip) to it.
pub(crate) fn decimal(value: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, mut fraction, mut digits) =
        (scaled.abs() / scale, scaled.abs() % scale, places as usize);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    format!("{sign}{whole}.{fraction:0digits$}")
}

/// A name, with `#xx` for the bytes a name cannot hold as they are.
fn write_name(name: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &byte in name {
        if byte.is_ascii_graphic() && !b"#()<>[]{}/%".contains(&byte) {
            out.push(byte);
        } else {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        }
    }
}

fn write_dict(dict: &Dict, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<<");
    for (key, value) in &dict.0 {
        write_name(key, out);
        out.push(b' ');
        value.write(out);
    }
    out.extend_from_slice(b">>");
}

impl From<i64> for Object {
    fn from(value: i64) -> Object {
        Object::Int(value)
    }
}

impl From<f64> for Object {
    fn from(value: f64) -> Object {
        Object::Real(value)
    }
}

impl From<Dict> for Object {
    fn from(value: Dict) -> Object {
        Object::Dict(value)
    }
}

impl From<Vec<Object>> for Object {
    fn from(value: Vec<Object>) -> Object {
        Object::Array(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        object.write(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let page = dict([
            ("Type", Object::name("Page")),
            (
                "MediaBox",
                vec![
                    Object::Int(0),
                    Object::Int(0),
                    Object::Real(595.28),
                    Object::Real(841.0),
                ]
                .into(),
            ),
            ("Odd name", Object::Name(b"A#B/C".to_vec())),
            ("Title", Object::String(b"(x)".to_vec())),
            ("Parent", Object::Ref(3)),
            ("Rotate", Object::Real(-0.000001)),
            ("Scale", Object::Real(-2.05)),
            ("Flags", vec![Object::Bool(true), Object::Null].into()),
        ]);
        assert_eq!(
            written(&page.into()),
            "<</Type /Page/MediaBox [0 0 595.28 841]/Odd#20name /A#23B#2FC/Title <287829>/Parent 3 0 R/Rotate 0/Scale -2.05/Flags [true null]>>"
        );
        let stream = Object::Stream(dict([("Length", Object::Int(99))]), b"q Q".to_vec());
        assert_eq!(written(&stream), "<</Length 3>>\nstream\nq Q\nendstream");
    }
}
