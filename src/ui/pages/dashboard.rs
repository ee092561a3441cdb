//! The dashboard: what is on today and what needs attention, at a glance.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::text::format_date_long;
use crate::ui::components::language::use_lang;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let today = chrono::Local::now().date_naive();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, dashboard.title).to_string())
            intro=Signal::derive(move || t_string!(i18n, dashboard.intro).to_string())
        />
        <p class="today-line">
            <span class="today-line__label">{move || t_string!(i18n, dashboard.today)}</span>
            <time datetime=today.to_string()>{move || format_date_long(today, lang.get())}</time>
        </p>
        <div class="card-grid">
            <section class="card" aria-labelledby="dash-followups">
                <h2 id="dash-followups" class="card__title">{move || t_string!(i18n, dashboard.follow_ups)}</h2>
                <p class="muted">{move || t_string!(i18n, dashboard.no_follow_ups)}</p>
            </section>
            <section class="card" aria-labelledby="dash-appointments">
                <h2 id="dash-appointments" class="card__title">{move || t_string!(i18n, dashboard.next_appointments)}</h2>
                <p class="muted">{move || t_string!(i18n, dashboard.no_appointments)}</p>
            </section>
        </div>
        <EmptyState
            title=Signal::derive(move || t_string!(i18n, dashboard.empty_title).to_string())
            text=Signal::derive(move || t_string!(i18n, dashboard.empty_text).to_string())
        />
    }
}
