//! The incremental check of a change (issue 9): the rule breaks a change
//! adds, found by looking only at the records it touches and their
//! neighbours, with the same answer as [`added_errors`](super::added_errors)
//! over the whole dataset.
//!
//! Why that is enough: a record's errors depend on the record itself and on
//! the records its links point to (their existence; for a step's
//! predecessors and a material's step also their project). So the errors
//! that can differ between before and after are those of
//!
//! - the touched records themselves (own rules and links), and
//! - the records pointing to a touched record that appears, disappears or
//!   (a step) moves to another project: its referrers.
//!
//! Dependency cycles change only when dependency edges do (a step's
//! dependencies change, or a step appears or disappears); then the cycles
//! of all steps are compared, as the full check does. Duplicate ids cannot
//! be added by a change (a put replaces the record with its id).
//!
//! The check works on any dataset that holds those records: the store
//! passes only the records it read for the change
//! ([`crate::store::write`]). Records the check needs but the dataset lacks
//! count as missing in before and after alike, so they add no error, which
//! is why the store reads every record whose lookup can change.

use std::collections::HashSet;

use uuid::Uuid;

use super::dataset::{links, signature};
use super::{Dataset, ProjectId, RecordKind, ValidationError};

/// A record by kind and id (the domain's own key; the store has
/// `RecordKey`).
pub type Touched = (RecordKind, Uuid);

/// The rule breaks of `after` that `before` did not have, where `after` is
/// `before` with the records `touched` changed (put, patched, deleted).
/// Same answer as [`added_errors`](super::added_errors) when ids are unique
/// within each kind (as in every store).
pub fn added_errors_in(
    before: &Dataset,
    after: &Dataset,
    touched: &[Touched],
) -> Vec<ValidationError> {
    let mut affected: HashSet<Touched> = touched.iter().copied().collect();
    let mut linked: HashSet<Touched> = HashSet::new();
    let mut edges_changed = false;
    for &(kind, id) in touched {
        let (was, is) = (exists(before, kind, id), exists(after, kind, id));
        if was != is {
            linked.insert((kind, id));
        }
        if kind == RecordKind::Step {
            let step_before = before.steps.by_id(id);
            let step_after = after.steps.by_id(id);
            if step_before.map(|s| s.project) != step_after.map(|s| s.project) {
                linked.insert((kind, id));
            }
            if was != is
                || step_before.map(|s| &s.dependencies) != step_after.map(|s| &s.dependencies)
            {
                edges_changed = true;
            }
        }
    }
    if !linked.is_empty() {
        referrers(before, &linked, &mut affected);
        referrers(after, &linked, &mut affected);
    }
    // `HashSet<_>`: whatever identity `signature` gives (text or the
    // label-free error itself).
    let mut known: HashSet<_> = local_errors(before, &affected)
        .iter()
        .map(signature)
        .collect();
    let mut found = local_errors(after, &affected);
    if edges_changed {
        known.extend(before.dependency_cycles().iter().map(signature));
        found.extend(after.dependency_cycles());
    }
    found.retain(|error| !known.contains(&signature(error)));
    found
}

fn exists(data: &Dataset, kind: RecordKind, id: Uuid) -> bool {
    match kind {
        RecordKind::Project => data.projects.contains_id(id),
        RecordKind::Step => data.steps.contains_id(id),
        RecordKind::Material => data.materials.contains_id(id),
        RecordKind::Contact => data.contacts.contains_id(id),
        RecordKind::Communication => data.communications.contains_id(id),
        RecordKind::Appointment => data.appointments.contains_id(id),
        RecordKind::TimeEntry => data.time_entries.contains_id(id),
    }
}

/// Adds every record of `data` that links to one of `targets`. One pass
/// over the kinds that can link to them.
fn referrers(data: &Dataset, targets: &HashSet<Touched>, out: &mut HashSet<Touched>) {
    let has = |kind: RecordKind| targets.iter().any(|(k, _)| *k == kind);
    let project = |id: ProjectId| targets.contains(&(RecordKind::Project, id.0));
    let step = |id: super::StepId| targets.contains(&(RecordKind::Step, id.0));
    let contact = |id: super::ContactId| targets.contains(&(RecordKind::Contact, id.0));
    let (projects, steps, contacts) = (
        has(RecordKind::Project),
        has(RecordKind::Step),
        has(RecordKind::Contact),
    );
    if contacts {
        for p in &data.projects {
            if p.client.is_some_and(contact) {
                out.insert((RecordKind::Project, p.id.0));
            }
        }
    }
    if projects || steps || contacts {
        for s in &data.steps {
            if project(s.project)
                || s.assignee.contact().is_some_and(contact)
                || s.predecessors().any(step)
            {
                out.insert((RecordKind::Step, s.id.0));
            }
        }
        for m in &data.materials {
            if project(m.project) || m.step.is_some_and(step) || m.supplier.is_some_and(contact) {
                out.insert((RecordKind::Material, m.id.0));
            }
        }
    }
    if projects || contacts {
        for c in &data.communications {
            if c.project.is_some_and(project) || c.contact.is_some_and(contact) {
                out.insert((RecordKind::Communication, c.id.0));
            }
        }
        for a in &data.appointments {
            if a.project.is_some_and(project) || a.contacts.iter().copied().any(contact) {
                out.insert((RecordKind::Appointment, a.id.0));
            }
        }
    }
    if steps || contacts {
        for t in &data.time_entries {
            if step(t.step) || t.person.contact().is_some_and(contact) {
                out.insert((RecordKind::TimeEntry, t.id.0));
            }
        }
    }
}

/// Every rule break of the given records in `data`: their own rules and
/// their links (looked up through `data`'s id indexes).
fn local_errors(data: &Dataset, records: &HashSet<Touched>) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    for &(kind, id) in records {
        match kind {
            RecordKind::Project => {
                if let Some(r) = data.projects.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::project(data, r));
                }
            }
            RecordKind::Step => {
                if let Some(r) = data.steps.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::step(data, r));
                }
            }
            RecordKind::Material => {
                if let Some(r) = data.materials.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::material(data, r));
                }
            }
            RecordKind::Contact => {
                if let Some(r) = data.contacts.by_id(id) {
                    r.check(&mut errors);
                }
            }
            RecordKind::Communication => {
                if let Some(r) = data.communications.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::communication(data, r));
                }
            }
            RecordKind::Appointment => {
                if let Some(r) = data.appointments.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::appointment(data, r));
                }
            }
            RecordKind::TimeEntry => {
                if let Some(r) = data.time_entries.by_id(id) {
                    r.check(&mut errors);
                    errors.extend(links::time_entry(data, r));
                }
            }
        }
    }
    errors
}
