//! The dashboard's core: the sample placed at today, this week's list,
//! the health sentences, budgets at a glance.

use chefsache::domain::{
    Appointment, Assignee, Communication, Contact, Dataset, Frequency, Material, MaterialStatus,
    Money, Project, ProjectStatus, Recurrence, Step, StepStatus, TimeEntry, When,
};
use chefsache::exchange::backup::parse_backup;
use chefsache::planning::{FederalState, HealthLevel, HealthReason, WorkCalendar};
use chefsache::state::agenda::{EntryKind, Source};
use chefsache::state::dashboard::{agenda, budget, end_of_week, health_line, HealthText, Target};
use chefsache::state::health::health_of_projects;
use chefsache::state::sample::{days_to_today, shift_dataset};
use chrono::{NaiveDate, TimeZone, Utc};

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap()
}

/// The sample as loaded on `today`.
fn sample_on(today: NaiveDate) -> Dataset {
    let backup = parse_backup(FREELANCER.as_bytes()).unwrap();
    let anchor = backup.exported_at.date_naive();
    shift_dataset(&backup.data, days_to_today(anchor, today))
}

#[test]
fn the_sample_moves_by_whole_weeks_into_this_week() {
    let anchor = date(2026, 11, 26); // a Thursday
    assert_eq!(days_to_today(anchor, date(2026, 11, 23)), 0);
    assert_eq!(days_to_today(anchor, date(2026, 11, 29)), 0);
    assert_eq!(days_to_today(anchor, date(2026, 12, 1)), 7);
    assert_eq!(days_to_today(anchor, date(2026, 11, 15)), -14);
    assert_eq!(days_to_today(anchor, date(2027, 6, 2)) % 7, 0);
}

#[test]
fn the_sample_is_a_plan_in_progress_on_any_day_it_is_loaded() {
    let days = |from: NaiveDate| (0..7).map(move |i| from + chrono::Duration::days(i));
    for today in days(date(2026, 11, 23))
        .chain(days(date(2027, 5, 31)))
        .chain(days(date(2028, 2, 28)))
    {
        let data = sample_on(today);
        let health = health_of_projects(&data, &nw(), today, 14);
        let levels: Vec<HealthLevel> = health
            .iter()
            .map(|(_, h)| h.as_ref().unwrap().level)
            .collect();
        assert!(levels.contains(&HealthLevel::AtRisk), "{today}: {levels:?}");
        let late_step = health.iter().any(|(_, h)| {
            h.as_ref().unwrap().reasons.iter().any(|r| {
                matches!(
                    r,
                    HealthReason::StepDeadlineMissed { .. } | HealthReason::StepBehind { .. }
                )
            })
        });
        assert!(late_step, "{today}: no late step");
        // Something to order is overdue, something is due this week.
        let week = agenda(&data, &nw(), today);
        assert!(week
            .this_week
            .iter()
            .any(|i| i.entry.kind == EntryKind::OrderBy && i.overdue_days.is_some()));
        assert!(week
            .this_week
            .iter()
            .any(|i| i.entry.kind == EntryKind::Appointment));
    }
}

#[test]
fn shifting_moves_every_date_by_the_same_days() {
    let backup = parse_backup(FREELANCER.as_bytes()).unwrap();
    let before = &backup.data;
    let after = shift_dataset(before, 10);
    let p0 = before.projects.first().unwrap();
    let p1 = after.projects.first().unwrap();
    assert_eq!(
        p1.deadline,
        p0.deadline.map(|d| d + chrono::Duration::days(10))
    );
    assert_eq!(p1.updated, p0.updated + chrono::Duration::days(10));
    for (a, b) in before.appointments.iter().zip(after.appointments.iter()) {
        assert_eq!((b.when.first_day() - a.when.first_day()).num_days(), 10);
        assert_eq!(
            b.recurrence.and_then(|r| r.until),
            a.recurrence
                .and_then(|r| r.until)
                .map(|d| d + chrono::Duration::days(10))
        );
    }
    for (a, b) in before.time_entries.iter().zip(after.time_entries.iter()) {
        assert_eq!((b.date - a.date).num_days(), 10);
    }
    let offs = |d: &Dataset| {
        d.contacts
            .iter()
            .flat_map(|c| c.days_off.clone())
            .collect::<Vec<_>>()
    };
    let moved: Vec<_> = offs(before)
        .into_iter()
        .map(|d| d + chrono::Duration::days(10))
        .collect();
    assert_eq!(offs(&after), moved);
    // Nothing else changes: same ids, same counts.
    assert_eq!(after.counts(), before.counts());
    assert_eq!(shift_dataset(before, 0), *before);
}

