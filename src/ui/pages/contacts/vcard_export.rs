//! Contacts out as a `.vcf` file, for one contact, a selection or all.

use chrono::Local;

use crate::domain::Contact;
use crate::exchange::vcard::{write_contacts_as, VCardVersion};
use crate::i18n::{t_string, I18nContext, Locale};
use crate::ui::browser_files::download_text;
use crate::ui::components::notice::Notice;

/// A file name from a contact's name: letters, digits and dashes only, so
/// that every file system takes it.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "kontakt".to_string()
    } else {
        stem
    }
}

/// Offers `contacts` as a vCard download in `version` and says how it
/// went. The message appears in `notice`, next to the button that asked.
pub fn export_contacts(
    notice: Notice,
    i18n: I18nContext<Locale>,
    contacts: &[Contact],
    version: VCardVersion,
) {
    if contacts.is_empty() {
        return;
    }
    let name = match contacts {
        [one] => format!("{}.vcf", file_stem(&one.name)),
        _ => format!("kontakte-{}.vcf", Local::now().format("%Y-%m-%d")),
    };
    match download_text(&name, "text/vcard", &write_contacts_as(contacts, version)) {
        Ok(()) => notice.info(t_string!(i18n, vcard.exported, count = contacts.len()).to_string()),
        Err(_) => notice.error(t_string!(i18n, vcard.download_failed)),
    }
}
