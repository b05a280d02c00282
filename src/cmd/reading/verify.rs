//! Checking every row of a file to import against the plan and the readings recorded,
//! before anything is written (`pan reading import`): the rows come back sorted into
//! readings to record, readings already recorded and rows refused, with the new text of
//! every readings file that changes.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::{Target, current, target, with_rows};
use crate::check::new_reading::{self, Outcome, Proposed};
use crate::cmd::Result;
use crate::config::Repo;
use crate::load::import::{Field, Place, Table};
use crate::model::reading::NewReading;
use crate::model::{Period, Plan, stamp};
use crate::report::import::{Accepted, Checked, Identical, Refused};
use jiff::civil::Date;

/// A workbook made by pan from another plan, refused whole: the fingerprint it carries
/// is not this plan's.
pub fn foreign(table: &Table, title: &str, plan: &Plan) -> Option<Refused> {
    let s = table.stamp.as_ref()?;
    let ours = stamp::fingerprint(title, plan);
    (s.fingerprint != ours).then(|| Refused {
        place: None,
        message: format!(
            "this workbook was made from the plan \"{}\" (fingerprint {}), not from this repository's plan \"{}\" (fingerprint {ours})",
            s.plan, s.fingerprint, title
        ),
        hint: "import it in the repository of the plan it was made from, or fill in a template made from this plan (`pan reading template`)".into(),
    })
}

/// A row's place within the file, for a message about another row: `line 3 of this
/// file`, `row 3 of sheet Relevés`.
fn row_of(place: &Place) -> String {
    match &place.sheet {
        None => format!("line {} of this file", place.line),
        Some(s) => format!("row {} of sheet {s}", place.line),
    }
}

/// A readings file and its new bytes.
pub type Change = (PathBuf, Vec<u8>);

/// Check every row of `table`; the new text of each readings file that changes comes
/// with the result (none when a row is refused).
pub fn rows(
    plan: &Plan,
    repo: &Repo,
    table: &Table,
    today: Date,
    replace: bool,
) -> Result<(Checked, Vec<Change>)> {
    // Refusals sorted by where they are: (sheet, line).
    let order = |p: &Place| {
        let sheet = table
            .sheets
            .iter()
            .position(|s| Some(&s.name) == p.sheet.as_ref());
        (sheet.unwrap_or(0), p.line)
    };
    let mut refused: Vec<((usize, u64), Refused)> = table
        .refused
        .iter()
        .map(|p| {
            let key = p.place.as_ref().map(order).unwrap_or_default();
            let r = Refused {
                place: p.place.clone(),
                message: p.message.clone(),
                hint: p.hint.clone(),
            };
            (key, r)
        })
        .collect();
    let mut refuse = |place: Place, message: String, hint: &str| {
        refused.push((
            order(&place),
            Refused {
                place: Some(place),
                message,
                hint: hint.into(),
            },
        ));
    };
    let mut targets: Vec<Target> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut currents = Vec::new();
    let mut new: BTreeMap<usize, Vec<(NewReading, Place)>> = BTreeMap::new();
    // (target, indicator, period, breakdown cell): where the row was first seen.
    type Key = (usize, String, Period, Vec<(String, String)>);
    let mut seen: HashMap<Key, Place> = HashMap::new();
    let mut identical = Vec::new();
    for r in &table.rows {
        let key = r.code.trim().to_uppercase();
        let t = match by_name.get(&key) {
            Some(&t) => t,
            None => match target(plan, repo, &r.code) {
                Ok(t) => {
                    currents.push(current(repo, &t)?);
                    targets.push(t);
                    by_name.insert(key, targets.len() - 1);
                    targets.len() - 1
                }
                Err(e) => {
                    refuse(table.place(r, Some(Field::Code)), e, "");
                    continue;
                }
            },
        };
        let now = &currents[t].1;
        let proposed = Proposed {
            indicator: r.indicator.clone(),
            period: r.period.clone(),
            value: r.value.clone(),
            source: r.source.clone(),
            note: r.note.clone(),
            by: dimension_cells(&targets[t].subject, &r.extra),
        };
        let lookup = |id: &str, p, cell: &str| {
            now.values
                .get(&(id.to_string(), p, cell.to_string()))
                .cloned()
        };
        let name = &targets[t].name;
        match new_reading::check(
            name,
            &targets[t].subject,
            &proposed,
            today,
            replace,
            &lookup,
        ) {
            Ok(Outcome::Same(_)) => identical.push(Identical {
                target: name.clone(),
                indicator: r.indicator.trim().to_string(),
                period: r.period.trim().to_string(),
                value: r.value.trim().to_string(),
                place: table.place(r, None),
            }),
            Ok(Outcome::New(row)) => {
                let place = table.place(r, None);
                let k = (t, row.indicator.clone(), row.period, row.by.clone());
                if let Some(first) = seen.get(&k) {
                    let message = format!(
                        "{name} `{}` for {} is already on {}",
                        row.indicator,
                        row.period,
                        row_of(first)
                    );
                    refuse(place, message, "keep one row per indicator and period");
                    continue;
                }
                seen.insert(k, place.clone());
                new.entry(t).or_default().push((row, place));
            }
            Err(e) => refuse(table.place(r, Some(e.field)), e.message, &e.hint),
        }
    }
    refused.sort_by_key(|(key, _)| *key);
    let mut checked = Checked {
        refused: refused.into_iter().map(|(_, r)| r).collect(),
        identical,
        blank: table.blank,
        sheets: table.sheets.iter().map(|s| s.name.clone()).collect(),
        stamp: table.stamp.clone(),
        ..Checked::default()
    };
    let mut changes = Vec::new();
    if checked.refused.is_empty() {
        for (t, rows) in &new {
            let (path, now) = &currents[*t];
            let plain: Vec<NewReading> = rows.iter().map(|(r, _)| r.clone()).collect();
            changes.push((
                path.clone(),
                with_rows(&targets[*t], now, &plain)?.into_bytes(),
            ));
        }
    }
    checked.files = new.len();
    checked.accepted = new
        .into_iter()
        .flat_map(|(t, rows)| {
            let name = targets[t].name.clone();
            rows.into_iter().map(move |(row, place)| Accepted {
                target: name.clone(),
                row,
                place,
            })
        })
        .collect();
    Ok((checked, changes))
}

/// The breakdown of an imported row: its cells in columns named after a dimension of
/// the plan (`canton`, `age`; case and accents aside), the other columns ignored.
fn dimension_cells(
    subject: &crate::load::readings::Subject,
    extra: &[(String, String)],
) -> Vec<(String, String)> {
    extra
        .iter()
        .filter_map(|(name, v)| {
            let n = crate::text::fold(name.trim());
            let d = subject.dimensions.iter().find(|d| d.id == n)?;
            Some((d.id.clone(), v.trim().to_string()))
        })
        .collect()
}
