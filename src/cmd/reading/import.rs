//! `pan reading import`: record the readings of a spreadsheet, all or nothing.

use super::{current, describe, indicators_dir, with_rows};
use crate::check::import as check;
use crate::check::import::{Checked, Refused};
use crate::cmd::{Error, Global, Result};
use crate::load::import::{self, Place};
use crate::render::term::sanitize;
use crate::text::bounded;
use crate::write::{journal, lock::Lock};
use std::path::{Path, PathBuf};

/// Arguments of `pan reading import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading import menej.xlsx --dry-run\n  pan reading import menej.ods\n  pan reading import figures.csv --report import.md\n\nThe file is the workbook a focal point filled in (.xlsx or .ods, told by its content) or CSV. It has the columns code, indicator, period, value, source, note (in any order, named in English or French; other columns, such as the label and kind of `pan reading template`, are ignored); in a workbook, every sheet that names them in its first rows is read, and numbers, percentages and dates are read as the cells hold them. In CSV, separators `,` or `;`, a UTF-8 byte-order mark and decimal commas (60,1) are accepted; `1,234` and `12%` for a count are refused as ambiguous. Rows with neither period nor value are skipped; a row identical to a recorded reading changes nothing. Every row is checked first, and every problem named by its line (or sheet and cell): on any problem, nothing is written; otherwise every file changes at once.\n\nA workbook made by `pan reading template` is recognised by its hidden sheet: one made from another plan, or by a pan that writes another version of templates, is refused; so is a row whose code or indicator (locked) no longer says what the template wrote. --report FILE.md writes the result as Markdown, to attach to the pull request, whether the rows are recorded, checked (--dry-run) or refused."
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
    /// Also write the result as Markdown to FILE (what is recorded, skipped, already
    /// recorded and refused), to attach to the pull request.
    #[arg(long, value_name = "FILE.md")]
    pub report: Option<PathBuf>,
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

/// A refusal as the terminal shows it: where, what, and the fix on a line below.
fn line(shown: &str, r: &Refused) -> String {
    let hint = if r.hint.is_empty() {
        String::new()
    } else {
        format!("\n  hint: {}", sanitize(&bounded(r.hint.clone())))
    };
    format!(
        "{}: {}{hint}",
        sanitize(&at(shown, r.place.as_ref())),
        sanitize(&bounded(r.message.clone()))
    )
}

/// Most refusals printed on the terminal; the rest are counted (and all of them are in
/// the --report file).
const PRINTED: usize = 100;

/// Write the Markdown report when one is asked for.
fn report(args: &Args, checked: &Checked, outcome: crate::render::import::Outcome) -> Result<()> {
    let Some(path) = &args.report else {
        return Ok(());
    };
    let name = args.file.file_name().map(Path::new).unwrap_or(&args.file);
    let text = crate::render::import::markdown(&name.display().to_string(), checked, outcome);
    crate::write::output::file(path, text.as_bytes())?;
    eprintln!("wrote {}", sanitize(&path.display().to_string()));
    Ok(())
}

/// Print the refusals, write the report, and say that nothing was written.
fn refuse(args: &Args, shown: &str, checked: &Checked, rows: bool) -> Result {
    use crate::render::import::Outcome;
    for r in checked.refused.iter().take(PRINTED) {
        eprintln!("{}", line(shown, r));
    }
    if checked.refused.len() > PRINTED {
        eprintln!(
            "… and {} more refused row(s), not shown (--report FILE lists them all)",
            checked.refused.len() - PRINTED
        );
    }
    report(args, checked, Outcome::Refused)?;
    Err(if rows {
        Error::refused(format!(
            "{} of {shown} {} refused; nothing was written",
            crate::render::words::count(checked.refused.len(), "row", "rows"),
            if checked.refused.len() == 1 {
                "is"
            } else {
                "are"
            }
        ))
        .hint("fix them and import again")
    } else {
        Error::refused(format!("{shown} cannot be imported; nothing was written"))
    })
}

/// Rows for an action (or the context indicators) whose own files could not be read are
/// refused, named as such: the rest of the file is checked as usual, and all or nothing
/// is recorded.
fn refuse_unread_targets(
    table: &mut import::Table,
    plan: &crate::model::Plan,
    left: &crate::load::scope::LeftOut,
) {
    let unread = |code: &str| {
        if code
            .trim()
            .eq_ignore_ascii_case(crate::model::reading::CONTEXT)
        {
            left.context.then(|| "the context indicators".to_string())
        } else {
            plan.codes
                .parse_loose(code)
                .filter(|c| left.actions.contains(c))
                .map(|c| c.to_string())
        }
    };
    let rows = std::mem::take(&mut table.rows);
    for r in rows {
        match unread(&r.code) {
            Some(name) => {
                let place = table.place(&r, Some(import::Field::Code));
                table.refused.push(import::Problem {
                    place: Some(place),
                    message: format!(
                        "{name} could not be read: its files have problems (listed above)"
                    ),
                    hint: "fix them, then import again; `pan validate` shows each problem".into(),
                });
            }
            None => table.rows.push(r),
        }
    }
}

