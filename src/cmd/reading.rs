//! `pan reading`: record, import, list and prepare the readings of indicators.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::{Global, Refused, emit};
use crate::check::new_reading::{self, Existing, Proposed};
use crate::load::readings::{self as rreadings, Subject};
use crate::model::reading::NewReading;
use crate::model::{Action, Owner, Period, Plan};
use crate::render;
use crate::report::card;
use crate::report::readings::{self, ReadingRow, Values};
use crate::write::readings::insert;
use crate::write::{atomic, lock::Lock, safe};

/// Arguments of `pan reading`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan reading add IN-B-11.02 participants 34 --period 2024 --source \"Rapport d'activité 2024\"\n  pan reading template --ministry MENEJ -o menej.csv\n  pan reading import menej.csv\n  pan reading list IN-B-11.02\n\n\
Readings live in indicators/<lever>/<code>.csv (one file per action) and indicators/context.csv."
)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Sub,
}

/// The `pan reading` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Record one reading of an action's indicator.
    #[command(
        after_help = "Examples:\n  pan reading add IN-B-11.02 participants 34 --period 2024 --source \"Rapport d'activité 2024\"\n  pan reading add IN-B-11.02 participants 36 --period 2024 --source \"Rapport corrigé\" --replace --note \"erratum\""
    )]
    Add(AddArgs),
    /// Import the readings of a spreadsheet (CSV): all rows are checked, all or nothing.
    #[command(
        after_help = "Example:\n  pan reading import figures.csv --dry-run\n  pan reading import figures.csv\n\n\
The file has the columns code, indicator, period, value, source, note (in any order; other\n\
columns, such as the label and kind of `pan reading template`, are ignored). Separators `,`\n\
or `;`, a UTF-8 byte-order mark and decimal commas (60,1) are accepted. Rows with neither\n\
period nor value are skipped."
    )]
    Import(ImportArgs),
    /// List readings.
    #[command(
        after_help = "Examples:\n  pan reading list IN-B-11.02\n  pan reading list --since 2025 --format csv\n  pan reading list context"
    )]
    List(ListArgs),
    /// Write the CSV a focal point fills in: one row per indicator of their actions.
    #[command(
        after_help = "Examples:\n  pan reading template --ministry MENEJ -o menej.csv\n  pan reading template --lever B --excel -o lever-b.csv"
    )]
    Template(TemplateArgs),
}

/// Arguments of `pan reading add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The action's code.
    pub code: String,
    /// The indicator's id (see `pan show CODE`).
    pub indicator: String,
    /// The value: a number (a decimal comma is accepted), `done`, or a text.
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// The period measured: 2026, 2026-H1, 2026-Q2, 2026-05 or 2026-05-17.
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// Where the figure comes from.
    #[arg(long, value_name = "SOURCE")]
    pub source: String,
    /// A remark.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// Correct the reading already recorded for this period (the old row stays, the new
    /// one says what it replaces).
    #[arg(long)]
    pub replace: bool,
}

/// Arguments of `pan reading import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Check and show what would be recorded, without writing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `pan reading list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// An action's code, or `context` for the plan's context indicators (default: all).
    pub code: Option<String>,
    /// Only this indicator.
    #[arg(long, value_name = "ID")]
    pub indicator: Option<String>,
    /// Only periods starting on or after the start of this period.
    #[arg(long, value_name = "PERIOD")]
    pub since: Option<Period>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::status::Format::Table)]
    pub format: super::status::Format,
}

/// Arguments of `pan reading template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Only the actions of this lever.
    #[arg(long, conflicts_with = "ministry")]
    pub lever: Option<String>,
    /// Only the actions carried by this ministry (its agencies included).
    #[arg(long)]
    pub ministry: Option<String>,
    /// Write for a spreadsheet in a French locale: `;` separators and a UTF-8 byte-order mark.
    #[arg(long)]
    pub excel: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `pan reading`.
pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Sub::Add(a) => add(global, a),
        Sub::Import(a) => import(global, a),
        Sub::List(a) => list(global, a),
        Sub::Template(a) => template(global, a),
    }
}

