//! The shipped sample, placed relative to today: every date in it moves by
//! the same number of days, so that the week the sample was written for
//! (the week of its export date, the "today" of its story) becomes the
//! week it is loaded in. A new person then sees a plan in progress (a step
//! behind, an order to place, a follow-up due), not a plan that ended last
//! month.
//!
//! Why whole weeks and not exactly today: weekdays stay. The weekly
//! meeting stays on Monday, a step planned to start on a Monday does not
//! land on a Saturday, and the story's today is at most six days off.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::domain::{Dataset, When};

/// How many days the sample must move so that the week of `anchor`
/// becomes the week of `today` (weeks from Monday): a multiple of seven.
pub fn days_to_today(anchor: NaiveDate, today: NaiveDate) -> i64 {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    (monday(today) - monday(anchor)).num_days()
}

/// `data` with every date and time moved by `days` calendar days: plan
/// dates, actual dates, follow-ups, appointments (and their repetition's
/// end), time entries, days off, and the records' own created/updated
/// times (so "changed since" keeps its order).
pub fn shift_dataset(data: &Dataset, days: i64) -> Dataset {
    let mut data = data.clone();
    if days == 0 {
        return data;
    }
    let by = Duration::days(days);
    let day = |d: &mut NaiveDate| *d += by;
    let opt = |d: &mut Option<NaiveDate>| {
        if let Some(d) = d {
            *d += by;
        }
    };
    let time = |t: &mut DateTime<Utc>| *t += by;
    for p in data.projects.iter_mut() {
        time(&mut p.created);
        time(&mut p.updated);
        opt(&mut p.start);
        opt(&mut p.deadline);
    }
    for s in data.steps.iter_mut() {
        time(&mut s.created);
        time(&mut s.updated);
        opt(&mut s.planned_start);
        opt(&mut s.deadline);
        opt(&mut s.actual_start);
        opt(&mut s.actual_finish);
    }
    for m in data.materials.iter_mut() {
        time(&mut m.created);
        time(&mut m.updated);
        opt(&mut m.ordered_on);
        opt(&mut m.delivered_on);
    }
    for c in data.contacts.iter_mut() {
        time(&mut c.created);
        time(&mut c.updated);
        c.days_off.iter_mut().for_each(day);
    }
    for c in data.communications.iter_mut() {
        time(&mut c.created);
        time(&mut c.updated);
        time(&mut c.at);
        opt(&mut c.follow_up);
    }
    for a in data.appointments.iter_mut() {
        time(&mut a.created);
        time(&mut a.updated);
        a.when = match a.when {
            When::Timed { start, end } => When::Timed {
                start: start + by,
                end: end + by,
            },
            When::AllDay { first, last } => When::AllDay {
                first: first + by,
                last: last + by,
            },
        };
        if let Some(r) = a.recurrence.as_mut() {
            opt(&mut r.until);
        }
    }
    for t in data.time_entries.iter_mut() {
        time(&mut t.created);
        time(&mut t.updated);
        day(&mut t.date);
    }
    data
}
