//! The working-day calendar: Monday to Friday, minus the public holidays of
//! one federal state, minus the user's own days off.
//!
//! Why a calendar object with a cache: scheduling counts in working days,
//! and a plan with 10,000 steps asks "which date is working day n after X?"
//! tens of thousands of times. Each year is therefore computed once into a
//! small table (the working days of the year, and for every day how many
//! working days precede it), after which every question is an array lookup
//! plus one step per year boundary crossed.
//!
//! For the scheduler, which converts tens of thousands of day numbers that
//! may lie decades apart, [`DayNumbers`] goes further: it holds the tables
//! of the years it has touched side by side with a running count of working
//! days, so a day number finds its year by binary search, without a lock
//! and without walking across the years in between.
//!
//! Conventions used throughout the planning module:
//! * `add_working_days(d, n)` for `n > 0` is the n-th working day strictly
//!   after `d`; for `n < 0` the |n|-th working day strictly before `d`; for
//!   `n == 0` it is `d` itself, even if `d` is not a working day.
//! * `working_days_between(a, b)` counts working days in the half-open range
//!   `[a, b)`, negative when `b < a`. So for a working day `a`,
//!   `add_working_days(a, working_days_between(a, b)) == b` whenever `b` is a
//!   working day.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

use chrono::{Datelike, NaiveDate, Weekday};

use super::holidays::{holidays_in, FederalState, Holiday};

/// Years cached in memory. Outside this range the calendar still answers
/// correctly, it just recomputes the year each time (and cannot be made to
/// fill memory by a date typo like 29026).
const CACHED_YEARS: std::ops::RangeInclusive<i32> = 1900..=2299;

/// One year, precomputed.
#[derive(Debug)]
struct YearTable {
    holidays: Vec<Holiday>,
    /// Zero-based ordinals (day of year − 1) of the working days, ascending.
    working: Vec<u16>,
    /// `before[o]` = number of working days with ordinal < `o`;
    /// length = days in year + 1.
    before: Vec<u16>,
}

impl YearTable {
    fn is_working(&self, ordinal0: usize) -> bool {
        match (self.before.get(ordinal0), self.before.get(ordinal0 + 1)) {
            (Some(a), Some(b)) => b > a,
            _ => false,
        }
    }
}

/// A working-day calendar for one federal state and one person's days off.
///
/// Cheap to share by reference; `Clone` copies the settings and starts with
/// the already computed years.
pub struct WorkCalendar {
    state: FederalState,
    days_off: BTreeSet<NaiveDate>,
    cache: RwLock<HashMap<i32, Arc<YearTable>>>,
}

impl std::fmt::Debug for WorkCalendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("state", &self.state)
            .field("days_off", &self.days_off)
            .finish_non_exhaustive()
    }
}

impl Clone for WorkCalendar {
    fn clone(&self) -> Self {
        let cache = self.read_cache().clone();
        WorkCalendar {
            state: self.state,
            days_off: self.days_off.clone(),
            cache: RwLock::new(cache),
        }
    }
}

impl Default for WorkCalendar {
    /// Nordrhein-Westfalen without personal days off.
    fn default() -> Self {
        WorkCalendar::new(FederalState::default(), [])
    }
}

impl WorkCalendar {
    /// A calendar for `state` where the given personal days off (holiday
    /// trips, bridge days) are not working days either.
    pub fn new(state: FederalState, days_off: impl IntoIterator<Item = NaiveDate>) -> Self {
        WorkCalendar {
            state,
            days_off: days_off.into_iter().collect(),
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// The federal state whose holidays apply.
    pub fn state(&self) -> FederalState {
        self.state
    }

    /// The personal days off.
    pub fn days_off(&self) -> &BTreeSet<NaiveDate> {
        &self.days_off
    }

    /// The public holidays of the calendar's state in `year` (personal days
    /// off are not included), sorted by date.
    pub fn holidays_in(&self, year: i32) -> Vec<Holiday> {
        self.year(year)
            .map(|t| t.holidays.clone())
            .unwrap_or_default()
    }

    /// The public holiday on `date`, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<Holiday> {
        self.year(date.year())?
            .holidays
            .iter()
            .find(|h| h.date == date)
            .copied()
    }

    /// True if `date` is a weekday that is neither a public holiday nor a
    /// personal day off.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.year(date.year())
            .is_some_and(|t| t.is_working(date.ordinal0() as usize))
    }

