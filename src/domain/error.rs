//! Validation errors of the domain core.
//!
//! Messages are English and name the record kind, the record's title or name
//! and the field, so a person can find the culprit without knowing ids. The
//! UI translates by matching on the variant, not by parsing the text.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use super::StepId;

/// The kinds of records in a [`Dataset`](super::Dataset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A [`Project`](super::Project).
    Project,
    /// A [`Step`](super::Step).
    Step,
    /// A [`Material`](super::Material).
    Material,
    /// A [`Contact`](super::Contact).
    Contact,
    /// A [`Communication`](super::Communication).
    Communication,
    /// An [`Appointment`](super::Appointment).
    Appointment,
    /// A [`TimeEntry`](super::TimeEntry).
    TimeEntry,
}

impl RecordKind {
    /// All kinds, in the order of the backup's `data` object.
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Project,
        RecordKind::Step,
        RecordKind::Material,
        RecordKind::Contact,
        RecordKind::Communication,
        RecordKind::Appointment,
        RecordKind::TimeEntry,
    ];

    /// Lower-case English name, as used in messages ("time entry").
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Project => "project",
            RecordKind::Step => "step",
            RecordKind::Material => "material",
            RecordKind::Contact => "contact",
            RecordKind::Communication => "communication",
            RecordKind::Appointment => "appointment",
            RecordKind::TimeEntry => "time entry",
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A field of a record that a rule is about. `Display` gives the field's
/// name in the stored data (`duration_days`), for logs; the UI shows its
/// label in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Title,
    Summary,
    PlannedRevenue,
    PlannedCost,
    Start,
    End,
    First,
    Last,
    Deadline,
    Client,
    EffortHours,
    DurationDays,
    Progress,
    ActualStart,
    ActualFinish,
    RemainingDays,
    Project,
    Assignee,
    Dependencies,
    Quantity,
    UnitCost,
    OrderedOn,
    DeliveredOn,
    Supplier,
    Step,
    HourlyRate,
    WeeklyCapacityHours,
    Contact,
    Contacts,
    RecurrenceUntil,
    Hours,
    Person,
}

impl Field {
    /// Every field, for tests that check each has a label.
    pub const ALL: [Field; 33] = [
        Field::Name,
        Field::Title,
        Field::Summary,
        Field::PlannedRevenue,
        Field::PlannedCost,
        Field::Start,
        Field::End,
        Field::First,
        Field::Last,
        Field::Deadline,
        Field::Client,
        Field::EffortHours,
        Field::DurationDays,
        Field::Progress,
        Field::ActualStart,
        Field::ActualFinish,
        Field::RemainingDays,
        Field::Project,
        Field::Assignee,
        Field::Dependencies,
        Field::Quantity,
        Field::UnitCost,
        Field::OrderedOn,
        Field::DeliveredOn,
        Field::Supplier,
        Field::Step,
        Field::HourlyRate,
        Field::WeeklyCapacityHours,
        Field::Contact,
        Field::Contacts,
        Field::RecurrenceUntil,
        Field::Hours,
        Field::Person,
    ];

