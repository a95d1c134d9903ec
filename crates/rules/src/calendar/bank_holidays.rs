//! PLACEHOLDER: being written.
use chrono::NaiveDate;
/// The bank holidays of England and Wales in `year`, in date order, with names.
pub fn bank_holidays(_year: i32) -> Vec<(NaiveDate, &'static str)> { todo!() }
/// The name of the bank holiday on `date`, if it is one.
pub fn bank_holiday(_date: NaiveDate) -> Option<&'static str> { todo!() }
