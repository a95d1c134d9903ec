//! One stable sort by date for the engine, its outputs and the app.
//!
//! `sort_by_key` builds a fresh copy of the standard library's sort for every
//! item type it is used on, about 3 KB of the app's WebAssembly each. Sorting
//! (dates, position) pairs instead builds one sort, shared by every caller;
//! the two dates are packed in one number, compared in one step. What is not
//! sorted by date sorts by a number of its own ([`sort_by_number`]) or sorts
//! its positions ([`sorted_positions_by`]). All sort with `merge_runs`,
//! written here: the standard library's stable and
//! unstable sorts for those two item types were about 8 KB of the app's
//! WebAssembly (3.4 KB gzip).

use std::cmp::Ordering;

use chrono::NaiveDate;

/// What an item is sorted by: the first date, then the second to break ties
/// (repeat the first when one date is enough).
pub type DateKey = (NaiveDate, NaiveDate);

/// Sorts `items` by `key`, keeping items with equal keys in the order they had.
///
/// ```
/// use chrono::NaiveDate;
/// let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
/// let mut logged = vec![("advice", day(9)), ("request", day(6)), ("decision", day(9))];
/// rules::date_order::sort_by_date(&mut logged, |&(_, on)| (on, on));
/// assert_eq!(logged, [("request", day(6)), ("advice", day(9)), ("decision", day(9))]);
/// ```
pub fn sort_by_date<T>(items: &mut [T], key: impl Fn(&T) -> DateKey) {
    sort_by_number(items, |item| packed_pair(key(item)));
}

/// Sorts `items` by `key`, a number, keeping items with equal keys in the
/// order they had: for an order not by date (the council report's groups
/// and days late), with the same sort, where the standard library's stable
/// and unstable sorts added about 6 KB to the report's part.
///
/// ```
/// let mut days_late = vec![(3, "c"), (-1, "a"), (3, "d"), (2, "b")];
/// rules::date_order::sort_by_number(&mut days_late, |&(days, _)| days as u64 ^ 1 << 63);
/// assert_eq!(days_late, [(-1, "a"), (2, "b"), (3, "c"), (3, "d")]);
/// ```
pub fn sort_by_number<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    let mut order = keys(items, key);
    if sort_keys(&mut order) {
        permute(&mut order, &mut |a, b| items.swap(a, b));
    }
}

/// Sorts `items` as `sort_by_date` does, moving each item once into a new list
/// rather than swapping it into place: for items too large to swap cheaply. A
/// deadline is 232 bytes, and built for size (opt-level "z", the app's wasm)
/// swapping deadlines into place took 13% of the engine's instructions.
///
/// ```
/// use chrono::NaiveDate;
/// let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
/// let mut logged = vec![("advice", day(9)), ("request", day(6)), ("decision", day(9))];
/// rules::date_order::sort_vec_by_date(&mut logged, |&(_, on)| (on, on));
/// assert_eq!(logged, [("request", day(6)), ("advice", day(9)), ("decision", day(9))]);
/// ```
pub fn sort_vec_by_date<T>(items: &mut Vec<T>, key: impl Fn(&T) -> DateKey) {
    let mut order = keys(items, |item| packed_pair(key(item)));
    if !sort_keys(&mut order) {
        return;
    }
    let mut sorted: Vec<T> = Vec::with_capacity(items.len());
    // SAFETY: the positions in `order` are a permutation of `0..items.len()`
    // (each item's key with its position, sorted), so each item is copied out
    // exactly once, into its own place within `sorted`'s capacity. `items`
    // gives up its items first (length 0), so none is dropped twice, and
    // nothing here can panic.
    unsafe {
        let (from, to) = (items.as_ptr(), sorted.as_mut_ptr());
        items.set_len(0);
        for (place, &(_, position)) in order.iter().enumerate() {
            std::ptr::copy_nonoverlapping(from.add(position), to.add(place), 1);
        }
        sorted.set_len(order.len());
    }
    *items = sorted;
}

/// An item's key, packed in one number, beside the item's position.
type Keyed = (u64, usize);

