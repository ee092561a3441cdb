//! The JSON backup: export, and an import pipeline in the style of
//! Excalidraw's: *check* the file (size, text, JSON, format name and
//! version), *migrate* older formats, *deserialise and validate* the data,
//! and only then *apply* it by replacing or merging. Every step either
//! passes completely or refuses with a clear message; nothing is ever half
//! imported.
//!
//! ```json
//! { "format": "chefsache-backup", "format_version": 2,
//!   "app_version": "0.1.0", "exported_at": "2026-11-03T09:00:00Z",
//!   "data": { "projects": [], "steps": [], "materials": [], "contacts": [],
//!             "communications": [], "appointments": [], "time_entries": [] } }
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;
use uuid::Uuid;

use super::encoding;
use super::migrate::{self, MigrationError, OLDEST_VERSION};
use super::problem::ValueProblem;
use crate::domain::{Dataset, Record, RecordKind, Records, ValidationError};

/// The `format` field that marks a Chefsache backup.
pub const FORMAT_NAME: &str = "chefsache-backup";

/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;

/// Largest file accepted for import (50 MB), checked before parsing so a
/// wrong file cannot exhaust the browser tab's memory.
pub const MAX_BACKUP_BYTES: usize = 50 * 1024 * 1024;

/// A parsed, migrated and validated backup.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// Version of the app that wrote it (informational).
    pub app_version: String,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// The format version of the file before migration.
    pub source_format_version: u32,
    /// The records, valid.
    pub data: Dataset,
}

/// Why a backup cannot be imported.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// Larger than [`MAX_BACKUP_BYTES`].
    #[error(
        "the file is too large ({size} bytes); a backup may have at most {limit} bytes (50 MB)"
    )]
    TooLarge {
        /// Size of the file.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not text: neither UTF-8 (with or without BOM) nor UTF-16 with BOM.
    #[error("the file is not text (invalid UTF-8 at line {line}, column {column})")]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
    /// Text, but not JSON.
    #[error("the file is not valid JSON: {message} at line {line}, column {column}")]
    NotJson {
        /// What the JSON parser expected.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON without a `format` field.
    #[error("the file is not a Chefsache backup (it has no \"format\": \"{FORMAT_NAME}\")")]
    NotABackup,
    /// JSON of another program.
    #[error("the file is not a Chefsache backup (its format is \"{found}\")")]
    WrongFormat {
        /// The `format` found.
        found: String,
    },
    /// Written by a newer Chefsache.
    #[error("the backup was made by a newer Chefsache (format {found}); this version reads up to {supported}")]
    NewerVersion {
        /// The file's format version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// `format_version` missing, not a whole number, or too old.
    #[error("the backup has an unknown format version ({found})")]
    UnknownVersion {
        /// The `format_version` found, as JSON text.
        found: String,
    },
    /// An old format could not be upgraded.
    #[error("the backup could not be upgraded: {0}")]
    Migration(#[from] MigrationError),
    /// A field has the wrong type or a required field is missing.
    #[error("{path}: {problem}")]
    Field {
        /// JSON path like `steps[12].duration_days` (inside `data`).
        path: String,
        /// What is wrong, e.g. a number expected, a string found.
        problem: ValueProblem,
    },
    /// The data breaks domain rules (broken links, cycles, …).
    #[error("the data is not consistent: {}", summary(.0))]
    Invalid(Vec<ValidationError>),
}

/// The first few errors, joined, for one-line display.
fn summary(errors: &[ValidationError]) -> String {
    const SHOWN: usize = 5;
    let mut text = errors
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if errors.len() > SHOWN {
        text.push_str(&format!("; and {} more", errors.len() - SHOWN));
    }
    text
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    format_version: u32,
    app_version: &'a str,
    exported_at: DateTime<Utc>,
    data: &'a Dataset,
}

/// The backup of `data` as JSON text.
///
/// Pretty-printed on purpose: the backup is the user's own file, and
/// indented JSON can be read, searched and compared in any editor, and
/// import errors point at a meaningful line. The ~30 % extra size is
/// irrelevant next to the 50 MB limit.
pub fn export_json(data: &Dataset, app_version: &str, now: DateTime<Utc>) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        app_version,
        exported_at: now,
        data,
    };
    // Serialising plain structs with string keys cannot fail.
    serde_json::to_string_pretty(&envelope).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Import: check, migrate, deserialise, validate
// ---------------------------------------------------------------------------

/// Envelope fields besides `data`; unknown fields are ignored.
#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    app_version: String,
    exported_at: DateTime<Utc>,
}

/// A backup of the current format version, decoded without a `Value` in
/// between. `format` and `format_version` fail the decode as soon as they
/// are read (they come first in every export), so an older or foreign file
/// costs almost nothing here before it takes the general path.
#[derive(Deserialize)]
struct CurrentEnvelope {
    #[allow(dead_code)] // checked while decoding
    format: OurFormat,
    #[allow(dead_code)] // checked while decoding
    format_version: CurrentVersion,
    #[serde(default)]
    app_version: String,
    exported_at: DateTime<Utc>,
    data: Dataset,
}

/// `"format": "chefsache-backup"`, or the decode fails.
struct OurFormat;

impl<'de> Deserialize<'de> for OurFormat {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        if name == FORMAT_NAME {
            Ok(OurFormat)
        } else {
            Err(serde::de::Error::custom("another format"))
        }
    }
}

