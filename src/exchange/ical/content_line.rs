//! What vCard (RFC 6350 / 2426) and iCalendar (RFC 5545) share at the line
//! level: text escaping, line folding, and cutting a file into its
//! `BEGIN:X … END:X` blocks with line numbers.
//!
//! The property parsing itself is left to `calcard`; this module only finds
//! the blocks so that one broken card or event can be reported by its
//! position and skipped while the others still import.

use crate::exchange::encoding::{self, Encoding, NotText};

/// Longest physical line in octets, CRLF not counted (RFC 5545 3.1, RFC 6350 3.2).
const MAX_OCTETS: usize = 75;

/// Escapes a TEXT value: backslash, `;`, `,` and line breaks (any of CRLF,
/// CR, LF become `\n`).
pub(crate) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Collects content lines, folding each at 75 octets (never inside a UTF-8
/// character) and ending each with CRLF.
#[derive(Debug, Default)]
pub(crate) struct ContentWriter {
    out: String,
}

impl ContentWriter {
    /// An empty writer.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends one content line (without line end), folded.
    ///
    /// A folded physical line never ends in white space: some readers (and
    /// mail gateways) trim it, which would eat a space of the value. Such
    /// trailing spaces are moved to the start of the continuation line.
    pub(crate) fn line(&mut self, line: &str) {
        let mut width = 0;
        for ch in line.chars() {
            let len = ch.len_utf8();
            if width + len > MAX_OCTETS {
                let trailing = self
                    .out
                    .chars()
                    .rev()
                    .take(width.saturating_sub(1))
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .count();
                let moved = if 1 + trailing + len <= MAX_OCTETS {
                    let keep = self.out.len() - trailing;
                    self.out.split_off(keep)
                } else {
                    String::new()
                };
                self.out.push_str("\r\n ");
                self.out.push_str(&moved);
                width = 1 + moved.len();
            }
            self.out.push(ch);
            width += len;
        }
        self.out.push_str("\r\n");
    }

    /// Appends `NAME:value` (or `NAME;PARAMS:value`; the caller escapes the
    /// value), skipped when `value` is empty.
    pub(crate) fn property(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.line(&format!("{name}:{value}"));
        }
    }

    /// Appends a whole content line, skipped when empty.
    pub(crate) fn property_line(&mut self, line: &str) {
        if !line.is_empty() {
            self.line(line);
        }
    }

    /// The text written so far.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Decodes the bytes of a `.vcf` or `.ics` file to text.
///
/// Through [`encoding::decode`] like every import: UTF-8 with or without
/// BOM, UTF-16 with BOM. On top of that, two repairs that vCard and
/// iCalendar files from the wild need: some exporters fold lines by
/// counting bytes and so cut a multi-byte character in two across a fold;
/// such folds are joined before decoding. What still is not UTF-8 is read
/// as Windows-1252/Latin-1 (older Outlook exports), so that umlauts survive
/// instead of turning into replacement characters. A UTF-16 file that is
/// not UTF-16 is refused with the place of the first bad byte.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, NotText> {
    let error = match encoding::decode(bytes) {
        Ok(decoded) => return Ok(decoded.text.into_owned()),
        Err(error) => error,
    };
    if !matches!(error.encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
        return Err(error);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let joined = join_split_folds(bytes);
    Ok(match String::from_utf8(joined) {
        Ok(text) => text,
        Err(err) => err
            .into_bytes()
            .iter()
            .map(|&b| latin1_or_cp1252(b))
            .collect(),
    })
}

/// Removes fold sequences (CRLF or LF followed by a space or tab) that sit
/// inside a UTF-8 multi-byte sequence.
fn join_split_folds(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let fold_len = match &bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if fold_len > 0
            && inside_multibyte(&out)
            && bytes.get(i + fold_len).is_some_and(|b| b & 0xC0 == 0x80)
        {
            i += fold_len;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// True if `bytes` ends in an incomplete UTF-8 multi-byte sequence.
fn inside_multibyte(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(3)..];
    for (back, &b) in tail.iter().rev().enumerate() {
        if b & 0xC0 == 0x80 {
            continue; // continuation byte, look further back
        }
        let needed = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return false,
        };
        return back + 1 < needed;
    }
    false
}

/// A byte of Windows-1252 (Latin-1 for the bytes it leaves undefined).
fn latin1_or_cp1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Why a `BEGIN:X … END:X` block of a file is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockProblem {
    /// The next `BEGIN:X` came before this block's `END:X`.
    NextBeforeEnd,
    /// The surrounding component ended (`END:VCALENDAR`) before `END:X`.
    ContainerEnded {
        /// The component that ended, as written (`VCALENDAR`).
        container: String,
    },
    /// The file ends before `END:X`.
    FileEnds,
    /// A line that is not a property (no `:`): corrupted or cut.
    NotAProperty {
        /// The line's first 40 characters.
        snippet: String,
    },
}

impl BlockProblem {
    /// The problem in English, for logs, for a block of `component`
    /// (`VCARD`, `VEVENT`).
    pub fn describe(&self, component: &str) -> String {
        match self {
            BlockProblem::NextBeforeEnd => {
                format!("BEGIN:{component} without END:{component} before it")
            }
            BlockProblem::ContainerEnded { container } => {
                format!("END:{container} reached before END:{component}")
            }
            BlockProblem::FileEnds => format!("file ends before END:{component}"),
            BlockProblem::NotAProperty { snippet } => {
                format!("line is not a property (no ':'): \"{snippet}\"")
            }
        }
    }
}

/// One `BEGIN:X … END:X` block of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// 1-based line of `BEGIN:X`.
    pub start_line: usize,
    /// The block's physical lines, joined with CRLF (still folded).
    pub text: String,
    /// Why the block is broken: 1-based line and problem.
    pub problem: Option<(usize, BlockProblem)>,
}

