//! The terminal: its width, whether to colour, and making text from files safe to print.

use std::io::IsTerminal;

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// How output should look on this terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Whether to use ANSI colours.
    pub color: bool,
    /// Width in columns.
    pub width: usize,
}

impl Term {
    /// Decide from the choice, the environment and stdout, as git and cargo do: colour
    /// only on a terminal, never with `NO_COLOR` or `TERM=dumb`, always with
    /// `CLICOLOR_FORCE` (or `--color always`); the width of the terminal, or `COLUMNS`
    /// when set; output that is piped or redirected is never cut.
    pub fn detect(choice: ColorChoice) -> Term {
        let tty = std::io::stdout().is_terminal();
        let size = || terminal_size::terminal_size().map(|(w, _)| w.0 as usize);
        Term::decide(choice, tty, &|name| std::env::var(name).ok(), &size)
    }

    /// [`Term::detect`] from its inputs: the choice, whether stdout is a terminal, the
    /// environment and the terminal's width.
    pub fn decide(
        choice: ColorChoice,
        tty: bool,
        env: &dyn Fn(&str) -> Option<String>,
        size: &dyn Fn() -> Option<usize>,
    ) -> Term {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty() && v != "0");
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
            ColorChoice::Auto => tty && !set("NO_COLOR") && env("TERM").is_none_or(|t| t != "dumb"),
        };
        let columns = env("COLUMNS")
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|w| *w >= 20);
        let width = match columns {
            Some(w) => w.clamp(40, Term::UNLIMITED),
            None if tty => size().map(|w| w.clamp(40, Term::UNLIMITED)).unwrap_or(100),
            None => Term::UNLIMITED,
        };
        Term { color, width }
    }

    /// [`Term::detect`] for standard error, where pan says what went wrong: colour only
    /// when stderr is a terminal (or colour is forced), as clap colours its own errors.
    pub fn detect_stderr(choice: ColorChoice) -> Term {
        let tty = std::io::stderr().is_terminal();
        Term::decide(choice, tty, &|name| std::env::var(name).ok(), &|| None)
    }

    /// Colour the label that starts each line of a message — `error:`, `warning:`,
    /// `note:` — as clap colours its own.
    pub fn labels(&self, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        text.split_inclusive('\n')
            .map(|line| {
                for (label, style) in [
                    ("error:", Style::Error),
                    ("warning:", Style::Warning),
                    ("note:", Style::Note),
                ] {
                    if let Some(rest) = line.strip_prefix(label) {
                        return format!("{}{rest}", self.paint(style, label));
                    }
                }
                line.to_string()
            })
            .collect()
    }

    /// The width of output that goes to a file or a pipe: nothing is cut.
    pub const UNLIMITED: usize = 100_000;

    /// Plain output: no colour, the given width (for tests and files).
    pub fn plain(width: usize) -> Term {
        Term {
            color: false,
            width,
        }
    }

    /// Wrap `text` in an ANSI style when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match style {
            Style::Error => "1;31",
            Style::Warning => "1;33",
            Style::Note => "1;36",
            Style::Good => "32",
            Style::Bold => "1",
            Style::Dim => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// A style of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Errors and late actions.
    Error,
    /// Warnings and actions due soon.
    Warning,
    /// Notes.
    Note,
    /// Things on track.
    Good,
    /// Emphasis.
    Bold,
    /// Secondary information.
    Dim,
}

/// Make text from a file safe for a terminal: control and escape characters (which
/// could move the cursor or change colours) become visible `\u{..}` escapes; tabs and
/// line breaks become spaces.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_bidi(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || is_bidi(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Like [`sanitize`], but line breaks stay (for messages of several lines).
pub fn sanitize_lines(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// Bidirectional overrides that can make a line display differently from what it holds.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Shorten `s` to at most `max` display columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Text broken into lines of at most `width` columns, at spaces (a word longer than a
/// line is shortened with `…`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word = truncate(word, width);
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes() {
        assert_eq!(sanitize("ok"), "ok");
        assert_eq!(sanitize("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("a\tb\nc"), "a b c");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn colour_and_width_as_git_and_cargo_decide() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let size = || Some(90);
        let auto = ColorChoice::Auto;
        assert!(Term::decide(auto, true, &env(&[]), &size).color);
        assert!(!Term::decide(auto, false, &env(&[]), &size).color, "piped");
        assert!(!Term::decide(auto, true, &env(&[("NO_COLOR", "1")]), &size).color);
        assert!(!Term::decide(auto, true, &env(&[("TERM", "dumb")]), &size).color);
        assert!(Term::decide(auto, false, &env(&[("CLICOLOR_FORCE", "1")]), &size).color);
        assert!(
            !Term::decide(
                ColorChoice::Never,
                true,
                &env(&[("CLICOLOR_FORCE", "1")]),
                &size
            )
            .color
        );
        assert_eq!(Term::decide(auto, true, &env(&[]), &size).width, 90);
        assert_eq!(
            Term::decide(auto, false, &env(&[]), &size).width,
            Term::UNLIMITED,
            "piped output is never cut"
        );
        assert_eq!(
            Term::decide(auto, false, &env(&[("COLUMNS", "120")]), &size).width,
            120
        );
    }

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("compétences", 20), "compétences");
        assert_eq!(truncate("compétences", 6), "compé…");
    }
}
