//! The table: every step of every project in one sortable, filterable grid,
//! with the numbers editable in place like a spreadsheet, and CSV export.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{ProjectId, StepId};
use crate::exchange::csv::{write_csv, CsvOptions};
use crate::i18n::{t_string, use_i18n};
use crate::numbers::{self, NumberError};
use crate::state::commands;
use crate::state::table::{filter_rows, safe_cell, sort_rows, step_rows, Column, StepRow};
use crate::store::AnyRecord;
use crate::text::{format_date, format_quantity, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::download_text;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::number_error_text;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::{late_text, step_status_label};

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
            t_string!(i18n, steps.me),
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
        let names = state.data.read().projects_by_name();
        names
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name))
            .collect::<Vec<_>>()
    });

    // Confirmations and refusals of the table appear above it, not at the
    // top of the page.
    let notice = Notice::new();
    // One cell's edit: the typed text is read strictly in the person's
    // language and only that field is set on the stored step. Text that is
    // not a number, or a value the rules refuse, is an error at the cell
    // and saves nothing (so nothing lands in the undo history).
    let edit = move |step: StepId, field: Field, text: &str| -> Result<(), String> {
        let lang = lang.get_untracked();
        let Some(mut s) = state.data.read_untracked().step(step).cloned() else {
            return Err(t_string!(i18n, data.gone).to_string());
        };
        let error_text = |e: NumberError| number_error_text(i18n, &e, false, lang);
        let before = s.clone();
        match field {
            Field::Duration => {
                s.duration_days = numbers::working_days(text, lang).map_err(error_text)?
            }
            Field::Effort => {
                s.effort_hours = numbers::optional(text, |t| numbers::hours(t, lang))
                    .map_err(error_text)?
                    .unwrap_or(0.0)
            }
            Field::Progress => s.progress = numbers::percent(text, lang).map_err(error_text)?,
        }
        if s == before {
            return Ok(());
        }
        let changes = commands::save(&state.data.get_untracked(), AnyRecord::Step(s), Utc::now());
        state
            .execute(t_string!(i18n, table_page.edited), Ok(changes))
            .map_err(|e| state.refusal_text(&e))
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
            notice.info(t_string!(i18n, table_page.exported, count = rows.len()).to_string());
        }
    };

    // Rows by step id, so a row updates in place and a cell being typed in
    // keeps its text when something else changes.
    let by_id = Memo::new(move |_| {
        all.with(|rows| {
            rows.iter()
                .map(|r| (r.step, r.clone()))
                .collect::<std::collections::HashMap<StepId, StepRow>>()
        })
    });
    let shown_ids = move || shown.with(|rows| rows.iter().map(|r| r.step).collect::<Vec<_>>());
    let number_cell = move |step: StepId, row: Memo<Option<StepRow>>, field: Field| {
        let lang_now = lang;
        let value = move || {
            row.with(|r| {
                r.as_ref().map(|r| match field {
                    Field::Duration => r.duration_days.to_string(),
                    Field::Effort => format_quantity(r.effort_hours, lang_now.get()),
                    Field::Progress => r.progress.to_string(),
                })
            })
            .unwrap_or_default()
        };
        let label = move || {
            let column = match field {
                Field::Duration => t_string!(i18n, table_page.col_duration),
                Field::Effort => t_string!(i18n, table_page.col_effort),
                Field::Progress => t_string!(i18n, table_page.col_progress),
            };
            format!(
                "{column} {}",
                row.with(|r| r.as_ref().map(|r| r.title.clone()).unwrap_or_default())
            )
        };
        // A milestone takes no time: its duration is not a number to edit.
        let fixed = move || {
            matches!(field, Field::Duration)
                && state
                    .data
                    .with(|d| d.step(step).is_some_and(|s| s.is_milestone()))
        };
        let draft = RwSignal::new(None::<String>);
        let error = RwSignal::new(None::<String>);
        let field_key = match field {
            Field::Duration => "duration",
            Field::Effort => "effort",
            Field::Progress => "progress",
        };
        let error_id = format!("cell-{}-{field_key}-error", step.0.simple());
        let described = error_id.clone();
        view! {
            <td class="num">
                <input class="cell-input" type="text" inputmode="decimal" aria-label=label
                    disabled=fixed
                    aria-invalid=move || error.read().is_some().to_string()
                    aria-describedby=move || error.read().is_some().then(|| described.clone())
                    prop:value=move || draft.get().unwrap_or_else(value)
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match edit(step, field, &text) {
                            Ok(()) => { draft.set(None); error.set(None); }
                            Err(reason) => error.set(Some(reason)),
                        }
                    } />
                {move || error.get().map(|text| view! { <p id=error_id.clone() class="field__error cell-error">{text}</p> })}
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
            <NoticeRegion notice=notice />
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
                        <For each=shown_ids key=|id| *id let:id>
                            {
                                let row = Memo::new(move |_| by_id.with(|m| m.get(&id).cloned()));
                                let text = move |f: fn(&StepRow) -> String| move || row.with(|r| r.as_ref().map(f).unwrap_or_default());
                                let project_href = move || row.with(|r| r.as_ref().map(|r| format!("/projects/{}", r.project.0)).unwrap_or_default());
                                let date = move |finish: bool| move || row.with(|r| r.as_ref().and_then(|r| if finish { r.finish } else { r.start }).map(|d| format_date(d, lang.get())));
                                view! {
                                    <tr class:row--critical=move || row.with(|r| r.as_ref().is_some_and(|r| r.critical))>
                                        // Long names are cut to one line; the full text is in the title.
                                        <td class="cell-text" title=text(|r| r.project_name.clone())><A href=project_href>{text(|r| r.project_name.clone())}</A></td>
                                        <th scope="row" class="cell-text" title=text(|r| r.title.clone())>{text(|r| r.title.clone())}</th>
                                        <td class="cell-text" title=text(|r| r.work_area.clone())>{text(|r| r.work_area.clone())}</td>
                                        <td class="cell-text" title=text(|r| r.assignee.clone())>{text(|r| r.assignee.clone())}</td>
                                        <td>{date(false)}</td>
                                        <td>{date(true)}</td>
                                        {number_cell(id, row, Field::Duration)}
                                        {number_cell(id, row, Field::Effort)}
                                        <td>{move || row.with(|r| r.as_ref().map(|r| step_status_label(i18n, r.status)))}
                                            {move || row.with(|r| r.as_ref().map_or(0, |r| r.slip_days)).gt(&0).then(|| view! {
                                                " "<span class="badge badge--late">{move || late_text(i18n, row.with(|r| r.as_ref().map_or(0, |r| r.slip_days)))}</span>
                                            })}</td>
                                        {number_cell(id, row, Field::Progress)}
                                        <td class="num">{text(|r| r.float_days.map(|f| f.to_string()).unwrap_or_default())}</td>
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
