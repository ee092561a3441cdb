//! The network's collaborator page (assigned steps across projects, track
//! record) and the client status report (content, what it never says, the
//! self-contained HTML export).

use chefsache::domain::{
    Assignee, Communication, Contact, Dataset, Dependency, Money, Project, ProjectStatus, Role,
    Step, StepStatus, TimeEntry,
};
use chefsache::exchange::backup::parse_backup;
use chefsache::planning::{FederalState, WorkCalendar};
use chefsache::state::baseline::with_first_baseline;
use chefsache::state::client_report::{
    client_report, client_report_html, escape_html, report_file_name, ClientReport, Needed,
    ReportLabels,
};
use chefsache::state::collaborator::{assigned_steps, track_record, upcoming_days_off};
use chefsache::store::preferences::BusinessDetails;
use chefsache::text::{format_money, Lang};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const FREELANCER: &str = include_str!("../public/samples/freelancer.json");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn nw() -> WorkCalendar {
    WorkCalendar::new(FederalState::NW, [])
}

fn sender() -> BusinessDetails {
    BusinessDetails {
        name: "Studio Lindner".into(),
        contact_person: "Eva Lindner".into(),
        email: "eva@lindner.example".into(),
        phone: "0341 123456".into(),
        address: "Hauptstr. 1\n04109 Leipzig".into(),
    }
}

fn labels() -> ReportLabels {
    ReportLabels {
        title: "Statusbericht".into(),
        client: "Für".into(),
        sender: "Absender".into(),
        as_of: "Stand".into(),
        progress: "Fortschritt".into(),
        progress_line: "1 von 4 Schritten erledigt (25 %)".into(),
        forecast_end: "Voraussichtliches Ende".into(),
        baseline_end: "Ursprünglich geplant".into(),
        milestones: "Nächste Meilensteine".into(),
        no_milestones: "Keine offenen Meilensteine".into(),
        needed: "Was wir von Ihnen brauchen".into(),
        nothing_needed: "Im Moment nichts".into(),
        due: "bis".into(),
        results: "Ergebnisse der letzten 30 Tage".into(),
        no_results: "Noch keine".into(),
    }
}

/// A website for a client company: concept (done on 10 Nov with a
/// result), design by a collaborator at 70 €/h, "Inhalte liefern" in the
/// work area "Kunde", and the go-live milestone; a call with the client's
/// contact person left a follow-up, a call with the collaborator another.
struct Site {
    data: Dataset,
    project: Project,
    dev: Contact,
}

fn site() -> Site {
    let mut client = Contact::new("Bäckerei Korn GmbH", now());
    client.roles = vec![Role::Client];
    let mut person = Contact::new("Karla Korn", now());
    person.organisation = "Bäckerei Korn GmbH".into();
    person.roles = vec![Role::Client];
    let mut dev = Contact::new("Dana Design", now());
    dev.roles = vec![Role::Collaborator];
    dev.emails = vec!["dana@design.example".into()];
    dev.hourly_rate = Money::from_euros(70);

    let mut project = Project::new("Website Bäckerei", now());
    project.client = Some(client.id);
    project.start = Some(d(11, 2));
    project.status = ProjectStatus::Active;
    project.planned_revenue = Money::from_euros(6400).unwrap();
    project.planned_cost = Money::from_euros(1890).unwrap();
    project.work_areas = vec!["Konzept".into(), "Design".into(), "Kunde".into()];

    let mut concept = Step::new(project.id, "Konzept", now());
    concept.duration_days = 3;
    concept.effort_hours = 12.0;
    concept.status = StepStatus::Done;
    concept.actual_start = Some(d(11, 2));
    concept.actual_finish = Some(d(11, 10));
    concept.result = Some("Sitemap freigegeben".into());
    let mut design = Step::new(project.id, "Screendesign", now());
    design.work_area = Some("Design".into());
    design.duration_days = 5;
    design.effort_hours = 30.0;
    design.assignee = Assignee::Contact(dev.id);
    design.dependencies = vec![Dependency::on(concept.id)];
    let mut content = Step::new(project.id, "Inhalte liefern", now());
    content.work_area = Some("Kunde".into());
    content.duration_days = 2;
    content.dependencies = vec![Dependency::on(concept.id)];
    let mut live = Step::new(project.id, "Go-live", now());
    live.set_milestone(true);
    live.dependencies = vec![Dependency::on(design.id), Dependency::on(content.id)];

    let mut call = Communication::new(now(), "Fotos der Filialen schicken", now());
    call.contact = Some(person.id);
    call.project = Some(project.id);
    call.follow_up = Some(d(11, 20));
    let mut internal = Communication::new(now(), "Dana fragt nach dem Briefing", now());
    internal.contact = Some(dev.id);
    internal.project = Some(project.id);
    internal.follow_up = Some(d(11, 18));

    let mut entry = TimeEntry::new(design.id, d(11, 11), 6.5, now());
    entry.person = Assignee::Contact(dev.id);

    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: vec![concept, design, content, live].into(),
        contacts: vec![client, person, dev.clone()].into(),
        communications: vec![call, internal].into(),
        time_entries: vec![entry].into(),
        ..Dataset::default()
    };
    Site { data, project, dev }
}

