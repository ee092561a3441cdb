//! An in-memory [`Store`] for native tests of the state layer and of the
//! store contract itself. It behaves like the IndexedDB store: every method
//! is all-or-nothing, snapshots are capped at
//! [`SNAPSHOTS_KEPT`](super::SNAPSHOTS_KEPT), and a
//! write can be made to fail on purpose to test the error paths.

use std::cell::RefCell;

use uuid::Uuid;

use super::change::find;
use super::write::{plan_write, read_from};
use super::{
    order, retention, Applied, Change, ChangeSet, RecordKey, SetAsideRecord, Snapshot,
    SnapshotInfo, Store, StoreError,
};
use crate::domain::Dataset;

/// Records and snapshots held in memory. Single-threaded like the browser,
/// hence `RefCell`.
#[derive(Debug, Default)]
pub struct MemoryStore {
    data: RefCell<Dataset>,
    /// Newest first.
    snapshots: RefCell<Vec<Snapshot>>,
    next_write_fails: RefCell<Option<StoreError>>,
    writes: RefCell<usize>,
    set_aside: RefCell<Vec<SetAsideRecord>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that already holds `data`, as after an earlier session.
    pub fn with_data(data: Dataset) -> Self {
        let store = Self::default();
        *store.data.borrow_mut() = data;
        store
    }

    /// Makes the next write (apply, replace_all or save_snapshot) fail with
    /// `error`, leaving everything stored as it was. Reads are unaffected.
    pub fn fail_next_write(&self, error: StoreError) {
        *self.next_write_fails.borrow_mut() = Some(error);
    }

    /// How many writes succeeded so far; lets tests check that nothing was
    /// written when nothing had to be.
    pub fn successful_writes(&self) -> usize {
        *self.writes.borrow()
    }

    /// A copy of the stored records, in storage order (for tests).
    pub fn data(&self) -> Dataset {
        self.data.borrow().clone()
    }

    /// Takes the planned failure, if any; called first by every write.
    fn check_write(&self) -> Result<(), StoreError> {
        match self.next_write_fails.borrow_mut().take() {
            Some(error) => Err(error),
            None => {
                *self.writes.borrow_mut() += 1;
                Ok(())
            }
        }
    }
}

impl Store for MemoryStore {
    async fn load_all(&self) -> Result<Dataset, StoreError> {
        let mut data = self.data.borrow().clone();
        order::by_creation(&mut data);
        Ok(data)
    }

    async fn load_changes(&self, keys: &[RecordKey]) -> Result<ChangeSet, StoreError> {
        let data = self.data.borrow();
        let changes = keys
            .iter()
            .map(|&key| match find(&data, key) {
                Some(record) => Change::Put(record),
                None => Change::Delete(key),
            })
            .collect();
        Ok(ChangeSet::of(changes))
    }

    async fn apply(&self, changes: &ChangeSet) -> Result<Applied, StoreError> {
        self.check_write()?;
        // Read, check and write with no await in between: like the one
        // IndexedDB transaction, nothing else can write in the middle. Only
        // the records the change needs are read, as IndexedDB does.
        let current = read_from(&self.data.borrow(), changes);
        let plan = match plan_write(&current, changes) {
            Ok(plan) => plan,
            Err(refusal) => return Ok(Applied::Refused(refusal)),
        };
        let mut data = self.data.borrow_mut();
        for (key, record) in plan.writes {
            match record {
                Some(record) => ChangeSet::new().put(record).apply_to(&mut data),
                None => ChangeSet::new()
                    .delete(key.kind, key.id)
                    .apply_to(&mut data),
            }
        }
        self.set_aside.borrow_mut().extend(plan.set_aside);
        Ok(Applied::Written {
            conflicts: plan.conflicts,
        })
    }

    async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        self.check_write()?;
        *self.data.borrow_mut() = data.clone();
        Ok(())
    }

    async fn put_all(&self, records: &Dataset) -> Result<(), StoreError> {
        self.check_write()?;
        // The change-set code every write uses (no second copy of it per
        // record kind in the bundle; a memory store holds little).
        let puts = super::change::all_records(records)
            .map(Change::Put)
            .collect();
        ChangeSet::of(puts).apply_to(&mut self.data.borrow_mut());
        Ok(())
    }

    async fn save_snapshot(&self, snapshot: &Snapshot) -> Result<(), StoreError> {
        self.check_write()?;
        let mut snapshots = self.snapshots.borrow_mut();
        let infos: Vec<SnapshotInfo> = snapshots.iter().map(Snapshot::info).collect();
        let (kept, _dropped) = retention::add_snapshot(&infos, snapshot.info());
        let mut all: Vec<Snapshot> = snapshots.drain(..).chain([snapshot.clone()]).collect();
        *snapshots = kept
            .iter()
            .filter_map(|info| {
                all.iter()
                    .rposition(|s| s.id == info.id)
                    .map(|i| all.swap_remove(i))
            })
            .collect();
        Ok(())
    }

    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        Ok(self.snapshots.borrow().iter().map(Snapshot::info).collect())
    }

    async fn load_snapshot(&self, id: Uuid) -> Result<Option<Snapshot>, StoreError> {
        Ok(self.snapshots.borrow().iter().find(|s| s.id == id).cloned())
    }

    async fn list_set_aside(&self) -> Result<Vec<SetAsideRecord>, StoreError> {
        Ok(self.set_aside.borrow().clone())
    }
}
