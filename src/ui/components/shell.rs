//! The frame around every page: skip link, navigation and the main landmark.
//! On a wide screen the navigation is a sidebar; on a phone it folds into a
//! menu opened from the top bar.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t_string, use_i18n};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::components::status_bar::StatusBar;
use crate::ui::components::timer::{provide_timer_notice, ShellTimer};
use crate::ui::components::update_notice::UpdateNotice;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // Following a link on a phone closes the menu again (the click bubbles
    // up to the list).
    let (menu_open, set_menu_open) = signal(false);
    // A message belongs to the page where it was shown: moving to another
    // page clears it, so it does not follow the person around.
    let state = crate::ui::app_state::use_app_state();
    // Where every timer control says what a stop booked.
    provide_timer_notice();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            state.flash.set(None);
        }
        path
    });

    let nav_items = move || {
        [
            ("/", IconKind::Dashboard, t_string!(i18n, nav.dashboard)),
            (
                "/projects",
                IconKind::Projects,
                t_string!(i18n, nav.projects),
            ),
            (
                "/calendar",
                IconKind::Calendar,
                t_string!(i18n, nav.calendar),
            ),
            (
                "/contacts",
                IconKind::Contacts,
                t_string!(i18n, nav.contacts),
            ),
            ("/network", IconKind::Network, t_string!(i18n, nav.network)),
            ("/table", IconKind::Table, t_string!(i18n, nav.table)),
            ("/time", IconKind::Time, t_string!(i18n, time.nav)),
            (
                "/settings",
                IconKind::Settings,
                t_string!(i18n, nav.settings),
            ),
        ]
    };

    view! {
        <a class="skip-link" href="#main">{move || t_string!(i18n, skip_to_content)}</a>
        <div class="shell" class:shell--menu-open=move || menu_open.get()>
            <header class="topbar">
                <A href="/" attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"C"</span>
                    <span class="brand__name">"Chefsache"</span>
                </A>
                <button
                    type="button"
                    class="button button--ghost topbar__menu"
                    aria-controls="main-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    <Icon kind=IconKind::Menu />
                    <span>{move || t_string!(i18n, menu)}</span>
                </button>
            </header>
            <nav id="main-nav" class="sidebar" aria-label=move || t_string!(i18n, main_navigation)>
                <A href="/" attr:class="brand sidebar__brand">
                    <span class="brand__mark" aria-hidden="true">"C"</span>
                    <span class="brand__text">
                        <span class="brand__name">"Chefsache"</span>
                        <span class="brand__tagline">{move || t_string!(i18n, tagline)}</span>
                    </span>
                </A>
                <ul class="nav-list" on:click=move |_| set_menu_open.set(false)>
                    {move || {
                        nav_items()
                            .into_iter()
                            .map(|(href, icon, label)| {
                                view! {
                                    <li>
                                        <A href=href attr:class="nav-link">
                                            <Icon kind=icon />
                                            <span>{label}</span>
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </nav>
            <main id="main" class="main" tabindex="-1">
                <UpdateNotice />
                <StatusBar />
                <ShellTimer />
                {children()}
            </main>
        </div>
    }
}
