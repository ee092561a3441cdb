//! The table page's grid, for steps, materials, contacts and time entries
//! alike: typed cells per row, the columns the person chose and their
//! order, sorting, filtering, grouping with subtotals, totals, which rows
//! are in view (only those are drawn) and the checks of an edited cell.
//! Pure, so every rule is tested natively; the page only renders.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{
    Assignee, Dataset, Material, MaterialStatus, Role, Step, StepStatus, TimeEntry,
};
use crate::numbers::{self, NumberError};
use crate::planning::WorkCalendar;
use crate::text::Lang;

use super::step_import::read_date;
use super::table::step_rows;
use super::time_sheet::{check_day_limit, DayLimit};

/// Which records the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GridKind {
    Steps,
    Materials,
    Contacts,
    Times,
}

impl GridKind {
    pub const ALL: [GridKind; 4] = [
        GridKind::Steps,
        GridKind::Materials,
        GridKind::Contacts,
        GridKind::Times,
    ];

    /// The name in preferences and in the page's URL.
    pub fn key(self) -> &'static str {
        match self {
            GridKind::Steps => "steps",
            GridKind::Materials => "materials",
            GridKind::Contacts => "contacts",
            GridKind::Times => "times",
        }
    }

    pub fn from_key(key: &str) -> Option<GridKind> {
        GridKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Every column of this kind, the pinned one first. A row's cells are
    /// in this order.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            GridKind::Steps => STEP_COLUMNS,
            GridKind::Materials => MATERIAL_COLUMNS,
            GridKind::Contacts => CONTACT_COLUMNS,
            GridKind::Times => TIME_COLUMNS,
        }
    }

    /// Whether rows belong to projects and work areas (contacts do not).
    pub fn can_group(self) -> bool {
        self != GridKind::Contacts
    }
}

/// One column: its key (in preferences and for its label), whether it is
/// a number (right-aligned), whether it adds up to a total, and whether
/// its cells can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub numeric: bool,
    pub total: bool,
    pub editable: bool,
}

const fn text(key: &'static str) -> ColumnSpec {
    ColumnSpec {
        key,
        numeric: false,
        total: false,
        editable: false,
    }
}

const fn number(key: &'static str, total: bool, editable: bool) -> ColumnSpec {
    ColumnSpec {
        key,
        numeric: true,
        total,
        editable,
    }
}

const STEP_COLUMNS: &[ColumnSpec] = &[
    text("title"),
    text("project"),
    text("area"),
    text("assignee"),
    text("start"),
    text("finish"),
    number("duration", true, true),
    number("effort", true, true),
    text("status"),
    number("progress", false, true),
    number("float", false, false),
];

const MATERIAL_COLUMNS: &[ColumnSpec] = &[
    text("name"),
    text("project"),
    text("step"),
    number("quantity", false, true),
    text("unit"),
    number("unit_cost", false, false),
    number("cost", true, false),
    text("supplier"),
    text("status"),
    text("delivered"),
];

const CONTACT_COLUMNS: &[ColumnSpec] = &[
    text("name"),
    text("organisation"),
    text("roles"),
    text("email"),
    text("phone"),
    text("city"),
];

const TIME_COLUMNS: &[ColumnSpec] = &[
    text("step"),
    text("project"),
    text("area"),
    text("person"),
    ColumnSpec {
        editable: true,
        ..text("date")
    },
    number("hours", true, true),
    ColumnSpec {
        editable: true,
        ..text("note")
    },
];

/// A typed cell; the page formats it in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(Option<NaiveDate>),
    /// Whole numbers (days, percent, float); `None` shows nothing.
    Int(Option<i64>),
    /// Hours or quantities.
    Number(f64),
    /// Euro cents.
    Money(Option<i64>),
    /// A step's status and how many working days it is late.
    StepStatus(StepStatus, i64),
    MaterialStatus(MaterialStatus),
    Roles(Vec<Role>),
}

impl Cell {
    /// The value that adds up in subtotals and totals.
    fn amount(&self) -> Option<f64> {
        match self {
            Cell::Int(v) => v.map(|v| v as f64),
            Cell::Number(v) => Some(*v),
            Cell::Money(v) => v.map(|v| v as f64),
            _ => None,
        }
    }

    /// A sum shown like the cells it adds up.
    fn like(&self, sum: f64) -> Cell {
        match self {
            Cell::Int(_) => Cell::Int(Some(sum.round() as i64)),
            Cell::Money(_) => Cell::Money(Some(sum.round() as i64)),
            _ => Cell::Number((sum * 100.0).round() / 100.0),
        }
    }

