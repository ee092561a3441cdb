//! "Import steps from CSV": pick a file (Excel or LibreOffice, `;` or `,`,
//! with or without BOM, decimal commas), map its columns (each prefilled
//! by `guess_mapping`), read every row's problems with their line, and
//! only then confirm: all steps go in as one undoable action. Opened from
//! the project page's steps (for that project) and from the table page
//! (the person picks the project). The rules are in `state::step_import`.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::ProjectId;
use crate::exchange::csv::{read_csv_bytes, CsvOptions, CsvTable};
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::step_import::{guess_mapping, plan_step_import, StepColumn};
use crate::text::format_quantity;
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::{read_bytes, take_picked_file};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::Notice;
use crate::ui::messages::{csv_error_text, row_problem_text};

fn meaning_label(i18n: I18nContext<Locale>, column: StepColumn) -> String {
    match column {
        StepColumn::Title => t_string!(i18n, grid.map_title),
        StepColumn::WorkArea => t_string!(i18n, grid.map_area),
        StepColumn::Start => t_string!(i18n, grid.map_start),
        StepColumn::Duration => t_string!(i18n, grid.map_duration),
        StepColumn::Effort => t_string!(i18n, grid.map_effort),
        StepColumn::Deadline => t_string!(i18n, grid.map_deadline),
        StepColumn::Predecessors => t_string!(i18n, grid.map_predecessors),
        StepColumn::Milestone => t_string!(i18n, grid.map_milestone),
    }
    .to_string()
}

/// The button on the project page's steps and the dialog it opens.
#[component]
pub fn StepImportButton(project: ProjectId, notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button button--ghost" on:click=move |_| open.set(true)>
            {move || t_string!(i18n, grid.import_button)}
        </button>
        <Show when=move || open.get()>
            <StepImportDialog project=project notice=notice on_close=Callback::new(move |_| open.set(false)) />
        </Show>
    }
}

