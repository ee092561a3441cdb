//! The address book: search, role filter, links, vCard import planning,
//! merging and the import command, and the communication log.

use chefsache::domain::{Channel, Communication, Contact, Dataset, Project, Role};
use chefsache::exchange::vcard::parse_vcards;
use chefsache::state::address_book::{find_contacts, is_web_link};
use chefsache::state::commands::import_contacts;
use chefsache::state::communications::{due_follow_ups, log};
use chefsache::state::contact_import::{merge_contact, plan_import};
use chefsache::state::search::{fold, matches};
use chefsache::state::Session;
use chrono::{Duration, NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn contact(name: &str, roles: &[Role]) -> Contact {
    let mut c = Contact::new(name, now());
    c.roles = roles.to_vec();
    c
}

fn book() -> Dataset {
    let mut mueller = contact("Jürgen Müller", &[Role::Supplier]);
    mueller.organisation = "Druckerei Müller GmbH".into();
    mueller.emails = vec!["j.mueller@druck.example".into()];
    mueller.phones = vec!["0341 555 0101".into()];
    let mut anna = contact("Anna Schmidt", &[Role::Client]);
    anna.emails = vec!["anna@schmidt.example".into()];
    let mut dev = contact("Ömer Yıldız", &[Role::Collaborator]);
    dev.skills = vec!["Frontend".into(), "Fotografie".into()];
    Dataset {
        contacts: vec![mueller, anna, dev].into(),
        ..Dataset::default()
    }
}

fn names(list: &[&Contact]) -> Vec<String> {
    list.iter().map(|c| c.name.clone()).collect()
}

#[test]
fn search_forgives_case_and_umlauts() {
    assert_eq!(fold("Müller"), fold("Mueller"));
    assert_eq!(fold("Müller"), fold("MULLER"));
    assert_eq!(fold("Straße"), "strasse");
    assert!(matches("mull druck", ["Jürgen Müller", "Druckerei"]));
    assert!(!matches("meier", ["Jürgen Müller"]));
    assert!(matches("  ", ["anything"]));
}

#[test]
fn contacts_are_found_by_name_organisation_email_and_skill() {
    let data = book();
    assert_eq!(
        names(&find_contacts(&data, "mueller", None)),
        ["Jürgen Müller"]
    );
    assert_eq!(
        names(&find_contacts(&data, "druckerei", None)),
        ["Jürgen Müller"]
    );
    assert_eq!(
        names(&find_contacts(&data, "SCHMIDT.EXAMPLE", None)),
        ["Anna Schmidt"]
    );
    assert_eq!(names(&find_contacts(&data, "foto", None)), ["Ömer Yıldız"]);
    assert_eq!(names(&find_contacts(&data, "omer", None)), ["Ömer Yıldız"]);
}

#[test]
fn the_role_filter_narrows_and_the_list_is_sorted_by_name() {
    let data = book();
    assert_eq!(
        names(&find_contacts(&data, "", None)),
        ["Anna Schmidt", "Jürgen Müller", "Ömer Yıldız"]
    );
    assert_eq!(
        names(&find_contacts(&data, "", Some(Role::Client))),
        ["Anna Schmidt"]
    );
    assert!(find_contacts(&data, "anna", Some(Role::Supplier)).is_empty());
}

#[test]
fn only_http_and_https_websites_are_links() {
    assert!(is_web_link("https://example.de"));
    assert!(is_web_link("HTTP://example.de"));
    assert!(!is_web_link("javascript:alert(1)"));
    assert!(!is_web_link("www.example.de"));
    assert!(!is_web_link("data:text/html,hi"));
    assert!(!is_web_link("https://"));
}

const THREE: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nTEL:+49 341 5550101\r\nEMAIL:neu@druck.example\r\nURL:https://druck.example\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Clara Neu\r\nEMAIL:clara@neu.example\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna S.\r\nEMAIL:ANNA@schmidt.example\r\nTEL:0171 222\r\nEND:VCARD\r\n";

#[test]
fn an_import_plan_asks_about_duplicates_by_email_or_name_and_phone() {
    let data = book();
    let plan = plan_import(&data, parse_vcards(THREE), now());
    assert_eq!(plan.new.len(), 1);
    assert_eq!(plan.new[0].1.name, "Clara Neu");
    assert_eq!(plan.new[0].0.card, 2);
    let matched: Vec<(usize, String)> = plan
        .conflicts
        .iter()
        .map(|c| {
            (
                c.position.card,
                data.contact(c.existing).unwrap().name.clone(),
            )
        })
        .collect();
    assert_eq!(
        matched,
        [
            (1, "Jürgen Müller".to_string()),
            (3, "Anna Schmidt".to_string())
        ]
    );
}

#[test]
fn a_card_exported_by_the_app_is_recognised_by_its_uid() {
    let data = book();
    let mut renamed = data.contacts[1].clone();
    renamed.name = "Dr. Anna Schmidt-Lang".into();
    renamed.emails = vec!["other@example.de".into()];
    let file = chefsache::exchange::vcard::write_contacts(&[renamed]);
    let plan = plan_import(&data, parse_vcards(&file), now());
    assert!(plan.new.is_empty());
    assert_eq!(plan.conflicts[0].existing, data.contacts[1].id);
}

#[test]
fn repeated_cards_in_one_file_become_one_contact() {
    let file = "BEGIN:VCARD\nVERSION:3.0\nFN:Clara Neu\nEMAIL:clara@neu.example\nEND:VCARD\n\
BEGIN:VCARD\nVERSION:3.0\nFN:Clara Neu\nEMAIL:clara@neu.example\nTEL:030 1234\nEND:VCARD\n";
    let plan = plan_import(&Dataset::default(), parse_vcards(file), now());
    assert_eq!(plan.new.len(), 1);
    assert_eq!(plan.repeated, 1);
    assert_eq!(plan.new[0].1.phones, ["030 1234"]);
}

#[test]
fn a_broken_card_is_reported_and_the_others_are_planned() {
    let file = "BEGIN:VCARD\nVERSION:3.0\nFN:Eins\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Zwei\nBEGIN:VCARD\nVERSION:3.0\nFN:Drei\nEND:VCARD\n";
    let plan = plan_import(&Dataset::default(), parse_vcards(file), now());
    assert_eq!(
        plan.new
            .iter()
            .map(|(_, c)| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Eins", "Drei"]
    );
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(plan.errors[0].position.card, 2);
}

#[test]
fn a_merge_only_adds() {
    let data = book();
    let existing = &data.contacts[0];
    let mut incoming = contact("J. Müller", &[Role::Client]);
    incoming.emails = vec![
        "J.MUELLER@druck.example".into(),
        "info@druck.example".into(),
    ];
    incoming.phones = vec!["+49 341 5550101".into(), "0160 999".into()];
    incoming.website = "https://druck.example".into();
    incoming.organisation = "Andere GmbH".into();
    let merged = merge_contact(existing, &incoming);
    assert_eq!(merged.id, existing.id);
    assert_eq!(merged.name, "Jürgen Müller");
    assert_eq!(merged.organisation, "Druckerei Müller GmbH");
    assert_eq!(
        merged.emails,
        ["j.mueller@druck.example", "info@druck.example"]
    );
    assert_eq!(merged.phones, ["0341 555 0101", "0160 999"]);
    assert_eq!(merged.website, "https://druck.example");
    assert_eq!(merged.roles, [Role::Supplier, Role::Client]);
}

#[test]
fn the_import_command_adds_and_merges_in_one_undoable_action() {
    let data = book();
    let plan = plan_import(&data, parse_vcards(THREE), now());
    let new: Vec<Contact> = plan.new.iter().map(|(_, c)| c.clone()).collect();
    let merges: Vec<_> = plan
        .conflicts
        .iter()
        .take(1)
        .map(|c| (c.existing, c.incoming.clone()))
        .collect();
    let changes = import_contacts(&data, &new, &merges, now()).unwrap();
    let mut session = Session::new(data.clone());
    session.execute("Kontakte importiert", changes).unwrap();
    let after = session.data();
    assert_eq!(after.contacts.len(), 4);
    let mueller = after.contact(data.contacts[0].id).unwrap();
    assert_eq!(mueller.emails.len(), 2);
    assert_eq!(mueller.website, "https://druck.example");
    session.undo().unwrap();
    assert_eq!(session.data().contacts, data.contacts);
}

#[test]
fn importing_into_a_deleted_contact_is_refused() {
    let data = book();
    let gone = contact("Weg", &[]);
    let result = import_contacts(&data, &[], &[(gone.id, gone.clone())], now());
    assert!(result.is_err());
}

#[test]
fn the_log_is_newest_first_searchable_and_due_follow_ups_are_listed() {
    let mut data = book();
    let project = Project::new("Relaunch Modehaus", now());
    let anna = data.contacts[1].id;
    let mut old = Communication::new(now() - Duration::days(3), "Angebot besprochen", now());
    old.contact = Some(anna);
    old.project = Some(project.id);
    old.follow_up = NaiveDate::from_ymd_opt(2026, 11, 1);
    let mut new = Communication::new(now(), "Rückruf wegen Fotos", now());
    new.contact = Some(anna);
    new.channel = Channel::Phone;
    new.follow_up = NaiveDate::from_ymd_opt(2026, 11, 2);
    let mut done = Communication::new(now(), "Erledigt", now());
    done.follow_up = NaiveDate::from_ymd_opt(2026, 10, 1);
    done.done = true;
    data.projects.push(project.clone());
    data.communications = vec![old.clone(), new.clone(), done].into();
    data.validate().unwrap();

    let summaries =
        |list: Vec<&Communication>| list.iter().map(|c| c.summary.clone()).collect::<Vec<_>>();
    assert_eq!(
        summaries(log(&data, None, Some(anna), "")),
        ["Rückruf wegen Fotos", "Angebot besprochen"]
    );
    assert_eq!(
        summaries(log(&data, Some(project.id), None, "")),
        ["Angebot besprochen"]
    );
    assert_eq!(
        summaries(log(&data, None, None, "rueckruf")),
        ["Rückruf wegen Fotos"]
    );
    assert_eq!(
        summaries(log(&data, None, None, "modehaus")),
        ["Angebot besprochen"]
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    assert_eq!(
        summaries(due_follow_ups(&data, today)),
        ["Angebot besprochen", "Rückruf wegen Fotos"]
    );
    assert_eq!(
        summaries(due_follow_ups(&data, today.pred_opt().unwrap())),
        ["Angebot besprochen"]
    );
}
