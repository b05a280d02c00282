//! What a readings template says about itself, in a hidden sheet, so that the import
//! recognises it: the version of its layout, the plan it was made from, the day, the
//! periods it offers, and which indicator each of its rows is about.

use jiff::civil::Date;

use super::{Period, Plan};

/// The version of the template's layout this pan writes and reads. A change that an
/// older or newer pan would read wrongly changes it.
pub const VERSION: u32 = 1;

/// The template's stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The version of the layout.
    pub version: u32,
    /// The title of the plan it was made from.
    pub plan: String,
    /// The fingerprint of that plan (see [`fingerprint`]).
    pub fingerprint: String,
    /// The day it was made for.
    pub as_of: Date,
    /// The name of the sheet of readings.
    pub sheet: String,
    /// The periods asked for (none: any).
    pub asked: Vec<Period>,
    /// The rows of the sheet of readings, in order.
    pub rows: Vec<RowKey>,
}

/// Which indicator a row of the template is about, and the period written in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowKey {
    /// The row's number on the sheet (1 for the first).
    pub row: u32,
    /// The action's code, or `context`.
    pub code: String,
    /// The indicator's id.
    pub indicator: String,
    /// The period written in the row, when one was asked for.
    pub period: Option<Period>,
}

impl Stamp {
    /// The key of the row numbered `row`.
    pub fn key_at(&self, row: u32) -> Option<&RowKey> {
        self.rows
            .binary_search_by_key(&row, |k| k.row)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The last row the template was made with.
    pub fn last_row(&self) -> u32 {
        self.rows.last().map_or(0, |k| k.row)
    }
}

/// The fingerprint of a plan: what names it and does not move while it lives — its
/// title, its code scheme, its levers and objectives — hashed (FNV-1a, 64 bits, as 16
/// hexadecimal digits). States, readings, actions and indicators added later leave it
/// as it is, so a workbook sent out weeks ago is still recognised; another plan, or the
/// same plan renamed, has another.
pub fn fingerprint(title: &str, plan: &Plan) -> String {
    let mut h = FNV_OFFSET;
    // Each part ends with a zero byte, so that ("AB", "C") and ("A", "BC") differ.
    let mut eat = |s: &str| h = fnv1a(fnv1a(h, s.as_bytes()), &[0]);
    eat(title.trim());
    eat(plan.codes.code_format());
    eat(plan.codes.objective_format());
    for l in &plan.levers {
        eat(&l.code);
        for o in &l.objectives {
            eat(&o.code);
        }
    }
    format!("{h:016x}")
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a (64 bits) of `bytes`, from the hash `h` so far.
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_the_title_and_levers_only() {
        let plan = Plan::default();
        let a = fingerprint("Plan", &plan);
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint(" Plan ", &plan));
        assert_ne!(a, fingerprint("Plan bis", &plan));
        let mut other = Plan::default();
        other.levers.push(crate::model::Lever {
            code: "A".into(),
            title: "A".into(),
            objectives: vec![],
        });
        assert_ne!(a, fingerprint("Plan", &other));
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published test vectors: a fingerprint must not change between versions of
        // pan, or workbooks sent out would no longer be recognised.
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn rows_are_found_by_number() {
        let key = |row| RowKey {
            row,
            code: "X".into(),
            indicator: "i".into(),
            period: None,
        };
        let s = Stamp {
            version: VERSION,
            plan: "P".into(),
            fingerprint: String::new(),
            as_of: Date::constant(2026, 1, 1),
            sheet: "S".into(),
            asked: vec![],
            rows: vec![key(2), key(3), key(5)],
        };
        assert_eq!(s.key_at(3).map(|k| k.row), Some(3));
        assert!(s.key_at(4).is_none());
        assert_eq!(s.last_row(), 5);
    }
}
