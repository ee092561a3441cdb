//! A project's steps, grouped by work area: add, edit, reorder, delete, and
//! set dependencies.

mod dependencies;
mod step_form;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Assignee, ProjectId, Step, StepId};
use crate::i18n::{t_string, use_i18n};
use crate::planning::FloatReference;
use crate::state::commands;
use crate::ui::app_state::use_app_state;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::timer::TimerButton;
use crate::ui::labels::{late_text, step_status_label};

pub use dependencies::DependencyEditor;
pub use step_form::StepForm;
use step_form::{status_key, STATUSES};

/// How many steps the list shows before "show all".
const STEP_LIST_LIMIT: usize = 200;

/// Steps of one work area, in list order.
#[derive(Clone, PartialEq)]
struct Group {
    area: Option<String>,
    steps: Vec<StepId>,
}

#[component]
pub fn StepsSection(
    project: ProjectId,
    /// The project's computed schedule, for dates and float.
    #[prop(into)]
    schedule: Signal<Option<Result<crate::planning::Schedule, crate::planning::ScheduleError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<StepId>);
    // A finished or cancelled project is read-only: no add, edit, move or
    // delete (the session refuses them anyway, see `state::closed`).
    let locked = crate::ui::components::project_closed::use_project_closed(project);
    // Confirmations and refusals of this section appear in it.
    let notice = Notice::new();
    // Where each step's dates are in the schedule, so each row finds its
    // own in O(1) (rows find their steps through the data's id index).
    let position = Memo::new(move |_| {
        schedule.with(|plan| match plan {
            Some(Ok(plan)) => plan
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id, i))
                .collect::<std::collections::HashMap<uuid::Uuid, usize>>(),
            _ => Default::default(),
        })
    });

    let groups = Memo::new(move |_| {
        let data = state.data.read();
        let steps = data.steps_of(project);
        let mut order: Vec<Option<String>> = data
            .project(project)
            .map(|p| p.work_areas.iter().cloned().map(Some).collect())
            .unwrap_or_default();
        for s in &steps {
            if !order.contains(&s.work_area) {
                order.push(s.work_area.clone());
            }
        }
        // Steps without an area come last.
        order.sort_by_key(|a| a.is_none());
        order
            .into_iter()
            .map(|area| Group {
                steps: steps
                    .iter()
                    .filter(|s| s.work_area == area)
                    .map(|s| s.id)
                    .collect(),
                area,
            })
            .filter(|g| !g.steps.is_empty())
            .collect::<Vec<_>>()
    });
    let is_empty = move || groups.read().is_empty();
    // A plan of thousands of steps would make the page heavy; the list shows
    // the first ones until asked for all (the timeline shows every step).
    let show_all = RwSignal::new(false);
    let total = move || groups.read().iter().map(|g| g.steps.len()).sum::<usize>();
    let shown_groups = Memo::new(move |_| -> Vec<Group> {
        let mut budget = if show_all.get() {
            usize::MAX
        } else {
            STEP_LIST_LIMIT
        };
        groups
            .get()
            .into_iter()
            .filter_map(|mut g| {
                if budget == 0 {
                    return None;
                }
                g.steps.truncate(budget);
                budget -= g.steps.len();
                Some(g)
            })
            .collect::<Vec<_>>()
    });
    let areas = move || shown_groups.with(|g| g.iter().map(|g| g.area.clone()).collect::<Vec<_>>());
    let lang = crate::ui::components::language::use_lang();
    // "12.01.2027 – 15.01.2027 · Puffer 3 AT", or nothing if unscheduled.
    let dates_of = move |id: StepId| -> Option<String> {
        schedule.with(|plan| {
            let Some(Ok(plan)) = plan else { return None };
            let s = plan.steps.get(*position.read().get(&id.0)?)?;
            let lang = lang.get();
            let mut text = format!(
                "{} – {}",
                crate::text::format_date(s.earliest_start, lang),
                crate::text::format_date(s.earliest_finish, lang)
            );
            if s.critical {
                text.push_str(&format!(" · {}", t_string!(i18n, timeline.critical)));
            } else {
                text.push_str(&format!(
                    " · {}",
                    t_string!(i18n, steps.float, n = &s.total_float)
                ));
            }
            if s.is_late() {
                text.push_str(&format!(
                    " · {} +{}",
                    t_string!(i18n, timeline.late),
                    s.start_late_days.max(s.deadline_late_days)
                ));
            }
            Some(text)
        })
    };
    // Working days a step's finish slipped against the plan it had.
    let slip_of = move |id: StepId| -> i64 {
        schedule.with(|plan| match plan {
            Some(Ok(plan)) => position
                .read()
                .get(&id.0)
                .and_then(|i| plan.steps.get(*i))
                .map_or(0, |s| s.slip_days.max(0)),
            _ => 0,
        })
    };
    // Working days its finish is behind the project's latest baseline
    // (once one was frozen), the other half of "late".
    let baseline_slip_of = move |id: StepId| -> i64 {
        let data = state.data.read();
        let Some(planned) = data
            .project(project)
            .and_then(|p| p.baselines.last())
            .and_then(|b| b.step(id))
            .map(|b| b.finish)
        else {
            return 0;
        };
        let finish = data.step(id).and_then(|s| s.actual_finish).or_else(|| {
            schedule.with(|plan| match plan {
                Some(Ok(plan)) => position
                    .read()
                    .get(&id.0)
                    .and_then(|i| plan.steps.get(*i))
                    .map(|s| s.earliest_finish),
                _ => None,
            })
        });
        finish.map_or(0, |f| {
            state
                .calendar
                .read()
                .working_days_between(planned, f)
                .max(0)
        })
    };
    let end_text = move |plan: &crate::planning::Schedule| -> String {
        let lang = lang.get();
        let Some(end) = plan.project_end else {
            return String::new();
        };
        let date = crate::text::format_date(end, lang);
        match plan.planned_end.filter(|planned| *planned != end) {
            Some(planned) => t_string!(
                i18n,
                progress.end_moved,
                date = &date,
                planned = crate::text::format_date(planned, lang)
            )
            .to_string(),
            None => t_string!(i18n, progress.end, date = &date).to_string(),
        }
    };
    // The expected end (and the planned one, when reality moved it), then
    // what the float is measured to: the project's deadline or its end.
    let float_to = move || {
        schedule.with(|plan| match plan {
            Some(Ok(plan)) => Some(format!(
                "{} · {}",
                end_text(plan),
                match plan.float_to {
                    FloatReference::Deadline(date) => t_string!(
                        i18n,
                        progress.float_to_deadline,
                        date = crate::text::format_date(date, lang.get())
                    )
                    .to_string(),
                    FloatReference::ProjectEnd =>
                        t_string!(i18n, progress.float_to_end).to_string(),
                }
            )),
            _ => None,
        })
    };
    let today = crate::ui::clock::use_today();
    let person = move |assignee: Assignee| match assignee.contact() {
        Some(id) => state
            .data
            .read_untracked()
            .contact(id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        None => t_string!(i18n, steps.me).to_string(),
    };

    view! {
        <section class="card" aria-labelledby="project-steps-title">
            <div class="card__head">
                <h2 id="project-steps-title" class="card__title">{move || t_string!(i18n, steps.title)}</h2>
                <Show when=move || !locked.get()>
                    <crate::ui::components::step_import_dialog::StepImportButton project=project notice=notice />
                    <button type="button" class="button" on:click=move |_| adding.set(true)>
                        <Icon kind=IconKind::Plus />
                        {move || t_string!(i18n, steps.add)}
                    </button>
                </Show>
            </div>
            {move || (!is_empty()).then(|| view! { <p class="muted step-float-to">{float_to}</p> })}
            <NoticeRegion notice=notice />
            <Show when=move || adding.get() && !locked.get()>
                {move || {
                    let mut step = Step::new(project, "", Utc::now());
                    step.sort_order = commands::next_sort_order(&state.data.get_untracked(), project);
                    view! { <StepForm initial=step is_new=true on_done=move |_| adding.set(false) section_notice=notice /> }
                }}
            </Show>
            <Show when=move || is_empty() && !adding.get()>
                <p class="muted">{move || t_string!(i18n, steps.none)}</p>
            </Show>
            // Rows are keyed by step id and read their step reactively: a
            // change elsewhere updates a row in place, and an open editor
            // inside it stays as it is.
            <For each=areas key=|area| area.clone() let:area>
                {
                    let heading = area.clone();
                    let ids = move || {
                        shown_groups.with(|groups| {
                            groups.iter().find(|g| g.area == area).map(|g| g.steps.clone()).unwrap_or_default()
                        })
                    };
                    view! {
                        <div class="step-group">
                            <h3 class="step-group__title">
                                {move || heading.clone().unwrap_or_else(|| t_string!(i18n, steps.no_area).to_string())}
                            </h3>
                            <ol class="step-list">
                                <For each=ids key=|id| *id let:id>
                                {
                                    // The step as shared in the data: a change to
                                    // another step leaves this row alone.
                                    let step = Memo::new(move |_| state.data.with(|d| d.steps.shared_by_id(id.0).cloned()));
                                    let Some(initial) = step.get_untracked() else {
                                        return ().into_any();
                                    };
                                    let is_milestone = move || step.with(|s| s.as_ref().is_some_and(|s| s.is_milestone()));
                                    let is_closed = move || step.with(|s| s.as_ref().is_some_and(|s| s.status.is_closed()));
                                    let title = move || step.with(|s| s.as_ref().map(|s| s.title.clone()).unwrap_or_default());
                                    let labelled = move |key: &'static str| {
                                        let prefix = match key {
                                            "up" => t_string!(i18n, steps.move_up),
                                            "down" => t_string!(i18n, steps.move_down),
                                            "delete" => t_string!(i18n, steps.delete),
                                            _ => t_string!(i18n, steps.edit),
                                        };
                                        format!("{prefix} {}", title())
                                    };
                                    let meta = move || {
                                        let Some(s) = step.get() else { return String::new() };
                                        let days = t_string!(i18n, steps.days, n = s.scheduled_days());
                                        let who = person(s.assignee);
                                        let predecessors: Vec<String> = {
                                            let data = state.data.read_untracked();
                                            s.predecessors().filter_map(|p| data.step(p).map(|s| s.title.clone())).collect()
                                        };
                                        let mut text = format!("{days} · {who}");
                                        if !predecessors.is_empty() {
                                            text.push_str(&format!(" · ← {}", predecessors.join(", ")));
                                        }
                                        text
                                    };
                                    let progress = move || step.get().map(|s| format!("{} %", s.progress));
                                    let status = move || step.with(|s| s.as_ref().map(|s| status_key(s.status)).unwrap_or("todo"));
                                    let set_status = move |key: String| {
                                        let Some((new, _)) = STATUSES.iter().find(|(_, k)| *k == key) else { return };
                                        let data = state.data.get_untracked();
                                        let result = commands::set_step_status(&data, id, *new, today.get_untracked(), Utc::now());
                                        let label = t_string!(i18n, progress.status_set, title = title());
                                        if notice.run(state, label.clone(), result) {
                                            notice.info(label);
                                        }
                                    };
                                    let slip = move || slip_of(id);
                                    view! {
                                        // The anchor the dashboard's reasons link to.
                                        <li class="step-row" id=format!("step-{}", id.0) class:step-row--milestone=is_milestone class:step-row--done=is_closed>
                                            <div class="step-row__main">
                                                <span class="step-row__title">
                                                    {move || is_milestone().then(|| view! { <span class="milestone-mark" aria-hidden="true">"◆"</span> })}
                                                    {title}
                                                </span>
                                                <crate::ui::components::sync_badge::SyncConflictBadge id=id.0 />
                                                <span class="step-row__dates">{move || dates_of(id)}</span>
                                                <span class="muted step-row__meta">{meta}</span>
                                            </div>
                                            <div class="step-row__status">
                                                <select class="step-row__status-select" disabled=move || locked.get() aria-label=move || t_string!(i18n, progress.status_of, title = title())
                                                    prop:value=status on:change=move |ev| set_status(event_target_value(&ev))>
                                                    {STATUSES.iter().map(|(s, key)| view! {
                                                        <option value=*key selected=move || status() == *key>{move || step_status_label(i18n, *s)}</option>
                                                    }).collect_view()}
                                                </select>
                                                <span class="badge">{progress}</span>
                                                {move || (slip() > 0).then(|| view! {
                                                    <span class="badge badge--late">{move || late_text(i18n, slip())}</span>
                                                })}
                                                {move || { let behind = baseline_slip_of(id); (behind > 0).then(|| view! {
                                                    <span class="badge badge--late">{move || t_string!(i18n, progress.behind_baseline, count = behind)}</span>
                                                }) }}
                                            </div>
                                            <Show when=move || !locked.get()>
                                            <div class="step-row__actions">
                                                <TimerButton step=id title=Signal::derive(title) />
                                                <button type="button" class="button button--ghost" aria-label=move || labelled("up")
                                                    on:click=move |_| { notice.run(state, t_string!(i18n, steps.moved), commands::move_step(&state.data.get_untracked(), id, true, Utc::now())); }>"↑"</button>
                                                <button type="button" class="button button--ghost" aria-label=move || labelled("down")
                                                    on:click=move |_| { notice.run(state, t_string!(i18n, steps.moved), commands::move_step(&state.data.get_untracked(), id, false, Utc::now())); }>"↓"</button>
                                                <button type="button" class="button" aria-label=move || labelled("edit")
                                                    aria-expanded=move || (editing.get() == Some(id)).to_string()
                                                    on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>
                                                    {move || t_string!(i18n, steps.edit)}
                                                </button>
                                                <button type="button" class="button button--ghost button--danger-text" aria-label=move || labelled("delete")
                                                    on:click=move |_| { notice.run(state, t_string!(i18n, steps.deleted), commands::delete_step(&state.data.get_untracked(), id, Utc::now())); }>
                                                    {move || t_string!(i18n, steps.delete)}
                                                </button>
                                            </div>
                                            </Show>
                                            <Show when=move || editing.get() == Some(id) && !locked.get()>
                                                <div class="step-row__editor">
                                                    // The form starts from the step as it is when opened.
                                                    <StepForm initial=step.get_untracked().unwrap_or_else(|| initial.clone()).as_ref().clone() is_new=false on_done=move |_| editing.set(None) section_notice=notice />
                                                    <DependencyEditor step=id />
                                                </div>
                                            </Show>
                                        </li>
                                    }.into_any()
                                }
                                </For>
                            </ol>
                        </div>
                    }
                }
            </For>
            <Show when=move || { !show_all.get() && total() > STEP_LIST_LIMIT }>
                <div class="button-row">
                    <button type="button" class="button" on:click=move |_| show_all.set(true)>
                        {move || t_string!(i18n, steps.show_all, count = total())}
                    </button>
                </div>
            </Show>
        </section>
    }
}
