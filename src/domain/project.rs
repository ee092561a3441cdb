//! Projects: the top level of planning. Client work, own projects, the
//! daily running of the business and side activities are all projects, told apart by
//! [`Category`], so one calendar and one table show everything.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::check;
use super::record::impl_record;
use super::Field;
use super::{ContactId, Money, ProjectId, Record, RecordKind, ValidationError};

/// What kind of work a project is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Paid work for a client (the client is optional: it may not be in
    /// the address book yet).
    #[default]
    ClientProject,
    /// The business's own undertaking: a product launch, a new shop.
    OwnProject,
    /// Running the business: bookkeeping, acquisition, maintenance.
    DailyBusiness,
    /// Anything else: a side project, teaching, an association.
    SideActivity,
}

/// How urgent a project is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    #[default]
    Normal,
    /// Before the usual.
    High,
    /// Drop everything else.
    Urgent,
}

/// Where a project stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// Just a thought, not planned yet.
    #[default]
    Idea,
    /// Planned but not started.
    Planned,
    /// Being worked on.
    Active,
    /// Paused.
    OnHold,
    /// Finished.
    Done,
    /// Abandoned.
    Cancelled,
}

impl ProjectStatus {
    /// Done and cancelled projects no longer need planning.
    pub fn is_closed(self) -> bool {
        matches!(self, ProjectStatus::Done | ProjectStatus::Cancelled)
    }
}

/// A project. Its steps, materials, communications and appointments point
/// to it by id; the project itself holds no lists of them, so there is one
/// source of truth for every link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable id.
    pub id: ProjectId,
    /// When the project was created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub updated: DateTime<Utc>,
    /// Name, required.
    pub name: String,
    /// The client, a contact (usually with the client role).
    #[serde(default)]
    pub client: Option<ContactId>,
    /// Client project, own project, daily business or side activity.
    #[serde(default)]
    pub category: Category,
    /// Priority.
    #[serde(default)]
    pub priority: Priority,
    /// Status.
    #[serde(default)]
    pub status: ProjectStatus,
    /// Planned start.
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// Date by which everything must be finished.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Expected revenue.
    #[serde(default)]
    pub planned_revenue: Money,
    /// Expected costs (materials, bought-in labour).
    #[serde(default)]
    pub planned_cost: Money,
    /// What the project is about.
    #[serde(default)]
    pub description: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// The project's own list of work areas (e.g. concept, backend,
    /// frontend, design); steps pick one of them. Free text because every
    /// trade has its own.
    #[serde(default)]
    pub work_areas: Vec<String>,
    /// Working days of slack between a material's expected delivery and the
    /// step that needs it, so a late parcel does not stop the work.
    #[serde(default)]
    pub procurement_buffer_days: u32,
    /// Frozen plans, oldest first: the first is taken when the project
    /// becomes active, later ones when the person re-baselines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<super::Baseline>,
    /// What the person learned, written after (or during) the project.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lessons: String,
    /// Work packages exported for collaborators, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<super::IssuedPackage>,
}

impl_record!(Project, RecordKind::Project, |p| p.name.clone());

impl Project {
    /// A new project named `name`, created and updated at `now`.
    pub fn new(name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Project {
            id: ProjectId::new(),
            created: now,
            updated: now,
            name: name.into(),
            client: None,
            category: Category::default(),
            priority: Priority::default(),
            status: ProjectStatus::default(),
            start: None,
            deadline: None,
            planned_revenue: Money::ZERO,
            planned_cost: Money::ZERO,
            description: String::new(),
            notes: String::new(),
            work_areas: Vec::new(),
            procurement_buffer_days: 0,
            baselines: Vec::new(),
            lessons: String::new(),
            work_packages: Vec::new(),
        }
    }

    /// Planned revenue minus planned cost.
    pub fn planned_margin(&self) -> Money {
        self.planned_revenue - self.planned_cost
    }

    /// Rules of the project on its own (links are checked by the dataset).
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        self.check(&mut errors);
        super::into_result(errors)
    }

    pub(crate) fn check(&self, errors: &mut Vec<ValidationError>) {
        let me = self.reference();
        check::not_blank(&me, Field::Name, &self.name, errors);
        check::non_negative_money(&me, Field::PlannedRevenue, self.planned_revenue, errors);
        check::non_negative_money(&me, Field::PlannedCost, self.planned_cost, errors);
        if let (Some(start), Some(deadline)) = (self.start, self.deadline) {
            check::ordered(
                &me,
                (Field::Start, &start),
                (Field::Deadline, &deadline),
                false,
                errors,
            );
        }
    }
}
