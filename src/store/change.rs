//! Changes: what one user action does to the stored records. A command
//! produces a [`ChangeSet`]; the state applies it in memory, the store writes
//! it in one transaction, and its inverse is the undo step.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::fields::{self, FieldChange, Fields, BOOKKEEPING};
use crate::domain::{
    Appointment, Communication, Contact, Dataset, Material, Project, Record, RecordKind, Records,
    Step, TimeEntry,
};

use super::set_aside::SetAsideReason;

/// One record of any kind, as the store writes it.
///
/// A contact keeps everything its vCard had and is larger than the other
/// kinds; boxing it would change every match on this enum for a few hundred
/// bytes per record in a change set.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum AnyRecord {
    Project(Project),
    Step(Step),
    Material(Material),
    Contact(Contact),
    Communication(Communication),
    Appointment(Appointment),
    TimeEntry(TimeEntry),
}

/// Runs `$body` with `$r` bound to the inner record, whatever its kind.
macro_rules! with_record {
    ($any:expr, |$r:ident| $body:expr) => {
        match $any {
            AnyRecord::Project($r) => $body,
            AnyRecord::Step($r) => $body,
            AnyRecord::Material($r) => $body,
            AnyRecord::Contact($r) => $body,
            AnyRecord::Communication($r) => $body,
            AnyRecord::Appointment($r) => $body,
            AnyRecord::TimeEntry($r) => $body,
        }
    };
}

impl AnyRecord {
    /// The records this one points to (its project, predecessors, step,
    /// contacts, …): what the rules about its links look up.
    pub fn links(&self) -> Vec<RecordKey> {
        let key = |kind, id| RecordKey { kind, id };
        let project = |id: crate::domain::ProjectId| key(RecordKind::Project, id.0);
        let contact = |id: crate::domain::ContactId| key(RecordKind::Contact, id.0);
        let step = |id: crate::domain::StepId| key(RecordKind::Step, id.0);
        match self {
            AnyRecord::Project(p) => p.client.map(contact).into_iter().collect(),
            AnyRecord::Step(s) => std::iter::once(project(s.project))
                .chain(s.assignee.contact().map(contact))
                .chain(s.predecessors().map(step))
                .collect(),
            AnyRecord::Material(m) => std::iter::once(project(m.project))
                .chain(m.step.map(step))
                .chain(m.supplier.map(contact))
                .collect(),
            AnyRecord::Contact(_) => Vec::new(),
            AnyRecord::Communication(c) => c
                .project
                .map(project)
                .into_iter()
                .chain(c.contact.map(contact))
                .collect(),
            AnyRecord::Appointment(a) => a
                .project
                .map(project)
                .into_iter()
                .chain(a.contacts.iter().copied().map(contact))
                .collect(),
            AnyRecord::TimeEntry(t) => std::iter::once(step(t.step))
                .chain(t.person.contact().map(contact))
                .collect(),
        }
    }

    pub fn kind(&self) -> RecordKind {
        with_record!(self, |r| record_kind(r))
    }

    pub fn uuid(&self) -> Uuid {
        with_record!(self, |r| r.uuid())
    }

    pub fn label(&self) -> String {
        with_record!(self, |r| r.label())
    }

    /// The same record marked as changed at `now` (and created then, if it
    /// is new), so that merges and other tabs know which version is newer.
    pub fn touched(mut self, now: chrono::DateTime<chrono::Utc>, is_new: bool) -> Self {
        with_record!(&mut self, |r| {
            r.updated = now;
            if is_new {
                r.created = now;
            }
        });
        self
    }

    /// The key the store files it under.
    pub fn key(&self) -> RecordKey {
        RecordKey {
            kind: self.kind(),
            id: self.uuid(),
        }
    }

    /// The record's fields, exactly as in a backup.
    pub fn to_fields(&self) -> Fields {
        with_record!(self, |r| fields::to_fields(r))
    }

    /// The record's content: its fields without the bookkeeping ones
    /// (`created`, `updated`). Two versions with equal content are "the
    /// same" for conflicts and for undo.
    pub fn content(&self) -> Fields {
        let mut fields = self.to_fields();
        for name in BOOKKEEPING {
            fields.remove(name);
        }
        fields
    }

    /// The record's JSON text, as stored and as in a backup.
    pub fn to_json(&self) -> String {
        with_record!(self, |r| serde_json::to_string(r).unwrap_or_default())
    }

