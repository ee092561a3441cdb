//! Sync through CouchDB replication (issue 14), the pure core: documents,
//! revisions, the field merge, conflicts, what arrives and what leaves,
//! and the settings that decide where data may go.
// Property tests run natively only (proptest is a native dev-dependency).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use chefsache::domain::fields::Fields;
use chefsache::domain::{Dataset, RecordKind};
use chefsache::exchange::backup::parse_backup;
use chefsache::store::change::{all_records, find};
use chefsache::store::{AnyRecord, Change, ChangeSet, RecordKey};
use chefsache::sync::conflicts::{auto_merge, conflict_from_revisions, deletion, resolution};
use chefsache::sync::doc::{
    self, deleted_doc, from_doc, to_doc, DocRefusal, RemoteDoc, CLOSED_FIELD, KIND_FIELD,
    META_FIELDS, SCHEMA_FIELD, SCHEMA_VERSION,
};
use chefsache::sync::inbound::{change_set_for, change_set_for_docs};
use chefsache::sync::merge::{keep_whole, merge_fields, resolve, FieldChoice, Merge, Side};
use chefsache::sync::outbound::{docs_for, docs_for_replacement};
use chefsache::sync::rev::{winner, Rev};
use chefsache::sync::settings::{project_database, SettingsError, SyncSettings};
use chefsache::sync::status::{from_http_status, SyncError, SyncState};
use proptest::prelude::*;
use serde_json::{json, Value};

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

fn sample() -> Dataset {
    parse_backup(FREELANCER.as_bytes())
        .expect("the sample imports")
        .data
}

fn rev(text: &str) -> Rev {
    Rev::parse(text).expect("a revision")
}

