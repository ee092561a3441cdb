//! Which snapshots are kept: the [`SNAPSHOTS_KEPT`] newest. Shared by all
//! stores so they agree on what "newest" means (time taken, then id).

use std::cmp::Reverse;

use uuid::Uuid;

use super::{SnapshotInfo, SNAPSHOTS_KEPT};

/// The list after adding `new` to `kept`, newest first and capped at
/// [`SNAPSHOTS_KEPT`], and the ids that fell out (to delete their data).
/// Saving a snapshot with an id that is already kept replaces it.
pub fn add_snapshot(kept: &[SnapshotInfo], new: SnapshotInfo) -> (Vec<SnapshotInfo>, Vec<Uuid>) {
    let mut list: Vec<SnapshotInfo> = kept.iter().filter(|s| s.id != new.id).cloned().collect();
    list.push(new);
    list.sort_by_key(|s| Reverse((s.taken, s.id)));
    let dropped = list.split_off(SNAPSHOTS_KEPT.min(list.len()));
    (list, dropped.into_iter().map(|s| s.id).collect())
}
