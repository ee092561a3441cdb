//! Change notices between tabs. When one tab writes, the others must load
//! the touched records again (IndexedDB has no change events), so the
//! writing tab announces the keys on a `BroadcastChannel`; the others call
//! [`Store::load_changes`](super::Store::load_changes) with them.
//!
//! The notice itself is plain data (tested natively); the channel exists
//! only in the browser.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordKey;

/// Name of the channel all Chefsache tabs of one origin share.
pub const CHANNEL_NAME: &str = "chefsache-changes";

/// "These records changed in the store", sent by the tab that wrote them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeNotice {
    /// The sending tab, so that a tab ignores its own notices.
    pub from_tab: Uuid,
    /// The records written; load them with `load_changes`.
    pub keys: Vec<RecordKey>,
    /// Everything was replaced (import, restore): load all records again
    /// instead of the keys.
    pub replaced_all: bool,
}

impl ChangeNotice {
    /// Some records changed.
    pub fn changed(from_tab: Uuid, keys: Vec<RecordKey>) -> Self {
        Self {
            from_tab,
            keys,
            replaced_all: false,
        }
    }

    /// All records were replaced.
    pub fn replaced_all(from_tab: Uuid) -> Self {
        Self {
            from_tab,
            keys: Vec::new(),
            replaced_all: true,
        }
    }

    /// The message text sent over the channel (JSON).
    pub fn to_message(&self) -> String {
        // Serializing plain ids and bools cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a message; `None` for anything that is not a notice (another
    /// app version, a stray message), which receivers ignore.
    pub fn from_message(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::ChangeBroadcaster;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use uuid::Uuid;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{BroadcastChannel, MessageEvent};

    use super::{ChangeNotice, CHANNEL_NAME};
    use crate::store::{RecordKey, StoreError};

    type Listener = Closure<dyn FnMut(MessageEvent)>;

    /// This tab's end of the change channel. Each broadcaster has its own
    /// tab id, so two broadcasters in one page behave like two tabs.
    pub struct ChangeBroadcaster {
        tab: Uuid,
        channel: BroadcastChannel,
        /// The subscribed closures; JS only holds references to them, so
        /// they live exactly as long as the broadcaster.
        listeners: RefCell<Vec<Listener>>,
    }

    impl ChangeBroadcaster {
        /// Joins the channel [`CHANNEL_NAME`].
        pub fn new() -> Result<Self, StoreError> {
            Self::on_channel(CHANNEL_NAME)
        }

        /// Joins another channel (tests use their own so they do not hear
        /// each other).
        pub fn on_channel(name: &str) -> Result<Self, StoreError> {
            let channel = BroadcastChannel::new(name).map_err(|error| {
                StoreError::Unavailable(format!(
                    "tabs cannot tell each other about changes: {}",
                    describe(&error)
                ))
            })?;
            Ok(Self {
                tab: Uuid::new_v4(),
                channel,
                listeners: RefCell::new(Vec::new()),
            })
        }

        /// The id this tab puts into its notices.
        pub fn tab_id(&self) -> Uuid {
            self.tab
        }

        /// A notice from this tab about `keys`.
        pub fn notice(&self, keys: Vec<RecordKey>) -> ChangeNotice {
            ChangeNotice::changed(self.tab, keys)
        }

        /// A notice from this tab that everything was replaced.
        pub fn replaced_notice(&self) -> ChangeNotice {
            ChangeNotice::replaced_all(self.tab)
        }

        /// Tells the other tabs about a change.
        pub fn announce(&self, notice: &ChangeNotice) -> Result<(), StoreError> {
            self.channel
                .post_message(&JsValue::from_str(&notice.to_message()))
                .map_err(|error| StoreError::Unavailable(describe(&error)))
        }

        /// Calls `on_notice` for every notice from another tab, as long as
        /// this broadcaster lives.
        pub fn subscribe(&self, mut on_notice: impl FnMut(ChangeNotice) + 'static) {
            let own_tab = self.tab;
            let listener: Listener = Closure::new(move |event: MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                match ChangeNotice::from_message(&text) {
                    Some(notice) if notice.from_tab != own_tab => on_notice(notice),
                    _ => {}
                }
            });
            if self
                .channel
                .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
                .is_ok()
            {
                self.listeners.borrow_mut().push(listener);
            }
        }
    }

    impl Drop for ChangeBroadcaster {
        fn drop(&mut self) {
            for listener in self.listeners.borrow().iter() {
                let _ = self.channel.remove_event_listener_with_callback(
                    "message",
                    listener.as_ref().unchecked_ref(),
                );
            }
            self.channel.close();
        }
    }

    fn describe(error: &JsValue) -> String {
        error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| crate::store::indexeddb::js_text(error))
    }
}
