//! Locale-aware formatting of dates and money, kept pure so that it is
//! tested natively. The UI picks the [`Lang`] from the active i18n locale.

use chrono::{Locale, NaiveDate};

/// The languages of the interface. German comes first: it is the default
/// for people whose browser asks for neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    /// BCP 47 tag, as stored in preferences and set on `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Reads a stored tag or a browser language such as `de-AT` or `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of the browser's preference list, German
    /// if none is supported.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    fn chrono_locale(self) -> Locale {
        match self {
            Lang::De => Locale::de_DE,
            Lang::En => Locale::en_GB,
        }
    }
}

/// A date as people write it: `24.12.2026` in German, `24/12/2026` in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%d/%m/%Y").to_string(),
    }
}

/// A long date with weekday, e.g. `Donnerstag, 24. Dezember 2026`.
pub fn format_date_long(date: NaiveDate, lang: Lang) -> String {
    // chrono's locale tables (pure-rust-locales) know month and day names,
    // so we do not keep our own lists.
    let pattern = match lang {
        Lang::De => "%A, %-d. %B %Y",
        Lang::En => "%A, %-d %B %Y",
    };
    date.format_localized(pattern, lang.chrono_locale()).to_string()
}

/// Euro amounts from integer cents: `1.234,50 €` in German, `€1,234.50` in
/// English. Cents avoid the rounding errors of floating point money.
pub fn format_money(cents: i64, lang: Lang) -> String {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let (group, decimal) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    let digits = euros.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    match lang {
        Lang::De => format!("{sign}{grouped}{decimal}{rest:02}\u{a0}€"),
        Lang::En => format!("{sign}€{grouped}{decimal}{rest:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn german_dates_use_dots() {
        assert_eq!(format_date(d(2026, 12, 24), Lang::De), "24.12.2026");
        assert_eq!(format_date(d(2027, 1, 5), Lang::De), "05.01.2027");
    }

    #[test]
    fn english_dates_are_day_first() {
        assert_eq!(format_date(d(2026, 12, 24), Lang::En), "24/12/2026");
    }

    #[test]
    fn long_dates_name_the_weekday_in_the_language() {
        assert_eq!(
            format_date_long(d(2026, 12, 24), Lang::De),
            "Donnerstag, 24. Dezember 2026"
        );
        assert_eq!(
            format_date_long(d(2026, 12, 24), Lang::En),
            "Thursday, 24 December 2026"
        );
    }

    #[test]
    fn money_is_grouped_per_locale() {
        assert_eq!(format_money(123_450, Lang::De), "1.234,50\u{a0}€");
        assert_eq!(format_money(123_450, Lang::En), "€1,234.50");
        assert_eq!(format_money(5, Lang::De), "0,05\u{a0}€");
        assert_eq!(format_money(-100_000_000, Lang::De), "-1.000.000,00\u{a0}€");
        assert_eq!(format_money(99_900, Lang::En), "€999.00");
    }

    #[test]
    fn language_follows_the_browser_and_falls_back_to_german() {
        assert_eq!(Lang::negotiate(["fr-FR", "en-US", "de"]), Lang::En);
        assert_eq!(Lang::negotiate(["de-AT"]), Lang::De);
        assert_eq!(Lang::negotiate(["fr", "it"]), Lang::De);
        assert_eq!(Lang::negotiate([]), Lang::De);
    }
}
