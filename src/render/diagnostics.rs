//! Printing diagnostics: human text with the source line, JSON, GitHub annotations,
//! Markdown for a pull-request comment, SARIF for code-scanning tools, and the report
//! formats of other CI systems: GitLab Code Quality, JUnit XML and Checkstyle XML.

use std::collections::HashMap;
use std::fmt::Write;

use super::markdown::{self, Align};
use super::term::{Style, Term, sanitize};
use crate::diag::rules;
use crate::diag::{Diagnostic, Severity};

/// Counts shown in the last line.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Errors that fail the check.
    pub errors: usize,
    /// Warnings (not allowed).
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Problems accepted in pan.toml.
    pub allowed: usize,
    /// Problems hidden by --select/--ignore.
    pub hidden: usize,
    /// Files read.
    pub files: usize,
    /// Wall time in milliseconds.
    pub millis: u128,
}

impl Summary {
    /// Count the shown diagnostics.
    pub fn of(diags: &[Diagnostic], hidden: usize, files: usize, millis: u128) -> Summary {
        let mut s = Summary {
            hidden,
            files,
            millis,
            ..Summary::default()
        };
        for d in diags {
            if d.allowed.is_some() {
                s.allowed += 1;
                continue;
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }

    /// The one-line summary.
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| {
            if n == 1 {
                format!("{n} {w}")
            } else {
                format!("{n} {w}s")
            }
        };
        if self.errors + self.warnings + self.notes == 0 {
            let mut extra = Vec::new();
            if self.allowed > 0 {
                extra.push(format!("{} accepted in pan.toml", self.allowed));
            }
            if self.hidden > 0 {
                extra.push(format!("{} hidden by --select/--ignore", self.hidden));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            };
            return format!(
                "no problems in {} files{extra} ({} ms)",
                self.files, self.millis
            );
        }
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note"),
        ];
        if self.allowed > 0 {
            parts.push(format!("{} allowed in pan.toml", self.allowed));
        }
        if self.hidden > 0 {
            parts.push(format!("{} hidden by --select/--ignore", self.hidden));
        }
        format!(
            "{} in {} files ({} ms)",
            parts.join(", "),
            self.files,
            self.millis
        )
    }
}

fn style_of(d: &Diagnostic) -> Style {
    if d.allowed.is_some() {
        return Style::Dim;
    }
    match d.severity {
        Severity::Error => Style::Error,
        Severity::Warning => Style::Warning,
        Severity::Note => Style::Note,
    }
}

/// Where each line of a source starts, found once per file: thousands of problems in one
/// file each find their line at once, not by reading the file from its start.
#[derive(Default)]
struct LineIndex<'s> {
    starts: HashMap<&'s str, Vec<usize>>,
}

impl<'s> LineIndex<'s> {
    /// Line `number` (from 1) of the source of `file`, without its line ending.
    fn line(
        &mut self,
        sources: &'s HashMap<String, String>,
        file: &str,
        number: u32,
    ) -> Option<&'s str> {
        let (name, text) = sources.get_key_value(file)?;
        let starts = self.starts.entry(name.as_str()).or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let i = usize::try_from(number).ok()?.checked_sub(1)?;
        let start = *starts.get(i)?;
        if start >= text.len() && i > 0 {
            return None;
        }
        let end = starts.get(i + 1).map_or(text.len(), |e| e - 1);
        let line = text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Human output: `file:line:col: error[CODE]: message`, the source line with a marker, the
/// hint.
pub fn human(
    diags: &[Diagnostic],
    sources: &HashMap<String, String>,
    summary: &Summary,
    term: &Term,
) -> String {
    let mut out = String::new();
    let mut lines = LineIndex::default();
    for d in diags {
        if let Some(reason) = &d.allowed {
            // Accepted knowingly: one line is enough to keep them in view.
            let _ = writeln!(
                out,
                "{}",
                term.paint(
                    Style::Dim,
                    &format!(
                        "{}:{}:{}: allowed[{}]: {} ({})",
                        sanitize(&d.file),
                        d.span.line,
                        d.span.column,
                        d.rule.code,
                        sanitize(&d.message),
                        sanitize(reason)
                    )
                )
            );
            continue;
        }
        let head = format!("{}[{}]", d.severity.as_str(), d.rule.code);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}: {}",
            sanitize(&d.file),
            d.span.line,
            d.span.column,
            term.paint(style_of(d), &head),
            term.paint(Style::Bold, &sanitize(&d.message))
        );
        if let Some(line) = lines.line(sources, &d.file, d.span.line) {
            let number = d.span.line.to_string();
            let pad = " ".repeat(number.len());
            // Cut before it is escaped: a line of a megabyte costs its first 200 characters.
            let shown: String = sanitize(&line.chars().take(200).collect::<String>());
            let _ = writeln!(out, "{pad} {}", term.paint(Style::Dim, "|"));
            let _ = writeln!(
                out,
                "{} {} {shown}",
                term.paint(Style::Dim, &number),
                term.paint(Style::Dim, "|")
            );
            if d.span.column > 0 && (d.span.column as usize) <= shown.chars().count() + 1 {
                let col = d.span.column as usize - 1;
                let len = (d.span.len as usize)
                    .clamp(1, shown.chars().count().saturating_sub(col).max(1));
                let _ = writeln!(
                    out,
                    "{pad} {} {}{}",
                    term.paint(Style::Dim, "|"),
                    " ".repeat(col),
                    term.paint(style_of(d), &"^".repeat(len))
                );
            }
        }
        let _ = writeln!(
            out,
            "  = {}: {}",
            term.paint(Style::Bold, "hint"),
            sanitize(&d.hint)
        );
        if let Some(reason) = &d.allowed {
            let _ = writeln!(out, "  = allowed in pan.toml: {}", sanitize(reason));
        }
        out.push('\n');
    }
    let style = if summary.errors > 0 {
        Style::Error
    } else {
        Style::Good
    };
    let _ = writeln!(out, "{}", term.paint(style, &summary.line()));
    out
}

