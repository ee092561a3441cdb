//! Data check: the rule breaks in the stored data, however they got there,
//! each named with its record and what is wrong, with one click to repair
//! it (re-link, unlink, a valid value) or set it aside; and the records
//! kept aside (unreadable or set aside), each downloadable as JSON.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::state::repair::{self, Options, Problem, Remedy, Target};
use crate::store::{SetAsideReason, SetAsideRecord};
use crate::text::format_date;
use crate::ui::app_state::{use_app_state, FlashKind};
use crate::ui::browser_files::download_text;
use crate::ui::components::language::use_lang;
use crate::ui::labels::{kind_singular, problem_text};

fn remedy_text(i18n: I18nContext<Locale>, remedy: Remedy) -> String {
    match remedy {
        Remedy::Relink => t_string!(i18n, integrity.remedy_relink),
        Remedy::Unlink => t_string!(i18n, integrity.remedy_unlink),
        Remedy::Fix => t_string!(i18n, integrity.remedy_fix),
        Remedy::SetAsideOnly => t_string!(i18n, integrity.remedy_set_aside_only),
    }
    .to_string()
}

/// The person's repair choices: where orphans go (empty: a new project).
fn options(i18n: I18nContext<Locale>, target: &str) -> Options {
    let target = target
        .parse::<uuid::Uuid>()
        .map(|id| Target::Existing(ProjectId(id)))
        .unwrap_or(Target::New);
    Options {
        target,
        recovered_name: t_string!(i18n, integrity.recovered_name).to_string(),
        unnamed: t_string!(i18n, integrity.unnamed).to_string(),
    }
}

