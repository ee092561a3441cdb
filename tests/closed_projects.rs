//! A finished or cancelled project is read-only until reopened: every
//! path that edits its plan goes through the session and is refused there;
//! hours, communications, a material's invoiced cost and lessons learned
//! may still be added.

use chefsache::domain::{
    Communication, Dataset, Dependency, Material, Money, Project, ProjectStatus, Step, StepStatus,
    TimeEntry,
};
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::commands::{self, CommandError};
use chefsache::state::Session;
use chefsache::store::AnyRecord;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn calendar() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

/// A finished project with two steps and a material, and an open one.
struct Fixture {
    session: Session,
    done: Project,
    concept: Step,
    design: Step,
    licence: Material,
    open: Project,
}

fn fixture() -> Fixture {
    let t = now();
    let mut done = Project::new("Messestand", t);
    done.status = ProjectStatus::Done;
    let mut concept = Step::new(done.id, "Konzept", t);
    concept.status = StepStatus::Done;
    let design = Step::new(done.id, "Design", t);
    let mut licence = Material::new(done.id, "Lizenz", t);
    licence.unit_cost = Money::from_euros(50).unwrap();
    let open = Project::new("Webshop", t);
    let data = Dataset {
        projects: vec![done.clone(), open.clone()].into(),
        steps: vec![concept.clone(), design.clone()].into(),
        materials: vec![licence.clone()].into(),
        ..Dataset::default()
    };
    Fixture {
        session: Session::new(data),
        done,
        concept,
        design,
        licence,
        open,
    }
}

fn refused(result: Result<(), CommandError>) {
    assert_eq!(
        result,
        Err(CommandError::ProjectClosed("Messestand".into()))
    );
}

fn save(session: &mut Session, record: AnyRecord) -> Result<(), CommandError> {
    let changes = commands::save(session.data(), record, now());
    session.execute("edit", changes)
}

#[test]
fn the_plan_of_a_finished_project_cannot_be_edited() {
    let mut f = fixture();
    let before = f.session.data().clone();

    // The step form and the table's in-place edit save the step.
    let mut step = f.design.clone();
    step.effort_hours = 12.0;
    refused(save(&mut f.session, AnyRecord::Step(step)));
    // The timeline's drag and arrow keys reschedule it.
    let moved =
        commands::reschedule_step(f.session.data(), f.design.id, Some(today()), Some(3), now());
    refused(f.session.execute("move", moved.unwrap()));
    // Status, dependencies, order, new and deleted steps.
    let status = commands::set_step_status(
        f.session.data(),
        f.design.id,
        StepStatus::Done,
        today(),
        now(),
    );
    refused(f.session.execute("status", status.unwrap()));
    let dependency =
        commands::add_dependency(f.session.data(), f.design.id, f.concept.id, 0, now());
    refused(f.session.execute("dependency", dependency.unwrap()));
    let up = commands::move_step(f.session.data(), f.design.id, true, now());
    refused(f.session.execute("up", up.unwrap()));
    refused(save(
        &mut f.session,
        AnyRecord::Step(Step::new(f.done.id, "Nacharbeit", now())),
    ));
    let delete = commands::delete_step(f.session.data(), f.concept.id, now());
    refused(f.session.execute("delete", delete.unwrap()));
    // A material's plan, and the project's plan fields.
    let mut material = f.licence.clone();
    material.quantity = 3.0;
    refused(save(&mut f.session, AnyRecord::Material(material)));
    let mut project = f.done.clone();
    project.deadline = Some(today());
    refused(save(&mut f.session, AnyRecord::Project(project)));
    let rebaseline = chefsache::state::baseline::take_baseline(
        f.session.data(),
        f.done.id,
        &calendar(),
        today(),
        now(),
        "neu",
    );
    refused(f.session.execute("baseline", rebaseline.unwrap()));

    assert_eq!(f.session.data(), &before, "nothing changed");
    assert!(!f.session.history().can_undo(), "no undo entries");
}

#[test]
fn a_step_cannot_be_moved_into_a_finished_project() {
    let mut f = fixture();
    let mut step = Step::new(f.open.id, "Frontend", now());
    save(&mut f.session, AnyRecord::Step(step.clone())).unwrap();
    step.project = f.done.id;
    step.dependencies = vec![Dependency::on(f.concept.id)];
    refused(save(&mut f.session, AnyRecord::Step(step)));
}