    /// Moves by `n` working days (see the module doc for the exact rule).
    /// `None` only if the result would leave chrono's date range.
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Option<NaiveDate> {
        if n == 0 {
            return Some(date);
        }
        let mut year = date.year();
        // At most 262 weekdays per year: refuse moves that must leave
        // chrono's range before walking there year by year.
        let years_left = if n > 0 {
            i64::from(NaiveDate::MAX.year()) - i64::from(year) + 1
        } else {
            i64::from(year) - i64::from(NaiveDate::MIN.year()) + 1
        };
        if n.unsigned_abs() > years_left.unsigned_abs().saturating_mul(262) {
            return None;
        }
        let mut table = self.year(year)?;
        let ordinal0 = date.ordinal0() as usize;
        if n > 0 {
            // Index into `working` of the first working day after `date`.
            let mut k = i64::from(*table.before.get(ordinal0 + 1)?).saturating_add(n - 1);
            loop {
                let len = table.working.len() as i64;
                if k < len {
                    return date_from_ordinal0(year, table.working[k as usize]);
                }
                k -= len;
                year = year.checked_add(1)?;
                table = self.year(year)?;
            }
        } else {
            // Index of the |n|-th working day before `date`; may be negative,
            // then it lies in an earlier year.
            let mut k = i64::from(*table.before.get(ordinal0)?).saturating_add(n);
            loop {
                if k >= 0 {
                    return date_from_ordinal0(year, table.working[k as usize]);
                }
                year = year.checked_sub(1)?;
                table = self.year(year)?;
                k += table.working.len() as i64;
            }
        }
    }

    /// Working days in `[a, b)`; negative if `b < a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days_between(b, a);
        }
        let before = |date: NaiveDate| -> i64 {
            self.year(date.year())
                .and_then(|t| t.before.get(date.ordinal0() as usize).copied())
                .map_or(0, i64::from)
        };
        if a.year() == b.year() {
            return before(b) - before(a);
        }
        let year_len = |y: i32| self.year(y).map_or(0, |t| t.working.len() as i64);
        let mut total = year_len(a.year()) - before(a);
        for y in a.year() + 1..b.year() {
            total += year_len(y);
        }
        total + before(b)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.add_working_days(date, 1)
    }

    /// `date` if it is a working day, else the next one. Used to place a
    /// start that the user put on a weekend or holiday.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        if self.is_working_day(date) {
            Some(date)
        } else {
            self.next_working_day(date)
        }
    }

    /// `date` if it is a working day, else the previous one. Used for
    /// deadlines: a deadline on a Saturday means "done by Friday".
    pub fn working_day_on_or_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        if self.is_working_day(date) {
            Some(date)
        } else {
            self.add_working_days(date, -1)
        }
    }

    /// True if `date` is a Monday–Friday that is not a public holiday
    /// (personal days off are ignored). Used for other people's capacity,
    /// who share the holidays but not the user's days off.
    pub fn is_weekday_without_holiday(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && self.holiday_on(date).is_none()
    }

    fn read_cache(&self) -> std::sync::RwLockReadGuard<'_, HashMap<i32, Arc<YearTable>>> {
        // A poisoned lock only means another thread panicked while inserting
        // a finished table; the map itself is still consistent.
        self.cache.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The table of `year`, computed on first use. `None` if the year lies
    /// outside chrono's range.
    fn year(&self, year: i32) -> Option<Arc<YearTable>> {
        if let Some(t) = self.read_cache().get(&year) {
            return Some(Arc::clone(t));
        }
        let table = Arc::new(self.build_year(year)?);
        if CACHED_YEARS.contains(&year) {
            self.cache
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(year, Arc::clone(&table));
        }
        Some(table)
    }

    fn build_year(&self, year: i32) -> Option<YearTable> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let days = if first.leap_year() { 366 } else { 365 };
        // Both ends of the year must exist in chrono's range.
        NaiveDate::from_ymd_opt(year, 12, 31)?;
        let holidays = holidays_in(self.state, year);
        let mut free = vec![false; days];
        for h in &holidays {
            free[h.date.ordinal0() as usize] = true;
        }
        let next_year = NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1);
        let off_this_year = match next_year {
            Some(end) => self.days_off.range(first..end),
            None => self.days_off.range(first..),
        };
        for d in off_this_year {
            free[d.ordinal0() as usize] = true;
        }
        let mut working = Vec::with_capacity(262);
        let mut before = Vec::with_capacity(days + 1);
        let mut weekday = first.weekday();
        for (ordinal0, is_free) in free.iter().enumerate() {
            before.push(working.len() as u16);
            let weekend = matches!(weekday, Weekday::Sat | Weekday::Sun);
            if !weekend && !is_free {
                working.push(ordinal0 as u16);
            }
            weekday = weekday.succ();
        }
        before.push(working.len() as u16);
        Some(YearTable {
            holidays,
            working,
            before,
        })
    }
}

