//! Prints how long the planning engine takes on a large random plan.
//!
//! Run with `cargo bench --bench schedule` (release profile).
//!
//! Not a timed test on purpose: timings on shared CI machines vary too much
//! to fail a build on, but the figures are worth watching. The release
//! profile of this crate optimises for size (`opt-level = "z"`), like the
//! wasm build that ships, so the numbers are representative of the app.
//!
//! The plan: 10,000 steps and 20,000 finish-to-start dependencies. Each
//! step depends on random steps among the 200 before it (deep chains, like
//! real projects, rather than a shallow random graph), durations 0–9 working
//! days (milestones included), lags −2..=5, 1 % fixed starts and 1 %
//! deadlines; the steps are shuffled so input order does not help.
//!
//! Then the same plan shape at 1,000 / 10,000 / 50,000 steps (twice as
//! many dependencies as steps, fixed starts and deadlines spread over a
//! range that grows with the plan, like its length does), to check that the
//! cost grows linearly: the ratio 50k/10k should stay at most 6 (see
//! `growth` for the two memory layouts measured).

use std::time::{Duration, Instant};

use chefsache::planning::{
    compute_schedule, find_cycle_if_added, FederalState, PlanStep, ScheduleInput, WorkCalendar,
};
use chrono::{Duration as Days, NaiveDate};
use uuid::Uuid;

const STEPS: usize = 10_000;
const WINDOW: usize = 200;
const RUNS: usize = 15;
/// Plan sizes for the growth check.
const SIZES: [usize; 3] = [1_000, 10_000, 50_000];

/// xorshift64*: deterministic, no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A random plan of `size` steps and `2 * size` dependencies. Fixed starts
/// and deadlines fall within 3,000 calendar days per 10,000 steps of the
/// start (so the 10,000-step plan is the same as before this was scaled).
fn random_plan(rng: &mut Rng, start: NaiveDate, size: usize) -> ScheduleInput {
    let ids: Vec<Uuid> = (0..size).map(|i| Uuid::from_u128(i as u128 + 1)).collect();
    let mut steps: Vec<PlanStep> = (0..size)
        .map(|i| PlanStep::new(ids[i], format!("Schritt {i}"), rng.below(10) as u32))
        .collect();
    let date_range = (3000 * size / STEPS).max(1) as u64;
    for _ in 0..2 * size {
        let succ = 1 + rng.below(size as u64 - 1) as usize;
        let back = 1 + rng.below(succ.min(WINDOW) as u64) as usize;
        let lag = rng.below(8) as i32 - 2;
        steps[succ].predecessors.push((ids[succ - back], lag));
    }
    for step in steps.iter_mut() {
        match rng.below(100) {
            0 => step.fixed_start = Some(start + Days::days(rng.below(date_range) as i64)),
            1 => step.deadline = Some(start + Days::days(rng.below(date_range) as i64)),
            _ => {}
        }
    }
    for i in (1..steps.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        steps.swap(i, j);
    }
    ScheduleInput::new(start, steps)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let input = random_plan(&mut rng, start, STEPS);
    let edges: usize = input.steps.iter().map(|s| s.predecessors.len()).sum();
    println!("plan: {} steps, {} dependencies", input.steps.len(), edges);

    // First run with an empty holiday cache.
    let calendar = WorkCalendar::new(FederalState::NW, []);
    let t = Instant::now();
    let schedule = compute_schedule(&input, &calendar).expect("random DAG schedules");
    let cold = t.elapsed();
    println!(
        "project {} – {}, {} critical steps, critical path of {} steps",
        schedule.project_start,
        schedule.project_end.map_or("-".into(), |d| d.to_string()),
        schedule.steps.iter().filter(|s| s.critical).count(),
        schedule.critical_path.len(),
    );

    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let s = compute_schedule(&input, &calendar);
            let e = t.elapsed();
            std::hint::black_box(s).ok();
            e
        })
        .collect();
    println!("compute_schedule, cold calendar cache: {}", ms(cold));
    println!(
        "compute_schedule, median of {RUNS} runs: {} (min {}, max {})",
        ms(median(times.clone())),
        ms(*times.iter().min().expect("runs")),
        ms(*times.iter().max().expect("runs")),
    );

    // Would "first step after last step" close a loop? Use the two ends of
    // the critical path: a real cycle, found by a search through the graph.
    let (first, last) = match (
        schedule.critical_path.first(),
        schedule.critical_path.last(),
    ) {
        (Some(f), Some(l)) => (*f, *l),
        _ => (input.steps[0].id, input.steps[1].id),
    };
    let mut cycle_len = 0;
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let c = find_cycle_if_added(&input, last, first);
            let e = t.elapsed();
            cycle_len = c.map_or(0, |c| c.len());
            e
        })
        .collect();
    println!(
        "find_cycle_if_added (closing a loop of {cycle_len} steps), median of {RUNS} runs: {}",
        ms(median(times))
    );
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let c = find_cycle_if_added(&input, first, last);
            let e = t.elapsed();
            std::hint::black_box(c);
            e
        })
        .collect();
    println!(
        "find_cycle_if_added (no loop), median of {RUNS} runs: {}",
        ms(median(times))
    );

    growth(start);
}