#[test]
fn hours_talks_invoices_and_lessons_may_still_be_recorded() {
    let mut f = fixture();
    // Late hours: people book the last afternoon after marking it done.
    let hours = TimeEntry::new(f.concept.id, today(), 1.5, now());
    save(&mut f.session, AnyRecord::TimeEntry(hours)).unwrap();
    let mut call = Communication::new(now(), "Abnahme bestätigt", now());
    call.project = Some(f.done.id);
    save(&mut f.session, AnyRecord::Communication(call)).unwrap();
    // The invoice arrives after the end.
    let mut material = f.licence.clone();
    material.actual_cost = Some(Money::from_euros(65).unwrap());
    save(&mut f.session, AnyRecord::Material(material)).unwrap();
    let mut project = f.done.clone();
    project.lessons = "Lizenzen früher bestellen".into();
    project.notes = "Kunde zufrieden".into();
    save(&mut f.session, AnyRecord::Project(project)).unwrap();

    let data = f.session.data();
    assert_eq!(data.time_entries.len(), 1);
    assert_eq!(data.communications.len(), 1);
    assert_eq!(
        data.material(f.licence.id).unwrap().actual_cost,
        Some(Money::from_euros(65).unwrap())
    );
    assert_eq!(
        data.project(f.done.id).unwrap().lessons,
        "Lizenzen früher bestellen"
    );
}

#[test]
fn reopening_makes_the_plan_editable_again() {
    let mut f = fixture();
    let reopen = commands::reopen_project(f.session.data(), f.done.id, &calendar(), today(), now());
    f.session.execute("reopen", reopen.unwrap()).unwrap();
    let project = f.session.data().project(f.done.id).unwrap();
    assert_eq!(project.status, ProjectStatus::Active);
    assert_eq!(project.baselines.len(), 1, "reopening freezes a first plan");

    let mut step = f.design.clone();
    step.effort_hours = 12.0;
    save(&mut f.session, AnyRecord::Step(step)).unwrap();
    assert_eq!(
        f.session.data().step(f.design.id).unwrap().effort_hours,
        12.0
    );
}

#[test]
fn an_edit_made_before_another_tab_closed_the_project_is_not_undone() {
    let mut f = fixture();
    // The project is running when this tab edits a step.
    let mut data = f.session.data().clone();
    let mut running = f.done.clone();
    running.status = ProjectStatus::Active;
    data.projects = vec![running, f.open.clone()].into();
    f.session = Session::new(data);
    let mut step = f.design.clone();
    step.duration_days = 4;
    save(&mut f.session, AnyRecord::Step(step)).unwrap();
    // Another tab marks the project done.
    let mut project = f.session.data().project(f.done.id).unwrap().clone();
    project.status = ProjectStatus::Done;
    f.session
        .apply_remote(&chefsache::store::ChangeSet::new().put(AnyRecord::Project(project)));

    refused(f.session.undo().map(|_| ()));
    assert_eq!(f.session.data().step(f.design.id).unwrap().duration_days, 4);
    assert!(
        f.session.history().can_undo(),
        "the entry is kept for after reopening"
    );
}

#[test]
fn closing_and_its_undo_are_allowed() {
    let mut f = fixture();
    let mut project = f.open.clone();
    project.status = ProjectStatus::Cancelled;
    project.deadline = Some(today());
    save(&mut f.session, AnyRecord::Project(project)).unwrap();
    let mut step = Step::new(f.open.id, "Nacharbeit", now());
    step.duration_days = 2;
    refused_named(save(&mut f.session, AnyRecord::Step(step)), "Webshop");
    f.session.undo().unwrap();
    assert_eq!(
        f.session.data().project(f.open.id).unwrap().status,
        ProjectStatus::Idea
    );
}

fn refused_named(result: Result<(), CommandError>, name: &str) {
    assert_eq!(result, Err(CommandError::ProjectClosed(name.into())));
}

#[test]
fn deleting_a_finished_project_or_a_contact_still_cleans_up() {
    let mut f = fixture();
    let delete = commands::delete_project(f.session.data(), f.done.id, now());
    f.session.execute("delete", delete.unwrap()).unwrap();
    assert!(f.session.data().steps.is_empty());
    assert!(f.session.data().materials.is_empty());
}