#[component]
pub fn DataCheckSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let target = RwSignal::new(String::new());

    let repair_some = move |chosen: Vec<Problem>, set_aside: bool| {
        let data = state.data.get_untracked();
        let now = Utc::now();
        let (changes, label, done) = if set_aside {
            (
                repair::plan_set_aside(&data, &chosen, now),
                t_string!(i18n, integrity.set_aside).to_string(),
                t_string!(i18n, integrity.set_aside_done).to_string(),
            )
        } else {
            let options = options(i18n, &target.get_untracked());
            (
                repair::plan_repair(&data, &chosen, &options, now),
                t_string!(i18n, integrity.repair).to_string(),
                t_string!(i18n, integrity.repaired).to_string(),
            )
        };
        if state.repair(label, changes) {
            state.show(FlashKind::Info, done);
        }
    };
    let repair_all = move |_| {
        let data = state.data.get_untracked();
        let options = options(i18n, &target.get_untracked());
        let changes = repair::plan_repair_all(&data, &options, Utc::now());
        if state.repair(t_string!(i18n, integrity.repair_all).to_string(), changes) {
            state.show(
                FlashKind::Info,
                t_string!(i18n, integrity.repaired).to_string(),
            );
        }
    };
    let needs_target = move || {
        state
            .problems
            .with(|list| list.iter().any(|p| p.remedy == Remedy::Relink))
    };

    view! {
        <section class="card settings-section" id="settings-data-check" aria-labelledby="settings-data-check-title">
            <h2 id="settings-data-check-title" class="card__title">{move || t_string!(i18n, integrity.check_title)}</h2>
            <p class="muted">{move || t_string!(i18n, integrity.check_intro)}</p>
            {move || {
                let count = state.problems.with(Vec::len);
                if count == 0 {
                    return view! { <p role="status">{t_string!(i18n, integrity.check_ok)}</p> }.into_any();
                }
                view! {
                    <p role="status"><strong>{t_string!(i18n, integrity.check_count, count = count).to_string()}</strong></p>
                }.into_any()
            }}
            <Show when=needs_target>
                <div class="field">
                    <label for="repair-target">{move || t_string!(i18n, integrity.target_label)}</label>
                    <select id="repair-target" prop:value=move || target.get()
                        on:change=move |ev| target.set(event_target_value(&ev))>
                        <option value="">{move || t_string!(i18n, integrity.target_new, name = t_string!(i18n, integrity.recovered_name)).to_string()}</option>
                        {move || state.data.with(|d| d.projects.iter().map(|p| {
                            let id = p.id.0.to_string();
                            view! { <option value=id>{p.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </div>
            </Show>
            <Show when=move || !state.problems.with(Vec::is_empty)>
                <ul class="plain-list" aria-labelledby="settings-data-check-title">
                    <For each=move || state.problems.get()
                        key=|p| p.error.clone()
                        let:problem>
                        {
                            let named = t_string!(
                                i18n,
                                integrity.record_named,
                                kind = kind_singular(i18n, problem.record.kind),
                                label = &problem.label
                            )
                            .to_string();
                            let what = problem_text(i18n, &problem.error);
                            let remedy = remedy_text(i18n, problem.remedy);
                            let can_repair = problem.remedy != Remedy::SetAsideOnly;
                            let (one, two) = (problem.clone(), problem.clone());
                            view! {
                                <li class="list-row">
                                    <span>
                                        <strong>{named}</strong> " " {what}
                                        <br/><span class="muted">{remedy}</span>
                                    </span>
                                    <span class="button-row">
                                        {can_repair.then(|| view! {
                                            <button type="button" class="button" on:click=move |_| repair_some(vec![one.clone()], false)>
                                                {t_string!(i18n, integrity.repair)}
                                            </button>
                                        })}
                                        <button type="button" class="button button--ghost" on:click=move |_| repair_some(vec![two.clone()], true)>
                                            {t_string!(i18n, integrity.set_aside)}
                                        </button>
                                    </span>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <div class="button-row">
                    <button type="button" class="button button--primary" on:click=repair_all>
                        {move || t_string!(i18n, integrity.repair_all)}
                    </button>
                </div>
            </Show>
        </section>
        <SetAsideSection />
    }
}

/// The records kept raw in the store, each downloadable.
#[component]
fn SetAsideSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let download = move |name: String, text: String| {
        if download_text(&name, "application/json", &text).is_err() {
            state.show(
                FlashKind::Error,
                t_string!(i18n, vcard.download_failed).to_string(),
            );
        }
    };
    let download_all = move |_| {
        let list = state.set_aside.get_untracked();
        let text = serde_json::to_string_pretty(&list).unwrap_or_default();
        download("chefsache-set-aside.json".into(), text);
    };
    let reason = move |record: &SetAsideRecord| match record.reason {
        SetAsideReason::Undecodable { .. } => t_string!(i18n, integrity.aside_undecodable),
        SetAsideReason::BrokenRule { .. } => t_string!(i18n, integrity.aside_broken_rule),
    };
    view! {
        <section class="card settings-section" aria-labelledby="settings-set-aside">
            <h2 id="settings-set-aside" class="card__title">{move || t_string!(i18n, integrity.aside_title)}</h2>
            <p class="muted">{move || t_string!(i18n, integrity.aside_intro)}</p>
            {move || {
                let list = state.set_aside.get();
                if list.is_empty() {
                    return view! { <p>{t_string!(i18n, integrity.aside_none)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list" aria-labelledby="settings-set-aside">
                        {list.into_iter().map(|record| {
                            let id = record
                                .record_id
                                .clone()
                                .unwrap_or_else(|| t_string!(i18n, integrity.aside_unknown_id).to_string());
                            let when = format_date(record.at.date_naive(), lang.get());
                            let file = format!("chefsache-set-aside-{}.json", record.id);
                            let text = record.to_download();
                            view! {
                                <li class="list-row">
                                    <span>
                                        <strong>{kind_singular(i18n, record.kind)}</strong>
                                        " · " <code>{id}</code>
                                        <br/><span class="muted">{reason(&record)} " · " {when}</span>
                                    </span>
                                    <button type="button" class="button" on:click=move |_| download(file.clone(), text.clone())>
                                        {t_string!(i18n, integrity.aside_download)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <div class="button-row">
                        <button type="button" class="button button--ghost" on:click=download_all>
                            {t_string!(i18n, integrity.aside_download_all)}
                        </button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