/// The physical lines of `text` with a BOM removed and CR/LF/CRLF line ends
/// accepted.
fn physical_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\n') {
        text.split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect()
    } else {
        text.split('\r').collect()
    }
}

/// Is `line` `BEGIN:<name>` / `END:<name>` (case-insensitive, trimmed)?
fn is_marker(line: &str, keyword: &str, name: &str) -> bool {
    marker_name(line, keyword).is_some_and(|found| found.trim().eq_ignore_ascii_case(name))
}

/// The name after `BEGIN:` or `END:`, if `line` is such a marker.
fn marker_name<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let line = line.trim();
    let head = line.get(..keyword.len())?;
    let rest = line.get(keyword.len()..)?.strip_prefix(':')?;
    (head.eq_ignore_ascii_case(keyword) && !rest.trim().is_empty()).then_some(rest)
}

struct OpenBlock<'a> {
    start_line: usize,
    lines: Vec<&'a str>,
    nested: Vec<&'a str>,
}

impl OpenBlock<'_> {
    fn close(self, problem: Option<(usize, BlockProblem)>) -> Block {
        let problem = problem.or_else(|| find_line_without_colon(&self.lines, self.start_line));
        Block {
            start_line: self.start_line,
            text: self.lines.join("\r\n") + "\r\n",
            problem,
        }
    }
}

