//! The app's root: context providers, router and the page layout.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::i18n::I18nContextProvider;
use crate::ui::app_state::AppStateProvider;
use crate::ui::clock::provide_today;
use crate::ui::components::reminders::Reminders;
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
    remove_first_paint();
}

/// Removes index.html's frame (`#boot`, the first paint while the wasm
/// loads) now that the app's own shell stands in its place.
fn remove_first_paint() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_today();
    view! {
        <I18nContextProvider>
            <LanguagePreference />
            <AppStateProvider>
            <Reminders />
            <Router>
                // Each route's view is type-erased (`into_any`): the router
                // otherwise nests every page's full view type into one
                // `EitherOf9`, whose code was the bundle's largest function.
                <Shell>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=|| view! { <DashboardPage /> }.into_any() />
                        <Route path=path!("/projects") view=|| view! { <ProjectsPage /> }.into_any() />
                        <Route path=path!("/projects/:id") view=|| view! { <ProjectDetailPage /> }.into_any() />
                        <Route path=path!("/calendar") view=|| view! { <CalendarPage /> }.into_any() />
                        <Route path=path!("/contacts") view=|| view! { <ContactsPage /> }.into_any() />
                        <Route path=path!("/contacts/:id") view=|| view! { <ContactDetailPage /> }.into_any() />
                        <Route path=path!("/network") view=|| view! { <NetworkPage /> }.into_any() />
                        <Route path=path!("/table") view=|| view! { <TablePage /> }.into_any() />
                        <Route path=path!("/settings") view=|| view! { <SettingsPage /> }.into_any() />
                    </Routes>
                </Shell>
            </Router>
            </AppStateProvider>
        </I18nContextProvider>
    }
}
