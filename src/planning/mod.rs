//! The planning engine: pure functions that turn steps, dependencies,
//! materials and people into dates, warnings and workloads.
//!
//! Why it has its own small input types instead of using `crate::domain`:
//! the engine must be testable on its own and fast on 10,000 steps, and it
//! must not change whenever the stored records grow a field. Adapters from
//! the domain records (whose ids wrap [`uuid::Uuid`]) are thin and live
//! outside this module.
//!
//! One concern per file:
//! * [`holidays`]: German public holidays per federal state.
//! * [`calendar`]: the working-day calendar (weekends, holidays, days off).
//! * [`graph`]: the one dependency graph: topological order, cycles, and
//!   whether a new dependency would close a loop; also used by
//!   `domain::Dataset`'s validation and the commands.
//! * [`schedule`]: critical path method (earliest/latest dates, float).
//! * [`procurement`]: when to order materials, what to order this week.
//! * [`workload`]: planned hours against capacity per person and ISO week.
//! * [`health`]: on track / at risk / late, with typed reasons.
//! * [`ranking`]: what to work on next across projects, with reasons.
//! * [`leveling`]: moving non-critical steps within their float to remove
//!   overload.
//!
//! All day arithmetic is in working days of a [`WorkCalendar`] unless a
//! name or doc comment says "calendar days".

pub mod calendar;
pub mod graph;
pub mod health;
pub mod holidays;
pub mod leveling;
pub mod procurement;
pub mod ranking;
pub mod schedule;
pub mod workload;

pub use calendar::WorkCalendar;
pub use graph::Graph;
pub use health::{
    project_health, Health, HealthFacts, HealthLevel, HealthReason, OverdueFollowUp, OverdueOrder,
};
pub use holidays::{easter_sunday, FederalState, Holiday, HolidayKind};
pub use leveling::{
    level, Assignment, ChainBlock, LevelingResult, StepMove, StuckReason, StuckStep,
};
pub use procurement::{
    order_list_for_week, plan_order, MaterialNeed, OrderLine, OrderPlan, ProcurementSettings,
    ProcurementWarning, PurchaseRow, SupplierOrder,
};
pub use ranking::{rank, Candidate, Pin, RankReason, RankedItem, WorkKind};
pub use schedule::{
    compute_schedule, find_cycle_if_added, finish_slips, BackwardAnchor, FloatReference,
    PlanProgress, PlanStep, Schedule, ScheduleError, ScheduleInput, ScheduledStep, MAX_DAYS,
};
pub(crate) use workload::week_capacity;
pub use workload::{weekly_load, Person, WeekLoad, WorkItem};