/// Median full-schedule time at each of [`SIZES`], per step, and the ratio
/// of the two largest: linear growth keeps it near 5.
///
/// Measured twice. "As built": the plan straight from [`random_plan`],
/// whose dependency lists grew one random push at a time and so lie
/// scattered over the heap; at 50,000 steps merely reading them misses the
/// processor caches. "As loaded": a copy, allocated step by step in input
/// order, as deserialising a plan from storage lays it out in the app.
///
/// Each size prints the wall-clock median and, where Linux tells it, the
/// median of the processor time this thread really ran (the thread's CPU
/// clock): on a busy machine a run of 50 ms is
/// preempted several times and a run of 3 ms mostly not, so the wall-clock
/// ratio then measures the machine's load more than the scheduler.
fn growth(start: NaiveDate) {
    for loaded in [false, true] {
        let layout = if loaded { "as loaded" } else { "as built" };
        println!("growth, plan {layout} (median of {RUNS} runs, calendar cache warm):");
        let mut medians = Vec::new();
        let mut cpu_medians = Vec::new();
        for size in SIZES {
            let mut rng = Rng(0x5EED_CAFE_F00D_1234);
            let built = random_plan(&mut rng, start, size);
            let input = if loaded { built.clone() } else { built };
            let calendar = WorkCalendar::new(FederalState::NW, []);
            let schedule = compute_schedule(&input, &calendar).expect("random DAG schedules");
            let mut cpu = Vec::new();
            let times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let c = cpu_time();
                    let t = Instant::now();
                    let s = compute_schedule(&input, &calendar);
                    let e = t.elapsed();
                    if let (Some(before), Some(after)) = (c, cpu_time()) {
                        cpu.push(after.saturating_sub(before));
                    }
                    std::hint::black_box(s).ok();
                    e
                })
                .collect();
            let min = *times.iter().min().expect("runs");
            let m = median(times);
            let cpu_m = (cpu.len() == RUNS).then(|| median(cpu));
            println!(
                "  {size:>6} steps: {} ({:.2} µs per step; min {}; CPU {}), project {} – {}",
                ms(m),
                m.as_secs_f64() * 1e6 / size as f64,
                ms(min),
                cpu_m.map_or("-".into(), ms),
                schedule.project_start,
                schedule.project_end.map_or("-".into(), |d| d.to_string()),
            );
            medians.push((size, m));
            if let Some(c) = cpu_m {
                cpu_medians.push((size, c));
            }
        }
        let at = |n: usize| medians.iter().find(|(s, _)| *s == n).map(|(_, m)| *m);
        if let (Some(big), Some(mid)) = (at(50_000), at(10_000)) {
            println!(
                "  ratio 50k/10k: {:.2} (goal: at most 6)",
                big.as_secs_f64() / mid.as_secs_f64()
            );
        }
        let at = |n: usize| cpu_medians.iter().find(|(s, _)| *s == n).map(|(_, m)| *m);
        if let (Some(big), Some(mid)) = (at(50_000), at(10_000)) {
            println!(
                "  ratio 50k/10k of CPU time: {:.2} (goal: at most 6)",
                big.as_secs_f64() / mid.as_secs_f64()
            );
        }
    }
}

/// Processor time this thread has run so far (Linux; `None` elsewhere).
#[cfg(target_os = "linux")]
fn cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on the
    // 64-bit Linux targets this runs on) into the struct it is given.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) } == 0;
    ok.then(|| Duration::new(time.tv_sec as u64, time.tv_nsec as u32))
}

/// Processor time this thread has run so far (Linux; `None` elsewhere).
#[cfg(not(target_os = "linux"))]
fn cpu_time() -> Option<Duration> {
    None
}
