//! Reading a PDF file: its cross-reference data (tables or streams, with
//! object streams), or, when that is damaged, every object found by scanning
//! the file, as PDF readers do; then its pages in order.

use std::collections::{HashMap, HashSet};

use super::object::{Dict, Object};
use super::parse::{Broken, Parser, find};
use crate::filters::unfiltered;

/// Why a file cannot be bundled, in words for the family.
pub(crate) const DAMAGED: &str = "it is damaged: no pages could be read from it";
/// A file that needs a password to open.
pub(crate) const LOCKED: &str = "it is protected with a password or against copying; save or print a copy without the protection and add that";

/// How deep a page tree may go: a real one is a few levels, and a hostile
/// one could otherwise overflow the stack.
const TREE_DEPTH: usize = 64;

/// The attributes a page may inherit from the page-tree nodes above it.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// A PDF file read: its objects by number, and its trailer.
pub(crate) struct Pdf {
    pub(crate) objects: HashMap<u32, Object>,
    trailer: Dict,
}

/// A page: its object number and its dictionary, inherited values filled in.
pub(crate) struct Page {
    pub(crate) id: u32,
    pub(crate) dict: Dict,
}

/// Where an object is, by the cross-reference data.
enum Entry {
    At(usize),
    InStream(u32),
}

