//! `pan reading import`: record the readings of a spreadsheet, all or nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Target, current, describe, indicators_dir, target, with_rows};
use crate::check::new_reading::{self, Outcome, Proposed};
use crate::cmd::{Error, Global, Result};
use crate::load::import::{self, Field, Place};
use crate::model::Period;
use crate::model::reading::NewReading;
use crate::render::term::sanitize;
use crate::write::{journal, lock::Lock};

/// Arguments of `pan reading import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading import menej.xlsx --dry-run\n  pan reading import menej.ods\n  pan reading import figures.csv\n\n\
The file is the workbook a focal point filled in (.xlsx or .ods, told by its content) or\n\
CSV. It has the columns code, indicator, period, value, source, note (in any order, named\n\
in English or French; other columns, such as the label and kind of `pan reading template`,\n\
are ignored); in a workbook, every sheet that names them in its first rows is read, and\n\
numbers, percentages and dates are read as the cells hold them. In CSV, separators `,` or\n\
`;`, a UTF-8 byte-order mark and decimal commas (60,1) are accepted; `1,234` and `12%` for\n\
a count are refused as ambiguous. Rows with neither period nor value are skipped; a row\n\
identical to a recorded reading changes nothing. Every row is checked first, and every\n\
problem named by its line (or sheet and cell): on any problem, nothing is written;\n\
otherwise every file changes at once."
)]
pub struct Args {
    /// The workbook (.xlsx, .ods) or CSV file.
    pub file: PathBuf,
    /// Check and show what would be recorded, without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rows whose value differs from the one recorded for their period correct it (the old
    /// row stays, the new one says what it replaces).
    #[arg(long)]
    pub replace: bool,
}

/// Where a place is, for people: `figures.csv:7`, `menej.xlsx: sheet Relevés, cell G7`.
fn at(shown: &str, place: Option<&Place>) -> String {
    match place {
        None => shown.to_string(),
        Some(Place {
            sheet: None, line, ..
        }) => format!("{shown}:{line}"),
        Some(Place {
            sheet: Some(s),
            cell: Some(c),
            ..
        }) => format!("{shown}: sheet {s}, cell {c}"),
        Some(Place {
            sheet: Some(s),
            line,
            cell: None,
        }) => format!("{shown}: sheet {s}, row {line}"),
    }
}

/// A row's place within the file, for a message about another row: `line 3`, `row 3
/// of sheet Relevés`.
fn row_of(place: &Place) -> String {
    match &place.sheet {
        None => format!("line {} of this file", place.line),
        Some(s) => format!("row {} of sheet {s}", place.line),
    }
}

/// Run `pan reading import`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let shown = sanitize(&args.file.display().to_string());
    let problem = |place: Option<&Place>, m: &str, hint: &str| {
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!("\n  hint: {}", sanitize(hint))
        };
        format!("{}: {}{hint}", sanitize(&at(&shown, place)), sanitize(m))
    };
    let table = import::read(&args.file, &shown).map_err(|ps| {
        for p in &ps {
            eprintln!("{}", problem(p.place.as_ref(), &p.message, &p.hint));
        }
        Error::refused(format!("{shown} cannot be imported; nothing was written"))
    })?;

    // Under the lock, everything is read as it is now, checked, and written at once.
    let _lock = (!args.dry_run)
        .then(|| indicators_dir(&repo).and_then(|d| Ok(Lock::acquire(&d)?)))
        .transpose()?;
    // Problems in the order of the rows: (sheet, line, message).
    let order = |p: &Place| {
        let sheet = table
            .sheets
            .iter()
            .position(|s| Some(&s.name) == p.sheet.as_ref());
        (sheet.unwrap_or(0), p.line)
    };
    let mut problems: Vec<((usize, u64), String)> = table
        .refused
        .iter()
        .map(|p| {
            let key = p.place.as_ref().map(order).unwrap_or_default();
            (key, problem(p.place.as_ref(), &p.message, &p.hint))
        })
        .collect();
    let mut targets: Vec<Target> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut currents = Vec::new();
    let mut rows: BTreeMap<usize, Vec<NewReading>> = BTreeMap::new();
    let mut seen: HashMap<(usize, String, Period), Place> = HashMap::new();
    let mut same = 0usize;
    for r in &table.rows {
        let key = r.code.trim().to_uppercase();
        let t = match by_name.get(&key) {
            Some(&t) => t,
            None => match target(&loaded.plan, &repo, &r.code) {
                Ok(t) => {
                    let (path, now) = current(&repo, &t)?;
                    targets.push(t);
                    currents.push((path, now));
                    by_name.insert(key, targets.len() - 1);
                    targets.len() - 1
                }
                Err(e) => {
                    let place = table.place(r, Some(Field::Code));
                    problems.push((order(&place), problem(Some(&place), &e, "")));
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
        };
        let lookup = |id: &str, p| now.values.get(&(id.to_string(), p)).cloned();
        let name = &targets[t].name;
        match new_reading::check(
            name,
            &targets[t].subject,
            &proposed,
            global.today,
            args.replace,
            &lookup,
        ) {
            Ok(Outcome::Same(_)) => same += 1,
            Ok(Outcome::New(row)) => {
                let place = table.place(r, None);
                let k = (t, row.indicator.clone(), row.period);
                if let Some(first) = seen.get(&k) {
                    let message = format!(
                        "{name} `{}` for {} is already on {}",
                        row.indicator,
                        row.period,
                        row_of(first)
                    );
                    let text = problem(
                        Some(&place),
                        &message,
                        "keep one row per indicator and period",
                    );
                    problems.push((order(&place), text));
                    continue;
                }
                seen.insert(k, place);
                rows.entry(t).or_default().push(row);
            }
            Err(e) => {
                let place = table.place(r, Some(e.field));
                problems.push((order(&place), problem(Some(&place), &e.message, "")));
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(key, _)| *key);
        for (_, p) in &problems {
            eprintln!("{p}");
        }
        return Err(Error::refused(format!(
            "{} row(s) of {shown} are refused; nothing was written (fix them and import again)",
            problems.len()
        )));
    }
    let count: usize = rows.values().map(Vec::len).sum();
    let verb = if args.dry_run {
        "would record"
    } else {
        "recorded"
    };
    let mut changes = Vec::with_capacity(rows.len());
    for (t, new) in &rows {
        let (path, now) = &currents[*t];
        changes.push((
            path.clone(),
            with_rows(&targets[*t], now, new)?.into_bytes(),
        ));
    }
    if !args.dry_run && !changes.is_empty() {
        let dir = indicators_dir(&repo)?;
        journal::commit(&dir, &changes)?;
    }
    for (t, new) in &rows {
        for row in new {
            println!("{verb} {}", describe(&targets[*t].name, row));
        }
    }
    let mut notes = Vec::new();
    if same > 0 {
        notes.push(format!("{same} already recorded with the same value"));
    }
    if table.blank > 0 {
        notes.push(format!("{} empty row(s) skipped", table.blank));
    }
    if !table.sheets.is_empty() {
        let names: Vec<String> = table.sheets.iter().map(|s| sanitize(&s.name)).collect();
        notes.push(format!("sheet(s) read: {}", names.join(", ")));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    println!(
        "{count} reading(s) {} in {} file(s){notes}{}",
        if args.dry_run { "checked" } else { "recorded" },
        rows.len(),
        if args.dry_run {
            "; nothing written (--dry-run)"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}
