//! The dataset: all records of all kinds, with lookups and the rules that
//! span records (links exist, dependencies stay inside a project and never
//! form a cycle, ids are unique).
//!
//! Records live in one list per kind ([`Records`]: each record shared, so
//! a copy of the dataset is cheap), in the order the user sees them. That
//! keeps the backup JSON simple and makes import errors point at
//! `steps[12].duration_days`. Lookups by id go through each list's index;
//! `validate` builds hash indexes so that even a 50 MB backup is checked in
//! linear time, and [`added_errors_in`] checks only what a change touches.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::planning::Graph;

use super::records::Records;
use super::{
    Appointment, AppointmentId, Communication, CommunicationId, Contact, ContactId, Field,
    Material, MaterialId, Project, ProjectId, Record, RecordKind, RecordRef, Role, Step, StepId,
    TimeEntry, TimeEntryId, ValidationError,
};

/// Everything the app stores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Projects.
    #[serde(default)]
    pub projects: Records<Project>,
    /// Steps of all projects.
    #[serde(default)]
    pub steps: Records<Step>,
    /// Materials of all projects.
    #[serde(default)]
    pub materials: Records<Material>,
    /// The address book.
    #[serde(default)]
    pub contacts: Records<Contact>,
    /// The communication log.
    #[serde(default)]
    pub communications: Records<Communication>,
    /// Calendar entries.
    #[serde(default)]
    pub appointments: Records<Appointment>,
    /// Booked hours.
    #[serde(default)]
    pub time_entries: Records<TimeEntry>,
}

/// Number of records per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// Projects.
    pub projects: usize,
    /// Steps.
    pub steps: usize,
    /// Materials.
    pub materials: usize,
    /// Contacts.
    pub contacts: usize,
    /// Communications.
    pub communications: usize,
    /// Appointments.
    pub appointments: usize,
    /// Time entries.
    pub time_entries: usize,
}

