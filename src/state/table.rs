//! The spreadsheet view: every step of every project as one flat row, with
//! sorting, filtering and CSV export. Pure, so the rules are tested
//! natively; the page only renders rows.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{Dataset, ProjectId, StepId, StepStatus};
use crate::planning::WorkCalendar;

use super::schedule::project_schedule;

/// One step as a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRow {
    pub step: StepId,
    pub project: ProjectId,
    pub project_name: String,
    pub title: String,
    pub work_area: String,
    pub assignee: String,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    pub duration_days: u32,
    pub effort_hours: f64,
    pub status: StepStatus,
    pub progress: u8,
    pub float_days: Option<i64>,
    pub critical: bool,
    /// Working days its finish slipped against the plan it had (see
    /// `ScheduledStep::slip_days`); 0 when on time or ahead.
    pub slip_days: i64,
}

/// The sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Project,
    Title,
    WorkArea,
    Assignee,
    Start,
    Finish,
    Duration,
    Effort,
    Status,
    Progress,
    Float,
}

/// All steps of all projects, with their computed dates. `me` is how "me"
/// is written in the assignee column.
pub fn step_rows(
    data: &Dataset,
    calendar: &WorkCalendar,
    today: NaiveDate,
    me: &str,
) -> Vec<StepRow> {
    let contacts: HashMap<_, _> = data
        .contacts
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let mut rows = Vec::with_capacity(data.steps.len());
    for project in &data.projects {
        let schedule = project_schedule(data, project.id, calendar, today).ok();
        let dates: HashMap<_, _> = schedule
            .as_ref()
            .map(|s| s.steps.iter().map(|d| (d.id, d)).collect())
            .unwrap_or_default();
        for step in data.steps_of(project.id) {
            let planned = dates.get(&step.id.0);
            rows.push(StepRow {
                step: step.id,
                project: project.id,
                project_name: project.name.clone(),
                title: step.title.clone(),
                work_area: step.work_area.clone().unwrap_or_default(),
                assignee: match step.assignee.contact() {
                    Some(id) => contacts.get(&id).copied().unwrap_or_default().to_string(),
                    None => me.to_string(),
                },
                start: planned.map(|d| d.earliest_start),
                finish: planned.map(|d| d.earliest_finish),
                duration_days: step.scheduled_days(),
                effort_hours: step.effort_hours,
                status: step.status,
                progress: step.progress,
                float_days: planned.map(|d| d.total_float),
                critical: planned.is_some_and(|d| d.critical),
                slip_days: planned.map_or(0, |d| d.slip_days.max(0)),
            });
        }
    }
    rows
}

fn text_order(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// Sorts by one column; ties keep the project's own order.
pub fn sort_rows(rows: &mut [StepRow], column: Column, ascending: bool) {
    rows.sort_by(|a, b| {
        let order = match column {
            Column::Project => text_order(&a.project_name, &b.project_name),
            Column::Title => text_order(&a.title, &b.title),
            Column::WorkArea => text_order(&a.work_area, &b.work_area),
            Column::Assignee => text_order(&a.assignee, &b.assignee),
            // Unscheduled rows go last either way.
            Column::Start => (a.start.is_none(), a.start).cmp(&(b.start.is_none(), b.start)),
            Column::Finish => (a.finish.is_none(), a.finish).cmp(&(b.finish.is_none(), b.finish)),
            Column::Duration => a.duration_days.cmp(&b.duration_days),
            Column::Effort => a.effort_hours.total_cmp(&b.effort_hours),
            Column::Status => (a.status as u8).cmp(&(b.status as u8)),
            Column::Progress => a.progress.cmp(&b.progress),
            Column::Float => a.float_days.cmp(&b.float_days),
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
}

/// Rows whose project, title, area or assignee contain `query` (any case),
/// optionally of one project only.
pub fn filter_rows(rows: &[StepRow], query: &str, project: Option<ProjectId>) -> Vec<StepRow> {
    let query = query.trim().to_lowercase();
    rows.iter()
        .filter(|r| project.is_none_or(|p| r.project == p))
        .filter(|r| {
            query.is_empty()
                || [&r.project_name, &r.title, &r.work_area, &r.assignee]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&query))
        })
        .cloned()
        .collect()
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first) is prefixed with an apostrophe, so a
/// step called "=HYPERLINK(…)" stays text in Excel.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(project: &str, title: &str, start: Option<(i32, u32, u32)>, progress: u8) -> StepRow {
        StepRow {
            step: StepId::new(),
            project: ProjectId::new(),
            project_name: project.into(),
            title: title.into(),
            work_area: String::new(),
            assignee: "Ich".into(),
            start: start.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            finish: None,
            duration_days: 1,
            effort_hours: 0.0,
            status: StepStatus::Todo,
            progress,
            float_days: None,
            critical: false,
            slip_days: 0,
        }
    }

    #[test]
    fn sorting_by_start_puts_unscheduled_steps_last() {
        let mut rows = vec![
            row("A", "ohne", None, 0),
            row("A", "später", Some((2027, 2, 1)), 0),
            row("A", "früher", Some((2027, 1, 4)), 0),
        ];
        sort_rows(&mut rows, Column::Start, true);
        let titles: Vec<_> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["früher", "später", "ohne"]);
        sort_rows(&mut rows, Column::Progress, false);
    }

    #[test]
    fn filtering_matches_any_text_column_in_any_case() {
        let rows = vec![
            row("Webshop", "Konzept", None, 0),
            row("Blog", "Texte", None, 0),
        ];
        assert_eq!(filter_rows(&rows, "WEB", None).len(), 1);
        assert_eq!(filter_rows(&rows, "ich", None).len(), 2);
        assert_eq!(filter_rows(&rows, "", Some(rows[1].project)).len(), 1);
    }

    #[test]
    fn formulas_stay_text_in_spreadsheets() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("-5"), "'-5");
        assert_eq!(safe_cell("Konzept"), "Konzept");
    }
}
