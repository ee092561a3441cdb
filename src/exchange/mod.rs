//! Getting data in and out: the JSON backup (with migrations of older
//! formats) and the interchange formats of other programs.

pub mod backup;
pub mod csv;
pub mod encoding;
pub mod ical;
pub(crate) mod json_path;
pub mod migrate;
pub mod problem;
pub mod vcard;
pub mod work_package;
