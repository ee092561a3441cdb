//! Resource levelling for one person: delay their steps within the room
//! the plan gives them until no ISO week is overloaded, or until nothing
//! more can be done, and say why.
//!
//! Why this design: a freelancer wants to see "if I move *these* two steps
//! by three days, my week fits", not a reshuffled plan. So:
//! * the room is each step's latest start, which the backward pass bounds
//!   by the project's deadline when there is one (see
//!   `schedule::FloatReference`), by step deadlines and by fixed starts
//!   downstream; a step is never moved past it, so nothing ends after the
//!   deadline and no fixed start breaks;
//! * a step may take its successors along (a chain move): every successor
//!   whose start the move would violate is pushed just as far as needed,
//!   and so on down the chain; each pushed step must also stay within its
//!   own latest start, must not be started or done (with a status date)
//!   and must not have a fixed start;
//! * a chain never moves another person's hours, so levelling one person
//!   cannot overload another;
//! * greedy: among the person's steps active in an overloaded week, try
//!   the lowest priority first, then the one with the most room; take the
//!   smallest delay that strictly lowers the person's total overload (the
//!   sum over weeks of hours above capacity) and repeat. Every accepted move
//!   lowers the overload by more than [`HOURS_EPSILON`] and only moves
//!   starts later, so the loop ends.
//!
//! When overload remains, every step of the person in an overloaded week
//! gets a [`StuckReason`].

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::WorkCalendar;
use super::graph::Graph;
use super::schedule::{solve, IndexToDate, ScheduleError, ScheduleInput, Solved};
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
    /// The step whose move pushed this one along (the last one, if
    /// several did); `None` when it was moved for its own sake.
    pub pushed_by: Option<Uuid>,
}

/// Why a step in a still overloaded week was not moved (far enough).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StuckReason {
    /// Already started or done: reality does not move.
    Started,
    /// It has a fixed start.
    FixedStart,
    /// No room left: any delay would push the project past its deadline
    /// (or its end, without one), a step deadline or a fixed start.
    NoFloat,
    /// Its chain cannot move: `step` (a successor) is blocked for `why`.
    ChainBlocked { step: Uuid, why: ChainBlock },
    /// It could move, but no position within its room lowers the overload
    /// (the weeks it could move to are full too).
    NoBetterWeek,
}

/// Why a successor cannot be pushed along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainBlock {
    /// Started or done.
    Started,
    /// Fixed start.
    FixedStart,
    /// It would pass its latest start.
    NoFloat,
    /// It is another person's work.
    OthersWork,
}

/// A step of the person left in an overloaded week, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckStep {
    pub step_id: Uuid,
    pub reason: StuckReason,
}

/// What the levelling did and what it could not fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelingResult {
    /// Every step that moved, own or pushed along, in input order.
    pub moves: Vec<StepMove>,
    /// The person's weeks that are still overloaded afterwards.
    pub remaining_overload: Vec<WeekLoad>,
    /// The person's steps in those weeks, with the reason each stayed.
    pub stuck: Vec<StuckStep>,
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
    let plan = Plan::new(input, &solved, assignments, person);
    let dates = IndexToDate::new(calendar, solved.base);
    if plan.mine.is_empty() {
        return Ok(LevelingResult {
            moves: Vec::new(),
            remaining_overload: Vec::new(),
            stuck: Vec::new(),
        });
    }
    let mut weeks = Weeks::new(calendar, &dates, &plan, person)?;
    let mut state = State {
        start: solved.bounds.iter().map(|b| b.es).collect(),
        pushed_by: vec![None; input.steps.len()],
    };
    for &v in &plan.mine {
        weeks.add(&plan, v, state.start[v], 1.0);
    }
    while let Some((v, chain)) = best_move(&plan, &weeks, &state) {
        apply(&plan, &mut weeks, &mut state, v, &chain);
    }
    result(&plan, &weeks, &state, &dates, person)
}

