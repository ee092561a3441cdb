//! The shipped sample data imports cleanly and looks like a real business.

use chefsache::domain::*;
use chefsache::exchange::backup::{export_json, parse_backup, FORMAT_VERSION};

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

#[test]
fn freelancer_sample_imports_and_validates() {
    let backup = match parse_backup(FREELANCER.as_bytes()) {
        Ok(backup) => backup,
        Err(error) => panic!("sample does not import: {error}"),
    };
    assert_eq!(
        backup.source_format_version, FORMAT_VERSION,
        "samples use the current format"
    );
    let data = backup.data;
    assert_eq!(data.validate(), Ok(()));
    let counts = data.counts();
    assert!((3..=4).contains(&counts.projects), "{counts:?}");
    assert!(counts.steps >= 20, "{counts:?}");
    assert!((8..=10).contains(&counts.contacts), "{counts:?}");
    assert!(
        counts.materials >= 5 && counts.communications >= 5,
        "{counts:?}"
    );
    assert!(
        counts.appointments >= 5 && counts.time_entries >= 5,
        "{counts:?}"
    );
}

#[test]
fn freelancer_sample_covers_the_planning_features() {
    let data = parse_backup(FREELANCER.as_bytes())
        .map(|b| b.data)
        .unwrap_or_default();
    let shop = data
        .projects
        .iter()
        .find(|p| p.category == Category::ClientProject && p.work_areas.len() == 4)
        .expect("a client project with four work areas");
    let steps = data.steps_of(shop.id);
    assert!(steps.iter().any(|s| s.milestone && s.duration_days == 0));
    assert!(steps
        .iter()
        .any(|s| s.dependencies.iter().any(|d| d.lag_days != 0)));
    assert!(steps.iter().any(|s| s.dependencies.len() >= 2));
    assert!(steps
        .iter()
        .any(|s| matches!(s.assignee, Assignee::Contact(_))));
    let categories: Vec<Category> = data.projects.iter().map(|p| p.category).collect();
    assert!(
        categories.contains(&Category::DailyBusiness)
            && categories.contains(&Category::SideActivity)
    );
    let collaborators = data.contacts_with_role(Role::Collaborator);
    assert!(collaborators
        .iter()
        .all(|c| c.hourly_rate.is_some() && !c.skills.is_empty()));
    assert!(data.materials.iter().all(|m| m.step.is_some()));
    assert!(data
        .materials
        .iter()
        .any(|m| m.supplier.is_some() && m.lead_time_days > 0));
    assert!(data
        .communications
        .iter()
        .any(|c| c.follow_up.is_some() && !c.done));
    assert!(data.appointments.iter().any(|a| a.recurrence.is_some()));
}

#[test]
fn freelancer_sample_survives_a_round_trip() {
    let data = parse_backup(FREELANCER.as_bytes())
        .map(|b| b.data)
        .unwrap_or_default();
    let now = chrono::Utc::now();
    let again = parse_backup(export_json(&data, "test", now).as_bytes()).map(|b| b.data);
    assert_eq!(again, Ok(data));
}
