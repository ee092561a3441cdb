//! The dashboard: what is on today and what needs attention, at a glance.

use leptos::prelude::*;
use leptos_router::components::A;

use chrono::NaiveDate;

use crate::domain::{Category, Communication, Project, ProjectId, Record, StepId, StepStatus};
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::planning::{Health, Pin, RankReason, RankedItem, WorkKind};
use crate::state::dashboard::{agenda, budget, href, AgendaItem};
use crate::state::health::health_of_projects;
use crate::state::procurement::orders_this_week;
use crate::state::ranking::next_to_work_on;
use crate::text::{format_date, format_date_long, format_money, format_quantity, Lang};
use crate::ui::app_state::{use_app_state, AppState};
use crate::ui::clock::use_today;
use crate::ui::components::communications::complete_follow_up;
use crate::ui::components::health::{health_reasons, HealthBadge};
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::category_label;
use crate::ui::pages::calendar::entry::{glyph, kind_label};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let today = use_today();

    // Every planned or active project with its health, the worst first,
    // then by deadline.
    let health = Memo::new(move |_| {
        let calendar = state.calendar.get();
        let data = state.data.read();
        let mut list: Vec<(Project, Option<Health>)> = health_of_projects(
            &data,
            &calendar,
            today.get(),
            state.prefs.read().max_storage_days,
        )
        .into_iter()
        .filter_map(|(id, h)| Some((data.project(id)?.clone(), h.ok())))
        .collect();
        crate::sorting::sort_by_key(&mut list, |(p, h)| {
            (
                std::cmp::Reverse(h.as_ref().map(|h| h.level)),
                p.deadline.is_none(),
                p.deadline,
            )
        });
        list
    });
    let week = Memo::new(move |_| {
        let calendar = state.calendar.get();
        agenda(&state.data.read(), &calendar, today.get())
    });
    let next = Memo::new(move |_| {
        let calendar = state.calendar.get();
        let pins = state.prefs.read().pins();
        next_to_work_on(&state.data.read(), &calendar, today.get(), &pins)
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
        crate::sorting::sort_by_key(&mut list, |c| c.follow_up);
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
                <section class="card card--wide" aria-labelledby="dash-health">
                    <h2 id="dash-health" class="card__title">{move || t_string!(i18n, overview.health_title)}</h2>
                    <Show when=move || !health.read().is_empty()
                        fallback=move || view! { <p class="muted">{move || t_string!(i18n, overview.health_none)}</p> }>
                        <ul class="plain-list health-list">
                            {move || { let lang = lang.get(); health.get().into_iter().map(|(project, h)| {
                                let href = format!("/projects/{}", project.id.0);
                                let data = state.data.read_untracked();
                                let (done, total) = progress_of(&data, &project);
                                let percent = (done * 100).checked_div(total).unwrap_or(0);
                                let reasons = h.as_ref().map(|h| health_reasons(i18n, &data, h, lang, 3, true));
                                let name = project.name.clone();
                                view! {
                                    <li class="health-row">
                                        <div class="health-row__head">
                                            <A href=href>{project.name.clone()}</A>
                                            {match h.as_ref() {
                                                Some(h) => view! { <HealthBadge level=h.level /> }.into_any(),
                                                None => view! { <span class="badge">{t_string!(i18n, overview.health_cycle)}</span> }.into_any(),
                                            }}
                                            <span class="muted">
                                                {format!("{done}/{total}")}
                                                {project.deadline.map(|d| format!(" · {}", format_date(d, lang)))}
                                            </span>
                                        </div>
                                        <progress class="progress" max="100" value=percent aria-label=name></progress>
                                        {reasons}
                                    </li>
                                }
                            }).collect_view() }}
                        </ul>
                    </Show>
                </section>
                <section class="card" aria-labelledby="dash-week">
                    <h2 id="dash-week" class="card__title">{move || t_string!(i18n, overview.week_title)}</h2>
                    {move || {
                        let items = week.read().this_week.clone();
                        if items.is_empty() {
                            view! { <p class="muted">{move || t_string!(i18n, overview.week_empty)}</p> }.into_any()
                        } else {
                            agenda_groups(i18n, lang.get(), state, items).into_any()
                        }
                    }}
                </section>
                <section class="card" aria-labelledby="dash-next">
                    <h2 id="dash-next" class="card__title">{move || t_string!(i18n, overview.next_title)}</h2>
                    <Show when=move || !next.read().is_empty()
                        fallback=move || view! { <p class="muted">{move || t_string!(i18n, overview.next_empty)}</p> }>
                        <ol class="plain-list next-list">
                            {move || {
                                let lang = lang.get();
                                let pins = state.prefs.read().pins();
                                next.get().into_iter().take(NEXT_SHOWN).map(|item| {
                                    let pin = pins.get(&item.step).copied();
                                    next_row(i18n, lang, state, item, pin)
                                }).collect_view()
                            }}
                        </ol>
                    </Show>
                </section>
                <section class="card" aria-labelledby="dash-ahead">
                    <h2 id="dash-ahead" class="card__title">{move || t_string!(i18n, overview.ahead_title)}</h2>
                    {move || {
                        let items = week.read().ahead.clone();
                        if items.is_empty() {
                            view! { <p class="muted">{move || t_string!(i18n, overview.ahead_empty)}</p> }.into_any()
                        } else {
                            agenda_groups(i18n, lang.get(), state, items).into_any()
                        }
                    }}
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
                <section class="card card--wide" aria-labelledby="dash-budget">
                    <h2 id="dash-budget" class="card__title">{move || t_string!(i18n, overview.budget_title)}</h2>
                    <div class="table-scroll">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, overview.budget_project)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, overview.budget_hours)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, overview.budget_costs)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || { let lang = lang.get(); health.get().into_iter().map(|(project, _)| {
                                let b = budget(&state.data.read_untracked(), project.id);
                                let of = |actual: String, planned: String| t_string!(i18n, overview.budget_of, actual = actual, planned = planned).to_string();
                                view! {
                                    <tr>
                                        <th scope="row">{project.name.clone()}</th>
                                        <td class="num">{of(format_quantity(b.actual_hours, lang), format_quantity(b.planned_hours, lang))}</td>
                                        <td class="num">{of(format_money(b.actual_cost, lang), format_money(b.planned_cost, lang))}</td>
                                    </tr>
                                }
                            }).collect_view() }}
                        </tbody>
                    </table>
                    </div>
                    <p class="field__hint">{move || t_string!(i18n, overview.budget_hint)}</p>
                </section>
            </div>
        </Show>
    }
}

