//! Two tabs over one store, natively: each tab is a [`Session`] over the
//! same [`MemoryStore`], and their writes interleave in every order the
//! browser allows. Nothing may be lost or corrupted: changes to different
//! fields both survive, a write that would break a reference is refused,
//! the same field changed twice keeps one value and tells the loser, and
//! undo only takes back what the tab did while the record is still as it
//! left it.

use std::cell::RefCell;

use chefsache::domain::{Dataset, Project, RecordKind, Step};
use chefsache::state::commands::{self, CommandError};
use chefsache::state::{flush, Session, WriteKind, WriteReport};
use chefsache::store::{AnyRecord, MemoryStore, Refusal, Store};
use chrono::{DateTime, TimeZone, Utc};
use futures::executor::block_on;
use serde_json::json;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn website() -> (Dataset, Project, Step) {
    let project = Project::new("Relaunch Webshop", now());
    let step = Step::new(project.id, "Konzept", now());
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![step.clone()].into(),
        ..Dataset::default()
    };
    (data, project, step)
}

/// A tab: its session, opened on what the store holds now.
fn open_tab(store: &MemoryStore) -> RefCell<Session> {
    RefCell::new(Session::new(block_on(store.load_all()).unwrap()))
}

fn write(tab: &RefCell<Session>, store: &MemoryStore) -> Vec<WriteReport> {
    block_on(flush(tab, store, |_| {})).expect("the store answers")
}

/// The other tab hears of the written keys and reads them.
fn hear(tab: &RefCell<Session>, store: &MemoryStore, keys: &[chefsache::store::RecordKey]) {
    let stored = block_on(store.load_changes(keys)).unwrap();
    tab.borrow_mut().apply_remote(&stored);
}

fn rename(tab: &RefCell<Session>, project: &Project, name: &str) {
    let mut p = tab.borrow().data().project(project.id).unwrap().clone();
    p.name = name.into();
    let changes = commands::save(tab.borrow().data(), AnyRecord::Project(p), now());
    tab.borrow_mut().execute("Umbenannt", changes).unwrap();
}

/// Adds a step with a new work area: the project's list of areas grows.
fn add_step_with_area(tab: &RefCell<Session>, project: &Project, title: &str, area: &str) -> Step {
    let data = tab.borrow().data().clone();
    let mut p = data.project(project.id).unwrap().clone();
    p.work_areas.push(area.into());
    let mut step = Step::new(project.id, title, now());
    step.work_area = Some(area.into());
    let mut changes = commands::save(&data, AnyRecord::Project(p), now());
    changes
        .changes
        .extend(commands::save(&data, AnyRecord::Step(step.clone()), now()).changes);
    tab.borrow_mut().execute("Schritt", changes).unwrap();
    step
}

#[test]
fn rename_and_add_step_with_a_new_area_both_survive_in_either_order() {
    for a_first in [true, false] {
        let (data, project, _) = website();
        let store = MemoryStore::with_data(data);
        let (a, b) = (open_tab(&store), open_tab(&store));
        rename(&a, &project, "Relaunch Webshop 2027");
        let step = add_step_with_area(&b, &project, "Design", "Gestaltung");
        if a_first {
            assert!(write(&a, &store).is_empty());
            assert!(
                write(&b, &store).is_empty(),
                "no conflict: different fields"
            );
        } else {
            assert!(write(&b, &store).is_empty());
            assert!(write(&a, &store).is_empty());
        }
        let stored = store.data();
        let p = stored.project(project.id).unwrap();
        assert_eq!(p.name, "Relaunch Webshop 2027", "the rename is kept");
        assert_eq!(p.work_areas, vec!["Gestaltung".to_string()]);
        assert!(stored.step(step.id).is_some());
        assert_eq!(stored.validate(), Ok(()));
        // Each tab shows its own change and, once it heard, the other's.
        hear(&a, &store, &[AnyRecord::Project(p.clone()).key()]);
        assert_eq!(a.borrow().data().project(project.id), Some(p));
    }
}

