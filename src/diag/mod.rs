//! Diagnostics as data: what a check found, where, and how to fix it. Printers in
//! `render::diagnostics` turn the same values into text, JSON, annotations or Markdown.

use std::fmt;
use std::path::{Path, PathBuf};

pub mod examples;
pub mod rules;

use self::rules::Rule;
use crate::model::ActionCode;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the check fails.
    Error,
    /// Should be looked at; fails only with `--deny warnings`.
    Warning,
    /// For information.
    Note,
}

impl Severity {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a file a problem is: 1-based line and column (in characters), and how many
/// characters to mark (0 when the problem concerns the whole file or line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column in characters; 0 when unknown.
    pub column: u32,
    /// Number of characters to mark.
    pub len: u32,
}

impl Span {
    /// A span at a line and column.
    pub fn at(line: u32, column: u32, len: u32) -> Span {
        Span { line, column, len }
    }

    /// The start of the file (used for whole-file problems).
    pub fn file() -> Span {
        Span {
            line: 1,
            column: 1,
            len: 0,
        }
    }
}

/// One problem found in the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// Its severity (the rule's, unless an allowance lowered it).
    pub severity: Severity,
    /// The file, relative to the repository root, with `/` separators.
    pub file: String,
    /// Where in the file.
    pub span: Span,
    /// One line naming the offending value.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// The action it concerns, if any (for allowances and summaries).
    pub action: Option<ActionCode>,
    /// Set when `pan.toml` accepts this problem knowingly: the reason given there.
    pub allowed: Option<String>,
}

impl Diagnostic {
    /// A new diagnostic with the rule's default severity and hint.
    pub fn new(
        rule: &'static Rule,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            file: file.to_string(),
            span,
            message: crate::text::bounded(message.into()),
            hint: rule.hint.to_string(),
            action: None,
            allowed: None,
        }
    }

    /// Replace the hint with a more specific one.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = crate::text::bounded(hint.into());
        self
    }

    /// Attach the action this diagnostic concerns.
    pub fn action(mut self, code: Option<ActionCode>) -> Diagnostic {
        self.action = code;
        self
    }

    /// The order diagnostics are printed in: file, line, column, rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.file, self.span.line, self.span.column, self.rule.code)
    }

    /// Whether this diagnostic makes the check fail (`deny_warnings` also counts warnings).
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.allowed.is_none()
            && (self.severity == Severity::Error
                || (deny_warnings && self.severity == Severity::Warning))
    }
}

/// Display a path relative to `root` with `/` separators, as diagnostics name files.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".to_string() } else { s }
}

/// Sort diagnostics into their stable printing order and drop exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    diags.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
}
