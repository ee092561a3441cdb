//! Conflicts: a record two devices changed while apart. CouchDB keeps both
//! revisions as leaves and every peer shows the same winner
//! ([`super::rev::winner`]); nothing is lost, but until someone decides,
//! the loser's changes are invisible. The conflicts list in Settings shows
//! each such record with its versions field by field; a decision is
//! written as a normal edit, so it replicates and the other device sees
//! the conflict resolved too:
//!
//! - the chosen fields are put on the *winner's* revision (a child of it);
//! - every other leaf gets a closing tombstone on its revision
//!   ([`doc::closing_tombstone`]): a live loser is deleted, and a deleted
//!   leaf (one side deleted the record while the other edited it) is
//!   marked as decided. CouchDB keeps deleted leaves forever and lists
//!   them in `_deleted_conflicts`; the mark tells a decided one from a
//!   deletion nobody has looked at yet;
//! - deleting the record instead puts a tombstone on the winner (and
//!   closes the other leaves the same way).

use serde_json::Value;

use super::doc::{self, closing_tombstone, deleted_doc, to_doc, Doc, RemoteDoc};
use super::merge::{keep_whole, merge_fields, Merge, Side};
use super::rev::Rev;
use crate::domain::fields::Fields;
use crate::store::{AnyRecord, RecordKey};

/// A record in conflict, as the conflicts list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub key: RecordKey,
    /// The record's title or name (of the winner, or of the first live
    /// version).
    pub label: String,
    /// The version every device shows now.
    pub winner: Version,
    /// The conflicting leaves (live ones and not yet decided deletions).
    pub others: Vec<Version>,
    /// The common ancestor's fields, when the bridge could still read its
    /// body (PouchDB keeps old bodies until compaction).
    pub ancestor: Option<Fields>,
}

/// One version of a record in conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub rev: Rev,
    /// The record's fields; empty for a deletion.
    pub fields: Fields,
    pub deleted: bool,
}

impl Version {
    fn of(remote: &RemoteDoc) -> Version {
        Version {
            rev: remote.rev.clone(),
            fields: remote
                .record
                .as_ref()
                .map(AnyRecord::to_fields)
                .unwrap_or_default(),
            deleted: remote.deleted,
        }
    }
}

/// What a decision writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub key: RecordKey,
    /// The document to put: the chosen record on the winner's `_rev` (or,
    /// for "delete", the winner's tombstone).
    pub put: Doc,
    /// The other leaves, each to get a closing tombstone on its revision
    /// ([`Resolution::tombstones`]): the losing live ones and the
    /// deletions decided about.
    pub delete: Vec<Rev>,
    /// What the app's own store takes: the record, or `None` when the
    /// decision deletes it.
    pub record: Option<AnyRecord>,
}

impl Resolution {
    /// The tombstones for the losing leaves, ready for `bulkDocs`.
    pub fn tombstones(&self) -> Vec<Doc> {
        self.delete
            .iter()
            .map(|rev| closing_tombstone(self.key, &rev.to_string()))
            .collect()
    }

    /// Every document to write, the put first.
    pub fn docs(&self) -> Vec<Doc> {
        std::iter::once(self.put.clone())
            .chain(self.tombstones())
            .collect()
    }
}

/// Why a chosen set of fields cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolutionError {
    /// The fields do not make a record of the conflict's kind (a UI bug:
    /// choices only ever combine fields of valid versions).
    #[error("the chosen fields are not a record: {message}")]
    NotARecord { message: String },
}

/// The conflict of a document, given its winning revision (read with
/// `conflicts: true` and `deleted_conflicts: true`), the bodies of the
/// conflicting leaves it names, and the common ancestor's body when
/// available (any document body; its schema is migrated like any other).
/// `None` when there is nothing to decide: no other live leaf and no
/// undecided deletion, or the winner itself is deleted (then every leaf
/// is, and the record is gone everywhere).
pub fn conflict_from_revisions(
    winner: &RemoteDoc,
    others: &[RemoteDoc],
    ancestor: Option<&Value>,
) -> Option<Conflict> {
    if winner.deleted {
        return None;
    }
    let others: Vec<Version> = others
        .iter()
        .filter(|o| o.key == winner.key && o.rev != winner.rev)
        .filter(|o| !(o.deleted && o.closed))
        .map(Version::of)
        .collect();
    if others.is_empty() {
        return None;
    }
    let ancestor = ancestor
        .and_then(|body| doc::from_doc(body).ok())
        .and_then(|remote| remote.record)
        .map(|record| record.to_fields());
    Some(Conflict {
        key: winner.key,
        label: winner
            .record
            .as_ref()
            .map(AnyRecord::label)
            .unwrap_or_default(),
        winner: Version::of(winner),
        others,
        ancestor,
    })
}

