//! The table page: steps, materials, contacts and time entries of every
//! project as a spreadsheet each (`?view=` keeps the one shown): columns
//! the person chooses and orders (kept on this device), sorting,
//! filtering, grouping with subtotals, totals, editing in place with the
//! keyboard, CSV export and, for steps, CSV import. The rules are in
//! `state::grid`; `view.rs` draws the grid.

mod cells;
mod view;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::domain::{StepId, TimeEntry};
use crate::exchange::csv::{write_csv, CsvOptions};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::state::grid::{
    edit_material, edit_step, edit_time_entry, filter_grid, grid_rows, lines, sort_grid, totals,
    CellError, GridKind, GroupBy, Layout,
};
use crate::store::AnyRecord;
use crate::text::Lang;
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::download_text;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::step_import_dialog::StepImportDialog;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::messages::cell_error_text;

use cells::{column_label, csv_text, kind_label};
use view::{focus_by_id, CellEdit, Grid};

#[component]
pub fn TablePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        query
            .read()
            .get("view")
            .and_then(|v| GridKind::from_key(&v))
            .unwrap_or(GridKind::Steps)
    });
    let intro = move || match kind.get() {
        GridKind::Steps => t_string!(i18n, table.intro).to_string(),
        GridKind::Materials => t_string!(i18n, grid.intro_materials).to_string(),
        GridKind::Contacts => t_string!(i18n, grid.intro_contacts).to_string(),
        GridKind::Times => t_string!(i18n, grid.intro_times).to_string(),
    };
    view! {
        <crate::ui::components::page_style::PageStyle name="grid" />
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, table.title).to_string())
            intro=Signal::derive(intro)
        />
        <nav class="project-tabs" aria-label=move || t_string!(i18n, grid.tabs_label)>
            <ul class="project-tabs__list">
                {GridKind::ALL.into_iter().map(|k| view! {
                    <li>
                        <a class="project-tabs__tab" href=format!("?view={}", k.key())
                            aria-current=move || (kind.get() == k).then_some("page")>
                            {move || kind_label(i18n, k)}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        // A new grid per kind: its own columns, sort, filter and place.
        {move || {
            let k = kind.get();
            view! { <KindGrid kind=k /> }
        }}
    }
}

#[component]
fn KindGrid(kind: GridKind) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = crate::ui::clock::use_today();
    let query = RwSignal::new(String::new());
    // The grouping is kept in the address (`&group=`), so it survives
    // leaving the page and coming back, and a link or a reload keeps it.
    let group = RwSignal::new(
        match use_query_map().read_untracked().get("group").as_deref() {
            Some("project") => GroupBy::Project,
            Some("area") => GroupBy::Area,
            _ => GroupBy::None,
        },
    );
    let navigate = leptos_router::hooks::use_navigate();
    let choose_group = move |value: String| {
        group.set(match value.as_str() {
            "project" => GroupBy::Project,
            "area" => GroupBy::Area,
            _ => GroupBy::None,
        });
        let path = if value.is_empty() {
            format!("?view={}", kind.key())
        } else {
            format!("?view={}&group={value}", kind.key())
        };
        navigate(
            &path,
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let sort = RwSignal::new(None::<(usize, bool)>);
    let choosing = RwSignal::new(false);
    let importing = RwSignal::new(false);
    let notice = Notice::new();

    let all = Memo::new(move |_| {
        let calendar = state.calendar.get();
        grid_rows(
            &state.data.read(),
            kind,
            &calendar,
            today.get(),
            t_string!(i18n, steps.me),
        )
    });
    let shown = Memo::new(move |_| {
        let mut rows = filter_grid(&all.read(), &query.get());
        if let Some((column, ascending)) = sort.get() {
            sort_grid(&mut rows, column, ascending);
        }
        rows
    });
    let body = Memo::new(move |_| lines(kind, &shown.read(), group.get()));
    let sums = Memo::new(move |_| totals(kind, shown.read().iter()));
    let layout = Memo::new(move |_| Layout::from_prefs(kind, &state.prefs.read().grid_columns));
    let change_layout = move |change: &dyn Fn(&mut Layout)| {
        state.update_prefs(|p| {
            let mut l = Layout::from_prefs(kind, &p.grid_columns);
            change(&mut l);
            l.save_into(kind, &mut p.grid_columns);
        })
    };

    // One cell's edit: the typed text is read strictly in the person's
    // language and only that field changes on the stored record, through
    // the session (so it can be undone). Refused text saves nothing.
    let edit = Callback::new(move |(id, key, text): CellEdit| -> Result<(), String> {
        let lang = lang.get_untracked();
        let data = state.data.get_untracked();
        let error = |e: CellError| cell_error_text(i18n, &e, lang);
        let gone = || error(CellError::Gone);
        let (record, label) = match kind {
            GridKind::Steps => {
                let step = data.step(StepId(id)).ok_or_else(gone)?;
                let changed = edit_step(step, key, &text, lang).map_err(error)?;
                if changed == *step {
                    return Ok(());
                }
                (AnyRecord::Step(changed), t_string!(i18n, table_page.edited))
            }
            GridKind::Materials => {
                let material = data
                    .materials
                    .iter()
                    .find(|m| m.id.0 == id)
                    .ok_or_else(gone)?;
                let changed = edit_material(material, key, &text, lang).map_err(error)?;
                if changed == *material {
                    return Ok(());
                }
                (
                    AnyRecord::Material(changed),
                    t_string!(i18n, grid.edited_material),
                )
            }
            GridKind::Times => {
                let entry: &TimeEntry = data
                    .time_entries
                    .iter()
                    .find(|e| e.id.0 == id)
                    .ok_or_else(gone)?;
                let changed = edit_time_entry(&data, entry, key, &text, lang).map_err(error)?;
                if changed == *entry {
                    return Ok(());
                }
                (
                    AnyRecord::TimeEntry(changed),
                    t_string!(i18n, grid.edited_time),
                )
            }
            GridKind::Contacts => return Ok(()),
        };
        let changes = commands::save(&data, record, Utc::now());
        state
            .execute(label, Ok(changes))
            .map_err(|e| state.refusal_text(&e))
    });

    let export = move |_| {
        let lang = lang.get_untracked();
        let columns = layout.get_untracked().shown;
        let headers: Vec<String> = columns
            .iter()
            .map(|&c| column_label(i18n, kind, kind.columns()[c].key))
            .collect();
        let cells: Vec<Vec<String>> = shown.with_untracked(|rows| {
            rows.iter()
                .map(|r| {
                    columns
                        .iter()
                        .map(|&c| {
                            r.cells
                                .get(c)
                                .map(|cell| csv_text(i18n, cell, lang))
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect()
        });
        // German Excel expects semicolons and a byte order mark.
        let options = if lang == Lang::De {
            CsvOptions::excel_german()
        } else {
            CsvOptions::standard()
        };
        let csv = write_csv(&headers, &cells, &options);
        let name = format!(
            "chefsache-{}-{}.csv",
            kind.key(),
            today.get_untracked().format("%Y-%m-%d")
        );
        if download_text(&name, "text/csv", &csv).is_ok() {
            notice.info(t_string!(i18n, table_page.exported, count = cells.len()).to_string());
        }
    };

    let count = move || {
        let (shown, count) = (shown.read().len(), all.read().len());
        match kind {
            GridKind::Steps => t_string!(i18n, table_page.count, shown = shown, count = count),
            GridKind::Materials => {
                t_string!(i18n, grid.count_materials, shown = shown, count = count)
            }
            GridKind::Contacts => {
                t_string!(i18n, grid.count_contacts, shown = shown, count = count)
            }
            GridKind::Times => t_string!(i18n, grid.count_times, shown = shown, count = count),
        }
        .to_string()
    };
    let chooser_id = format!("grid-columns-{}", kind.key());
    let filter_id = format!("grid-filter-{}", kind.key());
    let group_id = format!("grid-group-{}", kind.key());

    let chooser = move || {
        let shown_count = layout.read().shown.len();
        layout
            .get()
            .chooser(kind)
            .into_iter()
            .map(|(column, on)| {
                let name = column_label(i18n, kind, kind.columns()[column].key);
                let at = layout.with(|l| l.shown.iter().position(|&c| c == column));
                let left_id = format!("grid-{}-{column}-left", kind.key());
                let right_id = format!("grid-{}-{column}-right", kind.key());
                let shift = move |by: isize, id: String| {
                    move |_| {
                        change_layout(&|l| {
                            l.shift(column, by);
                        });
                        // The list is drawn anew; keep the keyboard where it was.
                        focus_by_id(id.clone(), false);
                    }
                };
                let check_id = format!("grid-{}-{column}-shown", kind.key());
                view! {
                    <li class="grid-columns__item">
                        <input type="checkbox" id=check_id.clone() prop:checked=on disabled=column == 0
                            on:change=move |_| change_layout(&|l| l.toggle(column)) />
                        <label for=check_id>{name.clone()}
                            {(column == 0).then(|| view! { " "<span class="muted">{t_string!(i18n, grid.pinned)}</span> })}
                        </label>
                        <span class="grid-columns__moves">
                            <button type="button" class="button button--ghost button--small" id=left_id.clone()
                                aria-label=t_string!(i18n, grid.move_left, column = name.clone())
                                disabled={ !matches!(at, Some(p) if p > 1) }
                                on:click=shift(-1, left_id)>"←"</button>
                            <button type="button" class="button button--ghost button--small" id=right_id.clone()
                                aria-label=t_string!(i18n, grid.move_right, column = name.clone())
                                disabled={ !matches!(at, Some(p) if p >= 1 && p + 1 < shown_count) }
                                on:click=shift(1, right_id)>"→"</button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    // One block: the page's layout puts a gap between its children, and
    // the hidden parts here (chooser, dialog, notices) would each add one.
    view! {
        <div class="grid-page">
        <div class="filter-bar grid-toolbar">
            <div class="field">
                <label for=filter_id.clone()>{move || t_string!(i18n, table_page.filter)}</label>
                <input id=filter_id type="search" placeholder=move || t_string!(i18n, table_page.filter_hint)
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            {kind.can_group().then(|| view! {
                <div class="field">
                    <label for=group_id.clone()>{move || t_string!(i18n, grid.group_by)}</label>
                    <select id=group_id.clone() on:change=move |ev| choose_group(event_target_value(&ev))>
                        <option value="" selected=move || group.get() == GroupBy::None>{move || t_string!(i18n, grid.group_none)}</option>
                        <option value="project" selected=move || group.get() == GroupBy::Project>{move || t_string!(i18n, grid.group_project)}</option>
                        <option value="area" selected=move || group.get() == GroupBy::Area>{move || t_string!(i18n, grid.group_area)}</option>
                    </select>
                </div>
            })}
            <p class="muted grid-toolbar__count" role="status">{count}</p>
            <div class="grid-toolbar__actions">
                <button type="button" class="button button--ghost" aria-expanded=move || choosing.get().to_string()
                    aria-controls=chooser_id.clone() on:click=move |_| choosing.update(|c| *c = !*c)>
                    {move || t_string!(i18n, grid.columns)}
                </button>
                {(kind == GridKind::Steps).then(|| view! {
                    <button type="button" class="button button--ghost" on:click=move |_| importing.set(true)>
                        {move || t_string!(i18n, grid.import_button)}
                    </button>
                })}
                <button type="button" class="button" on:click=export disabled=move || shown.read().is_empty()>
                    {move || t_string!(i18n, table_page.export)}
                </button>
            </div>
        </div>
        <section id=chooser_id class="card grid-columns" hidden=move || !choosing.get()
            aria-labelledby=format!("grid-columns-title-{}", kind.key())>
            <h2 class="card__title" id=format!("grid-columns-title-{}", kind.key())>{move || t_string!(i18n, grid.columns_title)}</h2>
            <ul class="grid-columns__list">{chooser}</ul>
        </section>
        <Show when=move || importing.get()>
            <StepImportDialog notice=notice on_close=Callback::new(move |_| importing.set(false)) />
        </Show>
        <NoticeRegion notice=notice />
        <Show when=move || !all.read().is_empty()
            fallback=move || view! {
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, table.empty_title).to_string())
                    text=Signal::derive(move || if kind == GridKind::Steps {
                        t_string!(i18n, table.empty_text).to_string()
                    } else {
                        t_string!(i18n, grid.empty_text).to_string()
                    })
                >
                    <A href="/projects" attr:class="button">{move || t_string!(i18n, nav.projects)}</A>
                </EmptyState>
            }>
            <Grid kind=kind rows=shown lines=body layout=layout totals=sums sort=sort edit=edit
                label=Signal::derive(move || kind_label(i18n, kind)) />
        </Show>
        </div>
    }
}
