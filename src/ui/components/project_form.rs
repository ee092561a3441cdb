//! The form for a project's core data, used to create and to edit.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{Category, Money, Priority, Project, ProjectStatus, Role};
use crate::i18n::{t_string, use_i18n};
use crate::numbers;
use crate::state::commands;
use crate::store::AnyRecord;
use crate::text::{date_input_value, format_money, parse_date_input};
use crate::ui::app_state::use_app_state;
use crate::ui::components::edit_base::{ChangedElsewhere, EditBase};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::{NumberField, NumberText};
use crate::ui::labels::{category_label, contact_options_role_first, priority_label, status_label};

const CATEGORIES: [(Category, &str); 4] = [
    (Category::ClientProject, "client_project"),
    (Category::OwnProject, "own_project"),
    (Category::DailyBusiness, "daily_business"),
    (Category::SideActivity, "side_activity"),
];
const STATUSES: [(ProjectStatus, &str); 6] = [
    (ProjectStatus::Idea, "idea"),
    (ProjectStatus::Planned, "planned"),
    (ProjectStatus::Active, "active"),
    (ProjectStatus::OnHold, "on_hold"),
    (ProjectStatus::Done, "done"),
    (ProjectStatus::Cancelled, "cancelled"),
];
const PRIORITIES: [(Priority, &str); 4] = [
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

/// An amount as the form shows it: empty for none.
fn amount_text(money: Money, lang: crate::text::Lang) -> String {
    if money.cents() == 0 {
        String::new()
    } else {
        format_money(money.cents(), lang)
    }
}

/// Creates (when `is_new`) or edits `initial`. `on_saved` hears the saved
/// project's id. The form starts from `initial` once; when the project
/// changes underneath (another tab, undo), it says so and keeps what the
/// person typed.
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
    let today = crate::ui::clock::use_today();
    let id_prefix = if is_new { "new-project" } else { "project" };
    let project_id = initial.id;
    let edit = EditBase::new(initial.clone(), is_new, move |data| {
        data.project(project_id).cloned()
    });
    let notice = Notice::new();

    let name = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let priority = RwSignal::new(String::new());
    let client = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let revenue = NumberText::new(String::new());
    let cost = NumberText::new(String::new());
    let description = RwSignal::new(String::new());
    let buffer = NumberText::new(String::new());
    let name_error = RwSignal::new(false);
    // Puts a project's values into the fields.
    let show = move |p: &Project| {
        let lang = lang.get_untracked();
        name.set(p.name.clone());
        category.set(key_of(&CATEGORIES, p.category).to_string());
        status.set(key_of(&STATUSES, p.status).to_string());
        priority.set(key_of(&PRIORITIES, p.priority).to_string());
        client.set(p.client.map(|c| c.0.to_string()).unwrap_or_default());
        start.set(date_input_value(p.start));
        deadline.set(date_input_value(p.deadline));
        revenue.set(amount_text(p.planned_revenue, lang));
        cost.set(amount_text(p.planned_cost, lang));
        description.set(p.description.clone());
        buffer.set(p.procurement_buffer_days.to_string());
        name_error.set(false);
    };
    show(&initial);

    // Anybody in the address book can be the client; clients come first.
    let clients = Memo::new(move |_| contact_options_role_first(&state.data.read(), Role::Client));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(trimmed.is_empty());
        let lang = lang.get_untracked();
        let read_amount = |field: NumberText| {
            field.read(|t| {
                numbers::optional(t, |t| numbers::amount(t, lang)).map(Option::unwrap_or_default)
            })
        };
        let (revenue_cents, cost_cents) = (read_amount(revenue), read_amount(cost));
        let buffer_days = buffer.read(|t| numbers::working_days(t, lang));
        let (Some(revenue_cents), Some(cost_cents), Some(buffer_days), false) =
            (revenue_cents, cost_cents, buffer_days, trimmed.is_empty())
        else {
            notice.error(t_string!(i18n, forms.check_fields));
            return;
        };
        let mut project = edit.base();
        project.name = trimmed;
        project.category = pick(&CATEGORIES, &category.get_untracked()).unwrap_or_default();
        project.status = pick(&STATUSES, &status.get_untracked()).unwrap_or_default();
        project.priority = pick(&PRIORITIES, &priority.get_untracked()).unwrap_or_default();
        project.client = uuid::Uuid::parse_str(&client.get_untracked())
            .ok()
            .map(crate::domain::ContactId);
        project.start = parse_date_input(&start.get_untracked());
        project.deadline = parse_date_input(&deadline.get_untracked());
        project.planned_revenue = Money(revenue_cents);
        project.planned_cost = Money(cost_cents);
        project.description = description.get_untracked();
        project.procurement_buffer_days = buffer_days;
        // Only what the person changed goes onto the stored project.
        let project = edit.rebase(&project);
        let id = project.id;
        let label = if is_new {
            t_string!(i18n, labels.project_created)
        } else {
            t_string!(i18n, labels.project_saved)
        };
        let data = state.data.get_untracked();
        let now = Utc::now();
        // Becoming active freezes the plan as the first baseline.
        let project = crate::state::baseline::with_first_baseline(
            &data,
            project,
            &state.calendar.get_untracked(),
            today.get_untracked(),
            now,
        );
        let changes = commands::save(&data, AnyRecord::Project(project), now);
        if notice.run(state, label, Ok(changes)) {
            if !is_new {
                if let Some(saved) = edit.saved() {
                    show(&saved);
                }
                notice.info(label);
            }
            on_saved.run(id);
        }
    };

    let field_id = move |field: &str| format!("{id_prefix}-{field}");

    view! {
        <ChangedElsewhere edit=edit on_load=move |p: Project| show(&p) />
        <form class="form-grid" on:submit=submit novalidate
            on:input=move |_| edit.touch() on:change=move |_| edit.touch()>
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
            <NumberField id=field_id("revenue") label=Signal::derive(move || t_string!(i18n, project_form.revenue).to_string()) value=revenue amount=true />
            <NumberField id=field_id("cost") label=Signal::derive(move || t_string!(i18n, project_form.cost).to_string()) value=cost amount=true />
            <NumberField id=field_id("buffer") label=Signal::derive(move || t_string!(i18n, materials.buffer).to_string()) value=buffer />
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
        <NoticeRegion notice=notice />
    }
}
