//! CSV import of steps into a project (from Excel, LibreOffice or another
//! planner), as the Excalidraw-style pipeline: read the file
//! (`exchange::csv`), map its columns, check every row, and show the
//! person a preview; nothing is written until they confirm, and then all
//! rows go in as one undoable action.
//!
//! Dependencies may name a predecessor by title (a step of the file or one
//! the project has) or by the spreadsheet's row number ("3" or "#3"), as
//! people refer to rows in Excel; several are separated by `,` or `;`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{Dataset, Dependency, Project, Step, StepId};
use crate::exchange::csv::CsvTable;
use crate::numbers::{self, NumberError};
use crate::store::{AnyRecord, ChangeSet};
use crate::text::Lang;

use super::commands::next_sort_order;

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepColumn {
    Title,
    WorkArea,
    Start,
    Duration,
    Effort,
    Deadline,
    Predecessors,
    Milestone,
}

impl StepColumn {
    pub const ALL: [StepColumn; 8] = [
        StepColumn::Title,
        StepColumn::WorkArea,
        StepColumn::Start,
        StepColumn::Duration,
        StepColumn::Effort,
        StepColumn::Deadline,
        StepColumn::Predecessors,
        StepColumn::Milestone,
    ];

    /// Header words (lower case, German and English, as Excel templates and
    /// other planners name them) that map to this column.
    fn names(self) -> &'static [&'static str] {
        match self {
            StepColumn::Title => &[
                "titel", "title", "schritt", "step", "aufgabe", "task", "vorgang", "name",
            ],
            StepColumn::WorkArea => &["arbeitsbereich", "work area", "bereich", "area", "gewerk"],
            StepColumn::Start => &["start", "beginn", "anfang", "startdatum", "start date"],
            StepColumn::Duration => &["dauer", "duration", "arbeitstage", "tage", "days"],
            StepColumn::Effort => &["aufwand", "effort", "stunden", "hours", "arbeit", "work"],
            StepColumn::Deadline => &["frist", "deadline", "fällig", "due", "ende spätestens"],
            StepColumn::Predecessors => &[
                "vorgänger",
                "predecessors",
                "abhängigkeiten",
                "dependencies",
                "nach",
            ],
            StepColumn::Milestone => &["meilenstein", "milestone"],
        }
    }
}

/// A guess of each column's meaning from its header; `None` = ignored.
/// Each meaning is given to one column at most (the first that names it).
pub fn guess_mapping(headers: &[String]) -> Vec<Option<StepColumn>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = h.trim().to_lowercase();
            let found = StepColumn::ALL
                .into_iter()
                .find(|c| !taken.contains(c) && c.names().contains(&h.as_str()))?;
            taken.push(found);
            Some(found)
        })
        .collect()
}

/// What is wrong with one cell (or row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The title is empty.
    NoTitle,
    /// Not a date: `24.12.2026` or `2026-12-24` (English also `12/24/2026`).
    NotADate(String),
    /// Not a number of working days (0 to 10,000).
    NotDays(String),
    /// Not hours (German `1,5`, English `1.5`).
    NotHours(String),
    /// No step of this title or row number.
    UnknownPredecessor(String),
    /// The step would wait for itself, directly or in a circle; the titles
    /// of the circle.
    Cycle(Vec<String>),
}

/// A problem with the file's line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// The column at fault; `None` for the whole row.
    pub column: Option<StepColumn>,
    pub problem: RowProblem,
}

/// The preview: the steps the rows become and what is wrong. Only a plan
/// without errors can be applied.
#[derive(Debug, Clone, PartialEq)]
pub struct StepImportPlan {
    /// In file order, each with the line it came from.
    pub steps: Vec<(u64, Step)>,
    pub errors: Vec<RowError>,
}

impl StepImportPlan {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// The change that adds the steps: one action, one undo. `None` while
    /// the plan has errors.
    pub fn into_change(self) -> Option<ChangeSet> {
        if !self.is_clean() {
            return None;
        }
        Some(
            self.steps
                .into_iter()
                .fold(ChangeSet::new(), |set, (_, s)| set.put(AnyRecord::Step(s))),
        )
    }
}

