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

pub use action::{Action, Indicator, IndicatorKind, Measure, State, StateEntry};
pub use actor::{Actor, ActorKind};
pub use calendar::{Calendar, Recurrence, Shape};
pub use code::{ActionCode, CodeFormat};
pub use dimension::{Cuts, Dimension, DimensionValue};
pub use period::{Frequency, Period};
pub use plan::{Abbreviation, ContextIndicator, Direction, Lever, Objective, Plan, Target};
pub use reading::{Owner, Reading, Readings, Strings, Sym, Value};
