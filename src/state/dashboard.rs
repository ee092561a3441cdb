//! The dashboard's lists, pure: "this week" and the next 14 days, each
//! project's health as sentences to say, and the budget at a glance.
//!
//! Why here and not in the page: which dates count as "this week", what
//! is overdue and which sentence a health reason needs are decisions a
//! person relies on; they are tested natively like the rest of `state/`.

use chrono::{Datelike, Duration, NaiveDate};
use uuid::Uuid;

use crate::domain::{
    Assignee, CommunicationId, Dataset, MaterialId, MaterialStatus, ProjectId, Record, StepId,
    StepStatus,
};
use crate::planning::{HealthReason, WorkCalendar};

use super::agenda::{entries_between, planning_entries, Entry, EntryKind, Source};

/// How far the dashboard looks ahead after this week.
pub const AHEAD_DAYS: i64 = 14;

/// One line of the agenda: an entry, and how many calendar days it is
/// overdue (order-by dates, follow-ups and deadlines that passed).
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub entry: Entry,
    pub overdue_days: Option<i64>,
}

/// "This week" (overdue things first, then Monday to Sunday of today's
/// week) and the days after it up to [`AHEAD_DAYS`] from today.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agenda {
    pub this_week: Vec<AgendaItem>,
    pub ahead: Vec<AgendaItem>,
}

/// The first day of the week `today` is in.
pub fn start_of_week(today: NaiveDate) -> NaiveDate {
    today - Duration::days(i64::from(today.weekday().num_days_from_monday()))
}

/// The last day of the week `today` is in (weeks run Monday to Sunday).
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()))
}

/// Kinds that stay on the list once their day has passed: they still
/// need doing.
fn stays_when_passed(kind: EntryKind) -> bool {
    matches!(
        kind,
        EntryKind::OrderBy | EntryKind::FollowUp | EntryKind::Deadline
    )
}

/// Everything with a date from every project, and what belongs to none
/// (a follow-up without a project, a private appointment): overdue order
/// dates, follow-ups and deadlines, then this week's entries (every
/// occurrence of a repeating appointment, also those earlier this week),
/// then the next days.
pub fn agenda(data: &Dataset, calendar: &WorkCalendar, today: NaiveDate) -> Agenda {
    let week_end = end_of_week(today);
    let ahead_end = (today + Duration::days(AHEAD_DAYS)).max(week_end);
    let mut overdue: Vec<AgendaItem> = planning_entries(data, calendar, today)
        .into_iter()
        .filter(|e| stays_when_passed(e.kind) && e.first_day() < today)
        .map(|entry| AgendaItem {
            overdue_days: Some((today - entry.first_day()).num_days()),
            entry,
        })
        .collect();
    crate::sorting::sort_by_key(&mut overdue, |i| {
        (i.entry.first_day(), i.entry.kind, i.entry.title.clone())
    });
    let plain = |entry: Entry| AgendaItem {
        entry,
        overdue_days: None,
    };
    let mut this_week = overdue;
    this_week.extend(
        entries_between(data, calendar, today, start_of_week(today), week_end)
            .into_iter()
            // Passed order dates, follow-ups and deadlines are listed above.
            .filter(|e| !(stays_when_passed(e.kind) && e.first_day() < today))
            .map(plain),
    );
    let ahead = if ahead_end > week_end {
        entries_between(
            data,
            calendar,
            today,
            week_end + Duration::days(1),
            ahead_end,
        )
        .into_iter()
        .filter(|e| e.first_day() > week_end)
        .map(plain)
        .collect()
    } else {
        Vec::new()
    };
    Agenda { this_week, ahead }
}

/// Where a health sentence links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Step(StepId),
    Material(MaterialId),
    Communication(CommunicationId),
}