    /// A record of `kind` from its fields; fails if a field has the wrong
    /// type or a required one is missing.
    pub fn from_fields(kind: RecordKind, fields: Fields) -> Result<AnyRecord, serde_json::Error> {
        Ok(match kind {
            RecordKind::Project => AnyRecord::Project(fields::from_fields(fields)?),
            RecordKind::Step => AnyRecord::Step(fields::from_fields(fields)?),
            RecordKind::Material => AnyRecord::Material(fields::from_fields(fields)?),
            RecordKind::Contact => AnyRecord::Contact(fields::from_fields(fields)?),
            RecordKind::Communication => AnyRecord::Communication(fields::from_fields(fields)?),
            RecordKind::Appointment => AnyRecord::Appointment(fields::from_fields(fields)?),
            RecordKind::TimeEntry => AnyRecord::TimeEntry(fields::from_fields(fields)?),
        })
    }

    /// A record of `kind` from its JSON text (as stored).
    pub fn from_json(kind: RecordKind, json: &str) -> Result<AnyRecord, serde_json::Error> {
        Ok(match kind {
            RecordKind::Project => AnyRecord::Project(serde_json::from_str(json)?),
            RecordKind::Step => AnyRecord::Step(serde_json::from_str(json)?),
            RecordKind::Material => AnyRecord::Material(serde_json::from_str(json)?),
            RecordKind::Contact => AnyRecord::Contact(serde_json::from_str(json)?),
            RecordKind::Communication => AnyRecord::Communication(serde_json::from_str(json)?),
            RecordKind::Appointment => AnyRecord::Appointment(serde_json::from_str(json)?),
            RecordKind::TimeEntry => AnyRecord::TimeEntry(serde_json::from_str(json)?),
        })
    }

    /// This record with `changes` put onto it (conflicting fields keep the
    /// record's value) and stamped `updated`, or `None` if the result is
    /// not a valid record of its kind.
    pub fn patched(
        &self,
        changes: &[FieldChange],
        updated: DateTime<Utc>,
    ) -> Option<(AnyRecord, Vec<fields::FieldConflict>)> {
        let mut current = self.to_fields();
        let conflicts = fields::apply(&mut current, changes);
        if conflicts.len() < changes.len() {
            current.insert(
                "updated".to_owned(),
                serde_json::to_value(updated).unwrap_or_default(),
            );
        }
        AnyRecord::from_fields(self.kind(), current)
            .ok()
            .map(|record| (record, conflicts))
    }
}

fn record_kind<R: Record>(_: &R) -> RecordKind {
    R::KIND
}

/// Kind and id: enough to find a record in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordKey {
    pub kind: RecordKind,
    pub id: Uuid,
}

/// A change to one record.
// Change sets are short-lived and small; boxing the record would only add
// noise at every construction.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// Insert or overwrite the record with its id. Used for new records
    /// (and by imports); an edit of an existing record travels as a
    /// [`Change::Patch`].
    Put(AnyRecord),
    /// Changes some fields of an existing record, applied to the record as
    /// it is stored when the change is written (never a whole record from
    /// a stale copy). A field somebody else changed meanwhile keeps their
    /// value and is reported as a conflict.
    Patch {
        key: RecordKey,
        fields: Vec<FieldChange>,
        /// The record's new `updated` stamp.
        updated: DateTime<Utc>,
    },
    /// Remove the record; removing a missing record is not an error.
    Delete(RecordKey),
    /// Moves the record out of the data into the set-aside store, where it
    /// is kept raw (repair of a record that breaks a rule).
    SetAside {
        key: RecordKey,
        reason: SetAsideReason,
        at: DateTime<Utc>,
    },
}

impl Change {
    pub fn key(&self) -> RecordKey {
        match self {
            Change::Put(record) => record.key(),
            Change::Patch { key, .. } | Change::SetAside { key, .. } => *key,
            Change::Delete(key) => *key,
        }
    }

    /// The same change from the other side: a patch from `after` back to
    /// `before`. Puts and deletes have no inverse without the old data
    /// (see [`ChangeSet::inverse`]).
    fn reversed_patch(&self) -> Option<Change> {
        match self {
            Change::Patch {
                key,
                fields,
                updated,
            } => Some(Change::Patch {
                key: *key,
                fields: fields
                    .iter()
                    .map(|f| FieldChange {
                        field: f.field.clone(),
                        before: f.after.clone(),
                        after: f.before.clone(),
                    })
                    .collect(),
                updated: *updated,
            }),
            _ => None,
        }
    }
}

