//! `pan due`: what each ministry and actor owes on a date — the figures late and due soon,
//! grouped by ministry — and, with `--drafts DIR`, per ministry the readings workbook of
//! what it owes and the message to send with it (pan never sends mail).

use std::path::PathBuf;

use jiff::civil::Date;

use super::args::Format;
use super::filters::FilterArgs;
use super::{Error, Global, Result, emit};
use crate::config::Lang;
use crate::render;
use crate::report::due::{self, MinistryDue};
use crate::write::folder::{Guard, Staged};

/// Arguments of `pan due`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  pan due\n  pan due --ministry MENEJ --as-of 2027-03-01\n  pan due --actor MENEJ-IFEN -o owed.csv\n  pan due --drafts drafts/ --deadline 2027-03-31\n\nA figure is owed for each period of its indicator's frequency (`every:` on the indicator, else pan.toml [readings] every): it is due at the period's end plus [readings] grace_days, late once that day has passed without a reading, due soon within [readings] due_within_days. Each ministry's completeness counts the figures whose due date has passed: received of expected. --drafts DIR writes, per ministry owing something, <MINISTRY>.xlsx (the readings workbook of what it owes, for `pan reading import`), <MINISTRY>.txt and <MINISTRY>.eml (the message to send with it, in the plan's language or --lang; return address from [readings] send_to). The format is told by the file name of -o (.txt, .md, .csv, .json), or --format."
)]
pub struct Args {
    /// Ministries; an agency counts for its ministry (MENEJ includes MENEJ-IFEN).
    #[arg(long, value_delimiter = ',', value_name = "MINISTRY", add = clap_complete::engine::ArgValueCompleter::new(super::completions::ministries))]
    pub ministry: Vec<String>,
    /// Actors responsible for the actions, exactly (an agency: MENEJ-IFEN).
    #[arg(long, value_delimiter = ',', value_name = "ACTOR", add = clap_complete::engine::ArgValueCompleter::new(super::completions::actors))]
    pub actor: Vec<String>,
    /// The day to assess on (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::args::date)]
    pub as_of: Option<Date>,
    /// Output format (default: told by the extension of -o, otherwise table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Language of the table, Markdown and drafts (default: the table in English, as pan
    /// speaks; Markdown and drafts in pan.toml's).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Write to FILE instead of standard output (.txt, .md, .csv or .json).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write per ministry its workbook and message into this folder (a new or empty
    /// folder, or one an earlier `pan due --drafts` wrote).
    #[arg(long, value_name = "DIR")]
    pub drafts: Option<PathBuf>,
    /// The day the drafts ask the figures back by (default: the as-of date plus
    /// [readings] due_within_days).
    #[arg(long, value_name = "DATE", value_parser = super::args::date, requires = "drafts")]
    pub deadline: Option<Date>,
}

/// Run `pan due`.
pub fn run(global: &Global, args: Args) -> Result {
    let output = args.output.as_deref();
    let format = super::output::format_for(args.format, output, Format::FILES, Format::Table)?;
    let term = super::output::term_for(&global.term, output);
    let repo = global.repo()?;
    let (loaded, left) = global.load(&repo)?;
    let plan = &loaded.plan;
    let filters = FilterArgs {
        ministry: args.ministry.clone(),
        actor: args.actor.clone(),
        ..FilterArgs::default()
    }
    .resolve(plan)?;
    let as_of = args.as_of.unwrap_or(global.today);
    let settings = &repo.settings;
    let report = due::build(plan, &loaded.readings, settings, as_of);
    let groups = due::by_ministry(&report, plan, &filters.ministries, &filters.actors);
    let text = match format {
        Format::Table => render::due::text(
            &report,
            &groups,
            plan,
            &term,
            args.lang.unwrap_or(Lang::INTERFACE),
        ),
        Format::Markdown => render::due::markdown(
            &report,
            &groups,
            plan,
            args.lang.unwrap_or(settings.plan.language),
        ),
        Format::Csv => super::on_terminal(
            render::due::csv(&report, &groups, plan)?,
            super::output::to_terminal(output),
        ),
        Format::Json => render::due::json(&report, &groups, plan)?,
    };
    if let Some(dir) = &args.drafts {
        let lang = args.lang.unwrap_or(settings.plan.language);
        let deadline = args.deadline.unwrap_or(report.horizon);
        let guard = Guard::new(&repo.root, &[repo.plan_dir(), repo.indicators_dir()]);
        let staged = Staged::new(dir, "drafts", &guard).map_err(|e| Error::usage("").because(e))?;
        let status = crate::report::status::build(
            plan,
            &loaded.readings,
            settings,
            as_of,
            &Default::default(),
            None,
        );
        let mut written = 0;
        for g in groups
            .iter()
            .filter(|g| !g.owed.is_empty() && !g.acronym.is_empty())
        {
            draft(&staged, g, &report, &status, settings, plan, deadline, lang)?;
            written += 1;
        }
        staged.commit()?;
        eprintln!(
            "wrote {}: drafts for {written} ministr{}, to send by hand",
            crate::render::term::sanitize(&dir.display().to_string()),
            if written == 1 { "y" } else { "ies" }
        );
    }
    emit(&text, output)?;
    let all: Vec<_> = left.actions.iter().copied().collect();
    super::global::complete(&left, &all, false)
}

/// A file name made of an acronym: letters, digits, `-` and `_`; anything else `_`.
fn file_stem(acronym: &str) -> String {
    let s: String = acronym
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if s.is_empty() || s.starts_with('-') {
        format!("m{s}")
    } else {
        s
    }
}

/// One ministry's workbook and message, written into the staged folder.
#[allow(clippy::too_many_arguments)]
fn draft(
    staged: &Staged,
    g: &MinistryDue,
    report: &due::DueReport,
    status: &crate::report::status::StatusReport,
    settings: &crate::config::Settings,
    plan: &crate::model::Plan,
    deadline: Date,
    lang: Lang,
) -> Result {
    let stem = file_stem(&g.acronym);
    let template =
        crate::report::template::owed(plan, status, report, &g.owed, &settings.plan.title);
    let send_to = settings.readings.send_to.as_deref();
    let layout = crate::template::layout(&template, lang, send_to);
    let bytes = crate::template::xlsx::write(&layout)
        .map_err(|e| Error::fatal("the workbook could not be made").because(e))?;
    let workbook = format!("{stem}.xlsx");
    staged.write(&workbook, &bytes)?;
    let late = g
        .owed
        .iter()
        .filter(|&&k| report.items[k].standing == due::Standing::Late)
        .count();
    let message = crate::render::words::Message {
        plan: &settings.plan.title,
        ministry: &g.name,
        late,
        due_soon: g.owed.len() - late,
        deadline: crate::render::words::date(deadline, lang),
        workbook: &workbook,
        send_to,
    };
    let (subject, body) = render::due::message(&message, deadline, lang);
    staged.write(
        &format!("{stem}.txt"),
        render::due::message_text(&subject, &body).as_bytes(),
    )?;
    staged.write(
        &format!("{stem}.eml"),
        render::due::message_eml(&subject, &body, report.as_of).as_bytes(),
    )?;
    Ok(())
}
