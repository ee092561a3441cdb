//! Appointments: meetings and dates in the calendar.
//!
//! Times are `NaiveDateTime` in local Europe/Berlin wall time, not UTC: a
//! weekly meeting "Mondays 10:00" must stay at 10:00 after the switch to
//! summer time, and a freelancer plans in the local clock. All-day
//! appointments (holidays, trade fairs) carry dates only.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
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
    /// Same weekday every week.
    Weekly,
    /// Same day of the month every month (skipped in months without it).
    Monthly,
    /// Same day of the same month every year (a birthday; 29 February only
    /// in leap years).
    Yearly,
}

/// A repetition rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// Weekly or monthly.
    pub frequency: Frequency,
    /// Last day an occurrence may start on; open-ended if missing.
    #[serde(default)]
    pub until: Option<NaiveDate>,
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
