//! Locale-aware formatting of dates and money, kept pure so that it is
//! tested natively. The UI picks the [`Lang`] from the active i18n locale.

use chrono::{Datelike, NaiveDate};

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

    /// Weekday names, Monday first.
    fn weekdays(self) -> &'static [&'static str; 7] {
        match self {
            Lang::De => &[
                "Montag",
                "Dienstag",
                "Mittwoch",
                "Donnerstag",
                "Freitag",
                "Samstag",
                "Sonntag",
            ],
            Lang::En => &[
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
        }
    }

    /// The name of `day` (`Dienstag`, `Tuesday`).
    pub fn weekday_name(self, day: chrono::Weekday) -> &'static str {
        self.weekdays()[day.num_days_from_monday() as usize]
    }

    /// Short weekday names (`Mo`, `Mon`), Monday first.
    fn weekdays_short(self) -> &'static [&'static str; 7] {
        match self {
            Lang::De => &["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
            Lang::En => &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        }
    }

    /// Month names, January first.
    fn months(self) -> &'static [&'static str; 12] {
        match self {
            Lang::De => &[
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ],
            Lang::En => &[
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
        }
    }

    /// Short month names (`Mär`, `Mar`), January first.
    fn months_short(self) -> &'static [&'static str; 12] {
        match self {
            Lang::De => &[
                "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
            ],
            Lang::En => &[
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
        }
    }
}

/// A date in a chrono pattern whose `%A`, `%a`, `%B` and `%b` are the
/// weekday and month names of `lang` (`%B %Y` → `Dezember 2026`).
///
/// The names are our own constants: chrono's `unstable-locales` would do the
/// same, but it links the tables of every locale (about 54 KB of the
/// bundle), because the locale is chosen at run time.
pub fn format_localized(date: NaiveDate, pattern: &str, lang: Lang) -> String {
    let weekday = date.weekday().num_days_from_monday() as usize;
    let month = date.month0() as usize;
    // Names become literal text of the pattern; none of them holds a `%`.
    let mut resolved = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            resolved.push(ch);
            continue;
        }
        match chars.next() {
            Some('A') => resolved.push_str(lang.weekdays()[weekday]),
            Some('a') => resolved.push_str(lang.weekdays_short()[weekday]),
            Some('B') => resolved.push_str(lang.months()[month]),
            Some('b') => resolved.push_str(lang.months_short()[month]),
            Some(other) => {
                resolved.push('%');
                resolved.push(other);
            }
            None => resolved.push('%'),
        }
    }
    date.format(&resolved).to_string()
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
    let pattern = match lang {
        Lang::De => "%A, %-d. %B %Y",
        Lang::En => "%A, %-d %B %Y",
    };
    format_localized(date, pattern, lang)
}

/// When an appointment starts, briefly: `08.12.2026 14:00`, or just the
/// date for an all-day one.
pub fn format_when_start(when: &crate::domain::When, lang: Lang) -> String {
    match when {
        crate::domain::When::Timed { start, .. } => {
            format!(
                "{} {}",
                format_date(start.date(), lang),
                start.format("%H:%M")
            )
        }
        crate::domain::When::AllDay { first, .. } => format_date(*first, lang),
    }
}

