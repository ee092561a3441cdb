//! The project's team part: who from the network could take each work area
//! that is still the person's own (with the reasons and the effect of an
//! assignment before it is confirmed), the work packages for
//! collaborators, and importing their updates field by field.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::domain::{Assignee, ContactId, ProjectId, StepId, StepStatus};
use crate::exchange::work_package::{read_update, write_package, ExchangeFileError};
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::staffing::{assignment_effect, staffing_needs, AssignmentEffect, Week};
use crate::state::work_packages::{
    build_package, plan_update, PackageError, ReportField, UpdatePlan, UpdateRefusal,
};
use crate::text::{format_date, format_money, format_quantity, Lang};
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::{download_text, read_bytes, take_picked_file};
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::labels::step_status_label;

fn weeks_text(i18n: I18nContext<Locale>, weeks: Option<(Week, Week)>) -> String {
    match weeks {
        Some((a, b)) if a == b => t_string!(i18n, team.week_one, week = a.1).to_string(),
        Some((a, b)) => t_string!(i18n, team.weeks, from = a.1, to = b.1).to_string(),
        None => String::new(),
    }
}

/// A report field's value as a person reads it.
fn report_value(
    i18n: I18nContext<Locale>,
    lang: Lang,
    field: ReportField,
    value: &Value,
) -> String {
    match (field, value) {
        (_, Value::Null) => "–".to_owned(),
        (ReportField::Status, v) => serde_json::from_value::<StepStatus>(v.clone())
            .map(|s| step_status_label(i18n, s))
            .unwrap_or_default(),
        (ReportField::Progress, v) => format!("{} %", v.as_u64().unwrap_or(0)),
        (ReportField::ActualStart | ReportField::ActualFinish, Value::String(day)) => {
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(|d| format_date(d, lang))
                .unwrap_or_else(|_| day.clone())
        }
        (ReportField::RemainingDays, v) => {
            t_string!(i18n, team.days, count = v.as_u64().unwrap_or(0)).to_string()
        }
        (_, Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
}

fn field_name(i18n: I18nContext<Locale>, field: ReportField) -> &'static str {
    match field {
        ReportField::Status => t_string!(i18n, team.field_status),
        ReportField::Progress => t_string!(i18n, team.field_progress),
        ReportField::Result => t_string!(i18n, team.field_result),
        ReportField::ActualStart => t_string!(i18n, team.field_actual_start),
        ReportField::ActualFinish => t_string!(i18n, team.field_actual_finish),
        ReportField::RemainingDays => t_string!(i18n, team.field_remaining),
    }
}

fn refusal_text(i18n: I18nContext<Locale>, refusal: &UpdateRefusal) -> String {
    match refusal {
        UpdateRefusal::NoProject => t_string!(i18n, team.refused_no_project).to_string(),
        UpdateRefusal::UnknownPackage => t_string!(i18n, team.refused_unknown).to_string(),
        UpdateRefusal::Superseded => t_string!(i18n, team.refused_superseded).to_string(),
        UpdateRefusal::WrongCollaborator => t_string!(i18n, team.refused_collaborator).to_string(),
        UpdateRefusal::AlreadyImported { number, imported } => t_string!(
            i18n,
            team.refused_already,
            number = *number,
            imported = *imported
        )
        .to_string(),
        UpdateRefusal::BadHours { path, .. } => {
            t_string!(i18n, team.refused_hours, path = path).to_string()
        }
    }
}

/// A package or update file that cannot be read, in words.
pub fn file_error_text(i18n: I18nContext<Locale>, error: &ExchangeFileError) -> String {
    match error {
        ExchangeFileError::TooLarge { .. } => t_string!(i18n, team.file_too_large).to_string(),
        ExchangeFileError::NotText | ExchangeFileError::NotJson { .. } => {
            t_string!(i18n, team.file_not_json).to_string()
        }
        ExchangeFileError::WrongFormat { .. } => t_string!(i18n, team.file_wrong).to_string(),
        ExchangeFileError::NewerVersion { .. } | ExchangeFileError::UnknownVersion => {
            t_string!(i18n, team.file_version).to_string()
        }
        ExchangeFileError::Field { path, .. } => {
            t_string!(i18n, team.file_field, path = path).to_string()
        }
    }
}

/// A file name part without characters file systems refuse.
fn file_part(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[component]
pub fn ProjectTeam(project: ProjectId) -> impl IntoView {
    view! {
        <Staffing project=project />
        <Packages project=project />
        <UpdateImport project=project />
    }
}

/// Open work areas with the matching collaborators, and the preview of an
/// assignment.
#[component]
fn Staffing(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let today = use_today();
    let notice = Notice::new();
    let needs = Memo::new(move |_| {
        let prefs = state.prefs.read();
        staffing_needs(
            &state.data.read(),
            &state.calendar.get(),
            today.get(),
            project,
            f64::from(prefs.weekly_capacity_hours),
            &prefs.days_off,
        )
    });
    // The assignment being looked at: area, collaborator's name, effect.
    let preview = RwSignal::new(None::<(String, String, AssignmentEffect)>);
    let propose = move |area: String, steps: Vec<StepId>, contact: ContactId, name: String| {
        let effect = assignment_effect(
            &state.data.get_untracked(),
            &state.calendar.get_untracked(),
            today.get_untracked(),
            project,
            &steps,
            contact,
            Utc::now(),
        );
        preview.set(effect.map(|e| (area, name, e)));
    };
    let confirm = move |_| {
        let Some((area, name, effect)) = preview.get_untracked() else {
            return;
        };
        let label = t_string!(i18n, team.assigned, area = &area, name = &name).to_string();
        if notice.run(state, label.clone(), Ok(effect.changes)) {
            notice.info(label);
            preview.set(None);
        }
    };
    let date = move |d: Option<chrono::NaiveDate>| {
        d.map(|d| format_date(d, lang.get())).unwrap_or_default()
    };

    view! {
        <section class="card" aria-labelledby="team-staffing-title">
            <h2 id="team-staffing-title" class="card__title">{move || t_string!(i18n, team.staffing_title)}</h2>
            <p class="muted">{move || t_string!(i18n, team.staffing_hint)}</p>
            <Show when=move || !needs.read().is_empty()
                fallback=move || view! { <p>{move || t_string!(i18n, team.staffing_none)}</p> }>
                <For each=move || needs.get() key=|need| need.work_area.clone() let:need>
                    {
                        let area = need.work_area.clone();
                        let heading_id = format!("team-area-{}", file_part(&area));
                        let hours = need.hours;
                        let weeks = need.weeks;
                        let steps = need.steps.clone();
                        let count = steps.len();
                        let suggestions = need.suggestions.clone();
                        view! {
                            <section class="team-area" aria-labelledby=heading_id.clone()>
                                <h3 id=heading_id.clone() class="team-area__title">{area.clone()}</h3>
                                <p class="muted">{move || t_string!(i18n, team.area_needs, count = count, hours = format_quantity(hours, lang.get()), weeks = weeks_text(i18n, weeks))}</p>
                                {if suggestions.is_empty() {
                                    let area = area.clone();
                                    view! { <p>{move || t_string!(i18n, team.nobody, area = &area)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ol class="team-suggestions">
                                            {suggestions.into_iter().map(|s| {
                                                let (area, steps, name) = (area.clone(), steps.clone(), s.name.clone());
                                                let reason = {
                                                    let s = s.clone();
                                                    move || {
                                                        let lang = lang.get();
                                                        let mut parts = vec![t_string!(i18n, team.free_hours, hours = format_quantity(s.free_hours.round(), lang), weeks = weeks_text(i18n, weeks)).to_string()];
                                                        if !s.fits {
                                                            parts.push(t_string!(i18n, team.not_enough).to_string());
                                                        }
                                                        if let Some((ratio, n)) = s.accuracy {
                                                            parts.push(t_string!(i18n, team.accuracy, ratio = format_quantity((ratio * 10.0).round() / 10.0, lang), count = n).to_string());
                                                        }
                                                        if let Some(rate) = s.hourly_rate {
                                                            parts.push(t_string!(i18n, team.rate, rate = format_money(rate.0, lang)).to_string());
                                                        }
                                                        parts.join(" · ")
                                                    }
                                                };
                                                let label = {
                                                    let (area, name) = (area.clone(), name.clone());
                                                    move || t_string!(i18n, team.assign, area = &area, name = &name).to_string()
                                                };
                                                let contact = s.contact;
                                                view! {
                                                    <li class="team-suggestion">
                                                        <div>
                                                            <strong>{s.name.clone()}</strong>
                                                            <p class="muted team-suggestion__reason">{reason}</p>
                                                        </div>
                                                        <button type="button" class="button" on:click=move |_| propose(area.clone(), steps.clone(), contact, name.clone())>
                                                            {label}
                                                        </button>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ol>
                                    }.into_any()
                                }}
                            </section>
                        }
                    }
                </For>
            </Show>
            {move || preview.get().map(|(area, name, effect)| {
                let title = t_string!(i18n, team.preview_title, area = &area, name = &name).to_string();
                let moved = effect.moved.clone();
                view! {
                    <section class="team-preview" aria-label=title.clone()>
                        <h3>{title.clone()}</h3>
                        <dl class="team-preview__facts">
                            <dt>{move || t_string!(i18n, team.end)}</dt>
                            <dd>{date(effect.end_before)}{" → "}{date(effect.end_after)}</dd>
                            <dt>{move || t_string!(i18n, team.added_cost)}</dt>
                            <dd>{format_money(effect.added_cost.0, lang.get_untracked())}</dd>
                            <dt>{move || t_string!(i18n, team.margin)}</dt>
                            <dd>{format_money(effect.margin_before.0, lang.get_untracked())}{" → "}{format_money(effect.margin_after.0, lang.get_untracked())}</dd>
                        </dl>
                        {(!moved.is_empty()).then(|| view! {
                            <p>{move || t_string!(i18n, team.moves)}</p>
                            <ul>
                                {moved.iter().map(|(title, days)| {
                                    let (title, days) = (title.clone(), *days);
                                    view! { <li>{move || t_string!(i18n, team.moved, title = &title, count = days)}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                        <div class="button-row">
                            <button type="button" class="button button--primary" on:click=confirm>{move || t_string!(i18n, team.confirm)}</button>
                            <button type="button" class="button button--ghost" on:click=move |_| preview.set(None)>{move || t_string!(i18n, team.cancel)}</button>
                        </div>
                    </section>
                }
            })}
            <NoticeRegion notice=notice />
        </section>
    }
}

/// A work package per collaborator with steps in the project.
#[component]
fn Packages(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let today = use_today();
    let notice = Notice::new();
    let collaborators = Memo::new(move |_| {
        let data = state.data.read();
        let mut ids: Vec<ContactId> = Vec::new();
        for step in data.steps_of(project) {
            if let Assignee::Contact(c) = step.assignee {
                if !ids.contains(&c) {
                    ids.push(c);
                }
            }
        }
        let mut list: Vec<(ContactId, String, usize)> = ids
            .into_iter()
            .filter_map(|c| {
                let name = data.contact(c)?.name.clone();
                let steps = data
                    .steps_of(project)
                    .iter()
                    .filter(|s| s.assignee == Assignee::Contact(c))
                    .count();
                Some((c, name, steps))
            })
            .collect();
        list.sort_by_key(|(_, name, _)| name.to_lowercase());
        list
    });
    let issued = move |c: ContactId| {
        state.data.read().project(project).and_then(|p| {
            p.work_packages
                .iter()
                .rev()
                .find(|w| w.collaborator == c)
                .cloned()
        })
    };
    let export = move |c: ContactId, name: String| {
        let data = state.data.get_untracked();
        let sender =
            crate::ui::components::project_team::contact_person(&state.prefs.get_untracked());
        match build_package(
            &data,
            project,
            c,
            sender,
            &state.calendar.get_untracked(),
            today.get_untracked(),
            Utc::now(),
        ) {
            Ok((package, change)) => {
                let file = format!(
                    "{}-{}-{}.json",
                    t_string!(i18n, team.file_prefix),
                    file_part(&package.project_name),
                    file_part(&name)
                );
                if download_text(&file, "application/json", &write_package(&package)).is_err() {
                    notice.error(t_string!(i18n, team.download_failed));
                    return;
                }
                let label = t_string!(i18n, team.exported, name = &name).to_string();
                if notice.run(state, label.clone(), Ok(change)) {
                    notice.info(label);
                }
            }
            Err(error) => notice.error(match error {
                PackageError::NoSteps => t_string!(i18n, team.no_steps, name = &name).to_string(),
                PackageError::Schedule(e) => {
                    crate::ui::messages::schedule_error_text(i18n, &e, |id| {
                        data.step(StepId(id))
                            .map(|s| s.title.clone())
                            .unwrap_or_default()
                    })
                }
                _ => t_string!(i18n, team.package_failed).to_string(),
            }),
        }
    };

    view! {
        <section class="card" aria-labelledby="team-packages-title">
            <h2 id="team-packages-title" class="card__title">{move || t_string!(i18n, team.packages_title)}</h2>
            <p class="muted">{move || t_string!(i18n, team.packages_hint)}</p>
            // A package names the person as contact: say so while the
            // business details are empty, rather than send a blank.
            <Show when=move || state.prefs.with(|p| contact_person(p).is_empty())>
                <p class="notice notice--warning">
                    {move || t_string!(i18n, team.no_contact_details)}{" "}
                    <a href="/settings#settings-business">{move || t_string!(i18n, team.enter_contact_details)}</a>
                </p>
            </Show>
            <Show when=move || !collaborators.read().is_empty()
                fallback=move || view! { <p>{move || t_string!(i18n, team.packages_none)}</p> }>
                <ul class="team-packages">
                    <For each=move || collaborators.get() key=|(c, _, _)| *c let:row>
                        {
                            let (c, name, steps) = row;
                            let label = {
                                let name = name.clone();
                                move || t_string!(i18n, team.export, name = &name).to_string()
                            };
                            let status = move || match issued(c) {
                                None => t_string!(i18n, team.not_issued).to_string(),
                                Some(p) => {
                                    let day = format_date(p.created.date_naive(), lang.get());
                                    if p.imported_update > 0 {
                                        t_string!(i18n, team.issued_with_update, date = &day, number = p.imported_update).to_string()
                                    } else {
                                        t_string!(i18n, team.issued, date = &day).to_string()
                                    }
                                }
                            };
                            view! {
                                <li class="team-package">
                                    <div>
                                        <strong>{name.clone()}</strong>
                                        <p class="muted">{move || t_string!(i18n, team.steps, count = steps)}{" · "}{status}</p>
                                    </div>
                                    <button type="button" class="button" on:click=move |_| export(c, name.clone())>{label}</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <NoticeRegion notice=notice />
        </section>
    }
}

/// Reading an update file, its review and the person's choices.
#[component]
fn UpdateImport(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = use_app_state();
    let notice = Notice::new();
    let review = RwSignal::new(None::<UpdatePlan>);
    // Clashes decided for the collaborator's value.
    let take_theirs = RwSignal::new(Vec::<(StepId, ReportField)>::new());

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        review.set(None);
        take_theirs.set(Vec::new());
        notice.clear();
        spawn_local(async move {
            let Ok(bytes) = read_bytes(&file).await else {
                notice.error(t_string!(i18n, team.file_not_json));
                return;
            };
            let update = match read_update(&bytes) {
                Ok(update) => update,
                Err(error) => {
                    notice.error(file_error_text(i18n, &error));
                    return;
                }
            };
            if update.project != project {
                notice.error(t_string!(i18n, team.other_project));
                return;
            }
            match plan_update(&state.data.get_untracked(), &update, Utc::now()) {
                Ok(plan) => review.set(Some(plan)),
                Err(refusal) => notice.error(refusal_text(i18n, &refusal)),
            }
        });
    };
    let apply = move |_| {
        let Some(plan) = review.get_untracked() else {
            return;
        };
        let data = state.data.get_untracked();
        let name = data
            .contact(plan.collaborator)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let change = plan.into_change(&data, &take_theirs.get_untracked(), Utc::now());
        let label = t_string!(i18n, team.imported, name = &name).to_string();
        if notice.run(state, label.clone(), Ok(change)) {
            notice.info(label);
            review.set(None);
        }
    };
    let collaborator_name = move |plan: &UpdatePlan| {
        state
            .data
            .read_untracked()
            .contact(plan.collaborator)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };

    view! {
        <section class="card" aria-labelledby="team-import-title">
            <h2 id="team-import-title" class="card__title">{move || t_string!(i18n, team.import_title)}</h2>
            <div class="field">
                <label for="team-update-file">{move || t_string!(i18n, team.import_file)}</label>
                <input id="team-update-file" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            {move || review.get().map(|plan| {
                let name = collaborator_name(&plan);
                let summary = t_string!(i18n, team.review_summary, name = &name, number = plan.number, hours = plan.new_hours.len() + plan.changed_hours.len(), notes = plan.new_notes.len()).to_string();
                let nothing = plan.changes_nothing();
                let clashes = plan.clash_count();
                let theirs_name = name.clone();
                view! {
                    <section class="team-review" aria-label=move || t_string!(i18n, team.review_title)>
                        <h3>{move || t_string!(i18n, team.review_title)}</h3>
                        <p>{summary}</p>
                        {nothing.then(|| view! { <p>{move || t_string!(i18n, team.nothing_new)}</p> })}
                        {(clashes > 0).then(|| view! { <p role="status">{move || t_string!(i18n, team.clashes, count = clashes)}</p> })}
                        {(!plan.steps.is_empty()).then(|| {
                            let steps = plan.steps.clone();
                            view! {
                                <table class="table team-review__table">
                                    <caption class="visually-hidden">{move || t_string!(i18n, team.review_title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, team.col_step)}</th>
                                            <th scope="col">{move || t_string!(i18n, team.col_field)}</th>
                                            <th scope="col">{move || t_string!(i18n, team.col_ours)}</th>
                                            <th scope="col">{move || t_string!(i18n, team.col_theirs)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {steps.into_iter().flat_map(|merge| {
                                            let title = merge.title.clone();
                                            let step = merge.step;
                                            let updates = merge.updates.into_iter().map({
                                                let title = title.clone();
                                                move |u| {
                                                    let lang = lang.get_untracked();
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{title.clone()}</th>
                                                            <td>{field_name(i18n, u.field)}</td>
                                                            <td>{report_value(i18n, lang, u.field, &u.from)}</td>
                                                            <td>{report_value(i18n, lang, u.field, &u.to)}</td>
                                                        </tr>
                                                    }.into_any()
                                                }
                                            }).collect::<Vec<_>>();
                                            let clashes = merge.clashes.into_iter().map({
                                                let (title, theirs_name) = (title.clone(), theirs_name.clone());
                                                move |c| {
                                                    let lang = lang.get_untracked();
                                                    let field = c.field;
                                                    let choice = t_string!(i18n, team.take_theirs, name = &theirs_name, field = field_name(i18n, field), step = &title).to_string();
                                                    let id = format!("team-clash-{}-{}", step.0, field.name());
                                                    view! {
                                                        <tr class="team-review__clash">
                                                            <th scope="row">{title.clone()}</th>
                                                            <td>{field_name(i18n, field)}</td>
                                                            <td>{report_value(i18n, lang, field, &c.ours)}</td>
                                                            <td>
                                                                {report_value(i18n, lang, field, &c.theirs)}
                                                                <div class="field--check">
                                                                    <input id=id.clone() type="checkbox"
                                                                        on:change=move |ev| {
                                                                            let on = event_target_checked(&ev);
                                                                            take_theirs.update(|list| {
                                                                                list.retain(|x| *x != (step, field));
                                                                                if on { list.push((step, field)); }
                                                                            });
                                                                        } />
                                                                    <label for=id>{choice}</label>
                                                                </div>
                                                            </td>
                                                        </tr>
                                                    }.into_any()
                                                }
                                            }).collect::<Vec<_>>();
                                            updates.into_iter().chain(clashes)
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                        })}
                        <div class="button-row">
                            <button type="button" class="button button--primary" on:click=apply>{move || t_string!(i18n, team.apply)}</button>
                            <button type="button" class="button button--ghost" on:click=move |_| review.set(None)>{move || t_string!(i18n, team.discard)}</button>
                        </div>
                    </section>
                }
            })}
            <NoticeRegion notice=notice />
        </section>
    }
}

/// The person as collaborators reach them, from the business details in
/// the settings ("Lena Hoffmann (Hoffmann Webdesign)").
pub fn contact_person(
    prefs: &crate::store::preferences::Preferences,
) -> crate::exchange::work_package::ContactPerson {
    let business = &prefs.business;
    let (person, firm) = (business.contact_person.trim(), business.name.trim());
    let name = match (person.is_empty(), firm.is_empty()) {
        (false, false) => format!("{person} ({firm})"),
        (false, true) => person.to_owned(),
        _ => firm.to_owned(),
    };
    crate::exchange::work_package::ContactPerson {
        name,
        email: business.email.trim().to_owned(),
        phone: business.phone.trim().to_owned(),
    }
}
