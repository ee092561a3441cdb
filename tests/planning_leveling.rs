//! Levelling that uses the room to the deadline: whole chains move, never
//! past a fixed start or the deadline, and the overload never grows, for
//! the person levelled or anybody else.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{HashMap, HashSet};

use chefsache::planning::{
    compute_schedule, level, weekly_load, Assignment, ChainBlock, FederalState, Person,
    PlanProgress, PlanStep, ScheduleInput, StuckReason, WorkCalendar, WorkItem,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

fn person(n: u128, hours: f64) -> Person {
    Person {
        id: id(n),
        weekly_capacity_hours: hours,
        days_off: HashSet::new(),
    }
}

fn full_time(step: u128, who: u128, hours: f64, priority: i32) -> Assignment {
    Assignment {
        step_id: id(step),
        person: id(who),
        effort_hours: hours,
        priority,
    }
}

/// From Monday 14 December: Backend (5 days, 40 h) and Frontend (3 days,
/// 24 h, then Tests for 2 days without hours) for one person in the same
/// week, then the go-live: both chains take 5 days, so without a deadline
/// everything is critical and the week has 64 h against 40 h.
fn crowded_week() -> (ScheduleInput, Vec<Assignment>) {
    let input = ScheduleInput::new(
        d(2026, 12, 14),
        vec![
            PlanStep::new(id(1), "Backend", 5),
            PlanStep::new(id(2), "Frontend", 3),
            PlanStep::new(id(3), "Tests", 2).after(id(2), 0),
            PlanStep::new(id(4), "Go-live", 0)
                .after(id(1), 0)
                .after(id(3), 0),
        ],
    );
    let assignments = vec![full_time(1, 10, 40.0, 1), full_time(2, 10, 24.0, 0)];
    (input, assignments)
}

#[test]
fn without_room_the_overload_stays_and_says_why() {
    let (input, assignments) = crowded_week();
    let r = level(&nw(), &input, &assignments, &person(10, 40.0)).unwrap();
    assert!(r.moves.is_empty());
    assert_eq!(r.remaining_overload.len(), 1);
    let reasons: HashMap<Uuid, StuckReason> =
        r.stuck.iter().map(|s| (s.step_id, s.reason)).collect();
    assert_eq!(reasons[&id(1)], StuckReason::NoFloat);
    assert_eq!(reasons[&id(2)], StuckReason::NoFloat);
}

#[test]
fn the_deadline_gives_room_and_the_chain_moves_within_it() {
    let (mut input, assignments) = crowded_week();
    input.project_deadline = Some(d(2027, 1, 22));
    let r = level(&nw(), &input, &assignments, &person(10, 40.0)).unwrap();
    assert!(r.remaining_overload.is_empty(), "{r:?}");
    let moved: HashMap<Uuid, (i64, Option<Uuid>)> = r
        .moves
        .iter()
        .map(|m| (m.step_id, (m.delay_days, m.pushed_by)))
        .collect();
    // Frontend (lower priority) moves a week, Tests go along with it.
    assert_eq!(moved[&id(2)], (5, None));
    assert_eq!(moved[&id(3)], (5, Some(id(2))));
    assert!(!moved.contains_key(&id(1)));
    assert!(r.moves.iter().all(|m| m.new_finish <= d(2027, 1, 22)));
}

#[test]
fn a_fixed_start_down_the_chain_blocks_it_and_is_named() {
    let (mut input, assignments) = crowded_week();
    input.project_deadline = Some(d(2027, 1, 22));
    // Tests must start on 17 December, right after Frontend.
    input.steps[2].fixed_start = Some(d(2026, 12, 17));
    let r = level(&nw(), &input, &assignments, &person(10, 40.0)).unwrap();
    let moved: Vec<(Uuid, i64)> = r.moves.iter().map(|m| (m.step_id, m.delay_days)).collect();
    // Three days are enough: 16 h of Backend + 24 h of Frontend fit the
    // week; the go-live goes along.
    assert_eq!(moved, vec![(id(1), 3), (id(4), 3)], "Backend, not Frontend");
    assert!(r.remaining_overload.is_empty());

    // With Backend started, nothing can move, and both reasons are named.
    input.status_date = Some(d(2026, 12, 14));
    input.steps[0].progress = PlanProgress::Started {
        on: d(2026, 12, 14),
        remaining_days: 5,
    };
    let r = level(&nw(), &input, &assignments, &person(10, 40.0)).unwrap();
    assert!(r.moves.is_empty());
    let reasons: HashMap<Uuid, StuckReason> =
        r.stuck.iter().map(|s| (s.step_id, s.reason)).collect();
    assert_eq!(reasons[&id(1)], StuckReason::Started);
    assert_eq!(
        reasons[&id(2)],
        StuckReason::ChainBlocked {
            step: id(3),
            why: ChainBlock::FixedStart
        }
    );
}

// ---------------------------------------------------------------------------
// Property: random plans, two people, fixed starts, progress, a deadline
// ---------------------------------------------------------------------------

/// (duration, person 10 or 20, effort, priority, fixed start offset,
/// started?, preds) per step.
type Raw = Vec<(
    u32,
    bool,
    u32,
    i32,
    Option<i64>,
    bool,
    Vec<(prop::sample::Index, i32)>,
)>;

fn raw() -> impl Strategy<Value = Raw> {
    prop::collection::vec(
        (
            0u32..6,
            any::<bool>(),
            0u32..60,
            0i32..3,
            proptest::option::weighted(0.15, 0i64..30),
            proptest::bool::weighted(0.15),
            prop::collection::vec((any::<prop::sample::Index>(), -1i32..3), 0..3),
        ),
        1..25,
    )
}

fn build(raw: &Raw, deadline_offset: i64) -> (ScheduleInput, Vec<Assignment>) {
    let start = d(2026, 11, 23);
    let mut steps = Vec::new();
    let mut assignments = Vec::new();
    for (i, (dur, mine, effort, priority, fixed, started, preds)) in raw.iter().enumerate() {
        let mut s = PlanStep::new(id(i as u128 + 1), format!("S{i}"), *dur);
        if i > 0 {
            for (ix, lag) in preds {
                s = s.after(id(ix.index(i) as u128 + 1), *lag);
            }
        }
        s.fixed_start = fixed.map(|o| start + Duration::days(o));
        if *started {
            s.progress = PlanProgress::Started {
                on: start,
                remaining_days: *dur,
            };
        }
        steps.push(s);
        assignments.push(Assignment {
            step_id: id(i as u128 + 1),
            person: id(if *mine { 10 } else { 20 }),
            effort_hours: f64::from(*effort),
            priority: *priority,
        });
    }
    let mut input = ScheduleInput::new(start, steps);
    input.status_date = Some(start + Duration::days(3));
    input.project_deadline = Some(start + Duration::days(deadline_offset));
    (input, assignments)
}

fn open(step: &PlanStep) -> bool {
    step.progress == PlanProgress::Open || step.is_milestone()
}

/// Total hours above capacity of `who`, with steps at `starts`.
fn overload(
    c: &WorkCalendar,
    input: &ScheduleInput,
    assignments: &[Assignment],
    starts: &HashMap<Uuid, NaiveDate>,
    who: &Person,
) -> f64 {
    let items: Vec<WorkItem> = input
        .steps
        .iter()
        .zip(assignments)
        .filter(|(_, a)| a.person == who.id)
        .map(|(step, a)| WorkItem {
            step_id: step.id,
            person: who.id,
            start: starts[&step.id],
            duration_days: step.duration_days,
            effort_hours: a.effort_hours,
        })
        .collect();
    weekly_load(c, &items, std::slice::from_ref(who))
        .iter()
        .map(|l| (l.planned_hours - l.capacity_hours).max(0.0))
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn never_breaks_a_fixed_start_or_the_deadline_nor_adds_overload(
        raw in raw(),
        capacity in 5u32..40,
        deadline in 20i64..90,
    ) {
        let c = nw();
        let (input, assignments) = build(&raw, deadline);
        let me = person(10, f64::from(capacity));
        let other = person(20, 20.0);
        let schedule = compute_schedule(&input, &c).unwrap();
        let r = level(&c, &input, &assignments, &me).unwrap();

        let before: HashMap<Uuid, NaiveDate> =
            schedule.steps.iter().map(|s| (s.id, s.earliest_start)).collect();
        let mut after = before.clone();
        let mut finish: HashMap<Uuid, NaiveDate> =
            schedule.steps.iter().map(|s| (s.id, s.earliest_finish)).collect();
        let deadline_day = c.working_day_on_or_before(input.project_deadline.unwrap()).unwrap();
        for m in &r.moves {
            let step = input.steps.iter().find(|s| s.id == m.step_id).unwrap();
            prop_assert!(step.fixed_start.is_none(), "a fixed start moved");
            // A started milestone is open work (see the schedule's doc).
            prop_assert!(open(step), "started work moved");
            prop_assert!(m.delay_days > 0);
            prop_assert!(m.new_finish <= deadline_day, "past the deadline");
            after.insert(m.step_id, m.new_start);
            finish.insert(m.step_id, m.new_finish);
        }

        // Dependencies still hold (boundaries as in the schedule's doc).
        let base = schedule.project_start;
        let bounds = |step: &PlanStep| {
            let m = i64::from(step.is_milestone());
            (
                c.working_days_between(base, after[&step.id]) + m,
                c.working_days_between(base, finish[&step.id]) + 1,
            )
        };
        for step in input.steps.iter().filter(|s| open(s)) {
            for &(p, lag) in &step.predecessors {
                let pred = input.steps.iter().find(|s| s.id == p).unwrap();
                prop_assert!(bounds(step).0 >= bounds(pred).1 + i64::from(lag));
            }
        }

        for who in [&me, &other] {
            let was = overload(&c, &input, &assignments, &before, who);
            let is = overload(&c, &input, &assignments, &after, who);
            prop_assert!(is <= was + 1e-6, "overload of {} grew: {} → {}", who.id, was, is);
        }
        if r.remaining_overload.is_empty() {
            prop_assert!(r.stuck.is_empty());
        }
    }
}
