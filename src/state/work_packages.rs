//! Work packages: a collaborator's part of a project goes out as a file,
//! their progress, hours and notes come back as an update file and are
//! merged field by field. No server: the files travel by mail or chat.
//!
//! - [`build_package`]: only the collaborator's steps with their dates,
//!   the neighbouring steps' titles and dates, the materials for their
//!   steps (no prices, no suppliers), the contact person and a brief.
//!   Nothing about money, other people or the communication log.
//! - [`PackageWork`]: the collaborator's side (the package view): reports,
//!   hours and notes, and the update made from them.
//! - [`plan_update`]: the person's side: what an update changes, step by
//!   step and field by field, with the fields both sides changed since the
//!   package shown as conflicts for the person to decide.
//!
//! Why the merge is order-independent and idempotent: every update holds
//! everything the collaborator did on the package so far (each replaces
//! the ones before), touches only that collaborator's steps, hours and
//! notes, and names its base values; hours and notes carry ids chosen on
//! the collaborator's side, so importing again finds them. An update
//! numbered no higher than one already imported changes nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::domain::fields::{self, Fields};
use crate::domain::{
    Assignee, Channel, Communication, CommunicationId, ContactId, Dataset, Direction,
    IssuedPackage, ProjectId, ReceivedReport, Step, StepId, StepStatus, TimeEntry,
};
use crate::exchange::work_package::{
    BookedHours, ContactPerson, NeighbourStep, PackageMaterial, PackageNote, PackageStep,
    StepReport, StepUpdate, WorkPackage, WorkUpdate, FORMAT_VERSION, PACKAGE_FORMAT, UPDATE_FORMAT,
};
use crate::planning::{ScheduleError, WorkCalendar};
use crate::store::{AnyRecord, ChangeSet};

/// Why no package can be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackageError {
    #[error("the project does not exist")]
    NoProject,
    #[error("the collaborator does not exist")]
    NoCollaborator,
    #[error("no step of the project is assigned to the collaborator")]
    NoSteps,
    #[error("the plan cannot be scheduled: {0}")]
    Schedule(ScheduleError),
}

/// The report fields of a step as it is now.
pub fn report_of(step: &Step) -> StepReport {
    StepReport {
        status: step.status,
        progress: step.progress,
        result: step.result.clone(),
        actual_start: step.actual_start,
        actual_finish: step.actual_finish,
        remaining_days: step.remaining_days,
    }
}

