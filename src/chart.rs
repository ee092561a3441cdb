//! Chart geometry for the timeline: pure arithmetic from dates to pixels,
//! kept out of the view (and tested natively) so the view stays readable.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

/// Height of one row in pixels; rows are fixed-height so that only the
/// visible ones need to exist in the DOM.
pub const ROW_HEIGHT: f64 = 36.0;
/// Height of the date axis.
pub const AXIS_HEIGHT: f64 = 44.0;
/// Width of the step name column.
pub const LABEL_WIDTH: f64 = 220.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    Day,
    Week,
    Month,
}

impl Zoom {
    pub fn pixels_per_day(self) -> f64 {
        match self {
            Zoom::Day => 30.0,
            Zoom::Week => 10.0,
            Zoom::Month => 3.0,
        }
    }
}

/// The span of dates the chart shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub first: NaiveDate,
    pub days: i64,
    pub px: f64,
}

impl Scale {
    /// A scale covering `first..=last` with some room on both sides.
    pub fn covering(first: NaiveDate, last: NaiveDate, zoom: Zoom) -> Scale {
        let pad_before = 3;
        let pad_after = match zoom {
            Zoom::Day => 7,
            Zoom::Week => 21,
            Zoom::Month => 60,
        };
        let first = first - chrono::Duration::days(pad_before);
        let days = (last - first).num_days() + 1 + pad_after;
        Scale {
            first,
            days: days.max(1),
            px: zoom.pixels_per_day(),
        }
    }

    pub fn x(&self, date: NaiveDate) -> f64 {
        (date - self.first).num_days() as f64 * self.px
    }

    pub fn width(&self) -> f64 {
        self.days as f64 * self.px
    }

    /// Whole days a horizontal drag of `dx` pixels stands for.
    pub fn days_for(&self, dx: f64) -> i64 {
        (dx / self.px).round() as i64
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.dates_in(0..self.days)
    }

    /// The dates of the day indices `days` (clamped to the chart).
    pub fn dates_in(&self, days: Range<i64>) -> impl Iterator<Item = NaiveDate> + '_ {
        (days.start.max(0)..days.end.min(self.days))
            .map(move |i| self.first + chrono::Duration::days(i))
    }
}

/// The rows worth rendering for a scroll position, with a few extra above
/// and below so fast scrolling shows no gaps.
pub fn visible_rows(scroll_top: f64, viewport_height: f64, total: usize) -> Range<usize> {
    let overscan = 8;
    let first = ((scroll_top - AXIS_HEIGHT).max(0.0) / ROW_HEIGHT).floor() as usize;
    let count = (viewport_height / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + count + overscan).min(total);
    start..end
}

/// How far beyond the visible part the axis and the holiday shading are
/// drawn, and the step by which that drawn window moves: a scroll redraws
/// them only every `WINDOW_STEP` pixels, and never shows a gap.
pub const WINDOW_STEP: f64 = 256.0;

/// The days of the chart worth drawing (axis labels, holidays) for a
/// horizontal scroll position of the timeline's scroll area: the ones in
/// view plus a margin, as day indices from `scale.first`. `scroll_left` and
/// `viewport_width` are those of the scroll area, whose first
/// `LABEL_WIDTH` (or fewer, on a phone) pixels are the name column.
pub fn visible_days(scale: &Scale, scroll_left: f64, viewport_width: f64) -> Range<i64> {
    let from = ((scroll_left - LABEL_WIDTH - WINDOW_STEP) / WINDOW_STEP).floor() * WINDOW_STEP;
    let to = ((scroll_left + viewport_width + WINDOW_STEP) / WINDOW_STEP).ceil() * WINDOW_STEP;
    let last = ((to / scale.px).ceil() as i64).clamp(0, scale.days);
    let first = ((from / scale.px).floor() as i64).clamp(0, last);
    first..last
}