fn find_action<'p>(plan: &'p Plan, code: &str) -> Result<(usize, &'p Action), Refused> {
    let i = card::find(plan, code).map_err(Refused)?;
    Ok((i, &plan.actions[i]))
}

/// The readings file of an action, relative to the indicators folder.
fn rel_file(action: &Action) -> String {
    format!("{}/{}.csv", action.code.lever, action.code)
}

/// What a readings file holds now: its text, the key of each row, and the value in
/// effect for each indicator and period.
struct Current {
    text: String,
    keys: Vec<(u32, (usize, Period))>,
    values: HashMap<(String, Period), Existing>,
}

fn current(path: &Path, shown: &str, action: &Action, index: usize) -> Result<Current, Refused> {
    let mut keys = Vec::new();
    let mut values = HashMap::new();
    let bytes = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Current {
                text: String::new(),
                keys,
                values,
            });
        }
        Err(e) => return Err(Refused(format!("cannot read {shown}: {e}"))),
        Ok(m) if m.len() > crate::config::limits::READINGS_FILE_BYTES => {
            return Err(Refused(format!(
                "{shown} is {} bytes; the limit is {}",
                m.len(),
                crate::config::limits::READINGS_FILE_BYTES
            )));
        }
        Ok(_) => std::fs::read(path).map_err(|e| Refused(format!("cannot read {shown}: {e}")))?,
    };
    let text = crate::load::text_of(shown, bytes)
        .map_err(|d| Refused(format!("{shown}: {}", d.message)))?;
    if text.is_empty() {
        return Ok(Current { text, keys, values });
    }
    let subject = Subject {
        owner: Owner::Action(index as u32),
        indicators: action
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.kind))
            .collect(),
    };
    let (fr, mut diags) = rreadings::read(shown, 0, &subject, &text);
    if let Some(fr) = &fr {
        diags.extend(fr.diags.iter().cloned());
    }
    if let Some(d) = diags.first() {
        return Err(Refused(format!(
            "{shown}:{}: {} — fix the file first (pan validate shows every problem); nothing was written",
            d.span.line, d.message
        )));
    }
    if let Some(fr) = fr {
        for r in &fr.items {
            keys.push((r.line, (r.indicator as usize, r.period)));
            let id = action.indicators[r.indicator as usize].id.clone();
            let value = crate::model::reading::raw_text(r.value, &fr.strings);
            values.insert(
                (id, r.period),
                Existing {
                    value,
                    parsed: r.value,
                    line: r.line,
                },
            );
        }
    }
    Ok(Current { text, keys, values })
}

fn describe(action: &Action, row: &NewReading) -> String {
    let replaced = row
        .replaces
        .as_ref()
        .map(|v| format!(" (replaces {v})"))
        .unwrap_or_default();
    format!(
        "{} {} {} = {}{replaced} · source: {}",
        action.code,
        row.indicator,
        row.period,
        row.value,
        render::term::sanitize(&row.source)
    )
}

fn add(global: &Global, args: AddArgs) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let (index, action) = find_action(&loaded.plan, &args.code)?;
    let today = global.today;
    let proposed = Proposed {
        indicator: args.indicator,
        period: args.period,
        value: args.value,
        source: args.source,
        note: args.note,
    };
    let dir = repo.indicators_dir();
    let rel = rel_file(action);
    let shown = format!("{}/{rel}", repo.settings.paths.indicators.display());
    let path = safe::join(&dir, &rel).map_err(|e| Refused(e.to_string()))?;
    let _lock = Lock::acquire(&dir)?;
    let now = current(&path, &shown, action, index)?;
    let lookup = |id: &str, p: Period| now.values.get(&(id.to_string(), p)).cloned();
    let row = new_reading::check(action, &proposed, today, args.replace, &lookup)
        .map_err(|e| Refused(format!("{e}; nothing was written")))?;
    let text = insert(&now.text, &now.keys, std::slice::from_ref(&row));
    atomic::write(&path, text.as_bytes()).with_context(|| format!("cannot write {shown}"))?;
    println!("recorded {} → {shown}", describe(action, &row));
    Ok(ExitCode::SUCCESS)
}

