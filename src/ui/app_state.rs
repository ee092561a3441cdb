//! The reactive face of the [`Session`]: signals the pages read, and the
//! methods they call for every user action. Data flows one way: a page
//! calls [`AppState::run`] with a command's change set, the session checks
//! and applies it, the signals update, and the write goes to the store in
//! the background. Other tabs hear of every stored write and reload exactly
//! those records.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::Dataset;
use crate::i18n::{t_string, use_i18n, I18nContext, Locale};
use crate::planning::WorkCalendar;
use crate::state::{flush, CommandError, Session};
use crate::store::backend::Backend;
use crate::store::broadcast::{ChangeBroadcaster, ChangeNotice};
use crate::store::preferences::Preferences;
use crate::store::{device, ChangeSet, Snapshot, SnapshotReason, Store, StoreError};
use crate::ui::messages;

/// Where the app is in opening its data.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading,
    /// Data comes from and goes to IndexedDB.
    Ready,
    /// IndexedDB could not be opened; the app runs on memory only.
    MemoryOnly(StoreError),
}

/// What the save indicator shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SaveState {
    pub unsaved: usize,
    pub saving: bool,
    pub error: Option<StoreError>,
}

/// Labels for the undo and redo buttons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryView {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Info,
    Error,
}

/// A short message about the last action, shown until dismissed or
/// replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

struct Inner {
    session: Rc<RefCell<Session>>,
    store: RefCell<Option<Rc<Backend>>>,
    broadcaster: RefCell<Option<ChangeBroadcaster>>,
    persistence_asked: Cell<bool>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    inner: StoredValue<Rc<Inner>, LocalStorage>,
    i18n: I18nContext<Locale>,
    pub data: RwSignal<Dataset>,
    pub phase: RwSignal<Phase>,
    pub save: RwSignal<SaveState>,
    pub history: RwSignal<HistoryView>,
    pub flash: RwSignal<Option<Flash>>,
    /// Working days: weekends, the federal state's holidays, days off.
    pub calendar: RwSignal<Arc<WorkCalendar>>,
    /// Per-device settings (federal state, days off, storage limit).
    pub prefs: RwSignal<Preferences>,
}

