//! Sync through CouchDB replication (issue 14): the pure part.
//!
//! Replication itself is PouchDB's job in the browser (the bridge, loaded
//! only when sync is on). This module is what the bridge asks about the
//! data, with no browser in sight, so it is tested natively:
//!
//! - [`doc`]: one CouchDB document per record (`_id` = the record's id,
//!   its kind and schema version beside the record's fields), and back,
//!   refusing documents of a newer schema instead of decoding them lossy;
//! - [`rev`]: revisions (`N-hash`) and CouchDB's winning-revision rule;
//! - [`merge`]: the three-way field merge from the common ancestor;
//! - [`conflicts`]: what the conflicts list shows and what a resolution
//!   writes (a normal edit on the winning revision, the losers deleted);
//! - [`inbound`]: received documents as a change set for the app's store,
//!   holding back what would break a rule until what it needs arrived;
//! - [`outbound`]: the app's change sets (and an import) as documents;
//! - [`settings`]: the server and database a person configures, checked
//!   so the Content-Security-Policy can name exactly that origin;
//! - [`status`]: what the status bar shows;
//! - [`team`]: the records of one project's team database.
//!
//! Nothing in the first load uses this: it ships with the sync page.

pub mod conflicts;
pub mod doc;
pub mod inbound;
pub mod merge;
pub mod outbound;
pub mod rev;
pub mod settings;
pub mod status;
pub mod team;

pub use conflicts::{Conflict, Resolution, Version};
pub use doc::{DocRefusal, RemoteDoc, SCHEMA_VERSION};
pub use inbound::Inbound;
pub use merge::{FieldChoice, Merge, Side};
pub use rev::Rev;
pub use settings::{ServerOrigin, SettingsError, SyncSettings};
pub use status::{SyncError, SyncState};
