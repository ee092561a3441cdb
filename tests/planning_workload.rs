//! Weekly load and levelling, hand-computed on the NRW calendar.
//! KW 48/2026 = Mon 23.11. – Fri 27.11., KW 49 = Mon 30.11. – Fri 4.12.,
//! KW 14/2026 = Mon 30.3. – Fri 3.4. (Karfreitag).

use std::collections::HashSet;

use chefsache::planning::{
    compute_schedule, level, weekly_load, Assignment, FederalState, Person, PlanStep,
    ScheduleInput, WorkCalendar, WorkItem,
};
use chrono::NaiveDate;
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

fn person(n: u128, hours: f64, days_off: &[NaiveDate]) -> Person {
    Person {
        id: id(n),
        weekly_capacity_hours: hours,
        days_off: days_off.iter().copied().collect::<HashSet<_>>(),
    }
}

fn item(step: u128, who: u128, start: NaiveDate, days: u32, hours: f64) -> WorkItem {
    WorkItem {
        step_id: id(step),
        person: id(who),
        start,
        duration_days: days,
        effort_hours: hours,
    }
}

#[test]
fn holiday_week_has_less_capacity() {
    // KW 14/2026: Karfreitag leaves 4 days → 40 h × 4/5 = 32 h. A 4-day step
    // Mon–Thu with 40 h is 10 h/day = 40 h > 32 h.
    let loads = weekly_load(
        &nw(),
        &[item(1, 10, d(2026, 3, 30), 4, 40.0)],
        &[person(10, 40.0, &[])],
    );
    assert_eq!(loads.len(), 1);
    assert_eq!((loads[0].iso_year, loads[0].iso_week), (2026, 14));
    assert!((loads[0].capacity_hours - 32.0).abs() < 1e-9);
    assert!((loads[0].planned_hours - 40.0).abs() < 1e-9);
    assert!(loads[0].overloaded);
}

#[test]
fn day_off_reduces_capacity_and_effort_spreads_over_weeks() {
    // Day off Wed 25.11.: KW 48 capacity 32 h. Step from Thu 26.11., 5 days,
    // 50 h = 10 h/day: Thu, Fri in KW 48 (20 h); Mon, Tue, Wed in KW 49 (30 h).
    let loads = weekly_load(
        &nw(),
        &[item(1, 10, d(2026, 11, 26), 5, 50.0)],
        &[person(10, 40.0, &[d(2026, 11, 25)])],
    );
    assert_eq!(loads.len(), 2);
    assert_eq!(loads[0].iso_week, 48);
    assert!((loads[0].planned_hours - 20.0).abs() < 1e-9);
    assert!((loads[0].capacity_hours - 32.0).abs() < 1e-9);
    assert_eq!(loads[1].iso_week, 49);
    assert!((loads[1].planned_hours - 30.0).abs() < 1e-9);
    assert!((loads[1].capacity_hours - 40.0).abs() < 1e-9);
    assert!(!loads[0].overloaded && !loads[1].overloaded);
}

#[test]
fn several_steps_add_up_and_unknown_person_has_no_capacity() {
    // Two 5-day steps in KW 48 with 25 h each = 50 h > 40 h; a milestone
    // with 2 h counts on its day.
    let loads = weekly_load(
        &nw(),
        &[
            item(1, 10, d(2026, 11, 23), 5, 25.0),
            item(2, 10, d(2026, 11, 23), 5, 25.0),
            item(3, 10, d(2026, 11, 27), 0, 2.0),
            item(4, 99, d(2026, 11, 23), 1, 1.0),
        ],
        &[person(10, 40.0, &[])],
    );
    assert_eq!(loads.len(), 2);
    let mine = loads.iter().find(|l| l.person == id(10)).unwrap();
    assert!((mine.planned_hours - 52.0).abs() < 1e-9);
    assert!(mine.overloaded);
    let unknown = loads.iter().find(|l| l.person == id(99)).unwrap();
    assert_eq!(unknown.capacity_hours, 0.0);
    assert!(unknown.overloaded);
}

/// Project from Mon 23.11.2026. C (15 days, someone else) sets the project
/// end to Fri 11.12. A and B (5 days, 40 h each) both belong to P and have
/// 10 days of float.
fn two_parallel_steps() -> ScheduleInput {
    ScheduleInput::new(
        d(2026, 11, 23),
        vec![
            PlanStep::new(id(1), "A", 5),
            PlanStep::new(id(2), "B", 5),
            PlanStep::new(id(3), "C", 15),
        ],
    )
}

fn assignments(priority_a: i32, priority_b: i32) -> Vec<Assignment> {
    vec![
        Assignment {
            step_id: id(1),
            person: id(10),
            effort_hours: 40.0,
            priority: priority_a,
        },
        Assignment {
            step_id: id(2),
            person: id(10),
            effort_hours: 40.0,
            priority: priority_b,
        },
        Assignment {
            step_id: id(3),
            person: id(20),
            effort_hours: 120.0,
            priority: 0,
        },
    ]
}