/// The key of each of `items` beside its position.
fn keys<T>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<Keyed> {
    let mut order = vec![(0, 0); items.len()];
    // Filled by index, not pushed: built for size (the app's wasm), each push
    // would be a call.
    for (position, item) in items.iter().enumerate() {
        order.as_mut_slice()[position] = (key(item), position);
    }
    order
}

/// Both dates of a key packed in one number, in the keys' order.
#[inline(always)]
fn packed_pair((first, second): DateKey) -> u64 {
    packed(first) << 32 | packed(second)
}

/// A date as a number in the dates' order: its year, then its day of the year.
/// Inline even where built for size (the app's wasm): a call per item otherwise.
#[inline(always)]
fn packed(date: NaiveDate) -> u64 {
    use chrono::Datelike;
    // chrono's years fit in 19 bits with their sign: shifted to be positive.
    let year = (date.year() + (1 << 18)) as u64;
    year << 9 | u64::from(date.ordinal())
}

/// Sorts the keys, the part of the sort that is not generic, so the item types
/// share it; false when they are in order already.
fn sort_keys(order: &mut [Keyed]) -> bool {
    // By key alone: the pairs are in position order, which a stable sort keeps
    // among equal keys.
    merge_runs(order, |a, b| a.0 < b.0)
}

/// Moves the item at the position `order[place]` holds to `place` for every
/// place, by swaps, one cycle at a time (marking the positions done in
/// `order`). Not generic, so the item types share it: each caller only
/// supplies its swap.
fn permute(order: &mut [Keyed], swap: &mut dyn FnMut(usize, usize)) {
    const PLACED: usize = usize::MAX;
    for start in 0..order.len() {
        let mut place = start;
        while order[place].1 != PLACED {
            let source = order[place].1;
            order[place].1 = PLACED;
            if source == start {
                break;
            }
            swap(place, source);
            place = source;
        }
    }
}

/// The positions `0..len` in the order `order` puts them, which must tell
/// every two positions apart (by position, last), so the order is the same
/// as a stable sort's. Not generic: the grouping by subject and the app's
/// case list share one copy of the sort, where a `sort_by_key` on each key
/// type built one each (about 1 KB gzip of the app's WebAssembly).
///
/// ```
/// let names = ["b", "a", "b"];
/// let sorted = rules::date_order::sorted_positions_by(3, &|x, y| (names[x], x).cmp(&(names[y], y)));
/// assert_eq!(sorted, [1, 0, 2]);
/// ```
pub fn sorted_positions_by(len: usize, order: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    merge_runs(&mut positions, |&a, &b| order(a, b) == Ordering::Less);
    positions
}

/// Sorts `items` by `less`, keeping equal items in the order they had; false
/// when they were in order already. Finds the runs already in order (a case's
/// milestones, then its correspondence; each stage's deadlines), lengthens a
/// run shorter than `MIN_RUN` to that by insertion, then merges neighbouring
/// runs, pass by pass, between `items` and one buffer. Sorting fixed stretches
/// of 32 by insertion first mixed two runs in a stretch and moved items far
/// back: this sorts the engine's lists in a third fewer instructions, fewer
/// than the standard library's stable sort at opt-level 3 and "z" alike.
fn merge_runs<T: Copy>(items: &mut [T], less: impl Fn(&T, &T) -> bool) -> bool {
    const MIN_RUN: usize = 16;
    let len = items.len();
    // The end of the run in order that goes on to at least `end` (from 1 to
    // `len`).
    let run_end = |items: &[T], end: usize| {
        let pairs = items[end - 1..].windows(2);
        end + pairs.take_while(|pair| !less(&pair[1], &pair[0])).count()
    };
    let mut start = 0;
    let mut end = run_end(items, 1);
    if end >= len {
        return false;
    }
    // Where each run starts, then the end. Every run but the last has at
    // least `MIN_RUN` items, so the list never grows.
    let mut bounds = Vec::with_capacity(len / MIN_RUN + 2);
    bounds.push(0);
    loop {
        if end - start < MIN_RUN {
            let sorted = end - start;
            end = len.min(start + MIN_RUN);
            insertion_sort(&mut items[start..end], sorted, &less);
            end = run_end(items, end);
        }
        bounds.push(end);
        if end == len {
            break;
        }
        start = end;
        end = run_end(items, start + 1);
    }
    if bounds.len() == 2 {
        return true;
    }
    let mut buffer = items.to_vec();
    let (mut from, mut to): (&mut [T], &mut [T]) = (&mut *items, &mut buffer);
    let mut in_buffer = false;
    while bounds.len() > 2 {
        // Runs 2k and 2k + 1 become run k; an odd run out at the end is copied.
        let mut runs = 0;
        let mut at = 0;
        while at + 1 < bounds.len() {
            let (start, middle) = (bounds[at], bounds[at + 1]);
            let end = bounds[(at + 2).min(bounds.len() - 1)];
            merge(
                &from[start..middle],
                &from[middle..end],
                &mut to[start..end],
                &less,
            );
            bounds[runs] = start;
            runs += 1;
            at += 2;
        }
        bounds[runs] = from.len();
        bounds.truncate(runs + 1);
        std::mem::swap(&mut from, &mut to);
        in_buffer = !in_buffer;
    }
    if in_buffer {
        items.copy_from_slice(&buffer);
    }
    true
}

