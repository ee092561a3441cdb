//! Time sheets: booked hours as days × steps with totals, a week per
//! person or a month per project, and the rule that one person cannot
//! book more than 24 hours on one day.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::{Assignee, Dataset, ProjectId, StepId, TimeEntry, TimeEntryId};

/// Most hours one person can book on one day, over all entries.
pub const MAX_HOURS_PER_DAY: f64 = 24.0;

/// One step's line of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub step: StepId,
    pub project: ProjectId,
    pub project_name: String,
    pub title: String,
    /// Hours per day of the sheet, in the order of [`TimeSheet::days`].
    pub hours: Vec<f64>,
    pub total: f64,
}

/// Days × steps with totals.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSheet {
    pub days: Vec<NaiveDate>,
    /// Steps by project name, then title.
    pub rows: Vec<SheetRow>,
    pub day_totals: Vec<f64>,
    pub total: f64,
}

/// The ISO week (Monday to Sunday) that contains `day`, for `person`.
pub fn week_sheet(data: &Dataset, person: Assignee, day: NaiveDate) -> TimeSheet {
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let days: Vec<NaiveDate> = (0..7).map(|i| monday + Duration::days(i)).collect();
    sheet(data, days, |e| e.person == person)
}

/// The calendar month `year`-`month` of `project`, everybody's hours.
/// An impossible month gives an empty sheet.
pub fn month_sheet(data: &Dataset, project: ProjectId, year: i32, month: u32) -> TimeSheet {
    let days: Vec<NaiveDate> = NaiveDate::from_ymd_opt(year, month, 1)
        .map(|first| {
            first
                .iter_days()
                .take_while(|d| d.month() == month)
                .collect()
        })
        .unwrap_or_default();
    sheet(data, days, |e| {
        data.step(e.step).is_some_and(|s| s.project == project)
    })
}

fn sheet(data: &Dataset, days: Vec<NaiveDate>, keep: impl Fn(&TimeEntry) -> bool) -> TimeSheet {
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
        return TimeSheet {
            days,
            rows: Vec::new(),
            day_totals: Vec::new(),
            total: 0.0,
        };
    };
    let mut rows: BTreeMap<(String, String, StepId), SheetRow> = BTreeMap::new();
    let mut day_totals = vec![0.0; days.len()];
    for e in data.time_entries.iter() {
        if e.date < first || e.date > last || !keep(e) {
            continue;
        }
        let Some(step) = data.step(e.step) else {
            continue;
        };
        let project_name = data
            .project(step.project)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let key = (
            project_name.to_lowercase(),
            step.title.to_lowercase(),
            step.id,
        );
        let row = rows.entry(key).or_insert_with(|| SheetRow {
            step: step.id,
            project: step.project,
            project_name,
            title: step.title.clone(),
            hours: vec![0.0; days.len()],
            total: 0.0,
        });
        let i = (e.date - first).num_days() as usize;
        row.hours[i] += e.hours;
        row.total += e.hours;
        day_totals[i] += e.hours;
    }
    TimeSheet {
        total: day_totals.iter().sum(),
        days,
        rows: rows.into_values().collect(),
        day_totals,
    }
}

/// Hours `person` has booked on `date`, leaving out entry `except` (the
/// one being edited).
pub fn hours_on_day(
    data: &Dataset,
    person: Assignee,
    date: NaiveDate,
    except: Option<TimeEntryId>,
) -> f64 {
    data.time_entries
        .iter()
        .filter(|e| e.person == person && e.date == date && Some(e.id) != except)
        .map(|e| e.hours)
        .sum()
}

/// Why a time entry cannot be saved as it is, beyond its own rules
/// (`TimeEntry::validate`: more than 0, at most 24 hours).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayLimit {
    /// With this entry the person would have more than 24 hours that day;
    /// `booked` is what the other entries of the day hold already.
    Exceeded { booked: f64 },
}

/// Checks `entry` against the other entries of its person and day.
pub fn check_day_limit(data: &Dataset, entry: &TimeEntry) -> Result<(), DayLimit> {
    let booked = hours_on_day(data, entry.person, entry.date, Some(entry.id));
    if booked + entry.hours > MAX_HOURS_PER_DAY + 1e-9 {
        Err(DayLimit::Exceeded { booked })
    } else {
        Ok(())
    }
}
