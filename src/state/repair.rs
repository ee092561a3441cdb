//! Repair of stored data that breaks a rule, however it got there (an old
//! version, a damaged backup, a bug). The app still opens; Settings names
//! each broken record ([`problems`]) and offers one click to repair it
//! (re-link, unlink, or a plain fix of the value) or to set it aside (kept
//! raw in the store, out of the data). The planning here is pure: it
//! produces a [`ChangeSet`] that goes through the session and the store
//! like any edit, so a repair can never add a new rule break either.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::domain::{
    Assignee, Dataset, Field, Project, ProjectId, Record, RecordKind, Records, StepId,
    ValidationError,
};
use crate::store::change::{all_records, find};
use crate::store::{AnyRecord, Change, ChangeSet, RecordKey, SetAsideReason};

use super::commands;

/// What a repair does about one problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// The record's project is gone: move it to another project.
    Relink,
    /// A link points nowhere (or somewhere it must not): remove the link.
    Unlink,
    /// A value is out of bounds: set a plain value (a name, 0, 1, the
    /// start as the end, the upper limit).
    Fix,
    /// Nothing sensible to change: the record can only be set aside.
    SetAsideOnly,
}

/// One rule break in the data, with the record it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub error: ValidationError,
    /// The record to repair or set aside.
    pub record: RecordKey,
    /// Its label, for the list.
    pub label: String,
    pub remedy: Remedy,
}

/// Where steps and materials of a vanished project go.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// This project (if it is gone by now, a new one as for `New`).
    Existing(ProjectId),
    /// A new project named [`Options::recovered_name`].
    New,
}

/// The person's choices for a repair.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub target: Target,
    /// The name of a new project for orphans ("Wiederhergestellt").
    pub recovered_name: String,
    /// The name given to a record whose name or title is empty.
    pub unnamed: String,
}

/// Every rule break of `data`, each with the record it is about and what a
/// repair would do.
pub fn problems(data: &Dataset) -> Vec<Problem> {
    let Err(errors) = data.validate() else {
        return Vec::new();
    };
    errors
        .into_iter()
        .filter_map(|error| {
            let record = subject(data, &error)?;
            let label = find(data, record)
                .map(|r| r.label())
                .unwrap_or_else(|| record.id.to_string());
            let remedy = remedy(data, &error);
            Some(Problem {
                error,
                record,
                label,
                remedy,
            })
        })
        .collect()
}

/// The record an error is about: its own record, the first step of a
/// cycle, the second of two records sharing an id.
fn subject(data: &Dataset, error: &ValidationError) -> Option<RecordKey> {
    match error {
        ValidationError::DependencyCycle { steps, .. } => steps.first().map(|s| RecordKey {
            kind: RecordKind::Step,
            id: s.0,
        }),
        ValidationError::DuplicateId { kind, id, .. } => Some(RecordKey {
            kind: *kind,
            id: *id,
        }),
        other => other.record().map(|r| RecordKey {
            kind: r.kind,
            id: r.id,
        }),
    }
    .filter(|key| find(data, *key).is_some())
}

fn remedy(data: &Dataset, error: &ValidationError) -> Remedy {
    use ValidationError as E;
    match error {
        E::MissingReference { record, field, .. } => match (record.kind, *field) {
            (RecordKind::Step | RecordKind::Material, Field::Project) => Remedy::Relink,
            (RecordKind::TimeEntry, Field::Step) => Remedy::SetAsideOnly,
            _ => Remedy::Unlink,
        },
        E::SelfDependency { .. }
        | E::CrossProjectDependency { .. }
        | E::WrongProject { .. }
        | E::DuplicateDependency { .. }
        | E::DependencyCycle { .. } => Remedy::Unlink,
        E::Empty { .. } | E::Negative { .. } | E::ZeroDuration { .. } | E::DuplicateId { .. } => {
            Remedy::Fix
        }
        E::OutOfRange { field, .. } => match *field {
            Field::Progress | Field::WeeklyCapacityHours => Remedy::Fix,
            Field::Hours => {
                let too_many = error
                    .record()
                    .and_then(|r| data.time_entry(crate::domain::TimeEntryId(r.id)))
                    .is_some_and(|t| t.hours > 24.0);
                if too_many {
                    Remedy::Fix
                } else {
                    Remedy::SetAsideOnly
                }
            }
            _ => Remedy::SetAsideOnly,
        },
        E::EndBeforeStart {
            record,
            start_field,
            end_field,
            ..
        } => {
            let top_level = find(
                data,
                RecordKey {
                    kind: record.kind,
                    id: record.id,
                },
            )
            .map(|r| r.to_fields())
            .is_some_and(|f| {
                f.contains_key(start_field.as_str()) && f.contains_key(end_field.as_str())
            });
            if top_level {
                Remedy::Fix
            } else {
                Remedy::SetAsideOnly
            }
        }
    }
}

