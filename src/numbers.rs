//! Reading numbers and amounts as people type them, in one place for every
//! form field and table cell. Nothing is ever coerced silently: text that
//! is not clearly a number in the person's language is an error, never a
//! zero or the old value.
//!
//! The grammar, with `G` the group and `D` the decimal separator of the
//! language (German: `G = .`, `D = ,`; English: `G = ,`, `D = .`):
//!
//! ```text
//! number   = [sign] integer [D digits] | [sign] D digits
//! integer  = digits | 1–3 digits (G 3 digits)+
//! sign     = "-" | "−" | "+"
//! ```
//!
//! A space (also no-break and narrow no-break) may group instead of `G`
//! (`1 234,50`), but one number uses one kind of group separator. Amounts
//! may carry `€` before or after; percentages a trailing `%`.
//!
//! So in German `1.000,50` is one thousand and a half and `1,5` is one and
//! a half, while `1.5` (no group of three), `1,2,3`, `1.5.0`, `5,`, `abc`,
//! `1e5` and the empty text are refused. English reads the mirror image.
//! Exponents are refused on purpose: nobody types an amount as `1e5`, and a
//! stray `e` is far more likely a typo.

use thiserror::Error;

use crate::text::Lang;

/// Why a typed text is not the number a field wants. The UI turns each
/// variant into a sentence in the person's language.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum NumberError {
    /// Nothing typed where a number is required.
    #[error("no number given")]
    Empty,
    /// Not a number in this language (letters, misplaced separators,
    /// several decimal separators, exponents).
    #[error("not a number")]
    Malformed,
    /// More decimals than the field keeps (cents: 2).
    #[error("at most {max} decimals")]
    TooManyDecimals { max: u32 },
    /// A fraction where only whole numbers make sense (days).
    #[error("not a whole number")]
    NotWhole,
    /// Smaller than the field allows.
    #[error("must be at least {min}")]
    TooSmall { min: f64 },
    /// Larger than the field allows.
    #[error("must be at most {max}")]
    TooLarge { max: f64 },
}

/// An exactly read decimal: `sign × digits / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    /// All digits, without separators.
    pub digits: u128,
    /// How many of them are decimals.
    pub scale: u32,
}

impl Decimal {
    /// The value as a float (for hours and quantities).
    pub fn to_f64(self) -> f64 {
        let value = self.digits as f64 / 10f64.powi(self.scale as i32);
        if self.negative {
            -value
        } else {
            value
        }
    }

    /// The value in hundredths (cents), if it has at most two decimals and
    /// fits.
    pub fn to_hundredths(self) -> Result<i64, NumberError> {
        if self.scale > 2 {
            return Err(NumberError::TooManyDecimals { max: 2 });
        }
        let factor = 10u128.pow(2 - self.scale);
        let value = self
            .digits
            .checked_mul(factor)
            .and_then(|v| i64::try_from(v).ok())
            .ok_or(NumberError::TooLarge {
                max: i64::MAX as f64 / 100.0,
            })?;
        Ok(if self.negative { -value } else { value })
    }

    /// The value as a whole number; `2,0` is fine, `2,5` is not.
    pub fn to_integer(self) -> Result<i64, NumberError> {
        let divisor = 10u128.pow(self.scale.min(38));
        if self.digits % divisor != 0 {
            return Err(NumberError::NotWhole);
        }
        let value = i64::try_from(self.digits / divisor).map_err(|_| NumberError::TooLarge {
            max: i64::MAX as f64,
        })?;
        Ok(if self.negative { -value } else { value })
    }
}

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Reads a plain number (no unit) in the grammar above.
pub fn read_decimal(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    let text = text.trim_matches(is_space).trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, rest) = match text.chars().next() {
        Some('-' | '−') => (true, &text[text.chars().next().map_or(0, char::len_utf8)..]),
        Some('+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (group, decimal) = separators(lang);
    let (whole, fraction) = match rest.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // The decimals: digits only, at least one (`5,` is not finished).
    if let Some(f) = fraction {
        if !all_digits(f) {
            return Err(NumberError::Malformed);
        }
    }
    let whole_digits = if whole.is_empty() {
        if fraction.is_none() {
            return Err(NumberError::Malformed);
        }
        String::new()
    } else {
        read_grouped(whole, group)?
    };
    let fraction = fraction.unwrap_or("");
    let all = format!("{whole_digits}{fraction}");
    let digits: u128 = all.trim_start_matches('0').parse().or_else(|_| {
        if all.bytes().all(|b| b == b'0') {
            Ok(0)
        } else {
            Err(NumberError::TooLarge { max: f64::MAX })
        }
    })?;
    Ok(Decimal {
        negative: negative && digits != 0,
        digits,
        scale: fraction.len() as u32,
    })
}

/// The digits of an integer part, either plain (`1234`) or grouped by
/// threes with one kind of separator (`1.234.567`, `1 234`).
fn read_grouped(whole: &str, group: char) -> Result<String, NumberError> {
    if whole.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(whole.to_owned());
    }
    let separator = whole
        .chars()
        .find(|c| !c.is_ascii_digit())
        .ok_or(NumberError::Malformed)?;
    if separator != group && !is_space(separator) {
        return Err(NumberError::Malformed);
    }
    let parts: Vec<&str> = whole.split(separator).collect();
    let first_ok = (1..=3).contains(&parts[0].len());
    let groups_ok = parts[1..].iter().all(|p| p.len() == 3);
    let digits_ok = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if first_ok && groups_ok && digits_ok {
        Ok(parts.concat())
    } else {
        Err(NumberError::Malformed)
    }
}

