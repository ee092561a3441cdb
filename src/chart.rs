//! Chart geometry for the timeline: pure arithmetic from dates to pixels,
//! kept out of the view (and tested natively) so the view stays readable.

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

    /// The dates of the given day columns (0 is `first`).
    pub fn dates_in(&self, days: std::ops::Range<i64>) -> impl Iterator<Item = NaiveDate> + '_ {
        days.map(move |i| self.first + chrono::Duration::days(i))
    }

    /// The day columns that lie (partly) within `window` (pixels from the
    /// chart's left edge), clamped to the scale.
    pub fn days_in(&self, window: std::ops::Range<f64>) -> std::ops::Range<i64> {
        let from = ((window.start / self.px).floor() as i64).clamp(0, self.days);
        let to = ((window.end / self.px).ceil() as i64 + 1).clamp(from, self.days);
        from..to
    }
}

/// The part of the chart worth drawing for a horizontal scroll position
/// (pixels from the chart's left edge): what is in view and a screen to
/// either side, in steps of whole screens so that scrolling redraws the
/// axis only now and then. A long plan (5,000 steps span decades) then
/// draws a few hundred day ticks, not tens of thousands, whatever moves.
pub fn visible_span(scroll_left: f64, viewport_width: f64) -> std::ops::Range<f64> {
    let screen = viewport_width.max(400.0);
    let start = ((scroll_left - LABEL_WIDTH) / screen).floor() * screen - screen;
    start.max(0.0)..start.max(0.0) + 4.0 * screen
}

/// The rows worth rendering for a scroll position, with a few extra above
/// and below so fast scrolling shows no gaps.
pub fn visible_rows(scroll_top: f64, viewport_height: f64, total: usize) -> std::ops::Range<usize> {
    let overscan = 8;
    let first = ((scroll_top - AXIS_HEIGHT).max(0.0) / ROW_HEIGHT).floor() as usize;
    let count = (viewport_height / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + count + overscan).min(total);
    start..end
}

/// Labels of the date axis: (x, text) for each tick.
pub fn axis_ticks(scale: &Scale, zoom: Zoom, month_names: &[&str; 12]) -> Vec<(f64, String)> {
    axis_ticks_in(scale, zoom, month_names, 0..scale.days)
}

/// The axis labels of the given day columns only.
pub fn axis_ticks_in(
    scale: &Scale,
    zoom: Zoom,
    month_names: &[&str; 12],
    days: std::ops::Range<i64>,
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

/// Month headings above the day ticks (day zoom only).
pub fn month_ticks(scale: &Scale, month_names: &[&str; 12]) -> Vec<(f64, String)> {
    month_ticks_in(scale, month_names, 0..scale.days)
}

/// The month headings of the given day columns only (the first column
/// always gets one).
pub fn month_ticks_in(
    scale: &Scale,
    month_names: &[&str; 12],
    days: std::ops::Range<i64>,
) -> Vec<(f64, String)> {
    scale
        .dates_in(days)
        .enumerate()
        .filter(|(i, d)| *i == 0 || d.day() == 1)
        .map(|(_, d)| {
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
        let ticks = axis_ticks(&scale, Zoom::Week, &names);
        assert!(ticks.iter().any(|(_, t)| t == "KW 12"));
        assert!(ticks.iter().all(|(_, t)| t.starts_with("KW")));
    }
}
