//! Repair of data that breaks a rule: every kind of rule break is found,
//! named with its record, and repaired (or set aside) through the session
//! and the store like any edit, after which the data breaks no rule and
//! nothing was dropped silently.

use std::cell::RefCell;

use chefsache::domain::{
    Appointment, Assignee, Communication, Contact, ContactId, Dataset, Dependency, Material,
    Project, ProjectId, RecordKind, Step, StepId, TimeEntry, ValidationError, When,
};
use chefsache::state::repair::{self, Options, Remedy, Target};
use chefsache::state::{flush, Session};
use chefsache::store::{MemoryStore, SetAsideReason, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use futures::executor::block_on;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn options() -> Options {
    Options {
        target: Target::New,
        recovered_name: "Wiederhergestellt".into(),
        unnamed: "(ohne Namen)".into(),
    }
}

/// A valid base: one project with two steps.
fn base() -> (Dataset, Project, Step, Step) {
    let p = Project::new("Messestand", now());
    let a = Step::new(p.id, "Planung", now());
    let b = Step::new(p.id, "Aufbau", now());
    let data = Dataset {
        projects: vec![p.clone()].into(),
        steps: vec![a.clone(), b.clone()].into(),
        ..Dataset::default()
    };
    (data, p, a, b)
}

/// Repairs everything through a session over a store holding `data`;
/// returns the store.
fn repair_all_through_the_store(data: Dataset) -> MemoryStore {
    let store = MemoryStore::with_data(data);
    let session = RefCell::new(Session::new(block_on(store.load_all()).unwrap()));
    let changes = repair::plan_repair_all(session.borrow().data(), &options(), now());
    session
        .borrow_mut()
        .repair("Reparatur", changes)
        .expect("a repair adds no rule break");
    let reports = block_on(flush(&session, &store, |_| {})).unwrap();
    assert!(reports.is_empty(), "stored as planned: {reports:?}");
    assert_eq!(
        store.data().validate(),
        Ok(()),
        "nothing is broken any more"
    );
    let mut shown = session.borrow().data().clone();
    chefsache::store::order::by_creation(&mut shown);
    assert_eq!(
        shown,
        block_on(store.load_all()).unwrap(),
        "the tab shows what is stored"
    );
    store
}

fn only_problem(data: &Dataset) -> repair::Problem {
    let found = repair::problems(data);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn a_step_whose_project_is_gone_is_re_linked_to_a_new_or_chosen_project() {
    let (mut data, p, _, _) = base();
    let gone = ProjectId::new();
    let mut orphan = Step::new(gone, "Nachtrag", now());
    orphan.dependencies.clear();
    data.steps.push(orphan.clone());
    let problem = only_problem(&data);
    assert_eq!(problem.remedy, Remedy::Relink);
    assert_eq!(problem.label, "Nachtrag");

    let store = repair_all_through_the_store(data.clone());
    let stored = store.data();
    let recovered = stored
        .projects
        .iter()
        .find(|x| x.name == "Wiederhergestellt")
        .expect("a new project");
    assert_eq!(stored.step(orphan.id).unwrap().project, recovered.id);

    let chosen = Options {
        target: Target::Existing(p.id),
        ..options()
    };
    let changes = repair::plan_repair(&data, &[problem], &chosen, now());
    let mut repaired = data.clone();
    changes.apply_to(&mut repaired);
    assert_eq!(repaired.step(orphan.id).unwrap().project, p.id);
    assert_eq!(
        repaired.projects.len(),
        1,
        "no new project when one is chosen"
    );
}

#[test]
fn a_material_whose_project_is_gone_is_re_linked() {
    let (mut data, ..) = base();
    data.materials
        .push(Material::new(ProjectId::new(), "Stellwände", now()));
    assert_eq!(only_problem(&data).remedy, Remedy::Relink);
    repair_all_through_the_store(data);
}

#[test]
fn dangling_optional_links_are_cleared() {
    let (mut data, p, a, _) = base();
    let ghost = ContactId::new();
    data.projects[0].client = Some(ghost);
    data.steps[0].assignee = Assignee::Contact(ghost);
    let mut m = Material::new(p.id, "Banner", now());
    m.supplier = Some(ghost);
    m.step = Some(StepId::new());
    data.materials.push(m.clone());
    let mut c = Communication::new(now(), "Anruf", now());
    c.contact = Some(ghost);
    c.project = Some(ProjectId::new());
    data.communications.push(c.clone());
    let mut ap = Appointment::new(
        "Termin",
        When::AllDay {
            first: day(2),
            last: day(2),
        },
        now(),
    );
    ap.project = Some(ProjectId::new());
    ap.contacts = vec![ghost];
    data.appointments.push(ap.clone());
    let mut t = TimeEntry::new(a.id, day(1), 2.0, now());
    t.person = Assignee::Contact(ghost);
    data.time_entries.push(t.clone());
    let found = repair::problems(&data);
    assert_eq!(found.len(), 9, "{found:?}");
    assert!(found.iter().all(|p| p.remedy == Remedy::Unlink));

    let stored = repair_all_through_the_store(data).data();
    assert_eq!(stored.projects[0].client, None);
    assert_eq!(stored.step(a.id).unwrap().assignee, Assignee::Me);
    let m = stored.material(m.id).unwrap();
    assert_eq!((m.supplier, m.step), (None, None));
    let c = stored.communication(c.id).unwrap();
    assert_eq!((c.contact, c.project), (None, None));
    let ap = stored.appointment(ap.id).unwrap();
    assert_eq!((ap.project, ap.contacts.len()), (None, 0));
    assert_eq!(stored.time_entry(t.id).unwrap().person, Assignee::Me);
}

#[test]
fn broken_dependencies_are_removed() {
    let (mut data, _, a, b) = base();
    let other = Project::new("Anderes", now());
    let foreign = Step::new(other.id, "Fremd", now());
    data.projects.push(other);
    data.steps.push(foreign.clone());
    // b: on itself, twice on a, on a missing step, on another project's.
    data.steps[1].dependencies = vec![
        Dependency::on(b.id),
        Dependency::on(a.id),
        Dependency::on(a.id),
        Dependency::on(StepId::new()),
        Dependency::on(foreign.id),
    ];
    let kinds: Vec<_> = repair::problems(&data)
        .iter()
        .map(|p| std::mem::discriminant(&p.error))
        .collect();
    assert_eq!(kinds.len(), 4, "self, duplicate, missing, cross-project");
    let stored = repair_all_through_the_store(data).data();
    let deps = &stored.step(b.id).unwrap().dependencies;
    assert_eq!(deps, &vec![Dependency::on(a.id)], "only the good one stays");
}

#[test]
fn a_dependency_cycle_is_opened() {
    let (mut data, _, a, b) = base();
    data.steps[0].dependencies = vec![Dependency::on(b.id)];
    data.steps[1].dependencies = vec![Dependency::on(a.id)];
    let problem = only_problem(&data);
    assert!(matches!(
        problem.error,
        ValidationError::DependencyCycle { .. }
    ));
    assert_eq!(problem.remedy, Remedy::Unlink);
    let stored = repair_all_through_the_store(data).data();
    let deps = stored
        .steps
        .iter()
        .map(|s| s.dependencies.len())
        .sum::<usize>();
    assert_eq!(
        deps, 1,
        "one link of the circle is removed, the other stays"
    );
}

#[test]
fn a_material_tied_to_a_step_of_another_project_is_untied() {
    let (mut data, ..) = base();
    let other = Project::new("Anderes", now());
    let mut m = Material::new(other.id, "Kabel", now());
    m.step = Some(data.steps[0].id);
    data.projects.push(other);
    data.materials.push(m.clone());
    assert!(matches!(
        only_problem(&data).error,
        ValidationError::WrongProject { .. }
    ));
    assert_eq!(
        repair_all_through_the_store(data)
            .data()
            .material(m.id)
            .unwrap()
            .step,
        None
    );
}

#[test]
fn bad_values_get_plain_ones() {
    let (mut data, p, a, _) = base();
    data.projects[0].name = "  ".into();
    data.projects[0].start = Some(day(10));
    data.projects[0].deadline = Some(day(3));
    data.steps[0].duration_days = 0;
    data.steps[0].progress = 140;
    let mut m = Material::new(p.id, "Farbe", now());
    m.quantity = -2.0;
    data.materials.push(m.clone());
    let mut c = Contact::new("Anna", now());
    c.weekly_capacity_hours = Some(300.0);
    data.contacts.push(c.clone());
    data.time_entries
        .push(TimeEntry::new(a.id, day(1), 30.0, now()));
    let found = repair::problems(&data);
    assert!(found.iter().all(|p| p.remedy == Remedy::Fix), "{found:?}");
    assert_eq!(found.len(), 7);

    let stored = repair_all_through_the_store(data).data();
    let project = stored.project(p.id).unwrap();
    assert_eq!(project.name, "(ohne Namen)");
    assert_eq!(project.deadline, project.start);
    let step = stored.step(a.id).unwrap();
    assert_eq!((step.duration_days, step.progress), (1, 100));
    assert_eq!(stored.material(m.id).unwrap().quantity, 0.0);
    assert_eq!(
        stored.contact(c.id).unwrap().weekly_capacity_hours,
        Some(168.0)
    );
    assert_eq!(stored.time_entries[0].hours, 24.0);
}

#[test]
fn what_cannot_be_repaired_is_set_aside_and_kept_raw() {
    let (mut data, ..) = base();
    let lost = TimeEntry::new(StepId::new(), day(1), 2.0, now());
    data.time_entries.push(lost.clone());
    let mut timed = Appointment::new(
        "Verkehrt",
        When::Timed {
            start: day(2).and_hms_opt(10, 0, 0).unwrap(),
            end: day(2).and_hms_opt(9, 0, 0).unwrap(),
        },
        now(),
    );
    timed.notes = "bleibt erhalten".into();
    data.appointments.push(timed.clone());
    let found = repair::problems(&data);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|p| p.remedy == Remedy::SetAsideOnly));

    let store = repair_all_through_the_store(data);
    assert!(store.data().time_entries.is_empty());
    assert!(store.data().appointments.is_empty());
    let aside = block_on(store.list_set_aside()).unwrap();
    assert_eq!(aside.len(), 2);
    let kept = aside
        .iter()
        .find(|r| r.kind == RecordKind::Appointment)
        .unwrap();
    assert!(kept.raw.contains("bleibt erhalten"));
    assert!(matches!(kept.reason, SetAsideReason::BrokenRule { .. }));
    assert_eq!(kept.record_id, Some(timed.id.0.to_string()));
}

