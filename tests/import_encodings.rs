//! Every importer reads the same text in every accepted encoding: UTF-8,
//! UTF-8 with BOM, UTF-16 LE and BE with BOM. German umlauts must survive,
//! and a broken UTF-16 file is refused with the line of the bad byte.

use chefsache::domain::Dataset;
use chefsache::exchange::backup::{export_json, parse_backup, ImportError};
use chefsache::exchange::csv::{read_csv, read_csv_bytes, CsvOptions};
use chefsache::exchange::encoding::{decode, Encoding};
use chefsache::exchange::ical::parse_calendar_bytes;
use chefsache::exchange::vcard::parse_vcard_bytes;
use chefsache::state::calendar_import::plan_import;
use chrono::{TimeZone, Utc};

/// The same text as a file in each accepted encoding.
fn encodings(text: &str) -> Vec<(Encoding, Vec<u8>)> {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    vec![
        (Encoding::Utf8, text.as_bytes().to_vec()),
        (Encoding::Utf8Bom, bom),
        (Encoding::Utf16Le, le),
        (Encoding::Utf16Be, be),
    ]
}

/// A UTF-16 LE file whose third line holds an unpaired surrogate.
fn broken_utf16(text_before: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text_before.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.extend_from_slice(&[0x00, 0xDC, b'x', 0x00]);
    bytes
}

fn sample_backup() -> String {
    let path = format!(
        "{}/public/samples/freelancer.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("sample backup")
}

const VCARD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schäfer;Jürgen\r\nFN:Jürgen Schäfer\r\n\
ORG:Bäckerei Groß\r\nADR;TYPE=work:;;Hauptstraße 5;Köln;;50667;Deutschland\r\n\
NOTE:Grüße an Frau Müller\r\nEND:VCARD\r\n";

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\n\
BEGIN:VEVENT\r\nUID:abnahme-1@example.org\r\nDTSTAMP:20261101T090000Z\r\n\
DTSTART:20261110T090000Z\r\nDTEND:20261110T100000Z\r\nSUMMARY:Abnahme Büro Käßmann\r\n\
LOCATION:Straße der Einheit 3\\, Görlitz\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const CSV: &str = "Schritt;Verantwortlich;Stunden\r\nÜberarbeitung;Jürgen Groß;2,5\r\n\
\"Maßnahmen; Prüfung\";Ärztin Öztürk;1\r\n";

#[test]
fn backup_in_every_encoding() {
    let text = sample_backup();
    let reference = parse_backup(text.as_bytes()).expect("sample is valid");
    assert!(
        reference
            .data
            .projects
            .iter()
            .any(|p| p.notes.contains('%')),
        "the sample has notes"
    );
    for (encoding, bytes) in encodings(&text) {
        let read = parse_backup(&bytes).unwrap_or_else(|e| panic!("{encoding:?}: {e}"));
        assert_eq!(read, reference, "{encoding:?}");
    }
}

#[test]
fn exported_backup_with_umlauts_in_every_encoding() {
    let mut data = Dataset::new();
    let project = chefsache::domain::Project::new("Fußbodenerneuerung Größe XL", Utc::now());
    data.projects.push(project);
    let now = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    let json = export_json(&data, "0.1.0", now);
    for (encoding, bytes) in encodings(&json) {
        let read = parse_backup(&bytes).unwrap_or_else(|e| panic!("{encoding:?}: {e}"));
        assert_eq!(
            read.data.projects[0].name, "Fußbodenerneuerung Größe XL",
            "{encoding:?}"
        );
    }
}

#[test]
fn backup_that_is_not_utf16_names_line_and_column() {
    let error = parse_backup(&broken_utf16("{\n  \"format\": \n")).unwrap_err();
    assert_eq!(error, ImportError::NotUtf8 { line: 3, column: 1 });
    // Bytes that are no text at all, without BOM: the UTF-8 error as before.
    let error = parse_backup(b"{\n \"a\": \"\xC3(\"}").unwrap_err();
    assert_eq!(error, ImportError::NotUtf8 { line: 2, column: 8 });
}

#[test]
fn vcard_in_every_encoding() {
    for (encoding, bytes) in encodings(VCARD) {
        let import = parse_vcard_bytes(&bytes);
        assert!(
            import.errors.is_empty(),
            "{encoding:?}: {:?}",
            import.errors
        );
        let (position, card) = &import.contacts[0];
        assert_eq!(position.line, 1, "{encoding:?}");
        assert_eq!(card.formatted_name, "Jürgen Schäfer", "{encoding:?}");
        assert_eq!(card.organisation, "Bäckerei Groß", "{encoding:?}");
        assert_eq!(card.addresses[0].street, "Hauptstraße 5", "{encoding:?}");
        assert_eq!(card.addresses[0].locality, "Köln", "{encoding:?}");
        assert_eq!(card.note, "Grüße an Frau Müller", "{encoding:?}");
    }
}

#[test]
fn vcard_fixtures_read_the_same_in_utf16() {
    let dir = format!("{}/tests/fixtures/vcard", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = decode(&bytes).unwrap().text.into_owned();
        let reference = parse_vcard_bytes(&bytes);
        for (encoding, bytes) in encodings(&text) {
            assert_eq!(
                parse_vcard_bytes(&bytes),
                reference,
                "{}: {encoding:?}",
                path.display()
            );
        }
    }
}

#[test]
fn vcard_that_is_not_utf16_names_the_line() {
    let import = parse_vcard_bytes(&broken_utf16("BEGIN:VCARD\r\nFN:Jörg\r\n"));
    assert!(import.contacts.is_empty());
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].position.line, 3);
    assert!(
        import.errors[0]
            .problem
            .to_string()
            .contains("UTF-16 LE at line 3, column 1"),
        "{}",
        import.errors[0]
    );
}

