//! Date arithmetic for the calendar's views: which days a month grid or a
//! week shows, and where "previous" and "next" lead. Weeks start on Monday
//! (DIN 1355 / ISO 8601, as German calendars do).

use chrono::{Datelike, Duration, Months, NaiveDate};

/// The three ways to look at the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarView {
    /// A month as a grid of weeks.
    Month,
    /// One week with hourly rows.
    Week,
    /// A list of the coming days that have entries.
    Agenda,
}

/// How many days the agenda lists.
pub const AGENDA_DAYS: i64 = 28;

/// The Monday of the week that contains `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The seven days of the week that contains `day`, Monday first.
pub fn week_days(day: NaiveDate) -> [NaiveDate; 7] {
    let monday = week_start(day);
    std::array::from_fn(|i| monday + Duration::days(i as i64))
}

/// The first day of the month of `day`.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The weeks a month grid shows for the month of `day`: from the Monday on
/// or before the 1st to the Sunday on or after the last day (4 to 6 weeks).
pub fn month_weeks(day: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let first = month_start(day);
    let next_month = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let mut weeks = Vec::with_capacity(6);
    let mut monday = week_start(first);
    while monday < next_month {
        weeks.push(week_days(monday));
        monday += Duration::weeks(1);
    }
    weeks
}

/// The first and last day a view shows around `cursor`.
pub fn visible_range(view: CalendarView, cursor: NaiveDate) -> (NaiveDate, NaiveDate) {
    match view {
        CalendarView::Month => {
            let weeks = month_weeks(cursor);
            let first = weeks.first().map_or(cursor, |w| w[0]);
            let last = weeks.last().map_or(cursor, |w| w[6]);
            (first, last)
        }
        CalendarView::Week => {
            let days = week_days(cursor);
            (days[0], days[6])
        }
        CalendarView::Agenda => (cursor, cursor + Duration::days(AGENDA_DAYS - 1)),
    }
}

/// Where "next" (`forward`) or "previous" leads from `cursor`: a month, a
/// week or the agenda's length. A month step keeps the day where it can
/// (31 March → 30 April).
pub fn step(view: CalendarView, cursor: NaiveDate, forward: bool) -> NaiveDate {
    let moved = match (view, forward) {
        (CalendarView::Month, true) => cursor.checked_add_months(Months::new(1)),
        (CalendarView::Month, false) => cursor.checked_sub_months(Months::new(1)),
        (CalendarView::Week, true) => cursor.checked_add_signed(Duration::weeks(1)),
        (CalendarView::Week, false) => cursor.checked_sub_signed(Duration::weeks(1)),
        (CalendarView::Agenda, true) => cursor.checked_add_signed(Duration::days(AGENDA_DAYS)),
        (CalendarView::Agenda, false) => cursor.checked_sub_signed(Duration::days(AGENDA_DAYS)),
    };
    moved.unwrap_or(cursor)
}
