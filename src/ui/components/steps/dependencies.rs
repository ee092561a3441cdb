//! Picking a step's predecessors. A pick that would close a cycle is
//! refused at once by the command, with the steps named.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::StepId;
use crate::i18n::{t_string, use_i18n};
use crate::numbers;
use crate::state::commands;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::number_input::{NumberField, NumberText};

#[component]
pub fn DependencyEditor(step: StepId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let pick = RwSignal::new(String::new());
    let lag = NumberText::new("0".to_string());
    let lang = use_lang();
    let notice = Notice::new();

    let current = Memo::new(move |_| {
        let data = state.data.read();
        data.step(step)
            .map(|s| {
                s.dependencies
                    .iter()
                    .map(|d| {
                        (
                            d.predecessor,
                            data.step(d.predecessor)
                                .map(|p| p.title.clone())
                                .unwrap_or_default(),
                            d.lag_days,
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let candidates = Memo::new(move |_| {
        let data = state.data.read();
        let Some(me) = data.step(step) else {
            return Vec::new();
        };
        data.steps_of(me.project)
            .into_iter()
            .filter(|s| s.id != step && !me.depends_on(s.id))
            .map(|s| (s.id.0.to_string(), s.title.clone()))
            .collect::<Vec<_>>()
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(uuid) = uuid::Uuid::parse_str(&pick.get_untracked()) else {
            return;
        };
        let lang = lang.get_untracked();
        let Some(lag_days) = lag.read(|t| numbers::integer(t, lang, -365, 365)) else {
            return;
        };
        let lag_days = lag_days as i32;
        let result = commands::add_dependency(
            &state.data.get_untracked(),
            step,
            StepId(uuid),
            lag_days,
            Utc::now(),
        );
        if notice.run(state, t_string!(i18n, steps.dep_added), result) {
            pick.set(String::new());
            lag.set("0".into());
        }
    };

    let field = move |name: &str| format!("dep-{}-{name}", step.0.simple());
    view! {
        <div class="dependencies">
            <h4 class="dependencies__title">{move || t_string!(i18n, steps.depends_on)}</h4>
            <Show when=move || !current.read().is_empty()
                fallback=move || view! { <p class="muted">{move || t_string!(i18n, steps.no_deps)}</p> }>
                <ul class="plain-list">
                    {move || current.get().into_iter().map(|(pred, title, lag_days)| {
                        let remove_label = format!("{} {}", t_string!(i18n, steps.remove_dep), title);
                        view! {
                            <li class="list-row">
                                <span>{title.clone()} {(lag_days != 0).then(|| format!(" (+{lag_days})"))}</span>
                                <button type="button" class="button button--ghost" aria-label=remove_label
                                    on:click=move |_| {
                                        let result = commands::remove_dependency(&state.data.get_untracked(), step, pred, Utc::now());
                                        notice.run(state, t_string!(i18n, steps.dep_removed), result);
                                    }>
                                    {move || t_string!(i18n, steps.remove_dep)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <form class="dependencies__add" on:submit=add>
                <div class="field">
                    <label for=field("pred")>{move || t_string!(i18n, steps.predecessor)}</label>
                    <select id=field("pred") prop:value=move || pick.get() on:change=move |ev| pick.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {move || candidates.get().into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                    </select>
                </div>
                <NumberField id=field("lag") label=Signal::derive(move || t_string!(i18n, steps.lag).to_string()) value=lag class="field--narrow" />
                <button type="submit" class="button" disabled=move || pick.get().is_empty()>
                    {move || t_string!(i18n, steps.add_dep)}
                </button>
            </form>
            // A refused pick (it would close a cycle) is explained here.
            <NoticeRegion notice=notice />
        </div>
    }
}