/// Labels of the date axis for the days in `days`: (x, text) for each tick.
pub fn axis_ticks(
    scale: &Scale,
    zoom: Zoom,
    month_names: &[&str; 12],
    days: Range<i64>,
) -> Vec<(f64, String)> {
    scale
        .dates_in(days)
        .filter_map(|d| {
            let label = match zoom {
                Zoom::Day => Some(format!("{}", d.day())),
                Zoom::Week => (d.weekday() == chrono::Weekday::Mon)
                    .then(|| format!("KW {}", d.iso_week().week())),
                Zoom::Month => (d.day() == 1)
                    .then(|| format!("{} {}", month_names[d.month0() as usize], d.year() % 100)),
            }?;
            Some((scale.x(d), label))
        })
        .collect()
}

/// Month headings above the day ticks (day zoom only) for the days in
/// `days`: one at the start of each month, and one for the month the range
/// begins in (at its first day, or at the chart's first day), whose text may
/// reach into view although its start is not.
pub fn month_ticks(
    scale: &Scale,
    month_names: &[&str; 12],
    days: Range<i64>,
) -> Vec<(f64, String)> {
    if days.is_empty() {
        return Vec::new();
    }
    let first = scale.first + chrono::Duration::days(days.start);
    let opening = first.with_day(1).unwrap_or(first).max(scale.first);
    std::iter::once(opening)
        .chain(
            scale
                .dates_in(days)
                .filter(|d| d.day() == 1 && *d > opening),
        )
        .map(|d| {
            (
                scale.x(d),
                format!("{} {}", month_names[d.month0() as usize], d.year()),
            )
        })
        .collect()
}

/// An elbow from the end of one bar to the start of another.
pub fn arrow_path(from_x: f64, from_row: usize, to_x: f64, to_row: usize) -> String {
    let y1 = AXIS_HEIGHT + from_row as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
    let y2 = AXIS_HEIGHT + to_row as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
    let mid = from_x + 6.0;
    let back = (to_x - 6.0).min(mid);
    format!(
        "M{from_x:.1},{y1:.1} H{mid:.1} V{:.1} H{back:.1} V{y2:.1} H{:.1}",
        (y1 + y2) / 2.0,
        to_x - 2.0
    )
}

/// Average width of one character of a bar's label (12 px text) and the
/// bar's own padding, in pixels.
const CHAR_WIDTH: f64 = 6.5;
const BAR_PADDING: f64 = 22.0;

/// True if a bar `bar_width` pixels wide shows `label` inside itself: the
/// whole label fits, or the bar is long enough that a cut label still
/// reads (a dozen letters). Otherwise the label goes beside the bar, never
/// cut to one letter.
pub fn label_inside(bar_width: f64, label: &str) -> bool {
    let chars = label.chars().count() as f64;
    bar_width >= BAR_PADDING + CHAR_WIDTH * chars.min(12.0)
}

/// The day the chart opens at: today if it lies within the plan
/// (`first..=last`), else the plan's first day, so a project that starts
/// later (or is over) opens at its own dates, not at an empty today.
pub fn opening_day(today: NaiveDate, first: NaiveDate, last: NaiveDate) -> NaiveDate {
    if first <= today && today <= last {
        today
    } else {
        first
    }
}

