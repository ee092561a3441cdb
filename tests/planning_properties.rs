//! Property tests on randomly generated acyclic plans.
//!
//! Plans are generated as DAGs (a step may only depend on steps generated
//! before it) and then shuffled, so the scheduler cannot rely on input order.

// proptest is a native dev-dependency only.
#![cfg(not(target_arch = "wasm32"))]

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

// ---------------------------------------------------------------------------
// The one dependency graph (`planning::Graph`), against a reference
// ---------------------------------------------------------------------------

mod graph {
    use chefsache::domain::{Dataset, Dependency, Project, Step, StepId, ValidationError};
    use chefsache::planning::Graph;
    use chefsache::state::commands::{self, CommandError};
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    /// Reference: `reach[u][v]` is true if a chain of one or more edges
    /// leads from `u` to `v`, by plain depth-first search from every node.
    fn reachability(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<bool>> {
        let mut succs = vec![Vec::new(); n];
        for &(p, s) in edges {
            succs[p].push(s);
        }
        (0..n)
            .map(|from| {
                let mut seen = vec![false; n];
                let mut stack: Vec<usize> = succs[from].clone();
                while let Some(v) = stack.pop() {
                    if !seen[v] {
                        seen[v] = true;
                        stack.extend(&succs[v]);
                    }
                }
                seen
            })
            .collect()
    }

    /// Each node is a predecessor of the next, the last of the first, and
    /// no node occurs twice.
    fn is_cycle(cycle: &[usize], edges: &[(usize, usize)]) -> bool {
        let mut sorted = cycle.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        !cycle.is_empty()
            && sorted.len() == cycle.len()
            && (0..cycle.len()).all(|i| edges.contains(&(cycle[i], cycle[(i + 1) % cycle.len()])))
    }

    /// Any directed graph on up to 24 nodes, self-loops included.
    fn any_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
        (1usize..24).prop_flat_map(|n| {
            let edge = (0..n, 0..n);
            (Just(n), prop::collection::vec(edge, 0..(2 * n)))
        })
    }

