//! Every importer (backup, vCard, iCalendar, CSV) gets random bytes and
//! random mutations of valid files: it must never panic, and every refusal
//! must say where the problem is (backup: a JSON path, a line and column,
//! a record, or a reason about the whole file; vCard: card and line;
//! iCalendar: event and line; CSV: line).
//!
//! A panic fails the test by itself. Mutations are the damage real files
//! suffer: flipped bytes, cut files, lost or doubled lines, control
//! characters, huge numbers, deep nesting, very long lines, impossible
//! dates, unbalanced `BEGIN`/`END`, broken quoted-printable, byte order
//! marks in the middle.

// proptest is a native dev-dependency only.
#![cfg(not(target_arch = "wasm32"))]

use chefsache::domain::{Dataset, ValidationError};
use chefsache::exchange::backup::{export_json, parse_backup, ImportError, MAX_BACKUP_BYTES};
use chefsache::exchange::csv::{read_csv_bytes, write_csv, CsvError, CsvOptions};
use chefsache::exchange::ical::{parse_calendar_bytes, IcsImport};
use chefsache::exchange::vcard::{parse_vcard_bytes, VCardImport};
use chefsache::state::calendar_import::{plan_import, RejectReason};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config;

// ----------------------------------------------------------------- inputs

fn read(path: &str) -> Vec<u8> {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn files_in(dir: &str) -> Vec<Vec<u8>> {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn backups() -> Vec<Vec<u8>> {
    let sample = read("public/samples/freelancer.json");
    let data = parse_backup(&sample).expect("the sample is valid").data;
    let now = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    vec![
        sample,
        read("tests/fixtures/backup-v1.json"),
        export_json(&data, "0.1.0", now).into_bytes(),
        export_json(&Dataset::new(), "0.1.0", now).into_bytes(),
    ]
}

fn vcards() -> Vec<Vec<u8>> {
    files_in("tests/fixtures/vcard")
}

fn calendars() -> Vec<Vec<u8>> {
    files_in("tests/fixtures/ical")
}

fn tables() -> Vec<Vec<u8>> {
    let headers = ["Schritt", "Verantwortlich", "Stunden", "Notiz"];
    let rows = vec![
        vec!["Konzept", "Jürgen Groß", "2,5", "mit \"Zitat\""],
        vec!["Umsetzung; Test", "Ärztin Öztürk", "10", "zwei\r\nZeilen"],
        vec!["", "", "", ""],
    ];
    vec![
        write_csv(&headers, &rows, &CsvOptions::excel_german()).into_bytes(),
        write_csv(&headers, &rows, &CsvOptions::standard()).into_bytes(),
    ]
}

// -------------------------------------------------------------- mutations

/// One kind of damage, at a position given as a fraction of the file.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
}

/// Texts that break parsers: control characters, huge and odd numbers,
/// deep nesting, very long lines, impossible dates, unbalanced blocks,
/// broken quoted-printable, byte order marks.
fn nasty() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (0u8..32).prop_map(|b| vec![b]),
        Just(vec![0x7F]),
        Just(vec![0]),
        Just(b"99999999999999999999999999999999".to_vec()),
        Just(b"-9223372036854775809".to_vec()),
        Just(b"18446744073709551616".to_vec()),
        Just(b"1e999".to_vec()),
        Just(b"-0.0000000000000000000001".to_vec()),
        Just(b"4294967296".to_vec()),
        (1usize..300).prop_map(|depth| "[".repeat(depth).into_bytes()),
        (1usize..300).prop_map(|depth| "{\"a\":".repeat(depth).into_bytes()),
        (1000usize..60_000).prop_map(|len| "x".repeat(len).into_bytes()),
        (1000usize..20_000).prop_map(|len| ";".repeat(len).into_bytes()),
        Just(b"2026-02-30".to_vec()),
        Just(b"\"0000-00-00T25:61:61Z\"".to_vec()),
        Just(b"99991231T246060Z".to_vec()),
        Just(b"DTSTART;VALUE=DATE:20261345\r\n".to_vec()),
        Just(b"DTSTART;TZID=Mars/Olympus:20260101T090000\r\n".to_vec()),
        Just(b"DTEND:19000101T000000Z\r\n".to_vec()),
        Just(b"RRULE:FREQ=SECONDLY;INTERVAL=0;COUNT=99999999999\r\n".to_vec()),
        Just(b"RRULE:FREQ=WEEKLY;BYDAY=XX,99MO;UNTIL=2\r\n".to_vec()),
        Just(b"DURATION:P99999999W\r\n".to_vec()),
        Just(b"DURATION:-PT\r\n".to_vec()),
        Just(b"BEGIN:VCARD\r\n".to_vec()),
        Just(b"END:VCARD\r\n".to_vec()),
        Just(b"BEGIN:VEVENT\r\n".to_vec()),
        Just(b"END:VEVENT\r\n".to_vec()),
        Just(b"BEGIN:VCALENDAR\r\n".to_vec()),
        Just(b"END:VCALENDAR\r\n".to_vec()),
        Just(b"BEGIN:VALARM\r\n".to_vec()),
        Just(b"END:VTIMEZONE\r\n".to_vec()),
        Just(b"BEGIN:\r\n".to_vec()),
        Just(b"NOTE;ENCODING=QUOTED-PRINTABLE:=ZZ=C3=\r\n=\r\n".to_vec()),
        Just(b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=FC=\r\nller=C3=\r\n".to_vec()),
        Just(b"PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64===\r\n".to_vec()),
        Just(b"ADR:;;;;;;;;;;;;;;;;;;\r\n".to_vec()),
        Just(b"N:\\\\\\;\\,\\\r\n".to_vec()),
        Just(b"item1.X-ABLabel:\r\n".to_vec()),
        Just(b" folded continuation\r\n".to_vec()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
        Just(vec![0xC3]),
        Just(vec![0xED, 0xA0, 0x80]),
        Just(b"\"".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\"format_version\": 1,".to_vec()),
        Just(b"\"format\": \"chefsache-backup\",".to_vec()),
        Just(b"null".to_vec()),
        prop::collection::vec(any::<u8>(), 1..16),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        (at(), 1u8..=255).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        at().prop_map(Mutation::Truncate),
        at().prop_map(Mutation::DeleteLine),
        at().prop_map(Mutation::DuplicateLine),
        (at(), nasty()).prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
        (at(), nasty()).prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
    ]
}

/// Line starts (byte offsets) of `bytes`, the end included.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    if *starts.last().unwrap() != bytes.len() {
        starts.push(bytes.len());
    }
    starts
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    match mutation {
        Mutation::FlipByte(i, x) if len > 0 => bytes[i.index(len)] ^= x,
        Mutation::Truncate(i) => bytes.truncate(i.index(len + 1)),
        Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) => {
            let starts = line_starts(bytes);
            if starts.len() < 2 {
                return;
            }
            let line = i.index(starts.len() - 1);
            let range = starts[line]..starts[line + 1];
            if matches!(mutation, Mutation::DeleteLine(_)) {
                bytes.drain(range);
            } else {
                let copy = bytes[range.clone()].to_vec();
                bytes.splice(range.end..range.end, copy);
            }
        }
        Mutation::Insert(i, insert) => {
            let at = i.index(len + 1);
            bytes.splice(at..at, insert.iter().copied());
        }
        Mutation::FlipByte(..) => {}
    }
}

