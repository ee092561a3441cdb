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

/// What sets a day apart in every view of the calendar: a public holiday
/// of the chosen state (with its name) or one of the person's days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayNote {
    Holiday(&'static str),
    DayOff,
}

/// The note for `day`, if any; a holiday wins over a day off on the same
/// date (the holiday's name says more).
pub fn day_note(calendar: &crate::planning::WorkCalendar, day: NaiveDate) -> Option<DayNote> {
    if let Some(holiday) = calendar.holiday_on(day) {
        return Some(DayNote::Holiday(holiday.name()));
    }
    calendar
        .days_off()
        .contains(&day)
        .then_some(DayNote::DayOff)
}

/// The longest range of days off entered at once: a year (a longer one is
/// a typo in the year).
pub const MAX_RANGE_DAYS: i64 = 366;

/// Why a range of days off cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DayRangeError {
    #[error("the last day lies before the first")]
    EndBeforeStart,
    #[error("the range is longer than a year")]
    TooLong,
}

/// Every day from `first` to `last` (both included), for a holiday
/// entered as "from – to"; without `last`, just `first`.
pub fn day_range(
    first: NaiveDate,
    last: Option<NaiveDate>,
) -> Result<Vec<NaiveDate>, DayRangeError> {
    let last = last.unwrap_or(first);
    let count = (last - first).num_days() + 1;
    if count < 1 {
        return Err(DayRangeError::EndBeforeStart);
    }
    if count > MAX_RANGE_DAYS {
        return Err(DayRangeError::TooLong);
    }
    Ok((0..count).map(|i| first + Duration::days(i)).collect())
}

/// Sorted days grouped into runs of consecutive days, as (first, last):
/// the settings list a two-week holiday as one line, not fourteen.
pub fn day_runs(days: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut sorted = days.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for day in sorted {
        match runs.last_mut() {
            Some(run) if run.1 + Duration::days(1) == day => run.1 = day,
            _ => runs.push((day, day)),
        }
    }
    runs
}

/// One multi-day item's piece in one week row of the month grid: it is
/// drawn once, from column `col` over `len` days, in lane `lane` (lanes
/// are the rows of bars at the top of the week's cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekSpan {
    /// Index into the items given.
    pub item: usize,
    pub lane: usize,
    /// Monday is 0.
    pub col: usize,
    pub len: usize,
}

/// Lays out items that cover several days (`first..=last` each) over one
/// week: each item that touches the week gets the first lane that is free
/// on all of its days there, in the order given (so give them sorted by
/// first day). Items outside the week are left out.
pub fn week_spans(week: &[NaiveDate; 7], items: &[(NaiveDate, NaiveDate)]) -> Vec<WeekSpan> {
    let mut lanes: Vec<[bool; 7]> = Vec::new();
    let mut spans = Vec::new();
    for (item, &(first, last)) in items.iter().enumerate() {
        if last < week[0] || first > week[6] {
            continue;
        }
        let col = (first.max(week[0]) - week[0]).num_days() as usize;
        let end = (last.min(week[6]) - week[0]).num_days() as usize;
        let lane = match lanes
            .iter()
            .position(|l| l[col..=end].iter().all(|used| !used))
        {
            Some(lane) => lane,
            None => {
                lanes.push([false; 7]);
                lanes.len() - 1
            }
        };
        lanes[lane][col..=end]
            .iter_mut()
            .for_each(|used| *used = true);
        spans.push(WeekSpan {
            item,
            lane,
            col,
            len: end - col + 1,
        });
    }
    spans
}

/// Where a timed item sits in the week view's hour rows
/// `first_hour..=last_hour`: the row it starts in, how far into that hour
/// it starts (0 to 1) and how many rows tall it is (its duration, at least
/// a quarter hour, cut at the end of the last row and of its first day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HourBlock {
    pub row: u32,
    pub offset: f64,
    pub hours: f64,
}

pub fn hour_block(
    start: chrono::NaiveDateTime,
    end: chrono::NaiveDateTime,
    first_hour: u32,
    last_hour: u32,
) -> HourBlock {
    use chrono::Timelike;
    let hours_of = |t: chrono::NaiveDateTime| f64::from(t.hour()) + f64::from(t.minute()) / 60.0;
    let top = f64::from(first_hour);
    let bottom = f64::from(last_hour + 1);
    let from = hours_of(start).clamp(top, bottom - 0.25);
    let to = if end.date() > start.date() {
        bottom
    } else {
        hours_of(end).min(bottom)
    };
    let row = from.floor() as u32;
    HourBlock {
        row,
        offset: from - f64::from(row),
        hours: (to - from).max(0.25),
    }
}
