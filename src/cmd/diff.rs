//! `pan diff`: what a change does to the plan — actions, fields, states, readings, and
//! problems introduced or fixed — and the history guard.

use std::path::PathBuf;

use jiff::civil::Date;

use super::{Error, Global, Result, emit};
use crate::check;
use crate::config::{Repo, SETTINGS_FILE, Settings};
use crate::load::git::{GitTree, SettingsAtRevision};
use crate::load::tree::{FsTree, Tree};
use crate::load::{self, Loaded, Parses};
use crate::render;
use crate::report::diff::{self, Side};

/// Arguments of `pan diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan diff                          # HEAD → working tree\n  pan diff origin/main              # the base branch → working tree\n  pan diff origin/main...           # what a pull request changes\n  pan diff v1.0..v1.1 --format json\n  pan diff origin/main... -o comment.md\n\nA..B compares two revisions; A...B compares B with the commit it branched from A, as git and GitHub show a pull request. Exit status: 0 no history rewrite; 1 a recorded reading or state entry was edited or removed (listed first; --allow-history-rewrite accepts it); 2 pan could not run (not a git repository, unknown revision)."
)]
pub struct Args {
    /// The base revision (default HEAD); `A..B` compares two revisions, `A...B` compares B
    /// with the commit it branched from A (as a pull request shows it).
    #[arg(value_name = "BASE")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The day health is computed for (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Accept a change that edits or removes recorded readings or states.
    #[arg(long)]
    pub allow_history_rewrite: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Parse every file of both sides, even those whose bytes are the same on both (the
    /// output is the same; this checks it, and is slower).
    #[arg(long, hide = true)]
    pub no_reuse: bool,
}

impl Format {
    /// The extensions of `-o FILE` that name each format.
    pub const FILES: &[(&str, Format)] = &[
        ("txt", Format::Text),
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("json", Format::Json),
    ];
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

/// One side: loaded (taking the parses of `previous` where the bytes are the same, and
/// keeping its own when `keep`), then checked.
fn side(
    label: String,
    tree: &dyn Tree,
    settings: Settings,
    as_of: Date,
    previous: Option<Parses>,
    keep: bool,
) -> (Loadedside, Parses) {
    let (loaded, parses) = load::load_reusing(tree, &settings, previous, keep);
    let diagnostics = check::run(&check::Input {
        loaded: &loaded,
        settings: &settings,
        today: as_of,
        as_of,
    });
    let side = Loadedside {
        label,
        settings,
        loaded,
        diagnostics,
    };
    (side, parses)
}

/// A revision's files (fetched as the loader reads them) and its own settings (paths and
/// code format may have changed): a revision without valid settings is refused, since
/// read with today's it would show files moved and readings rewritten that were not.
/// `HEAD` in a repository without a commit yet (`pan init` just ran `git init`) is the
/// empty plan, read with today's settings: everything is new.
fn revision(repo: &Repo, rev: &str) -> Result<(GitTree, Settings)> {
    if rev == "HEAD" && GitTree::unborn(&repo.root) {
        return Ok((GitTree::empty(&repo.root), repo.settings.clone()));
    }
    let tree = GitTree::open(&repo.root, rev)?;
    let short: String = tree.commit.chars().take(10).collect();
    let place = format!("{rev} ({short}):{SETTINGS_FILE}");
    let hint =
        "compare with a revision that has a valid pan.toml (`pan diff A..B` names both sides)";
    let settings = tree.settings().map_err(|e| match e {
        SettingsAtRevision::Missing => Error::fatal(format!("the revision has no {SETTINGS_FILE}"))
            .at(place.clone())
            .hint(hint),
        SettingsAtRevision::Unreadable(why) => Error::fatal(format!("not read: {why}"))
            .at(place.clone())
            .hint(hint),
        SettingsAtRevision::Invalid(e) => {
            let mut err = Error::from(e);
            if let Error::Fatal(p) = &mut err {
                p.place = Some(format!(
                    "{rev} ({short}):{}",
                    p.place.take().unwrap_or_default()
                ));
                p.what = format!("the revision's settings are not valid: {}", p.what);
            }
            err
        }
    })?;
    Ok((tree, settings))
}

/// One revision, loaded and checked.
fn git_side(
    rev: &str,
    (tree, settings): (GitTree, Settings),
    as_of: Date,
    previous: Option<Parses>,
    keep: bool,
) -> Result<(Loadedside, Parses)> {
    let short: String = tree.commit.chars().take(10).collect();
    let label = if short.is_empty() {
        format!("{rev} (no commit yet)")
    } else {
        format!("{rev} ({short})")
    };
    let mut out = side(label, &tree, settings, as_of, previous, keep);
    if short.is_empty() {
        // The empty plan has no folders to miss: it has no problem to be fixed.
        out.0.diagnostics.clear();
    }
    match tree.failure() {
        Some(e) => Err(e.into()),
        None => Ok(out),
    }
}

/// Run `pan diff`.
pub fn run(global: &Global, args: Args) -> Result {
    let output = args.output.as_deref();
    let format = super::output::format_for(args.format, output, Format::FILES, Format::Text)?;
    let repo = global.repo()?;
    let as_of = args.as_of.unwrap_or(global.today);
    let spec = args.base.unwrap_or_else(|| "HEAD".to_string());
    // `A...B`, as git and GitHub write a pull request: B against the commit it started
    // from (the merge base of A and B).
    let (spec, merge_base) = match spec.split_once("...") {
        Some((a, b)) => {
            let a = if a.is_empty() { "HEAD" } else { a };
            let b = if b.is_empty() { "HEAD" } else { b };
            let base = GitTree::merge_base(&repo.root, a, b)?;
            let short: String = base.chars().take(10).collect();
            (
                format!("{base}..{b}"),
                Some(format!("{a}...{b}: merge base ({short})")),
            )
        }
        None => (spec, None),
    };
    // Most files are the same on both sides: the second side takes the first one's parse
    // of every file with the same path and bytes (same git blob id).
    let reuse = !args.no_reuse;
    let fatal = |what: &str| Error::fatal(format!("reading {what} failed"));
    let (old, new) = match spec.split_once("..") {
        Some((a, b)) => {
            let a = if a.is_empty() { "HEAD" } else { a };
            let b = if b.is_empty() { "HEAD" } else { b };
            // Both revisions are listed side by side; then the base is read, and the
            // target takes the base's parses.
            let (ta, tb) = std::thread::scope(|scope| {
                let ta = scope.spawn(|| revision(&repo, a));
                let tb = revision(&repo, b);
                (ta.join(), tb)
            });
            let (ta, tb) = (ta.map_err(|_| fatal(a))??, tb?);
            let (mut old, parses) = git_side(a, ta, as_of, None, reuse)?;
            if let Some(name) = merge_base {
                old.label = name;
            }
            let (new, _) = git_side(b, tb, as_of, Some(parses), false)?;
            (old, new)
        }
        None => {
            // The base revision is listed while the working tree is read; then the base
            // takes the working tree's parses, and is checked while the working tree is.
            std::thread::scope(|scope| -> Result<(Loadedside, Loadedside)> {
                let base = scope.spawn(|| revision(&repo, &spec));
                let tree = FsTree::new(&repo.root);
                let settings = repo.settings.clone();
                let (loaded, parses) = load::load_reusing(&tree, &settings, None, reuse);
                let base = base.join().map_err(|_| fatal(&spec))??;
                let work = scope.spawn(move || {
                    let diagnostics = check::run(&check::Input {
                        loaded: &loaded,
                        settings: &settings,
                        today: as_of,
                        as_of,
                    });
                    Loadedside {
                        label: "working tree".to_string(),
                        settings,
                        loaded,
                        diagnostics,
                    }
                });
                let (base, _) = git_side(&spec, base, as_of, Some(parses), false)?;
                let work = work.join().map_err(|_| fatal("the working tree"))?;
                Ok((base, work))
            })?
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
    let text = match format {
        Format::Text => render::diff::text(&d, &super::output::term_for(&global.term, output)),
        Format::Markdown => render::diff::markdown(&d, repo.settings.plan.language),
        Format::Json => render::diff::json(&d)?,
    };
    emit(&text, output)?;
    let rewrites = d.history_rewrites.len();
    super::exit_now(if rewrites > 0 && !args.allow_history_rewrite {
        Err(Error::refused(format!(
            "{}: recorded readings or states were edited or removed",
            crate::render::words::count(rewrites, "history rewrite", "history rewrites")
        ))
        .hint("pass --allow-history-rewrite to accept"))
    } else {
        Ok(())
    })
}
