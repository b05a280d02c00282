//! Progress of context indicators, classified the way official progress reporting on the
//! Sustainable Development Goals does it (Eurostat's method for the EU SDG indicators,
//! also used by the UN regional commissions):
//!
//! - **With a target**: compare the observed compound annual growth rate since the first
//!   reading with the rate needed to reach the target by its year, from the same first
//!   reading. Ratio ≥ 95 %: substantial progress; 60–95 %: moderate progress; 0–60 %:
//!   limited progress; below 0 (moving away): deterioration. A latest value that already
//!   meets the target is "target achieved".
//! - **Without a target**: the observed annual growth rate in the desired direction:
//!   above 1 % a year: substantial progress; 0 to 1 %: moderate progress; 0 to −1 %:
//!   limited progress; below −1 %: deterioration.
//! - Fewer than two readings in different years: not enough data.

use serde::Serialize;

use crate::model::{ContextIndicator, Direction};

/// The progress class of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The latest value meets the target.
    TargetAchieved,
    /// On course (≥ 95 % of the required pace, or > 1 %/year without target).
    Substantial,
    /// 60–95 % of the required pace (0–1 %/year).
    Moderate,
    /// 0–60 % of the required pace (0 to −1 %/year).
    Limited,
    /// Moving away from the target or the desired direction.
    Deterioration,
    /// Fewer than two readings.
    NotEnoughData,
    /// The plan gives no direction: progress is not assessed.
    NoDirection,
}

/// A point of a series: year (fractional for finer periods) and value.
pub type Point = (f64, f64);

fn cagr(from: Point, to: Point) -> Option<f64> {
    let years = to.0 - from.0;
    if years <= 0.0 || from.1 <= 0.0 || to.1 <= 0.0 {
        return None;
    }
    Some((to.1 / from.1).powf(1.0 / years) - 1.0)
}

/// Classify the series of an indicator (points in time order).
pub fn classify(indicator: &ContextIndicator, series: &[Point]) -> Class {
    let (Some(&first), Some(&last)) = (series.first(), series.last()) else {
        return Class::NotEnoughData;
    };
    let sign = match indicator.direction {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
        Direction::Unstated => return Class::NoDirection,
    };
    if let Some(t) = &indicator.target {
        let met = match indicator.direction {
            Direction::Increase => last.1 >= t.value,
            _ => last.1 <= t.value,
        };
        if met {
            return Class::TargetAchieved;
        }
    }
    if series.len() < 2 || last.0 <= first.0 {
        return Class::NotEnoughData;
    }
    let Some(actual) = cagr(first, last) else {
        return Class::NotEnoughData;
    };
    match &indicator.target {
        Some(t) => {
            let Some(required) = cagr(first, (f64::from(t.year), t.value)) else {
                return Class::NotEnoughData;
            };
            if required == 0.0 {
                return Class::NotEnoughData;
            }
            let ratio = actual / required;
            if ratio >= 0.95 {
                Class::Substantial
            } else if ratio >= 0.6 {
                Class::Moderate
            } else if ratio >= 0.0 {
                Class::Limited
            } else {
                Class::Deterioration
            }
        }
        None => {
            let g = actual * sign;
            if g > 0.01 {
                Class::Substantial
            } else if g >= 0.0 {
                Class::Moderate
            } else if g >= -0.01 {
                Class::Limited
            } else {
                Class::Deterioration
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorKind, Target};

    fn ind(direction: Direction, target: Option<(f64, i16)>) -> ContextIndicator {
        ContextIndicator {
            id: "x".into(),
            label: "x".into(),
            kind: IndicatorKind::Percent,
            direction,
            target: target.map(|(value, year)| Target {
                value,
                year,
                source: "s".into(),
            }),
            source: "s".into(),
            breakdowns: vec![],
        }
    }

    #[test]
    fn target_classes() {
        let i = ind(Direction::Increase, Some((80.0, 2030)));
        // Required pace from 60 in 2024 to 80 in 2030: (80/60)^(1/6) - 1 ≈ 4.9 %/year.
        assert_eq!(classify(&i, &[(2024.0, 60.0)]), Class::NotEnoughData);
        assert_eq!(
            classify(&i, &[(2024.0, 60.0), (2026.0, 66.6)]),
            Class::Substantial
        );
        assert_eq!(
            classify(&i, &[(2024.0, 60.0), (2026.0, 64.0)]),
            Class::Moderate
        );
        assert_eq!(
            classify(&i, &[(2024.0, 60.0), (2026.0, 61.0)]),
            Class::Limited
        );
        assert_eq!(
            classify(&i, &[(2024.0, 60.0), (2026.0, 58.0)]),
            Class::Deterioration
        );
        assert_eq!(
            classify(&i, &[(2024.0, 60.0), (2026.0, 81.0)]),
            Class::TargetAchieved
        );
    }

    #[test]
    fn trend_classes_follow_the_desired_direction() {
        let down = ind(Direction::Decrease, None);
        assert_eq!(
            classify(&down, &[(2022.0, 29.0), (2024.0, 24.0)]),
            Class::Substantial
        );
        let up = ind(Direction::Increase, None);
        assert_eq!(
            classify(&up, &[(2023.0, 72.0), (2024.0, 62.0)]),
            Class::Deterioration
        );
        assert_eq!(
            classify(&up, &[(2023.0, 72.0), (2024.0, 72.5)]),
            Class::Moderate
        );
        assert_eq!(
            classify(&up, &[(2023.0, 72.0), (2024.0, 71.8)]),
            Class::Limited
        );
    }
}
