//! Charts as SVG, written by `pan`: bars, lines with a target, stacked bars and a
//! timeline. Each is an image with an accessible name and description (`role="img"`,
//! `<title>`, `<desc>`), in the Okabe–Ito palette (distinguishable with every common
//! colour-vision deficiency, set in the style sheet by class), and every page shows the
//! same numbers as a table beside it. Coordinates are rounded to a tenth, so the same
//! data always gives the same bytes.

use jiff::civil::Date;
use maud::{Markup, html};

/// A coordinate, rounded to a tenth (never `-0`).
fn c(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

/// A step between axis ticks that reads well (1, 2, 2.5 or 5 times a power of ten), for
/// about `ticks` ticks up to `max`.
pub fn nice_step(max: f64, ticks: usize) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / ticks.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let m = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 2.5 {
        2.5
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// The top of a value axis and its step: zero-based, a round number above `max`
/// (100 at most for percentages).
fn axis(max: f64, percent: bool) -> (f64, f64) {
    let step = nice_step(max, 4);
    let mut top = (max / step).ceil() * step;
    if top <= 0.0 {
        top = step;
    }
    if percent && top > 100.0 {
        return (100.0, 25.0);
    }
    (top, step)
}

/// The opening of a chart: the SVG element with its name and description.
fn frame(
    id: &str,
    title: &str,
    desc: &str,
    width: f64,
    height: f64,
    class: &str,
    body: Markup,
) -> Markup {
    let t = format!("{id}-t");
    let d = format!("{id}-d");
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class={ "chart " (class) } viewBox={ "0 0 " (c(width)) " " (c(height)) }
            role="img" aria-labelledby=(t) aria-describedby=(d) {
            title id=(t) { (title) }
            desc id=(d) { (desc) }
            (body)
        }
    }
}

/// Horizontal grid lines and value labels of a vertical value axis.
fn value_axis(
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max: f64,
    step: f64,
    fmt: &dyn Fn(f64) -> String,
) -> Markup {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a few ticks: max is a multiple of step; a float cast saturates"
    )]
    let n = (max / step).round() as usize;
    html! {
        g class="axis" {
            @for i in 0..=n {
                @let v = step * i as f64;
                @let y = bottom - (bottom - top) * v / max;
                line x1=(c(left)) x2=(c(right)) y1=(c(y)) y2=(c(y)) class=(if i == 0 { "base" } else { "grid" }) {}
                text x=(c(left - 6.0)) y=(c(y + 4.0)) text-anchor="end" { (fmt(v)) }
            }
        }
    }
}

/// A bar chart: one bar per period, its value written above it.
/// `points`: label of the period, value, value as shown.
pub fn bars(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(String, f64, String)],
    percent: bool,
    fmt: &dyn Fn(f64) -> String,
) -> Markup {
    let (w, h) = (640.0, 240.0);
    let (left, right, top, bottom) = (64.0, w - 16.0, 24.0, h - 36.0);
    let max = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let (ymax, step) = axis(max, percent);
    let n = points.len().max(1) as f64;
    let band = (right - left) / n;
    let bw = (band * 0.6).min(80.0);
    let every = (points.len() / 12).max(1);
    let body = html! {
        (value_axis(left, right, top, bottom, ymax, step, fmt))
        @for (i, (label, v, shown)) in points.iter().enumerate() {
            @let x = left + band * i as f64 + (band - bw) / 2.0;
            @let y = bottom - (bottom - top) * v.max(0.0) / ymax;
            rect class="bar s1" x=(c(x)) y=(c(y)) width=(c(bw)) height=(c(bottom - y)) {}
            @if points.len() <= 24 {
                text class="value" x=(c(x + bw / 2.0)) y=(c(y - 5.0)) text-anchor="middle" { (shown) }
            }
            @if i % every == 0 {
                text x=(c(x + bw / 2.0)) y=(c(bottom + 18.0)) text-anchor="middle" { (label) }
            }
        }
    };
    frame(id, title, desc, w, h, "bars", body)
}

/// One point of a line: position in years (2024.0 is the start of 2024), value, the
/// period as written, the value as shown.
pub type LinePoint = (f64, f64, String, String);

