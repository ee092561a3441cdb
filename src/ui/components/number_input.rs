//! Inputs for numbers and amounts. Every such field reads its text with
//! [`crate::numbers`] and shows why a text is refused right below itself
//! (`aria-invalid`, `aria-describedby`); a form with such an error saves
//! nothing.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::numbers::NumberError;
use crate::text::{format_quantity, Lang};

/// Why `error`'s text is not what the field takes, in the person's words.
/// `amount` picks the example of an amount instead of a plain number.
pub fn number_error_text(
    i18n: I18nContext<Locale>,
    error: &NumberError,
    amount: bool,
    lang: Lang,
) -> String {
    match error {
        NumberError::Empty => t_string!(i18n, forms.number_empty).to_string(),
        NumberError::Malformed if amount => t_string!(i18n, forms.amount_malformed).to_string(),
        NumberError::Malformed => t_string!(i18n, forms.number_malformed).to_string(),
        NumberError::TooManyDecimals { .. } => t_string!(i18n, forms.too_many_decimals).to_string(),
        NumberError::NotWhole => t_string!(i18n, forms.not_whole).to_string(),
        NumberError::TooSmall { .. } => t_string!(i18n, forms.too_small).to_string(),
        NumberError::TooLarge { max } => {
            t_string!(i18n, forms.too_large, max = format_quantity(*max, lang)).to_string()
        }
    }
}

/// The typed text and its error of one number field.
#[derive(Clone, Copy)]
pub struct NumberText {
    pub text: RwSignal<String>,
    pub error: RwSignal<Option<NumberError>>,
}

impl NumberText {
    pub fn new(text: String) -> Self {
        NumberText {
            text: RwSignal::new(text),
            error: RwSignal::new(None),
        }
    }

    /// Reads the field with `parse`, marking it invalid if that fails.
    pub fn read<T>(&self, parse: impl FnOnce(&str) -> Result<T, NumberError>) -> Option<T> {
        match parse(&self.text.get_untracked()) {
            Ok(value) => {
                self.error.set(None);
                Some(value)
            }
            Err(error) => {
                self.error.set(Some(error));
                None
            }
        }
    }

    /// Shows `text` and forgets any error (when the form loads values).
    pub fn set(&self, text: String) {
        self.text.set(text);
        self.error.set(None);
    }
}

/// A labelled text input for a number or amount with its field error.
#[component]
pub fn NumberField(
    /// The input's id; the error's is `{id}-error`.
    id: String,
    #[prop(into)] label: Signal<String>,
    value: NumberText,
    /// An amount of money (changes the example in the error).
    #[prop(optional)]
    amount: bool,
    /// Extra classes for the field's wrapper.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::components::language::use_lang();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type="text" inputmode="decimal" autocomplete="off"
                disabled=move || disabled.get().unwrap_or(false)
                aria-invalid=move || value.error.read().is_some().to_string()
                aria-describedby=move || value.error.read().is_some().then(|| described.clone())
                prop:value=move || value.text.get()
                on:input=move |ev| value.text.set(event_target_value(&ev)) />
            {move || value.error.get().map(|error| view! {
                <p id=error_id.clone() class="field__error">{number_error_text(i18n, &error, amount, lang.get())}</p>
            })}
        </div>
    }
}
