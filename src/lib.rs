//! `pan`: a national action plan kept as code.
//!
//! Data flows one way: files are read by [`load`] into the plain types of [`model`];
//! [`check`] finds problems and [`report`] computes answers, both as pure functions of the
//! model; [`render`] turns their values into text for a terminal or Markdown; [`export`],
//! [`template`] and [`scaffold`] make files for other programs, for focal points and for a
//! new plan; [`site`] builds the public website from all of them; [`cmd`] holds one module
//! per subcommand that wires the above together. [`write`] is the only place that changes
//! files.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// A value from a user's file never reaches `unwrap()`, and no number is cut to a smaller
// type unseen; tests may unwrap (clippy.toml).
#![warn(clippy::unwrap_used, clippy::cast_possible_truncation)]

pub mod check;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod export;
pub mod files;
#[cfg(feature = "harness")]
pub mod harness;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod site;
pub mod syntax;
pub mod template;
pub mod text;
pub mod write;
