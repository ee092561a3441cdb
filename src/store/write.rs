//! How a change set is written: the one rule every store follows inside
//! the transaction that writes it. The store reads the current stored data,
//! [`plan_write`] applies the changes to it (patches onto the stored
//! records, field by field), checks the preconditions of undo and redo and
//! the domain rules, and returns exactly the records to write, or a
//! [`Refusal`]. Because the read, the check and the write are one
//! transaction (and IndexedDB runs overlapping read-write transactions one
//! after the other, across tabs), no interleaving of tabs can store a
//! broken reference or lose a field another tab changed.

use super::change::find;
use super::set_aside::SetAsideRecord;
use super::{AnyRecord, Change, ChangeSet, RecordKey};
use crate::domain::fields::FieldConflict;
use crate::domain::{added_errors, Dataset, ValidationError};

/// What became of a written change set.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// Stored. `conflicts` lists the fields another tab had changed
    /// meanwhile: they keep the other tab's value, ours is reported.
    Written { conflicts: Vec<RecordConflict> },
    /// Nothing was stored.
    Refused(Refusal),
}

impl Applied {
    /// Stored without conflicts.
    pub const CLEAN: Applied = Applied::Written {
        conflicts: Vec::new(),
    };

    pub fn is_written(&self) -> bool {
        matches!(self, Applied::Written { .. })
    }
}

/// Why a change set was not stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// It would break rules that the stored data did not break before (a
    /// step of a project that another tab has just deleted).
    Invalid(Vec<ValidationError>),
    /// It changes records that no longer exist.
    Gone(Vec<RecordKey>),
    /// An undo or redo whose records were changed elsewhere since.
    Stale(Vec<RecordKey>),
}

/// The fields of one record whose change lost against another tab's.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordConflict {
    pub key: RecordKey,
    /// The record's label as stored now.
    pub label: String,
    pub fields: Vec<FieldConflict>,
}

/// What to write for a change set.
#[derive(Debug, Clone, PartialEq)]
pub struct WritePlan {
    /// Each touched record's new state: put it, or delete it (`None`).
    pub writes: Vec<(RecordKey, Option<AnyRecord>)>,
    /// Records to keep in the set-aside store.
    pub set_aside: Vec<SetAsideRecord>,
    pub conflicts: Vec<RecordConflict>,
}

/// Applies `changes` to `current` (the stored data) and decides what to
/// write. Refuses, writing nothing, if a precondition does not hold, a
/// patched record is gone, or the result breaks a rule that `current` did
/// not already break.
pub fn plan_write(current: &Dataset, changes: &ChangeSet) -> Result<WritePlan, Refusal> {
    let stale = changes.unmet_expectations(current);
    if !stale.is_empty() {
        return Err(Refusal::Stale(stale));
    }
    let mut next = current.clone();
    let mut conflicts: Vec<RecordConflict> = Vec::new();
    let mut gone = Vec::new();
    let mut set_aside = Vec::new();
    for change in &changes.changes {
        match change {
            Change::Patch {
                key,
                fields,
                updated,
            } => {
                let Some(stored) = find(&next, *key) else {
                    gone.push(*key);
                    continue;
                };
                let Some((patched, lost)) = stored.patched(fields, *updated) else {
                    // A patch that makes the record unreadable changes
                    // nothing; the rule check below cannot see it.
                    gone.push(*key);
                    continue;
                };
                if !lost.is_empty() {
                    conflicts.push(RecordConflict {
                        key: *key,
                        label: patched.label(),
                        fields: lost,
                    });
                }
                ChangeSet::new().put(patched).apply_to(&mut next);
            }
            Change::SetAside { key, reason, at } => {
                if let Some(record) = find(&next, *key) {
                    set_aside.push(SetAsideRecord::of_record(&record, reason.clone(), *at));
                }
                ChangeSet::of(vec![change.clone()]).apply_to(&mut next);
            }
            Change::Put(_) | Change::Delete(_) => {
                ChangeSet::of(vec![change.clone()]).apply_to(&mut next);
            }
        }
    }
    if !gone.is_empty() {
        return Err(Refusal::Gone(gone));
    }
    // A full check of the whole dataset, before and after: simple and
    // obviously right. Issue 9 makes it incremental (only the records the
    // change touches and those that point to them).
    let added = added_errors(current, &next);
    if !added.is_empty() {
        return Err(Refusal::Invalid(added));
    }
    let writes = changes
        .keys()
        .into_iter()
        .map(|key| (key, find(&next, key)))
        .collect();
    Ok(WritePlan {
        writes,
        set_aside,
        conflicts,
    })
}
