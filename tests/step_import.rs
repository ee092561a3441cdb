//! CSV import of steps: columns mapped from German and English headers,
//! every bad cell named with its line, dependencies by title or row
//! number, and nothing written until the plan is clean and confirmed.

use chefsache::domain::{Dataset, Project, Step};
use chefsache::exchange::csv::{read_csv, CsvOptions};
use chefsache::state::step_import::{
    guess_mapping, plan_step_import, RowError, RowProblem, StepColumn,
};
use chefsache::state::Session;
use chefsache::text::Lang;
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn project_with(existing: &[&str]) -> (Dataset, Project) {
    let project = Project::new("Relaunch", now());
    let steps: Vec<Step> = existing
        .iter()
        .map(|t| Step::new(project.id, *t, now()))
        .collect();
    let data = Dataset {
        projects: vec![project.clone()].into(),
        steps: steps.into(),
        ..Dataset::default()
    };
    (data, project)
}

const GERMAN_EXCEL: &str =
    "\u{feff}Schritt;Arbeitsbereich;Beginn;Dauer;Aufwand;Vorgänger;Meilenstein\r\n\
Konzept;Konzept;07.12.2026;3;24 h;;\r\n\
Backend;Backend;;5;37,5;Konzept;\r\n\
Frontend;Frontend;;4;30;2;\r\n\
Go-live;;;0;;Backend, Frontend;x\r\n";

#[test]
fn a_german_excel_file_maps_and_imports_with_its_dependencies() {
    let (data, project) = project_with(&[]);
    let table = read_csv(GERMAN_EXCEL, &CsvOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    assert_eq!(
        mapping,
        vec![
            Some(StepColumn::Title),
            Some(StepColumn::WorkArea),
            Some(StepColumn::Start),
            Some(StepColumn::Duration),
            Some(StepColumn::Effort),
            Some(StepColumn::Predecessors),
            Some(StepColumn::Milestone),
        ]
    );
    let plan = plan_step_import(&data, &project, &table, &mapping, Lang::De, now());
    assert_eq!(plan.errors, vec![]);
    let steps: Vec<&Step> = plan.steps.iter().map(|(_, s)| s).collect();
    assert_eq!(steps[0].planned_start, NaiveDate::from_ymd_opt(2026, 12, 7));
    assert_eq!(steps[0].effort_hours, 24.0);
    assert_eq!(steps[1].effort_hours, 37.5, "German decimal comma");
    assert_eq!(
        steps[1].dependencies[0].predecessor, steps[0].id,
        "by title"
    );
    // "2" is the spreadsheet's row 2: the first data row (line 1 is the header).
    assert_eq!(
        steps[2].dependencies[0].predecessor, steps[0].id,
        "by row number"
    );
    assert!(steps[3].milestone);
    let preds: Vec<_> = steps[3]
        .dependencies
        .iter()
        .map(|d| d.predecessor)
        .collect();
    assert_eq!(preds, vec![steps[1].id, steps[2].id]);

    // Confirmed: one action adds all four, one undo takes them back.
    let mut session = Session::new(data);
    session
        .execute("import", plan.into_change().unwrap())
        .unwrap();
    assert_eq!(session.data().steps_of(project.id).len(), 4);
    session.undo().unwrap();
    assert!(session.data().steps_of(project.id).is_empty());
}

#[test]
fn every_bad_cell_is_named_with_its_line_and_nothing_is_written() {
    let (data, project) = project_with(&["Abnahme"]);
    let text = "Title,Start,Duration,Effort,Predecessors\n\
                Design,2026-13-01,2,abc,\n\
                ,,,,\n\
                Build,12/07/2026,zwei,8,Desgin\n\
                Test,,1,,Abnahme\n";
    let table = read_csv(text, &CsvOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    let plan = plan_step_import(&data, &project, &table, &mapping, Lang::En, now());
    let found: Vec<(u64, Option<StepColumn>, RowProblem)> = plan
        .errors
        .iter()
        .map(
            |RowError {
                 line,
                 column,
                 problem,
             }| (*line, *column, problem.clone()),
        )
        .collect();
    assert_eq!(
        found,
        vec![
            (
                2,
                Some(StepColumn::Start),
                RowProblem::NotADate("2026-13-01".into())
            ),
            (
                2,
                Some(StepColumn::Effort),
                RowProblem::NotHours("abc".into())
            ),
            (3, Some(StepColumn::Title), RowProblem::NoTitle),
            (
                4,
                Some(StepColumn::Duration),
                RowProblem::NotDays("zwei".into())
            ),
            (
                4,
                Some(StepColumn::Predecessors),
                RowProblem::UnknownPredecessor("Desgin".into())
            ),
        ]
    );
    // The English date was read; the project's own step is a predecessor.
    let build = &plan.steps[2].1;
    assert_eq!(build.planned_start, NaiveDate::from_ymd_opt(2026, 12, 7));
    let abnahme = data.steps_of(project.id)[0].id;
    assert_eq!(plan.steps[3].1.dependencies[0].predecessor, abnahme);
    assert!(
        plan.into_change().is_none(),
        "nothing to write while errors remain"
    );
}

#[test]
fn a_circle_of_dependencies_is_refused_before_anything_is_written() {
    let (data, project) = project_with(&[]);
    let text = "Schritt;Vorgänger\nA;C\nB;A\nC;B\nD;D\n";
    let table = read_csv(text, &CsvOptions::default()).unwrap();
    let mapping = guess_mapping(&table.headers);
    let plan = plan_step_import(&data, &project, &table, &mapping, Lang::De, now());
    let cycles: Vec<(u64, &RowProblem)> =
        plan.errors.iter().map(|e| (e.line, &e.problem)).collect();
    assert!(cycles
        .iter()
        .any(|(_, p)| matches!(p, RowProblem::Cycle(t) if t.len() == 3)));
    assert!(cycles
        .iter()
        .any(|(line, p)| *line == 5
            && matches!(p, RowProblem::Cycle(t) if t == &vec!["D".to_string()])));
    assert!(plan.into_change().is_none());
}

#[test]
fn unknown_headers_are_left_for_the_person_to_map() {
    let headers: Vec<String> = ["Vorgang", "Kostenstelle", "Dauer", "Dauer"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    assert_eq!(
        guess_mapping(&headers),
        vec![
            Some(StepColumn::Title),
            None,
            Some(StepColumn::Duration),
            None
        ],
        "each meaning once"
    );
}
