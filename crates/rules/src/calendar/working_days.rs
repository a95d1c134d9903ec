//! PLACEHOLDER: being written.
use chrono::NaiveDate;
/// Whether `date` is a working day (N6).
pub fn is_working_day(_date: NaiveDate) -> bool { todo!() }
/// The `n`th working day after `date` (date itself not counted).
pub fn add_working_days(_date: NaiveDate, _n: u32) -> NaiveDate { todo!() }
/// The first working day strictly after `date`.
pub fn next_working_day(_date: NaiveDate) -> NaiveDate { todo!() }
