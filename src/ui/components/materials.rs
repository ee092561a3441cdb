//! A project's materials: what each step needs, from whom, and when to
//! order it so that it arrives just in time — not too late, and not so
//! early that it has to be stored.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::{
    Contact, ContactId, ContactKind, Material, MaterialStatus, Money, ProjectId, RecordKind, Role,
    StepId,
};
use crate::i18n::{t_string, use_i18n};
use crate::numbers;
use crate::state::commands;
use crate::state::procurement::material_plans;
use crate::store::{AnyRecord, RecordKey};
use crate::text::{format_date, format_money, format_quantity};
use crate::ui::app_state::use_app_state;
use crate::ui::components::edit_base::{ChangedElsewhere, EditBase};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::{NumberField, NumberText};
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
    let notice = Notice::new();

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
    let material_ids = move || materials.with(|ms| ms.iter().map(|m| m.id).collect::<Vec<_>>());
    let status_label = move |status: MaterialStatus| match status {
        MaterialStatus::ToOrder => t_string!(i18n, materials.st_to_order),
        MaterialStatus::Ordered => t_string!(i18n, materials.st_ordered),
        MaterialStatus::Delivered => t_string!(i18n, materials.st_delivered),
        MaterialStatus::Cancelled => t_string!(i18n, materials.st_cancelled),
    };
    let set_status = move |material: Material, status: MaterialStatus| {
        // From the stored material, not the row's copy: only the status
        // (and its date) changes.
        let stored = state
            .data
            .read_untracked()
            .materials
            .iter()
            .find(|m| m.id == material.id)
            .cloned();
        let mut m = stored.unwrap_or(material);
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
        notice.run(
            state,
            label,
            Ok(commands::save(
                &state.data.get_untracked(),
                AnyRecord::Material(m),
                Utc::now(),
            )),
        );
    };

    // Closed projects take no new materials; the invoiced cost of the
    // ones there may still be entered (see `state::closed`).
    let locked = crate::ui::components::project_closed::use_project_closed(project);
    view! {
        <section class="card" aria-labelledby="project-materials-title">
            <div class="card__head">
                <h2 id="project-materials-title" class="card__title">{move || t_string!(i18n, materials.title)}</h2>
                <Show when=move || !locked.get()>
                    <button type="button" class="button" on:click=move |_| adding.set(true)>
                        <Icon kind=IconKind::Plus />
                        {move || t_string!(i18n, materials.add)}
                    </button>
                </Show>
            </div>
            <NoticeRegion notice=notice />
            <Show when=move || adding.get()>
                <MaterialForm initial=Material::new(project, "", Utc::now()) is_new=true on_done=move |_| adding.set(false) section_notice=notice />
            </Show>
            <Show when=move || !materials.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, materials.none)}</p> }>
                <div class="table-scroll">
                    <table class="data-table materials-table">
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
                            <For each=material_ids key=|id| *id let:row_id>
                            {
                            let row = Memo::new(move |_| materials.with(|ms| ms.iter().find(|m| m.id == row_id).cloned()));
                            view! {
                            {move || row.get().map(|m| {
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
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {m.name.clone()}
                                            <span class="muted">{let (q, unit) = (m.quantity, m.unit.clone()); move || format!(" · {} {}", format_quantity(q, lang.get()), unit)}</span>
                                        </th>
                                        <td data-label=t_string!(i18n, materials.supplier)>{supplier}</td>
                                        <td data-label=t_string!(i18n, materials.step)>{step}</td>
                                        <td class="materials-table__order-by" data-label=t_string!(i18n, materials.order_by)>{plan.as_ref().map(|p| { let d = p.order_by; move || format_date(d, lang.get()) })}</td>
                                        <td data-label=t_string!(i18n, materials.delivery)>{plan.as_ref().map(|p| { let d = p.expected_delivery; move || format_date(d, lang.get()) })}
                                            {m.delivered_on.map(|d| move || format_date(d, lang.get()))}</td>
                                        <td data-label=t_string!(i18n, materials.status)>
                                            <span class="badge">{move || status_label(status)}</span>
                                            {warnings.into_iter().map(|w| view! { <span class="badge badge--warning" role="note">{w}</span> }).collect_view()}
                                        </td>
                                        <td class="num" data-label=t_string!(i18n, materials.total)>{move || format_money(m.total_cost().cents(), lang.get())}</td>
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
                                                    notice.run(state, t_string!(i18n, materials.deleted), commands::delete_leaf(&state.data.get_untracked(), key));
                                                }>
                                                {move || t_string!(i18n, materials.delete)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })}
                            // The editor sits outside the reactive row, so a
                            // change elsewhere never discards what is typed.
                            <Show when=move || editing.get() == Some(row_id)>
                                {move || row.get_untracked().map(|m| view! {
                                    <tr class="materials-table__editor"><td colspan="8">
                                        <MaterialForm initial=m is_new=false on_done=move |_| editing.set(None) section_notice=notice />
                                    </td></tr>
                                })}
                            </Show>
                            }
                            }
                            </For>
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
    /// Where the confirmation of a save appears (the materials section).
    section_notice: Notice,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let prefix = format!("material-{}", initial.id.0.simple());
    let id = move |field: &str| format!("{prefix}-{field}");

    let material_id = initial.id;
    let edit = EditBase::new(initial.clone(), is_new, move |data| {
        data.materials.iter().find(|m| m.id == material_id).cloned()
    });
    let notice = Notice::new();
    let name = RwSignal::new(String::new());
    let quantity = NumberText::new(String::new());
    let unit = RwSignal::new(String::new());
    let cost = NumberText::new(String::new());
    let actual = NumberText::new(String::new());
    let step = RwSignal::new(String::new());
    let supplier = RwSignal::new(String::new());
    let lead = NumberText::new(String::new());
    let name_error = RwSignal::new(false);
    let show = move |m: &Material| {
        let lang = lang.get_untracked();
        name.set(m.name.clone());
        quantity.set(format_quantity(m.quantity, lang));
        unit.set(m.unit.clone());
        cost.set(if m.unit_cost.cents() == 0 {
            String::new()
        } else {
            format_money(m.unit_cost.cents(), lang)
        });
        actual.set(
            m.actual_cost
                .map(|c| format_money(c.cents(), lang))
                .unwrap_or_default(),
        );
        step.set(m.step.map(|s| s.0.to_string()).unwrap_or_default());
        supplier.set(m.supplier.map(|s| s.0.to_string()).unwrap_or_default());
        lead.set(m.lead_time_days.to_string());
        name_error.set(false);
    };
    show(&initial);
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
    // A supplier not yet in the address book is created here, without
    // leaving the form (and what is typed in it).
    let new_supplier = RwSignal::new(None::<String>);
    let create_supplier = move || {
        let typed = new_supplier.get_untracked().unwrap_or_default();
        let supplier_name = typed.trim().to_string();
        if supplier_name.is_empty() {
            return;
        }
        let mut contact = Contact::new(supplier_name.clone(), Utc::now());
        contact.kind = ContactKind::Organisation;
        contact.roles.push(Role::Supplier);
        let contact_id = contact.id;
        let changes = commands::save(
            &state.data.get_untracked(),
            AnyRecord::Contact(contact),
            Utc::now(),
        );
        let label = t_string!(i18n, progress.supplier_created);
        if notice.run(state, label, Ok(changes)) {
            notice.info(label);
            supplier.set(contact_id.0.to_string());
            new_supplier.set(None);
        }
    };
    let new_supplier_id = id("new-supplier");
    let current_supplier = initial.supplier;
    let suppliers =
        Memo::new(move |_| contact_options(&state.data.read(), Role::Supplier, current_supplier));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(trimmed.is_empty());
        let amount = quantity.read(|t| numbers::quantity(t, lang));
        let cents = cost.read(|t| {
            numbers::optional(t, |t| numbers::amount(t, lang)).map(Option::unwrap_or_default)
        });
        let lead_days = lead.read(|t| numbers::working_days(t, lang));
        // Empty: no invoice yet (the planned total counts until then).
        let actual_cents = actual.read(|t| numbers::optional(t, |t| numbers::amount(t, lang)));
        let (Some(amount), Some(cents), Some(lead_days), Some(actual_cents), false) =
            (amount, cents, lead_days, actual_cents, trimmed.is_empty())
        else {
            notice.error(t_string!(i18n, forms.check_fields));
            return;
        };
        let mut m = edit.base();
        m.name = trimmed;
        m.quantity = amount;
        m.unit = unit.get_untracked().trim().to_string();
        m.unit_cost = Money(cents);
        m.actual_cost = actual_cents.map(Money);
        m.step = uuid::Uuid::parse_str(&step.get_untracked())
            .ok()
            .map(StepId);
        m.supplier = uuid::Uuid::parse_str(&supplier.get_untracked())
            .ok()
            .map(ContactId);
        m.lead_time_days = lead_days;
        let m = edit.rebase(&m);
        let label = if is_new {
            t_string!(i18n, materials.created)
        } else {
            t_string!(i18n, materials.saved)
        };
        let changes = commands::save(
            &state.data.get_untracked(),
            AnyRecord::Material(m),
            Utc::now(),
        );
        if notice.run(state, label, Ok(changes)) {
            section_notice.info(label);
            on_done.run(());
        }
    };

    view! {
        <ChangedElsewhere edit=edit on_load=move |m: Material| show(&m) />
        <form class="form-grid" on:submit=submit novalidate
            on:input=move |_| edit.touch() on:change=move |_| edit.touch()>
            <div class="field field--wide">
                <label for=id("name")>{move || t_string!(i18n, materials.name)}</label>
                <input id=id("name") type="text" prop:value=move || name.get() aria-invalid=move || name_error.get().to_string()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <Show when=move || name_error.get()>
                    <p class="field__error" role="alert">{move || t_string!(i18n, materials.name_required)}</p>
                </Show>
            </div>
            <NumberField id=id("quantity") label=Signal::derive(move || t_string!(i18n, materials.quantity).to_string()) value=quantity />
            <div class="field">
                <label for=id("unit")>{move || t_string!(i18n, materials.unit)}</label>
                <input id=id("unit") type="text" prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev)) />
            </div>
            <NumberField id=id("cost") label=Signal::derive(move || t_string!(i18n, materials.unit_cost).to_string()) value=cost amount=true />
            <NumberField id=id("actual-cost") label=Signal::derive(move || t_string!(i18n, analysis.actual_cost_field).to_string()) value=actual amount=true />
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
                <Show when=move || new_supplier.read().is_none()>
                    <button type="button" class="button button--ghost" on:click=move |_| new_supplier.set(Some(String::new()))>
                        <Icon kind=IconKind::Plus />
                        {move || t_string!(i18n, progress.new_supplier)}
                    </button>
                </Show>
            </div>
            <Show when=move || new_supplier.read().is_some()>
                <div class="field new-supplier">
                    <label for=new_supplier_id.clone()>{move || t_string!(i18n, progress.supplier_name)}</label>
                    <input id=new_supplier_id.clone() type="text" autocomplete="organization"
                        prop:value=move || new_supplier.get().unwrap_or_default()
                        on:input=move |ev| new_supplier.set(Some(event_target_value(&ev)))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); create_supplier(); } />
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| create_supplier()>
                            {move || t_string!(i18n, progress.supplier_create)}
                        </button>
                        <button type="button" class="button button--ghost" on:click=move |_| new_supplier.set(None)>
                            {move || t_string!(i18n, materials.cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <NumberField id=id("lead") label=Signal::derive(move || t_string!(i18n, materials.lead).to_string()) value=lead />
            <div class="button-row field--wide">
                <button type="submit" class="button button--primary">
                    {move || if is_new { t_string!(i18n, materials.create) } else { t_string!(i18n, materials.save) }}
                </button>
                <button type="button" class="button button--ghost" on:click=move |_| on_done.run(())>
                    {move || t_string!(i18n, materials.cancel)}
                </button>
            </div>
        </form>
        <NoticeRegion notice=notice />
    }
}
