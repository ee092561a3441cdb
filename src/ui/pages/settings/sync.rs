//! Settings › Sync: the server, database and user (never the password),
//! "Test connection" (which says what failed), sync on and off, the
//! conflicts to decide, and sharing one project as its own database.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::fields::Fields;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::sync::conflicts::{self, Conflict};
use crate::sync::merge::{keep_whole, resolve, Merge, Side};
use crate::sync::settings::project_database;
use crate::sync::{SettingsError, SyncSettings};
use crate::ui::app_state::use_app_state;
use crate::ui::labels::{field_label, value_text};
use crate::ui::sync::connection::{self, Outcome};
use crate::ui::sync::texts::{is_database_error, settings_error_text};
use crate::ui::sync::{bridge, config};

fn outcome_text(i18n: I18nContext<Locale>, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Connected { user } => t_string!(i18n, sync.test_ok, user = user).to_string(),
        Outcome::Field(error) => settings_error_text(i18n, error),
        Outcome::NeedsReload => t_string!(i18n, sync.needs_reload).to_string(),
        Outcome::Unreachable => t_string!(i18n, sync.unreachable).to_string(),
        Outcome::CorsBlocked => t_string!(i18n, sync.cors_blocked).to_string(),
        Outcome::WrongPassword => t_string!(i18n, sync.wrong_password).to_string(),
        Outcome::Forbidden => t_string!(i18n, sync.forbidden).to_string(),
        Outcome::DatabaseMissing => t_string!(i18n, sync.db_missing).to_string(),
        Outcome::Created => t_string!(i18n, sync.db_created).to_string(),
        Outcome::CreateRefused => t_string!(i18n, sync.create_refused).to_string(),
        Outcome::Server(status) => t_string!(i18n, sync.server_error, status = *status).to_string(),
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[component]
pub fn SyncSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let stored = config::settings();
    let server = RwSignal::new(stored.server.clone());
    let database = RwSignal::new(if stored.database.is_empty() {
        "chefsache".to_owned()
    } else {
        stored.database.clone()
    });
    let user = RwSignal::new(stored.user.clone());
    let password = RwSignal::new(String::new());
    let enabled = RwSignal::new(stored.enabled);
    let field_error = RwSignal::new(None::<SettingsError>);
    let outcome = RwSignal::new(None::<Outcome>);
    let testing = RwSignal::new(false);

    let current = move || SyncSettings {
        server: server.get_untracked().trim().to_owned(),
        database: database.get_untracked().trim().to_owned(),
        user: user.get_untracked().trim().to_owned(),
        enabled: enabled.get_untracked(),
    };
    // Checks and keeps the settings; a new server origin reloads the page
    // so its policy names it (public/csp.js).
    let save = move || -> Option<SyncSettings> {
        let settings = current();
        match settings.check() {
            Ok(origin) => {
                field_error.set(None);
                config::save_settings(&settings);
                if config::allowed_origin().as_deref() != Some(origin.as_str()) {
                    config::set_allowed_origin(Some(origin.as_str()));
                    reload();
                    return None;
                }
                Some(settings)
            }
            Err(error) => {
                field_error.set(Some(error));
                None
            }
        }
    };
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save();
    };
    let on_test = move |_| {
        let Some(settings) = save() else { return };
        let typed = password.get_untracked();
        // Used for this one sign-in, then forgotten.
        password.set(String::new());
        testing.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = connection::test(&settings, &typed).await;
            testing.set(false);
            outcome.set(Some(result));
        });
    };
    let on_create = move |_| {
        let settings = current();
        spawn_local(async move {
            outcome.set(Some(connection::create(&settings).await));
        });
    };
    let toggle = move |_| {
        let on = !enabled.get_untracked();
        enabled.set(on);
        let Some(_) = save() else { return };
        if on {
            crate::ui::sync::start(state);
        } else {
            bridge::stop();
        }
    };
    let forget = move |_| {
        bridge::stop();
        config::save_settings(&SyncSettings::default());
        config::set_allowed_origin(None);
        reload();
    };

    let server_error = move || {
        field_error
            .get()
            .filter(|e| !is_database_error(e))
            .map(|e| settings_error_text(i18n, &e))
    };
    let database_error = move || {
        field_error
            .get()
            .filter(is_database_error)
            .map(|e| settings_error_text(i18n, &e))
    };
    let configured = config::allowed_origin().is_some();

    view! {
        <section class="card settings-section" aria-labelledby="settings-sync">
            <h2 id="settings-sync" class="card__title">{move || t_string!(i18n, sync.title)}</h2>
            <p class="field__hint">{move || t_string!(i18n, sync.intro)}</p>
            <form class="form-grid" on:submit=on_save novalidate=true>
                <div class="field">
                    <label for="sync-server">{move || t_string!(i18n, sync.server)}</label>
                    <input id="sync-server" type="url" inputmode="url" autocomplete="url"
                        aria-describedby="sync-server-hint"
                        aria-invalid=move || server_error().is_some().to_string()
                        prop:value=move || server.get()
                        on:input=move |ev| server.set(event_target_value(&ev)) />
                    <p id="sync-server-hint" class="field__hint">{move || t_string!(i18n, sync.server_hint)}</p>
                    {move || server_error().map(|text| view! { <p class="field__error" role="alert">{text}</p> })}
                </div>
                <div class="field">
                    <label for="sync-database">{move || t_string!(i18n, sync.database)}</label>
                    <input id="sync-database" type="text" autocomplete="off" spellcheck="false"
                        aria-invalid=move || database_error().is_some().to_string()
                        prop:value=move || database.get()
                        on:input=move |ev| database.set(event_target_value(&ev)) />
                    {move || database_error().map(|text| view! { <p class="field__error" role="alert">{text}</p> })}
                </div>
                <div class="field">
                    <label for="sync-user">{move || t_string!(i18n, sync.user)}</label>
                    <input id="sync-user" type="text" autocomplete="username"
                        prop:value=move || user.get()
                        on:input=move |ev| user.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="sync-password">{move || t_string!(i18n, sync.password)}</label>
                    <input id="sync-password" type="password" autocomplete="current-password"
                        aria-describedby="sync-password-hint"
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                    <p id="sync-password-hint" class="field__hint">{move || t_string!(i18n, sync.password_hint)}</p>
                </div>
                <div class="button-row">
                    <button type="submit" class="button">{move || t_string!(i18n, sync.save_server)}</button>
                    <button type="button" class="button" on:click=on_test disabled=move || testing.get()>
                        {move || t_string!(i18n, sync.test)}
                    </button>
                    {configured.then(|| view! {
                        <button type="button" class="button"
                            aria-pressed=move || enabled.get().to_string()
                            on:click=toggle>
                            {move || if enabled.get() {
                                t_string!(i18n, sync.disable).to_string()
                            } else {
                                t_string!(i18n, sync.enable).to_string()
                            }}
                        </button>
                        <button type="button" class="button button--ghost" on:click=forget>
                            {move || t_string!(i18n, sync.forget)}
                        </button>
                    })}
                </div>
                <p class="field__hint">{move || t_string!(i18n, sync.reload_note)}</p>
            </form>
            <div aria-live="polite">
                {move || testing.get().then(|| view! { <p role="status">{t_string!(i18n, sync.testing)}</p> })}
                {move || outcome.get().map(|result| {
                    let good = matches!(result, Outcome::Connected { .. } | Outcome::Created);
                    let missing = result == Outcome::DatabaseMissing;
                    let text = outcome_text(i18n, &result);
                    view! {
                        <div class=if good { "notice notice--success" } else { "notice notice--error" }
                            role=if good { "status" } else { "alert" }>
                            <span>{text}</span>
                            {missing.then(|| view! {
                                <button type="button" class="button" on:click=on_create>
                                    {t_string!(i18n, sync.create_db)}
                                </button>
                            })}
                        </div>
                    }
                })}
            </div>
            <p role="status">{move || if enabled.get() {
                t_string!(i18n, sync.enabled).to_string()
            } else {
                t_string!(i18n, sync.disabled).to_string()
            }}</p>
            <ConflictsPart />
            <TeamPart />
        </section>
    }
}