fn report_of(s: &Site, today: NaiveDate) -> ClientReport {
    client_report(&s.data, s.project.id, &sender(), &nw(), today).expect("a report")
}

#[test]
fn the_report_says_progress_milestones_what_is_needed_and_results() {
    let s = site();
    let r = report_of(&s, d(11, 12));
    assert_eq!(r.client_name.as_deref(), Some("Bäckerei Korn GmbH"));
    assert_eq!((r.progress.done, r.progress.total), (1, 4));
    assert_eq!(r.progress.percent(), 25);
    // Design runs from today (12 Nov) to the 18th; the go-live follows.
    let live = &r.milestones[0];
    assert_eq!(live.title, "Go-live");
    assert!(live.date >= d(11, 18), "{live:?}");
    assert_eq!(r.forecast_end, Some(live.date));
    assert_eq!(r.baseline_end, None);
    // Needed: the client contact person's follow-up (not the
    // collaborator's) and the step in the work area "Kunde".
    assert_eq!(r.needed.len(), 2, "{:?}", r.needed);
    assert!(r.needed.iter().any(|n| matches!(n,
        Needed::FollowUp { summary, due } if summary == "Fotos der Filialen schicken" && *due == d(11, 20))));
    assert!(r.needed.iter().any(
        |n| matches!(n, Needed::Step { title, dates: Some(_) } if title == "Inhalte liefern")
    ));
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.results[0].result.as_deref(), Some("Sitemap freigegeben"));

    // 30 days later the concept's result is no longer recent.
    let later = report_of(&s, d(12, 11));
    assert!(later.results.is_empty());
}

#[test]
fn a_step_assigned_to_the_client_waits_for_the_client_and_done_ones_do_not() {
    let mut s = site();
    let client = s.project.client.unwrap();
    let mut data = s.data.clone();
    let mut approve = Step::new(s.project.id, "Abnahme", now());
    approve.assignee = Assignee::Contact(client);
    let mut done = Step::new(s.project.id, "Logo geliefert", now());
    done.work_area = Some("Kunde".into());
    done.status = StepStatus::Done;
    done.actual_finish = Some(d(11, 5));
    data.steps = data
        .steps
        .iter()
        .cloned()
        .chain([approve, done])
        .collect::<Vec<_>>()
        .into();
    s.data = data;
    let r = report_of(&s, d(11, 12));
    let steps: Vec<&str> = r
        .needed
        .iter()
        .filter_map(|n| match n {
            Needed::Step { title, .. } => Some(title.as_str()),
            Needed::FollowUp { .. } => None,
        })
        .collect();
    assert!(steps.contains(&"Abnahme") && steps.contains(&"Inhalte liefern"));
    assert!(!steps.contains(&"Logo geliefert"));
}

#[test]
fn the_forecast_end_is_set_against_the_baseline() {
    let s = site();
    let project = with_first_baseline(&s.data, s.project.clone(), &nw(), d(11, 2), now());
    let mut data = s.data.clone();
    data.projects = vec![project].into();
    let r = client_report(&data, s.project.id, &sender(), &nw(), d(11, 12)).unwrap();
    assert!(r.baseline_end.is_some());
    // The concept took until the 10th instead of the 4th: the end moved.
    assert!(r.forecast_end > r.baseline_end, "{r:?}");
}