fn fields(value: Value) -> Fields {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// A document as it comes back from PouchDB: through JSON text.
fn over_the_wire(doc: &doc::Doc) -> Value {
    serde_json::from_str(&serde_json::to_string(doc).expect("a doc is JSON")).expect("JSON")
}

/// Every record by key, for comparing datasets whatever the list order.
fn by_key(data: &Dataset) -> BTreeMap<RecordKey, AnyRecord> {
    all_records(data).map(|r| (r.key(), r)).collect()
}

fn first_step(data: &Dataset) -> AnyRecord {
    AnyRecord::Step(data.steps.iter().next().expect("a step").clone())
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

#[test]
fn every_record_of_every_kind_comes_back_from_its_document() {
    let data = sample();
    let mut kinds_seen = Vec::new();
    for record in all_records(&data) {
        if !kinds_seen.contains(&record.kind()) {
            kinds_seen.push(record.kind());
        }
        // Our own fields never collide with the record's.
        for name in record.to_fields().keys() {
            assert!(!name.starts_with('_'), "{name}");
            assert!(!META_FIELDS.contains(&name.as_str()), "{name}");
        }
        let doc = to_doc(&record, Some("3-abc"));
        assert_eq!(doc["_id"], json!(record.uuid().hyphenated().to_string()));
        assert_eq!(
            doc["_id"].as_str().map(str::to_lowercase),
            doc["_id"].as_str().map(str::to_owned)
        );
        assert_eq!(doc["_rev"], json!("3-abc"));
        assert_eq!(doc[SCHEMA_FIELD], json!(SCHEMA_VERSION));
        assert_eq!(
            doc[KIND_FIELD].as_str().and_then(doc::kind_from_name),
            Some(record.kind())
        );
        let remote = from_doc(&over_the_wire(&doc)).expect("reads back");
        assert_eq!(remote.key, record.key());
        assert_eq!(remote.rev, rev("3-abc"));
        assert!(!remote.deleted);
        assert_eq!(remote.record.as_ref(), Some(&record));
        assert!(remote.conflicts.is_empty());
    }
    assert_eq!(kinds_seen.len(), RecordKind::ALL.len(), "{kinds_seen:?}");
}

#[test]
fn a_new_record_has_no_rev_and_a_tombstone_keeps_its_kind() {
    let data = sample();
    let step = first_step(&data);
    assert!(!to_doc(&step, None).contains_key("_rev"));
    let tomb = deleted_doc(step.key(), "4-dead");
    assert_eq!(tomb["_deleted"], json!(true));
    assert_eq!(tomb[KIND_FIELD], json!("step"));
    let remote = from_doc(&over_the_wire(&tomb)).expect("a tombstone reads");
    assert!(remote.deleted);
    assert_eq!(remote.record, None);
    assert_eq!(remote.key, step.key());
}

#[test]
fn a_document_of_a_newer_schema_is_refused_not_decoded() {
    let data = sample();
    let step = first_step(&data);
    let mut doc = to_doc(&step, Some("2-a"));
    doc.insert(SCHEMA_FIELD.into(), json!(SCHEMA_VERSION + 1));
    // A newer app may have reshaped fields; nothing is read from them.
    doc.insert("duration_days".into(), json!({"min": 2, "max": 4}));
    let id = step.uuid().to_string();
    assert_eq!(
        from_doc(&Value::Object(doc.clone())),
        Err(DocRefusal::NewerSchema {
            id,
            schema: SCHEMA_VERSION + 1
        })
    );
    assert!(!doc::may_overwrite(&Value::Object(doc)));
    assert!(doc::may_overwrite(&Value::Object(to_doc(
        &step,
        Some("2-a")
    ))));
}

#[test]
fn a_document_of_the_first_schema_is_upgraded_like_an_old_backup() {
    let id = "5b0c3f0e-8f9a-4b5e-9a43-2c2f00d1e001";
    let old = json!({
        "_id": id, "_rev": "7-x", "type": "project", "schema": 1,
        "id": id, "name": "Altbau", "created": "2025-01-01T00:00:00Z",
        "updated": "2025-01-02T00:00:00Z", "budget_revenue": 1234.5
    });
    let remote = from_doc(&old).expect("migrates");
    let Some(AnyRecord::Project(project)) = remote.record else {
        panic!("a project")
    };
    assert_eq!(project.name, "Altbau");
    assert_eq!(project.planned_revenue.cents(), 123_450);
}

#[test]
fn a_damaged_document_is_refused_with_the_path_of_the_problem() {
    let data = sample();
    let step = data
        .steps
        .iter()
        .find(|s| !s.dependencies.is_empty())
        .expect("a step with dependencies")
        .clone();
    let id = step.id.0.to_string();
    let mut doc = over_the_wire(&to_doc(&AnyRecord::Step(step), Some("1-a")));
    doc["dependencies"][0]["lag_days"] = json!("zwei");
    match from_doc(&doc) {
        Err(DocRefusal::Malformed { id: got, path, .. }) => {
            assert_eq!(got, id);
            assert_eq!(path, "dependencies[0].lag_days");
        }
        other => panic!("{other:?}"),
    }
    doc["dependencies"][0]["lag_days"] = json!(0);
    doc["title"] = json!(42);
    assert!(matches!(from_doc(&doc), Err(DocRefusal::Malformed { path, .. }) if path == "title"));
    doc["title"] = json!("ok");
    doc["_rev"] = json!("no-rev-here");
    assert!(matches!(from_doc(&doc), Err(DocRefusal::Malformed { path, .. }) if path == "_rev"));
    doc["_rev"] = json!("2-b");
    doc[KIND_FIELD] = json!("invoice");
    assert_eq!(
        from_doc(&doc),
        Err(DocRefusal::UnknownKind {
            id: id.clone(),
            kind: "invoice".into()
        })
    );
    doc[KIND_FIELD] = json!("step");
    doc["id"] = json!("5b0c3f0e-8f9a-4b5e-9a43-2c2f00d1e001");
    assert!(matches!(from_doc(&doc), Err(DocRefusal::Malformed { path, .. }) if path == "id"));
}

#[test]
fn design_documents_and_checkpoints_are_not_records() {
    let upper = "5B0C3F0E-8F9A-4B5E-9A43-2C2F00D1E001";
    let simple = "5b0c3f0e8f9a4b5e9a432c2f00d1e001";
    for id in [
        "_design/chefsache",
        "_local/abc123",
        "readme",
        upper,
        simple,
    ] {
        assert_eq!(
            from_doc(&json!({"_id": id, "_rev": "1-a"})),
            Err(DocRefusal::NotARecord { id: id.into() })
        );
    }
    // A newer app's kind, deleted: nothing here to delete, nothing to say.
    let id = "5b0c3f0e-8f9a-4b5e-9a43-2c2f00d1e001";
    let tomb = json!({"_id": id, "_rev": "2-a", "_deleted": true, "type": "invoice"});
    assert_eq!(
        from_doc(&tomb),
        Err(DocRefusal::NotARecord { id: id.into() })
    );
}

#[test]
fn a_stock_clients_tombstone_without_kind_deletes_the_local_record() {
    // `db.remove(doc)` in PouchDB keeps only _id, _rev and _deleted.
    let data = sample();
    // A record nothing else points to.
    let step = all_records(&data)
        .find(|r| r.kind() == RecordKind::TimeEntry)
        .expect("a time entry");
    let tomb = json!({"_id": step.uuid().to_string(), "_rev": "5-z", "_deleted": true});
    let inbound = change_set_for_docs(std::slice::from_ref(&tomb), &data);
    assert_eq!(inbound.changes.changes, vec![Change::Delete(step.key())]);
    assert!(inbound.refused.is_empty());
    // Unknown here: nothing to delete, nothing to report.
    let inbound = change_set_for_docs(&[tomb], &Dataset::new());
    assert!(inbound.changes.is_empty() && inbound.refused.is_empty());
}

// ---------------------------------------------------------------------------
// Revisions: the examples of CouchDB's documentation
// ---------------------------------------------------------------------------

#[test]
fn the_winner_is_the_one_couchdb_shows() {
    // "Replication and conflict model", the conflicts view: the winning
    // `_rev` and its `_conflicts`.
    let leaves = [
        (rev("2-65db2a11b5172bf928e3bcf59f728970"), false),
        (rev("2-b91bb807b4685080c6a651115ff558f5"), false),
        (rev("2-5bc3c6319edf62d4c624277fdd0ae191"), false),
    ];
    assert_eq!(
        winner(&leaves),
        Some(&rev("2-b91bb807b4685080c6a651115ff558f5"))
    );
    // The guide's example: same generation, the greater hash in ASCII order.
    let leaves = [
        (rev("2-7c971bb974251ae8541b8fe045964219"), false),
        (rev("2-de0ea16f8621cbac506d23a0fbbde08a"), false),
    ];
    assert_eq!(
        winner(&leaves),
        Some(&rev("2-de0ea16f8621cbac506d23a0fbbde08a"))
    );
    // The revision tree: r4a beats r3b and r3c (longest history) …
    let leaves = [
        (rev("3-b"), false),
        (rev("4-a"), false),
        (rev("3-c"), false),
    ];
    assert_eq!(winner(&leaves), Some(&rev("4-a")));
    // … and after the resolution r5a wins over the deleted r4b and r4c.
    let leaves = [(rev("4-b"), true), (rev("5-a"), false), (rev("4-c"), true)];
    assert_eq!(winner(&leaves), Some(&rev("5-a")));
    // `_conflicts?deleted=true`: a live leaf wins over a longer deleted one.
    let leaves = [
        (rev("5-a0efbb1990c961a078dc5308d03b7044"), false),
        (rev("5-dd31186f5aa11ebd47eb664fb342f1b1"), false),
        (rev("6-bdc15320c0850d4ee90ff43d1d298d5d"), true),
    ];
    assert_eq!(
        winner(&leaves),
        Some(&rev("5-dd31186f5aa11ebd47eb664fb342f1b1"))
    );
    // Every leaf deleted: the document is deleted; the greatest wins.
    let leaves = [
        (rev("2-10009b36e28478b213e04e71c1e08beb"), true),
        (rev("2-eec205a9d413992850a6e32678485900"), true),
    ];
    assert_eq!(
        winner(&leaves),
        Some(&rev("2-eec205a9d413992850a6e32678485900"))
    );
    assert_eq!(winner(&[]), None);
}

#[test]
fn revisions_order_by_generation_then_hash_and_print_as_they_read() {
    let mut revs = [rev("10-a"), rev("9-z"), rev("2-b"), rev("2-a")];
    revs.sort();
    let text: Vec<String> = revs.iter().map(Rev::to_string).collect();
    assert_eq!(text, ["2-a", "2-b", "9-z", "10-a"]);
    assert_eq!(
        serde_json::to_value(rev("3-f00")).ok(),
        Some(json!("3-f00"))
    );
}

// ---------------------------------------------------------------------------
// Three-way merge
// ---------------------------------------------------------------------------

fn version(name: &str, notes: &str, updated: &str) -> Fields {
    fields(json!({"id": "p", "name": name, "notes": notes,
        "created": "2026-01-01T00:00:00Z", "updated": updated}))
}

#[test]
fn changes_to_different_fields_merge_and_say_from_where() {
    let ancestor = version("Shop", "", "2026-01-01T00:00:00Z");
    let ours = version("Shop neu", "", "2026-01-02T00:00:00Z");
    let theirs = version("Shop", "Anruf Mo", "2026-01-03T00:00:00Z");
    match merge_fields(Some(&ancestor), &ours, &theirs) {
        Merge::Merged {
            fields,
            taken_from_theirs,
            taken_from_ours,
        } => {
            assert_eq!(fields["name"], json!("Shop neu"));
            assert_eq!(fields["notes"], json!("Anruf Mo"));
            // The bookkeeping follows the later edit and never conflicts.
            assert_eq!(fields["updated"], json!("2026-01-03T00:00:00Z"));
            assert_eq!(taken_from_theirs, ["notes"]);
            assert_eq!(taken_from_ours, ["name"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_same_field_changed_differently_is_a_choice() {
    let ancestor = version("Shop", "", "2026-01-01T00:00:00Z");
    let ours = version("Shop A", "x", "2026-01-02T00:00:00Z");
    let theirs = version("Shop B", "", "2026-01-03T00:00:00Z");
    let Merge::Conflicting { merged, fields } = merge_fields(Some(&ancestor), &ours, &theirs)
    else {
        panic!("a conflict")
    };
    assert_eq!(
        fields,
        vec![FieldChoice {
            field: "name".into(),
            ancestor: Some(json!("Shop")),
            ours: Some(json!("Shop A")),
            theirs: Some(json!("Shop B")),
        }]
    );
    // What could be merged is merged (notes from ours).
    assert_eq!(merged["notes"], json!("x"));
    let picked = resolve(merged.clone(), &fields, &[("name".into(), Side::Theirs)]);
    assert_eq!(picked["name"], json!("Shop B"));
    assert_eq!(picked["notes"], json!("x"));
    assert_eq!(resolve(merged, &fields, &[])["name"], json!("Shop A"));
}

#[test]
fn without_an_ancestor_every_difference_is_a_choice() {
    let ours = version("A", "same", "2026-01-02T00:00:00Z");
    let theirs = version("B", "same", "2026-01-03T00:00:00Z");
    let Merge::Conflicting { fields, .. } = merge_fields(None, &ours, &theirs) else {
        panic!("a conflict")
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].ancestor, None);
    // Equal content with different stamps is the same record.
    let later = version("A", "same", "2026-02-01T00:00:00Z");
    assert_eq!(merge_fields(None, &ours, &later), Merge::Same);
}

#[test]
fn keeping_one_whole_version_takes_its_content() {
    let ours = version("A", "mine", "2026-01-02T00:00:00Z");
    let theirs = version("B", "theirs", "2026-01-03T00:00:00Z");
    let kept = keep_whole(Side::Ours, &ours, &theirs);
    assert_eq!(kept["name"], json!("A"));
    assert_eq!(kept["notes"], json!("mine"));
    assert_eq!(kept["updated"], json!("2026-01-03T00:00:00Z"));
}

// ---------------------------------------------------------------------------
// Conflicts and their resolution
// ---------------------------------------------------------------------------

/// The same step on two devices, edited apart from `base`.
fn step_versions() -> (AnyRecord, AnyRecord, AnyRecord) {
    let data = sample();
    let AnyRecord::Step(base) = first_step(&data) else {
        unreachable!()
    };
    let mut ours = base.clone();
    ours.title = "Titel von hier".into();
    let mut theirs = base.clone();
    theirs.effort_hours = 99.0;
    (
        AnyRecord::Step(base),
        AnyRecord::Step(ours),
        AnyRecord::Step(theirs),
    )
}

fn remote(record: &AnyRecord, rev_text: &str, conflicts: &[&str]) -> RemoteDoc {
    let mut doc = to_doc(record, Some(rev_text));
    if !conflicts.is_empty() {
        doc.insert("_conflicts".into(), json!(conflicts));
    }
    from_doc(&over_the_wire(&doc)).expect("reads")
}

#[test]
fn non_overlapping_edits_resolve_automatically_on_the_winner() {
    let (base, ours, theirs) = step_versions();
    let win = remote(&ours, "3-bbb", &["3-aaa"]);
    let lose = remote(&theirs, "3-aaa", &[]);
    let ancestor = over_the_wire(&to_doc(&base, Some("2-base")));
    let conflict = conflict_from_revisions(&win, &[lose], Some(&ancestor)).expect("a conflict");
    assert_eq!(conflict.others.len(), 1);
    let resolution = auto_merge(&conflict).expect("merges without a person");
    assert_eq!(resolution.put["_rev"], json!("3-bbb"));
    assert_eq!(resolution.delete, vec![rev("3-aaa")]);
    let Some(AnyRecord::Step(step)) = &resolution.record else {
        panic!("a step")
    };
    assert_eq!(step.title, "Titel von hier");
    assert_eq!(step.effort_hours, 99.0);
    // The losers become tombstones on their own revision, marked closed.
    let tombs = resolution.tombstones();
    assert_eq!(tombs.len(), 1);
    assert_eq!(tombs[0]["_rev"], json!("3-aaa"));
    assert_eq!(tombs[0]["_deleted"], json!(true));
    assert_eq!(tombs[0][CLOSED_FIELD], json!(true));
    // The put is an ordinary document of the record.
    let put = from_doc(&over_the_wire(&resolution.put)).expect("reads");
    assert_eq!(put.record, resolution.record);
}

#[test]
fn the_same_field_changed_on_both_sides_waits_for_the_person() {
    let (base, ours, _) = step_versions();
    let AnyRecord::Step(mut other) = base.clone() else {
        unreachable!()
    };
    other.title = "Titel von dort".into();
    let theirs = AnyRecord::Step(other);
    let win = remote(&ours, "3-bbb", &["3-aaa"]);
    let lose = remote(&theirs, "3-aaa", &[]);
    let ancestor = over_the_wire(&to_doc(&base, Some("2-base")));
    let conflict = conflict_from_revisions(&win, &[lose], Some(&ancestor)).expect("a conflict");
    assert_eq!(auto_merge(&conflict), None);
    let Merge::Conflicting { merged, fields } = conflict.merge() else {
        panic!("choices")
    };
    assert_eq!(fields.len(), 1);
    let chosen = resolve(merged, &fields, &[("title".into(), Side::Theirs)]);
    let kept = conflict.keep(Side::Theirs).expect("their version");
    assert_eq!(kept.put["title"], json!("Titel von dort"));
    assert_eq!(kept.put["_rev"], json!("3-bbb"));
    let resolution = resolution(&conflict, chosen).expect("a record");
    assert_eq!(resolution.put["title"], json!("Titel von dort"));
    assert_eq!(resolution.put["_rev"], json!("3-bbb"));
    assert_eq!(resolution.delete, vec![rev("3-aaa")]);
}

#[test]
fn a_deletion_against_an_edit_is_shown_and_either_side_can_be_kept() {
    let (_, ours, _) = step_versions();
    let mut doc = to_doc(&ours, Some("4-edit"));
    doc.insert("_deleted_conflicts".into(), json!(["4-del"]));
    let win = from_doc(&over_the_wire(&doc)).expect("reads");
    assert!(win.may_be_in_conflict());
    let deleted = from_doc(&over_the_wire(&deleted_doc(ours.key(), "4-del"))).expect("reads");
    let conflict = conflict_from_revisions(&win, &[deleted], None).expect("delete vs edit");
    assert!(conflict.is_delete_vs_edit());
    assert_eq!(auto_merge(&conflict), None, "a person decides");

    // Keep the edit: the deletion's leaf is closed, so it never comes back.
    let keep = resolution(&conflict, conflict.winner.fields.clone()).expect("a record");
    assert_eq!(keep.record.as_ref(), Some(&ours));
    assert_eq!(keep.delete, vec![rev("4-del")]);
    let closed = from_doc(&over_the_wire(&keep.tombstones()[0])).expect("reads");
    assert!(closed.closed);
    assert_eq!(conflict_from_revisions(&win, &[closed], None), None);

    assert_eq!(
        conflict.keep(Side::Ours).map(|r| r.record),
        Ok(Some(ours.clone()))
    );

    // Delete: a tombstone on the winner; the app deletes the record.
    assert_eq!(conflict.keep(Side::Theirs), Ok(deletion(&conflict)));
    let empty = resolution(&conflict, Fields::new()).expect("the deletion kept");
    assert_eq!(empty, deletion(&conflict));
    let gone = deletion(&conflict);
    assert_eq!(gone.record, None);
    assert_eq!(gone.put["_deleted"], json!(true));
    assert_eq!(gone.put["_rev"], json!("4-edit"));
}

#[test]
fn a_resolved_conflict_is_no_conflict() {
    let (_, ours, theirs) = step_versions();
    let win = remote(&ours, "5-a", &[]);
    // Only closed tombstones beside it.
    let mut doc = to_doc(&ours, Some("5-a"));
    doc.insert("_deleted_conflicts".into(), json!(["4-b"]));
    let win_with_history = from_doc(&over_the_wire(&doc)).expect("reads");
    let closed =
        from_doc(&over_the_wire(&doc::closing_tombstone(theirs.key(), "4-b"))).expect("reads");
    assert_eq!(conflict_from_revisions(&win, &[], None), None);
    assert_eq!(
        conflict_from_revisions(&win_with_history, &[closed], None),
        None
    );
}

// ---------------------------------------------------------------------------
// Inbound
// ---------------------------------------------------------------------------

fn docs_of(data: &Dataset) -> Vec<RemoteDoc> {
    all_records(data)
        .map(|r| from_doc(&over_the_wire(&to_doc(&r, Some("1-a")))).expect("reads"))
        .collect()
}

/// Applies what arrives in `batches` to `local` as the bridge would:
/// held documents go again with the next batch.
fn receive(mut local: Dataset, batches: &[Vec<RemoteDoc>]) -> (Dataset, Vec<RemoteDoc>) {
    let mut held: Vec<RemoteDoc> = Vec::new();
    for batch in batches {
        let mut docs = held.clone();
        docs.extend(batch.iter().cloned());
        let inbound = change_set_for(&docs, &local);
        let before = local.clone();
        inbound.changes.apply_to(&mut local);
        let touched: Vec<_> = inbound
            .changes
            .keys()
            .iter()
            .map(|k| (k.kind, k.id))
            .collect();
        assert_eq!(
            chefsache::domain::added_errors_in(&before, &local, &touched),
            vec![],
            "the store would take it"
        );
        let held_keys: Vec<RecordKey> = inbound.held.iter().map(|h| h.key).collect();
        held = docs
            .into_iter()
            .filter(|d| held_keys.contains(&d.key))
            .collect();
    }
    (local, held)
}

#[test]
fn receiving_the_same_documents_twice_changes_nothing_the_second_time() {
    let data = sample();
    let docs = docs_of(&data);
    let first = change_set_for(&docs, &Dataset::new());
    assert!(first.held.is_empty(), "{:?}", first.held);
    assert_eq!(first.changes.changes.len(), docs.len());
    let mut local = Dataset::new();
    first.changes.apply_to(&mut local);
    assert_eq!(by_key(&local), by_key(&data));
    let second = change_set_for(&docs, &local);
    assert!(second.changes.is_empty(), "{:?}", second.changes);
    assert!(second.held.is_empty());
}

#[test]
fn a_step_before_its_project_waits_and_then_goes_in() {
    let data = sample();
    let step = first_step(&data);
    let AnyRecord::Step(s) = &step else {
        unreachable!()
    };
    let project = AnyRecord::Project(data.project(s.project).expect("its project").clone());
    let step_doc = remote(&step, "1-s", &[]);
    let project_doc = remote(&project, "1-p", &[]);
    // The step's predecessors and assignee must be there too: start from
    // everything else.
    let mut local = data.clone();
    ChangeSet::new()
        .delete(RecordKind::Step, step.uuid())
        .apply_to(&mut local);
    let without_project = {
        let mut d = local.clone();
        // Drop the project and everything that points to it.
        let pid = project.uuid();
        let keys: Vec<RecordKey> = all_records(&d)
            .filter(|r| r.key().id == pid || r.links().iter().any(|k| k.id == pid))
            .map(|r| r.key())
            .collect();
        ChangeSet::of(keys.into_iter().map(Change::Delete).collect()).apply_to(&mut d);
        d
    };
    let first = change_set_for(std::slice::from_ref(&step_doc), &without_project);
    assert!(first.changes.is_empty());
    assert_eq!(first.held.len(), 1);
    assert_eq!(first.held[0].key, step.key());
    let both = change_set_for(&[step_doc, project_doc], &without_project);
    assert!(
        both.held.iter().all(|h| h.key != step.key()),
        "{:?}",
        both.held
    );
    let mut after = without_project.clone();
    both.changes.apply_to(&mut after);
    assert!(find(&after, step.key()).is_some());
    assert!(find(&after, project.key()).is_some());
}

#[test]
fn deleting_a_project_before_its_steps_waits_for_their_deletions() {
    let data = sample();
    let project = AnyRecord::Project(data.projects.iter().next().expect("a project").clone());
    // The other device deleted the project with everything in it (and
    // what points to that: hours on its steps, …).
    let mut gone: Vec<RecordKey> = vec![project.key()];
    loop {
        let more: Vec<RecordKey> = all_records(&data)
            .filter(|r| !gone.contains(&r.key()))
            .filter(|r| r.links().iter().any(|k| gone.contains(k)))
            .map(|r| r.key())
            .collect();
        if more.is_empty() {
            break;
        }
        gone.extend(more);
    }
    let dependants: Vec<RecordKey> = gone[1..].to_vec();
    assert!(!dependants.is_empty());
    let tomb = |key: RecordKey| from_doc(&over_the_wire(&deleted_doc(key, "9-d"))).expect("reads");
    let first = change_set_for(&[tomb(project.key())], &data);
    assert!(
        first.changes.is_empty(),
        "a project others still need stays"
    );
    assert_eq!(first.held[0].key, project.key());
    let mut all: Vec<RemoteDoc> = vec![tomb(project.key())];
    all.extend(dependants.iter().copied().map(tomb));
    let later = change_set_for(&all, &data);
    let mut after = data.clone();
    later.changes.apply_to(&mut after);
    assert!(find(&after, project.key()).is_none(), "{:?}", later.held);
}

#[test]
fn refused_documents_are_reported_and_the_rest_goes_in() {
    let data = sample();
    let step = first_step(&data);
    let mut newer = to_doc(&step, Some("2-n"));
    newer.insert(SCHEMA_FIELD.into(), json!(SCHEMA_VERSION + 1));
    let design = json!({"_id": "_design/x", "_rev": "1-a", "views": {}});
    let contact = all_records(&data)
        .find(|r| r.kind() == RecordKind::Contact)
        .expect("a contact");
    let AnyRecord::Contact(mut renamed) = contact else {
        unreachable!()
    };
    renamed.name = "Neu".into();
    let renamed = AnyRecord::Contact(renamed);
    let docs = vec![
        Value::Object(newer),
        design,
        over_the_wire(&to_doc(&renamed, Some("2-c"))),
    ];
    let inbound = change_set_for_docs(&docs, &data);
    assert_eq!(inbound.refused.len(), 1);
    assert!(matches!(inbound.refused[0], DocRefusal::NewerSchema { .. }));
    assert_eq!(inbound.changes.changes, vec![Change::Put(renamed)]);
}

#[test]
fn a_document_in_conflict_is_named_for_the_bridge() {
    let data = sample();
    let step = first_step(&data);
    let inbound = change_set_for(&[remote(&step, "3-b", &["3-a"])], &data);
    assert_eq!(inbound.conflicts, vec![step.key()]);
}

/// A shuffle of `0..n` from proptest's choices.
fn shuffled(n: usize, keys: &[u32]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| keys.get(i).copied().unwrap_or(0));
    order
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Replication keeps no order: whatever order and batches the records
    /// arrive in, the device ends with exactly the other device's data.
    #[test]
    fn any_arrival_order_ends_in_the_same_data(
        keys in proptest::collection::vec(any::<u32>(), 65),
        batch in 1usize..12,
    ) {
        let data = sample();
        let docs = docs_of(&data);
        let order = shuffled(docs.len(), &keys);
        let arrivals: Vec<RemoteDoc> = order.iter().map(|&i| docs[i].clone()).collect();
        let batches: Vec<Vec<RemoteDoc>> = arrivals.chunks(batch).map(<[_]>::to_vec).collect();
        let (local, held) = receive(Dataset::new(), &batches);
        prop_assert!(held.is_empty(), "held: {:?}", held.iter().map(|d| d.key).collect::<Vec<_>>());
        prop_assert_eq!(by_key(&local), by_key(&data));

        // And the deletions of everything, in any order, leave nothing.
        let tombs: Vec<RemoteDoc> = order
            .iter()
            .rev()
            .map(|&i| from_doc(&over_the_wire(&deleted_doc(docs[i].key, "2-d"))).expect("reads"))
            .collect();
        let batches: Vec<Vec<RemoteDoc>> = tombs.chunks(batch).map(<[_]>::to_vec).collect();
        let (emptied, held) = receive(local, &batches);
        prop_assert!(held.is_empty());
        prop_assert!(emptied.is_empty());
    }
}

// ---------------------------------------------------------------------------
// Outbound
// ---------------------------------------------------------------------------

#[test]
fn an_edit_goes_out_on_its_known_revision_and_a_delete_as_a_tombstone() {
    let data = sample();
    let step = first_step(&data);
    let AnyRecord::Step(mut edited) = step.clone() else {
        unreachable!()
    };
    edited.title = "Neu".into();
    let changes = ChangeSet::new().put(AnyRecord::Step(edited.clone()));
    let mut after = data.clone();
    changes.apply_to(&mut after);
    let known = |k: &RecordKey| (k.id == step.uuid()).then(|| "4-k".to_string());
    let docs = docs_for(&changes, &after, &known);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["_rev"], json!("4-k"));
    assert_eq!(docs[0]["title"], json!("Neu"));

    let material = all_records(&data)
        .find(|r| r.kind() == RecordKind::Material)
        .expect("a material");
    let delete = ChangeSet::new().delete(RecordKind::Material, material.uuid());
    let mut after = data.clone();
    delete.apply_to(&mut after);
    let known = |_: &RecordKey| Some("2-m".to_string());
    let docs = docs_for(&delete, &after, &known);
    assert_eq!(docs, vec![deleted_doc(material.key(), "2-m")]);
    // A record the server never had: nothing to delete there.
    assert!(docs_for(&delete, &after, &|_: &RecordKey| None).is_empty());
}

#[test]
fn an_import_goes_out_as_the_records_that_differ_never_as_a_wipe() {
    let before = sample();
    let mut after = before.clone();
    let step = first_step(&before);
    let AnyRecord::Step(mut changed) = step.clone() else {
        unreachable!()
    };
    changed.title = "Aus der Sicherung".into();
    let contact = all_records(&before)
        .find(|r| r.kind() == RecordKind::Contact)
        .expect("a contact");
    let communication = all_records(&before)
        .find(|r| matches!(r, AnyRecord::Communication(c) if c.contact != Some(chefsache::domain::ContactId(contact.uuid()))))
        .expect("a communication");
    ChangeSet::new()
        .put(AnyRecord::Step(changed))
        .delete(RecordKind::Communication, communication.uuid())
        .apply_to(&mut after);
    let revs = |_: &RecordKey| Some("1-x".to_string());
    let docs = docs_for_replacement(&before, &after, &revs);
    assert_eq!(docs.len(), 2, "only what differs: {docs:?}");
    assert_eq!(docs[0]["_id"], json!(step.uuid().to_string()));
    assert_eq!(docs[0]["title"], json!("Aus der Sicherung"));
    assert_eq!(docs[1], deleted_doc(communication.key(), "1-x"));
    // The same data again: nothing at all.
    assert!(docs_for_replacement(&before, &before, &revs).is_empty());
}

// ---------------------------------------------------------------------------
// Settings and status
// ---------------------------------------------------------------------------

fn settings(server: &str) -> SyncSettings {
    SyncSettings {
        server: server.into(),
        database: "chefsache".into(),
        user: "anna".into(),
        enabled: true,
    }
}

#[test]
fn the_origin_is_exactly_scheme_host_and_port() {
    let origin = |s: &str| settings(s).check().map(|o| o.as_str().to_owned());
    assert_eq!(
        origin("https://Couch.Example.com"),
        Ok("https://couch.example.com".into())
    );
    assert_eq!(
        origin("  https://couch.example.com:6984/ "),
        Ok("https://couch.example.com:6984".into())
    );
    assert_eq!(
        origin("https://couch.example.com:443"),
        Ok("https://couch.example.com".into())
    );
    assert_eq!(
        origin("http://localhost:5984"),
        Ok("http://localhost:5984".into())
    );
    assert_eq!(
        origin("http://127.0.0.1:5984/"),
        Ok("http://127.0.0.1:5984".into())
    );
    assert_eq!(origin("http://[::1]:5984"), Ok("http://[::1]:5984".into()));
    assert_eq!(
        origin("https://example.com/couchdb"),
        Ok("https://example.com".into())
    );
    assert_eq!(
        settings("https://example.com/couchdb/").database_url(),
        Ok("https://example.com/couchdb/chefsache".into())
    );
    let mut team = settings("https://example.com");
    team.database = "team/plan+1".into();
    assert_eq!(
        team.database_url(),
        Ok("https://example.com/team%2Fplan%2B1".into())
    );
}

#[test]
fn hostile_server_addresses_are_refused_each_with_its_reason() {
    use SettingsError::*;
    let cases: &[(&str, SettingsError)] = &[
        ("", ServerMissing),
        ("   ", ServerMissing),
        ("couch.example.com", NotAUrl),
        (
            "ftp://couch.example.com",
            UnsupportedScheme {
                scheme: "ftp".into(),
            },
        ),
        (
            "javascript:alert(1)",
            UnsupportedScheme {
                scheme: "javascript".into(),
            },
        ),
        ("javascript:alert('x')", InvalidCharacter),
        ("https://999.1.1.1", InvalidHost),
        ("https://1.2.3", InvalidHost),
        ("https://[::1]x", InvalidHost),
        ("https://[fe80::1%25eth0]", InvalidHost),
        ("data:text/html;base64,x", InvalidCharacter),
        (
            "data:text/html",
            UnsupportedScheme {
                scheme: "data".into(),
            },
        ),
        (
            "file:///etc/passwd",
            UnsupportedScheme {
                scheme: "file".into(),
            },
        ),
        ("http://couch.example.com", InsecureHttp),
        ("http://192.168.1.5:5984", InsecureHttp),
        ("http://localhost.evil.com", InsecureHttp),
        ("https://anna:geheim@couch.example.com", CredentialsInUrl),
        ("https://couch.example.com@evil.com", CredentialsInUrl),
        ("https://couch.example.com; script-src *", InvalidCharacter),
        (
            "https://couch.example.com https://evil.com",
            InvalidCharacter,
        ),
        ("https://*.example.com", InvalidCharacter),
        ("https://couch.example.com'", InvalidCharacter),
        ("https://couch.example.com\"", InvalidCharacter),
        ("https://couch.example.com\\@evil.com", InvalidCharacter),
        ("https://couch.example.com\n.evil.com", InvalidCharacter),
        ("https://couch.example.com/\r\nX-Evil: 1", InvalidCharacter),
        ("https://couch.exa\tmple.com", InvalidCharacter),
        ("https://cöuch.example.com", InvalidCharacter),
        ("https://", HostMissing),
        ("https://:5984", HostMissing),
        ("https://couch..example.com", InvalidHost),
        ("https://-couch.example.com", InvalidHost),
        ("https://couch_db.example.com", InvalidHost),
        ("https://[::1", InvalidHost),
        ("https://[evil.com]", InvalidHost),
        ("https://couch.example.com:0", InvalidPort),
        ("https://couch.example.com:65536", InvalidPort),
        ("https://couch.example.com:http", InvalidPort),
        ("https://couch.example.com:", InvalidPort),
        ("https://couch.example.com/../admin", InvalidPath),
        ("https://couch.example.com/./x", InvalidPath),
        ("https://couch.example.com//evil.com", InvalidPath),
        ("https://couch.example.com/%2e%2e/", InvalidPath),
        ("https://couch.example.com/a@b", InvalidPath),
        ("https://couch.example.com/?x=1", QueryOrFragment),
        ("https://couch.example.com#frag", QueryOrFragment),
    ];
    for (server, expected) in cases {
        assert_eq!(
            settings(server).check().as_ref(),
            Err(expected),
            "{server:?}"
        );
    }
}

#[test]
fn no_origin_can_carry_anything_but_a_plain_origin() {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-:[]/".contains(c);
    for server in [
        "https://a.b",
        "https://A-B.example:1",
        "http://[0:0:0:0:0:0:0:1]:5984",
        "https://xn--bcher-kva.example",
        "https://10.0.0.1:6984/db",
    ] {
        let origin = settings(server).check().expect(server);
        assert!(origin.as_str().chars().all(allowed), "{origin}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever is typed, an accepted origin holds no `;`, space, quote
    /// or `*`, so it cannot change the Content-Security-Policy around it.
    #[test]
    fn an_accepted_origin_never_smuggles_anything(server in "\\PC{0,40}", prefix in prop_oneof![Just("https://"), Just("http://localhost"), Just("")]) {
        let text = format!("{prefix}{server}");
        if let Ok(origin) = settings(&text).check() {
            prop_assert!(origin
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-:[]/".contains(c)), "{}", origin);
            prop_assert!(origin.as_str().starts_with("https://") || origin.as_str().starts_with("http://"));
        }
    }
}

#[test]
fn database_names_follow_couchdbs_rule() {
    let check = |name: &str| {
        let mut s = settings("https://example.com");
        s.database = name.into();
        s.check().map(|_| ())
    };
    assert_eq!(check("chefsache"), Ok(()));
    assert_eq!(check("team_a$(1)+x/y-z"), Ok(()));
    assert_eq!(check(""), Err(SettingsError::DatabaseMissing));
    assert_eq!(check("Chefsache"), Err(SettingsError::InvalidDatabase));
    assert_eq!(check("1plan"), Err(SettingsError::InvalidDatabase));
    assert_eq!(check("_users"), Err(SettingsError::InvalidDatabase));
    assert_eq!(check("plan name"), Err(SettingsError::InvalidDatabase));
    assert_eq!(check(&"a".repeat(238)), Ok(()));
    assert_eq!(
        check(&"a".repeat(239)),
        Err(SettingsError::DatabaseTooLong { max: 238 })
    );
    let mut s = settings("https://example.com");
    s.user = "anna:x".into();
    assert_eq!(s.check(), Err(SettingsError::InvalidUser));
}

#[test]
fn a_shared_project_gets_its_own_valid_database() {
    let data = sample();
    let project = data.projects.iter().next().expect("a project");
    let mut s = settings("https://example.com");
    for base in ["chefsache", "Mein Büro", "", &"x".repeat(300)] {
        s.database = project_database(base, project);
        assert_eq!(s.check().map(|_| ()), Ok(()), "{}", s.database);
        assert!(s.database.ends_with(&project.id.0.hyphenated().to_string()));
    }
    assert_eq!(
        project_database("chefsache", project),
        format!("chefsache-project-{}", project.id.0.hyphenated())
    );
}

#[test]
fn the_status_survives_a_reload_and_http_errors_have_names() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:42:00Z")
        .expect("a time")
        .with_timezone(&chrono::Utc);
    for state in [
        SyncState::Off,
        SyncState::Connecting,
        SyncState::Synced { at },
        SyncState::Syncing { pending: 3 },
        SyncState::Offline {
            pending: 2,
            last: Some(at),
        },
        SyncState::Error {
            error: SyncError::Server(500),
            last: None,
        },
        SyncState::Error {
            error: SyncError::NewerSchema,
            last: Some(at),
        },
    ] {
        let text = serde_json::to_string(&state).expect("serialises");
        assert_eq!(serde_json::from_str::<SyncState>(&text).ok(), Some(state));
    }
    assert_eq!(
        SyncState::Offline {
            pending: 2,
            last: Some(at)
        }
        .pending(),
        2
    );
    assert_eq!(SyncState::Synced { at }.last_synced(), Some(at));
    assert_eq!(from_http_status(401), SyncError::Unauthorized);
    assert_eq!(from_http_status(403), SyncError::Forbidden);
    assert_eq!(from_http_status(404), SyncError::NotFound);
    assert_eq!(from_http_status(0), SyncError::Unreachable);
    assert_eq!(from_http_status(503), SyncError::Server(503));
}

#[test]
fn ten_thousand_steps_before_their_project_all_arrive() {
    use chefsache::domain::{Dependency, Project, Step};
    let now = chrono::Utc::now();
    let project = Project::new("Groß", now);
    let mut steps: Vec<Step> = Vec::new();
    for i in 0..10_000 {
        let mut step = Step::new(project.id, format!("Schritt {i}"), now);
        if let Some(previous) = steps.last() {
            step.dependencies.push(Dependency::on(previous.id));
        }
        steps.push(step);
    }
    let docs: Vec<RemoteDoc> = steps
        .iter()
        .rev()
        .map(|s| remote(&AnyRecord::Step(s.clone()), "1-s", &[]))
        .collect();
    let started = std::time::Instant::now();
    let first = change_set_for(&docs, &Dataset::new());
    assert!(first.changes.is_empty());
    assert_eq!(first.held.len(), steps.len());
    let mut all = docs.clone();
    all.push(remote(&AnyRecord::Project(project), "1-p", &[]));
    let second = change_set_for(&all, &Dataset::new());
    assert!(second.held.is_empty());
    assert_eq!(second.changes.changes.len(), steps.len() + 1);
    eprintln!("10,000 steps held, then taken: {:?}", started.elapsed());
}

#[test]
fn a_project_deleted_elsewhere_comes_back_when_this_device_added_to_it() {
    use chefsache::domain::Step;
    use chefsache::sync::inbound::revivals;
    let data = sample();
    let project = data.projects.iter().next().expect("a project").clone();
    let project_key = AnyRecord::Project(project.clone()).key();
    // Device B deleted the project with everything in it.
    let mut gone: Vec<RecordKey> = vec![project_key];
    loop {
        let more: Vec<RecordKey> = all_records(&data)
            .filter(|r| !gone.contains(&r.key()))
            .filter(|r| r.links().iter().any(|k| gone.contains(k)))
            .map(|r| r.key())
            .collect();
        if more.is_empty() {
            break;
        }
        gone.extend(more);
    }
    let mut device_b = data.clone();
    ChangeSet::of(gone.iter().copied().map(Change::Delete).collect()).apply_to(&mut device_b);
    // Device A, offline meanwhile, added a step to it.
    let mut device_a = data.clone();
    let added = AnyRecord::Step(Step::new(project.id, "Nachtrag", chrono::Utc::now()));
    ChangeSet::new().put(added.clone()).apply_to(&mut device_a);

    // A receives B's deletions: the project stays (its new step needs it).
    let tombs: Vec<RemoteDoc> = gone
        .iter()
        .map(|&k| from_doc(&over_the_wire(&deleted_doc(k, "7-gone"))).expect("reads"))
        .collect();
    let inbound = change_set_for(&tombs, &device_a);
    inbound.changes.apply_to(&mut device_a);
    assert!(find(&device_a, project_key).is_some());
    let held: Vec<_> = inbound.held.iter().filter(|h| h.deletion).collect();
    assert_eq!(held.len(), 1, "{:?}", inbound.held);
    assert_eq!(held[0].key, project_key);

    // Caught up: A puts the project back, on the tombstone's revision.
    let docs = revivals(&inbound.held, &device_a, &|_: &RecordKey| {
        Some("7-gone".into())
    });
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["_rev"], json!("7-gone"));
    // B receives it with the new step: both devices hold both again.
    let received: Vec<RemoteDoc> = [
        over_the_wire(&docs[0]),
        over_the_wire(&to_doc(&added, Some("1-n"))),
    ]
    .iter()
    .map(|d| from_doc(d).expect("reads"))
    .collect();
    let inbound = change_set_for(&received, &device_b);
    assert!(inbound.held.is_empty(), "{:?}", inbound.held);
    inbound.changes.apply_to(&mut device_b);
    assert!(find(&device_b, project_key).is_some());
    assert!(find(&device_b, added.key()).is_some());
}

#[test]
fn writing_back_what_was_received_is_recognised_as_an_echo() {
    use chefsache::sync::outbound::same_record;
    let data = sample();
    let step = first_step(&data);
    let stored = over_the_wire(&to_doc(&step, Some("3-s")));
    assert!(same_record(&to_doc(&step, Some("3-s")), &stored));
    let AnyRecord::Step(mut edited) = step.clone() else {
        unreachable!()
    };
    edited.title = "Anders".into();
    assert!(!same_record(
        &to_doc(&AnyRecord::Step(edited), Some("3-s")),
        &stored
    ));
    assert!(!same_record(&deleted_doc(step.key(), "3-s"), &stored));
}

#[test]
fn three_devices_editing_different_fields_merge_into_one() {
    let (base, ours, theirs) = step_versions();
    let AnyRecord::Step(mut third) = base.clone() else {
        unreachable!()
    };
    third.result = Some("Von Gerät drei".into());
    let third = AnyRecord::Step(third);
    let win = remote(&ours, "3-ccc", &["3-bbb", "3-aaa"]);
    let others = [remote(&theirs, "3-bbb", &[]), remote(&third, "3-aaa", &[])];
    let ancestor = over_the_wire(&to_doc(&base, Some("2-base")));
    let conflict = conflict_from_revisions(&win, &others, Some(&ancestor)).expect("a conflict");
    let resolution = auto_merge(&conflict).expect("merges");
    let Some(AnyRecord::Step(step)) = &resolution.record else {
        panic!("a step")
    };
    assert_eq!(step.title, "Titel von hier");
    assert_eq!(step.effort_hours, 99.0);
    assert_eq!(step.result.as_deref(), Some("Von Gerät drei"));
    assert_eq!(resolution.delete, vec![rev("3-bbb"), rev("3-aaa")]);
}

/// Small records: three fields with values from a few, absent included.
fn small_fields() -> impl Strategy<Value = Fields> {
    proptest::collection::vec(prop_oneof![Just(None), (0..3i32).prop_map(Some)], 3).prop_map(
        |values| {
            ["a", "b", "c"]
                .iter()
                .zip(values)
                .filter_map(|(name, v)| v.map(|v| (name.to_string(), json!(v))))
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Both devices merge a conflict alike: from either side the same
    /// fields merge to the same values and the same fields are choices; a
    /// merged field takes the side that changed it.
    #[test]
    fn the_merge_is_the_same_from_either_side(
        ancestor in small_fields(),
        ours in small_fields(),
        theirs in small_fields(),
    ) {
        let here = merge_fields(Some(&ancestor), &ours, &theirs);
        let there = merge_fields(Some(&ancestor), &theirs, &ours);
        match (&here, &there) {
            (Merge::Same, Merge::Same) => prop_assert_eq!(&ours, &theirs),
            (
                Merge::Merged { fields: a, taken_from_theirs: at, taken_from_ours: ao },
                Merge::Merged { fields: b, taken_from_theirs: bt, taken_from_ours: bo },
            ) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(at, bo);
                prop_assert_eq!(ao, bt);
                for name in at {
                    prop_assert_eq!(a.get(name), theirs.get(name));
                    prop_assert_eq!(ours.get(name), ancestor.get(name));
                }
            }
            (Merge::Conflicting { fields: a, .. }, Merge::Conflicting { fields: b, .. }) => {
                let names = |f: &[FieldChoice]| f.iter().map(|c| c.field.clone()).collect::<Vec<_>>();
                let (mut a_names, mut b_names) = (names(a), names(b));
                a_names.sort();
                b_names.sort();
                prop_assert_eq!(a_names, b_names);
                for choice in a {
                    prop_assert_ne!(&choice.ours, &choice.theirs);
                    prop_assert_ne!(&choice.ours, &choice.ancestor);
                    prop_assert_ne!(&choice.theirs, &choice.ancestor);
                }
            }
            _ => prop_assert!(false, "{:?} vs {:?}", here, there),
        }
    }
}

#[test]
fn an_edit_written_after_replication_changed_the_document_keeps_the_other_change() {
    use chefsache::domain::fields::FieldChange;
    use chefsache::sync::outbound::docs_for_current;
    let data = sample();
    let (base, _, theirs) = step_versions();
    // Replication brought the other device's effort before this device's
    // rename reached the local database.
    let current = over_the_wire(&to_doc(&theirs, Some("3-theirs")));
    let rename = ChangeSet::of(vec![Change::Patch {
        key: base.key(),
        fields: vec![FieldChange {
            field: "title".into(),
            before: base.to_fields()["title"].clone(),
            after: json!("Umbenannt"),
        }],
        updated: chrono::Utc::now(),
    }]);
    let mut after = data.clone();
    rename.apply_to(&mut after);
    let lookup = |k: &RecordKey| (*k == base.key()).then(|| current.clone());
    let docs = docs_for_current(&rename, &after, &lookup);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["_rev"], json!("3-theirs"));
    assert_eq!(docs[0]["title"], json!("Umbenannt"));
    let AnyRecord::Step(theirs_step) = &theirs else {
        unreachable!()
    };
    assert_eq!(docs[0]["effort_hours"], json!(theirs_step.effort_hours));

    // Writing back what is there already: nothing.
    let same = ChangeSet::new().put(theirs.clone());
    let echo = |_: &RecordKey| Some(current.clone());
    let mut with_theirs = data.clone();
    same.apply_to(&mut with_theirs);
    assert!(docs_for_current(&same, &with_theirs, &echo).is_empty());

    // A document of a newer app is never written over.
    let mut newer = current.clone();
    newer[SCHEMA_FIELD] = json!(SCHEMA_VERSION + 1);
    let newer_lookup = |_: &RecordKey| Some(newer.clone());
    assert!(docs_for_current(&rename, &after, &newer_lookup).is_empty());

    // A delete: a tombstone on the current revision, once.
    let delete = ChangeSet::new().delete(base.kind(), base.uuid());
    let mut gone = data.clone();
    delete.apply_to(&mut gone);
    assert_eq!(
        docs_for_current(&delete, &gone, &lookup),
        vec![deleted_doc(base.key(), "3-theirs")]
    );
    let tomb = over_the_wire(&deleted_doc(base.key(), "4-t"));
    assert!(docs_for_current(&delete, &gone, &|_: &RecordKey| Some(tomb.clone())).is_empty());
}

#[test]
fn a_team_database_holds_one_project_and_everything_its_records_refer_to() {
    let data = sample();
    let project = data
        .projects
        .iter()
        .find(|p| p.client.is_some())
        .expect("the sample has a project with a client");
    let shared: std::collections::BTreeSet<_> =
        chefsache::sync::team::shared_records(&data, project.id.0)
            .into_iter()
            .collect();
    assert!(shared.contains(&project.id.0));
    assert!(shared.contains(&project.client.unwrap().0), "the client");
    let steps: Vec<_> = data
        .steps
        .iter()
        .filter(|s| s.project == project.id)
        .collect();
    assert!(!steps.is_empty());
    assert!(steps.iter().all(|s| shared.contains(&s.id.0)));
    // Nothing of another project.
    assert!(data
        .steps
        .iter()
        .filter(|s| s.project != project.id)
        .all(|s| !shared.contains(&s.id.0)));
    assert!(data
        .projects
        .iter()
        .filter(|p| p.id != project.id)
        .all(|p| !shared.contains(&p.id.0)));
    // A device with only these records holds none of them back: every
    // link of a shared record points into the set.
    for record in all_records(&data).filter(|r| shared.contains(&r.uuid())) {
        for link in record.links() {
            if find(&data, link).is_some() {
                assert!(
                    shared.contains(&link.id),
                    "{:?} {} refers to {:?} outside the team database",
                    record.kind(),
                    record.label(),
                    link
                );
            }
        }
    }
}
