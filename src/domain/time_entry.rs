//! Time entries: hours actually worked on a step, by me or a collaborator.
//! Together with `Step::effort_hours` they give planned vs. actual effort.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::record::impl_record;
use super::{Allowed, Field};
use super::{Assignee, Record, RecordKind, StepId, TimeEntryId, ValidationError};

/// A timer that is running: who works on which step since when. Kept in
/// the device's preferences (not the planning data) until it is stopped;
/// `state::timer` holds its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningTimer {
    pub step: StepId,
    #[serde(default)]
    pub person: Assignee,
    pub started: DateTime<Utc>,
}

/// Hours booked on one day for one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeEntry {
    /// Stable id.
    pub id: TimeEntryId,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// The step worked on, required.
    pub step: StepId,
    /// Who worked.
    #[serde(default)]
    pub person: Assignee,
    /// The day, required.
    pub date: NaiveDate,
    /// Hours, more than 0 and at most 24, required.
    pub hours: f64,
    /// What was done.
    #[serde(default)]
    pub note: String,
}

impl_record!(TimeEntry, RecordKind::TimeEntry, |t| format!(
    "{}, {} h",
    t.date, t.hours
));

impl TimeEntry {
    /// A new entry of `hours` on `date` for `step`, by me, created at `now`.
    pub fn new(step: StepId, date: NaiveDate, hours: f64, now: DateTime<Utc>) -> Self {
        TimeEntry {
            id: TimeEntryId::new(),
            created: now,
            updated: now,
            step,
            person: Assignee::Me,
            date,
            hours,
            note: String::new(),
        }
    }

    /// Rules of the entry on its own: 0 < hours <= 24.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let valid = self.hours.is_finite() && self.hours > 0.0 && self.hours <= 24.0;
        if !valid {
            errors.push(ValidationError::OutOfRange {
                record: self.reference(),
                field: Field::Hours,
                allowed: Allowed::AboveZeroAtMost(24),
                value: self.hours.to_string(),
            });
        }
    }
}
