//! `pan diff`: what a change does to the plan — actions, fields, states, readings, and
//! problems introduced or fixed — and the history guard.

use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use super::{Error, Global, Result, emit};
use crate::check;
use crate::config::{Repo, SETTINGS_FILE, Settings, limits};
use crate::load::git::GitTree;
use crate::load::tree::{FsTree, Tree};
use crate::load::{self, Loaded};
use crate::render;
use crate::report::diff::{self, Side};

/// Arguments of `pan diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan diff                         # HEAD → working tree\n  pan diff origin/main             # the base branch → working tree (a pull request)\n  pan diff v1.0..v1.1 --format json\n  pan diff origin/main --format markdown -o comment.md\n\n\
Exit status: 0 no history rewrite; 1 a recorded reading or state entry was edited or removed\n\
(listed first; --allow-history-rewrite accepts it); 2 pan could not run (not a git\n\
repository, unknown revision)."
)]
pub struct Args {
    /// The base revision (default HEAD), or `A..B` to compare two revisions.
    #[arg(value_name = "BASE")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The day health is computed for (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Accept a change that edits or removes recorded readings or states.
    #[arg(long)]
    pub allow_history_rewrite: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `pan diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal.
    Text,
    /// A pull-request comment.
    Markdown,
    /// JSON (version 1).
    Json,
}

struct Loadedside {
    label: String,
    settings: Settings,
    loaded: Loaded,
    diagnostics: Vec<crate::diag::Diagnostic>,
}

fn side(label: String, tree: &dyn Tree, settings: Settings, as_of: Date) -> Loadedside {
    let loaded = load::load(tree, &settings);
    let diagnostics = check::run(&check::Input {
        loaded: &loaded,
        settings: &settings,
        today: as_of,
        as_of,
    });
    Loadedside {
        label,
        settings,
        loaded,
        diagnostics,
    }
}

fn git_side(repo: &Repo, rev: &str, as_of: Date) -> anyhow::Result<Loadedside> {
    let mut tree = GitTree::open(&repo.root, rev)?;
    // The revision's own settings, when it has them (paths may have changed).
    let settings = tree
        .file(SETTINGS_FILE, limits::SETTINGS_FILE_BYTES)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| Settings::parse(t, std::path::Path::new(SETTINGS_FILE)).ok())
        .unwrap_or_else(|| repo.settings.clone());
    // Only the configured folders, only blobs within the loader's limits.
    tree.fetch(
        &[
            (&settings.paths.plan_str(), limits::PLAN_FILE_BYTES),
            (
                &settings.paths.indicators_str(),
                limits::READINGS_FILE_BYTES,
            ),
        ],
        settings.limits.max_files,
    )?;
    let short: String = tree.commit.chars().take(10).collect();
    Ok(side(format!("{rev} ({short})"), &tree, settings, as_of))
}

/// Run `pan diff`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let as_of = args.as_of.unwrap_or(global.today);
    let spec = args.base.unwrap_or_else(|| "HEAD".to_string());
    let (old, new) = match spec.split_once("..") {
        Some((a, b)) => {
            let a = if a.is_empty() { "HEAD" } else { a };
            let b = if b.is_empty() { "HEAD" } else { b };
            // The two revisions are read and checked side by side.
            let (old, new) = std::thread::scope(|scope| {
                let old = scope.spawn(|| git_side(&repo, a, as_of));
                let new = git_side(&repo, b, as_of);
                (old.join(), new)
            });
            let old = old.map_err(|_| Error::Fatal(anyhow::anyhow!("reading {a} failed")))??;
            (old, new?)
        }
        None => {
            let (base, work) = std::thread::scope(|scope| {
                let base = scope.spawn(|| git_side(&repo, &spec, as_of));
                let tree = FsTree::new(&repo.root);
                let work = side(
                    "working tree".to_string(),
                    &tree,
                    repo.settings.clone(),
                    as_of,
                );
                (base.join(), work)
            });
            (
                base.map_err(|_| Error::Fatal(anyhow::anyhow!("reading {spec} failed")))??,
                work,
            )
        }
    };
    let d = diff::compare(
        &Side {
            label: old.label.clone(),
            settings: &old.settings,
            loaded: &old.loaded,
            diagnostics: &old.diagnostics,
        },
        &Side {
            label: new.label.clone(),
            settings: &new.settings,
            loaded: &new.loaded,
            diagnostics: &new.diagnostics,
        },
        as_of,
    );
    let text = match args.format {
        Format::Text => render::diff::text(&d, &global.term),
        Format::Markdown => render::diff::markdown(&d, repo.settings.plan.language),
        Format::Json => render::diff::json(&d)?,
    };
    emit(&text, args.output.as_deref())?;
    if !d.history_rewrites.is_empty() && !args.allow_history_rewrite {
        eprintln!(
            "error: {} history rewrite(s): recorded readings or states were edited or removed (pass --allow-history-rewrite to accept)",
            d.history_rewrites.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
