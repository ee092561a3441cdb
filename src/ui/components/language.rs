//! Keeps the interface language in step with the person's choice: the
//! browser's languages on the first visit, then whatever they pick in
//! Settings, remembered with the other preferences in localStorage (not data).

use leptos::prelude::*;

use crate::i18n::{lang_of, locale_of, use_i18n};
use crate::store::preferences::Preferences;
use crate::text::Lang;

/// The stored language, if the person ever chose one.
pub fn stored_language() -> Option<Lang> {
    Preferences::load()
        .language
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
    let mut prefs = Preferences::load();
    prefs.language = Some(lang.tag().to_owned());
    let _ = prefs.save();
}

/// The language currently shown.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

/// The language the person wants; the i18n locale follows it.
#[derive(Clone, Copy)]
pub struct LanguageChoice(RwSignal<Lang>);

impl LanguageChoice {
    /// Switches the interface and remembers the choice.
    pub fn choose(self, lang: Lang) {
        store_language(lang);
        self.0.set(lang);
    }
}

pub fn use_language_choice() -> LanguageChoice {
    expect_context::<LanguageChoice>()
}

/// Sets the initial language once the i18n context exists and keeps the
/// i18n locale on the person's choice. Renders nothing.
#[component]
pub fn LanguagePreference() -> impl IntoView {
    let i18n = use_i18n();
    let wanted = RwSignal::new(stored_language().unwrap_or_else(browser_language));
    provide_context(LanguageChoice(wanted));
    i18n.set_locale(locale_of(wanted.get_untracked()));
    // leptos_i18n applies the browser's language from effects of its own,
    // whose order against ours is not guaranteed; whenever the locale
    // differs from the choice, the choice wins.
    Effect::new(move |_| {
        let want = locale_of(wanted.get());
        if i18n.get_locale() != want {
            i18n.set_locale(want);
        }
    });
}