/// The change set that repairs the given problems (those that can only be
/// set aside are set aside).
pub fn plan_repair(
    data: &Dataset,
    chosen: &[Problem],
    options: &Options,
    now: DateTime<Utc>,
) -> ChangeSet {
    let mut work = Work::new(data, now);
    for problem in chosen {
        work.repair(problem, options);
    }
    work.finish()
}

/// The change set that repairs every problem, repeating until none is left
/// (a repair can reveal another, e.g. a re-linked step's dependency on a
/// step of another project); what cannot be repaired is set aside.
pub fn plan_repair_all(data: &Dataset, options: &Options, now: DateTime<Utc>) -> ChangeSet {
    let mut work = Work::new(data, now);
    for _ in 0..4 {
        let found = problems(&work.data);
        if found.is_empty() {
            break;
        }
        for problem in &found {
            work.repair(problem, options);
        }
    }
    // Whatever still breaks a rule (a problem without a record) goes.
    for problem in problems(&work.data) {
        work.set_aside(problem.record, &problem.error);
    }
    work.finish()
}

/// The change set that sets the problems' records aside, with what
/// depends on them (a step's hours go too, its successors stop waiting
/// for it), so no new rule break appears.
pub fn plan_set_aside(data: &Dataset, chosen: &[Problem], now: DateTime<Utc>) -> ChangeSet {
    let mut work = Work::new(data, now);
    for problem in chosen {
        work.set_aside(problem.record, &problem.error);
    }
    work.finish()
}

/// `data` with every problem repaired or its record dropped, for a backup
/// whose data breaks rules: the import preview offers this before
/// applying. Returns the repaired data and the records dropped.
pub fn repair_dataset(
    data: &Dataset,
    options: &Options,
    now: DateTime<Utc>,
) -> (Dataset, Vec<AnyRecord>) {
    let mut repaired = dedupe_ids(data);
    let changes = plan_repair_all(&repaired, options, now);
    let dropped = changes
        .changes
        .iter()
        .filter(|c| matches!(c, Change::SetAside { .. }))
        .filter_map(|c| find(&repaired, c.key()))
        .collect();
    changes.apply_to(&mut repaired);
    (repaired, dropped)
}

/// `data` with every problem repaired that can be repaired without setting
/// anything aside, for importing a backup whose data breaks rules: what
/// can only be set aside stays in, so the data check names it after the
/// import and nothing from the file is dropped unseen.
pub fn repair_for_import(data: &Dataset, options: &Options, now: DateTime<Utc>) -> Dataset {
    let mut repaired = dedupe_ids(data);
    for _ in 0..4 {
        let fixable: Vec<Problem> = problems(&repaired)
            .into_iter()
            .filter(|p| p.remedy != Remedy::SetAsideOnly)
            .collect();
        if fixable.is_empty() {
            break;
        }
        plan_repair(&repaired, &fixable, options, now).apply_to(&mut repaired);
    }
    repaired
}

/// Gives every later record that shares an id with an earlier one of its
/// kind a new id (only a backup can hold such twins; the store keys by id).
fn dedupe_ids(data: &Dataset) -> Dataset {
    fn fresh<R: Record + Clone>(list: &mut Records<R>, renew: impl Fn(&mut R)) {
        let mut seen = HashSet::new();
        for i in 0..list.len() {
            if !seen.insert(list[i].uuid()) {
                renew(&mut list[i]);
            }
        }
    }
    let mut d = data.clone();
    fresh(&mut d.projects, |r| r.id = ProjectId::new());
    fresh(&mut d.steps, |r| r.id = StepId::new());
    fresh(&mut d.materials, |r| {
        r.id = crate::domain::MaterialId::new()
    });
    fresh(&mut d.contacts, |r| r.id = crate::domain::ContactId::new());
    fresh(&mut d.communications, |r| {
        r.id = crate::domain::CommunicationId::new()
    });
    fresh(&mut d.appointments, |r| {
        r.id = crate::domain::AppointmentId::new()
    });
    fresh(&mut d.time_entries, |r| {
        r.id = crate::domain::TimeEntryId::new()
    });
    d
}

