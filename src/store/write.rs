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
use crate::domain::{added_errors_in, Dataset, RecordKind, Touched, ValidationError};

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

/// The records a change set touches, as the domain's check names them.
pub fn touched(changes: &ChangeSet) -> Vec<Touched> {
    changes.keys().into_iter().map(|k| (k.kind, k.id)).collect()
}

/// What a store reads to write a change set: the records it touches (and
/// whose preconditions it checks), by key, and every record of the kinds
/// that may point to a touched record whose pointers can break (one that
/// is created, deleted or set aside, or a step whose project or
/// dependencies change; those also need all steps for the cycle check).
/// Everything else (the common edit of a date, a duration, a title) reads
/// only its own records. See [`targets`] for the second round.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadPlan {
    pub keys: Vec<RecordKey>,
    pub kinds: Vec<RecordKind>,
}

/// The first round of reads for `changes`.
pub fn reads_for(changes: &ChangeSet) -> ReadPlan {
    let mut plan = ReadPlan {
        keys: changes.keys(),
        kinds: Vec::new(),
    };
    for expectation in &changes.expect {
        if !plan.keys.contains(&expectation.key) {
            plan.keys.push(expectation.key);
        }
    }
    let mut need = |kinds: &[RecordKind]| {
        for kind in kinds {
            if !plan.kinds.contains(kind) {
                plan.kinds.push(*kind);
            }
        }
    };
    use RecordKind as K;
    for change in &changes.changes {
        let existence = !matches!(change, Change::Patch { .. });
        let kind = change.key().kind;
        match (kind, change) {
            (K::Project, _) if existence => {
                need(&[K::Step, K::Material, K::Communication, K::Appointment])
            }
            (K::Step, Change::Patch { fields, .. })
                if fields
                    .iter()
                    .any(|f| f.field == "project" || f.field == "dependencies") =>
            {
                need(&[K::Step, K::Material, K::TimeEntry])
            }
            (K::Step, Change::Patch { .. }) => {}
            (K::Step, _) => need(&[K::Step, K::Material, K::TimeEntry]),
            (K::Contact, _) if existence => need(&[
                K::Project,
                K::Step,
                K::Material,
                K::Communication,
                K::Appointment,
                K::TimeEntry,
            ]),
            _ => {}
        }
    }
    plan
}

/// The second round: the records the touched records point to, before and
/// after the change (a step's project, predecessors and assignee, a
/// material's step and supplier, …), which `current` (the first round's
/// records) may lack.
pub fn targets(current: &Dataset, changes: &ChangeSet) -> Vec<RecordKey> {
    let mut next = current.clone();
    changes.apply_to(&mut next);
    let mut keys: Vec<RecordKey> = Vec::new();
    for key in changes.keys() {
        for data in [current, &next] {
            if let Some(record) = find(data, key) {
                for target in record.links() {
                    if !keys.contains(&target) {
                        keys.push(target);
                    }
                }
            }
        }
    }
    keys
}

/// Applies `changes` to `current` (the stored data) and decides what to
/// write. Refuses, writing nothing, if a precondition does not hold, a
/// patched record is gone, or the result breaks a rule that `current` did
/// not already break. `current` may be only the records [`reads_for`] and
/// [`targets`] name.
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
    // Only the touched records and their neighbours are checked
    // (`domain::added_errors_in`): the same answer as a check of the whole
    // dataset, so `current` needs to hold only what `reads_for` and
    // `targets` name.
    let added = added_errors_in(current, &next, &touched(changes));
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

/// The records a store reads for `changes`, taken from `all`: what the
/// memory store hands [`plan_write`] (IndexedDB reads the same records from
/// its object stores), so native tests check the partial read too.
pub fn read_from(all: &Dataset, changes: &ChangeSet) -> Dataset {
    let plan = reads_for(changes);
    let mut part = Dataset::new();
    for kind in &plan.kinds {
        copy_kind(all, &mut part, *kind);
    }
    let take = |part: &mut Dataset, key: RecordKey| {
        if let Some(record) = find(all, key) {
            ChangeSet::new().put(record).apply_to(part);
        }
    };
    for key in plan.keys {
        take(&mut part, key);
    }
    for key in targets(&part, changes) {
        take(&mut part, key);
    }
    super::order::by_creation(&mut part);
    part
}

fn copy_kind(from: &Dataset, to: &mut Dataset, kind: RecordKind) {
    match kind {
        RecordKind::Project => to.projects = from.projects.clone(),
        RecordKind::Step => to.steps = from.steps.clone(),
        RecordKind::Material => to.materials = from.materials.clone(),
        RecordKind::Contact => to.contacts = from.contacts.clone(),
        RecordKind::Communication => to.communications = from.communications.clone(),
        RecordKind::Appointment => to.appointments = from.appointments.clone(),
        RecordKind::TimeEntry => to.time_entries = from.time_entries.clone(),
    }
}
