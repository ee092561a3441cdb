//! Critical path method on working days.
//!
//! # Time model
//!
//! All arithmetic is in working days of a [`WorkCalendar`]. Day 0 is the
//! project start (moved to the next working day if it is none).
//!
//! * A step with `duration_days = d > 0` **starts** on a working day S and
//!   **finishes** on the working day F = S + (d − 1): "finish" is the
//!   *inclusive last working day* of the step. A 1-day step has S = F.
//! * A **milestone** (`duration_days = 0`) is a moment at the *end* of a
//!   working day M; its start and finish are both M. So a milestone "handed
//!   over" after a step finishing on Wednesday is shown on Wednesday, and a
//!   milestone with no predecessors is on the project start day.
//! * A finish-to-start dependency with **lag** L (working days, may be
//!   negative) means: the successor may start L working days after the
//!   first working day after the predecessor's finish. With L = 0 a step
//!   starts the working day after its predecessor finishes; L = 2 leaves two
//!   full working days free in between; L = −1 lets it start on the
//!   predecessor's last day. For a milestone successor "start" is the end of
//!   its day: after a Wednesday finish with L = 0 it is on Wednesday.
//!
//! Internally every step is a half-open interval `[start_b, finish_b)` of
//! day *boundaries* (boundary k = beginning of working day k); a normal step
//! has `start_b = S`, `finish_b = F + 1`, a milestone `start_b = finish_b =
//! M + 1`. Then every rule above is the single inequality
//! `start_b(succ) ≥ finish_b(pred) + L`, and `start_b ≥ 0` for normal steps,
//! `≥ 1` for milestones (nothing before the project start day).
//!
//! # Constraints
//!
//! * **Fixed start** ("must start on"): the step starts on that day (moved to
//!   the next working day if needed) unless its predecessors force it later;
//!   then it starts when they allow and reports `start_late_days`. Its latest
//!   start is the fixed day, so a late fixed step has negative float, and so
//!   do the predecessors that make it late.
//! * **Deadline** ("finish by"): the latest finish is at most the deadline
//!   (moved back to the previous working day if needed). If the earliest
//!   finish is later, `deadline_late_days` says by how much, and the float
//!   of the step and of the chain driving it is negative.
//!
//! # Backward pass
//!
//! With [`BackwardAnchor::ProjectEnd`] (the default) the backward pass starts
//! from the project end, the latest earliest finish of all steps. Deadlines
//! only ever tighten it. Why not from a later deadline: a deadline far in the
//! future on any one step would give float to every chain and the critical
//! path would vanish; the buffer to a deadline is better shown per step
//! ([`ScheduledStep::deadline_slack_days`]). [`BackwardAnchor::LatestDeadline`]
//! is offered for "how much room do I have until the final deadline" views.
//!
//! With a **project deadline** ([`ScheduleInput::project_deadline`]) the
//! backward pass starts from that deadline instead, whether it lies after
//! the computed end (the steps get that room as float) or before it (the
//! float is negative: the project is late). [`Schedule::float_to`] says
//! which reference was used, so the step list can say "float to the
//! deadline 22.01." or "float to the end".
//!
//! A step is **critical** if its total float is ≤ 0 and it is not done.
//!
//! # Status date
//!
//! With [`ScheduleInput::status_date`] T (moved to the next working day,
//! boundary t) the plan meets reality; each step's [`PlanProgress`] says
//! what really happened:
//!
//! * **Open** work cannot lie in the past: `start_b ≥ t` for normal steps,
//!   `≥ t + 1` for milestones (a milestone today is not in the past). A fixed
//!   start before T is therefore late by the days it slipped.
//! * **Started** work keeps its actual start; its remaining working days r
//!   are scheduled from T (or from the start, if it lies after T):
//!   `finish_b = max(start_b, t) + max(r, 1)`. At least one day, because a
//!   step not done is not finished yesterday. Predecessors and a fixed
//!   start no longer bind it. A started milestone is open.
//! * **Done** work keeps its actual dates (start moved to a working day on
//!   or after, finish to one on or before); it has no float and is never
//!   critical.
//!
//! Successors and the project end follow through the usual inequalities.
//! Without a status date the progress is ignored: that is "the plan it
//! had", and [`ScheduledStep::slip_days`] compares each step's finish
//! with it ([`finish_slips`] compares with any other schedule, such as a
//! baseline).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::{DayNumbers, WorkCalendar};
use super::graph::Graph;

