//! One CouchDB document per record.
//!
//! ```json
//! { "_id": "0b6f…", "_rev": "3-9c1e…", "type": "step", "schema": 2,
//!   "id": "0b6f…", "project": "…", "title": "Estrich", … }
//! ```
//!
//! `_id` is the record's id (hyphenated, lower case), so the same record
//! is the same document on every device. The record's fields lie flat
//! beside the document's own (`_id`, `_rev`, `_deleted`, `_conflicts`), so
//! Fauxton or a stock PouchDB client sees ordinary documents. Two fields
//! of ours go with them: [`KIND_FIELD`] (`"type"`, the record kind's
//! stable name as the store and [`AnyRecord`]'s tag spell it: `project`,
//! `time_entry`, …) and [`SCHEMA_FIELD`] (the record schema the writer
//! used). The kind is not called `kind` because a contact has a field of
//! that name (person or organisation).
//!
//! Reading follows the backup's pipeline: a newer schema is refused, never
//! decoded lossy (the person is told to update the app); an older one is
//! migrated with the backup's own migrations ([`crate::exchange::migrate`]);
//! a field with the wrong type is refused with its path.

use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::rev::Rev;
use crate::domain::fields::{self, Fields};
use crate::domain::RecordKind;
use crate::exchange::backup::FORMAT_VERSION;
use crate::exchange::migrate::{self, OLDEST_VERSION};
use crate::store::{AnyRecord, RecordKey};

/// The record schema this app writes and the newest it reads: the
/// backup's format version, because a document holds a record exactly as
/// a backup does, and the backup's migrations upgrade older documents.
pub const SCHEMA_VERSION: u32 = FORMAT_VERSION;

/// The document field that names the record kind.
pub const KIND_FIELD: &str = "type";

/// The document field with the record schema version.
pub const SCHEMA_FIELD: &str = "schema";

/// The field that marks a tombstone written to close a conflict (a losing
/// leaf, or a deletion a person decided against). CouchDB keeps deleted
/// leaves forever and lists them in `_deleted_conflicts`; the mark tells
/// them from a deletion nobody has decided about yet (delete vs edit).
/// See [`super::conflicts`].
pub const CLOSED_FIELD: &str = "conflict_closed";

/// The document fields that are ours and not the record's.
pub const META_FIELDS: [&str; 3] = [KIND_FIELD, SCHEMA_FIELD, CLOSED_FIELD];

/// A document as CouchDB and PouchDB take it.
pub type Doc = Map<String, Value>;

/// The record kind's stable name (the store's and [`AnyRecord`]'s).
pub fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Project => "project",
        RecordKind::Step => "step",
        RecordKind::Material => "material",
        RecordKind::Contact => "contact",
        RecordKind::Communication => "communication",
        RecordKind::Appointment => "appointment",
        RecordKind::TimeEntry => "time_entry",
    }
}

/// The kind with this stable name.
pub fn kind_from_name(name: &str) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(|&k| kind_name(k) == name)
}

/// The backup's list name for a kind (`time_entries`), where the
/// migrations find records: the same names the store's object stores
/// carry, so there is one table of them.
fn backup_list(kind: RecordKind) -> &'static str {
    crate::store::schema::store_of(kind)
}

/// The document id of a record: its uuid, hyphenated, lower case.
pub fn doc_id(id: Uuid) -> String {
    id.hyphenated().to_string()
}

/// The record as a document, on revision `rev` when it has one (a new
/// document has none; CouchDB gives it `1-…`).
pub fn to_doc(record: &AnyRecord, rev: Option<&str>) -> Doc {
    let mut doc = Doc::new();
    doc.insert("_id".into(), json!(doc_id(record.uuid())));
    if let Some(rev) = rev {
        doc.insert("_rev".into(), json!(rev));
    }
    doc.insert(KIND_FIELD.into(), json!(kind_name(record.kind())));
    doc.insert(SCHEMA_FIELD.into(), json!(SCHEMA_VERSION));
    for (name, value) in record.to_fields() {
        // No record field starts with `_` or is one of ours (tested for
        // every kind); skipping them keeps a bad one from breaking a doc.
        if !name.starts_with('_') && !META_FIELDS.contains(&name.as_str()) {
            doc.insert(name, value);
        }
    }
    doc
}

