//! What checking an import came to, row by row — the readings to record, those already
//! recorded, the rows refused and why, the rows left empty — for the terminal and the
//! Markdown report attached to the pull request (`pan reading import --report`).

use crate::load::import::Place;
use crate::model::reading::NewReading;
use crate::model::stamp::Stamp;

/// A reading to record, and the row it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    /// The action's code, or `context`.
    pub target: String,
    /// The row to write.
    pub row: NewReading,
    /// Where it was read.
    pub place: Place,
}

/// A row identical to a reading already recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Identical {
    /// The action's code, or `context`.
    pub target: String,
    /// The indicator's id.
    pub indicator: String,
    /// The period, as read.
    pub period: String,
    /// The value, as typed.
    pub value: String,
    /// Where it was read.
    pub place: Place,
}

/// A row (or the whole file) refused: where, what is wrong, and the fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// Where; `None` for the whole file.
    pub place: Option<Place>,
    /// What is wrong.
    pub message: String,
    /// How to mend it (may be empty).
    pub hint: String,
}

/// The result of checking a file to import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// The readings to record, in the order of the readings files.
    pub accepted: Vec<Accepted>,
    /// Rows already recorded with the same value.
    pub identical: Vec<Identical>,
    /// Rows refused, in the order of the file.
    pub refused: Vec<Refused>,
    /// Rows left empty (skipped).
    pub blank: usize,
    /// The sheets read, for a workbook.
    pub sheets: Vec<String>,
    /// The readings files that change.
    pub files: usize,
    /// What a template made by pan says about itself.
    pub stamp: Option<Stamp>,
}

impl Checked {
    /// A file refused whole (it cannot be read, or was made for another plan).
    pub fn refused_whole(refused: Vec<Refused>) -> Checked {
        Checked {
            refused,
            ..Checked::default()
        }
    }
}
