//! One project looked back on: the chosen baseline against what happened
//! (`state::analysis::analyse_project`) per step, per work area, for the
//! materials and the money; lessons learned and notes; and how good the
//! estimates were across finished projects. Prints on A4.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};

use crate::domain::{Money, ProjectId};
use crate::i18n::{t_string, use_i18n};
use crate::state::analysis::{analyse_project, ProjectAnalysis};
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::{format_date, format_money, format_quantity, Lang};
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::components::accuracy::AccuracySection;
use crate::ui::components::analysis_charts::{
    ChartLegend, DateBars, DateBarsChart, PairBars, PairBarsChart,
};
use crate::ui::components::baselines::taken_text;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::project_closed::ClosedBanner;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

/// Working days as a signed number: "+2", "−1", "0"; "–" when unknown.
fn signed(days: Option<i64>) -> String {
    match days {
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) if d < 0 => format!("−{}", -d),
        Some(_) => "0".into(),
        None => "–".into(),
    }
}

fn hours(h: f64, lang: Lang) -> String {
    format!("{} h", format_quantity((h * 10.0).round() / 10.0, lang))
}

fn money(m: Money, lang: Lang) -> String {
    format_money(m.cents(), lang)
}

fn range(dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>, lang: Lang) -> String {
    dates.map_or_else(
        || "–".into(),
        |(a, b)| {
            if a == b {
                format_date(a, lang)
            } else {
                format!("{} – {}", format_date(a, lang), format_date(b, lang))
            }
        },
    )
}

#[component]
pub fn ProjectAnalysisPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let params = use_params_map();
    let query = use_query_map();
    let today = crate::ui::clock::use_today();

    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ProjectId)
    });
    let shown = Memo::new(move |_| {
        id.get()
            .filter(|id| state.data.read().project(*id).is_some())
    });
    let loading = Memo::new(move |_| state.phase.get() == Phase::Loading);

    view! {
        <crate::ui::components::page_style::PageStyle name="analysis" />
        {move || match (loading.get(), shown.get()) {
            (true, _) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, analysis.title).to_string()) />
            }.into_any(),
            (_, None) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, project.not_found_title).to_string()) />
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, project.not_found_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, project.not_found_text).to_string())
                >
                    <A href="/projects" attr:class="button">{move || t_string!(i18n, project.back)}</A>
                </EmptyState>
            }.into_any(),
            (_, Some(id)) => view! { <Analysis project=id query=query today=today /> }.into_any(),
        }}
    }
}