#[test]
fn icalendar_in_every_encoding() {
    for (encoding, bytes) in encodings(ICS) {
        let import = parse_calendar_bytes(&bytes);
        assert!(
            import.errors.is_empty(),
            "{encoding:?}: {:?}",
            import.errors
        );
        let (position, event) = &import.events[0];
        assert_eq!(position.line, 4, "{encoding:?}");
        assert_eq!(event.title, "Abnahme Büro Käßmann", "{encoding:?}");
        assert_eq!(
            event.location, "Straße der Einheit 3, Görlitz",
            "{encoding:?}"
        );
    }
}

#[test]
fn icalendar_fixtures_and_import_plan_read_the_same_in_utf16() {
    let dir = format!("{}/tests/fixtures/ical", env!("CARGO_MANIFEST_DIR"));
    let now = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = decode(&bytes).unwrap().text.into_owned();
        let reference = parse_calendar_bytes(&bytes);
        let plan = plan_import(&Dataset::new(), &bytes, now);
        for (encoding, bytes) in encodings(&text) {
            let name = format!("{}: {encoding:?}", path.display());
            assert_eq!(parse_calendar_bytes(&bytes), reference, "{name}");
            let other = plan_import(&Dataset::new(), &bytes, now);
            assert_eq!(other.imported, plan.imported, "{name}");
            assert_eq!(other.rejected, plan.rejected, "{name}");
        }
    }
}

#[test]
fn icalendar_that_is_not_utf16_is_rejected_with_its_line() {
    let now = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    let bytes = broken_utf16("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
    let import = parse_calendar_bytes(&bytes);
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].position.line, 3);
    let plan = plan_import(&Dataset::new(), &bytes, now);
    assert!(plan.imported.is_empty());
    assert_eq!(plan.rejected.len(), 1);
    assert_eq!(plan.rejected[0].line, 3);
}

#[test]
fn csv_in_every_encoding() {
    let reference = read_csv(CSV, &CsvOptions::default()).unwrap();
    assert_eq!(reference.headers, ["Schritt", "Verantwortlich", "Stunden"]);
    assert_eq!(reference.rows[1].fields[0], "Maßnahmen; Prüfung");
    for (encoding, bytes) in encodings(CSV) {
        let read = read_csv_bytes(&bytes, &CsvOptions::default())
            .unwrap_or_else(|e| panic!("{encoding:?}: {e}"));
        assert_eq!(read, reference, "{encoding:?}");
        assert_eq!(read.rows[0].fields[1], "Jürgen Groß", "{encoding:?}");
    }
}

#[test]
fn csv_that_is_not_text_names_line_and_column() {
    let error = read_csv_bytes(b"a;b\r\n\xFF;2\r\n", &CsvOptions::default()).unwrap_err();
    assert_eq!(error.line, 2);
    assert!(
        error.problem.to_string().contains("line 2, column 1"),
        "{error}"
    );
    let error =
        read_csv_bytes(&broken_utf16("a;b\r\n1;2\r\n"), &CsvOptions::default()).unwrap_err();
    assert_eq!(error.line, 3);
}