/// One of `files`, damaged by one to four mutations.
fn damaged(files: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (
        any::<prop::sample::Index>(),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(move |(pick, mutations)| {
            let mut bytes = files[pick.index(files.len())].clone();
            for m in &mutations {
                apply(&mut bytes, m);
            }
            bytes
        })
}

/// Random bytes, sometimes behind a byte order mark, sometimes text-like.
fn random_bytes() -> impl Strategy<Value = Vec<u8>> {
    let bom = prop_oneof![
        Just(Vec::new()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
    ];
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        prop::collection::vec(
            prop::sample::select(
                b"BEGIN:VCARD\r\nEND:VEVENT;,:=\"{}[]0123456789.-\n\r \\".to_vec()
            ),
            0..2048
        ),
    ];
    (bom, body).prop_map(|(mut bom, body)| {
        bom.extend(body);
        bom
    })
}

/// A value a backup field should not have, or one copied from elsewhere in
/// the file (an id of another record: duplicates, broken links, cycles).
#[derive(Debug, Clone)]
enum Replacement {
    Value(serde_json::Value),
    CopyOf(prop::sample::Index),
    Remove,
}

fn replacement() -> impl Strategy<Value = Replacement> {
    use serde_json::json;
    let deep = (1usize..200).prop_map(|depth| (0..depth).fold(json!(0), |inner, _| json!([inner])));
    prop_oneof![
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(1e308)),
        Just(json!(-0.5)),
        Just(json!("")),
        Just(json!("zwei")),
        Just(json!("2026-02-30")),
        Just(json!("2026-11-03T25:00:00Z")),
        Just(json!("00000000-0000-0000-0000-000000000000")),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"kind": "other"})),
        deep,
        "[ -~äöüß]{0,40}".prop_map(serde_json::Value::String),
    ]
    .prop_map(Replacement::Value)
    .boxed()
    .prop_union(
        any::<prop::sample::Index>()
            .prop_map(Replacement::CopyOf)
            .boxed(),
    )
    .or(Just(Replacement::Remove).boxed())
}