/// Largest duration or |lag| accepted, in working days (about 40 years).
/// Bigger values are typing mistakes; refusing them keeps every date
/// computation bounded.
pub const MAX_DAYS: u32 = 10_000;

/// Fixed starts and deadlines must lie within this many years of the
/// project start; anything else is refused as [`ScheduleError::DateOutOfRange`].
pub const MAX_YEARS_FROM_START: i32 = 200;

/// One step as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanStep {
    pub id: Uuid,
    /// Used only in error messages (cycles).
    pub title: String,
    /// Working days; 0 makes the step a milestone.
    pub duration_days: u32,
    /// Finish-to-start dependencies: (predecessor id, lag in working days).
    #[serde(default)]
    pub predecessors: Vec<(Uuid, i32)>,
    /// "Must start on" this date.
    #[serde(default)]
    pub fixed_start: Option<NaiveDate>,
    /// "Must finish by" this date (inclusive).
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// What really happened, read only with a status date.
    #[serde(default)]
    pub progress: PlanProgress,
}

/// What has really happened to a step (see "Status date" in the module
/// doc).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanProgress {
    /// Not started: planned like any future work.
    #[default]
    Open,
    /// Under way since `on`, with `remaining_days` working days left.
    Started { on: NaiveDate, remaining_days: u32 },
    /// Finished: really ran from `started` to `finished` (inclusive).
    Done {
        started: NaiveDate,
        finished: NaiveDate,
    },
    /// Finished, with no dates recorded (older data): it stays where the
    /// plan puts it, without being pushed to the status date.
    DoneAsPlanned,
}

impl PlanProgress {
    /// True for finished work.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            PlanProgress::Done { .. } | PlanProgress::DoneAsPlanned
        )
    }
}

impl PlanStep {
    /// A step without dependencies or constraints.
    pub fn new(id: Uuid, title: impl Into<String>, duration_days: u32) -> Self {
        PlanStep {
            id,
            title: title.into(),
            duration_days,
            predecessors: Vec::new(),
            fixed_start: None,
            deadline: None,
            progress: PlanProgress::Open,
        }
    }

    /// Adds a dependency on `predecessor` with `lag` working days.
    pub fn after(mut self, predecessor: Uuid, lag: i32) -> Self {
        self.predecessors.push((predecessor, lag));
        self
    }

    /// True for zero-duration steps.
    pub fn is_milestone(&self) -> bool {
        self.duration_days == 0
    }
}

/// Where the backward pass starts; see the module doc.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackwardAnchor {
    /// The latest earliest finish of all steps.
    #[default]
    ProjectEnd,
    /// The later of the project end and the latest deadline of any step.
    LatestDeadline,
}

/// A plan to schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleInput {
    pub project_start: NaiveDate,
    pub steps: Vec<PlanStep>,
    #[serde(default)]
    pub anchor: BackwardAnchor,
    /// The deadline of the whole project: float is measured to it (see
    /// the module doc).
    #[serde(default)]
    pub project_deadline: Option<NaiveDate>,
    /// Today, for a live plan: no open work before it (see "Status date").
    #[serde(default)]
    pub status_date: Option<NaiveDate>,
}

impl ScheduleInput {
    /// A plan with the default backward anchor.
    pub fn new(project_start: NaiveDate, steps: Vec<PlanStep>) -> Self {
        ScheduleInput {
            project_start,
            steps,
            anchor: BackwardAnchor::default(),
            project_deadline: None,
            status_date: None,
        }
    }

    /// The same plan without a status date: the plan as it was, against
    /// which a live plan's slip is measured.
    pub fn as_planned(&self) -> ScheduleInput {
        ScheduleInput {
            status_date: None,
            ..self.clone()
        }
    }
}

