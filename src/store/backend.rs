//! The store the running app uses: IndexedDB when the browser allows it,
//! otherwise memory (private windows, blocked storage), so the app still
//! works and says clearly that nothing is kept.

use uuid::Uuid;

use crate::domain::Dataset;
use crate::store::indexeddb::IndexedDbStore;
use crate::store::memory::MemoryStore;
use crate::store::{
    Applied, ChangeSet, RecordKey, SetAsideRecord, Snapshot, SnapshotInfo, Store, StoreError,
};

pub enum Backend {
    IndexedDb(IndexedDbStore),
    Memory(MemoryStore),
}

impl Backend {
    /// Opens the app's database, or memory if that fails (with the reason).
    pub async fn open() -> (Backend, Option<StoreError>) {
        match IndexedDbStore::open("chefsache").await {
            Ok(store) => (Backend::IndexedDb(store), None),
            Err(error) => (Backend::Memory(MemoryStore::new()), Some(error)),
        }
    }

    pub fn is_persistent(&self) -> bool {
        matches!(self, Backend::IndexedDb(_))
    }
}

macro_rules! delegate {
    ($self:ident, |$s:ident| $call:expr) => {
        match $self {
            Backend::IndexedDb($s) => $call,
            Backend::Memory($s) => $call,
        }
    };
}

impl Store for Backend {
    async fn load_all(&self) -> Result<Dataset, StoreError> {
        delegate!(self, |s| s.load_all().await)
    }
    async fn load_changes(&self, keys: &[RecordKey]) -> Result<ChangeSet, StoreError> {
        delegate!(self, |s| s.load_changes(keys).await)
    }
    async fn apply(&self, changes: &ChangeSet) -> Result<Applied, StoreError> {
        delegate!(self, |s| s.apply(changes).await)
    }
    async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        delegate!(self, |s| s.replace_all(data).await)
    }
    async fn put_all(&self, records: &Dataset) -> Result<(), StoreError> {
        delegate!(self, |s| s.put_all(records).await)
    }
    async fn save_snapshot(&self, snapshot: &Snapshot) -> Result<(), StoreError> {
        delegate!(self, |s| s.save_snapshot(snapshot).await)
    }
    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        delegate!(self, |s| s.list_snapshots().await)
    }
    async fn load_snapshot(&self, id: Uuid) -> Result<Option<Snapshot>, StoreError> {
        delegate!(self, |s| s.load_snapshot(id).await)
    }
    async fn list_set_aside(&self) -> Result<Vec<SetAsideRecord>, StoreError> {
        delegate!(self, |s| s.list_set_aside().await)
    }
}
