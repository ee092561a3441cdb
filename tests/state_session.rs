//! The session as a person uses it: actions change the data, break no rule,
//! and can be undone and redone.

use chefsache::domain::{Communication, Contact, Dataset, Material, Project, Step, TimeEntry};
use chefsache::state::commands::{self, CommandError};
use chefsache::state::Session;
use chefsache::store::AnyRecord;
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A website project: concept -> design -> frontend, with a supplier, a
/// material for the frontend step, a logged call and booked hours.
fn website() -> (Dataset, Project, [Step; 3], Contact) {
    let t = now();
    let project = Project::new("Relaunch Webshop", t);
    let concept = Step::new(project.id, "Konzept", t);
    let mut design = Step::new(project.id, "Design", t);
    design
        .dependencies
        .push(chefsache::domain::Dependency::on(concept.id));
    let mut frontend = Step::new(project.id, "Frontend", t);
    frontend
        .dependencies
        .push(chefsache::domain::Dependency::on(design.id));
    let supplier = Contact::new("Druckerei Müller", t);
    let mut material = Material::new(project.id, "Visitenkarten", t);
    material.step = Some(frontend.id);
    material.supplier = Some(supplier.id);
    let mut call = Communication::new(t, "Kick-off besprochen", t);
    call.project = Some(project.id);
    call.contact = Some(supplier.id);
    let hours = TimeEntry::new(
        design.id,
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        3.5,
        t,
    );
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![concept.clone(), design.clone(), frontend.clone()].into(),
        materials: vec![material].into(),
        contacts: vec![supplier.clone()].into(),
        communications: vec![call].into(),
        time_entries: vec![hours].into(),
        ..Dataset::default()
    };
    data.validate().expect("the fixture is valid");
    (data, project, [concept, design, frontend], supplier)
}

/// The dataset with every list in id order: the UI sorts what it shows
/// (by sort order, date or name), so the order of storage is not part of
/// what "as it was" means.
fn normalised(data: &Dataset) -> Dataset {
    let mut d = data.clone();
    d.projects.sort_by_key(|r| r.id.0);
    d.steps.sort_by_key(|r| r.id.0);
    d.materials.sort_by_key(|r| r.id.0);
    d.contacts.sort_by_key(|r| r.id.0);
    d.communications.sort_by_key(|r| r.id.0);
    d.appointments.sort_by_key(|r| r.id.0);
    d.time_entries.sort_by_key(|r| r.id.0);
    d
}

#[test]
fn deleting_a_project_takes_its_steps_and_keeps_the_conversation() {
    let (data, project, _, _) = website();
    let mut session = Session::new(data.clone());
    let changes = commands::delete_project(session.data(), project.id, now()).unwrap();
    session.execute("Projekt gelöscht", changes).unwrap();

    let after = session.data();
    assert!(after.projects.is_empty());
    assert!(after.steps.is_empty());
    assert!(after.materials.is_empty());
    assert!(after.time_entries.is_empty());
    assert_eq!(
        after.communications.len(),
        1,
        "the call is still in the log"
    );
    assert_eq!(after.communications[0].project, None);

    assert_eq!(session.undo().unwrap(), "Projekt gelöscht");
    assert_eq!(
        normalised(session.data()),
        normalised(&data),
        "undo brings back everything as it was"
    );
}

#[test]
fn deleting_a_step_frees_its_successor_and_unties_its_material() {
    let (data, _, [_, design, frontend], _) = website();
    let mut session = Session::new(data);
    let changes = commands::delete_step(session.data(), design.id, now()).unwrap();
    session.execute("Schritt gelöscht", changes).unwrap();
    let frontend_now = session.data().step(frontend.id).unwrap();
    assert!(frontend_now.dependencies.is_empty());
    assert!(
        session.data().time_entries.is_empty(),
        "hours booked on the step go with it"
    );

    let changes = commands::delete_step(session.data(), frontend.id, now()).unwrap();
    session.execute("Schritt gelöscht", changes).unwrap();
    assert_eq!(
        session.data().materials[0].step,
        None,
        "the material is still needed"
    );
}

#[test]
fn deleting_a_contact_unlinks_it_everywhere() {
    let (data, _, _, supplier) = website();
    let mut session = Session::new(data);
    let changes = commands::delete_contact(session.data(), supplier.id, now()).unwrap();
    session.execute("Kontakt gelöscht", changes).unwrap();
    assert!(session.data().contacts.is_empty());
    assert_eq!(session.data().materials[0].supplier, None);
    assert_eq!(session.data().communications[0].contact, None);
}

