//! The only place that changes files: atomic writes, locks, and appends that keep every
//! other byte of a file as it was.

pub mod atomic;
pub mod folder;
pub mod journal;
pub mod lock;
pub mod output;
pub mod readings;
pub mod safe;
pub mod states;
pub mod tree;
pub mod yaml;
