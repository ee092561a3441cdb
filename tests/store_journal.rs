//! The pending-writes journal: edits a tab made just before it was reloaded
//! or closed reach the store at the next start, and replaying a journal
//! whose writes were stored after all changes nothing.

use std::cell::RefCell;

use chefsache::domain::{Dataset, Project, Step};
use chefsache::state::commands;
use chefsache::state::{flush, Session};
use chefsache::store::journal::{replay, Journal};
use chefsache::store::{AnyRecord, MemoryStore, Store};
use chrono::{DateTime, TimeZone, Utc};
use futures::executor::block_on;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn project_store() -> (MemoryStore, Project) {
    let project = Project::new("Logo für Café Lotte", now());
    let store = MemoryStore::with_data(Dataset {
        projects: vec![project.clone()].into(),
        ..Dataset::default()
    });
    (store, project)
}

fn rename(session: &mut Session, project: &Project, name: &str) {
    let mut renamed = session
        .data()
        .projects
        .iter()
        .find(|p| p.id == project.id)
        .unwrap()
        .clone();
    renamed.name = name.into();
    let changes = commands::save(session.data(), AnyRecord::Project(renamed), now());
    session.execute("Umbenannt", changes).unwrap();
}

/// The journal as the page leaves it: every pending write, through its
/// stored text.
fn journal_of(session: &Session) -> Journal {
    let journal = Journal {
        tab: "tab-1".into(),
        writes: session
            .queue()
            .waiting()
            .map(|write| write.changes.clone())
            .collect(),
    };
    Journal::from_json(&journal.to_json()).expect("the journal reads back")
}

fn stored_name(store: &MemoryStore) -> String {
    block_on(store.load_all()).unwrap().projects[0].name.clone()
}

#[test]
fn an_edit_undone_and_redone_just_before_a_reload_is_kept() {
    let (store, project) = project_store();
    let mut session = Session::new(block_on(store.load_all()).unwrap());
    rename(&mut session, &project, "Logo und Karte für Café Lotte");
    session.undo().unwrap();
    session.redo().unwrap();
    // The page goes before any write is stored.
    let journal = journal_of(&session);
    assert_eq!(stored_name(&store), "Logo für Café Lotte");

    let replayed = block_on(replay(&store, &journal)).unwrap();
    assert_eq!(stored_name(&store), "Logo und Karte für Café Lotte");
    assert_eq!(replayed.written, 3);
}

#[test]
fn a_journal_whose_writes_were_stored_changes_nothing() {
    let (store, project) = project_store();
    let session = RefCell::new(Session::new(block_on(store.load_all()).unwrap()));
    rename(&mut session.borrow_mut(), &project, "Logo und Karte");
    let step = Step::new(project.id, "Entwurf", now());
    let add = commands::save(
        session.borrow().data(),
        AnyRecord::Step(step.clone()),
        now(),
    );
    session.borrow_mut().execute("Schritt", add).unwrap();
    let journal = journal_of(&session.borrow());
    block_on(flush(&session, &store, |_| {})).unwrap();

    // Another tab edits both records afterwards.
    let mut other = Session::new(block_on(store.load_all()).unwrap());
    rename(&mut other, &project, "Logo, Karte und Schild");
    let mut moved = other.data().steps[0].clone();
    moved.title = "Entwurf und Reinzeichnung".into();
    let edit = commands::save(other.data(), AnyRecord::Step(moved), now());
    other.execute("Schritt", edit).unwrap();
    let other = RefCell::new(other);
    block_on(flush(&other, &store, |_| {})).unwrap();
    let before = block_on(store.load_all()).unwrap();

    block_on(replay(&store, &journal)).unwrap();
    assert_eq!(
        block_on(store.load_all()).unwrap(),
        before,
        "the later edits stay"
    );
}

#[test]
fn a_replayed_step_whose_project_is_gone_is_refused() {
    let (store, project) = project_store();
    let mut session = Session::new(block_on(store.load_all()).unwrap());
    let step = Step::new(project.id, "Entwurf", now());
    let add = commands::save(session.data(), AnyRecord::Step(step), now());
    session.execute("Schritt", add).unwrap();
    let journal = journal_of(&session);

    // Meanwhile another tab deletes the project.
    let other = RefCell::new(Session::new(block_on(store.load_all()).unwrap()));
    let delete = commands::delete_project(other.borrow().data(), project.id, now()).unwrap();
    other.borrow_mut().execute("Gelöscht", delete).unwrap();
    block_on(flush(&other, &store, |_| {})).unwrap();

    let replayed = block_on(replay(&store, &journal)).unwrap();
    assert_eq!(replayed.refused, 1);
    let data = block_on(store.load_all()).unwrap();
    assert!(data.steps.is_empty(), "no step without its project");
    assert_eq!(data.validate(), Ok(()));
}

#[test]
fn a_damaged_journal_is_nothing_to_replay() {
    assert_eq!(Journal::from_json("{\"tab\": 1"), None);
    assert_eq!(Journal::from_json("null"), None);
}
