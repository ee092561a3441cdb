//! One collaborator: their profile (skills, rate, capacity, days off), the
//! steps assigned to them across the running projects with dates and
//! hours, and their track record from earlier projects.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use crate::domain::{Contact, ContactId, Role};
use crate::i18n::{t_string, use_i18n};
use crate::state::collaborator::{assigned_steps, track_record, upcoming_days_off};
use crate::text::{format_date, format_money, format_quantity};
use crate::ui::app_state::{use_app_state, Phase};
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::labels::step_status_label;

#[component]
pub fn CollaboratorPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| uuid::Uuid::parse_str(&raw).ok())
            .map(ContactId)
    });
    let contact = Memo::new(move |_| {
        id.get().and_then(|id| {
            state
                .data
                .read()
                .contact(id)
                .filter(|c| c.has_role(Role::Collaborator))
                .cloned()
        })
    });
    let shown = Memo::new(move |_| contact.read().as_ref().map(|c| c.id));
    view! {
        <crate::ui::components::page_style::PageStyle name="report" />
        {move || match (state.phase.get(), shown.get()) {
            (Phase::Loading, _) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, collaborator.title).to_string()) />
            }.into_any(),
            (_, None) => view! {
                <PageHeader title=Signal::derive(move || t_string!(i18n, collaborator.not_found_title).to_string()) />
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, collaborator.not_found_title).to_string())
                    text=Signal::derive(move || t_string!(i18n, collaborator.not_found_text).to_string())
                >
                    <A href="/network" attr:class="button">{move || t_string!(i18n, collaborator.back)}</A>
                </EmptyState>
            }.into_any(),
            (_, Some(id)) => view! { <CollaboratorView id=id contact=contact /> }.into_any(),
        }}
    }
}

#[component]
fn CollaboratorView(id: ContactId, contact: Memo<Option<Contact>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = use_today();
    let name = Signal::derive(move || {
        contact
            .read()
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default()
    });
    let steps = Memo::new(move |_| {
        let calendar = state.calendar.get();
        assigned_steps(&state.data.read(), id, &calendar, today.get())
    });
    let record = Memo::new(move |_| track_record(&state.data.read(), id));
    let hours = move |h: f64| format_quantity((h * 10.0).round() / 10.0, lang.get());

    let profile = move || {
        let c = contact.get()?;
        let skills = if c.skills.is_empty() {
            t_string!(i18n, collaborator.no_skills).to_string()
        } else {
            c.skills.join(", ")
        };
        let rate = c.hourly_rate.map_or_else(
            || t_string!(i18n, collaborator.no_rate).to_string(),
            |r| format_money(r.cents(), lang.get()),
        );
        let capacity = t_string!(
            i18n,
            collaborator.capacity_value,
            h = &format_quantity(c.weekly_capacity_hours.unwrap_or(40.0), lang.get())
        );
        let days = upcoming_days_off(&c.days_off, today.get())
            .into_iter()
            .map(|(first, last)| {
                if first == last {
                    format_date(first, lang.get())
                } else {
                    format!(
                        "{} – {}",
                        format_date(first, lang.get()),
                        format_date(last, lang.get())
                    )
                }
            })
            .collect::<Vec<_>>();
        let days = if days.is_empty() {
            t_string!(i18n, collaborator.no_days_off).to_string()
        } else {
            days.join(", ")
        };
        Some(view! {
            <dl class="facts">
                <dt>{t_string!(i18n, collaborator.skills)}</dt><dd>{skills}</dd>
                <dt>{t_string!(i18n, collaborator.rate)}</dt><dd>{rate}</dd>
                <dt>{t_string!(i18n, collaborator.capacity)}</dt><dd>{capacity}</dd>
                <dt>{t_string!(i18n, collaborator.days_off)}</dt><dd>{days}</dd>
            </dl>
        })
    };

    view! {
        <PageHeader title=name intro=Signal::derive(move || t_string!(i18n, collaborator.intro).to_string())>
            <A href="/network" attr:class="button button--ghost">{move || t_string!(i18n, collaborator.back)}</A>
            <A href=format!("/contacts/{}", id.0) attr:class="button">{move || t_string!(i18n, collaborator.edit)}</A>
        </PageHeader>
        <section class="card" aria-labelledby="collaborator-profile">
            <h2 id="collaborator-profile" class="card__title">{move || t_string!(i18n, collaborator.profile)}</h2>
            {profile}
        </section>
        <section class="card" aria-labelledby="collaborator-steps">
            <h2 id="collaborator-steps" class="card__title">{move || t_string!(i18n, collaborator.steps_title)}</h2>
            <Show when=move || !steps.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, collaborator.steps_empty)}</p> }>
                <div class="table-scroll">
                    <table class="data-table collaborator-steps">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, collaborator.col_step)}</th>
                                <th scope="col">{move || t_string!(i18n, collaborator.col_project)}</th>
                                <th scope="col">{move || t_string!(i18n, collaborator.col_dates)}</th>
                                <th scope="col" class="num">{move || t_string!(i18n, collaborator.col_hours)}</th>
                                <th scope="col">{move || t_string!(i18n, collaborator.col_status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || steps.get().into_iter().map(|s| {
                                let dates = match s.dates {
                                    Some((start, finish)) if start == finish => format_date(start, lang.get()),
                                    Some((start, finish)) => format!("{} – {}", format_date(start, lang.get()), format_date(finish, lang.get())),
                                    None => t_string!(i18n, collaborator.no_dates).to_string(),
                                };
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {s.title.clone()}
                                            {s.work_area.clone().map(|a| view! { <span class="muted">{format!(" · {a}")}</span> })}
                                        </th>
                                        <td><A href=format!("/projects/{}", s.project.0)>{s.project_name.clone()}</A></td>
                                        <td class="dates">{dates}</td>
                                        <td class="num">{format!("{} / {} h", hours(s.booked_hours), hours(s.planned_hours))}</td>
                                        <td>{step_status_label(i18n, s.status)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
        <section class="card" aria-labelledby="collaborator-record">
            <h2 id="collaborator-record" class="card__title">{move || t_string!(i18n, collaborator.record_title)}</h2>
            {move || {
                let r = record.get();
                if r.areas.is_empty() {
                    return view! { <p class="muted">{t_string!(i18n, collaborator.record_empty)}</p> }.into_any();
                }
                let accuracy = match &r.accuracy {
                    Some(a) => t_string!(
                        i18n,
                        collaborator.accuracy,
                        count = a.steps,
                        booked = &hours(a.booked_hours),
                        planned = &hours(a.planned_hours),
                        ratio = &format_quantity((a.ratio() * 100.0).round() / 100.0, lang.get())
                    ).to_string(),
                    None => t_string!(i18n, collaborator.no_accuracy).to_string(),
                };
                view! {
                    <ul class="plain-list" aria-label=t_string!(i18n, collaborator.areas_label)>
                        {r.areas.iter().map(|a| {
                            let area = a.work_area.clone().unwrap_or_else(|| t_string!(i18n, collaborator.no_area).to_string());
                            view! { <li>{t_string!(i18n, collaborator.area_done, count = a.steps_done, area = &area)}</li> }
                        }).collect_view()}
                    </ul>
                    <p>{accuracy}</p>
                }.into_any()
            }}
        </section>
    }
}