/// Sorts a few items in place, the first `sorted` of them in order already:
/// each item after those moved back past the greater ones before it.
fn insertion_sort<T: Copy>(items: &mut [T], sorted: usize, less: &impl Fn(&T, &T) -> bool) {
    for at in sorted..items.len() {
        let item = items[at];
        let mut place = at;
        while place > 0 && less(&item, &items[place - 1]) {
            items[place] = items[place - 1];
            place -= 1;
        }
        items[place] = item;
    }
}

/// Merges the sorted `left` and `right` into `out`, `left`'s item first of two
/// equal ones. The items of `left` not after `right`'s first, and of `right`
/// once `left` is done (a run mostly after the other), are copied whole.
fn merge<T: Copy>(left: &[T], right: &[T], out: &mut [T], less: &impl Fn(&T, &T) -> bool) {
    let mut l = 0;
    if let Some(first) = right.first() {
        while l < left.len() && !less(first, &left[l]) {
            l += 1;
        }
    }
    out[..l].copy_from_slice(&left[..l]);
    let (mut left, mut right, mut o) = (&left[l..], right, l);
    while let (Some((a, after_a)), Some((b, after_b))) = (left.split_first(), right.split_first()) {
        if less(b, a) {
            out[o] = *b;
            right = after_b;
        } else {
            out[o] = *a;
            left = after_a;
        }
        o += 1;
    }
    out[o..o + left.len()].copy_from_slice(left);
    out[o + left.len()..].copy_from_slice(right);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sorts `keys` beside their positions with `merge_runs`: the order of the
    /// standard library's stable sort, equal keys kept in order, and told
    /// whether they were in order already.
    fn sorts_as_the_stable_sort_does(keys: Vec<u16>) -> Result<(), TestCaseError> {
        let mut items: Vec<(u16, usize)> = keys
            .into_iter()
            .enumerate()
            .map(|(at, key)| (key, at))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(key, _)| key);
        let in_order = items == expected;
        prop_assert_eq!(merge_runs(&mut items, |a, b| a.0 < b.0), !in_order);
        prop_assert_eq!(items, expected);
        Ok(())
    }

    proptest! {
        /// Keys with repeats, in runs mostly shorter than `MIN_RUN`.
        #[test]
        fn merge_runs_sorts_short_runs(keys in prop::collection::vec(0u16..8, 0..200)) {
            sorts_as_the_stable_sort_does(keys)?;
        }

        /// A few runs in order one after the other, of every length, as a
        /// case's milestones, correspondence and deadlines come, with keys
        /// repeated within and across runs.
        #[test]
        fn merge_runs_sorts_runs_in_order(runs in prop::collection::vec(prop::collection::vec(0u16..100, 0..70), 0..8)) {
            let keys = runs.into_iter().flat_map(|mut run| {
                run.sort();
                run
            });
            sorts_as_the_stable_sort_does(keys.collect())?;
        }
    }
}
