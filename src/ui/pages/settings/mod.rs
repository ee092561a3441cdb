//! Settings: language, storage, backup and restore points.

mod backup;
mod business;
mod data_check;
mod language;
mod planning;
mod reminders;
mod snapshots;
mod storage;
mod sync;

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::page_header::PageHeader;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    // Bumped after an import or restore so the restore point list reloads.
    let snapshots_changed = RwSignal::new(0u32);
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, settings.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, settings.intro).to_string())
        />
        <language::LanguageSection />
        <planning::PlanningSection />
        <business::BusinessSection />
        <reminders::RemindersSection />
        <backup::BackupSection snapshots_changed />
        <snapshots::SnapshotsSection snapshots_changed />
        <data_check::DataCheckSection />
        <storage::StorageSection />
        <sync::SyncSection />
        <section class="card settings-section" aria-labelledby="settings-about">
            <h2 id="settings-about" class="card__title">{move || t_string!(i18n, settings.about)}</h2>
            <p>{move || t_string!(i18n, settings.about_text)}</p>
            <p class="muted">{move || t_string!(i18n, settings.version)} " " {env!("CARGO_PKG_VERSION")}</p>
        </section>
    }
}
