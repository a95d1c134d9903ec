//! One stable sort by date for the engine, its outputs and the app.
//!
//! `sort_by_key` builds a fresh copy of the standard library's sort for every
//! item type it is used on, about 3 KB of the app's WebAssembly each. Sorting
//! (dates, position) pairs instead builds one sort, shared by every caller;
//! the two dates are packed in one number, compared in one step. What is not
//! sorted by date sorts its positions with [`sorted_positions_by`], one copy
//! of the standard library's unstable sort for every such caller.

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
    let mut order = keys(items, key);
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
fn keys<T>(items: &[T], key: impl Fn(&T) -> DateKey) -> Vec<Keyed> {
    let mut order = vec![(0, 0); items.len()];
    // Filled by index, not pushed: built for size (the app's wasm), each push
    // would be a call.
    for (position, item) in items.iter().enumerate() {
        let (first, second) = key(item);
        order.as_mut_slice()[position] = (packed(first) << 32 | packed(second), position);
    }
    order
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
    if order.is_sorted() {
        return false;
    }
    // The stable sort, though every key is distinct: a case's events and
    // deadlines come mostly in runs already in order (the milestones, then the
    // correspondence), which it merges rather than sorting afresh.
    order.sort();
    true
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
    positions.sort_unstable_by(|&a, &b| order(a, b));
    positions
}
