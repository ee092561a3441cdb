//! The IndexedDB layout: which object stores exist at which schema version,
//! and what an upgrade from one version to another has to do.
//!
//! Kept pure (no browser types) so the upgrade steps are tested natively;
//! `indexeddb.rs` only carries the plan out in `onupgradeneeded`.

use crate::domain::RecordKind;

/// The schema version this build of the app writes. Raise it together with
/// a new arm in [`object_stores`] when the layout changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Name of the database the app uses.
pub const DATABASE_NAME: &str = "chefsache";

/// Object store holding the kept [`Snapshot`](super::Snapshot)s by id.
pub const SNAPSHOTS: &str = "snapshots";

/// Object store of records kept raw because they could not be read or
/// broke a rule ([`SetAsideRecord`](super::SetAsideRecord)s by id).
/// Never cleared by an import or restore.
pub const SET_ASIDE: &str = "set_aside";

/// Object store for small bookkeeping values under fixed keys (e.g. the
/// list of snapshot infos), stored with out-of-line keys.
pub const META: &str = "meta";

/// Meta key of the snapshot list (newest first), so that listing snapshots
/// does not load their data.
pub const META_SNAPSHOT_INFOS: &str = "snapshot_infos";

/// The object store of a record kind. Names match the keys of the backup's
/// `data` object, so the database reads like a backup in the dev tools.
pub fn store_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Project => "projects",
        RecordKind::Step => "steps",
        RecordKind::Material => "materials",
        RecordKind::Contact => "contacts",
        RecordKind::Communication => "communications",
        RecordKind::Appointment => "appointments",
        RecordKind::TimeEntry => "time_entries",
    }
}

/// The record stores, one per kind, in [`RecordKind::ALL`] order.
pub fn record_stores() -> Vec<&'static str> {
    RecordKind::ALL.iter().map(|&kind| store_of(kind)).collect()
}

/// How one object store is keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyKind {
    /// The key is the value's `id` property (records, snapshots).
    IdProperty,
    /// The key is given with each put (meta).
    OutOfLine,
}

/// The object stores that exist at `version`, with their keying. Version 0
/// is "no database yet".
pub fn object_stores(version: u32) -> Vec<(&'static str, KeyKind)> {
    match version {
        0 => Vec::new(),
        // Version 1: one store per record kind, snapshots, meta.
        // Version 2: plus the set-aside records.
        _ => {
            let mut stores: Vec<(&'static str, KeyKind)> = record_stores()
                .into_iter()
                .map(|name| (name, KeyKind::IdProperty))
                .collect();
            stores.push((SNAPSHOTS, KeyKind::IdProperty));
            stores.push((META, KeyKind::OutOfLine));
            if version >= 2 {
                stores.push((SET_ASIDE, KeyKind::IdProperty));
            }
            stores
        }
    }
}

/// What `onupgradeneeded` does to go from one version to another.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpgradePlan {
    /// Stores to create, with their keying.
    pub create: Vec<(&'static str, KeyKind)>,
    /// Stores to delete (with their data).
    pub delete: Vec<&'static str>,
}

/// The plan from `old` (0 for a new database) to `new`: create what `new`
/// has and `old` lacks, delete what `old` has and `new` lacks. Stores that
/// exist in both keep their data.
///
/// A future version that must transform records (not only add or drop
/// stores) adds a step here and a matching migration in `indexeddb.rs`.
pub fn upgrade_plan(old: u32, new: u32) -> UpgradePlan {
    let before = object_stores(old);
    let after = object_stores(new);
    let has = |list: &[(&str, KeyKind)], name: &str| list.iter().any(|(n, _)| *n == name);
    UpgradePlan {
        create: after
            .iter()
            .copied()
            .filter(|(name, _)| !has(&before, name))
            .collect(),
        delete: before
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| !has(&after, name))
            .collect(),
    }
}
