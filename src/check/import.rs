//! Checking every row of a file to import against the plan and the readings recorded,
//! before anything is written (`pan reading import`): the rows come back sorted into
//! readings to record, readings already recorded and rows refused. A pure function of
//! the plan, the table and the readings files as they are now: the command reads those
//! files (under its lock) and writes the result.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::new_reading::{self, Outcome, Proposed};
use crate::load::import::{Field, Place, Table};
use crate::load::readings::{Current, Subject};
use crate::model::reading::{CONTEXT, NewReading};
use crate::model::stamp::Stamp;
use crate::model::{Period, Plan, stamp};

// What checking an import came to, row by row — the readings to record, those already
// recorded, the rows refused and why, the rows left empty — for the terminal and the
// Markdown report attached to the pull request (`pan reading import --report`).

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

/// What readings are recorded for: an action, or the plan's context indicators.
pub struct Target<'p> {
    /// The action's code, or `context`.
    pub name: String,
    /// Its owner and indicators.
    pub subject: Subject<'p>,
    /// Its readings file, relative to the repository root (`/`-separated).
    pub file: String,
}

/// A code that names no action (nor `context`): what is wrong, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTarget {
    /// What is wrong (`no action IN-B-11.99`).
    pub message: String,
    /// What to do (`did you mean IN-B-11.02?`).
    pub hint: String,
}

/// The target a person names: `context`, or an action's code (`b-11.02` is accepted);
/// `dir` is the readings folder, relative to the repository root.
pub fn target<'p>(plan: &'p Plan, dir: &str, code: &str) -> Result<Target<'p>, UnknownTarget> {
    if code.trim().eq_ignore_ascii_case(CONTEXT) {
        return Ok(Target {
            name: CONTEXT.into(),
            subject: Subject::context(plan),
            file: format!("{dir}/context.csv"),
        });
    }
    if code.trim().is_empty() {
        return Err(UnknownTarget {
            message: "the code is empty".into(),
            hint: "write the action's code (e.g. IN-B-11.02) or `context`".into(),
        });
    }
    let i = plan.find_action(code).map_err(|near| {
        let shown = code.trim();
        if near.is_empty() {
            UnknownTarget {
                message: format!("no action {shown} (nor `context`)"),
                hint: "`pan status` lists the actions".into(),
            }
        } else {
            UnknownTarget {
                message: format!("no action {shown}"),
                hint: format!("did you mean {}?", near.join(", ")),
            }
        }
    })?;
    let a = &plan.actions[i];
    Ok(Target {
        name: a.code.to_string(),
        subject: Subject::action(plan, i),
        file: format!("{dir}/{}/{}.csv", a.code.lever_code(), a.code),
    })
}

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

/// Every target the rows of `table` name, once each in the order they first appear
/// (codes that name none are refused later, by [`rows`]).
pub fn targets<'p>(plan: &'p Plan, dir: &str, table: &Table) -> Vec<Target<'p>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in &table.rows {
        if let Ok(t) = target(plan, dir, &r.code)
            && seen.insert(t.name.clone())
        {
            out.push(t);
        }
    }
    out
}

/// A row's place within the file, for a message about another row: `line 3 of this
/// file`, `row 3 of sheet Relevés`.
fn row_of(place: &Place) -> String {
    match &place.sheet {
        None => format!("line {} of this file", place.line),
        Some(s) => format!("row {} of sheet {s}", place.line),
    }
}

/// The readings to record, by target (its index in the `targets` given to [`rows`]).
pub type NewRows = BTreeMap<usize, Vec<NewReading>>;

/// The refusals of a check, each with the key that sorts it to its place in the file.
struct Refusals<'t> {
    table: &'t Table,
    list: Vec<((usize, u64), Refused)>,
}

impl Refusals<'_> {
    /// Where a place sorts: (sheet, line).
    fn order(&self, p: &Place) -> (usize, u64) {
        let sheet = self
            .table
            .sheets
            .iter()
            .position(|s| Some(&s.name) == p.sheet.as_ref());
        (sheet.unwrap_or(0), p.line)
    }

    fn push(&mut self, place: Place, message: String, hint: &str) {
        let key = self.order(&place);
        self.list.push((
            key,
            Refused {
                place: Some(place),
                message,
                hint: hint.into(),
            },
        ));
    }

    fn sorted(mut self) -> Vec<Refused> {
        self.list.sort_by_key(|(key, _)| *key);
        self.list.into_iter().map(|(_, r)| r).collect()
    }
}

/// Check every row of `table`. `targets` are those of [`targets`], and `currents` their
/// readings files as they are now, in the same order.
pub fn rows(
    plan: &Plan,
    dir: &str,
    table: &Table,
    (targets, currents): (&[Target], &[&Current]),
    today: Date,
    replace: bool,
) -> (Checked, NewRows) {
    let mut refused = Refusals {
        table,
        list: Vec::new(),
    };
    for p in &table.refused {
        let key = p
            .place
            .as_ref()
            .map(|p| refused.order(p))
            .unwrap_or_default();
        let r = Refused {
            place: p.place.clone(),
            message: p.message.clone(),
            hint: p.hint.clone(),
        };
        refused.list.push((key, r));
    }
    let by_name: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let mut new: BTreeMap<usize, Vec<(NewReading, Place)>> = BTreeMap::new();
    // (target, indicator, period, breakdown cell): where the row was first seen.
    type Key = (usize, String, Period, Vec<(String, String)>);
    let mut seen: HashMap<Key, Place> = HashMap::new();
    let mut identical = Vec::new();
    for r in &table.rows {
        let t = match target(plan, dir, &r.code) {
            Ok(t) => match by_name.get(t.name.as_str()) {
                Some(&i) => i,
                None => continue,
            },
            Err(e) => {
                refused.push(table.place(r, Some(Field::Code)), e.message, &e.hint);
                continue;
            }
        };
        let now = currents[t];
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
                    refused.push(place, message, "keep one row per indicator and period");
                    continue;
                }
                seen.insert(k, place.clone());
                new.entry(t).or_default().push((row, place));
            }
            Err(e) => refused.push(table.place(r, Some(e.field)), e.message, &e.hint),
        }
    }
    let checked = Checked {
        refused: refused.sorted(),
        identical,
        blank: table.blank,
        sheets: table.sheets.iter().map(|s| s.name.clone()).collect(),
        stamp: table.stamp.clone(),
        files: new.len(),
        accepted: new
            .iter()
            .flat_map(|(&t, rows)| {
                let name = &targets[t].name;
                rows.iter().map(move |(row, place)| Accepted {
                    target: name.clone(),
                    row: row.clone(),
                    place: place.clone(),
                })
            })
            .collect(),
    };
    let rows = new
        .into_iter()
        .map(|(t, rows)| (t, rows.into_iter().map(|(r, _)| r).collect()))
        .collect();
    (checked, rows)
}

/// The breakdown of an imported row: its cells in columns named after a dimension of
/// the plan (`canton`, `age`; case and accents aside), the other columns ignored.
fn dimension_cells(subject: &Subject, extra: &[(String, String)]) -> Vec<(String, String)> {
    extra
        .iter()
        .filter_map(|(name, v)| {
            let n = crate::text::fold(name.trim());
            let d = subject.dimensions.iter().find(|d| d.id == n)?;
            Some((d.id.clone(), v.trim().to_string()))
        })
        .collect()
}