/// The tombstone that deletes the record `key` on revision `rev`. It keeps
/// the kind, so the other side knows what to delete.
pub fn deleted_doc(key: RecordKey, rev: &str) -> Doc {
    let mut doc = Doc::new();
    doc.insert("_id".into(), json!(doc_id(key.id)));
    doc.insert("_rev".into(), json!(rev));
    doc.insert("_deleted".into(), json!(true));
    doc.insert(KIND_FIELD.into(), json!(kind_name(key.kind)));
    doc.insert(SCHEMA_FIELD.into(), json!(SCHEMA_VERSION));
    doc
}

/// The tombstone that closes the leaf `rev` of a conflict: a losing live
/// leaf, or a deleted leaf (delete vs edit) whose deletion a person
/// decided against. Written on that leaf's revision, so the leaf it
/// replaces carries the mark.
pub fn closing_tombstone(key: RecordKey, rev: &str) -> Doc {
    let mut doc = deleted_doc(key, rev);
    doc.insert(CLOSED_FIELD.into(), json!(true));
    doc
}

/// A document received from the server, read.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteDoc {
    pub key: RecordKey,
    /// The revision this body is (for a document as `allDocs` or the
    /// changes feed give it: the winning one).
    pub rev: Rev,
    /// A tombstone: the record was deleted.
    pub deleted: bool,
    /// The record, for a document that is not deleted.
    pub record: Option<AnyRecord>,
    /// `_conflicts`: the other leaves that are not deleted (PouchDB gives
    /// them with `conflicts: true`).
    pub conflicts: Vec<Rev>,
    /// `_deleted_conflicts`: deleted leaves beside a live winner
    /// (PouchDB: `deleted_conflicts: true`). Every resolved conflict
    /// leaves some (closed, [`CLOSED_FIELD`]); one that is not closed is
    /// a deletion concurrent with an edit.
    pub deleted_conflicts: Vec<Rev>,
    /// A tombstone written to close a conflict ([`CLOSED_FIELD`]).
    pub closed: bool,
}

impl RemoteDoc {
    /// Whether the document has other live leaves: a conflict for sure.
    pub fn in_conflict(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// Whether the leaves' bodies must be read to know: other live leaves,
    /// or deleted ones that may be an undecided deletion.
    pub fn may_be_in_conflict(&self) -> bool {
        !self.deleted && (!self.conflicts.is_empty() || !self.deleted_conflicts.is_empty())
    }

    /// Every other leaf (live and deleted), whose bodies
    /// [`conflict_from_revisions`](super::conflicts::conflict_from_revisions)
    /// needs (PouchDB: `get(id, { open_revs })`).
    pub fn other_leaves(&self) -> Vec<Rev> {
        self.conflicts
            .iter()
            .chain(&self.deleted_conflicts)
            .cloned()
            .collect()
    }
}

/// Why a received document is not taken. The UI says what to do per
/// variant; the bridge skips [`DocRefusal::NotARecord`] silently.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocRefusal {
    /// Written by a newer app: "update the app". Never decoded lossy, and
    /// never overwritten by this device.
    #[error("document {id} has record schema {schema}; this app reads up to {SCHEMA_VERSION}")]
    NewerSchema { id: String, schema: u32 },
    /// A kind this app does not know (a newer app's, or a foreign doc).
    #[error("document {id} has an unknown record kind {kind:?}")]
    UnknownKind { id: String, kind: String },
    /// A field is missing or has the wrong type; `path` names it like a
    /// backup's error does (`dependencies[0].lag_days`, `_rev`).
    #[error("document {id}: {path}: {message}")]
    Malformed {
        id: String,
        path: String,
        message: String,
    },
    /// Not one of ours: a design document (`_design/…`), a checkpoint
    /// (`_local/…`), a document whose id is no record id as this app writes
    /// it (hyphenated, lower case), or a tombstone of a record this device
    /// cannot have (unknown id or kind).
    #[error("document {id} is not a record")]
    NotARecord { id: String },
}