#[test]
fn weeks_end_on_sunday() {
    assert_eq!(end_of_week(date(2026, 12, 2)), date(2026, 12, 6));
    assert_eq!(end_of_week(date(2026, 12, 6)), date(2026, 12, 6));
    assert_eq!(end_of_week(date(2026, 11, 30)), date(2026, 12, 6));
}

/// Wednesday 2 December 2026.
fn week_data() -> (Dataset, Material, Appointment, Communication) {
    let mut data = Dataset::default();
    let mut project = Project::new("Shop", now());
    project.status = ProjectStatus::Active;
    project.start = Some(date(2026, 11, 2));
    let mut design = Step::new(project.id, "Design", now());
    design.duration_days = 5;
    design.planned_start = Some(date(2026, 12, 21));
    // Three weeks overdue: to order by 11 November for a step in December.
    let mut fabric = Material::new(project.id, "Stoff", now());
    fabric.step = Some(design.id);
    fabric.lead_time_days = 28;
    let mut meeting = Appointment::new(
        "Jour fixe",
        When::Timed {
            start: date(2026, 11, 2).and_hms_opt(10, 0, 0).unwrap(),
            end: date(2026, 11, 2).and_hms_opt(10, 30, 0).unwrap(),
        },
        now(),
    );
    meeting.recurrence = Some(Recurrence::new(Frequency::Weekly, None));
    // A follow-up that belongs to no project.
    let mut call = Communication::new(now(), "Steuerberaterin zurückrufen", now());
    call.follow_up = Some(date(2026, 12, 4));
    data.projects.push(project);
    data.steps.push(design);
    data.materials.push(fabric.clone());
    data.appointments.push(meeting.clone());
    data.communications.push(call.clone());
    (data, fabric, meeting, call)
}

#[test]
fn this_week_has_the_weekly_occurrence_the_overdue_order_and_the_follow_up() {
    let (data, fabric, meeting, call) = week_data();
    let today = date(2026, 12, 2);
    let week = agenda(&data, &nw(), today);
    let order = week
        .this_week
        .iter()
        .find(|i| {
            i.entry.source == Source::Material(fabric.id) && i.entry.kind == EntryKind::OrderBy
        })
        .expect("the overdue order is on this week's list");
    let days = order.overdue_days.expect("it says overdue");
    assert!(days >= 21, "{days} days");
    // Overdue things come first.
    assert_eq!(week.this_week.first(), Some(order));

    // Monday's meeting is this week's (it has passed, but it was this
    // week); the next ones are in the days ahead.
    let meetings = |items: &[chefsache::state::dashboard::AgendaItem]| {
        items
            .iter()
            .filter(|i| i.entry.source == Source::Appointment(meeting.id))
            .map(|i| i.entry.first_day())
            .collect::<Vec<_>>()
    };
    assert_eq!(meetings(&week.this_week), vec![date(2026, 11, 30)]);
    assert_eq!(
        meetings(&week.ahead),
        vec![date(2026, 12, 7), date(2026, 12, 14)]
    );
    // On Sunday too.
    let sunday = agenda(&data, &nw(), date(2026, 12, 6));
    assert_eq!(meetings(&sunday.this_week), vec![date(2026, 11, 30)]);

    let follow_up = week
        .this_week
        .iter()
        .find(|i| i.entry.source == Source::Communication(call.id))
        .expect("a follow-up without a project shows");
    assert_eq!(follow_up.entry.project, None);
    assert_eq!(follow_up.overdue_days, None);
    // Nothing ahead lies in this week or beyond 14 days.
    assert!(week
        .ahead
        .iter()
        .all(|i| i.entry.first_day() > date(2026, 12, 6)
            && i.entry.first_day() <= date(2026, 12, 16)));
}