impl KindCounts {
    /// The count for one kind.
    pub fn get(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Project => self.projects,
            RecordKind::Step => self.steps,
            RecordKind::Material => self.materials,
            RecordKind::Contact => self.contacts,
            RecordKind::Communication => self.communications,
            RecordKind::Appointment => self.appointments,
            RecordKind::TimeEntry => self.time_entries,
        }
    }

    /// All kinds added up.
    pub fn total(&self) -> usize {
        RecordKind::ALL.iter().map(|&k| self.get(k)).sum()
    }
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Self::default()
    }

    /// True if there is no record at all.
    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0
    }

    /// Number of records per kind.
    pub fn counts(&self) -> KindCounts {
        KindCounts {
            projects: self.projects.len(),
            steps: self.steps.len(),
            materials: self.materials.len(),
            contacts: self.contacts.len(),
            communications: self.communications.len(),
            appointments: self.appointments.len(),
            time_entries: self.time_entries.len(),
        }
    }

    /// Every project's id and name, by name (ignoring case): what a
    /// project picker lists.
    pub fn projects_by_name(&self) -> Vec<(ProjectId, String)> {
        by_name(self.projects.iter().map(|p| (p.id, p.name.clone())))
    }

    /// Every contact's id and name, by name (ignoring case).
    pub fn contacts_by_name(&self) -> Vec<(ContactId, String)> {
        by_name(self.contacts.iter().map(|c| (c.id, c.name.clone())))
    }

    /// The project with `id`.
    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.projects.by_id(id.0)
    }

    /// The step with `id`.
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.by_id(id.0)
    }

    /// The material with `id`.
    pub fn material(&self, id: MaterialId) -> Option<&Material> {
        self.materials.by_id(id.0)
    }

    /// The contact with `id`.
    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.contacts.by_id(id.0)
    }

    /// The communication with `id`.
    pub fn communication(&self, id: CommunicationId) -> Option<&Communication> {
        self.communications.by_id(id.0)
    }

    /// The appointment with `id`.
    pub fn appointment(&self, id: AppointmentId) -> Option<&Appointment> {
        self.appointments.by_id(id.0)
    }

    /// The time entry with `id`.
    pub fn time_entry(&self, id: TimeEntryId) -> Option<&TimeEntry> {
        self.time_entries.by_id(id.0)
    }

    /// The steps of `project`, ordered by `sort_order` (stable, so steps
    /// with equal order keep their stored order).
    pub fn steps_of(&self, project: ProjectId) -> Vec<&Step> {
        let mut steps: Vec<&Step> = self.steps.iter().filter(|s| s.project == project).collect();
        crate::sorting::sort_by_key(&mut steps, |s| s.sort_order);
        steps
    }

    /// The steps that depend directly on `step`.
    pub fn successors_of(&self, step: StepId) -> Vec<&Step> {
        self.steps.iter().filter(|s| s.depends_on(step)).collect()
    }

    /// The materials of `project`.
    pub fn materials_of(&self, project: ProjectId) -> Vec<&Material> {
        self.materials
            .iter()
            .filter(|m| m.project == project)
            .collect()
    }

    /// The materials needed by `step`.
    pub fn materials_for_step(&self, step: StepId) -> Vec<&Material> {
        self.materials
            .iter()
            .filter(|m| m.step == Some(step))
            .collect()
    }

    /// The hours booked on `step`.
    pub fn time_entries_of(&self, step: StepId) -> Vec<&TimeEntry> {
        self.time_entries
            .iter()
            .filter(|t| t.step == step)
            .collect()
    }

    /// The communications about `project`.
    pub fn communications_of(&self, project: ProjectId) -> Vec<&Communication> {
        self.communications
            .iter()
            .filter(|c| c.project == Some(project))
            .collect()
    }

    /// The communications with `contact`.
    pub fn communications_with(&self, contact: ContactId) -> Vec<&Communication> {
        self.communications
            .iter()
            .filter(|c| c.contact == Some(contact))
            .collect()
    }

    /// The appointments of `project`.
    pub fn appointments_of(&self, project: ProjectId) -> Vec<&Appointment> {
        self.appointments
            .iter()
            .filter(|a| a.project == Some(project))
            .collect()
    }

    /// The contacts that have `role`.
    pub fn contacts_with_role(&self, role: Role) -> Vec<&Contact> {
        self.contacts.iter().filter(|c| c.has_role(role)).collect()
    }

    /// The projects of `client`.
    pub fn projects_of_client(&self, client: ContactId) -> Vec<&Project> {
        self.projects
            .iter()
            .filter(|p| p.client == Some(client))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/// Hash indexes of the records, built once per validation.
struct Index<'a> {
    projects: HashSet<ProjectId>,
    contacts: HashSet<ContactId>,
    steps: HashMap<StepId, &'a Step>,
}

impl<'a> Index<'a> {
    fn new(data: &'a Dataset) -> Self {
        Index {
            projects: data.projects.iter().map(|p| p.id).collect(),
            contacts: data.contacts.iter().map(|c| c.id).collect(),
            steps: data.steps.iter().map(|s| (s.id, s)).collect(),
        }
    }
}

/// Where a link check looks up the records links point to: the hash
/// indexes of a full validation, or a dataset's own id indexes when only
/// a few records are checked ([`added_errors_in`]).
pub(super) trait Lookup {
    fn has_project(&self, id: ProjectId) -> bool;
    fn has_contact(&self, id: ContactId) -> bool;
    fn find_step(&self, id: StepId) -> Option<&Step>;
}

impl Lookup for Index<'_> {
    fn has_project(&self, id: ProjectId) -> bool {
        self.projects.contains(&id)
    }
    fn has_contact(&self, id: ContactId) -> bool {
        self.contacts.contains(&id)
    }
    fn find_step(&self, id: StepId) -> Option<&Step> {
        self.steps.get(&id).copied()
    }
}

impl Lookup for Dataset {
    fn has_project(&self, id: ProjectId) -> bool {
        self.projects.contains_id(id.0)
    }
    fn has_contact(&self, id: ContactId) -> bool {
        self.contacts.contains_id(id.0)
    }
    fn find_step(&self, id: StepId) -> Option<&Step> {
        self.steps.by_id(id.0)
    }
}

