//! The project's baselines: the current one (date and note), every earlier
//! one (each opens the analysis against it), and re-baselining with a note.

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::ProjectId;
use crate::i18n::{t_string, use_i18n};
use crate::state::baseline::take_baseline;
use crate::ui::app_state::use_app_state;
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::components::project_closed::use_project_closed;

/// When a baseline was taken, as a local date.
pub fn taken_text(taken: chrono::DateTime<Utc>, lang: crate::text::Lang) -> String {
    crate::text::format_date(taken.with_timezone(&chrono::Local).date_naive(), lang)
}

#[component]
pub fn BaselinePanel(project: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let today = crate::ui::clock::use_today();
    let closed = use_project_closed(project);
    let notice = Notice::new();
    let note = RwSignal::new(String::new());
    // (number, taken, note), oldest first.
    let baselines = Memo::new(move |_| {
        state
            .data
            .read()
            .project(project)
            .map(|p| {
                p.baselines
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (i, b.taken, b.note.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let rebaseline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = take_baseline(
            &state.data.get_untracked(),
            project,
            &state.calendar.get_untracked(),
            today.get_untracked(),
            Utc::now(),
            &note.get_untracked(),
        );
        let label = t_string!(i18n, analysis.rebaselined);
        if notice.run(state, label, result) {
            notice.info(label);
            note.set(String::new());
        }
    };
    let note_text = move |text: &str| {
        if text.is_empty() {
            t_string!(i18n, analysis.no_note).to_string()
        } else {
            text.to_string()
        }
    };
    view! {
        <section class="card" aria-labelledby="baseline-title">
            <h2 id="baseline-title" class="card__title">{move || t_string!(i18n, analysis.baseline_title)}</h2>
            {move || match baselines.get().last().cloned() {
                None => view! { <p class="muted">{move || t_string!(i18n, analysis.no_baseline)}</p> }.into_any(),
                Some((_, taken, text)) => view! {
                    <p class="baseline-current">
                        {move || t_string!(i18n, analysis.current_baseline, date = taken_text(taken, lang.get()))}
                        " · " {note_text(&text)}
                    </p>
                }.into_any(),
            }}
            <Show when=move || { baselines.read().len() > 1 }>
                <h3 class="step-group__title">{move || t_string!(i18n, analysis.earlier_baselines)}</h3>
                <ol class="baseline-list">
                    {move || baselines.get().into_iter().rev().skip(1).map(|(i, taken, text)| view! {
                        <li>
                            <span>{move || taken_text(taken, lang.get())} " · " {note_text(&text)}</span>
                            " "
                            <A href=format!("/projects/{}/analysis?baseline={}", project.0, i + 1)>
                                {move || t_string!(i18n, analysis.compare_with, date = taken_text(taken, lang.get()))}
                            </A>
                        </li>
                    }).collect_view()}
                </ol>
            </Show>
            <Show when=move || !closed.get()>
                <form class="form-grid baseline-form" on:submit=rebaseline novalidate>
                    <div class="field field--wide">
                        <label for="baseline-note">{move || t_string!(i18n, analysis.baseline_note)}</label>
                        <input id="baseline-note" type="text" autocomplete="off"
                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    </div>
                    <div class="button-row field--wide">
                        <button type="submit" class="button">{move || t_string!(i18n, analysis.rebaseline)}</button>
                    </div>
                </form>
            </Show>
            <NoticeRegion notice=notice />
        </section>
    }
}
