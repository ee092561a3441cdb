//! The plan meets reality: a status date (today) keeps open work out of
//! the past, schedules started work's remaining days from today, keeps
//! done steps at their actual dates, and measures float to the project's
//! deadline. Checked by hand on small plans and, on random plans, against
//! a day-by-day reference that relaxes every constraint until nothing
//! moves (no topological order, no day-number tables).

#![cfg(not(target_arch = "wasm32"))]

use chefsache::planning::{
    compute_schedule, FederalState, FloatReference, PlanProgress, PlanStep, Schedule,
    ScheduleInput, WorkCalendar,
};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use uuid::Uuid;

mod common;
use common::step_day_by_day;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

/// "Konzept" (5 days) → "Backend" (2 days) → "Go-live" (milestone), from
/// Monday 23 November 2026: planned 23–27 Nov, 30 Nov–1 Dec, 1 Dec.
fn webshop(today: Option<NaiveDate>) -> ScheduleInput {
    let mut input = ScheduleInput::new(
        d(2026, 11, 23),
        vec![
            PlanStep::new(id(1), "Konzept", 5),
            PlanStep::new(id(2), "Backend", 2).after(id(1), 0),
            PlanStep::new(id(3), "Go-live", 0).after(id(2), 0),
        ],
    );
    input.status_date = today;
    input
}

fn dates(s: &Schedule, n: usize) -> (NaiveDate, NaiveDate) {
    (s.steps[n].earliest_start, s.steps[n].earliest_finish)
}

#[test]
fn an_open_step_whose_start_has_passed_starts_today() {
    let s = compute_schedule(&webshop(Some(d(2026, 12, 1))), &nw()).unwrap();
    assert_eq!(dates(&s, 0), (d(2026, 12, 1), d(2026, 12, 7)));
    assert_eq!(dates(&s, 1), (d(2026, 12, 8), d(2026, 12, 9)));
    assert_eq!(dates(&s, 2), (d(2026, 12, 9), d(2026, 12, 9)));
    assert_eq!(s.project_end, Some(d(2026, 12, 9)));
    assert_eq!(s.planned_end, Some(d(2026, 12, 1)), "the end it moved from");
    // 27 Nov → 7 Dec: 30 Nov, 1, 2, 3, 4, 7 Dec.
    assert_eq!(s.steps[0].slip_days, 6);
    assert_eq!(s.steps[2].slip_days, 6);
}

#[test]
fn a_fixed_start_in_the_past_is_late_by_the_days_it_slipped() {
    let mut input = webshop(Some(d(2026, 12, 1)));
    input.steps[0].fixed_start = Some(d(2026, 11, 26));
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[0].earliest_start, d(2026, 12, 1));
    assert_eq!(s.steps[0].start_late_days, 3, "26, 27 and 30 November");
    assert!(s.steps[0].is_late());
}

#[test]
fn started_work_schedules_its_remaining_days_from_today() {
    let mut input = webshop(Some(d(2026, 12, 1)));
    input.steps[0].progress = PlanProgress::Started {
        on: d(2026, 11, 23),
        remaining_days: 3,
    };
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(dates(&s, 0), (d(2026, 11, 23), d(2026, 12, 3)));
    assert_eq!(dates(&s, 1), (d(2026, 12, 4), d(2026, 12, 7)));
    assert_eq!(s.project_end, Some(d(2026, 12, 7)));
}

#[test]
fn done_steps_keep_their_actual_dates_and_successors_follow() {
    // Konzept took a day longer than planned; today is its last day.
    let mut input = webshop(Some(d(2026, 11, 30)));
    input.steps[0].progress = PlanProgress::Done {
        started: d(2026, 11, 23),
        finished: d(2026, 11, 30),
    };
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(dates(&s, 0), (d(2026, 11, 23), d(2026, 11, 30)));
    assert_eq!(dates(&s, 1), (d(2026, 12, 1), d(2026, 12, 2)));
    assert_eq!(s.steps[0].slip_days, 1);
    assert_eq!(s.steps[2].slip_days, 1, "the go-live moves a day");
    assert!(!s.steps[0].critical, "done work is not critical any more");
    assert_eq!(s.steps[0].total_float, 0);
}

