//! PLACEHOLDER: being written.
use chrono::NaiveDate;
/// Why a parent's tribunal deadline moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TribunalMove { August, Christmas, NonWorkingDay }
/// A parent's tribunal deadline after N7, and why it moved, if it did.
pub fn tribunal_deadline(_date: NaiveDate) -> (NaiveDate, Option<TribunalMove>) { todo!() }