/// Checks `min ≤ value ≤ max`.
fn within(value: f64, min: f64, max: f64) -> Result<(), NumberError> {
    if value < min {
        Err(NumberError::TooSmall { min })
    } else if value > max {
        Err(NumberError::TooLarge { max })
    } else {
        Ok(())
    }
}

/// `Ok(None)` for an empty text, otherwise what `read` makes of it: for
/// fields that may stay empty (a contact without an hourly rate).
pub fn optional<T>(
    text: &str,
    read: impl FnOnce(&str) -> Result<T, NumberError>,
) -> Result<Option<T>, NumberError> {
    if text.trim_matches(is_space).trim().is_empty() {
        Ok(None)
    } else {
        read(text).map(Some)
    }
}

/// A euro amount in cents, with or without `€`, of either sign.
pub fn signed_amount(text: &str, lang: Lang) -> Result<i64, NumberError> {
    let text = text.trim_matches(is_space).trim();
    let text = text
        .strip_prefix('€')
        .or_else(|| text.strip_suffix('€'))
        .unwrap_or(text);
    let text = text.trim_matches(is_space);
    // `-€12` as well as `€-12`.
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.strip_prefix('€').unwrap_or(rest)),
        None => ("", text),
    };
    read_decimal(&format!("{sign}{text}"), lang)?.to_hundredths()
}

/// A price, cost, revenue or rate in cents: never negative.
pub fn amount(text: &str, lang: Lang) -> Result<i64, NumberError> {
    let cents = signed_amount(text, lang)?;
    within(cents as f64, 0.0, f64::MAX)?;
    Ok(cents)
}

/// A decimal number within `min..=max` with at most `max_decimals`.
pub fn decimal(
    text: &str,
    lang: Lang,
    min: f64,
    max: f64,
    max_decimals: u32,
) -> Result<f64, NumberError> {
    let value = read_decimal(text, lang)?;
    let extra = value.scale.saturating_sub(max_decimals);
    let exact = 10u128
        .checked_pow(extra)
        .map_or(value.digits == 0, |f| value.digits % f == 0);
    if !exact {
        return Err(NumberError::TooManyDecimals { max: max_decimals });
    }
    let value = value.to_f64();
    within(value, min, max)?;
    Ok(value)
}

/// A whole number within `min..=max`.
pub fn integer(text: &str, lang: Lang, min: i64, max: i64) -> Result<i64, NumberError> {
    let value = read_decimal(text, lang)?.to_integer()?;
    within(value as f64, min as f64, max as f64)?;
    Ok(value)
}

/// Hours of work (a step's effort): 0 to 100,000, at most two decimals.
pub fn hours(text: &str, lang: Lang) -> Result<f64, NumberError> {
    decimal(text, lang, 0.0, 100_000.0, 2)
}

/// Hours a week someone can work: 0 to 168.
pub fn weekly_hours(text: &str, lang: Lang) -> Result<f64, NumberError> {
    decimal(text, lang, 0.0, 168.0, 2)
}

/// A length or lead time in working days: a whole number, 0 to 10,000.
pub fn working_days(text: &str, lang: Lang) -> Result<u32, NumberError> {
    integer(text, lang, 0, 10_000).map(|d| d as u32)
}

/// A quantity of material: 0 to a billion, at most three decimals.
pub fn quantity(text: &str, lang: Lang) -> Result<f64, NumberError> {
    decimal(text, lang, 0.0, 1e9, 3)
}

