//! Critical path method on hand-computed plans. Unless said otherwise the
//! calendar is NRW and the project starts Mon 23.11.2026; there is no
//! holiday before Christmas, so working days are:
//! Mon 23 = day 0, Tue 24 = 1, Wed 25 = 2, Thu 26 = 3, Fri 27 = 4,
//! Mon 30 = 5, Tue 1.12. = 6, Wed 2.12. = 7, Thu 3.12. = 8, Fri 4.12. = 9.

mod common;
use common::step_day_by_day;

use chefsache::planning::{
    compute_schedule, find_cycle_if_added, BackwardAnchor, FederalState, PlanStep, ScheduleError,
    ScheduleInput, WorkCalendar, MAX_DAYS,
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

fn start() -> NaiveDate {
    d(2026, 11, 23)
}

/// A (3d) → B (2d); A →(lag 2) C (1d); A →(lag −1) D (2d);
/// B, C → milestone M → E (1d).
fn sample() -> ScheduleInput {
    ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 3),
            PlanStep::new(id(2), "B", 2).after(id(1), 0),
            PlanStep::new(id(3), "C", 1).after(id(1), 2),
            PlanStep::new(id(4), "D", 2).after(id(1), -1),
            PlanStep::new(id(5), "M", 0).after(id(2), 0).after(id(3), 0),
            PlanStep::new(id(6), "E", 1).after(id(5), 0),
        ],
    )
}

#[test]
fn forward_and_backward_pass_by_hand() {
    let s = compute_schedule(&sample(), &nw()).unwrap();
    let get = |n| s.step(id(n)).unwrap();

    // A: Mon 23 – Wed 25 (3 days, finish = inclusive last day).
    assert_eq!(get(1).earliest_start, d(2026, 11, 23));
    assert_eq!(get(1).earliest_finish, d(2026, 11, 25));
    // B: the working day after A's finish: Thu 26 – Fri 27.
    assert_eq!(get(2).earliest_start, d(2026, 11, 26));
    assert_eq!(get(2).earliest_finish, d(2026, 11, 27));
    // C: lag 2 leaves Thu 26 and Fri 27 free: Mon 30.
    assert_eq!(get(3).earliest_start, d(2026, 11, 30));
    assert_eq!(get(3).earliest_finish, d(2026, 11, 30));
    // D: lag −1 overlaps A's last day: Wed 25 – Thu 26.
    assert_eq!(get(4).earliest_start, d(2026, 11, 25));
    assert_eq!(get(4).earliest_finish, d(2026, 11, 26));
    // M: at the end of the day C finishes: Mon 30 (start = finish).
    assert_eq!(get(5).earliest_start, d(2026, 11, 30));
    assert_eq!(get(5).earliest_finish, d(2026, 11, 30));
    // E: the working day after M: Tue 1.12.
    assert_eq!(get(6).earliest_start, d(2026, 12, 1));
    assert_eq!(get(6).earliest_finish, d(2026, 12, 1));
    assert_eq!(s.project_end, Some(d(2026, 12, 1)));

    // Backward: B must be done before M (Mon 30) can happen: latest finish
    // Mon 30, latest start Fri 27 → float 1.
    assert_eq!(get(2).latest_start, d(2026, 11, 27));
    assert_eq!(get(2).latest_finish, d(2026, 11, 30));
    assert_eq!(get(2).total_float, 1);
    // D only has to end with the project (Tue 1.12.): LS Mon 30, float 3.
    assert_eq!(get(4).latest_start, d(2026, 11, 30));
    assert_eq!(get(4).latest_finish, d(2026, 12, 1));
    assert_eq!(get(4).total_float, 3);
    // A, C, M, E are critical.
    for n in [1, 3, 5, 6] {
        assert_eq!(get(n).total_float, 0, "step {n}");
        assert!(get(n).critical);
        assert_eq!(get(n).earliest_start, get(n).latest_start);
    }
    assert!(!get(2).critical && !get(4).critical);
    assert_eq!(s.critical_path, vec![id(1), id(3), id(5), id(6)]);
}

#[test]
fn project_start_on_weekend_moves_to_monday() {
    // Sat 21.11.2026 → Mon 23.11.
    let input = ScheduleInput::new(d(2026, 11, 21), vec![PlanStep::new(id(1), "A", 1)]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.project_start, d(2026, 11, 23));
    assert_eq!(s.steps[0].earliest_start, d(2026, 11, 23));
}

