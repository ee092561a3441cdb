//! Commands: one function per user action, turning an intent into the
//! [`ChangeSet`] that carries it out. They are pure, so every rule about
//! what an action touches (a deleted step disappears from its successors'
//! dependencies, a deleted contact is unlinked everywhere) is tested
//! natively. [`Session::execute`](super::Session::execute) then checks the
//! result against the domain rules before anything changes.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use crate::domain::{
    Assignee, ContactId, Dataset, Dependency, ProjectId, Record, RecordKind, StepId, StepStatus,
    ValidationError,
};
use crate::store::change::find;
use crate::store::{AnyRecord, ChangeSet, RecordKey};

/// Why an action was refused. Nothing has changed when one is returned.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CommandError {
    /// The result would break a rule of the domain.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<ValidationError>),
    /// The record is gone (deleted here or in another tab).
    #[error("the {} no longer exists", .0.kind.name())]
    NotFound(RecordKey),
    /// The dependency would make steps wait for each other in a circle.
    #[error("this dependency would create a cycle: {}", .0.join(" → "))]
    Cycle(Vec<String>),
    /// An undo or redo whose records were changed in another tab since;
    /// the entry is dropped. Holds the action's label.
    #[error("\"{0}\" was changed in another tab; undo dropped")]
    ChangedElsewhere(String),
    /// The stored data could not be read, so the app writes nothing.
    #[error("the data could not be read; Chefsache is read-only")]
    ReadOnly,
    /// The project is finished or cancelled and read-only until reopened
    /// (see [`super::closed`]). Holds its name.
    #[error("the project \"{0}\" is closed; reopen it to change its plan")]
    ProjectClosed(String),
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("there is nothing to redo")]
    NothingToRedo,
}

/// Creates or overwrites a record, stamping it as changed now.
pub fn save(data: &Dataset, record: AnyRecord, now: DateTime<Utc>) -> ChangeSet {
    let is_new = find(data, record.key()).is_none();
    ChangeSet::new().put(record.touched(now, is_new))
}

/// Deletes a project with everything that belongs only to it: its steps,
/// their time entries and its materials. Communications and appointments
/// are history with people, so they stay and lose only the link.
pub fn delete_project(
    data: &Dataset,
    id: ProjectId,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    data.project(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Project,
        id: id.0,
    }))?;
    let mut changes = ChangeSet::new();
    for step in data.steps_of(id) {
        for entry in data.time_entries_of(step.id) {
            changes = changes.delete(RecordKind::TimeEntry, entry.uuid());
        }
        changes = changes.delete(RecordKind::Step, step.uuid());
    }
    for material in data.materials_of(id) {
        changes = changes.delete(RecordKind::Material, material.uuid());
    }
    for communication in data.communications_of(id) {
        let mut unlinked = communication.clone();
        unlinked.project = None;
        changes = changes.put(AnyRecord::Communication(unlinked).touched(now, false));
    }
    for appointment in data.appointments_of(id) {
        let mut unlinked = appointment.clone();
        unlinked.project = None;
        changes = changes.put(AnyRecord::Appointment(unlinked).touched(now, false));
    }
    Ok(changes.delete(RecordKind::Project, id.0))
}

/// Deletes a step: its successors no longer wait for it, its materials are
/// still needed by the project but no longer tied to it, and the hours
/// booked on it go with it.
pub fn delete_step(
    data: &Dataset,
    id: StepId,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    data.step(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: id.0,
    }))?;
    let mut changes = ChangeSet::new();
    for successor in data.successors_of(id) {
        let mut freed = successor.clone();
        freed.dependencies.retain(|d| d.predecessor != id);
        changes = changes.put(AnyRecord::Step(freed).touched(now, false));
    }
    for material in data.materials_for_step(id) {
        let mut untied = material.clone();
        untied.step = None;
        changes = changes.put(AnyRecord::Material(untied).touched(now, false));
    }
    for entry in data.time_entries_of(id) {
        changes = changes.delete(RecordKind::TimeEntry, entry.uuid());
    }
    Ok(changes.delete(RecordKind::Step, id.0))
}

