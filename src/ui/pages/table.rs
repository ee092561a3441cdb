//! The table: every step of every project in one sortable, filterable grid,
//! with the numbers editable in place like a spreadsheet, and CSV export.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{ProjectId, StepId};
use crate::exchange::csv::{write_csv, CsvOptions};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::state::table::{filter_rows, safe_cell, sort_rows, step_rows, Column, StepRow};
use crate::store::AnyRecord;
use crate::text::{format_date, Lang};
use crate::ui::app_state::{use_app_state, FlashKind};
use crate::ui::browser_files::download_text;
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::step_status_label;

/// Which number of a step a cell edits.
#[derive(Clone, Copy)]
enum Field {
    Duration,
    Effort,
    Progress,
}

#[component]
pub fn TablePage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = crate::ui::clock::use_today();
    let query = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let sort = RwSignal::new((Column::Project, true));

    let all = Memo::new(move |_| {
        let calendar = state.calendar.get();
        step_rows(
            &state.data.read(),
            &calendar,
            today.get(),
            &t_string!(i18n, steps.me),
        )
    });
    let shown = Memo::new(move |_| {
        let project = uuid::Uuid::parse_str(&project.get()).ok().map(ProjectId);
        let mut rows = filter_rows(&all.read(), &query.get(), project);
        let (column, ascending) = sort.get();
        sort_rows(&mut rows, column, ascending);
        rows
    });
    let projects = Memo::new(move |_| {
        let mut list: Vec<(String, String)> = state
            .data
            .read()
            .projects
            .iter()
            .map(|p| (p.id.0.to_string(), p.name.clone()))
            .collect();
        list.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()));
        list
    });

    let edit = move |step: StepId, field: Field, text: String| {
        let Some(mut s) = state.data.read_untracked().step(step).cloned() else {
            return;
        };
        let text = text.trim().replace(',', ".");
        match field {
            Field::Duration => s.duration_days = text.parse().unwrap_or(s.duration_days),
            Field::Effort => s.effort_hours = text.parse().unwrap_or(s.effort_hours),
            Field::Progress => {
                s.progress = text.parse::<u8>().map(|p| p.min(100)).unwrap_or(s.progress)
            }
        }
        state.run(
            t_string!(i18n, table_page.edited),
            Ok(commands::save(
                &state.data.get_untracked(),
                AnyRecord::Step(s),
                Utc::now(),
            )),
        );
    };

    let header = move |column: Column, label: Signal<String>, numeric: bool| {
        let sort_label = move || t_string!(i18n, table_page.sort_by, column = &label.get());
        view! {
            <th scope="col" class:num=numeric
                aria-sort=move || match sort.get() {
                    (c, true) if c == column => "ascending",
                    (c, false) if c == column => "descending",
                    _ => "none",
                }>
                <button type="button" class="sort-button" title=sort_label
                    on:click=move |_| sort.update(|(c, asc)| { if *c == column { *asc = !*asc } else { *c = column; *asc = true } })>
                    {move || label.get()}
                    <span aria-hidden="true" class="sort-mark">{move || match sort.get() {
                        (c, true) if c == column => "▲",
                        (c, false) if c == column => "▼",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };
    macro_rules! label {
        ($key:ident) => {
            Signal::derive(move || t_string!(i18n, table_page.$key).to_string())
        };
    }

    let export = move |_| {
        let lang = lang.get_untracked();
        let rows = shown.get_untracked();
        let headers = [
            t_string!(i18n, table_page.col_project),
            t_string!(i18n, table_page.col_title),
            t_string!(i18n, table_page.col_area),
            t_string!(i18n, table_page.col_assignee),
            t_string!(i18n, table_page.col_start),
            t_string!(i18n, table_page.col_finish),
            t_string!(i18n, table_page.col_duration),
            t_string!(i18n, table_page.col_effort),
            t_string!(i18n, table_page.col_status),
            t_string!(i18n, table_page.col_progress),
            t_string!(i18n, table_page.col_float),
        ];
        let number = |value: f64| {
            let text = value.to_string();
            if lang == Lang::De {
                text.replace('.', ",")
            } else {
                text
            }
        };
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    safe_cell(&r.project_name),
                    safe_cell(&r.title),
                    safe_cell(&r.work_area),
                    safe_cell(&r.assignee),
                    r.start.map(|d| format_date(d, lang)).unwrap_or_default(),
                    r.finish.map(|d| format_date(d, lang)).unwrap_or_default(),
                    r.duration_days.to_string(),
                    number(r.effort_hours),
                    step_status_label(i18n, r.status),
                    r.progress.to_string(),
                    r.float_days.map(|f| f.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        // German Excel expects semicolons and a byte order mark.
        let options = if lang == Lang::De {
            CsvOptions::excel_german()
        } else {
            CsvOptions::standard()
        };
        let csv = write_csv(&headers, &cells, &options);
        let name = format!(
            "chefsache-schritte-{}.csv",
            today.get_untracked().format("%Y-%m-%d")
        );
        if download_text(&name, "text/csv", &csv).is_ok() {
            state.show(
                FlashKind::Info,
                t_string!(i18n, table_page.exported, count = rows.len()),
            );
        }
    };

    let number_cell = move |row: &StepRow, field: Field, value: String, label: String| {
        let step = row.step;
        view! {
            <td class="num">
                <input class="cell-input" type="text" inputmode="decimal" aria-label=label prop:value=value
                    on:change=move |ev| edit(step, field, event_target_value(&ev)) />
            </td>
        }
    };

    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, table.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, table.intro).to_string())
        >
            <button type="button" class="button" on:click=export disabled=move || shown.read().is_empty()>
                {move || t_string!(i18n, table_page.export)}
            </button>
        </PageHeader>
        <Show when=move || !all.read().is_empty()
            fallback=move || view! {
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, table.empty_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, table.empty_text).to_string())
                >
                    <A href="/projects" attr:class="button">{move || t_string!(i18n, nav.projects)}</A>
                </EmptyState>
            }>
            <div class="filter-bar">
                <div class="field">
                    <label for="table-filter">{move || t_string!(i18n, table_page.filter)}</label>
                    <input id="table-filter" type="search" placeholder=move || t_string!(i18n, table_page.filter_hint)
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="table-project">{move || t_string!(i18n, table_page.project)}</label>
                    <select id="table-project" prop:value=move || project.get() on:change=move |ev| project.set(event_target_value(&ev))>
                        <option value="">{move || t_string!(i18n, table_page.all_projects)}</option>
                        {move || projects.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </div>
                <p class="muted" role="status">{move || t_string!(i18n, table_page.count, shown = &shown.read().len(), count = all.read().len())}</p>
            </div>
            <div class="table-scroll sheet">
                <table class="data-table">
                    <thead>
                        <tr>
                            {header(Column::Project, label!(col_project), false)}
                            {header(Column::Title, label!(col_title), false)}
                            {header(Column::WorkArea, label!(col_area), false)}
                            {header(Column::Assignee, label!(col_assignee), false)}
                            {header(Column::Start, label!(col_start), false)}
                            {header(Column::Finish, label!(col_finish), false)}
                            {header(Column::Duration, label!(col_duration), true)}
                            {header(Column::Effort, label!(col_effort), true)}
                            {header(Column::Status, label!(col_status), false)}
                            {header(Column::Progress, label!(col_progress), true)}
                            {header(Column::Float, label!(col_float), true)}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|r| (r.step, r.duration_days, r.progress, r.effort_hours.to_bits(), r.start, r.status) let:row>
                            {
                                let duration_label = format!("{} {}", t_string!(i18n, table_page.col_duration), row.title);
                                let effort_label = format!("{} {}", t_string!(i18n, table_page.col_effort), row.title);
                                let progress_label = format!("{} {}", t_string!(i18n, table_page.col_progress), row.title);
                                let status = row.status;
                                let (start, finish) = (row.start, row.finish);
                                let project_name = row.project_name.clone();
                                let duration_cell = number_cell(&row, Field::Duration, row.duration_days.to_string(), duration_label);
                                let effort_cell = number_cell(&row, Field::Effort, row.effort_hours.to_string(), effort_label);
                                let progress_cell = number_cell(&row, Field::Progress, row.progress.to_string(), progress_label);
                                view! {
                                    <tr class:row--critical=row.critical>
                                        <td><A href=format!("/projects/{}", row.project.0)>{project_name}</A></td>
                                        <th scope="row">{row.title.clone()}</th>
                                        <td>{row.work_area.clone()}</td>
                                        <td>{row.assignee.clone()}</td>
                                        <td>{move || start.map(|d| format_date(d, lang.get()))}</td>
                                        <td>{move || finish.map(|d| format_date(d, lang.get()))}</td>
                                        {duration_cell}
                                        {effort_cell}
                                        <td>{move || step_status_label(i18n, status)}</td>
                                        {progress_cell}
                                        <td class="num">{row.float_days.map(|f| f.to_string())}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