/// Collects errors about one record's links.
struct LinkCheck<'i> {
    index: &'i dyn Lookup,
    record: RecordRef,
    errors: Vec<ValidationError>,
}

impl LinkCheck<'_> {
    fn finish(self) -> Vec<ValidationError> {
        self.errors
    }

    fn missing(&mut self, field: Field, target: RecordKind, id: Uuid) {
        self.errors.push(ValidationError::MissingReference {
            record: self.record.clone(),
            field,
            target,
            id,
        });
    }

    fn project(&mut self, field: Field, id: ProjectId) {
        if !self.index.has_project(id) {
            self.missing(field, RecordKind::Project, id.0);
        }
    }

    fn contact(&mut self, field: Field, id: ContactId) {
        if !self.index.has_contact(id) {
            self.missing(field, RecordKind::Contact, id.0);
        }
    }

    /// The step, or a `MissingReference` error.
    fn step(&mut self, field: Field, id: StepId) -> Option<&Step> {
        let found = self.index.find_step(id);
        if found.is_none() {
            self.missing(field, RecordKind::Step, id.0);
        }
        found
    }
}

/// The rule breaks in one record's links, looked up in `index`. One
/// function per kind, shared by the full and the incremental check.
pub(super) mod links {
    use super::*;

    fn start(index: &dyn Lookup, record: RecordRef) -> LinkCheck<'_> {
        LinkCheck {
            index,
            record,
            errors: Vec::new(),
        }
    }

    pub fn project(index: &dyn Lookup, p: &Project) -> Vec<ValidationError> {
        let mut check = start(index, p.reference());
        if let Some(client) = p.client {
            check.contact(Field::Client, client);
        }
        check.finish()
    }

    pub fn step(index: &dyn Lookup, s: &Step) -> Vec<ValidationError> {
        let mut check = start(index, s.reference());
        check_step_links(s, &mut check);
        check.finish()
    }

    pub fn material(index: &dyn Lookup, m: &Material) -> Vec<ValidationError> {
        let mut check = start(index, m.reference());
        check_material_links(m, &mut check);
        check.finish()
    }

    pub fn communication(index: &dyn Lookup, c: &Communication) -> Vec<ValidationError> {
        let mut check = start(index, c.reference());
        if let Some(contact) = c.contact {
            check.contact(Field::Contact, contact);
        }
        if let Some(project) = c.project {
            check.project(Field::Project, project);
        }
        check.finish()
    }

    pub fn appointment(index: &dyn Lookup, a: &Appointment) -> Vec<ValidationError> {
        let mut check = start(index, a.reference());
        if let Some(project) = a.project {
            check.project(Field::Project, project);
        }
        a.contacts
            .iter()
            .for_each(|&c| check.contact(Field::Contacts, c));
        check.finish()
    }

    pub fn time_entry(index: &dyn Lookup, t: &TimeEntry) -> Vec<ValidationError> {
        let mut check = start(index, t.reference());
        check.step(Field::Step, t.step);
        if let Some(person) = t.person.contact() {
            check.contact(Field::Person, person);
        }
        check.finish()
    }
}

