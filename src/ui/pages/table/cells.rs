//! How the grid's columns are named and its typed cells read, in the
//! person's language, on screen and in CSV files.

use crate::domain::{MaterialStatus, Role};
use crate::i18n::{t_string, I18nContext, Locale};
use crate::state::grid::{csv_number, Cell, GridKind};
use crate::state::table::safe_cell;
use crate::text::{format_date, format_money, format_quantity, Lang};
use crate::ui::labels::{late_text, role_label, step_status_label};

type I18n = I18nContext<Locale>;

/// The heading of column `key` of `kind`.
pub fn column_label(i18n: I18n, kind: GridKind, key: &str) -> String {
    use GridKind::*;
    let text = match (kind, key) {
        (_, "project") => t_string!(i18n, table_page.col_project),
        (_, "area") => t_string!(i18n, table_page.col_area),
        (Steps, "title") => t_string!(i18n, table_page.col_title),
        (Steps, "assignee") => t_string!(i18n, table_page.col_assignee),
        (Steps, "start") => t_string!(i18n, table_page.col_start),
        (Steps, "finish") => t_string!(i18n, table_page.col_finish),
        (Steps, "duration") => t_string!(i18n, table_page.col_duration),
        (Steps, "effort") => t_string!(i18n, table_page.col_effort),
        (Steps, "status") => t_string!(i18n, table_page.col_status),
        (Steps, "progress") => t_string!(i18n, table_page.col_progress),
        (Steps, "float") => t_string!(i18n, table_page.col_float),
        (Materials, "name") => t_string!(i18n, grid.mat_name),
        (Materials, "step") => t_string!(i18n, grid.mat_step),
        (Materials, "quantity") => t_string!(i18n, grid.mat_quantity),
        (Materials, "unit") => t_string!(i18n, grid.mat_unit),
        (Materials, "unit_cost") => t_string!(i18n, grid.mat_unit_cost),
        (Materials, "cost") => t_string!(i18n, grid.mat_cost),
        (Materials, "supplier") => t_string!(i18n, grid.mat_supplier),
        (Materials, "status") => t_string!(i18n, grid.mat_status),
        (Materials, "delivered") => t_string!(i18n, grid.mat_delivered),
        (Contacts, "name") => t_string!(i18n, grid.con_name),
        (Contacts, "organisation") => t_string!(i18n, grid.con_organisation),
        (Contacts, "roles") => t_string!(i18n, grid.con_roles),
        (Contacts, "email") => t_string!(i18n, grid.con_email),
        (Contacts, "phone") => t_string!(i18n, grid.con_phone),
        (Contacts, "city") => t_string!(i18n, grid.con_city),
        (Times, "step") => t_string!(i18n, grid.time_step),
        (Times, "person") => t_string!(i18n, grid.time_person),
        (Times, "date") => t_string!(i18n, grid.time_date),
        (Times, "hours") => t_string!(i18n, grid.time_hours),
        (Times, "note") => t_string!(i18n, grid.time_note),
        _ => "",
    };
    text.to_string()
}

/// The name of a grid (its tab).
pub fn kind_label(i18n: I18n, kind: GridKind) -> String {
    match kind {
        GridKind::Steps => t_string!(i18n, grid.tab_steps),
        GridKind::Materials => t_string!(i18n, grid.tab_materials),
        GridKind::Contacts => t_string!(i18n, grid.tab_contacts),
        GridKind::Times => t_string!(i18n, grid.tab_times),
    }
    .to_string()
}

pub fn material_status_label(i18n: I18n, status: MaterialStatus) -> String {
    match status {
        MaterialStatus::ToOrder => t_string!(i18n, materials.st_to_order),
        MaterialStatus::Ordered => t_string!(i18n, materials.st_ordered),
        MaterialStatus::Delivered => t_string!(i18n, materials.st_delivered),
        MaterialStatus::Cancelled => t_string!(i18n, materials.st_cancelled),
    }
    .to_string()
}

fn roles_text(i18n: I18n, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| role_label(i18n, *r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cell as shown on screen.
pub fn cell_text(i18n: I18n, cell: &Cell, lang: Lang) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Date(d) => d.map(|d| format_date(d, lang)).unwrap_or_default(),
        Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        Cell::Number(v) => format_quantity(*v, lang),
        Cell::Money(v) => v.map(|v| format_money(v, lang)).unwrap_or_default(),
        Cell::StepStatus(status, _) => step_status_label(i18n, *status),
        Cell::MaterialStatus(status) => material_status_label(i18n, *status),
        Cell::Roles(roles) => roles_text(i18n, roles),
    }
}

/// The text a cell's editor starts with: the value as the person would
/// type it (no thousands separators, no unit).
pub fn edit_text(cell: &Cell, lang: Lang) -> String {
    match cell {
        Cell::Number(v) => csv_number(*v, lang),
        Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        Cell::Date(d) => d.map(|d| format_date(d, lang)).unwrap_or_default(),
        Cell::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// A step's lateness, shown as a badge beside its status.
pub fn late_badge(i18n: I18n, cell: &Cell) -> Option<String> {
    match cell {
        Cell::StepStatus(_, late) if *late > 0 => Some(late_text(i18n, *late)),
        _ => None,
    }
}

/// A cell for a CSV file: numbers plain (decimal comma in German), dates
/// in the person's format, text that a spreadsheet would run as a formula
/// neutralised.
pub fn csv_text(i18n: I18n, cell: &Cell, lang: Lang) -> String {
    match cell {
        Cell::Text(t) => safe_cell(t),
        Cell::Number(v) => csv_number(*v, lang),
        Cell::Money(v) => v
            .map(|c| csv_number(c as f64 / 100.0, lang))
            .unwrap_or_default(),
        other => safe_cell(&cell_text(i18n, other, lang)),
    }
}