/// The package for `collaborator`'s part of `project`, and the change that
/// records it on the project (an earlier package for the same collaborator
/// is superseded by it).
pub fn build_package(
    data: &Dataset,
    project: ProjectId,
    collaborator: ContactId,
    contact_person: ContactPerson,
    calendar: &WorkCalendar,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(WorkPackage, ChangeSet), PackageError> {
    let the_project = data.project(project).ok_or(PackageError::NoProject)?;
    let person = data
        .contact(collaborator)
        .ok_or(PackageError::NoCollaborator)?;
    let schedule = super::schedule::project_schedule(data, project, calendar, today)
        .map_err(PackageError::Schedule)?;
    let dates: BTreeMap<Uuid, (NaiveDate, NaiveDate)> = schedule
        .steps
        .iter()
        .map(|s| (s.id, (s.earliest_start, s.earliest_finish)))
        .collect();
    let dates_of = |id: StepId| dates.get(&id.0).copied().unwrap_or((today, today));

    let mut all = data.steps_of(project);
    all.sort_by_key(|s| s.sort_order);
    let theirs = |s: &Step| s.assignee == Assignee::Contact(collaborator);
    let steps: Vec<PackageStep> = all
        .iter()
        .filter(|s| theirs(s))
        .map(|s| {
            let (start, finish) = dates_of(s.id);
            PackageStep {
                id: s.id,
                title: s.title.clone(),
                work_area: s.work_area.clone(),
                start,
                finish,
                deadline: s.deadline,
                effort_hours: s.effort_hours,
                milestone: s.milestone,
                report: report_of(s),
            }
        })
        .collect();
    if steps.is_empty() {
        return Err(PackageError::NoSteps);
    }

    // Neighbours: what their steps wait for, and what waits for them.
    let mine: Vec<StepId> = steps.iter().map(|s| s.id).collect();
    let mut neighbours: Vec<NeighbourStep> = Vec::new();
    for other in all.iter().filter(|s| !theirs(s)) {
        let before = mine.iter().any(|m| {
            data.step(*m)
                .is_some_and(|step| step.predecessors().any(|p| p == other.id))
        });
        let after = other.predecessors().any(|p| mine.contains(&p));
        for is_before in [true, false] {
            if (is_before && before) || (!is_before && after) {
                let (start, finish) = dates_of(other.id);
                neighbours.push(NeighbourStep {
                    id: other.id,
                    title: other.title.clone(),
                    start,
                    finish,
                    before: is_before,
                });
            }
        }
    }

    // Storage days only matter for warnings, not for the expected date.
    let plans = super::procurement::material_plans(data, calendar, today, u32::MAX);
    let materials = data
        .materials
        .iter()
        .filter_map(|m| {
            let step = m.step.filter(|s| mine.contains(s))?;
            Some(PackageMaterial {
                name: m.name.clone(),
                quantity: m.quantity,
                unit: m.unit.clone(),
                step,
                expected: m
                    .delivered_on
                    .or(plans.get(&m.id).map(|p| p.expected_delivery)),
            })
        })
        .collect();

    let package = WorkPackage {
        format: PACKAGE_FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        id: Uuid::new_v4(),
        created: now,
        project,
        project_name: the_project.name.clone(),
        brief: the_project.description.clone(),
        collaborator,
        collaborator_name: person.name.clone(),
        contact_person,
        steps,
        neighbours,
        materials,
    };

    let mut recorded = the_project.clone();
    for issued in recorded
        .work_packages
        .iter_mut()
        .filter(|p| p.collaborator == collaborator)
    {
        issued.superseded = true;
    }
    recorded.work_packages.push(IssuedPackage {
        id: package.id,
        collaborator,
        created: now,
        superseded: false,
        imported_update: 0,
        received: Vec::new(),
    });
    let change = super::commands::save(data, AnyRecord::Project(recorded), now);
    Ok((package, change))
}

// ---------------------------------------------------------------------------
// The collaborator's side
// ---------------------------------------------------------------------------

/// A package opened by the collaborator, with what they recorded on it.
/// Kept on their device apart from their own projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageWork {
    pub package: WorkPackage,
    /// The reports as the collaborator has them now, by step.
    #[serde(default)]
    pub reports: BTreeMap<StepId, StepReport>,
    #[serde(default)]
    pub hours: Vec<BookedHours>,
    #[serde(default)]
    pub notes: Vec<PackageNote>,
    /// Updates exported so far.
    #[serde(default)]
    pub updates_made: u32,
}

impl PackageWork {
    pub fn open(package: WorkPackage) -> Self {
        let reports = package
            .steps
            .iter()
            .map(|s| (s.id, s.report.clone()))
            .collect();
        PackageWork {
            package,
            reports,
            hours: Vec::new(),
            notes: Vec::new(),
            updates_made: 0,
        }
    }

    /// The step's report now (the package's if the step is unknown).
    pub fn report(&self, step: StepId) -> Option<&StepReport> {
        self.reports.get(&step)
    }

    /// Sets a step's status the way the app's own step list does: starting
    /// records the start, finishing the finish and 100 %.
    pub fn set_status(&mut self, step: StepId, status: StepStatus, on: NaiveDate) {
        if let Some(report) = self.reports.get_mut(&step) {
            report.status = status;
            match status {
                StepStatus::InProgress => {
                    report.actual_start.get_or_insert(on);
                    report.actual_finish = None;
                }
                StepStatus::Done => {
                    report.actual_start.get_or_insert(on);
                    report.actual_finish.get_or_insert(on);
                    report.progress = 100;
                    report.remaining_days = None;
                }
                _ => {}
            }
        }
    }