/// Most years one [`DayNumbers`] keeps side by side; further away it asks
/// the calendar (still correct, just slower). Plans span decades; this only
/// bounds memory for absurd inputs.
const MAX_SPAN_YEARS: usize = 1000;

/// Weekdays in a year: 52 weeks plus at most two extra days.
const MAX_WORKING_DAYS: i64 = 262;

/// Working-day numbers relative to a base date: number k is the date `d`
/// with `working_days_between(base, d) == k` that is a working day. For a
/// working-day `base` that is `add_working_days(base, k)`.
///
/// Why: the scheduler converts a number for every date of every step, in no
/// particular order, and the numbers of a long plan lie decades apart.
/// Walking year by year through the calendar's locked cache made that cost
/// grow with the plan's length per conversion. Here each year's table is
/// fetched from the calendar once, and `starts` (the number of the first
/// day of each year) turns a day number into its year by binary search.
pub(crate) struct DayNumbers<'a> {
    calendar: &'a WorkCalendar,
    base: NaiveDate,
    span: RefCell<Span>,
    /// Position in the span of the year last converted to: a step's dates
    /// mostly share a year, so it is tried before the binary search.
    last_year: std::cell::Cell<usize>,
}

/// Consecutive years `first_year ..` with their tables.
struct Span {
    first_year: i32,
    tables: Vec<Arc<YearTable>>,
    /// `starts[i]` = working days in `[base, 1 January of first_year + i)`,
    /// negative for years before the base; non-decreasing.
    starts: Vec<i64>,
}

impl Span {
    fn last_year(&self) -> i32 {
        self.first_year + self.tables.len() as i32 - 1
    }

    /// Number of the first day after the span.
    fn end(&self) -> i64 {
        match (self.starts.last(), self.tables.last()) {
            (Some(s), Some(t)) => s + t.working.len() as i64,
            _ => 0,
        }
    }
}

impl<'a> DayNumbers<'a> {
    /// Numbers counted from `base` (number 0 if it is a working day).
    pub fn new(calendar: &'a WorkCalendar, base: NaiveDate) -> Self {
        let span = match calendar.year(base.year()) {
            Some(table) => Span {
                first_year: base.year(),
                starts: vec![-i64::from(table.before[base.ordinal0() as usize])],
                tables: vec![table],
            },
            None => Span {
                first_year: base.year(),
                tables: Vec::new(),
                starts: Vec::new(),
            },
        };
        DayNumbers {
            calendar,
            base,
            span: RefCell::new(span),
            last_year: std::cell::Cell::new(0),
        }
    }

