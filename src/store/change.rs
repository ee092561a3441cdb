//! Changes: what one user action does to the stored records. A command
//! produces a [`ChangeSet`]; the state applies it in memory, the store writes
//! it in one transaction, and its inverse is the undo step.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{
    Appointment, Communication, Contact, Dataset, Material, Project, Record, RecordKind, Step,
    TimeEntry,
};

/// One record of any kind, as the store writes it.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// Insert or overwrite the record with its id.
    Put(AnyRecord),
    /// Remove the record; removing a missing record is not an error.
    Delete(RecordKey),
}

impl Change {
    pub fn key(&self) -> RecordKey {
        match self {
            Change::Put(record) => record.key(),
            Change::Delete(key) => *key,
        }
    }
}

/// The changes of one user action. Written in one transaction, so either
/// all of them are stored or none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
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
    pub fn apply_to(&self, data: &mut Dataset) {
        for change in &self.changes {
            match change {
                Change::Put(record) => put(data, record.clone()),
                Change::Delete(key) => delete(data, *key),
            }
        }
    }

    /// The set that undoes this one, given the dataset as it was before.
    pub fn inverse(&self, before: &Dataset) -> ChangeSet {
        let mut inverse = ChangeSet::new();
        for key in self.keys().into_iter().rev() {
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
    fn by_id<T: Record + Clone>(list: &[T], id: Uuid) -> Option<T> {
        list.iter().find(|r| r.uuid() == id).cloned()
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

fn upsert<T: Record>(list: &mut Vec<T>, record: T) {
    match list.iter_mut().find(|r| r.uuid() == record.uuid()) {
        Some(slot) => *slot = record,
        None => list.push(record),
    }
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
    fn remove<T: Record>(list: &mut Vec<T>, id: Uuid) {
        list.retain(|r| r.uuid() != id);
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