    pub fn set_progress(&mut self, step: StepId, progress: u8) {
        if let Some(report) = self.reports.get_mut(&step) {
            report.progress = progress.min(100);
        }
    }

    pub fn set_result(&mut self, step: StepId, result: &str) {
        if let Some(report) = self.reports.get_mut(&step) {
            let text = result.trim();
            report.result = (!text.is_empty()).then(|| text.to_owned());
        }
    }

    /// Books hours; refused (false) for 0 or more than 24 hours, or a step
    /// outside the package.
    pub fn book(&mut self, step: StepId, date: NaiveDate, hours: f64, note: &str) -> bool {
        if !(hours > 0.0 && hours <= 24.0 && self.reports.contains_key(&step)) {
            return false;
        }
        self.hours.push(BookedHours {
            id: crate::domain::TimeEntryId::new(),
            step,
            date,
            hours,
            note: note.trim().to_owned(),
        });
        true
    }

    pub fn add_note(&mut self, step: StepId, text: &str, at: DateTime<Utc>) -> bool {
        let text = text.trim();
        if text.is_empty() || !self.reports.contains_key(&step) {
            return false;
        }
        self.notes.push(PackageNote {
            id: Uuid::new_v4(),
            step,
            at,
            text: text.to_owned(),
        });
        true
    }

    /// The next update: everything recorded so far, numbered one higher.
    pub fn make_update(&mut self, now: DateTime<Utc>) -> WorkUpdate {
        self.updates_made += 1;
        WorkUpdate {
            format: UPDATE_FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            package: self.package.id,
            number: self.updates_made,
            created: now,
            project: self.package.project,
            collaborator: self.package.collaborator,
            steps: self
                .package
                .steps
                .iter()
                .map(|s| StepUpdate {
                    id: s.id,
                    base: s.report.clone(),
                    report: self.reports.get(&s.id).cloned().unwrap_or(s.report.clone()),
                })
                .collect(),
            hours: self.hours.clone(),
            notes: self.notes.clone(),
        }
    }
}

// ---------------------------------------------------------------------------
// The person's side: importing an update
// ---------------------------------------------------------------------------

/// Why an update is refused as a whole (nothing is written).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UpdateRefusal {
    #[error("the project of this update no longer exists")]
    NoProject,
    #[error("this update belongs to a package this project never issued")]
    UnknownPackage,
    #[error("the package of this update was replaced by a newer one")]
    Superseded,
    #[error("the update comes from another collaborator than the package's")]
    WrongCollaborator,
    #[error("update {number} is already imported (or an older one than update {imported})")]
    AlreadyImported { number: u32, imported: u32 },
    #[error("{path}: {hours} hours is not possible (more than 0, at most 24)")]
    BadHours { path: String, hours: f64 },
}

/// A field of a step report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportField {
    Status,
    Progress,
    Result,
    ActualStart,
    ActualFinish,
    RemainingDays,
}

impl ReportField {
    pub const ALL: [ReportField; 6] = [
        ReportField::Status,
        ReportField::Progress,
        ReportField::Result,
        ReportField::ActualStart,
        ReportField::ActualFinish,
        ReportField::RemainingDays,
    ];

    /// The step's JSON field of the same name.
    pub fn name(self) -> &'static str {
        match self {
            ReportField::Status => "status",
            ReportField::Progress => "progress",
            ReportField::Result => "result",
            ReportField::ActualStart => "actual_start",
            ReportField::ActualFinish => "actual_finish",
            ReportField::RemainingDays => "remaining_days",
        }
    }
}

/// A field the collaborator changed, and the person did not (or changed
/// the same way): it takes the collaborator's value.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldUpdate {
    pub field: ReportField,
    pub from: Value,
    pub to: Value,
}

/// A field both sides changed since the package, differently.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldClash {
    pub field: ReportField,
    /// The person's value (what is there now).
    pub ours: Value,
    /// The collaborator's.
    pub theirs: Value,
}

