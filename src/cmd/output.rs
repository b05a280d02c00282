//! Where a command's output goes (standard output, or `-o FILE` written safely), and how
//! a code typed on the command line becomes an action.

use std::path::Path;

use super::{Error, Result};
use crate::render::term::sanitize;

/// Data made for files (CSV) when it is printed on a terminal: control and escape
/// characters from the plan made visible, as in every other terminal output; piped or
/// written to a file, the data stays as it is.
pub fn on_terminal(text: String, terminal: bool) -> String {
    if terminal {
        crate::render::term::sanitize_lines(&text)
    } else {
        text
    }
}

/// Write text to stdout, or to a file when `-o FILE` is given (atomically, and only over
/// a regular file or onto a new path).
pub fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    emit_bytes(text.as_bytes(), output)
}

/// Write bytes (a workbook) to stdout, or to a file when `-o FILE` is given (see
/// [`emit`]).
pub fn emit_bytes(bytes: &[u8], output: Option<&Path>) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            crate::write::output::file(path, bytes)?;
            eprintln!(
                "wrote {}",
                crate::render::term::sanitize(&path.display().to_string())
            );
            Ok(())
        }
        _ => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Like [`emit`], for output written piece by piece (too large to hold whole).
pub fn emit_with(
    output: Option<&Path>,
    fill: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write;
    match output {
        Some(path) if path.as_os_str() != "-" => {
            crate::write::output::file_with(path, fill)?;
            eprintln!(
                "wrote {}",
                crate::render::term::sanitize(&path.display().to_string())
            );
            Ok(())
        }
        _ => {
            // Not locked: a writer that may be handed to another thread (the workbook's).
            let mut out = std::io::BufWriter::new(std::io::stdout());
            fill(&mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Whether pan's messages on stderr are coloured: decided once the command line is read.
static STDERR_COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Decide, from `--color` and the environment, whether messages on stderr are coloured.
pub fn colour_stderr(choice: crate::render::term::ColorChoice) {
    let _ = STDERR_COLOR.set(crate::render::term::Term::detect_stderr(choice).color);
}

/// Say something on stderr: its `error:`, `warning:` and `note:` labels coloured as clap
/// colours its own, when stderr is a terminal (or colour is forced).
pub fn say(text: &str) {
    let term = crate::render::term::Term {
        color: STDERR_COLOR.get().copied().unwrap_or(false),
        width: crate::render::term::Term::UNLIMITED,
    };
    eprintln!("{}", term.labels(text));
}

/// Whether output goes to a terminal: standard output (no `-o FILE`), and a terminal.
pub fn to_terminal(output: Option<&Path>) -> bool {
    output.is_none_or(|p| p.as_os_str() == "-")
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
}

/// How text for `output` should look: the terminal's settings on standard output; for a
/// file, no colour and nothing cut.
pub fn term_for(
    term: &crate::render::term::Term,
    output: Option<&Path>,
) -> crate::render::term::Term {
    match output {
        Some(p) if p.as_os_str() != "-" => {
            crate::render::term::Term::plain(crate::render::term::Term::UNLIMITED)
        }
        _ => *term,
    }
}

/// Extensions that say what a file holds, whether or not a command writes it: a name
/// ending in one of them is taken at its word (`-o x.xlsx` is a workbook, `-o x.pdf` a
/// PDF). Other extensions (`.out`, `.log`) say nothing and leave the format to
/// `--format`.
const TELLING: &[&str] = &[
    "md", "markdown", "txt", "csv", "tsv", "json", "jsonld", "sarif", "xml", "html", "htm", "xlsx",
    "xls", "xlsm", "ods", "odt", "doc", "docx", "pdf", "zip", "yaml", "yml", "toml",
];

/// The format a command writes to `-o FILE`: the one its extension names among the
/// command's `(extension, format)` pairs (an extension may name several, the first by
/// default: `.json` is JSON or GitLab's Code Quality), else `--format`, else `default`. A
/// `--format` that the extension contradicts, or a telling extension the command does
/// not write (`-o plan.pdf`), is a usage error, so that no file ever holds another format
/// than its name says.
pub fn format_for<F: Copy + PartialEq + clap::ValueEnum>(
    given: Option<F>,
    output: Option<&Path>,
    writes: &[(&str, F)],
    default: F,
) -> Result<F> {
    let name = |f: F| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(given.unwrap_or(default));
    };
    let Some(ext) = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    else {
        return Ok(given.unwrap_or(default));
    };
    let shown = sanitize(&path.display().to_string());
    let mut exts: Vec<&str> = writes.iter().map(|(e, _)| *e).collect();
    exts.dedup();
    let mut list = exts
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(i) = list.rfind(", ") {
        list.replace_range(i..i + 2, " or ");
    }
    let named: Vec<F> = writes
        .iter()
        .filter(|(e, _)| *e == ext)
        .map(|(_, f)| *f)
        .collect();
    match named.first() {
        Some(&f) => match given {
            Some(g) if !named.contains(&g) => Err(Error::usage(format!(
                "--format {} does not match the file name {shown}, which says {}",
                name(g),
                name(f)
            ))
            .hint("give one or the other")),
            Some(g) => Ok(g),
            None => Ok(f),
        },
        None if TELLING.contains(&ext.as_str()) => Err(Error::usage(format!(
            "{shown} names a .{ext} file, which this command does not write"
        ))
        .hint(format!("give a file name ending in {list}"))),
        None => Ok(given.unwrap_or(default)),
    }
}

/// The index of the action a person named on the command line (`IN-B-11.02`,
/// `b-11.02`); an unknown code is a usage error that suggests the nearest ones.
pub fn find_action(plan: &crate::model::Plan, input: &str) -> Result<usize> {
    plan.find_action(input).map_err(|near| {
        let shown = crate::render::term::sanitize(input.trim());
        Error::usage(format!("no action {shown}")).hint(if near.is_empty() {
            "`pan status` lists the actions".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        })
    })
}

/// Like [`find_action`], when files may have been left out: an action pan could not read
/// (its file has problems) is refused with status 1, as what stops it, instead of being
/// called unknown.
pub fn find_readable(
    plan: &crate::model::Plan,
    left: &crate::load::scope::LeftOut,
    input: &str,
) -> Result<usize> {
    find_action(plan, input).map_err(|e| {
        let unread = plan
            .codes
            .parse_loose(input)
            .filter(|c| left.actions.contains(c));
        match unread {
            Some(code) => Error::refused(format!(
                "{code} could not be read: its file has problems (listed above)"
            ))
            .hint("fix them; `pan validate` shows each with its fix"),
            None => e,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::on_terminal;

    #[test]
    fn csv_on_a_terminal_shows_escapes_and_piped_keeps_them() {
        let csv =
            "code,note\nIN-A-1.01,\"\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\nsecond line\"\n".to_string();
        let shown = on_terminal(csv.clone(), true);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
        assert!(shown.contains("\\u{1b}]52"), "{shown}");
        assert_eq!(shown.lines().count(), 3, "line breaks stay");
        assert_eq!(on_terminal(csv.clone(), false), csv);
    }
}