/// Which sentence a health reason needs, with the names and numbers it
/// says. One variant per locale text (`health.*`); days are working days
/// except for follow-ups (calendar days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthText {
    /// "The plan ends on {end}, {days} after the deadline of {deadline}."
    EndAfterDeadline {
        end: NaiveDate,
        deadline: NaiveDate,
        days: i64,
    },
    /// The same, naming the critical step that slipped most.
    EndAfterDeadlineBy {
        step: String,
        end: NaiveDate,
        deadline: NaiveDate,
        days: i64,
    },
    StepAfterDeadline {
        step: String,
        finish: NaiveDate,
        deadline: NaiveDate,
        days: i64,
    },
    /// "'{step}' is {days} behind; it is on the critical path, so the end
    /// of {from} moves to {to}."
    BehindCriticalEndMoves {
        step: String,
        days: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    BehindCritical {
        step: String,
        days: i64,
    },
    /// Not on the critical path but without float left.
    BehindNoFloatEndMoves {
        step: String,
        days: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    BehindNoFloat {
        step: String,
        days: i64,
    },
    StartMissed {
        step: String,
        date: NaiveDate,
        days: i64,
    },
    EndMoved {
        from: NaiveDate,
        to: NaiveDate,
        days: i64,
    },
    LittleRoom {
        deadline: NaiveDate,
        end: NaiveDate,
        days: i64,
    },
    OrderOverdue {
        material: String,
        date: NaiveDate,
        days: i64,
    },
    FollowUpOverdue {
        summary: String,
        date: NaiveDate,
        days: i64,
    },
}

/// One reason as the dashboard says it: the sentence and its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthLine {
    pub text: HealthText,
    pub target: Option<Target>,
}

/// The sentence for `reason`, with the step, material or follow-up named
/// from `data` (a record that is gone is named by an empty string).
pub fn health_line(data: &Dataset, reason: &HealthReason) -> HealthLine {
    let step_title = |id: Uuid| {
        data.step(StepId(id))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let step = |id: Uuid| Some(Target::Step(StepId(id)));
    match *reason {
        HealthReason::DeadlineMissed {
            deadline,
            end,
            days,
            driven_by,
        } => HealthLine {
            text: match driven_by {
                Some(id) => HealthText::EndAfterDeadlineBy {
                    step: step_title(id),
                    end,
                    deadline,
                    days,
                },
                None => HealthText::EndAfterDeadline {
                    end,
                    deadline,
                    days,
                },
            },
            target: driven_by.and_then(step),
        },
        HealthReason::StepDeadlineMissed {
            step: id,
            deadline,
            finish,
            days,
        } => HealthLine {
            text: HealthText::StepAfterDeadline {
                step: step_title(id),
                finish,
                deadline,
                days,
            },
            target: step(id),
        },
        HealthReason::StepBehind {
            step: id,
            days,
            critical,
            end,
        } => {
            let title = step_title(id);
            let text = match (critical, end) {
                (true, Some((from, to))) => HealthText::BehindCriticalEndMoves {
                    step: title,
                    days,
                    from,
                    to,
                },
                (true, None) => HealthText::BehindCritical { step: title, days },
                (false, Some((from, to))) => HealthText::BehindNoFloatEndMoves {
                    step: title,
                    days,
                    from,
                    to,
                },
                (false, None) => HealthText::BehindNoFloat { step: title, days },
            };
            HealthLine {
                text,
                target: step(id),
            }
        }
        HealthReason::StartMissed {
            step: id,
            fixed_start,
            days,
        } => HealthLine {
            text: HealthText::StartMissed {
                step: step_title(id),
                date: fixed_start,
                days,
            },
            target: step(id),
        },
        HealthReason::EndMoved { from, to, days } => HealthLine {
            text: HealthText::EndMoved { from, to, days },
            target: None,
        },
        HealthReason::LittleRoom {
            deadline,
            end,
            days,
        } => HealthLine {
            text: HealthText::LittleRoom {
                deadline,
                end,
                days,
            },
            target: None,
        },
        HealthReason::OrderOverdue {
            material,
            order_by,
            days,
        } => HealthLine {
            text: HealthText::OrderOverdue {
                material: data
                    .material(MaterialId(material))
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                date: order_by,
                days,
            },
            target: Some(Target::Material(MaterialId(material))),
        },
        HealthReason::FollowUpOverdue {
            communication,
            due,
            days,
        } => HealthLine {
            text: HealthText::FollowUpOverdue {
                summary: data
                    .communication(CommunicationId(communication))
                    .map(|c| c.label())
                    .unwrap_or_default(),
                date: due,
                days,
            },
            target: Some(Target::Communication(CommunicationId(communication))),
        },
    }
}

/// The address of what an entry or a health line is about: a step or
/// material on its project's page (`#step-…`, `#material-…`), a contact's
/// follow-up in the calendar's list, an appointment in the calendar.
pub fn href(data: &Dataset, source: Source) -> String {
    match source {
        Source::Step(id) => data.step(id).map_or_else(String::new, |s| {
            format!("/projects/{}#step-{}", s.project.0, id.0)
        }),
        Source::Material(id) => data.material(id).map_or_else(String::new, |m| {
            format!("/projects/{}#material-{}", m.project.0, id.0)
        }),
        Source::Project(id) => format!("/projects/{}", id.0),
        Source::Communication(id) => match data.communication(id) {
            Some(c) => match (c.project, c.contact) {
                (Some(p), _) => format!("/projects/{}", p.0),
                (None, Some(k)) => format!("/contacts/{}", k.0),
                (None, None) => "/calendar".to_string(),
            },
            None => String::new(),
        },
        Source::Appointment(_) => "/calendar".to_string(),
    }
}

/// The source a health line links to, as an agenda source.
pub fn target_source(target: Target) -> Source {
    match target {
        Target::Step(id) => Source::Step(id),
        Target::Material(id) => Source::Material(id),
        Target::Communication(id) => Source::Communication(id),
    }
}

/// Planned against actual, so far. Hours are everyone's (the person's
/// own and collaborators'); costs are what is paid out: materials and
/// collaborators' hours at their hourly rate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Budget {
    pub planned_hours: f64,
    pub actual_hours: f64,
    /// Cents.
    pub planned_cost: i64,
    /// Cents.
    pub actual_cost: i64,
}