#[component]
pub fn StepImportDialog(
    /// The project the steps go into; without one the person chooses.
    #[prop(optional)]
    project: Option<ProjectId>,
    /// Where "n steps imported" is said once the dialog is closed.
    notice: Notice,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    // A modal <dialog>: the browser keeps the focus inside it, makes the
    // page behind inert, closes it on Escape (the `close` event) and gives
    // the focus back to the button that opened it.
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let shut = move || match dialog.get_untracked() {
        Some(open) if open.open() => open.close(),
        _ => on_close.run(()),
    };
    let lang = use_lang();
    let now = Utc::now();
    let projects = Memo::new(move |_| state.data.read().projects_by_name());
    let target = RwSignal::new(
        project
            .or_else(|| projects.get_untracked().first().map(|(id, _)| *id))
            .map(|p| p.0.to_string())
            .unwrap_or_default(),
    );
    let table = RwSignal::new(None::<CsvTable>);
    let mapping = RwSignal::new(Vec::<Option<StepColumn>>::new());
    let problem = RwSignal::new(None::<String>);

    let plan = Memo::new(move |_| {
        let id = uuid::Uuid::parse_str(&target.get()).ok().map(ProjectId)?;
        let data = state.data.read();
        let project = data.project(id)?.clone();
        table.with(|t| {
            t.as_ref()
                .map(|t| plan_step_import(&data, &project, t, &mapping.read(), lang.get(), now))
        })
    });

    let pick = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        spawn_local(async move {
            let Ok(bytes) = read_bytes(&file).await else {
                problem.set(Some(t_string!(i18n, grid.import_empty).to_string()));
                return;
            };
            match read_csv_bytes(&bytes, &CsvOptions::default()) {
                Ok(read) if read.rows.is_empty() => {
                    table.set(None);
                    problem.set(Some(t_string!(i18n, grid.import_empty).to_string()));
                }
                Ok(read) => {
                    problem.set(None);
                    mapping.set(guess_mapping(&read.headers));
                    table.set(Some(read));
                }
                Err(error) => {
                    table.set(None);
                    problem.set(Some(csv_error_text(i18n, &error)));
                }
            }
        });
    };

    // One meaning per column: choosing it for one column frees it elsewhere.
    let set_meaning = move |column: usize, value: String| {
        let meaning = value
            .parse::<usize>()
            .ok()
            .and_then(|i| StepColumn::ALL.get(i).copied());
        mapping.update(|m| {
            if meaning.is_some() {
                for slot in m.iter_mut().filter(|s| **s == meaning) {
                    *slot = None;
                }
            }
            if let Some(slot) = m.get_mut(column) {
                *slot = meaning;
            }
        });
    };

    let confirm = move |_| {
        let Some(plan) = plan.get_untracked() else {
            return;
        };
        let count = plan.steps.len();
        let Some(change) = plan.into_change() else {
            return;
        };
        match state.execute(t_string!(i18n, grid.import_label), Ok(change)) {
            Ok(()) => {
                notice.info(t_string!(i18n, grid.import_done, count = count).to_string());
                shut();
            }
            Err(error) => problem.set(Some(state.refusal_text(&error))),
        }
    };

    let mapping_rows = move || {
        table.with(|t| {
            let Some(t) = t else {
                return Vec::new();
            };
            t.headers
                .iter()
                .enumerate()
                .map(|(i, header)| {
                    let chosen = move || {
                        mapping.with(|m| {
                            m.get(i)
                                .copied()
                                .flatten()
                                .and_then(|c| StepColumn::ALL.iter().position(|a| *a == c))
                                .map(|p| p.to_string())
                                .unwrap_or_default()
                        })
                    };
                    let select_id = format!("step-import-map-{i}");
                    let label = t_string!(i18n, grid.import_column, header = header.clone()).to_string();
                    view! {
                        <tr>
                            <th scope="row">{header.clone()}</th>
                            <td>
                                <label for=select_id.clone() class="visually-hidden">{label}</label>
                                <select id=select_id prop:value=chosen
                                    on:change=move |ev| set_meaning(i, event_target_value(&ev))>
                                    <option value="" selected=move || chosen().is_empty()>{t_string!(i18n, grid.import_ignore)}</option>
                                    {StepColumn::ALL.iter().enumerate().map(|(p, c)| {
                                        let value = p.to_string();
                                        let selected = { let value = value.clone(); move || chosen() == value };
                                        view! { <option value=value selected=selected>{meaning_label(i18n, *c)}</option> }
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    let errors = move || {
        plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.errors
                        .iter()
                        .map(|e| {
                            let field = e
                                .column
                                .map(|c| meaning_label(i18n, c))
                                .unwrap_or_else(|| t_string!(i18n, grid.whole_row).to_string());
                            view! {
                                <tr>
                                    <td class="num">{e.line}</td>
                                    <td>{field}</td>
                                    <td>{row_problem_text(i18n, &e.problem)}</td>
                                </tr>
                            }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let error_count = move || plan.with(|p| p.as_ref().map_or(0, |p| p.errors.len()));
    let step_count = move || plan.with(|p| p.as_ref().map_or(0, |p| p.steps.len()));
    let preview = move || {
        plan.with(|p| {
            let Some(p) = p else {
                return Vec::new();
            };
            let title_of = |id: crate::domain::StepId| {
                p.steps
                    .iter()
                    .find(|(_, s)| s.id == id)
                    .map(|(_, s)| s.title.clone())
                    .or_else(|| {
                        state
                            .data
                            .with_untracked(|d| d.step(id).map(|s| s.title.clone()))
                    })
                    .unwrap_or_default()
            };
            p.steps
                .iter()
                .take(50)
                .map(|(line, s)| {
                    let deps = s
                        .dependencies
                        .iter()
                        .map(|d| title_of(d.predecessor))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <tr>
                            <td class="num">{*line}</td>
                            <th scope="row">{s.title.clone()}</th>
                            <td>{s.work_area.clone().unwrap_or_default()}</td>
                            <td class="num">{s.scheduled_days()}</td>
                            <td class="num">{format_quantity(s.effort_hours, lang.get_untracked())}</td>
                            <td>{deps}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="card dialog" aria-labelledby="step-import-title"
            on:close=move |_| on_close.run(())>
            <div class="card__head">
                <h2 id="step-import-title" class="card__title">{move || t_string!(i18n, grid.import_title)}</h2>
                <button type="button" class="button button--ghost" on:click=move |_| shut()>
                    {move || t_string!(i18n, grid.import_cancel)}
                </button>
            </div>
            <p class="muted">{move || t_string!(i18n, grid.import_hint)}</p>
            <div class="form-grid">
                {project.is_none().then(|| view! {
                    <div class="field">
                        <label for="step-import-project">{move || t_string!(i18n, grid.import_project)}</label>
                        <select id="step-import-project" prop:value=move || target.get()
                            on:change=move |ev| target.set(event_target_value(&ev))>
                            {move || projects.get().into_iter().map(|(id, name)| {
                                let value = id.0.to_string();
                                let selected = value == target.get_untracked();
                                view! { <option value=value selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="step-import-file">{move || t_string!(i18n, grid.import_file)}</label>
                    <input id="step-import-file" type="file" accept=".csv,text/csv,text/plain" on:change=pick />
                </div>
            </div>
            {move || problem.get().map(|text| view! { <p class="field__error" role="alert">{text}</p> })}
            <Show when=move || table.read().is_some()>
                <h3 class="dialog__subtitle">{move || t_string!(i18n, grid.import_mapping)}</h3>
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{move || t_string!(i18n, grid.import_csv_column)}</th>
                        <th scope="col">{move || t_string!(i18n, grid.import_meaning)}</th>
                    </tr></thead>
                    <tbody>{mapping_rows}</tbody>
                </table>
                <div role="status">
                    {move || if error_count() > 0 {
                        view! { <p class="field__error">{t_string!(i18n, grid.import_errors, count = error_count())}</p> }.into_any()
                    } else {
                        view! { <p>{t_string!(i18n, grid.import_ready, count = step_count())}</p> }.into_any()
                    }}
                </div>
                <Show when=move || { error_count() > 0 }>
                    <table class="data-table step-import__errors">
                        <thead><tr>
                            <th scope="col" class="num">{move || t_string!(i18n, grid.err_line)}</th>
                            <th scope="col">{move || t_string!(i18n, grid.err_field)}</th>
                            <th scope="col">{move || t_string!(i18n, grid.err_reason)}</th>
                        </tr></thead>
                        <tbody>{errors}</tbody>
                    </table>
                </Show>
                <h3 class="dialog__subtitle">{move || t_string!(i18n, grid.import_preview)}</h3>
                <div class="table-scroll">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col" class="num">{move || t_string!(i18n, grid.err_line)}</th>
                            <th scope="col">{move || t_string!(i18n, grid.map_title)}</th>
                            <th scope="col">{move || t_string!(i18n, grid.map_area)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, grid.map_duration)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, grid.map_effort)}</th>
                            <th scope="col">{move || t_string!(i18n, grid.map_predecessors)}</th>
                        </tr></thead>
                        <tbody>{preview}</tbody>
                    </table>
                </div>
                <div class="form-actions">
                    <button type="button" class="button" on:click=confirm
                        disabled=move || { error_count() > 0 || step_count() == 0 }>
                        {move || t_string!(i18n, grid.import_confirm, count = step_count())}
                    </button>
                </div>
            </Show>
        </dialog>
    }
}
