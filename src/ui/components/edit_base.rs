//! What an edit form started from, and what happened to the record since.
//!
//! A form takes its starting record once, untracked, so that nothing the
//! person typed is lost when the data changes (another tab saves, undo).
//! [`EditBase`] watches the stored record separately: when it changes
//! underneath, [`ChangedElsewhere`] says so and offers to load the new
//! values or to keep editing. Saving carries only the fields the person
//! changed onto the current record ([`fields::rebase`]), so another tab's
//! changes to other fields survive.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::{fields, Dataset};
use crate::i18n::{t_string, use_i18n};
use crate::ui::app_state::use_app_state;

/// A record a form can edit.
pub trait Editable:
    Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
}
impl<T: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static> Editable for T {}

/// The state of the stored record compared with the form's start.
#[derive(Debug, Clone, PartialEq)]
pub enum Underneath {
    /// As the form started, or the person chose to keep editing over it.
    Unchanged,
    /// These fields were changed elsewhere.
    Changed(Vec<String>),
    /// The record is gone.
    Deleted,
}

pub struct EditBase<T: Editable> {
    base: RwSignal<T>,
    current: Memo<Option<T>>,
    /// The stored version the person chose to keep editing over.
    seen: RwSignal<Option<Option<T>>>,
    /// Whether the person typed or picked anything since the form last
    /// showed a stored version.
    touched: RwSignal<bool>,
    watch: bool,
}

impl<T: Editable> Clone for EditBase<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Editable> Copy for EditBase<T> {}

impl<T: Editable> EditBase<T> {
    /// A form over an existing record, found in the data by `find`.
    pub fn existing(
        initial: T,
        find: impl Fn(&Dataset) -> Option<T> + Send + Sync + 'static,
    ) -> Self {
        let state = use_app_state();
        EditBase {
            base: RwSignal::new(initial),
            current: Memo::new(move |_| find(&state.data.read())),
            seen: RwSignal::new(None),
            touched: RwSignal::new(false),
            watch: true,
        }
    }

    /// A form for a new record: there is nothing underneath to watch.
    pub fn new_record(initial: T) -> Self {
        EditBase {
            base: RwSignal::new(initial),
            current: Memo::new(|_| None),
            seen: RwSignal::new(None),
            touched: RwSignal::new(false),
            watch: false,
        }
    }

    /// Either, as a form that creates and edits decides.
    pub fn new(
        initial: T,
        is_new: bool,
        find: impl Fn(&Dataset) -> Option<T> + Send + Sync + 'static,
    ) -> Self {
        if is_new {
            Self::new_record(initial)
        } else {
            Self::existing(initial, find)
        }
    }

    /// What the form started from (untracked).
    pub fn base(&self) -> T {
        self.base.get_untracked()
    }

    /// Whether the stored record changed since the form started.
    pub fn underneath(&self) -> Underneath {
        if !self.watch {
            return Underneath::Unchanged;
        }
        let current = self.current.get();
        if self.seen.read().as_ref() == Some(&current) {
            return Underneath::Unchanged;
        }
        match current {
            None => Underneath::Deleted,
            Some(current) => {
                let changed = self.base.with(|base| fields::changed_since(base, &current));
                if changed.is_empty() {
                    Underneath::Unchanged
                } else {
                    Underneath::Changed(changed)
                }
            }
        }
    }

    /// Takes the stored record as the new start and returns it, for the
    /// form to show its values.
    pub fn load(&self) -> Option<T> {
        let current = self.current.get_untracked()?;
        self.base.set(current.clone());
        self.seen.set(None);
        self.touched.set(false);
        Some(current)
    }

    /// The person typed or picked something (the form's `input` and
    /// `change` events call this).
    pub fn touch(&self) {
        if !self.touched.get_untracked() {
            self.touched.set(true);
        }
    }

    /// Keeps the person's values; the notice stays away until the record
    /// changes again.
    pub fn keep_editing(&self) {
        self.seen.set(Some(self.current.get_untracked()));
    }

    /// The person's edit (made from [`EditBase::base`]) carried onto the
    /// stored record: their changed fields, everybody else's for the rest.
    pub fn rebase(&self, edited: &T) -> T {
        let base = self.base.get_untracked();
        match self.current.get_untracked() {
            Some(current) if self.watch => fields::rebase(&base, edited, &current),
            _ => edited.clone(),
        }
    }

    /// After a save: what is stored now is the form's new start.
    pub fn saved(&self) -> Option<T> {
        self.load()
    }
}

/// The notice that the record changed underneath the form, with the
/// choice to load the new values (handed to `on_load`) or keep editing.
#[component]
pub fn ChangedElsewhere<T: Editable>(
    edit: EditBase<T>,
    #[prop(into)] on_load: Callback<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let underneath = Memo::new(move |_| edit.underneath());
    // Nothing typed yet: there is nothing to keep, so the form simply
    // shows the new values.
    Effect::new(move |_| {
        if underneath.get() != Underneath::Unchanged && !edit.touched.get() {
            if let Some(record) = edit.load() {
                on_load.run(record);
            }
        }
    });
    view! {
        <div class="form-notice" role="status">
            {move || match underneath.get() {
                _ if !edit.touched.get() => None,
                Underneath::Unchanged => None,
                Underneath::Deleted => Some(view! {
                    <div class="notice notice--warning form-notice__body">
                        <p>{move || t_string!(i18n, forms.deleted_elsewhere)}</p>
                        <div class="button-row">
                            <button type="button" class="button" on:click=move |_| edit.keep_editing()>
                                {move || t_string!(i18n, forms.keep_editing)}
                            </button>
                        </div>
                    </div>
                }.into_any()),
                Underneath::Changed(_) => Some(view! {
                    <div class="notice notice--warning form-notice__body">
                        <p>{move || t_string!(i18n, data.other_tab)}</p>
                        <div class="button-row">
                            <button type="button" class="button"
                                on:click=move |_| { if let Some(record) = edit.load() { on_load.run(record); } }>
                                {move || t_string!(i18n, forms.load_new)}
                            </button>
                            <button type="button" class="button button--ghost" on:click=move |_| edit.keep_editing()>
                                {move || t_string!(i18n, forms.keep_editing)}
                            </button>
                        </div>
                    </div>
                }.into_any()),
            }}
        </div>
    }
}
