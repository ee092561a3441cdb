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
use crate::state::repair::{self, Problem};
use crate::state::{flush, CommandError, Session, WriteKind, WriteReport};
use crate::store::backend::Backend;
use crate::store::broadcast::{ChangeBroadcaster, ChangeNotice};
use crate::store::change::find;
use crate::store::journal;
use crate::store::journal_storage::JournalStorage;
use crate::store::preferences::Preferences;
use crate::store::{
    device, AnyRecord, ChangeSet, RecordKey, Refusal, SetAsideRecord, Snapshot, SnapshotReason,
    Store, StoreError,
};
use crate::ui::messages;

/// Where the app is in opening its data.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading,
    /// Data comes from and goes to IndexedDB.
    Ready,
    /// IndexedDB could not be opened; the app runs on memory only.
    MemoryOnly(StoreError),
    /// The database opened but its data could not be read. The app shows
    /// nothing and writes nothing, so it never writes over data it could
    /// not read.
    ReadOnly(StoreError),
}

impl Phase {
    /// Whether writes are refused.
    pub fn is_read_only(&self) -> bool {
        matches!(self, Phase::ReadOnly(_))
    }
}

/// A field this tab changed at the same moment as another tab, whose value
/// lost: shown with the lost value and a button to apply it again.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictNotice {
    pub id: u64,
    pub key: RecordKey,
    /// The record's label now.
    pub label: String,
    pub field: String,
    /// This tab's value, not stored.
    pub ours: serde_json::Value,
    /// The value that is stored.
    pub theirs: serde_json::Value,
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
    /// Pending writes, kept safe from a reload (only while writing to
    /// IndexedDB).
    journal: RefCell<Option<JournalStorage>>,
    persistence_asked: Cell<bool>,
    next_notice: Cell<u64>,
    /// The sync bridge's ear (src/ui/sync/, loaded only when sync is on):
    /// told of every record this tab or another one stored.
    stored_hook: RefCell<Option<StoredHook>>,
}

/// What the store took, as the sync bridge hears of it.
pub enum Stored {
    /// These records changed (the change set names them; the data signal
    /// has their new state).
    Changes(ChangeSet),
    /// Everything was replaced (import, restore): the data before.
    Replaced(Dataset),
}

pub type StoredHook = Rc<dyn Fn(Stored)>;

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
    /// Fields whose change lost against another tab's, newest last.
    pub conflicts: RwSignal<Vec<ConflictNotice>>,
    /// Rule breaks in the data (loaded, from another tab, or imported),
    /// for the data check in Settings. Kept up by `sync`: while the data
    /// is known to be clean (every change checked incrementally), nothing
    /// is validated again.
    pub problems: RwSignal<Vec<Problem>>,
    /// Records kept raw in the store because they could not be read or
    /// were set aside.
    pub set_aside: RwSignal<Vec<SetAsideRecord>>,
    /// The status bar's sync text, in the person's language; `None` while
    /// sync is off (set by the sync bridge, src/ui/sync/).
    pub sync_status: RwSignal<Option<String>>,
    /// Records sync found changed differently on two devices and waiting
    /// for a person's decision (set by the sync bridge; badges on the
    /// records and in the status bar link to Settings).
    pub sync_conflicted: RwSignal<Vec<RecordKey>>,
}

