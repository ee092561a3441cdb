//! UI translations, German and English. `leptos_i18n` loads
//! `locales/{de,en}.json` at compile time and checks every key we use, so a
//! missing or misspelled translation is a build error, not a blank label.

// build.rs generates the module (with `interpolate_display`, so that
// `t_string!` fills `{{ name }}` placeholders and picks plural forms).
#[allow(clippy::all, unused)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n.rs"));
}
pub use generated::i18n;

pub use i18n::*;
pub use leptos_i18n::I18nContext;

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