#[component]
fn Analysis(
    project: ProjectId,
    query: Memo<leptos_router::params::ParamsMap>,
    today: Signal<chrono::NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let navigate = use_navigate();
    let name = Memo::new(move |_| {
        state
            .data
            .read()
            .project(project)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    // Baselines as (number from 1, taken, note).
    let baselines = Memo::new(move |_| {
        state
            .data
            .read()
            .project(project)
            .map(|p| {
                p.baselines
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (i + 1, b.taken, b.note.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // The chosen baseline (`?baseline=2`), the first by default: the plan
    // the person started with is what the estimates are judged by.
    let chosen = Memo::new(move |_| {
        let count = baselines.read().len();
        query
            .read()
            .get("baseline")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=count).contains(n))
            .unwrap_or(1)
    });
    let analysis = Memo::new(move |_| {
        analyse_project(
            &state.data.read(),
            project,
            Some(chosen.get() - 1),
            &state.calendar.read(),
            today.get(),
        )
    });
    let choose = move |ev: leptos::ev::Event| {
        let n = event_target_value(&ev);
        navigate(
            &format!("/projects/{}/analysis?baseline={n}", project.0),
            Default::default(),
        );
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };

    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, analysis.page_title, name = name.get()).to_string())
            intro=Signal::derive(move || t_string!(i18n, analysis.intro).to_string())>
            <A href=format!("/projects/{}", project.0) attr:class="button button--ghost no-print">
                {move || t_string!(i18n, analysis.back_to_project)}
            </A>
            <button type="button" class="button no-print" on:click=print>
                {move || t_string!(i18n, analysis.print)}
            </button>
        </PageHeader>
        <div class="no-print"><ClosedBanner project=project /></div>
        <section class="card analysis-card" aria-labelledby="analysis-baseline-title">
            <h2 id="analysis-baseline-title" class="card__title">{move || t_string!(i18n, analysis.compared_title)}</h2>
            {move || if baselines.read().is_empty() {
                view! { <p class="muted">{move || t_string!(i18n, analysis.no_baseline)}</p> }.into_any()
            } else {
                view! {
                    <div class="field analysis-baseline">
                        <label for="analysis-baseline">{move || t_string!(i18n, analysis.choose_baseline)}</label>
                        <select id="analysis-baseline" on:change=choose.clone() prop:value=move || chosen.get().to_string()>
                            {move || baselines.get().into_iter().map(|(n, taken, note)| {
                                let text = move || {
                                    let date = taken_text(taken, lang.get());
                                    if note.is_empty() {
                                        t_string!(i18n, analysis.baseline_option, n = n, date = date).to_string()
                                    } else {
                                        format!("{} · {}", t_string!(i18n, analysis.baseline_option, n = n, date = date), note)
                                    }
                                };
                                view! { <option value=n.to_string() selected=move || chosen.get() == n>{text}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            }}
        </section>
        {move || analysis.get().map(|a| view! { <AnalysisBody a=a /> })}
        <LessonsForm project=project />
        <AccuracySection />
    }
}

/// Everything computed: summary, steps, work areas, materials, money.
#[component]
fn AnalysisBody(a: ProjectAnalysis) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let l = lang.get_untracked();
    let m = a.money;
    let end_text = match a.end_slip_days {
        Some(d) if d > 0 => t_string!(i18n, analysis.end_later, count = d).to_string(),
        Some(d) if d < 0 => t_string!(i18n, analysis.end_earlier, count = -d).to_string(),
        Some(_) => t_string!(i18n, analysis.end_on_time).to_string(),
        None => t_string!(i18n, analysis.end_unknown).to_string(),
    };

    // Steps: chart rows and table rows.
    let date_rows: Vec<DateBars> = a
        .steps
        .iter()
        .map(|s| DateBars {
            label: s.title.clone(),
            planned: s.planned,
            actual: s.actual,
        })
        .collect();
    let all_dates: Vec<chrono::NaiveDate> = a
        .steps
        .iter()
        .flat_map(|s| s.planned.into_iter().chain(s.actual))
        .flat_map(|(x, y)| [x, y])
        .collect();
    let first_last = (
        all_dates
            .iter()
            .min()
            .map(|d| format_date(*d, l))
            .unwrap_or_default(),
        all_dates
            .iter()
            .max()
            .map(|d| format_date(*d, l))
            .unwrap_or_default(),
    );
    let step_rows = a
        .steps
        .iter()
        .map(|s| {
            let area = s
                .work_area
                .clone()
                .unwrap_or_else(|| t_string!(i18n, steps.no_area).to_string());
            let actual = if s.actual.is_none() && s.planned.is_some() {
                t_string!(i18n, analysis.dropped).to_string()
            } else {
                let text = range(s.actual, l);
                if s.finished || s.actual.is_none() {
                    text
                } else {
                    format!("{text} ({})", t_string!(i18n, analysis.forecast))
                }
            };
            let planned = if s.planned.is_none() {
                t_string!(i18n, analysis.added).to_string()
            } else {
                range(s.planned, l)
            };
            view! {
                <tr>
                    <th scope="row">{s.title.clone()}</th>
                    <td>{area}</td>
                    <td>{planned}</td>
                    <td>{actual}</td>
                    <td class="num">{signed(s.start_slip_days)}</td>
                    <td class="num">{signed(s.finish_slip_days)}</td>
                    <td class="num">{hours(s.planned_hours, l)}</td>
                    <td class="num">{hours(s.booked_hours, l)}</td>
                </tr>
            }
        })
        .collect_view();

    // Work areas.
    let area_name = move |area: &Option<String>| {
        area.clone()
            .unwrap_or_else(|| t_string!(i18n, steps.no_area).to_string())
    };
    let max_hours = a
        .areas
        .iter()
        .map(|x| x.planned_hours.max(x.booked_hours))
        .fold(0.0, f64::max);
    let area_bars: Vec<PairBars> = a
        .areas
        .iter()
        .map(|x| PairBars {
            label: area_name(&x.work_area),
            planned: x.planned_hours,
            actual: vec![x.booked_hours],
        })
        .collect();
    let area_rows = a
        .areas
        .iter()
        .map(|x| {
            view! {
                <tr>
                    <th scope="row">{area_name(&x.work_area)}</th>
                    <td class="num">{x.steps}</td>
                    <td class="num">{hours(x.planned_hours, l)}</td>
                    <td class="num">{hours(x.booked_hours, l)}</td>
                    <td class="num">{signed(Some(x.worst_finish_slip_days))}</td>
                </tr>
            }
        })
        .collect_view();

    // Materials.
    let delivery = move |days: Option<i64>| match days {
        Some(d) if d > 0 => t_string!(i18n, analysis.delivered_late, count = d).to_string(),
        Some(d) if d < 0 => t_string!(i18n, analysis.delivered_early, count = -d).to_string(),
        Some(_) => t_string!(i18n, analysis.delivered_on_time).to_string(),
        None => "–".to_string(),
    };
    let material_rows = a
        .materials
        .iter()
        .map(|x| {
            view! {
                <tr>
                    <th scope="row">{x.name.clone()}</th>
                    <td class="num">{money(x.planned_cost, l)}</td>
                    <td class="num">{money(x.actual_cost, l)}</td>
                    <td>{delivery(x.delivery_days)}</td>
                </tr>
            }
        })
        .collect_view();
    let has_materials = !a.materials.is_empty();

    // Money: the cost breakdown chart and the table.
    let cost_max = m.planned_cost.cents().max(m.cost().cents()) as f64 / 100.0;
    let cost_bars = vec![PairBars {
        label: t_string!(i18n, analysis.cost).to_string(),
        planned: m.planned_cost.cents() as f64 / 100.0,
        actual: vec![
            m.labour_cost.cents() as f64 / 100.0,
            m.material_cost.cents() as f64 / 100.0,
        ],
    }];
    // The plan has one cost figure, not split into labour and materials:
    // those rows have no planned value to compare with.
    let money_row = move |label: String, planned: Option<Money>, actual: Money| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num">{planned.map_or_else(|| "–".into(), |p| money(p, l))}</td>
                <td class="num">{money(actual, l)}</td>
                <td class="num">{planned.map_or_else(|| "–".into(), |p| money(actual - p, l))}</td>
            </tr>
        }
    };
    let planned_text = t_string!(i18n, analysis.legend_planned).to_string();
    let actual_text = t_string!(i18n, analysis.legend_actual).to_string();
    let hours_legend = vec![
        ("chart__bar--planned", planned_text.clone()),
        (
            "chart__bar--actual",
            t_string!(i18n, analysis.legend_booked).to_string(),
        ),
    ];
    let dates_legend = vec![
        ("chart__bar--planned", planned_text.clone()),
        ("chart__bar--actual", actual_text),
    ];
    let cost_legend = vec![
        ("chart__bar--planned", planned_text),
        (
            "chart__bar--part0",
            t_string!(i18n, analysis.labour_cost).to_string(),
        ),
        (
            "chart__bar--part1",
            t_string!(i18n, analysis.material_cost).to_string(),
        ),
    ];

    view! {
        <section class="card analysis-card" aria-labelledby="analysis-summary-title">
            <h2 id="analysis-summary-title" class="card__title">{move || t_string!(i18n, analysis.summary_title)}</h2>
            <dl class="analysis-summary">
                <div><dt>{move || t_string!(i18n, analysis.end_slip)}</dt><dd>{end_text}</dd></div>
                <div><dt>{move || t_string!(i18n, analysis.effort)}</dt>
                    <dd>{t_string!(i18n, analysis.effort_value, planned = hours(a.planned_hours, l), booked = hours(a.booked_hours, l))}</dd></div>
                <div><dt>{move || t_string!(i18n, analysis.own_hours)}</dt><dd>{hours(a.own_hours, l)}</dd></div>
                <div><dt>{move || t_string!(i18n, analysis.margin)}</dt>
                    <dd>{t_string!(i18n, analysis.margin_value, planned = money(m.planned_margin(), l), actual = money(m.margin(), l))}</dd></div>
            </dl>
        </section>

        <section class="card analysis-card" aria-labelledby="analysis-steps-title">
            <h2 id="analysis-steps-title" class="card__title">{move || t_string!(i18n, analysis.steps_title)}</h2>
            <Show when={let empty = a.steps.is_empty(); move || empty}>
                <p class="muted">{move || t_string!(i18n, analysis.no_steps)}</p>
            </Show>
            <DateBarsChart rows=date_rows first_last=first_last
                label=t_string!(i18n, analysis.steps_chart).to_string() />
            <ChartLegend items=dates_legend />
            <div class="table-scroll">
                <table class="data-table analysis-table">
                    <caption class="data-table__caption">{move || t_string!(i18n, analysis.steps_table)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, analysis.col_step)}</th>
                            <th scope="col">{move || t_string!(i18n, analysis.col_area)}</th>
                            <th scope="col">{move || t_string!(i18n, analysis.col_planned)}</th>
                            <th scope="col">{move || t_string!(i18n, analysis.col_actual)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_start_slip)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_finish_slip)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_planned_hours)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_booked_hours)}</th>
                        </tr>
                    </thead>
                    <tbody>{step_rows}</tbody>
                </table>
            </div>
        </section>

        <section class="card analysis-card" aria-labelledby="analysis-areas-title">
            <h2 id="analysis-areas-title" class="card__title">{move || t_string!(i18n, analysis.areas_title)}</h2>
            <PairBarsChart rows=area_bars max=max_hours max_text=hours(max_hours, l)
                label=t_string!(i18n, analysis.areas_chart).to_string() />
            <ChartLegend items=hours_legend />
            <div class="table-scroll">
                <table class="data-table analysis-table">
                    <caption class="data-table__caption">{move || t_string!(i18n, analysis.areas_table)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, analysis.col_area)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_steps)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_planned_hours)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_booked_hours)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_worst_slip)}</th>
                        </tr>
                    </thead>
                    <tbody>{area_rows}</tbody>
                </table>
            </div>
        </section>

        <section class="card analysis-card" aria-labelledby="analysis-money-title">
            <h2 id="analysis-money-title" class="card__title">{move || t_string!(i18n, analysis.money_title)}</h2>
            <PairBarsChart rows=cost_bars max=cost_max max_text=money(Money((cost_max * 100.0).round() as i64), l)
                label=t_string!(i18n, analysis.cost_chart).to_string() />
            <ChartLegend items=cost_legend />
            <div class="table-scroll">
                <table class="data-table analysis-table">
                    <caption class="data-table__caption">{move || t_string!(i18n, analysis.money_table)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, analysis.col_item)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_planned)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_actual)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, analysis.col_difference)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {money_row(t_string!(i18n, analysis.revenue).to_string(), Some(m.planned_revenue), m.revenue)}
                        {money_row(t_string!(i18n, analysis.labour_cost).to_string(), None, m.labour_cost)}
                        {money_row(t_string!(i18n, analysis.material_cost).to_string(), None, m.material_cost)}
                        {money_row(t_string!(i18n, analysis.cost).to_string(), Some(m.planned_cost), m.cost())}
                        {money_row(t_string!(i18n, analysis.margin).to_string(), Some(m.planned_margin()), m.margin())}
                    </tbody>
                </table>
            </div>
            <p class="muted">{move || t_string!(i18n, analysis.cost_note)}</p>
        </section>

        {has_materials.then(|| view! {
            <section class="card analysis-card" aria-labelledby="analysis-materials-title">
                <h2 id="analysis-materials-title" class="card__title">{move || t_string!(i18n, analysis.materials_title)}</h2>
                <div class="table-scroll">
                    <table class="data-table analysis-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, analysis.col_material)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, analysis.col_planned_cost)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, analysis.col_actual_cost)}</th>
                                <th scope="col">{move || t_string!(i18n, analysis.col_delivery)}</th>
                            </tr>
                        </thead>
                        <tbody>{material_rows}</tbody>
                    </table>
                </div>
            </section>
        })}
    }
}

