//! CSV export for spreadsheets and the small reader.

use chefsache::exchange::csv::{read_csv, write_csv, CsvOptions};

fn table() -> (Vec<&'static str>, Vec<Vec<String>>) {
    (
        vec!["Projekt", "Schritt", "Start", "Kosten (€)"],
        vec![
            vec![
                "Website Müller".into(),
                "Entwurf; Farben".into(),
                "2024-03-01".into(),
                "1.250,50".into(),
            ],
            vec![
                "Broschüre".into(),
                "Text \"final\"\nzweite Zeile".into(),
                "".into(),
                "99".into(),
            ],
            vec!["Straße, Zoë".into(), "kurz".into()],
        ],
    )
}

#[test]
fn german_excel_semicolon_with_bom() {
    let (headers, rows) = table();
    let text = write_csv(&headers, &rows, &CsvOptions::excel_german());
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "Projekt;Schritt;Start;Kosten (€)");
    assert_eq!(
        lines[1],
        "Website Müller;\"Entwurf; Farben\";2024-03-01;1.250,50"
    );
    // A line break inside a cell stays LF, as Excel writes it (Alt+Enter).
    assert_eq!(
        lines[2],
        "Broschüre;\"Text \"\"final\"\"\nzweite Zeile\";;99"
    );
    assert_eq!(
        lines[3], "Straße, Zoë;kurz",
        "a comma needs no quotes with ';'"
    );
    assert_eq!(lines[4], "");
}

#[test]
fn standard_comma_without_bom() {
    let (headers, rows) = table();
    let text = write_csv(&headers, &rows, &CsvOptions::standard());
    assert!(text.starts_with("Projekt,Schritt"));
    assert!(text.contains("\"Straße, Zoë\",kurz\r\n"));
}

#[test]
fn round_trip_with_line_numbers() {
    let (headers, rows) = table();
    for options in [CsvOptions::excel_german(), CsvOptions::standard()] {
        let text = write_csv(&headers, &rows, &options);
        // Guessing the delimiter as an import of a foreign file would.
        let read = read_csv(&text, &CsvOptions::default()).expect("reads");
        assert_eq!(read.delimiter, options.delimiter.unwrap());
        assert_eq!(read.headers, headers);
        let fields: Vec<Vec<String>> = read.rows.iter().map(|r| r.fields.clone()).collect();
        assert_eq!(fields, rows);
        let lines: Vec<u64> = read.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 3, 5], "the quoted line break takes line 4");
    }
}

#[test]
fn reader_skips_blank_lines_and_accepts_lf_and_tabs() {
    let read = read_csv("a\tb\n\n1\t2\n3\n", &CsvOptions::default()).unwrap();
    assert_eq!(read.delimiter, b'\t');
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.rows[1].line, 4);
    assert_eq!(read.rows[1].fields, vec!["3"]);
}

#[test]
fn reader_never_panics() {
    for input in ["", "\u{feff}", "\"", "a;\"b\nc", ";;;\n\"\"\"", "ä,ö\r\nü"] {
        let _ = read_csv(input, &CsvOptions::default());
        let _ = read_csv(input, &CsvOptions::excel_german());
    }
    let empty: [&str; 0] = [];
    let none: [Vec<String>; 0] = [];
    assert_eq!(write_csv(&empty, &none, &CsvOptions::default()), "");
}