impl Pdf {
    /// The file read, or why not (see [`DAMAGED`], [`LOCKED`]).
    pub(crate) fn read(data: &[u8]) -> Result<(Pdf, Vec<Page>), &'static str> {
        if find(&data[..data.len().min(1024)], b"%PDF-").is_none() {
            return Err("it is not a PDF, though named as one");
        }
        let mut pdf = Pdf::from_cross_references(data).unwrap_or_else(|Broken| Pdf::scanned(data));
        if pdf.trailer.get(b"Encrypt").is_some() {
            return Err(LOCKED);
        }
        let mut pages = pdf.pages();
        if pages.is_empty() {
            pdf = Pdf::scanned(data);
            pages = pdf.pages();
        }
        match pages.is_empty() {
            true => Err(DAMAGED),
            false => Ok((pdf, pages)),
        }
    }

    /// `object`, a reference followed.
    pub(crate) fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Ref(id) => self.objects.get(id).unwrap_or(&Object::Null),
            _ => object,
        }
    }

    /// The objects the cross-reference sections give, newest first.
    fn from_cross_references(data: &[u8]) -> Result<Pdf, Broken> {
        let tail = data.len().saturating_sub(2048);
        let mark = data[tail..]
            .windows(9)
            .rposition(|window| window == b"startxref")
            .ok_or(Broken)?
            + tail;
        let mut next = Some(Parser::new(data, mark + 9).unsigned()? as usize);
        let mut entries: HashMap<u32, Entry> = HashMap::new();
        let mut trailer: Option<Dict> = None;
        let mut seen = HashSet::new();
        while let Some(at) = next.take() {
            if !seen.insert(at) || at >= data.len() {
                break;
            }
            let mut parser = Parser::new(data, at);
            let section = if parser.keyword(b"xref") {
                table(&mut parser, &mut entries)?
            } else {
                let (_, stream) = parser.indirect(&|length| length.as_int().map(|n| n as usize))?;
                cross_reference_stream(&stream, &mut entries)?
            };
            // A hybrid file's table points to a stream of the objects it hides from old readers.
            if let Some(stream_at) = section.get(b"XRefStm").and_then(Object::as_int) {
                let mut parser = Parser::new(data, stream_at as usize);
                if let Ok((_, stream)) =
                    parser.indirect(&|length| length.as_int().map(|n| n as usize))
                {
                    cross_reference_stream(&stream, &mut entries)?;
                }
            }
            next = section
                .get(b"Prev")
                .and_then(Object::as_int)
                .map(|at| at as usize);
            trailer.get_or_insert(section);
        }
        let trailer = trailer.ok_or(Broken)?;
        let mut objects = HashMap::new();
        let mut containers = Vec::new();
        for (&id, entry) in &entries {
            match *entry {
                Entry::At(at) => {
                    let length = |length: &Object| direct_length(data, &entries, length);
                    let (found, object) = Parser::new(data, at).indirect(&length)?;
                    if found != id {
                        return Err(Broken);
                    }
                    objects.insert(id, object);
                }
                Entry::InStream(container) => containers.push((id, container)),
            }
        }
        let mut unpacked: HashMap<u32, HashMap<u32, Object>> = HashMap::new();
        for (id, container) in containers {
            let members = match unpacked.entry(container) {
                std::collections::hash_map::Entry::Occupied(members) => members.into_mut(),
                std::collections::hash_map::Entry::Vacant(place) => {
                    place.insert(object_stream(objects.get(&container).ok_or(Broken)?)?)
                }
            };
            if let Some(object) = members.remove(&id) {
                objects.insert(id, object);
            }
        }
        Ok(Pdf { objects, trailer })
    }

    /// Every object found by scanning the file for `N G obj`, later ones
    /// winning as later updates do; the trailer is the last one found, or
    /// one made around the catalog.
    fn scanned(data: &[u8]) -> Pdf {
        let mut objects = HashMap::new();
        let mut trailer = Dict::default();
        let mut at = 0;
        while let Some(found) = find(&data[at..], b"obj").map(|found| found + at) {
            at = found + 3;
            let Some(start) = object_start(&data[..found]) else {
                continue;
            };
            let mut parser = Parser::new(data, start);
            let no_length = |_: &Object| None;
            if let Ok((id, object)) = parser.indirect(&no_length) {
                at = at.max(parser.at);
                objects.insert(id, object);
            }
        }
        let mut at = 0;
        while let Some(found) = find(&data[at..], b"trailer").map(|found| found + at) {
            at = found + 7;
            if let Ok(Object::Dict(dict)) = Parser::new(data, at).object()
                && dict.get(b"Root").is_some()
            {
                trailer = dict;
            }
        }
        let containers: Vec<Object> = objects
            .values()
            .filter(|object| {
                object
                    .as_dict()
                    .is_some_and(|dict| dict.is(b"Type", b"ObjStm"))
            })
            .cloned()
            .collect();
        for container in containers {
            for (id, object) in object_stream(&container).unwrap_or_default() {
                objects.entry(id).or_insert(object);
            }
        }
        if trailer.get(b"Root").is_none() {
            let catalog = objects.iter().find(|(_, object)| {
                object
                    .as_dict()
                    .is_some_and(|dict| dict.is(b"Type", b"Catalog"))
            });
            if let Some((&id, _)) = catalog {
                trailer.set("Root", Object::Ref(id));
            }
        }
        Pdf { objects, trailer }
    }

    /// The pages in order, each with what it inherits.
    fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        let root = self.trailer.get(b"Root").map(|root| self.resolve(root));
        if let Some(tree) = root
            .and_then(Object::as_dict)
            .and_then(|catalog| catalog.get(b"Pages"))
        {
            let mut seen = HashSet::new();
            self.collect(tree, &Dict::default(), &mut seen, &mut pages, 0);
        }
        pages
    }

    /// Adds the pages under `node`, `depth` levels down the tree, to
    /// `pages`, passing down `inherited`.
    fn collect(
        &self,
        node: &Object,
        inherited: &Dict,
        seen: &mut HashSet<u32>,
        pages: &mut Vec<Page>,
        depth: usize,
    ) {
        let Object::Ref(id) = *node else { return };
        if depth > TREE_DEPTH || !seen.insert(id) {
            return;
        }
        let Some(dict) = self.resolve(node).as_dict() else {
            return;
        };
        let mut passed = inherited.clone();
        for key in INHERITED {
            if let Some(value) = dict.get(key) {
                passed.0.retain(|(name, _)| name != key);
                passed.0.push((key.to_vec(), value.clone()));
            }
        }
        match dict.get(b"Kids").map(|kids| self.resolve(kids)) {
            Some(Object::Array(kids)) if !dict.is(b"Type", b"Page") => {
                for kid in kids {
                    self.collect(kid, &passed, seen, pages, depth + 1);
                }
            }
            _ => {
                let mut dict = dict.clone();
                dict.0
                    .retain(|(name, _)| !INHERITED.contains(&name.as_slice()));
                dict.0.extend(passed.0);
                pages.push(Page { id, dict });
            }
        }
    }
}

/// Where `12 0 ` begins in `before`, the bytes before an `obj` keyword:
/// walked back over the generation and the number, so that scanning a file
/// stays linear however long its lines.
fn object_start(before: &[u8]) -> Option<usize> {
    let mut at = before.len();
    for _ in 0..2 {
        let digits_end = before[..at]
            .iter()
            .rposition(|byte| !byte.is_ascii_whitespace())?
            + 1;
        let digits_start = before[..digits_end]
            .iter()
            .rposition(|byte| !byte.is_ascii_digit())
            .map_or(0, |at| at + 1);
        if digits_start == digits_end {
            return None;
        }
        at = digits_start;
    }
    Some(at)
}

/// A /Length given directly, or by reference to an object the table places.
fn direct_length(data: &[u8], entries: &HashMap<u32, Entry>, length: &Object) -> Option<usize> {
    let value = match *length {
        Object::Ref(id) => match entries.get(&id)? {
            Entry::At(at) => Parser::new(data, *at).indirect(&|_| None).ok()?.1,
            Entry::InStream(_) => return None,
        },
        ref direct => direct.clone(),
    };
    usize::try_from(value.as_int()?).ok()
}

