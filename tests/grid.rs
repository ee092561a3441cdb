//! The table page's grid: columns the person chooses and orders (kept in
//! preferences), groups with subtotals and totals, edited time-entry cells
//! that refuse what cannot be true, and which rows are drawn at 10,000.

use chefsache::domain::{Dataset, Project, Step, TimeEntry};
use chefsache::numbers::NumberError;
use chefsache::planning::WorkCalendar;
use chefsache::state::grid::{
    edit_step, edit_time_entry, grid_rows, lines, scroll_to_show, sort_grid, totals, window, Cell,
    CellError, GridKind, GroupBy, Layout, Line,
};
use chefsache::text::Lang;
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

/// A project with steps in two work areas (and one without), with effort.
fn plan() -> Dataset {
    let project = Project::new("Relaunch", now());
    let step = |title: &str, area: Option<&str>, days: u32, hours: f64| {
        let mut s = Step::new(project.id, title, now());
        s.work_area = area.map(str::to_owned);
        s.duration_days = days;
        s.effort_hours = hours;
        s
    };
    let steps = vec![
        step("Konzept", Some("Design"), 3, 24.0),
        step("API", Some("Backend"), 5, 37.5),
        step("Datenbank", Some("Backend"), 2, 12.0),
        step("Abnahme", None, 1, 2.0),
    ];
    Dataset {
        projects: vec![project].into(),
        steps: steps.into(),
        ..Dataset::default()
    }
}

fn rows(data: &Dataset, kind: GridKind) -> Vec<chefsache::state::grid::GridRow> {
    grid_rows(data, kind, &WorkCalendar::default(), day(1), "Ich")
}

fn column(kind: GridKind, key: &str) -> usize {
    kind.columns().iter().position(|c| c.key == key).unwrap()
}

#[test]
fn chosen_and_ordered_columns_survive_a_save_and_keep_the_first_pinned() {
    let kind = GridKind::Steps;
    let mut layout = Layout::all(kind);
    let status = column(kind, "status");
    let project = column(kind, "project");
    layout.toggle(column(kind, "float"));
    layout.toggle(0); // the pinned column cannot be hidden
    assert!(layout.shift(status, -1));
    assert!(
        !layout.shift(project, -1),
        "nothing moves before the pinned column"
    );
    assert!(!layout.shift(0, 1), "the pinned column does not move");

    let mut saved = vec!["materials:name,unit".to_owned()];
    layout.save_into(kind, &mut saved);
    layout.save_into(kind, &mut saved); // saving again replaces, not appends
    assert_eq!(saved.len(), 2);
    let back = Layout::from_prefs(kind, &saved);
    assert_eq!(back, layout);
    assert_eq!(back.shown[0], 0);
    assert!(!back.shown.contains(&column(kind, "float")));
    let at = |c| back.shown.iter().position(|&s| s == c).unwrap();
    assert!(at(status) < at(column(kind, "effort")));

    // The chooser lists the hidden column after the shown ones.
    let chooser = back.chooser(kind);
    assert_eq!(chooser.last(), Some(&(column(kind, "float"), false)));

    // Showing it again puts it last; nothing saved means every column.
    let mut again = back.clone();
    again.toggle(column(kind, "float"));
    assert_eq!(again.shown.last(), Some(&column(kind, "float")));
    assert_eq!(Layout::from_prefs(kind, &[]), Layout::all(kind));
    // Unknown or repeated keys from another version are dropped.
    let odd = Layout::from_prefs(kind, &["steps:nope,area,area,title".to_owned()]);
    assert_eq!(odd.shown, vec![0, column(kind, "area")]);
}

#[test]
fn grouping_by_work_area_gives_subtotals_and_the_totals_add_up() {
    let data = plan();
    let kind = GridKind::Steps;
    let mut rows = rows(&data, kind);
    sort_grid(&mut rows, 0, true);
    let body = lines(kind, &rows, GroupBy::Area);
    let groups: Vec<(&str, usize, Option<&Cell>)> = body
        .iter()
        .filter_map(|l| match l {
            Line::Group { label, count, sums } => Some((
                label.as_str(),
                *count,
                sums[column(kind, "effort")].as_ref(),
            )),
            Line::Row(_) => None,
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Backend", 2, Some(&Cell::Number(49.5))),
            ("Design", 1, Some(&Cell::Number(24.0))),
            ("", 1, Some(&Cell::Number(2.0))),
        ]
    );
    // Each group's rows follow its heading, sorted by title.
    let titles: Vec<&Cell> = body
        .iter()
        .filter_map(|l| match l {
            Line::Row(i) => Some(&rows[*i].cells[0]),
            _ => None,
        })
        .collect();
    assert_eq!(titles[0], &Cell::Text("API".into()));
    assert_eq!(titles[1], &Cell::Text("Datenbank".into()));

    let all = totals(kind, &rows);
    assert_eq!(all[column(kind, "effort")], Some(Cell::Number(75.5)));
    assert_eq!(all[column(kind, "duration")], Some(Cell::Int(Some(11))));
    assert_eq!(all[column(kind, "title")], None, "text does not add up");
    assert_eq!(lines(kind, &rows, GroupBy::None).len(), 4);
}