impl DocRefusal {
    /// The document id it is about.
    pub fn id(&self) -> &str {
        match self {
            DocRefusal::NewerSchema { id, .. }
            | DocRefusal::UnknownKind { id, .. }
            | DocRefusal::Malformed { id, .. }
            | DocRefusal::NotARecord { id } => id,
        }
    }
}

/// Reads a received document. See [`from_doc_known`] for tombstones that
/// lost their kind.
pub fn from_doc(doc: &Value) -> Result<RemoteDoc, DocRefusal> {
    from_doc_known(doc, |_| None)
}

/// Reads a received document; `known_kind` names the kind of a record
/// this device has, for a tombstone without [`KIND_FIELD`] (a stock
/// client's `db.remove(doc)` keeps only `_id`, `_rev` and `_deleted`). A
/// tombstone of a record nobody here knows is [`DocRefusal::NotARecord`]:
/// there is nothing to delete.
pub fn from_doc_known(
    doc: &Value,
    known_kind: impl Fn(Uuid) -> Option<RecordKind>,
) -> Result<RemoteDoc, DocRefusal> {
    let Some(object) = doc.as_object() else {
        return Err(malformed("", "", "a document must be a JSON object"));
    };
    let id = match object.get("_id") {
        Some(Value::String(id)) => id.clone(),
        _ => return Err(malformed("", "_id", "the document id is missing")),
    };
    let not_a_record = || DocRefusal::NotARecord { id: id.clone() };
    if id.starts_with("_design/") || id.starts_with("_local/") {
        return Err(not_a_record());
    }
    // Only the spelling `doc_id` writes: an upper-case or unhyphenated id
    // would be a second document for the same record.
    let uuid = Uuid::parse_str(&id)
        .ok()
        .filter(|uuid| doc_id(*uuid) == id)
        .ok_or_else(not_a_record)?;
    let rev = match object.get("_rev") {
        Some(Value::String(text)) => Rev::parse(text),
        _ => None,
    }
    .ok_or_else(|| malformed(&id, "_rev", "not a revision (N-hash)"))?;
    let deleted = object.get("_deleted") == Some(&Value::Bool(true));
    let conflicts = revs_at(object, &id, "_conflicts")?;
    let deleted_conflicts = revs_at(object, &id, "_deleted_conflicts")?;
    let closed = object.get(CLOSED_FIELD) == Some(&Value::Bool(true));

    let kind = match object.get(KIND_FIELD) {
        // A deleted record of a kind this app does not know: nothing here
        // to delete.
        Some(Value::String(name)) if deleted && kind_from_name(name).is_none() => {
            return Err(not_a_record())
        }
        Some(Value::String(name)) => {
            kind_from_name(name).ok_or_else(|| DocRefusal::UnknownKind {
                id: id.clone(),
                kind: name.clone(),
            })?
        }
        None if deleted => known_kind(uuid).ok_or_else(not_a_record)?,
        _ => return Err(malformed(&id, KIND_FIELD, "the record kind is missing")),
    };
    let key = RecordKey { kind, id: uuid };
    let remote = |record| RemoteDoc {
        key,
        rev: rev.clone(),
        deleted,
        record,
        conflicts: conflicts.clone(),
        deleted_conflicts: deleted_conflicts.clone(),
        closed,
    };
    // A deletion means the same in every schema.
    if deleted {
        return Ok(remote(None));
    }
    let schema = match object.get(SCHEMA_FIELD).map(Value::as_u64) {
        Some(Some(n)) => n,
        _ => {
            return Err(malformed(
                &id,
                SCHEMA_FIELD,
                "the schema version is missing",
            ))
        }
    };
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(DocRefusal::NewerSchema {
            id,
            schema: u32::try_from(schema).unwrap_or(u32::MAX),
        });
    }
    if schema < u64::from(OLDEST_VERSION) {
        return Err(malformed(&id, SCHEMA_FIELD, "no such schema version"));
    }
    let fields = record_fields(object, kind, schema as u32, &id)?;
    if fields
        .get("id")
        .and_then(Value::as_str)
        .map(Uuid::parse_str)
        != Some(Ok(uuid))
    {
        return Err(malformed(
            &id,
            "id",
            "the record id differs from the document id",
        ));
    }
    let record = decode(kind, fields, &id)?;
    Ok(remote(Some(record)))
}