/// Run `pan reading import`.
pub fn run(global: &Global, args: Args) -> Result {
    use crate::render::import::Outcome;
    crate::cmd::args::Markdown::check(args.report.as_deref())?;
    if let Some(r) = &args.report {
        let real = |p: &Path| std::fs::canonicalize(p).ok();
        if r.is_dir() || real(r).is_some_and(|a| real(&args.file) == Some(a)) {
            return Err(Error::usage(format!(
                "--report {} is a folder or the file imported",
                sanitize(&r.display().to_string())
            ))
            .hint("give a new Markdown file, e.g. --report import.md"));
        }
    }
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let shown = sanitize(&args.file.display().to_string());
    let whole = |problems: Vec<Refused>| Checked::refused_whole(problems);
    let mut table = match import::read(&args.file, &shown) {
        Ok(t) => t,
        Err(ps) => {
            let rs = ps
                .into_iter()
                .map(|p| Refused {
                    place: p.place,
                    message: p.message,
                    hint: p.hint,
                })
                .collect();
            return refuse(&args, &shown, &whole(rs), false);
        }
    };
    if left.plan() {
        let files: Vec<String> = left.plan_files.iter().map(|f| sanitize(f)).collect();
        let r = Refused {
            place: None,
            message: format!(
                "{} could not be read (problems listed above), and every row is checked against the plan's declarations",
                files.join(", ")
            ),
            hint: "fix them and import again; `pan validate` shows each problem with its fix"
                .into(),
        };
        return refuse(&args, &shown, &whole(vec![r]), false);
    }
    refuse_unread_targets(&mut table, &loaded.plan, &left);
    if let Some(r) = check::foreign(&table, &repo.settings.plan.title, &loaded.plan) {
        return refuse(&args, &shown, &whole(vec![r]), false);
    }

    // Under the lock, everything is read as it is now, checked, and written at once.
    let _lock = (!args.dry_run)
        .then(|| indicators_dir(&repo).and_then(|d| Ok(Lock::acquire(&d)?)))
        .transpose()?;
    let dir = repo.settings.paths.indicators_str();
    let targets = check::targets(&loaded.plan, &dir, &table);
    let currents = targets
        .iter()
        .map(|t| current(&repo, t))
        .collect::<Result<Vec<_>>>()?;
    let now: Vec<_> = currents.iter().map(|(_, c)| c).collect();
    let (checked, new) = check::rows(
        &loaded.plan,
        &dir,
        &table,
        (&targets, &now),
        global.today,
        args.replace,
    );
    if !checked.refused.is_empty() {
        return refuse(&args, &shown, &checked, true);
    }
    // The new text of each readings file that changes, checked to read back as before
    // plus the new rows.
    let changes = new
        .iter()
        .map(|(&t, rows)| {
            let (path, now) = &currents[t];
            Ok((
                path.clone(),
                with_rows(&targets[t], now, rows)?.into_bytes(),
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    if !args.dry_run && !changes.is_empty() {
        let dir = indicators_dir(&repo)?;
        journal::commit(&dir, &changes)?;
    }
    let verb = if args.dry_run {
        "would record"
    } else {
        "recorded"
    };
    for a in &checked.accepted {
        println!("{verb} {}", describe(&a.target, &a.row));
    }
    let mut notes = Vec::new();
    if !checked.identical.is_empty() {
        notes.push(format!(
            "{} already recorded with the same value",
            checked.identical.len()
        ));
    }
    if checked.blank > 0 {
        notes.push(format!(
            "{} skipped",
            crate::render::words::count(checked.blank, "empty row", "empty rows")
        ));
    }
    if !checked.sheets.is_empty() {
        let names: Vec<String> = checked.sheets.iter().map(|s| sanitize(s)).collect();
        let read = if names.len() == 1 {
            "sheet read"
        } else {
            "sheets read"
        };
        notes.push(format!("{read}: {}", names.join(", ")));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    println!(
        "{} {} in {}{notes}{}",
        crate::render::words::count(checked.accepted.len(), "reading", "readings"),
        if args.dry_run { "checked" } else { "recorded" },
        crate::render::words::count(checked.files, "file", "files"),
        if args.dry_run {
            "; nothing written (--dry-run)"
        } else {
            ""
        }
    );
    let outcome = if args.dry_run {
        Outcome::Checked
    } else {
        Outcome::Recorded
    };
    report(&args, &checked, outcome)?;
    Ok(())
}