/// The computed dates of one step. All dates are working days; "finish" is
/// the inclusive last working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledStep {
    pub id: Uuid,
    pub earliest_start: NaiveDate,
    pub earliest_finish: NaiveDate,
    pub latest_start: NaiveDate,
    pub latest_finish: NaiveDate,
    /// Working days the step can slip without delaying the project end or
    /// breaking a fixed start or deadline; negative when it is already late.
    pub total_float: i64,
    /// Total float ≤ 0.
    pub critical: bool,
    /// Working days its predecessors push it past its fixed start (0 if
    /// none or on time).
    pub start_late_days: i64,
    /// Working days its earliest finish lies after its deadline (0 if none
    /// or met).
    pub deadline_late_days: i64,
    /// Working days between earliest finish and deadline (negative when
    /// late); `None` without a deadline.
    pub deadline_slack_days: Option<i64>,
    /// Working days its finish lies after the finish it had in the plan
    /// without status date (negative when ahead); 0 without status date.
    #[serde(default)]
    pub slip_days: i64,
}

impl ScheduledStep {
    /// True if a fixed start or a deadline cannot be kept.
    pub fn is_late(&self) -> bool {
        self.start_late_days > 0 || self.deadline_late_days > 0
    }
}

/// The result of [`compute_schedule`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// The project start, moved to a working day.
    pub project_start: NaiveDate,
    /// The latest earliest finish; `None` for an empty plan.
    pub project_end: Option<NaiveDate>,
    /// In the order of the input steps.
    pub steps: Vec<ScheduledStep>,
    /// One chain of critical steps from a first to a last step, in order.
    pub critical_path: Vec<Uuid>,
    /// What the float is measured to.
    pub float_to: FloatReference,
    /// The project end of the plan without status date (equal to
    /// `project_end` without one): the end a live plan moved from.
    pub planned_end: Option<NaiveDate>,
}

/// What total float is measured to (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FloatReference {
    /// The project's deadline (as the working day on or before it).
    Deadline(NaiveDate),
    /// The computed end, or a later step deadline with
    /// [`BackwardAnchor::LatestDeadline`].
    ProjectEnd,
}

impl Schedule {
    /// The scheduled step with this id (linear search; build a map for many
    /// look-ups).
    pub fn step(&self, id: Uuid) -> Option<&ScheduledStep> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// Why a plan cannot be scheduled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The dependencies form a loop. `steps` and `titles` are in dependency
    /// order: each is a predecessor of the next, the last of the first.
    ///
    /// `Display` is English, for logs; the UI says it in the person's
    /// language.
    #[error("the dependencies form a cycle: {}", titles.join(" → "))]
    Cycle {
        steps: Vec<Uuid>,
        titles: Vec<String>,
    },
    /// The same step id twice in the input.
    #[error("step {0} occurs more than once")]
    DuplicateStep(Uuid),
    /// A dependency on a step that is not in the input.
    #[error("step {step} depends on unknown step {predecessor}")]
    UnknownPredecessor { step: Uuid, predecessor: Uuid },
    /// A duration beyond [`MAX_DAYS`] working days.
    #[error("the duration of step {0} is longer than {MAX_DAYS} working days")]
    DurationTooLong(Uuid),
    /// A lag or lead beyond [`MAX_DAYS`] working days.
    #[error("the lag or lead of a dependency of step {0} is longer than {MAX_DAYS} working days")]
    LagTooLong(Uuid),
    /// A date outside chrono's range, or a fixed start or deadline more than
    /// [`MAX_YEARS_FROM_START`] years from the project start.
    #[error("a date lies outside the range that can be planned")]
    DateOutOfRange,
}

/// Boundary numbers of one step (see the module doc).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Bounds {
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
}

