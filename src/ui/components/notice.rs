//! Messages where the person acted. A form, panel or section owns a
//! [`Notice`] and shows it with [`NoticeRegion`] right next to itself: a
//! refusal or a confirmation appears beside the button that caused it, in a
//! live region, and goes away with the section when the person moves on.
//! The global flash of the status bar is only for what has no place (undo
//! from the keyboard, notices from other tabs).

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::state::CommandError;
use crate::store::ChangeSet;
use crate::ui::app_state::{AppState, Flash, FlashKind};

/// The message of one place on the page.
#[derive(Clone, Copy)]
pub struct Notice {
    message: RwSignal<Option<Flash>>,
}

impl Default for Notice {
    fn default() -> Self {
        Self::new()
    }
}

impl Notice {
    pub fn new() -> Self {
        Notice {
            message: RwSignal::new(None),
        }
    }

    /// A confirmation ("12 Schritte exportiert").
    pub fn info(&self, text: impl Into<String>) {
        self.message.set(Some(Flash {
            kind: FlashKind::Info,
            text: text.into(),
        }));
    }

    /// A refusal or failure.
    pub fn error(&self, text: impl Into<String>) {
        self.message.set(Some(Flash {
            kind: FlashKind::Error,
            text: text.into(),
        }));
    }

    pub fn clear(&self) {
        self.message.set(None);
    }

    /// Carries out a user action; a refusal is shown here, not at the top
    /// of the page. Returns whether it was applied.
    pub fn run(
        &self,
        state: AppState,
        label: impl Into<String>,
        command: Result<ChangeSet, CommandError>,
    ) -> bool {
        match state.execute(label, command) {
            Ok(()) => {
                self.clear();
                true
            }
            Err(error) => {
                self.error(state.refusal_text(&error));
                false
            }
        }
    }
}

/// Where a [`Notice`] appears. Both live regions are always in the page,
/// so screen readers announce a message when it arrives.
#[component]
pub fn NoticeRegion(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let of_kind = move |kind: FlashKind| {
        move || {
            notice
                .message
                .get()
                .filter(|m| m.kind == kind)
                .map(|m| {
                    view! {
                        <div class="local-notice__body">
                            <span>{m.text}</span>
                            <button type="button" class="button button--ghost" on:click=move |_| notice.clear()>
                                {move || t_string!(i18n, data.dismiss)}
                            </button>
                        </div>
                    }
                })
        }
    };
    view! {
        <div class="local-notice local-notice--success" role="status">{of_kind(FlashKind::Info)}</div>
        <div class="local-notice local-notice--error" role="alert">{of_kind(FlashKind::Error)}</div>
    }
}
