//! The store contract, checked on [`MemoryStore`]: record-level writes,
//! loading changes for other tabs, replacing everything, snapshot
//! retention, and that a failed write leaves the stored data as it was.

use chefsache::domain::{Contact, Dataset, Project, RecordKind, Step};
use chefsache::store::SnapshotReason;
use chefsache::store::{
    AnyRecord, Applied, Change, ChangeSet, MemoryStore, RecordKey, Snapshot, Store, StoreError,
    SNAPSHOTS_KEPT,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::executor::block_on;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

fn project(name: &str, minutes: i64) -> Project {
    Project::new(name, at(minutes))
}

fn sample() -> (Dataset, Project, Step, Contact) {
    let p = project("Website Bäckerei", 0);
    let s = Step::new(p.id, "Entwurf", at(1));
    let c = Contact::new("Anna Schmidt", at(2));
    let data = Dataset {
        projects: vec![p.clone()].into(),
        steps: vec![s.clone()].into(),
        contacts: vec![c.clone()].into(),
        ..Dataset::default()
    };
    (data, p, s, c)
}

#[test]
fn apply_puts_and_deletes_records() {
    let store = MemoryStore::new();
    let (_, p, s, c) = sample();
    let set = ChangeSet::new()
        .put(AnyRecord::Project(p.clone()))
        .put(AnyRecord::Step(s.clone()))
        .put(AnyRecord::Contact(c.clone()));
    block_on(store.apply(&set)).expect("apply");

    let mut renamed = p.clone();
    renamed.name = "Website Bäckerei Müller".into();
    let set = ChangeSet::new()
        .put(AnyRecord::Project(renamed.clone()))
        .delete(RecordKind::Contact, c.id.0);
    block_on(store.apply(&set)).expect("apply");

    let data = block_on(store.load_all()).expect("load");
    assert_eq!(data.projects, vec![renamed]);
    assert_eq!(data.steps, vec![s]);
    assert!(data.contacts.is_empty());
}

#[test]
fn deleting_a_missing_record_is_not_an_error() {
    let store = MemoryStore::new();
    let set = ChangeSet::new().delete(RecordKind::Step, uuid::Uuid::new_v4());
    assert_eq!(block_on(store.apply(&set)), Ok(Applied::CLEAN));
}

#[test]
fn load_all_returns_records_in_creation_order() {
    let late = project("B later", 10);
    let early = project("A earlier", 5);
    let store = MemoryStore::with_data(Dataset {
        projects: vec![late.clone(), early.clone()].into(),
        ..Dataset::default()
    });
    let data = block_on(store.load_all()).expect("load");
    assert_eq!(data.projects, vec![early, late]);
}

#[test]
fn load_changes_gives_puts_for_existing_and_deletes_for_missing_records() {
    let (data, p, _, c) = sample();
    let store = MemoryStore::with_data(data);
    let gone = RecordKey {
        kind: RecordKind::Material,
        id: uuid::Uuid::new_v4(),
    };
    let keys = [
        AnyRecord::Project(p.clone()).key(),
        gone,
        AnyRecord::Contact(c.clone()).key(),
    ];

    let set = block_on(store.load_changes(&keys)).expect("load changes");
    assert_eq!(
        set.changes,
        vec![
            Change::Put(AnyRecord::Project(p)),
            Change::Delete(gone),
            Change::Put(AnyRecord::Contact(c)),
        ]
    );
}

#[test]
fn load_changes_brings_another_copy_up_to_date() {
    let (data, p, s, _) = sample();
    let store = MemoryStore::with_data(data.clone());
    let mut other_tab = data;

    let mut moved = s.clone();
    moved.title = "Entwurf v2".into();
    let set = ChangeSet::new()
        .put(AnyRecord::Step(moved))
        .delete(RecordKind::Project, p.id.0);
    block_on(store.apply(&set)).expect("apply");

    let update = block_on(store.load_changes(&set.keys())).expect("load changes");
    update.apply_to(&mut other_tab);
    assert_eq!(other_tab, block_on(store.load_all()).expect("load"));
}

#[test]
fn replace_all_drops_everything_not_in_the_new_data() {
    let (data, ..) = sample();
    let store = MemoryStore::with_data(data);
    let fresh = Dataset {
        projects: vec![project("Neu", 3)].into(),
        ..Dataset::default()
    };
    block_on(store.replace_all(&fresh)).expect("replace");
    assert_eq!(block_on(store.load_all()).expect("load"), fresh);
}

#[test]
fn snapshots_keep_the_newest_few_newest_first() {
    let store = MemoryStore::new();
    let (data, ..) = sample();
    let mut saved = Vec::new();
    for i in 0..(SNAPSHOTS_KEPT as i64 + 2) {
        // Saved out of time order on purpose: "newest" means taken last.
        let minutes = if i % 2 == 0 { i * 10 } else { 1000 - i };
        let snapshot = Snapshot::new(
            SnapshotReason::Text(format!("before import {i}")),
            data.clone(),
            at(minutes),
        );
        block_on(store.save_snapshot(&snapshot)).expect("save");
        saved.push(snapshot);
    }
    saved.sort_by_key(|s| std::cmp::Reverse(s.taken));
    let expected: Vec<_> = saved
        .iter()
        .take(SNAPSHOTS_KEPT)
        .map(Snapshot::info)
        .collect();

    let listed = block_on(store.list_snapshots()).expect("list");
    assert_eq!(listed, expected);

    let newest = block_on(store.load_snapshot(saved[0].id)).expect("load");
    assert_eq!(newest.as_ref(), Some(&saved[0]));
    let dropped = saved.last().map(|s| s.id).unwrap_or_default();
    assert_eq!(block_on(store.load_snapshot(dropped)).expect("load"), None);
}

#[test]
fn snapshot_info_counts_records_without_their_data() {
    let store = MemoryStore::new();
    let (data, ..) = sample();
    let snapshot = Snapshot::new(SnapshotReason::Text("before replace".into()), data, at(0));
    block_on(store.save_snapshot(&snapshot)).expect("save");
    let listed = block_on(store.list_snapshots()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].counts.total(), 3);
    assert_eq!(listed[0].reason.to_string(), "before replace");
}