/// Deletes a contact and removes every link to it: as a project's client,
/// a step's assignee (the work falls back to "me"), a material's supplier,
/// a communication's or an appointment's participant.
pub fn delete_contact(
    data: &Dataset,
    id: ContactId,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    data.contact(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Contact,
        id: id.0,
    }))?;
    let mut changes = ChangeSet::new();
    for project in data.projects.iter().filter(|p| p.client == Some(id)) {
        let mut p = project.clone();
        p.client = None;
        changes = changes.put(AnyRecord::Project(p).touched(now, false));
    }
    for step in data
        .steps
        .iter()
        .filter(|s| s.assignee == Assignee::Contact(id))
    {
        let mut s = step.clone();
        s.assignee = Assignee::Me;
        changes = changes.put(AnyRecord::Step(s).touched(now, false));
    }
    for material in data.materials.iter().filter(|m| m.supplier == Some(id)) {
        let mut m = material.clone();
        m.supplier = None;
        changes = changes.put(AnyRecord::Material(m).touched(now, false));
    }
    for communication in data.communications.iter().filter(|c| c.contact == Some(id)) {
        let mut c = communication.clone();
        c.contact = None;
        changes = changes.put(AnyRecord::Communication(c).touched(now, false));
    }
    for appointment in data
        .appointments
        .iter()
        .filter(|a| a.contacts.contains(&id))
    {
        let mut a = appointment.clone();
        a.contacts.retain(|c| *c != id);
        changes = changes.put(AnyRecord::Appointment(a).touched(now, false));
    }
    for entry in data
        .time_entries
        .iter()
        .filter(|t| t.person == Assignee::Contact(id))
    {
        let mut t = entry.clone();
        t.person = Assignee::Me;
        changes = changes.put(AnyRecord::TimeEntry(t).touched(now, false));
    }
    Ok(changes.delete(RecordKind::Contact, id.0))
}

/// Deletes a record that nothing else points to (material, communication,
/// appointment, time entry).
pub fn delete_leaf(data: &Dataset, key: RecordKey) -> Result<ChangeSet, CommandError> {
    find(data, key).ok_or(CommandError::NotFound(key))?;
    Ok(ChangeSet::new().delete(key.kind, key.id))
}

/// Makes `step` wait for `predecessor` (finish-to-start with `lag_days`).
/// Refused at once, naming the steps, if it would close a cycle.
pub fn add_dependency(
    data: &Dataset,
    step: StepId,
    predecessor: StepId,
    lag_days: i32,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let current = data.step(step).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: step.0,
    }))?;
    data.step(predecessor)
        .ok_or(CommandError::NotFound(RecordKey {
            kind: RecordKind::Step,
            id: predecessor.0,
        }))?;
    if let Some(cycle) = data.would_create_cycle(step, predecessor) {
        let names = cycle
            .iter()
            .map(|id| data.step(*id).map(|s| s.title.clone()).unwrap_or_default())
            .collect();
        return Err(CommandError::Cycle(names));
    }
    let mut updated = current.clone();
    match updated
        .dependencies
        .iter_mut()
        .find(|d| d.predecessor == predecessor)
    {
        Some(existing) => existing.lag_days = lag_days,
        None => updated.dependencies.push(Dependency {
            predecessor,
            lag_days,
        }),
    }
    Ok(ChangeSet::new().put(AnyRecord::Step(updated).touched(now, false)))
}

/// Removes the dependency of `step` on `predecessor`.
pub fn remove_dependency(
    data: &Dataset,
    step: StepId,
    predecessor: StepId,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let current = data.step(step).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: step.0,
    }))?;
    let mut updated = current.clone();
    updated
        .dependencies
        .retain(|d| d.predecessor != predecessor);
    Ok(ChangeSet::new().put(AnyRecord::Step(updated).touched(now, false)))
}

/// Moves a step one place up or down in its project's list by swapping
/// positions with its neighbour. The list is renumbered first, so steps
/// that share a position (imports, old data) get distinct ones.
pub fn move_step(
    data: &Dataset,
    id: StepId,
    up: bool,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let step = data.step(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: id.0,
    }))?;
    let mut steps: Vec<crate::domain::Step> =
        data.steps_of(step.project).into_iter().cloned().collect();
    let Some(index) = steps.iter().position(|s| s.id == id) else {
        return Ok(ChangeSet::new());
    };
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|i| *i < steps.len())
    };
    let Some(other) = other else {
        return Ok(ChangeSet::new());
    };
    steps.swap(index, other);
    let mut changes = ChangeSet::new();
    for (position, mut s) in steps.into_iter().enumerate() {
        let position = position as i32;
        if s.sort_order != position {
            s.sort_order = position;
            changes = changes.put(AnyRecord::Step(s).touched(now, false));
        }
    }
    Ok(changes)
}

/// The position for a new step: after the last one of its project.
pub fn next_sort_order(data: &Dataset, project: ProjectId) -> i32 {
    data.steps_of(project)
        .iter()
        .map(|s| s.sort_order + 1)
        .max()
        .unwrap_or(0)
}