/// The plan as the levelling sees it, in boundary numbers.
struct Plan<'a> {
    input: &'a ScheduleInput,
    graph: &'a Graph,
    solved: &'a Solved,
    /// Hours per working day of every step, and whose.
    per_day: Vec<f64>,
    person_of: Vec<Option<Uuid>>,
    priority: Vec<i32>,
    /// The person's steps with hours, and the same as a flag per step.
    mine: Vec<usize>,
    is_mine: Vec<bool>,
}

impl<'a> Plan<'a> {
    fn new(
        input: &'a ScheduleInput,
        solved: &'a Solved,
        assignments: &[Assignment],
        person: &Person,
    ) -> Self {
        let by_step: HashMap<Uuid, &Assignment> =
            assignments.iter().map(|a| (a.step_id, a)).collect();
        let n = input.steps.len();
        let mut plan = Plan {
            input,
            graph: &solved.graph,
            solved,
            per_day: vec![0.0; n],
            person_of: vec![None; n],
            priority: vec![0; n],
            mine: Vec::new(),
            is_mine: vec![false; n],
        };
        for (v, step) in input.steps.iter().enumerate() {
            let Some(a) = by_step.get(&step.id) else {
                continue;
            };
            plan.per_day[v] = hours_per_day(a.effort_hours, step.duration_days);
            plan.person_of[v] = Some(a.person);
            plan.priority[v] = a.priority;
            if a.person == person.id && plan.per_day[v] > 0.0 {
                plan.mine.push(v);
                plan.is_mine[v] = true;
            }
        }
        plan
    }

    fn milestone(&self, v: usize) -> i64 {
        i64::from(self.input.steps[v].is_milestone())
    }

    fn length(&self, v: usize) -> i64 {
        let b = self.solved.bounds[v];
        b.ef - b.es
    }

    /// Latest start boundary.
    fn latest(&self, v: usize) -> i64 {
        self.solved.bounds[v].ls
    }

    /// Why `v` cannot move at all, if it cannot.
    fn pinned(&self, v: usize) -> Option<ChainBlock> {
        if self.solved.pinned[v] {
            Some(ChainBlock::Started)
        } else if self.solved.fixed_b[v].is_some() {
            Some(ChainBlock::FixedStart)
        } else {
            None
        }
    }

    fn is_mine(&self, v: usize) -> bool {
        self.is_mine[v]
    }

    /// Working days that carry the step's hours: its duration, as in
    /// [`super::workload::weekly_load`] (a milestone on its one day). Not
    /// [`Self::length`]: a started step that slipped spans more days in
    /// the schedule, but its hours are not spread thinner for that, and
    /// the levelling must count load as the workload view shows it.
    fn load_days(&self, v: usize) -> i64 {
        i64::from(
            self.input.steps[v]
                .duration_days
                .clamp(1, super::schedule::MAX_DAYS),
        )
    }

    /// Working days (boundary numbers) that carry the step's hours from `start`.
    fn days(&self, v: usize, start: i64) -> std::ops::Range<i64> {
        let first = start - self.milestone(v);
        first..first + self.load_days(v)
    }
}

/// Current start boundaries of every step and who pushed them.
struct State {
    start: Vec<i64>,
    pushed_by: Vec<Option<usize>>,
}

/// The person's load per ISO week over the days their steps can occupy.
struct Weeks {
    lo: i64,
    week_of_day: Vec<usize>,
    keys: Vec<WeekKey>,
    capacity: Vec<f64>,
    load: Vec<f64>,
}