    /// Adds the year after the span; false if it cannot.
    fn grow_forward(&self, span: &mut Span) -> bool {
        if span.tables.is_empty() || span.tables.len() >= MAX_SPAN_YEARS {
            return false;
        }
        let Some(table) = span
            .last_year()
            .checked_add(1)
            .and_then(|y| self.calendar.year(y))
        else {
            return false;
        };
        let start = span.end();
        span.tables.push(table);
        span.starts.push(start);
        true
    }

    /// Adds the year before the span; false if it cannot.
    fn grow_backward(&self, span: &mut Span) -> bool {
        if span.tables.is_empty() || span.tables.len() >= MAX_SPAN_YEARS {
            return false;
        }
        let Some((year, table)) = span
            .first_year
            .checked_sub(1)
            .and_then(|y| Some((y, self.calendar.year(y)?)))
        else {
            return false;
        };
        let start = span.starts[0] - table.working.len() as i64;
        span.first_year = year;
        span.tables.insert(0, table);
        span.starts.insert(0, start);
        self.last_year.set(self.last_year.get() + 1);
        true
    }

    /// The working day with number `index`; `None` if it lies outside
    /// chrono's range.
    pub fn date(&self, index: i64) -> Option<NaiveDate> {
        let mut span = self.span.borrow_mut();
        while index >= span.end() {
            if !self.grow_forward(&mut span) {
                return self.date_slowly(index);
            }
        }
        while span.starts.first().is_none_or(|&s| index < s) {
            if !self.grow_backward(&mut span) {
                return self.date_slowly(index);
            }
        }
        // The last year starting at or before `index`; years without a
        // working day share their start with the next one and are skipped.
        let last = self.last_year.get();
        let i = match (span.starts.get(last), span.tables.get(last)) {
            (Some(&s), Some(t)) if s <= index && index < s + t.working.len() as i64 => last,
            _ => {
                // No year has more than MAX_WORKING_DAYS working days, so
                // the year is at least this far into the span (and, with
                // ~250 working days a year, usually within a few years of
                // it); the search starts there.
                let at_least = ((index - span.starts[0]) / MAX_WORKING_DAYS) as usize;
                let from = at_least.min(span.starts.len() - 1);
                from + span.starts[from..].partition_point(|&s| s <= index) - 1
            }
        };
        self.last_year.set(i);
        let k = (index - span.starts[i]) as usize;
        date_from_ordinal0(span.first_year + i as i32, span.tables[i].working[k])
    }

    /// The number of `date`: `working_days_between(base, date)`.
    pub fn number(&self, date: NaiveDate) -> i64 {
        let mut span = self.span.borrow_mut();
        while date.year() > span.last_year() {
            if !self.grow_forward(&mut span) {
                return self.calendar.working_days_between(self.base, date);
            }
        }
        while date.year() < span.first_year {
            if !self.grow_backward(&mut span) {
                return self.calendar.working_days_between(self.base, date);
            }
        }
        let i = (date.year() - span.first_year) as usize;
        span.starts[i] + i64::from(span.tables[i].before[date.ordinal0() as usize])
    }

