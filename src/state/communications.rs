//! The communication log's questions about the data: the entries about a
//! project or with a contact, newest first, narrowed by a full-text search;
//! and the follow-ups that are due.

use chrono::NaiveDate;

use crate::domain::{Communication, ContactId, Dataset, ProjectId};

use super::search;

/// The entries about `project` and/or with `contact` (both `None`: all),
/// matching `query` in the summary, the contact's or the project's name;
/// newest first.
pub fn log<'a>(
    data: &'a Dataset,
    project: Option<ProjectId>,
    contact: Option<ContactId>,
    query: &str,
) -> Vec<&'a Communication> {
    let mut list: Vec<&Communication> = data
        .communications
        .iter()
        .filter(|c| project.is_none_or(|p| c.project == Some(p)))
        .filter(|c| contact.is_none_or(|k| c.contact == Some(k)))
        .filter(|c| {
            let contact = c
                .contact
                .and_then(|id| data.contact(id))
                .map(|k| k.name.as_str());
            let project = c
                .project
                .and_then(|id| data.project(id))
                .map(|p| p.name.as_str());
            search::matches(
                query,
                [Some(c.summary.as_str()), contact, project]
                    .into_iter()
                    .flatten(),
            )
        })
        .collect();
    crate::sorting::sort_by_key(&mut list, |c| std::cmp::Reverse(c.at));
    list
}

/// The follow-ups due on or before `today` and not done, oldest due first.
pub fn due_follow_ups(data: &Dataset, today: NaiveDate) -> Vec<&Communication> {
    let mut list: Vec<&Communication> = data
        .communications
        .iter()
        .filter(|c| c.follow_up_due(today))
        .collect();
    crate::sorting::sort_by_key(&mut list, |c| (c.follow_up, c.at));
    list
}
