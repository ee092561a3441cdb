//! The timeline of one project, wired to the schedule and the commands.

use chrono::{Duration, Utc};
use leptos::prelude::*;

use crate::domain::{ProjectId, StepStatus};
use crate::i18n::{t_string, use_i18n};
use crate::planning::{Schedule, ScheduleError};
use crate::state::commands;
use crate::ui::app_state::use_app_state;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::messages::schedule_error_text;

use super::{Timeline, TimelineEdit, TimelineRow};

/// The rows of one project's steps, in list order.
pub fn project_rows(
    data: &crate::domain::Dataset,
    project: ProjectId,
    schedule: &Schedule,
) -> Vec<TimelineRow> {
    // One lookup table instead of a search per step: 5,000 steps stay fast.
    let dates: std::collections::HashMap<_, _> = schedule.steps.iter().map(|s| (s.id, s)).collect();
    data.steps_of(project)
        .into_iter()
        .filter(|s| s.status != StepStatus::Cancelled)
        .filter_map(|s| {
            let plan = *dates.get(&s.id.0)?;
            Some(TimelineRow {
                id: s.id,
                label: s.title.clone(),
                heading: false,
                start: plan.earliest_start,
                finish: plan.earliest_finish,
                milestone: s.is_milestone(),
                critical: plan.critical,
                late_days: plan.start_late_days.max(plan.deadline_late_days),
                progress: s.progress,
                predecessors: s.predecessors().collect(),
                slip_days: plan.slip_days,
            })
        })
        .collect()
}

#[component]
pub fn ProjectTimeline(
    project: ProjectId,
    #[prop(into)] schedule: Signal<Option<Result<Schedule, ScheduleError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();

    // A memo, so that scrolling (which reads the rows many times per
    // frame) does not rebuild them.
    let rows = Memo::new(move |_| {
        schedule.with(|plan| match plan {
            Some(Ok(plan)) => project_rows(&state.data.read(), project, plan),
            _ => Vec::new(),
        })
    });

    let notice = Notice::new();
    let locked = crate::ui::components::project_closed::use_project_closed(project);
    let on_edit = move |edit: TimelineEdit| {
        let Some(Ok(plan)) = schedule.get_untracked() else {
            return;
        };
        let calendar = state.calendar.get_untracked();
        let data = state.data.get_untracked();
        let now = Utc::now();
        let result = match edit {
            TimelineEdit::Move {
                step,
                days,
                working_days,
            } => {
                let Some(current) = plan.step(step.0) else {
                    return;
                };
                let start = if working_days {
                    calendar.add_working_days(current.earliest_start, days)
                } else {
                    let target = current.earliest_start + Duration::days(days);
                    if days > 0 {
                        calendar.working_day_on_or_after(target)
                    } else {
                        calendar.working_day_on_or_before(target)
                    }
                };
                commands::reschedule_step(&data, step, start, None, now)
            }
            TimelineEdit::Resize {
                step,
                days,
                working_days,
            } => {
                let Some(current) = data.step(step) else {
                    return;
                };
                let Some(dates) = plan.step(step.0) else {
                    return;
                };
                let duration = if working_days {
                    (i64::from(current.scheduled_days()) + days).max(1)
                } else {
                    let finish = dates.earliest_finish + Duration::days(days);
                    calendar
                        .working_days_between(dates.earliest_start, finish + Duration::days(1))
                        .max(1)
                };
                commands::reschedule_step(&data, step, None, Some(duration as u32), now)
            }
        };
        let label = match edit {
            TimelineEdit::Move { .. } => t_string!(i18n, timeline.moved),
            TimelineEdit::Resize { .. } => t_string!(i18n, timeline.resized),
        };
        notice.run(state, label, result);
    };

    let name = Signal::derive(move || {
        let project_name = state
            .data
            .read()
            .project(project)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        format!("{} {}", t_string!(i18n, timeline.title), project_name)
    });

    view! {
        <section class="card" aria-labelledby="project-timeline-title">
            <h2 id="project-timeline-title" class="card__title">{move || t_string!(i18n, timeline.title)}</h2>
            {move || match schedule.get() {
                Some(Err(error)) => {
                    let data = state.data.read();
                    let title_of = |id: uuid::Uuid| {
                        data.step(crate::domain::StepId(id))
                            .map(|s| s.title.clone())
                            .unwrap_or_default()
                    };
                    let text = schedule_error_text(i18n, &error, title_of);
                    Some(view! {
                        <p class="notice notice--error" role="alert">{t_string!(i18n, timeline.cycle)} " " {text}</p>
                    }.into_any())
                }
                _ => None,
            }}
            // A refused move or resize is explained right by the chart.
            <NoticeRegion notice=notice />
            // A closed project's bars stay put (read-only until reopened).
            {move || if locked.get() {
                view! { <Timeline rows=rows calendar=state.calendar label=name /> }.into_any()
            } else {
                view! { <Timeline rows=rows calendar=state.calendar label=name on_edit=Callback::new(on_edit) /> }.into_any()
            }}
        </section>
    }
}
