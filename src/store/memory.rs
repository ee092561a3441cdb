// TEMP STUB
use std::cell::RefCell;
use uuid::Uuid;
use crate::domain::Dataset;
use super::*;
#[derive(Default)]
pub struct MemoryStore { data: RefCell<Dataset>, snaps: RefCell<Vec<Snapshot>> }
impl MemoryStore { pub fn new() -> Self { Self::default() } }
impl Store for MemoryStore {
    async fn load_all(&self) -> Result<Dataset, StoreError> { Ok(self.data.borrow().clone()) }
    async fn load_changes(&self, keys: &[RecordKey]) -> Result<ChangeSet, StoreError> {
        let d = self.data.borrow(); let mut c = ChangeSet::new();
        for k in keys { c = match change::find(&d, *k) { Some(r) => c.put(r), None => c.delete(k.kind, k.id) }; } Ok(c) }
    async fn apply(&self, changes: &ChangeSet) -> Result<(), StoreError> { changes.apply_to(&mut self.data.borrow_mut()); Ok(()) }
    async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> { *self.data.borrow_mut() = data.clone(); Ok(()) }
    async fn save_snapshot(&self, s: &Snapshot) -> Result<(), StoreError> { self.snaps.borrow_mut().push(s.clone()); Ok(()) }
    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> { Ok(self.snaps.borrow().iter().rev().map(|s| s.info()).collect()) }
    async fn load_snapshot(&self, id: Uuid) -> Result<Option<Snapshot>, StoreError> { Ok(self.snaps.borrow().iter().find(|s| s.id == id).cloned()) }
}
