//! The app's root: context providers, router and the page layout.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::i18n::I18nContextProvider;
use crate::ui::app_state::AppStateProvider;
use crate::ui::clock::provide_today;
use crate::ui::components::{language::LanguagePreference, shell::Shell};
use crate::ui::pages::{
    calendar::CalendarPage,
    contacts::{ContactDetailPage, ContactsPage},
    dashboard::DashboardPage,
    network::NetworkPage,
    not_found::NotFoundPage,
    project_detail::ProjectDetailPage,
    projects::ProjectsPage,
    settings::SettingsPage,
    table::TablePage,
};

/// Mounts the app into `<body>`; called once from `main`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    provide_today();
    view! {
        <I18nContextProvider>
            <LanguagePreference />
            <AppStateProvider>
            <Router>
                <Shell>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=DashboardPage />
                        <Route path=path!("/projects") view=ProjectsPage />
                        <Route path=path!("/projects/:id") view=ProjectDetailPage />
                        <Route path=path!("/calendar") view=CalendarPage />
                        <Route path=path!("/contacts") view=ContactsPage />
                        <Route path=path!("/contacts/:id") view=ContactDetailPage />
                        <Route path=path!("/network") view=NetworkPage />
                        <Route path=path!("/table") view=TablePage />
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </Shell>
            </Router>
            </AppStateProvider>
        </I18nContextProvider>
    }
}
