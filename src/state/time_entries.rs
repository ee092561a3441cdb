//! Time entries as a person types and reads them: the hours field's rules
//! (more than 0, German or English decimals, at most 24 hours on one day
//! for one person), who can book time, and which entries a week shows.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::{Assignee, Dataset, Role, TimeEntry};
use crate::numbers::{self, NumberError};
use crate::text::Lang;

use super::time_sheet::{check_day_limit, DayLimit, MAX_HOURS_PER_DAY};

/// Why the hours of an entry are refused. The UI shows each variant next
/// to the hours field, in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum HoursError {
    /// Not a number in the person's language (or empty, or more than two
    /// decimals).
    Number(NumberError),
    /// Zero or less: an entry books some time.
    NotPositive,
    /// With this entry the person would have more than 24 hours that day;
    /// `booked` is what the day's other entries hold already.
    DayLimit { booked: f64 },
}

/// Reads the typed hours: `1,5` in German, `1.5` in English, more than 0,
/// at most two decimals. Whether the day still has room is
/// [`check_entry`]'s question (it needs the other entries).
pub fn read_hours(text: &str, lang: Lang) -> Result<f64, HoursError> {
    match numbers::hours(text, lang) {
        Ok(hours) if hours > 0.0 => Ok(hours),
        Ok(_) | Err(NumberError::TooSmall { .. }) => Err(HoursError::NotPositive),
        Err(error) => Err(HoursError::Number(error)),
    }
}

/// Checks a complete entry against the other entries of its person and
/// day (the one being edited does not count twice).
pub fn check_entry(data: &Dataset, entry: &TimeEntry) -> Result<(), HoursError> {
    // NaN is no positive number either.
    if entry.hours.is_nan() || entry.hours <= 0.0 {
        return Err(HoursError::NotPositive);
    }
    check_day_limit(data, entry).map_err(|DayLimit::Exceeded { booked }| HoursError::DayLimit {
        booked: booked.min(MAX_HOURS_PER_DAY),
    })
}

/// Who can book time: me first, then the collaborators by name (and any
/// other contact that already has entries, so their hours stay visible).
pub fn people(data: &Dataset) -> Vec<Assignee> {
    let mut contacts: Vec<(String, Assignee)> = data
        .contacts
        .iter()
        .filter(|c| {
            c.has_role(Role::Collaborator)
                || data
                    .time_entries
                    .iter()
                    .any(|e| e.person == Assignee::Contact(c.id))
        })
        .map(|c| (c.name.to_lowercase(), Assignee::Contact(c.id)))
        .collect();
    contacts.sort_by(|a, b| a.0.cmp(&b.0));
    std::iter::once(Assignee::Me)
        .chain(contacts.into_iter().map(|(_, who)| who))
        .collect()
}

/// The Monday of the ISO week that holds `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The entries of `person` in the week of `day`, by date, then by when
/// they were made.
pub fn entries_of_week(data: &Dataset, person: Assignee, day: NaiveDate) -> Vec<TimeEntry> {
    let monday = week_start(day);
    let sunday = monday + Duration::days(6);
    let mut list: Vec<TimeEntry> = data
        .time_entries
        .iter()
        .filter(|e| e.person == person && e.date >= monday && e.date <= sunday)
        .cloned()
        .collect();
    list.sort_by_key(|e| (e.date, e.created));
    list
}

/// The month before (`-1`) or after (`1`) `year`-`month`.
pub fn shift_month((year, month): (i32, u32), by: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + by;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// Hours as a person reads them: `1,5` in German, `1.5` in English, at
/// most two decimals, no trailing zeros.
pub fn hours_text(hours: f64, lang: Lang) -> String {
    // `+ 0.0`: an empty sum is -0.0, which must read "0".
    let text = format!("{:.2}", (hours * 100.0).round() / 100.0 + 0.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text.to_owned(),
    }
}

/// The export's file name: `zeiten-messestand-2026-11.csv`, the project's
/// name in lower case with anything but letters and digits as dashes.
pub fn export_file_name(prefix: &str, project: &str, (year, month): (i32, u32)) -> String {
    let mut slug = String::new();
    for ch in project.to_lowercase().chars() {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{prefix}-{year}-{month:02}.csv")
    } else {
        format!("{prefix}-{slug}-{year}-{month:02}.csv")
    }
}