impl Weeks {
    fn new(
        calendar: &WorkCalendar,
        dates: &IndexToDate,
        plan: &Plan,
        person: &Person,
    ) -> Result<Self, ScheduleError> {
        let b = &plan.solved.bounds;
        let lo = plan.mine.iter().map(|&v| b[v].es - 1).min().unwrap_or(0);
        let hi = plan
            .mine
            .iter()
            .map(|&v| b[v].ls.max(b[v].es) + plan.load_days(v))
            .max()
            .unwrap_or(lo);
        let mut week_of_day = Vec::with_capacity((hi - lo).max(0) as usize);
        let mut keys: Vec<WeekKey> = Vec::new();
        let mut index: HashMap<WeekKey, usize> = HashMap::new();
        for day in lo..hi {
            let key = week_key(dates.date(day)?);
            let w = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() - 1
            });
            week_of_day.push(w);
        }
        let capacity = keys
            .iter()
            .map(|&k| week_capacity(calendar, Some(person), k))
            .collect();
        Ok(Weeks {
            lo,
            week_of_day,
            load: vec![0.0; keys.len()],
            keys,
            capacity,
        })
    }

    fn week(&self, day: i64) -> usize {
        self.week_of_day[(day - self.lo) as usize]
    }

    /// Adds (sign 1) or removes (−1) the step's hours at `start`.
    fn add(&mut self, plan: &Plan, v: usize, start: i64, sign: f64) {
        for day in plan.days(v, start) {
            let w = self.week(day);
            self.load[w] += sign * plan.per_day[v];
        }
    }

    fn over(&self, w: usize, hours: f64) -> f64 {
        (hours - self.capacity[w]).max(0.0)
    }

    fn overloaded(&self, w: usize) -> bool {
        self.over(w, self.load[w]) > HOURS_EPSILON
    }

    /// Change of the total overload if the chain's steps of the person
    /// move to their new starts.
    fn change(&self, plan: &Plan, state: &State, chain: &[(usize, i64)]) -> f64 {
        let mut delta: HashMap<usize, f64> = HashMap::new();
        for &(v, new_start) in chain.iter().filter(|(v, _)| plan.is_mine(*v)) {
            for day in plan.days(v, state.start[v]) {
                *delta.entry(self.week(day)).or_insert(0.0) -= plan.per_day[v];
            }
            for day in plan.days(v, new_start) {
                *delta.entry(self.week(day)).or_insert(0.0) += plan.per_day[v];
            }
        }
        delta
            .iter()
            .map(|(&w, &dh)| self.over(w, self.load[w] + dh) - self.over(w, self.load[w]))
            .sum()
    }
}

/// The chain of moves that starting `v` at `new_start` needs: `v` and
/// every successor pushed along, with their new starts; or the first
/// successor that blocks it.
fn chain_for(
    plan: &Plan,
    state: &State,
    v: usize,
    new_start: i64,
) -> Result<Vec<(usize, i64)>, (usize, ChainBlock)> {
    let mut moved: HashMap<usize, i64> = HashMap::from([(v, new_start)]);
    let mut order = vec![v];
    let mut i = 0;
    while let Some(&u) = order.get(i) {
        i += 1;
        let finish = moved[&u] + plan.length(u);
        for &(s, lag) in plan.graph.successors(u) {
            let needed = finish + i64::from(lag);
            let current = moved.get(&s).copied().unwrap_or(state.start[s]);
            if current >= needed {
                continue;
            }
            block_of(plan, s, needed).map_err(|why| (s, why))?;
            if !moved.contains_key(&s) {
                order.push(s);
            }
            moved.insert(s, needed);
        }
    }
    Ok(order.into_iter().map(|u| (u, moved[&u])).collect())
}

/// Whether successor `s` may be pushed to `start`.
fn block_of(plan: &Plan, s: usize, start: i64) -> Result<(), ChainBlock> {
    if let Some(why) = plan.pinned(s) {
        return Err(why);
    }
    if start > plan.latest(s) {
        return Err(ChainBlock::NoFloat);
    }
    let others = plan.person_of[s].is_some_and(|_| !plan.is_mine(s)) && plan.per_day[s] > 0.0;
    if others {
        return Err(ChainBlock::OthersWork);
    }
    Ok(())
}

/// The person's steps active in an overloaded week, in the order they are
/// tried: lowest priority first, then the most room.
fn candidates(plan: &Plan, weeks: &Weeks, state: &State) -> Vec<usize> {
    let mut list: Vec<usize> = plan
        .mine
        .iter()
        .copied()
        .filter(|&v| {
            plan.pinned(v).is_none()
                && plan.length(v) > 0
                && plan.latest(v) > state.start[v]
                && plan
                    .days(v, state.start[v])
                    .any(|d| weeks.overloaded(weeks.week(d)))
        })
        .collect();
    list.sort_by_key(|&v| (plan.priority[v], -(plan.latest(v) - state.start[v])));
    list
}