/// Reads a cross-reference table after its `xref`; returns its trailer.
fn table(parser: &mut Parser, entries: &mut HashMap<u32, Entry>) -> Result<Dict, Broken> {
    while !parser.keyword(b"trailer") {
        let first = parser.unsigned()? as u32;
        let count = parser.unsigned()? as u32;
        for id in first..first.saturating_add(count) {
            let offset = parser.unsigned()? as usize;
            parser.unsigned()?;
            let in_use = parser.keyword(b"n");
            if !in_use && !parser.keyword(b"f") {
                return Err(Broken);
            }
            if in_use && id > 0 {
                entries.entry(id).or_insert(Entry::At(offset));
            }
        }
    }
    match parser.object()? {
        Object::Dict(trailer) => Ok(trailer),
        _ => Err(Broken),
    }
}

/// Reads a cross-reference stream's entries; returns its dictionary, which
/// serves as the trailer.
fn cross_reference_stream(
    stream: &Object,
    entries: &mut HashMap<u32, Entry>,
) -> Result<Dict, Broken> {
    let Object::Stream(dict, _) = stream else {
        return Err(Broken);
    };
    let data = decoded(stream)?;
    let widths: Vec<usize> = dict
        .get(b"W")
        .and_then(Object::as_array)
        .ok_or(Broken)?
        .iter()
        .map(|width| {
            width
                .as_int()
                .and_then(|width| usize::try_from(width).ok())
                .filter(|&width| width <= 8)
        })
        .collect::<Option<_>>()
        .ok_or(Broken)?;
    let [type_width, offset_width, index_width] = widths[..] else {
        return Err(Broken);
    };
    let size = dict.get(b"Size").and_then(Object::as_int).ok_or(Broken)?;
    let ranges: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
        Some(index) => index
            .iter()
            .map(Object::as_int)
            .collect::<Option<_>>()
            .ok_or(Broken)?,
        None => vec![0, size],
    };
    let row = type_width + offset_width + index_width;
    let mut rows = data.chunks_exact(row.max(1));
    let field = |bytes: &[u8]| {
        bytes
            .iter()
            .fold(0u64, |value, &byte| value << 8 | u64::from(byte))
    };
    for range in ranges.chunks_exact(2) {
        for id in range[0]..range[0] + range[1] {
            let row = rows.next().ok_or(Broken)?;
            let kind = if type_width == 0 {
                1
            } else {
                field(&row[..type_width])
            };
            let second = field(&row[type_width..type_width + offset_width]);
            let id = u32::try_from(id).map_err(|_| Broken)?;
            let entry = match kind {
                1 => Entry::At(second as usize),
                2 => Entry::InStream(second as u32),
                _ => continue,
            };
            if id > 0 {
                entries.entry(id).or_insert(entry);
            }
        }
    }
    Ok(dict.clone())
}

/// The members of an object stream, by number.
fn object_stream(stream: &Object) -> Result<HashMap<u32, Object>, Broken> {
    let dict = stream.as_dict().ok_or(Broken)?;
    let data = decoded(stream)?;
    let count = dict.get(b"N").and_then(Object::as_int).ok_or(Broken)?;
    let first = dict.get(b"First").and_then(Object::as_int).ok_or(Broken)? as usize;
    let mut header = Parser::new(&data, 0);
    let mut members = HashMap::new();
    for _ in 0..count {
        let id = header.unsigned()? as u32;
        let offset = header.unsigned()? as usize;
        let mut parser = Parser::new(&data, first.saturating_add(offset));
        members.insert(id, parser.object()?);
    }
    Ok(members)
}