/// `"format_version": FORMAT_VERSION`, or the decode fails.
struct CurrentVersion;

impl<'de> Deserialize<'de> for CurrentVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if u64::deserialize(deserializer)? == u64::from(FORMAT_VERSION) {
            Ok(CurrentVersion)
        } else {
            Err(serde::de::Error::custom("another format version"))
        }
    }
}

/// Reads a backup file. Refuses files over 50 MB (before parsing), non-text
/// and non-JSON files, other formats, newer format versions, wrong or
/// missing fields (naming the JSON path) and inconsistent data. Older
/// formats are migrated. Either the whole backup comes back valid, or an
/// error and nothing else.
pub fn parse_backup(bytes: &[u8]) -> Result<Backup, ImportError> {
    let backup = parse_backup_unchecked(bytes)?;
    backup.data.validate().map_err(ImportError::Invalid)?;
    Ok(backup)
}

/// Reads a backup like [`parse_backup`], but leaves the domain rules
/// unchecked: the app's own export of damaged data must always be readable
/// again, so the import can show the rule breaks and offer their repair
/// (`state::repair`) before applying.
pub fn parse_backup_unchecked(bytes: &[u8]) -> Result<Backup, ImportError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_BACKUP_BYTES,
        });
    }
    // UTF-8 with or without BOM, or UTF-16 with BOM (Windows editors).
    let text = encoding::decode_text(bytes).map_err(|e| ImportError::NotUtf8 {
        line: e.line,
        column: e.column,
    })?;
    // The current format, as this app writes it, in one pass straight into
    // the records. Anything else (an older format to migrate, another
    // program's JSON, a damaged file) takes the general path through a
    // `Value`, which names exactly what is wrong; a file the fast path
    // refuses is read again there, so both paths give the same result.
    match decode_current(&text) {
        Some(backup) => Ok(backup),
        None => decode_general(&text),
    }
}

/// The fast path: a backup of the current format version, decoded in one
/// pass; `None` for anything it cannot take as it is.
fn decode_current(text: &str) -> Option<Backup> {
    let current = serde_json::from_str::<CurrentEnvelope>(text).ok()?;
    Some(Backup {
        app_version: current.app_version,
        exported_at: current.exported_at,
        source_format_version: FORMAT_VERSION,
        data: current.data,
    })
}

/// The general path: JSON into a `Value`, format and version checked,
/// older formats migrated, then decoded with the exact path of any problem.
fn decode_general(text: &str) -> Result<Backup, ImportError> {
    let envelope: Value = serde_json::from_str(text).map_err(not_json)?;
    let source_version = check_envelope(&envelope)?;
    let mut envelope = migrate::migrate(envelope, source_version, FORMAT_VERSION)?;
    let data_value = envelope
        .as_object_mut()
        .and_then(|o| o.remove("data"))
        .ok_or_else(|| ImportError::Field {
            path: "data".into(),
            problem: ValueProblem::Missing {
                field: "data".into(),
            },
        })?;
    let meta: Meta = deserialize_with_path(envelope, "(top level)")?;
    let data: Dataset = deserialize_with_path(data_value, "data")?;
    Ok(Backup {
        app_version: meta.app_version,
        exported_at: meta.exported_at,
        source_format_version: source_version,
        data,
    })
}