#[test]
fn the_html_export_is_self_contained_escaped_and_in_the_language() {
    let mut s = site();
    let hostile = "<img src=x onerror=alert(1)>";
    let mut project = s.project.clone();
    project.name = hostile.into();
    s.data.projects = vec![project].into();
    let mut r = report_of(&s, d(11, 12));
    r.sender.name = "\"Studio\" & <Co>".into();
    let html = client_report_html(&r, &labels(), Lang::De);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"de\">"));
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains(&escape_html(hostile)));
    assert!(html.contains("&quot;Studio&quot; &amp; &lt;Co&gt;"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<link") && !html.contains("url("));
    assert!(html.contains("<style>"));
    assert!(html.contains("Fotos der Filialen schicken (bis 20.11.2026)"));
    assert!(html.contains("Eva Lindner") && html.contains("04109 Leipzig"));
    let en = client_report_html(&r, &labels(), Lang::En);
    assert!(en.contains("<html lang=\"en\">") && en.contains("20/11/2026"));
    let name = report_file_name(&r, "Statusbericht");
    assert!(
        name.ends_with("-2026-11-12.html") && !name.contains('<'),
        "{name}"
    );
}

#[test]
fn the_report_never_names_a_collaborator_hours_or_money() {
    let s = site();
    let r = report_of(&s, d(11, 12));
    let html = client_report_html(&r, &labels(), Lang::De);
    for secret in [
        "Dana",
        "dana@design.example",
        "70,00",
        "6.400",
        "1.890",
        "6,5",
        "30 h",
    ] {
        assert!(!html.contains(secret), "{secret} in {html}");
    }
}

/// Every amount of money in the dataset as a report could write it.
fn money_forms(data: &Dataset) -> Vec<String> {
    let mut amounts: Vec<Money> = Vec::new();
    for p in data.projects.iter() {
        amounts.extend([p.planned_revenue, p.planned_cost]);
    }
    for c in data.contacts.iter() {
        amounts.extend(c.hourly_rate);
    }
    for m in data.materials.iter() {
        amounts.push(m.unit_cost);
        amounts.push(m.total_cost());
        amounts.extend(m.actual_cost);
    }
    let mut forms = Vec::new();
    for a in amounts.into_iter().filter(|a| a.cents() != 0) {
        let cents = a.cents();
        forms.push(format_money(cents, Lang::De));
        forms.push(format_money(cents, Lang::En));
        // Without the currency sign; German decimal commas never occur in
        // a date, so the bare figure is safe to look for.
        forms.push(
            format_money(cents, Lang::De)
                .trim_end_matches('€')
                .trim_end_matches('\u{a0}')
                .to_owned(),
        );
        forms.push(format!("{}", cents));
    }
    forms.retain(|f| f.len() >= 4);
    forms
}

#[test]
fn the_sample_reports_leak_no_rate_cost_revenue_or_collaborator() {
    let data = parse_backup(FREELANCER.as_bytes()).expect("sample").data;
    let mut secrets = money_forms(&data);
    for c in data
        .contacts
        .iter()
        .filter(|c| c.has_role(Role::Collaborator))
    {
        secrets.push(c.name.clone());
        // The first name alone would say who did what too.
        secrets.extend(c.name.split_whitespace().next().map(str::to_owned));
        secrets.extend(c.emails.iter().map(|e| e.value.clone()));
        secrets.extend(c.phones.iter().map(|p| p.value.clone()));
    }
    let today = d(11, 25);
    let mut checked = 0;
    for p in data.projects.iter() {
        let report = client_report(&data, p.id, &sender(), &nw(), today).unwrap();
        for lang in [Lang::De, Lang::En] {
            let html = client_report_html(&report, &labels(), lang);
            // The visible content too (what the page renders).
            let text = format!("{report:?}");
            for secret in &secrets {
                assert!(!html.contains(secret.as_str()), "{secret} in {}", p.name);
                assert!(!text.contains(secret.as_str()), "{secret} in {}", p.name);
            }
            assert!(!html.to_lowercase().contains("<script"));
            assert!(!html.contains("http://") && !html.contains("https://"));
        }
        checked += 1;
    }
    assert_eq!(checked, data.projects.len());

    // The shop's report has something to say in every part.
    let shop = data
        .projects
        .iter()
        .find(|p| p.name.contains("Modehaus Berger"))
        .unwrap();
    let r = client_report(&data, shop.id, &sender(), &nw(), today).unwrap();
    assert_eq!(r.client_name.as_deref(), Some("Modehaus Berger GmbH"));
    assert_eq!((r.progress.done, r.progress.total), (3, 12));
    assert!(r.milestones.iter().any(|m| m.title == "Design-Abnahme"));
    assert!(
        r.needed
            .iter()
            .any(|n| matches!(n, Needed::FollowUp { .. })),
        "the follow-up with Claudia Berger of Modehaus Berger: {:?}",
        r.needed
    );
    assert_eq!(r.results.len(), 3);
}

#[test]
fn a_collaborator_sees_their_steps_with_dates_and_hours() {
    let s = site();
    let steps = assigned_steps(&s.data, s.dev.id, &nw(), d(11, 12));
    assert_eq!(steps.len(), 1);
    let design = &steps[0];
    assert_eq!(design.title, "Screendesign");
    assert_eq!(design.project_name, "Website Bäckerei");
    // Open work never lies in the past: it starts today, the 12th.
    assert_eq!(design.dates, Some((d(11, 12), d(11, 18))));
    assert_eq!((design.planned_hours, design.booked_hours), (30.0, 6.5));
    assert_eq!(design.status, StepStatus::Todo);
}

#[test]
fn a_collaborator_across_the_sample_projects() {
    let data = parse_backup(FREELANCER.as_bytes()).expect("sample").data;
    let aylin = data
        .contacts
        .iter()
        .find(|c| c.name == "Aylin Demir")
        .unwrap();
    let steps = assigned_steps(&data, aylin.id, &nw(), d(11, 25));
    let titles: Vec<&str> = steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Shopware-Setup & Hosting",
            "Produktimport & Schnittstelle Warenwirtschaft"
        ]
    );
    assert!(steps.iter().all(|s| s.dates.is_some()));
    assert!(steps[0].dates.unwrap().1 < steps[1].dates.unwrap().0);
    assert_eq!(steps[0].booked_hours, 5.0);
    // No finished project yet: no track record.
    assert!(track_record(&data, aylin.id).is_empty());
}