/// The record's fields of a document, migrated to [`SCHEMA_VERSION`].
fn record_fields(
    object: &Doc,
    kind: RecordKind,
    schema: u32,
    id: &str,
) -> Result<Fields, DocRefusal> {
    let fields: Fields = object
        .iter()
        .filter(|(name, _)| !name.starts_with('_') && !META_FIELDS.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    if schema == SCHEMA_VERSION {
        return Ok(fields);
    }
    // The backup's migrations work on whole envelopes; one record in its
    // kind's list is such an envelope.
    let list = backup_list(kind);
    let envelope = json!({ "format_version": schema, "data": { list: [fields] } });
    let prefix = format!("{list}[0].");
    let mut migrated = migrate::migrate(envelope, schema, SCHEMA_VERSION).map_err(|e| {
        let path = e.path.strip_prefix(&prefix).unwrap_or(&e.path).to_owned();
        malformed(id, &path, &e.problem.to_string())
    })?;
    match migrated
        .get_mut("data")
        .and_then(|d| d.get_mut(list))
        .and_then(|l| l.get_mut(0))
        .map(Value::take)
    {
        Some(Value::Object(fields)) => Ok(fields),
        _ => Err(malformed(id, "", "the record could not be upgraded")),
    }
}

/// The record from its fields, or the path and message of what is wrong.
fn decode(kind: RecordKind, fields: Fields, id: &str) -> Result<AnyRecord, DocRefusal> {
    let value = Value::Object(fields);
    let attempt = |value: &Value| match value {
        Value::Object(f) => AnyRecord::from_fields(kind, f.clone())
            .map(|_| ())
            .map_err(|e| fields::message_without_position(&e)),
        _ => Err(String::new()),
    };
    let Value::Object(fields) = &value else {
        unreachable!("built as an object")
    };
    AnyRecord::from_fields(kind, fields.clone()).map_err(|error| {
        let message = fields::message_without_position(&error);
        let path = crate::exchange::json_path::locate(&value, &message, attempt);
        malformed(id, &path, &message)
    })
}

/// The revisions listed in `field` (none when absent).
fn revs_at(object: &Doc, id: &str, field: &str) -> Result<Vec<Rev>, DocRefusal> {
    let Some(value) = object.get(field) else {
        return Ok(Vec::new());
    };
    let Some(list) = value.as_array() else {
        return Err(malformed(id, field, "a list of revisions expected"));
    };
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_str()
                .and_then(Rev::parse)
                .ok_or_else(|| malformed(id, &format!("{field}[{i}]"), "not a revision (N-hash)"))
        })
        .collect()
}

fn malformed(id: &str, path: &str, message: &str) -> DocRefusal {
    DocRefusal::Malformed {
        id: id.to_owned(),
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

/// Whether this device may write over the document `doc` as it is on the
/// server: not when a newer app wrote it (its schema is newer), so a
/// record of a newer schema is never overwritten with less than it holds.
pub fn may_overwrite(doc: &Value) -> bool {
    doc.get(SCHEMA_FIELD)
        .and_then(Value::as_u64)
        .is_none_or(|schema| schema <= u64::from(SCHEMA_VERSION))
}
