//! Storage: where records live between sessions. The [`Store`] trait is the
//! only thing the state layer knows; IndexedDB implements it in the browser
//! and [`memory::MemoryStore`] in native tests.
//!
//! - [`change`]: change sets, the unit of writing and undo.
//! - [`write`]: the rule every store follows when it writes a change set
//!   (patch the stored records, check, then write or refuse).
//! - [`set_aside`]: records kept raw because they could not be read or
//!   broke a rule.
//! - [`memory`]: the in-memory store for native tests.
//! - [`journal`]: pending writes kept where a reload cannot lose them,
//!   replayed at the next start (`journal_storage` in the browser).
//! - `indexeddb` (browser): the real store; its layout is in [`schema`],
//!   its error mapping in [`dom_error`].
//! - `backend` (browser): IndexedDB, or memory when the browser refuses.
//! - [`broadcast`]: change notices between tabs.
//! - [`device`]: persistence and quota of the browser's storage.
//! - `package_shelf` (browser): work packages a collaborator opened, in
//!   their own IndexedDB database.
//! - [`preferences`]: small per-device settings in `localStorage`.
//! - [`order`], [`retention`]: rules every store shares (record order,
//!   which snapshots are kept).

#[cfg(target_arch = "wasm32")]
pub mod backend;
pub mod broadcast;
pub mod change;
pub mod device;
pub mod dom_error;
#[cfg(target_arch = "wasm32")]
pub mod indexeddb;
pub mod journal;
#[cfg(target_arch = "wasm32")]
pub mod journal_storage;
pub mod memory;
pub mod order;
#[cfg(target_arch = "wasm32")]
pub mod package_shelf;
pub mod preferences;
pub mod reason;
pub mod retention;
pub mod schema;
pub mod set_aside;
pub mod write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::{Dataset, KindCounts};
pub use broadcast::ChangeNotice;
pub use change::{AnyRecord, Change, ChangeSet, Expectation, RecordKey};
#[cfg(target_arch = "wasm32")]
pub use indexeddb::IndexedDbStore;
pub use memory::MemoryStore;
pub use reason::SnapshotReason;
pub use set_aside::{SetAsideReason, SetAsideRecord};
pub use write::{Applied, RecordConflict, Refusal};

/// Why the store could not do what was asked. Messages are English; the UI
/// translates by variant.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StoreError {
    /// The browser's storage quota is used up (or the disk is full).
    #[error("storage is full: the browser refused to store more data")]
    QuotaExceeded,
    /// Storage cannot be opened at all (blocked, private mode, disabled).
    #[error("storage is not available: {0}")]
    Unavailable(String),
    /// Another tab keeps an older version of the database open.
    #[error("another Chefsache tab blocks the database upgrade; close it and reload")]
    Blocked,
    /// The transaction was aborted; nothing of it was written.
    #[error("the change was not saved: {0}")]
    Aborted(String),
    /// A stored record could not be read back.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
}

/// A copy of all data, kept before risky operations (import, replace) so
/// that the person can go back from Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: Uuid,
    pub taken: DateTime<Utc>,
    /// Why it was taken.
    pub reason: SnapshotReason,
    pub data: Dataset,
}

/// What a list of snapshots shows without loading their data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    pub id: Uuid,
    pub taken: DateTime<Utc>,
    pub reason: SnapshotReason,
    pub counts: KindCounts,
}

impl Snapshot {
    pub fn new(reason: SnapshotReason, data: Dataset, taken: DateTime<Utc>) -> Self {
        Self {
            id: Uuid::new_v4(),
            taken,
            reason,
            data,
        }
    }

    pub fn info(&self) -> SnapshotInfo {
        SnapshotInfo {
            id: self.id,
            taken: self.taken,
            reason: self.reason.clone(),
            counts: self.data.counts(),
        }
    }
}

/// How many snapshots are kept; older ones are dropped when a new one is
/// saved.
pub const SNAPSHOTS_KEPT: usize = 5;

/// Persistent storage of all records. Every method is one transaction: it
/// is written completely or not at all.
///
/// Futures are not `Send`: in the browser everything runs on one thread.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// All records, for the start of a session; each kind in creation
    /// order (see [`order`]). Records are decoded one by one: a record that
    /// cannot be read is moved to the set-aside store (see [`set_aside`])
    /// and the rest loads. An error means the data could not be read at
    /// all (or an unreadable record could not be set aside); the app must
    /// then not write.
    async fn load_all(&self) -> Result<Dataset, StoreError>;

    /// The current stored state of the given records, as a change set that
    /// brings another copy up to date: a put for each record that exists, a
    /// delete for each that does not. Used when another tab reports changes.
    async fn load_changes(&self, keys: &[RecordKey]) -> Result<ChangeSet, StoreError>;

    /// Writes the changes of one user action in one transaction that
    /// first reads the stored data, then applies the changes to it and
    /// checks them ([`write::plan_write`]): patches go onto the stored
    /// records (conflicting fields are reported), and a change set that
    /// would add a rule break or whose preconditions fail is refused with
    /// nothing written. `Err` is for storage failures (quota, closed).
    async fn apply(&self, changes: &ChangeSet) -> Result<Applied, StoreError>;

    /// Replaces everything with `data` (import "replace all", restore).
    async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError>;

    /// Puts `records` (new ones, and new versions of stored ones) and keeps
    /// every other stored record, in one transaction (import "merge": only
    /// what the backup changes is written).
    async fn put_all(&self, records: &Dataset) -> Result<(), StoreError>;

    /// Keeps a snapshot, dropping the oldest beyond [`SNAPSHOTS_KEPT`].
    async fn save_snapshot(&self, snapshot: &Snapshot) -> Result<(), StoreError>;

    /// The kept snapshots, newest first.
    async fn list_snapshots(&self) -> Result<Vec<SnapshotInfo>, StoreError>;

    /// One snapshot with its data.
    async fn load_snapshot(&self, id: Uuid) -> Result<Option<Snapshot>, StoreError>;

    /// The set-aside records, oldest first.
    async fn list_set_aside(&self) -> Result<Vec<SetAsideRecord>, StoreError>;
}
