//! `pan reading add`: record one reading.

use super::{current, describe, indicators_dir, target, with_rows};
use crate::check::new_reading::{self, Mistake, Outcome, Proposed};
use crate::cmd::{Error, Global, Result};
use crate::write::{atomic, lock::Lock};

/// Arguments of `pan reading add`.
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "pan reading add <CODE> <INDICATOR> <VALUE> --period <PERIOD> \\\n           --source <SOURCE> [OPTIONS]",
    after_help = "Examples:\n  pan reading add IN-B-11.02 participants 41 --period 2025 \\\n    --source \"Rapport d'activité 2025\"\n  pan reading add IN-B-11.02 participants 43 --period 2025 \\\n    --source \"Rapport corrigé\" --replace --note \"erratum\"\n  pan reading add context basic-digital-skills 62 --period 2025 \\\n    --source \"Eurostat, Digital Decade 2026\"\n  pan reading add context basic-digital-skills 41 --period 2025 \\\n    --source \"Eurostat\" --by age=55-74\n\nRecording the very value already recorded changes nothing and succeeds."
)]
pub struct Args {
    /// The action's code, or `context` for the plan's context indicators.
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::targets))]
    pub code: String,
    /// The indicator's id (see `pan show CODE`).
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(crate::cmd::completions::indicators))]
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
    /// A breakdown value, DIMENSION=VALUE (ids of plan/dimensions.yaml), e.g.
    /// `--by canton=esch-sur-alzette`; repeat for several dimensions. Without it, the
    /// reading is the total.
    #[arg(long = "by", value_name = "DIM=VALUE", value_parser = crate::cmd::args::parse_by)]
    pub by: Vec<(String, String)>,
}

/// A breakdown is checked against `plan/dimensions.yaml`: one that could not be read
/// refuses it, rather than calling every dimension unknown.
fn refuse_unread_dimensions(
    left: &crate::load::scope::LeftOut,
    repo: &crate::config::Repo,
) -> Result {
    let file = format!(
        "{}/{}",
        repo.settings.paths.plan_str(),
        crate::load::dimensions::FILE
    );
    if left.plan_files.contains(&file) {
        return Err(Error::refused(format!(
            "{file} could not be read: it has problems (listed above), and a breakdown is checked against it"
        ))
        .hint("fix it; `pan validate` shows each problem with its fix"));
    }
    Ok(())
}

/// Run `pan reading add`.
pub fn run(global: &Global, args: Args) -> Result {
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let target = target(&loaded.plan, &left, &repo, &args.code)?;
    if !args.by.is_empty() {
        refuse_unread_dimensions(&left, &repo)?;
    }
    let ids: Vec<&str> = target.subject.indicators.iter().map(|(i, _)| *i).collect();
    let id = args.indicator.trim();
    if !ids.contains(&id) {
        let shown = crate::render::term::sanitize(id);
        let error = Error::usage(format!("{} has no indicator `{shown}`", target.name));
        return Err(error.hint(match crate::text::suggest(id, &ids) {
            Some(near) => format!(
                "did you mean `{near}`? (indicators: {})",
                crate::text::few(&ids)
            ),
            None => format!("indicators: {}", crate::text::few(&ids)),
        }));
    }
    let proposed = Proposed {
        indicator: args.indicator,
        period: args.period,
        value: args.value,
        source: args.source,
        note: args.note,
        by: args.by,
    };
    let _lock = Lock::acquire(&indicators_dir(&repo)?)?;
    let (path, now) = current(&repo, &target)?;
    let lookup = |id: &str, p, cell: &str| {
        now.values
            .get(&(id.to_string(), p, cell.to_string()))
            .cloned()
    };
    let outcome = new_reading::check(
        &target.name,
        &target.subject,
        &proposed,
        global.today,
        args.replace,
        &lookup,
    )
    .map_err(|e| {
        // A name or a period typed wrong is a usage error; a rule broken refuses.
        let what = format!("{}; nothing was written", e.message);
        let error = match e.mistake {
            Mistake::Unknown | Mistake::Malformed => Error::usage(what),
            Mistake::Rule => Error::refused(what),
        };
        if e.hint.is_empty() {
            error
        } else {
            error.hint(e.hint)
        }
    })?;
    match outcome {
        Outcome::Same(line) => {
            println!(
                "{} `{}` for {} is already recorded with this value (line {line} of {}); nothing to write",
                target.name,
                crate::render::term::sanitize(proposed.indicator.trim()),
                proposed.period.trim(),
                target.file
            );
        }
        Outcome::New(row) => {
            let text = with_rows(&target, &now, std::slice::from_ref(&row))?;
            atomic::write(&path, text.as_bytes())?;
            println!(
                "recorded {} → {}",
                describe(&target.name, &row),
                target.file
            );
        }
    }
    Ok(())
}