/// Computes earliest and latest dates, float and lateness for every step.
///
/// O(V + E) plus one calendar look-up per date (twice with a status date,
/// which also schedules the plan without it for the slip); errors instead
/// of panics on any input.
pub fn compute_schedule(
    input: &ScheduleInput,
    calendar: &WorkCalendar,
) -> Result<Schedule, ScheduleError> {
    let mut schedule = schedule_once(input, calendar)?;
    if input.status_date.is_some() {
        let planned = schedule_once(&input.as_planned(), calendar)?;
        let slips = finish_slips(&schedule, &planned, calendar);
        for (step, slip) in schedule.steps.iter_mut().zip(slips) {
            step.slip_days = slip;
        }
        schedule.planned_end = planned.project_end;
    }
    Ok(schedule)
}

/// Working days each step of `live` finishes after its finish in
/// `reference` (the plan without status date, or later a baseline), in
/// `live`'s step order; 0 for a step the reference does not have.
pub fn finish_slips(live: &Schedule, reference: &Schedule, calendar: &WorkCalendar) -> Vec<i64> {
    let before: HashMap<Uuid, NaiveDate> = reference
        .steps
        .iter()
        .map(|s| (s.id, s.earliest_finish))
        .collect();
    live.steps
        .iter()
        .map(|s| {
            before.get(&s.id).map_or(0, |&was| {
                calendar.working_days_between(was, s.earliest_finish)
            })
        })
        .collect()
}

/// One pass of the scheduler, from boundaries to dates.
fn schedule_once(
    input: &ScheduleInput,
    calendar: &WorkCalendar,
) -> Result<Schedule, ScheduleError> {
    let Solved {
        base,
        graph,
        bounds: b,
        fixed_b,
        deadline_b,
        done,
        float_to,
        ..
    } = solve(input, calendar)?;
    let n = input.steps.len();
    let milestone = |v: usize| i64::from(input.steps[v].is_milestone());
    let project_end_b = b.iter().map(|x| x.ef).max();

    // Dates.
    let to_dates = IndexToDate::new(calendar, base);
    let mut steps = Vec::with_capacity(n);
    for (v, s) in input.steps.iter().enumerate() {
        let m = milestone(v);
        let x = b[v];
        let float = x.ls - x.es;
        steps.push(ScheduledStep {
            id: s.id,
            earliest_start: to_dates.date(x.es - m)?,
            earliest_finish: to_dates.date(x.ef - 1)?,
            latest_start: to_dates.date(x.ls - m)?,
            latest_finish: to_dates.date(x.lf - 1)?,
            total_float: float,
            critical: float <= 0 && !done[v],
            start_late_days: fixed_b[v].map_or(0, |f| (x.es - f).max(0)),
            deadline_late_days: deadline_b[v].map_or(0, |d| (x.ef - d).max(0)),
            deadline_slack_days: deadline_b[v].map(|d| d - x.ef),
            slip_days: 0,
        });
    }
    let project_end = match project_end_b {
        Some(e) => Some(to_dates.date(e - 1)?),
        None => None,
    };
    let critical_path = critical_chain(&graph, &b, &done, project_end_b)
        .into_iter()
        .map(|v| input.steps[v].id)
        .collect();
    Ok(Schedule {
        project_start: base,
        project_end,
        steps,
        critical_path,
        float_to,
        planned_end: project_end,
    })
}

/// The scheduler's result in day numbers, before conversion to dates.
pub(crate) struct Solved {
    /// Working day 0.
    pub base: NaiveDate,
    pub graph: Graph,
    pub bounds: Vec<Bounds>,
    /// Fixed starts of open steps (started and done ones are no longer
    /// bound by them).
    pub fixed_b: Vec<Option<i64>>,
    pub deadline_b: Vec<Option<i64>>,
    /// Steps whose start lies in reality (started or done with a status
    /// date): nothing may move them.
    pub pinned: Vec<bool>,
    /// Done steps (with a status date).
    pub done: Vec<bool>,
    pub float_to: FloatReference,
}

/// A step's boundaries fixed by reality: (start_b, finish_b, done).
type Actual = Option<(i64, i64, bool)>;