/// Pins a step to a new start and/or gives it a new duration (from the
/// timeline). The start becomes the step's fixed date; its successors
/// follow through the schedule.
pub fn reschedule_step(
    data: &Dataset,
    id: StepId,
    start: Option<chrono::NaiveDate>,
    duration_days: Option<u32>,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let step = data.step(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: id.0,
    }))?;
    let mut updated = step.clone();
    if let Some(start) = start {
        updated.planned_start = Some(start);
    }
    if let Some(days) = duration_days {
        if !updated.is_milestone() {
            updated.duration_days = days.max(1);
        }
    }
    Ok(ChangeSet::new().put(AnyRecord::Step(updated).touched(now, false)))
}

/// Sets a step's status as of `on` (the day the person says it happened,
/// today unless they pick another), stamping its actual start or finish
/// (see [`Step::set_status`](crate::domain::Step::set_status)). A finish
/// before the recorded start is refused by the step's rules.
pub fn set_step_status(
    data: &Dataset,
    id: StepId,
    status: StepStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let mut updated = step_or_not_found(data, id)?.clone();
    updated.set_status(status, on);
    Ok(ChangeSet::new().put(AnyRecord::Step(updated).touched(now, false)))
}

/// How far along a step is, in the person's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressReport {
    /// Percent done, 0 to 100.
    Percent(u8),
    /// Working days of work left.
    RemainingDays(u32),
}

/// Records progress on a step as of `on`. A step still to do goes in
/// progress (its actual start stamped `on`); an estimate of remaining days
/// replaces a percentage and the other way round, so one number rules.
pub fn record_progress(
    data: &Dataset,
    id: StepId,
    report: ProgressReport,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let mut updated = step_or_not_found(data, id)?.clone();
    match report {
        ProgressReport::Percent(percent) => {
            updated.progress = percent;
            updated.remaining_days = None;
        }
        ProgressReport::RemainingDays(days) => updated.remaining_days = Some(days),
    }
    if updated.status == StepStatus::Todo {
        updated.set_status(StepStatus::InProgress, on);
    }
    Ok(ChangeSet::new().put(AnyRecord::Step(updated).touched(now, false)))
}

fn step_or_not_found(data: &Dataset, id: StepId) -> Result<&crate::domain::Step, CommandError> {
    data.step(id).ok_or(CommandError::NotFound(RecordKey {
        kind: RecordKind::Step,
        id: id.0,
    }))
}

/// Imports contacts in one action: `new` ones are added, each of `merges`
/// (an existing contact and a card's contact) is merged into the existing
/// record with [`merge_contact`](super::contact_import::merge_contact).
/// Several merges into the same contact all apply. Refused if a contact to
/// merge into is gone.
pub fn import_contacts(
    data: &Dataset,
    new: &[crate::domain::Contact],
    merges: &[(ContactId, crate::domain::Contact)],
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    use super::contact_import::merge_contact;
    let mut merged: Vec<crate::domain::Contact> = Vec::new();
    for (id, incoming) in merges {
        let not_found = || {
            CommandError::NotFound(RecordKey {
                kind: RecordKind::Contact,
                id: id.0,
            })
        };
        match merged.iter_mut().find(|c| c.id == *id) {
            Some(target) => *target = merge_contact(target, incoming),
            None => merged.push(merge_contact(
                data.contact(*id).ok_or_else(not_found)?,
                incoming,
            )),
        }
    }
    let mut changes = ChangeSet::new();
    for contact in new {
        let is_new = data.contact(contact.id).is_none();
        changes = changes.put(AnyRecord::Contact(contact.clone()).touched(now, is_new));
    }
    for contact in merged {
        changes = changes.put(AnyRecord::Contact(contact).touched(now, false));
    }
    Ok(changes)
}

/// Reopens a finished or cancelled project: it becomes active again (with
/// a first baseline if it never had one), so its plan can be edited.
pub fn reopen_project(
    data: &Dataset,
    id: ProjectId,
    calendar: &crate::planning::WorkCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ChangeSet, CommandError> {
    let mut project = data
        .project(id)
        .ok_or(CommandError::NotFound(RecordKey {
            kind: RecordKind::Project,
            id: id.0,
        }))?
        .clone();
    project.status = crate::domain::ProjectStatus::Active;
    let project = super::baseline::with_first_baseline(data, project, calendar, today, now);
    Ok(ChangeSet::new().put(AnyRecord::Project(project).touched(now, false)))
}