impl Conflict {
    /// Merges the winner with every other live version in turn (ours = the
    /// winner). A deletion among the others makes it a person's decision
    /// with nothing to pick per field (`Conflicting` without choices):
    /// keep the edit or the deletion ([`Conflict::keep`]). With several
    /// other versions, the first that conflicts is the one shown.
    pub fn merge(&self) -> Merge {
        if self.others.iter().any(|o| o.deleted) {
            // Not a field merge: one side wants the record gone. Present
            // every field of the winner as the edit against nothing.
            return Merge::Conflicting {
                merged: self.winner.fields.clone(),
                fields: Vec::new(),
            };
        }
        let mut merged = self.winner.fields.clone();
        let mut from_theirs = Vec::new();
        let mut from_ours = Vec::new();
        for other in &self.others {
            match merge_fields(self.ancestor.as_ref(), &merged, &other.fields) {
                Merge::Same => {}
                Merge::Merged {
                    fields,
                    taken_from_theirs,
                    taken_from_ours,
                } => {
                    merged = fields;
                    from_theirs.extend(taken_from_theirs);
                    from_ours.extend(taken_from_ours);
                }
                conflicting @ Merge::Conflicting { .. } => return conflicting,
            }
        }
        if from_theirs.is_empty() && from_ours.is_empty() {
            Merge::Same
        } else {
            Merge::Merged {
                fields: merged,
                taken_from_theirs: from_theirs,
                taken_from_ours: from_ours,
            }
        }
    }

    /// The resolution that keeps one whole version: `Ours` is the winner
    /// (the version every device shows), `Theirs` the first other one. In
    /// a delete-vs-edit conflict the winner is always the edit (a live
    /// leaf beats a deleted one), so `Theirs` deletes the record.
    pub fn keep(&self, side: Side) -> Result<Resolution, ResolutionError> {
        let Some(other) = self.others.first() else {
            return resolution(self, self.winner.fields.clone());
        };
        if side == Side::Theirs && other.deleted {
            return Ok(deletion(self));
        }
        resolution(self, keep_whole(side, &self.winner.fields, &other.fields))
    }

    /// Whether one side deleted the record while the other edited it.
    pub fn is_delete_vs_edit(&self) -> bool {
        self.others.iter().any(|o| o.deleted)
    }
}

/// The resolution nobody has to decide: every difference came from one
/// side only (or there is none). `None` when a field was changed
/// differently on both sides, or one side deleted the record.
pub fn auto_merge(conflict: &Conflict) -> Option<Resolution> {
    if conflict.is_delete_vs_edit() {
        return None;
    }
    let fields = match conflict.merge() {
        Merge::Same => conflict.winner.fields.clone(),
        Merge::Merged { fields, .. } => fields,
        Merge::Conflicting { .. } => return None,
    };
    resolution(conflict, fields).ok()
}

/// The resolution that keeps `fields` (merged, picked per field, or one
/// whole version): put on the winner's revision, the other leaves closed.
/// No fields at all in a delete-vs-edit conflict is the deleted version
/// kept: the record is deleted ([`deletion`]).
pub fn resolution(conflict: &Conflict, fields: Fields) -> Result<Resolution, ResolutionError> {
    if fields.is_empty() && conflict.is_delete_vs_edit() {
        return Ok(deletion(conflict));
    }
    let record = AnyRecord::from_fields(conflict.key.kind, fields).map_err(|e| {
        ResolutionError::NotARecord {
            message: crate::domain::fields::message_without_position(&e),
        }
    })?;
    Ok(Resolution {
        key: conflict.key,
        put: to_doc(&record, Some(&conflict.winner.rev.to_string())),
        delete: other_leaves(conflict),
        record: Some(record),
    })
}

/// The resolution that deletes the record: a tombstone on the winner, the
/// other leaves closed.
pub fn deletion(conflict: &Conflict) -> Resolution {
    Resolution {
        key: conflict.key,
        put: deleted_doc(conflict.key, &conflict.winner.rev.to_string()),
        delete: other_leaves(conflict),
        record: None,
    }
}

fn other_leaves(conflict: &Conflict) -> Vec<Rev> {
    conflict.others.iter().map(|o| o.rev.clone()).collect()
}
