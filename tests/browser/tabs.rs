//! Two tabs on one IndexedDB database, in a real browser: two connections
//! in one page serialise their read-write transactions exactly like two
//! tabs do. The races of issue 8 are fired at once (both writes issued
//! before either is awaited), many times over, and afterwards nothing is
//! lost and nothing broken is stored. Also: a damaged database (a record
//! that cannot be read, one that breaks a rule) still loads the rest.

use chefsache::domain::fields::FieldChange;
use chefsache::domain::{Dataset, Project, RecordKind, Step, ValidationError};
use chefsache::store::{
    AnyRecord, Applied, Change, ChangeSet, IndexedDbStore, RecordKey, Refusal, SetAsideReason,
    Store,
};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

const ROUNDS: usize = 15;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

fn fresh_name() -> String {
    format!("chefsache-tabs-{}", uuid::Uuid::new_v4())
}

async fn open(name: &str) -> IndexedDbStore {
    IndexedDbStore::open(name).await.expect("open the database")
}

fn project_key(p: &Project) -> RecordKey {
    RecordKey {
        kind: RecordKind::Project,
        id: p.id.0,
    }
}

fn base() -> (Dataset, Project, Step) {
    let p = Project::new("Messestand Hannover", at());
    let s = Step::new(p.id, "Planung", at());
    let data = Dataset {
        projects: vec![p.clone()].into(),
        steps: vec![s.clone()].into(),
        ..Dataset::default()
    };
    (data, p, s)
}