/// Validation, topological order, forward and backward pass.
pub(crate) fn solve(
    input: &ScheduleInput,
    calendar: &WorkCalendar,
) -> Result<Solved, ScheduleError> {
    let (graph, index) = plan_graph(input);
    validate(input, &graph, &index)?;
    drop(index);
    let base = calendar
        .working_day_on_or_after(input.project_start)
        .ok_or(ScheduleError::DateOutOfRange)?;
    let order = graph.topological_order().map_err(|cycle| {
        let steps: Vec<Uuid> = cycle.iter().map(|&i| input.steps[i].id).collect();
        let titles = cycle
            .iter()
            .map(|&i| input.steps[i].title.clone())
            .collect();
        ScheduleError::Cycle { steps, titles }
    })?;

    let n = input.steps.len();
    let milestone = |v: usize| i64::from(input.steps[v].is_milestone());
    let duration = |v: usize| i64::from(input.steps[v].duration_days);

    let numbers = DayNumbers::new(calendar, base);
    let bounds = Boundaries {
        calendar,
        numbers: &numbers,
        base,
    };
    let status_b = input
        .status_date
        .map(|d| bounds.on_or_after(d))
        .transpose()?;
    let actual: Vec<Actual> = match status_b {
        Some(t) => input
            .steps
            .iter()
            .map(|s| bounds.actual(s, t))
            .collect::<Result<_, _>>()?,
        None => vec![None; n],
    };
    let done_as_planned =
        |v: usize| status_b.is_some() && input.steps[v].progress == PlanProgress::DoneAsPlanned;
    let done: Vec<bool> = (0..n)
        .map(|v| matches!(actual[v], Some((_, _, true))) || done_as_planned(v))
        .collect();
    let mut fixed_b = vec![None; n];
    let mut deadline_b = vec![None; n];
    for (v, s) in input.steps.iter().enumerate() {
        if let Some(date) = s.fixed_start.filter(|_| actual[v].is_none()) {
            fixed_b[v] = Some(bounds.on_or_after(date)? + milestone(v));
        }
        if let Some(date) = s.deadline {
            deadline_b[v] = Some(bounds.on_or_before(date)? + 1);
        }
    }

    // Backward anchor inputs.
    let project_deadline_b = input
        .project_deadline
        .map(|d| bounds.on_or_before(d))
        .transpose()?
        .map(|day| day + 1);
    let float_to = match (project_deadline_b, input.project_deadline) {
        (Some(_), Some(date)) => {
            FloatReference::Deadline(calendar.working_day_on_or_before(date).unwrap_or(date))
        }
        _ => FloatReference::ProjectEnd,
    };
    let passes = Passes::gather(&graph, &order, |v| Node {
        milestone: milestone(v),
        duration: duration(v),
        actual: actual[v],
        fixed: fixed_b[v],
        deadline: deadline_b[v],
        done: done[v],
        floor: status_b
            .filter(|_| !done_as_planned(v))
            .map(|t| t + milestone(v)),
    });
    let b = passes.solve(&order, |end| {
        let mut anchor = end;
        if input.anchor == BackwardAnchor::LatestDeadline {
            if let Some(latest) = deadline_b.iter().flatten().max() {
                anchor = anchor.max(*latest);
            }
        }
        project_deadline_b.unwrap_or(anchor)
    });
    Ok(Solved {
        base,
        graph,
        bounds: b,
        fixed_b,
        deadline_b,
        pinned: (0..n).map(|v| actual[v].is_some() || done[v]).collect(),
        done,
        float_to,
    })
}

/// What the two passes need of one step, gathered once.
#[derive(Clone, Copy)]
struct Node {
    milestone: i64,
    duration: i64,
    actual: Actual,
    fixed: Option<i64>,
    deadline: Option<i64>,
    done: bool,
    /// The status boundary for open work (no open work before it).
    floor: Option<i64>,
}

