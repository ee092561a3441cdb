//! The collaborator's side of a work package: open the file somebody sent,
//! see the steps with their dates, what they wait for and the materials,
//! record progress, results, hours and notes, and export an update file
//! to send back. Nothing is merged into the collaborator's own projects.
//!
//! Opened packages are kept on this device in their own IndexedDB
//! database (`store::package_shelf`), apart from the planning data, so
//! they survive a reload and never mix with the person's own projects.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::StepStatus;
use crate::exchange::work_package::{read_package, write_update};
use crate::i18n::{t_string, use_i18n};
use crate::state::work_packages::PackageWork;
use crate::store::package_shelf::PackageShelf;
use crate::text::{format_date, format_quantity};
use crate::ui::browser_files::{download_text, read_bytes, take_picked_file};
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::page_header::PageHeader;
use crate::ui::components::project_team::file_error_text;
use crate::ui::labels::step_status_label;

/// Keeps one package's work on the shelf, in the background; a refusal
/// (full storage, storage switched off) is said, and the work stays on
/// screen to be exported.
fn keep(work: PackageWork, on_failure: impl FnOnce() + 'static) {
    spawn_local(async move {
        let stored = match PackageShelf::shared().await {
            Ok(shelf) => shelf.save(&work).await,
            Err(error) => Err(error),
        };
        if stored.is_err() {
            on_failure();
        }
    });
}

const STATUSES: [StepStatus; 4] = [
    StepStatus::Todo,
    StepStatus::InProgress,
    StepStatus::Blocked,
    StepStatus::Done,
];