/// The horizontal scroll position that puts `day` near the left edge of
/// the chart, with two days before it in view.
pub fn scroll_to(scale: &Scale, day: NaiveDate) -> f64 {
    (scale.x(day) - 2.0 * scale.px).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_map_to_pixels_and_back() {
        let scale = Scale::covering(d(2027, 3, 22), d(2027, 3, 31), Zoom::Day);
        assert_eq!(scale.first, d(2027, 3, 19));
        assert_eq!(scale.x(d(2027, 3, 22)), 90.0);
        assert_eq!(scale.days_for(44.0), 1);
        assert_eq!(scale.days_for(-61.0), -2);
    }

    #[test]
    fn only_rows_near_the_viewport_are_rendered() {
        let rows = visible_rows(AXIS_HEIGHT + 100.0 * ROW_HEIGHT, 400.0, 5_000);
        assert!(rows.start <= 100 && rows.end >= 112);
        assert!(rows.len() < 40, "{rows:?}");
        assert_eq!(visible_rows(0.0, 400.0, 3), 0..3);
    }

    #[test]
    fn week_zoom_labels_mondays() {
        let names = [
            "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
        ];
        let scale = Scale::covering(d(2027, 3, 22), d(2027, 4, 5), Zoom::Week);
        let ticks = axis_ticks(&scale, Zoom::Week, &names, 0..scale.days);
        assert!(ticks.iter().any(|(_, t)| t == "KW 12"));
        assert!(ticks.iter().all(|(_, t)| t.starts_with("KW")));
    }

    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
    ];

    #[test]
    fn only_the_days_near_the_viewport_get_axis_labels() {
        // Six years at day zoom: 65,000 pixels of chart.
        let scale = Scale::covering(d(2027, 1, 4), d(2032, 12, 31), Zoom::Day);
        let days = visible_days(&scale, 0.0, 926.0);
        assert_eq!(days.start, 0);
        assert!(days.end as f64 * scale.px >= 926.0, "{days:?}");
        let ticks = axis_ticks(&scale, Zoom::Day, &NAMES, days.clone());
        assert!(ticks.len() < 100, "{} labels", ticks.len());

        // Scrolled a year on: the days in view are labelled, none from
        // the start.
        let left = scale.x(d(2028, 1, 10));
        let days = visible_days(&scale, left, 926.0);
        let ticks = axis_ticks(&scale, Zoom::Day, &NAMES, days);
        let (from, to) = (ticks[0].0, ticks[ticks.len() - 1].0);
        assert!(
            from <= left - LABEL_WIDTH && to >= left + 926.0,
            "{from}..{to}"
        );
        assert!(ticks.len() < 100, "{} labels", ticks.len());
        assert!(ticks.iter().any(|(x, t)| *x == left && t == "10"));
    }

    #[test]
    fn the_drawn_window_moves_in_steps() {
        let scale = Scale::covering(d(2027, 1, 4), d(2032, 12, 31), Zoom::Day);
        let at = |left: f64| visible_days(&scale, left, 900.0);
        let left = LABEL_WIDTH + 10.0 * WINDOW_STEP;
        assert_eq!(at(left), at(left + 1.0));
        assert_eq!(at(left), at(left + WINDOW_STEP / 2.0 - 50.0));
        assert_ne!(at(left), at(left + WINDOW_STEP));
        // Past the end: the range stops at the chart's last day.
        assert!(at(1e9).is_empty());
        assert!(at(scale.width()).end == scale.days);
    }

    #[test]
    fn the_month_the_window_starts_in_keeps_its_heading() {
        let scale = Scale::covering(d(2027, 1, 4), d(2027, 12, 31), Zoom::Day);
        // A window from mid-March to mid-May.
        let from = (d(2027, 3, 15) - scale.first).num_days();
        let to = (d(2027, 5, 15) - scale.first).num_days();
        let months = month_ticks(&scale, &NAMES, from..to);
        let texts: Vec<_> = months.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Mär 2027", "Apr 2027", "Mai 2027"]);
        assert_eq!(months[0].0, scale.x(d(2027, 3, 1)));
        // The chart's first month is headed at the chart's first day.
        let months = month_ticks(&scale, &NAMES, 0..10);
        assert_eq!(months[0], (0.0, "Jan 2027".to_string()));
        assert!(month_ticks(&scale, &NAMES, 5..5).is_empty());
    }
    #[test]
    fn a_label_that_does_not_fit_goes_beside_its_bar() {
        // A one-day bar at day zoom is 30 px: "Entwurf" would be cut to "E.".
        assert!(!label_inside(30.0, "Entwurf"));
        assert!(label_inside(200.0, "Entwurf"));
        // A long bar keeps a long name inside, cut with an ellipsis.
        assert!(label_inside(120.0, "Produktfotos für den neuen Shop"));
        assert!(!label_inside(60.0, "Produktfotos für den neuen Shop"));
    }

    #[test]
    fn a_project_opens_at_today_only_when_today_is_in_its_plan() {
        let (first, last) = (d(2027, 1, 4), d(2027, 3, 31));
        assert_eq!(opening_day(d(2027, 2, 1), first, last), d(2027, 2, 1));
        assert_eq!(opening_day(d(2026, 11, 23), first, last), first);
        assert_eq!(opening_day(d(2027, 6, 1), first, last), first);
        let scale = Scale::covering(d(2026, 11, 23), last, Zoom::Day);
        assert_eq!(scroll_to(&scale, first), scale.x(first) - 60.0);
        assert_eq!(scroll_to(&scale, scale.first), 0.0);
    }
}