/// Lessons learned and the project's notes, saved on the project. Both
/// may be written on a closed project: that is when they are written.
#[component]
fn LessonsForm(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let notice = Notice::new();
    let initial = state.data.read_untracked().project(project).cloned();
    let lessons = RwSignal::new(
        initial
            .as_ref()
            .map(|p| p.lessons.clone())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(initial.map(|p| p.notes.clone()).unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let data = state.data.get_untracked();
        let Some(mut p) = data.project(project).cloned() else {
            return;
        };
        p.lessons = lessons.get_untracked().trim().to_string();
        p.notes = notes.get_untracked();
        let label = t_string!(i18n, analysis.lessons_saved);
        let changes = commands::save(&data, AnyRecord::Project(p), Utc::now());
        if notice.run(state, label, Ok(changes)) {
            notice.info(label);
        }
    };
    view! {
        <section class="card analysis-card" aria-labelledby="analysis-lessons-title">
            <h2 id="analysis-lessons-title" class="card__title">{move || t_string!(i18n, analysis.lessons_title)}</h2>
            <form class="form-grid" on:submit=save novalidate>
                <div class="field field--wide">
                    <label for="analysis-lessons">{move || t_string!(i18n, analysis.lessons)}</label>
                    <textarea id="analysis-lessons" rows="5" prop:value=move || lessons.get()
                        on:input=move |ev| lessons.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field field--wide">
                    <label for="analysis-notes">{move || t_string!(i18n, analysis.notes)}</label>
                    <textarea id="analysis-notes" rows="4" prop:value=move || notes.get()
                        on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <div class="button-row field--wide no-print">
                    <button type="submit" class="button button--primary">{move || t_string!(i18n, analysis.save_lessons)}</button>
                </div>
            </form>
            <NoticeRegion notice=notice />
        </section>
    }
}