/// One diagnostic as JSON (the documented shape, version 1).
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    length: u32,
    message: &'a str,
    hint: &'a str,
    action: Option<String>,
    allowed: Option<&'a str>,
}

/// JSON output: `{"version": 1, "diagnostics": [...], "summary": {...}}`.
pub fn json(diags: &[Diagnostic], summary: &Summary) -> String {
    let items: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.rule.code,
            name: d.rule.name,
            severity: d.severity.as_str(),
            file: &d.file,
            line: d.span.line,
            column: d.span.column,
            length: d.span.len,
            message: &d.message,
            hint: &d.hint,
            action: d.action.map(|c| c.to_string()),
            allowed: d.allowed.as_deref(),
        })
        .collect();
    let doc = serde_json::json!({ "version": 1, "diagnostics": items, "summary": summary });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one annotation per problem, shown on the pull
/// request's diff.
pub fn github(diags: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diags {
        let level = match (d.allowed.is_some(), d.severity) {
            (true, _) | (false, Severity::Note) => "notice",
            (false, Severity::Error) => "error",
            (false, Severity::Warning) => "warning",
        };
        let mut props = format!(
            "file={},line={},col={}",
            gh_prop(&d.file),
            d.span.line.max(1),
            d.span.column.max(1)
        );
        if d.span.len > 1 {
            let _ = write!(props, ",endColumn={}", d.span.column + d.span.len);
        }
        let _ = write!(
            props,
            ",title={}",
            gh_prop(&format!("{} {}", d.rule.code, d.rule.name))
        );
        let mut msg = format!("{}\nhint: {}", d.message, d.hint);
        if let Some(r) = &d.allowed {
            let _ = write!(msg, "\nallowed in pan.toml: {r}");
        }
        let _ = writeln!(out, "::{level} {props}::{}", gh_data(&msg));
    }
    let _ = writeln!(out, "{}", summary.line());
    out
}

/// Markdown: a summary and a table of problems, for a pull-request comment or a job
/// summary, readable by the people who edit the plan.
pub fn markdown(diags: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::from("## pan validate\n\n");
    let status = if summary.errors > 0 { "❌" } else { "✅" };
    let _ = writeln!(
        out,
        "{status} {}\n",
        markdown::escape_inline(&summary.line())
    );
    if diags.is_empty() {
        out.push_str("No problems found.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = diags
        .iter()
        .map(|d| {
            let sev = match (d.allowed.is_some(), d.severity) {
                (true, _) => "allowed",
                (false, Severity::Error) => "🔴 error",
                (false, Severity::Warning) => "🟡 warning",
                (false, Severity::Note) => "🔵 note",
            };
            vec![
                sev.to_string(),
                format!("`{}` {}", d.rule.code, d.rule.name),
                format!("{}:{}", markdown::escape(&d.file), d.span.line),
                markdown::escape(&d.message),
                markdown::escape(&d.hint),
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &["", "Rule", "Where", "Problem", "How to fix"],
        &[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
        ],
        &rows,
    ));
    out.push_str("\n`pan validate --explain CODE` explains a rule with an example.\n");
    out
}

/// SARIF 2.1.0, for code-scanning dashboards.
pub fn sarif(diags: &[Diagnostic]) -> String {
    let rules: Vec<serde_json::Value> = rules::ALL
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.hint },
                "defaultConfiguration": { "level": match r.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Note => "note" } }
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "ruleId": d.rule.code,
                "level": match (d.allowed.is_some(), d.severity) { (true, _) => "none", (_, Severity::Error) => "error", (_, Severity::Warning) => "warning", (_, Severity::Note) => "note" },
                "message": { "text": format!("{}\nhint: {}", d.message, d.hint) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": d.file },
                    "region": { "startLine": d.span.line.max(1), "startColumn": d.span.column.max(1) }
                }}]
            })
        })
        .collect();
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "pan", "version": env!("CARGO_PKG_VERSION"), "rules": rules } }, "results": results }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The Code Quality severity GitLab shows for a diagnostic.
fn gitlab_severity(d: &Diagnostic) -> &'static str {
    match (d.allowed.is_some(), d.severity) {
        (true, _) | (false, Severity::Note) => "info",
        (false, Severity::Warning) => "minor",
        (false, Severity::Error) => "major",
    }
}

