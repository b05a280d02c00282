//! `pan init`: a new plan repository that validates at once — settings, a small example
//! plan (or the plan of a table with `--from`), a reading, the JSON Schemas, a
//! `.gitignore`, the CI workflows and a README for the new owner.

use super::schema::{self, Which};
use super::{Error, Global, Result};
use crate::check;
use crate::config::{Lang, SETTINGS_FILE, Settings};
use crate::diag::Severity;
use crate::load::{self, plan_table, tree::MemTree};
use crate::model::{ActionCode, CodeFormat};
use crate::scaffold::{self, Content, Options};
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `pan init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan init my-plan --title \"Plan d'action 2026-2030\" --start 2026 --end 2030\n  pan init plan-en --language en \\\n    --code-format \"{lever:1}.{objective}.{number}\"\n  pan init from-table --from plan.csv       # or plan.xlsx, plan.ods\n\nA table has one row per action, with the columns code, objective, action, responsible, partners, indicators and calendar (see \"Starting a plan\" in the README). Nothing is written when anything is wrong; a folder that is not empty is refused unless --force, which writes beside its files (a file of the same name is never replaced). Never into a plan repository, through a symbolic link, or inside a plan's folders. pan init then makes the folder a git repository, unless it is in one already or --no-git is given."
)]
pub struct Args {
    /// The folder of the new plan repository (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The plan's title (default: "Plan d'action START-END", or in English).
    #[arg(long)]
    pub title: Option<String>,
    /// First year of the plan period (default: this year).
    #[arg(long, value_name = "YEAR")]
    pub start: Option<i16>,
    /// Last year of the plan period (default: START + 4).
    #[arg(long, value_name = "YEAR")]
    pub end: Option<i16>,
    /// The plan's language: reports and the example's words.
    #[arg(long, value_enum, default_value_t = Lang::default())]
    pub language: Lang,
    /// How action codes are written (see "Code formats" in the README).
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "IN-{lever}-{objective}.{number:02}"
    )]
    pub code_format: String,
    /// How objective codes are written (default: derived from the code format).
    #[arg(long, value_name = "FORMAT")]
    pub objective_format: Option<String>,
    /// The open-data licence, as an SPDX identifier (CC-BY-4.0, CC0-1.0, …).
    #[arg(long, value_name = "SPDX")]
    pub licence: Option<String>,
    /// Who publishes the plan (for the open-data package).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// Build the plan from a table (.csv, .xlsx or .ods), one row per action.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Write into a folder that is not empty, beside its files (none is replaced).
    #[arg(long)]
    pub force: bool,
    /// Do not make the folder a git repository (by default `git init` runs when git is
    /// installed and the folder is not already in a repository).
    #[arg(long)]
    pub no_git: bool,
}

/// Run `pan init`.
pub fn run(global: &Global, args: Args) -> Result {
    let codes = CodeFormat::new(&args.code_format, args.objective_format.as_deref())
        .map_err(|e| Error::usage(e.to_string()).at("--code-format"))?
        .leak();
    let start = args.start.unwrap_or(global.today.year());
    let end = args.end.unwrap_or(start.saturating_add(4));
    if !(1000..=9999).contains(&start) || !(start..=9999).contains(&end) {
        return Err(
            Error::usage(format!("the plan period {start}–{end} is not valid"))
                .hint("give years with --start <= --end, e.g. --start 2026 --end 2030"),
        );
    }
    let title = match args.title {
        Some(t) if t.trim().is_empty() => {
            return Err(Error::usage("--title is empty").hint("give the plan's title"));
        }
        Some(t) => t.trim().to_string(),
        None => scaffold::default_title(args.language, start, end),
    };
    let options = Options {
        title,
        start,
        end,
        language: args.language,
        codes,
        licence: args.licence,
        publisher: args.publisher,
        today: global.today,
    };
    let (content, places, notes) = match &args.from {
        None => (scaffold::example(&options), HashMap::new(), Vec::new()),
        Some(path) => from_table(path, codes)?,
    };
    let mut files = scaffold::files(&options, &content);
    files.extend(crate::write::tree::plan_files(
        &content.levers,
        &content.actors,
        &content.actions,
        &content.readings,
    ));
    for which in Which::ALL {
        files.push((
            format!("plan/{}", which.file_name()),
            schema::generate(which, codes),
        ));
    }
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    let warnings = check_before_writing(&files, global.today, &places)?;
    let guard = crate::write::folder::Guard::enclosing(&args.dir);
    let created = crate::write::tree::create(&args.dir, &files, args.force, &guard)
        .map_err(|e| Error::usage("the plan repository was not created").because(e))?;
    let shown = crate::render::term::sanitize(&args.dir.display().to_string());
    for n in &notes {
        crate::cmd::say(&format!("note: {}", crate::render::term::sanitize(n)));
    }
    for w in &warnings {
        crate::cmd::say(&format!("warning: {}", crate::render::term::sanitize(w)));
    }
    eprintln!(
        "created a plan repository in {shown}: {} files, {}",
        created.created.len(),
        crate::render::words::count(content.actions.len(), "action", "actions")
    );
    if !args.no_git {
        say_git(&crate::write::tree::git_init(&args.dir), &shown);
    }
    eprintln!(
        "next: cd {shown} && pan validate && pan status (the README lists the next commands)"
    );
    Ok(())
}

/// Say what `git init` came to.
fn say_git(git: &crate::write::tree::GitInit, shown: &str) {
    use crate::write::tree::GitInit;
    match git {
        GitInit::Created => eprintln!(
            "made {shown} a git repository (branch main); commit the plan with `git add -A && git commit -m Plan`, and `pan diff` shows what changes after"
        ),
        GitInit::Inside(top) => crate::cmd::say(&format!(
            "note: {shown} is inside the git repository {}; no new repository was made",
            crate::render::term::sanitize(&top.display().to_string())
        )),
        GitInit::NoGit => crate::cmd::say(&format!(
            "note: git is not installed, so {shown} is not a git repository; `pan diff` needs one (install git, then run `git init`)"
        )),
        GitInit::Failed(why) => crate::cmd::say(&format!(
            "warning: `git init` failed ({}); run it yourself for `pan diff`",
            crate::render::term::sanitize(why)
        )),
    }
}

type FromTable = (Content, HashMap<ActionCode, String>, Vec<String>);

/// The plan of a table, every row checked; all problems are printed and refuse.
fn from_table(path: &std::path::Path, codes: &'static CodeFormat) -> Result<FromTable> {
    let shown = crate::render::term::sanitize(&path.display().to_string());
    match plan_table::read(path, &shown, codes) {
        Ok(d) => Ok((
            Content {
                levers: d.levers,
                actors: d.actors,
                actions: d.actions,
                readings: Vec::new(),
            },
            d.places,
            d.notes,
        )),
        Err(problems) => {
            // A hundred are printed; the count says how many there are.
            for p in problems.iter().take(100) {
                let at = p
                    .place
                    .as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
                eprintln!(
                    "{shown}{at}: error: {}\n  hint: {}",
                    crate::render::term::sanitize(&crate::text::bounded(p.message.clone())),
                    crate::render::term::sanitize(&crate::text::bounded(p.hint.clone()))
                );
            }
            Err(Error::refused(format!(
                "{} in {shown}; nothing was written",
                crate::render::words::count(problems.len(), "problem", "problems")
            )))
        }
    }
}

/// Read the files about to be written as `pan validate` would: errors refuse (nothing is
/// written), warnings are returned to be shown. Problems of an action read from a table
/// name its line there.
fn check_before_writing(
    files: &[(String, Vec<u8>)],
    today: jiff::civil::Date,
    places: &HashMap<ActionCode, String>,
) -> Result<Vec<String>> {
    let toml = files
        .iter()
        .find(|(p, _)| p == SETTINGS_FILE)
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let settings = Settings::parse(&toml, std::path::Path::new(SETTINGS_FILE))
        .map_err(|e| Error::usage("the settings would not be valid").because(e))?;
    let tree = MemTree::new(files.iter().cloned());
    let loaded = load::load(&tree, &settings);
    let diags = check::run(&check::Input {
        loaded: &loaded,
        settings: &settings,
        today,
        as_of: today,
    });
    let describe = |d: &crate::diag::Diagnostic| {
        let at = d
            .action
            .and_then(|c| places.get(&c))
            .map(|p| format!("{p}: "))
            .unwrap_or_else(|| format!("{}: ", d.file));
        let hint = if d.hint.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.hint)
        };
        format!("{at}{}[{}]: {}{hint}", d.rule.name, d.rule.code, d.message)
    };
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error && d.allowed.is_none())
        .map(describe)
        .collect();
    if !errors.is_empty() {
        for e in &errors {
            crate::cmd::say(&format!("error: {}", crate::render::term::sanitize(e)));
        }
        return Err(Error::refused(format!(
            "the new plan would have {}; nothing was written",
            crate::render::words::count(errors.len(), "error", "errors")
        )));
    }
    Ok(diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(describe)
        .collect())
}