/// How many items "what to work on next" shows.
const NEXT_SHOWN: usize = 8;

/// Done and all steps of a project.
fn progress_of(data: &crate::domain::Dataset, project: &Project) -> (usize, usize) {
    let steps = data.steps_of(project.id);
    let done = steps
        .iter()
        .filter(|s| s.status == StepStatus::Done)
        .count();
    (done, steps.len())
}

/// Agenda items grouped: the overdue ones first, then one group per day.
fn agenda_groups(
    i18n: I18nContext<Locale>,
    lang: Lang,
    state: AppState,
    items: Vec<AgendaItem>,
) -> impl IntoView {
    let mut groups: Vec<(Option<NaiveDate>, Vec<AgendaItem>)> = Vec::new();
    for item in items {
        let day = item.overdue_days.is_none().then(|| item.entry.first_day());
        match groups.last_mut() {
            Some((d, list)) if *d == day => list.push(item),
            _ => groups.push((day, vec![item])),
        }
    }
    let data = state.data.read_untracked();
    groups
        .into_iter()
        .map(|(day, list)| {
            let heading = match day {
                Some(day) => format_date_long(day, lang),
                None => t_string!(i18n, orders.overdue).to_string(),
            };
            view! {
                <div class="agenda-day">
                    <h3 class="agenda-day__title">{heading}</h3>
                    <ul class="plain-list">
                        {list.into_iter().map(|item| agenda_row(i18n, &data, item)).collect_view()}
                    </ul>
                </div>
            }
        })
        .collect_view()
}

fn agenda_row(
    i18n: I18nContext<Locale>,
    data: &crate::domain::Dataset,
    item: AgendaItem,
) -> impl IntoView {
    let entry = item.entry;
    let kind = entry.kind;
    let link = href(data, entry.source);
    let project = entry
        .project
        .and_then(|p| data.project(p).map(|p| p.name.clone()));
    let time = entry.start_time().map(|t| t.format("%H:%M ").to_string());
    let overdue = item.overdue_days;
    view! {
        <li class="list-row agenda-item">
            <span>
                <span aria-hidden="true" class="agenda-item__glyph">{glyph(kind)} " "</span>
                <span class="muted">{kind_label(i18n, kind)} ": "</span>
                {time}
                <A href=link>{entry.title.clone()}</A>
            </span>
            <span class="muted">
                {project.unwrap_or_else(|| t_string!(i18n, overview.no_project).to_string())}
                {overdue.map(|days| view! {
                    " · " <span class="overdue">{t_string!(i18n, overview.overdue, count = days).to_string()}</span>
                })}
            </span>
        </li>
    }
}

