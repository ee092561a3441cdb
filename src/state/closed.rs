//! Finished and cancelled projects are read-only until reopened.
//!
//! The rule sits where every edit passes ([`Session::execute`] and undo /
//! redo), not in each page, so the step form, the timeline's drag and
//! keys, the table's in-place edit, the materials list and any later
//! editor all respect it without knowing of it.
//!
//! What stays open on a closed project, and why:
//! * time entries and communications: people log their last hours and
//!   the client's thank-you after the project is marked done, and both are
//!   history, not plan;
//! * a material's actual cost: the invoice often arrives after the end,
//!   and the analysis needs it;
//! * the project's own name, notes, lessons learned, status (reopening),
//!   client, category and priority: they describe the project, they are
//!   not its plan.
//!
//! Locked: steps (dates, effort, status, dependencies, adding, deleting),
//! materials (everything but the actual cost) and the project's plan
//! fields ([`LOCKED_PROJECT_FIELDS`]). Deleting a project or a contact may
//! still clean up links in closed projects: the person asked for the
//! deletion, and a dangling link would be worse.
//!
//! [`Session::execute`]: super::Session::execute

use std::collections::BTreeSet;

use crate::domain::{Dataset, ProjectId, RecordKind};
use crate::store::{Change, ChangeSet};

use super::CommandError;

/// The project fields that are its plan, locked while it is closed.
pub const LOCKED_PROJECT_FIELDS: [&str; 7] = [
    "start",
    "deadline",
    "planned_revenue",
    "planned_cost",
    "work_areas",
    "procurement_buffer_days",
    "baselines",
];

/// The material fields that may change on a closed project.
const OPEN_MATERIAL_FIELDS: [&str; 2] = ["actual_cost", "updated"];

/// Refuses `changes` (already turned into patches against `before`) if
/// they edit the plan of a project that is closed before and after them.
/// A change set that reopens the project may change its plan too.
pub fn refuse_closed_edits(before: &Dataset, changes: &ChangeSet) -> Result<(), CommandError> {
    let cleanup = changes.changes.iter().any(|c| {
        matches!(c, Change::Delete(key) if matches!(key.kind, RecordKind::Project | RecordKind::Contact))
    });
    if cleanup {
        return Ok(());
    }
    let mut after = before.clone();
    changes.apply_to(&mut after);
    let closed = |id: ProjectId| {
        let was = before.project(id).is_some_and(|p| p.status.is_closed());
        let is = after.project(id).is_none_or(|p| p.status.is_closed());
        was && is
    };
    for change in &changes.changes {
        let key = change.key();
        let fields: Option<BTreeSet<&str>> = match change {
            Change::Patch { fields, .. } => Some(fields.iter().map(|f| f.field.as_str()).collect()),
            _ => None,
        };
        let projects: Vec<ProjectId> = match key.kind {
            RecordKind::Project => {
                let plan_touched = fields.as_ref().is_none_or(|f| {
                    LOCKED_PROJECT_FIELDS
                        .iter()
                        .any(|locked| f.contains(locked))
                });
                if !plan_touched {
                    continue;
                }
                vec![ProjectId(key.id)]
            }
            RecordKind::Step => [
                before.step(crate::domain::StepId(key.id)),
                after.step(crate::domain::StepId(key.id)),
            ]
            .into_iter()
            .flatten()
            .map(|s| s.project)
            .collect(),
            RecordKind::Material => {
                let only_open = fields
                    .as_ref()
                    .is_some_and(|f| f.iter().all(|name| OPEN_MATERIAL_FIELDS.contains(name)));
                if only_open {
                    continue;
                }
                let id = crate::domain::MaterialId(key.id);
                [before.material(id), after.material(id)]
                    .into_iter()
                    .flatten()
                    .map(|m| m.project)
                    .collect()
            }
            _ => continue,
        };
        if let Some(project) = projects.into_iter().find(|p| closed(*p)) {
            let name = before
                .project(project)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            return Err(CommandError::ProjectClosed(name));
        }
    }
    Ok(())
}
