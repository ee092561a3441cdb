//! Reading vCard files as common programs export them.

use chefsache::exchange::ical::BlockProblem;
use chefsache::exchange::vcard::{parse_vcard_bytes, parse_vcards, CardProblem, VCardContact};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/vcard/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("fixture is UTF-8")
}

fn only_contacts(text: &str) -> Vec<VCardContact> {
    let import = parse_vcards(text);
    assert!(
        import.errors.is_empty(),
        "unexpected errors: {:?}",
        import.errors
    );
    import.contacts.into_iter().map(|(_, c)| c).collect()
}

#[test]
fn apple_contacts_3_0_with_groups_folding_and_escapes() {
    let contacts = only_contacts(&fixture("apple_contacts_3_0.vcf"));
    assert_eq!(contacts.len(), 2);

    let hans = &contacts[0];
    assert_eq!(hans.formatted_name, "Dr. Hans Peter Müller");
    assert_eq!(hans.family_name, "Müller");
    assert_eq!(hans.given_name, "Hans");
    assert_eq!(hans.additional_names, "Peter");
    assert_eq!(hans.prefixes, "Dr.");
    assert_eq!(hans.organisation, "Müller & Söhne GmbH");
    assert_eq!(hans.department, "Vertrieb");
    assert_eq!(hans.title, "Geschäftsführer");
    assert!(!hans.is_organisation);
    // Preferred first; `internet` dropped as meaningless.
    assert_eq!(hans.emails[0].value, "hans.mueller@mueller-soehne.de");
    assert!(hans.emails[0].has_type("pref"));
    assert!(!hans.emails[0].has_type("internet"));
    assert_eq!(hans.emails[1].value, "hans@example.org");
    assert!(hans.emails[1].has_type("home"));
    assert_eq!(hans.phones.len(), 2);
    assert_eq!(hans.phones[0].value, "+49 171 1234567");
    assert!(hans.phones[0].has_type("cell"));
    assert_eq!(hans.phones[1].value, "0221 987654-0");
    let address = &hans.addresses[0];
    assert_eq!(address.street, "Hauptstraße 5, Hinterhaus");
    assert_eq!(address.locality, "Köln");
    assert_eq!(address.postal_code, "50667");
    assert_eq!(address.country, "Deutschland");
    assert_eq!(hans.urls[0].value, "https://www.mueller-soehne.de");
    assert_eq!(hans.urls[0].label, "_$!<HomePage>!$_", "Apple's label kept");
    assert_eq!(
        hans.note,
        "Bevorzugt Termine vormittags; bitte vorher anrufen.\nZweite Zeile mit Komma, \
         Backslash \\ und Umlauten: äöü ÄÖÜ ß – das ist eine lange Zeile, die gefaltet wurde."
    );
    assert_eq!(
        hans.categories,
        vec!["Kunde".to_string(), "VIP".to_string()]
    );
    assert_eq!(hans.uid, "6F1A5C2E-8B3D-4E9F-A1B2-C3D4E5F60718");

    let print = &contacts[1];
    assert!(print.is_organisation, "X-ABShowAs:COMPANY marks a company");
    assert_eq!(print.display_name(), "Druckerei Weiß KG");
    assert_eq!(print.organisation, "Druckerei Weiß KG");
    assert_eq!(print.addresses[0].region, "Bayern");
    assert_eq!(print.phones[0].value, "+49 (0)89 / 12 34 56");
}

#[test]
fn google_contacts_3_0_with_lf_line_ends() {
    let contacts = only_contacts(&fixture("google_contacts_3_0.vcf"));
    assert_eq!(contacts.len(), 2);
    let zoe = &contacts[0];
    assert_eq!(zoe.display_name(), "Zoë Weiß");
    assert_eq!(zoe.given_name, "Zoë");
    assert_eq!(zoe.emails.len(), 2);
    assert!(zoe.emails[1].has_type("work"));
    assert_eq!(zoe.addresses[0].street, "Schloßallee 1");
    assert_eq!(
        zoe.categories,
        vec!["myContacts".to_string(), "Freelancer".to_string()]
    );
    // Missing optional fields are simply empty.
    let jan = &contacts[1];
    assert!(jan.emails.is_empty());
    assert!(jan.addresses.is_empty());
    assert_eq!(jan.note, "");
    assert_eq!(jan.phones[0].value, "030 123456");
}

#[test]
fn thunderbird_4_0_with_pref_and_tel_uri() {
    let contacts = only_contacts(&fixture("thunderbird_4_0.vcf"));
    assert_eq!(contacts.len(), 2);
    let lukasz = &contacts[0];
    assert_eq!(lukasz.display_name(), "Łukasz Nowak");
    assert_eq!(lukasz.emails[0].value, "lukasz@nowak.pl");
    assert!(lukasz.emails[0].has_type("pref"));
    assert_eq!(
        lukasz.phones[1].value, "+48-600-123-456",
        "tel: URI scheme stripped"
    );
    assert_eq!(lukasz.addresses[0].street, "ul. Marszałkowska 1");
    assert_eq!(lukasz.uid, "urn:uuid:0b4f8a3e-5c1d-4f2a-9e7b-6d8c9a0b1c2d");
    assert!(contacts[1].is_organisation, "KIND:org");
}

#[test]
fn outlook_with_bom_and_bare_parameters() {
    let contacts = only_contacts(&fixture("outlook_bom.vcf"));
    assert_eq!(contacts.len(), 1);
    let anna = &contacts[0];
    assert_eq!(anna.display_name(), "Anna Schäfer");
    assert_eq!(anna.emails[0].value, "anna@schaefer-consulting.de");
    assert_eq!(anna.addresses[0].locality, "Hamburg");
    assert_eq!(anna.phones[0].value, "+49 40 1234567");
}

