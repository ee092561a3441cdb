//! Exchange with other calendar apps: export the calendar (or one
//! project's part) as `.ics`, and import appointments from an `.ics` file.
//! The import is planned first (`state::calendar_import`), so the good
//! events come in as one action and every broken one is named.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::ProjectId;
use crate::exchange::ical::write_calendar;
use crate::i18n::{t_string, use_i18n};
use crate::state::calendar_export::calendar_events;
use crate::state::calendar_import::{plan_import, ImportPlan, Rejected};
use crate::text::format_bytes;
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::{download_text, read_bytes, take_picked_file};
use crate::ui::clock::use_today;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::messages::{event_warning_text, reject_reason_text};

/// Larger `.ics` files are refused before reading, so the tab stays
/// responsive; a year of a busy calendar is well under a megabyte.
const MAX_ICS_BYTES: usize = 5 * 1024 * 1024;

/// What the last import did, for the notes under the file input.
#[derive(Debug, Clone, PartialEq, Default)]
struct Outcome {
    done: Option<String>,
    problems: Vec<String>,
    notes: Vec<String>,
}

#[component]
pub fn IcsExchange() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let scope = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::default());

    let projects = Memo::new(move |_| state.data.read().projects_by_name());

    let today = use_today();
    let notice = Notice::new();
    let export = move |_| {
        let data = state.data.get_untracked();
        let project = uuid::Uuid::parse_str(&scope.get_untracked())
            .ok()
            .map(ProjectId);
        let today = today.get_untracked();
        let events = calendar_events(&data, &state.calendar.get_untracked(), today, project);
        let name = project
            .and_then(|p| data.project(p))
            .map_or_else(|| "Chefsache".to_string(), |p| p.name.clone());
        let text = write_calendar(&events, &name);
        let file = format!("chefsache-kalender-{}.ics", today.format("%Y-%m-%d"));
        match download_text(&file, "text/calendar", &text) {
            Ok(()) => notice.info(t_string!(i18n, ics.exported, count = events.len()).to_string()),
            Err(_) => notice.error(t_string!(i18n, ics.download_failed).to_string()),
        }
    };

    let describe = move |plan: &ImportPlan| {
        let count = plan.imported.len();
        let done = (count > 0).then(|| t_string!(i18n, ics.imported, count = count).to_string());
        let rejected = |r: &Rejected| {
            let reason = reject_reason_text(i18n, &r.reason);
            match &r.title {
                Some(title) => t_string!(
                    i18n,
                    ics.rejected,
                    event = r.event,
                    title = title,
                    line = r.line,
                    reason = reason
                )
                .to_string(),
                None => t_string!(
                    i18n,
                    ics.rejected_untitled,
                    event = r.event,
                    line = r.line,
                    reason = reason
                )
                .to_string(),
            }
        };
        let mut notes: Vec<String> = plan
            .warnings
            .iter()
            .map(|w| event_warning_text(i18n, w))
            .collect();
        if plan.planning_skipped > 0 {
            notes.push(
                t_string!(i18n, ics.planning_skipped, count = plan.planning_skipped).to_string(),
            );
        }
        let mut problems: Vec<String> = plan.rejected.iter().map(rejected).collect();
        if count == 0 && problems.is_empty() {
            problems.push(t_string!(i18n, ics.nothing).to_string());
        }
        Outcome {
            done,
            problems,
            notes,
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        if file.size() > MAX_ICS_BYTES as f64 {
            let limit = format_bytes(MAX_ICS_BYTES as u64, lang.get_untracked());
            outcome.set(Outcome {
                problems: vec![t_string!(i18n, ics.too_large, limit = &limit)],
                ..Outcome::default()
            });
            return;
        }
        spawn_local(async move {
            let Ok(bytes) = read_bytes(&file).await else {
                outcome.set(Outcome {
                    problems: vec![t_string!(i18n, ics.read_failed).to_string()],
                    ..Outcome::default()
                });
                return;
            };
            let plan = plan_import(&state.data.get_untracked(), &bytes, Utc::now());
            let mut result = describe(&plan);
            if !plan.changes.is_empty() {
                let label = result.done.clone().unwrap_or_default();
                if !notice.run(state, label, Ok(plan.changes)) {
                    result.done = None;
                }
            }
            outcome.set(result);
        });
    };

    view! {
        <section class="card cal-ics" aria-labelledby="ics-title">
            <h2 id="ics-title" class="card__title">{move || t_string!(i18n, ics.title)}</h2>
            <p class="muted">{move || t_string!(i18n, ics.intro)}</p>
            <NoticeRegion notice=notice />
            <div class="cal-ics__export">
                <div class="field">
                    <label for="ics-scope">{move || t_string!(i18n, ics.scope)}</label>
                    <select id="ics-scope" prop:value=move || scope.get() on:change=move |ev| scope.set(event_target_value(&ev))>
                        <option value="">{move || t_string!(i18n, ics.all_projects)}</option>
                        {move || projects.get().into_iter().map(|(id, name)| {
                            let value = id.0.to_string();
                            let selected = value.clone();
                            view! { <option value=value selected=move || scope.get() == selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button" on:click=export>{move || t_string!(i18n, ics.export)}</button>
            </div>
            <div class="field">
                <label for="ics-file">{move || t_string!(i18n, ics.import_label)}</label>
                <input id="ics-file" type="file" accept=".ics,text/calendar" aria-describedby="ics-file-hint" on:change=on_file />
                <p id="ics-file-hint" class="field__hint">{move || t_string!(i18n, ics.import_hint)}</p>
            </div>
            {move || {
                let Outcome { done, problems, notes } = outcome.get();
                view! {
                    {done.map(|text| view! { <p class="notice notice--success" role="status">{text}</p> })}
                    {(!problems.is_empty()).then(|| view! {
                        <div class="notice notice--error cal-ics__problems" role="alert">
                            <p>{t_string!(i18n, ics.rejected_title)}</p>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {(!notes.is_empty()).then(|| view! {
                        <div class="notice notice--info cal-ics__notes">
                            <p>{t_string!(i18n, ics.warnings_title)}</p>
                            <ul>{notes.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    })}
                }
            }}
        </section>
    }
}