#[test]
fn milestone_without_predecessors_is_on_project_start() {
    // Kick-off on Mon 23; its successor starts Tue 24.
    let input = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "Kick-off", 0),
            PlanStep::new(id(2), "Work", 2).after(id(1), 0),
        ],
    );
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[0].earliest_start, d(2026, 11, 23));
    assert_eq!(s.steps[0].earliest_finish, d(2026, 11, 23));
    assert_eq!(s.steps[1].earliest_start, d(2026, 11, 24));
    assert_eq!(s.steps[1].earliest_finish, d(2026, 11, 25));
}

#[test]
fn milestone_chain_stays_on_same_day() {
    // A (1d, Mon 23) → M1 → M2: both milestones on Mon 23.
    let input = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 1),
            PlanStep::new(id(2), "M1", 0).after(id(1), 0),
            PlanStep::new(id(3), "M2", 0).after(id(2), 0),
        ],
    );
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].earliest_start, d(2026, 11, 23));
    assert_eq!(s.steps[2].earliest_start, d(2026, 11, 23));
    assert_eq!(s.project_end, Some(d(2026, 11, 23)));
}

#[test]
fn schedule_across_easter_2027() {
    // Thu 25.3.2027, 3 days in NRW: Thu 25, (Karfreitag, weekend,
    // Ostermontag), Tue 30, Wed 31.
    let input = ScheduleInput::new(d(2027, 3, 25), vec![PlanStep::new(id(1), "A", 3)]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[0].earliest_finish, d(2027, 3, 31));
}

#[test]
fn lag_across_weekend_and_negative_lag_before_start() {
    // A Mon 23 – Fri 27 (5d); B lag 1: leaves Mon 30 free, starts Tue 1.12.
    // C lag −10 would start before the project: clamped to Mon 23.
    let input = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 5),
            PlanStep::new(id(2), "B", 1).after(id(1), 1),
            PlanStep::new(id(3), "C", 1).after(id(1), -10),
        ],
    );
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].earliest_start, d(2026, 12, 1));
    assert_eq!(s.steps[2].earliest_start, d(2026, 11, 23));
}

#[test]
fn fixed_start_is_kept_when_possible() {
    // Fixed on Sat 28.11. → Mon 30, no float on a "must start on".
    let mut f = PlanStep::new(id(1), "F", 2);
    f.fixed_start = Some(d(2026, 11, 28));
    let other = PlanStep::new(id(2), "Long", 10);
    let s = compute_schedule(&ScheduleInput::new(start(), vec![f, other]), &nw()).unwrap();
    assert_eq!(s.steps[0].earliest_start, d(2026, 11, 30));
    assert_eq!(s.steps[0].latest_start, d(2026, 11, 30));
    assert_eq!(s.steps[0].total_float, 0);
    assert_eq!(s.steps[0].start_late_days, 0);
    assert!(!s.steps[0].is_late());
}

#[test]
fn fixed_start_earlier_than_predecessors_allow_is_late() {
    // A Mon 23 – Wed 25; G after A fixed on Tue 24 (day 1) but can only
    // start Thu 26 (day 3): 2 working days late, float −2 for G and A.
    let mut g = PlanStep::new(id(2), "G", 1).after(id(1), 0);
    g.fixed_start = Some(d(2026, 11, 24));
    let input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 3), g]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].earliest_start, d(2026, 11, 26));
    assert_eq!(s.steps[1].latest_start, d(2026, 11, 24));
    assert_eq!(s.steps[1].start_late_days, 2);
    assert_eq!(s.steps[1].total_float, -2);
    assert!(s.steps[1].is_late() && s.steps[1].critical);
    assert_eq!(s.steps[0].total_float, -2);
    assert_eq!(s.steps[0].start_late_days, 0);
}

