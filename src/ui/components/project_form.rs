//! The form for a project's core data, used to create and to edit.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Category, Money, Priority, Project, ProjectStatus, Role};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::{date_input_value, format_money, parse_date_input, parse_money};
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;
use crate::ui::labels::{category_label, contact_options, priority_label, status_label};

const CATEGORIES: [(Category, &'static str); 3] = [
    (Category::ClientProject, "client_project"),
    (Category::DailyBusiness, "daily_business"),
    (Category::SideActivity, "side_activity"),
];
const STATUSES: [(ProjectStatus, &'static str); 6] = [
    (ProjectStatus::Idea, "idea"),
    (ProjectStatus::Planned, "planned"),
    (ProjectStatus::Active, "active"),
    (ProjectStatus::OnHold, "on_hold"),
    (ProjectStatus::Done, "done"),
    (ProjectStatus::Cancelled, "cancelled"),
];
const PRIORITIES: [(Priority, &'static str); 4] = [
    (Priority::Low, "low"),
    (Priority::Normal, "normal"),
    (Priority::High, "high"),
    (Priority::Urgent, "urgent"),
];

fn pick<T: Copy>(options: &[(T, &str)], key: &str) -> Option<T> {
    options.iter().find(|(_, k)| *k == key).map(|(v, _)| *v)
}

fn key_of<T: Copy + PartialEq>(options: &[(T, &'static str)], value: T) -> &'static str {
    options
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, k)| *k)
        .unwrap_or("")
}

/// Creates (when `is_new`) or edits `initial`. `on_saved` hears the saved
/// project's id.
#[component]
pub fn ProjectForm(
    initial: Project,
    is_new: bool,
    #[prop(into)] on_saved: Callback<crate::domain::ProjectId>,
    #[prop(into, optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let id_prefix = if is_new { "new-project" } else { "project" };

    let name = RwSignal::new(initial.name.clone());
    let category = RwSignal::new(key_of(&CATEGORIES, initial.category).to_string());
    let status = RwSignal::new(key_of(&STATUSES, initial.status).to_string());
    let priority = RwSignal::new(key_of(&PRIORITIES, initial.priority).to_string());
    let client = RwSignal::new(initial.client.map(|c| c.0.to_string()).unwrap_or_default());
    let start = RwSignal::new(date_input_value(initial.start));
    let deadline = RwSignal::new(date_input_value(initial.deadline));
    let lang_now = lang.get_untracked();
    let revenue = RwSignal::new(if initial.planned_revenue.cents() == 0 {
        String::new()
    } else {
        format_money(initial.planned_revenue.cents(), lang_now)
    });
    let cost = RwSignal::new(if initial.planned_cost.cents() == 0 {
        String::new()
    } else {
        format_money(initial.planned_cost.cents(), lang_now)
    });
    let description = RwSignal::new(initial.description.clone());
    let buffer = RwSignal::new(initial.procurement_buffer_days.to_string());
    let name_error = RwSignal::new(false);
    let amount_error = RwSignal::new(false);

    let current_client = initial.client;
    let clients =
        Memo::new(move |_| contact_options(&state.data.read(), Role::Client, current_client));

    let base = initial.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(trimmed.is_empty());
        let lang = lang.get_untracked();
        let revenue_cents = parse_money(&revenue.get_untracked(), lang);
        let cost_cents = parse_money(&cost.get_untracked(), lang);
        amount_error.set(revenue_cents.is_none() || cost_cents.is_none());
        if trimmed.is_empty() || revenue_cents.is_none() || cost_cents.is_none() {
            return;
        }
        let mut project = base.clone();
        project.name = trimmed;
        project.category = pick(&CATEGORIES, &category.get_untracked()).unwrap_or_default();
        project.status = pick(&STATUSES, &status.get_untracked()).unwrap_or_default();
        project.priority = pick(&PRIORITIES, &priority.get_untracked()).unwrap_or_default();
        project.client = uuid::Uuid::parse_str(&client.get_untracked())
            .ok()
            .map(crate::domain::ContactId);
        project.start = parse_date_input(&start.get_untracked());
        project.deadline = parse_date_input(&deadline.get_untracked());
        project.planned_revenue = Money(revenue_cents.unwrap_or(0));
        project.planned_cost = Money(cost_cents.unwrap_or(0));
        project.description = description.get_untracked();
        project.procurement_buffer_days = buffer.get_untracked().trim().parse().unwrap_or(0);
        let id = project.id;
        let label = if is_new {
            t_string!(i18n, labels.project_created)
        } else {
            t_string!(i18n, labels.project_saved)
        };
        let changes = commands::save_edit(
            &state.data.get_untracked(),
            &AnyRecord::Project(base.clone()),
            AnyRecord::Project(project),
            Utc::now(),
        );
        if state.run(label, Ok(changes)) {
            on_saved.run(id);
        }
    };

    let field_id = move |field: &str| format!("{id_prefix}-{field}");

    view! {
        <form class="form-grid" on:submit=submit novalidate>
            <div class="field field--wide">
                <label for=field_id("name")>{move || t_string!(i18n, project_form.name)}</label>
                <input id=field_id("name") type="text" required autocomplete="off"
                    aria-invalid=move || name_error.get().to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <Show when=move || name_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, project_form.name_required)}</p>
                </Show>
            </div>
            <div class="field">
                <label for=field_id("category")>{move || t_string!(i18n, project_form.category)}</label>
                <select id=field_id("category") prop:value=move || category.get() on:change=move |ev| category.set(event_target_value(&ev))>
                    {CATEGORIES.iter().map(|(c, key)| view! {
                        <option value=*key selected=move || category.get() == *key>{move || category_label(i18n, *c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("status")>{move || t_string!(i18n, project_form.status)}</label>
                <select id=field_id("status") prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                    {STATUSES.iter().map(|(s, key)| view! {
                        <option value=*key selected=move || status.get() == *key>{move || status_label(i18n, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("priority")>{move || t_string!(i18n, project_form.priority)}</label>
                <select id=field_id("priority") prop:value=move || priority.get() on:change=move |ev| priority.set(event_target_value(&ev))>
                    {PRIORITIES.iter().map(|(p, key)| view! {
                        <option value=*key selected=move || priority.get() == *key>{move || priority_label(i18n, *p)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("client")>{move || t_string!(i18n, project_form.client)}</label>
                <select id=field_id("client") prop:value=move || client.get() on:change=move |ev| client.set(event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, project_form.no_client)}</option>
                    {move || clients.get().into_iter().map(|(id, label)| {
                        let selected_id = id.clone();
                        view! { <option value=id selected=move || client.get() == selected_id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("start")>{move || t_string!(i18n, project_form.start)}</label>
                <input id=field_id("start") type="date" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=field_id("deadline")>{move || t_string!(i18n, project_form.deadline)}</label>
                <input id=field_id("deadline") type="date" prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=field_id("revenue")>{move || t_string!(i18n, project_form.revenue)}</label>
                <input id=field_id("revenue") type="text" inputmode="decimal" prop:value=move || revenue.get()
                    aria-invalid=move || amount_error.get().to_string()
                    on:input=move |ev| revenue.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=field_id("cost")>{move || t_string!(i18n, project_form.cost)}</label>
                <input id=field_id("cost") type="text" inputmode="decimal" prop:value=move || cost.get()
                    aria-invalid=move || amount_error.get().to_string()
                    on:input=move |ev| cost.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=field_id("buffer")>{move || t_string!(i18n, materials.buffer)}</label>
                <input id=field_id("buffer") type="number" min="0" step="1" prop:value=move || buffer.get()
                    on:input=move |ev| buffer.set(event_target_value(&ev)) />
            </div>
            <Show when=move || amount_error.get()>
                <p class="field__error field--wide" role="alert">{move || t_string!(i18n, project_form.bad_amount)}</p>
            </Show>
            <div class="field field--wide">
                <label for=field_id("description")>{move || t_string!(i18n, project_form.description)}</label>
                <textarea id=field_id("description") prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, project_form.create) } else { t_string!(i18n, project_form.save) }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button--ghost" on:click=move |_| cancel.run(())>
                        {move || t_string!(i18n, project_form.cancel)}
                    </button>
                })}
            </div>
        </form>
    }
}
