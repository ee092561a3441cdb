//! All projects: client work, daily business and side activities, with a
//! form to start a new one.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::{Project, ProjectStatus};
use crate::i18n::{t_string, use_i18n};
use crate::state::schedule::project_schedule;
use crate::text::format_date;
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::components::accuracy::AccuracySection;
use crate::ui::components::health::{health_reasons, HealthBadge};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::language::use_lang;
use crate::ui::components::project_form::ProjectForm;
use crate::ui::components::timeline::{project_rows, Timeline, TimelineRow};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::{category_label, status_label};

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let creating = RwSignal::new(false);
    let navigate = use_navigate();
    // Which projects the list shows (`?show=archive`, `?show=all`): the
    // open ones by default; finished and cancelled ones in the archive.
    let query = use_query_map();
    let show = Memo::new(move |_| match query.read().get("show").as_deref() {
        Some("archive") => "archive",
        Some("all") => "all",
        _ => "active",
    });

    // Open projects first, then by deadline, then by name.
    let projects = Memo::new(move |_| {
        let show = show.get();
        let mut list: Vec<Project> = state
            .data
            .read()
            .projects
            .iter()
            .filter(|p| match show {
                "archive" => p.status.is_closed(),
                "all" => true,
                _ => !p.status.is_closed(),
            })
            .cloned()
            .collect();
        list.sort_by(|a, b| {
            (
                a.status.is_closed(),
                a.deadline.is_none(),
                a.deadline,
                a.name.to_lowercase(),
            )
                .cmp(&(
                    b.status.is_closed(),
                    b.deadline.is_none(),
                    b.deadline,
                    b.name.to_lowercase(),
                ))
        });
        list
    });

    // One timeline across all open projects, grouped by project. Read-only:
    // steps are moved on their project's own page.
    let today = crate::ui::clock::use_today();
    let all_rows = Memo::new(move |_| {
        let today = today.get();
        let calendar = state.calendar.get();
        let data = state.data.read();
        let mut rows = Vec::new();
        for project in projects.get().iter().filter(|p| !p.status.is_closed()) {
            let Ok(plan) = project_schedule(&data, project.id, &calendar, today) else {
                continue;
            };
            let steps = project_rows(&data, project.id, &plan);
            let Some(first) = steps.first() else { continue };
            rows.push(TimelineRow {
                id: crate::domain::StepId(project.id.0),
                label: project.name.clone(),
                heading: true,
                start: first.start,
                finish: first.finish,
                milestone: false,
                critical: false,
                late_days: 0,
                progress: 0,
                predecessors: Vec::new(),
                slip_days: 0,
            });
            rows.extend(steps);
        }
        rows
    });

    // The health of every planned or active project, by id.
    let health = Memo::new(move |_| {
        let calendar = state.calendar.get();
        crate::state::health::health_of_projects(
            &state.data.read(),
            &calendar,
            today.get(),
            state.prefs.read().max_storage_days,
        )
        .into_iter()
        .filter_map(|(id, h)| Some((id, h.ok()?)))
        .collect::<std::collections::HashMap<_, _>>()
    });

    let on_saved = move |id: crate::domain::ProjectId| {
        creating.set(false);
        navigate(&format!("/projects/{}", id.0), Default::default());
    };

    view! {
        <crate::ui::components::page_style::PageStyle name="analysis" />
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, projects.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, projects.intro).to_string())
        >
            <button type="button" class="button button--primary" on:click=move |_| creating.set(true)
                disabled=move || state.phase.get() == Phase::Loading>
                <Icon kind=IconKind::Plus />
                {move || t_string!(i18n, projects.new)}
            </button>
        </PageHeader>
        <Show when=move || creating.get()>
            <section class="card" aria-labelledby="new-project-title">
                <h2 id="new-project-title" class="card__title">{move || t_string!(i18n, projects.new)}</h2>
                <ProjectForm initial=Project::new("", Utc::now()) is_new=true
                    on_saved=on_saved.clone() on_cancel=move |_| creating.set(false) />
            </section>
        </Show>
        <nav class="project-tabs" aria-label=move || t_string!(i18n, analysis.filter_label)>
            <ul class="project-tabs__list">
                {[("active", 0u8), ("archive", 1), ("all", 2)].into_iter().map(|(key, n)| view! {
                    <li>
                        <a class="project-tabs__tab" href=format!("?show={key}")
                            aria-current=move || (show.get() == key).then_some("page")>
                            {move || match n {
                                0 => t_string!(i18n, analysis.filter_active),
                                1 => t_string!(i18n, analysis.filter_archive),
                                _ => t_string!(i18n, analysis.filter_all),
                            }}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        <Show
            when=move || !projects.read().is_empty()
            fallback=move || view! {
                {move || if show.get() == "archive" {
                    view! {
                        <EmptyState
                            title=Signal::derive(move || t_string!(i18n, analysis.archive_empty_title).to_string())
                            text=Signal::derive(move || t_string!(i18n, analysis.archive_empty_text).to_string())
                        />
                    }.into_any()
                } else {
                    view! {
                        <EmptyState
                            title=Signal::derive(move || t_string!(i18n, projects.empty_title).to_string())
                            text=Signal::derive(move || t_string!(i18n, projects.empty_text).to_string())
                        />
                    }.into_any()
                }}
            }
        >
            <ul class="project-list" aria-label=move || t_string!(i18n, projects.title)>
                <For each=move || projects.get() key=|p| (p.id, p.updated) let:project>
                    {
                        let client = project.client.and_then(|c| state.data.read_untracked().contact(c).map(|c| c.name.clone()));
                        let closed = project.status.is_closed();
                        let status = project.status;
                        let category = project.category;
                        let full_name = project.name.clone();
                        let analysis_name = project.name.clone();
                        let id = project.id;
                        view! {
                            <li class="project-card" class:project-card--closed=closed>
                                <div class="project-card__main">
                                    <h2 class="project-card__title clamp" title=full_name>
                                        <A href=format!("/projects/{}", project.id.0)>{project.name.clone()}</A>
                                    </h2>
                                    <p class="muted">
                                        {move || category_label(i18n, category)}
                                        {client.map(|c| format!(" · {c}"))}
                                    </p>
                                    {move || health.with(|all| all.get(&id).map(|h| {
                                        let data = state.data.read_untracked();
                                        view! {
                                            <div class="project-card__health">
                                                <HealthBadge level=h.level />
                                                {health_reasons(i18n, &data, h, lang.get(), 1, false)}
                                            </div>
                                        }
                                    }))}
                                </div>
                                <div class="project-card__meta">
                                    <span class="badge" class:badge--active=status == ProjectStatus::Active>
                                        {move || status_label(i18n, status)}
                                    </span>
                                    {closed.then(|| view! {
                                        <A href=format!("/projects/{}/analysis", id.0) attr:class="button button--ghost"
                                            attr:aria-label=move || format!("{} {}", t_string!(i18n, analysis.open), analysis_name)>
                                            {move || t_string!(i18n, analysis.open)}
                                        </A>
                                    })}
                                    {project.deadline.map(|d| view! {
                                        <span class="muted">{move || t_string!(i18n, projects.deadline)} " " {move || format_date(d, lang.get())}</span>
                                    })}
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || show.get() != "archive">
                <section class="card" aria-labelledby="all-timeline-title">
                    <h2 id="all-timeline-title" class="card__title">{move || t_string!(i18n, timeline.all)}</h2>
                    <Timeline rows=all_rows calendar=state.calendar
                        label=Signal::derive(move || t_string!(i18n, timeline.all).to_string()) />
                </section>
            </Show>
        </Show>
        <Show when=move || show.get() == "archive">
            <AccuracySection />
        </Show>
    }
}
