//! UI translations, German and English. `leptos_i18n` loads
//! `locales/{de,en}.json` at compile time and checks every key we use, so a
//! missing or misspelled translation is a build error, not a blank label.

// The macro form reads the locales named in Cargo.toml; leptos_i18n 0.6
// prefers a build.rs, which would add a build dependency to every native
// test build for no gain, so we keep the macro for now.
#[allow(deprecated)]
mod generated {
    leptos_i18n::load_locales!();
}
pub use generated::i18n;

pub use i18n::*;
pub use leptos_i18n::I18nContext;

/// Fills `{name}` placeholders of a translated text. leptos_i18n's own
/// interpolation is only for views; messages built in code (flash texts,
/// errors) use this instead.
pub fn fill(text: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

use crate::text::Lang;

/// The pure-core language for a UI locale (for dates and money).
pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::de => Lang::De,
        Locale::en => Lang::En,
    }
}

/// The UI locale for a pure-core language.
pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::De => Locale::de,
        Lang::En => Locale::en,
    }
}