    /// A DAG on up to 40 nodes: edges only from lower to higher numbers of
    /// a random ranking, so input order does not help.
    fn any_dag() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
        (2usize..40).prop_flat_map(|n| {
            let ranks = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
            let pairs = prop::collection::vec((0..n, 0..n), 0..(3 * n));
            (Just(n), ranks, pairs).prop_map(|(n, rank, pairs)| {
                let edges = pairs
                    .into_iter()
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| {
                        if a < b {
                            (rank[a], rank[b])
                        } else {
                            (rank[b], rank[a])
                        }
                    })
                    .collect();
                (n, edges)
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn dags_have_no_cycle_and_a_valid_order((n, edges) in any_dag()) {
            let g = Graph::from_edges(n, &edges);
            let order = g.topological_order().expect("a DAG has an order");
            let mut place = vec![usize::MAX; n];
            for (i, &v) in order.iter().enumerate() {
                prop_assert_eq!(place[v], usize::MAX, "node {} twice", v);
                place[v] = i;
            }
            prop_assert_eq!(order.len(), n);
            for &(p, s) in &edges {
                prop_assert!(place[p] < place[s], "{} must come before {}", p, s);
            }
            prop_assert!(g.cycles().is_empty());
        }

        #[test]
        fn closing_a_path_is_a_cycle_of_real_steps(
            (n, edges) in any_dag(),
            pick in any::<prop::sample::Index>(),
        ) {
            let reach = reachability(n, &edges);
            let paths: Vec<(usize, usize)> = (0..n)
                .flat_map(|a| (0..n).map(move |b| (a, b)))
                .filter(|&(a, b)| reach[a][b])
                .collect();
            prop_assume!(!paths.is_empty());
            let (a, b) = paths[pick.index(paths.len())];
            // A path a → … → b exists; "a after b" closes it.
            let g = Graph::from_edges(n, &edges);
            let cycle = g.cycle_if_added(b, a).expect("detected");
            prop_assert_eq!(cycle[0], b);
            prop_assert_eq!(cycle[1], a);
            let mut closed = edges.clone();
            closed.push((b, a));
            prop_assert!(is_cycle(&cycle, &closed), "{:?}", cycle);
            // The closed graph agrees: no order, and each named loop is real.
            let closed_graph = Graph::from_edges(n, &closed);
            let found = closed_graph.topological_order().expect_err("a cycle");
            prop_assert!(is_cycle(&found, &closed), "{:?}", found);
            let cycles = closed_graph.cycles();
            prop_assert_eq!(cycles.len(), 1);
            prop_assert!(is_cycle(&cycles[0], &closed));
            // The reverse edge follows the path and closes nothing.
            prop_assert_eq!(g.cycle_if_added(a, b), None);
        }

        #[test]
        fn agrees_with_reachability_on_any_graph(
            (n, edges) in any_graph(),
            u in any::<prop::sample::Index>(),
            v in any::<prop::sample::Index>(),
        ) {
            let reach = reachability(n, &edges);
            let g = Graph::from_edges(n, &edges);
            let cyclic: Vec<bool> = (0..n).map(|v| reach[v][v]).collect();
            let has_cycle = cyclic.iter().any(|&c| c);

            match g.topological_order() {
                Ok(order) => {
                    prop_assert!(!has_cycle);
                    prop_assert_eq!(order.len(), n);
                }
                Err(cycle) => {
                    prop_assert!(has_cycle);
                    prop_assert!(is_cycle(&cycle, &edges), "{:?}", cycle);
                }
            }

            // One loop per knot of mutually reachable nodes, through its
            // lowest node, and every node on a loop is in some knot.
            let cycles = g.cycles();
            let knots: Vec<usize> = (0..n)
                .filter(|&v| cyclic[v] && (0..v).all(|w| !(reach[v][w] && reach[w][v])))
                .collect();
            let starts: Vec<usize> = cycles.iter().map(|c| c[0]).collect();
            prop_assert_eq!(&starts, &knots);
            for cycle in &cycles {
                prop_assert!(is_cycle(cycle, &edges), "{:?}", cycle);
                for &w in cycle {
                    prop_assert!(w == cycle[0] || (reach[cycle[0]][w] && reach[w][cycle[0]]));
                }
            }

            // Paths and closing edges, for one random pair.
            let (u, v) = (u.index(n), v.index(n));
            match g.path(u, v) {
                Some(path) => {
                    prop_assert!(u == v || reach[u][v]);
                    prop_assert_eq!((path[0], path[path.len() - 1]), (u, v));
                    for w in path.windows(2) {
                        prop_assert!(edges.contains(&(w[0], w[1])));
                    }
                }
                None => prop_assert!(u != v && !reach[u][v]),
            }
            match g.cycle_if_added(u, v) {
                Some(cycle) => {
                    prop_assert!(u == v || reach[v][u]);
                    let mut closed = edges.clone();
                    closed.push((u, v));
                    prop_assert!(is_cycle(&cycle, &closed), "{:?}", cycle);
                }
                None => prop_assert!(u != v && !reach[v][u]),
            }
        }

        /// The dataset's validation and the command that adds a dependency
        /// ask the same graph: a dependency is refused exactly when the
        /// reference finds a path back, naming the steps of a real loop.
        #[test]
        fn commands_and_validation_use_the_graph(
            (n, edges) in any_graph(),
            u in any::<prop::sample::Index>(),
            v in any::<prop::sample::Index>(),
        ) {
            let now = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
            let project = Project::new("P", now);
            let mut steps: Vec<Step> =
                (0..n).map(|i| Step::new(project.id, format!("S{i}"), now)).collect();
            let ids: Vec<StepId> = steps.iter().map(|s| s.id).collect();
            let plain: Vec<(usize, usize)> = edges.iter().copied().filter(|(p, s)| p != s).collect();
            for &(p, s) in &plain {
                if !steps[s].depends_on(ids[p]) {
                    steps[s].dependencies.push(Dependency::on(ids[p]));
                }
            }
            let data = Dataset { projects: vec![project].into(), steps: steps.into(), ..Dataset::new() };
            let reach = reachability(n, &plain);

            let knots = data
                .validate()
                .err()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| match e {
                    ValidationError::DependencyCycle { steps, .. } => Some(steps),
                    _ => None,
                })
                .collect::<Vec<_>>();
            prop_assert_eq!(knots.is_empty(), (0..n).all(|v| !reach[v][v]));

            let (step, predecessor) = (u.index(n), v.index(n));
            let result = commands::add_dependency(&data, ids[step], ids[predecessor], 0, now);
            let closes = step == predecessor || reach[step][predecessor];
            match result {
                Err(CommandError::Cycle(names)) => {
                    prop_assert!(closes);
                    let loop_: Vec<usize> = names
                        .iter()
                        .map(|name| name[1..].parse().unwrap())
                        .collect();
                    // Named in flow order from the step: [step, …, predecessor].
                    prop_assert_eq!(loop_[0], step);
                    let mut closed = plain.clone();
                    closed.push((predecessor, step));
                    prop_assert!(is_cycle(&loop_, &closed), "{:?}", loop_);
                }
                Ok(_) => prop_assert!(!closes),
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
