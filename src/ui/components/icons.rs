//! Line icons drawn as inline SVG (no icon font, no request to another
//! origin). Decorative: each is hidden from assistive technology because the
//! text next to it already says what it means.

use leptos::prelude::*;

/// The icons the interface uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconKind {
    Dashboard,
    Projects,
    Calendar,
    Contacts,
    Network,
    Table,
    Time,
    Settings,
    Menu,
    Plus,
}

#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    let paths: &'static [&'static str] = match kind {
        IconKind::Dashboard => &["M3 3h7v9H3z", "M14 3h7v5h-7z", "M14 12h7v9h-7z", "M3 16h7v5H3z"],
        IconKind::Projects => &["M3 7h18v13H3z", "M8 7V4h8v3", "M3 12h18"],
        IconKind::Calendar => &["M4 5h16v16H4z", "M4 10h16", "M8 3v4", "M16 3v4"],
        IconKind::Contacts => &["M5 3h14v18H5z", "M12 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z", "M8 17c1-2.5 7-2.5 8 0"],
        IconKind::Network => &["M6 7a2.5 2.5 0 1 0 0-.01z", "M18 7a2.5 2.5 0 1 0 0-.01z", "M12 18a2.5 2.5 0 1 0 0-.01z", "M8 8.5l3 7", "M16 8.5l-3 7", "M8.5 7h7"],
        IconKind::Table => &["M3 4h18v16H3z", "M3 9h18", "M3 14h18", "M9 4v16"],
        IconKind::Time => &["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7v5l3 2"],
        IconKind::Settings => &["M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z", "M19 12l2-1-1-3-2 .2-1.3-1.3.2-2-3-1-1 2h-1.8l-1-2-3 1 .2 2L6.3 7.2 4.3 7l-1 3 2 1v1.8l-2 1 1 3 2-.2 1.3 1.3-.2 2 3 1 1-2h1.8l1 2 3-1-.2-2 1.3-1.3 2 .2 1-3-2-1z"],
        IconKind::Menu => &["M4 6h16", "M4 12h16", "M4 18h16"],
        IconKind::Plus => &["M12 5v14", "M5 12h14"],
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">
            {paths.iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
