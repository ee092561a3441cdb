//! The stylesheet of one page, loaded with the page: the styles only the
//! calendar, the table, the project page or the reports need are not part
//! of the first load (`style/pages/`, copied to `/pages/` as they are; the
//! service worker precaches them with the build, so they work offline).

use leptos::prelude::*;

/// `<link rel="stylesheet">` for `style/pages/{name}.css`; it leaves with
/// the page.
#[component]
pub fn PageStyle(name: &'static str) -> impl IntoView {
    view! { <link rel="stylesheet" href=format!("/pages/{name}.css") /> }
}