/// A line chart over years, with an optional target: the target is a diamond at its
/// year and value, joined to the first reading by a dashed line (the path to it).
pub fn line(
    id: &str,
    title: &str,
    desc: &str,
    points: &[LinePoint],
    target: Option<(f64, f64, String)>,
    percent: bool,
    fmt: &dyn Fn(f64) -> String,
) -> Markup {
    let (w, h) = (640.0, 260.0);
    let (left, right, top, bottom) = (64.0, w - 24.0, 24.0, h - 36.0);
    let xs = points
        .iter()
        .map(|p| p.0)
        .chain(target.as_ref().map(|t| t.0));
    let (mut x0, mut x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    x0 = x0.floor();
    x1 = x1.ceil();
    if x1 - x0 < 2.0 {
        // A single year: centred, with a year on each side.
        (x0, x1) = (x0 - 1.0, x0 + 1.0);
    }
    let max = points
        .iter()
        .map(|p| p.1)
        .chain(target.as_ref().map(|t| t.1))
        .fold(0.0, f64::max);
    let (ymax, step) = axis(max, percent);
    let px = |x: f64| left + (right - left) * (x - x0) / (x1 - x0);
    let py = |y: f64| bottom - (bottom - top) * y.max(0.0) / ymax;
    #[expect(
        clippy::cast_possible_truncation,
        reason = "years of the plan's readings; a float cast saturates"
    )]
    let years: Vec<i64> = (x0 as i64..=x1 as i64).collect();
    let every = (years.len() / 10).max(1);
    let path: String = points
        .iter()
        .map(|p| format!("{},{}", c(px(p.0)), c(py(p.1))))
        .collect::<Vec<_>>()
        .join(" ");
    let body = html! {
        (value_axis(left, right, top, bottom, ymax, step, fmt))
        g class="axis" {
            @for (i, y) in years.iter().enumerate() {
                @if i % every == 0 {
                    text x=(c(px(*y as f64))) y=(c(bottom + 18.0)) text-anchor="middle" { (y) }
                }
            }
        }
        @if let (Some(first), Some(t)) = (points.first(), &target) {
            line class="target" x1=(c(px(first.0))) y1=(c(py(first.1))) x2=(c(px(t.0))) y2=(c(py(t.1))) {}
        }
        @if let Some(t) = &target {
            path class="target-mark" d={ "M" (c(px(t.0))) "," (c(py(t.1) - 7.0)) "l7,7l-7,7l-7,-7z" } {}
            text class="value" x=(c(px(t.0) - 10.0)) y=(c(py(t.1) - 10.0)) text-anchor="end" { (t.2) }
        }
        @if points.len() > 1 {
            polyline class="series s1" points=(path) {}
        }
        @for p in points {
            circle class="point s1" cx=(c(px(p.0))) cy=(c(py(p.1))) r="4.5" {}
            text class="value" x=(c(px(p.0))) y=(c(py(p.1) - 9.0)) text-anchor="middle" { (p.3) }
        }
    };
    frame(id, title, desc, w, h, "line", body)
}