    /// Beyond the span: ask the calendar. Only for numbers more than
    /// [`MAX_SPAN_YEARS`] years away or at the edge of chrono's range.
    fn date_slowly(&self, index: i64) -> Option<NaiveDate> {
        if self.calendar.is_working_day(self.base) {
            return self.calendar.add_working_days(self.base, index);
        }
        // Number 0 is the first working day after a free base.
        self.calendar
            .next_working_day(self.base)
            .and_then(|first| self.calendar.add_working_days(first, index))
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn date_from_ordinal0(year: i32, ordinal0: u16) -> Option<NaiveDate> {
    NaiveDate::from_yo_opt(year, u32::from(ordinal0) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekend_is_not_working() {
        let cal = WorkCalendar::default();
        assert!(cal.is_working_day(d(2026, 11, 23))); // Monday
        assert!(!cal.is_working_day(d(2026, 11, 28))); // Saturday
        assert!(!cal.is_working_day(d(2026, 11, 29))); // Sunday
    }

    #[test]
    fn add_and_between_are_inverse_across_years() {
        let cal = WorkCalendar::default();
        let a = d(2026, 12, 21);
        for n in -600..600 {
            let b = cal.add_working_days(a, n).unwrap();
            assert!(cal.is_working_day(b) || n == 0);
            assert_eq!(cal.working_days_between(a, b), n, "n = {n}");
        }
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let cal = WorkCalendar::default();
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), None);
        assert_eq!(cal.add_working_days(NaiveDate::MIN, -1), None);
        let _ = cal.is_working_day(NaiveDate::MAX);
        let _ = cal.holidays_in(i32::MAX);
        assert_eq!(cal.add_working_days(d(2026, 1, 1), i64::MAX), None);
    }

    /// Calendars with public holidays of different states, personal days off
    /// and a whole year off (a year without a single working day).
    fn varied_calendars() -> Vec<WorkCalendar> {
        let sabbatical = d(2031, 1, 1).iter_days().take_while(|x| x.year() == 2031);
        vec![
            WorkCalendar::default(),
            WorkCalendar::new(FederalState::BY, [d(2026, 12, 24), d(2027, 5, 7)]),
            WorkCalendar::new(FederalState::BB, sabbatical.chain([d(1900, 6, 1)])),
            WorkCalendar::new(FederalState::SN, [d(2150, 3, 3)]),
        ]
    }

    #[test]
    fn day_numbers_agree_with_add_working_days_far_away() {
        for cal in varied_calendars() {
            for base in [d(2026, 3, 2), d(2030, 12, 31), d(2032, 1, 1)] {
                let base = cal.working_day_on_or_after(base).unwrap();
                let numbers = DayNumbers::new(&cal, base);
                // Far first, then near and back again: the span grows both
                // ways and answers stay the same.
                let mut ks: Vec<i64> = vec![50_000, -50_000, 0, 1, -1];
                ks.extend((-50_000..=50_000).step_by(997));
                ks.extend([49_999, -49_999, 261, 262, -261, -262]);
                for k in ks {
                    let expected = cal.add_working_days(base, k);
                    assert_eq!(
                        numbers.date(k),
                        expected,
                        "{:?} base {base} k {k}",
                        cal.state()
                    );
                    let date = expected.unwrap();
                    assert_eq!(numbers.number(date), k);
                    assert_eq!(numbers.number(date), cal.working_days_between(base, date));
                }
            }
        }
    }

    #[test]
    fn day_numbers_from_a_free_base_count_like_working_days_between() {
        let cal = WorkCalendar::default();
        let saturday = d(2026, 11, 28);
        let numbers = DayNumbers::new(&cal, saturday);
        for k in [-3000, -1, 0, 1, 3000] {
            let date = numbers.date(k).unwrap();
            assert!(cal.is_working_day(date));
            assert_eq!(cal.working_days_between(saturday, date), k);
            assert_eq!(numbers.number(date), k);
        }
    }

    #[test]
    fn day_numbers_at_the_edge_of_the_date_range() {
        let cal = WorkCalendar::default();
        let numbers = DayNumbers::new(&cal, d(2026, 1, 5));
        assert_eq!(numbers.date(i64::MAX), None);
        assert_eq!(numbers.date(i64::MIN), None);
        assert_eq!(numbers.date(1), cal.add_working_days(d(2026, 1, 5), 1));
        let edge = DayNumbers::new(&cal, NaiveDate::MAX);
        assert_eq!(edge.date(1), None);
    }

    /// The calendar is shared through reactive state in the app, which may
    /// require `Send + Sync`.
    #[test]
    fn calendar_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<WorkCalendar>();
    }
}
