//! The plan's data as plain types: no I/O, no formatting.

pub mod action;
pub mod actor;
pub mod calendar;
pub mod code;
pub mod dimension;
pub mod period;
pub mod plan;
pub mod reading;
pub mod stamp;
pub mod translation;

pub use action::{Action, Indicator, IndicatorKind, Measure, State, StateEntry};
pub use actor::{Actor, ActorKind};
pub use calendar::{Calendar, Recurrence, Shape};
pub use code::{ActionCode, CodeFormat};
pub use dimension::{Cuts, Dimension, DimensionValue};
pub use period::{Frequency, Period};
pub use plan::{Abbreviation, ContextIndicator, Direction, Lever, Objective, Plan, Target};
pub use reading::{Owner, Reading, Readings, Strings, Sym, Value};
pub use translation::Translation;

/// An index or count of the model's lists as stored (32 bits, half the memory of a
/// `usize`). The loader reads at most [`crate::config::limits::FILES`] files, each of
/// bounded size, so a plan's actions, indicators and readings fit; past `u32::MAX` it
/// saturates instead of wrapping to another item.
pub fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A small index (a spreadsheet column, a dimension) in 16 bits; past `u16::MAX` it
/// saturates, where a spreadsheet writer refuses it as out of range.
pub fn index16(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}
