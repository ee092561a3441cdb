//! Backup: export everything to one JSON file; import one with a check
//! first, a preview, and the choice to replace or merge. The import
//! pipeline (validate, migrate, then apply) lives in `exchange::backup`;
//! this file only moves bytes and shows results.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::RecordKind;
use crate::exchange::backup::{self, Backup, ImportPreview, MAX_BACKUP_BYTES};
use crate::i18n::{t_string, use_i18n};
use crate::state::repair;
use crate::state::sample::{days_to_today, shift_dataset};
use crate::store::SnapshotReason;
use crate::ui::app_state::use_app_state;
use crate::ui::browser_files::{
    download_text, next_paint, read_bytes, take_picked_file, yield_now,
};
use crate::ui::components::language::use_lang;
use crate::ui::components::notice::{Notice, NoticeRegion};
use crate::ui::labels::kind_label;
use crate::ui::messages::{import_error_text, validation_text};

/// A checked backup waiting for the person's decision.
#[derive(Clone)]
struct Pending {
    source: String,
    backup: Backup,
    preview: ImportPreview,
    /// Rule breaks in the backup's data, repaired on import.
    problems: usize,
    /// The first of them, to name in the preview.
    first_problems: Vec<crate::domain::ValidationError>,
}

/// How many rule breaks the preview names; the count says the rest.
const PROBLEMS_NAMED: usize = 10;

/// Where a long import stands, shown while it runs. The check yields to
/// the browser between its phases, so the page stays responsive and the
/// text moves on even for a large file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Progress {
    /// Reading the file's bytes.
    Reading,
    /// Decoding the records.
    Decoding,
    /// Checking the rules and comparing with the stored data.
    Comparing,
    /// Writing this many records.
    Writing(usize),
}