#[test]
fn a_failed_apply_leaves_the_stored_data_unchanged() {
    let (data, p, s, _) = sample();
    let store = MemoryStore::with_data(data.clone());
    store.fail_next_write(StoreError::QuotaExceeded);

    let mut renamed = p;
    renamed.name = "never stored".into();
    let set = ChangeSet::new()
        .put(AnyRecord::Project(renamed))
        .delete(RecordKind::Step, s.id.0)
        .put(AnyRecord::Project(project("also never stored", 9)));
    assert_eq!(block_on(store.apply(&set)), Err(StoreError::QuotaExceeded));
    assert_eq!(block_on(store.load_all()).expect("load"), data);

    // The failure is used up: the next write goes through.
    assert_eq!(block_on(store.apply(&set)), Ok(Applied::CLEAN));
    assert_ne!(block_on(store.load_all()).expect("load"), data);
}

#[test]
fn a_failed_replace_all_or_snapshot_leaves_everything_as_before() {
    let (data, ..) = sample();
    let store = MemoryStore::with_data(data.clone());

    store.fail_next_write(StoreError::Aborted("test".into()));
    let result = block_on(store.replace_all(&Dataset::default()));
    assert_eq!(result, Err(StoreError::Aborted("test".into())));
    assert_eq!(block_on(store.load_all()).expect("load"), data);

    store.fail_next_write(StoreError::QuotaExceeded);
    let snapshot = Snapshot::new(
        SnapshotReason::Text("before import".into()),
        data.clone(),
        at(0),
    );
    assert_eq!(
        block_on(store.save_snapshot(&snapshot)),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(block_on(store.list_snapshots()).expect("list"), Vec::new());
    assert_eq!(store.successful_writes(), 0);
}

#[test]
fn put_all_writes_new_and_changed_records_and_keeps_the_others() {
    let (data, project, step, contact) = sample();
    let store = MemoryStore::with_data(data.clone());
    let mut renamed = project.clone();
    renamed.name = "Website Bäckerei Lang".into();
    renamed.updated = at(10);
    let newcomer = Contact::new("Bernd Lang", at(11));
    let records = Dataset {
        projects: vec![renamed.clone()].into(),
        contacts: vec![newcomer.clone()].into(),
        ..Dataset::default()
    };
    block_on(store.put_all(&records)).expect("written");
    let stored = block_on(store.load_all()).expect("load");
    assert_eq!(stored.projects, vec![renamed]);
    assert_eq!(stored.steps, vec![step], "records not put stay as they are");
    assert_eq!(stored.contacts, vec![contact, newcomer]);
}

#[test]
fn a_failed_put_all_leaves_everything_as_before() {
    let (data, ..) = sample();
    let store = MemoryStore::with_data(data.clone());
    store.fail_next_write(StoreError::QuotaExceeded);
    let records = Dataset {
        contacts: vec![Contact::new("Bernd Lang", at(11))].into(),
        ..Dataset::default()
    };
    assert_eq!(
        block_on(store.put_all(&records)),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(block_on(store.load_all()).expect("load"), data);
}