/// What a record must look like in the store for a change set to be
/// written: the precondition of an undo or redo ("the record is still as
/// this tab left it").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expectation {
    pub key: RecordKey,
    /// The record's content (fields without bookkeeping), or `None` if it
    /// must not exist.
    pub content: Option<Fields>,
    /// Only the fields in `content` are compared (the record must exist);
    /// others may have been changed elsewhere meanwhile. For records this
    /// tab only patched.
    #[serde(default)]
    pub partial: bool,
}

impl Expectation {
    /// The expectation that `key` is as it is in `data`.
    pub fn as_in(data: &Dataset, key: RecordKey) -> Self {
        Expectation {
            key,
            content: find(data, key).map(|r| r.content()),
            partial: false,
        }
    }

    /// The expectation that the named fields of `key` are as in `data`.
    pub fn fields_as_in(data: &Dataset, key: RecordKey, names: &[String]) -> Self {
        let content = find(data, key).map(|r| {
            let all = r.to_fields();
            names
                .iter()
                .map(|n| (n.clone(), all.get(n).cloned().unwrap_or_default()))
                .collect()
        });
        Expectation {
            key,
            content,
            partial: true,
        }
    }

    /// Whether `data` meets it.
    pub fn holds(&self, data: &Dataset) -> bool {
        let now = find(data, self.key);
        match (&self.content, now) {
            (None, now) => now.is_none(),
            (Some(_), None) => false,
            (Some(want), Some(now)) if self.partial => {
                let now = now.to_fields();
                want.iter()
                    .all(|(name, value)| now.get(name).unwrap_or(&serde_json::Value::Null) == value)
            }
            (Some(want), Some(now)) => &now.content() == want,
        }
    }
}

/// The changes of one user action. Written in one transaction, so either
/// all of them are stored or none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
    /// Preconditions checked against the stored data in the same
    /// transaction; if one does not hold, nothing is written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<Expectation>,
}

