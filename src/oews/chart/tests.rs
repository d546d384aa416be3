use super::*;

/// Software Developers, May 2025.
const DEVELOPERS: [Option<i64>; 5] = [
    Some(82_460),
    Some(105_210),
    Some(135_980),
    Some(171_980),
    Some(214_670),
];

fn assert_within(chart: &PayChart, x: f64) {
    assert!(
        (0.0..=f64::from(chart.width)).contains(&x),
        "{x} outside 0..={}",
        chart.width
    );
}

fn assert_sane(chart: &PayChart) {
    let xs: Vec<f64> = chart.marks.iter().map(|m| m.x).collect();
    assert!(
        xs.windows(2).all(|w| w[0] <= w[1]),
        "marks out of order: {xs:?}"
    );
    for x in xs.iter().chain([&chart.plot_start, &chart.plot_end]) {
        assert_within(chart, *x);
    }
    let spans = [
        Some(&chart.whisker),
        Some(&chart.iqr),
        chart.editor.as_ref(),
    ];
    for span in spans.into_iter().flatten() {
        assert!(span.start <= span.end && span.width >= 0.0, "{span:?}");
        assert_within(chart, span.start);
        assert_within(chart, span.end);
    }
    assert!(chart.whisker.start <= chart.iqr.start && chart.iqr.end <= chart.whisker.end);
    assert!(chart.iqr.start <= chart.median.x && chart.median.x <= chart.iqr.end);
    assert!((3..=5).contains(&chart.ticks.len()), "{:?}", chart.ticks);
    assert!(chart.ticks.windows(2).all(|w| w[0].x < w[1].x));
    for tick in &chart.ticks {
        assert_within(chart, tick.x);
    }
    assert_eq!(chart.ticks.first().unwrap().dollars, chart.scale_min);
    assert_eq!(chart.ticks.last().unwrap().dollars, chart.scale_max);
}

#[test]
fn percentiles_are_ordered_left_to_right_within_the_width() {
    let chart = PayChart::new(DEVELOPERS, None, 600).unwrap();
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
fn the_scale_is_padded_and_ticks_are_round() {
    let chart = PayChart::new(DEVELOPERS, None, 600).unwrap();
    assert!(chart.scale_min < 82_460 && chart.scale_max > 214_670);
    assert!(chart.marks[0].x > chart.plot_start && chart.marks[4].x < chart.plot_end);
    let labels: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["$50K", "$100K", "$150K", "$200K", "$250K"]);
    assert_eq!(chart.ticks[0].x, chart.plot_start);
    assert_eq!(chart.ticks[4].x, chart.plot_end);
}

#[test]
fn the_editor_range_shares_the_scale() {
    let chart = PayChart::new(DEVELOPERS, Some((250_000, 90_000)), 480).unwrap();
    assert_sane(&chart);
    let editor = chart.editor.as_ref().unwrap();
    assert_eq!((editor.from, editor.to), (90_000, 250_000));
    assert!(chart.scale_max >= 250_000);
    // Same dollars, same x: the editor's bar and the percentiles agree.
    let with_p10_edge = PayChart::new(DEVELOPERS, Some((82_460, 250_000)), 480).unwrap();
    let editor = with_p10_edge.editor.unwrap();
    assert_eq!(editor.start, with_p10_edge.whisker.start);
    assert!(editor.end > with_p10_edge.whisker.end);
}

#[test]
fn no_median_no_chart() {
    let mut p = DEVELOPERS;
    p[2] = None;
    assert_eq!(PayChart::new(p, Some((50_000, 90_000)), 600), None);
    assert_eq!(PayChart::new([None; 5], None, 600), None);
}

#[test]
fn unpublished_ends_fall_back_towards_the_median() {
    let chart = PayChart::new([None, Some(40_000), Some(50_000), None, None], None, 300).unwrap();
    assert_sane(&chart);
    assert_eq!(chart.marks.len(), 2);
    assert_eq!((chart.whisker.from, chart.whisker.to), (40_000, 50_000));
    assert_eq!((chart.iqr.from, chart.iqr.to), (40_000, 50_000));

    let only_median = PayChart::new([None, None, Some(50_000), None, None], None, 300).unwrap();
    assert_sane(&only_median);
    assert_eq!(only_median.whisker.width, 0.0);
    assert!(only_median.scale_min < 50_000 && only_median.scale_max > 50_000);
}

#[test]
fn many_ranges_stay_sane() {
    for lo in [
        0, 9_000, 21_000, 31_200, 67_000, 150_000, 480_000, 1_200_000,
    ] {
        for spread in [0, 800, 5_000, 17_000, 60_000, 135_000, 400_000, 2_000_000] {
            let p = [
                lo,
                lo + spread / 4,
                lo + spread / 2,
                lo + spread * 3 / 4,
                lo + spread,
            ];
            for width in [160, 320, 720] {
                let chart = PayChart::new(p.map(Some), None, width).unwrap();
                if lo == 0 && spread < 5_000 {
                    continue; // a range by $0 may get 2 ticks; nothing real is there
                }
                assert_sane(&chart);
            }
        }
    }
}

#[test]
fn absurd_editor_ranges_do_not_panic() {
    for range in [(0, i64::MAX), (i64::MIN, i64::MAX), (-50_000, 10)] {
        let chart = PayChart::new(DEVELOPERS, Some(range), 600).unwrap();
        assert!(!chart.ticks.is_empty());
        assert!(chart.marks.iter().all(|m| m.x.is_finite()));
    }
}