#[test]
fn broken_middle_card_is_reported_and_the_others_import() {
    let import = parse_vcards(&fixture("three_middle_broken.vcf"));
    let names: Vec<String> = import
        .contacts
        .iter()
        .map(|(_, c)| c.display_name())
        .collect();
    assert_eq!(names, vec!["Erste Person", "Dritte Person"]);
    assert_eq!(import.contacts[0].0.card, 1);
    assert_eq!(import.contacts[1].0.card, 3);
    assert_eq!(import.contacts[1].0.line, 14);
    assert_eq!(import.errors.len(), 1);
    let error = &import.errors[0];
    assert_eq!(error.position.card, 2);
    assert_eq!(error.position.line, 11);
    assert!(
        matches!(&error.problem, CardProblem::Broken(BlockProblem::NotAProperty { snippet }) if snippet.contains("keine Eigenschaft")),
        "{}",
        error.problem
    );
    assert!(error.to_string().starts_with("card 2 (line 11)"));
}

#[test]
fn unterminated_middle_card_is_reported_and_the_others_import() {
    let import = parse_vcards(&fixture("three_middle_unterminated.vcf"));
    let names: Vec<String> = import
        .contacts
        .iter()
        .map(|(_, c)| c.display_name())
        .collect();
    assert_eq!(names, vec!["Erste Person", "Dritte Person"]);
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].position.card, 2);
    assert!(matches!(import.errors[0].problem, CardProblem::Broken(_)));
    assert!(import.errors[0].to_string().contains("END:VCARD"));
}

#[test]
fn same_cards_with_crlf_and_lf_read_the_same() {
    let crlf = fixture("apple_contacts_3_0.vcf");
    let lf = crlf.replace("\r\n", "\n");
    assert_eq!(only_contacts(&crlf), only_contacts(&lf));
}

#[test]
fn fold_inside_a_line_with_multibyte_characters() {
    // Folded right after and right before multi-byte characters, with a tab
    // as fold indicator once.
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Mül\r\n ler-Straßé\r\nNOTE:Grüße aus der Stra\r\n\tße\r\nEND:VCARD\r\n";
    let contacts = only_contacts(text);
    assert_eq!(contacts[0].formatted_name, "Zoë Müller-Straßé");
    assert_eq!(contacts[0].note, "Grüße aus der Straße");
}

#[test]
fn fold_that_splits_a_utf8_character_in_bytes() {
    // A byte-counting exporter cut "ß" (C3 9F) in two across the fold.
    let bytes = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stra\xC3\r\n \x9Fe\r\nEND:VCARD\r\n";
    let import = parse_vcard_bytes(bytes);
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(import.contacts[0].1.formatted_name, "Straße");
}

#[test]
fn windows_1252_file_keeps_umlauts() {
    let bytes = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\xFCrgen M\xFCller\r\nEND:VCARD\r\n";
    let import = parse_vcard_bytes(bytes);
    assert_eq!(import.contacts[0].1.formatted_name, "Jürgen Müller");
}

#[test]
fn structured_values_with_escaped_separators() {
    let text = "BEGIN:VCARD\nVERSION:4.0\nFN:A\\, B\\; C\nN:Doe\\;Smith;Jane;;;\nADR:;;Weg 1\\; Hof;Bad Tölz;;83646;\nCATEGORIES:Kunde\\,intern,Lieferant\nEND:VCARD\n";
    let contact = &only_contacts(text)[0];
    assert_eq!(contact.formatted_name, "A, B; C");
    assert_eq!(contact.family_name, "Doe;Smith");
    assert_eq!(contact.addresses[0].street, "Weg 1; Hof");
    assert_eq!(contact.addresses[0].locality, "Bad Tölz");
    assert_eq!(
        contact.categories,
        vec!["Kunde,intern".to_string(), "Lieferant".to_string()]
    );
}

#[test]
fn card_without_any_name_is_an_error() {
    let text = "BEGIN:VCARD\nVERSION:3.0\nNOTE:nur eine Notiz\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.de\nEND:VCARD\n";
    let import = parse_vcards(text);
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].position.card, 1);
    assert_eq!(import.contacts.len(), 1);
    assert_eq!(import.contacts[0].1.display_name(), "x@y.de");
}

#[test]
fn garbage_never_panics() {
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "BEGIN:VCARD".into(),
        "END:VCARD\nBEGIN:VCARD\n".into(),
        "BEGIN:VCARD\n\n\n END:VCARD\n".into(),
        "BEGIN:VCARD\nN:;;;;;;;;;;;;;\nFN:\nADR:;;;\nEND:VCARD".into(),
        "BEGIN:VCARD\nTEL;TYPE=\"\":\nEMAIL;;;:\nEND:VCARD".into(),
        "BEGIN:VCARD\r\n\u{0}\u{1}:\u{7f}\r\nEND:VCARD\r\n".into(),
        "begin:vcard\nfn:klein geschrieben\nend:vcard".into(),
        "ÄÖÜ".repeat(1000),
    ];
    for input in inputs {
        let _ = parse_vcards(&input);
        let _ = parse_vcard_bytes(input.as_bytes());
    }
    let _ = parse_vcard_bytes(&[0xff, 0xfe, 0x00, 0xC3, b'\n', b' ', 0x80]);
    assert_eq!(
        parse_vcards("begin:vcard\nfn:klein geschrieben\nend:vcard").contacts[0]
            .1
            .formatted_name,
        "klein geschrieben"
    );
    assert_eq!(parse_vcards("").errors[0].position.card, 0);
}