/// The budget of `project`: planned from the steps' efforts and the
/// materials; actual from the time entries and the materials ordered or
/// delivered. Cancelled steps and materials count for neither.
pub fn budget(data: &Dataset, project: ProjectId) -> Budget {
    let rate = |who: Assignee| match who {
        Assignee::Me => 0,
        Assignee::Contact(id) => data
            .contact(id)
            .and_then(|c| c.hourly_rate)
            .map_or(0, |r| r.cents()),
    };
    let cents = |hours: f64, rate: i64| (hours * rate as f64).round() as i64;
    let mut out = Budget::default();
    for step in data.steps_of(project) {
        if step.status == StepStatus::Cancelled {
            continue;
        }
        out.planned_hours += step.effort_hours;
        out.planned_cost += cents(step.effort_hours, rate(step.assignee));
        for entry in data.time_entries_of(step.id) {
            out.actual_hours += entry.hours;
            out.actual_cost += cents(entry.hours, rate(entry.person));
        }
    }
    for m in data.materials_of(project) {
        let cost = (m.quantity * m.unit_cost.cents() as f64).round() as i64;
        match m.status {
            MaterialStatus::Cancelled => {}
            MaterialStatus::ToOrder => out.planned_cost += cost,
            MaterialStatus::Ordered | MaterialStatus::Delivered => {
                out.planned_cost += cost;
                out.actual_cost += cost;
            }
        }
    }
    out
}

/// A reminder the browser may show: due follow-ups, order dates that came
/// (or passed) and steps that start today.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    /// "kind:id:date": shown once per thing and date.
    pub key: String,
    pub kind: EntryKind,
    pub title: String,
}

/// The reminders due on `today`.
pub fn due_reminders(data: &Dataset, calendar: &WorkCalendar, today: NaiveDate) -> Vec<Reminder> {
    planning_entries(data, calendar, today)
        .into_iter()
        .filter(|e| match e.kind {
            EntryKind::FollowUp | EntryKind::OrderBy => e.first_day() <= today,
            EntryKind::StepStart => e.first_day() == today,
            _ => false,
        })
        .map(|e| Reminder {
            key: format!("{}:{}:{}", e.kind.key(), e.source.uuid(), e.first_day()),
            kind: e.kind,
            title: e.title,
        })
        .collect()
}