/// The forward and backward pass over the steps laid out in topological
/// order: position `i` is step `order[i]`, and every dependency names its
/// predecessor by position.
///
/// Why: the steps arrive in any order, so walking them in topological
/// order by their input positions jumps across every array for every step
/// and every dependency. At 50,000 steps those arrays no longer fit the
/// processor's caches and each jump is a miss: the cost per step grew
/// with the plan (the scheduler benchmark's 50k/10k ratio was above 10).
/// Laid out in topological order, both passes read their arrays front to
/// back (or back to front), and a dependency's predecessor lies close
/// before its successor; the steps are visited in input order only twice,
/// to gather and to hand back.
struct Passes {
    nodes: Vec<Node>,
    /// Offsets into `preds` per position, and one past the last.
    offsets: Vec<u32>,
    /// (predecessor position, lag).
    preds: Vec<(u32, i32)>,
}

impl Passes {
    fn gather(graph: &Graph, order: &[usize], node: impl Fn(usize) -> Node) -> Passes {
        let n = order.len();
        let mut position = vec![0u32; n];
        for (i, &v) in order.iter().enumerate() {
            position[v] = i as u32;
        }
        let mut nodes = Vec::with_capacity(n);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut preds = Vec::with_capacity(graph.edge_count());
        for &v in order {
            offsets.push(preds.len() as u32);
            nodes.push(node(v));
            preds.extend(
                graph
                    .predecessors(v)
                    .iter()
                    .map(|&(p, lag)| (position[p], lag)),
            );
        }
        offsets.push(preds.len() as u32);
        Passes {
            nodes,
            offsets,
            preds,
        }
    }

    fn preds(&self, i: usize) -> &[(u32, i32)] {
        &self.preds[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Both passes; `anchor` turns the project end (the latest earliest
    /// finish) into the boundary the backward pass starts from. Returns
    /// the bounds in input order.
    fn solve(&self, order: &[usize], anchor: impl FnOnce(i64) -> i64) -> Vec<Bounds> {
        let n = self.nodes.len();
        let mut t = vec![Bounds::default(); n];
        // Forward pass.
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some((es, ef, _)) = node.actual {
                t[i].es = es;
                t[i].ef = ef;
                continue;
            }
            let mut es = node.milestone;
            for &(p, lag) in self.preds(i) {
                es = es.max(t[p as usize].ef + i64::from(lag));
            }
            if let Some(f) = node.fixed {
                es = es.max(f);
            }
            if let Some(floor) = node.floor {
                es = es.max(floor);
            }
            t[i].es = es;
            t[i].ef = es + node.duration;
        }

        // Backward pass: every step's latest finish is the least of what
        // its successors allow. Successors lie after it, so walking back
        // each step is final when reached and hands its limit on to its
        // predecessors (`lf` holds the limits gathered so far).
        let anchor = anchor(t.iter().map(|x| x.ef).max().unwrap_or(0));
        let mut lf = vec![anchor; n];
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            let length = t[i].ef - t[i].es;
            if node.done {
                // Done: it happened where it happened.
                t[i].ls = t[i].es;
                t[i].lf = t[i].ef;
            } else {
                let mut f = lf[i];
                if let Some(d) = node.deadline {
                    f = f.min(d);
                }
                let mut ls = f - length;
                if let Some(fixed) = node.fixed {
                    ls = ls.min(fixed);
                }
                t[i].ls = ls;
                t[i].lf = ls + length;
            }
            let ls = t[i].ls;
            for &(p, lag) in self.preds(i) {
                let limit = &mut lf[p as usize];
                *limit = (*limit).min(ls - i64::from(lag));
            }
        }

        let mut b = vec![Bounds::default(); n];
        for (i, &v) in order.iter().enumerate() {
            b[v] = t[i];
        }
        b
    }
}

/// Dates to boundary numbers, refusing dates centuries away (typing
/// mistakes; refusing them keeps the working-day counting short).
struct Boundaries<'a> {
    calendar: &'a WorkCalendar,
    numbers: &'a DayNumbers<'a>,
    base: NaiveDate,
}

