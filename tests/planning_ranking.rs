//! "What to work on next": the ranking's keys in order, the reasons each
//! item gets, the person's pins, and the list across real projects.

use std::collections::HashMap;

use chefsache::domain::{
    Category, Dataset, Dependency, Priority, Project, ProjectStatus, Step, StepStatus,
};
use chefsache::planning::{
    rank, Candidate, FederalState, Pin, RankReason, RankedItem, WorkCalendar, WorkKind,
};
use chefsache::state::ranking::next_to_work_on;
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(12, 1)
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// An ordinary item: client work, normal priority, startable today, a
/// week of float, no deadline.
fn item(n: u128) -> Candidate {
    Candidate {
        step: id(n),
        project: id(100),
        kind: WorkKind::ClientProject,
        priority: 1,
        deadline: None,
        earliest_start: today(),
        total_float: 5,
        critical: false,
        late_days: 0,
    }
}

fn order(ranked: &[RankedItem]) -> Vec<Uuid> {
    ranked.iter().map(|r| r.step).collect()
}

fn rank_plain(candidates: &[Candidate]) -> Vec<RankedItem> {
    rank(candidates, &HashMap::new(), today())
}

#[test]
fn late_work_comes_first_and_says_by_how_much() {
    let mut late = item(2);
    late.late_days = 3;
    late.total_float = -3;
    late.critical = true;
    let r = rank_plain(&[item(1), late]);
    assert_eq!(order(&r), vec![id(2), id(1)]);
    assert_eq!(r[0].position, 1);
    assert_eq!(r[0].reasons[0], RankReason::Late { days: 3 });
}

#[test]
fn work_that_can_start_today_comes_before_work_that_cannot() {
    let mut later = item(1);
    later.earliest_start = d(12, 7);
    later.critical = true;
    let r = rank_plain(&[later, item(2)]);
    assert_eq!(order(&r), vec![id(2), id(1)]);
    assert!(r[1]
        .reasons
        .contains(&RankReason::StartsOn { date: d(12, 7) }));
    assert!(r[0].reasons.contains(&RankReason::CanStartNow));
}

#[test]
fn critical_and_tight_float_come_before_priority() {
    let mut urgent = item(1);
    urgent.priority = 3;
    let mut tight = item(2);
    tight.total_float = 1;
    let r = rank_plain(&[urgent, tight]);
    assert_eq!(order(&r), vec![id(2), id(1)]);
    assert!(r[0].reasons.contains(&RankReason::TightFloat { days: 1 }));
    assert!(r[1].reasons.contains(&RankReason::Priority { level: 3 }));
}

#[test]
fn priority_then_kind_then_deadline() {
    let mut high = item(1);
    high.kind = WorkKind::SideActivity;
    high.priority = 2;
    let mut own = item(2);
    own.kind = WorkKind::OwnProject;
    let mut daily = item(3);
    daily.kind = WorkKind::DailyBusiness;
    let mut client_later = item(4);
    client_later.deadline = Some(d(12, 20));
    let mut client_sooner = item(5);
    client_sooner.deadline = Some(d(12, 10));
    let r = rank_plain(&[daily, own, client_later, high, client_sooner, item(6)]);
    assert_eq!(order(&r), vec![id(1), id(5), id(4), id(6), id(2), id(3)]);
    assert!(r[1]
        .reasons
        .contains(&RankReason::Deadline { date: d(12, 10) }));
    assert!(r[4].reasons.contains(&RankReason::Kind {
        kind: WorkKind::OwnProject
    }));
}

#[test]
fn pinned_items_lead_and_pushed_back_items_trail() {
    let mut late = item(3);
    late.late_days = 2;
    let pins = HashMap::from([(id(1), Pin::Pinned), (id(3), Pin::PushedBack)]);
    let r = rank(&[late, item(2), item(1)], &pins, today());
    assert_eq!(order(&r), vec![id(1), id(2), id(3)]);
    assert_eq!(r[0].reasons[0], RankReason::Pinned);
    assert_eq!(r[2].reasons[0], RankReason::PushedBack);
}

#[test]
fn across_projects_only_open_work_of_planned_and_active_projects() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let project = |name: &str, category, status| {
        let mut p = Project::new(name, now);
        p.category = category;
        p.status = status;
        p.start = Some(d(12, 1));
        p
    };
    let shop = project(
        "Webshop Müller",
        Category::ClientProject,
        ProjectStatus::Active,
    );
    let mut launch = project("Eigener Kurs", Category::OwnProject, ProjectStatus::Planned);
    launch.priority = Priority::High;
    let books = project(
        "Buchhaltung",
        Category::DailyBusiness,
        ProjectStatus::Active,
    );
    let idea = project("Podcast", Category::SideActivity, ProjectStatus::Idea);
    let step = |p: &Project, title: &str| Step::new(p.id, title, now);
    let mut design = step(&shop, "Design");
    design.duration_days = 3;
    let mut build = step(&shop, "Umsetzung");
    build.dependencies.push(Dependency::on(design.id));
    let mut waiting = step(&shop, "Freigabe");
    waiting.status = StepStatus::Blocked;
    let video = step(&launch, "Videos drehen");
    let receipts = step(&books, "Belege");
    let dream = step(&idea, "Konzept");
    let data = Dataset {
        projects: vec![shop, launch, books, idea].into(),
        steps: vec![
            design.clone(),
            build.clone(),
            waiting,
            video.clone(),
            receipts.clone(),
            dream,
        ]
        .into(),
        ..Dataset::default()
    };
    let cal = WorkCalendar::new(FederalState::NW, []);
    let r = next_to_work_on(&data, &cal, today(), &HashMap::new());
    // All are critical in their own small plans; the high priority of
    // the own project leads, client work before daily business; the step
    // that must wait for "Design" comes after everything startable.
    assert_eq!(
        order(&r),
        vec![video.id.0, design.id.0, receipts.id.0, build.id.0]
    );
}
