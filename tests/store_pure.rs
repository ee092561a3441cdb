//! The browser-independent parts of storage: the IndexedDB layout and its
//! upgrade plan, DOM error mapping, snapshot retention, change notices,
//! the quota warning and preferences.

use chefsache::domain::{Dataset, KindCounts, RecordKind};
use chefsache::store::device::{usage_warning, StorageEstimate};
use chefsache::store::dom_error::from_dom_exception;
use chefsache::store::preferences::Preferences;
use chefsache::store::retention::add_snapshot;
use chefsache::store::schema::{
    object_stores, record_stores, store_of, upgrade_plan, KeyKind, META, SCHEMA_VERSION, SET_ASIDE,
    SNAPSHOTS,
};
use chefsache::store::{
    ChangeNotice, RecordKey, SnapshotInfo, SnapshotReason, StoreError, SNAPSHOTS_KEPT,
};
use chrono::{Duration, TimeZone, Utc};
use uuid::Uuid;

#[test]
fn the_current_schema_has_a_store_per_kind_plus_snapshots_and_meta() {
    let stores = object_stores(SCHEMA_VERSION);
    for kind in RecordKind::ALL {
        assert!(
            stores.contains(&(store_of(kind), KeyKind::IdProperty)),
            "{kind}"
        );
    }
    assert!(stores.contains(&(SNAPSHOTS, KeyKind::IdProperty)));
    assert!(stores.contains(&(META, KeyKind::OutOfLine)));
    assert!(stores.contains(&(SET_ASIDE, KeyKind::IdProperty)));
    assert_eq!(stores.len(), RecordKind::ALL.len() + 3);
}

#[test]
fn version_two_adds_the_set_aside_store_and_keeps_every_record() {
    let plan = upgrade_plan(1, 2);
    assert_eq!(plan.create, vec![(SET_ASIDE, KeyKind::IdProperty)]);
    assert!(plan.delete.is_empty(), "no record store is dropped");
}

#[test]
fn store_names_match_the_backup_data_keys() {
    let data = serde_json::to_value(Dataset::default()).unwrap_or_default();
    for name in record_stores() {
        assert!(
            data.get(name).is_some(),
            "{name} is not a key of the backup data"
        );
    }
}

#[test]
fn a_new_database_creates_every_store() {
    let plan = upgrade_plan(0, SCHEMA_VERSION);
    assert_eq!(plan.create, object_stores(SCHEMA_VERSION));
    assert!(plan.delete.is_empty());
}

#[test]
fn an_upgrade_to_the_same_layout_touches_nothing() {
    let plan = upgrade_plan(SCHEMA_VERSION, SCHEMA_VERSION);
    assert!(plan.create.is_empty() && plan.delete.is_empty());
}

#[test]
fn every_schema_version_can_be_reached_from_every_older_one() {
    for new in 1..=SCHEMA_VERSION {
        for old in 0..new {
            let plan = upgrade_plan(old, new);
            let mut after: Vec<_> = object_stores(old)
                .into_iter()
                .filter(|(name, _)| !plan.delete.contains(name))
                .chain(plan.create.iter().copied())
                .collect();
            let mut expected = object_stores(new);
            after.sort();
            expected.sort();
            assert_eq!(after, expected, "upgrade {old} -> {new}");
        }
    }
}

#[test]
fn dom_exceptions_map_to_store_errors() {
    assert_eq!(
        from_dom_exception("QuotaExceededError", "full"),
        StoreError::QuotaExceeded
    );
    assert!(matches!(
        from_dom_exception("InvalidStateError", "closed"),
        StoreError::Unavailable(_)
    ));
    assert!(matches!(
        from_dom_exception("VersionError", "newer"),
        StoreError::Unavailable(_)
    ));
    assert!(matches!(
        from_dom_exception("AbortError", "aborted"),
        StoreError::Aborted(_)
    ));
    assert!(
        matches!(from_dom_exception("DataError", "bad key"), StoreError::Aborted(m) if m.contains("bad key"))
    );
}