#[test]
fn time_entry_cells_refuse_zero_malformed_and_a_day_over_24_hours() {
    let mut data = plan();
    let step = data.steps.iter().next().unwrap().id;
    let first = TimeEntry::new(step, day(2), 20.0, now());
    let second = TimeEntry::new(step, day(3), 3.0, now());
    data.time_entries = vec![first.clone(), second.clone()].into();

    let de = Lang::De;
    assert_eq!(
        edit_time_entry(&data, &second, "hours", "0", de),
        Err(CellError::NoHours)
    );
    assert_eq!(
        edit_time_entry(&data, &second, "hours", "1.5", de),
        Err(CellError::Number(NumberError::Malformed))
    );
    assert!(matches!(
        edit_time_entry(&data, &second, "hours", "25", de),
        Err(CellError::Number(NumberError::TooLarge { .. }))
    ));
    assert_eq!(
        edit_time_entry(&data, &second, "hours", "3,5", de)
            .unwrap()
            .hours,
        3.5
    );
    // Moving the 3 hours onto the day with 20 is fine; 5 would be 25.
    let moved = edit_time_entry(&data, &second, "date", "02.12.2026", de).unwrap();
    assert_eq!(moved.date, day(2));
    let mut bigger = second.clone();
    bigger.hours = 5.0;
    assert_eq!(
        edit_time_entry(&data, &bigger, "date", "2026-12-02", de),
        Err(CellError::DayFull { booked: 20.0 })
    );
    assert_eq!(
        edit_time_entry(&data, &second, "date", "morgen", de),
        Err(CellError::NotADate)
    );
    assert_eq!(
        edit_time_entry(&data, &second, "note", "  Abstimmung ", de)
            .unwrap()
            .note,
        "Abstimmung"
    );

    // Time entries come as rows with their hours adding up.
    let rows = rows(&data, GridKind::Times);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        totals(GridKind::Times, &rows)[column(GridKind::Times, "hours")],
        Some(Cell::Number(23.0))
    );
}

#[test]
fn step_cells_read_german_numbers_and_refuse_text() {
    let data = plan();
    let step = data.steps.iter().next().unwrap();
    assert_eq!(
        edit_step(step, "effort", "12,5", Lang::De)
            .unwrap()
            .effort_hours,
        12.5
    );
    assert_eq!(
        edit_step(step, "progress", "60 %", Lang::De)
            .unwrap()
            .progress,
        60
    );
    assert!(edit_step(step, "duration", "drei", Lang::De).is_err());
}

#[test]
fn at_10000_rows_only_a_screenful_is_drawn_and_the_spacers_keep_the_height() {
    let count = 10_000;
    let height = 40.0;
    for top in [0.0, 12_345.0, 399_400.0, 1e9] {
        let w = window(count, height, top, 600.0, 5);
        assert!(w.end - w.start <= 600 / 40 + 1 + 10, "{w:?}");
        assert!(w.end <= count && w.start <= w.end);
        let drawn = (w.end - w.start) as f64 * height;
        assert_eq!(w.before + drawn + w.after, count as f64 * height);
    }
    assert_eq!(window(count, height, 0.0, 600.0, 5).start, 0);
    assert_eq!(window(count, height, 1e9, 600.0, 5).end, count);
    assert_eq!(window(0, height, 0.0, 600.0, 5).end, 0);

    // Keyboard moves scroll just enough to show the active line.
    assert_eq!(scroll_to_show(3, 40.0, 0.0, 600.0, 40.0), None);
    assert_eq!(
        scroll_to_show(20, 40.0, 0.0, 600.0, 40.0),
        Some(880.0 - 600.0)
    );
    assert_eq!(scroll_to_show(2, 40.0, 400.0, 600.0, 40.0), Some(80.0));
}
