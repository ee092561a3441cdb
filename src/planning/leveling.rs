//! Resource levelling for one person: delay their non-critical steps within
//! the float the plan gives them until no ISO week is overloaded, or until
//! nothing more can be done.
//!
//! Why this conservative design: a freelancer wants to see "if I move
//! *these* two steps by three days, my week fits", not a reshuffled plan.
//! So:
//! * only steps assigned to the person, with positive total float, a
//!   duration and no fixed start are moved; critical steps never move;
//! * a step is never moved past its latest start (the project end, its
//!   deadline and fixed starts downstream stay safe), and never so far that
//!   a successor's *current* start would break the dependency (successors
//!   are not pushed along; float that could only be used by moving a whole
//!   chain stays unused);
//! * greedy: among the steps active in an overloaded week, try the lowest
//!   priority first, then the one with the most float left; take the
//!   smallest delay that strictly lowers the person's total overload
//!   (the sum over weeks of hours above capacity) and repeat. Every accepted
//!   move strictly lowers the overload and only moves starts later, so the
//!   loop ends.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::WorkCalendar;
use super::schedule::{solve, IndexToDate, ScheduleError, ScheduleInput};
use super::workload::{
    hours_per_day, week_capacity, week_key, Person, WeekKey, WeekLoad, HOURS_EPSILON,
};

/// Who does a step, how much work it is and how much it matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub step_id: Uuid,
    pub person: Uuid,
    pub effort_hours: f64,
    /// Higher = more important; lower priorities are moved first.
    #[serde(default)]
    pub priority: i32,
}

/// A step the levelling delayed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepMove {
    pub step_id: Uuid,
    /// Working days later than its earliest start.
    pub delay_days: i64,
    pub new_start: NaiveDate,
    /// Inclusive last working day.
    pub new_finish: NaiveDate,
}

/// What the levelling did and what it could not fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelingResult {
    /// In the order of the input steps.
    pub moves: Vec<StepMove>,
    /// The person's weeks that are still overloaded afterwards.
    pub remaining_overload: Vec<WeekLoad>,
}

/// A step of the person, in day numbers (working days after project start).
struct Task {
    /// Position in the plan.
    v: usize,
    start: i64,
    earliest: i64,
    duration: i64,
    latest_start: i64,
    per_day: f64,
    priority: i32,
    movable: bool,
}

