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
pub mod template;