impl Dataset {
    /// Checks every rule: each record on its own, unique ids, existing
    /// links, dependencies inside one project and free of cycles. Returns
    /// all errors found, not just the first, so an import can list them.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check_records(&mut errors);
        self.check_unique_ids(&mut errors);
        self.check_links(&mut errors);
        errors.extend(self.dependency_cycles());
        super::into_result(errors)
    }

    fn check_records(&self, errors: &mut Vec<ValidationError>) {
        self.projects.iter().for_each(|r| r.check(errors));
        self.steps.iter().for_each(|r| r.check(errors));
        self.materials.iter().for_each(|r| r.check(errors));
        self.contacts.iter().for_each(|r| r.check(errors));
        self.communications.iter().for_each(|r| r.check(errors));
        self.appointments.iter().for_each(|r| r.check(errors));
        self.time_entries.iter().for_each(|r| r.check(errors));
    }

    fn check_unique_ids(&self, errors: &mut Vec<ValidationError>) {
        duplicates(&self.projects, errors);
        duplicates(&self.steps, errors);
        duplicates(&self.materials, errors);
        duplicates(&self.contacts, errors);
        duplicates(&self.communications, errors);
        duplicates(&self.appointments, errors);
        duplicates(&self.time_entries, errors);
    }

    fn check_links(&self, errors: &mut Vec<ValidationError>) {
        let index = Index::new(self);
        for p in &self.projects {
            errors.extend(links::project(&index, p));
        }
        for s in &self.steps {
            errors.extend(links::step(&index, s));
        }
        for m in &self.materials {
            errors.extend(links::material(&index, m));
        }
        for c in &self.communications {
            errors.extend(links::communication(&index, c));
        }
        for a in &self.appointments {
            errors.extend(links::appointment(&index, a));
        }
        for t in &self.time_entries {
            errors.extend(links::time_entry(&index, t));
        }
    }
}

fn check_step_links(step: &Step, check: &mut LinkCheck<'_>) {
    check.project(Field::Project, step.project);
    if let Some(contact) = step.assignee.contact() {
        check.contact(Field::Assignee, contact);
    }
    for pred_id in step.predecessors().filter(|&p| p != step.id) {
        let Some(pred) = check.step(Field::Dependencies, pred_id) else {
            continue;
        };
        if pred.project != step.project {
            let predecessor = pred.title.clone();
            check.errors.push(ValidationError::CrossProjectDependency {
                record: check.record.clone(),
                predecessor,
            });
        }
    }
}

fn check_material_links(material: &Material, check: &mut LinkCheck<'_>) {
    check.project(Field::Project, material.project);
    if let Some(supplier) = material.supplier {
        check.contact(Field::Supplier, supplier);
    }
    let Some(step_id) = material.step else { return };
    let Some(step) = check.step(Field::Step, step_id) else {
        return;
    };
    if step.project != material.project {
        let other = step.title.clone();
        check.errors.push(ValidationError::WrongProject {
            record: check.record.clone(),
            field: Field::Step,
            other,
        });
    }
}

/// Pushes a `DuplicateId` error for every record whose id was seen before.
fn duplicates<R: Record>(records: &Records<R>, errors: &mut Vec<ValidationError>) {
    let mut seen: HashMap<Uuid, &R> = HashMap::with_capacity(records.len());
    for record in records {
        if let Some(first) = seen.insert(record.uuid(), record) {
            errors.push(ValidationError::DuplicateId {
                kind: R::KIND,
                id: record.uuid(),
                first: first.label(),
                second: record.label(),
            });
            // Keep the first one as the reference for later duplicates.
            seen.insert(record.uuid(), first);
        }
    }
}

// ---------------------------------------------------------------------------
// Dependency cycles
// ---------------------------------------------------------------------------

impl Dataset {
    /// The steps' dependency graph (one node per step, in `steps` order),
    /// without self-dependencies: those are reported by `Step::validate`,
    /// and leaving them out keeps them from hiding a longer loop.
    fn step_graph(&self) -> (Graph, HashMap<StepId, usize>) {
        let steps: Vec<&Step> = self.steps.iter().collect();
        Graph::keyed(
            &steps,
            |s| s.id,
            |s| {
                s.dependencies
                    .iter()
                    .filter(|d| d.predecessor != s.id)
                    .map(|d| (d.predecessor, d.lag_days))
            },
        )
    }

    /// Every knot of dependency cycles once, as a `DependencyCycle` error
    /// with the steps of one loop in order (each a predecessor of the next),
    /// starting with the step that comes first in `steps`. Self-dependencies
    /// are reported by `Step::validate` instead; links to missing steps are
    /// ignored here. See [`Graph::cycles`].
    pub fn dependency_cycles(&self) -> Vec<ValidationError> {
        let (graph, _) = self.step_graph();
        graph
            .cycles()
            .iter()
            .map(|cycle| self.describe_cycle(cycle))
            .collect()
    }

