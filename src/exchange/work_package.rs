//! The files exchanged with collaborators: a work package (the person →
//! a collaborator: only that collaborator's part of a project) and an
//! update (the collaborator → the person: progress, hours, results and
//! notes on those steps).
//!
//! Both are JSON with a `format` name and a `format_version`, read like a
//! backup: checked, then decoded with the path of the first bad field
//! (`steps[2].progress: expected a number`), and nothing is written when a
//! file is refused. What goes into a package is decided in
//! `state::work_packages`; this module only defines and reads the files.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::problem::ValueProblem;
pub use crate::domain::StepReport;
use crate::domain::{ContactId, ProjectId, StepId, TimeEntryId};

pub const PACKAGE_FORMAT: &str = "chefsache-work-package";
pub const UPDATE_FORMAT: &str = "chefsache-work-update";
/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// Packages and updates are small; anything larger is not one.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Who the collaborator deals with: the person running the project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl ContactPerson {
    /// Nothing to reach the person by (the business details are empty).
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.email.is_empty() && self.phone.is_empty()
    }
}

/// One of the collaborator's steps, with the plan's dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageStep {
    pub id: StepId,
    pub title: String,
    #[serde(default)]
    pub work_area: Option<String>,
    /// Scheduled start and finish (working days of the plan).
    pub start: NaiveDate,
    pub finish: NaiveDate,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    pub effort_hours: f64,
    #[serde(default)]
    pub milestone: bool,
    /// What the collaborator reports on, as it stood when the package was
    /// made; an update carries it back as the base of its changes.
    pub report: StepReport,
}

/// A step of somebody else that one of the collaborator's steps waits
/// for or that waits for it: its title and dates only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeighbourStep {
    pub id: StepId,
    pub title: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// `true`: one of the collaborator's steps waits for it; `false`: it
    /// waits for one of theirs.
    pub before: bool,
}

/// A material one of the collaborator's steps needs (no price, no
/// supplier).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageMaterial {
    pub name: String,
    pub quantity: f64,
    #[serde(default)]
    pub unit: String,
    pub step: StepId,
    /// When it is expected to arrive, if known.
    #[serde(default)]
    pub expected: Option<NaiveDate>,
}

/// A work package: one collaborator's part of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkPackage {
    pub format: String,
    pub format_version: u32,
    /// The package's id; updates name it.
    pub id: Uuid,
    pub created: DateTime<Utc>,
    pub project: ProjectId,
    pub project_name: String,
    /// The project's description, as a brief.
    #[serde(default)]
    pub brief: String,
    pub collaborator: ContactId,
    pub collaborator_name: String,
    pub contact_person: ContactPerson,
    pub steps: Vec<PackageStep>,
    #[serde(default)]
    pub neighbours: Vec<NeighbourStep>,
    #[serde(default)]
    pub materials: Vec<PackageMaterial>,
}

/// Hours the collaborator booked on one of their steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookedHours {
    /// Chosen by the collaborator's app, so that importing again updates
    /// the same entry.
    pub id: TimeEntryId,
    pub step: StepId,
    pub date: NaiveDate,
    pub hours: f64,
    #[serde(default)]
    pub note: String,
}

/// A note of the collaborator on one of their steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageNote {
    pub id: Uuid,
    pub step: StepId,
    pub at: DateTime<Utc>,
    pub text: String,
}

/// A step as the collaborator reports it, with what it was in the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepUpdate {
    pub id: StepId,
    /// The report as it was in the package (the base of the changes).
    pub base: StepReport,
    /// The report now.
    pub report: StepReport,
}

/// An update: what the collaborator did on a package, all of it so far
/// (each update replaces the ones before it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkUpdate {
    pub format: String,
    pub format_version: u32,
    /// The package it reports on.
    pub package: Uuid,
    /// 1 for the first update of a package, then counting up.
    pub number: u32,
    pub created: DateTime<Utc>,
    pub project: ProjectId,
    pub collaborator: ContactId,
    pub steps: Vec<StepUpdate>,
    #[serde(default)]
    pub hours: Vec<BookedHours>,
    #[serde(default)]
    pub notes: Vec<PackageNote>,
}

/// Why a file is not a package or an update this app can read. `Display`
/// is English, for logs; the UI says it in the person's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExchangeFileError {
    #[error("the file is too large ({size} bytes, at most {limit})")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not text")]
    NotText,
    #[error("the file is not valid JSON: {message} at line {line}, column {column}")]
    NotJson {
        message: String,
        line: usize,
        column: usize,
    },
    /// Another file (a backup, another program's JSON); `found` is its
    /// `format`, empty if it has none.
    #[error("the file is not a {expected} (its format is \"{found}\")")]
    WrongFormat {
        expected: &'static str,
        found: String,
    },
    #[error("the file was made by a newer Chefsache (format version {found})")]
    NewerVersion { found: u64 },
    #[error("the file has an unknown format version")]
    UnknownVersion,
    #[error("{path}: {problem}")]
    Field { path: String, problem: ValueProblem },
}

/// The package as the file's text (pretty-printed: people may look inside
/// before they send it).
pub fn write_package(package: &WorkPackage) -> String {
    serde_json::to_string_pretty(package).unwrap_or_default()
}

/// The update as the file's text.
pub fn write_update(update: &WorkUpdate) -> String {
    serde_json::to_string_pretty(update).unwrap_or_default()
}

/// Reads a package file.
pub fn read_package(bytes: &[u8]) -> Result<WorkPackage, ExchangeFileError> {
    read(bytes, PACKAGE_FORMAT)
}

/// Reads an update file.
pub fn read_update(bytes: &[u8]) -> Result<WorkUpdate, ExchangeFileError> {
    read(bytes, UPDATE_FORMAT)
}

fn read<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    format: &'static str,
) -> Result<T, ExchangeFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ExchangeFileError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = super::encoding::decode_text(bytes).map_err(|_| ExchangeFileError::NotText)?;
    let value: Value = serde_json::from_str(&text).map_err(|error| {
        let full = error.to_string();
        ExchangeFileError::NotJson {
            message: full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(m, _)| m)
                .to_owned(),
            line: error.line().max(1),
            column: error.column().max(1),
        }
    })?;
    let found = value.get("format").and_then(Value::as_str).unwrap_or("");
    if found != format {
        return Err(ExchangeFileError::WrongFormat {
            expected: format,
            found: found.to_owned(),
        });
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ExchangeFileError::NewerVersion { found: v })
        }
        Some(v) if v >= 1 => {}
        _ => return Err(ExchangeFileError::UnknownVersion),
    }
    let decode = |value: &Value| {
        crate::domain::fields::from_value_as_text::<T>(value)
            .map_err(|error| crate::domain::fields::message_without_position(&error))
    };
    decode(&value).map_err(|message| {
        let path = super::json_path::locate(&value, &message, |v| decode(v).map(|_| ()));
        ExchangeFileError::Field {
            path: if path.is_empty() {
                "(top level)".to_owned()
            } else {
                path
            },
            problem: ValueProblem::from_serde(&message),
        }
    })
}