/// Horizontal stacked bars: one bar per row, one segment per category (its CSS class
/// gives its colour), counts written inside segments wide enough to hold them.
pub fn stacked(
    id: &str,
    title: &str,
    desc: &str,
    rows: &[(String, Vec<usize>)],
    classes: &[&str],
) -> Markup {
    let row_h = 30.0;
    // Labels are short (a lever's code, a ministry's acronym): room for the longest.
    let longest = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(1);
    let label_w = (longest as f64 * 7.5 + 16.0).clamp(40.0, 240.0);
    let w = 660.0 + label_w;
    let h = 16.0 + row_h * rows.len() as f64;
    let max = rows
        .iter()
        .map(|r| r.1.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = (w - label_w - 16.0) / max;
    // Each row's segments: class, count, left edge, width.
    let segments: Vec<Vec<(&str, usize, f64, f64)>> = rows
        .iter()
        .map(|(_, counts)| {
            let mut x = label_w;
            let mut out = Vec::new();
            for (k, &n) in counts.iter().enumerate() {
                if n > 0 {
                    let width = n as f64 * scale;
                    out.push((classes.get(k).copied().unwrap_or(""), n, x, width));
                    x += width;
                }
            }
            out
        })
        .collect();
    let body = html! {
        @for (i, ((label, _), segs)) in rows.iter().zip(&segments).enumerate() {
            @let y = 8.0 + row_h * i as f64;
            text x=(c(label_w - 8.0)) y=(c(y + row_h / 2.0 + 1.0)) text-anchor="end" { (label) }
            @for (class, n, x, width) in segs {
                rect class={ "seg " (class) } x=(c(*x)) y=(c(y + 3.0)) width=(c(*width)) height=(c(row_h - 8.0)) {}
                @if *width >= 22.0 {
                    text class={ "count " (class) } x=(c(x + width / 2.0)) y=(c(y + row_h / 2.0 + 2.0)) text-anchor="middle" { (n) }
                }
            }
        }
    };
    frame(id, title, desc, w, h, "stacked", body)
}

/// A bar of the timeline.
pub struct Task {
    /// The action's code.
    pub code: String,
    /// A short title.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Drawn as a milestone (a diamond), not a bar.
    pub milestone: bool,
    /// Its status's CSS class.
    pub class: &'static str,
    /// Late or due soon: drawn outlined.
    pub attention: bool,
}

/// A date as a fractional year.
fn year_of(d: Date) -> f64 {
    f64::from(d.year()) + f64::from(d.day_of_year() - 1) / f64::from(d.days_in_year())
}

/// A timeline (Gantt chart) of dated actions over the years `from..=to`, with the as-of
/// date as a vertical line.
pub fn gantt(
    id: &str,
    title: &str,
    desc: &str,
    tasks: &[Task],
    (from, to): (i16, i16),
    as_of: (Date, String),
) -> Markup {
    let row_h = 22.0;
    let (w, label_w, top) = (980.0, 380.0, 34.0);
    let rows_end = top + row_h * tasks.len() as f64;
    // Room below the rows for the as-of date's label.
    let h = rows_end + 24.0;
    let (x0, x1) = (f64::from(from), f64::from(to) + 1.0);
    let right = w - 12.0;
    let px = |y: f64| label_w + (right - label_w) * ((y - x0) / (x1 - x0)).clamp(0.0, 1.0);
    let years: Vec<i16> = (from..=to).collect();
    let now = px(year_of(as_of.0));
    let body = html! {
        g class="axis" {
            @for y in &years {
                @let x = px(f64::from(*y));
                line class="grid" x1=(c(x)) x2=(c(x)) y1=(c(top - 6.0)) y2=(c(rows_end)) {}
                text x=(c(x + (px(f64::from(*y) + 1.0) - x) / 2.0)) y=(c(top - 12.0)) text-anchor="middle" { (y) }
            }
        }
        @for (i, t) in tasks.iter().enumerate() {
            @let y = top + row_h * i as f64;
            @if i % 2 == 1 {
                rect class="stripe" x="0" y=(c(y)) width=(c(w)) height=(c(row_h)) {}
            }
            text class="code" x="4" y=(c(y + 15.0)) { (t.code) }
            text x="96" y=(c(y + 15.0)) { (t.title) }
            @let class = if t.attention { format!("task {} attention", t.class) } else { format!("task {}", t.class) };
            @if t.milestone {
                @let x = px(year_of(t.start));
                path class=(class) d={ "M" (c(x)) "," (c(y + 3.0)) "l8,8l-8,8l-8,-8z" } {}
            } @else {
                @let a = px(year_of(t.start));
                @let b = px(year_of(t.end) + 1.0 / 365.0);
                rect class=(class) x=(c(a)) y=(c(y + 4.0)) width=(c((b - a).max(2.0))) height=(c(row_h - 8.0)) rx="3" {}
            }
        }
        // The as-of date, when it falls on the axis.
        @if (x0..x1).contains(&year_of(as_of.0)) {
            line class="today" x1=(c(now)) x2=(c(now)) y1=(c(top - 4.0)) y2=(c(rows_end + 8.0)) {}
            text class="today-label" x=(c(now.clamp(label_w + 100.0, w - 100.0))) y=(c(h - 4.0)) text-anchor="middle" { (as_of.1) }
        }
    };
    frame(id, title, desc, w, h, "gantt", body)
}

/// The same timeline for a phone's width: each action's code and short title on a line
/// above its bar, the bars across the whole width (shown instead of [`gantt`] on narrow
/// screens by the style sheet, which hides the other).
pub fn gantt_narrow(
    id: &str,
    title: &str,
    desc: &str,
    tasks: &[Task],
    (from, to): (i16, i16),
    as_of: (Date, String),
) -> Markup {
    let row_h = 36.0;
    let (w, left, top) = (360.0, 8.0, 26.0);
    let rows_end = top + row_h * tasks.len() as f64;
    let h = rows_end + 22.0;
    let (x0, x1) = (f64::from(from), f64::from(to) + 1.0);
    let right = w - 8.0;
    let px = |y: f64| left + (right - left) * ((y - x0) / (x1 - x0)).clamp(0.0, 1.0);
    let years: Vec<i16> = (from..=to).collect();
    let every = years.len().div_ceil(6).max(1);
    let now = px(year_of(as_of.0));
    let body = html! {
        g class="axis" {
            @for (i, y) in years.iter().enumerate() {
                @let x = px(f64::from(*y));
                line class="grid" x1=(c(x)) x2=(c(x)) y1=(c(top - 6.0)) y2=(c(rows_end)) {}
                @if i % every == 0 {
                    text x=(c(x + 2.0)) y=(c(top - 10.0)) { (y) }
                }
            }
        }
        @for (i, t) in tasks.iter().enumerate() {
            @let y = top + row_h * i as f64;
            text x=(c(left)) y=(c(y + 12.0)) { tspan class="code" { (t.code) } " " (t.title) }
            @let class = if t.attention { format!("task {} attention", t.class) } else { format!("task {}", t.class) };
            @if t.milestone {
                @let x = px(year_of(t.start));
                path class=(class) d={ "M" (c(x)) "," (c(y + 16.0)) "l8,8l-8,8l-8,-8z" } {}
            } @else {
                @let a = px(year_of(t.start));
                @let b = px(year_of(t.end) + 1.0 / 365.0);
                rect class=(class) x=(c(a)) y=(c(y + 17.0)) width=(c((b - a).max(2.0))) height="12" rx="3" {}
            }
        }
        @if (x0..x1).contains(&year_of(as_of.0)) {
            line class="today" x1=(c(now)) x2=(c(now)) y1=(c(top - 4.0)) y2=(c(rows_end + 6.0)) {}
            text class="today-label" x=(c(now.clamp(left + 90.0, w - 90.0))) y=(c(h - 4.0)) text-anchor="middle" { (as_of.1) }
        }
    };
    frame(id, title, desc, w, h, "gantt-narrow", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(nice_step(34.0, 4), 10.0);
        assert_eq!(nice_step(0.0, 4), 1.0);
        assert_eq!(axis(34.0, false), (40.0, 10.0));
        assert_eq!(axis(60.1, true), (80.0, 20.0));
        assert_eq!(axis(0.0, false), (1.0, 1.0));
        assert_eq!(c(-0.01), "0");
        assert_eq!(c(12.345), "12.3");
    }

    #[test]
    fn charts_name_themselves_and_escape_text() {
        let fmt = |v: f64| format!("{v}");
        let svg = bars(
            "c1",
            "Mesures <x>",
            "desc & more",
            &[("2024".into(), 34.0, "34".into())],
            false,
            &fmt,
        )
        .into_string();
        assert!(svg.contains(r#"role="img" aria-labelledby="c1-t" aria-describedby="c1-d""#));
        assert!(svg.contains("<title id=\"c1-t\">Mesures &lt;x&gt;</title>"));
        assert!(svg.contains("desc &amp; more"));
        // SVG elements are closed explicitly (an HTML parser nests unclosed ones).
        assert!(svg.contains("</rect>") && !svg.contains("/>"));
    }
}