/// A repair in progress: a working copy and the records set aside.
struct Work<'a> {
    original: &'a Dataset,
    data: Dataset,
    now: DateTime<Utc>,
    set_aside: HashMap<RecordKey, Vec<String>>,
    new_project: Option<ProjectId>,
}

impl<'a> Work<'a> {
    fn new(original: &'a Dataset, now: DateTime<Utc>) -> Self {
        Work {
            original,
            data: original.clone(),
            now,
            set_aside: HashMap::new(),
            new_project: None,
        }
    }

    fn repair(&mut self, problem: &Problem, options: &Options) {
        if find(&self.data, problem.record).is_none() {
            return;
        }
        match problem.remedy {
            Remedy::Relink => self.relink(problem.record, options),
            Remedy::Unlink => self.unlink(&problem.error),
            Remedy::Fix => self.fix(problem.record, &problem.error, options),
            Remedy::SetAsideOnly => self.set_aside(problem.record, &problem.error),
        }
    }

    fn target(&mut self, options: &Options) -> ProjectId {
        match options.target {
            Target::Existing(id) if self.data.project(id).is_some() => id,
            Target::Existing(_) | Target::New => {
                if let Some(id) = self.new_project {
                    return id;
                }
                let project = Project::new(options.recovered_name.clone(), self.now);
                let id = project.id;
                self.data.projects.push(project);
                self.new_project = Some(id);
                id
            }
        }
    }

    fn relink(&mut self, key: RecordKey, options: &Options) {
        let project = self.target(options);
        match key.kind {
            RecordKind::Step => {
                if let Some(s) = self.data.steps.iter_mut().find(|s| s.id.0 == key.id) {
                    s.project = project;
                }
            }
            RecordKind::Material => {
                if let Some(m) = self.data.materials.iter_mut().find(|m| m.id.0 == key.id) {
                    m.project = project;
                }
            }
            _ => {}
        }
    }

    fn unlink(&mut self, error: &ValidationError) {
        use ValidationError as E;
        let data = &mut self.data;
        let id = error.record().map(|r| r.id).unwrap_or_default();
        match error {
            E::MissingReference {
                record,
                field,
                id: missing,
                ..
            } => match (record.kind, *field) {
                (RecordKind::Project, Field::Client) => {
                    if let Some(p) = data.projects.iter_mut().find(|p| p.id.0 == id) {
                        p.client = None;
                    }
                }
                (RecordKind::Step, field) => {
                    if let Some(s) = data.steps.iter_mut().find(|s| s.id.0 == id) {
                        match field {
                            Field::Dependencies => {
                                s.dependencies.retain(|d| d.predecessor.0 != *missing)
                            }
                            Field::Assignee => s.assignee = Assignee::Me,
                            _ => {}
                        }
                    }
                }
                (RecordKind::Material, field) => {
                    if let Some(m) = data.materials.iter_mut().find(|m| m.id.0 == id) {
                        match field {
                            Field::Supplier => m.supplier = None,
                            Field::Step => m.step = None,
                            _ => {}
                        }
                    }
                }
                (RecordKind::Communication, field) => {
                    if let Some(c) = data.communications.iter_mut().find(|c| c.id.0 == id) {
                        match field {
                            Field::Contact => c.contact = None,
                            Field::Project => c.project = None,
                            _ => {}
                        }
                    }
                }
                (RecordKind::Appointment, field) => {
                    if let Some(a) = data.appointments.iter_mut().find(|a| a.id.0 == id) {
                        match field {
                            Field::Project => a.project = None,
                            Field::Contacts => a.contacts.retain(|c| c.0 != *missing),
                            _ => {}
                        }
                    }
                }
                (RecordKind::TimeEntry, Field::Person) => {
                    if let Some(t) = data.time_entries.iter_mut().find(|t| t.id.0 == id) {
                        t.person = Assignee::Me;
                    }
                }
                _ => {}
            },
            E::SelfDependency { .. } => {
                if let Some(s) = data.steps.iter_mut().find(|s| s.id.0 == id) {
                    let own = s.id;
                    s.dependencies.retain(|d| d.predecessor != own);
                }
            }
            E::CrossProjectDependency { .. } => {
                let projects: HashMap<StepId, ProjectId> =
                    data.steps.iter().map(|s| (s.id, s.project)).collect();
                if let Some(s) = data.steps.iter_mut().find(|s| s.id.0 == id) {
                    let own = s.project;
                    s.dependencies
                        .retain(|d| projects.get(&d.predecessor).is_none_or(|p| *p == own));
                }
            }
            E::WrongProject { .. } => {
                if let Some(m) = data.materials.iter_mut().find(|m| m.id.0 == id) {
                    m.step = None;
                }
            }
            E::DuplicateDependency { .. } => {
                if let Some(s) = data.steps.iter_mut().find(|s| s.id.0 == id) {
                    let mut seen = HashSet::new();
                    s.dependencies.retain(|d| seen.insert(d.predecessor));
                }
            }
            E::DependencyCycle { steps, .. } => {
                // The first step stops waiting for the last: the circle opens.
                if let (Some(first), Some(last)) = (steps.first(), steps.last()) {
                    if let Some(s) = data.steps.iter_mut().find(|s| s.id == *first) {
                        s.dependencies.retain(|d| d.predecessor != *last);
                    }
                }
            }
            _ => {}
        }
    }

