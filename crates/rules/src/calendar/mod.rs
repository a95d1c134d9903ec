//! Calendar dates and how the law counts them: periods (N1 to N4), working days
//! and the bank holidays of England and Wales (N6), the tribunal's moves of a
//! parent's deadline (N7), and dates written for people.

mod bank_holidays;
mod counting;
mod display;
mod tribunal;
mod working_days;

pub use bank_holidays::{bank_holiday, bank_holidays};
pub(crate) use counting::days_between;
pub use counting::{
    Period, add_days, add_months, days_in_month, last_day_of_month, months_starting_with, sub_days,
    sub_months,
};
pub use display::{long_date, long_date_with_weekday, month_name, weekday_name};
pub use tribunal::{TribunalMove, excluded_days_reading, tribunal_deadline};
pub use working_days::{add_working_days, is_working_day, next_working_day};