#[test]
fn a_dependency_that_closes_a_cycle_is_refused_with_the_step_names() {
    let (data, _, [concept, _, frontend], _) = website();
    let mut session = Session::new(data.clone());
    let error =
        commands::add_dependency(session.data(), concept.id, frontend.id, 0, now()).unwrap_err();
    match &error {
        CommandError::Cycle(names) => {
            for name in ["Konzept", "Design", "Frontend"] {
                assert!(names.iter().any(|n| n == name), "{name} named in {names:?}");
            }
        }
        other => panic!("expected a cycle, got {other:?}"),
    }
    assert!(error.to_string().contains("Konzept"));
    assert_eq!(session.data(), &data);

    let ok = commands::add_dependency(session.data(), frontend.id, concept.id, 2, now()).unwrap();
    session.execute("Abhängigkeit", ok).unwrap();
    let deps = &session.data().step(frontend.id).unwrap().dependencies;
    assert!(deps
        .iter()
        .any(|d| d.predecessor == concept.id && d.lag_days == 2));
}

#[test]
fn an_action_that_breaks_a_rule_changes_nothing() {
    let (data, project, _, _) = website();
    let mut session = Session::new(data.clone());
    let mut broken = Material::new(project.id, "Papier", now());
    broken.quantity = -3.0;
    let changes = commands::save(session.data(), AnyRecord::Material(broken), now());
    let error = session.execute("Material", changes).unwrap_err();
    assert!(matches!(error, CommandError::Invalid(_)));
    assert!(error.to_string().contains("quantity"), "{error}");
    assert_eq!(session.data(), &data);
    assert!(!session.history().can_undo());
    assert_eq!(session.queue().unsaved(), 0, "nothing is written");
}

#[test]
fn twenty_five_edits_can_be_undone_and_redone() {
    let (data, project, _, _) = website();
    let mut session = Session::new(data.clone());
    let mut renamed = project.clone();
    for i in 1..=25 {
        renamed.name = format!("Relaunch v{i}");
        let changes = commands::save(session.data(), AnyRecord::Project(renamed.clone()), now());
        session.execute(format!("Umbenannt {i}"), changes).unwrap();
    }
    assert_eq!(session.data().projects[0].name, "Relaunch v25");
    for _ in 0..20 {
        session.undo().unwrap();
    }
    assert_eq!(session.data().projects[0].name, "Relaunch v5");
    assert_eq!(session.history().redo_label(), Some("Umbenannt 6"));
    session.redo().unwrap();
    assert_eq!(session.data().projects[0].name, "Relaunch v6");
    for _ in 0..6 {
        session.undo().unwrap();
    }
    assert_eq!(session.data().projects[0].name, project.name);
    assert_eq!(session.undo(), Err(CommandError::NothingToUndo));
}

#[test]
fn a_new_record_is_stamped_and_an_edit_updates_only_updated() {
    let (data, project, _, _) = website();
    let mut session = Session::new(data);
    let later = now() + chrono::Duration::hours(2);
    let mut edited = project.clone();
    edited.notes = "Kunde wünscht Dark Mode".into();
    let changes = commands::save(session.data(), AnyRecord::Project(edited), later);
    session.execute("Notiz", changes).unwrap();
    let stored = &session.data().projects[0];
    assert_eq!(stored.created, project.created);
    assert_eq!(stored.updated, later);
    assert_eq!(session.queue().unsaved(), 1, "the edit waits to be written");
}

#[test]
fn steps_move_up_and_down_within_their_project() {
    let (data, project, [concept, design, frontend], _) = website();
    let mut session = Session::new(data);
    let titles = |s: &Session| -> Vec<String> {
        s.data()
            .steps_of(project.id)
            .iter()
            .map(|s| s.title.clone())
            .collect()
    };
    let changes = commands::move_step(session.data(), frontend.id, true, now()).unwrap();
    session.execute("Verschoben", changes).unwrap();
    assert_eq!(titles(&session), ["Konzept", "Frontend", "Design"]);
    let changes = commands::move_step(session.data(), concept.id, true, now()).unwrap();
    assert!(changes.is_empty(), "the first step cannot move further up");
    let changes = commands::move_step(session.data(), design.id, false, now()).unwrap();
    assert!(changes.is_empty(), "the last step cannot move further down");
    assert_eq!(commands::next_sort_order(session.data(), project.id), 3);
}
