//! Keeps the interface language in step with the person's choice: the
//! browser's languages on the first visit, then whatever they pick in
//! Settings, remembered in localStorage (a small preference, not data).

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::i18n::{lang_of, locale_of, use_i18n};
use crate::text::Lang;

const LANGUAGE_KEY: &str = "chefsache.language";

/// The stored language, if the person ever chose one.
pub fn stored_language() -> Option<Lang> {
    LocalStorage::get::<String>(LANGUAGE_KEY)
        .ok()
        .and_then(|tag| Lang::from_tag(&tag))
}

/// The browser's preferred supported language (German if none is).
pub fn browser_language() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::default();
    };
    let navigator = window.navigator();
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(navigator.language())
        .collect();
    Lang::negotiate(tags.iter().map(String::as_str))
}

/// Remembers the person's explicit choice.
pub fn store_language(lang: Lang) {
    // A full or blocked localStorage only loses the preference, never data,
    // so failing quietly here is acceptable.
    let _ = LocalStorage::set(LANGUAGE_KEY, lang.tag());
}

/// The language currently shown.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

/// Sets the initial language once the i18n context exists. Renders nothing.
#[component]
pub fn LanguagePreference() -> impl IntoView {
    let i18n = use_i18n();
    let initial = stored_language().unwrap_or_else(browser_language);
    i18n.set_locale(locale_of(initial));
    // leptos_i18n applies the browser's language in an effect of its own
    // after the first render; this effect is created later, so it runs
    // after that one and the stored choice wins.
    Effect::new(move |_| i18n.set_locale(locale_of(initial)));
}
