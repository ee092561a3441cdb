//! Helpers shared by the native integration tests (`mod common;`).

use chefsache::planning::WorkCalendar;
use chrono::NaiveDate;

/// The working day `n` working days from the working day `from`, found by
/// stepping one calendar day at a time: the reference for far moves.
pub fn step_day_by_day(cal: &WorkCalendar, from: NaiveDate, n: i64) -> NaiveDate {
    let mut date = from;
    let mut left = n.abs();
    while left > 0 {
        date = if n > 0 {
            date.succ_opt().unwrap()
        } else {
            date.pred_opt().unwrap()
        };
        if cal.is_working_day(date) {
            left -= 1;
        }
    }
    date
}
