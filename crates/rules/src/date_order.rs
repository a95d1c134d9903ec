//! One stable sort by date for the engine, its outputs and the app.
//!
//! `sort_by_key` builds a fresh copy of the standard library's sort for every
//! item type it is used on, about 3 KB of the app's WebAssembly each. Sorting
//! (dates, position) pairs instead builds one sort, shared by every caller.

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
/// rules::sort_by_date(&mut logged, |&(_, on)| (on, on));
/// assert_eq!(logged, [("request", day(6)), ("advice", day(9)), ("decision", day(9))]);
/// ```
pub fn sort_by_date<T>(items: &mut Vec<T>, key: impl Fn(&T) -> DateKey) {
    let mut order: Vec<(DateKey, usize)> = items
        .iter()
        .enumerate()
        .map(|(position, item)| (key(item), position))
        .collect();
    sort_keys(&mut order);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .map(|(_, position)| slots[position].take().expect("each position once")),
    );
}

/// The one sort. The positions make every key distinct, so the quicker and
/// smaller unstable sort gives the stable order.
fn sort_keys(order: &mut [(DateKey, usize)]) {
    order.sort_unstable();
}
