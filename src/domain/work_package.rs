//! Work packages handed to collaborators: the project remembers each one it
//! issued, so that an update for a package that was replaced by a newer one
//! is refused, and an update older than one already imported changes
//! nothing (see `state::work_packages`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ContactId, StepId, StepStatus};

/// A package the person exported for a collaborator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedPackage {
    /// The package's id, written into the package and every update of it.
    pub id: Uuid,
    /// Who it was for.
    pub collaborator: ContactId,
    /// When it was exported.
    pub created: DateTime<Utc>,
    /// A newer package for the same collaborator replaced this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
    /// The highest update number imported from it (0: none yet).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub imported_update: u32,
    /// The step reports of the last imported update: the base the next
    /// update's changes are measured from, so that a value the
    /// collaborator sets back counts as their change too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<ReceivedReport>,
}

/// A step's report as the last imported update had it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedReport {
    pub step: StepId,
    pub report: StepReport,
}

/// The fields of a step a collaborator reports on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub status: StepStatus,
    pub progress: u8,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_finish: Option<NaiveDate>,
    #[serde(default)]
    pub remaining_days: Option<u32>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