#[test]
fn levelling_moves_lowest_priority_step_into_next_week() {
    // KW 48: A + B = 80 h > 40 h. B has the lower priority and moves by 5
    // working days: Mon 30.11. – Fri 4.12. Then each week has 40 h.
    let r = level(
        &nw(),
        &two_parallel_steps(),
        &assignments(1, 0),
        &person(10, 40.0, &[]),
    )
    .unwrap();
    assert_eq!(r.moves.len(), 1);
    assert_eq!(r.moves[0].step_id, id(2));
    assert_eq!(r.moves[0].delay_days, 5);
    assert_eq!(r.moves[0].new_start, d(2026, 11, 30));
    assert_eq!(r.moves[0].new_finish, d(2026, 12, 4));
    assert!(r.remaining_overload.is_empty());

    // Swapped priorities: A moves instead.
    let r = level(
        &nw(),
        &two_parallel_steps(),
        &assignments(0, 1),
        &person(10, 40.0, &[]),
    )
    .unwrap();
    assert_eq!(r.moves.len(), 1);
    assert_eq!(r.moves[0].step_id, id(1));
}

#[test]
fn levelling_never_moves_critical_steps() {
    // Without C both A and B are critical (5 days, project end Fri 27.11.):
    // nothing can move, KW 48 stays at 80 h against 40 h.
    let input = ScheduleInput::new(
        d(2026, 11, 23),
        vec![PlanStep::new(id(1), "A", 5), PlanStep::new(id(2), "B", 5)],
    );
    let r = level(&nw(), &input, &assignments(1, 0), &person(10, 40.0, &[])).unwrap();
    assert!(r.moves.is_empty());
    assert_eq!(r.remaining_overload.len(), 1);
    assert_eq!(r.remaining_overload[0].iso_week, 48);
    assert!((r.remaining_overload[0].planned_hours - 80.0).abs() < 1e-9);
    assert!((r.remaining_overload[0].capacity_hours - 40.0).abs() < 1e-9);
}

#[test]
fn levelling_moves_a_chain_and_keeps_its_dependencies() {
    // B → D (2 days, nobody's hours) right after B: B has float (C sets
    // the end), and moving it takes D along, so B (the lower priority)
    // moves a week and D with it.
    let mut input = two_parallel_steps();
    input
        .steps
        .push(PlanStep::new(id(4), "D", 2).after(id(2), 0));
    let r = level(&nw(), &input, &assignments(1, 0), &person(10, 40.0, &[])).unwrap();
    let moves: Vec<(Uuid, i64, Option<Uuid>)> = r
        .moves
        .iter()
        .map(|m| (m.step_id, m.delay_days, m.pushed_by))
        .collect();
    assert_eq!(moves, vec![(id(2), 5, None), (id(4), 5, Some(id(2)))]);
    assert!(r.remaining_overload.is_empty());
    assert!(r.stuck.is_empty());

    // And never past the latest start.
    let s = compute_schedule(&input, &nw()).unwrap();
    for m in &r.moves {
        assert!(m.new_start <= s.step(m.step_id).unwrap().latest_start);
    }
}

#[test]
fn a_chain_never_moves_another_persons_hours() {
    // D now carries 16 hours of person 20: B cannot take it along, so A
    // (higher priority, but free) moves instead.
    let mut input = two_parallel_steps();
    input
        .steps
        .push(PlanStep::new(id(4), "D", 2).after(id(2), 0));
    let mut a = assignments(1, 0);
    a.push(Assignment {
        step_id: id(4),
        person: id(20),
        effort_hours: 16.0,
        priority: 0,
    });
    let r = level(&nw(), &input, &a, &person(10, 40.0, &[])).unwrap();
    assert_eq!(r.moves.len(), 1);
    assert_eq!(r.moves[0].step_id, id(1));
    assert_eq!(r.moves[0].delay_days, 5);
}

#[test]
fn levelling_stops_at_float() {
    // C only 7 days (ends Tue 1.12.): A and B have 2 days of float each.
    // B (lower priority) moves first, one day at a time, up to its float:
    // KW 48 = 40 + 3 × 8 = 64 h. Then A moves 2 days: 3 × 8 + 3 × 8 = 48 h.
    // Still above 40 h, and no float left: reported as remaining overload.
    let input = ScheduleInput::new(
        d(2026, 11, 23),
        vec![
            PlanStep::new(id(1), "A", 5),
            PlanStep::new(id(2), "B", 5),
            PlanStep::new(id(3), "C", 7),
        ],
    );
    let r = level(&nw(), &input, &assignments(1, 0), &person(10, 40.0, &[])).unwrap();
    // Both move by their full float of 2 days: KW 48 = 3 × 8 + 3 × 8 = 48 h.
    let mut moves: Vec<(Uuid, i64)> = r.moves.iter().map(|m| (m.step_id, m.delay_days)).collect();
    moves.sort();
    assert_eq!(moves, vec![(id(1), 2), (id(2), 2)]);
    assert_eq!(r.remaining_overload.len(), 1);
    assert!((r.remaining_overload[0].planned_hours - 48.0).abs() < 1e-9);
}