/// Every value of a JSON tree, depth first, as paths of keys/positions.
fn json_paths(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                path.push(key.clone());
                json_paths(child, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                json_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn json_at<'a>(
    value: &'a mut serde_json::Value,
    path: &[String],
) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(value, |v, key| match v {
        serde_json::Value::Object(map) => map.get_mut(key),
        serde_json::Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn replace_in_json(value: &mut serde_json::Value, at: prop::sample::Index, with: &Replacement) {
    let mut paths = Vec::new();
    json_paths(value, &mut Vec::new(), &mut paths);
    let path = paths[at.index(paths.len())].clone();
    let new = match with {
        Replacement::Value(v) => v.clone(),
        Replacement::CopyOf(other) => {
            let from = &paths[other.index(paths.len())];
            match json_at(value, from) {
                Some(v) => v.clone(),
                None => return,
            }
        }
        Replacement::Remove => {
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match json_at(value, parent) {
                Some(serde_json::Value::Object(map)) => {
                    map.remove(last);
                }
                Some(serde_json::Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
            return;
        }
    };
    if let Some(slot) = json_at(value, &path) {
        *slot = new;
    }
}

/// A valid backup with one to four of its values replaced, copied or
/// removed: it stays JSON, so the later stages (format, migration, fields,
/// validation) get the damage.
fn damaged_backup_values() -> impl Strategy<Value = Vec<u8>> {
    let files = backups();
    (
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<prop::sample::Index>(), replacement()), 1..5),
    )
        .prop_map(move |(pick, changes)| {
            let mut value: serde_json::Value =
                serde_json::from_slice(&files[pick.index(files.len())]).unwrap();
            for (at, with) in &changes {
                replace_in_json(&mut value, *at, with);
            }
            serde_json::to_vec_pretty(&value).unwrap()
        })
}

// ------------------------------------------------------------- invariants

/// Lines of the file, at most, however an importer counts them (LF, or
/// CR alone; UTF-16 counted by its code units).
fn line_count(bytes: &[u8]) -> usize {
    let breaks = |units: &[u16]| {
        (0..units.len())
            .filter(|&i| {
                units[i] == u16::from(b'\n')
                    || (units[i] == u16::from(b'\r') && units.get(i + 1) != Some(&u16::from(b'\n')))
            })
            .count()
    };
    let wide = |f: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|p| f([p[0], p[1]])).collect();
        breaks(&units)
    };
    let narrow: Vec<u16> = bytes.iter().map(|&b| u16::from(b)).collect();
    breaks(&narrow)
        .max(wide(u16::from_le_bytes))
        .max(wide(u16::from_be_bytes))
        + 1
}

fn backup_error_has_a_place(error: &ImportError) -> Result<(), TestCaseError> {
    match error {
        // Reasons about the whole file.
        ImportError::TooLarge { .. }
        | ImportError::NotABackup
        | ImportError::WrongFormat { .. }
        | ImportError::NewerVersion { .. }
        | ImportError::UnknownVersion { .. } => {}
        ImportError::NotUtf8 { line, column } | ImportError::NotJson { line, column, .. } => {
            prop_assert!(*line >= 1 && *column >= 1, "{error}");
        }
        ImportError::Migration(m) => prop_assert!(!m.path.is_empty(), "{error}"),
        ImportError::Field { path, .. } => {
            prop_assert!(!path.is_empty(), "{error}");
        }
        ImportError::Invalid(errors) => {
            prop_assert!(!errors.is_empty(), "{error}");
            for e in errors {
                let placed = match e {
                    ValidationError::DuplicateId { .. } => true,
                    ValidationError::DependencyCycle { steps, titles } => {
                        !steps.is_empty() && steps.len() == titles.len()
                    }
                    other => other.record().is_some(),
                };
                prop_assert!(placed, "{e}");
            }
        }
    }
    Ok(())
}

fn check_backup(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(error) = parse_backup(bytes) {
        backup_error_has_a_place(&error)?;
        if let ImportError::NotUtf8 { line, .. } | ImportError::NotJson { line, .. } = error {
            prop_assert!(line <= line_count(bytes), "{error}");
        }
    }
    Ok(())
}

fn check_vcards(bytes: &[u8]) -> Result<VCardImport, TestCaseError> {
    let import = parse_vcard_bytes(bytes);
    let lines = line_count(bytes);
    for (position, _) in &import.contacts {
        prop_assert!(position.card >= 1 && position.line >= 1);
        prop_assert!(position.line <= lines);
    }
    for error in &import.errors {
        prop_assert!(
            error.position.line >= 1 && error.position.line <= lines,
            "{error}"
        );
        if error.position.card == 0 {
            // Only for "no card at all" or "not text": about the whole file.
            prop_assert!(import.contacts.is_empty(), "{error}");
            prop_assert_eq!(import.errors.len(), 1);
        }
        prop_assert!(!error.problem.to_string().is_empty());
    }
    Ok(import)
}

fn check_calendar(bytes: &[u8]) -> Result<IcsImport, TestCaseError> {
    let import = parse_calendar_bytes(bytes);
    let lines = line_count(bytes);
    for (position, _) in &import.events {
        prop_assert!(position.event >= 1 && position.line >= 1);
        prop_assert!(position.line <= lines);
    }
    for error in &import.errors {
        prop_assert!(
            error.position.line >= 1 && error.position.line <= lines,
            "{error}"
        );
        if error.position.event == 0 {
            prop_assert!(import.events.is_empty(), "{error}");
        }
        prop_assert!(!error.problem.to_string().is_empty());
    }
    for warning in &import.warnings {
        prop_assert!(
            warning.position.line >= 1 && warning.position.line <= lines,
            "{warning}"
        );
    }
    // The plan adds the domain's checks per event.
    let now = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    let plan = plan_import(&Dataset::new(), bytes, now);
    for rejected in &plan.rejected {
        prop_assert!(rejected.line >= 1 && rejected.line <= lines, "{rejected:?}");
        if let RejectReason::Invalid(errors) = &rejected.reason {
            prop_assert!(!errors.is_empty());
        }
    }
    Ok(import)
}

fn csv_error_has_a_place(error: &CsvError, bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert!(
        error.line >= 1 && error.line as usize <= line_count(bytes),
        "{error}"
    );
    Ok(())
}

fn check_csv(bytes: &[u8]) -> Result<(), TestCaseError> {
    for options in [CsvOptions::default(), CsvOptions::excel_german()] {
        match read_csv_bytes(bytes, &options) {
            Ok(table) => {
                let lines = line_count(bytes) as u64;
                let mut previous = 1;
                for row in &table.rows {
                    prop_assert!(row.line > previous && row.line <= lines, "{row:?}");
                    previous = row.line;
                }
            }
            Err(error) => csv_error_has_a_place(&error, bytes)?,
        }
    }
    Ok(())
}

// ------------------------------------------------------------- properties

fn config() -> Config {
    Config {
        cases: 256,
        // Failures are shrunk and reported; no files are written into the
        // source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic_and_every_refusal_has_a_place(bytes in random_bytes()) {
        check_backup(&bytes)?;
        check_vcards(&bytes)?;
        check_calendar(&bytes)?;
        check_csv(&bytes)?;
    }

    #[test]
    fn damaged_backups(bytes in damaged(backups())) {
        check_backup(&bytes)?;
    }

    #[test]
    fn backups_with_wrong_values(bytes in damaged_backup_values()) {
        check_backup(&bytes)?;
    }

    #[test]
    fn damaged_vcards(bytes in damaged(vcards())) {
        check_vcards(&bytes)?;
    }

    #[test]
    fn damaged_calendars(bytes in damaged(calendars())) {
        check_calendar(&bytes)?;
    }

    #[test]
    fn damaged_tables(bytes in damaged(tables())) {
        check_csv(&bytes)?;
    }

    /// Any file is also tried as every other format: a vCard given to the
    /// calendar import, a backup given to the CSV reader.
    #[test]
    fn damaged_files_as_every_format(bytes in damaged(
        [backups(), vcards(), calendars(), tables()].concat()
    )) {
        check_backup(&bytes)?;
        check_vcards(&bytes)?;
        check_calendar(&bytes)?;
        check_csv(&bytes)?;
    }
}

#[test]
fn the_inputs_are_valid_before_damage() {
    for bytes in backups() {
        assert!(parse_backup(&bytes).is_ok());
    }
    for bytes in vcards() {
        assert!(!parse_vcard_bytes(&bytes).contacts.is_empty());
    }
    for bytes in calendars() {
        assert!(!parse_calendar_bytes(&bytes).events.is_empty());
    }
    for bytes in tables() {
        assert_eq!(
            read_csv_bytes(&bytes, &CsvOptions::default())
                .unwrap()
                .rows
                .len(),
            3
        );
    }
}

#[test]
fn a_too_large_backup_is_refused_before_parsing() {
    let bytes = vec![b' '; MAX_BACKUP_BYTES + 1];
    assert!(matches!(
        parse_backup(&bytes),
        Err(ImportError::TooLarge { .. })
    ));
}