/// What an update does to one step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepMerge {
    pub step: StepId,
    pub title: String,
    pub updates: Vec<FieldUpdate>,
    pub clashes: Vec<FieldClash>,
}

/// What importing an update would do; nothing is written until the person
/// confirms with their choices for the clashes ([`UpdatePlan::into_change`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    pub project: ProjectId,
    pub package: Uuid,
    pub number: u32,
    pub collaborator: ContactId,
    /// Steps with changes or clashes, in the update's order.
    pub steps: Vec<StepMerge>,
    /// Steps of the update that were deleted or given to somebody else
    /// since the package: left alone.
    pub skipped_steps: Vec<StepId>,
    /// Hours to add, and booked hours the collaborator changed.
    pub new_hours: Vec<TimeEntry>,
    pub changed_hours: Vec<TimeEntry>,
    /// Notes to add to the communication log.
    pub new_notes: Vec<Communication>,
    /// The update's step reports, remembered as the next update's base.
    pub received: Vec<ReceivedReport>,
}

impl UpdatePlan {
    /// Whether importing changes anything (apart from remembering the
    /// update's number).
    pub fn changes_nothing(&self) -> bool {
        self.steps.is_empty()
            && self.new_hours.is_empty()
            && self.changed_hours.is_empty()
            && self.new_notes.is_empty()
    }

    pub fn clash_count(&self) -> usize {
        self.steps.iter().map(|s| s.clashes.len()).sum()
    }

    /// The change that applies the plan; `take_theirs` names the clashes
    /// decided for the collaborator's value (all others keep the person's).
    pub fn into_change(
        self,
        data: &Dataset,
        take_theirs: &[(StepId, ReportField)],
        now: DateTime<Utc>,
    ) -> ChangeSet {
        let mut changes = ChangeSet::new();
        for merge in &self.steps {
            let Some(step) = data.step(merge.step) else {
                continue;
            };
            let mut step_fields: Fields = fields::to_fields(step);
            let chosen = merge
                .clashes
                .iter()
                .filter(|c| take_theirs.contains(&(merge.step, c.field)))
                .map(|c| (c.field, &c.theirs));
            let updated = merge.updates.iter().map(|u| (u.field, &u.to));
            let mut any = false;
            for (field, value) in updated.chain(chosen) {
                step_fields.insert(field.name().to_owned(), value.clone());
                any = true;
            }
            if !any {
                continue;
            }
            if let Ok(next) = fields::from_fields::<Step>(step_fields) {
                changes = changes.put(AnyRecord::Step(next).touched(now, false));
            }
        }
        for entry in self.new_hours.into_iter() {
            changes = changes.put(AnyRecord::TimeEntry(entry));
        }
        for entry in self.changed_hours.into_iter() {
            changes = changes.put(AnyRecord::TimeEntry(entry).touched(now, false));
        }
        for note in self.new_notes.into_iter() {
            changes = changes.put(AnyRecord::Communication(note));
        }
        if let Some(project) = data.project(self.project) {
            let mut recorded = project.clone();
            if let Some(issued) = recorded
                .work_packages
                .iter_mut()
                .find(|p| p.id == self.package)
            {
                issued.imported_update = issued.imported_update.max(self.number);
                issued.received = self.received;
            }
            changes = changes.put(AnyRecord::Project(recorded).touched(now, false));
        }
        changes
    }
}