    /// The text the filter looks in.
    fn search_text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }
}

fn compare(a: &Cell, b: &Cell) -> Ordering {
    // Empty values go last when ascending.
    fn last<T: Ord>(a: &Option<T>, b: &Option<T>) -> Ordering {
        (a.is_none(), a).cmp(&(b.is_none(), b))
    }
    match (a, b) {
        (Cell::Text(a), Cell::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        (Cell::Date(a), Cell::Date(b)) => last(a, b),
        (Cell::Int(a), Cell::Int(b)) => last(a, b),
        (Cell::Money(a), Cell::Money(b)) => last(a, b),
        (Cell::Number(a), Cell::Number(b)) => a.total_cmp(b),
        (Cell::StepStatus(a, _), Cell::StepStatus(b, _)) => (*a as u8).cmp(&(*b as u8)),
        (Cell::MaterialStatus(a), Cell::MaterialStatus(b)) => (*a as u8).cmp(&(*b as u8)),
        (Cell::Roles(a), Cell::Roles(b)) => {
            let key = |r: &[Role]| r.iter().map(|r| *r as u8).collect::<Vec<_>>();
            key(a).cmp(&key(b))
        }
        _ => Ordering::Equal,
    }
}

/// One record as a row: its cells in the order of its kind's columns and
/// what it groups by.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub id: Uuid,
    pub cells: Vec<Cell>,
    pub project: String,
    pub area: String,
    /// A step on the critical path (drawn with a mark).
    pub critical: bool,
}

impl GridRow {
    /// Changes whenever a cell changes: the page keys its rows by id and
    /// revision, so an edited row is drawn anew and others stay.
    pub fn revision(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.cells.iter().for_each(|c| hash_cell(c, &mut h));
        self.critical.hash(&mut h);
        h.finish()
    }
}

fn hash_cell(cell: &Cell, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    match cell {
        Cell::Text(t) => t.hash(h),
        Cell::Date(d) => d.hash(h),
        Cell::Int(v) | Cell::Money(v) => v.hash(h),
        Cell::Number(v) => v.to_bits().hash(h),
        Cell::StepStatus(s, late) => ((*s as u8), late).hash(h),
        Cell::MaterialStatus(s) => (*s as u8).hash(h),
        Cell::Roles(r) => r.iter().for_each(|r| (*r as u8).hash(h)),
    }
}

/// The rows of `kind`. `me` names the person in assignee and person
/// columns.
pub fn grid_rows(
    data: &Dataset,
    kind: GridKind,
    calendar: &WorkCalendar,
    today: NaiveDate,
    me: &str,
) -> Vec<GridRow> {
    match kind {
        GridKind::Steps => step_grid_rows(data, calendar, today, me),
        GridKind::Materials => material_rows(data),
        GridKind::Contacts => contact_rows(data),
        GridKind::Times => time_rows(data, me),
    }
}

fn step_grid_rows(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    me: &str,
) -> Vec<GridRow> {
    step_rows(data, calendar, today, me)
        .into_iter()
        .map(|r| GridRow {
            id: r.step.0,
            cells: vec![
                Cell::Text(r.title),
                Cell::Text(r.project_name.clone()),
                Cell::Text(r.work_area.clone()),
                Cell::Text(r.assignee),
                Cell::Date(r.start),
                Cell::Date(r.finish),
                Cell::Int(Some(i64::from(r.duration_days))),
                Cell::Number(r.effort_hours),
                Cell::StepStatus(r.status, r.slip_days),
                Cell::Int(Some(i64::from(r.progress))),
                Cell::Int(r.float_days),
            ],
            project: r.project_name,
            area: r.work_area,
            critical: r.critical,
        })
        .collect()
}

fn material_rows(data: &Dataset) -> Vec<GridRow> {
    let mut rows = Vec::with_capacity(data.materials.len());
    for project in &data.projects {
        for m in data.materials_of(project.id) {
            let step = m.step.and_then(|s| data.step(s));
            let supplier = m
                .supplier
                .and_then(|c| data.contact(c))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            rows.push(GridRow {
                id: m.id.0,
                cells: vec![
                    Cell::Text(m.name.clone()),
                    Cell::Text(project.name.clone()),
                    Cell::Text(step.map(|s| s.title.clone()).unwrap_or_default()),
                    Cell::Number(m.quantity),
                    Cell::Text(m.unit.clone()),
                    Cell::Money(Some(m.unit_cost.cents())),
                    Cell::Money(Some(material_cost(m))),
                    Cell::Text(supplier),
                    Cell::MaterialStatus(m.status),
                    Cell::Date(m.delivered_on),
                ],
                project: project.name.clone(),
                area: step.and_then(|s| s.work_area.clone()).unwrap_or_default(),
                critical: false,
            });
        }
    }
    rows
}

