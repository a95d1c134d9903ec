//! Reading a value written as text in a case file, with the reader's own
//! words for what was expected. Below both the model (whose closed sets of
//! values read themselves) and the reader.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

use super::error::{Problem, raise};

/// Deserializes a string with `parse`, so that serde_json places an error right
/// after the string at fault rather than at the end of the enclosing object.
pub(crate) fn from_str_with<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: impl FnOnce(&str) -> Result<T, Problem>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<F>(F, &'static str);
    impl<'de, T, F: FnOnce(&str) -> Result<T, Problem>> Visitor<'de> for StrVisitor<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.1)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            (self.0)(text).map_err(raise)
        }
    }
    deserializer.deserialize_str(StrVisitor(parse, expecting))
}