/// Checks every row of `table` under `mapping` as new steps of `project`.
pub fn plan_step_import(
    data: &Dataset,
    project: &Project,
    table: &CsvTable,
    mapping: &[Option<StepColumn>],
    lang: Lang,
    now: DateTime<Utc>,
) -> StepImportPlan {
    let cell = |fields: &[String], column: StepColumn| -> Option<String> {
        let i = mapping.iter().position(|m| *m == Some(column))?;
        let value = fields.get(i)?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    };
    let mut errors = Vec::new();
    let mut steps: Vec<(u64, Step)> = Vec::new();
    let mut predecessor_cells: Vec<Option<String>> = Vec::new();
    for (order, row) in (next_sort_order(data, project.id)..).zip(&table.rows) {
        let line = row.line;
        let mut fail = |column: StepColumn, problem: RowProblem| {
            errors.push(RowError {
                line,
                column: Some(column),
                problem,
            })
        };
        let mut step = Step::new(project.id, "", now);
        match cell(&row.fields, StepColumn::Title) {
            Some(title) => step.title = title,
            None => fail(StepColumn::Title, RowProblem::NoTitle),
        }
        step.work_area = cell(&row.fields, StepColumn::WorkArea);
        if let Some(text) = cell(&row.fields, StepColumn::Start) {
            match read_date(&text, lang) {
                Some(date) => step.planned_start = Some(date),
                None => fail(StepColumn::Start, RowProblem::NotADate(text)),
            }
        }
        if let Some(text) = cell(&row.fields, StepColumn::Deadline) {
            match read_date(&text, lang) {
                Some(date) => step.deadline = Some(date),
                None => fail(StepColumn::Deadline, RowProblem::NotADate(text)),
            }
        }
        if let Some(text) = cell(&row.fields, StepColumn::Duration) {
            match numbers::working_days(&text, lang) {
                Ok(days) => step.duration_days = days,
                Err(_) => fail(StepColumn::Duration, RowProblem::NotDays(text)),
            }
        }
        if let Some(text) = cell(&row.fields, StepColumn::Effort) {
            match read_hours(&text, lang) {
                Ok(hours) => step.effort_hours = hours,
                Err(_) => fail(StepColumn::Effort, RowProblem::NotHours(text)),
            }
        }
        let milestone = cell(&row.fields, StepColumn::Milestone).is_some_and(|t| is_yes(&t))
            || step.duration_days == 0;
        step.set_milestone(milestone);
        step.sort_order = order;
        predecessor_cells.push(cell(&row.fields, StepColumn::Predecessors));
        steps.push((line, step));
    }

    // Dependencies, once every row has its id: by row number, by title
    // within the file, then by title among the project's steps.
    let by_line: HashMap<u64, StepId> = steps.iter().map(|(l, s)| (*l, s.id)).collect();
    let mut by_title: HashMap<String, StepId> = HashMap::new();
    for s in data.steps_of(project.id) {
        by_title.insert(s.title.to_lowercase(), s.id);
    }
    for (_, s) in &steps {
        by_title.insert(s.title.to_lowercase(), s.id);
    }
    for ((line, step), cell) in steps.iter_mut().zip(predecessor_cells) {
        for name in cell.iter().flat_map(|c| c.split([',', ';'])) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let number = name.trim_start_matches('#').parse::<u64>().ok();
            let found = number
                .and_then(|n| by_line.get(&n))
                .or_else(|| by_title.get(&name.to_lowercase()))
                .copied();
            match found {
                Some(id) if !step.dependencies.iter().any(|d| d.predecessor == id) => {
                    step.dependencies.push(Dependency {
                        predecessor: id,
                        lag_days: 0,
                    })
                }
                Some(_) => {}
                None => errors.push(RowError {
                    line: *line,
                    column: Some(StepColumn::Predecessors),
                    problem: RowProblem::UnknownPredecessor(name.to_owned()),
                }),
            }
        }
    }

    // Circles, with the project's steps as they are.
    let mut trial = data.clone();
    let mut all: Vec<Step> = trial.steps.iter().cloned().collect();
    all.extend(steps.iter().map(|(_, s)| s.clone()));
    trial.steps = all.into();
    let line_of: HashMap<StepId, u64> = steps.iter().map(|(l, s)| (s.id, *l)).collect();
    for cycle in trial.dependency_cycles() {
        if let crate::domain::ValidationError::DependencyCycle { steps: ids, titles } = cycle {
            let line = ids.iter().find_map(|id| line_of.get(id)).copied();
            if let Some(line) = line {
                errors.push(RowError {
                    line,
                    column: Some(StepColumn::Predecessors),
                    problem: RowProblem::Cycle(titles),
                });
            }
        }
    }
    for (line, step) in &steps {
        if step.dependencies.iter().any(|d| d.predecessor == step.id) {
            errors.push(RowError {
                line: *line,
                column: Some(StepColumn::Predecessors),
                problem: RowProblem::Cycle(vec![step.title.clone()]),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    StepImportPlan { steps, errors }
}

/// A date as people type it in a spreadsheet: `24.12.2026`, `24.12.26`,
/// ISO `2026-12-24`, and in English also `12/24/2026`.
pub fn read_date(text: &str, lang: Lang) -> Option<NaiveDate> {
    let text = text.trim();
    let iso = text.get(..10).unwrap_or(text); // "2026-12-24T00:00:00" from some exporters
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
        .or_else(|| {
            let short = NaiveDate::parse_from_str(text, "%d.%m.%y").ok()?;
            // "%y" reads 26 as 2026; four-digit years went above.
            (text.len() <= 8).then_some(short)
        })
        .or_else(|| match lang {
            Lang::En => NaiveDate::parse_from_str(text, "%m/%d/%Y").ok(),
            Lang::De => None,
        })
}

/// Hours, with an optional unit ("8 h", "8 Std.").
fn read_hours(text: &str, lang: Lang) -> Result<f64, NumberError> {
    let number = text
        .trim()
        .trim_end_matches('.')
        .trim_end_matches(['h', 'H'])
        .trim_end_matches("Std")
        .trim_end_matches("std")
        .trim();
    numbers::hours(number, lang)
}

fn is_yes(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "ja" | "j" | "x" | "yes" | "y" | "true" | "wahr" | "1"
    )
}
