//! The app's changes out: each change set the store wrote becomes the
//! documents to put into the local PouchDB database, which replicates them.
//!
//! A put or patch becomes the record's whole document on the revision this
//! device last saw of it (CouchDB stores documents whole; the field merge
//! happens when two revisions conflict, [`super::merge`]). A delete (or a
//! record set aside) becomes a tombstone, but only for a record the server
//! knows (one with a revision): a record that never left the device has
//! nothing to delete.
//!
//! An import or restore on one device must reach the others as a normal
//! set of edits, never as a wipe: [`docs_for_replacement`] compares the data
//! before and after and writes only the records that differ.

use std::collections::HashSet;

use serde_json::Value;

use super::doc::{deleted_doc, from_doc, may_overwrite, to_doc, Doc};
use crate::domain::Dataset;
use crate::store::change::{all_records, find};
use crate::store::{Change, ChangeSet, RecordKey};

/// The documents for a written change set, with `data_after` the data
/// with the set applied and `revs` the revision this device knows of each
/// record's document (`None`: not on the server yet).
pub fn docs_for(
    changes: &ChangeSet,
    data_after: &Dataset,
    revs: &impl Fn(&RecordKey) -> Option<String>,
) -> Vec<Doc> {
    changes
        .keys()
        .into_iter()
        .filter_map(|key| doc_for(key, data_after, revs))
        .collect()
}

fn doc_for(
    key: RecordKey,
    data: &Dataset,
    revs: &impl Fn(&RecordKey) -> Option<String>,
) -> Option<Doc> {
    let rev = revs(&key);
    match find(data, key) {
        Some(record) => Some(to_doc(&record, rev.as_deref())),
        None => rev.map(|rev| deleted_doc(key, &rev)),
    }
}

/// The documents for a written change set, each built on the document as
/// the local PouchDB has it *now* (`current`, `None` for a record it does
/// not have), so a document that replication changed since the app last
/// saw it is not overwritten whole:
///
/// - a patch puts its fields onto the current document's record, so the
///   fields another device changed meanwhile keep their values (a field
///   both changed takes this device's value: the person's edit is the
///   one being written; concurrent edits made apart arrive as revisions,
///   see [`super::conflicts`]);
/// - a put (a new record, an import) writes the record as `data_after`
///   has it, on the current revision;
/// - a delete is a tombstone on the current revision, if there is one.
///
/// A document of a newer schema is never written over
/// ([`super::doc::may_overwrite`]); nor is one that already holds the
/// same record ([`same_record`]), so received records are not echoed.
pub fn docs_for_current(
    changes: &ChangeSet,
    data_after: &Dataset,
    current: &impl Fn(&RecordKey) -> Option<Value>,
) -> Vec<Doc> {
    let mut docs = Vec::new();
    for key in changes.keys() {
        let stored = current(&key);
        if stored.as_ref().is_some_and(|d| !may_overwrite(d)) {
            continue;
        }
        let rev = stored
            .as_ref()
            .and_then(|d| d.get("_rev"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let stored_record = stored
            .as_ref()
            .and_then(|d| from_doc(d).ok())
            .and_then(|remote| remote.record);
        let patches: Vec<&Change> = changes.changes.iter().filter(|c| c.key() == key).collect();
        let only_patches = patches.iter().all(|c| matches!(c, Change::Patch { .. }));
        let doc = match (find(data_after, key), stored_record) {
            (Some(_), Some(base)) if only_patches => {
                let mut record = base;
                for change in patches {
                    if let Change::Patch {
                        fields, updated, ..
                    } = change
                    {
                        let mut wanted = fields.clone();
                        // This device's value wins a field both changed.
                        let now = record.to_fields();
                        for change in &mut wanted {
                            change.before = now.get(&change.field).cloned().unwrap_or(Value::Null);
                        }
                        if let Some((patched, _)) = record.patched(&wanted, *updated) {
                            record = patched;
                        }
                    }
                }
                to_doc(&record, rev.as_deref())
            }
            (Some(record), _) => to_doc(&record, rev.as_deref()),
            (None, _) => match rev {
                Some(rev) if !is_deleted(stored.as_ref()) => deleted_doc(key, &rev),
                _ => continue,
            },
        };
        if stored.as_ref().is_some_and(|d| same_record(&doc, d)) {
            continue;
        }
        docs.push(doc);
    }
    docs
}

fn is_deleted(doc: Option<&Value>) -> bool {
    doc.and_then(|d| d.get("_deleted")) == Some(&Value::Bool(true))
}

/// The documents that take the server from `before` to `after` (an
/// import or restore replaced the data): a put for each record that is
/// new or differs, a tombstone for each record that is gone; nothing for
/// the records that are the same.
pub fn docs_for_replacement(
    before: &Dataset,
    after: &Dataset,
    revs: &impl Fn(&RecordKey) -> Option<String>,
) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut present: HashSet<RecordKey> = HashSet::new();
    for record in all_records(after) {
        let key = record.key();
        present.insert(key);
        if find(before, key).as_ref() != Some(&record) {
            docs.push(to_doc(&record, revs(&key).as_deref()));
        }
    }
    for record in all_records(before) {
        let key = record.key();
        if !present.contains(&key) {
            if let Some(rev) = revs(&key) {
                docs.push(deleted_doc(key, &rev));
            }
        }
    }
    docs
}

/// Whether `doc` (about to be written) holds the same record as `stored`
/// (the document as the local PouchDB has it): then writing it would only
/// make a new revision of the same content, which every device would
/// receive and echo back. Compares everything but the `_` fields.
pub fn same_record(doc: &Doc, stored: &Value) -> bool {
    let Some(stored) = stored.as_object() else {
        return false;
    };
    let ours = doc.iter().filter(|(name, _)| !name.starts_with('_'));
    let theirs = stored.iter().filter(|(name, _)| !name.starts_with('_'));
    let deleted = |d: &Doc| d.get("_deleted") == Some(&Value::Bool(true));
    deleted(doc) == deleted(stored) && ours.eq(theirs)
}
