//! A project's materials: what each step needs, from whom, and when to
//! order it so that it arrives just in time — not too late, and not so
//! early that it has to be stored.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{
    ContactId, Material, MaterialStatus, Money, ProjectId, RecordKind, Role, StepId,
};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::state::procurement::material_plans;
use crate::store::{AnyRecord, RecordKey};
use crate::text::{format_date, format_money, format_quantity, parse_money};
use crate::ui::app_state::use_app_state;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::language::use_lang;
use crate::ui::labels::contact_options;
use crate::ui::messages::procurement_warning_text;

#[component]
pub fn MaterialsSection(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<crate::domain::MaterialId>);
    let today = crate::ui::clock::use_today();

    let materials = Memo::new(move |_| {
        state
            .data
            .read()
            .materials_of(project)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    });
    let plans = Memo::new(move |_| {
        let calendar = state.calendar.get();
        material_plans(
            &state.data.read(),
            &calendar,
            today.get(),
            state.prefs.read().max_storage_days,
        )
    });
    let status_label = move |status: MaterialStatus| match status {
        MaterialStatus::ToOrder => t_string!(i18n, materials.st_to_order),
        MaterialStatus::Ordered => t_string!(i18n, materials.st_ordered),
        MaterialStatus::Delivered => t_string!(i18n, materials.st_delivered),
        MaterialStatus::Cancelled => t_string!(i18n, materials.st_cancelled),
    };
    let set_status = move |material: Material, status: MaterialStatus| {
        let mut m = material;
        m.status = status;
        let label = match status {
            MaterialStatus::Ordered => {
                m.ordered_on.get_or_insert(today.get_untracked());
                t_string!(i18n, materials.ordered)
            }
            _ => {
                m.delivered_on.get_or_insert(today.get_untracked());
                t_string!(i18n, materials.delivered_done)
            }
        };
        state.run(
            label,
            Ok(commands::save(
                &state.data.get_untracked(),
                AnyRecord::Material(m),
                Utc::now(),
            )),
        );
    };

    view! {
        <section class="card" aria-labelledby="project-materials-title">
            <div class="card__head">
                <h2 id="project-materials-title" class="card__title">{move || t_string!(i18n, materials.title)}</h2>
                <button type="button" class="button" on:click=move |_| adding.set(true)>
                    <Icon kind=IconKind::Plus />
                    {move || t_string!(i18n, materials.add)}
                </button>
            </div>
            <Show when=move || adding.get()>
                <MaterialForm initial=Material::new(project, "", Utc::now()) is_new=true on_done=move |_| adding.set(false) />
            </Show>
            <Show when=move || !materials.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, materials.none)}</p> }>
                <div class="table-scroll">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, materials.name)}</th>
                                <th scope="col">{move || t_string!(i18n, materials.supplier)}</th>
                                <th scope="col">{move || t_string!(i18n, materials.step)}</th>
                                <th scope="col">{move || t_string!(i18n, materials.order_by)}</th>
                                <th scope="col">{move || t_string!(i18n, materials.delivery)}</th>
                                <th scope="col">{move || t_string!(i18n, materials.status)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, materials.total)}</th>
                                <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, materials.edit)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || materials.get().into_iter().map(|m| {
                                let data = state.data.read_untracked();
                                let supplier = m.supplier.and_then(|s| data.contact(s)).map(|c| c.name.clone()).unwrap_or_default();
                                let step = m.step.and_then(|s| data.step(s)).map(|s| s.title.clone()).unwrap_or_default();
                                drop(data);
                                let plan = plans.read().get(&m.id).cloned();
                                let id = m.id;
                                let status = m.status;
                                let (for_order, for_delivery) = (m.clone(), m.clone());
                                let name_for = |prefix: String| format!("{prefix} {}", m.name);
                                let (edit_label, delete_label, ordered_label, delivered_label) = (
                                    name_for(t_string!(i18n, materials.edit).to_string()),
                                    name_for(t_string!(i18n, materials.delete).to_string()),
                                    name_for(t_string!(i18n, materials.mark_ordered).to_string()),
                                    name_for(t_string!(i18n, materials.mark_delivered).to_string()),
                                );
                                let warnings: Vec<String> = plan.as_ref().map(|p| p.warnings.iter().map(|w| procurement_warning_text(i18n, w)).collect()).unwrap_or_default();
                                let material_for_form = m.clone();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {m.name.clone()}
                                            <span class="muted">{let (q, unit) = (m.quantity, m.unit.clone()); move || format!(" · {} {}", format_quantity(q, lang.get()), unit)}</span>
                                        </th>
                                        <td>{supplier}</td>
                                        <td>{step}</td>
                                        <td>{plan.as_ref().map(|p| { let d = p.order_by; move || format_date(d, lang.get()) })}</td>
                                        <td>{plan.as_ref().map(|p| { let d = p.expected_delivery; move || format_date(d, lang.get()) })}
                                            {m.delivered_on.map(|d| move || format_date(d, lang.get()))}</td>
                                        <td>
                                            <span class="badge">{move || status_label(status)}</span>
                                            {warnings.into_iter().map(|w| view! { <span class="badge badge--warning" role="note">{w}</span> }).collect_view()}
                                        </td>
                                        <td class="num">{move || format_money(m.total_cost().cents(), lang.get())}</td>
                                        <td class="row-actions">
                                            {(status == MaterialStatus::ToOrder).then(|| view! {
                                                <button type="button" class="button" aria-label=ordered_label
                                                    on:click=move |_| set_status(for_order.clone(), MaterialStatus::Ordered)>
                                                    {move || t_string!(i18n, materials.mark_ordered)}
                                                </button>
                                            })}
                                            {(status == MaterialStatus::Ordered).then(|| view! {
                                                <button type="button" class="button" aria-label=delivered_label
                                                    on:click=move |_| set_status(for_delivery.clone(), MaterialStatus::Delivered)>
                                                    {move || t_string!(i18n, materials.mark_delivered)}
                                                </button>
                                            })}
                                            <button type="button" class="button button--ghost" aria-label=edit_label
                                                on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>
                                                {move || t_string!(i18n, materials.edit)}
                                            </button>
                                            <button type="button" class="button button--ghost button--danger-text" aria-label=delete_label
                                                on:click=move |_| {
                                                    let key = RecordKey { kind: RecordKind::Material, id: id.0 };
                                                    state.run(t_string!(i18n, materials.deleted), commands::delete_leaf(&state.data.get_untracked(), key));
                                                }>
                                                {move || t_string!(i18n, materials.delete)}
                                            </button>
                                        </td>
                                    </tr>
                                    <Show when=move || editing.get() == Some(id)>
                                        <tr><td colspan="8">
                                            <MaterialForm initial=material_for_form.clone() is_new=false on_done=move |_| editing.set(None) />
                                        </td></tr>
                                    </Show>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// Create or edit one material.
#[component]
pub fn MaterialForm(
    initial: Material,
    is_new: bool,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let prefix = format!("material-{}", initial.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");

    let name = RwSignal::new(initial.name.clone());
    let quantity = RwSignal::new(format_quantity(initial.quantity, lang.get_untracked()));
    let unit = RwSignal::new(initial.unit.clone());
    let cost = RwSignal::new(if initial.unit_cost.cents() == 0 {
        String::new()
    } else {
        format_money(initial.unit_cost.cents(), lang.get_untracked())
    });
    let step = RwSignal::new(initial.step.map(|s| s.0.to_string()).unwrap_or_default());
    let supplier = RwSignal::new(
        initial
            .supplier
            .map(|s| s.0.to_string())
            .unwrap_or_default(),
    );
    let lead = RwSignal::new(initial.lead_time_days.to_string());
    let name_error = RwSignal::new(false);
    let project = initial.project;

    let steps = Memo::new(move |_| {
        state
            .data
            .read()
            .steps_of(project)
            .iter()
            .map(|s| (s.id.0.to_string(), s.title.clone()))
            .collect::<Vec<_>>()
    });
    let current_supplier = initial.supplier;
    let suppliers =
        Memo::new(move |_| contact_options(&state.data.read(), Role::Supplier, current_supplier));

    let base = initial.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(trimmed.is_empty());
        if trimmed.is_empty() {
            return;
        }
        let mut m = base.clone();
        m.name = trimmed;
        m.quantity = quantity
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse()
            .unwrap_or(1.0);
        m.unit = unit.get_untracked().trim().to_string();
        m.unit_cost = Money(parse_money(&cost.get_untracked(), lang.get_untracked()).unwrap_or(0));
        m.step = uuid::Uuid::parse_str(&step.get_untracked())
            .ok()
            .map(StepId);
        m.supplier = uuid::Uuid::parse_str(&supplier.get_untracked())
            .ok()
            .map(ContactId);
        m.lead_time_days = lead.get_untracked().trim().parse().unwrap_or(0);
        let label = if is_new {
            t_string!(i18n, materials.created)
        } else {
            t_string!(i18n, materials.saved)
        };
        if state.run(
            label,
            Ok(commands::save(
                &state.data.get_untracked(),
                AnyRecord::Material(m),
                Utc::now(),
            )),
        ) {
            on_done.run(());
        }
    };

    view! {
        <form class="form-grid" on:submit=submit novalidate>
            <div class="field field--wide">
                <label for=id("name")>{move || t_string!(i18n, materials.name)}</label>
                <input id=id("name") type="text" prop:value=move || name.get() aria-invalid=move || name_error.get().to_string()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <Show when=move || name_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, materials.name_required)}</p>
                </Show>
            </div>
            <div class="field">
                <label for=id("quantity")>{move || t_string!(i18n, materials.quantity)}</label>
                <input id=id("quantity") type="text" inputmode="decimal" prop:value=move || quantity.get() on:input=move |ev| quantity.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("unit")>{move || t_string!(i18n, materials.unit)}</label>
                <input id=id("unit") type="text" prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("cost")>{move || t_string!(i18n, materials.unit_cost)}</label>
                <input id=id("cost") type="text" inputmode="decimal" prop:value=move || cost.get() on:input=move |ev| cost.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for=id("step")>{move || t_string!(i18n, materials.step)}</label>
                <select id=id("step") prop:value=move || step.get() on:change=move |ev| step.set(event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, materials.no_step)}</option>
                    {move || steps.get().into_iter().map(|(v, l)| { let sel = v.clone(); view! { <option value=v selected=move || step.get() == sel>{l}</option> } }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("supplier")>{move || t_string!(i18n, materials.supplier)}</label>
                <select id=id("supplier") prop:value=move || supplier.get() on:change=move |ev| supplier.set(event_target_value(&ev))>
                    <option value="">{move || t_string!(i18n, materials.no_supplier)}</option>
                    {move || suppliers.get().into_iter().map(|(v, l)| { let sel = v.clone(); view! { <option value=v selected=move || supplier.get() == sel>{l}</option> } }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("lead")>{move || t_string!(i18n, materials.lead)}</label>
                <input id=id("lead") type="number" min="0" step="1" prop:value=move || lead.get() on:input=move |ev| lead.set(event_target_value(&ev)) />
            </div>
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, materials.create) } else { t_string!(i18n, materials.save) }}
                </button>
                <button type="button" class="button button--ghost" on:click=move |_| on_done.run(())>
                    {move || t_string!(i18n, materials.cancel)}
                </button>
            </div>
        </form>
    }
}
