// TEMP STUB
use uuid::Uuid;
use crate::domain::Dataset;
use super::*;
pub struct IndexedDbStore;
impl IndexedDbStore { pub async fn open(_name: &str) -> Result<Self, StoreError> { Err(StoreError::Unavailable("stub".into())) } }
impl Store for IndexedDbStore {
    async fn load_all(&self) -> Result<Dataset, StoreError> { todo!() }
    async fn load_changes(&self, _keys: &[RecordKey]) -> Result<ChangeSet, StoreError> { todo!() }
    async fn apply(&self, _changes: &ChangeSet) -> Result<(), StoreError> { todo!() }
    async fn replace_all(&self, _data: &Dataset) -> Result<(), StoreError> { todo!() }
    async fn save_snapshot(&self, _s: &Snapshot) -> Result<(), StoreError> { todo!() }
    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> { todo!() }
    async fn load_snapshot(&self, _id: Uuid) -> Result<Option<Snapshot>, StoreError> { todo!() }
}