/// Levels the workload of `person` (see the module doc). The plan is
/// scheduled from scratch first, so `input` must be schedulable.
pub fn level(
    calendar: &WorkCalendar,
    input: &ScheduleInput,
    assignments: &[Assignment],
    person: &Person,
) -> Result<LevelingResult, ScheduleError> {
    let solved = solve(input, calendar)?;
    let b = &solved.bounds;
    let mine: HashMap<Uuid, &Assignment> = assignments
        .iter()
        .filter(|a| a.person == person.id)
        .map(|a| (a.step_id, a))
        .collect();

    let mut tasks: Vec<Task> = Vec::new();
    for (v, step) in input.steps.iter().enumerate() {
        let Some(a) = mine.get(&step.id) else {
            continue;
        };
        let milestone = i64::from(step.is_milestone());
        let duration = i64::from(step.duration_days);
        // Day numbers of the first working day (milestones: their day).
        let start = b[v].es - milestone;
        tasks.push(Task {
            v,
            start,
            earliest: start,
            duration,
            latest_start: b[v].ls - milestone,
            per_day: hours_per_day(a.effort_hours, step.duration_days),
            priority: a.priority,
            movable: duration > 0 && b[v].ls > b[v].es && solved.fixed_b[v].is_none(),
        });
    }
    let dates = IndexToDate::new(calendar, solved.base);
    if tasks.is_empty() {
        return Ok(LevelingResult {
            moves: Vec::new(),
            remaining_overload: Vec::new(),
        });
    }

    // Week of every day number the person's steps can occupy.
    let lo = tasks.iter().map(|t| t.start).min().unwrap_or(0);
    let hi = tasks
        .iter()
        .map(|t| t.latest_start.max(t.start) + t.duration.max(1))
        .max()
        .unwrap_or(lo);
    let mut week_of_day = Vec::with_capacity((hi - lo).max(0) as usize);
    let mut weeks: Vec<WeekKey> = Vec::new();
    let mut week_index: HashMap<WeekKey, usize> = HashMap::new();
    for day in lo..hi {
        let key = week_key(dates.date(day)?);
        let w = *week_index.entry(key).or_insert_with(|| {
            weeks.push(key);
            weeks.len() - 1
        });
        week_of_day.push(w);
    }
    let capacity: Vec<f64> = weeks
        .iter()
        .map(|&k| week_capacity(calendar, Some(person), k))
        .collect();
    let mut load = vec![0.0; weeks.len()];
    let days_of = |start: i64, duration: i64| start..start + duration.max(1);
    for t in &tasks {
        for day in days_of(t.start, t.duration) {
            load[week_of_day[(day - lo) as usize]] += t.per_day;
        }
    }
    let over = |w: usize, hours: f64| (hours - capacity[w]).max(0.0);

    let graph = &solved.graph;
    let task_of: HashMap<usize, usize> = tasks.iter().enumerate().map(|(i, t)| (t.v, i)).collect();
    // Current start boundary of any step (moved or not).
    let start_b = |tasks: &[Task], v: usize| match task_of.get(&v) {
        Some(&i) => tasks[i].start + i64::from(input.steps[v].is_milestone()),
        None => b[v].es,
    };

    loop {
        let overloaded: Vec<bool> = (0..weeks.len())
            .map(|w| over(w, load[w]) > HOURS_EPSILON)
            .collect();
        if !overloaded.iter().any(|&o| o) {
            break;
        }
        let mut candidates: Vec<usize> = (0..tasks.len())
            .filter(|&i| {
                let t = &tasks[i];
                t.movable
                    && t.per_day > 0.0
                    && days_of(t.start, t.duration)
                        .any(|d| overloaded[week_of_day[(d - lo) as usize]])
            })
            .collect();
        candidates.sort_by_key(|&i| (tasks[i].priority, -(tasks[i].latest_start - tasks[i].start)));

        let mut accepted = None;
        'candidates: for &i in &candidates {
            let t = &tasks[i];
            // Successors' current starts bound how far this step may go.
            let mut max_start = t.latest_start;
            for &(s, lag) in graph.successors(t.v) {
                max_start = max_start.min(start_b(&tasks, s) - i64::from(lag) - t.duration);
            }
            for new_start in t.start + 1..=max_start {
                let mut delta: HashMap<usize, f64> = HashMap::new();
                for d in days_of(t.start, t.duration) {
                    *delta.entry(week_of_day[(d - lo) as usize]).or_insert(0.0) -= t.per_day;
                }
                for d in days_of(new_start, t.duration) {
                    *delta.entry(week_of_day[(d - lo) as usize]).or_insert(0.0) += t.per_day;
                }
                let change: f64 = delta
                    .iter()
                    .map(|(&w, &dh)| over(w, load[w] + dh) - over(w, load[w]))
                    .sum();
                if change < -HOURS_EPSILON {
                    accepted = Some((i, new_start, delta));
                    break 'candidates;
                }
            }
        }
        let Some((i, new_start, delta)) = accepted else {
            break;
        };
        for (w, dh) in delta {
            load[w] += dh;
        }
        tasks[i].start = new_start;
    }

    let mut moves = Vec::new();
    for t in tasks.iter().filter(|t| t.start != t.earliest) {
        moves.push(StepMove {
            step_id: input.steps[t.v].id,
            delay_days: t.start - t.earliest,
            new_start: dates.date(t.start)?,
            new_finish: dates.date(t.start + t.duration - 1)?,
        });
    }
    let mut remaining_overload: Vec<WeekLoad> = (0..weeks.len())
        .filter(|&w| over(w, load[w]) > HOURS_EPSILON)
        .map(|w| WeekLoad {
            person: person.id,
            iso_year: weeks[w].0,
            iso_week: weeks[w].1,
            planned_hours: load[w],
            capacity_hours: capacity[w],
            overloaded: true,
        })
        .collect();
    remaining_overload.sort_by_key(|l| (l.iso_year, l.iso_week));
    Ok(LevelingResult {
        moves,
        remaining_overload,
    })
}
