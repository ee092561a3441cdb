//! Time entries as CSV for invoicing: per project and month, one line per
//! entry with date, step, work area, person, hours, hourly rate, amount
//! and the entry's note (what was done), then a totals line.
//!
//! For German Excel and LibreOffice the file uses `;`, a byte order mark
//! and decimal commas (`exchange::csv::CsvOptions::excel_german`); text
//! cells that a spreadsheet would run as a formula are neutralised
//! (`table::safe_cell`, the OWASP advice).

use chrono::{Datelike, NaiveDate};

use crate::domain::{Assignee, Dataset, Money, ProjectId};
use crate::exchange::csv::{write_csv, CsvOptions};
use crate::text::Lang;

use super::table::safe_cell;

/// One entry as it goes to the invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExportRow {
    pub date: NaiveDate,
    pub project: String,
    pub step: String,
    pub work_area: String,
    pub person: String,
    pub hours: f64,
    pub rate: Option<Money>,
    pub amount: Money,
    /// What was done (free text the person typed).
    pub note: String,
}

/// Which entries: of one project (or all) in one month (or all time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimeExportFilter {
    pub project: Option<ProjectId>,
    pub month: Option<(i32, u32)>,
}

/// The rows, by date then project and step. `me` names the person's own
/// entries and `my_rate` prices them (collaborators use their contact's
/// hourly rate); without a rate the amount is 0.
pub fn time_export_rows(
    data: &Dataset,
    filter: TimeExportFilter,
    me: &str,
    my_rate: Option<Money>,
) -> Vec<TimeExportRow> {
    let mut rows: Vec<TimeExportRow> = data
        .time_entries
        .iter()
        .filter(|e| {
            filter
                .month
                .is_none_or(|(y, m)| e.date.year() == y && e.date.month() == m)
        })
        .filter_map(|e| {
            let step = data.step(e.step)?;
            if filter.project.is_some_and(|p| p != step.project) {
                return None;
            }
            let project = data.project(step.project).map(|p| p.name.clone());
            let (person, rate) = match e.person {
                Assignee::Me => (me.to_owned(), my_rate),
                Assignee::Contact(c) => {
                    let contact = data.contact(c);
                    (
                        contact.map(|c| c.name.clone()).unwrap_or_default(),
                        contact.and_then(|c| c.hourly_rate),
                    )
                }
            };
            Some(TimeExportRow {
                date: e.date,
                project: project.unwrap_or_default(),
                step: step.title.clone(),
                work_area: step.work_area.clone().unwrap_or_default(),
                person,
                hours: e.hours,
                rate,
                amount: rate.map_or(Money::ZERO, |r| r.times(e.hours)),
                note: e.note.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.date, &a.project, &a.step, &a.person).cmp(&(b.date, &b.project, &b.step, &b.person))
    });
    rows
}

/// The column titles, in the person's language (from the locale files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExportHeaders {
    pub date: String,
    pub project: String,
    pub step: String,
    pub work_area: String,
    pub person: String,
    pub hours: String,
    pub rate: String,
    pub amount: String,
    pub note: String,
    /// The label of the totals line.
    pub total: String,
}

/// The CSV text: German Excel's dialect for German, RFC 4180 for English.
pub fn time_export_csv(rows: &[TimeExportRow], headers: &TimeExportHeaders, lang: Lang) -> String {
    let head = [
        &headers.date,
        &headers.project,
        &headers.step,
        &headers.work_area,
        &headers.person,
        &headers.hours,
        &headers.rate,
        &headers.amount,
        &headers.note,
    ];
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.date.format("%Y-%m-%d").to_string(),
                safe_cell(&r.project),
                safe_cell(&r.step),
                safe_cell(&r.work_area),
                safe_cell(&r.person),
                decimal(r.hours, lang),
                r.rate.map(|m| money(m, lang)).unwrap_or_default(),
                money(r.amount, lang),
                safe_cell(&r.note),
            ]
        })
        .collect();
    let hours: f64 = rows.iter().map(|r| r.hours).sum();
    let amount: Money = rows.iter().map(|r| r.amount).sum();
    cells.push(vec![
        safe_cell(&headers.total),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        decimal(hours, lang),
        String::new(),
        money(amount, lang),
        String::new(),
    ]);
    let options = match lang {
        Lang::De => CsvOptions::excel_german(),
        Lang::En => CsvOptions::standard(),
    };
    write_csv(&head, &cells, &options)
}

/// Hours with up to two decimals, no thousands separator (spreadsheets
/// read `1234,5` as a number in German, `1234.5` in English).
fn decimal(value: f64, lang: Lang) -> String {
    let text = format!("{:.2}", (value * 100.0).round() / 100.0 + 0.0);
    let text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Euros with two decimals and no thousands separator.
fn money(amount: Money, lang: Lang) -> String {
    let cents = amount.0;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let mark = match lang {
        Lang::De => ',',
        Lang::En => '.',
    };
    format!("{sign}{}{mark}{:02}", abs / 100, abs % 100)
}
