//! Writing vCards, read back with an independent parser (the `ical` crate),
//! plus domain conversion and duplicate detection.

use chefsache::domain::{Address, Contact, ContactKind, Role};
use chefsache::exchange::vcard::{
    find_duplicate, normalize_phone, parse_vcards, write_contacts, write_vcards, PostalAddress,
    TypedValue, VCardContact,
};
use chrono::{TimeZone, Utc};
use ical::parser::vcard::component::VcardContact as IndependentCard;

fn read_independently(text: &str) -> Vec<IndependentCard> {
    ical::VcardParser::new(std::io::BufReader::new(text.as_bytes()))
        .map(|card| card.expect("independent parser reads our vCard"))
        .collect()
}

/// The raw (still escaped) value of the first property `name`.
fn raw<'a>(card: &'a IndependentCard, name: &str) -> Option<&'a str> {
    card.properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .and_then(|p| p.value.as_deref())
}

fn all_raw<'a>(card: &'a IndependentCard, name: &str) -> Vec<&'a str> {
    card.properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case(name))
        .filter_map(|p| p.value.as_deref())
        .collect()
}

fn types_of(card: &IndependentCard, name: &str, index: usize) -> Vec<String> {
    card.properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case(name))
        .nth(index)
        .and_then(|p| p.params.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("TYPE"))
        .flat_map(|(_, v)| v)
        .collect()
}

fn sample() -> VCardContact {
    VCardContact {
        uid: "c0ffee00-1111-4222-8333-444455556666".into(),
        formatted_name: "Zoë Müller-Lüdenscheidt".into(),
        family_name: "Müller-Lüdenscheidt".into(),
        given_name: "Zoë".into(),
        organisation: "Grafik & Druck; Straße GmbH".into(),
        department: "Satz".into(),
        title: "Gestalterin".into(),
        emails: vec![
            TypedValue::with_types("zoe@example.de", &["work", "pref"]),
            TypedValue::new("zoe.privat@example.org"),
        ],
        phones: vec![TypedValue::with_types("+49 30 1234567", &["cell"])],
        addresses: vec![PostalAddress {
            types: vec!["work".into()],
            street: "Große Straße 1, Hof; links".into(),
            locality: "Berlin".into(),
            postal_code: "10115".into(),
            country: "Deutschland".into(),
            ..PostalAddress::default()
        }],
        urls: vec!["https://zoe.example.de/?a=1,2".into()],
        note: "Erste Zeile\nZweite Zeile mit \\ Backslash, Komma; Semikolon. ".to_string()
            + &"Sehr lange Notiz mit Umlauten äöüß ".repeat(8),
        categories: vec!["Kunde".into(), "Grafik, Druck".into()],
        ..VCardContact::default()
    }
}

#[test]
fn written_card_reads_back_with_independent_parser() {
    let text = write_vcards(&[sample()]);
    let cards = read_independently(&text);
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(raw(card, "VERSION"), Some("3.0"));
    assert_eq!(
        raw(card, "UID"),
        Some("c0ffee00-1111-4222-8333-444455556666")
    );
    assert_eq!(raw(card, "FN"), Some("Zoë Müller-Lüdenscheidt"));
    assert_eq!(raw(card, "N"), Some("Müller-Lüdenscheidt;Zoë;;;"));
    // Escaped as RFC 2426 wants: `;` inside a component, `,` too.
    assert_eq!(raw(card, "ORG"), Some("Grafik & Druck\\; Straße GmbH;Satz"));
    assert_eq!(raw(card, "TITLE"), Some("Gestalterin"));
    assert_eq!(
        all_raw(card, "EMAIL"),
        vec!["zoe@example.de", "zoe.privat@example.org"]
    );
    let email_types = types_of(card, "EMAIL", 0);
    assert!(
        email_types.iter().any(|t| t.eq_ignore_ascii_case("WORK")),
        "{email_types:?}"
    );
    assert!(email_types.iter().any(|t| t.eq_ignore_ascii_case("PREF")));
    assert_eq!(raw(card, "TEL"), Some("+49 30 1234567"));
    assert_eq!(types_of(card, "TEL", 0), vec!["CELL".to_string()]);
    assert_eq!(
        raw(card, "ADR"),
        Some(";;Große Straße 1\\, Hof\\; links;Berlin;;10115;Deutschland")
    );
    assert_eq!(raw(card, "URL"), Some("https://zoe.example.de/?a=1\\,2"));
    let note = raw(card, "NOTE").expect("note");
    assert!(note.starts_with(
        "Erste Zeile\\nZweite Zeile mit \\\\ Backslash\\, Komma\\; Semikolon. Sehr lange Notiz"
    ));
    assert!(
        note.ends_with("äöüß"),
        "trailing space of the note: {note:?}"
    );
    assert_eq!(raw(card, "CATEGORIES"), Some("Kunde,Grafik\\, Druck"));
}

