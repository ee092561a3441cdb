//! Steps: the units of work inside a project, linked by finish-to-start
//! dependencies. The planning layer turns them into dates; this file only
//! holds the data and the rules a single step must satisfy.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::{Allowed, Field};
use super::{ContactId, ProjectId, Record, RecordKind, StepId, ValidationError};

/// The most working days of work an estimate may leave (the planner's
/// longest duration): more is a typing mistake.
pub const MAX_REMAINING_DAYS: u32 = 10_000;

/// Who does a step (or who booked a time entry).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignee {
    /// The owner of the app.
    #[default]
    Me,
    /// A collaborator from the address book.
    Contact(ContactId),
}

impl Assignee {
    /// The contact, unless it is "me".
    pub fn contact(self) -> Option<ContactId> {
        match self {
            Assignee::Me => None,
            Assignee::Contact(id) => Some(id),
        }
    }
}

/// A finish-to-start link: this step may start `lag_days` working days
/// after `predecessor` has finished. A negative lag lets it overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dependency {
    /// The step that must finish first.
    pub predecessor: StepId,
    /// Working days between the predecessor's finish and this start.
    #[serde(default)]
    pub lag_days: i32,
}

impl Dependency {
    /// A dependency without lag.
    pub fn on(predecessor: StepId) -> Self {
        Dependency {
            predecessor,
            lag_days: 0,
        }
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not started.
    #[default]
    Todo,
    /// Being worked on.
    InProgress,
    /// Waiting for something outside the plan.
    Blocked,
    /// Finished.
    Done,
    /// Dropped; successors no longer wait for it.
    Cancelled,
}

impl StepStatus {
    /// Done and cancelled steps are no longer open work.
    pub fn is_closed(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Cancelled)
    }
}

/// A step of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Stable id.
    pub id: StepId,
    /// When the step was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// The project it belongs to, required.
    pub project: ProjectId,
    /// Title, required.
    pub title: String,
    /// One of the project's work areas, if any.
    #[serde(default)]
    pub work_area: Option<String>,
    /// Who does it.
    #[serde(default)]
    pub assignee: Assignee,
    /// A fixed start date set by the user; the planner does not move it.
    #[serde(default)]
    pub planned_start: Option<NaiveDate>,
    /// Length in working days of a step that is not a milestone (at least
    /// 1). A milestone's length is 0 whatever this says; read the length
    /// through [`Step::scheduled_days`].
    #[serde(default)]
    pub duration_days: u32,
    /// Expected work in hours (may be less than the duration's days × 8
    /// when the work is spread out).
    #[serde(default)]
    pub effort_hours: f64,
    /// Date by which the step must be finished.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Steps that must finish before this one starts.
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// A milestone marks a point in time (e.g. "go-live"): the one source
    /// of truth for whether a step is a milestone. It takes no time.
    #[serde(default)]
    pub milestone: bool,
    /// Status.
    #[serde(default)]
    pub status: StepStatus,
    /// Percent done, 0 to 100.
    #[serde(default)]
    pub progress: u8,
    /// What came out of the step once done (a link, a decision, a note).
    #[serde(default)]
    pub result: Option<String>,
    /// Position in the project's list.
    #[serde(default)]
    pub sort_order: i32,
    /// When work really started, for planned-vs-actual analysis.
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    /// When work really finished.
    #[serde(default)]
    pub actual_finish: Option<NaiveDate>,
    /// Working days of work left, as the person estimates it. When set it
    /// wins over `progress` for the schedule: "two more days" is what a
    /// freelancer knows, a percentage is what the bar shows.
    #[serde(default)]
    pub remaining_days: Option<u32>,
}

impl_record!(Step, RecordKind::Step, |s| s.title.clone());

impl Step {
    /// A new one-day step `title` in `project`, created at `now`.
    pub fn new(project: ProjectId, title: impl Into<String>, now: DateTime<Utc>) -> Self {
        Step {
            id: StepId::new(),
            created: now,
            updated: now,
            project,
            title: title.into(),
            work_area: None,
            assignee: Assignee::Me,
            planned_start: None,
            duration_days: 1,
            effort_hours: 0.0,
            deadline: None,
            dependencies: Vec::new(),
            milestone: false,
            status: StepStatus::Todo,
            progress: 0,
            result: None,
            sort_order: 0,
            actual_start: None,
            actual_finish: None,
            remaining_days: None,
        }
    }

    /// Whether the step is a moment rather than work: shown as a diamond,
    /// scheduled with length 0.
    pub fn is_milestone(&self) -> bool {
        self.milestone
    }

