//! Geometry of the horizontal pay chart: one box-and-whisker row per BLS
//! series (the nation, and optionally a state), plus the editor's salary
//! range, all on one scale.
//!
//! Only numbers and short labels are computed here; the SVG markup lives in
//! `templates/_pay_chart.html`. Horizontal positions are percentages of the
//! chart's width and vertical ones are CSS pixels: the SVG has no viewBox,
//! so it stretches to any width while its text keeps its CSS size (it never
//! shrinks to unreadable on a phone).
//!
//! One scale rule for every chart (so two charts compare by eye): the scale
//! starts at $0 and ends at the first of $100K, $150K, $200K, $300K, $400K,
//! then doubling (hourly: $40, $60, $80, $120, $160, ...), that holds every
//! figure drawn.

/// Names of the five percentiles, in input order.
const PERCENTILE_NAMES: [&str; 5] = [
    "10th percentile",
    "25th percentile",
    "Median",
    "75th percentile",
    "90th percentile",
];

/// Labels are placed so that they fit, without overlapping, a chart this
/// wide (a 320 px phone). Wider charts only spread them further apart, since
/// positions are percentages and text widths are fixed.
const NARROWEST_PX: f64 = 250.0;
/// Generous average advance of one character of 13 px chart text.
const CHAR_PX: f64 = 7.8;
/// Space kept between two labels on one line.
const GAP_PX: f64 = 6.0;
/// Height of one line of chart text.
const LINE_PX: u32 = 16;

/// The scales, as (twice the multiple of the first scale, tick intervals):
/// x1, x1.5, x2, x3, x4; beyond x4 the scale doubles, in 4 intervals.
const SCALE_STEPS: [(i64, i64); 5] = [(2, 4), (3, 3), (4, 4), (6, 3), (8, 4)];

/// Whether figures are annual dollars or hourly cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Whole dollars a year.
    Annual,
    /// Cents an hour (BLS publishes hourly wages to the cent).
    Hourly,
}

impl Unit {
    /// `$136K` / `$29.05`.
    pub fn short(self, value: i64) -> String {
        match self {
            Unit::Annual => crate::format::money_short(value, "USD"),
            Unit::Hourly => crate::format::cents(value),
        }
    }

    /// `$135,980` / `$29.05`.
    pub fn exact(self, value: i64) -> String {
        match self {
            Unit::Annual => crate::format::money_full(value, "USD"),
            Unit::Hourly => crate::format::cents(value),
        }
    }

    /// "a year" / "an hour".
    pub fn per(self) -> &'static str {
        match self {
            Unit::Annual => "a year",
            Unit::Hourly => "an hour",
        }
    }

    /// "Annual" / "Hourly".
    pub fn adjective(self) -> &'static str {
        match self {
            Unit::Annual => "Annual",
            Unit::Hourly => "Hourly",
        }
    }

    /// The smallest scale; the others are [`SCALE_STEPS`] times it.
    fn first_scale(self) -> i64 {
        match self {
            Unit::Annual => 100_000,
            Unit::Hourly => 4_000,
        }
    }

    /// Scales every chart of this unit may use, for the caption.
    pub fn scales_text(self) -> String {
        let names: Vec<String> = SCALE_STEPS
            .iter()
            .map(|&(times_two, _)| self.tick(self.first_scale() * times_two / 2))
            .collect();
        names.join(", ")
    }

    /// Tick labels: whole dollars (`$20`, `$150K`).
    fn tick(self, value: i64) -> String {
        match self {
            Unit::Annual => crate::format::money_short(value, "USD"),
            Unit::Hourly => format!("${}", value / 100),
        }
    }
}

/// One BLS series to draw: its row title and (p10, p25, median, p75, p90).
pub struct Series {
    pub title: String,
    pub percentiles: [Option<i64>; 5],
}

#[derive(Debug, Clone, PartialEq)]
pub struct PayChart {
    pub unit: Unit,
    /// The scale runs from 0 to this value.
    pub scale_max: i64,
    /// e.g. `$0 to $200K`.
    pub scale_label: String,
    /// The first series' figures (the nation's on every page).
    pub whisker: Span,
    pub iqr: Span,
    pub median: Mark,
    /// Every published percentile of the first series, left to right.
    pub marks: Vec<Mark>,
    /// Every series with a median, in input order.
    pub rows: Vec<BoxRow>,
    /// The editor's salary range, drawn as its own bar.
    pub editor: Option<EditorRow>,
    /// Round values from 0 to the maximum, evenly spaced (4 or 5).
    pub ticks: Vec<Tick>,
    /// Where the axis line sits (px from the top).
    pub axis_top: u32,
    /// Total height of the SVG in px.
    pub height: u32,
}

