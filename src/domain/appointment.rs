//! Appointments: meetings and dates in the calendar.
//!
//! Times are `NaiveDateTime` in local Europe/Berlin wall time, not UTC: a
//! weekly meeting "Mondays 10:00" must stay at 10:00 after the switch to
//! summer time, and a freelancer plans in the local clock. All-day
//! appointments (holidays, trade fairs) carry dates only.

use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::Field;
use super::{AppointmentId, ContactId, ProjectId, Record, RecordKind, ValidationError};

/// When an appointment takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// From `start` to `end`, local wall time; `end` must be after `start`.
    Timed {
        /// Begin.
        start: NaiveDateTime,
        /// End.
        end: NaiveDateTime,
    },
    /// Whole days from `first` to `last`, both included.
    AllDay {
        /// First day.
        first: NaiveDate,
        /// Last day (same as `first` for a single day).
        last: NaiveDate,
    },
}

impl When {
    /// The day the appointment starts.
    pub fn first_day(&self) -> NaiveDate {
        match self {
            When::Timed { start, .. } => start.date(),
            When::AllDay { first, .. } => *first,
        }
    }

    /// The day the appointment ends.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            When::Timed { end, .. } => end.date(),
            When::AllDay { last, .. } => *last,
        }
    }
}

/// How often an appointment repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day (or every n-th day).
    Daily,
    /// Same weekday every week, or the chosen weekdays.
    Weekly,
    /// Same day of the month every month (skipped in months without it),
    /// or the same n-th weekday (the second Tuesday).
    Monthly,
    /// Same day of the same month every year (a birthday; 29 February only
    /// in leap years).
    Yearly,
}

/// The weekdays a weekly repetition falls on; bit 0 is Monday. Stored as
/// a list of names (`["mon", "thu"]`) so that a backup stays readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Weekdays(u8);

const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Weekdays {
    /// The set of `days`.
    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Self {
        Weekdays(
            days.into_iter()
                .fold(0, |bits, d| bits | 1 << d.num_days_from_monday()),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & 1 << day.num_days_from_monday() != 0
    }

    /// With `day` added or taken away.
    pub fn toggled(self, day: Weekday) -> Self {
        Weekdays(self.0 ^ 1 << day.num_days_from_monday())
    }

    /// The days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |i| self.0 & 1 << i != 0)
            .filter_map(|i| Weekday::try_from(i).ok())
    }
}

impl Serialize for Weekdays {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.iter()
                .map(|d| WEEKDAY_NAMES[d.num_days_from_monday() as usize]),
        )
    }
}

impl<'de> Deserialize<'de> for Weekdays {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        let mut bits = 0u8;
        for name in &names {
            let Some(i) = WEEKDAY_NAMES.iter().position(|n| n == name) else {
                return Err(serde::de::Error::custom(format!(
                    "unknown weekday \"{name}\", expected one of mon, tue, wed, thu, fri, sat, sun"
                )));
            };
            bits |= 1 << i;
        }
        Ok(Weekdays(bits))
    }
}

fn every_one() -> u32 {
    1
}

fn is_every_one(n: &u32) -> bool {
    *n == 1
}

/// A repetition rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// Daily, weekly, monthly or yearly.
    pub frequency: Frequency,
    /// Every how many days, weeks, months or years (2: every other week);
    /// 0 in a hand-edited file counts as 1.
    #[serde(default = "every_one", skip_serializing_if = "is_every_one")]
    pub interval: u32,
    /// Weekly only: the days it falls on; empty means the first
    /// occurrence's weekday.
    #[serde(default, skip_serializing_if = "Weekdays::is_empty")]
    pub weekdays: Weekdays,
    /// Monthly only: on the n-th (1 to 4, or -1 for the last) weekday of
    /// the first occurrence's weekday, rather than on its day of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nth_weekday: Option<i8>,
    /// Last day an occurrence may start on; open-ended if missing.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl Recurrence {
    /// Every day/week/month/year on the first occurrence's day, until a day.
    pub fn new(frequency: Frequency, until: Option<NaiveDate>) -> Self {
        Recurrence {
            frequency,
            interval: 1,
            weekdays: Weekdays::default(),
            nth_weekday: None,
            until,
        }
    }

    /// The start days of a series whose first occurrence starts on
    /// `first`, in order, from the first one on or after `from` (and never
    /// before `first`). `until` is not applied: the iterator is unbounded,
    /// callers stop where their range ends.
    pub fn starts(self, first: NaiveDate, from: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        let every = self.interval.max(1);
        let from = from.max(first);
        // Skip whole periods before `from`, so a daily series that began
        // years ago costs nothing.
        let periods_before = match self.frequency {
            Frequency::Daily => (from - first).num_days(),
            Frequency::Weekly => (week_start(from) - week_start(first)).num_weeks(),
            Frequency::Monthly => i64::from(months_apart(first, from)),
            Frequency::Yearly => i64::from(from.year() - first.year()),
        };
        let skip = u32::try_from(periods_before.max(0)).unwrap_or(u32::MAX) / every;
        (skip..)
            .map_while(move |k| self.period(first, k.checked_mul(every)?))
            .flatten()
            .filter(move |day| *day >= from)
    }

    /// The starts in the `index`-th period (day, week, month or year)
    /// after the first; `None` past the calendar's end.
    fn period(self, first: NaiveDate, index: u32) -> Option<Vec<NaiveDate>> {
        Some(match self.frequency {
            Frequency::Daily => vec![first.checked_add_days(Days::new(u64::from(index)))?],
            Frequency::Weekly => {
                let week = week_start(first).checked_add_days(Days::new(u64::from(index) * 7))?;
                let days = if self.weekdays.is_empty() {
                    Weekdays::of([first.weekday()])
                } else {
                    self.weekdays
                };
                days.iter()
                    .filter_map(|d| {
                        week.checked_add_days(Days::new(u64::from(d.num_days_from_monday())))
                    })
                    .collect()
            }
            Frequency::Monthly | Frequency::Yearly => {
                let months = if self.frequency == Frequency::Yearly {
                    index.checked_mul(12)?
                } else {
                    index
                };
                let month = first.with_day(1)?.checked_add_months(Months::new(months))?;
                let day = match (self.frequency, self.nth_weekday) {
                    // A hand-edited n outside 1..=5 and -1 means the day
                    // of the month, so a series never runs empty.
                    (Frequency::Monthly, Some(n)) if n == -1 || (1..=5).contains(&n) => {
                        nth_weekday_in(month, first.weekday(), n)
                    }
                    _ => month.with_day(first.day()),
                };
                day.into_iter().collect()
            }
        })
    }

    /// The day `count` occurrences end on (`COUNT` in a calendar file).
    /// Beyond 10,000 occurrences (27 years of a daily one) the series is
    /// taken as open-ended: a hostile `COUNT=4294967295` costs nothing.
    pub fn nth_start(self, first: NaiveDate, count: u32) -> Option<NaiveDate> {
        const LONGEST: u32 = 10_000;
        if count > LONGEST {
            return None;
        }
        self.starts(first, first)
            .nth(usize::try_from(count.max(1) - 1).ok()?)
    }
}