impl Boundaries<'_> {
    fn near(&self, date: NaiveDate) -> Result<NaiveDate, ScheduleError> {
        if (date.year() - self.base.year()).abs() <= MAX_YEARS_FROM_START {
            Ok(date)
        } else {
            Err(ScheduleError::DateOutOfRange)
        }
    }

    /// Number of the working day on or after `date`.
    fn on_or_after(&self, date: NaiveDate) -> Result<i64, ScheduleError> {
        let day = self
            .calendar
            .working_day_on_or_after(self.near(date)?)
            .ok_or(ScheduleError::DateOutOfRange)?;
        Ok(self.numbers.number(day))
    }

    /// Number of the working day on or before `date`.
    fn on_or_before(&self, date: NaiveDate) -> Result<i64, ScheduleError> {
        let day = self
            .calendar
            .working_day_on_or_before(self.near(date)?)
            .ok_or(ScheduleError::DateOutOfRange)?;
        Ok(self.numbers.number(day))
    }

    /// The boundaries reality fixes for `step` at status boundary `t`
    /// (see "Status date" in the module doc); `None` for open work.
    fn actual(&self, step: &PlanStep, t: i64) -> Result<Actual, ScheduleError> {
        let m = i64::from(step.is_milestone());
        Ok(match step.progress {
            PlanProgress::Open | PlanProgress::DoneAsPlanned => None,
            PlanProgress::Started { .. } if step.is_milestone() => None,
            PlanProgress::Started { on, remaining_days } => {
                if remaining_days > MAX_DAYS {
                    return Err(ScheduleError::DurationTooLong(step.id));
                }
                let start = self.on_or_after(on)?;
                let left = i64::from(remaining_days.max(1));
                Some((start, start.max(t) + left, false))
            }
            PlanProgress::Done { started, finished } => {
                let finish = self.on_or_before(finished)? + 1;
                if m == 1 {
                    Some((finish, finish, true))
                } else {
                    let start = self.on_or_after(started)?.min(finish - 1);
                    Some((start, finish, true))
                }
            }
        })
    }
}

/// The position of every step id.
pub(crate) type StepIndex = HashMap<Uuid, usize, IdHashState>;

/// The plan's dependency graph, and the position of every step id.
pub(crate) fn plan_graph(input: &ScheduleInput) -> (Graph, StepIndex) {
    let index = HashMap::with_capacity_and_hasher(input.steps.len(), IdHashState::default());
    Graph::keyed_into(
        index,
        &input.steps,
        |s| s.id,
        |s| s.predecessors.iter().copied(),
    )
}

/// Builds [`IdHasher`]s with a random seed per map.
///
/// Why not the standard SipHash: the scheduler looks up every step id and
/// every dependency's id once; at 50,000 steps that was a third of its
/// time, and SipHash's long serial rounds keep the processor from waiting
/// for several table look-ups at once. Step ids are UUIDs, already random;
/// one seeded multiply per word spreads them as well, and the random seed
/// keeps ids crafted to collide from slowing down someone else's app.
#[derive(Clone)]
pub(crate) struct IdHashState {
    seed: u64,
}

impl Default for IdHashState {
    fn default() -> Self {
        use std::hash::BuildHasher;
        IdHashState {
            seed: std::collections::hash_map::RandomState::new().hash_one(0x5EED_u64),
        }
    }
}

impl std::hash::BuildHasher for IdHashState {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher { state: self.seed }
    }
}

/// See [`IdHashState`].
pub(crate) struct IdHasher {
    state: u64,
}

impl IdHasher {
    /// Folded multiply: the high and low halves of a 128-bit product.
    fn mix(&mut self, word: u64) {
        const K: u128 = 0x9E37_79B9_7F4A_7C15;
        let product = u128::from(self.state ^ word) * K;
        self.state = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.state
    }
}

/// Would the dependency "`successor` starts after `predecessor` finishes"
/// close a loop? If so, returns the loop in dependency order, starting with
/// `predecessor`, then `successor`, then the existing chain back towards
/// `predecessor` (which is not repeated at the end). Used to refuse the
/// dependency at the moment the user tries to create it.
///
/// A step depending on itself is the loop `[predecessor]`. Unknown ids have
/// no dependencies, so they never close a loop (other than with themselves).
/// Runs in O(V + E); the answer is [`Graph::cycle_if_added`]'s.
pub fn find_cycle_if_added(
    input: &ScheduleInput,
    predecessor: Uuid,
    successor: Uuid,
) -> Option<Vec<Uuid>> {
    if predecessor == successor {
        return Some(vec![predecessor]);
    }
    let (graph, index) = plan_graph(input);
    let cycle = graph.cycle_if_added(*index.get(&predecessor)?, *index.get(&successor)?)?;
    Some(cycle.into_iter().map(|i| input.steps[i].id).collect())
}

