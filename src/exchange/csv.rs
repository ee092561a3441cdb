//! CSV for spreadsheets: a writer for table exports and a small reader.
//!
//! Quoting, embedded line breaks and delimiters inside fields are handled by
//! the `csv` crate (BurntSushi's, the de-facto standard, pure Rust). This
//! module only adds what spreadsheet users here need: the semicolon
//! delimiter and UTF-8 byte order mark that a German Excel expects to open a
//! file with umlauts correctly by double-click, CRLF line ends, and line
//! numbers on read rows so import errors can point at the right line.

use std::fmt;

/// The byte order mark that tells Excel a CSV file is UTF-8.
const BOM: char = '\u{feff}';

/// How a CSV file is written or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Field separator, usually `b','` or `b';'`. For reading, `None`
    /// guesses it from the first line (`;`, `,` or tab, whichever occurs
    /// most outside quotes); for writing, `None` means `,`.
    pub delimiter: Option<u8>,
    /// Writing: start the file with a UTF-8 byte order mark. (Reading always
    /// skips a leading BOM.)
    pub bom: bool,
}

impl Default for CsvOptions {
    /// Comma, no byte order mark (RFC 4180, for programs); reading guesses
    /// the delimiter.
    fn default() -> Self {
        CsvOptions {
            delimiter: None,
            bom: false,
        }
    }
}

impl CsvOptions {
    /// What German Excel opens correctly by double-click: `;` and a BOM.
    pub fn excel_german() -> Self {
        CsvOptions {
            delimiter: Some(b';'),
            bom: true,
        }
    }

    /// RFC 4180: `,` and no BOM.
    pub fn standard() -> Self {
        CsvOptions {
            delimiter: Some(b','),
            bom: false,
        }
    }
}

/// Writes a table as CSV: one header line, then one line per row, CRLF line
/// ends, fields quoted only where needed (delimiter, quote, line break).
///
/// Rows may be shorter or longer than the header; they are written as they
/// are.
pub fn write_csv<H, R, C>(headers: &[H], rows: &[R], options: &CsvOptions) -> String
where
    H: AsRef<str>,
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(options.delimiter.unwrap_or(b','))
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    // Writing into a Vec<u8> cannot fail with I/O errors, and `flexible`
    // allows any row length, so errors are impossible here; they are
    // ignored rather than unwrapped so that no input can ever panic.
    if !headers.is_empty() {
        let _ = writer.write_record(headers.iter().map(|h| h.as_ref()));
    }
    for row in rows {
        let row = row.as_ref();
        if row.is_empty() {
            // The csv crate writes an empty record as `""`; an empty line
            // reads back the same in spreadsheets and is less surprising.
            let _ = writer.write_record([""]);
        } else {
            let _ = writer.write_record(row.iter().map(|c| c.as_ref()));
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    // Only &str went in, so the bytes are UTF-8.
    let body = String::from_utf8(bytes).unwrap_or_default();
    if options.bom {
        let mut out = String::with_capacity(body.len() + 3);
        out.push(BOM);
        out.push_str(&body);
        out
    } else {
        body
    }
}

/// One data row of a read CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based line of the file the row starts on (a quoted field can span
    /// several lines).
    pub line: u64,
    /// The fields, as many as the line had.
    pub fields: Vec<String>,
}

/// A read CSV file: the header line and the data rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvTable {
    /// Fields of the first line.
    pub headers: Vec<String>,
    /// All further non-empty lines.
    pub rows: Vec<CsvRow>,
    /// The delimiter that was used (given or guessed).
    pub delimiter: u8,
}

/// What is wrong in a CSV file. `Display` is English, for logs; the UI
/// says it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// A field is not UTF-8 text.
    NotUtf8 {
        /// 1-based number of the field in its row.
        column: usize,
    },
    /// The file's bytes are not text in the encoding it announces.
    NotText(super::encoding::NotText),
    /// Anything else the CSV reader refused (kept for logs).
    Unreadable(String),
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvProblem::NotUtf8 { column } => write!(f, "column {column} is not valid UTF-8"),
            CsvProblem::NotText(not_text) => write!(f, "{not_text}"),
            CsvProblem::Unreadable(detail) => write!(f, "not readable: {detail}"),
        }
    }
}

/// Why a CSV file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line the problem was found on.
    pub line: u64,
    /// What went wrong.
    pub problem: CsvProblem,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for CsvError {}

/// Reads a CSV file: the first line as headers, the rest as rows with their
/// line numbers. Skips a leading BOM and blank lines; rows may have any
/// number of fields.
pub fn read_csv(text: &str, options: &CsvOptions) -> Result<CsvTable, CsvError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let delimiter = options.delimiter.unwrap_or_else(|| guess_delimiter(text));
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let mut table = CsvTable {
        delimiter,
        ..CsvTable::default()
    };
    let mut first = true;
    let (mut counted, mut lines_before) = (0usize, 0u64);
    for record in reader.records() {
        let record = record.map_err(|err| CsvError {
            // The csv crate's lines are 1-based; never report line 0.
            line: err.position().map_or(1, |p| p.line().max(1)),
            problem: match err.kind() {
                ::csv::ErrorKind::Utf8 { err: utf8, .. } => CsvProblem::NotUtf8 {
                    column: utf8.field() + 1,
                },
                _ => CsvProblem::Unreadable(err.to_string()),
            },
        })?;
        // The line is counted from the record's byte offset: the csv
        // crate counts a CRLF-ended line only when it reaches the LF.
        let start = record.position().map_or(0, |p| p.byte()) as usize;
        // The offset may point at the line break before the record.
        let mut start = start.min(text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        lines_before += count_newlines(&text.as_bytes()[counted..start]);
        counted = start;
        let line = lines_before + 1;
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        if first {
            table.headers = fields;
            first = false;
        } else if !(fields.len() == 1 && fields[0].is_empty()) {
            table.rows.push(CsvRow { line, fields });
        }
    }
    Ok(table)
}

/// [`read_csv`] for the raw bytes of a file: UTF-8 with or without BOM, or
/// UTF-16 with BOM (Excel's "Unicode text"). Other bytes are refused with
/// the line (and, in the message, the column) of the first bad byte.
pub fn read_csv_bytes(bytes: &[u8], options: &CsvOptions) -> Result<CsvTable, CsvError> {
    let text = super::encoding::decode_text(bytes).map_err(|e| CsvError {
        line: e.line as u64,
        problem: CsvProblem::NotText(e),
    })?;
    read_csv(&text, options)
}

/// Line breaks in `bytes` (LF, or CR not followed by LF).
fn count_newlines(bytes: &[u8]) -> u64 {
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            count += 1;
        }
    }
    count
}

/// The most frequent of `;`, `,` and tab on the first line, outside quotes;
/// `,` when none occurs.
fn guess_delimiter(text: &str) -> u8 {
    // Ordered so that on a tie `;` wins (max_by_key keeps the last maximum).
    let mut counts = [(b'\t', 0usize), (b',', 0), (b';', 0)];
    let mut in_quotes = false;
    for byte in text.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| *d)
}
