//! Health of one project: on track, at risk or late, with the reasons that
//! make it so, each naming the step (or order, or follow-up) and the
//! numbers, so the UI can say "'Backend' is 3 working days behind; it is on
//! the critical path, so the deadline of 14.03. moves to 19.03." and link to
//! the step.
//!
//! Rules (from the live schedule, see `schedule`'s "Status date"):
//! * **Late**: the project ends after its deadline, or a step finishes
//!   after its own deadline.
//! * **At risk**: a step on the critical path (or without float left)
//!   finishes later than planned; a fixed start has passed without the
//!   step starting; the end moves later than planned (without a deadline
//!   to measure against); less than [`LITTLE_ROOM_DAYS`] working days of
//!   room are left before the deadline; a material order is overdue; a
//!   follow-up is overdue.
//! * **On track** otherwise.
//!
//! Steps that slip within their float are no reason: the plan absorbs
//! them (the step list still shows each one's slip).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::WorkCalendar;
use super::schedule::{Schedule, ScheduleInput, ScheduledStep};

/// Fewer working days than this between the end and the deadline put a
/// project at risk: one sick day would make it late.
pub const LITTLE_ROOM_DAYS: i64 = 3;

/// How a project stands, worst last (so `max` is the overall level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HealthLevel {
    OnTrack,
    AtRisk,
    Late,
}

/// One reason for a project's health. Days are working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HealthReason {
    /// The project's end lies after its deadline; `driven_by` is the step
    /// of the critical path that slipped most, if one did.
    DeadlineMissed {
        deadline: NaiveDate,
        end: NaiveDate,
        days: i64,
        driven_by: Option<Uuid>,
    },
    /// A step finishes after its own deadline.
    StepDeadlineMissed {
        step: Uuid,
        deadline: NaiveDate,
        finish: NaiveDate,
        days: i64,
    },
    /// A step finishes `days` later than planned (more than any of its
    /// predecessors, so the slip arises here) and that delays what
    /// follows: it is on the critical path (or has no float left). `end`
    /// is where the project end moved from and to, when it moved.
    StepBehind {
        step: Uuid,
        days: i64,
        critical: bool,
        end: Option<(NaiveDate, NaiveDate)>,
    },
    /// A fixed start passed without the step starting.
    StartMissed {
        step: Uuid,
        fixed_start: NaiveDate,
        days: i64,
    },
    /// The project end moved later than planned (no deadline to compare).
    EndMoved {
        from: NaiveDate,
        to: NaiveDate,
        days: i64,
    },
    /// The end still meets the deadline, with only `days` to spare.
    LittleRoom {
        deadline: NaiveDate,
        end: NaiveDate,
        days: i64,
    },
    /// A material should have been ordered `days` ago.
    OrderOverdue {
        material: Uuid,
        order_by: NaiveDate,
        days: i64,
    },
    /// A follow-up was due `days` (calendar days) ago.
    FollowUpOverdue {
        communication: Uuid,
        due: NaiveDate,
        days: i64,
    },
}

impl HealthReason {
    /// How bad this reason is on its own.
    pub fn level(&self) -> HealthLevel {
        match self {
            HealthReason::DeadlineMissed { .. } | HealthReason::StepDeadlineMissed { .. } => {
                HealthLevel::Late
            }
            _ => HealthLevel::AtRisk,
        }
    }
}

/// A project's health and why, worst reasons first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub level: HealthLevel,
    pub reasons: Vec<HealthReason>,
}

/// A material order whose order-by date has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverdueOrder {
    pub material: Uuid,
    pub order_by: NaiveDate,
}

/// A follow-up due before today and not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverdueFollowUp {
    pub communication: Uuid,
    pub due: NaiveDate,
}

/// What the health is judged from.
pub struct HealthFacts<'a> {
    pub today: NaiveDate,
    /// The plan that was scheduled (for the steps' deadlines and fixed
    /// starts) and its live schedule.
    pub input: &'a ScheduleInput,
    pub schedule: &'a Schedule,
    pub overdue_orders: &'a [OverdueOrder],
    pub overdue_follow_ups: &'a [OverdueFollowUp],
}