/// Checks `format` and `format_version`; returns the version.
fn check_envelope(envelope: &Value) -> Result<u32, ImportError> {
    let format = envelope.get("format").ok_or(ImportError::NotABackup)?;
    if format.as_str() != Some(FORMAT_NAME) {
        let found = format
            .as_str()
            .map_or_else(|| format.to_string(), str::to_owned);
        return Err(ImportError::WrongFormat { found });
    }
    let version = envelope.get("format_version").unwrap_or(&Value::Null);
    let unknown = || ImportError::UnknownVersion {
        found: version.to_string(),
    };
    let number = version.as_u64().ok_or_else(unknown)?;
    if number > u64::from(FORMAT_VERSION) {
        return Err(ImportError::NewerVersion {
            found: number,
            supported: FORMAT_VERSION,
        });
    }
    if number < u64::from(OLDEST_VERSION) {
        return Err(unknown());
    }
    u32::try_from(number).map_err(|_| unknown())
}

/// Deserialises `value`, turning errors into `Field` errors with the exact
/// JSON path (relative to `value`, so inside `data` it reads
/// `steps[12].duration_days`). An error about `value` itself (`data` is
/// not an object) is named `root`.
fn deserialize_with_path<T: serde::de::DeserializeOwned>(
    value: Value,
    root: &str,
) -> Result<T, ImportError> {
    // From an owned `Value`, the same code that reads records elsewhere
    // (`domain::fields`); the path is looked for only when it fails (see
    // json_path: no second, path-tracking copy of every Deserialize).
    let attempt = |value: &Value| decode::<T>(value).map(|_| ());
    decode::<T>(&value).map_err(|message| {
        let path = match super::json_path::locate(&value, &message, attempt) {
            top if top.is_empty() => root.to_owned(),
            path => path,
        };
        ImportError::Field {
            path,
            problem: ValueProblem::from_serde(&message),
        }
    })
}

/// `value` as `T`, through the text decoders every record kind has anyway
/// (see `fields::from_value_as_text`); the error as its message.
fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    crate::domain::fields::from_value_as_text(value)
        .map_err(|error| crate::domain::fields::message_without_position(&error))
}

fn not_json(error: serde_json::Error) -> ImportError {
    let full = error.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m)
        .to_owned();
    // serde_json reports an error at the very end of a line (such as a
    // file cut after a line break) as column 0; people count from 1.
    ImportError::NotJson {
        message,
        line: error.line().max(1),
        column: error.column().max(1),
    }
}

// ---------------------------------------------------------------------------
// Apply: preview, replace, merge
// ---------------------------------------------------------------------------

/// What importing one kind of record would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindPreview {
    /// The kind.
    pub kind: RecordKind,
    /// Records of this kind in the backup.
    pub incoming: usize,
    /// Not yet stored: would be added.
    pub new: usize,
    /// Stored, older and different: would be overwritten.
    pub updated: usize,
    /// Stored and identical.
    pub unchanged: usize,
    /// Stored with a newer (or equal) change date and different content:
    /// the stored version is kept.
    pub outdated: usize,
    /// Stored but not in the backup: kept by merge, dropped by replace.
    pub only_current: usize,
}

/// Counts per kind of what a merge of a backup would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// One entry per kind, in [`RecordKind::ALL`] order.
    pub kinds: Vec<KindPreview>,
}

impl ImportPreview {
    /// Compares `incoming` with the `current` data.
    pub fn new(current: &Dataset, incoming: &Dataset) -> Self {
        let kinds = vec![
            preview_kind(&current.projects, &incoming.projects),
            preview_kind(&current.steps, &incoming.steps),
            preview_kind(&current.materials, &incoming.materials),
            preview_kind(&current.contacts, &incoming.contacts),
            preview_kind(&current.communications, &incoming.communications),
            preview_kind(&current.appointments, &incoming.appointments),
            preview_kind(&current.time_entries, &incoming.time_entries),
        ];
        ImportPreview { kinds }
    }

    /// The entry for `kind`.
    pub fn kind(&self, kind: RecordKind) -> Option<&KindPreview> {
        self.kinds.iter().find(|k| k.kind == kind)
    }

    /// Records in the backup, all kinds together.
    pub fn total_incoming(&self) -> usize {
        self.kinds.iter().map(|k| k.incoming).sum()
    }

    /// True if merging would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.kinds.iter().all(|k| k.new == 0 && k.updated == 0)
    }
}