/// The app state from context.
/// Replays the journals a reload or a closed tab left (each: stored or
/// unreadable, so done). Its own chunk in the split build: the journal's
/// decoder is needed only after a write was cut short.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn replay_journals(backend: Rc<Backend>, texts: Vec<String>) -> Vec<bool> {
    let mut done = Vec::with_capacity(texts.len());
    for text in &texts {
        done.push(journal::replay_text(backend.as_ref(), text).await.is_ok());
    }
    done
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Creates the state, provides it as context and starts loading.
    pub fn provide() -> AppState {
        let prefs = Preferences::load();
        let data = RwSignal::new(Dataset::default());
        let state = AppState {
            inner: StoredValue::new_local(Rc::new(Inner {
                session: Rc::new(RefCell::new(Session::default())),
                store: RefCell::new(None),
                broadcaster: RefCell::new(None),
                journal: RefCell::new(None),
                persistence_asked: Cell::new(false),
                next_notice: Cell::new(0),
                stored_hook: RefCell::new(None),
            })),
            i18n: use_i18n(),
            data,
            phase: RwSignal::new(Phase::Loading),
            save: RwSignal::new(SaveState::default()),
            history: RwSignal::new(HistoryView::default()),
            flash: RwSignal::new(None),
            calendar: RwSignal::new(Arc::new(prefs.calendar())),
            prefs: RwSignal::new(prefs),
            conflicts: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            set_aside: RwSignal::new(Vec::new()),
            sync_status: RwSignal::new(None),
            sync_conflicted: RwSignal::new(Vec::new()),
        };
        provide_context(state);
        spawn_local(state.start());
        state
    }

    /// Changes the preferences, saves them and recomputes the calendar.
    pub fn update_prefs(&self, change: impl FnOnce(&mut Preferences)) {
        let mut prefs = self.prefs.get_untracked();
        // The language is chosen outside the app state (it is needed before
        // it exists), and the timer may have been stopped in another tab a
        // moment ago: keep the stored values instead of an older copy.
        let stored = Preferences::stored();
        prefs.language = stored.as_ref().and_then(|p| p.language.clone());
        if let Some(stored) = stored {
            prefs.timer = stored.timer;
        }
        change(&mut prefs);
        if let Err(error) = prefs.save() {
            self.show(FlashKind::Error, self.store_error_text(&error));
        }
        self.take_prefs(prefs);
    }

    /// Shows `prefs`; the calendar (and with it every schedule) is
    /// computed again only when what it rests on changed, not when a timer
    /// starts or a step is pinned.
    fn take_prefs(&self, prefs: Preferences) {
        let calendar_changed = self.prefs.with_untracked(|old| {
            old.federal_state != prefs.federal_state || old.days_off != prefs.days_off
        });
        if calendar_changed {
            self.calendar.set(Arc::new(prefs.calendar()));
        }
        if self.prefs.with_untracked(|old| *old != prefs) {
            self.prefs.set(prefs);
        }
    }

    /// Another tab changed the preferences (started or stopped the timer,
    /// pinned a step, chose days off): this tab shows the same at once.
    fn follow_preferences_of_other_tabs(&self) {
        let this = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let ours = ev
                .key()
                .is_none_or(|key| key == crate::store::preferences::STORAGE_KEY);
            if let (true, Some(prefs)) = (ours, Preferences::stored()) {
                this.take_prefs(prefs);
            }
        });
        // The app state lives as long as the page; keep the listener.
        std::mem::forget(handle);
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
        let inner = self.inner();
        if failure.is_none() {
            // Writes a reload or a closed tab cut short are stored first,
            // so the data loaded below has them.
            let (journal_storage, found) = JournalStorage::open().await;
            if !found.is_empty() {
                let texts = found.iter().map(|f| f.text.clone()).collect();
                let replayed = replay_journals(Rc::clone(&backend), texts).await;
                for (found, done) in found.iter().zip(replayed) {
                    if done {
                        journal_storage.done(found);
                    }
                }
            }
            *inner.journal.borrow_mut() = Some(journal_storage);
        }
        let loaded = backend.load_all().await;
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
            // The database is there but cannot be read: never write over
            // it. The session stays empty and every write is refused.
            (Err(error), None) => self.phase.set(Phase::ReadOnly(error)),
            (Err(error), Some(_)) => self.phase.set(Phase::MemoryOnly(error)),
        }
        self.sync();
        self.reload_set_aside();
        self.listen_to_other_tabs();
        self.follow_preferences_of_other_tabs();
        self.flush_when_hidden();
        self.ask_before_leaving_unsaved();
        crate::ui::sync::start_if_configured(&self);
    }

    /// The person's language, for texts made outside a component.
    pub fn i18n(&self) -> I18nContext<Locale> {
        self.i18n
    }

    /// Lets the sync bridge hear of every stored change.
    pub fn set_stored_hook(&self, hook: StoredHook) {
        *self.inner().stored_hook.borrow_mut() = Some(hook);
    }

    fn tell_stored(&self, stored: Stored) {
        let hook = self.inner().stored_hook.borrow().clone();
        if let Some(hook) = hook {
            hook(stored);
        }
    }

    /// Takes in what sync received, like another tab's change but written
    /// by this tab: checked by the session and the store, without an undo
    /// entry, told to the other tabs. A refusal is returned, not shown.
    pub fn take_received(
        &self,
        label: impl Into<String>,
        changes: ChangeSet,
    ) -> Result<(), CommandError> {
        if self.phase.get_untracked().is_read_only() {
            return Err(CommandError::ReadOnly);
        }
        self.inner().session.borrow_mut().repair(label, changes)?;
        self.sync();
        self.flush();
        Ok(())
    }

    /// Reads the list of set-aside records again (after loading and after
    /// a repair).
    pub fn reload_set_aside(&self) {
        let this = *self;
        spawn_local(async move {
            let Some(store) = this.store() else { return };
            if let Ok(list) = store.list_set_aside().await {
                this.set_aside.set(list);
            }
        });
    }

    /// Whether writes are refused because the data could not be read; if
    /// so, says so.
    fn refuse_if_read_only(&self) -> bool {
        if !self.phase.get_untracked().is_read_only() {
            return false;
        }
        let i18n = self.i18n;
        self.show(
            FlashKind::Error,
            t_string!(i18n, integrity.read_only_refused).to_string(),
        );
        true
    }

    /// Copies the session's view into the signals. The data signal is set
    /// only when the data changed (a write read back as this tab already
    /// shows it changes nothing), so pages and the schedule follow each
    /// change once. The copy is cheap: records are shared
    /// ([`crate::domain::Records`]).
    fn sync(&self) {
        let inner = self.inner();
        let changed = {
            let session = inner.session.borrow();
            self.data.with_untracked(|shown| shown != session.data())
        };
        if changed {
            let mut session = inner.session.borrow_mut();
            self.data.set(session.data().clone());
            if session.is_clean() {
                if !self.problems.with_untracked(Vec::is_empty) {
                    self.problems.set(Vec::new());
                }
            } else {
                self.problems.set(repair::problems(session.data()));
            }
        }
        let session = inner.session.borrow();
        self.history.set(HistoryView {
            undo: session.history().undo_label().map(str::to_owned),
            redo: session.history().redo_label().map(str::to_owned),
        });
        let queue = session.queue();
        if let Some(journal) = inner.journal.borrow().as_ref() {
            if self.phase.get_untracked() == Phase::Ready {
                journal.save(queue.waiting().map(|write| &write.changes));
            }
        }
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
        if let Phase::ReadOnly(_) = self.phase.get_untracked() {
            return Err(CommandError::ReadOnly);
        }
        let inner = self.inner();
        command.and_then(|changes| inner.session.borrow_mut().execute(label, changes))?;
        self.sync();
        self.ask_for_persistence();
        self.flush();
        Ok(())
    }

    /// Carries out a repair from the data check (no undo entry).
    pub fn repair(&self, label: impl Into<String>, changes: ChangeSet) -> bool {
        if self.refuse_if_read_only() {
            return false;
        }
        let result = self.inner().session.borrow_mut().repair(label, changes);
        match result {
            Ok(()) => {
                self.sync();
                self.flush();
                true
            }
            Err(error) => {
                self.refused(&error);
                false
            }
        }
    }

    /// Applies this tab's lost value of a conflict again: a fresh change
    /// from the value that is stored now.
    pub fn reapply(&self, notice: &ConflictNotice) {
        self.conflicts
            .update(|list| list.retain(|n| n.id != notice.id));
        let current = find(self.inner().session.borrow().data(), notice.key);
        let Some(current) = current else {
            self.refused(&CommandError::NotFound(notice.key));
            return;
        };
        let mut fields = current.to_fields();
        fields.insert(notice.field.clone(), notice.ours.clone());
        let Ok(record) = AnyRecord::from_fields(notice.key.kind, fields) else {
            return;
        };
        let label = t_string!(self.i18n, integrity.reapplied).to_string();
        self.run(
            label,
            Ok(ChangeSet::new().put(record.touched(Utc::now(), false))),
        );
    }

    pub fn undo(&self) {
        if self.refuse_if_read_only() {
            return;
        }
        let result = self.inner().session.borrow_mut().undo();
        self.after_history_step(result, true);
    }

    pub fn redo(&self) {
        if self.refuse_if_read_only() {
            return;
        }
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
            Err(CommandError::ChangedElsewhere(label)) => {
                self.sync();
                self.show(FlashKind::Info, self.dropped_text(&label, undo));
            }
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

    /// "… was changed in another tab; undo (redo) dropped".
    fn dropped_text(&self, label: &str, undo: bool) -> String {
        let i18n = self.i18n;
        if undo {
            t_string!(i18n, integrity.undo_dropped, label = label).to_string()
        } else {
            t_string!(i18n, integrity.redo_dropped, label = label).to_string()
        }
    }

    /// Tells the person what became of writes the store answered.
    fn report(&self, reports: Vec<WriteReport>) {
        for report in reports {
            match report {
                WriteReport::Conflicts { conflicts, .. } => {
                    let inner = self.inner();
                    let mut notices = Vec::new();
                    for record in conflicts {
                        for field in record.fields {
                            let id = inner.next_notice.get() + 1;
                            inner.next_notice.set(id);
                            notices.push(ConflictNotice {
                                id,
                                key: record.key,
                                label: record.label.clone(),
                                field: field.field,
                                ours: field.ours,
                                theirs: field.theirs,
                            });
                        }
                    }
                    self.conflicts.update(|list| list.extend(notices));
                }
                WriteReport::Refused {
                    label,
                    kind,
                    refusal,
                } => match (kind, refusal) {
                    (WriteKind::Undo, Refusal::Stale(_)) => {
                        self.show(FlashKind::Info, self.dropped_text(&label, true))
                    }
                    (WriteKind::Redo, Refusal::Stale(_)) => {
                        self.show(FlashKind::Info, self.dropped_text(&label, false))
                    }
                    (_, Refusal::Stale(keys) | Refusal::Gone(keys)) => {
                        let key = keys.first().copied().unwrap_or(RecordKey {
                            kind: crate::domain::RecordKind::Project,
                            id: uuid::Uuid::nil(),
                        });
                        self.refused(&CommandError::NotFound(key))
                    }
                    // This tab checked the action against its copy, so the
                    // store refuses only what another tab changed meanwhile
                    // (a project deleted while a step was added to it).
                    (_, Refusal::Invalid(errors)) => {
                        let i18n = self.i18n;
                        let details = errors
                            .iter()
                            .map(|error| describe_problem(i18n, error))
                            .collect::<Vec<_>>()
                            .join("; ");
                        self.show(
                            FlashKind::Error,
                            t_string!(i18n, integrity.refused_other_tab, details = details)
                                .to_string(),
                        );
                    }
                },
            }
        }
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
            if this.phase.get_untracked().is_read_only() {
                return;
            }
            this.save.update(|s| s.saving = true);
            let mut set_aside = false;
            let result = flush(&inner.session, store.as_ref(), |written| {
                set_aside |= written
                    .changes
                    .iter()
                    .any(|c| matches!(c, crate::store::Change::SetAside { .. }));
                this.announce_changed(written)
            })
            .await;
            this.sync();
            match result {
                Ok(reports) => this.report(reports),
                Err(error) => this.show(FlashKind::Error, this.store_error_text(&error)),
            }
            if set_aside {
                this.reload_set_aside();
            }
        });
    }

    /// Tells other tabs which records this tab has just stored.
    fn announce_changed(&self, written: &ChangeSet) {
        if let Some(broadcaster) = self.inner().broadcaster.borrow().as_ref() {
            // A lost notice only delays the other tab until its next load.
            let _ = broadcaster.announce(&broadcaster.notice(written.keys()));
        }
        self.tell_stored(Stored::Changes(written.clone()));
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
        let mut stored = None;
        if notice.replaced_all {
            if let Ok(data) = store.load_all().await {
                let before = inner.session.borrow().data().clone();
                inner.session.borrow_mut().replace_data(data);
                stored = Some(Stored::Replaced(before));
            }
            self.reload_set_aside();
        } else if let Ok(changes) = store.load_changes(&notice.keys).await {
            inner.session.borrow_mut().apply_remote(&changes);
            stored = Some(Stored::Changes(changes));
        }
        // What arrived is checked like everything else: `problems`
        // follows the data, and the data check names any rule break.
        self.sync();
        if let Some(stored) = stored {
            self.tell_stored(stored);
        }
    }

    /// While a write is failing (quota, blocked storage), closing the tab
    /// asks first: the unsaved changes exist only in this tab.
    fn ask_before_leaving_unsaved(&self) {
        let this = *self;
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            let failing = this.inner().session.borrow().queue().has_failed_write();
            if failing {
                ev.prevent_default();
                // Older browsers need a return value to ask.
                ev.set_return_value("unsaved");
            }
        });
        std::mem::forget(handle);
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

    /// Replaces all data (import "replace", restore): keeps a snapshot of
    /// the current data first, then writes the new data in one
    /// transaction. On any error the stored and shown data stay as they
    /// were.
    pub async fn replace_all(
        &self,
        data: Dataset,
        reason: SnapshotReason,
    ) -> Result<(), StoreError> {
        self.take_all(data, reason, false).await
    }

    /// Takes the result of an import merge like [`replace_all`], but writes
    /// only the records it adds or changes (one transaction of bulk puts,
    /// no clearing and rewriting of what stays as it is).
    ///
    /// [`replace_all`]: AppState::replace_all
    pub async fn merge_all(&self, data: Dataset, reason: SnapshotReason) -> Result<(), StoreError> {
        self.take_all(data, reason, true).await
    }

    async fn take_all(
        &self,
        data: Dataset,
        reason: SnapshotReason,
        merge: bool,
    ) -> Result<(), StoreError> {
        if let Phase::ReadOnly(error) = self.phase.get_untracked() {
            // Never replace data that could not be read.
            return Err(error);
        }
        let inner = self.inner();
        let Some(store) = inner.store.borrow().clone() else {
            return Err(StoreError::Unavailable("not loaded yet".into()));
        };
        // Unsaved edits first, so the snapshot holds what the person sees.
        flush(&inner.session, store.as_ref(), |_| {}).await?;
        let current = inner.session.borrow().data().clone();
        let changed = merge.then(|| crate::exchange::backup::changed_records(&current, &data));
        store
            .save_snapshot(&Snapshot::new(reason, current.clone(), Utc::now()))
            .await?;
        match changed {
            Some(changed) => store.put_all(&changed).await?,
            None => store.replace_all(&data).await?,
        }
        inner.session.borrow_mut().replace_data(data);
        self.sync();
        self.ask_for_persistence();
        self.announce_replaced();
        self.tell_stored(Stored::Replaced(current));
        Ok(())
    }
}

/// A rule break in words: the record it is about, then what is wrong.
fn describe_problem(i18n: I18nContext<Locale>, error: &crate::domain::ValidationError) -> String {
    use crate::ui::labels::{kind_singular, problem_text};
    let what = problem_text(i18n, error);
    match error.record() {
        Some(record) => format!(
            "{} {what}",
            t_string!(
                i18n,
                integrity.record_named,
                kind = kind_singular(i18n, record.kind),
                label = &record.label
            )
        ),
        None => what,
    }
}

/// Provides the [`AppState`] to everything inside it. Must sit inside the
/// i18n provider, because messages are translated when they are made.
#[component]
pub fn AppStateProvider(children: Children) -> impl IntoView {
    AppState::provide();
    children()
}