#[test]
fn setting_aside_a_step_frees_what_depended_on_it() {
    let (mut data, _, a, b) = base();
    data.steps[0].project = ProjectId::new();
    data.steps[1].dependencies = vec![Dependency::on(a.id)];
    // b now depends on a step of "another" (missing) project, too.
    let found = repair::problems(&data);
    let problem = found
        .iter()
        .find(|p| p.record.id == a.id.0)
        .cloned()
        .unwrap();
    let store = MemoryStore::with_data(data.clone());
    let session = RefCell::new(Session::new(data));
    let changes = repair::plan_set_aside(session.borrow().data(), &[problem], now());
    session
        .borrow_mut()
        .repair("Beiseitegelegt", changes)
        .unwrap();
    block_on(flush(&session, &store, |_| {})).unwrap();
    let stored = store.data();
    assert!(stored.step(a.id).is_none());
    assert!(stored.step(b.id).unwrap().dependencies.is_empty());
    assert_eq!(stored.validate(), Ok(()));
    assert_eq!(block_on(store.list_set_aside()).unwrap().len(), 1);
}

#[test]
fn a_backup_with_twins_and_broken_links_is_repaired_before_import() {
    let (mut data, ..) = base();
    let twin = data.steps[0].clone();
    data.steps.push(twin);
    data.steps
        .push(Step::new(ProjectId::new(), "Verwaist", now()));
    data.time_entries
        .push(TimeEntry::new(StepId::new(), day(1), 1.0, now()));
    assert!(data.validate().is_err());
    let (repaired, dropped) = repair::repair_dataset(&data, &options(), now());
    assert_eq!(repaired.validate(), Ok(()));
    assert_eq!(
        repaired.steps.len(),
        4,
        "the twin gets its own id, nothing is lost"
    );
    assert_eq!(
        dropped.len(),
        1,
        "only the hours of a missing step are dropped"
    );
}

#[test]
fn the_export_of_damaged_data_imports_again_with_the_repair() {
    use chefsache::exchange::backup;
    let (mut data, ..) = base();
    data.steps
        .push(Step::new(ProjectId::new(), "Verwaist", now()));
    data.time_entries
        .push(TimeEntry::new(StepId::new(), day(1), 1.0, now()));
    let json = backup::export_json(&data, "0.1.0", now());
    assert!(matches!(
        backup::parse_backup(json.as_bytes()),
        Err(backup::ImportError::Invalid(_))
    ));
    let parsed = backup::parse_backup_unchecked(json.as_bytes()).expect("readable");
    assert_eq!(parsed.data, data, "nothing lost on the way");
    assert_eq!(repair::problems(&parsed.data).len(), 2);
    let repaired = repair::repair_for_import(&parsed.data, &options(), now());
    let left = repair::problems(&repaired);
    assert_eq!(
        left.len(),
        1,
        "only what must be set aside is left: {left:?}"
    );
    assert_eq!(left[0].remedy, Remedy::SetAsideOnly);
    assert_eq!(
        repaired.steps.len(),
        data.steps.len(),
        "the orphan is re-linked"
    );
}