#[test]
fn deleting_a_project_while_another_tab_adds_a_step_never_stores_an_orphan() {
    for delete_first in [true, false] {
        let (data, project, _) = website();
        let store = MemoryStore::with_data(data);
        let (a, b) = (open_tab(&store), open_tab(&store));
        let changes = commands::delete_project(a.borrow().data(), project.id, now()).unwrap();
        a.borrow_mut().execute("Projekt gelöscht", changes).unwrap();
        let step = Step::new(project.id, "Nachtrag", now());
        let changes = commands::save(b.borrow().data(), AnyRecord::Step(step.clone()), now());
        b.borrow_mut().execute("Schritt", changes).unwrap();

        let (first, second) = if delete_first { (&a, &b) } else { (&b, &a) };
        assert!(write(first, &store).is_empty());
        let reports = write(second, &store);
        match reports.as_slice() {
            [WriteReport::Refused {
                refusal: Refusal::Invalid(errors),
                kind: WriteKind::Action,
                ..
            }] => assert!(!errors.is_empty()),
            other => panic!("the later write is refused, got {other:?}"),
        }
        let stored = store.data();
        assert_eq!(stored.validate(), Ok(()), "nothing broken is stored");
        if delete_first {
            assert!(stored.projects.is_empty());
            assert!(
                b.borrow().data().step(step.id).is_none(),
                "B shows the truth"
            );
        } else {
            assert!(stored.step(step.id).is_some(), "the new step is kept");
            assert!(
                a.borrow().data().project(project.id).is_some(),
                "A shows the truth"
            );
        }
        assert!(
            !second.borrow().history().can_undo(),
            "a refused action leaves no undo entry"
        );
    }
}

#[test]
fn the_same_field_changed_in_two_tabs_keeps_the_first_and_reports_the_lost_value() {
    let (data, project, _) = website();
    let store = MemoryStore::with_data(data);
    let (a, b) = (open_tab(&store), open_tab(&store));
    rename(&a, &project, "Von A");
    rename(&b, &project, "Von B");
    assert!(write(&a, &store).is_empty());
    let reports = write(&b, &store);
    let [WriteReport::Conflicts { conflicts, .. }] = reports.as_slice() else {
        panic!("B hears of the conflict: {reports:?}");
    };
    assert_eq!(conflicts[0].fields[0].field, "name");
    assert_eq!(conflicts[0].fields[0].ours, json!("Von B"));
    assert_eq!(conflicts[0].fields[0].theirs, json!("Von A"));
    assert_eq!(store.data().projects[0].name, "Von A");
    assert_eq!(
        b.borrow().data().projects[0].name,
        "Von A",
        "B shows what is stored"
    );

    // B applies its value again: a fresh patch from the current value.
    rename(&b, &project, "Von B");
    assert!(write(&b, &store).is_empty());
    assert_eq!(store.data().projects[0].name, "Von B");
}

#[test]
fn undo_after_another_tab_changed_the_record_is_dropped_not_applied() {
    let (data, project, _) = website();
    let store = MemoryStore::with_data(data);
    let (a, b) = (open_tab(&store), open_tab(&store));
    rename(&a, &project, "Von A");
    write(&a, &store);
    hear(&b, &store, &[AnyRecord::Project(project.clone()).key()]);
    rename(&b, &project, "Von B");
    write(&b, &store);

    // A has not heard yet: its undo goes to the store, which refuses it.
    assert_eq!(a.borrow_mut().undo().unwrap(), "Umbenannt");
    let reports = write(&a, &store);
    assert!(matches!(
        reports.as_slice(),
        [WriteReport::Refused {
            kind: WriteKind::Undo,
            refusal: Refusal::Stale(_),
            ..
        }]
    ));
    assert_eq!(store.data().projects[0].name, "Von B", "B's change stays");
    assert_eq!(a.borrow().data().projects[0].name, "Von B");
    assert!(!a.borrow().history().can_redo(), "the entry is dropped");

    // Once a tab has heard, it drops the entry before writing anything.
    rename(&a, &project, "Wieder A");
    write(&a, &store);
    hear(&b, &store, &[AnyRecord::Project(project.clone()).key()]);
    rename(&b, &project, "Wieder B");
    write(&b, &store);
    hear(&a, &store, &[AnyRecord::Project(project.clone()).key()]);
    assert_eq!(
        a.borrow_mut().undo(),
        Err(CommandError::ChangedElsewhere("Umbenannt".into()))
    );
    assert!(!a.borrow().history().can_undo());
}

#[test]
fn undo_of_one_field_survives_another_tabs_change_of_another_field() {
    let (data, project, _) = website();
    let store = MemoryStore::with_data(data);
    let (a, b) = (open_tab(&store), open_tab(&store));
    rename(&a, &project, "Von A");
    write(&a, &store);
    let mut p = b.borrow().data().projects[0].clone();
    p.notes = "Notiz aus B".into();
    let changes = commands::save(b.borrow().data(), AnyRecord::Project(p), now());
    b.borrow_mut().execute("Notiz", changes).unwrap();
    write(&b, &store);
    hear(&a, &store, &[AnyRecord::Project(project.clone()).key()]);

    a.borrow_mut().undo().unwrap();
    assert!(write(&a, &store).is_empty());
    let stored = &store.data().projects[0];
    assert_eq!(stored.name, "Relaunch Webshop", "A's rename is taken back");
    assert_eq!(stored.notes, "Notiz aus B", "B's note stays");
    a.borrow_mut().redo().unwrap();
    write(&a, &store);
    assert_eq!(store.data().projects[0].name, "Von A");
}