    /// The field's name in the stored data, as in a backup's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Title => "title",
            Field::Summary => "summary",
            Field::PlannedRevenue => "planned_revenue",
            Field::PlannedCost => "planned_cost",
            Field::Start => "start",
            Field::End => "end",
            Field::First => "first",
            Field::Last => "last",
            Field::Deadline => "deadline",
            Field::Client => "client",
            Field::EffortHours => "effort_hours",
            Field::DurationDays => "duration_days",
            Field::Progress => "progress",
            Field::ActualStart => "actual_start",
            Field::ActualFinish => "actual_finish",
            Field::RemainingDays => "remaining_days",
            Field::Project => "project",
            Field::Assignee => "assignee",
            Field::Dependencies => "dependencies",
            Field::Quantity => "quantity",
            Field::UnitCost => "unit_cost",
            Field::OrderedOn => "ordered_on",
            Field::DeliveredOn => "delivered_on",
            Field::Supplier => "supplier",
            Field::Step => "step",
            Field::HourlyRate => "hourly_rate",
            Field::WeeklyCapacityHours => "weekly_capacity_hours",
            Field::Contact => "contact",
            Field::Contacts => "contacts",
            Field::RecurrenceUntil => "recurrence.until",
            Field::Hours => "hours",
            Field::Person => "person",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The range a number must lie in, for [`ValidationError::OutOfRange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allowed {
    /// From 0 up to and including the bound.
    AtMost(u32),
    /// Above 0, up to and including the bound.
    AboveZeroAtMost(u32),
}

impl fmt::Display for Allowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Allowed::AtMost(max) => write!(f, "at most {max}"),
            Allowed::AboveZeroAtMost(max) => write!(f, "more than 0 and at most {max}"),
        }
    }
}

/// Which record an error is about: its kind, id and a human label (the
/// title or name, or a short description for records without one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordRef {
    /// Kind of the record.
    pub kind: RecordKind,
    /// Its id.
    pub id: Uuid,
    /// Title, name or short description.
    pub label: String,
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\"", self.kind, self.label)
    }
}

/// One broken rule in a record or between records.
// Eq and Hash: an error without its labels is its own identity (see
// `dataset::added_errors`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum ValidationError {
    /// Two records of the same kind share an id.
    #[error("duplicate {kind} id {id} (\"{first}\" and \"{second}\")")]
    DuplicateId {
        /// Kind of both records.
        kind: RecordKind,
        /// The shared id.
        id: Uuid,
        /// Label of the first record with this id.
        first: String,
        /// Label of the second one.
        second: String,
    },
    /// A required text (name, title) is empty or only whitespace.
    #[error("{record}: {field} must not be empty")]
    Empty {
        /// The record.
        record: RecordRef,
        /// The field.
        field: Field,
    },
    /// A number that must be zero or more is negative (or not a number).
    #[error("{record}: {field} must not be negative (is {value})")]
    Negative {
        /// The record.
        record: RecordRef,
        /// The field.
        field: Field,
        /// The offending value, as text.
        value: String,
    },
    /// A number is outside its allowed range.
    #[error("{record}: {field} must be {allowed} (is {value})")]
    OutOfRange {
        /// The record.
        record: RecordRef,
        /// The field.
        field: Field,
        /// The allowed range.
        allowed: Allowed,
        /// The offending value, as text.
        value: String,
    },
    /// A step that is not a milestone has a duration of 0 working days.
    #[error("{record}: duration_days may only be 0 for milestones")]
    ZeroDuration {
        /// The step.
        record: RecordRef,
    },
    /// A link points to a record that does not exist.
    #[error("{record}: {field} refers to a {target} that does not exist ({id})")]
    MissingReference {
        /// The record holding the link.
        record: RecordRef,
        /// The field holding the link.
        field: Field,
        /// Kind of the missing record.
        target: RecordKind,
        /// The dangling id.
        id: Uuid,
    },
    /// A step lists itself as predecessor.
    #[error("{record}: a step cannot depend on itself")]
    SelfDependency {
        /// The step.
        record: RecordRef,
    },
    /// A step depends on a step of another project.
    #[error("{record}: cannot depend on step \"{predecessor}\" of another project")]
    CrossProjectDependency {
        /// The step.
        record: RecordRef,
        /// Title of the predecessor in the other project.
        predecessor: String,
    },
    /// A link points to a step of a different project than the record's.
    #[error("{record}: {field} \"{other}\" belongs to another project")]
    WrongProject {
        /// The record holding the link.
        record: RecordRef,
        /// The field holding the link.
        field: Field,
        /// Title of the step in the other project.
        other: String,
    },
    /// The same predecessor is listed twice.
    #[error("{record}: depends on the same step ({predecessor}) more than once")]
    DuplicateDependency {
        /// The step.
        record: RecordRef,
        /// Id of the repeated predecessor.
        predecessor: String,
    },
    /// Steps depend on each other in a circle, so none can ever start.
    #[error("dependency cycle: {}", cycle_text(.titles))]
    DependencyCycle {
        /// The steps on the cycle, each a predecessor of the next; the last
        /// is a predecessor of the first.
        steps: Vec<StepId>,
        /// Their titles, in the same order.
        titles: Vec<String>,
    },
    /// An end lies before (or, for timed appointments, at) its start.
    #[error("{record}: {end_field} ({end}) must be after {start_field} ({start})")]
    EndBeforeStart {
        /// The record.
        record: RecordRef,
        /// Name of the start field.
        start_field: Field,
        /// The start, as text.
        start: String,
        /// Name of the end field.
        end_field: Field,
        /// The end, as text.
        end: String,
    },
}

fn cycle_text(titles: &[String]) -> String {
    let mut parts: Vec<String> = titles.iter().map(|t| format!("\"{t}\"")).collect();
    if let Some(first) = parts.first().cloned() {
        parts.push(first);
    }
    parts.join(" → ")
}

impl ValidationError {
    /// The record the error is about, where there is exactly one.
    pub fn record(&self) -> Option<&RecordRef> {
        match self {
            ValidationError::Empty { record, .. }
            | ValidationError::Negative { record, .. }
            | ValidationError::OutOfRange { record, .. }
            | ValidationError::ZeroDuration { record }
            | ValidationError::MissingReference { record, .. }
            | ValidationError::SelfDependency { record }
            | ValidationError::CrossProjectDependency { record, .. }
            | ValidationError::WrongProject { record, .. }
            | ValidationError::DuplicateDependency { record, .. }
            | ValidationError::EndBeforeStart { record, .. } => Some(record),
            ValidationError::DuplicateId { .. } | ValidationError::DependencyCycle { .. } => None,
        }
    }
}

/// Small helpers the record `validate` methods share.
pub(crate) mod check {
    use super::{Field, RecordRef, ValidationError};

    /// `Empty` if `text` is blank.
    pub fn not_blank(
        record: &RecordRef,
        field: Field,
        text: &str,
        errors: &mut Vec<ValidationError>,
    ) {
        if text.trim().is_empty() {
            errors.push(ValidationError::Empty {
                record: record.clone(),
                field,
            });
        }
    }

    /// `Negative` if `value` is below zero or not a finite number.
    pub fn non_negative(
        record: &RecordRef,
        field: Field,
        value: f64,
        errors: &mut Vec<ValidationError>,
    ) {
        if !(value.is_finite() && value >= 0.0) {
            errors.push(ValidationError::Negative {
                record: record.clone(),
                field,
                value: value.to_string(),
            });
        }
    }

    /// `Negative` if an amount of money is below zero.
    pub fn non_negative_money(
        record: &RecordRef,
        field: Field,
        value: crate::domain::Money,
        errors: &mut Vec<ValidationError>,
    ) {
        if value.is_negative() {
            errors.push(ValidationError::Negative {
                record: record.clone(),
                field,
                value: value.to_string(),
            });
        }
    }

    /// `EndBeforeStart` unless `start <= end` (or `<` when `strict`).
    pub fn ordered<T: PartialOrd + std::fmt::Display>(
        record: &RecordRef,
        (start_field, start): (Field, &T),
        (end_field, end): (Field, &T),
        strict: bool,
        errors: &mut Vec<ValidationError>,
    ) {
        let ok = if strict { start < end } else { start <= end };
        if !ok {
            errors.push(ValidationError::EndBeforeStart {
                record: record.clone(),
                start_field,
                start: start.to_string(),
                end_field,
                end: end.to_string(),
            });
        }
    }
}