/// The first move (step and chain) that strictly lowers the overload.
fn best_move(plan: &Plan, weeks: &Weeks, state: &State) -> Option<(usize, Vec<(usize, i64)>)> {
    for v in candidates(plan, weeks, state) {
        for new_start in state.start[v] + 1..=plan.latest(v) {
            // Pushes only grow with the delay: once blocked, always blocked.
            let Ok(chain) = chain_for(plan, state, v, new_start) else {
                break;
            };
            if weeks.change(plan, state, &chain) < -HOURS_EPSILON {
                return Some((v, chain));
            }
        }
    }
    None
}

fn apply(plan: &Plan, weeks: &mut Weeks, state: &mut State, v: usize, chain: &[(usize, i64)]) {
    for &(u, new_start) in chain {
        if plan.is_mine(u) {
            weeks.add(plan, u, state.start[u], -1.0);
            weeks.add(plan, u, new_start, 1.0);
        }
        state.start[u] = new_start;
        if u != v {
            state.pushed_by[u] = Some(v);
        }
    }
}

/// Why `v` stayed where it is in an overloaded week. A successor that is
/// fixed, started or someone else's work is named before "no float",
/// because it is usually what takes the float away.
fn stuck_reason(plan: &Plan, state: &State, v: usize) -> StuckReason {
    match plan.pinned(v) {
        Some(ChainBlock::Started) => return StuckReason::Started,
        Some(_) => return StuckReason::FixedStart,
        None => {}
    }
    let blocked = chain_for(plan, state, v, state.start[v] + 1).err();
    if let Some((step, why)) = blocked.filter(|(_, why)| *why != ChainBlock::NoFloat) {
        return StuckReason::ChainBlocked {
            step: plan.input.steps[step].id,
            why,
        };
    }
    if plan.length(v) == 0 || plan.latest(v) <= state.start[v] || blocked.is_some() {
        return StuckReason::NoFloat;
    }
    StuckReason::NoBetterWeek
}

fn result(
    plan: &Plan,
    weeks: &Weeks,
    state: &State,
    dates: &IndexToDate,
    person: &Person,
) -> Result<LevelingResult, ScheduleError> {
    let b = &plan.solved.bounds;
    let mut moves = Vec::new();
    for (v, step) in plan.input.steps.iter().enumerate() {
        let delay = state.start[v] - b[v].es;
        if delay == 0 {
            continue;
        }
        let m = plan.milestone(v);
        moves.push(StepMove {
            step_id: step.id,
            delay_days: delay,
            new_start: dates.date(state.start[v] - m)?,
            new_finish: dates.date(state.start[v] + plan.length(v) - 1)?,
            pushed_by: state.pushed_by[v].map(|u| plan.input.steps[u].id),
        });
    }
    let over: Vec<usize> = (0..weeks.keys.len())
        .filter(|&w| weeks.overloaded(w))
        .collect();
    let stuck = plan
        .mine
        .iter()
        .filter(|&&v| {
            plan.days(v, state.start[v])
                .any(|d| over.contains(&weeks.week(d)))
        })
        .map(|&v| StuckStep {
            step_id: plan.input.steps[v].id,
            reason: stuck_reason(plan, state, v),
        })
        .collect();
    let mut remaining_overload: Vec<WeekLoad> = over
        .iter()
        .map(|&w| WeekLoad {
            person: person.id,
            iso_year: weeks.keys[w].0,
            iso_week: weeks.keys[w].1,
            planned_hours: weeks.load[w],
            capacity_hours: weeks.capacity[w],
            overloaded: true,
        })
        .collect();
    remaining_overload.sort_by_key(|l| (l.iso_year, l.iso_week));
    Ok(LevelingResult {
        moves,
        remaining_overload,
        stuck,
    })
}