fn info(minutes: i64) -> SnapshotInfo {
    SnapshotInfo {
        id: Uuid::new_v4(),
        taken: Utc
            .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default()
            + Duration::minutes(minutes),
        reason: SnapshotReason::Text(format!("at {minutes}")),
        counts: KindCounts::default(),
    }
}

#[test]
fn retention_keeps_the_newest_and_names_the_dropped() {
    let mut kept = Vec::new();
    let mut all = Vec::new();
    for minutes in [5, 1, 9, 3, 7, 2, 8] {
        let new = info(minutes);
        all.push(new.clone());
        let (list, _) = add_snapshot(&kept, new);
        kept = list;
    }
    let minutes: Vec<String> = kept.iter().map(|s| s.reason.to_string()).collect();
    assert_eq!(minutes, ["at 9", "at 8", "at 7", "at 5", "at 3"]);
    assert_eq!(kept.len(), SNAPSHOTS_KEPT);

    let (_, dropped) = add_snapshot(&kept, info(0));
    assert_eq!(
        dropped.len(),
        1,
        "the new, oldest snapshot itself falls out"
    );
}

#[test]
fn saving_a_snapshot_again_replaces_it() {
    let first = info(1);
    let (kept, _) = add_snapshot(&[], first.clone());
    let mut again = first.clone();
    again.reason = SnapshotReason::Text("renamed".into());
    let (kept, dropped) = add_snapshot(&kept, again.clone());
    assert_eq!(kept, vec![again]);
    assert!(dropped.is_empty());
}

#[test]
fn change_notices_survive_the_channel() {
    let key = RecordKey {
        kind: RecordKind::TimeEntry,
        id: Uuid::new_v4(),
    };
    let notice = ChangeNotice::changed(Uuid::new_v4(), vec![key]);
    assert_eq!(
        ChangeNotice::from_message(&notice.to_message()),
        Some(notice)
    );

    let replaced = ChangeNotice::replaced_all(Uuid::new_v4());
    assert!(replaced.replaced_all && replaced.keys.is_empty());
    assert_eq!(
        ChangeNotice::from_message(&replaced.to_message()),
        Some(replaced)
    );
}

#[test]
fn foreign_messages_are_not_notices() {
    assert_eq!(ChangeNotice::from_message("hello"), None);
    assert_eq!(ChangeNotice::from_message(r#"{"from_tab": 3}"#), None);
}

#[test]
fn the_quota_warning_starts_above_80_percent() {
    assert!(!usage_warning(80.0, 100.0));
    assert!(usage_warning(80.1, 100.0));
    assert!(usage_warning(100.0, 100.0));
    assert!(!usage_warning(10.0, 0.0), "unknown quota: no warning");
    assert!(!usage_warning(10.0, f64::NAN));
    assert!(StorageEstimate {
        usage: 9.0,
        quota: 10.0
    }
    .is_nearly_full());
}

#[test]
fn preferences_default_to_north_rhine_westphalia_and_a_week() {
    let defaults = Preferences::default();
    assert_eq!(defaults.language, None);
    assert_eq!(defaults.federal_state, "NW");
    assert_eq!(defaults.storage_days_warning, 7);
    assert!(!defaults.persistence_requested);
}

#[test]
fn preferences_from_an_older_version_fill_in_defaults() {
    let old: Preferences = serde_json::from_str(r#"{"language":"en"}"#).unwrap_or_default();
    assert_eq!(old.language.as_deref(), Some("en"));
    assert_eq!(old.federal_state, "NW");
    assert_eq!(old.storage_days_warning, 7);

    let round: Preferences =
        serde_json::from_str(&serde_json::to_string(&old).unwrap_or_default()).unwrap_or_default();
    assert_eq!(round, old);
}