/// The app state from context.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Creates the state, provides it as context and starts loading.
    pub fn provide() -> AppState {
        let prefs = Preferences::load();
        let state = AppState {
            inner: StoredValue::new_local(Rc::new(Inner {
                session: Rc::new(RefCell::new(Session::default())),
                store: RefCell::new(None),
                broadcaster: RefCell::new(None),
                persistence_asked: Cell::new(false),
            })),
            i18n: use_i18n(),
            data: RwSignal::new(Dataset::default()),
            phase: RwSignal::new(Phase::Loading),
            save: RwSignal::new(SaveState::default()),
            history: RwSignal::new(HistoryView::default()),
            flash: RwSignal::new(None),
            calendar: RwSignal::new(Arc::new(prefs.calendar())),
            prefs: RwSignal::new(prefs),
        };
        provide_context(state);
        spawn_local(state.start());
        state
    }

    /// Changes the preferences, saves them and recomputes the calendar.
    pub fn update_prefs(&self, change: impl FnOnce(&mut Preferences)) {
        let mut prefs = self.prefs.get_untracked();
        // The language is chosen outside the app state (it is needed before
        // it exists); keep the stored choice instead of an older copy.
        prefs.language = Preferences::load().language;
        change(&mut prefs);
        if let Err(error) = prefs.save() {
            self.show(FlashKind::Error, self.store_error_text(&error));
        }
        self.calendar.set(Arc::new(prefs.calendar()));
        self.prefs.set(prefs);
    }

    fn inner(&self) -> Rc<Inner> {
        self.inner.get_value()
    }

    /// The open store, once loading has finished.
    pub fn store(&self) -> Option<Rc<Backend>> {
        self.inner().store.borrow().clone()
    }

    async fn start(self) {
        let (backend, failure) = Backend::open().await;
        let backend = Rc::new(backend);
        let loaded = backend.load_all().await;
        let inner = self.inner();
        *inner.store.borrow_mut() = Some(backend);
        match (loaded, failure) {
            (Ok(data), None) => {
                inner.session.replace(Session::new(data));
                self.phase.set(Phase::Ready);
            }
            (Ok(data), Some(error)) => {
                inner.session.replace(Session::new(data));
                self.phase.set(Phase::MemoryOnly(error));
            }
            (Err(error), _) => self.phase.set(Phase::MemoryOnly(error)),
        }
        self.sync();
        self.listen_to_other_tabs();
        self.flush_when_hidden();
    }

    /// Copies the session's view into the signals.
    fn sync(&self) {
        let inner = self.inner();
        let session = inner.session.borrow();
        self.data.set(session.data().clone());
        self.history.set(HistoryView {
            undo: session.history().undo_label().map(str::to_owned),
            redo: session.history().redo_label().map(str::to_owned),
        });
        let queue = session.queue();
        self.save.set(SaveState {
            unsaved: queue.unsaved(),
            saving: queue.is_in_flight(),
            error: queue.last_error().cloned(),
        });
    }

    /// Carries out one user action. Returns whether it was applied; if not,
    /// the reason is shown and nothing changed.
    pub fn run(&self, label: impl Into<String>, command: Result<ChangeSet, CommandError>) -> bool {
        match self.execute(label, command) {
            Ok(()) => true,
            Err(error) => {
                self.refused(&error);
                false
            }
        }
    }

    /// Like [`AppState::run`], but a refusal is returned, not shown: the
    /// caller shows it where the person acted (next to the form or panel).
    pub fn execute(
        &self,
        label: impl Into<String>,
        command: Result<ChangeSet, CommandError>,
    ) -> Result<(), CommandError> {
        let inner = self.inner();
        command.and_then(|changes| inner.session.borrow_mut().execute(label, changes))?;
        self.sync();
        self.ask_for_persistence();
        self.flush();
        Ok(())
    }

    pub fn undo(&self) {
        let result = self.inner().session.borrow_mut().undo();
        self.after_history_step(result, true);
    }

    pub fn redo(&self) {
        let result = self.inner().session.borrow_mut().redo();
        self.after_history_step(result, false);
    }

    fn after_history_step(&self, result: Result<String, CommandError>, undo: bool) {
        let i18n = self.i18n;
        match result {
            Ok(label) => {
                self.sync();
                self.flush();
                let text = if undo {
                    t_string!(i18n, data.undone, label = &label).to_string()
                } else {
                    t_string!(i18n, data.redone, label = &label).to_string()
                };
                self.show(FlashKind::Info, text);
            }
            Err(CommandError::NothingToUndo | CommandError::NothingToRedo) => {}
            Err(error) => self.refused(&error),
        }
    }

    fn refused(&self, error: &CommandError) {
        self.show(FlashKind::Error, self.refusal_text(error));
    }

    /// Why an action was refused, in the person's language.
    pub fn refusal_text(&self, error: &CommandError) -> String {
        let i18n = self.i18n;
        let reason = messages::command_error_text(i18n, error);
        t_string!(i18n, data.refused, reason = reason).to_string()
    }

    pub fn show(&self, kind: FlashKind, text: String) {
        self.flash.set(Some(Flash { kind, text }));
    }

    /// The message for a store error, in the person's language.
    pub fn store_error_text(&self, error: &StoreError) -> String {
        let i18n = self.i18n;
        match error {
            StoreError::QuotaExceeded => messages::store_error_text(i18n, error),
            _ => format!(
                "{} {}",
                t_string!(i18n, data.save_failed),
                messages::store_error_text(i18n, error)
            ),
        }
    }

    /// Starts writing queued changes (if none is on its way already).
    pub fn flush(&self) {
        let this = *self;
        spawn_local(async move {
            let inner = this.inner();
            let Some(store) = inner.store.borrow().clone() else {
                return;
            };
            this.save.update(|s| s.saving = true);
            let result = flush(&inner.session, store.as_ref(), |written| {
                this.announce_changed(written)
            })
            .await;
            this.sync();
            if let Err(error) = result {
                this.show(FlashKind::Error, this.store_error_text(&error));
            }
        });
    }

    /// Tells other tabs which records this tab has just stored.
    fn announce_changed(&self, written: &ChangeSet) {
        if let Some(broadcaster) = self.inner().broadcaster.borrow().as_ref() {
            // A lost notice only delays the other tab until its next load.
            let _ = broadcaster.announce(&broadcaster.notice(written.keys()));
        }
    }

    /// Tells other tabs that everything was replaced.
    fn announce_replaced(&self) {
        if let Some(broadcaster) = self.inner().broadcaster.borrow().as_ref() {
            let _ = broadcaster.announce(&broadcaster.replaced_notice());
        }
    }

    /// The first real save asks the browser to keep the data persistently.
    fn ask_for_persistence(&self) {
        let inner = self.inner();
        if inner.persistence_asked.replace(true) {
            return;
        }
        spawn_local(async move {
            let _ = device::request_persistence().await;
        });
    }

    fn listen_to_other_tabs(&self) {
        let this = *self;
        let inner = self.inner();
        let Ok(broadcaster) = ChangeBroadcaster::new() else {
            return;
        };
        broadcaster.subscribe(move |notice: ChangeNotice| {
            spawn_local(async move { this.take_in(notice).await });
        });
        *inner.broadcaster.borrow_mut() = Some(broadcaster);
    }

    /// Reloads what another tab changed.
    async fn take_in(self, notice: ChangeNotice) {
        let inner = self.inner();
        let Some(store) = inner.store.borrow().clone() else {
            return;
        };
        if notice.replaced_all {
            if let Ok(data) = store.load_all().await {
                inner.session.borrow_mut().replace_data(data);
            }
        } else if let Ok(changes) = store.load_changes(&notice.keys).await {
            inner.session.borrow_mut().apply_remote(&changes);
        }
        self.sync();
    }

    /// Starts any unsaved write when the page is hidden or closed.
    fn flush_when_hidden(&self) {
        let this = *self;
        let handle = window_event_listener(leptos::ev::pagehide, move |_| this.flush());
        let handle2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
            if hidden {
                this.flush();
            }
        });
        // The app state lives as long as the page; keep the listeners.
        std::mem::forget(handle);
        std::mem::forget(handle2);
    }

    /// Replaces all data (import "replace", merge result, restore): keeps
    /// a snapshot of the current data first, then writes the new data in
    /// one transaction. On any error the stored and shown data stay as they
    /// were.
    pub async fn replace_all(
        &self,
        data: Dataset,
        reason: SnapshotReason,
    ) -> Result<(), StoreError> {
        let inner = self.inner();
        let Some(store) = inner.store.borrow().clone() else {
            return Err(StoreError::Unavailable("not loaded yet".into()));
        };
        // Unsaved edits first, so the snapshot holds what the person sees.
        flush(&inner.session, store.as_ref(), |_| {}).await?;
        let current = inner.session.borrow().data().clone();
        store
            .save_snapshot(&Snapshot::new(reason, current, Utc::now()))
            .await?;
        store.replace_all(&data).await?;
        inner.session.borrow_mut().replace_data(data);
        self.sync();
        self.ask_for_persistence();
        self.announce_replaced();
        Ok(())
    }
}

/// Provides the [`AppState`] to everything inside it. Must sit inside the
/// i18n provider, because messages are translated when they are made.
#[component]
pub fn AppStateProvider(children: Children) -> impl IntoView {
    AppState::provide();
    children()
}