#[component]
pub fn BackupSection(snapshots_changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let lang = use_lang();
    let exporting = RwSignal::new(false);
    let progress = RwSignal::new(None::<Progress>);
    let pending: RwSignal<Option<Pending>, LocalStorage> = RwSignal::new_local(None);
    let error = RwSignal::new(None::<String>);

    // Messages of this section appear in it.
    let notice = Notice::new();
    let export = move |_| {
        exporting.set(true);
        spawn_local(async move {
            // Let the progress bar paint before the (synchronous) export.
            next_paint().await;
            let data = state.data.get_untracked();
            let count = data.counts().total();
            let now = Utc::now();
            let json = backup::export_json(&data, env!("CARGO_PKG_VERSION"), now);
            let name = format!("chefsache-backup-{}.json", now.format("%Y-%m-%d"));
            exporting.set(false);
            match download_text(&name, "application/json", &json) {
                Ok(()) => notice.info(t_string!(i18n, backup.exported, count = count).to_string()),
                Err(_) => notice.error(t_string!(i18n, errors.download_failed)),
            }
        });
    };

    // Checks bytes from a file or the sample; nothing changes yet. Each
    // phase is one piece of synchronous work; between them the browser
    // gets a turn, so the progress text is painted and input is heard.
    let today = crate::ui::clock::use_today();
    let check = move |source: String, bytes: Vec<u8>, sample: bool| async move {
        progress.set(Some(Progress::Decoding));
        yield_now().await;
        // The app's own export of damaged data must import again: rule
        // breaks are shown in the preview and repaired on import.
        let parsed = backup::parse_backup_unchecked(&bytes);
        drop(bytes);
        match parsed {
            Ok(mut parsed) => {
                if sample {
                    // The sample's week becomes this week (see state::sample).
                    let days =
                        days_to_today(parsed.exported_at.date_naive(), today.get_untracked());
                    parsed.data = shift_dataset(&parsed.data, days);
                }
                progress.set(Some(Progress::Comparing));
                yield_now().await;
                let preview = ImportPreview::new(&state.data.get_untracked(), &parsed.data);
                let found = repair::problems(&parsed.data);
                let problems = found.len();
                let first_problems = found
                    .into_iter()
                    .take(PROBLEMS_NAMED)
                    .map(|p| p.error)
                    .collect();
                error.set(None);
                pending.set(Some(Pending {
                    source,
                    backup: parsed,
                    preview,
                    problems,
                    first_problems,
                }));
            }
            Err(reason) => {
                pending.set(None);
                let reason = import_error_text(i18n, &reason, lang.get_untracked());
                error.set(Some(
                    t_string!(i18n, backup.failed, reason = reason).to_string(),
                ));
            }
        }
        progress.set(None);
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_picked_file(&ev) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_BACKUP_BYTES as f64 {
            // Refused before reading, so a huge file cannot freeze the tab.
            let reason = backup::ImportError::TooLarge {
                size: file.size() as usize,
                limit: MAX_BACKUP_BYTES,
            };
            let reason = import_error_text(i18n, &reason, lang.get_untracked());
            error.set(Some(
                t_string!(i18n, backup.failed, reason = reason).to_string(),
            ));
            return;
        }
        progress.set(Some(Progress::Reading));
        spawn_local(async move {
            // Reading is asynchronous: the browser paints the progress
            // meanwhile.
            match read_bytes(&file).await {
                Ok(bytes) => check(name, bytes, false).await,
                Err(_) => {
                    progress.set(None);
                    let reason = t_string!(i18n, errors.file_unreadable);
                    error.set(Some(
                        t_string!(i18n, backup.failed, reason = reason).to_string(),
                    ));
                }
            }
        });
    };

    let apply = move |merge: bool| {
        let Some(Pending {
            source,
            backup: incoming,
            problems,
            ..
        }) = pending.get_untracked()
        else {
            return;
        };
        if progress.get_untracked().is_some() {
            return; // one import at a time
        }
        progress.set(Some(Progress::Writing(incoming.data.counts().total())));
        spawn_local(async move {
            yield_now().await;
            let current = state.data.get_untracked();
            let result = if problems > 0 {
                let options = repair::Options {
                    target: repair::Target::New,
                    recovered_name: t_string!(i18n, integrity.recovered_name).to_string(),
                    unnamed: t_string!(i18n, integrity.unnamed).to_string(),
                };
                let repaired = repair::repair_for_import(&incoming.data, &options, Utc::now());
                // What could not be repaired is named in the data check.
                Ok(if merge {
                    backup::merge_unchecked(&current, &repaired)
                } else {
                    repaired
                })
            } else if merge {
                backup::merge(&current, &incoming.data)
            } else {
                backup::replace(&incoming.data)
            };
            let next = match result {
                Ok(next) => next,
                Err(reason) => {
                    progress.set(None);
                    let reason = import_error_text(i18n, &reason, lang.get_untracked());
                    error.set(Some(
                        t_string!(i18n, backup.failed, reason = reason).to_string(),
                    ));
                    return;
                }
            };
            let count = next.counts().total();
            let reason = if merge {
                SnapshotReason::BeforeMerge { file: source }
            } else {
                SnapshotReason::BeforeImport { file: source }
            };
            // A merge writes only what it adds or changes; a replace
            // clears and writes everything; both in one transaction.
            let written = if merge {
                state.merge_all(next, reason).await
            } else {
                state.replace_all(next, reason).await
            };
            progress.set(None);
            match written {
                Ok(()) => {
                    pending.set(None);
                    snapshots_changed.update(|n| *n += 1);
                    notice.info(t_string!(i18n, backup.imported, count = count).to_string());
                }
                Err(store_error) => {
                    let reason = state.store_error_text(&store_error);
                    error.set(Some(
                        t_string!(i18n, backup.failed, reason = &reason).to_string(),
                    ));
                }
            }
        });
    };

    let load_sample = move |_| {
        progress.set(Some(Progress::Reading));
        spawn_local(async move {
            match fetch_bytes("/samples/freelancer.json").await {
                Some(bytes) => {
                    check("freelancer.json".into(), bytes, true).await;
                    // On an empty database there is nothing to replace or
                    // merge with: one click loads it (a restore point is
                    // still taken).
                    let empty = state.data.with_untracked(|d| d.counts().total() == 0);
                    if empty && pending.with_untracked(Option::is_some) {
                        apply(false);
                    }
                }
                None => {
                    progress.set(None);
                    let reason = t_string!(i18n, errors.sample_unavailable);
                    error.set(Some(
                        t_string!(i18n, backup.failed, reason = reason).to_string(),
                    ));
                }
            }
        });
    };

    view! {
        <section class="card settings-section" aria-labelledby="settings-backup">
            <h2 id="settings-backup" class="card__title">{move || t_string!(i18n, backup.title)}</h2>
            <p>{move || t_string!(i18n, backup.intro)}</p>
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=export disabled=move || exporting.get()>
                    {move || t_string!(i18n, backup.export)}
                </button>
                <button type="button" class="button" on:click=load_sample>
                    {move || t_string!(i18n, backup.sample)}
                </button>
            </div>
            <Show when=move || exporting.get()>
                <progress aria-label=move || t_string!(i18n, backup.exporting)></progress>
            </Show>
            <div class="field">
                <label for="backup-file">{move || t_string!(i18n, backup.import_label)}</label>
                <input id="backup-file" type="file" accept=".json,application/json" on:change=on_file />
                <p class="field__hint">{move || t_string!(i18n, backup.sample_hint)}</p>
            </div>
            {move || progress.get().map(|step| {
                let text = match step {
                    Progress::Reading => t_string!(i18n, import_progress.reading).to_string(),
                    Progress::Decoding => t_string!(i18n, import_progress.decoding).to_string(),
                    Progress::Comparing => t_string!(i18n, import_progress.comparing).to_string(),
                    Progress::Writing(count) => t_string!(i18n, import_progress.writing, count = count).to_string(),
                };
                view! { <p role="status"><progress aria-label=text.clone()></progress> " " {text}</p> }
            })}
            {move || error.get().map(|text| view! { <p class="notice notice--error" role="alert">{text}</p> })}
            <NoticeRegion notice=notice />
            {move || pending.get().map(|p| view! {
                <div class="import-preview" role="region" aria-labelledby="import-preview-title">
                    <h3 id="import-preview-title">{t_string!(i18n, backup.preview_title)} ": " {p.source.clone()}</h3>
                    <p>{t_string!(i18n, backup.preview_intro)}</p>
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{t_string!(i18n, backup.kind)}</th>
                                <th scope="col" class="num">{t_string!(i18n, backup.in_file)}</th>
                                <th scope="col" class="num">{t_string!(i18n, backup.new)}</th>
                                <th scope="col" class="num">{t_string!(i18n, backup.updated)}</th>
                                <th scope="col" class="num">{t_string!(i18n, backup.unchanged)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {RecordKind::ALL.iter().filter_map(|kind| p.preview.kind(*kind).copied()).map(|k| view! {
                                <tr>
                                    <th scope="row">{kind_label(i18n, k.kind)}</th>
                                    <td class="num">{k.incoming}</td>
                                    <td class="num">{k.new}</td>
                                    <td class="num">{k.updated}</td>
                                    <td class="num">{k.unchanged}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(p.problems > 0).then(|| view! {
                        <div class="notice notice--warning" role="status">
                            <p>{t_string!(i18n, integrity.import_problems, count = p.problems).to_string()}</p>
                            <ul>
                                {p.first_problems.iter().map(|e| view! { <li>{validation_text(i18n, e)}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    <p class="field__hint">{t_string!(i18n, backup.replace_hint)}</p>
                    <div class="button-row">
                        <button type="button" class="button button--primary" on:click=move |_| apply(false) disabled=move || progress.get().is_some()>
                            {if p.problems > 0 { t_string!(i18n, integrity.import_repair_replace) } else { t_string!(i18n, backup.replace) }}
                        </button>
                        <button type="button" class="button" on:click=move |_| apply(true) disabled=move || progress.get().is_some()>
                            {if p.problems > 0 { t_string!(i18n, integrity.import_repair_merge) } else { t_string!(i18n, backup.merge) }}
                        </button>
                        <button type="button" class="button button--ghost" on:click=move |_| pending.set(None)>
                            {t_string!(i18n, backup.cancel)}
                        </button>
                    </div>
                </div>
            })}
        </section>
    }
}

/// Fetches a file of the app itself (same origin, also offline from the
/// service worker's cache).
async fn fetch_bytes(path: &str) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().ok()?)
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
