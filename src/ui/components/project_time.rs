//! The project page's time part: hours booked so far, a timer on one of
//! its steps, and the way to the project's month sheet and CSV export.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{ProjectId, StepId, StepStatus};
use crate::i18n::{t_string, use_i18n};
use crate::state::time_entries::hours_text;
use crate::ui::app_state::use_app_state;
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::timer::TimerButton;

/// How many steps the timer's select offers at most.
const CHOICES: usize = 50;

#[component]
pub fn ProjectTime(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    // The steps to time: those in progress, then the other open ones in
    // list order (done and cancelled ones take no more time), at most
    // `CHOICES` of them plus the one the timer runs on. A plan of
    // thousands of steps would otherwise put thousands of options on every
    // tab of the project page; any step can be timed from its row.
    let steps = Memo::new(move |_| {
        let running = state.prefs.with(|p| p.timer.map(|t| t.step));
        let data = state.data.read();
        let open: Vec<_> = data
            .steps_of(project)
            .into_iter()
            .filter(|s| !s.status.is_closed())
            .collect();
        let mut chosen: Vec<(StepId, String)> = open
            .iter()
            .filter(|s| s.status == StepStatus::InProgress)
            .chain(open.iter().filter(|s| s.status != StepStatus::InProgress))
            .take(CHOICES)
            .map(|s| (s.id, s.title.clone()))
            .collect();
        if let Some(step) = running.and_then(|id| open.iter().find(|s| s.id == id)) {
            if !chosen.iter().any(|(id, _)| *id == step.id) {
                chosen.push((step.id, step.title.clone()));
            }
        }
        chosen
    });
    let booked = Memo::new(move |_| {
        let data = state.data.read();
        data.time_entries
            .iter()
            .filter(|e| data.step(e.step).is_some_and(|s| s.project == project))
            .map(|e| e.hours)
            .sum::<f64>()
    });
    let chosen = RwSignal::new(None::<StepId>);
    // The step the select shows: the person's choice, else the one the
    // timer runs on (if it is this project's), else the first open one.
    let step = Memo::new(move |_| {
        let running = state.prefs.with(|p| p.timer.map(|t| t.step));
        steps.with(|list| {
            let has = |id: StepId| list.iter().any(|(s, _)| *s == id);
            chosen
                .get()
                .filter(|id| has(*id))
                .or(running.filter(|id| has(*id)))
                .or_else(|| list.first().map(|(id, _)| *id))
        })
    });
    let title = Signal::derive(move || {
        step.get()
            .and_then(|id| steps.with(|l| l.iter().find(|(s, _)| *s == id).map(|(_, t)| t.clone())))
            .unwrap_or_default()
    });
    let month_link = move || {
        let day = today.get();
        format!(
            "/time?project={}&month={}-{:02}",
            project.0,
            day.year(),
            day.month()
        )
    };
    view! {
        <section class="card" aria-labelledby="project-time-title">
            <h2 id="project-time-title" class="card__title">{move || t_string!(i18n, time.project_title)}</h2>
            <p>{move || t_string!(i18n, time.project_booked, hours = hours_text(booked.get(), lang.get()))}</p>
            <Show when=move || !steps.read().is_empty()>
                <div class="time-timer">
                    <div class="field">
                        <label for="project-time-step">{move || t_string!(i18n, time.timer_step)}</label>
                        <select id="project-time-step"
                            prop:value=move || step.get().map(|s| s.0.to_string()).unwrap_or_default()
                            on:change=move |ev| chosen.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok().map(StepId))>
                            {move || steps.get().into_iter().map(|(id, t)| view! {
                                <option value=id.0.to_string() selected=move || step.get() == Some(id)>{t}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || step.get().map(|id| view! { <TimerButton step=id title=title /> })}
                </div>
            </Show>
            <div class="button-row">
                <A href=month_link attr:class="button button--ghost">{move || t_string!(i18n, time.month_link)}</A>
            </div>
        </section>
    }
}
