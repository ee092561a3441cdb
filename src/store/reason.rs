//! Why a snapshot was taken, as data: the UI words it in the person's
//! language when it lists snapshots.
//!
//! Older databases and backups hold a free English text ("import
//! backup.json", "restore"); those read back as [`SnapshotReason::Text`]
//! and are shown as they are.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{de::Error as _, Deserialize, Deserializer, Serialize};

/// Why a snapshot was taken.
///
/// Stored as `{"kind": "before_import", "file": "backup.json"}`; a plain
/// JSON string (the old format) reads as [`SnapshotReason::Text`] and is
/// written back the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SnapshotReason {
    /// Before a backup file replaced all data.
    BeforeImport {
        /// The file's name.
        file: String,
    },
    /// Before a backup file was merged into the data.
    BeforeMerge {
        /// The file's name.
        file: String,
    },
    /// Before an older snapshot was restored.
    BeforeRestore {
        /// When the restored snapshot was taken.
        taken: DateTime<Utc>,
    },
    /// A reason stored as free text by an older version.
    #[serde(untagged)]
    Text(String),
}

// By hand: the derived decoder of an internally tagged enum with an
// untagged variant buffers every value and costs about 10 KB of wasm; read
// as a JSON value, the two shapes are told apart in a few lines.
impl<'de> Deserialize<'de> for SnapshotReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if let Some(text) = value.as_str() {
            return Ok(SnapshotReason::Text(text.to_owned()));
        }
        let text_of = |name: &str| {
            value
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| D::Error::custom(format_args!("missing field `{name}`")))
        };
        match value.get("kind").and_then(serde_json::Value::as_str) {
            Some("before_import") => Ok(SnapshotReason::BeforeImport {
                file: text_of("file")?,
            }),
            Some("before_merge") => Ok(SnapshotReason::BeforeMerge {
                file: text_of("file")?,
            }),
            Some("before_restore") => {
                let taken = text_of("taken")?;
                DateTime::parse_from_rfc3339(&taken)
                    .map(|t| SnapshotReason::BeforeRestore {
                        taken: t.with_timezone(&Utc),
                    })
                    .map_err(D::Error::custom)
            }
            _ => Err(D::Error::custom("unknown snapshot reason")),
        }
    }
}

impl fmt::Display for SnapshotReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotReason::BeforeImport { file } => write!(f, "before import of {file}"),
            SnapshotReason::BeforeMerge { file } => write!(f, "before merging {file}"),
            SnapshotReason::BeforeRestore { taken } => {
                write!(f, "before restoring the snapshot of {taken}")
            }
            SnapshotReason::Text(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn typed_reasons_round_trip() {
        let taken = Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).unwrap();
        for reason in [
            SnapshotReason::BeforeImport {
                file: "backup.json".into(),
            },
            SnapshotReason::BeforeMerge {
                file: "x.json".into(),
            },
            SnapshotReason::BeforeRestore { taken },
            SnapshotReason::Text("import alt.json".into()),
        ] {
            let json = serde_json::to_string(&reason).unwrap();
            let back: SnapshotReason = serde_json::from_str(&json).unwrap();
            assert_eq!(back, reason, "{json}");
        }
    }

    #[test]
    fn old_free_text_reads_as_text_and_is_written_back_as_before() {
        let back: SnapshotReason = serde_json::from_str("\"import backup.json\"").unwrap();
        assert_eq!(back, SnapshotReason::Text("import backup.json".into()));
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            "\"import backup.json\""
        );
        let typed = serde_json::to_string(&SnapshotReason::BeforeImport {
            file: "a.json".into(),
        })
        .unwrap();
        assert_eq!(typed, r#"{"kind":"before_import","file":"a.json"}"#);
    }
}
