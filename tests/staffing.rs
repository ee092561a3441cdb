//! Staffing a project from the network: matching collaborators are found
//! by skill (case ignored), ranked (who fits the hours first, then whose
//! estimates held, then the rate), each with the figures behind it; and
//! assigning shows the effect on the end date, cost and margin before
//! anything is written.

use chefsache::domain::*;
use chefsache::exchange::backup::parse_backup;
use chefsache::planning::WorkCalendar;
use chefsache::state::staffing::{assignment_effect, has_skill, staffing_needs};
use chrono::{NaiveDate, TimeZone, Utc};

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn designer(name: &str, skill: &str, hours: f64, rate: i64) -> Contact {
    let mut c = Contact::new(name, now());
    c.roles = vec![Role::Collaborator];
    c.skills = vec![skill.to_owned()];
    c.weekly_capacity_hours = Some(hours);
    c.hourly_rate = Some(Money(rate));
    c
}

fn setup() -> (Dataset, ProjectId) {
    let mut data = parse_backup(FREELANCER.as_bytes()).unwrap().data;
    data.contacts
        .push(designer("Kim Sommerfeld", " design ", 30.0, 6000));
    data.contacts
        .push(designer("Ole Brandt", "Design", 1.0, 4000));
    let shop = data
        .projects
        .iter()
        .find(|p| p.name.starts_with("Relaunch"))
        .unwrap()
        .id;
    (data, shop)
}

#[test]
fn skills_match_whatever_the_case() {
    assert!(has_skill(&["Frontend".into()], "frontend "));
    assert!(!has_skill(&["Frontend".into()], "Backend"));
}

#[test]
fn each_open_area_gets_its_matching_collaborators_ranked() {
    let (data, shop) = setup();
    let needs = staffing_needs(&data, &WorkCalendar::default(), today(), shop, 40.0, &[]);
    let areas: Vec<&str> = needs.iter().map(|n| n.work_area.as_str()).collect();
    assert_eq!(
        areas,
        ["Frontend", "Design"],
        "in the project's order; Konzept is done, Backend is staffed"
    );

    let design = &needs[1];
    assert!(design.hours > 0.0 && design.weeks.is_some());
    let names: Vec<&str> = design.suggestions.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Kim Sommerfeld", "Ole Brandt"],
        "who has the hours comes first, although the other is cheaper"
    );
    assert!(design.suggestions[0].fits && !design.suggestions[1].fits);
    assert!(design.suggestions[1].free_hours < design.hours);

    let frontend = &needs[0];
    assert_eq!(frontend.suggestions.len(), 1);
    assert_eq!(frontend.suggestions[0].name, "Jonas Weber");
    assert_eq!(frontend.suggestions[0].hourly_rate, Some(Money(7500)));
}

#[test]
fn assigning_shows_cost_margin_and_end_before_it_is_confirmed() {
    let (data, shop) = setup();
    let cal = WorkCalendar::default();
    let needs = staffing_needs(&data, &cal, today(), shop, 40.0, &[]);
    let frontend = needs.iter().find(|n| n.work_area == "Frontend").unwrap();
    let jonas = frontend.suggestions[0].contact;
    let effect =
        assignment_effect(&data, &cal, today(), shop, &frontend.steps, jonas, now()).unwrap();
    assert_eq!(effect.added_cost, Money(7500).times(frontend.hours));
    assert_eq!(
        effect.margin_after,
        effect.margin_before - effect.added_cost
    );
    assert!(effect.end_after >= effect.end_before);

    // Confirmed: the steps are Jonas's, and the area needs nobody any more.
    let mut next = data.clone();
    effect.changes.apply_to(&mut next);
    assert_eq!(next.validate(), Ok(()));
    for id in &frontend.steps {
        assert_eq!(next.step(*id).unwrap().assignee, Assignee::Contact(jonas));
    }
    let after = staffing_needs(&next, &cal, today(), shop, 40.0, &[]);
    assert!(after.iter().all(|n| n.work_area != "Frontend"));
}