impl ChangeSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(mut self, record: AnyRecord) -> Self {
        self.changes.push(Change::Put(record));
        self
    }

    pub fn delete(mut self, kind: RecordKind, id: Uuid) -> Self {
        self.changes.push(Change::Delete(RecordKey { kind, id }));
        self
    }

    /// A set of the given changes without preconditions.
    pub fn of(changes: Vec<Change>) -> Self {
        ChangeSet {
            changes,
            expect: Vec::new(),
        }
    }

    /// The preconditions that say "each touched record is as in `data`":
    /// for a record this set only patches, the patched fields; for any
    /// other, the whole record (or its absence).
    pub fn expectations_as_in(&self, data: &Dataset) -> Vec<Expectation> {
        self.keys()
            .into_iter()
            .map(|key| {
                let mut names: Vec<String> = Vec::new();
                for change in self.changes.iter().filter(|c| c.key() == key) {
                    match change {
                        Change::Patch { fields, .. } => {
                            names.extend(fields.iter().map(|f| f.field.clone()))
                        }
                        _ => return Expectation::as_in(data, key),
                    }
                }
                if find(data, key).is_none() {
                    return Expectation::as_in(data, key);
                }
                names.dedup();
                Expectation::fields_as_in(data, key, &names)
            })
            .collect()
    }

    /// The keys whose preconditions do not hold in `data`.
    pub fn unmet_expectations(&self, data: &Dataset) -> Vec<RecordKey> {
        self.expect
            .iter()
            .filter(|e| !e.holds(data))
            .map(|e| e.key)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The records this set touches, each once, in order.
    pub fn keys(&self) -> Vec<RecordKey> {
        let mut keys: Vec<RecordKey> = Vec::with_capacity(self.changes.len());
        for change in &self.changes {
            let key = change.key();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// Applies the changes to an in-memory dataset, in order. A put replaces
    /// the record with the same id in place (keeping the user's order) or
    /// appends a new one.
    ///
    /// A patch is put onto the record as it is in `data` (a field changed
    /// there meanwhile keeps its value); a patch of a missing record does
    /// nothing. A set-aside record leaves the data.
    pub fn apply_to(&self, data: &mut Dataset) {
        for change in &self.changes {
            match change {
                Change::Put(record) => put(data, record.clone()),
                Change::Patch {
                    key,
                    fields,
                    updated,
                } => {
                    let patched = find(data, *key).and_then(|r| r.patched(fields, *updated));
                    if let Some((record, _)) = patched {
                        put(data, record);
                    }
                }
                Change::Delete(key) | Change::SetAside { key, .. } => delete(data, *key),
            }
        }
    }

    /// The set that undoes this one, given the dataset as it was before: a
    /// patch is reversed field by field, a new record is deleted, a deleted
    /// (or set-aside) record is put back as it was.
    pub fn inverse(&self, before: &Dataset) -> ChangeSet {
        let mut inverse = ChangeSet::new();
        let only_patched = |key: RecordKey| {
            self.changes
                .iter()
                .filter(|c| c.key() == key)
                .all(|c| matches!(c, Change::Patch { .. }))
        };
        for key in self.keys().into_iter().rev() {
            if only_patched(key) && find(before, key).is_some() {
                let mut patches: Vec<Change> = self
                    .changes
                    .iter()
                    .filter(|c| c.key() == key)
                    .filter_map(Change::reversed_patch)
                    .collect();
                patches.reverse();
                inverse.changes.extend(patches);
                continue;
            }
            inverse.changes.push(match find(before, key) {
                Some(old) => Change::Put(old),
                None => Change::Delete(key),
            });
        }
        inverse
    }
}

/// The record with this key, as an [`AnyRecord`].
pub fn find(data: &Dataset, key: RecordKey) -> Option<AnyRecord> {
    fn by_id<T: Record + Clone>(list: &Records<T>, id: Uuid) -> Option<T> {
        list.by_id(id).cloned()
    }
    match key.kind {
        RecordKind::Project => by_id(&data.projects, key.id).map(AnyRecord::Project),
        RecordKind::Step => by_id(&data.steps, key.id).map(AnyRecord::Step),
        RecordKind::Material => by_id(&data.materials, key.id).map(AnyRecord::Material),
        RecordKind::Contact => by_id(&data.contacts, key.id).map(AnyRecord::Contact),
        RecordKind::Communication => {
            by_id(&data.communications, key.id).map(AnyRecord::Communication)
        }
        RecordKind::Appointment => by_id(&data.appointments, key.id).map(AnyRecord::Appointment),
        RecordKind::TimeEntry => by_id(&data.time_entries, key.id).map(AnyRecord::TimeEntry),
    }
}

/// Every record of a dataset, kind by kind.
pub fn all_records(data: &Dataset) -> impl Iterator<Item = AnyRecord> + '_ {
    let projects = data.projects.iter().cloned().map(AnyRecord::Project);
    let steps = data.steps.iter().cloned().map(AnyRecord::Step);
    let materials = data.materials.iter().cloned().map(AnyRecord::Material);
    let contacts = data.contacts.iter().cloned().map(AnyRecord::Contact);
    let communications = data
        .communications
        .iter()
        .cloned()
        .map(AnyRecord::Communication);
    let appointments = data
        .appointments
        .iter()
        .cloned()
        .map(AnyRecord::Appointment);
    let time_entries = data.time_entries.iter().cloned().map(AnyRecord::TimeEntry);
    projects
        .chain(steps)
        .chain(materials)
        .chain(contacts)
        .chain(communications)
        .chain(appointments)
        .chain(time_entries)
}

fn upsert<T: Record + PartialEq>(list: &mut Records<T>, record: T) {
    list.upsert(record);
}

fn put(data: &mut Dataset, record: AnyRecord) {
    match record {
        AnyRecord::Project(r) => upsert(&mut data.projects, r),
        AnyRecord::Step(r) => upsert(&mut data.steps, r),
        AnyRecord::Material(r) => upsert(&mut data.materials, r),
        AnyRecord::Contact(r) => upsert(&mut data.contacts, r),
        AnyRecord::Communication(r) => upsert(&mut data.communications, r),
        AnyRecord::Appointment(r) => upsert(&mut data.appointments, r),
        AnyRecord::TimeEntry(r) => upsert(&mut data.time_entries, r),
    }
}

fn delete(data: &mut Dataset, key: RecordKey) {
    fn remove<T: Record>(list: &mut Records<T>, id: Uuid) {
        list.remove_id(id);
    }
    match key.kind {
        RecordKind::Project => remove(&mut data.projects, key.id),
        RecordKind::Step => remove(&mut data.steps, key.id),
        RecordKind::Material => remove(&mut data.materials, key.id),
        RecordKind::Contact => remove(&mut data.contacts, key.id),
        RecordKind::Communication => remove(&mut data.communications, key.id),
        RecordKind::Appointment => remove(&mut data.appointments, key.id),
        RecordKind::TimeEntry => remove(&mut data.time_entries, key.id),
    }
}
