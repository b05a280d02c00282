//! Dimensions: the categories a reading may be broken down by (a territory, an age
//! group, an education level …), declared once for the plan in `plan/dimensions.yaml`.
//!
//! A reading without a value for any dimension is the indicator's total; a reading with
//! values for some of its indicator's dimensions is one cell of a breakdown. Cells are
//! kept beside the readings (see [`Cuts`]) so that a reading without a breakdown costs
//! nothing more.

/// One value of a dimension, e.g. the canton `esch-sur-alzette`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionValue {
    /// Stable identifier, as written in readings files (lower-case ASCII letters, digits,
    /// `-` and `+`).
    pub id: String,
    /// The value in the plan's language, as published.
    pub label: String,
}

/// A dimension readings may be broken down by.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable identifier: the column of readings files that holds its values.
    pub id: String,
    /// The dimension in the plan's language.
    pub label: String,
    /// Where its list of values comes from, if anywhere.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Its values, in the order reports list them.
    pub values: Vec<DimensionValue>,
}

/// The most values a dimension may have: a breakdown cell stores a value's position in
/// 16 bits.
pub const MAX_VALUES: usize = u16::MAX as usize + 1;

impl Dimension {
    /// Position of the value `id` (none past [`MAX_VALUES`], which the loader refuses).
    pub fn value_index(&self, id: &str) -> Option<u16> {
        let i = self.values.iter().position(|v| v.id == id)?;
        u16::try_from(i).ok()
    }

    /// The value at `index` (an empty one past the end).
    pub fn value(&self, index: u16) -> &DimensionValue {
        static NONE: DimensionValue = DimensionValue {
            id: String::new(),
            label: String::new(),
        };
        self.values.get(index as usize).unwrap_or(&NONE)
    }
}

/// `plan/dimensions.yaml`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionsFile {
    /// The dimensions readings may be broken down by.
    pub dimensions: Vec<Dimension>,
}

/// Whether `s` is a valid dimension value id: lower-case ASCII letters, digits, `-` and
/// `+` (`65+`), starting with a letter or digit.
pub fn is_value_id(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'+')
}

/// One cell of a breakdown: for some dimensions (by index in the plan's list, ascending),
/// a value (by index in the dimension's list). The total is the empty cell.
pub type Cell = [(u16, u16)];

/// The breakdown cells of a store of readings: each distinct cell interned once, and for
/// each file the (line, cell) of its readings that are not totals, in line order.
///
/// Readings are found by their file and line, which no copy or filter of the readings
/// changes; a file without breakdowns has an empty list, and a reading costs nothing more.
#[derive(Clone, Debug, Default)]
pub struct Cuts {
    cells: Vec<Box<Cell>>,
    index: rustc_hash::FxHashMap<Box<Cell>, u32>,
    by_file: Vec<Vec<(u32, u32)>>,
}

impl Cuts {
    /// Intern a cell, returning its number (never 0, which is the total).
    pub fn intern(&mut self, cell: &Cell) -> u32 {
        if cell.is_empty() {
            return 0;
        }
        if self.cells.is_empty() {
            self.cells.push(Box::new([]));
        }
        if let Some(&n) = self.index.get(cell) {
            return n;
        }
        let n = super::index32(self.cells.len());
        self.cells.push(cell.into());
        self.index.insert(cell.into(), n);
        n
    }

    /// The cell numbered `n` (empty for the total or an unknown number).
    pub fn cell(&self, n: u32) -> &Cell {
        self.cells.get(n as usize).map(|c| &**c).unwrap_or(&[])
    }

    /// Record that the reading at `line` of file `file` is the cell `n`; lines of a file
    /// are recorded in increasing order.
    pub fn record(&mut self, file: u32, line: u32, n: u32) {
        if n == 0 {
            return;
        }
        let f = file as usize;
        if self.by_file.len() <= f {
            self.by_file.resize_with(f + 1, Vec::new);
        }
        self.by_file[f].push((line, n));
    }

    /// The cell number of the reading at `line` of file `file` (0: the total).
    pub fn of(&self, file: u32, line: u32) -> u32 {
        match self.by_file.get(file as usize) {
            Some(list) if !list.is_empty() => list
                .binary_search_by_key(&line, |e| e.0)
                .map(|i| list[i].1)
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// The (line, cell) of the breakdown cells of file `file`, in line order.
    pub fn entries(&self, file: u32) -> &[(u32, u32)] {
        self.by_file
            .get(file as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether no reading is a breakdown cell.
    pub fn is_empty(&self) -> bool {
        self.by_file.iter().all(Vec::is_empty)
    }

    /// Number of readings that are breakdown cells.
    pub fn readings(&self) -> usize {
        self.by_file.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_interned_and_found_by_line() {
        let mut c = Cuts::default();
        let a = c.intern(&[(0, 2)]);
        let b = c.intern(&[(0, 2), (1, 0)]);
        assert_ne!(a, 0);
        assert_ne!(a, b);
        assert_eq!(c.intern(&[(0, 2)]), a);
        assert_eq!(c.intern(&[]), 0);
        c.record(1, 3, a);
        c.record(1, 7, b);
        assert_eq!(c.of(1, 3), a);
        assert_eq!(c.of(1, 7), b);
        assert_eq!(c.of(1, 5), 0);
        assert_eq!(c.of(0, 3), 0);
        assert_eq!(c.cell(b), &[(0, 2), (1, 0)]);
        assert_eq!(c.readings(), 2);
    }

    #[test]
    fn a_reading_does_not_grow_for_breakdowns() {
        // Cells live beside the readings (by file and line); a reading stays as small as
        // it was before breakdowns existed, for the 10,000,000-reading target.
        assert!(std::mem::size_of::<super::super::Reading>() <= 64);
    }

    #[test]
    fn value_ids_are_plain_ascii() {
        assert!(is_value_id("65+"));
        assert!(is_value_id("esch-sur-alzette"));
        assert!(!is_value_id("Esch"));
        assert!(!is_value_id("+65"));
        assert!(!is_value_id("é"));
        assert!(!is_value_id(""));
    }
}