impl fmt::Display for ImportPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for k in &self.kinds {
            writeln!(
                f,
                "{}: {} in backup, {} new, {} updated, {} unchanged, {} kept newer",
                k.kind, k.incoming, k.new, k.updated, k.unchanged, k.outdated
            )?;
        }
        Ok(())
    }
}

/// What a merge does with one incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    New,
    Updated,
    Unchanged,
    Outdated,
}

/// The newer `updated` wins; on a tie with different content the stored
/// record stays, so an import never silently overwrites a local edit.
fn outcome<R: Record + PartialEq>(current: Option<&R>, incoming: &R) -> Outcome {
    match current {
        None => Outcome::New,
        Some(stored) if stored == incoming => Outcome::Unchanged,
        Some(stored) if incoming.updated() > stored.updated() => Outcome::Updated,
        Some(_) => Outcome::Outdated,
    }
}

fn by_id<R: Record>(records: &Records<R>) -> HashMap<Uuid, &R> {
    records.iter().map(|r| (r.uuid(), r)).collect()
}

fn preview_kind<R: Record + PartialEq>(current: &Records<R>, incoming: &Records<R>) -> KindPreview {
    let stored = by_id(current);
    let mut preview = KindPreview {
        kind: R::KIND,
        incoming: incoming.len(),
        new: 0,
        updated: 0,
        unchanged: 0,
        outdated: 0,
        only_current: 0,
    };
    for record in incoming {
        match outcome(stored.get(&record.uuid()).copied(), record) {
            Outcome::New => preview.new += 1,
            Outcome::Updated => preview.updated += 1,
            Outcome::Unchanged => preview.unchanged += 1,
            Outcome::Outdated => preview.outdated += 1,
        }
    }
    let incoming_ids: HashSet<Uuid> = incoming.iter().map(Record::uuid).collect();
    preview.only_current = current
        .iter()
        .filter(|r| !incoming_ids.contains(&r.uuid()))
        .count();
    preview
}

/// Stored records in their order (replaced where the backup's is newer),
/// then the backup's new records in the backup's order.
fn merge_kind<R: Record + PartialEq + Clone>(
    current: &Records<R>,
    incoming: &Records<R>,
) -> Records<R> {
    let incoming_by_id = by_id(incoming);
    let mut merged: Records<R> = current
        .iter()
        .map(|stored| match incoming_by_id.get(&stored.uuid()) {
            Some(&newer) if outcome(Some(stored), newer) == Outcome::Updated => newer.clone(),
            _ => stored.clone(),
        })
        .collect();
    let stored_ids: HashSet<Uuid> = current.iter().map(Record::uuid).collect();
    merged.extend(
        incoming
            .iter()
            .filter(|r| !stored_ids.contains(&r.uuid()))
            .cloned(),
    );
    merged
}

/// Merges a backup into the current data by id: the record with the newer
/// `updated` wins, records on only one side are kept. The result is
/// validated as a whole (a newer step from the backup may, for example,
/// close a dependency cycle with a stored one); if it is not valid the
/// errors come back and the caller keeps `current` unchanged.
pub fn merge(current: &Dataset, incoming: &Dataset) -> Result<Dataset, ImportError> {
    let merged = merge_unchecked(current, incoming);
    merged.validate().map_err(ImportError::Invalid)?;
    Ok(merged)
}

/// The merge of [`merge`] without the final check, for data whose rule
/// breaks the person has seen and chosen to repair afterwards.
pub fn merge_unchecked(current: &Dataset, incoming: &Dataset) -> Dataset {
    Dataset {
        projects: merge_kind(&current.projects, &incoming.projects),
        steps: merge_kind(&current.steps, &incoming.steps),
        materials: merge_kind(&current.materials, &incoming.materials),
        contacts: merge_kind(&current.contacts, &incoming.contacts),
        communications: merge_kind(&current.communications, &incoming.communications),
        appointments: merge_kind(&current.appointments, &incoming.appointments),
        time_entries: merge_kind(&current.time_entries, &incoming.time_entries),
    }
}

/// The records of `next` that `current` does not hold as they are: the
/// new ones and the changed ones. After a merge these are all a store has
/// to write (a merge never drops a record).
pub fn changed_records(current: &Dataset, next: &Dataset) -> Dataset {
    Dataset {
        projects: changed_kind(&current.projects, &next.projects),
        steps: changed_kind(&current.steps, &next.steps),
        materials: changed_kind(&current.materials, &next.materials),
        contacts: changed_kind(&current.contacts, &next.contacts),
        communications: changed_kind(&current.communications, &next.communications),
        appointments: changed_kind(&current.appointments, &next.appointments),
        time_entries: changed_kind(&current.time_entries, &next.time_entries),
    }
}