/// GitLab Code Quality (the JSON that merge-request widgets read): one issue per
/// diagnostic. The fingerprint hashes the rule, the file and the message, not the line,
/// so that a problem keeps its identity when lines above it move; the same problem twice
/// in one file gets a count appended.
pub fn gitlab(diags: &[Diagnostic]) -> String {
    use sha1::Digest;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let key = format!("{}\0{}\0{}", d.rule.code, d.file, d.message);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            let mut h = sha1::Sha1::new();
            h.update(key.as_bytes());
            if *n > 1 {
                h.update(format!("\0{n}").as_bytes());
            }
            let fingerprint: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            let line = d.span.line.max(1);
            serde_json::json!({
                "type": "issue",
                "check_name": d.rule.code,
                "description": format!("{} [{} {}]", d.message, d.rule.code, d.rule.name),
                "content": { "body": format!("hint: {}", d.hint) },
                "severity": gitlab_severity(d),
                "fingerprint": fingerprint,
                "location": { "path": d.file, "lines": { "begin": line, "end": line } },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// Text escaped for XML (content or attribute value): markup characters become entities;
/// characters XML 1.0 cannot carry at all (C0 controls other than tab and line breaks,
/// U+FFFE, U+FFFF) become U+FFFD; a carriage return, and in an attribute a tab or a line
/// feed too, becomes a character reference, which a parser keeps as it is instead of
/// turning it into a line feed or a space.
fn xml(s: &str, attribute: bool) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    let escaped = quick_xml::escape::escape(clean.as_str()).replace('\r', "&#13;");
    if attribute {
        escaped.replace('\t', "&#9;").replace('\n', "&#10;")
    } else {
        escaped
    }
}

/// `file:line:col: severity[CODE]: message`, the hint on the next line: the body of a
/// JUnit failure.
fn located(d: &Diagnostic) -> String {
    let mut s = format!(
        "{}:{}:{}: {}[{}]: {}\nhint: {}",
        d.file,
        d.span.line,
        d.span.column,
        d.severity.as_str(),
        d.rule.code,
        d.message,
        d.hint
    );
    if let Some(r) = &d.allowed {
        let _ = write!(s, "\nallowed in pan.toml: {r}");
    }
    s
}

/// JUnit XML, as Jenkins and GitLab read it: one test case per file checked, with a
/// failure per diagnostic that fails the check (errors, and warnings under
/// `--deny warnings`). Other diagnostics (warnings, notes, problems allowed in pan.toml)
/// are listed in the test case's `system-out`: shown, but the test passes, as the exit
/// status does.
pub fn junit(
    diags: &[Diagnostic],
    files: &[String],
    summary: &Summary,
    deny_warnings: bool,
) -> String {
    let mut by_file: std::collections::BTreeMap<&str, Vec<&Diagnostic>> =
        files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for d in diags {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let failures = diags.iter().filter(|d| d.fails(deny_warnings)).count();
    let seconds = format!("{:.3}", summary.millis as f64 / 1000.0);
    let head = format!(
        r#"name="pan validate" tests="{}" failures="{failures}" errors="0" time="{seconds}""#,
        by_file.len()
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites {head}>");
    let _ = writeln!(out, "  <testsuite {head} skipped=\"0\">");
    for (file, ds) in &by_file {
        let class = file
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .replace('/', ".");
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\"",
            xml(file, true),
            xml(&class, true)
        );
        if ds.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut shown = String::new();
        for d in ds {
            if d.fails(deny_warnings) {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    xml(&format!("{} {}", d.rule.code, d.rule.name), true),
                    xml(
                        &format!("{}:{}: {}", d.span.line, d.span.column, d.message),
                        true
                    ),
                    xml(&located(d), false)
                );
            } else {
                shown.push_str(&located(d));
                shown.push('\n');
            }
        }
        if !shown.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml(&shown, false));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Checkstyle XML (format 4.3, as ESLint and golangci-lint write it): a `file` element
/// per file with problems, an `error` element per diagnostic.
pub fn checkstyle(diags: &[Diagnostic]) -> String {
    let mut by_file: std::collections::BTreeMap<&str, Vec<&Diagnostic>> = Default::default();
    for d in diags {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<checkstyle version=\"4.3\">\n");
    for (file, ds) in &by_file {
        let _ = writeln!(out, "  <file name=\"{}\">", xml(file, true));
        for d in ds {
            let severity = match (d.allowed.is_some(), d.severity) {
                (true, _) | (false, Severity::Note) => "info",
                (false, Severity::Warning) => "warning",
                (false, Severity::Error) => "error",
            };
            let column = match d.span.column {
                0 => String::new(),
                c => format!(" column=\"{c}\""),
            };
            let _ = writeln!(
                out,
                "    <error line=\"{}\"{column} severity=\"{severity}\" message=\"{}\" source=\"{}\"/>",
                d.span.line.max(1),
                xml(&format!("{} (hint: {})", d.message, d.hint), true),
                xml(&format!("pan.{}.{}", d.rule.code, d.rule.name), true)
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