/// The records in conflict, each field by field, with the choices.
#[component]
fn ConflictsPart() -> impl IntoView {
    let i18n = use_i18n();
    // The bridge may start after this page (sync switched on here).
    let view_of = RwSignal::new(bridge::current().map(|b| b.view));
    // This runs from a timer, so it may run once more after the page is
    // gone: a disposed signal ends the timer instead of touching it.
    let own_handle: std::rc::Rc<std::cell::Cell<Option<IntervalHandle>>> = Default::default();
    let ends = own_handle.clone();
    let poll = set_interval_with_handle(
        move || match view_of.try_get_untracked() {
            None => {
                if let Some(handle) = ends.take() {
                    handle.clear();
                }
            }
            Some(None) => {
                if let Some(b) = bridge::current() {
                    view_of.try_set(Some(b.view));
                    spawn_local(async move { b.read_conflicts().await });
                }
            }
            Some(Some(_)) => {}
        },
        std::time::Duration::from_millis(500),
    );
    if let Ok(handle) = poll {
        own_handle.set(Some(handle));
        on_cleanup(move || handle.clear());
    }
    if let Some(b) = bridge::current() {
        spawn_local(async move { b.read_conflicts().await });
    }
    view! {
        <h3 id="sync-conflicts">{move || t_string!(i18n, sync.conflicts_title)}</h3>
        {move || match view_of.get() {
            None => view! { <p class="muted">{t_string!(i18n, sync.not_running)}</p> }.into_any(),
            Some(view) => view! {
                {move || {
                    let merged = view.merged.get();
                    (!merged.is_empty()).then(|| view! {
                        <div class="notice notice--info" role="status">
                            <strong>{t_string!(i18n, sync.merged_title)}</strong>
                            <ul>
                                {merged.into_iter().map(|label| view! {
                                    <li>{t_string!(i18n, sync.merged, label = &label)}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
                {move || {
                    let refused = view.refused.get();
                    (refused > 0).then(|| view! {
                        <p class="notice notice--warning" role="alert">{t_string!(i18n, sync.refused, count = refused)}</p>
                    })
                }}
                {move || {
                    let held = view.held.get();
                    (held > 0).then(|| view! {
                        <p class="notice notice--info" role="status">{t_string!(i18n, sync.held, count = held)}</p>
                    })
                }}
                {move || {
                    let list = view.conflicts.get();
                    if list.is_empty() {
                        view! { <p>{t_string!(i18n, sync.conflicts_none)}</p> }.into_any()
                    } else {
                        let count = list.len();
                        view! {
                            <p>{t_string!(i18n, sync.conflicts_intro, count = count)}</p>
                            <ul class="sync-conflicts" aria-labelledby="sync-conflicts">
                                {list.into_iter().map(|conflict| view! { <ConflictItem conflict /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            }.into_any(),
        }}
    }
}

/// One record in conflict: a table of the fields that differ, the shown
/// version against the other, a choice per field, or one whole version.
#[component]
fn ConflictItem(conflict: Conflict) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let merge = conflict.merge();
    let (merged, choices) = match merge {
        Merge::Conflicting { merged, fields } => (merged, fields),
        Merge::Merged { fields, .. } => (fields, Vec::new()),
        Merge::Same => (conflict.winner.fields.clone(), Vec::new()),
    };
    let other_fields = conflict
        .others
        .first()
        .map(|v| v.fields.clone())
        .unwrap_or_default();
    let other_deleted = conflict.others.first().is_some_and(|v| v.deleted);
    let picks = RwSignal::new(
        choices
            .iter()
            .map(|c| (c.field.clone(), Side::Ours))
            .collect::<Vec<_>>(),
    );
    let conflict = StoredValue::new(conflict);
    let merged = StoredValue::new(merged);
    let choices_kept = StoredValue::new(choices.clone());
    let other_fields = StoredValue::new(other_fields);
    let label = conflict.with_value(|c| c.label.clone());
    let heading_id = format!("conflict-{}", conflict.with_value(|c| c.key.id));

    let write = move |fields: Fields| {
        let Some(b) = bridge::current() else { return };
        let conflict = conflict.get_value();
        let label = conflict.label.clone();
        spawn_local(async move {
            if let Ok(resolution) = conflicts::resolution(&conflict, fields) {
                if b.write_resolution(&resolution).await {
                    state.show(
                        crate::ui::app_state::FlashKind::Info,
                        t_string!(i18n, sync.resolved, label = &label).to_string(),
                    );
                }
            }
            b.read_conflicts().await;
        });
    };
    let apply = move |_| {
        let fields = resolve(
            merged.get_value(),
            &choices_kept.get_value(),
            &picks.get_untracked(),
        );
        write(fields);
    };
    let keep = move |side: Side| {
        move |_| {
            let ours = conflict.with_value(|c| c.winner.fields.clone());
            write(keep_whole(side, &ours, &other_fields.get_value()));
        }
    };
    let row_prefix = heading_id.clone();
    let labelled_by = heading_id.clone();
    let rows = choices
        .into_iter()
        .map(|choice| {
            let name = field_label(i18n, &choice.field);
            let field = choice.field.clone();
            let group = format!("{row_prefix}-{}", choice.field);
            let ours = choice.ours.as_ref().map(value_text).unwrap_or_default();
            let theirs = if other_deleted {
                t_string!(i18n, sync.deleted_version).to_string()
            } else {
                choice.theirs.as_ref().map(value_text).unwrap_or_default()
            };
            let pick = move |side: Side| {
                let field = field.clone();
                move |_| {
                    picks.update(|list| {
                        if let Some(entry) = list.iter_mut().find(|(f, _)| *f == field) {
                            entry.1 = side;
                        }
                    })
                }
            };
            let ours_label = t_string!(i18n, sync.pick_shown, field = &name).to_string();
            let theirs_label = t_string!(i18n, sync.pick_other, field = &name).to_string();
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>
                        <label>
                            <input type="radio" name=group.clone() checked=true
                                aria-label=ours_label on:change=pick(Side::Ours) />
                            " " {ours}
                        </label>
                    </td>
                    <td>
                        <label>
                            <input type="radio" name=group aria-label=theirs_label
                                on:change=pick(Side::Theirs) />
                            " " {theirs}
                        </label>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <li class="card sync-conflict" aria-labelledby=labelled_by>
            <h4 id=heading_id>{label}</h4>
            // One device deleted what the other edited: nothing to pick per
            // field, the whole record stays or goes.
            {other_deleted.then(|| view! { <p>{t_string!(i18n, sync.deleted_vs_edited)}</p> })}
            {(!other_deleted).then(|| view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t_string!(i18n, sync.field)}</th>
                            <th scope="col">{t_string!(i18n, sync.version_shown)}</th>
                            <th scope="col">{t_string!(i18n, sync.version_other)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
            <div class="button-row">
                {(!other_deleted).then(|| view! {
                    <button type="button" class="button button--primary" on:click=apply>{t_string!(i18n, sync.apply_choice)}</button>
                })}
                <button type="button" class="button" on:click=keep(Side::Ours)>
                    {if other_deleted { t_string!(i18n, sync.keep_edit) } else { t_string!(i18n, sync.keep_shown) }}
                </button>
                <button type="button" class="button" on:click=keep(Side::Theirs)>
                    {if other_deleted { t_string!(i18n, sync.keep_deletion) } else { t_string!(i18n, sync.keep_other) }}
                </button>
            </div>
        </li>
    }
}

/// Sharing one project as its own database, for a collaborator who
/// should see only that plan.
#[component]
fn TeamPart() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let chosen = RwSignal::new(String::new());
    let result = RwSignal::new(None::<(bool, String)>);
    let projects = move || {
        state
            .data
            .read()
            .projects
            .iter()
            .map(|p| (p.id.0.to_string(), p.name.clone()))
            .collect::<Vec<_>>()
    };
    let share = move |_| {
        let Some(b) = bridge::current() else {
            result.set(Some((false, t_string!(i18n, sync.not_running).to_string())));
            return;
        };
        let Ok(id) = uuid::Uuid::parse_str(&chosen.get_untracked()) else {
            return;
        };
        let data = state.data.get_untracked();
        let Some(project) = data.projects.iter().find(|p| p.id.0 == id).cloned() else {
            return;
        };
        let settings = config::settings();
        let name = project_database(&settings.database, &project);
        let Ok(address) = crate::sync::settings::parse_server(&settings.server) else {
            return;
        };
        let url = address.database_url(&name);
        spawn_local(async move {
            let text = match b.share(&url, id).await {
                Ok(count) => (
                    true,
                    t_string!(
                        i18n,
                        sync.team_shared,
                        count = count as usize,
                        database = &name
                    )
                    .to_string(),
                ),
                Err(status) => {
                    let reason = crate::ui::sync::texts::error_text(
                        i18n,
                        &crate::sync::status::from_http_status(status),
                    );
                    (
                        false,
                        t_string!(i18n, sync.team_failed, reason = reason).to_string(),
                    )
                }
            };
            result.set(Some(text));
        });
    };
    view! {
        <h3 id="sync-team">{move || t_string!(i18n, sync.team_title)}</h3>
        <p class="field__hint">{move || t_string!(i18n, sync.team_intro)}</p>
        <div class="field">
            <label for="sync-team-project">{move || t_string!(i18n, sync.team_project)}</label>
            <select id="sync-team-project" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"–"</option>
                {move || projects().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
        </div>
        <div class="button-row">
            <button type="button" class="button" on:click=share
                disabled=move || chosen.get().is_empty()>{move || t_string!(i18n, sync.team_share)}</button>
        </div>
        {move || result.get().map(|(good, text)| view! {
            <p class=if good { "notice notice--success" } else { "notice notice--error" }
                role=if good { "status" } else { "alert" }>{text}</p>
        })}
    }
}
