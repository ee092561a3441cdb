//! vCard import on the address book: read a `.vcf` file, report broken
//! cards by position, ask per card that matches an existing contact whether
//! to merge or skip it, and then add everything in one undoable action.
//! The sorting and merging rules live in `state::contact_import`.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::Contact;
use crate::exchange::vcard::{
    parse_vcard_bytes, CardError, CardProblem, CardWarning, MAX_VCARD_BYTES,
};
use crate::i18n::{t_string, use_i18n};
use crate::state::commands;
use crate::state::contact_import::{assign_role, plan_import, ImportPlan};
use crate::text::format_bytes;
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::{next_paint, read_bytes, take_picked_file};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::labels::{from_option_value, option_value, role_label, ROLES};
use crate::ui::messages::{card_problem_text, card_warning_text};

/// A person's answer for one conflicting card.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decision {
    Merge,
    Skip,
}

/// The file input, the report of skipped cards and the merge-or-skip
/// review.
#[component]
pub fn VCardImport() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let reading = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let lang = use_lang();
    let skipped = RwSignal::new(Vec::<CardError>::new());
    let left_out = RwSignal::new(Vec::<CardWarning>::new());
    let review = RwSignal::new(None::<ImportPlan>);
    let role = RwSignal::new(None::<crate::domain::Role>);
    let decisions = RwSignal::new(Vec::<Option<Decision>>::new());

    let notice = Notice::new();
    // Adds the new contacts and the chosen merges in one action.
    let finish = move |plan: ImportPlan, choices: Vec<Option<Decision>>| {
        let new: Vec<Contact> = plan.new.into_iter().map(|(_, c)| c).collect();
        let merges: Vec<_> = plan
            .conflicts
            .into_iter()
            .zip(choices)
            .filter(|(_, d)| *d == Some(Decision::Merge))
            .map(|(c, _)| (c.existing, c.incoming))
            .collect();
        review.set(None);
        if new.is_empty() && merges.is_empty() {
            notice.info(t_string!(i18n, vcard.nothing));
            return;
        }
        // "1 Kontakt importiert, 2 zusammengeführt": each count its own plural.
        let label = format!(
            "{}, {}",
            t_string!(i18n, vcard.imported, count = new.len()),
            t_string!(i18n, vcard.merged, count = merges.len())
        );
        let data = state.data.get_untracked();
        if notice.run(
            state,
            label.clone(),
            commands::import_contacts(&data, &new, &merges, Utc::now()),
        ) {
            notice.info(label);
        }
    };

    let take = move |bytes: Vec<u8>| {
        let mut plan = plan_import(
            &state.data.get_untracked(),
            parse_vcard_bytes(&bytes),
            Utc::now(),
        );
        if let Some(role) = role.get_untracked() {
            assign_role(&mut plan, role);
        }
        reading.set(false);
        let nothing_read = plan.new.is_empty() && plan.conflicts.is_empty();
        if nothing_read {
            // Card 0 is the file as a whole: not text, or no card in it.
            if let Some(whole) = plan.errors.iter().find(|e| e.position.card == 0) {
                problem.set(Some(match &whole.problem {
                    CardProblem::NotText(_) => card_problem_text(i18n, &whole.problem),
                    _ => t_string!(i18n, vcard.no_cards).to_string(),
                }));
                return;
            }
        }
        skipped.set(plan.errors.clone());
        left_out.set(plan.warnings.clone());
        if plan.conflicts.is_empty() {
            finish(plan, Vec::new());
        } else {
            decisions.set(vec![None; plan.conflicts.len()]);
            review.set(Some(plan));
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        problem.set(None);
        skipped.set(Vec::new());
        left_out.set(Vec::new());
        review.set(None);
        if file.size() > MAX_VCARD_BYTES as f64 {
            let limit = format_bytes(MAX_VCARD_BYTES as u64, lang.get_untracked());
            problem.set(Some(
                t_string!(i18n, vcard.too_large, limit = &limit).to_string(),
            ));
            return;
        }
        reading.set(true);
        spawn_local(async move {
            next_paint().await;
            match read_bytes(&file).await {
                Ok(bytes) => take(bytes),
                Err(_) => {
                    reading.set(false);
                    problem.set(Some(t_string!(i18n, vcard.read_failed).to_string()));
                }
            }
        });
    };

    let undecided = move || decisions.read().iter().filter(|d| d.is_none()).count();
    let decide = move |index: usize, decision: Decision| {
        decisions.update(|list| {
            if let Some(slot) = list.get_mut(index) {
                *slot = Some(decision);
            }
        })
    };

    view! {
        <div class="field">
            <label for="vcard-role">{move || t_string!(i18n, vcard.import_role)}</label>
            <select id="vcard-role" on:change=move |ev| role.set(from_option_value(&ROLES, &event_target_value(&ev)))>
                <option value="" selected=move || role.get().is_none()>{move || t_string!(i18n, vcard.no_role)}</option>
                {ROLES.iter().map(|r| {
                    let r = *r;
                    view! { <option value=option_value(&ROLES, &r) selected=move || role.get() == Some(r)>{move || role_label(i18n, r)}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="vcard-file">{move || t_string!(i18n, vcard.import_label)}</label>
            <input id="vcard-file" type="file" accept=".vcf,.vcard,text/vcard,text/x-vcard" on:change=on_file
                aria-describedby="vcard-file-hint" />
            <p id="vcard-file-hint" class="field__hint">{move || t_string!(i18n, vcard.import_hint)}</p>
        </div>
        <Show when=move || reading.get()>
            <p role="status"><progress aria-label=move || t_string!(i18n, vcard.reading)></progress> " " {move || t_string!(i18n, vcard.reading)}</p>
        </Show>
        {move || problem.get().map(|text| view! { <p class="notice notice--error" role="alert">{text}</p> })}
        <NoticeRegion notice=notice />
        <Show when=move || !skipped.read().is_empty()>
            <div class="notice notice--warning" role="alert">
                <ul class="plain-list-reset">
                    {move || skipped.get().into_iter().map(|e| view! {
                        <li>{t_string!(i18n, vcard.card_skipped, card = e.position.card, line = e.position.line, reason = card_problem_text(i18n, &e.problem))}</li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
        <Show when=move || !left_out.read().is_empty()>
            <div class="notice notice--warning" role="status">
                <ul class="plain-list-reset">
                    {move || left_out.get().into_iter().map(|w| view! {
                        <li>{card_warning_text(i18n, &w, lang.get_untracked())}</li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
        {move || review.get().map(|plan| {
            let data = state.data.read_untracked();
            let rows: Vec<(usize, usize, String, String)> = plan.conflicts.iter().enumerate().map(|(i, c)| {
                let existing = data.contact(c.existing).map(|e| e.name.clone()).unwrap_or_default();
                (i, c.position.card, c.incoming.name.clone(), existing)
            }).collect();
            drop(data);
            let intro = format!(
                "{} {} {}",
                t_string!(i18n, vcard.review_new, count = plan.new.len()),
                t_string!(i18n, vcard.review_matches, count = plan.conflicts.len()),
                t_string!(i18n, vcard.review_decide)
            );
            let repeated = plan.repeated;
            let for_finish = plan.clone();
            view! {
                <div class="import-preview" role="region" aria-labelledby="vcard-review-title">
                    <h3 id="vcard-review-title">{t_string!(i18n, vcard.review_title)}</h3>
                    <p>{intro}</p>
                    {(repeated > 0).then(|| view! { <p class="muted">{t_string!(i18n, vcard.repeated, count = repeated)}</p> })}
                    <p class="field__hint">{t_string!(i18n, vcard.merge_hint)}</p>
                    <ul class="plain-list">
                        {rows.into_iter().map(|(index, card, incoming, existing)| {
                            let text = t_string!(i18n, vcard.matches, card = &card, incoming = &incoming, existing = &existing);
                            let group = format!("vcard-conflict-{index}");
                            let is = move |d: Decision| decisions.read().get(index).copied().flatten() == Some(d);
                            view! {
                                <li class="list-row">
                                    <span id=group.clone()>{text}</span>
                                    <span class="button-row" role="group" aria-labelledby=group>
                                        <button type="button" class="button" aria-pressed=move || is(Decision::Merge).to_string()
                                            on:click=move |_| decide(index, Decision::Merge)>
                                            {t_string!(i18n, vcard.merge)}
                                        </button>
                                        <button type="button" class="button" aria-pressed=move || is(Decision::Skip).to_string()
                                            on:click=move |_| decide(index, Decision::Skip)>
                                            {t_string!(i18n, vcard.skip)}
                                        </button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <Show when=move || { undecided() > 0 }>
                        <p class="muted" role="status">{move || t_string!(i18n, vcard.undecided, count = undecided())}</p>
                    </Show>
                    <div class="button-row">
                        <button type="button" class="button button--primary" disabled=move || { undecided() > 0 }
                            on:click={
                                let plan = for_finish.clone();
                                move |_| finish(plan.clone(), decisions.get_untracked())
                            }>
                            {t_string!(i18n, vcard.finish)}
                        </button>
                        <button type="button" class="button button--ghost" on:click=move |_| review.set(None)>
                            {t_string!(i18n, vcard.cancel)}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