    fn describe_cycle(&self, cycle: &[usize]) -> ValidationError {
        ValidationError::DependencyCycle {
            steps: cycle.iter().map(|&i| self.steps[i].id).collect(),
            titles: cycle.iter().map(|&i| self.steps[i].title.clone()).collect(),
        }
    }

    /// A `DependencyCycle` error for the given steps (as returned by
    /// [`would_create_cycle`](Self::would_create_cycle)), with their titles,
    /// for the UI to show.
    pub fn cycle_error(&self, steps: &[StepId]) -> ValidationError {
        let title = |id: &StepId| {
            self.step(*id)
                .map_or_else(|| id.to_string(), |s| s.title.clone())
        };
        ValidationError::DependencyCycle {
            steps: steps.to_vec(),
            titles: steps.iter().map(title).collect(),
        }
    }

    /// Would making `new_predecessor` a predecessor of `step` close a
    /// circle? If so, returns the steps of that circle in flow order, each a
    /// predecessor of the next: `[step, …, new_predecessor]` (and
    /// `new_predecessor` would then precede `step` again). `[step]` alone
    /// means the step would depend on itself. Call this when the user picks
    /// a predecessor, and refuse the edit with
    /// [`cycle_error`](Self::cycle_error). The answer is
    /// [`Graph::cycle_if_added`]'s, like the scheduler's.
    pub fn would_create_cycle(&self, step: StepId, new_predecessor: StepId) -> Option<Vec<StepId>> {
        if step == new_predecessor {
            return Some(vec![step]);
        }
        let (graph, index) = self.step_graph();
        let mut cycle = graph.cycle_if_added(*index.get(&new_predecessor)?, *index.get(&step)?)?;
        // The graph starts the loop with the predecessor; name the step first.
        cycle.rotate_left(1);
        Some(cycle.into_iter().map(|i| self.steps[i].id).collect())
    }
}

// ---------------------------------------------------------------------------
// Rule breaks a change adds
// ---------------------------------------------------------------------------

/// The rule breaks of `after` that `before` did not have. A change is
/// refused only for these, so damage that was already stored (however it
/// got there) never blocks an unrelated edit, and no change can add new
/// damage. Errors are compared without their labels (titles, names), so
/// renaming a record with an old problem does not count as a new problem.
pub fn added_errors(before: &Dataset, after: &Dataset) -> Vec<ValidationError> {
    let Err(after_errors) = after.validate() else {
        return Vec::new();
    };
    let known: HashSet<ValidationError> = match before.validate() {
        Ok(()) => HashSet::new(),
        Err(errors) => errors.iter().map(signature).collect(),
    };
    after_errors
        .into_iter()
        .filter(|error| !known.contains(&signature(error)))
        .collect()
}

/// An error's identity without the labels it carries for people (so a
/// rename does not make an old rule break look new).
pub(super) fn signature(error: &ValidationError) -> ValidationError {
    let mut plain = error.clone();
    match &mut plain {
        ValidationError::DuplicateId { first, second, .. } => {
            first.clear();
            second.clear();
        }
        ValidationError::CrossProjectDependency {
            record,
            predecessor,
        } => {
            record.label.clear();
            predecessor.clear();
        }
        ValidationError::WrongProject { record, other, .. } => {
            record.label.clear();
            other.clear();
        }
        ValidationError::DependencyCycle { titles, .. } => titles.clear(),
        ValidationError::Empty { record, .. }
        | ValidationError::Negative { record, .. }
        | ValidationError::OutOfRange { record, .. }
        | ValidationError::ZeroDuration { record }
        | ValidationError::MissingReference { record, .. }
        | ValidationError::SelfDependency { record }
        | ValidationError::DuplicateDependency { record, .. }
        | ValidationError::EndBeforeStart { record, .. } => record.label.clear(),
    }
    plain
}

/// Pairs of id and name, sorted by name ignoring case.
fn by_name<Id>(items: impl Iterator<Item = (Id, String)>) -> Vec<(Id, String)> {
    let mut list: Vec<(Id, String)> = items.collect();
    crate::sorting::sort_by_key(&mut list, |(_, name)| name.to_lowercase());
    list
}