/// A box-and-whisker row; `top` is its offset from the top of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    pub top: u32,
    pub title: String,
    /// p10 to p90; where either is unpublished, the nearest published
    /// percentile towards the median.
    pub whisker: Span,
    /// p25 to p75, falling back to the median the same way.
    pub iqr: Span,
    pub median: Mark,
    /// e.g. `Median $136K`, above the box.
    pub median_label: Label,
    /// The values at the whisker ends, below them (absent when the end is
    /// the median itself).
    pub low_label: Option<Label>,
    pub high_label: Option<Label>,
}

/// The editor's range row.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorRow {
    pub top: u32,
    pub title: &'static str,
    pub span: Span,
    /// e.g. `$68K–$110K`, beside the bar.
    pub label: Label,
}

/// A horizontal extent in percent; `end >= start` always.
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
    pub value: i64,
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
    pub value: i64,
    /// e.g. `$100K`.
    pub label: String,
    /// SVG `text-anchor`: the end ticks are aligned inwards.
    pub anchor: &'static str,
}

/// A piece of chart text: `x` in percent, `dx` in px, `y` in px within
/// its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub dx: i32,
    pub y: u32,
    pub anchor: &'static str,
}

impl PayChart {
    /// Draws `series` (the first must have a median, or there is no chart;
    /// later ones without a median are left out) and the editor's range.
    pub fn new(unit: Unit, series: Vec<Series>, editor: Option<(i64, i64)>) -> Option<PayChart> {
        let first = series.first()?;
        first.percentiles[2]?;
        let editor = editor.map(|(a, b)| (a.min(b), a.max(b)));
        let highest = series
            .iter()
            .flat_map(|s| s.percentiles.iter().flatten().copied())
            .chain(editor.map(|(_, b)| b))
            .max()?;
        let (scale_max, intervals) = scale_for(unit, highest);
        let scale = Scale {
            unit,
            max: scale_max,
        };

        let mut top = 0;
        let mut rows = Vec::new();
        for s in &series {
            if let Some(row) = scale.box_row(s, top) {
                top += row_height(&[
                    Some(&row.median_label),
                    row.low_label.as_ref(),
                    row.high_label.as_ref(),
                ]);
                rows.push(row);
            }
        }
        let editor = editor.map(|(from, to)| {
            let row = scale.editor_row(from, to, top);
            // The bar ends at 36 px; the values may sit lower.
            top += row.label.y.max(36) + 10;
            row
        });

        let ticks = (0..=intervals)
            .map(|i| {
                let value = scale_max / intervals * i;
                Tick {
                    x: round1(i as f64 * 100.0 / intervals as f64),
                    value,
                    label: unit.tick(value),
                    anchor: match i {
                        0 => "start",
                        i if i == intervals => "end",
                        _ => "middle",
                    },
                }
            })
            .collect();

        let national = &rows[0];
        Some(PayChart {
            unit,
            scale_max,
            scale_label: format!("{} to {}", unit.tick(0), unit.tick(scale_max)),
            whisker: national.whisker.clone(),
            iqr: national.iqr.clone(),
            median: national.median.clone(),
            marks: first
                .percentiles
                .iter()
                .zip(PERCENTILE_NAMES)
                .filter_map(|(value, name)| value.map(|v| scale.mark(name, v)))
                .collect(),
            rows,
            editor,
            ticks,
            axis_top: top + 4,
            height: top + 30,
        })
    }
}

/// (scale maximum, tick intervals): the first of the unit's scales that
/// holds `highest`.
fn scale_for(unit: Unit, highest: i64) -> (i64, i64) {
    let first = unit.first_scale();
    for (times_two, intervals) in SCALE_STEPS {
        let max = first * times_two / 2;
        if highest <= max {
            return (max, intervals);
        }
    }
    let mut max = first * 4;
    while max < highest {
        match max.checked_mul(2) {
            Some(next) => max = next,
            // Only an absurd editor's figure gets here; it is drawn clamped.
            None => break,
        }
    }
    (max, 4)
}

/// Height of a row whose lowest text is the lowest of `labels` (at least
/// the box's bottom), plus space before the next row.
fn row_height(labels: &[Option<&Label>]) -> u32 {
    labels
        .iter()
        .flatten()
        .map(|l| l.y)
        .max()
        .unwrap_or(0)
        .max(66)
        + 14
}

struct Scale {
    unit: Unit,
    max: i64,
}

impl Scale {
    /// Percent of the width, clamped to the chart (an editor's negative or
    /// huge figure stays drawable).
    fn x(&self, value: i64) -> f64 {
        let t = value as f64 / self.max as f64;
        round1((t * 100.0).clamp(0.0, 100.0))
    }