#[wasm_bindgen_test]
async fn deleting_a_project_while_the_other_tab_adds_a_step_never_stores_an_orphan() {
    let name = fresh_name();
    let (tab_a, tab_b) = (open(&name).await, open(&name).await);
    let mut outcomes = [0usize; 2];
    for round in 0..ROUNDS {
        let (data, p, s) = base();
        tab_a.replace_all(&data).await.expect("replace");
        let delete = ChangeSet::new()
            .delete(RecordKind::Step, s.id.0)
            .delete(RecordKind::Project, p.id.0);
        let added = Step::new(p.id, format!("Nachtrag {round}"), at());
        let add = ChangeSet::new().put(AnyRecord::Step(added.clone()));
        // Alternate which request is issued first.
        let (a, b) = if round % 2 == 0 {
            futures::join!(tab_a.apply(&delete), tab_b.apply(&add))
        } else {
            let (b, a) = futures::join!(tab_b.apply(&add), tab_a.apply(&delete));
            (a, b)
        };
        let (a, b) = (a.expect("A answers"), b.expect("B answers"));
        assert!(
            a.is_written() != b.is_written(),
            "exactly one of the two is stored: {a:?} / {b:?}"
        );
        outcomes[usize::from(a.is_written())] += 1;
        for tab in [&tab_a, &tab_b] {
            let stored = tab.load_all().await.expect("load");
            assert_eq!(stored.validate(), Ok(()), "round {round}: nothing broken");
            if a.is_written() {
                assert!(stored.projects.is_empty() && stored.steps.is_empty());
            } else {
                assert_eq!(stored.steps.len(), 2, "the new step is kept");
            }
        }
        let refused = if a.is_written() { b } else { a };
        assert!(matches!(refused, Applied::Refused(Refusal::Invalid(_))));
    }
    assert!(outcomes.iter().sum::<usize>() == ROUNDS);
    tab_a.close();
    tab_b.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn renaming_while_the_other_tab_adds_a_step_with_a_new_area_keeps_both() {
    let name = fresh_name();
    let (tab_a, tab_b) = (open(&name).await, open(&name).await);
    for round in 0..ROUNDS {
        let (data, p, _) = base();
        tab_a.replace_all(&data).await.expect("replace");
        let renamed = format!("Messestand Hannover {round}");
        let rename = ChangeSet::of(vec![Change::Patch {
            key: project_key(&p),
            fields: vec![FieldChange {
                field: "name".into(),
                before: json!(p.name),
                after: json!(renamed),
            }],
            updated: at(),
        }]);
        let mut step = Step::new(p.id, "Aufbau", at());
        step.work_area = Some("Bühne".into());
        let add = ChangeSet::of(vec![
            Change::Patch {
                key: project_key(&p),
                fields: vec![FieldChange {
                    field: "work_areas".into(),
                    before: json!([]),
                    after: json!(["Bühne"]),
                }],
                updated: at(),
            },
            Change::Put(AnyRecord::Step(step.clone())),
        ]);
        let (a, b) = if round % 2 == 0 {
            futures::join!(tab_a.apply(&rename), tab_b.apply(&add))
        } else {
            let (b, a) = futures::join!(tab_b.apply(&add), tab_a.apply(&rename));
            (a, b)
        };
        assert_eq!(a.expect("A answers"), Applied::CLEAN);
        assert_eq!(b.expect("B answers"), Applied::CLEAN);
        let stored = tab_b.load_all().await.expect("load");
        assert_eq!(
            stored.projects[0].name, renamed,
            "round {round}: rename kept"
        );
        assert_eq!(stored.projects[0].work_areas, vec!["Bühne".to_string()]);
        assert!(stored.step(step.id).is_some());
    }
    tab_a.close();
    tab_b.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn the_same_field_from_two_tabs_keeps_one_value_and_reports_the_other() {
    let name = fresh_name();
    let (tab_a, tab_b) = (open(&name).await, open(&name).await);
    let (data, p, _) = base();
    tab_a.replace_all(&data).await.expect("replace");
    let rename = |to: &str| {
        ChangeSet::of(vec![Change::Patch {
            key: project_key(&p),
            fields: vec![FieldChange {
                field: "name".into(),
                before: json!(p.name),
                after: json!(to),
            }],
            updated: at(),
        }])
    };
    let (from_a, from_b) = (rename("Von A"), rename("Von B"));
    let (a, b) = futures::join!(tab_a.apply(&from_a), tab_b.apply(&from_b));
    let (a, b) = (a.expect("A"), b.expect("B"));
    let stored = tab_a.load_all().await.expect("load").projects[0]
        .name
        .clone();
    let loser = if stored == "Von A" { b } else { a };
    let Applied::Written { conflicts } = loser else {
        panic!("the later write is stored with a conflict");
    };
    assert_eq!(conflicts[0].fields[0].theirs, json!(stored));
    tab_a.close();
    tab_b.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_damaged_database_loads_the_rest_and_sets_the_unreadable_record_aside() {
    let name = fresh_name();
    let store = open(&name).await;
    let (data, p, _) = base();
    store.replace_all(&data).await.expect("replace");
    let broken_id = uuid::Uuid::new_v4().to_string();
    store
        .put_raw(
            RecordKind::Step,
            &broken_id,
            r#"{"id": 17, "title": ["kaputt"]}"#,
        )
        .await
        .expect("store an undecodable record");
    let orphan = Step::new(chefsache::domain::ProjectId::new(), "Verwaist", at());
    store
        .put_raw(
            RecordKind::Step,
            &orphan.id.0.to_string(),
            &AnyRecord::Step(orphan.clone()).to_json(),
        )
        .await
        .expect("store a record that breaks a rule");

    let loaded = store.load_all().await.expect("the rest loads");
    assert_eq!(loaded.projects, vec![p]);
    assert_eq!(loaded.steps.len(), 2, "the good step and the orphan");
    let errors = loaded.validate().expect_err("the orphan breaks a rule");
    assert!(matches!(
        errors.as_slice(),
        [ValidationError::MissingReference { .. }]
    ));
    let aside = store.list_set_aside().await.expect("list");
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].record_id.as_deref(), Some(broken_id.as_str()));
    assert!(aside[0].raw.contains("kaputt"), "kept raw");
    assert!(matches!(
        aside[0].reason,
        SetAsideReason::Undecodable { .. }
    ));

    // The unreadable record left the step store: a restore that replaces
    // everything does not replace it with nothing, and a reload does not
    // set it aside twice.
    store.close();
    let store = open(&name).await;
    assert_eq!(store.load_all().await.expect("load").steps.len(), 2);
    store
        .replace_all(&Dataset::default())
        .await
        .expect("replace");
    assert_eq!(store.list_set_aside().await.expect("list").len(), 1);
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn a_version_one_database_is_upgraded_and_keeps_its_records() {
    use chefsache::store::schema::object_stores;
    use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
    use wasm_bindgen::JsValue;

    let name = fresh_name();
    let (data, p, _) = base();
    let factory = Factory::new().expect("IndexedDB");
    let mut request = factory.open(&name, Some(1)).expect("open version 1");
    request.on_upgrade_needed(|event| {
        let db = event.database().expect("the database");
        for (store, key) in object_stores(1) {
            let mut params = ObjectStoreParams::new();
            if key == chefsache::store::schema::KeyKind::IdProperty {
                params.key_path(Some(KeyPath::new_single("id")));
            }
            db.create_object_store(store, params).expect("create");
        }
    });
    let db = request.await.expect("version 1 opened");
    let tx = db
        .transaction(&["projects"], TransactionMode::ReadWrite)
        .expect("transaction");
    let value = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&value, &"id".into(), &p.id.0.to_string().into());
    let json = AnyRecord::Project(p.clone()).to_json();
    let _ = js_sys::Reflect::set(&value, &"json".into(), &JsValue::from_str(&json));
    tx.object_store("projects")
        .expect("projects")
        .put(&value.into(), None)
        .expect("put")
        .await
        .expect("stored");
    // Closed only after the commit, so the upgrade is not blocked.
    let _ = tx.commit().expect("commit").await;
    db.close();

    let store = open(&name).await;
    let loaded = store.load_all().await.expect("load after the upgrade");
    assert_eq!(loaded.projects, data.projects, "the records are kept");
    assert!(store
        .list_set_aside()
        .await
        .expect("the new store")
        .is_empty());
    store.close();
    IndexedDbStore::delete(&name).await.expect("delete");
}