/// What a material costs: its invoice once there is one, else quantity ×
/// unit cost.
fn material_cost(m: &Material) -> i64 {
    m.actual_cost
        .unwrap_or_else(|| m.unit_cost.times(m.quantity))
        .cents()
}

fn contact_rows(data: &Dataset) -> Vec<GridRow> {
    data.contacts
        .iter()
        .map(|c| GridRow {
            id: c.id.0,
            cells: vec![
                Cell::Text(c.name.clone()),
                Cell::Text(c.organisation.clone()),
                Cell::Roles(c.roles.clone()),
                Cell::Text(
                    c.emails
                        .first()
                        .map(|e| e.value.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    c.phones
                        .first()
                        .map(|p| p.value.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(c.address.city.clone()),
            ],
            project: String::new(),
            area: String::new(),
            critical: false,
        })
        .collect()
}

fn time_rows(data: &Dataset, me: &str) -> Vec<GridRow> {
    let mut rows: Vec<(NaiveDate, GridRow)> = data
        .time_entries
        .iter()
        .filter_map(|e| {
            let step = data.step(e.step)?;
            let project = data
                .project(step.project)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let area = step.work_area.clone().unwrap_or_default();
            let person = match e.person {
                Assignee::Me => me.to_owned(),
                Assignee::Contact(id) => {
                    data.contact(id).map(|c| c.name.clone()).unwrap_or_default()
                }
            };
            Some((
                e.date,
                GridRow {
                    id: e.id.0,
                    cells: vec![
                        Cell::Text(step.title.clone()),
                        Cell::Text(project.clone()),
                        Cell::Text(area.clone()),
                        Cell::Text(person),
                        Cell::Date(Some(e.date)),
                        Cell::Number(e.hours),
                        Cell::Text(e.note.clone()),
                    ],
                    project,
                    area,
                    critical: false,
                },
            ))
        })
        .collect();
    // Newest first, as a time sheet is read.
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Rows with a text cell containing `query` (any case).
pub fn filter_grid(rows: &[GridRow], query: &str) -> Vec<GridRow> {
    let query = query.trim().to_lowercase();
    rows.iter()
        .filter(|r| {
            query.is_empty()
                || r.cells
                    .iter()
                    .filter_map(Cell::search_text)
                    .any(|t| t.to_lowercase().contains(&query))
        })
        .cloned()
        .collect()
}

/// Sorts by the cells of column `column` (an index into the kind's
/// columns); ties keep their order.
pub fn sort_grid(rows: &mut [GridRow], column: usize, ascending: bool) {
    rows.sort_by(|a, b| {
        let order = match (a.cells.get(column), b.cells.get(column)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
}

// ---------------------------------------------------------------------
// Columns the person chose

/// The columns shown, as indices into the kind's columns, in the order
/// shown. The first column is pinned: always shown, always first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub shown: Vec<usize>,
}

impl Layout {
    /// Every column, in the kind's order.
    pub fn all(kind: GridKind) -> Layout {
        Layout {
            shown: (0..kind.columns().len()).collect(),
        }
    }

    /// The layout kept in preferences for `kind`, or every column. Saved
    /// as one text per kind ("steps:project,area,start"): the preferences
    /// already decode lists of text, so the first load gains no decoder.
    pub fn from_prefs(kind: GridKind, saved: &[String]) -> Layout {
        let prefix = format!("{}:", kind.key());
        let Some(line) = saved.iter().find_map(|s| s.strip_prefix(&prefix)) else {
            return Layout::all(kind);
        };
        let columns = kind.columns();
        let mut shown = vec![0];
        for key in line.split(',') {
            if let Some(i) = columns.iter().position(|c| c.key == key) {
                if !shown.contains(&i) {
                    shown.push(i);
                }
            }
        }
        Layout { shown }
    }

    /// Writes this layout for `kind` into the saved list.
    pub fn save_into(&self, kind: GridKind, saved: &mut Vec<String>) {
        let prefix = format!("{}:", kind.key());
        saved.retain(|s| !s.starts_with(&prefix));
        let keys: Vec<&str> = self
            .shown
            .iter()
            .skip(1)
            .map(|&i| kind.columns()[i].key)
            .collect();
        saved.push(format!("{prefix}{}", keys.join(",")));
    }

    /// Shows or hides `column` (a shown column comes last). The pinned
    /// column stays.
    pub fn toggle(&mut self, column: usize) {
        if column == 0 {
            return;
        }
        if let Some(at) = self.shown.iter().position(|&c| c == column) {
            self.shown.remove(at);
        } else {
            self.shown.push(column);
        }
    }

    /// Moves a shown column one place left (`-1`) or right (`1`), never in
    /// front of the pinned column. Returns whether it moved.
    pub fn shift(&mut self, column: usize, by: isize) -> bool {
        let Some(at) = self.shown.iter().position(|&c| c == column) else {
            return false;
        };
        let to = at as isize + by;
        if at == 0 || to < 1 || to >= self.shown.len() as isize {
            return false;
        }
        self.shown.swap(at, to as usize);
        true
    }

    /// Every column for the chooser: the shown ones in their order, then
    /// the hidden ones in the kind's order, each with whether it is shown.
    pub fn chooser(&self, kind: GridKind) -> Vec<(usize, bool)> {
        let hidden = (0..kind.columns().len()).filter(|c| !self.shown.contains(c));
        self.shown
            .iter()
            .map(|&c| (c, true))
            .chain(hidden.map(|c| (c, false)))
            .collect()
    }
}

// ---------------------------------------------------------------------
// Groups, subtotals and totals

/// What rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    None,
    Project,
    Area,
}

/// One line of the grid's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A group's heading with its number of rows and its subtotals (per
    /// column of the kind; `None` where the column does not add up).
    Group {
        label: String,
        count: usize,
        sums: Vec<Option<Cell>>,
    },
    /// The row at this index of the sorted rows.
    Row(usize),
}

impl Line {
    /// Changes whenever what the line shows changes (see
    /// [`GridRow::revision`]).
    pub fn revision(&self, rows: &[GridRow]) -> u64 {
        use std::hash::{Hash, Hasher};
        match self {
            Line::Row(i) => rows.get(*i).map_or(0, GridRow::revision),
            Line::Group { label, count, sums } => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (label, count).hash(&mut h);
                sums.iter().flatten().for_each(|c| hash_cell(c, &mut h));
                h.finish()
            }
        }
    }
}

/// Sums of the columns that add up, over `rows`.
pub fn totals<'a>(
    kind: GridKind,
    rows: impl IntoIterator<Item = &'a GridRow>,
) -> Vec<Option<Cell>> {
    let columns = kind.columns();
    let mut sums = vec![0.0; columns.len()];
    let mut sample: Vec<Option<&Cell>> = vec![None; columns.len()];
    for row in rows {
        for (i, cell) in row.cells.iter().enumerate() {
            if columns.get(i).is_some_and(|c| c.total) {
                if let Some(v) = cell.amount() {
                    sums[i] += v;
                }
                sample[i].get_or_insert(cell);
            }
        }
    }
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.total
                .then(|| sample[i].map_or(Cell::Number(sums[i]), |s| s.like(sums[i])))
        })
        .collect()
}

