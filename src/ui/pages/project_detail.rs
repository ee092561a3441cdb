//! One project: its core data (editable), and its steps.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::state::schedule::project_schedule;
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::components::baselines::BaselinePanel;
use crate::ui::components::communications::CommunicationLog;
use crate::ui::components::materials::MaterialsSection;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::project_closed::{use_project_closed, ClosedBanner};
use crate::ui::components::project_form::ProjectForm;
use crate::ui::components::project_team::ProjectTeam;
use crate::ui::components::project_time::ProjectTime;
use crate::ui::components::project_workload::ProjectWorkload;
use crate::ui::components::steps::StepsSection;
use crate::ui::components::timeline::ProjectTimeline;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

/// The parts of a project page, as `?tab=` keys.
const TABS: [(&str, u8); 6] = [
    ("steps", 0),
    ("timeline", 1),
    ("materials", 2),
    ("communication", 3),
    ("workload", 4),
    ("team", 5),
];

fn tab_label(i18n: crate::i18n::I18nContext<crate::i18n::Locale>, index: &u8) -> &'static str {
    match index {
        0 => t_string!(i18n, progress.tab_steps),
        1 => t_string!(i18n, progress.tab_timeline),
        2 => t_string!(i18n, progress.tab_materials),
        3 => t_string!(i18n, progress.tab_communication),
        4 => t_string!(i18n, progress.tab_workload),
        _ => t_string!(i18n, team.tab),
    }
}

#[component]
pub fn ProjectDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let params = use_params_map();
    let query = use_query_map();
    // The part shown lives in the URL (`?tab=materials`), so reload, back
    // and a shared link keep it; steps when none (or an unknown one) is set.
    let tab = Memo::new(move |_| {
        let asked = query.read().get("tab").unwrap_or_default();
        TABS.iter()
            .map(|(key, _)| *key)
            .find(|key| *key == asked)
            .unwrap_or("steps")
    });
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);

    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ProjectId)
    });
    // The page is built once per project shown: a change to the project
    // (another tab, undo) updates the title and the sections, but never
    // rebuilds the form, so nothing the person typed is lost.
    let shown = Memo::new(move |_| {
        id.get()
            .filter(|id| state.data.read().project(*id).is_some())
    });
    let today = crate::ui::clock::use_today();
    let name = Memo::new(move |_| {
        id.get()
            .and_then(|id| state.data.read().project(id).map(|p| p.name.clone()))
            .unwrap_or_default()
    });
    let loading = Memo::new(move |_| state.phase.get() == Phase::Loading);
    let schedule = Memo::new(move |_| {
        let calendar = state.calendar.get();
        id.get()
            .map(|id| project_schedule(&state.data.read(), id, &calendar, today.get()))
    });

    let delete_notice = Notice::new();
    let delete = move |_| {
        let Some(id) = id.get_untracked() else { return };
        let result = commands::delete_project(&state.data.get_untracked(), id, Utc::now());
        if delete_notice.run(state, t_string!(i18n, labels.project_deleted), result) {
            navigate("/projects", Default::default());
        }
    };

    view! {
        <crate::ui::components::page_style::PageStyle name="analysis" />
        <crate::ui::components::page_style::PageStyle name="grid" />
        <crate::ui::components::page_style::PageStyle name="team" />
        {move || match (loading.get(), shown.get()) {
            (true, _) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, project.title).to_string()) />
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
            (_, Some(id)) => {
                let Some(p) = state.data.read_untracked().project(id).cloned() else {
                    return ().into_any();
                };
                let on_delete = delete.clone();
                let closed = use_project_closed(id);
                view! {
                    <PageHeader title=Signal::derive(move || name.get())>
                        <crate::ui::components::sync_badge::SyncConflictBadge id=id.0 whole_project=true />
                        <A href=format!("/projects/{}/analysis", id.0) attr:class="button">{move || t_string!(i18n, analysis.open)}</A>
                        <A href="/projects" attr:class="button button--ghost">{move || t_string!(i18n, project.back)}</A>
                        <A href=format!("/projects/{}/report", p.id.0) attr:class="button">{move || t_string!(i18n, client_report.link)}</A>
                    </PageHeader>
                    <ClosedBanner project=id />

                    <nav class="project-tabs" aria-label=move || t_string!(i18n, progress.tabs_label)>
                        <ul class="project-tabs__list">
                            {TABS.iter().map(|(key, label)| view! {
                                <li>
                                    <a class="project-tabs__tab" href=format!("?tab={key}")
                                        aria-current=move || (tab.get() == *key).then_some("page")>
                                        {move || tab_label(i18n, label)}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                    </nav>
                    {move || match tab.get() {
                        "timeline" => view! { <ProjectTimeline project=p.id schedule=schedule /> }.into_any(),
                        "materials" => view! { <MaterialsSection project=p.id /> }.into_any(),
                        "communication" => view! { <CommunicationLog project=p.id /> }.into_any(),
                        "workload" => view! { <ProjectWorkload project=p.id /> }.into_any(),
                        "team" => view! { <ProjectTeam project=p.id /> }.into_any(),
                        _ => view! { <StepsSection project=p.id schedule=schedule /> }.into_any(),
                    }}
                    <ProjectTime project=p.id />
                    // The project's own data stays under every part: it is
                    // what the page is about, and it keeps what is typed
                    // in it when the part changes.
                    <section class="card" aria-labelledby="project-data-title">
                        <h2 id="project-data-title" class="card__title">{move || t_string!(i18n, project.data)}</h2>
                        // Closed: read-only until reopened (the banner's button).
                        <fieldset class="plain-fieldset" disabled=move || closed.get()>
                            <ProjectForm initial=p.clone() is_new=false on_saved=move |_| () />
                        </fieldset>
                    </section>
                    <BaselinePanel project=p.id />
                    <section class="card card--danger" aria-labelledby="project-delete-title">
                        <h2 id="project-delete-title" class="card__title">{move || t_string!(i18n, project_form.delete)}</h2>
                        <Show when=move || confirming.get()
                            fallback=move || view! {
                                <div class="button-row">
                                    <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                                        {move || t_string!(i18n, project_form.delete)}
                                    </button>
                                </div>
                            }>
                            <p role="alert">{move || t_string!(i18n, project_form.confirm_delete)}</p>
                            <div class="button-row">
                                <button type="button" class="button button--danger" on:click={ let on_delete = on_delete.clone(); on_delete }>
                                    {move || t_string!(i18n, project_form.delete)}
                                </button>
                                <button type="button" class="button button--ghost" on:click=move |_| confirming.set(false)>
                                    {move || t_string!(i18n, project_form.cancel)}
                                </button>
                            </div>
                        </Show>
                        <NoticeRegion notice=delete_notice />
                    </section>
                }.into_any()
            }
        }}
    }
}
