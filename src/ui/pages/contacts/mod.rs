//! The address book: the list with search, role filter and vCard exchange
//! (`/contacts`), and one contact with everything linked to it
//! (`/contacts/:id`).

mod detail;
mod list;
mod vcard_export;
mod vcard_import;

pub use detail::ContactDetailPage;
pub use list::ContactsPage;