/// Refuses duplicate ids, unknown predecessors and absurd numbers, in input
/// order (the first offending step is reported).
///
/// Why it takes the graph: building it already looked every id up once, and
/// at 50,000 steps those hash look-ups are most of the scheduler's time, so
/// they are not repeated. A step is the first with its id if the index
/// points to it, and it has an unknown predecessor exactly if the graph
/// kept fewer of its dependencies than it lists.
fn validate(input: &ScheduleInput, graph: &Graph, index: &StepIndex) -> Result<(), ScheduleError> {
    // As many ids as steps: no duplicates, and no need to look each up.
    let unique = index.len() == input.steps.len();
    for (v, s) in input.steps.iter().enumerate() {
        if !unique && index.get(&s.id) != Some(&v) {
            return Err(ScheduleError::DuplicateStep(s.id));
        }
        if s.duration_days > MAX_DAYS {
            return Err(ScheduleError::DurationTooLong(s.id));
        }
    }
    let lag_too_long = |lag: i32| lag.unsigned_abs() > MAX_DAYS;
    for (v, s) in input.steps.iter().enumerate() {
        let kept = graph.predecessors(v);
        if kept.len() == s.predecessors.len() {
            // All known: the graph kept them in order, in one compact array
            // that is faster to read than every step's own list.
            if kept.iter().any(|&(_, lag)| lag_too_long(lag)) {
                return Err(ScheduleError::LagTooLong(s.id));
            }
            continue;
        }
        for &(p, lag) in &s.predecessors {
            if !index.contains_key(&p) {
                return Err(ScheduleError::UnknownPredecessor {
                    step: s.id,
                    predecessor: p,
                });
            }
            if lag_too_long(lag) {
                return Err(ScheduleError::LagTooLong(s.id));
            }
        }
    }
    Ok(())
}

/// Walks back from a step that ends the project along predecessors that
/// drive it (finish + lag = its start) and have no float either. Such a
/// predecessor always exists unless the step starts at its lower bound or
/// at its fixed start, so the chain ends at a true first step.
fn critical_chain(graph: &Graph, b: &[Bounds], done: &[bool], end: Option<i64>) -> Vec<usize> {
    let Some(end) = end else {
        return Vec::new();
    };
    let Some(mut v) = (0..b.len()).find(|&v| b[v].ef == end && b[v].ls <= b[v].es && !done[v])
    else {
        return Vec::new();
    };
    let mut chain = vec![v];
    let mut seen = HashSet::from([v]);
    while let Some(&(p, _)) = graph.predecessors(v).iter().find(|&&(p, lag)| {
        b[p].ef + i64::from(lag) == b[v].es && b[p].ls <= b[p].es && !done[p] && !seen.contains(&p)
    }) {
        chain.push(p);
        seen.insert(p);
        v = p;
    }
    chain.reverse();
    chain
}

/// Converts day numbers (working days after the project start) to dates.
///
/// Why not `add_working_days(base, i)` directly: that walks year by year
/// from the base each time, so a plan's cost per date grew with its length.
/// [`DayNumbers`] fetches each year once and finds a number's year by
/// binary search.
pub(crate) struct IndexToDate<'a> {
    numbers: DayNumbers<'a>,
}

impl<'a> IndexToDate<'a> {
    /// `base` must be a working day (day 0).
    pub fn new(calendar: &'a WorkCalendar, base: NaiveDate) -> Self {
        IndexToDate {
            numbers: DayNumbers::new(calendar, base),
        }
    }

    /// The date of working day `index`.
    pub fn date(&self, index: i64) -> Result<NaiveDate, ScheduleError> {
        self.numbers
            .date(index)
            .ok_or(ScheduleError::DateOutOfRange)
    }
}
