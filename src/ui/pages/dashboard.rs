//! The dashboard: what is on today and what needs attention, at a glance.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Appointment, Communication, Project, ProjectStatus, Record, StepStatus, When};
use crate::i18n::{t_string, use_i18n};
use crate::state::procurement::orders_this_week;
use crate::text::{
    format_date, format_date_long, format_money, format_quantity, format_when_start,
};
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::communications::complete_follow_up;
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

/// A project with how far its steps are.
#[derive(Clone, PartialEq)]
struct ProjectProgress {
    project: Project,
    done: usize,
    total: usize,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let today = use_today();

    let active = Memo::new(move |_| {
        let data = state.data.read();
        let mut list: Vec<ProjectProgress> = data
            .projects
            .iter()
            .filter(|p| matches!(p.status, ProjectStatus::Active | ProjectStatus::Planned))
            .map(|p| {
                let steps = data.steps_of(p.id);
                let done = steps
                    .iter()
                    .filter(|s| s.status == StepStatus::Done)
                    .count();
                ProjectProgress {
                    project: p.clone(),
                    done,
                    total: steps.len(),
                }
            })
            .collect();
        list.sort_by_key(|p| (p.project.deadline.is_none(), p.project.deadline));
        list
    });
    let follow_ups = Memo::new(move |_| {
        let mut list: Vec<Communication> = state
            .data
            .read()
            .communications
            .iter()
            .filter(|c| c.follow_up_due(today.get()))
            .cloned()
            .collect();
        list.sort_by_key(|c| c.follow_up);
        list
    });
    let appointments = Memo::new(move |_| {
        let mut list: Vec<Appointment> = state
            .data
            .read()
            .appointments
            .iter()
            .filter(|a| a.when.last_day() >= today.get())
            .cloned()
            .collect();
        list.sort_by_key(|a| match a.when {
            When::Timed { start, .. } => start,
            When::AllDay { first, .. } => first.and_hms_opt(0, 0, 0).unwrap_or_default(),
        });
        list.truncate(5);
        list
    });
    let has_projects = move || !state.data.read().projects.is_empty();
    let orders = Memo::new(move |_| {
        let calendar = state.calendar.get();
        orders_this_week(
            &state.data.read(),
            &calendar,
            today.get(),
            state.prefs.read().max_storage_days,
        )
    });

    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, dashboard.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, dashboard.intro).to_string())
        />
        <p class="today-line">
            <span class="today-line__label">{move || t_string!(i18n, dashboard.today)}</span>
            <time datetime=move || today.get().to_string()>{move || format_date_long(today.get(), lang.get())}</time>
        </p>
        <Show when=has_projects fallback=move || view! {
            <EmptyState
                title=Signal::derive(move || t_string!(i18n, dashboard.empty_title).to_string())
                text=Signal::derive(move || t_string!(i18n, dashboard.empty_text).to_string())
            >
                <A href="/projects" attr:class="button button--primary">{move || t_string!(i18n, projects.new)}</A>
                <A href="/settings" attr:class="button">{move || t_string!(i18n, backup.sample)}</A>
            </EmptyState>
        }>
            <div class="card-grid">
                <section class="card" aria-labelledby="dash-projects">
                    <h2 id="dash-projects" class="card__title">{move || t_string!(i18n, dashboard.active_projects)}</h2>
                    <ul class="plain-list">
                        <For each=move || active.get() key=|p| (p.project.id, p.project.updated, p.done) let:item>
                            {
                                let percent = (item.done * 100).checked_div(item.total).unwrap_or(0);
                                let deadline = item.project.deadline;
                                let name = item.project.name.clone();
                                let link_text = name.clone();
                                let href = format!("/projects/{}", item.project.id.0);
                                view! {
                                    <li class="list-row">
                                        <A href=href>{link_text}</A>
                                        <span class="muted">
                                            {format!("{}/{}", item.done, item.total)}
                                            {deadline.map(|d| move || format!(" · {}", format_date(d, lang.get())))}
                                        </span>
                                        <progress class="progress" max="100" value=percent
                                            aria-label=name></progress>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </section>
                <section class="card" aria-labelledby="dash-orders">
                    <h2 id="dash-orders" class="card__title">{move || t_string!(i18n, orders.title)}</h2>
                    <Show when=move || !orders.read().is_empty()
                        fallback=move || view! { <p class="muted">{move || t_string!(i18n, orders.none)}</p> }>
                        {move || orders.get().into_iter().map(|order| {
                            let supplier = if order.supplier_name.is_empty() { t_string!(i18n, orders.no_supplier).to_string() } else { order.supplier_name.clone() };
                            let total = order.total_cents;
                            view! {
                                <div class="order-group">
                                    <h3 class="order-group__title">
                                        <span>{supplier}</span>
                                        <span class="muted">{move || format_money(total, lang.get())}</span>
                                    </h3>
                                    <ul class="plain-list">
                                        {order.lines.into_iter().map(|line| {
                                            let by = line.order_by;
                                            view! {
                                                <li class="list-row">
                                                    <span>{move || format!("{} {} {}", format_quantity(line.quantity, lang.get()), line.unit, line.name)}</span>
                                                    <span class="muted" class:overdue=line.overdue>
                                                        {move || t_string!(i18n, orders.by, date = &format_date(by, lang.get()))}
                                                    </span>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </div>
                            }
                        }).collect_view()}
                    </Show>
                </section>
                <section class="card" aria-labelledby="dash-followups">
                    <h2 id="dash-followups" class="card__title">{move || t_string!(i18n, dashboard.follow_ups)}</h2>
                    <Show when=move || !follow_ups.read().is_empty()
                        fallback=move || view! { <p class="muted">{move || t_string!(i18n, dashboard.no_follow_ups)}</p> }>
                        <ul class="plain-list">
                            <For each=move || follow_ups.get() key=|c| (c.id, c.updated) let:c>
                                {
                                    let due = c.follow_up;
                                    let overdue = move || due.is_some_and(|d| d < today.get());
                                    let mark_label = t_string!(i18n, comms.mark_done, summary = &c.label());
                                    let with = c.contact.and_then(|id| state.data.read_untracked().contact(id).map(|k| (id, k.name.clone())));
                                    view! {
                                        <li class="list-row">
                                            <span class="follow-up__text">
                                                {c.summary.clone()}
                                                {with.map(|(id, name)| view! { <span class="muted">" · "<A href=format!("/contacts/{}", id.0)>{name}</A></span> })}
                                            </span>
                                            <span class="follow-up__meta">
                                                <span class:overdue=overdue class="muted">
                                                    {due.map(|d| move || format_date(d, lang.get()))}
                                                </span>
                                                <button type="button" class="button button--small" aria-label=mark_label
                                                    on:click=move |_| complete_follow_up(state, t_string!(i18n, comms.done_label).to_string(), &c)>
                                                    {move || t_string!(i18n, comms.done)}
                                                </button>
                                            </span>
                                        </li>
                                    }
                                }
                            </For>
                        </ul>
                    </Show>
                </section>
                <section class="card" aria-labelledby="dash-appointments">
                    <h2 id="dash-appointments" class="card__title">{move || t_string!(i18n, dashboard.next_appointments)}</h2>
                    <Show when=move || !appointments.read().is_empty()
                        fallback=move || view! { <p class="muted">{move || t_string!(i18n, dashboard.no_appointments)}</p> }>
                        <ul class="plain-list">
                            <For each=move || appointments.get() key=|a| (a.id, a.updated) let:a>
                                {
                                    let when = a.when;
                                    view! {
                                        <li class="list-row">
                                            <span>{a.title.clone()}</span>
                                            <span class="muted">{move || format_when_start(&when, lang.get())}</span>
                                        </li>
                                    }
                                }
                            </For>
                        </ul>
                    </Show>
                </section>
            </div>
        </Show>
    }
}