#[test]
fn a_status_date_before_the_start_changes_nothing() {
    let planned = compute_schedule(&webshop(None), &nw()).unwrap();
    let live = compute_schedule(&webshop(Some(d(2026, 11, 2))), &nw()).unwrap();
    assert_eq!(planned.steps, live.steps);
}

#[test]
fn float_is_measured_to_the_project_deadline_when_there_is_one() {
    // Work ends 29 December, the deadline is 22 January: room.
    let mut input = ScheduleInput::new(
        d(2026, 12, 21),
        vec![
            PlanStep::new(id(1), "Umbau", 5),
            PlanStep::new(id(2), "Abnahme", 1).after(id(1), 0),
        ],
    );
    let to_end = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(to_end.project_end, Some(d(2026, 12, 29)));
    assert_eq!(to_end.float_to, FloatReference::ProjectEnd);
    assert!(to_end.steps.iter().all(|s| s.critical));

    input.project_deadline = Some(d(2027, 1, 22));
    let to_deadline = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(
        to_deadline.float_to,
        FloatReference::Deadline(d(2027, 1, 22))
    );
    // 30 Dec … 22 Jan without 1 and 6 January (Neujahr; Heilige Drei
    // Könige is no holiday in NRW): 30, 31 Dec, 4, 5, 6, 7, 8, 11 … 15,
    // 18 … 22 Jan = 17 working days.
    assert!(to_deadline.steps.iter().all(|s| s.total_float == 17));
    assert!(to_deadline.steps.iter().all(|s| !s.critical));
    assert!(to_deadline.critical_path.is_empty());
}

#[test]
fn a_deadline_before_the_end_gives_negative_float() {
    let mut input = webshop(None);
    input.project_deadline = Some(d(2026, 11, 27));
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[2].total_float, -2);
    assert!(s.steps.iter().all(|s| s.critical));
}

// ---------------------------------------------------------------------------
// Random plans against the day-by-day reference
// ---------------------------------------------------------------------------

fn working_on_or_after(cal: &WorkCalendar, mut date: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(date) {
        date = date.succ_opt().unwrap();
    }
    date
}

fn working_on_or_before(cal: &WorkCalendar, mut date: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(date) {
        date = date.pred_opt().unwrap();
    }
    date
}

/// Working days in `[base, date)`, negative before `base`, by counting.
fn number(cal: &WorkCalendar, base: NaiveDate, date: NaiveDate) -> i64 {
    let (mut day, mut n, forward) = if date >= base {
        (base, 0, true)
    } else {
        (date, 0, false)
    };
    let end = if forward { date } else { base };
    while day < end {
        if cal.is_working_day(day) {
            n += 1;
        }
        day = day.succ_opt().unwrap();
    }
    if forward {
        n
    } else {
        -n
    }
}

/// The reference: boundaries (start_b, finish_b) by relaxing every
/// constraint over and over until nothing changes.
fn reference(cal: &WorkCalendar, input: &ScheduleInput) -> Vec<(i64, i64)> {
    let base = working_on_or_after(cal, input.project_start);
    let t = input
        .status_date
        .map(|date| number(cal, base, working_on_or_after(cal, date)));
    let index = |id: Uuid| input.steps.iter().position(|s| s.id == id).unwrap();
    let mut b: Vec<Option<(i64, i64)>> = vec![None; input.steps.len()];
    loop {
        let mut changed = false;
        for (v, s) in input.steps.iter().enumerate() {
            let m = i64::from(s.is_milestone());
            let progress = if t.is_some() {
                s.progress
            } else {
                PlanProgress::Open
            };
            let got = match (progress, t) {
                (PlanProgress::Started { on, remaining_days }, Some(t)) if m == 0 => {
                    let start = number(cal, base, working_on_or_after(cal, on));
                    Some((start, start.max(t) + i64::from(remaining_days.max(1))))
                }
                (PlanProgress::Done { started, finished }, Some(_)) => {
                    let f = number(cal, base, working_on_or_before(cal, finished)) + 1;
                    let st = number(cal, base, working_on_or_after(cal, started)).min(f - 1);
                    Some(if m == 1 { (f, f) } else { (st, f) })
                }
                _ => {
                    let mut es = Some(m);
                    for &(p, lag) in &s.predecessors {
                        es = match (es, b[index(p)]) {
                            (Some(es), Some((_, ef))) => Some(es.max(ef + i64::from(lag))),
                            _ => None,
                        };
                    }
                    es.map(|mut es| {
                        if let Some(f) = s.fixed_start {
                            es = es.max(number(cal, base, working_on_or_after(cal, f)) + m);
                        }
                        if let (Some(t), false) = (t, progress == PlanProgress::DoneAsPlanned) {
                            es = es.max(t + m);
                        }
                        (es, es + i64::from(s.duration_days))
                    })
                }
            };
            if got.is_some() && got != b[v] {
                b[v] = got;
                changed = true;
            }
        }
        if !changed {
            return b.into_iter().map(Option::unwrap).collect();
        }
    }
}

