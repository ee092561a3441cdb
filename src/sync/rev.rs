//! CouchDB revisions: `N-hash`, where `N` (the generation) counts the
//! edits from the document's first version and `hash` names the content.
//!
//! When two devices edit a document while apart, both revisions are kept
//! as leaves of its revision tree, and every peer picks the same *winning*
//! revision without talking to the others ([`winner`]): a leaf that is not
//! deleted beats a deleted one; then the higher generation; then the
//! greater hash, compared as plain strings (bytes). That is CouchDB's rule
//! (docs: "Replication and conflict model") and PouchDB's `winningRev`, so
//! the app shows the same version as Fauxton or any other client.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One revision of a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rev {
    /// How many edits led to it (1 for a document's first version).
    pub generation: u64,
    /// The revision's hash (CouchDB and PouchDB write 32 hex digits; any
    /// non-empty text is accepted, as both do for revisions they receive).
    pub hash: String,
}

impl Rev {
    /// Reads `N-hash`: a generation of at least 1, a dash, a non-empty
    /// hash. `None` for anything else (`"0-x"`, `"3"`, `"-abc"`, `"2-"`).
    pub fn parse(text: &str) -> Option<Rev> {
        let (generation, hash) = text.split_once('-')?;
        if generation.is_empty() || !generation.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let generation: u64 = generation.parse().ok()?;
        if generation == 0 || hash.is_empty() || hash.chars().any(char::is_control) {
            return None;
        }
        Some(Rev {
            generation,
            hash: hash.to_owned(),
        })
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

/// CouchDB's order of revisions: by generation, then by hash as a string.
impl Ord for Rev {
    fn cmp(&self, other: &Self) -> Ordering {
        self.generation
            .cmp(&other.generation)
            .then_with(|| self.hash.as_bytes().cmp(other.hash.as_bytes()))
    }
}

impl PartialOrd for Rev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// As its text, `"N-hash"`, the way documents and PouchDB carry it.
impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rev::parse(&text).ok_or_else(|| serde::de::Error::custom("not a revision (N-hash)"))
    }
}

/// The winning revision among a document's leaves (each with whether it
/// is a deletion), exactly as CouchDB and PouchDB pick it: leaves that are
/// not deleted first, then the highest generation, then the greater hash.
/// `None` only for no leaves. When every leaf is deleted, the document is
/// deleted and the winner is the greatest deleted leaf.
pub fn winner(leaves: &[(Rev, bool)]) -> Option<&Rev> {
    leaves
        .iter()
        .max_by(|(a, a_deleted), (b, b_deleted)| {
            // Not deleted (false) ranks above deleted (true).
            b_deleted.cmp(a_deleted).then_with(|| a.cmp(b))
        })
        .map(|(rev, _)| rev)
}

/// A document's revision history, newest first, from the `_revisions`
/// PouchDB and CouchDB add when asked (`revs: true`):
/// `{"start": 3, "ids": ["c…", "b…", "a…"]}` is `3-c…, 2-b…, 1-a…`. `None`
/// when the document has none or it is malformed.
pub fn history(doc: &serde_json::Value) -> Option<Vec<Rev>> {
    let revisions = doc.get("_revisions")?;
    let start = revisions.get("start")?.as_u64()?;
    let ids = revisions.get("ids")?.as_array()?;
    if ids.len() as u64 > start {
        return None;
    }
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let hash = id.as_str().filter(|h| !h.is_empty())?;
            Some(Rev {
                generation: start - i as u64,
                hash: hash.to_owned(),
            })
        })
        .collect()
}

/// The newest revision two histories (newest first, as [`history`] gives
/// them) share: the common ancestor whose body the three-way merge wants
/// (PouchDB keeps it until the database is compacted).
pub fn common_ancestor(a: &[Rev], b: &[Rev]) -> Option<Rev> {
    a.iter().find(|rev| b.contains(rev)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).expect("a revision")
    }

    #[test]
    fn reads_and_writes_n_dash_hash() {
        let r = rev("12-967a00dff5e02add41819138abb3284d");
        assert_eq!(r.generation, 12);
        assert_eq!(r.hash, "967a00dff5e02add41819138abb3284d");
        assert_eq!(r.to_string(), "12-967a00dff5e02add41819138abb3284d");
        for bad in ["", "3", "-abc", "2-", "0-abc", "x-abc", "+1-abc", "1 -a"] {
            assert_eq!(Rev::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_common_ancestor_is_the_newest_shared_revision() {
        let ours = serde_json::json!({"_revisions": {"start": 4, "ids": ["d", "c", "b", "a"]}});
        let theirs = serde_json::json!({"_revisions": {"start": 3, "ids": ["x", "b", "a"]}});
        let (ours, theirs) = (history(&ours).unwrap(), history(&theirs).unwrap());
        assert_eq!(ours[0], rev("4-d"));
        assert_eq!(common_ancestor(&ours, &theirs), Some(rev("2-b")));
        // A history cut short (revs_limit) may share nothing.
        assert_eq!(common_ancestor(&ours[..2], &theirs), None);
        let broken = serde_json::json!({"_revisions": {"start": 1, "ids": ["b", "a"]}});
        assert_eq!(history(&broken), None);
    }

    #[test]
    fn generation_counts_before_the_hash() {
        assert!(rev("10-a") > rev("9-z"));
        assert!(rev("2-b") > rev("2-a"));
    }
}