#[test]
fn a_follow_up_that_passed_stays_as_overdue_until_done() {
    let (mut data, _, _, call) = week_data();
    let week = agenda(&data, &nw(), date(2026, 12, 9));
    let item = week
        .this_week
        .iter()
        .find(|i| i.entry.source == Source::Communication(call.id))
        .unwrap();
    assert_eq!(item.overdue_days, Some(5));
    let mut done = call.clone();
    done.done = true;
    data.communications.upsert(done);
    let week = agenda(&data, &nw(), date(2026, 12, 9));
    assert!(week
        .this_week
        .iter()
        .all(|i| i.entry.source != Source::Communication(call.id)));
}

#[test]
fn each_health_reason_gets_its_own_sentence_naming_the_step() {
    let (data, fabric, _, call) = week_data();
    let step = data.steps.first().unwrap().clone();
    let from = date(2027, 3, 14);
    let to = date(2027, 3, 19);
    let behind = |critical, end| HealthReason::StepBehind {
        step: step.id.0,
        days: 3,
        critical,
        end,
    };
    let line = health_line(&data, &behind(true, Some((from, to))));
    assert_eq!(
        line.text,
        HealthText::BehindCriticalEndMoves {
            step: "Design".into(),
            days: 3,
            from,
            to
        }
    );
    assert_eq!(line.target, Some(Target::Step(step.id)));
    assert!(matches!(
        health_line(&data, &behind(true, None)).text,
        HealthText::BehindCritical { .. }
    ));
    assert!(matches!(
        health_line(&data, &behind(false, Some((from, to)))).text,
        HealthText::BehindNoFloatEndMoves { .. }
    ));
    assert!(matches!(
        health_line(&data, &behind(false, None)).text,
        HealthText::BehindNoFloat { .. }
    ));
    let missed = |driven_by| HealthReason::DeadlineMissed {
        deadline: from,
        end: to,
        days: 3,
        driven_by,
    };
    assert_eq!(
        health_line(&data, &missed(Some(step.id.0))).text,
        HealthText::EndAfterDeadlineBy {
            step: "Design".into(),
            end: to,
            deadline: from,
            days: 3
        }
    );
    let plain = health_line(&data, &missed(None));
    assert!(matches!(plain.text, HealthText::EndAfterDeadline { .. }));
    assert_eq!(plain.target, None);
    let order = health_line(
        &data,
        &HealthReason::OrderOverdue {
            material: fabric.id.0,
            order_by: from,
            days: 15,
        },
    );
    assert_eq!(
        order.text,
        HealthText::OrderOverdue {
            material: "Stoff".into(),
            date: from,
            days: 15
        }
    );
    assert_eq!(order.target, Some(Target::Material(fabric.id)));
    let talk = health_line(
        &data,
        &HealthReason::FollowUpOverdue {
            communication: call.id.0,
            due: from,
            days: 2,
        },
    );
    assert!(
        matches!(talk.text, HealthText::FollowUpOverdue { ref summary, days: 2, .. } if summary.contains("Steuerberaterin"))
    );
}

