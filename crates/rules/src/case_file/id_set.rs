//! The set of ids read so far in a list whose ids must differ (cases,
//! events, documents). Not the standard library's `HashSet`: its copy for
//! these ids, with its hasher, was about 2.4 KB of the app's first module;
//! this one is a few hundred bytes, and ids are short, so a plain hash
//! serves (a file built to collide only slows its own reading). The app's
//! storage uses it too, for sets of case and event ids, so the first module
//! carries no `HashSet` of its own.

use std::borrow::Cow;

/// Ids, each with its place in a table of twice as many slots or more, found
/// by FNV-1a and the slots after it (linear probing).
#[derive(Default)]
pub struct IdSet<'a> {
    ids: Vec<Cow<'a, str>>,
    /// 0 for an empty slot, or 1 + the position of its id in `ids`; the
    /// length a power of two.
    slots: Vec<u32>,
}

impl<'a> IdSet<'a> {
    /// Adds `id`; false (and the set unchanged) if it is there already.
    pub fn insert(&mut self, id: Cow<'a, str>) -> bool {
        if self.slots.len() <= 2 * self.ids.len() {
            self.grow();
        }
        let slot = self.slot_of(&id);
        if self.slots[slot] != 0 {
            return false;
        }
        self.ids.push(id);
        self.slots[slot] = self.ids.len() as u32;
        true
    }

    /// Empties the set, keeping its room for the next list.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.slots.fill(0);
    }

    /// Whether `id` is in the set.
    pub fn contains(&self, id: &str) -> bool {
        !self.ids.is_empty() && self.slots[self.slot_of(id)] != 0
    }

    /// The slot holding `id`, or the empty one where it would go.
    fn slot_of(&self, id: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = fnv1a(id) as usize & mask;
        loop {
            let taken = self.slots[slot];
            if taken == 0 || self.ids[taken as usize - 1] == id {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Doubles the slots (16 at first) and places every id again.
    fn grow(&mut self) {
        self.slots = vec![0; (self.slots.len() * 2).max(16)];
        for position in 0..self.ids.len() {
            let slot = self.slot_of(&self.ids[position]);
            self.slots[slot] = position as u32 + 1;
        }
    }
}

/// The 32-bit FNV-1a hash of `text`: short and quick for short ids, and
/// `const`, so a table of the known event kinds is built with it at compile
/// time.
pub(super) const fn fnv1a(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut hash = 0x811c_9dc5_u32;
    let mut at = 0;
    while at < bytes.len() {
        hash = (hash ^ bytes[at] as u32).wrapping_mul(0x0100_0193);
        at += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: `HashSet`'s answers, for ids past several growths, read again
    /// after `clear`.
    #[test]
    fn answers_as_a_hash_set_does() {
        let mut set = IdSet::default();
        for round in 0..2 {
            let mut expected = std::collections::HashSet::new();
            for n in (0..300).chain(0..40).chain([7, 299]) {
                let id: Cow<str> = Cow::Owned(format!("e-{n}"));
                assert_eq!(
                    set.insert(id.clone()),
                    expected.insert(id.clone()),
                    "{round} {id}"
                );
            }
            for n in 0..400 {
                let id = format!("e-{n}");
                assert_eq!(
                    set.contains(&id),
                    expected.contains(id.as_str()),
                    "{round} {id}"
                );
            }
            assert!(set.insert(Cow::Borrowed("")));
            assert!(!set.insert(Cow::Borrowed("")));
            set.clear();
            assert!(!set.contains("e-7") && !set.contains(""));
        }
    }
}
