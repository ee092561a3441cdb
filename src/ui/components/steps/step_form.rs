//! The form for one step: what, who, how long, and once done, the result.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Assignee, ContactId, Role, Step, StepStatus};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::store::{AnyRecord, ChangeSet};
use crate::text::{date_input_value, parse_date_input};
use crate::ui::app_state::use_app_state;
use crate::ui::labels::{contact_options, step_status_label};

const STATUSES: [(StepStatus, &str); 5] = [
    (StepStatus::Todo, "todo"),
    (StepStatus::InProgress, "in_progress"),
    (StepStatus::Blocked, "blocked"),
    (StepStatus::Done, "done"),
    (StepStatus::Cancelled, "cancelled"),
];

#[component]
pub fn StepForm(initial: Step, is_new: bool, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let prefix = format!("step-{}", initial.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");

    let title = RwSignal::new(initial.title.clone());
    let area = RwSignal::new(initial.work_area.clone().unwrap_or_default());
    let duration = RwSignal::new(initial.duration_days.to_string());
    let effort = RwSignal::new(if initial.effort_hours == 0.0 {
        String::new()
    } else {
        initial.effort_hours.to_string()
    });
    let assignee = RwSignal::new(
        initial
            .assignee
            .contact()
            .map(|c| c.0.to_string())
            .unwrap_or_default(),
    );
    let fixed_start = RwSignal::new(date_input_value(initial.planned_start));
    let deadline = RwSignal::new(date_input_value(initial.deadline));
    let milestone = RwSignal::new(initial.milestone);
    let status = RwSignal::new(
        STATUSES
            .iter()
            .find(|(s, _)| *s == initial.status)
            .map(|(_, k)| *k)
            .unwrap_or("todo")
            .to_string(),
    );
    let progress = RwSignal::new(initial.progress.to_string());
    let result = RwSignal::new(initial.result.clone().unwrap_or_default());
    let title_error = RwSignal::new(false);

    let project_id = initial.project;
    let areas = Memo::new(move |_| {
        let data = state.data.read();
        let mut list: Vec<String> = data
            .project(project_id)
            .map(|p| p.work_areas.clone())
            .unwrap_or_default();
        for s in data.steps_of(project_id) {
            if let Some(a) = &s.work_area {
                if !list.contains(a) {
                    list.push(a.clone());
                }
            }
        }
        list
    });
    let current = initial.assignee.contact();
    let people =
        Memo::new(move |_| contact_options(&state.data.read(), Role::Collaborator, current));

    let base = initial.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = title.get_untracked().trim().to_string();
        title_error.set(trimmed.is_empty());
        if trimmed.is_empty() {
            return;
        }
        let mut step = base.clone();
        step.title = trimmed;
        let area_text = area.get_untracked().trim().to_string();
        step.work_area = (!area_text.is_empty()).then_some(area_text.clone());
        step.milestone = milestone.get_untracked();
        step.duration_days = duration
            .get_untracked()
            .trim()
            .parse()
            .unwrap_or(if step.milestone { 0 } else { 1 });
        step.effort_hours = effort
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse()
            .unwrap_or(0.0);
        step.assignee = uuid::Uuid::parse_str(&assignee.get_untracked())
            .map(|u| Assignee::Contact(ContactId(u)))
            .unwrap_or(Assignee::Me);
        step.planned_start = parse_date_input(&fixed_start.get_untracked());
        step.deadline = parse_date_input(&deadline.get_untracked());
        step.status = STATUSES
            .iter()
            .find(|(_, k)| *k == status.get_untracked())
            .map(|(s, _)| *s)
            .unwrap_or_default();
        step.progress = progress.get_untracked().trim().parse().unwrap_or(0);
        if step.status == StepStatus::Done {
            step.progress = 100;
        }
        let result_text = result.get_untracked();
        step.result = (!result_text.trim().is_empty()).then_some(result_text);

        let data = state.data.get_untracked();
        let now = Utc::now();
        let mut changes: ChangeSet = commands::save_edit(
            &data,
            &AnyRecord::Step(base.clone()),
            AnyRecord::Step(step),
            now,
        );
        // A new work area joins the project's list, so the next step can
        // pick it.
        if let Some(project) = data.project(project_id) {
            if !area_text.is_empty() && !project.work_areas.contains(&area_text) {
                let mut project = project.clone();
                project.work_areas.push(area_text);
                changes
                    .changes
                    .extend(commands::save(&data, AnyRecord::Project(project), now).changes);
            }
        }
        let label = if is_new {
            t_string!(i18n, steps.created)
        } else {
            t_string!(i18n, steps.saved)
        };
        if state.run(label, Ok(changes)) {
            on_done.run(());
        }
    };

    let list_id = id("areas");
    view! {
        <form class="form-grid step-form" on:submit=submit novalidate>
            <div class="field field--wide">
                <label for=id("title")>{move || t_string!(i18n, steps.step_title)}</label>
                <input id=id("title") type="text" autocomplete="off" prop:value=move || title.get()
                    aria-invalid=move || title_error.get().to_string()
                    on:input=move |ev| title.set(event_target_value(&ev)) />
                <Show when=move || title_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, steps.title_required)}</p>
                </Show>
            </div>
            <div class="field">
                <label for=id("area")>{move || t_string!(i18n, steps.work_area)}</label>
                <input id=id("area") type="text" list=list_id.clone() prop:value=move || area.get()
                    on:input=move |ev| area.set(event_target_value(&ev)) />
                <datalist id=list_id>
                    {move || areas.get().into_iter().map(|a| view! { <option value=a></option> }).collect_view()}
                </datalist>
            </div>
            <div class="field">
                <label for=id("duration")>{move || t_string!(i18n, steps.duration)}</label>
                <input id=id("duration") type="number" min="0" step="1" prop:value=move || duration.get()
                    on:input=move |ev| duration.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("effort")>{move || t_string!(i18n, steps.effort)}</label>
                <input id=id("effort") type="text" inputmode="decimal" prop:value=move || effort.get()
                    on:input=move |ev| effort.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("assignee")>{move || t_string!(i18n, steps.assignee)}</label>
                <select id=id("assignee") prop:value=move || assignee.get() on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, steps.me)}</option>
                    {move || people.get().into_iter().map(|(value, label)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || assignee.get() == v>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("start")>{move || t_string!(i18n, steps.fixed_start)}</label>
                <input id=id("start") type="date" prop:value=move || fixed_start.get()
                    on:input=move |ev| fixed_start.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("deadline")>{move || t_string!(i18n, steps.deadline)}</label>
                <input id=id("deadline") type="date" prop:value=move || deadline.get()
                    on:input=move |ev| deadline.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("status")>{move || t_string!(i18n, steps.status)}</label>
                <select id=id("status") prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                    {STATUSES.iter().map(|(s, key)| view! {
                        <option value=*key selected=move || status.get() == *key>{move || step_status_label(i18n, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("progress")>{move || t_string!(i18n, steps.progress)}</label>
                <input id=id("progress") type="number" min="0" max="100" step="5" prop:value=move || progress.get()
                    on:input=move |ev| progress.set(event_target_value(&ev)) />
            </div>
            <div class="field field--check">
                <input id=id("milestone") type="checkbox" prop:checked=move || milestone.get()
                    on:change=move |ev| milestone.set(event_target_checked(&ev)) />
                <label for=id("milestone")>{move || t_string!(i18n, steps.milestone)}</label>
            </div>
            <div class="field field--wide">
                <label for=id("result")>{move || t_string!(i18n, steps.result)}</label>
                <textarea id=id("result") aria-describedby=id("result-hint") prop:value=move || result.get()
                    on:input=move |ev| result.set(event_target_value(&ev))></textarea>
                <p id=id("result-hint") class="field__hint">{move || t_string!(i18n, steps.result_hint)}</p>
            </div>
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, steps.create) } else { t_string!(i18n, steps.save) }}
                </button>
                <button type="button" class="button button--ghost" on:click=move |_| on_done.run(())>
                    {move || t_string!(i18n, steps.cancel)}
                </button>
            </div>
        </form>
    }
}
