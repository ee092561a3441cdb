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
use crate::ui::pages::{dashboard::DashboardPage, not_found::NotFoundPage};

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
                        <Route path=path!("/projects") view={lazy::page::<lazy::Projects>()} />
                        <Route path=path!("/projects/:id") view={lazy::page::<lazy::ProjectDetail>()} />
                        <Route path=path!("/projects/:id/analysis") view={lazy::page::<lazy::ProjectAnalysis>()} />
                        <Route path=path!("/calendar") view={lazy::page::<lazy::Calendar>()} />
                        <Route path=path!("/contacts") view={lazy::page::<lazy::Contacts>()} />
                        <Route path=path!("/contacts/:id") view={lazy::page::<lazy::ContactDetail>()} />
                        <Route path=path!("/projects/:id/report") view={lazy::page::<lazy::ClientReport>()} />
                        <Route path=path!("/network") view={lazy::page::<lazy::Network>()} />
                        <Route path=path!("/package") view={lazy::page::<lazy::Package>()} />
                        <Route path=path!("/network/:id") view={lazy::page::<lazy::Collaborator>()} />
                        <Route path=path!("/table") view={lazy::page::<lazy::Table>()} />
                        <Route path=path!("/time") view={lazy::page::<lazy::Time>()} />
                        <Route path=path!("/settings") view={lazy::page::<lazy::Settings>()} />
                    </Routes>
                </Shell>
            </Router>
            </AppStateProvider>
        </I18nContextProvider>
    }
}

/// Every page but the dashboard (the first page, and the one that says
/// what to do today) loads when first visited: the project pages with the
/// timeline and the step editor, and the pages a person opens now and then
/// with the import/export formats behind them (vCard, iCalendar, CSV,
/// backups).
/// The shipped build (feature `split`, see scripts/lib.sh) splits each
/// into its own wasm chunk; every other build (tests, lints, a plain `trunk`)
/// has no splitter, so there the same routes are ordinary eager views.
mod lazy {
    use leptos::prelude::*;
    #[cfg(feature = "split")]
    use leptos_router::{lazy_route, Lazy, LazyRoute};

    use crate::ui::pages::{
        calendar::CalendarPage,
        client_report::ClientReportPage,
        collaborator::CollaboratorPage,
        contacts::{ContactDetailPage, ContactsPage},
        network::NetworkPage,
        package_view::PackagePage,
        project_analysis::ProjectAnalysisPage,
        project_detail::ProjectDetailPage,
        projects::ProjectsPage,
        settings::SettingsPage,
        table::TablePage,
        time::TimePage,
    };

    /// A page whose code loads on its first visit.
    pub trait Page: Send + Sync + 'static {
        fn render() -> AnyView;
    }

    /// The route's view: a lazily loaded chunk in the split build.
    #[cfg(feature = "split")]
    pub fn page<P: Page + LazyRoute>() -> Lazy<P> {
        Lazy::new()
    }

    #[cfg(not(feature = "split"))]
    pub fn page<P: Page>() -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
        P::render
    }

    macro_rules! lazy_page {
        ($name:ident, $page:ident) => {
            pub struct $name;

            impl Page for $name {
                fn render() -> AnyView {
                    view! { <$page /> }.into_any()
                }
            }

            #[cfg(feature = "split")]
            #[lazy_route]
            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                fn view(_this: Self) -> AnyView {
                    <$name as Page>::render()
                }
            }
        };
    }

    lazy_page!(Projects, ProjectsPage);
    lazy_page!(ProjectDetail, ProjectDetailPage);
    lazy_page!(ProjectAnalysis, ProjectAnalysisPage);
    lazy_page!(Calendar, CalendarPage);
    lazy_page!(Contacts, ContactsPage);
    lazy_page!(ContactDetail, ContactDetailPage);
    lazy_page!(Network, NetworkPage);
    lazy_page!(Package, PackagePage);
    lazy_page!(Table, TablePage);
    lazy_page!(Time, TimePage);
    lazy_page!(Settings, SettingsPage);
    lazy_page!(Collaborator, CollaboratorPage);
    lazy_page!(ClientReport, ClientReportPage);
}
