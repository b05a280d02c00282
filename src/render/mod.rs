//! Renderers: values of reports and checks → text for people or machines. A renderer
//! never reads files.

pub mod card;
pub mod diagnostics;
pub mod markdown;
pub mod term;
