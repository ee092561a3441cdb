//! The one place where a file's bytes become text, for every importer
//! (backup, vCard, iCalendar, CSV).
//!
//! Accepted: UTF-8 with or without a byte order mark, and UTF-16 (little or
//! big endian) with its byte order mark, which Windows programs write when
//! they "save as Unicode" (Excel's "Unicode text", Notepad, some Outlook
//! exports). The mark is removed. Anything else is refused with the line
//! and column of the first byte that is not text, so the person can find
//! it in an editor.
//!
//! Why decode in the core and not in the browser: `FileReader.readAsText`
//! guesses nothing and reads UTF-16 as garbage, and a native test can feed
//! every format the same bytes a person's file has.

use std::borrow::Cow;

use thiserror::Error;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16_LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16_BE_BOM: &[u8] = &[0xFE, 0xFF];

/// How a file's text was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
}

impl Encoding {
    /// The name people know the encoding by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }

    /// The encoding a byte order mark at the start of `bytes` announces
    /// (UTF-8 when there is none).
    pub fn detect(bytes: &[u8]) -> Self {
        if bytes.starts_with(UTF8_BOM) {
            Encoding::Utf8Bom
        } else if bytes.starts_with(UTF16_LE_BOM) {
            Encoding::Utf16Le
        } else if bytes.starts_with(UTF16_BE_BOM) {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        }
    }
}

/// The bytes are not text in the encoding they claim (or UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the file is not text (invalid {} at line {line}, column {column})", .encoding.name())]
pub struct NotText {
    /// The encoding the file was read as.
    pub encoding: Encoding,
    /// 1-based line of the first bad byte.
    pub line: usize,
    /// 1-based column (in characters) of the first bad byte.
    pub column: usize,
}

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without byte order mark.
    pub text: Cow<'a, str>,
    /// How it was encoded.
    pub encoding: Encoding,
}

/// Decodes a file: UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM.
/// The byte order mark is not part of the text. UTF-8 without a BOM is
/// borrowed, not copied (a backup may be 50 MB).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    let encoding = Encoding::detect(bytes);
    let text = match encoding {
        Encoding::Utf8 => Cow::Borrowed(utf8(bytes, encoding)?),
        Encoding::Utf8Bom => Cow::Borrowed(utf8(&bytes[UTF8_BOM.len()..], encoding)?),
        Encoding::Utf16Le => Cow::Owned(utf16(&bytes[2..], encoding, u16::from_le_bytes)?),
        Encoding::Utf16Be => Cow::Owned(utf16(&bytes[2..], encoding, u16::from_be_bytes)?),
    };
    Ok(Decoded { text, encoding })
}

/// [`decode`], for callers that only need the text.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, NotText> {
    decode(bytes).map(|d| d.text)
}

fn utf8(bytes: &[u8], encoding: Encoding) -> Result<&str, NotText> {
    std::str::from_utf8(bytes).map_err(|e| {
        // Everything before the bad byte is valid UTF-8, so it can be counted.
        let before = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        not_text(before, encoding)
    })
}

fn utf16(bytes: &[u8], encoding: Encoding, unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(ch) => text.push(ch),
            // An unpaired surrogate: not UTF-16 text.
            Err(_) => return Err(not_text(&text, encoding)),
        }
    }
    if bytes.len() % 2 == 1 {
        // A lone byte at the end: the file was cut or is not UTF-16.
        return Err(not_text(&text, encoding));
    }
    Ok(text)
}

/// The position right after `before`, the valid text in front of a bad byte.
fn not_text(before: &str, encoding: Encoding) -> NotText {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    NotText {
        encoding,
        line,
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    #[test]
    fn reads_every_accepted_encoding() {
        let text = "Grüße aus Köln\r\nMaß 🎉";
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(text.as_bytes());
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8Bom),
            (utf16le(text), Encoding::Utf16Le),
            (utf16be(text), Encoding::Utf16Be),
        ] {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.encoding, encoding);
        }
    }

    #[test]
    fn names_line_and_column_of_the_first_bad_byte() {
        let error = decode(b"ab\ncd\xFFe").unwrap_err();
        assert_eq!((error.line, error.column), (2, 3));
        assert_eq!(
            error.to_string(),
            "the file is not text (invalid UTF-8 at line 2, column 3)"
        );
    }

    #[test]
    fn refuses_broken_utf16() {
        // "a\nb", then an unpaired high surrogate.
        let mut bytes = utf16le("a\nb");
        bytes.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
        let error = decode(&bytes).unwrap_err();
        assert_eq!(error.encoding, Encoding::Utf16Le);
        assert_eq!((error.line, error.column), (2, 2));
        // A cut file: an odd number of bytes.
        let mut cut = utf16be("xy");
        cut.push(0x00);
        assert_eq!(decode(&cut).unwrap_err().column, 3);
    }

    #[test]
    fn empty_files_are_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
        assert_eq!(decode(&[0xFF, 0xFE]).unwrap().text, "");
    }
}
