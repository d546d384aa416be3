//! Geometry of the horizontal pay chart (a box-and-whisker plot of the
//! annual percentiles, plus the editor's salary range on the same scale).
//!
//! Only numbers and short labels are computed here; the SVG markup lives in
//! the askama template, which reads the public fields, e.g.
//! `<rect x="{{ c.iqr.start }}" width="{{ c.iqr.width }}" ...>`.
//! Coordinates are in SVG user units from 0 to `width`, rounded to 0.1 so
//! the markup stays short.

/// Names of the five percentiles, in input order.
const PERCENTILE_NAMES: [&str; 5] = [
    "10th percentile",
    "25th percentile",
    "Median",
    "75th percentile",
    "90th percentile",
];

#[derive(Debug, Clone, PartialEq)]
pub struct PayChart {
    pub width: u32,
    /// Where the scale's minimum and maximum sit; the space outside them
    /// keeps the first and last tick labels from being clipped.
    pub plot_start: f64,
    pub plot_end: f64,
    /// Dollar values at `plot_start` and `plot_end`: round numbers a little
    /// beyond the data.
    pub scale_min: i64,
    pub scale_max: i64,
    /// p10 to p90; where either is unpublished, the nearest published
    /// percentile towards the median.
    pub whisker: Span,
    /// p25 to p75 (the box), falling back to the median the same way.
    pub iqr: Span,
    pub median: Mark,
    /// Every published percentile, left to right (includes the median).
    pub marks: Vec<Mark>,
    /// The editor's salary range, drawn as its own bar.
    pub editor: Option<Span>,
    /// 3 to 5 round values across the scale, left to right.
    pub ticks: Vec<Tick>,
}

/// A horizontal extent; `end >= start` always, so `width` is never negative.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
    pub width: f64,
    pub from: i64,
    pub to: i64,
    /// e.g. `$105K–$172K`.
    pub label: String,
}

/// One published percentile.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub dollars: i64,
    /// e.g. `Median`, `10th percentile`.
    pub name: &'static str,
    /// e.g. `$136K`.
    pub short: String,
    /// e.g. `$135,980`.
    pub exact: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub dollars: i64,
    /// e.g. `$120K`.
    pub label: String,
}

impl PayChart {
    /// `percentiles` are annual (p10, p25, median, p75, p90); `None` if the
    /// median is not published (there is nothing to centre the chart on).
    pub fn new(
        percentiles: [Option<i64>; 5],
        editor_range: Option<(i64, i64)>,
        width: u32,
    ) -> Option<PayChart> {
        Self::on_scale_with(percentiles, editor_range, width, &[])
    }

    /// Like `new`, with the scale also spanning `others`: charts built over
    /// the same `others` share one scale (the comparison page).
    pub fn on_scale_with(
        percentiles: [Option<i64>; 5],
        editor_range: Option<(i64, i64)>,
        width: u32,
        others: &[i64],
    ) -> Option<PayChart> {
        let median = percentiles[2]?;
        let editor = editor_range.map(|(a, b)| (a.min(b), a.max(b)));

        let values = percentiles.iter().flatten().copied();
        let editor_ends = editor
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .chain(others.iter().copied());
        let lo = values.clone().chain(editor_ends.clone()).min()?;
        let hi = values.chain(editor_ends).max()?;
        let (scale_min, step, scale_max) = nice_scale(lo, hi);

        let w = f64::from(width);
        let margin = (w * 0.08).min(28.0);
        let (plot_start, plot_end) = (margin, w - margin);
        // f64 throughout: no i64 overflow, whatever an editor typed.
        let x = |dollars: i64| {
            let t = (dollars as f64 - scale_min as f64) / (scale_max as f64 - scale_min as f64);
            round1(plot_start + t * (plot_end - plot_start))
        };
        let span = |from: i64, to: i64| {
            let (from, to) = (from.min(to), from.max(to));
            let (start, end) = (x(from), x(to));
            Span {
                start,
                end,
                width: round1(end - start),
                from,
                to,
                label: format!("{}–{}", format_k(from), format_k(to)),
            }
        };

        let mark = |name: &'static str, dollars: i64| Mark {
            x: x(dollars),
            dollars,
            name,
            short: format_k(dollars),
            exact: format_dollars(dollars),
        };

        let [p10, p25, _, p75, p90] = percentiles;
        let marks: Vec<Mark> = percentiles
            .iter()
            .zip(PERCENTILE_NAMES)
            .filter_map(|(value, name)| value.map(|dollars| mark(name, dollars)))
            .collect();
        let next = |&d: &i64| d.checked_add(step).filter(|&n| n <= scale_max);
        let ticks = std::iter::successors(Some(scale_min), next)
            .map(|dollars| Tick {
                x: x(dollars),
                dollars,
                label: format_k(dollars),
            })
            .collect();

        Some(PayChart {
            width,
            plot_start: round1(plot_start),
            plot_end: round1(plot_end),
            scale_min,
            scale_max,
            whisker: span(p10.or(p25).unwrap_or(median), p90.or(p75).unwrap_or(median)),
            iqr: span(p25.unwrap_or(median), p75.unwrap_or(median)),
            median: mark(PERCENTILE_NAMES[2], median),
            marks,
            editor: editor.map(|(a, b)| span(a, b)),
            ticks,
        })
    }
}

/// `(min, step, max)`: the data range padded by 8% on each side (never
/// below $0 for non-negative data), then widened to multiples of the
/// smallest round step (1, 2, 2.5 or 5 x 10^n, and at least $1,000 so tick
/// labels stay whole thousands) that gives at most 5 ticks. Steps grow by at
/// most 2.5x, so the first that fits still gives at least 3 ticks (only a
/// range within a few $1,000 of $0 can get 2).
fn nice_scale(lo: i64, hi: i64) -> (i64, i64, i64) {
    let span = hi as f64 - lo as f64;
    let pad = if span > 0.0 {
        span * 0.08
    } else {
        (hi.unsigned_abs() as f64 * 0.1).max(1000.0)
    };
    let padded_lo = if lo >= 0 {
        (lo as f64 - pad).max(0.0)
    } else {
        lo as f64 - pad
    };
    let padded_hi = hi as f64 + pad;

    for exponent in 3..=15 {
        let power = 10_f64.powi(exponent);
        for factor in [1.0, 2.0, 2.5, 5.0] {
            // $2,500 steps would label ticks "$7.5K"; start 2.5 at $25,000.
            let step = factor * power;
            if factor == 2.5 && step < 25_000.0 {
                continue;
            }
            let first = (padded_lo / step).floor();
            let last = (padded_hi / step).ceil();
            if last - first <= 4.0 {
                return ((first * step) as i64, step as i64, (last * step) as i64);
            }
        }
    }
    // Unreachable for i64 dollar amounts; keep a sane answer anyway.
    (
        lo,
        hi.saturating_sub(lo).max(1),
        hi.max(lo.saturating_add(1)),
    )
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn format_k(dollars: i64) -> String {
    crate::format::money_short(dollars, "USD")
}

fn format_dollars(dollars: i64) -> String {
    crate::format::money_full(dollars, "USD")
}

#[cfg(test)]
mod tests;