#[test]
fn the_track_record_counts_done_steps_per_area_and_booked_against_planned() {
    let s = site();
    let mut data = s.data.clone();
    // An earlier, finished project: two design steps and a concept step,
    // estimated at 10 h each, booked 12, 9 and 10 h.
    let mut old = Project::new("Flyer", now());
    old.status = ProjectStatus::Done;
    let mut steps: Vec<Step> = data.steps.iter().cloned().collect();
    let mut entries: Vec<TimeEntry> = data.time_entries.iter().cloned().collect();
    for (title, area, hours) in [
        ("Entwurf", "Design", 12.0),
        ("Reinzeichnung", "Design", 9.0),
        ("Idee", "Konzept", 10.0),
    ] {
        let mut step = Step::new(old.id, title, now());
        step.work_area = Some(area.into());
        step.effort_hours = 10.0;
        step.status = StepStatus::Done;
        step.assignee = Assignee::Contact(s.dev.id);
        let mut e = TimeEntry::new(step.id, d(10, 5), hours, now());
        e.person = Assignee::Contact(s.dev.id);
        entries.push(e);
        steps.push(step);
    }
    data.projects = vec![s.project.clone(), old].into();
    data.steps = steps.into();
    data.time_entries = entries.into();
    let record = track_record(&data, s.dev.id);
    let areas: Vec<(Option<&str>, usize)> = record
        .areas
        .iter()
        .map(|a| (a.work_area.as_deref(), a.steps_done))
        .collect();
    assert_eq!(areas, [(Some("Design"), 2), (Some("Konzept"), 1)]);
    let accuracy = record.accuracy.expect("an accuracy");
    assert_eq!(accuracy.steps, 3);
    assert_eq!(
        (accuracy.planned_hours, accuracy.booked_hours),
        (30.0, 31.0)
    );
    // The open project's steps are not in the closed ones' list.
    let open = assigned_steps(&data, s.dev.id, &nw(), d(11, 12));
    assert_eq!(open.len(), 1);
}

#[test]
fn days_off_from_today_on_read_as_runs() {
    let days = [
        d(12, 24),
        d(11, 2),
        d(12, 23),
        d(12, 28),
        d(12, 23),
        d(12, 22),
    ];
    assert_eq!(
        upcoming_days_off(&days, d(11, 25)),
        [(d(12, 22), d(12, 24)), (d(12, 28), d(12, 28))]
    );
}