/// A stream's data decoded: /FlateDecode, with or without a PNG predictor,
/// which is all cross-reference and object streams use in practice.
fn decoded(stream: &Object) -> Result<Vec<u8>, Broken> {
    let Object::Stream(dict, data) = stream else {
        return Err(Broken);
    };
    let filter = match dict.get(b"Filter") {
        Some(Object::Array(filters)) if filters.len() == 1 => filters[0].as_name(),
        Some(filter) => filter.as_name(),
        None => return Ok(data.clone()),
    };
    if filter != Some(b"FlateDecode") {
        return Err(Broken);
    }
    let inflated = miniz_oxide::inflate::decompress_to_vec_zlib(data).map_err(|_| Broken)?;
    let parameters = match dict.get(b"DecodeParms") {
        Some(Object::Array(parameters)) => parameters.first().and_then(Object::as_dict),
        Some(parameters) => parameters.as_dict(),
        None => None,
    };
    let predictor = parameters
        .and_then(|parameters| parameters.get(b"Predictor"))
        .and_then(Object::as_int)
        .unwrap_or(1);
    if predictor < 10 {
        return if predictor == 1 {
            Ok(inflated)
        } else {
            Err(Broken)
        };
    }
    let number = |key: &[u8], default: i64| {
        parameters
            .and_then(|parameters| parameters.get(key))
            .and_then(Object::as_int)
            .unwrap_or(default)
    };
    let bits = number(b"Colors", 1) * number(b"BitsPerComponent", 8);
    let columns = usize::try_from(number(b"Columns", 1) * bits)
        .map_err(|_| Broken)?
        .div_ceil(8);
    let step = usize::try_from(bits)
        .map_err(|_| Broken)?
        .div_ceil(8)
        .max(1);
    unfiltered(&inflated, columns, step).ok_or(Broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_wrong_offsets_is_read_by_scanning() {
        let file = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
            2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 200 100]>> endobj\n\
            3 0 obj <</Type/Page/Parent 2 0 R>> endobj\n\
            xref\n0 4\n0000000000 65535 f \n0000000999 00000 n \n0000000999 00000 n \n0000000999 00000 n \n\
            trailer <</Size 4/Root 1 0 R>>\nstartxref\n9999\n%%EOF";
        let (_, pages) = Pdf::read(file).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].id, 3);
        assert_eq!(
            pages[0].dict.get(b"MediaBox"),
            Some(&Object::Array(vec![
                Object::Int(0),
                Object::Int(0),
                Object::Int(200),
                Object::Int(100)
            ]))
        );
    }

    /// A file of `objects`, with a cross-reference table for each of
    /// `sections` (numbers of the objects it lists), each pointing to the
    /// one before, as an update appended to a file writes them.
    fn updated_file(objects: &[(u32, &str)], sections: &[&[usize]]) -> Vec<u8> {
        let mut file = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let mut previous: Option<usize> = None;
        let mut written = 0;
        for section in sections {
            for &(id, body) in &objects[written..written + section.len()] {
                offsets.push((id, file.len()));
                file.extend_from_slice(format!("{id} 0 obj {body} endobj\n").as_bytes());
            }
            written += section.len();
            let table = file.len();
            file.extend_from_slice(b"xref\n");
            for &index in section.iter() {
                let (id, offset) = offsets[index];
                file.extend_from_slice(format!("{id} 1\n{offset:010} 00000 n \n").as_bytes());
            }
            let prev = previous.map(|at| format!("/Prev {at}")).unwrap_or_default();
            file.extend_from_slice(
                format!("trailer <</Root 1 0 R{prev}>>\nstartxref\n{table}\n%%EOF\n").as_bytes(),
            );
            previous = Some(table);
        }
        file
    }

    #[test]
    fn an_update_replaces_the_objects_it_rewrites() {
        let objects = [
            (1, "<</Type/Catalog/Pages 2 0 R>>"),
            (2, "<</Type/Pages/Kids[3 0 R]/Count 1>>"),
            (3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>"),
            (3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 300]>>"),
        ];
        let file = updated_file(&objects, &[&[0, 1, 2], &[3]]);
        assert!(
            Pdf::from_cross_references(&file).is_ok(),
            "read by its tables, not by scanning"
        );
        let (pdf, pages) = Pdf::read(&file).unwrap();
        assert_eq!(pages.len(), 1);
        let size = pages[0]
            .dict
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .map(|area| area[2].clone());
        assert_eq!(
            size,
            Some(Object::Int(300)),
            "the update's page, not the first"
        );
        assert_eq!(pdf.objects.len(), 3);
    }

    #[test]
    fn a_page_tree_too_deep_to_be_real_is_refused() {
        let mut file = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n".to_vec();
        for node in 2..102 {
            file.extend_from_slice(
                format!(
                    "{node} 0 obj <</Type/Pages/Kids[{} 0 R]/Count 1>> endobj\n",
                    node + 1
                )
                .as_bytes(),
            );
        }
        file.extend_from_slice(b"102 0 obj <</Type/Page>> endobj\ntrailer <</Root 1 0 R>>");
        assert_eq!(Pdf::read(&file).err(), Some(DAMAGED));
    }

    #[test]
    fn a_page_tree_that_loops_ends() {
        let file = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
            2 0 obj <</Type/Pages/Kids[2 0 R 3 0 R]/Count 1>> endobj\n\
            3 0 obj <</Type/Page/Parent 2 0 R>> endobj\ntrailer <</Root 1 0 R>>";
        let (_, pages) = Pdf::read(file).unwrap();
        assert_eq!(pages.len(), 1);
    }

    #[test]
    fn what_is_not_a_pdf_or_is_locked_says_so() {
        assert_eq!(
            Pdf::read(b"PK\x03\x04 a zip").err(),
            Some("it is not a PDF, though named as one")
        );
        assert_eq!(Pdf::read(b"%PDF-1.4\nnothing here").err(), Some(DAMAGED));
        let locked = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R/Encrypt 5 0 R>>";
        assert_eq!(Pdf::read(locked).err(), Some(LOCKED));
    }
}