/// (duration, predecessors as (earlier index, lag), fixed start offset,
/// progress kind, two day offsets for actual dates) per step.
type RawStep = (u32, Vec<(usize, i32)>, Option<i64>, u8, i64, i64, u32);

fn raw_plan() -> impl Strategy<Value = Vec<RawStep>> {
    (1usize..25).prop_flat_map(|n| {
        prop::collection::vec(
            (
                0u32..7,
                prop::collection::vec((any::<prop::sample::Index>(), -3i32..4), 0..3),
                proptest::option::of(0i64..40),
                0u8..4,
                -20i64..30,
                0i64..15,
                0u32..6,
            ),
            n,
        )
        .prop_map(|steps| {
            steps
                .into_iter()
                .enumerate()
                .map(|(i, (dur, preds, fixed, kind, a, b, left))| {
                    let preds = if i == 0 {
                        Vec::new()
                    } else {
                        preds
                            .into_iter()
                            .map(|(ix, lag)| (ix.index(i), lag))
                            .collect()
                    };
                    (dur, preds, fixed, kind, a, b, left)
                })
                .collect()
        })
    })
}

fn build(raw: &[RawStep], today_offset: i64) -> ScheduleInput {
    let start = d(2026, 11, 2);
    let day = |offset: i64| start + Duration::days(offset);
    let steps = raw
        .iter()
        .enumerate()
        .map(|(i, (dur, preds, fixed, kind, a, b, left))| {
            let mut s = PlanStep::new(id(i as u128 + 1), format!("S{i}"), *dur);
            for &(p, lag) in preds {
                s = s.after(id(p as u128 + 1), lag);
            }
            s.fixed_start = fixed.map(day);
            s.progress = match kind {
                1 => PlanProgress::Started {
                    on: day(*a),
                    remaining_days: *left,
                },
                2 => PlanProgress::Done {
                    started: day(*a),
                    finished: day(a + b),
                },
                3 if i % 2 == 0 => PlanProgress::DoneAsPlanned,
                _ => PlanProgress::Open,
            };
            s
        })
        .collect();
    let mut input = ScheduleInput::new(start, steps);
    input.status_date = Some(day(today_offset));
    input
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn live_dates_agree_with_the_day_by_day_reference(
        raw in raw_plan(),
        today in -10i64..60,
    ) {
        let cal = nw();
        let input = build(&raw, today);
        let s = compute_schedule(&input, &cal).unwrap();
        let expected = reference(&cal, &input);
        let base = s.project_start;
        let date = |n: i64| step_day_by_day(&cal, base, n);
        let today = working_on_or_after(&cal, input.status_date.unwrap());
        for ((step, got), (es, ef)) in input.steps.iter().zip(&s.steps).zip(expected) {
            let m = i64::from(step.is_milestone());
            prop_assert_eq!(got.earliest_start, date(es - m), "start of {}", step.title);
            prop_assert_eq!(got.earliest_finish, date(ef - 1), "finish of {}", step.title);
            match step.progress {
                PlanProgress::Open => prop_assert!(got.earliest_start >= today,
                    "open work {} lies in the past", step.title),
                PlanProgress::Started { .. } if m == 0 =>
                    prop_assert!(got.earliest_finish >= today),
                _ => {}
            }
        }
        // The slip is the day-by-day distance to the plan without today.
        let planned = compute_schedule(&input.as_planned(), &cal).unwrap();
        for (live, was) in s.steps.iter().zip(&planned.steps) {
            let slip = number(&cal, was.earliest_finish, live.earliest_finish);
            prop_assert_eq!(live.slip_days, slip);
        }
        prop_assert_eq!(s.planned_end, planned.project_end);
        prop_assert_eq!(s.project_end, s.steps.iter().map(|x| x.earliest_finish).max());
    }
}