/// One item of "what to work on next": the step, its project, why it is
/// where it is, and the person's pin / push back (`pin`, its current
/// choice; the list is drawn again when a choice changes).
fn next_row(
    i18n: I18nContext<Locale>,
    lang: Lang,
    state: AppState,
    item: RankedItem,
    pin: Option<Pin>,
) -> impl IntoView {
    let data = state.data.read_untracked();
    let step_id = item.step;
    let title = data
        .step(StepId(step_id))
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let project = data
        .project(ProjectId(item.project))
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let link = format!("/projects/{}#step-{}", item.project, step_id);
    let why = item
        .reasons
        .iter()
        .map(|r| rank_reason_text(i18n, *r, lang))
        .collect::<Vec<_>>()
        .join(" · ");
    let pinned = pin == Some(Pin::Pinned);
    let pushed = pin == Some(Pin::PushedBack);
    let (pin_text, pin_label) = if pinned {
        (
            t_string!(i18n, overview.unpin).to_string(),
            t_string!(i18n, overview.unpin_label, step = &title).to_string(),
        )
    } else {
        (
            t_string!(i18n, overview.pin).to_string(),
            t_string!(i18n, overview.pin_label, step = &title).to_string(),
        )
    };
    let (push_text, push_label) = if pushed {
        (
            t_string!(i18n, overview.bring_back).to_string(),
            t_string!(i18n, overview.bring_back_label, step = &title).to_string(),
        )
    } else {
        (
            t_string!(i18n, overview.push_back).to_string(),
            t_string!(i18n, overview.push_back_label, step = &title).to_string(),
        )
    };
    let set = move |choice: Option<Pin>| state.update_prefs(|p| p.set_pin(step_id, choice));
    let timer_title = Signal::stored(title.clone());
    view! {
        <li class="next-item">
            <div class="next-item__main">
                <span class="next-item__pos">{item.position} "."</span>
                <A href=link>{title.clone()}</A>
                <span class="muted">" · " {project}</span>
            </div>
            <p class="next-item__why muted">{why}</p>
            <div class="button-row">
                <crate::ui::components::timer::TimerButton step=StepId(step_id) title=timer_title />
                <button type="button" class="button button--small" aria-pressed=pinned.to_string()
                    aria-label=pin_label on:click=move |_| set((!pinned).then_some(Pin::Pinned))>
                    {pin_text}
                </button>
                <button type="button" class="button button--small button--ghost" aria-pressed=pushed.to_string()
                    aria-label=push_label on:click=move |_| set((!pushed).then_some(Pin::PushedBack))>
                    {push_text}
                </button>
            </div>
        </li>
    }
}

/// Why an item stands where it does, in words.
fn rank_reason_text(i18n: I18nContext<Locale>, reason: RankReason, lang: Lang) -> String {
    match reason {
        RankReason::Pinned => t_string!(i18n, overview.why_pinned).to_string(),
        RankReason::PushedBack => t_string!(i18n, overview.why_pushed_back).to_string(),
        RankReason::Late { days } => t_string!(i18n, overview.why_late, count = days).to_string(),
        RankReason::CanStartNow => t_string!(i18n, overview.why_can_start).to_string(),
        RankReason::StartsOn { date } => {
            t_string!(i18n, overview.why_starts_on, date = format_date(date, lang)).to_string()
        }
        RankReason::Critical => t_string!(i18n, overview.why_critical).to_string(),
        RankReason::TightFloat { days } => {
            t_string!(i18n, overview.why_float, count = days).to_string()
        }
        RankReason::Priority { level } if level >= 3 => {
            t_string!(i18n, overview.why_urgent).to_string()
        }
        RankReason::Priority { .. } => t_string!(i18n, overview.why_high).to_string(),
        RankReason::Kind { kind } => category_label(i18n, category_of(kind)),
        RankReason::Deadline { date } => {
            t_string!(i18n, overview.why_deadline, date = format_date(date, lang)).to_string()
        }
    }
}

fn category_of(kind: WorkKind) -> Category {
    match kind {
        WorkKind::ClientProject => Category::ClientProject,
        WorkKind::OwnProject => Category::OwnProject,
        WorkKind::DailyBusiness => Category::DailyBusiness,
        WorkKind::SideActivity => Category::SideActivity,
    }
}
