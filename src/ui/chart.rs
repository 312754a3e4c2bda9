//! Small SVG line charts the app draws itself (no charting library): values over time on a vertical scale, with a
//! dashed target line or shaded bands. The chart is an image whose label says every value in words; pages also list
//! the values as text.

use chrono::NaiveDate;
use leptos::prelude::*;

const W: f64 = 240.0;
const H: f64 = 80.0;
const PAD: f64 = 8.0;

/// What a chart draws: points (day, value), the vertical scale's ends, bands (lowest and highest value of each,
/// shaded in turn), an optional target line, and the label that says it all in words.
pub(crate) struct Chart {
    pub points: Vec<(NaiveDate, i64)>,
    pub low: i64,
    pub high: i64,
    pub bands: Vec<(i64, i64)>,
    pub target: Option<i64>,
    pub label: String,
}

/// Draws `chart` (compiled once for every chart on every page).
#[inline(never)]
pub(crate) fn line_chart(chart: Chart) -> AnyView {
    let Chart {
        points,
        low,
        high,
        bands,
        target,
        label,
    } = chart;
    let first = points.first().map(|p| p.0).unwrap_or_default();
    let last = points.last().map(|p| p.0).unwrap_or_default();
    let span = (last - first).num_days().max(1) as f64;
    // Bands cover whole totals: each reaches half a point past its ends.
    let (low, high) = if bands.is_empty() {
        (low as f64, high as f64)
    } else {
        (low as f64 - 0.5, high as f64 + 0.5)
    };
    let range = (high - low).max(1.0);
    let single = points.len() == 1;
    let x = |on: NaiveDate| {
        if single {
            W / 2.0
        } else {
            PAD + (on - first).num_days() as f64 / span * (W - 2.0 * PAD)
        }
    };
    let y = |v: f64| H - PAD - (v - low) / range * (H - 2.0 * PAD);
    let at: Vec<(f64, f64)> = points
        .iter()
        .map(|(on, v)| (x(*on), y(*v as f64)))
        .collect();
    let line = at
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let shaded = bands.into_iter().enumerate().map(|(i, (lo, hi))| {
        let top = y(hi as f64 + 0.5);
        let bottom = y(lo as f64 - 0.5);
        view! {
            <rect class=if i % 2 == 0 { "band" } else { "band band-alt" } x="0" width="240"
                y=format!("{top:.1}") height=format!("{:.1}", (bottom - top).max(0.0)) />
        }
    });
    let target = target.map(|t| {
        let ty = format!("{:.1}", y(t as f64));
        view! { <line class="target" x1="0" x2="240" y1=ty.clone() y2=ty /> }
    });
    view! {
        <svg class="value-chart" viewBox="0 0 240 80" width="240" height="80" role="img" aria-label=label>
            {shaded.collect_view()}
            {target}
            <polyline points=line />
            {at.into_iter().map(|(px, py)| view! { <circle cx=format!("{px:.1}") cy=format!("{py:.1}") r="3" /> }).collect_view()}
        </svg>
    }
    .into_any()
}
