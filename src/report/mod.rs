//! Reports: pure functions from the model (and an as-of date, and filters) to values that
//! renderers print. A report never reads a file.

pub mod breakdowns;
pub mod card;
pub mod diff;
pub mod digest;
pub mod due;
pub mod full;
pub mod health;
pub mod ministries;
pub mod progress;
pub mod readings;
pub mod reporting;
pub mod status;
pub mod targets;
pub mod template;

/// Whether a reading of period `p` is a baseline: its period ended before the plan's first
/// day. A baseline tells where the plan starts from, never progress made under it.
pub fn is_baseline(p: crate::model::Period, plan_start: jiff::civil::Date) -> bool {
    p.end() < plan_start
}