/// What importing `update` into `data` would do, or why it is refused.
pub fn plan_update(
    data: &Dataset,
    update: &WorkUpdate,
    now: DateTime<Utc>,
) -> Result<UpdatePlan, UpdateRefusal> {
    let project = data
        .project(update.project)
        .ok_or(UpdateRefusal::NoProject)?;
    let issued = project
        .work_packages
        .iter()
        .find(|p| p.id == update.package)
        .ok_or(UpdateRefusal::UnknownPackage)?;
    if issued.superseded {
        return Err(UpdateRefusal::Superseded);
    }
    if issued.collaborator != update.collaborator {
        return Err(UpdateRefusal::WrongCollaborator);
    }
    if update.number <= issued.imported_update {
        return Err(UpdateRefusal::AlreadyImported {
            number: update.number,
            imported: issued.imported_update,
        });
    }
    for (i, booked) in update.hours.iter().enumerate() {
        if !(booked.hours > 0.0 && booked.hours <= 24.0) {
            return Err(UpdateRefusal::BadHours {
                path: format!("hours[{i}].hours"),
                hours: booked.hours,
            });
        }
    }

    let collaborator = Assignee::Contact(update.collaborator);
    // A step still theirs in this project.
    let still_theirs = |id: StepId| {
        data.step(id)
            .filter(|s| s.project == update.project && s.assignee == collaborator)
    };

    let mut plan = UpdatePlan {
        project: update.project,
        package: update.package,
        number: update.number,
        collaborator: update.collaborator,
        steps: Vec::new(),
        skipped_steps: Vec::new(),
        new_hours: Vec::new(),
        changed_hours: Vec::new(),
        new_notes: Vec::new(),
        received: update
            .steps
            .iter()
            .map(|s| ReceivedReport {
                step: s.id,
                report: s.report.clone(),
            })
            .collect(),
    };
    for reported in &update.steps {
        let Some(step) = still_theirs(reported.id) else {
            plan.skipped_steps.push(reported.id);
            continue;
        };
        // What the collaborator's changes are measured from: the last
        // update imported from this package, else the package itself.
        let base = issued
            .received
            .iter()
            .find(|r| r.step == reported.id)
            .map_or(&reported.base, |r| &r.report);
        let (base, theirs, ours) = (
            fields::to_fields(base),
            fields::to_fields(&reported.report),
            fields::to_fields(&report_of(step)),
        );
        let mut merge = StepMerge {
            step: step.id,
            title: step.title.clone(),
            updates: Vec::new(),
            clashes: Vec::new(),
        };
        for field in ReportField::ALL {
            let get = |f: &Fields| f.get(field.name()).cloned().unwrap_or(Value::Null);
            let (base, theirs, ours) = (get(&base), get(&theirs), get(&ours));
            if theirs == base || theirs == ours {
                continue;
            }
            if ours == base {
                merge.updates.push(FieldUpdate {
                    field,
                    from: ours,
                    to: theirs,
                });
            } else {
                merge.clashes.push(FieldClash {
                    field,
                    ours,
                    theirs,
                });
            }
        }
        if !merge.updates.is_empty() || !merge.clashes.is_empty() {
            plan.steps.push(merge);
        }
    }

    for booked in &update.hours {
        if still_theirs(booked.step).is_none() {
            continue;
        }
        match data.time_entry(booked.id) {
            None => {
                let mut entry = TimeEntry::new(booked.step, booked.date, booked.hours, now);
                entry.id = booked.id;
                entry.person = collaborator;
                entry.note = booked.note.clone();
                plan.new_hours.push(entry);
            }
            // Hours are the collaborator's own record: a later update of
            // theirs wins over the earlier one.
            Some(entry)
                if entry.person == collaborator
                    && (entry.date != booked.date
                        || entry.hours != booked.hours
                        || entry.note != booked.note
                        || entry.step != booked.step) =>
            {
                let mut entry = entry.clone();
                entry.date = booked.date;
                entry.hours = booked.hours;
                entry.note = booked.note.clone();
                entry.step = booked.step;
                plan.changed_hours.push(entry);
            }
            Some(_) => {}
        }
    }

    for note in &update.notes {
        let Some(step) = still_theirs(note.step) else {
            continue;
        };
        let id = CommunicationId(note.id);
        if data.communication(id).is_some() {
            continue;
        }
        let mut entry = Communication::new(note.at, format!("{}: {}", step.title, note.text), now);
        entry.id = id;
        entry.contact = Some(update.collaborator);
        entry.project = Some(update.project);
        entry.channel = Channel::Message;
        entry.direction = Some(Direction::Incoming);
        plan.new_notes.push(entry);
    }
    Ok(plan)
}
