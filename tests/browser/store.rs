//! The IndexedDB store and the change channel in a real browser: data
//! survives a "reload", two connections ("tabs") see each other's changes
//! after a notice, a failing write rolls back the whole change set.

use chefsache::domain::{Contact, Dataset, Project, RecordKind, Step};
use chefsache::store::broadcast::ChangeBroadcaster;
use chefsache::store::indexeddb::ApplyFault;
use chefsache::store::SnapshotReason;
use chefsache::store::{
    AnyRecord, ChangeNotice, ChangeSet, IndexedDbStore, Snapshot, Store, StoreError, SNAPSHOTS_KEPT,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::StreamExt;
use wasm_bindgen_test::wasm_bindgen_test;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

/// A database name no other test uses.
fn fresh_name() -> String {
    format!("chefsache-test-{}", uuid::Uuid::new_v4())
}

async fn open(name: &str) -> IndexedDbStore {
    IndexedDbStore::open(name).await.expect("open the database")
}

fn sample() -> Dataset {
    let p = Project::new("Website Bäckerei", at(0));
    let s = Step::new(p.id, "Entwurf", at(1));
    let c = Contact::new("Anna Schmidt", at(2));
    Dataset {
        projects: vec![p].into(),
        steps: vec![s].into(),
        contacts: vec![c].into(),
        ..Dataset::default()
    }
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening() {
    let name = fresh_name();
    let data = sample();
    let store = open(&name).await;
    let mut set = ChangeSet::new();
    for record in chefsache::store::change::all_records(&data) {
        set = set.put(record);
    }
    store.apply(&set).await.expect("apply");
    store.close();
    drop(store);

    let reopened = open(&name).await;
    assert_eq!(reopened.load_all().await.expect("load"), data);
    reopened.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn puts_and_deletes_are_record_level() {
    let name = fresh_name();
    let store = open(&name).await;
    store.replace_all(&sample()).await.expect("replace");
    let data = store.load_all().await.expect("load");

    let mut renamed = data.projects[0].clone();
    renamed.name = "Website Bäckerei Müller".into();
    let set = ChangeSet::new()
        .put(AnyRecord::Project(renamed.clone()))
        .delete(RecordKind::Contact, data.contacts[0].id.0)
        .delete(RecordKind::Material, uuid::Uuid::new_v4());
    store.apply(&set).await.expect("apply");

    let after = store.load_all().await.expect("load");
    assert_eq!(after.projects, vec![renamed]);
    assert_eq!(after.steps, data.steps);
    assert!(after.contacts.is_empty());
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_change_in_one_tab_reaches_the_other_through_a_notice() {
    let name = fresh_name();
    let channel = format!("test-{}", uuid::Uuid::new_v4());
    let tab_a = open(&name).await;
    let tab_b = open(&name).await;
    tab_a.replace_all(&sample()).await.expect("replace");
    let mut copy_b = tab_b.load_all().await.expect("load");

    let radio_a = ChangeBroadcaster::on_channel(&channel).expect("channel");
    let radio_b = ChangeBroadcaster::on_channel(&channel).expect("channel");
    let (sender, mut notices) = futures::channel::mpsc::unbounded::<ChangeNotice>();
    radio_b.subscribe(move |notice| {
        let _ = sender.unbounded_send(notice);
    });
    // A's own subscription must not hear A's notices.
    let (own_sender, mut own_notices) = futures::channel::mpsc::unbounded::<ChangeNotice>();
    radio_a.subscribe(move |notice| {
        let _ = own_sender.unbounded_send(notice);
    });

    let mut step = copy_b.steps[0].clone();
    step.title = "Entwurf v2".into();
    let set = ChangeSet::new().put(AnyRecord::Step(step.clone()));
    tab_a.apply(&set).await.expect("apply");
    radio_a
        .announce(&radio_a.notice(set.keys()))
        .expect("announce");

    let notice = notices.next().await.expect("a notice arrives");
    assert_eq!(notice.from_tab, radio_a.tab_id());
    assert!(!notice.replaced_all);
    let update = tab_b
        .load_changes(&notice.keys)
        .await
        .expect("load changes");
    update.apply_to(&mut copy_b);
    assert_eq!(copy_b.steps, vec![step]);
    assert_eq!(copy_b, tab_a.load_all().await.expect("load"));
    assert!(
        own_notices.try_recv().is_err(),
        "no notice to the sending tab itself"
    );

    tab_a.close();
    tab_b.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn concurrent_edits_of_different_records_both_survive() {
    let name = fresh_name();
    let tab_a = open(&name).await;
    let tab_b = open(&name).await;
    tab_a.replace_all(&sample()).await.expect("replace");
    let data = tab_a.load_all().await.expect("load");

    let mut project = data.projects[0].clone();
    project.name = "edited in A".into();
    let mut contact = data.contacts[0].clone();
    contact.name = "edited in B".into();
    let set_a = ChangeSet::new().put(AnyRecord::Project(project.clone()));
    let set_b = ChangeSet::new().put(AnyRecord::Contact(contact.clone()));
    let (a, b) = futures::join!(tab_a.apply(&set_a), tab_b.apply(&set_b));
    a.expect("apply in A");
    b.expect("apply in B");

    for tab in [&tab_a, &tab_b] {
        let now = tab.load_all().await.expect("load");
        assert_eq!(now.projects, vec![project.clone()]);
        assert_eq!(now.contacts, vec![contact.clone()]);
        assert_eq!(now.steps, data.steps);
    }
    tab_a.close();
    tab_b.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

async fn a_failing_second_write_leaves_the_first_unstored(fault: ApplyFault) {
    let name = fresh_name();
    let store = open(&name).await;
    let data = sample();
    store.replace_all(&data).await.expect("replace");

    let mut renamed = data.projects[0].clone();
    renamed.name = "never stored".into();
    let new_contact = Contact::new("never stored either", at(5));
    let set = ChangeSet::new()
        .put(AnyRecord::Project(renamed))
        .put(AnyRecord::Contact(new_contact));
    store.inject_apply_fault(fault);
    let result = store.apply(&set).await;
    assert!(matches!(result, Err(StoreError::Aborted(_))), "{result:?}");
    assert_eq!(store.load_all().await.expect("load"), data);

    // The store is still usable afterwards.
    store.apply(&set).await.expect("apply without fault");
    assert_ne!(store.load_all().await.expect("load"), data);
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_write_that_throws_rolls_back_the_writes_before_it() {
    a_failing_second_write_leaves_the_first_unstored(ApplyFault::InvalidValueAt(1)).await;
}

#[wasm_bindgen_test]
async fn a_write_that_fails_later_rolls_back_the_writes_before_it() {
    a_failing_second_write_leaves_the_first_unstored(ApplyFault::DuplicateAddAt(1)).await;
}

#[wasm_bindgen_test]
async fn snapshots_round_trip_and_only_the_newest_are_kept() {
    let name = fresh_name();
    let store = open(&name).await;
    let data = sample();
    let mut saved = Vec::new();
    for i in 0..(SNAPSHOTS_KEPT as i64 + 1) {
        let snapshot = Snapshot::new(
            SnapshotReason::Text(format!("before import {i}")),
            data.clone(),
            at(i),
        );
        store.save_snapshot(&snapshot).await.expect("save");
        saved.push(snapshot);
    }
    saved.reverse();
    let listed = store.list_snapshots().await.expect("list");
    let expected: Vec<_> = saved
        .iter()
        .take(SNAPSHOTS_KEPT)
        .map(Snapshot::info)
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(
        store.load_snapshot(saved[0].id).await.expect("load"),
        Some(saved[0].clone())
    );
    let oldest = saved[SNAPSHOTS_KEPT].id;
    assert_eq!(store.load_snapshot(oldest).await.expect("load"), None);
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn replace_all_replaces_everything() {
    let name = fresh_name();
    let store = open(&name).await;
    store.replace_all(&sample()).await.expect("replace");
    let fresh = Dataset {
        projects: vec![Project::new("Neu", at(9))].into(),
        ..Dataset::default()
    };
    store.replace_all(&fresh).await.expect("replace again");
    assert_eq!(store.load_all().await.expect("load"), fresh);
    store.replace_all(&Dataset::default()).await.expect("clear");
    assert!(store.load_all().await.expect("load").is_empty());
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn an_open_tab_does_not_block_deleting_or_upgrading_the_database() {
    let name = fresh_name();
    let store = open(&name).await;
    store.replace_all(&sample()).await.expect("replace");
    // Deleting sends `versionchange` to open connections like an upgrade
    // does; the store closes, so the delete is not blocked.
    IndexedDbStore::delete(&name)
        .await
        .expect("delete while a tab is open");
    assert!(store.closed_by_other_tab());
    assert!(matches!(
        store.load_all().await,
        Err(StoreError::Unavailable(_))
    ));
}

#[wasm_bindgen_test]
fn preferences_are_kept_in_local_storage() {
    use chefsache::store::preferences::Preferences;
    let preferences = Preferences {
        federal_state: "BY".into(),
        language: Some("en".into()),
        ..Preferences::default()
    };
    preferences.save().expect("save");
    assert_eq!(Preferences::load(), preferences);
}

#[wasm_bindgen_test]
async fn the_browser_reports_storage_usage() {
    use chefsache::store::device;
    // Headless Chromium answers these; the values are the browser's to pick.
    assert!(device::is_persisted().await.is_ok());
    let estimate = device::estimate().await.expect("an estimate");
    assert!(estimate.quota > 0.0);
}

#[wasm_bindgen_test]
async fn a_large_replace_and_a_merge_write_in_bulk_across_batches() {
    let name = fresh_name();
    let store = open(&name).await;
    // More records than one batch of requests, so the transaction has to
    // stay open across the awaits between batches.
    let t = Utc
        .with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut data = sample();
    data.contacts = (0..2500)
        .map(|i| Contact::new(format!("Kontakt {i}"), t + Duration::seconds(i)))
        .collect();
    store.replace_all(&data).await.expect("replace");
    assert_eq!(store.load_all().await.expect("load"), data);

    // A merge puts only what it changes and keeps the rest.
    let mut renamed = data.contacts[1200].clone();
    renamed.name = "Kontakt umbenannt".into();
    let newcomer = Contact::new("Neu", t + Duration::days(1));
    let changed = Dataset {
        contacts: vec![renamed.clone(), newcomer.clone()].into(),
        ..Dataset::default()
    };
    store.put_all(&changed).await.expect("put");
    let after = store.load_all().await.expect("load");
    assert_eq!(after.contacts.len(), 2501);
    assert_eq!(after.contacts[1200], renamed);
    assert_eq!(after.contacts.last(), Some(&newcomer));
    assert_eq!(after.projects, data.projects);
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}
