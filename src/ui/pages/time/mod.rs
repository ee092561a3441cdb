//! The time page: a timer for any step, the weekly time sheet per person
//! with that week's entries (add, edit, delete), and the month per project
//! with the CSV export for invoicing.
//!
//! `?project=ID&month=2026-11` opens the month sheet of a project (the
//! project page links here).

mod entries;
mod month;
mod week;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::{Assignee, ContactId, Dataset, ProjectId, StepId};
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::ui::app_state::use_app_state;
use crate::ui::components::page_header::PageHeader;
use crate::ui::components::timer::TimerButton;

/// A person as a select's value: `me` or the contact's id.
pub(crate) fn person_value(person: Assignee) -> String {
    match person {
        Assignee::Me => "me".to_owned(),
        Assignee::Contact(id) => id.0.to_string(),
    }
}

pub(crate) fn person_from_value(value: &str) -> Assignee {
    uuid::Uuid::parse_str(value)
        .map(|id| Assignee::Contact(ContactId(id)))
        .unwrap_or(Assignee::Me)
}

/// "Ich" or the contact's name.
pub(crate) fn person_name(i18n: I18nContext<Locale>, data: &Dataset, person: Assignee) -> String {
    match person {
        Assignee::Me => t_string!(i18n, time.me).to_string(),
        Assignee::Contact(id) => data.contact(id).map(|c| c.name.clone()).unwrap_or_default(),
    }
}

/// Every step by project (by name), for the step selects.
pub(crate) fn steps_by_project(data: &Dataset) -> Vec<(String, Vec<(StepId, String)>)> {
    data.projects_by_name()
        .into_iter()
        .map(|(id, name)| {
            let steps = data
                .steps_of(id)
                .into_iter()
                .map(|s| (s.id, s.title.clone()))
                .collect::<Vec<_>>();
            (name, steps)
        })
        .filter(|(_, steps)| !steps.is_empty())
        .collect()
}

#[component]
pub fn TimePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (project, month) = query.with_untracked(|q| {
        let project = q
            .get("project")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ProjectId);
        let month = q.get("month").and_then(|raw| {
            let (y, m) = raw.split_once('-')?;
            let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
            (1..=12).contains(&m).then_some((y, m))
        });
        (project, month)
    });
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, time.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, time.intro).to_string())
        />
        <TimerCard />
        <week::WeekSection />
        <month::MonthSection project=project month=month />
    }
}

/// Start a timer on any step (the shell shows it while it runs).
#[component]
fn TimerCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let groups = Memo::new(move |_| steps_by_project(&state.data.read()));
    let chosen = RwSignal::new(String::new());
    let step = Memo::new(move |_| {
        let running = state.prefs.with(|p| p.timer.map(|t| t.step));
        uuid::Uuid::parse_str(&chosen.get())
            .ok()
            .map(StepId)
            .or(running)
            .or_else(|| {
                groups.with(|g| g.first().and_then(|(_, steps)| steps.first().map(|s| s.0)))
            })
    });
    let title = Signal::derive(move || {
        step.get()
            .and_then(|id| state.data.with(|d| d.step(id).map(|s| s.title.clone())))
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="time-timer-title">
            <h2 id="time-timer-title" class="card__title">{move || t_string!(i18n, time.timer_title)}</h2>
            <Show when=move || !groups.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, time.no_steps)}</p> }>
                <div class="time-timer">
                    <div class="field">
                        <label for="time-timer-step">{move || t_string!(i18n, time.timer_step)}</label>
                        <select id="time-timer-step"
                            prop:value=move || step.get().map(|s| s.0.to_string()).unwrap_or_default()
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            {move || groups.get().into_iter().map(|(project, steps)| view! {
                                <optgroup label=project>
                                    {steps.into_iter().map(|(id, title)| view! {
                                        <option value=id.0.to_string() selected=move || step.get() == Some(id)>{title}</option>
                                    }).collect_view()}
                                </optgroup>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || step.get().map(|id| view! { <TimerButton step=id title=title /> })}
                </div>
            </Show>
        </section>
    }
}