/// Cuts `text` into its `BEGIN:<component> … END:<component>` blocks.
///
/// Nested components (a VALARM inside a VEVENT) stay in their block. A block
/// that is not closed before the next `BEGIN:<component>`, before the end of
/// its container or before the end of the file is returned with a problem,
/// and so is one with a line that has no `:` (a corrupted or cut line).
/// Lines outside blocks are ignored.
pub(crate) fn blocks(text: &str, component: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<OpenBlock<'_>> = None;
    for (index, line) in physical_lines(text).into_iter().enumerate() {
        let number = index + 1;
        let begins = is_marker(line, "BEGIN", component);
        let Some(mut block) = open.take() else {
            if begins {
                open = Some(OpenBlock {
                    start_line: number,
                    lines: vec![line],
                    nested: Vec::new(),
                });
            }
            continue;
        };
        if begins {
            found.push(block.close(Some((number, BlockProblem::NextBeforeEnd))));
            open = Some(OpenBlock {
                start_line: number,
                lines: vec![line],
                nested: Vec::new(),
            });
            continue;
        }
        if block.nested.is_empty() && is_marker(line, "END", component) {
            block.lines.push(line);
            found.push(block.close(None));
            continue;
        }
        if let Some(name) = marker_name(line, "BEGIN") {
            block.nested.push(name.trim());
        } else if let Some(name) = marker_name(line, "END") {
            let name = name.trim();
            match block
                .nested
                .iter()
                .rposition(|n| n.eq_ignore_ascii_case(name))
            {
                Some(pos) => block.nested.truncate(pos),
                None => {
                    // The container ends (END:VCALENDAR) while we are open.
                    let container = name.to_string();
                    found.push(
                        block.close(Some((number, BlockProblem::ContainerEnded { container }))),
                    );
                    continue;
                }
            }
        }
        block.lines.push(line);
        open = Some(block);
    }
    if let Some(block) = open {
        let last = block.start_line + block.lines.len() - 1;
        found.push(block.close(Some((last, BlockProblem::FileEnds))));
    }
    found
}

/// The first logical (unfolded) line that has no `:` at all: a corrupted
/// line, which a lenient parser would silently drop. Quoted-printable soft
/// line breaks (vCard 2.1 from Outlook) count as continuations.
fn find_line_without_colon(lines: &[&str], start_line: usize) -> Option<(usize, BlockProblem)> {
    let mut logical: Option<(usize, String)> = None;
    let check = |logical: &Option<(usize, String)>| -> Option<(usize, BlockProblem)> {
        let (number, text) = logical.as_ref()?;
        if text.trim().is_empty() || text.contains(':') {
            None
        } else {
            let snippet: String = text.chars().take(40).collect();
            Some((*number, BlockProblem::NotAProperty { snippet }))
        }
    };
    for (offset, line) in lines.iter().enumerate() {
        let number = start_line + offset;
        let continues = line.starts_with([' ', '\t'])
            || logical.as_ref().is_some_and(|(_, text)| {
                text.ends_with('=') && text.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
            });
        if continues {
            if let Some((_, text)) = logical.as_mut() {
                text.push_str(line.get(1..).unwrap_or(""));
                continue;
            }
        }
        if let Some(problem) = check(&logical) {
            return Some(problem);
        }
        logical = Some((number, (*line).to_string()));
    }
    check(&logical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut w = ContentWriter::new();
        let value = "ü".repeat(60);
        w.line(&format!("NOTE:{value}"));
        let out = w.finish();
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("NOTE:{value}\r\n"));
    }

    #[test]
    fn joins_folds_that_split_a_character() {
        // "Straße" folded by a byte counter between the two bytes of "ß".
        let bytes = b"NOTE:Stra\xC3\r\n \x9Fe\r\n";
        assert_eq!(decode_text(bytes).unwrap(), "NOTE:Straße\r\n");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        assert_eq!(decode_text(b"FN:M\xFCller \x80").unwrap(), "FN:Müller €");
    }

    #[test]
    fn folded_lines_never_end_in_a_space() {
        let mut w = ContentWriter::new();
        w.line(&format!("SUMMARY:{}", "a b".repeat(60)));
        let out = w.finish();
        for line in out.split("\r\n") {
            assert!(!line.ends_with(' ') || line.trim().is_empty(), "{line:?}");
            assert!(line.len() <= 75);
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "a b".repeat(60))
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn finds_unterminated_block() {
        let text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n";
        let found = blocks(text, "VCARD");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].problem.as_ref().map(|p| p.0), Some(3));
        assert!(found[1].problem.is_none());
    }

    #[test]
    fn nested_components_stay_inside() {
        let text = "BEGIN:VEVENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n";
        let found = blocks(text, "VEVENT");
        assert_eq!(found.len(), 1);
        assert!(found[0].problem.is_none());
    }
}
