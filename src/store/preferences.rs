//! Small per-device preferences. They live in `localStorage`, not in
//! IndexedDB: they are needed synchronously at start-up (language, region)
//! and are not part of the planning data, backups or snapshots.

use serde::{Deserialize, Serialize};

/// Key in `localStorage`.
pub const STORAGE_KEY: &str = "chefsache.preferences";

/// The person's settings on this device. Every field has a serde default,
/// so preferences saved by an older version still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// BCP 47 language tag ("de", "en"); `None` follows the browser.
    pub language: Option<String>,
    /// German federal state code for public holidays ("NW", "BY", ...).
    pub federal_state: String,
    /// After how many days without a backup the app reminds the person.
    pub storage_days_warning: u32,
    /// A delivery that arrives more than this many calendar days before
    /// its step needs storage; the materials list warns about it.
    pub max_storage_days: u32,
    /// The person's own working hours in a full week (for the workload).
    pub weekly_capacity_hours: u32,
    /// The person's own days off (holiday trips, bridge days): not working
    /// days in the planning calendar.
    pub days_off: Vec<chrono::NaiveDate>,
    /// Whether the app already asked the browser for persistent storage,
    /// so it does not ask again on every start.
    pub persistence_requested: bool,
    /// "What to work on next": steps the person pinned, and steps pushed
    /// back (kept on this device, not in the planning data). Two lists
    /// rather than a map: their decoder is already in the bundle.
    pub pinned: Vec<uuid::Uuid>,
    pub pushed_back: Vec<uuid::Uuid>,
    /// Browser notifications for due follow-ups, order dates and step
    /// starts, with the person's consent.
    pub reminders: bool,
    /// Reminders already shown ("kind:id:date"), so each comes once.
    pub reminded: Vec<String>,
    /// The time tracker's running timer: here, so it survives a reload
    /// and a closed browser, and a second tab sees it (`storage` event).
    pub timer: Option<crate::domain::RunningTimer>,
    /// The person's own hourly rate in cents, for the time export's
    /// amounts (collaborators have theirs on their contact).
    pub hourly_rate: Option<i64>,
    /// The table page's columns per grid, one text each
    /// ("steps:project,area,start": shown columns in order after the
    /// pinned one; see `state::grid::Layout`). A list of text, because its
    /// decoder is already in the first load.
    pub grid_columns: Vec<String>,
    /// The person's own business, the sender of client reports.
    pub business: BusinessDetails,
}

/// Who sends a client report: the person's business and how to reach it.
/// All parts optional; empty ones are left out of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessDetails {
    pub name: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    /// Postal address, one line per line of the letterhead.
    pub address: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: None,
            federal_state: "NW".to_owned(),
            storage_days_warning: 7,
            max_storage_days: 14,
            weekly_capacity_hours: 40,
            days_off: Vec::new(),
            persistence_requested: false,
            pinned: Vec::new(),
            pushed_back: Vec::new(),
            reminders: false,
            reminded: Vec::new(),
            timer: None,
            hourly_rate: None,
            grid_columns: Vec::new(),
            business: BusinessDetails::default(),
        }
    }
}

impl Preferences {
    /// The person's choice for each pinned or pushed-back step.
    pub fn pins(&self) -> std::collections::HashMap<uuid::Uuid, crate::planning::Pin> {
        use crate::planning::Pin;
        let pinned = self.pinned.iter().map(|id| (*id, Pin::Pinned));
        let pushed = self.pushed_back.iter().map(|id| (*id, Pin::PushedBack));
        pushed.chain(pinned).collect()
    }

    /// Sets (or with `None` clears) the choice for `step`.
    pub fn set_pin(&mut self, step: uuid::Uuid, pin: Option<crate::planning::Pin>) {
        use crate::planning::Pin;
        self.pinned.retain(|id| *id != step);
        self.pushed_back.retain(|id| *id != step);
        match pin {
            Some(Pin::Pinned) => self.pinned.push(step),
            Some(Pin::PushedBack) => self.pushed_back.push(step),
            None => {}
        }
    }

    /// The working-day calendar these preferences describe.
    pub fn calendar(&self) -> crate::planning::WorkCalendar {
        let state =
            crate::planning::FederalState::from_code(&self.federal_state).unwrap_or_default();
        crate::planning::WorkCalendar::new(state, self.days_off.iter().copied())
    }
}

#[cfg(target_arch = "wasm32")]
impl Preferences {
    /// The saved preferences, or the defaults if there are none or they
    /// cannot be read (private mode, damaged value).
    pub fn load() -> Self {
        Self::stored().unwrap_or_default()
    }

    /// The saved preferences; `None` if there are none or they cannot be
    /// read (then the copy in memory is the better guess).
    pub fn stored() -> Option<Self> {
        use gloo_storage::{LocalStorage, Storage};
        LocalStorage::get(STORAGE_KEY).ok()
    }

    /// Saves the preferences; fails if `localStorage` is unavailable or
    /// full.
    pub fn save(&self) -> Result<(), super::StoreError> {
        use gloo_storage::{LocalStorage, Storage};
        LocalStorage::set(STORAGE_KEY, self).map_err(|error| match error {
            gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
                super::StoreError::QuotaExceeded
            }
            other => super::StoreError::Unavailable(other.to_string()),
        })
    }
}
