//! Labour capacity: planned hours per person and ISO week against what the
//! person can work that week.
//!
//! Why per ISO week: freelancers agree capacities as "20 Stunden pro Woche",
//! and German business life counts in KW (Kalenderwochen), which are ISO
//! weeks. Why pro rata: a week with Karfreitag and Ostermontag has three
//! working days, so a 40-hour person has 24 hours that week, not 40.
//!
//! Rules:
//! * A step's effort is spread evenly over its working days (project
//!   calendar). A milestone carries its effort on its own day.
//! * Capacity of a week = weekly capacity × available days / 5, where
//!   available days are Monday–Friday that are no public holiday (of the
//!   calendar's state) and not one of the person's days off. The user's own
//!   days off in the calendar do not reduce a collaborator's capacity; for
//!   the user themself, pass those days in [`Person::days_off`] too.
//! * A person not found in `people` has capacity 0, so their work shows up
//!   as overload rather than disappearing.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::WorkCalendar;

/// Hours below this count as rounding noise, not overload.
pub(crate) const HOURS_EPSILON: f64 = 0.01;

/// One step's work for one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    pub step_id: Uuid,
    pub person: Uuid,
    /// First working day (a non-working day is moved to the next one).
    pub start: NaiveDate,
    /// Working days; 0 for a milestone.
    pub duration_days: u32,
    /// Total hours of work for the step.
    pub effort_hours: f64,
}

/// Someone who does work: the user or a collaborator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    /// Hours in a full Monday–Friday week.
    pub weekly_capacity_hours: f64,
    #[serde(default)]
    pub days_off: HashSet<NaiveDate>,
}

/// Planned and available hours of one person in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekLoad {
    pub person: Uuid,
    pub iso_year: i32,
    pub iso_week: u32,
    pub planned_hours: f64,
    pub capacity_hours: f64,
    pub overloaded: bool,
}

/// An ISO week as (ISO year, week number).
pub(crate) type WeekKey = (i32, u32);

pub(crate) fn week_key(date: NaiveDate) -> WeekKey {
    let w = date.iso_week();
    (w.year(), w.week())
}

/// Capacity of `person` in the ISO week `key` (see the module doc).
pub(crate) fn week_capacity(calendar: &WorkCalendar, person: Option<&Person>, key: WeekKey) -> f64 {
    let Some(person) = person else {
        return 0.0;
    };
    let Some(monday) = NaiveDate::from_isoywd_opt(key.0, key.1, Weekday::Mon) else {
        return 0.0;
    };
    let available = (0..5)
        .filter_map(|i| monday.checked_add_signed(Duration::days(i)))
        .filter(|d| calendar.is_weekday_without_holiday(*d) && !person.days_off.contains(d))
        .count();
    let weekly = if person.weekly_capacity_hours.is_finite() {
        person.weekly_capacity_hours.max(0.0)
    } else {
        0.0
    };
    weekly * available as f64 / 5.0
}

/// Hours per working day of an item: effort / duration, milestones on one
/// day, nonsense (negative, NaN) effort as 0.
pub(crate) fn hours_per_day(effort_hours: f64, duration_days: u32) -> f64 {
    if !effort_hours.is_finite() || effort_hours <= 0.0 {
        return 0.0;
    }
    effort_hours / f64::from(duration_days.max(1))
}

/// Planned hours against capacity for every person and ISO week that has
/// planned work, sorted by person then week. Items whose dates leave
/// chrono's range are skipped.
pub fn weekly_load(
    calendar: &WorkCalendar,
    items: &[WorkItem],
    people: &[Person],
) -> Vec<WeekLoad> {
    let people: HashMap<Uuid, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut planned: BTreeMap<(Uuid, WeekKey), f64> = BTreeMap::new();
    for item in items {
        let per_day = hours_per_day(item.effort_hours, item.duration_days);
        if per_day == 0.0 {
            continue;
        }
        let Some(mut day) = calendar.working_day_on_or_after(item.start) else {
            continue;
        };
        // Capped like the scheduler caps durations, so a typo cannot hang the UI.
        for i in 0..item.duration_days.clamp(1, super::schedule::MAX_DAYS) {
            if i > 0 {
                match calendar.next_working_day(day) {
                    Some(next) => day = next,
                    None => break,
                }
            }
            *planned.entry((item.person, week_key(day))).or_insert(0.0) += per_day;
        }
    }
    planned
        .into_iter()
        .map(|((person, key), planned_hours)| {
            let capacity_hours = week_capacity(calendar, people.get(&person).copied(), key);
            WeekLoad {
                person,
                iso_year: key.0,
                iso_week: key.1,
                planned_hours,
                capacity_hours,
                overloaded: planned_hours > capacity_hours + HOURS_EPSILON,
            }
        })
        .collect()
}