/// Judges a project (see the module doc).
pub fn project_health(facts: &HealthFacts, calendar: &WorkCalendar) -> Health {
    let mut reasons = Vec::new();
    reasons.extend(end_reasons(facts, calendar));
    reasons.extend(step_reasons(facts));
    reasons.extend(
        facts
            .overdue_orders
            .iter()
            .map(|o| HealthReason::OrderOverdue {
                material: o.material,
                order_by: o.order_by,
                days: calendar.working_days_between(o.order_by, facts.today),
            }),
    );
    reasons.extend(
        facts
            .overdue_follow_ups
            .iter()
            .map(|f| HealthReason::FollowUpOverdue {
                communication: f.communication,
                due: f.due,
                days: (facts.today - f.due).num_days(),
            }),
    );
    // Stable: within a level the order above (end, steps, orders, talks).
    crate::sorting::sort_by_key(&mut reasons, |r| std::cmp::Reverse(r.level()));
    Health {
        level: reasons
            .iter()
            .map(HealthReason::level)
            .max()
            .unwrap_or(HealthLevel::OnTrack),
        reasons,
    }
}

/// The project end against the deadline, or against the planned end.
fn end_reasons(facts: &HealthFacts, calendar: &WorkCalendar) -> Option<HealthReason> {
    let end = facts.schedule.project_end?;
    let Some(deadline) = facts.input.project_deadline else {
        let from = facts.schedule.planned_end?;
        let days = calendar.working_days_between(from, end);
        return (days > 0).then_some(HealthReason::EndMoved {
            from,
            to: end,
            days,
        });
    };
    let deadline = calendar
        .working_day_on_or_before(deadline)
        .unwrap_or(deadline);
    let room = calendar.working_days_between(end, deadline);
    if room < 0 {
        Some(HealthReason::DeadlineMissed {
            deadline,
            end,
            days: -room,
            driven_by: most_slipped_critical(facts.schedule),
        })
    } else if room < LITTLE_ROOM_DAYS {
        Some(HealthReason::LittleRoom {
            deadline,
            end,
            days: room,
        })
    } else {
        None
    }
}

/// The critical step that slipped most, the first such in plan order.
fn most_slipped_critical(schedule: &Schedule) -> Option<Uuid> {
    schedule
        .steps
        .iter()
        .filter(|s| s.critical && s.slip_days > 0)
        .fold(None::<&ScheduledStep>, |best, s| match best {
            Some(b) if b.slip_days >= s.slip_days => Some(b),
            _ => Some(s),
        })
        .map(|s| s.id)
}

/// Step deadlines, missed fixed starts and critical slips.
fn step_reasons(facts: &HealthFacts) -> Vec<HealthReason> {
    let schedule = facts.schedule;
    let end_moved = match (schedule.planned_end, schedule.project_end) {
        (Some(from), Some(to)) if to > from => Some((from, to)),
        _ => None,
    };
    let slip: HashMap<Uuid, i64> = schedule.steps.iter().map(|s| (s.id, s.slip_days)).collect();
    let mut reasons = Vec::new();
    for (plan, s) in facts.input.steps.iter().zip(&schedule.steps) {
        if let (Some(deadline), true) = (plan.deadline, s.deadline_late_days > 0) {
            reasons.push(HealthReason::StepDeadlineMissed {
                step: s.id,
                deadline,
                finish: s.earliest_finish,
                days: s.deadline_late_days,
            });
        }
        if let (Some(fixed_start), true) = (plan.fixed_start, s.start_late_days > 0) {
            reasons.push(HealthReason::StartMissed {
                step: s.id,
                fixed_start,
                days: s.start_late_days,
            });
        }
        // Only where the slip arises: a successor pushed by the same days
        // is no news.
        let inherited = plan
            .predecessors
            .iter()
            .map(|(p, _)| slip.get(p).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        if s.slip_days > inherited.max(0) && (s.critical || s.total_float < 0) {
            reasons.push(HealthReason::StepBehind {
                step: s.id,
                days: s.slip_days,
                critical: s.critical,
                end: end_moved,
            });
        }
    }
    reasons
}