    /// The length the schedule gives the step: 0 for a milestone, else its
    /// duration. Older data may hold a milestone with a duration (the box
    /// was ticked without setting the duration to 0); it is a milestone
    /// all the same, and unticking it gives that duration back.
    pub fn scheduled_days(&self) -> u32 {
        if self.milestone {
            0
        } else {
            self.duration_days
        }
    }

    /// Makes the step a milestone or work again. A milestone stores length
    /// 0; work that had none (it was a milestone) gets one day.
    pub fn set_milestone(&mut self, milestone: bool) {
        self.milestone = milestone;
        if milestone {
            self.duration_days = 0;
        } else if self.duration_days == 0 {
            self.duration_days = 1;
        }
    }

    /// Working days of work left on an unfinished step: the estimate if
    /// one is recorded, else the part of the duration that `progress` has
    /// not covered, rounded up (40 % of 5 days leaves 3). 0 for done and
    /// milestones.
    pub fn remaining_working_days(&self) -> u32 {
        if self.status == StepStatus::Done || self.is_milestone() {
            return 0;
        }
        if let Some(days) = self.remaining_days {
            return days;
        }
        let left = 100 - u32::from(self.progress.min(100));
        (self.duration_days * left).div_ceil(100)
    }

    /// Sets the status as of `on`, stamping the actual dates: going in
    /// progress records the start (unless one is recorded), done records
    /// the finish and full progress, back to "to do" forgets both. Why the
    /// stamps live here: every way of changing a status (list, form,
    /// timeline) must record reality the same way.
    pub fn set_status(&mut self, status: StepStatus, on: NaiveDate) {
        match status {
            StepStatus::Todo => {
                self.actual_start = None;
                self.actual_finish = None;
            }
            StepStatus::InProgress | StepStatus::Blocked => {
                if status == StepStatus::InProgress {
                    self.actual_start.get_or_insert(on);
                }
                self.actual_finish = None;
            }
            StepStatus::Done => {
                self.actual_start.get_or_insert(on);
                self.actual_finish = Some(on);
                self.progress = 100;
                self.remaining_days = None;
            }
            StepStatus::Cancelled => {}
        }
        self.status = status;
    }

    /// The ids of the steps this one waits for.
    pub fn predecessors(&self) -> impl Iterator<Item = StepId> + '_ {
        self.dependencies.iter().map(|d| d.predecessor)
    }

    /// True if `other` is one of the predecessors.
    pub fn depends_on(&self, other: StepId) -> bool {
        self.predecessors().any(|p| p == other)
    }

    /// Rules of the step on its own: title, numbers, self-dependency and
    /// duplicate predecessors. Links to other steps are checked by the
    /// dataset.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let me = self.reference();
        check::not_blank(&me, Field::Title, &self.title, errors);
        check::non_negative(&me, Field::EffortHours, self.effort_hours, errors);
        if self.duration_days == 0 && !self.milestone {
            errors.push(ValidationError::ZeroDuration { record: me.clone() });
        }
        if self.progress > 100 {
            errors.push(ValidationError::OutOfRange {
                record: me.clone(),
                field: Field::Progress,
                allowed: Allowed::AtMost(100),
                value: self.progress.to_string(),
            });
        }
        if let Some(days) = self.remaining_days.filter(|d| *d > MAX_REMAINING_DAYS) {
            errors.push(ValidationError::OutOfRange {
                record: me.clone(),
                field: Field::RemainingDays,
                allowed: Allowed::AtMost(MAX_REMAINING_DAYS),
                value: days.to_string(),
            });
        }
        if let (Some(start), Some(finish)) = (self.actual_start, self.actual_finish) {
            check::ordered(
                &me,
                (Field::ActualStart, &start),
                (Field::ActualFinish, &finish),
                false,
                errors,
            );
        }
        self.check_dependency_list(&me, errors);
    }

    fn check_dependency_list(&self, me: &super::RecordRef, errors: &mut Vec<ValidationError>) {
        if self.depends_on(self.id) {
            errors.push(ValidationError::SelfDependency { record: me.clone() });
        }
        for (i, dep) in self.dependencies.iter().enumerate() {
            let seen_before = self.dependencies[..i]
                .iter()
                .any(|d| d.predecessor == dep.predecessor);
            if seen_before && dep.predecessor != self.id {
                errors.push(ValidationError::DuplicateDependency {
                    record: me.clone(),
                    predecessor: dep.predecessor.to_string(),
                });
            }
        }
    }
}
