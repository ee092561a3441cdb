//! The form for one step: what, who, how long, and once done, the result.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Assignee, ContactId, Role, Step, StepStatus};
use crate::i18n::{t_string, use_i18n};
use crate::numbers;
use crate::state::commands;
use crate::store::{AnyRecord, ChangeSet};
use crate::text::{date_input_value, format_quantity, parse_date_input};
use crate::ui::app_state::use_app_state;
use crate::ui::components::edit_base::{ChangedElsewhere, EditBase};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::{NumberField, NumberText};
use crate::ui::labels::{contact_options, step_status_label};

pub(super) const STATUSES: [(StepStatus, &str); 5] = [
    (StepStatus::Todo, "todo"),
    (StepStatus::InProgress, "in_progress"),
    (StepStatus::Blocked, "blocked"),
    (StepStatus::Done, "done"),
    (StepStatus::Cancelled, "cancelled"),
];

pub(super) fn status_key(status: StepStatus) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map(|(_, k)| *k)
        .unwrap_or("todo")
}

/// Creates (when `is_new`) or edits `initial`. The form starts from
/// `initial` once; when the step changes underneath (another tab, undo),
/// it says so and keeps what the person typed. Refusals and field errors
/// appear in the form; a save is confirmed in the steps section's notice.
#[component]
pub fn StepForm(
    initial: Step,
    is_new: bool,
    #[prop(into)] on_done: Callback<()>,
    /// Where the confirmation of a save appears (the steps section).
    section_notice: Notice,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let notice = Notice::new();
    let prefix = format!("step-{}", initial.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");
    let step_id = initial.id;
    let edit = EditBase::new(initial.clone(), is_new, move |data| {
        data.step(step_id).cloned()
    });

    let title = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let duration = NumberText::new(String::new());
    let effort = NumberText::new(String::new());
    let assignee = RwSignal::new(String::new());
    let fixed_start = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let milestone = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let progress = NumberText::new(String::new());
    let remaining = NumberText::new(String::new());
    let actual_start = RwSignal::new(String::new());
    let actual_finish = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let title_error = RwSignal::new(false);
    // Puts a step's values into the fields.
    let show = move |s: &Step| {
        let lang = lang.get_untracked();
        title.set(s.title.clone());
        area.set(s.work_area.clone().unwrap_or_default());
        duration.set(s.scheduled_days().to_string());
        effort.set(if s.effort_hours == 0.0 {
            String::new()
        } else {
            format_quantity(s.effort_hours, lang)
        });
        assignee.set(
            s.assignee
                .contact()
                .map(|c| c.0.to_string())
                .unwrap_or_default(),
        );
        fixed_start.set(date_input_value(s.planned_start));
        deadline.set(date_input_value(s.deadline));
        milestone.set(s.is_milestone());
        status.set(status_key(s.status).to_string());
        progress.set(s.progress.to_string());
        remaining.set(s.remaining_days.map(|d| d.to_string()).unwrap_or_default());
        actual_start.set(date_input_value(s.actual_start));
        actual_finish.set(date_input_value(s.actual_finish));
        result.set(s.result.clone().unwrap_or_default());
        title_error.set(false);
    };
    show(&initial);
    // A milestone is a moment: ticking it sets the duration to 0; work
    // takes at least a day.
    let set_milestone = move |on: bool| {
        milestone.set(on);
        if on {
            duration.set("0".into());
        } else if duration.text.get_untracked().trim() == "0" {
            duration.set("1".into());
        }
    };

    // A new status stamps the actual dates as `Step::set_status` does
    // (today, unless a date is there); the fields stay editable.
    let today = crate::ui::clock::use_today();
    let change_status = move |key: String| {
        let Some((new, _)) = STATUSES.iter().find(|(_, k)| *k == key) else {
            return;
        };
        let mut probe = edit.base();
        probe.actual_start = parse_date_input(&actual_start.get_untracked());
        probe.actual_finish = parse_date_input(&actual_finish.get_untracked());
        probe.set_status(*new, today.get_untracked());
        actual_start.set(date_input_value(probe.actual_start));
        actual_finish.set(date_input_value(probe.actual_finish));
        if *new == StepStatus::Done {
            progress.set("100".into());
            remaining.set(String::new());
        }
        status.set(key);
    };

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

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let trimmed = title.get_untracked().trim().to_string();
        title_error.set(trimmed.is_empty());
        let is_milestone = milestone.get_untracked();
        let days = if is_milestone {
            duration.error.set(None);
            Some(0)
        } else {
            duration.read(|t| numbers::working_days(t, lang))
        };
        let hours = effort.read(|t| {
            numbers::optional(t, |t| numbers::hours(t, lang)).map(Option::unwrap_or_default)
        });
        let percent = progress.read(|t| {
            numbers::optional(t, |t| numbers::percent(t, lang)).map(Option::unwrap_or_default)
        });
        let left = remaining.read(|t| numbers::optional(t, |t| numbers::working_days(t, lang)));
        let (Some(days), Some(hours), Some(percent), Some(left), false) =
            (days, hours, percent, left, trimmed.is_empty())
        else {
            notice.error(t_string!(i18n, forms.check_fields));
            return;
        };
        let mut step = edit.base();
        step.title = trimmed;
        let area_text = area.get_untracked().trim().to_string();
        step.work_area = (!area_text.is_empty()).then_some(area_text.clone());
        step.duration_days = days;
        step.set_milestone(is_milestone);
        step.effort_hours = hours;
        step.assignee = uuid::Uuid::parse_str(&assignee.get_untracked())
            .map(|u| Assignee::Contact(ContactId(u)))
            .unwrap_or(Assignee::Me);
        step.planned_start = parse_date_input(&fixed_start.get_untracked());
        step.deadline = parse_date_input(&deadline.get_untracked());
        step.progress = percent;
        step.remaining_days = left;
        let new_status = STATUSES
            .iter()
            .find(|(_, k)| *k == status.get_untracked())
            .map(|(s, _)| *s)
            .unwrap_or_default();
        // The same stamps as the status control in the list; the dates the
        // person typed win over today's.
        let on = today.get_untracked();
        if new_status != step.status {
            step.set_status(new_status, on);
        } else if new_status == StepStatus::Done {
            step.progress = 100;
            step.remaining_days = None;
        }
        if new_status != StepStatus::Todo {
            step.actual_start =
                parse_date_input(&actual_start.get_untracked()).or(step.actual_start);
            if new_status == StepStatus::Done {
                step.actual_finish =
                    parse_date_input(&actual_finish.get_untracked()).or(step.actual_finish);
            }
        }
        let result_text = result.get_untracked();
        step.result = (!result_text.trim().is_empty()).then_some(result_text);
        // Only what the person changed goes onto the stored step.
        let step = edit.rebase(&step);

        let data = state.data.get_untracked();
        let now = Utc::now();
        let mut changes: ChangeSet = commands::save(&data, AnyRecord::Step(step), now);
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
        if notice.run(state, label, Ok(changes)) {
            section_notice.info(label);
            // The editor closes a frame later: the moved dates and bars
            // come first, then the form (with its list of every step to
            // pick predecessors from, thousands in a large plan) goes.
            request_animation_frame(move || {
                // The page may be gone by then.
                request_animation_frame(move || {
                    on_done.try_run(());
                })
            });
        }
    };

    let list_id = id("areas");
    let accuracy =
        Memo::new(move |_| crate::state::analysis::estimate_accuracy(&state.data.read()));
    let estimate_hint = move || {
        let typed = area.get();
        let typed = typed.trim();
        accuracy.with(|all| {
            crate::state::analysis::accuracy_for_area(all, typed)
                .map(|a| crate::ui::components::accuracy::area_hint(i18n, typed, a, lang.get()))
        })
    };
    view! {
        <ChangedElsewhere edit=edit on_load=move |s: Step| show(&s) />
        <form class="form-grid step-form" on:submit=submit novalidate
            on:input=move |_| edit.touch() on:change=move |_| edit.touch()>
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
            <NumberField id=id("duration") label=Signal::derive(move || t_string!(i18n, steps.duration).to_string()) value=duration
                disabled=Signal::derive(move || milestone.get()) />
            <NumberField id=id("effort") label=Signal::derive(move || t_string!(i18n, steps.effort).to_string()) value=effort />
            // How long this kind of work really took on finished projects.
            <p class="field--wide estimate-hint" aria-live="polite">{estimate_hint}</p>
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
                <select id=id("status") prop:value=move || status.get() on:change=move |ev| change_status(event_target_value(&ev))>
                    {STATUSES.iter().map(|(s, key)| view! {
                        <option value=*key selected=move || status.get() == *key>{move || step_status_label(i18n, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <NumberField id=id("progress") label=Signal::derive(move || t_string!(i18n, steps.progress).to_string()) value=progress />
            <NumberField id=id("remaining") label=Signal::derive(move || t_string!(i18n, progress.remaining).to_string()) value=remaining />
            <div class="field">
                <label for=id("actual-start")>{move || t_string!(i18n, progress.actual_start)}</label>
                <input id=id("actual-start") type="date" aria-describedby=id("actual-hint") prop:value=move || actual_start.get()
                    on:input=move |ev| actual_start.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("actual-finish")>{move || t_string!(i18n, progress.actual_finish)}</label>
                <input id=id("actual-finish") type="date" aria-describedby=id("actual-hint") prop:value=move || actual_finish.get()
                    on:input=move |ev| actual_finish.set(event_target_value(&ev)) />
                <p id=id("actual-hint") class="field__hint">{move || t_string!(i18n, progress.actual_hint)}</p>
            </div>
            <div class="field">
                <div class="field--check">
                    <input id=id("milestone") type="checkbox" prop:checked=move || milestone.get()
                        aria-describedby=id("milestone-hint")
                        on:change=move |ev| set_milestone(event_target_checked(&ev)) />
                    <label for=id("milestone")>{move || t_string!(i18n, steps.milestone)}</label>
                </div>
                <p id=id("milestone-hint") class="field__hint">{move || t_string!(i18n, forms.milestone_hint)}</p>
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
        <NoticeRegion notice=notice />
    }
}
