//! `pan completions`: shell completion, with the plan's own names. The shell asks `pan`
//! itself for candidates (clap's dynamic completion), so `pan show IN-B-<TAB>` offers the
//! codes of the plan in the current folder, `--ministry <TAB>` its ministries, and so on.

use clap_complete::engine::CompletionCandidate;
use std::ffi::OsStr;

use super::{Result, emit};
use crate::config::Repo;
use crate::load::{self, Loaded, tree::FsTree};

/// Arguments of `pan completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan completions bash > ~/.local/share/bash-completion/completions/pan\n  pan completions zsh > ~/.zfunc/_pan     # a folder of $fpath\n  echo 'source <(pan completions bash)' >> ~/.bashrc\n\nThe script asks pan for candidates as you type: action codes, levers, objectives, ministries, actors and the indicators of the action typed come from the plan of the current folder."
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The variable a shell sets to ask `pan` for candidates.
pub const VAR: &str = "COMPLETE";

/// Answer a shell's completion request, if this run is one (it then exits).
pub fn answer() {
    clap_complete::CompleteEnv::with_factory(super::command)
        .var(VAR)
        .complete();
}

/// Run `pan completions`: print the script that registers `pan` with the shell.
pub fn run(args: Args) -> Result {
    // The registration script is what `pan` prints when the shell's variable names it.
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe)
        .env(VAR, args.shell.to_string())
        .env_remove("_CLAP_COMPLETE_INDEX")
        .output()?;
    let script = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() || script.trim().is_empty() {
        // Shells without dynamic support get the static script.
        let mut cmd = super::command();
        let mut buf = Vec::new();
        clap_complete::generate(args.shell, &mut cmd, "pan", &mut buf);
        emit(&String::from_utf8_lossy(&buf), None)?;
    } else {
        emit(&script, None)?;
    }
    Ok(())
}

/// The plan of the current folder (or `PAN_ROOT`), quietly: completion never prints.
fn plan() -> Option<Loaded> {
    let cwd = std::env::current_dir().ok()?;
    let root = std::env::var_os("PAN_ROOT").map(std::path::PathBuf::from);
    let repo = Repo::discover(root.as_deref(), &cwd).ok()?;
    Some(load::load(&FsTree::new(&repo.root), &repo.settings))
}

/// The candidates among `names` that start with what was typed (ignoring case).
fn matching(current: &OsStr, names: impl IntoIterator<Item = String>) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    let mut out: Vec<String> = names
        .into_iter()
        .filter(|n| n.to_lowercase().starts_with(&typed))
        .collect();
    out.sort();
    out.dedup();
    out.into_iter().map(CompletionCandidate::new).collect()
}

/// Action codes.
pub fn codes(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    matching(current, l.plan.actions.iter().map(|a| a.code.to_string()))
}

/// Action codes and `context` (what readings are recorded for).
pub fn targets(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    let names = l.plan.actions.iter().map(|a| a.code.to_string());
    matching(
        current,
        names.chain([crate::model::reading::CONTEXT.to_string()]),
    )
}

/// Levers.
pub fn levers(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    matching(current, l.plan.levers.iter().map(|x| x.code.clone()))
}

/// Objectives.
pub fn objectives(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    matching(
        current,
        l.plan
            .levers
            .iter()
            .flat_map(|x| x.objectives.iter().map(|o| o.code.clone())),
    )
}

/// Ministries.
pub fn ministries(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    matching(current, l.plan.ministries().map(|a| a.acronym.clone()))
}

/// Actors.
pub fn actors(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    matching(current, l.plan.actors.iter().map(|a| a.acronym.clone()))
}

/// The words of the command line the shell is completing, before the word completed:
/// what it passes after `--` (and, for bash, the index of the word completed).
fn typed_before() -> Vec<String> {
    let words: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .skip_while(|a| a != "--")
        .skip(1)
        .collect();
    let index = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
        .unwrap_or(words.len().saturating_sub(1));
    words.into_iter().take(index).collect()
}

/// The action (or `context`) typed after `pan reading add|list`, if any.
fn typed_target(before: &[String]) -> Option<&str> {
    before
        .iter()
        .skip_while(|w| *w != "reading")
        .skip(2)
        .find(|w| !w.starts_with('-'))
        .map(String::as_str)
}

/// Indicator ids: those of the action typed before (`pan reading add IN-B-11.02 <TAB>`),
/// or of the context; every action's when none is typed.
pub fn indicators(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(l) = plan() else { return Vec::new() };
    let before = typed_before();
    let context = || l.plan.context.iter().map(|c| c.id.clone());
    let ids: Vec<String> = match typed_target(&before) {
        Some(t) if t.eq_ignore_ascii_case(crate::model::reading::CONTEXT) => context().collect(),
        Some(t) => match l.plan.find_action(t) {
            Ok(i) => l.plan.actions[i]
                .indicators
                .iter()
                .map(|x| x.id.clone())
                .collect(),
            Err(_) => Vec::new(),
        },
        None => l
            .plan
            .actions
            .iter()
            .flat_map(|a| a.indicators.iter().map(|i| i.id.clone()))
            .chain(context())
            .collect(),
    };
    matching(current, ids)
}