/// A percentage 0 to 100, whole, with or without `%`.
pub fn percent(text: &str, lang: Lang) -> Result<u8, NumberError> {
    let text = text.trim_matches(is_space).trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    integer(text, lang, 0, 100).map(|p| p as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{De, En};

    #[test]
    fn german_reads_dot_groups_and_comma_decimals() {
        assert_eq!(amount("1.000,50", De), Ok(100_050));
        assert_eq!(amount("1000,5", De), Ok(100_050));
        assert_eq!(amount("1.234.567,89 €", De), Ok(123_456_789));
        assert_eq!(amount("1 234,50\u{a0}€", De), Ok(123_450));
        assert_eq!(amount("€ 80", De), Ok(8_000));
        assert_eq!(amount(",5", De), Ok(50));
        assert_eq!(decimal("1,5", De, 0.0, 10.0, 2), Ok(1.5));
        assert_eq!(integer("1.000", De, 0, 10_000), Ok(1000));
    }

    #[test]
    fn english_reads_comma_groups_and_dot_decimals() {
        assert_eq!(amount("1,000.50", En), Ok(100_050));
        assert_eq!(amount("€1,234.50", En), Ok(123_450));
        assert_eq!(amount("1234.5", En), Ok(123_450));
        assert_eq!(decimal("1.5", En, 0.0, 10.0, 2), Ok(1.5));
        assert_eq!(integer("1,000", En, 0, 10_000), Ok(1000));
    }

    #[test]
    fn the_same_text_means_what_the_language_says() {
        // "1,500" is one and a half in German and fifteen hundred in English.
        assert_eq!(decimal("1,500", De, 0.0, 1e6, 3), Ok(1.5));
        assert_eq!(decimal("1,500", En, 0.0, 1e6, 3), Ok(1500.0));
        assert_eq!(decimal("1.500", De, 0.0, 1e6, 3), Ok(1500.0));
        assert_eq!(decimal("1.500", En, 0.0, 1e6, 3), Ok(1.5));
    }

    #[test]
    fn malformed_or_ambiguous_text_is_refused() {
        for lang in [De, En] {
            for text in [
                "abc", "1,2,3", "1.5.0", "1e5", "1E5", "12a", "--1", "1-", "€", ",", ".", "5,",
                "5.", "1..0", "1,,0", "0x10", "1 2", "١٢",
            ] {
                assert_eq!(
                    read_decimal(text, lang),
                    Err(NumberError::Malformed),
                    "{text:?} in {lang:?}"
                );
            }
        }
        // A decimal point in German (and comma in English) is no group of
        // three digits, so it is refused rather than guessed.
        assert_eq!(amount("1.5", De), Err(NumberError::Malformed));
        assert_eq!(amount("1,5", En), Err(NumberError::Malformed));
        assert_eq!(amount("12.34.567", De), Err(NumberError::Malformed));
        // Mixed group separators.
        assert_eq!(amount("1.234 567", De), Err(NumberError::Malformed));
    }

    #[test]
    fn empty_is_an_error_unless_the_field_is_optional() {
        assert_eq!(amount("", De), Err(NumberError::Empty));
        assert_eq!(amount("   ", En), Err(NumberError::Empty));
        assert_eq!(optional("  ", |t| amount(t, De)), Ok(None));
        assert_eq!(optional("12,50", |t| amount(t, De)), Ok(Some(1_250)));
        assert_eq!(
            optional("zwölf", |t| amount(t, De)),
            Err(NumberError::Malformed)
        );
    }

    #[test]
    fn amounts_keep_cents_and_refuse_fractions_of_cents() {
        assert_eq!(
            amount("12,345", De),
            Err(NumberError::TooManyDecimals { max: 2 })
        );
        assert_eq!(amount("0,05", De), Ok(5));
        assert_eq!(
            amount("-12,00", De),
            Err(NumberError::TooSmall { min: 0.0 })
        );
        assert_eq!(signed_amount("-12,00", De), Ok(-1_200));
        assert_eq!(signed_amount("-€12.00", En), Ok(-1_200));
        assert!(matches!(
            amount("99999999999999999999999", De),
            Err(NumberError::TooLarge { .. })
        ));
        for cents in [0, 5, 99, 100, 123_456_789] {
            for lang in [De, En] {
                let shown = crate::text::format_money(cents, lang);
                assert_eq!(amount(&shown, lang), Ok(cents), "{shown}");
            }
        }
    }

    #[test]
    fn days_and_percentages_are_whole_and_in_range() {
        assert_eq!(working_days("5", De), Ok(5));
        assert_eq!(working_days("2,0", De), Ok(2));
        assert_eq!(working_days("2,5", De), Err(NumberError::NotWhole));
        assert_eq!(working_days("2.5", En), Err(NumberError::NotWhole));
        assert_eq!(
            working_days("-1", De),
            Err(NumberError::TooSmall { min: 0.0 })
        );
        assert_eq!(percent("50 %", De), Ok(50));
        assert_eq!(percent("100%", En), Ok(100));
        assert_eq!(
            percent("101", De),
            Err(NumberError::TooLarge { max: 100.0 })
        );
        assert_eq!(integer("-3", De, -365, 365), Ok(-3));
    }

    #[test]
    fn hours_and_quantities_take_decimals() {
        assert_eq!(hours("1,25", De), Ok(1.25));
        assert_eq!(hours("1.25", En), Ok(1.25));
        assert_eq!(
            hours("1,255", De),
            Err(NumberError::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            hours("1,250", De),
            Ok(1.25),
            "trailing zeros are no extra precision"
        );
        assert_eq!(
            weekly_hours("169", De),
            Err(NumberError::TooLarge { max: 168.0 })
        );
        assert_eq!(quantity("0,125", De), Ok(0.125));
        for lang in [De, En] {
            for value in [0.0, 1.5, 60.0, 0.125, 1234.5] {
                let shown = crate::text::format_quantity(value, lang);
                assert_eq!(quantity(&shown, lang), Ok(value), "{shown}");
            }
        }
    }

    #[test]
    fn negative_zero_is_zero() {
        assert_eq!(signed_amount("-0", De), Ok(0));
        assert_eq!(read_decimal("-0,0", De).map(|d| d.negative), Ok(false));
    }
}