/// The columns an import file may have, by the names people give them.
fn column_of(name: &str) -> Option<&'static str> {
    let n = crate::text::fold(name.trim().trim_start_matches('\u{feff}'));
    match n.as_str() {
        "code" | "action" | "code action" => Some("code"),
        "indicator" | "indicateur" | "indicator id" | "id" => Some("indicator"),
        "period" | "periode" => Some("period"),
        "value" | "valeur" => Some("value"),
        "source" => Some("source"),
        "note" | "remarque" | "commentaire" | "comment" => Some("note"),
        _ => None,
    }
}

/// Guess the separator from the header line: `;` when it has more of them than commas.
fn separator(header: &str) -> u8 {
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(';') > count(',') {
        b';'
    } else if count('\t') > count(',') {
        b'\t'
    } else {
        b','
    }
}

/// A checked import row: which action, and the row to write.
struct Planned {
    index: usize,
    row: NewReading,
    line: u64,
}

fn import(global: &Global, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let shown_input = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {shown_input}"))?;
    if bytes.len() as u64 > crate::config::limits::READINGS_FILE_BYTES {
        return Err(Refused(format!(
            "{shown_input} is larger than {} bytes",
            crate::config::limits::READINGS_FILE_BYTES
        ))
        .into());
    }
    let text = crate::load::text_of(&shown_input, bytes).map_err(|d| {
        Refused(format!(
            "{shown_input}:{}: {}\n  hint: save the spreadsheet as \"CSV UTF-8\"",
            d.span.line, d.message
        ))
    })?;
    // The CSV reader miscounts lines after a CRLF; reported line numbers must match the file.
    let text = text.replace("\r\n", "\n");
    let header_line = text.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(header_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(Refused(format!("{shown_input}: cannot read the header: {e}")).into());
        }
        None => return Err(Refused(format!("{shown_input} is empty")).into()),
    };
    let mut col: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        if let Some(c) = column_of(name) {
            col.entry(c).or_insert(i);
        }
    }
    let missing: Vec<&str> = ["code", "indicator", "period", "value", "source"]
        .into_iter()
        .filter(|c| !col.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(Refused(format!(
            "{shown_input}: the header has no column {}\n  hint: the columns are code, indicator, period, value, source, note (pan reading template writes them)",
            missing.join(", ")
        ))
        .into());
    }
    let today = global.today;
    let mut problems: Vec<String> = Vec::new();
    let mut planned: Vec<Planned> = Vec::new();
    let mut skipped = 0usize;
    let mut currents: HashMap<usize, Current> = HashMap::new();
    let dir = repo.indicators_dir();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(format!("{shown_input}:{line}: cannot read the row: {e}"));
                break;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |c: &str| {
            col.get(c)
                .and_then(|&i| rec.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        if rec.iter().all(|c| c.trim().is_empty())
            || (get("period").is_empty() && get("value").is_empty())
        {
            skipped += 1;
            continue;
        }
        let code = get("code");
        let (index, action) = match find_action(&loaded.plan, &code) {
            Ok(x) => x,
            Err(e) => {
                problems.push(format!("{shown_input}:{line}: {e}"));
                continue;
            }
        };
        if let std::collections::hash_map::Entry::Vacant(v) = currents.entry(index) {
            let rel = rel_file(action);
            let shown = format!("{}/{rel}", repo.settings.paths.indicators.display());
            let path = safe::join(&dir, &rel).map_err(|e| Refused(e.to_string()))?;
            match current(&path, &shown, action, index) {
                Ok(c) => {
                    v.insert(c);
                }
                Err(e) => {
                    problems.push(format!("{shown_input}:{line}: {e}"));
                    continue;
                }
            }
        }
        let now = &currents[&index];
        let proposed = Proposed {
            indicator: get("indicator"),
            period: get("period"),
            value: get("value"),
            source: get("source"),
            note: get("note"),
        };
        let lookup = |id: &str, p: Period| now.values.get(&(id.to_string(), p)).cloned();
        match new_reading::check(action, &proposed, today, false, &lookup) {
            Ok(row) => {
                if let Some(first) = planned.iter().find(|p| {
                    p.index == index
                        && p.row.indicator == row.indicator
                        && p.row.period == row.period
                }) {
                    problems.push(format!(
                        "{shown_input}:{line}: {} `{}` for {} is already on line {} of this file",
                        action.code, row.indicator, row.period, first.line
                    ));
                    continue;
                }
                planned.push(Planned { index, row, line });
            }
            Err(e) => problems.push(format!("{shown_input}:{line}: {e}")),
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{}", render::term::sanitize(p));
        }
        return Err(Refused(format!(
            "{} row(s) of {shown_input} are refused; nothing was written (fix them and import again)",
            problems.len()
        ))
        .into());
    }
    if planned.is_empty() {
        println!("nothing to import ({skipped} empty row(s) skipped)");
        return Ok(ExitCode::SUCCESS);
    }
    let mut by_action: std::collections::BTreeMap<usize, Vec<NewReading>> =
        std::collections::BTreeMap::new();
    for p in &planned {
        by_action.entry(p.index).or_default().push(p.row.clone());
    }
    if args.dry_run {
        for p in &planned {
            println!(
                "would record {}",
                describe(&loaded.plan.actions[p.index], &p.row)
            );
        }
        println!(
            "{} reading(s) for {} action(s) checked; nothing written (--dry-run)",
            planned.len(),
            by_action.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    // Under the lock: re-read each file (another import may have run meanwhile), check
    // again, compute every new file, then replace them.
    let _lock = Lock::acquire(&dir)?;
    let mut writes: Vec<(PathBuf, String, String)> = Vec::new();
    for (index, rows) in &by_action {
        let action = &loaded.plan.actions[*index];
        let rel = rel_file(action);
        let shown = format!("{}/{rel}", repo.settings.paths.indicators.display());
        let path = safe::join(&dir, &rel).map_err(|e| Refused(e.to_string()))?;
        let now = current(&path, &shown, action, *index)?;
        for r in rows {
            if let Some(e) = now.values.get(&(r.indicator.clone(), r.period)) {
                return Err(Refused(format!(
                    "{} `{}` for {} was recorded meanwhile ({}); nothing was written",
                    action.code, r.indicator, r.period, e.value
                ))
                .into());
            }
        }
        writes.push((path, shown, insert(&now.text, &now.keys, rows)));
    }
    for (path, shown, text) in &writes {
        atomic::write(path, text.as_bytes()).with_context(|| format!("cannot write {shown}"))?;
    }
    for p in &planned {
        println!(
            "recorded {}",
            describe(&loaded.plan.actions[p.index], &p.row)
        );
    }
    println!(
        "{} reading(s) recorded in {} file(s){}",
        planned.len(),
        writes.len(),
        if skipped > 0 {
            format!(" ({skipped} empty row(s) skipped)")
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn list(global: &Global, args: ListArgs) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let plan = &loaded.plan;
    let readings = &loaded.readings;
    let owner = match args.code.as_deref() {
        None => None,
        Some(c) if c.eq_ignore_ascii_case("context") => Some(Owner::Context),
        Some(c) => Some(Owner::Action(find_action(plan, c)?.0 as u32)),
    };
    let id_of = |o: Owner, i: u32| -> &str {
        match o {
            Owner::Action(a) => plan.actions[a as usize]
                .indicators
                .get(i as usize)
                .map(|x| x.id.as_str())
                .unwrap_or(""),
            Owner::Context => plan
                .context
                .get(i as usize)
                .map(|c| c.id.as_str())
                .unwrap_or(""),
        }
    };
    if let (Some(id), Some(o)) = (&args.indicator, owner) {
        let ids: Vec<String> = match o {
            Owner::Action(a) => plan.actions[a as usize]
                .indicators
                .iter()
                .map(|i| i.id.clone())
                .collect(),
            Owner::Context => plan.context.iter().map(|c| c.id.clone()).collect(),
        };
        if !ids.contains(id) {
            return Err(Refused(format!(
                "no indicator `{id}` here; indicators: {}",
                ids.join(", ")
            ))
            .into());
        }
    }
    let mut items: Vec<&crate::model::Reading> = readings
        .items
        .iter()
        .filter(|r| owner.is_none_or(|o| r.owner == o))
        .filter(|r| args.since.is_none_or(|s| r.period.start() >= s.start()))
        .filter(|r| {
            args.indicator
                .as_ref()
                .is_none_or(|id| id_of(r.owner, r.indicator) == id.as_str())
        })
        .collect();
    items.sort_by_key(|r| (r.owner, r.indicator, r.period, r.file, r.line));
    let rows: Vec<ReadingRow> = items
        .iter()
        .map(|r| readings::row(plan, &loaded.readings, r, Values::Display))
        .collect();
    let cells = |r: &ReadingRow| -> Vec<String> {
        vec![
            r.action.clone(),
            r.indicator.clone(),
            r.period.clone(),
            r.value.clone(),
            r.source.clone(),
            r.note.clone(),
            r.recorded.clone().unwrap_or_default(),
            r.replaces.clone().unwrap_or_default(),
        ]
    };
    // The readings file's own columns, after the action they belong to.
    let header: Vec<&str> = std::iter::once("action")
        .chain(crate::model::reading::HEADER)
        .collect();
    use super::status::Format;
    let text = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&rows)?;
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(header)?;
            for r in &rows {
                w.write_record(cells(r).iter().map(|c| render::csv_safe(c).into_owned()))?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Markdown => {
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    cells(r)
                        .iter()
                        .map(|c| render::markdown::escape(c))
                        .collect()
                })
                .collect();
            render::markdown::table(&header, &[render::markdown::Align::Left; 8], &body)
        }
        Format::Table => {
            use render::table::{Column, Styled};
            if rows.is_empty() {
                "No reading recorded.\n".to_string()
            } else {
                let columns = [
                    Column::new("Code", 0, 12),
                    Column::new("Indicator", 0, 28),
                    Column::new("Period", 0, 10),
                    Column::new("Value", 0, 16).right(),
                    Column::flexible("Source"),
                    Column::new("Note", 2, 30),
                    Column::new("Recorded", 3, 10),
                    Column::new("Replaces", 4, 10),
                ];
                let body: Vec<Vec<Styled>> = rows
                    .iter()
                    .map(|r| cells(r).into_iter().map(Styled::from).collect())
                    .collect();
                let mut s = render::table::draw(&columns, &body, &global.term);
                s.push_str(&format!("{} reading(s)\n", rows.len()));
                s
            }
        }
    };
    emit(&text, None)?;
    Ok(ExitCode::SUCCESS)
}

fn template(global: &Global, args: TemplateArgs) -> anyhow::Result<ExitCode> {
    let repo = global.repo()?;
    let loaded = global.load(&repo)?;
    let plan = &loaded.plan;
    let filters = crate::report::status::Filters {
        levers: args.lever.iter().map(|l| l.trim().to_uppercase()).collect(),
        ministries: args.ministry.iter().map(|m| m.trim().to_string()).collect(),
        ..Default::default()
    };
    filters.check(plan).map_err(|e| Refused(e.to_string()))?;
    let sep = if args.excel { b';' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(sep)
        .from_writer(Vec::new());
    w.write_record([
        "code",
        "indicator",
        "period",
        "value",
        "source",
        "note",
        "kind",
        "label",
        "responsible",
    ])?;
    let mut n = 0;
    for a in &plan.actions {
        if !filters.levers.is_empty() && !filters.levers.contains(&a.code.lever_code()) {
            continue;
        }
        if !filters.ministries.is_empty()
            && !plan
                .ministries_of(a)
                .iter()
                .any(|m| filters.ministries.contains(m))
        {
            continue;
        }
        for ind in &a.indicators {
            let row = [
                a.code.to_string(),
                ind.id.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                ind.kind.as_str().to_string(),
                ind.label.clone(),
                a.responsible.join(", "),
            ];
            w.write_record(row.iter().map(|c| render::csv_safe(c).into_owned()))?;
            n += 1;
        }
    }
    let mut text = String::from_utf8(w.into_inner()?)?;
    if args.excel {
        text.insert(0, '\u{feff}');
    }
    emit(&text, args.output.as_deref())?;
    if args.output.is_some() {
        eprintln!(
            "{n} indicator row(s); fill in period, value and source, then `pan reading import`"
        );
    }
    Ok(ExitCode::SUCCESS)
}
