//! Syntax: text formats read with the position of every value, knowing nothing of plans.
//! Both the loader (files → model) and the writer (which edits files in place) build on it.

pub mod yaml;