#[test]
fn missed_deadline() {
    // A Mon 23 – Wed 25, H Thu 26 – Mon 30 (3d); deadline Fri 27: 1 day late.
    let mut h = PlanStep::new(id(2), "H", 3).after(id(1), 0);
    h.deadline = Some(d(2026, 11, 27));
    let input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 3), h]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].earliest_finish, d(2026, 11, 30));
    assert_eq!(s.steps[1].latest_finish, d(2026, 11, 27));
    assert_eq!(s.steps[1].deadline_late_days, 1);
    assert_eq!(s.steps[1].deadline_slack_days, Some(-1));
    assert_eq!(s.steps[1].total_float, -1);
    assert_eq!(s.steps[0].total_float, -1);
    assert!(s.steps[1].is_late());
}

#[test]
fn deadline_on_sunday_means_friday() {
    let mut h = PlanStep::new(id(2), "H", 3).after(id(1), 0);
    h.deadline = Some(d(2026, 11, 29));
    let input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 3), h]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].deadline_late_days, 1);
}

#[test]
fn met_deadline_slack_and_backward_anchor() {
    // H finishes Mon 30 (day 5); deadline Fri 4.12. (day 9): 4 days slack.
    let mut h = PlanStep::new(id(2), "H", 3).after(id(1), 0);
    h.deadline = Some(d(2026, 12, 4));
    let mut input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 3), h]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].deadline_slack_days, Some(4));
    assert_eq!(s.steps[1].deadline_late_days, 0);
    // From the project end: still critical.
    assert_eq!(s.steps[1].total_float, 0);
    // From the latest deadline: the whole chain has 4 days.
    input.anchor = BackwardAnchor::LatestDeadline;
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].total_float, 4);
    assert_eq!(s.steps[0].total_float, 4);
    assert_eq!(s.steps[1].latest_finish, d(2026, 12, 4));
}

#[test]
fn milestone_deadline_on_its_day_is_met() {
    // A Mon 23 – Wed 25 → milestone on Wed 25, deadline Wed 25: met.
    let mut m = PlanStep::new(id(2), "Abgabe", 0).after(id(1), 0);
    m.deadline = Some(d(2026, 11, 25));
    let input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 3), m]);
    let s = compute_schedule(&input, &nw()).unwrap();
    assert_eq!(s.steps[1].earliest_finish, d(2026, 11, 25));
    assert_eq!(s.steps[1].deadline_late_days, 0);
    assert_eq!(s.steps[1].deadline_slack_days, Some(0));
}

#[test]
fn empty_plan() {
    let s = compute_schedule(&ScheduleInput::new(start(), vec![]), &nw()).unwrap();
    assert!(s.steps.is_empty());
    assert_eq!(s.project_end, None);
    assert!(s.critical_path.is_empty());
}

#[test]
fn cycle_is_reported_with_titles_in_order() {
    // A after C, B after A, C after B: A → B → C → A.
    let input = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "Angebot", 1).after(id(3), 0),
            PlanStep::new(id(2), "Bestellung", 1).after(id(1), 0),
            PlanStep::new(id(3), "Check", 1).after(id(2), 0),
            PlanStep::new(id(4), "Danach", 1).after(id(1), 0),
            PlanStep::new(id(5), "Unabhängig", 1),
        ],
    );
    match compute_schedule(&input, &nw()) {
        Err(ScheduleError::Cycle { steps, titles }) => {
            assert_eq!(steps, vec![id(1), id(2), id(3)]);
            assert_eq!(titles, vec!["Angebot", "Bestellung", "Check"]);
        }
        other => panic!("expected a cycle, got {other:?}"),
    }
    let message = compute_schedule(&input, &nw()).unwrap_err().to_string();
    assert!(
        message.contains("Angebot → Bestellung → Check"),
        "{message}"
    );
}

#[test]
fn self_dependency_is_a_cycle() {
    let input = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "X", 1).after(id(1), 0)]);
    assert_eq!(
        compute_schedule(&input, &nw()),
        Err(ScheduleError::Cycle {
            steps: vec![id(1)],
            titles: vec!["X".into()]
        })
    );
}

#[test]
fn find_cycle_if_added_refuses_closing_dependency() {
    // A → B → C exists.
    let input = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 1),
            PlanStep::new(id(2), "B", 1).after(id(1), 0),
            PlanStep::new(id(3), "C", 1).after(id(2), 0),
        ],
    );
    // "A after C" closes C → A → B → C.
    assert_eq!(
        find_cycle_if_added(&input, id(3), id(1)),
        Some(vec![id(3), id(1), id(2)])
    );
    // "C after A" is redundant but fine.
    assert_eq!(find_cycle_if_added(&input, id(1), id(3)), None);
    // A step after itself.
    assert_eq!(find_cycle_if_added(&input, id(2), id(2)), Some(vec![id(2)]));
    // Unknown ids never close a loop.
    assert_eq!(find_cycle_if_added(&input, id(9), id(1)), None);
}

