//! Import → export → import of address books as Apple Contacts, Google
//! Contacts, Outlook and Nextcloud write them: every field the contact
//! keeps comes back, in vCard 3.0 and 4.0, and an independent parser (the
//! `ical` crate) reads every export.

use chefsache::domain::{Birthday, Contact, ContactKind, Role, TypedValue};
use chefsache::exchange::vcard::{
    parse_vcard_bytes, write_contacts_as, CardLoss, VCardImport, VCardVersion, MAX_PHOTO_BYTES,
};
use chrono::{DateTime, TimeZone, Utc};
use ical::parser::vcard::component::VcardContact as IndependentCard;

const FIXTURES: [&str; 5] = [
    "apple_contacts_full_3_0.vcf",
    "google_contacts_full_3_0.vcf",
    "outlook_2_1_qp.vcf",
    "nextcloud_4_0.vcf",
    "large_photo.vcf",
];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn read(name: &str) -> VCardImport {
    let path = format!("{}/tests/fixtures/vcard/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_vcard_bytes(&bytes)
}

fn contacts_of(import: &VCardImport) -> Vec<Contact> {
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    import
        .contacts
        .iter()
        .map(|(_, card)| card.to_contact(now()))
        .collect()
}

fn fixture_contacts(name: &str) -> Vec<Contact> {
    contacts_of(&read(name))
}

fn reimport(contacts: &[Contact], version: VCardVersion) -> (String, Vec<Contact>) {
    let text = write_contacts_as(contacts, version);
    let back = contacts_of(&parse_vcard_bytes(text.as_bytes()));
    (text, back)
}

fn read_independently(text: &str) -> Vec<IndependentCard> {
    ical::VcardParser::new(std::io::BufReader::new(text.as_bytes()))
        .map(|card| card.expect("independent parser reads our vCard"))
        .collect()
}

fn raw<'a>(card: &'a IndependentCard, name: &str) -> Vec<&'a str> {
    card.properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case(name))
        .filter_map(|p| p.value.as_deref())
        .collect()
}

fn by_name<'a>(contacts: &'a [Contact], name: &str) -> &'a Contact {
    contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name} not among {:?}", names(contacts)))
}