    fn span(&self, from: i64, to: i64) -> Span {
        let (from, to) = (from.min(to), from.max(to));
        let (start, end) = (self.x(from), self.x(to));
        Span {
            start,
            end,
            width: round1(end - start),
            from,
            to,
            label: format!("{}–{}", self.unit.short(from), self.unit.short(to)),
        }
    }

    fn mark(&self, name: &'static str, value: i64) -> Mark {
        Mark {
            x: self.x(value),
            value,
            name,
            short: self.unit.short(value),
            exact: self.unit.exact(value),
        }
    }

    /// Row layout (px): title at 14, median label at 34, box 42 to 66,
    /// whisker-end values at 84 (or 100 when they need a second line).
    fn box_row(&self, series: &Series, top: u32) -> Option<BoxRow> {
        let [p10, p25, median, p75, p90] = series.percentiles;
        let median = median?;
        let low = p10.or(p25).unwrap_or(median);
        let high = p90.or(p75).unwrap_or(median);
        let median_mark = self.mark(PERCENTILE_NAMES[2], median);
        let mut lines = Lines::default();
        let median_label = lines.place(
            format!("BLS median {}", median_mark.short),
            median_mark.x,
            &[("middle", 0), ("start", -2), ("end", 2)],
            34,
        );
        let low_label = (low != median).then(|| {
            lines.place(
                self.unit.short(low),
                self.x(low),
                &[("middle", 0), ("end", -4), ("start", 0)],
                84,
            )
        });
        let high_label = (high != median).then(|| {
            lines.place(
                self.unit.short(high),
                self.x(high),
                &[("middle", 0), ("start", 4), ("end", 0)],
                84,
            )
        });
        Some(BoxRow {
            top,
            title: series.title.clone(),
            whisker: self.span(low, high),
            iqr: self.span(p25.unwrap_or(median), p75.unwrap_or(median)),
            median: median_mark,
            median_label,
            low_label,
            high_label,
        })
    }

    /// Row layout (px): title at 14, bar 22 to 36, its values beside it at
    /// 34 (or below it at 54).
    fn editor_row(&self, from: i64, to: i64, top: u32) -> EditorRow {
        let span = self.span(from, to);
        let mut lines = Lines::default();
        // The bar itself occupies its line: values go beside it or below.
        lines.taken.push((34, px(span.start), px(span.end)));
        let text = span.label.clone();
        let centre = round1((span.start + span.end) / 2.0);
        let label = lines
            .try_place(&text, span.end, &[("start", 6)], 34)
            .or_else(|| lines.try_place(&text, span.start, &[("end", -6)], 34))
            .unwrap_or_else(|| {
                lines.place(text, centre, &[("middle", 0), ("start", 0), ("end", 0)], 54)
            });
        EditorRow {
            top,
            title: "Typical range (editor's estimate)",
            span,
            label,
        }
    }
}

/// Text already placed in a row: (y, left px, right px) at the narrowest
/// width.
#[derive(Default)]
struct Lines {
    taken: Vec<(u32, f64, f64)>,
}

impl Lines {
    /// The first of `candidates` (anchor, dx) at `y` that fits inside the
    /// chart and clear of earlier text, else the same one line lower.
    fn place(&mut self, text: String, x: f64, candidates: &[(&'static str, i32)], y: u32) -> Label {
        for line_y in [y, y + LINE_PX, y + 2 * LINE_PX] {
            if let Some(label) = self.try_place(&text, x, candidates, line_y) {
                return label;
            }
        }
        // Only text wider than the narrowest chart gets here; keep it in view.
        let anchor = if x < 50.0 { "start" } else { "end" };
        Label {
            text,
            x: if x < 50.0 { 0.0 } else { 100.0 },
            dx: 0,
            y: y + 3 * LINE_PX,
            anchor,
        }
    }

    fn try_place(
        &mut self,
        text: &str,
        x: f64,
        candidates: &[(&'static str, i32)],
        y: u32,
    ) -> Option<Label> {
        let width = text.chars().count() as f64 * CHAR_PX;
        for &(anchor, dx) in candidates {
            let at = px(x) + f64::from(dx);
            let (left, right) = match anchor {
                "start" => (at, at + width),
                "end" => (at - width, at),
                _ => (at - width / 2.0, at + width / 2.0),
            };
            let inside = left >= 0.0 && right <= NARROWEST_PX;
            let clear = self
                .taken
                .iter()
                .all(|&(ty, l, r)| ty != y || right + GAP_PX <= l || r + GAP_PX <= left);
            if inside && clear {
                self.taken.push((y, left, right));
                return Some(Label {
                    text: text.to_owned(),
                    x,
                    dx,
                    y,
                    anchor,
                });
            }
        }
        None
    }
}

/// A percentage as px at the narrowest width.
fn px(percent: f64) -> f64 {
    percent / 100.0 * NARROWEST_PX
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
