//! Set-aside records: what the app keeps but does not use. A stored record
//! that cannot be read (damaged, or written by a version that no longer
//! exists) is set aside when the data loads, so everything else still
//! loads; a record that breaks a rule can be set aside by the person in
//! Settings. Either way its raw JSON is kept, listed in Settings and can
//! be downloaded, so nothing is ever silently dropped.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AnyRecord;
use crate::domain::RecordKind;

/// Why a record was set aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum SetAsideReason {
    /// The stored value could not be read as a record of its kind; `error`
    /// is the decoder's (English) explanation, for the curious.
    Undecodable { error: String },
    /// The record broke a rule and the person set it aside; `problems`
    /// describe the rule breaks (English, for the log and the download).
    BrokenRule { problems: Vec<String> },
}

/// One record kept raw in the set-aside store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAsideRecord {
    /// The set-aside entry's own id.
    pub id: Uuid,
    /// The object store (kind) it came from.
    pub kind: RecordKind,
    /// The record's id, if it could be read.
    pub record_id: Option<String>,
    pub reason: SetAsideReason,
    /// When it was set aside.
    pub at: DateTime<Utc>,
    /// Exactly what was stored (the record's JSON, or a description of a
    /// stored value that was not even JSON text).
    pub raw: String,
}

impl SetAsideRecord {
    /// A readable record the person set aside.
    pub fn of_record(record: &AnyRecord, reason: SetAsideReason, at: DateTime<Utc>) -> Self {
        SetAsideRecord {
            id: Uuid::new_v4(),
            kind: record.kind(),
            record_id: Some(record.uuid().to_string()),
            reason,
            at,
            raw: record.to_json(),
        }
    }

    /// The raw text as a downloadable JSON document, with what is known
    /// about it.
    pub fn to_download(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Decodes one stored value (its key and JSON text, if it had any) as a
/// record of `kind`. A value that cannot be read comes back as a
/// [`SetAsideRecord`], never as an error for the whole load.
pub fn decode_stored(
    kind: RecordKind,
    key: Option<String>,
    json: Option<String>,
    at: DateTime<Utc>,
) -> Result<AnyRecord, SetAsideRecord> {
    let set_aside = |error: String, raw: String| SetAsideRecord {
        id: Uuid::new_v4(),
        kind,
        record_id: key.clone(),
        reason: SetAsideReason::Undecodable { error },
        at,
        raw,
    };
    let Some(json) = json else {
        return Err(set_aside(
            "the stored value has no JSON text".to_owned(),
            String::new(),
        ));
    };
    match AnyRecord::from_json(kind, &json) {
        Ok(record)
            if key
                .as_deref()
                .is_none_or(|k| k == record.uuid().to_string()) =>
        {
            Ok(record)
        }
        Ok(record) => Err(set_aside(
            format!(
                "stored under the key {} but has the id {}",
                key.as_deref().unwrap_or_default(),
                record.uuid()
            ),
            json,
        )),
        Err(error) => Err(set_aside(error.to_string(), json)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Project;

    #[test]
    fn a_readable_record_decodes_and_a_broken_one_is_kept_raw() {
        let now = Utc::now();
        let project = AnyRecord::Project(Project::new("Messe", now));
        let key = Some(project.uuid().to_string());
        assert_eq!(
            decode_stored(
                RecordKind::Project,
                key.clone(),
                Some(project.to_json()),
                now
            ),
            Ok(project)
        );
        let broken = r#"{"id": 17, "name": true}"#.to_owned();
        let aside = decode_stored(RecordKind::Project, key.clone(), Some(broken.clone()), now)
            .expect_err("set aside");
        assert_eq!(aside.raw, broken);
        assert_eq!(aside.record_id, key);
        assert!(matches!(aside.reason, SetAsideReason::Undecodable { .. }));
    }
}
