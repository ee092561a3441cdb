//! "What to work on next": one ranked list of open steps across client
//! projects, own projects, daily business and side activities, each with
//! the reasons that put it where it is.
//!
//! The order, key by key (the first key that differs decides):
//! 1. the person's own choice: pinned items first, pushed-back items last;
//! 2. late work (a missed deadline or fixed start, or negative float);
//! 3. work that can start today before work that cannot yet;
//! 4. urgent by the plan: on the critical path or at most
//!    [`TIGHT_FLOAT_DAYS`] working days of float;
//! 5. the project's priority;
//! 6. the category: client work first (someone waits and pays), then own
//!    projects, daily business, side activities;
//! 7. the earlier deadline, then less float, then the earlier start.
//!
//! Why keys and not a weighted score: a score cannot say why an item is
//! where it is; with keys the reasons are exactly the keys that held.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// At most this much float makes a step urgent by the plan.
pub const TIGHT_FLOAT_DAYS: i64 = 2;

/// The kinds of work, in the order client work comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WorkKind {
    ClientProject,
    OwnProject,
    DailyBusiness,
    SideActivity,
}

/// The person's choice for one item, kept by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pin {
    /// "Do this first."
    Pinned,
    /// "Not now."
    PushedBack,
}

/// One open step as the ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub step: Uuid,
    pub project: Uuid,
    pub kind: WorkKind,
    /// 0 = low … 3 = urgent.
    pub priority: u8,
    /// The step's deadline, else its project's.
    pub deadline: Option<NaiveDate>,
    pub earliest_start: NaiveDate,
    pub total_float: i64,
    pub critical: bool,
    /// Working days it is late (missed deadline or fixed start).
    pub late_days: i64,
}

/// Why an item stands where it does, one per key that held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RankReason {
    Pinned,
    PushedBack,
    /// Late by `days` working days (or `days` of negative float).
    Late {
        days: i64,
    },
    /// Can be worked on today.
    CanStartNow,
    /// Cannot start before this date (its predecessors are not done).
    StartsOn {
        date: NaiveDate,
    },
    /// On the critical path: any delay moves the end.
    Critical,
    /// Only `days` working days of float.
    TightFloat {
        days: i64,
    },
    /// The project's priority, when above normal.
    Priority {
        level: u8,
    },
    /// The kind of work.
    Kind {
        kind: WorkKind,
    },
    /// Due on this date.
    Deadline {
        date: NaiveDate,
    },
}

/// A ranked item: position 1 is the first thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedItem {
    pub step: Uuid,
    pub project: Uuid,
    pub position: usize,
    pub reasons: Vec<RankReason>,
}

/// Ranks `candidates` as of `today` (see the module doc).
pub fn rank(
    candidates: &[Candidate],
    pins: &HashMap<Uuid, Pin>,
    today: NaiveDate,
) -> Vec<RankedItem> {
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    crate::sorting::sort_by_key(&mut order, |c| {
        sort_key(c, pins.get(&c.step).copied(), today)
    });
    order
        .into_iter()
        .enumerate()
        .map(|(i, c)| RankedItem {
            step: c.step,
            project: c.project,
            position: i + 1,
            reasons: reasons(c, pins.get(&c.step).copied(), today),
        })
        .collect()
}

type SortKey = (
    u8,
    bool,
    bool,
    bool,
    Reverse<u8>,
    WorkKind,
    Option<NaiveDate>,
    i64,
    NaiveDate,
    Uuid,
);

fn sort_key(c: &Candidate, pin: Option<Pin>, today: NaiveDate) -> SortKey {
    let choice = match pin {
        Some(Pin::Pinned) => 0,
        None => 1,
        Some(Pin::PushedBack) => 2,
    };
    (
        choice,
        !is_late(c),
        c.earliest_start > today,
        !is_tight(c),
        Reverse(c.priority),
        c.kind,
        // `None` sorts first; a missing deadline must come last.
        c.deadline.or(Some(NaiveDate::MAX)),
        c.total_float,
        c.earliest_start,
        c.step,
    )
}

fn is_late(c: &Candidate) -> bool {
    c.late_days > 0 || c.total_float < 0
}

fn is_tight(c: &Candidate) -> bool {
    c.critical || c.total_float <= TIGHT_FLOAT_DAYS
}

fn reasons(c: &Candidate, pin: Option<Pin>, today: NaiveDate) -> Vec<RankReason> {
    let mut out = Vec::new();
    match pin {
        Some(Pin::Pinned) => out.push(RankReason::Pinned),
        Some(Pin::PushedBack) => out.push(RankReason::PushedBack),
        None => {}
    }
    if is_late(c) {
        out.push(RankReason::Late {
            days: c.late_days.max(-c.total_float),
        });
    }
    out.push(if c.earliest_start > today {
        RankReason::StartsOn {
            date: c.earliest_start,
        }
    } else {
        RankReason::CanStartNow
    });
    if c.critical {
        out.push(RankReason::Critical);
    } else if is_tight(c) {
        out.push(RankReason::TightFloat {
            days: c.total_float,
        });
    }
    if c.priority > 1 {
        out.push(RankReason::Priority { level: c.priority });
    }
    out.push(RankReason::Kind { kind: c.kind });
    if let Some(date) = c.deadline {
        out.push(RankReason::Deadline { date });
    }
    out
}