    fn fix(&mut self, key: RecordKey, error: &ValidationError, options: &Options) {
        use ValidationError as E;
        let Some(record) = find(&self.data, key) else {
            return;
        };
        let mut fields = record.to_fields();
        let mut set = |name: &str, value: Value| {
            fields.insert(name.to_owned(), value);
        };
        match error {
            E::Empty { field, .. } => set(field.as_str(), json!(options.unnamed)),
            E::Negative { field, .. } => set(field.as_str(), json!(0)),
            E::ZeroDuration { .. } => set("duration_days", json!(1)),
            E::OutOfRange { field, .. } => match *field {
                Field::Progress => set(field.as_str(), json!(100)),
                Field::WeeklyCapacityHours => set(field.as_str(), json!(168.0)),
                Field::Hours => set(field.as_str(), json!(24.0)),
                _ => {}
            },
            E::EndBeforeStart {
                start_field,
                end_field,
                ..
            } => {
                let start = record.to_fields().get(start_field.as_str()).cloned();
                if let Some(start) = start {
                    set(end_field.as_str(), start);
                }
            }
            // Twins are split by `dedupe_ids`; in the store ids are unique.
            E::DuplicateId { .. } => return,
            _ => return,
        }
        match AnyRecord::from_fields(key.kind, fields) {
            Ok(fixed) => ChangeSet::new().put(fixed).apply_to(&mut self.data),
            Err(_) => self.set_aside(key, error),
        }
    }

    /// Sets the record aside with what depends on it (as a delete would).
    fn set_aside(&mut self, key: RecordKey, error: &ValidationError) {
        if find(&self.data, key).is_none() {
            return;
        }
        let cascade = match key.kind {
            RecordKind::Project => {
                commands::delete_project(&self.data, ProjectId(key.id), self.now)
            }
            RecordKind::Step => commands::delete_step(&self.data, StepId(key.id), self.now),
            RecordKind::Contact => {
                commands::delete_contact(&self.data, crate::domain::ContactId(key.id), self.now)
            }
            _ => commands::delete_leaf(&self.data, key),
        };
        let Ok(cascade) = cascade else { return };
        for change in &cascade.changes {
            if let Change::Delete(gone) = change {
                self.set_aside
                    .entry(*gone)
                    .or_default()
                    .push(error.to_string());
            }
        }
        cascade.apply_to(&mut self.data);
    }

    /// The changes from the original data to the working copy.
    fn finish(self) -> ChangeSet {
        let mut changes = ChangeSet::new();
        for record in all_records(&self.data) {
            match find(self.original, record.key()) {
                Some(old) if old.content() == record.content() => {}
                Some(_) => changes = changes.put(record.touched(self.now, false)),
                None => changes = changes.put(record.touched(self.now, true)),
            }
        }
        for record in all_records(self.original) {
            let key = record.key();
            if find(&self.data, key).is_some() {
                continue;
            }
            changes.changes.push(match self.set_aside.get(&key) {
                Some(problems) => Change::SetAside {
                    key,
                    reason: SetAsideReason::BrokenRule {
                        problems: problems.clone(),
                    },
                    at: self.now,
                },
                None => Change::Delete(key),
            });
        }
        changes
    }
}
