//! Property tests on randomly generated acyclic plans.
//!
//! Plans are generated as DAGs (a step may only depend on steps generated
//! before it) and then shuffled, so the scheduler cannot rely on input order.

use chefsache::planning::{
    compute_schedule, find_cycle_if_added, FederalState, PlanStep, Schedule, ScheduleError,
    ScheduleInput, WorkCalendar,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

fn cal() -> WorkCalendar {
    WorkCalendar::new(FederalState::BY, [])
}

/// (duration, predecessors as (earlier index, lag)) per step.
type RawPlan = Vec<(u32, Vec<(usize, i32)>)>;

fn raw_plan() -> impl Strategy<Value = RawPlan> {
    (1usize..40).prop_flat_map(|n| {
        prop::collection::vec(
            (
                0u32..8,
                prop::collection::vec((any::<prop::sample::Index>(), -3i32..5), 0..4),
            ),
            n,
        )
        .prop_map(|steps| {
            steps
                .into_iter()
                .enumerate()
                .map(|(i, (dur, preds))| {
                    let preds = if i == 0 {
                        Vec::new()
                    } else {
                        preds
                            .into_iter()
                            .map(|(ix, lag)| (ix.index(i), lag))
                            .collect()
                    };
                    (dur, preds)
                })
                .collect()
        })
    })
}

fn build(raw: &RawPlan, shuffle_seed: u64, start_offset: i64) -> ScheduleInput {
    let ids: Vec<Uuid> = (0..raw.len())
        .map(|i| Uuid::from_u128(i as u128 + 1))
        .collect();
    let mut steps: Vec<PlanStep> = raw
        .iter()
        .enumerate()
        .map(|(i, (dur, preds))| {
            let mut s = PlanStep::new(ids[i], format!("S{i}"), *dur);
            for &(p, lag) in preds {
                s = s.after(ids[p], lag);
            }
            s
        })
        .collect();
    // Deterministic shuffle (xorshift), independent of proptest's RNG.
    let mut x = shuffle_seed | 1;
    for i in (1..steps.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        steps.swap(i, (x % (i as u64 + 1)) as usize);
    }
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(start_offset);
    ScheduleInput::new(start, steps)
}

/// Boundary numbers as in the module doc of `schedule`: start_b/finish_b.
fn boundaries(
    c: &WorkCalendar,
    s: &Schedule,
    input: &ScheduleInput,
) -> HashMap<Uuid, (i64, i64, i64, i64)> {
    let idx = |date| c.working_days_between(s.project_start, date);
    input
        .steps
        .iter()
        .zip(&s.steps)
        .map(|(p, r)| {
            let m = i64::from(p.is_milestone());
            (
                p.id,
                (
                    idx(r.earliest_start) + m,
                    idx(r.earliest_finish) + 1,
                    idx(r.latest_start) + m,
                    idx(r.latest_finish) + 1,
                ),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn schedule_invariants(raw in raw_plan(), seed in any::<u64>(), offset in 0i64..800) {
        let c = cal();
        let input = build(&raw, seed, offset);
        let s = compute_schedule(&input, &c).unwrap();
        let b = boundaries(&c, &s, &input);
        let end = b.values().map(|x| x.1).max().unwrap();

        for (p, r) in input.steps.iter().zip(&s.steps) {
            let (es, ef, ls, lf) = b[&p.id];
            prop_assert_eq!(r.id, p.id);
            // Dates are working days, durations hold.
            prop_assert!(c.is_working_day(r.earliest_start));
            prop_assert!(c.is_working_day(r.earliest_finish));
            prop_assert_eq!(ef - es, i64::from(p.duration_days));
            prop_assert_eq!(lf - ls, i64::from(p.duration_days));
            // Nothing before the project start.
            prop_assert!(r.earliest_start >= s.project_start);
            // Every step starts after all predecessors finish plus lag.
            for &(q, lag) in &p.predecessors {
                prop_assert!(es >= b[&q].1 + i64::from(lag));
                prop_assert!(ls >= b[&q].3 + i64::from(lag));
            }
            // Without fixed dates and deadlines float is never negative,
            // and critical means zero float.
            prop_assert!(r.total_float >= 0);
            prop_assert_eq!(r.total_float, ls - es);
            prop_assert_eq!(r.critical, r.total_float == 0);
            prop_assert!(lf <= end);
            prop_assert!(!r.is_late());
        }

        // At least one critical path: from a step at its lower bound to a
        // step ending the project, each driving the next.
        let path = &s.critical_path;
        prop_assert!(!path.is_empty());
        let by_id: HashMap<Uuid, &PlanStep> = input.steps.iter().map(|p| (p.id, p)).collect();
        let first = by_id[&path[0]];
        prop_assert_eq!(b[&first.id].0, i64::from(first.is_milestone()));
        prop_assert_eq!(b[path.last().unwrap()].1, end);
        for w in path.windows(2) {
            let succ = by_id[&w[1]];
            let lag = succ.predecessors.iter().filter(|(q, _)| *q == w[0]).map(|(_, l)| *l).max();
            prop_assert!(lag.is_some());
            prop_assert_eq!(b[&w[0]].1 + i64::from(lag.unwrap()), b[&w[1]].0);
        }
        for id in path {
            prop_assert!(s.step(*id).unwrap().critical);
        }
    }

    #[test]
    fn find_cycle_if_added_agrees_with_scheduler(
        raw in raw_plan(),
        seed in any::<u64>(),
        a in any::<prop::sample::Index>(),
        z in any::<prop::sample::Index>(),
    ) {
        let c = cal();
        let input = build(&raw, seed, 0);
        let pred = input.steps[a.index(input.steps.len())].id;
        let succ = input.steps[z.index(input.steps.len())].id;
        let answer = find_cycle_if_added(&input, pred, succ);

        let mut with_edge = input.clone();
        let pos = with_edge.steps.iter().position(|s| s.id == succ).unwrap();
        with_edge.steps[pos].predecessors.push((pred, 0));
        let result = compute_schedule(&with_edge, &c);
        prop_assert_eq!(answer.is_some(), matches!(result, Err(ScheduleError::Cycle { .. })));

        if let Some(cycle) = answer {
            // A real loop: each step is a predecessor of the next.
            prop_assert_eq!(cycle[0], pred);
            let by_id: HashMap<Uuid, &PlanStep> = with_edge.steps.iter().map(|p| (p.id, p)).collect();
            for i in 0..cycle.len() {
                let next = cycle[(i + 1) % cycle.len()];
                prop_assert!(by_id[&next].predecessors.iter().any(|(q, _)| *q == cycle[i]));
            }
        }
        if let Err(ScheduleError::Cycle { steps, titles }) = result {
            prop_assert_eq!(steps.len(), titles.len());
            let by_id: HashMap<Uuid, &PlanStep> = with_edge.steps.iter().map(|p| (p.id, p)).collect();
            for i in 0..steps.len() {
                let next = steps[(i + 1) % steps.len()];
                prop_assert!(by_id[&next].predecessors.iter().any(|(q, _)| *q == steps[i]));
                prop_assert_eq!(&by_id[&steps[i]].title, &titles[i]);
            }
        }
    }

    #[test]
    fn constraints_only_ever_make_things_late_consistently(
        raw in raw_plan(),
        seed in any::<u64>(),
        pins in prop::collection::vec((any::<prop::sample::Index>(), 0i64..40, any::<bool>()), 0..5),
    ) {
        let c = cal();
        let mut input = build(&raw, seed, 0);
        let n = input.steps.len();
        for (ix, days, deadline) in pins {
            let date = input.project_start + Duration::days(days);
            let step = &mut input.steps[ix.index(n)];
            if deadline { step.deadline = Some(date) } else { step.fixed_start = Some(date) }
        }
        let s = compute_schedule(&input, &c).unwrap();
        let b = boundaries(&c, &s, &input);
        for (p, r) in input.steps.iter().zip(&s.steps) {
            // Dependencies hold even when fixed dates cannot be kept.
            for &(q, lag) in &p.predecessors {
                prop_assert!(b[&p.id].0 >= b[&q].1 + i64::from(lag));
            }
            if r.is_late() {
                prop_assert!(r.total_float < 0);
                prop_assert!(r.critical);
            }
            prop_assert!(r.start_late_days >= 0 && r.deadline_late_days >= 0);
        }
    }
}