#[test]
fn the_budget_counts_planned_efforts_and_materials_against_what_was_spent() {
    let mut data = Dataset::default();
    let project = Project::new("Shop", now());
    let mut helper = Contact::new("Aylin", now());
    helper.hourly_rate = Some(Money::from_cents(8000));
    let mut mine = Step::new(project.id, "Konzept", now());
    mine.effort_hours = 10.0;
    let mut theirs = Step::new(project.id, "Backend", now());
    theirs.effort_hours = 20.0;
    theirs.assignee = Assignee::Contact(helper.id);
    let mut dropped = Step::new(project.id, "Verworfen", now());
    dropped.effort_hours = 99.0;
    dropped.status = StepStatus::Cancelled;
    let mut bought = Material::new(project.id, "Server", now());
    bought.quantity = 2.0;
    bought.unit_cost = Money::from_cents(5000);
    bought.status = MaterialStatus::Ordered;
    let mut later = Material::new(project.id, "Fotos", now());
    later.quantity = 1.0;
    later.unit_cost = Money::from_cents(30000);
    let mut entry = TimeEntry::new(theirs.id, date(2026, 11, 3), 5.0, now());
    entry.person = Assignee::Contact(helper.id);
    let own = TimeEntry::new(mine.id, date(2026, 11, 3), 4.5, now());
    data.projects.push(project.clone());
    data.contacts.push(helper);
    data.steps.extend([mine, theirs, dropped]);
    data.materials.extend([bought, later]);
    data.time_entries.extend([entry, own]);
    let b = budget(&data, project.id);
    assert_eq!(b.planned_hours, 30.0);
    assert_eq!(b.actual_hours, 9.5);
    // 20 h × 80 € + 100 € + 300 €.
    assert_eq!(b.planned_cost, 160_000 + 10_000 + 30_000);
    // 5 h × 80 € + the ordered server; own hours cost nothing.
    assert_eq!(b.actual_cost, 40_000 + 10_000);
}

#[test]
fn reminders_come_for_due_follow_ups_orders_and_todays_starts() {
    use chefsache::state::dashboard::due_reminders;
    let (data, fabric, _, call) = week_data();
    let kinds = |today| {
        due_reminders(&data, &nw(), today)
            .into_iter()
            .map(|r| (r.kind, r.key))
            .collect::<Vec<_>>()
    };
    // 2 December: the order is overdue, the follow-up (4 December) not yet.
    let early = kinds(date(2026, 12, 2));
    assert!(early
        .iter()
        .any(|(k, key)| *k == EntryKind::OrderBy && key.contains(&fabric.id.0.to_string())));
    assert!(!early.iter().any(|(k, _)| *k == EntryKind::FollowUp));
    let later = kinds(date(2026, 12, 4));
    assert!(later
        .iter()
        .any(|(k, key)| *k == EntryKind::FollowUp && key.contains(&call.id.0.to_string())));
    // The design step starts on 21 December: a reminder that day only.
    assert!(!later.iter().any(|(k, _)| *k == EntryKind::StepStart));
    assert!(kinds(date(2026, 12, 21))
        .iter()
        .any(|(k, _)| *k == EntryKind::StepStart));
}

#[test]
fn a_pin_is_kept_in_the_preferences_and_read_back() {
    use chefsache::planning::Pin;
    use chefsache::store::preferences::Preferences;
    let step = uuid::Uuid::new_v4();
    let other = uuid::Uuid::new_v4();
    let mut prefs = Preferences::default();
    prefs.set_pin(step, Some(Pin::Pinned));
    prefs.set_pin(other, Some(Pin::PushedBack));
    let saved = serde_json::to_string(&prefs).unwrap();
    let back: Preferences = serde_json::from_str(&saved).unwrap();
    assert_eq!(back.pins().get(&step), Some(&Pin::Pinned));
    assert_eq!(back.pins().get(&other), Some(&Pin::PushedBack));
    // A new choice replaces the old one; none clears it.
    prefs.set_pin(step, Some(Pin::PushedBack));
    assert_eq!(prefs.pins().get(&step), Some(&Pin::PushedBack));
    prefs.set_pin(step, None);
    assert_eq!(prefs.pins().get(&step), None);
    // Preferences saved before pins existed still load.
    let old: Preferences = serde_json::from_str(r#"{"language":"de"}"#).unwrap();
    assert!(old.pins().is_empty() && !old.reminders);
}