mod levelling_properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Random DAG: (duration, person 10 or 20, effort, priority, preds).
    type Raw = Vec<(u32, bool, u32, i32, Vec<(prop::sample::Index, i32)>)>;

    fn raw() -> impl Strategy<Value = Raw> {
        prop::collection::vec(
            (
                0u32..6,
                any::<bool>(),
                0u32..60,
                0i32..3,
                prop::collection::vec((any::<prop::sample::Index>(), -1i32..3), 0..3),
            ),
            1..25,
        )
    }

    fn build(raw: &Raw) -> (ScheduleInput, Vec<Assignment>) {
        let mut steps = Vec::new();
        let mut assignments = Vec::new();
        for (i, (dur, mine, effort, priority, preds)) in raw.iter().enumerate() {
            let mut s = PlanStep::new(id(i as u128 + 1), format!("S{i}"), *dur);
            if i > 0 {
                for (ix, lag) in preds {
                    s = s.after(id(ix.index(i) as u128 + 1), *lag);
                }
            }
            steps.push(s);
            assignments.push(Assignment {
                step_id: id(i as u128 + 1),
                person: id(if *mine { 10 } else { 20 }),
                effort_hours: f64::from(*effort),
                priority: *priority,
            });
        }
        (ScheduleInput::new(d(2026, 11, 23), steps), assignments)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        #[test]
        fn moves_stay_within_float_and_keep_dependencies(raw in raw(), capacity in 5u32..40) {
            let c = nw();
            let (input, assignments) = build(&raw);
            let me = person(10, f64::from(capacity), &[]);
            let schedule = compute_schedule(&input, &c).unwrap();
            let r = level(&c, &input, &assignments, &me).unwrap();

            let moved: HashMap<Uuid, &chefsache::planning::StepMove> =
                r.moves.iter().map(|m| (m.step_id, m)).collect();
            for m in &r.moves {
                let s = schedule.step(m.step_id).unwrap();
                prop_assert!(m.delay_days > 0);
                prop_assert!(!s.critical);
                prop_assert!(m.new_start <= s.latest_start);
                prop_assert_eq!(c.working_days_between(s.earliest_start, m.new_start), m.delay_days);
                // Another person's step only moves when it carries no hours.
                let a = assignments.iter().find(|a| a.step_id == m.step_id).unwrap();
                prop_assert!(a.person == me.id || a.effort_hours == 0.0);
            }

            // Start and finish boundaries after levelling.
            let base = schedule.project_start;
            let bounds = |step: &PlanStep| {
                let s = schedule.step(step.id).unwrap();
                let m = i64::from(step.is_milestone());
                let (start, finish) = match moved.get(&step.id) {
                    Some(mv) => (mv.new_start, mv.new_finish),
                    None => (s.earliest_start, s.earliest_finish),
                };
                (c.working_days_between(base, start) + m, c.working_days_between(base, finish) + 1)
            };
            for step in &input.steps {
                for &(p, lag) in &step.predecessors {
                    let pred = input.steps.iter().find(|s| s.id == p).unwrap();
                    prop_assert!(bounds(step).0 >= bounds(pred).1 + i64::from(lag));
                }
            }

            // The remaining overload is what weekly_load sees after the moves.
            let items: Vec<WorkItem> = input
                .steps
                .iter()
                .zip(&assignments)
                .filter(|(_, a)| a.person == me.id)
                .map(|(step, a)| {
                    let s = schedule.step(step.id).unwrap();
                    let start = moved.get(&step.id).map_or(s.earliest_start, |m| m.new_start);
                    WorkItem {
                        step_id: step.id,
                        person: me.id,
                        start,
                        duration_days: step.duration_days,
                        effort_hours: a.effort_hours,
                    }
                })
                .collect();
            let over: Vec<(i32, u32)> = weekly_load(&c, &items, std::slice::from_ref(&me))
                .into_iter()
                .filter(|l| l.overloaded)
                .map(|l| (l.iso_year, l.iso_week))
                .collect();
            let remaining: Vec<(i32, u32)> =
                r.remaining_overload.iter().map(|l| (l.iso_year, l.iso_week)).collect();
            prop_assert_eq!(over, remaining);
        }
    }
}