#[test]
fn invalid_input_is_an_error_not_a_panic() {
    let dup = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 1),
            PlanStep::new(id(1), "A again", 1),
        ],
    );
    assert_eq!(
        compute_schedule(&dup, &nw()),
        Err(ScheduleError::DuplicateStep(id(1)))
    );

    let unknown = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", 1).after(id(7), 0)]);
    assert_eq!(
        compute_schedule(&unknown, &nw()),
        Err(ScheduleError::UnknownPredecessor {
            step: id(1),
            predecessor: id(7)
        })
    );

    let long = ScheduleInput::new(start(), vec![PlanStep::new(id(1), "A", MAX_DAYS + 1)]);
    assert_eq!(
        compute_schedule(&long, &nw()),
        Err(ScheduleError::DurationTooLong(id(1)))
    );

    let lag = ScheduleInput::new(
        start(),
        vec![
            PlanStep::new(id(1), "A", 1),
            PlanStep::new(id(2), "B", 1).after(id(1), i32::MIN),
        ],
    );
    assert_eq!(
        compute_schedule(&lag, &nw()),
        Err(ScheduleError::LagTooLong(id(2)))
    );

    let far = ScheduleInput::new(NaiveDate::MAX, vec![PlanStep::new(id(1), "A", 5)]);
    assert_eq!(
        compute_schedule(&far, &nw()),
        Err(ScheduleError::DateOutOfRange)
    );

    let mut fixed_far = PlanStep::new(id(1), "A", MAX_DAYS);
    fixed_far.fixed_start = Some(d(262_000, 1, 1));
    fixed_far.deadline = Some(NaiveDate::MIN);
    assert_eq!(
        compute_schedule(&ScheduleInput::new(start(), vec![fixed_far]), &nw()),
        Err(ScheduleError::DateOutOfRange)
    );
}

/// A chain of six 9,000-day steps reaches about 200 years past the start
/// (Bavarian holidays, personal days off, a year off), and a step with a
/// deadline 16 years before the start reaches back: every date is where
/// stepping day by day puts it.
#[test]
fn dates_far_from_the_start_agree_with_stepping_day_by_day() {
    let year_off = d(2060, 1, 1).iter_days().take_while(|x| x < &d(2061, 1, 1));
    let cal = WorkCalendar::new(
        FederalState::BY,
        year_off.chain([d(2027, 1, 4), d(2150, 6, 2), d(2012, 5, 2)]),
    );
    let start = start();
    let mut steps: Vec<PlanStep> = (0..6u128)
        .map(|i| {
            let step = PlanStep::new(id(i + 1), format!("S{i}"), 9_000);
            if i == 0 {
                step
            } else {
                step.after(id(i), 0)
            }
        })
        .collect();
    let mut early = PlanStep::new(id(100), "early", 5);
    early.deadline = Some(d(2010, 1, 4)); // a Monday
    steps.push(early);
    let schedule = compute_schedule(&ScheduleInput::new(start, steps), &cal).unwrap();
    for i in 0..6u128 {
        let s = schedule.step(id(i + 1)).unwrap();
        let first = 9_000 * i as i64;
        assert_eq!(s.earliest_start, step_day_by_day(&cal, start, first));
        assert_eq!(
            s.earliest_finish,
            step_day_by_day(&cal, start, first + 8_999)
        );
        assert_eq!(s.latest_start, s.earliest_start);
        assert_eq!(s.latest_finish, s.earliest_finish);
    }
    assert_eq!(
        schedule.project_end,
        Some(step_day_by_day(&cal, start, 53_999))
    );
    let early = schedule.step(id(100)).unwrap();
    assert_eq!(early.latest_finish, d(2010, 1, 4));
    assert_eq!(early.latest_start, step_day_by_day(&cal, d(2010, 1, 4), -4));
    assert_eq!(
        early.deadline_late_days,
        5 + cal.working_days_between(d(2010, 1, 4), start) - 1
    );
}
