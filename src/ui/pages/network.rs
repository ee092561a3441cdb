//! The network: collaborators with their skills, rates and capacity, and
//! everyone's workload per week, with levelling for an overloaded person.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Role, StepId};

use crate::i18n::{t_string, use_i18n};
use crate::planning::WeekLoad;
use crate::state::workload::{
    level_person, leveling_report, loads, people, person_name, weeks_from, LevelingReport, ME,
};
use crate::text::format_money;
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::messages::{schedule_error_text, stuck_reason_text};

/// How many weeks the workload table shows, from this week on.
const WEEKS: i64 = 8;

#[component]
pub fn NetworkPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    let weeks = Memo::new(move |_| weeks_from(today.get(), WEEKS));

    let team = Memo::new(move |_| {
        let prefs = state.prefs.read();
        people(
            &state.data.read(),
            f64::from(prefs.weekly_capacity_hours),
            &prefs.days_off,
        )
    });
    let name_of = move |id: uuid::Uuid| {
        if id == ME {
            t_string!(i18n, workload.me).to_string()
        } else {
            person_name(&state.data.read_untracked(), id).unwrap_or_default()
        }
    };
    let week_loads = Memo::new(move |_| {
        let calendar = state.calendar.get();
        loads(&state.data.read(), &calendar, today.get(), &team.get())
    });
    let collaborators = Memo::new(move |_| {
        let mut list: Vec<_> = state
            .data
            .read()
            .contacts_with_role(Role::Collaborator)
            .into_iter()
            .cloned()
            .collect();
        list.sort_by_key(|c| c.name.to_lowercase());
        list
    });

    // What levelling did (or why not) appears by the workload table.
    let notice = Notice::new();
    // The last levelling's report: each moved step with its days, and why
    // the rest stayed.
    let last_report = RwSignal::new(None::<LevelingReport>);
    let level = move |person_id: uuid::Uuid| {
        last_report.set(None);
        let Some(person) = team.get_untracked().into_iter().find(|p| p.id == person_id) else {
            return;
        };
        let data = state.data.get_untracked();
        let calendar = state.calendar.get_untracked();
        match level_person(&data, &calendar, today.get_untracked(), &person) {
            Ok(result) if result.moves.is_empty() => {
                notice.info(t_string!(i18n, workload.nothing));
                last_report.set(Some(leveling_report(&data, &result, Utc::now())));
            }
            Ok(result) => {
                let report = leveling_report(&data, &result, Utc::now());
                let titles: Vec<&str> = report.moved.iter().map(|m| m.title.as_str()).collect();
                let text = t_string!(
                    i18n,
                    workload.leveled,
                    count = titles.len(),
                    list = &titles.join(", ")
                );
                // One change set: one undo takes the whole levelling back.
                if notice.run(state, text.clone(), Ok(report.changes.clone())) {
                    let mut message = text;
                    if !report.weeks.is_empty() {
                        let weeks: Vec<String> = report
                            .weeks
                            .iter()
                            .map(|w| t_string!(i18n, workload.week, w = w))
                            .collect();
                        message.push_str(&format!(
                            " {}",
                            t_string!(i18n, workload.still, weeks = &weeks.join(", "))
                        ));
                    }
                    notice.info(message);
                    last_report.set(Some(report));
                }
            }
            Err(error) => {
                let title_of = |id: uuid::Uuid| {
                    data.step(StepId(id))
                        .map(|s| s.title.clone())
                        .unwrap_or_default()
                };
                notice.error(schedule_error_text(i18n, &error, title_of))
            }
        }
    };

    let cell = move |person: uuid::Uuid, (year, week): (i32, u32)| -> Option<WeekLoad> {
        week_loads
            .read()
            .iter()
            .find(|l| l.person == person && l.iso_year == year && l.iso_week == week)
            .cloned()
    };

    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, network.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, network.intro).to_string())
        >
            <A href="/package" attr:class="button button--ghost">{move || t_string!(i18n, package.open_title)}</A>
        </PageHeader>
        <section class="card" aria-labelledby="workload-title">
            <h2 id="workload-title" class="card__title">{move || t_string!(i18n, workload.title)}</h2>
            <p class="muted">{move || t_string!(i18n, workload.intro)}</p>
            <NoticeRegion notice=notice />
            {move || last_report.get().map(|report| view! { <LevelingReportView report=report /> })}
            <div class="table-scroll">
                <table class="data-table workload">
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, workload.person)}</th>
                            {move || weeks.get().into_iter().map(|(_, w)| { view! {
                                <th scope="col" class="num">{move || t_string!(i18n, workload.week, w = &w)}</th>
                            }}).collect_view()}
                            <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, workload.level)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || { let weeks = weeks.get(); team.get().into_iter().map(|person| {
                            let id = person.id;
                            let name = name_of(id);
                            let overloaded = weeks.iter().any(|w| cell(id, *w).is_some_and(|l| l.overloaded));
                            let level_label = t_string!(i18n, workload.level_label, name = &name);
                            view! {
                                <tr>
                                    <th scope="row">{name.clone()}
                                        <span class="muted">{format!(" · {} h", person.weekly_capacity_hours)}</span></th>
                                    {weeks.iter().map(|w| {
                                        let load = cell(id, *w);
                                        let over = load.as_ref().is_some_and(|l| l.overloaded);
                                        let text = load.map(|l| format!("{:.0} / {:.0}", l.planned_hours + 0.0, l.capacity_hours + 0.0)).unwrap_or_else(|| "–".into());
                                        view! {
                                            <td class="num" class:workload--over=over>
                                                {text}
                                                {over.then(|| view! { <span class="visually-hidden">{format!(" ({})", t_string!(i18n, workload.overloaded))}</span> })}
                                            </td>
                                        }
                                    }).collect_view()}
                                    <td>
                                        {overloaded.then(|| view! {
                                            <button type="button" class="button" aria-label=level_label on:click=move |_| level(id)>
                                                {move || t_string!(i18n, workload.level)}
                                            </button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}}
                    </tbody>
                </table>
            </div>
        </section>
        <Show when=move || !collaborators.read().is_empty()
            fallback=move || view! {
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, network.empty_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, network.empty_text).to_string())
                >
                    <A href="/contacts" attr:class="button">{move || t_string!(i18n, nav.contacts)}</A>
                </EmptyState>
            }>
            <ul class="card-grid plain-list-reset">
                {move || collaborators.get().into_iter().map(|c| {
                    let rate = c.hourly_rate;
                    view! {
                        <li class="card">
                            <h2 class="card__title"><A href=format!("/network/{}", c.id.0)>{c.name.clone()}</A></h2>
                            {(!c.skills.is_empty()).then(|| view! {
                                <p><span class="muted">{move || t_string!(i18n, workload.skills)} ": "</span>{c.skills.join(", ")}</p>
                            })}
                            <p class="muted">
                                {rate.map(|r| move || format!("{} {} · ", t_string!(i18n, workload.rate), format_money(r.cents(), lang.get())))}
                                {move || t_string!(i18n, workload.capacity, h = &c.weekly_capacity_hours.unwrap_or(40.0))}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// The steps a levelling moved (with their days, and who pushed them
/// along) and, when overload remains, why each other step stayed.
#[component]
fn LevelingReportView(report: LevelingReport) -> impl IntoView {
    let i18n = use_i18n();
    let has_moved = !report.moved.is_empty();
    let moved = report
        .moved
        .into_iter()
        .map(|m| {
            let line = t_string!(i18n, progress.moved_line, title = &m.title, count = m.days);
            let pushed = m
                .pushed_by
                .map(|by| format!(" ({})", t_string!(i18n, progress.pushed_by, step = &by)));
            view! { <li>{line}{pushed}</li> }
        })
        .collect_view();
    let stuck = report
        .stuck
        .iter()
        .map(|line| view! { <li>{stuck_reason_text(i18n, line)}</li> })
        .collect_view();
    let has_stuck = !report.stuck.is_empty();
    view! {
        <div class="leveling-report">
            {has_moved.then(|| view! {
                <h3 class="step-group__title">{t_string!(i18n, progress.moved_title)}</h3>
                <ul aria-label=t_string!(i18n, progress.moved_title)>{moved}</ul>
            })}
            {has_stuck.then(|| view! {
                <h3 class="step-group__title">{t_string!(i18n, progress.stuck_title)}</h3>
                <ul aria-label=t_string!(i18n, progress.stuck_title)>{stuck}</ul>
            })}
        </div>
    }
}
