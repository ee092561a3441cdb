//! The analysis page's charts, drawn as inline SVG (no chart library):
//! baseline against actual per step, effort per work area, and the cost
//! breakdown. Each is an image with a label (`role="img"`); the numbers
//! are in the text table beside it, so the chart itself need not be read.
//!
//! The SVG has a fixed coordinate system (`viewBox`) and a width of 100 %,
//! so it scales with the card, on a phone and on an A4 page alike.

use chrono::NaiveDate;
use leptos::prelude::*;

/// Width of the drawing in SVG units.
const WIDTH: f64 = 720.0;
/// Width of the label column.
const LABEL: f64 = 170.0;
/// Height of one row.
const ROW: f64 = 30.0;
/// Room at the bottom for the axis text.
const AXIS: f64 = 22.0;

/// A label clipped to fit the label column.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// One step's planned and actual first and last working day.
#[derive(Clone, PartialEq)]
pub struct DateBars {
    pub label: String,
    pub planned: Option<(NaiveDate, NaiveDate)>,
    pub actual: Option<(NaiveDate, NaiveDate)>,
}

/// Two bars per step on one date axis: the baseline (light) above, what
/// happened or is forecast (strong) below.
#[component]
pub fn DateBarsChart(
    rows: Vec<DateBars>,
    #[prop(into)] label: String,
    /// The axis ends, already formatted: first and last day shown.
    #[prop(into)]
    first_last: (String, String),
) -> impl IntoView {
    let dates: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|r| r.planned.into_iter().chain(r.actual))
        .flat_map(|(a, b)| [a, b])
        .collect();
    let (Some(min), Some(max)) = (dates.iter().min().copied(), dates.iter().max().copied()) else {
        return ().into_any();
    };
    // One day more than the span, so a one-day bar has a width.
    let span = ((max - min).num_days() + 1) as f64;
    let area = WIDTH - LABEL - 8.0;
    let x = move |d: NaiveDate| LABEL + (d - min).num_days() as f64 / span * area;
    let w = move |(a, b): (NaiveDate, NaiveDate)| ((b - a).num_days() + 1) as f64 / span * area;
    let height = rows.len() as f64 * ROW + AXIS;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i as f64 * ROW;
            view! {
                <g>
                    <text class="chart__label" x="0" y=y + 19.0>{clip(&r.label, 24)}</text>
                    {r.planned.map(|p| view! {
                        <rect class="chart__bar chart__bar--planned" x=x(p.0) y=y + 4.0 width=w(p).max(2.0) height="10" rx="2" />
                    })}
                    {r.actual.map(|a| view! {
                        <rect class="chart__bar chart__bar--actual" x=x(a.0) y=y + 15.0 width=w(a).max(2.0) height="10" rx="2" />
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <div class="chart-scroll"><svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label>
            <line class="chart__axis" x1=LABEL y1=height - AXIS x2=WIDTH - 8.0 y2=height - AXIS />
            {bars}
            <text class="chart__tick" x=LABEL y=height - 6.0>{first_last.0}</text>
            <text class="chart__tick" x=WIDTH - 8.0 y=height - 6.0 text-anchor="end">{first_last.1}</text>
        </svg></div>
    }
    .into_any()
}

/// One row of paired amounts (hours or euros).
#[derive(Clone, PartialEq)]
pub struct PairBars {
    pub label: String,
    pub planned: f64,
    /// Actual, as parts that stack (labour and materials), or one part.
    pub actual: Vec<f64>,
}

/// Two bars per row on one scale from zero: planned (light) and actual
/// (strong, stacked when it has parts).
#[component]
pub fn PairBarsChart(
    rows: Vec<PairBars>,
    #[prop(into)] label: String,
    /// The scale's end, formatted with its unit ("48 h", "2.500,00 €").
    #[prop(into)]
    max_text: String,
    #[prop(into)] max: f64,
) -> impl IntoView {
    let area = WIDTH - LABEL - 8.0;
    let scale = move |v: f64| {
        if max > 0.0 {
            v.max(0.0) / max * area
        } else {
            0.0
        }
    };
    let height = rows.len() as f64 * ROW + AXIS;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i as f64 * ROW;
            let mut left = LABEL;
            let parts = r
                .actual
                .iter()
                .enumerate()
                .map(|(part, v)| {
                    let width = scale(*v);
                    let at = left;
                    left += width;
                    view! {
                        <rect class=format!("chart__bar chart__bar--actual chart__bar--part{part}")
                            x=at y=y + 15.0 width=width height="10" />
                    }
                })
                .collect_view();
            view! {
                <g>
                    <text class="chart__label" x="0" y=y + 19.0>{clip(&r.label, 24)}</text>
                    <rect class="chart__bar chart__bar--planned" x=LABEL y=y + 4.0 width=scale(r.planned) height="10" />
                    {parts}
                </g>
            }
        })
        .collect_view();
    view! {
        <div class="chart-scroll"><svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label>
            <line class="chart__axis" x1=LABEL y1=height - AXIS x2=WIDTH - 8.0 y2=height - AXIS />
            {bars}
            <text class="chart__tick" x=LABEL y=height - 6.0>"0"</text>
            <text class="chart__tick" x=WIDTH - 8.0 y=height - 6.0 text-anchor="end">{max_text}</text>
        </svg></div>
    }
}

/// The legend under a chart: which shade is which.
#[component]
pub fn ChartLegend(items: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <ul class="chart-legend">
            {items.into_iter().map(|(class, text)| view! {
                <li><span class=format!("chart-legend__swatch {class}") aria-hidden="true"></span>{text}</li>
            }).collect_view()}
        </ul>
    }
}