/// The value of an `<input type="date">` for an optional date.
pub fn date_input_value(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The date in an `<input type="date">`'s value, if it holds one.
pub fn parse_date_input(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
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

/// Reads an amount typed by a person into cents: `1.234,50`, `1234,5`,
/// `1 234,50 €` in German, `1,234.50` or `€1234.5` in English; empty is 0.
/// `None` for anything that is not an amount with at most two decimals.
/// The grammar lives in [`crate::numbers`]; forms use that module directly
/// to show why a text is refused.
pub fn parse_money(input: &str, lang: Lang) -> Option<i64> {
    crate::numbers::optional(input, |t| crate::numbers::signed_amount(t, lang))
        .ok()
        .map(|cents| cents.unwrap_or(0))
}

/// A quantity as people write it: `1,5` in German, `1.5` in English,
/// whole numbers without decimals, at most three decimals.
pub fn format_quantity(value: f64, lang: Lang) -> String {
    // `+ 0.0` turns the -0.0 of an empty f64 sum into 0: never "-0 h".
    let text = format!("{:.3}", value + 0.0);
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A byte count for people: `1,5 MB` / `1.5 MB`.
pub fn format_bytes(bytes: u64, lang: Lang) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 {
        format!("{bytes}")
    } else {
        format!("{value:.1}")
    };
    let text = match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    };
    format!("{text}\u{a0}{}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn nothing_booked_reads_zero_not_minus_zero() {
        // The sum of no hours is -0.0 in Rust.
        let none: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(format_quantity(none, Lang::De), "0");
        assert_eq!(format_quantity(1.5, Lang::De), "1,5");
        assert_eq!(crate::state::time_entries::hours_text(none, Lang::En), "0");
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
    fn every_weekday_and_month_has_its_name() {
        // 2026-01-05 is a Monday.
        let de: Vec<String> = (0..7)
            .map(|i| format_localized(d(2026, 1, 5 + i), "%a %A", Lang::De))
            .collect();
        assert_eq!(de[0], "Mo Montag");
        assert_eq!(de[6], "So Sonntag");
        let en = format_localized(d(2026, 1, 11), "%a %A", Lang::En);
        assert_eq!(en, "Sun Sunday");
        assert_eq!(
            format_localized(d(2026, 3, 1), "%b %B %Y", Lang::De),
            "Mär März 2026"
        );
        assert_eq!(
            format_localized(d(2026, 3, 1), "%b %B %Y", Lang::En),
            "Mar March 2026"
        );
        assert_eq!(
            format_localized(d(2026, 12, 24), "%a %d.%m. 100%%", Lang::De),
            "Do 24.12. 100%"
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
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_money("1.234,50", Lang::De), Some(123_450));
        assert_eq!(parse_money("1234,5 €", Lang::De), Some(123_450));
        assert_eq!(parse_money("  80 ", Lang::De), Some(8_000));
        assert_eq!(parse_money("", Lang::De), Some(0));
        assert_eq!(parse_money("-12,00", Lang::De), Some(-1_200));
        assert_eq!(parse_money("€1,234.50", Lang::En), Some(123_450));
        assert_eq!(parse_money("12,345", Lang::De), None, "three decimals");
        assert_eq!(parse_money("zwölf", Lang::De), None);
        assert_eq!(parse_money(",", Lang::De), None);
        for cents in [0, 5, 99, 100, 123_456_789] {
            for lang in [Lang::De, Lang::En] {
                assert_eq!(parse_money(&format_money(cents, lang), lang), Some(cents));
            }
        }
    }

    #[test]
    fn date_inputs_round_trip() {
        assert_eq!(date_input_value(Some(d(2027, 3, 5))), "2027-03-05");
        assert_eq!(date_input_value(None), "");
        assert_eq!(parse_date_input(" 2027-03-05 "), Some(d(2027, 3, 5)));
        assert_eq!(parse_date_input(""), None);
    }

    #[test]
    fn quantities_use_the_decimal_separator_of_the_language() {
        assert_eq!(format_quantity(1.5, Lang::De), "1,5");
        assert_eq!(format_quantity(1.5, Lang::En), "1.5");
        assert_eq!(format_quantity(60.0, Lang::De), "60");
        assert_eq!(format_quantity(0.125, Lang::De), "0,125");
    }

    #[test]
    fn byte_counts_are_short() {
        assert_eq!(format_bytes(512, Lang::De), "512\u{a0}B");
        assert_eq!(format_bytes(1_500_000, Lang::De), "1,5\u{a0}MB");
        assert_eq!(format_bytes(1_500_000, Lang::En), "1.5\u{a0}MB");
    }

    #[test]
    fn language_follows_the_browser_and_falls_back_to_german() {
        assert_eq!(Lang::negotiate(["fr-FR", "en-US", "de"]), Lang::En);
        assert_eq!(Lang::negotiate(["de-AT"]), Lang::De);
        assert_eq!(Lang::negotiate(["fr", "it"]), Lang::De);
        assert_eq!(Lang::negotiate([]), Lang::De);
    }
}