#[test]
fn undo_of_a_new_step_that_another_tab_edited_is_dropped() {
    let (data, project, _) = website();
    let store = MemoryStore::with_data(data);
    let (a, b) = (open_tab(&store), open_tab(&store));
    let step = add_step_with_area(&a, &project, "Design", "Gestaltung");
    write(&a, &store);
    hear(&b, &store, &[AnyRecord::Step(step.clone()).key()]);
    let mut s = b.borrow().data().step(step.id).unwrap().clone();
    s.title = "Design (von B)".into();
    let changes = commands::save(b.borrow().data(), AnyRecord::Step(s), now());
    b.borrow_mut().execute("Titel", changes).unwrap();
    write(&b, &store);

    a.borrow_mut().undo().unwrap();
    let reports = write(&a, &store);
    assert!(matches!(
        reports.as_slice(),
        [WriteReport::Refused {
            refusal: Refusal::Stale(_),
            ..
        }]
    ));
    assert!(
        store.data().step(step.id).is_some(),
        "B's edited step stays"
    );
}

#[test]
fn old_damage_never_blocks_an_unrelated_edit_but_no_edit_adds_damage() {
    let (mut data, project, _) = website();
    let orphan = Step::new(chefsache::domain::ProjectId::new(), "Verwaist", now());
    data.steps.push(orphan.clone());
    let store = MemoryStore::with_data(data);
    let a = open_tab(&store);
    rename(&a, &project, "Trotzdem umbenannt");
    assert!(write(&a, &store).is_empty());
    assert_eq!(store.data().projects[0].name, "Trotzdem umbenannt");

    // Renaming the broken step itself is fine too: it adds nothing new.
    let mut s = orphan.clone();
    s.title = "Verwaist, umbenannt".into();
    let changes = commands::save(a.borrow().data(), AnyRecord::Step(s), now());
    a.borrow_mut().execute("Titel", changes).unwrap();
    assert!(write(&a, &store).is_empty());

    // A second orphan is new damage: refused in the session already.
    let another = Step::new(chefsache::domain::ProjectId::new(), "Neu verwaist", now());
    let changes = commands::save(a.borrow().data(), AnyRecord::Step(another), now());
    assert!(matches!(
        a.borrow_mut().execute("Schritt", changes),
        Err(CommandError::Invalid(_))
    ));
}

#[test]
fn an_edit_travels_as_a_patch_of_the_changed_fields_only() {
    let (data, project, _) = website();
    let a = RefCell::new(Session::new(data));
    rename(&a, &project, "Neu");
    let write = a.borrow().queue().waiting().next().cloned().unwrap();
    match write.changes.changes.as_slice() {
        [chefsache::store::Change::Patch { key, fields, .. }] => {
            assert_eq!(key.kind, RecordKind::Project);
            assert_eq!(fields.len(), 1);
            assert_eq!(fields[0].field, "name");
        }
        other => panic!("expected one patch, got {other:?}"),
    }
}

#[test]
fn a_form_opened_before_another_tabs_change_does_not_revert_it() {
    let (data, project, _) = website();
    let store = MemoryStore::with_data(data);
    let (a, b) = (open_tab(&store), open_tab(&store));
    // A opens the project form; meanwhile B adds a step with a new area
    // and A hears of it.
    let form_base = a.borrow().data().project(project.id).unwrap().clone();
    add_step_with_area(&b, &project, "Design", "Gestaltung");
    write(&b, &store);
    hear(&a, &store, &[AnyRecord::Project(project.clone()).key()]);
    let mut edited = form_base.clone();
    edited.name = "Umbenannt im Formular".into();
    // What the form does on save: only the changed fields onto the current.
    let current = a.borrow().data().project(project.id).unwrap().clone();
    let rebased = chefsache::domain::fields::rebase(&form_base, &edited, &current);
    let changes = commands::save(a.borrow().data(), AnyRecord::Project(rebased), now());
    a.borrow_mut().execute("Umbenannt", changes).unwrap();
    assert!(write(&a, &store).is_empty());
    let stored = store.data();
    assert_eq!(stored.projects[0].name, "Umbenannt im Formular");
    assert_eq!(
        stored.projects[0].work_areas,
        vec!["Gestaltung".to_string()]
    );
}
