use super::*;

/// Software Developers, May 2025.
const DEVELOPERS: [Option<i64>; 5] = [
    Some(82_460),
    Some(105_210),
    Some(135_980),
    Some(171_980),
    Some(214_670),
];

fn national(percentiles: [Option<i64>; 5]) -> Vec<Series> {
    vec![Series {
        title: "BLS, United States".into(),
        percentiles,
    }]
}

fn annual(percentiles: [Option<i64>; 5], editor: Option<(i64, i64)>) -> PayChart {
    PayChart::new(Unit::Annual, national(percentiles), editor).unwrap()
}

fn assert_percent(x: f64) {
    assert!((0.0..=100.0).contains(&x), "{x} outside 0..=100");
}

/// Where a label lies at the narrowest width, (y, left, right) in px.
fn extent(label: &Label) -> (u32, f64, f64) {
    let at = px(label.x) + f64::from(label.dx);
    let w = label.text.chars().count() as f64 * CHAR_PX;
    let (l, r) = match label.anchor {
        "start" => (at, at + w),
        "end" => (at - w, at),
        _ => (at - w / 2.0, at + w / 2.0),
    };
    (label.y, l, r)
}

fn assert_sane(chart: &PayChart) {
    let xs: Vec<f64> = chart.marks.iter().map(|m| m.x).collect();
    assert!(
        xs.windows(2).all(|w| w[0] <= w[1]),
        "marks out of order: {xs:?}"
    );
    xs.iter().copied().for_each(assert_percent);
    for row in &chart.rows {
        for span in [&row.whisker, &row.iqr] {
            assert!(span.start <= span.end && span.width >= 0.0, "{span:?}");
            assert_percent(span.start);
            assert_percent(span.end);
        }
        assert!(row.whisker.start <= row.iqr.start && row.iqr.end <= row.whisker.end);
        assert!(row.iqr.start <= row.median.x && row.median.x <= row.iqr.end);
        // Every label of a row fits the narrowest chart and none overlap.
        let labels: Vec<_> = [
            Some(&row.median_label),
            row.low_label.as_ref(),
            row.high_label.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(extent)
        .collect();
        for (i, &(y, l, r)) in labels.iter().enumerate() {
            assert!(l >= 0.0 && r <= NARROWEST_PX, "{row:?}");
            for &(y2, l2, r2) in &labels[i + 1..] {
                assert!(y != y2 || r <= l2 || r2 <= l, "overlap in {row:?}");
            }
        }
    }
    assert!((4..=5).contains(&chart.ticks.len()), "{:?}", chart.ticks);
    assert!(chart.ticks.windows(2).all(|w| w[0].x < w[1].x));
    assert_eq!(chart.ticks.first().unwrap().value, 0);
    assert_eq!(chart.ticks.last().unwrap().value, chart.scale_max);
    assert_eq!(chart.ticks.last().unwrap().x, 100.0);
    // Rows stack downwards and the axis sits below them all.
    let tops: Vec<u32> = chart.rows.iter().map(|r| r.top).collect();
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "{tops:?}");
    assert!(chart.axis_top > *tops.last().unwrap() && chart.height > chart.axis_top);
}

#[test]
fn percentiles_are_ordered_left_to_right() {
    let chart = annual(DEVELOPERS, None);
    assert_sane(&chart);
    let xs: Vec<f64> = chart.marks.iter().map(|m| m.x).collect();
    assert_eq!(xs.len(), 5);
    assert!(xs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!((chart.whisker.start, chart.whisker.end), (xs[0], xs[4]));
    assert_eq!((chart.iqr.start, chart.iqr.end), (xs[1], xs[3]));
    assert_eq!(chart.median.x, xs[2]);
    assert_eq!(chart.median.short, "$136K");
    assert_eq!(chart.median.exact, "$135,980");
    assert_eq!(chart.iqr.label, "$105K–$172K");
}

#[test]
fn the_median_and_whisker_ends_are_printed() {
    let chart = annual(DEVELOPERS, None);
    let row = &chart.rows[0];
    assert_eq!(row.median_label.text, "BLS median $136K");
    assert_eq!(row.low_label.as_ref().unwrap().text, "$82K");
    assert_eq!(row.high_label.as_ref().unwrap().text, "$215K");
}

#[test]
fn one_scale_rule_for_every_chart() {
    // $214,670 at the 90th percentile: the $300K scale, in $100K steps.
    let chart = annual(DEVELOPERS, None);
    assert_eq!(chart.scale_max, 300_000);
    assert_eq!(chart.scale_label, "$0 to $300K");
    let labels: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["$0", "$100K", "$200K", "$300K"]);

    // Two occupations in the same band share the scale exactly, so equal
    // dollars sit at equal x.
    let nurses = annual(
        [
            Some(68_940),
            Some(80_330),
            Some(97_550),
            Some(112_350),
            Some(137_470),
        ],
        None,
    );
    let other = annual(
        [Some(40_000), None, Some(97_550), None, Some(149_000)],
        None,
    );
    assert_eq!(nurses.scale_max, 150_000);
    assert_eq!(other.scale_max, 150_000);
    assert_eq!(nurses.median.x, other.median.x);

    let scales: Vec<i64> = [
        90_000, 100_000, 100_001, 180_000, 250_000, 399_000, 401_000, 900_000,
    ]
    .into_iter()
    .map(|p90| annual([None, None, Some(50_000), None, Some(p90)], None).scale_max)
    .collect();
    assert_eq!(
        scales,
        [
            100_000, 100_000, 150_000, 200_000, 300_000, 400_000, 800_000, 1_600_000
        ]
    );
}

