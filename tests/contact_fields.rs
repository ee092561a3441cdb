//! What the contact form and the vCard import do with the fields an address
//! book brings: kinds written after each value, birthdays as people type
//! them, one role for a whole file, and older stored contacts.

use chefsache::domain::{Birthday, Contact, Dataset, Role, TypedValue, PHONE_KINDS, PLACE_KINDS};
use chefsache::exchange::backup::{export_json, parse_backup};
use chefsache::exchange::vcard::parse_vcards;
use chefsache::state::contact_import::{assign_role, plan_import};
use chrono::{TimeZone, Utc};

fn german(kind: &str) -> String {
    match kind {
        "fax" => "Fax",
        "cell" => "Mobil",
        "pager" => "Pager",
        "work" => "Geschäftlich",
        "home" => "Privat",
        _ => "Ohne Art",
    }
    .to_string()
}

#[test]
fn a_fax_stays_a_fax_through_the_form_and_a_typed_kind_is_taken() {
    let phones = vec![
        TypedValue::with_types("+49 30 1", &["work", "fax"]),
        TypedValue::with_types("+49 171 2", &["cell", "voice", "pref"]),
        TypedValue::new("030 3"),
    ];
    let text = TypedValue::labelled_lines(&phones, &PHONE_KINDS, german);
    assert_eq!(text, "+49 30 1 (Fax)\n+49 171 2 (Mobil)\n030 3");
    // Unchanged text gives the same kinds back, `voice` and `pref` included.
    let back = TypedValue::from_labelled_lines(&text, &phones, &PHONE_KINDS, german);
    assert_eq!(back[0].types, ["work", "fax"]);
    assert_eq!(back[1].types, ["cell", "voice", "pref"]);
    assert_eq!(back[2], TypedValue::new("030 3"));

    // The person types kinds in, changes one, removes one (any case).
    let edited = "+49 30 1 (privat)\n+49 171 2\n030 3 (Fax)\n0800 4 (Zentrale)";
    let back = TypedValue::from_labelled_lines(edited, &phones, &PHONE_KINDS, german);
    assert_eq!(back[0].types, ["home"]);
    assert_eq!(
        back[1].types,
        ["voice", "pref"],
        "kinds the form does not offer stay"
    );
    assert_eq!(back[2].value, "030 3");
    assert_eq!(back[2].types, ["fax"]);
    assert_eq!(
        back[3],
        TypedValue::new("0800 4 (Zentrale)"),
        "no kind of ours: part of the value"
    );
}

#[test]
fn e_mail_kinds_read_in_the_person_s_language() {
    let english = |kind: &str| if kind == "work" { "Work" } else { "Home" }.to_string();
    let back = TypedValue::from_labelled_lines("a@b.example (Work)", &[], &PLACE_KINDS, english);
    assert_eq!(back, [TypedValue::with_types("a@b.example", &["work"])]);
}

#[test]
fn birthdays_are_typed_with_or_without_a_year() {
    let with_year = Birthday {
        year: Some(1985),
        month: 3,
        day: 15,
    };
    let without = Birthday {
        year: None,
        month: 2,
        day: 29,
    };
    assert_eq!(Birthday::parse(""), Some(None));
    assert_eq!(Birthday::parse("15.03.1985"), Some(Some(with_year)));
    assert_eq!(Birthday::parse("15/3/1985"), Some(Some(with_year)));
    assert_eq!(Birthday::parse("1985-03-15"), Some(Some(with_year)));
    assert_eq!(Birthday::parse("29.02."), Some(Some(without)));
    assert_eq!(Birthday::parse("--02-29"), Some(Some(without)));
    assert_eq!(Birthday::parse("31.02.1985"), None);
    assert_eq!(Birthday::parse("morgen"), None);
    assert_eq!(with_year.to_text('.'), "15.03.1985");
    assert_eq!(without.to_text('.'), "29.02.");
    assert_eq!(without.to_text('/'), "29/02");
    for text in ["15.03.1985", "29.02.", "29/02", "15/03/1985"] {
        let parsed = Birthday::parse(text).unwrap().unwrap();
        let sep = if text.contains('.') { '.' } else { '/' };
        assert_eq!(parsed.to_text(sep), text);
    }
}

#[test]
fn one_role_for_every_card_of_a_file() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Neu\r\nEMAIL:anna@neu.example\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bernd Alt\r\nEMAIL:bernd@alt.example\r\nEND:VCARD\r\n";
    let mut existing = Contact::new("Bernd Alt", now);
    existing.emails = vec![TypedValue::new("bernd@alt.example")];
    existing.roles = vec![Role::Supplier];
    let data = Dataset {
        contacts: vec![existing].into(),
        ..Dataset::default()
    };
    let mut plan = plan_import(&data, parse_vcards(file), now);
    assign_role(&mut plan, Role::Client);
    assert_eq!(plan.new[0].1.roles, [Role::Client]);
    assert_eq!(plan.conflicts[0].incoming.roles, [Role::Client]);
    let merged = chefsache::state::contact_import::merge_contact(
        &data.contacts[0],
        &plan.conflicts[0].incoming,
    );
    assert!(merged.has_role(Role::Supplier) && merged.has_role(Role::Client));
}

/// A backup of today's format version written before contacts kept what a
/// vCard had: plain strings for e-mails and phones, no name parts, no
/// birthday. The richer contact reads it without a new format version.
const OLD_V2: &str = r#"{"format":"chefsache-backup","format_version":2,"app_version":"0.1.0",
"exported_at":"2026-11-01T08:00:00Z","data":{"projects":[],"steps":[],"materials":[],
"contacts":[{"id":"6f1a5c2e-8b3d-4e9f-a1b2-c3d4e5f60718","created":"2026-01-01T00:00:00Z",
"updated":"2026-01-01T00:00:00Z","kind":"person","name":"Anna Alt","organisation":"Alt & Co",
"roles":["client"],"emails":["anna@alt.example"],"phones":["030 1"],
"address":{"street":"Weg 1","postal_code":"10115","city":"Berlin","country":""},
"website":"","notes":"Notiz","skills":[],"hourly_rate":null,"weekly_capacity_hours":null,
"days_off":[]}],"communications":[],"appointments":[],"time_entries":[]}}"#;

#[test]
fn a_backup_written_before_the_richer_contacts_still_imports() {
    let backup = parse_backup(OLD_V2.as_bytes()).expect("old backup imports");
    let anna = &backup.data.contacts[0];
    assert_eq!(anna.name, "Anna Alt");
    assert_eq!(anna.emails, [TypedValue::new("anna@alt.example")]);
    assert_eq!(anna.phones, [TypedValue::new("030 1")]);
    assert_eq!(anna.address.city, "Berlin");
    assert!(anna.name_parts.is_empty() && anna.birthday.is_none());
    // Written again, it reads back the same.
    let again = export_json(&backup.data, "test", Utc::now());
    assert_eq!(
        parse_backup(again.as_bytes()).unwrap().data.contacts,
        backup.data.contacts
    );
}

#[test]
fn a_wrong_field_in_a_contact_is_named_with_its_path() {
    let broken = OLD_V2.replace(r#""phones":["030 1"]"#, r#""phones":[42]"#);
    let error = parse_backup(broken.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(error.contains("contacts[0]"), "{error}");
}