#[test]
fn output_is_crlf_folded_at_75_octets_and_valid_utf8() {
    let text = write_vcards(&[sample(), sample()]);
    assert!(text.ends_with("END:VCARD\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    let mut folded = 0;
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        if line.starts_with(' ') {
            folded += 1;
        }
    }
    assert!(folded > 2, "the long note is folded");
    // Every physical line is valid UTF-8 on its own: no character was cut.
    for line in text.as_bytes().split(|&b| b == b'\n') {
        assert!(std::str::from_utf8(line).is_ok());
    }
}

#[test]
fn own_write_then_own_read_gives_the_same_contact() {
    let original = sample();
    let import = parse_vcards(&write_vcards(std::slice::from_ref(&original)));
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let mut back = import.contacts[0].1.clone();
    // `internet` is implied for e-mail and dropped on read.
    back.emails
        .iter_mut()
        .for_each(|e| e.types.retain(|t| t != "internet"));
    let mut expected = original;
    expected.note = expected.note.trim().to_string();
    assert_eq!(back, expected);
}

fn domain_contact() -> Contact {
    let now = Utc.with_ymd_and_hms(2024, 5, 1, 8, 0, 0).unwrap();
    let mut contact = Contact::new("Jürgen Weiß", now);
    contact.organisation = "Weiß Fotografie".into();
    contact.roles = vec![Role::Collaborator, Role::Supplier];
    contact.emails = vec!["juergen@weiss-foto.de".into()];
    contact.phones = vec!["0171 2345678".into()];
    contact.address = Address {
        street: "Am Markt 3".into(),
        postal_code: "01067".into(),
        city: "Dresden".into(),
        country: "Deutschland".into(),
        ..Address::default()
    };
    contact.website = "https://weiss-foto.de".into();
    contact.notes = "Hat eigenes Studio.".into();
    contact
}

#[test]
fn domain_contact_round_trip_keeps_id_and_fields() {
    let original = domain_contact();
    let text = write_contacts(std::slice::from_ref(&original));

    let cards = read_independently(&text);
    assert_eq!(raw(&cards[0], "N"), Some("Weiß;Jürgen;;;"));
    assert_eq!(raw(&cards[0], "CATEGORIES"), Some("Freelancer,Lieferant"));

    let import = parse_vcards(&text);
    let back = import.contacts[0].1.to_contact(original.created);
    assert_eq!(back.id, original.id, "UID carries the contact id");
    assert_eq!(back.name, original.name);
    assert_eq!(back.kind, ContactKind::Person);
    assert_eq!(back.organisation, original.organisation);
    assert_eq!(back.roles, original.roles);
    assert_eq!(back.emails, original.emails);
    assert_eq!(back.phones, original.phones);
    assert_eq!(back.address, original.address);
    assert_eq!(back.website, original.website);
    assert_eq!(back.notes, original.notes);
}

#[test]
fn organisation_round_trip() {
    let now = Utc.with_ymd_and_hms(2024, 5, 1, 8, 0, 0).unwrap();
    let mut org = Contact::new("Druckerei Schmidt & Co. KG", now);
    org.kind = ContactKind::Organisation;
    org.roles = vec![Role::Supplier];
    let text = write_contacts(&[org.clone()]);
    let back = parse_vcards(&text).contacts[0].1.to_contact(now);
    assert_eq!(back.kind, ContactKind::Organisation);
    assert_eq!(back.name, org.name);
    assert_eq!(back.organisation, "");
}

#[test]
fn duplicates_by_email_or_by_name_and_phone() {
    let existing = vec![domain_contact(), {
        let mut c = Contact::new("Anna Schmidt", Utc::now());
        c.phones = vec!["+49 (30) 555-12 34".into()];
        c
    }];
    let by_email = VCardContact {
        formatted_name: "J. Weiss".into(),
        emails: vec![TypedValue::new("  JUERGEN@Weiss-Foto.de ")],
        ..VCardContact::default()
    };
    assert_eq!(find_duplicate(&existing, &by_email), Some(0));

    let by_name_and_phone = VCardContact {
        formatted_name: "anna  SCHMIDT".into(),
        phones: vec![TypedValue::new("030 5551234")],
        ..VCardContact::default()
    };
    assert_eq!(find_duplicate(&existing, &by_name_and_phone), Some(1));

    let same_name_other_phone = VCardContact {
        formatted_name: "Anna Schmidt".into(),
        phones: vec![TypedValue::new("030 9999999")],
        ..VCardContact::default()
    };
    assert_eq!(find_duplicate(&existing, &same_name_other_phone), None);

    let nothing_in_common = VCardContact {
        formatted_name: "Neue Person".into(),
        ..VCardContact::default()
    };
    assert_eq!(find_duplicate(&existing, &nothing_in_common), None);
    assert_eq!(find_duplicate::<Contact, _>(&[], &nothing_in_common), None);
}

#[test]
fn phone_normalisation() {
    assert_eq!(normalize_phone("+49 171 2345678"), "491712345678");
    assert_eq!(normalize_phone("0049 171 2345678"), "491712345678");
    assert_eq!(normalize_phone("0171/234 56 78"), "491712345678");
    assert_eq!(normalize_phone("+1 (555) 010-9999"), "15550109999");
    assert_eq!(normalize_phone("keine"), "");
}