/// The body's lines: the rows as sorted, or with `group` each group's
/// heading (groups by name, rows without one last) followed by its rows
/// in their sorted order.
pub fn lines(kind: GridKind, rows: &[GridRow], group: GroupBy) -> Vec<Line> {
    let key = |r: &GridRow| match group {
        GroupBy::None => None,
        GroupBy::Project => Some(r.project.clone()),
        GroupBy::Area => Some(r.area.clone()),
    };
    if group == GroupBy::None || !kind.can_group() {
        return (0..rows.len()).map(Line::Row).collect();
    }
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let label = key(row).unwrap_or_default();
        let g = *at.entry(label.clone()).or_insert_with(|| {
            groups.push((label, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups.sort_by(|a, b| {
        (a.0.is_empty(), a.0.to_lowercase()).cmp(&(b.0.is_empty(), b.0.to_lowercase()))
    });
    let mut out = Vec::with_capacity(rows.len() + groups.len());
    for (label, members) in groups {
        out.push(Line::Group {
            label,
            count: members.len(),
            sums: totals(kind, members.iter().map(|&i| &rows[i])),
        });
        out.extend(members.into_iter().map(Line::Row));
    }
    out
}

// ---------------------------------------------------------------------
// Rendering only what is visible

/// The lines to draw: `start..end`, with the room above and below them
/// kept by spacers of `before` and `after` pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub before: f64,
    pub after: f64,
}

/// Which of `count` lines of `row_height` pixels are in a viewport of
/// `viewport` pixels scrolled to `scroll_top`, with `overscan` lines more
/// on each side so a fast scroll shows no gap.
pub fn window(
    count: usize,
    row_height: f64,
    scroll_top: f64,
    viewport: f64,
    overscan: usize,
) -> Window {
    if count == 0 || row_height <= 0.0 {
        return Window {
            start: 0,
            end: 0,
            before: 0.0,
            after: 0.0,
        };
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let visible = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(count);
    let end = (first + visible + overscan).min(count).max(start);
    Window {
        start,
        end,
        before: start as f64 * row_height,
        after: (count - end) as f64 * row_height,
    }
}

/// Where to scroll so that line `line` is fully in view (below a sticky
/// header of `header` pixels), or `None` if it already is.
pub fn scroll_to_show(
    line: usize,
    row_height: f64,
    scroll_top: f64,
    viewport: f64,
    header: f64,
) -> Option<f64> {
    let top = line as f64 * row_height;
    let bottom = top + row_height;
    if top < scroll_top {
        Some(top)
    } else if bottom + header > scroll_top + viewport {
        Some(bottom + header - viewport)
    } else {
        None
    }
}

// ---------------------------------------------------------------------
// Edited cells

/// Why an edited cell is refused; nothing is saved.
#[derive(Debug, Clone, PartialEq)]
pub enum CellError {
    Number(NumberError),
    /// Not a date (`24.12.2026` or `2026-12-24`).
    NotADate,
    /// A time entry needs more than 0 hours.
    NoHours,
    /// The person would have more than 24 hours that day; `booked` is what
    /// their other entries of the day hold.
    DayFull {
        booked: f64,
    },
    /// The record is gone (deleted here or in another tab).
    Gone,
}

impl From<NumberError> for CellError {
    fn from(e: NumberError) -> Self {
        CellError::Number(e)
    }
}

/// A step with the cell of column `key` set from `text`.
pub fn edit_step(step: &Step, key: &str, text: &str, lang: Lang) -> Result<Step, CellError> {
    let mut s = step.clone();
    match key {
        "duration" => s.duration_days = numbers::working_days(text, lang)?,
        "effort" => {
            s.effort_hours = numbers::optional(text, |t| numbers::hours(t, lang))?.unwrap_or(0.0)
        }
        "progress" => s.progress = numbers::percent(text, lang)?,
        _ => {}
    }
    Ok(s)
}

/// A material with the cell of column `key` set from `text`.
pub fn edit_material(
    material: &Material,
    key: &str,
    text: &str,
    lang: Lang,
) -> Result<Material, CellError> {
    let mut m = material.clone();
    if key == "quantity" {
        m.quantity = numbers::quantity(text, lang)?;
    }
    Ok(m)
}

/// A time entry with the cell of column `key` set from `text`: hours must
/// be more than 0 and keep the person's day at 24 hours at most (also when
/// the date moves), the date must be a date.
pub fn edit_time_entry(
    data: &Dataset,
    entry: &TimeEntry,
    key: &str,
    text: &str,
    lang: Lang,
) -> Result<TimeEntry, CellError> {
    let mut e = entry.clone();
    match key {
        "hours" => {
            let hours = numbers::decimal(text, lang, 0.0, 24.0, 2)?;
            if hours <= 0.0 {
                return Err(CellError::NoHours);
            }
            e.hours = hours;
        }
        "date" => e.date = read_date(text, lang).ok_or(CellError::NotADate)?,
        "note" => e.note = text.trim().to_owned(),
        _ => {}
    }
    check_day_limit(data, &e)
        .map_err(|DayLimit::Exceeded { booked }| CellError::DayFull { booked })?;
    Ok(e)
}

/// A number for a CSV file: German spreadsheets read a decimal comma.
pub fn csv_number(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_room_of_the_lines_it_leaves_out() {
        let w = window(10_000, 40.0, 4_000.0, 600.0, 5);
        assert_eq!((w.start, w.end), (95, 121));
        assert_eq!(w.before, 95.0 * 40.0);
        assert_eq!(
            w.before + (w.end - w.start) as f64 * 40.0 + w.after,
            400_000.0
        );
    }
}