#[test]
fn the_editor_range_shares_the_scale() {
    let chart = annual(DEVELOPERS, Some((250_000, 90_000)));
    assert_sane(&chart);
    let editor = chart.editor.as_ref().unwrap();
    assert_eq!((editor.span.from, editor.span.to), (90_000, 250_000));
    assert_eq!(editor.title, "Typical range (editor's estimate)");
    assert_eq!(editor.label.text, "$90K–$250K");
    assert!(chart.scale_max >= 250_000);
    // Same dollars, same x: the editor's bar and the percentiles agree.
    let with_p10_edge = annual(DEVELOPERS, Some((82_460, 250_000)));
    let editor = with_p10_edge.editor.unwrap();
    assert_eq!(editor.span.start, with_p10_edge.whisker.start);
    assert!(editor.span.end > with_p10_edge.whisker.end);
    // A range above the data widens the scale.
    assert_eq!(
        annual(DEVELOPERS, Some((200_000, 350_000))).scale_max,
        400_000
    );
}

#[test]
fn a_state_row_is_drawn_on_the_same_scale() {
    let mut series = national(DEVELOPERS);
    series.push(Series {
        title: "BLS, California".into(),
        percentiles: [
            Some(100_000),
            Some(130_000),
            Some(173_780),
            Some(220_000),
            Some(310_000),
        ],
    });
    let chart = PayChart::new(Unit::Annual, series, None).unwrap();
    assert_sane(&chart);
    assert_eq!(chart.rows.len(), 2);
    assert_eq!(chart.scale_max, 400_000);
    assert_eq!(chart.rows[1].title, "BLS, California");
    assert!(chart.rows[1].median.x > chart.rows[0].median.x);
    // The national figures stay the chart's headline.
    assert_eq!(chart.median.exact, "$135,980");
}

#[test]
fn hourly_charts_use_hourly_scales_and_cents() {
    // Actors: published only hourly ($16.50 to $143.68).
    let actors = [
        Some(1_650),
        Some(2_034),
        Some(2_905),
        Some(9_795),
        Some(14_368),
    ];
    let chart = PayChart::new(Unit::Hourly, national(actors), None).unwrap();
    assert_sane(&chart);
    assert_eq!(chart.scale_max, 16_000);
    assert_eq!(chart.scale_label, "$0 to $160");
    assert_eq!(chart.rows[0].median_label.text, "BLS median $29.05");
    assert_eq!(chart.rows[0].high_label.as_ref().unwrap().text, "$143.68");
    let labels: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["$0", "$40", "$80", "$120", "$160"]);
    assert_eq!(Unit::Hourly.scales_text(), "$40, $60, $80, $120, $160");
}

#[test]
fn no_median_no_chart() {
    let mut p = DEVELOPERS;
    p[2] = None;
    assert_eq!(
        PayChart::new(Unit::Annual, national(p), Some((50_000, 90_000))),
        None
    );
    assert_eq!(PayChart::new(Unit::Annual, national([None; 5]), None), None);
    assert_eq!(PayChart::new(Unit::Annual, Vec::new(), None), None);
}

#[test]
fn unpublished_ends_fall_back_towards_the_median() {
    let chart = annual([None, Some(40_000), Some(50_000), None, None], None);
    assert_sane(&chart);
    assert_eq!(chart.marks.len(), 2);
    assert_eq!((chart.whisker.from, chart.whisker.to), (40_000, 50_000));
    assert_eq!((chart.iqr.from, chart.iqr.to), (40_000, 50_000));
    assert!(chart.rows[0].high_label.is_none());

    let only_median = annual([None, None, Some(50_000), None, None], None);
    assert_sane(&only_median);
    assert_eq!(only_median.whisker.width, 0.0);
    assert!(only_median.rows[0].low_label.is_none());
}

#[test]
fn labels_fit_and_never_overlap_across_many_ranges() {
    for lo in [0, 9_000, 21_000, 31_200, 67_000, 150_000, 480_000] {
        for spread in [0, 800, 5_000, 17_000, 60_000, 135_000, 400_000] {
            let p = [
                lo,
                lo + spread / 4,
                lo + spread / 2,
                lo + spread * 3 / 4,
                lo + spread,
            ];
            for editor in [None, Some((lo, lo + spread)), Some((1_000, 2_000_000))] {
                let chart = annual(p.map(Some), editor);
                assert_sane(&chart);
                if let Some(editor) = &chart.editor {
                    let (_, l, r) = extent(&editor.label);
                    assert!(l >= 0.0 && r <= NARROWEST_PX, "{editor:?}");
                }
            }
        }
    }
}

#[test]
fn absurd_editor_ranges_do_not_panic() {
    for range in [(0, i64::MAX), (i64::MIN, i64::MAX), (-50_000, 10)] {
        let chart = annual(DEVELOPERS, Some(range));
        assert!(!chart.ticks.is_empty());
        assert!(chart.marks.iter().all(|m| m.x.is_finite()));
        let editor = chart.editor.unwrap();
        assert_percent(editor.span.start);
        assert_percent(editor.span.end);
    }
}