#[component]
pub fn PackagePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let today = use_today();
    let notice = Notice::new();
    let works = RwSignal::new(Vec::<PackageWork>::new());
    spawn_local(async move {
        let loaded = match PackageShelf::shared().await {
            Ok(shelf) => shelf.load().await,
            Err(error) => Err(error),
        };
        match loaded {
            // A package opened while the shelf was read stays first.
            Ok(kept) => works.update(|list| {
                for work in kept {
                    if !list.iter().any(|w| w.package.id == work.package.id) {
                        list.push(work);
                    }
                }
            }),
            Err(_) => notice.error(t_string!(i18n, package.load_failed)),
        }
    });
    // Every change is kept at once, the changed package only.
    let save = move |package: uuid::Uuid| {
        let work =
            works.with_untracked(|list| list.iter().find(|w| w.package.id == package).cloned());
        if let Some(work) = work {
            keep(work, move || {
                notice.error(t_string!(i18n, package.store_failed))
            });
        }
    };
    let edit = move |package: uuid::Uuid, change: &mut dyn FnMut(&mut PackageWork)| {
        works.update(|list| {
            if let Some(work) = list.iter_mut().find(|w| w.package.id == package) {
                change(work);
            }
        });
        save(package);
    };
    // What is recorded on a step now (the views read it, so an edit shows
    // without rebuilding the forms around it).
    let report_of = move |package: uuid::Uuid, step: crate::domain::StepId| {
        works.with(|list| {
            list.iter()
                .find(|w| w.package.id == package)
                .and_then(|w| w.report(step).cloned())
        })
    };
    let booked_on = move |package: uuid::Uuid, step: crate::domain::StepId| -> f64 {
        works.with(|list| {
            list.iter()
                .find(|w| w.package.id == package)
                .map_or(0.0, |w| {
                    w.hours
                        .iter()
                        .filter(|h| h.step == step)
                        .map(|h| h.hours)
                        .sum()
                })
        })
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        notice.clear();
        spawn_local(async move {
            let Ok(bytes) = read_bytes(&file).await else {
                notice.error(t_string!(i18n, team.file_not_json));
                return;
            };
            match read_package(&bytes) {
                Ok(package) => {
                    let name = package.project_name.clone();
                    let id = package.id;
                    works.update(|list| {
                        // The same package again keeps what was recorded.
                        if !list.iter().any(|w| w.package.id == package.id) {
                            list.insert(0, PackageWork::open(package));
                        }
                    });
                    save(id);
                    notice.info(t_string!(i18n, package.opened, project = &name));
                }
                Err(error) => notice.error(file_error_text(i18n, &error)),
            }
        });
    };

    let export = move |package: uuid::Uuid| {
        let mut update = None;
        works.update(|list| {
            if let Some(work) = list.iter_mut().find(|w| w.package.id == package) {
                update = Some((
                    work.make_update(Utc::now()),
                    work.package.project_name.clone(),
                ));
            }
        });
        save(package);
        let Some((update, project)) = update else {
            return;
        };
        let file = format!(
            "{}-{}.json",
            t_string!(i18n, package.file_prefix),
            project
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect::<String>()
        );
        if download_text(&file, "application/json", &write_update(&update)).is_ok() {
            notice.info(t_string!(i18n, package.exported, number = update.number));
        } else {
            notice.error(t_string!(i18n, team.download_failed));
        }
    };

    view! {
        <PageHeader title=Signal::derive(move || t_string!(i18n, package.title).to_string()) />
        <section class="card" aria-labelledby="package-open-title">
            <h2 id="package-open-title" class="card__title">{move || t_string!(i18n, package.open_title)}</h2>
            <p class="muted">{move || t_string!(i18n, package.open_hint)}</p>
            <div class="field">
                <label for="package-file">{move || t_string!(i18n, package.open_file)}</label>
                <input id="package-file" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            <NoticeRegion notice=notice />
        </section>
        <For each=move || works.with(|list| list.iter().map(|w| w.package.clone()).collect::<Vec<_>>())
            key=|package| package.id let:package>
            {
            let pid = package.id;
            let title_id = format!("package-{}", package.id);
            let contact = package.contact_person.clone();
            let no_contact = contact.is_empty();
            view! {
                <section class="card" aria-labelledby=title_id.clone()>
                    <h2 id=title_id.clone() class="card__title">{package.project_name.clone()}</h2>
                    <p>{move || t_string!(i18n, package.for_whom, name = &package.collaborator_name)}</p>
                    {(!package.brief.is_empty()).then(|| view! { <p class="muted">{package.brief.clone()}</p> })}
                    <p hidden=no_contact>
                        {move || t_string!(i18n, package.contact, name = &contact.name)}
                        {(!contact.email.is_empty()).then(|| {
                            let mail = contact.email.clone();
                            view! { {" · "}<a href=format!("mailto:{mail}")>{mail.clone()}</a> }
                        })}
                        {(!contact.phone.is_empty()).then(|| view! { {" · "}{contact.phone.clone()} })}
                    </p>
                    {package.steps.iter().map(|step| {
                        let id = step.id;
                        let report = report_of(pid, id).unwrap_or(step.report.clone());
                        let base = format!("package-{}-{}", package.id, id.0);
                        let heading = format!("{base}-title");
                        let (start, finish) = (step.start, step.finish);
                        let waits: Vec<String> = package.neighbours.iter().filter(|n| n.before)
                            .map(|n| format!("{} ({})", n.title, format_date(n.finish, lang.get_untracked()))).collect();
                        let materials: Vec<String> = package.materials.iter().filter(|m| m.step == id)
                            .map(|m| format!("{} {} {}", format_quantity(m.quantity, lang.get_untracked()), m.unit, m.name).trim().to_owned()).collect();
                        let effort = step.effort_hours;
                        let hours_text = RwSignal::new(String::new());
                        let hours_date = RwSignal::new(today.get_untracked().format("%Y-%m-%d").to_string());
                        let hours_note = RwSignal::new(String::new());
                        let note_text = RwSignal::new(String::new());
                        let hours_error = RwSignal::new(false);
                        let result = RwSignal::new(report.result.clone().unwrap_or_default());
                        let book = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let hours = crate::numbers::hours(&hours_text.get_untracked(), lang.get_untracked()).ok();
                            let date = NaiveDate::parse_from_str(&hours_date.get_untracked(), "%Y-%m-%d").ok();
                            let ok = match (hours, date) {
                                (Some(h), Some(d)) => {
                                    let mut booked_ok = false;
                                    edit(pid, &mut |w| booked_ok = w.book(id, d, h, &hours_note.get_untracked()));
                                    booked_ok
                                }
                                _ => false,
                            };
                            hours_error.set(!ok);
                            if ok {
                                hours_text.set(String::new());
                                hours_note.set(String::new());
                            }
                        };
                        let add_note = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let text = note_text.get_untracked();
                            edit(pid, &mut |w| { w.add_note(id, &text, Utc::now()); });
                            note_text.set(String::new());
                        };
                        let status_id = format!("{base}-status");
                        let progress_id = format!("{base}-progress");
                        let result_id = format!("{base}-result");
                        let hours_id = format!("{base}-hours");
                        let date_id = format!("{base}-date");
                        let hnote_id = format!("{base}-hnote");
                        let note_id = format!("{base}-note");
                        let step_title = step.title.clone();
                        view! {
                            <article class="package-step" aria-labelledby=heading.clone()>
                                <h3 id=heading.clone()>{step.title.clone()}</h3>
                                <p class="muted">
                                    {move || t_string!(i18n, package.dates, start = format_date(start, lang.get()), finish = format_date(finish, lang.get()))}
                                    {" · "}
                                    {move || t_string!(i18n, package.hours, booked = format_quantity(booked_on(pid, id), lang.get()), planned = format_quantity(effort, lang.get()))}
                                </p>
                                {(!waits.is_empty()).then(|| { let text = waits.join(", "); view! { <p class="muted">{move || t_string!(i18n, package.waits_for, steps = &text)}</p> } })}
                                {(!materials.is_empty()).then(|| { let text = materials.join(", "); view! { <p class="muted">{move || t_string!(i18n, package.materials, list = &text)}</p> } })}
                                <div class="form-grid">
                                    <div class="field">
                                        <label for=status_id.clone()>{move || t_string!(i18n, team.field_status)}</label>
                                        <select id=status_id on:change=move |ev| {
                                            let value = event_target_value(&ev);
                                            if let Some(status) = STATUSES.iter().copied().find(|s| serde_json::to_value(s).ok().and_then(|v| v.as_str().map(|t| t == value)).unwrap_or(false)) {
                                                let day = today.get_untracked();
                                                edit(pid, &mut |w| w.set_status(id, status, day));
                                            }
                                        }>
                                            {STATUSES.iter().map(|s| {
                                                let value = serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                                                view! { <option value=value selected=report.status == *s>{step_status_label(i18n, *s)}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for=progress_id.clone()>{move || t_string!(i18n, package.progress)}</label>
                                        <input id=progress_id type="number" min="0" max="100" step="5" prop:value=report.progress.to_string()
                                            on:change=move |ev| {
                                                if let Ok(p) = event_target_value(&ev).trim().parse::<u8>() {
                                                    edit(pid, &mut |w| w.set_progress(id, p));
                                                }
                                            } />
                                    </div>
                                    <div class="field field--wide">
                                        <label for=result_id.clone()>{move || t_string!(i18n, team.field_result)}</label>
                                        <textarea id=result_id prop:value=move || result.get()
                                            on:input=move |ev| result.set(event_target_value(&ev))
                                            on:change=move |_| { let text = result.get_untracked(); edit(pid, &mut |w| w.set_result(id, &text)); }></textarea>
                                    </div>
                                </div>
                                <form class="form-grid package-step__hours" on:submit=book novalidate>
                                    <div class="field">
                                        <label for=date_id.clone()>{move || t_string!(i18n, package.date)}</label>
                                        <input id=date_id type="date" prop:value=move || hours_date.get() on:input=move |ev| hours_date.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=hours_id.clone()>{move || t_string!(i18n, package.hours_label)}</label>
                                        <input id=hours_id type="text" inputmode="decimal" autocomplete="off"
                                            aria-invalid=move || hours_error.get().to_string()
                                            prop:value=move || hours_text.get() on:input=move |ev| hours_text.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=hnote_id.clone()>{move || t_string!(i18n, package.hours_note)}</label>
                                        <input id=hnote_id type="text" prop:value=move || hours_note.get() on:input=move |ev| hours_note.set(event_target_value(&ev)) />
                                    </div>
                                    <Show when=move || hours_error.get()>
                                        <p class="field__error field--wide" role="alert">{move || t_string!(i18n, package.bad_hours)}</p>
                                    </Show>
                                    <div class="button-row field--wide">
                                        <button type="submit" class="button">{
                                            let title = step_title.clone();
                                            move || t_string!(i18n, package.book, step = &title)
                                        }</button>
                                    </div>
                                </form>
                                <form class="form-grid" on:submit=add_note>
                                    <div class="field field--wide">
                                        <label for=note_id.clone()>{move || t_string!(i18n, package.note)}</label>
                                        <input id=note_id type="text" prop:value=move || note_text.get() on:input=move |ev| note_text.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="button-row field--wide">
                                        <button type="submit" class="button button--ghost">{move || t_string!(i18n, package.add_note)}</button>
                                    </div>
                                </form>
                            </article>
                        }
                    }).collect_view()}
                    <div class="button-row">
                        <button type="button" class="button button--primary" on:click=move |_| export(pid)>
                            {move || t_string!(i18n, package.export)}
                        </button>
                    </div>
                </section>
            }
            }
        </For>
    }
}
