//! `pan completions`: shell completion scripts.

use std::process::ExitCode;

use clap::CommandFactory;

/// Arguments of `pan completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  pan completions bash > ~/.local/share/bash-completion/completions/pan\n  pan completions zsh > \"${fpath[1]}/_pan\""
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Run `pan completions`.
pub fn run(args: Args) -> super::Result {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "pan", &mut out);
    super::emit(&String::from_utf8_lossy(&out), None)?;
    Ok(ExitCode::SUCCESS)
}