fn names(contacts: &[Contact]) -> Vec<&str> {
    contacts.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn import_export_import_is_the_identity_for_every_fixture_in_3_0_and_4_0() {
    for fixture in FIXTURES {
        let first = fixture_contacts(fixture);
        assert!(!first.is_empty(), "{fixture}");
        for version in [VCardVersion::V3, VCardVersion::V4] {
            let (text, back) = reimport(&first, version);
            assert_eq!(back.len(), first.len(), "{fixture} {version:?}");
            for (a, b) in first.iter().zip(&back) {
                assert_eq!(a, b, "{fixture} as {version:?}:\n{text}");
            }
            // And once more: the export of the re-import is the same file.
            let (again, _) = reimport(&back, version);
            assert_eq!(again, text, "{fixture} {version:?}");
        }
    }
}

#[test]
fn the_independent_parser_reads_every_export() {
    for fixture in FIXTURES {
        let contacts = fixture_contacts(fixture);
        for version in [VCardVersion::V3, VCardVersion::V4] {
            let text = write_contacts_as(&contacts, version);
            let cards = read_independently(&text);
            assert_eq!(cards.len(), contacts.len(), "{fixture} {version:?}");
            let expected = if version == VCardVersion::V3 {
                "3.0"
            } else {
                "4.0"
            };
            for card in &cards {
                assert_eq!(raw(card, "VERSION"), [expected]);
                assert_eq!(raw(card, "FN").len(), 1);
                assert_eq!(raw(card, "UID").len(), 1);
            }
        }
    }
}

#[test]
fn the_structured_name_of_the_issue_survives() {
    let contacts = fixture_contacts("apple_contacts_full_3_0.vcf");
    let lukasz = &contacts[0];
    assert_eq!(
        lukasz.name,
        "Łukasz Kowalski-Schönberger (Backend, Rust & Go)"
    );
    assert_eq!(lukasz.name_parts.family, "Kowalski-Schönberger");
    assert_eq!(lukasz.name_parts.given, "Łukasz");
    for version in [VCardVersion::V3, VCardVersion::V4] {
        let cards = read_independently(&write_contacts_as(&contacts, version));
        assert_eq!(raw(&cards[0], "N"), ["Kowalski-Schönberger;Łukasz;;;"]);
        assert_eq!(
            raw(&cards[0], "FN"),
            ["Łukasz Kowalski-Schönberger (Backend\\, Rust & Go)"]
        );
    }
}

#[test]
fn apple_card_keeps_types_labels_title_role_department_region_photo_and_extras() {
    let contacts = fixture_contacts("apple_contacts_full_3_0.vcf");
    let lukasz = &contacts[0];
    assert_eq!(lukasz.kind, ContactKind::Person);
    assert_eq!(lukasz.organisation, "Kowalski IT");
    assert_eq!(lukasz.department, "Entwicklung");
    assert_eq!(lukasz.job_title, "Softwarearchitekt");
    assert_eq!(lukasz.job_role, "Projektleitung");
    assert!(
        !lukasz.notes.contains("Softwarearchitekt"),
        "the title is no longer merged into the notes"
    );
    assert_eq!(
        lukasz.notes,
        "Spricht Polnisch, Deutsch und Englisch.\nRückruf am besten nachmittags."
    );
    assert_eq!(lukasz.emails[0].value, "lukasz@kowalski-it.de");
    assert_eq!(lukasz.emails[0].types, ["work", "pref"]);
    assert_eq!(lukasz.emails[0].label, "_$!<Work>!$_");
    let phone = |value: &str| lukasz.phones.iter().find(|p| p.value == value).unwrap();
    assert!(phone("+49 171 2223334").has_type("cell"));
    let fax = phone("+49 30 1234567-9");
    assert!(
        fax.has_type("fax") && fax.has_type("work"),
        "a fax stays a fax"
    );
    assert_eq!(phone("+49 30 1234567-0").label, "Zentrale");
    assert_eq!(lukasz.address.street, "Friedrichstraße 100");
    assert_eq!(lukasz.address.extended, "3. Stock");
    assert_eq!(lukasz.address.region, "Berlin");
    assert_eq!(lukasz.address.types, ["work", "pref"]);
    let home = &lukasz.other_addresses[0];
    assert_eq!(home.types, ["home"], "not every address is HOME, nor WORK");
    assert_eq!(home.po_box, "Postfach 12 34");
    assert_eq!(home.region, "Brandenburg");
    assert_eq!(lukasz.website, "https://kowalski-it.de");
    assert_eq!(
        lukasz.birthday,
        Some(Birthday {
            year: Some(1984),
            month: 2,
            day: 29
        })
    );
    assert_eq!(lukasz.roles, [Role::Client]);
    assert_eq!(lukasz.categories, ["VIP"]);
    assert!(lukasz.photo.starts_with("data:image/jpeg;base64,/9j/"));
    assert!(lukasz
        .card_extras
        .iter()
        .any(|l| l == "item5.X-ABRELATEDNAMES;TYPE=pref:Agnieszka"));
    assert!(lukasz
        .card_extras
        .iter()
        .any(|l| l == "item5.X-ABLabel:_$!<Spouse>!$_"));
    assert!(lukasz
        .card_extras
        .iter()
        .any(|l| l.starts_with("X-SOCIALPROFILE")));
    assert_eq!(lukasz.card_uid, "8D3C2B1A-4F5E-4A6B-9C7D-0E1F2A3B4C5D");

    let text = write_contacts_as(&contacts, VCardVersion::V3);
    let card = &read_independently(&text)[0];
    assert_eq!(raw(card, "ORG"), ["Kowalski IT;Entwicklung"]);
    assert_eq!(raw(card, "TITLE"), ["Softwarearchitekt"]);
    assert_eq!(raw(card, "ROLE"), ["Projektleitung"]);
    assert_eq!(raw(card, "UID"), ["8D3C2B1A-4F5E-4A6B-9C7D-0E1F2A3B4C5D"]);
    assert_eq!(raw(card, "BDAY"), ["1984-02-29"]);
    assert!(raw(card, "ADR")
        .contains(&"Postfach 12 34;;Am Weiher 7;Potsdam;Brandenburg;14467;Deutschland"));
    assert!(text.contains("TEL;TYPE=WORK,FAX:+49 30 1234567-9"));
    assert!(text.contains("ADR;TYPE=HOME:"));
    assert!(text.contains("PHOTO;ENCODING=b;TYPE=JPEG:/9j/"));
    assert!(text.contains("X-ABLabel:Zentrale"));
    assert!(!text.contains("REV:"), "a stale revision is not written");
}

#[test]
fn an_organisation_stays_an_organisation() {
    for (fixture, name) in [
        ("apple_contacts_full_3_0.vcf", "Druckerei Weiß KG"),
        ("nextcloud_4_0.vcf", "Stadtwerke Dresden"),
    ] {
        let contacts = fixture_contacts(fixture);
        let org = by_name(&contacts, name);
        assert_eq!(org.kind, ContactKind::Organisation, "{fixture}");
        assert!(org.name_parts.is_empty());
        assert!(!org.department.is_empty());
        for version in [VCardVersion::V3, VCardVersion::V4] {
            let (text, back) = reimport(&contacts, version);
            assert_eq!(by_name(&back, name).kind, ContactKind::Organisation);
            let marker = match version {
                VCardVersion::V3 => "X-ABShowAs:COMPANY",
                VCardVersion::V4 => "KIND:org",
            };
            assert!(text.contains(marker), "{fixture} {version:?}");
        }
    }
    let apple = fixture_contacts("apple_contacts_full_3_0.vcf");
    let print = by_name(&apple, "Druckerei Weiß KG");
    assert_eq!(
        print.birthday,
        Some(Birthday {
            year: None,
            month: 8,
            day: 13
        }),
        "Apple's omitted year"
    );
    assert_eq!(print.phones[0].label, "_$!<Main>!$_");
}

#[test]
fn google_outlook_and_nextcloud_specifics() {
    let google = fixture_contacts("google_contacts_full_3_0.vcf");
    let zoe = &google[0];
    assert_eq!(zoe.name_parts.prefixes, "Dr.");
    assert_eq!(zoe.name_parts.additional, "Thi");
    assert_eq!(zoe.name_parts.suffixes, "M.A.");
    assert_eq!(
        zoe.photo,
        "https://lh3.googleusercontent.com/contacts/AOq4xYz123"
    );
    assert_eq!(zoe.other_urls[0].label, "Portfolio");
    assert_eq!(zoe.roles, [Role::Collaborator]);
    assert_eq!(zoe.categories, ["myContacts"]);
    assert!(zoe
        .phones
        .iter()
        .any(|p| p.has_type("fax") && p.has_type("home")));
    assert!(zoe.card_extras.iter().any(|l| l.starts_with("NICKNAME")));

    let outlook = fixture_contacts("outlook_2_1_qp.vcf");
    let anna = &outlook[0];
    assert_eq!(anna.name, "Anna Maria Schäfer");
    assert_eq!(anna.name_parts.additional, "Maria");
    assert_eq!(
        anna.notes,
        "Erste Zeile mit Umlauten äöü\nZweite Zeile: Grüße aus Hamburg"
    );
    assert_eq!(anna.address.street, "Große Elbstraße 145");
    assert_eq!(anna.address.types, ["work", "pref"]);
    assert_eq!(anna.other_addresses[0].region, "Hamburg");
    assert_eq!(anna.job_title, "Geschäftsführerin");
    assert_eq!(anna.department, "Beratung");
    let fax = anna.phones.iter().find(|p| p.has_type("fax")).unwrap();
    assert_eq!(fax.value, "+49 40 1234568");
    assert_eq!(anna.emails[0].types, ["pref"]);
    assert_eq!(
        anna.birthday,
        Some(Birthday {
            year: Some(1978),
            month: 3,
            day: 12
        })
    );
    assert!(anna
        .card_extras
        .iter()
        .any(|l| l.starts_with("LABEL") && l.contains("Große Elbstraße 145")));

    let nextcloud = fixture_contacts("nextcloud_4_0.vcf");
    let henrike = &nextcloud[0];
    assert_eq!(
        henrike.phones[0],
        TypedValue::with_types("+49-171-9998887", &["cell", "voice"])
    );
    assert!(henrike.phones[2].has_type("fax"));
    assert_eq!(henrike.emails[0].types, ["work", "pref"]);
    assert!(
        henrike
            .photo
            .starts_with("data:image/png;base64,iVBORw0KGg"),
        "{}",
        &henrike.photo[..40]
    );
    assert_eq!(henrike.birthday.map(|b| b.year), Some(None));
    assert_eq!(henrike.roles, [Role::Supplier]);
    assert_eq!(henrike.categories, ["Holz"]);
    assert_eq!(henrike.address.region, "Sachsen");
    let v4 = write_contacts_as(&nextcloud, VCardVersion::V4);
    assert!(v4.contains("EMAIL;TYPE=WORK;PREF=1:henrike@oedegaard-holz.example"));
    assert!(v4.contains("BDAY:--0813"));
    assert!(v4.contains("PHOTO:data:image/png;base64,iVBORw0KGg"));
    assert!(v4.contains("UID:4f1e2d3c-6b5a-4978-8a9b-0c1d2e3f4a5b"));
    assert!(v4.contains("UID:urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));
}

#[test]
fn a_large_photo_is_dropped_with_a_warning_and_the_rest_imports() {
    let import = read("large_photo.vcf");
    assert!(import.errors.is_empty());
    assert_eq!(import.contacts.len(), 2);
    assert_eq!(import.warnings.len(), 1);
    let warning = &import.warnings[0];
    assert_eq!(warning.name, "Mira Brandt");
    assert_eq!(warning.position.card, 1);
    assert!(matches!(
        warning.loss,
        CardLoss::PhotoTooLarge { bytes, limit } if bytes > limit && limit == MAX_PHOTO_BYTES
    ));
    let contacts = contacts_of(&import);
    let mira = &contacts[0];
    assert_eq!(mira.photo, "");
    assert_eq!(mira.phones[0].value, "+49 170 1112223");
    assert_eq!(mira.emails[0].value, "mira@example.org");
    assert_eq!(mira.notes, "Foto aus dem iPhone.");
    assert_eq!(contacts[1].name, "Ben Roth");
}

#[test]
fn the_same_foreign_file_imported_twice_gives_the_same_ids() {
    let first = fixture_contacts("google_contacts_full_3_0.vcf");
    let second = fixture_contacts("apple_contacts_full_3_0.vcf");
    let first_again = fixture_contacts("apple_contacts_full_3_0.vcf");
    assert_eq!(
        second.iter().map(|c| c.id).collect::<Vec<_>>(),
        first_again.iter().map(|c| c.id).collect::<Vec<_>>()
    );
    // Google writes no UID: the export's UID is the contact id.
    let (_, back) = reimport(&first, VCardVersion::V3);
    assert_eq!(back[0].id, first[0].id);
    assert_eq!(back[0].card_uid, "");
}

#[test]
fn older_contacts_with_plain_strings_still_load_and_untyped_values_stay_plain() {
    let json = r#"{"id":"6f1a5c2e-8b3d-4e9f-a1b2-c3d4e5f60718","created":"2026-01-01T00:00:00Z",
        "updated":"2026-01-01T00:00:00Z","kind":"person","name":"Anna Alt","organisation":"",
        "roles":["client"],"emails":["anna@alt.example"],"phones":["030 1"],
        "address":{"street":"Weg 1","postal_code":"10115","city":"Berlin","country":""},
        "website":"","notes":"","skills":[],"hourly_rate":null,"weekly_capacity_hours":null,
        "days_off":[]}"#;
    let contact: Contact = serde_json::from_str(json).expect("old contact loads");
    assert_eq!(contact.phones, [TypedValue::new("030 1")]);
    assert_eq!(contact.address.city, "Berlin");
    assert!(contact.name_parts.is_empty());
    let written = serde_json::to_value(&contact).unwrap();
    assert_eq!(written["phones"], serde_json::json!(["030 1"]));
    assert!(
        written.get("name_parts").is_none(),
        "empty new fields are not written"
    );

    let mut typed = contact.clone();
    typed.phones = vec![TypedValue::with_types("030 1", &["work", "fax"])];
    let text = serde_json::to_string(&typed).unwrap();
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        written["phones"],
        serde_json::json!([{"value": "030 1", "types": ["work", "fax"]}])
    );
    let back: Contact = serde_json::from_str(&text).unwrap();
    assert_eq!(back, typed);
}

#[test]
fn renaming_drops_name_parts_that_no_longer_fit() {
    let contacts = fixture_contacts("apple_contacts_full_3_0.vcf");
    let mut lukasz = contacts[0].clone();
    lukasz.rename("Łukasz Kowalski-Schönberger");
    assert_eq!(
        lukasz.name_parts.family, "Kowalski-Schönberger",
        "still fits"
    );
    lukasz.rename("Lukas Schmidt");
    assert!(lukasz.name_parts.is_empty());
    let cards = read_independently(&write_contacts_as(&[lukasz], VCardVersion::V3));
    assert_eq!(raw(&cards[0], "N"), ["Schmidt;Lukas;;;"]);
}

#[test]
fn editing_the_numbers_in_a_form_keeps_a_fax_a_fax() {
    let before = vec![
        TypedValue::with_types("+49 30 1", &["cell", "pref"]),
        TypedValue::with_types("+49 30 9", &["work", "fax"]),
    ];
    assert_eq!(TypedValue::lines(&before), "+49 30 1\n+49 30 9");
    let after = TypedValue::from_lines(" +49 30 9 \n\n0171 new\n", &before);
    assert_eq!(
        after,
        [
            TypedValue::with_types("+49 30 9", &["work", "fax"]),
            TypedValue::new("0171 new"),
        ]
    );
}

#[test]
fn planning_an_import_passes_warnings_on_and_the_same_file_twice_only_matches() {
    use chefsache::domain::Dataset;
    use chefsache::state::contact_import::{merge_contact, plan_import};
    let plan = plan_import(&Dataset::default(), read("large_photo.vcf"), now());
    assert_eq!(plan.new.len(), 2);
    assert_eq!(plan.warnings.len(), 1);

    let first = plan_import(
        &Dataset::default(),
        read("google_contacts_full_3_0.vcf"),
        now(),
    );
    let data = Dataset {
        contacts: first.new.iter().map(|(_, c)| c.clone()).collect(),
        ..Dataset::default()
    };
    let again = plan_import(&data, read("google_contacts_full_3_0.vcf"), now());
    assert!(again.new.is_empty(), "nothing is added twice");
    assert_eq!(again.conflicts.len(), 2);
    // Merging a card into its own contact changes nothing.
    let conflict = &again.conflicts[0];
    let existing = data.contact(conflict.existing).unwrap();
    assert_eq!(&merge_contact(existing, &conflict.incoming), existing);
}

#[test]
fn a_merge_fills_the_new_fields_and_adds_other_addresses() {
    use chefsache::domain::Address;
    use chefsache::state::contact_import::merge_contact;
    let typed_in_app = {
        let mut c = Contact::new("Łukasz Kowalski-Schönberger", now());
        c.address = Address {
            street: "Friedrichstraße 100".into(),
            city: "Berlin".into(),
            ..Address::default()
        };
        c
    };
    let incoming = &fixture_contacts("apple_contacts_full_3_0.vcf")[0];
    let merged = merge_contact(&typed_in_app, incoming);
    assert_eq!(merged.name, typed_in_app.name, "the name stays");
    assert_eq!(
        merged.address, typed_in_app.address,
        "nothing is overwritten"
    );
    assert_eq!(merged.other_addresses.len(), 2);
    assert_eq!(merged.name_parts, incoming.name_parts);
    assert_eq!(merged.job_title, "Softwarearchitekt");
    assert_eq!(merged.photo, incoming.photo);
    assert_eq!(merged.phones, incoming.phones);
    assert_eq!(merged.categories, ["VIP"]);
    assert_eq!(merged.card_extras, incoming.card_extras);
}

#[test]
fn an_export_with_photos_over_the_old_5_mb_limit_imports_card_by_card() {
    assert_eq!(
        chefsache::exchange::vcard::MAX_VCARD_BYTES,
        50 * 1024 * 1024
    );
    let photo = "QUJD".repeat(200_000); // 600 KB decoded per card
    let mut file = String::new();
    for i in 0..10 {
        file.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person;{i};;;\r\nFN:{i} Person\r\nPHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nTEL:030 {i}\r\nEND:VCARD\r\n"
        ));
    }
    assert!(file.len() > 5 * 1024 * 1024);
    let import = parse_vcard_bytes(file.as_bytes());
    assert!(import.errors.is_empty());
    assert_eq!(import.contacts.len(), 10);
    assert_eq!(import.warnings.len(), 10);
    assert!(import.contacts.iter().all(|(_, c)| c.photo.is_empty()));
    assert_eq!(import.warnings[3].name, "3 Person");
}

#[test]
fn imported_cards_survive_a_backup() {
    use chefsache::domain::Dataset;
    use chefsache::exchange::backup::{export_json, parse_backup};
    let contacts: Vec<Contact> = FIXTURES.iter().flat_map(|f| fixture_contacts(f)).collect();
    let data = Dataset {
        contacts: contacts.clone().into(),
        ..Dataset::default()
    };
    let json = export_json(&data, "test", now());
    let backup = parse_backup(json.as_bytes()).expect("backup reads back");
    assert_eq!(backup.data.contacts, contacts);
}