/// The Monday of `day`'s week.
fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn months_apart(a: NaiveDate, b: NaiveDate) -> i32 {
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32
}

/// The `n`-th `weekday` in the month starting `month` (-1: the last one).
pub fn nth_weekday_in(month: NaiveDate, weekday: Weekday, n: i8) -> Option<NaiveDate> {
    if n < 0 {
        let next = month.checked_add_months(Months::new(1))?;
        let last = next.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return Some(last - Duration::days(i64::from(back)));
    }
    let ahead = (7 + weekday.num_days_from_monday() - month.weekday().num_days_from_monday()) % 7;
    let day = month + Duration::days(i64::from(ahead) + 7 * (i64::from(n) - 1));
    (day.month() == month.month()).then_some(day)
}

/// Which n-th weekday of its month `day` is (1 to 5), and whether it is
/// the last one.
pub fn weekday_position(day: NaiveDate) -> (i8, bool) {
    let nth = ((day.day() - 1) / 7 + 1) as i8;
    let last = (day + Duration::days(7)).month() != day.month();
    (nth, last)
}

/// A calendar entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Appointment {
    /// Stable id.
    pub id: AppointmentId,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// Title, required.
    pub title: String,
    /// When, required.
    pub when: When,
    /// The project it belongs to.
    #[serde(default)]
    pub project: Option<ProjectId>,
    /// Who takes part.
    #[serde(default)]
    pub contacts: Vec<ContactId>,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Repetition; `None` for a single appointment.
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Days on which a repeating appointment does not take place (`EXDATE`
    /// of an imported calendar).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<NaiveDate>,
    /// The `UID` another calendar program gave the event, kept so that
    /// importing its file again updates the appointment and the export
    /// gives that program its own event back; empty for the app's own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// For one moved occurrence of a series (`RECURRENCE-ID`): the start it
    /// had in the series (midnight for all-day ones). The series, which has
    /// the same `uid`, does not show that occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<NaiveDateTime>,
}

impl_record!(Appointment, RecordKind::Appointment, |a| a.title.clone());

// One decoder and one encoder whatever reads or writes an appointment, as
// for a contact (see there): the derive runs only on serde_json's `Value`.
impl<'de> Deserialize<'de> for Appointment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Appointment::deserialize(value).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Appointment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Appointment::serialize(self, serde_json::value::Serializer)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

impl Appointment {
    /// A new appointment `title` at `when`, created at `now`.
    pub fn new(title: impl Into<String>, when: When, now: DateTime<Utc>) -> Self {
        Appointment {
            id: AppointmentId::new(),
            created: now,
            updated: now,
            title: title.into(),
            when,
            project: None,
            contacts: Vec::new(),
            place: String::new(),
            notes: String::new(),
            recurrence: None,
            skipped: Vec::new(),
            uid: String::new(),
            replaces: None,
        }
    }

    /// Rules of the appointment on its own: a title, end after start, and a
    /// repetition that does not end before the first occurrence.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let me = self.reference();
        check::not_blank(&me, Field::Title, &self.title, errors);
        match &self.when {
            When::Timed { start, end } => {
                check::ordered(&me, (Field::Start, start), (Field::End, end), true, errors)
            }
            When::AllDay { first, last } => check::ordered(
                &me,
                (Field::First, first),
                (Field::Last, last),
                false,
                errors,
            ),
        }
        if let Some(until) = self.recurrence.and_then(|r| r.until) {
            let first = self.when.first_day();
            check::ordered(
                &me,
                (Field::Start, &first),
                (Field::RecurrenceUntil, &until),
                false,
                errors,
            );
        }
    }
}