fn changed_kind<R: Record + PartialEq + Clone>(
    current: &Records<R>,
    next: &Records<R>,
) -> Records<R> {
    next.iter()
        .filter(|r| current.by_id(r.uuid()).is_none_or(|s| *s != **r))
        .cloned()
        .collect()
}

/// Replaces all current data with the backup's, after the same validation
/// as [`merge`].
pub fn replace(incoming: &Dataset) -> Result<Dataset, ImportError> {
    incoming.validate().map_err(ImportError::Invalid)?;
    Ok(incoming.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FREELANCER: &str = include_str!("../../public/samples/freelancer.json");
    const V1: &str = include_str!("../../tests/fixtures/backup-v1.json");

    fn general(text: &str) -> Result<Backup, ImportError> {
        decode_general(text)
    }

    #[test]
    fn the_current_format_is_decoded_in_one_pass_with_the_same_result() {
        let fast = decode_current(FREELANCER).expect("the sample takes the fast path");
        assert_eq!(Ok(fast.clone()), general(FREELANCER));
        assert_eq!(fast.source_format_version, FORMAT_VERSION);
        // The app's own export, compact and with a byte order mark too.
        let text = export_json(&fast.data, "0.1.0", fast.exported_at);
        assert_eq!(
            decode_current(&text).map(|b| b.data),
            Some(fast.data.clone())
        );
        let compact = serde_json::to_string(&serde_json::from_str::<Value>(&text).expect("JSON"))
            .expect("serialisable");
        let mut bom = "\u{feff}".to_owned();
        bom.push_str(&compact);
        assert_eq!(
            parse_backup_unchecked(bom.as_bytes()).map(|b| b.data),
            Ok(fast.data)
        );
    }

    #[test]
    fn damaged_but_readable_data_takes_the_fast_path_unchecked() {
        // A step of a project that does not exist breaks a rule, but is
        // readable: it decodes, and the rules are checked afterwards.
        let mut value: Value = serde_json::from_str(FREELANCER).expect("JSON");
        value["data"]["steps"][0]["project"] = json!("99999999-0000-4000-8000-000000000000");
        let text = value.to_string();
        let backup = decode_current(&text).expect("readable");
        assert!(backup.data.validate().is_err());
        assert!(matches!(
            parse_backup(text.as_bytes()),
            Err(ImportError::Invalid(_))
        ));
    }

    #[test]
    fn older_versions_take_the_general_path_and_are_migrated() {
        assert!(decode_current(V1).is_none());
        let backup = parse_backup(V1.as_bytes()).expect("v1 imports");
        assert_eq!(backup.source_format_version, 1);
        assert!(!backup.data.projects.is_empty());
    }

    #[test]
    fn a_broken_file_takes_the_general_path_which_names_the_place() {
        let mut value: Value = serde_json::from_str(FREELANCER).expect("JSON");
        value["data"]["materials"][3]["quantity"] = json!("viele");
        let text = value.to_string();
        assert!(decode_current(&text).is_none());
        assert_eq!(
            parse_backup_unchecked(text.as_bytes())
                .expect_err("wrong type")
                .to_string(),
            "materials[3].quantity: expected a number, found string \"viele\""
        );
        for (foreign, error) in [
            (
                json!({ "format": "excalidraw" }),
                ImportError::WrongFormat {
                    found: "excalidraw".into(),
                },
            ),
            (json!({ "data": {} }), ImportError::NotABackup),
        ] {
            let text = foreign.to_string();
            assert!(decode_current(&text).is_none());
            assert_eq!(parse_backup_unchecked(text.as_bytes()), Err(error));
        }
        // A duplicate field: the general path keeps the last value, as
        // before; the fast path leaves such a file to it.
        let text = FREELANCER.replacen(
            "\"app_version\": \"0.1.0\",",
            "\"app_version\": \"0.0.9\", \"app_version\": \"0.1.0\",",
            1,
        );
        assert!(decode_current(&text).is_none());
        assert_eq!(
            parse_backup_unchecked(text.as_bytes()).map(|b| b.app_version),
            Ok("0.1.0".to_owned())
        );
    }
}
