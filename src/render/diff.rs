//! Printing a plan diff: text for a terminal (English), Markdown for a pull-request
//! comment (in the plan's language), JSON (version 1, English phrases).

use std::fmt::Write;

use serde::Serialize;

use super::markdown::{self, Align, escape, escape_inline, html};
use super::term::{Style, Term, sanitize, truncate};
use super::words::{self, DiffWords};
use crate::config::Lang;
use crate::diag::Severity;
use crate::model::StateEntry;
use crate::report::diff::{
    ActionDiff, Declaration, Field, Kind, PlanDiff, Problem, ReadingsDiff, Rewritten, Row, Words,
};

fn t(lang: Lang) -> &'static DiffWords {
    &words::of(lang).diff
}

/// A count and its noun (or participle), singular or plural as the language wants
/// (French: « 0 problème », « 1 mesure »).
fn plural(n: usize, (one, many): (&str, &str), lang: Lang) -> String {
    words::plural(n, one, many, lang)
}

/// The participle that agrees with a count: « 2 problèmes introduits », « 0 corrigé ».
fn agreed(n: usize, (one, many): (&'static str, &'static str), lang: Lang) -> &'static str {
    if words::singular(n, lang) { one } else { many }
}

/// The one-line summary, in a language.
pub fn summary_line(d: &PlanDiff, lang: Lang) -> String {
    let w = t(lang);
    let s = &d.summary;
    let mut parts = Vec::new();
    let mut actions = plural(s.actions_changed, w.changed, lang);
    if s.actions_added + s.actions_removed > 0 {
        let _ = write!(
            actions,
            " ({}, {})",
            plural(s.actions_added, w.added_n, lang),
            plural(s.actions_removed, w.removed_n, lang)
        );
    }
    parts.push(actions);
    let mut readings = plural(s.readings_added, w.reading_added, lang);
    if s.readings_replaced > 0 {
        let _ = write!(
            readings,
            " ({})",
            words::fill(w.as_replacements, &[s.readings_replaced.to_string()])
        );
    }
    parts.push(readings);
    parts.push(plural(s.states_recorded, w.state_recorded, lang));
    parts.push(format!(
        "{} {}, {}",
        plural(s.problems_introduced, w.problem, lang),
        agreed(s.problems_introduced, w.introduced_n, lang),
        plural(s.problems_fixed, w.fixed_n, lang)
    ));
    if s.history_rewrites > 0 {
        parts.push(plural(s.history_rewrites, w.rewrite, lang));
    }
    parts.join(" · ")
}

fn row(r: &Row) -> String {
    format!("{} {} = {}", r.indicator, r.period, r.raw)
}

/// A field's name, as in the files (so the same in every language).
fn field(f: &Field) -> String {
    match f {
        Field::Objective => "objective".into(),
        Field::Responsible => "responsible".into(),
        Field::Partners => "partners".into(),
        Field::Indicator(id) => format!("indicator {id}"),
        Field::IndicatorLabel(id) => format!("indicator {id} label"),
        Field::IndicatorKind(id) => format!("indicator {id} kind"),
        Field::IndicatorMeasure(id) => format!("indicator {id} measure"),
        Field::IndicatorFrequency(id) => format!("indicator {id} frequency"),
        Field::IndicatorTargets(id) => format!("indicator {id} targets"),
        Field::Calendar => "calendar".into(),
        Field::CalendarParsed => "calendar (parsed)".into(),
    }
}

/// What a history rewrite did, in a language.
pub fn rewritten(w: &Rewritten, lang: Lang) -> String {
    (t(lang).rewrite_line)(w)
}

/// A change of the declarations, in a language.
pub fn declaration(d: &Declaration, lang: Lang) -> String {
    (t(lang).declaration)(d)
}

fn severity(p: &Problem, lang: Lang) -> &'static str {
    match p.severity {
        None => t(lang).allowed,
        Some(s) => s.as_str(),
    }
}

fn short(a: &ActionDiff, lang: Lang) -> String {
    let w = t(lang);
    let mut parts = Vec::new();
    if let Some((from, to)) = &a.moved {
        parts.push(format!("{} {from} → {to}", w.moved));
    }
    if !a.fields.is_empty() {
        let mut names: Vec<String> = a
            .fields
            .iter()
            .map(|f| field(&f.field).split(' ').next().unwrap_or("").to_string())
            .collect();
        names.dedup();
        parts.push(names.join(", "));
    }
    if a.text.is_some() {
        parts.push(w.text.into());
    }
    if !a.states_added.is_empty() {
        parts.push(plural(a.states_added.len(), w.states, lang));
    }
    let r = &a.readings;
    let n = r.added.len() + r.replaced.len();
    if n > 0 {
        parts.push(plural(n, w.readings, lang));
    }
    let rewritten = r.removed.len() + r.altered.len();
    if rewritten > 0 {
        parts.push(format!(
            "{} {}",
            plural(rewritten, w.readings, lang),
            agreed(rewritten, w.readings_rewritten, lang)
        ));
    }
    if let Some((a, b)) = a.health {
        parts.push(format!(
            "{} {} → {}",
            w.health,
            words::health(a, lang),
            words::health(b, lang)
        ));
    }
    parts.join(" · ")
}

fn kind(k: Kind, lang: Lang) -> &'static str {
    let w = t(lang);
    match k {
        Kind::Added => w.added,
        Kind::Removed => w.removed,
        Kind::Modified => w.modified,
    }
}

fn detail_lines(a: &ActionDiff, md: bool, lang: Lang) -> Vec<String> {
    let w = t(lang);
    let colon = words::of(lang).colon;
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let mut out = Vec::new();
    if let Some((from, to)) = &a.moved {
        out.push(format!("{}{colon} {} → {}", w.moved, e(from), e(to)));
    }
    for f in &a.fields {
        let name = field(&f.field);
        let line = match (f.before.is_empty(), f.after.is_empty()) {
            (true, _) => format!("{}: + {}", e(&name), e(&f.after)),
            (_, true) => format!("{}: − {}", e(&name), e(&f.before)),
            _ => format!("{}: {} → {}", e(&name), e(&f.before), e(&f.after)),
        };
        out.push(line);
    }
    if let Some(words) = &a.text {
        let mut t = format!("{}{colon} ", w.text);
        for word in words {
            match (word, md) {
                (Words::Same(s), false) => t.push_str(&e(s)),
                (Words::Same(s), true) => marked(&mut t, s, ""),
                (Words::Removed(s), true) => marked(&mut t, s, "~~"),
                (Words::Added(s), true) => marked(&mut t, s, "**"),
                (Words::Removed(s), false) => {
                    let _ = write!(t, "[-{}-]", e(s));
                }
                (Words::Added(s), false) => {
                    let _ = write!(t, "{{+{}+}}", e(s));
                }
            }
        }
        out.push(t);
    }
    for s in &a.states_added {
        let note = if s.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", e(&s.note))
        };
        out.push(format!("{}{note}", (w.state_line)(s)));
    }
    if let Some((x, y)) = a.health {
        out.push(format!(
            "{}{colon} {} → {}",
            w.health,
            words::health(x, lang),
            words::health(y, lang)
        ));
    }
    out.extend(reading_lines(&a.readings, md, lang));
    out
}

/// A piece of a word diff in Markdown, between `mark`s: the spaces around its words stay
/// outside the marks (emphasis cannot open or close on a space) and are kept (escaping
/// drops a trailing space, which would glue the piece to the next).
fn marked(t: &mut String, s: &str, mark: &str) {
    let words = s.trim();
    if s.starts_with(char::is_whitespace) {
        t.push(' ');
    }
    if !words.is_empty() {
        let _ = write!(t, "{mark}{}{mark}", escape_inline(words));
        if s.ends_with(char::is_whitespace) {
            t.push(' ');
        }
    }
}

fn reading_lines(r: &ReadingsDiff, md: bool, lang: Lang) -> Vec<String> {
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let colon = words::of(lang).colon;
    let w = t(lang);
    let [added, replaced, removed, edited] =
        [w.line_added, w.line_replaced, w.line_removed, w.line_edited];
    let mut out = Vec::new();
    for x in &r.added {
        out.push(format!("{added}{colon} {} — {}", e(&row(x)), e(&x.source)));
    }
    for x in &r.replaced {
        out.push(format!(
            "{replaced}{colon} {} {}{colon} {} → {} — {}",
            e(&x.indicator),
            x.period,
            e(x.replaces.as_deref().unwrap_or("")),
            e(&x.raw),
            e(&x.source)
        ));
    }
    for x in &r.removed {
        out.push(format!(
            "{removed}{colon} {} — {}",
            e(&row(x)),
            e(&x.source)
        ));
    }
    for (b, a) in &r.altered {
        out.push(format!("{edited}{colon} {} → {}", e(&row(b)), e(&row(a))));
    }
    out
}

/// Text for a terminal.
pub fn text(d: &PlanDiff, term: &Term) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        term.paint(
            Style::Bold,
            &format!("pan diff: {} → {}", sanitize(&d.base), sanitize(&d.target))
        )
    );
    let _ = writeln!(out, "{}\n", summary_line(d, Lang::INTERFACE));
    if !d.history_rewrites.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Error, "History rewritten:"));
        for r in &d.history_rewrites {
            let _ = writeln!(
                out,
                "  {} {}",
                r.code,
                sanitize(&rewritten(&r.what, Lang::INTERFACE))
            );
        }
        out.push('\n');
    }
    for a in &d.actions {
        let _ = writeln!(
            out,
            "{} {} {}",
            term.paint(Style::Bold, &a.code),
            kind(a.kind, Lang::INTERFACE),
            term.paint(Style::Dim, &truncate(&sanitize(&a.title), 70))
        );
        for l in detail_lines(a, false, Lang::INTERFACE) {
            let _ = writeln!(out, "    {l}");
        }
    }
    let ctx = reading_lines(&d.context, false, Lang::INTERFACE);
    if !ctx.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Bold, "context indicators"));
        for l in ctx {
            let _ = writeln!(out, "    {l}");
        }
    }
    for l in &d.declarations {
        let _ = writeln!(out, "{}", sanitize(&declaration(l, Lang::INTERFACE)));
    }
    for (label, list) in [
        ("introduced", &d.problems_introduced),
        ("fixed", &d.problems_fixed),
    ] {
        for p in list {
            let _ = writeln!(
                out,
                "problem {label}: {} {}: {} [{}]",
                p.code,
                sanitize(&p.file),
                sanitize(&p.message),
                severity(p, Lang::INTERFACE)
            );
        }
    }
    out
}

/// Markdown for a pull-request comment, in a language. Text from the plan inside HTML
/// blocks (`<summary>`) is escaped as HTML, elsewhere as Markdown.
pub fn markdown(d: &PlanDiff, lang: Lang) -> String {
    let w = t(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}{} `{}` → `{}`\n",
        w.title,
        words::of(lang).colon,
        d.base.replace('`', "'"),
        d.target.replace('`', "'")
    );
    let _ = writeln!(out, "**{}**\n", escape_inline(&summary_line(d, lang)));
    if !d.history_rewrites.is_empty() {
        let _ = writeln!(out, "### {}\n", w.rewritten);
        let _ = writeln!(out, "{}\n", w.rewritten_help);
        for r in &d.history_rewrites {
            let _ = writeln!(
                out,
                "- **{}**{} {}",
                escape_inline(&r.code),
                words::of(lang).colon,
                escape_inline(&rewritten(&r.what, lang))
            );
        }
        out.push('\n');
    }
    if d.actions.is_empty()
        && d.context.added.is_empty()
        && d.context.replaced.is_empty()
        && d.declarations.is_empty()
    {
        let _ = writeln!(out, "{}\n", w.no_change);
    }
    if !d.actions.is_empty() {
        let rows: Vec<Vec<String>> = d
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.code.clone(),
                    kind(a.kind, lang).to_string(),
                    escape(&short(a, lang)),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &[w.action, w.change, w.what_changed],
            &[Align::Left; 3],
            &rows,
        ));
        out.push('\n');
        for a in &d.actions {
            let _ = writeln!(
                out,
                "<details>\n<summary><b>{}</b> — {}</summary>\n",
                html(&a.code),
                html(&truncate(&a.title, 100))
            );
            for l in detail_lines(a, true, lang) {
                let _ = writeln!(out, "- {l}");
            }
            out.push_str("\n</details>\n\n");
        }
    }
    let ctx = reading_lines(&d.context, true, lang);
    if !ctx.is_empty() {
        let _ = writeln!(out, "### {}\n", w.context);
        for l in ctx {
            let _ = writeln!(out, "- {l}");
        }
        out.push('\n');
    }
    if !d.declarations.is_empty() {
        let _ = writeln!(out, "### {}\n", w.declarations);
        for l in &d.declarations {
            let _ = writeln!(out, "- {}", escape_inline(&declaration(l, lang)));
        }
        out.push('\n');
    }
    if !d.problems_introduced.is_empty() || !d.problems_fixed.is_empty() {
        let _ = writeln!(out, "### {}\n", w.validation);
        let rows: Vec<Vec<String>> = d
            .problems_introduced
            .iter()
            .map(|p| (w.introduced, p))
            .chain(d.problems_fixed.iter().map(|p| (w.fixed, p)))
            .map(|(k, p)| {
                vec![
                    k.to_string(),
                    format!("`{}` {}", p.code, severity(p, lang)),
                    escape(&p.file),
                    escape(&p.message),
                ]
            })
            .collect();
        out.push_str(&markdown::table(
            &["", w.rule, w.file, w.problem_col],
            &[Align::Left; 4],
            &rows,
        ));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "<sub>{} {}</sub>",
        w.footer,
        words::date(d.as_of, lang)
    );
    out
}

/// A reading row in JSON: values as written.
#[derive(Serialize)]
struct RowJson<'a> {
    action: &'a str,
    indicator: &'a str,
    period: String,
    value: &'a str,
    source: &'a str,
    note: &'a str,
    recorded: Option<String>,
    replaces: Option<&'a str>,
}

fn row_json(r: &Row) -> RowJson<'_> {
    RowJson {
        action: &r.action,
        indicator: &r.indicator,
        period: r.period.to_string(),
        value: &r.raw,
        source: &r.source,
        note: &r.note,
        recorded: r.recorded.map(|d| d.to_string()),
        replaces: r.replaces.as_deref(),
    }
}

#[derive(Serialize)]
struct ReadingsJson<'a> {
    added: Vec<RowJson<'a>>,
    replaced: Vec<RowJson<'a>>,
    removed: Vec<RowJson<'a>>,
    altered: Vec<(RowJson<'a>, RowJson<'a>)>,
}

fn readings_json(r: &ReadingsDiff) -> ReadingsJson<'_> {
    ReadingsJson {
        added: r.added.iter().map(row_json).collect(),
        replaced: r.replaced.iter().map(row_json).collect(),
        removed: r.removed.iter().map(row_json).collect(),
        altered: r
            .altered
            .iter()
            .map(|(a, b)| (row_json(a), row_json(b)))
            .collect(),
    }
}

#[derive(Serialize)]
struct FieldJson<'a> {
    field: String,
    before: &'a str,
    after: &'a str,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    code: &'a str,
    title: &'a str,
    kind: Kind,
    moved: Option<(&'a str, &'a str)>,
    fields: Vec<FieldJson<'a>>,
    text: Option<&'a [Words]>,
    states_added: &'a [StateEntry],
    readings: ReadingsJson<'a>,
    health: Option<(&'static str, &'static str)>,
}

#[derive(Serialize)]
struct RewriteJson<'a> {
    code: &'a str,
    what: String,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    code: &'a str,
    severity: &'static str,
    file: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    version: u32,
    base: &'a str,
    target: &'a str,
    as_of: String,
    summary: &'a crate::report::diff::Counts,
    history_rewrites: Vec<RewriteJson<'a>>,
    actions: Vec<ActionJson<'a>>,
    context: ReadingsJson<'a>,
    declarations: Vec<String>,
    problems_introduced: Vec<ProblemJson<'a>>,
    problems_fixed: Vec<ProblemJson<'a>>,
}

fn problem_json(p: &Problem) -> ProblemJson<'_> {
    ProblemJson {
        code: &p.code,
        severity: match p.severity {
            None => "allowed",
            Some(Severity::Error) => "error",
            Some(Severity::Warning) => "warning",
            Some(Severity::Note) => "note",
        },
        file: &p.file,
        message: &p.message,
    }
}

/// JSON (version 1).
pub fn json(d: &PlanDiff) -> anyhow::Result<String> {
    let doc = DiffJson {
        version: 1,
        base: &d.base,
        target: &d.target,
        as_of: d.as_of.to_string(),
        summary: &d.summary,
        history_rewrites: d
            .history_rewrites
            .iter()
            .map(|r| RewriteJson {
                code: &r.code,
                what: rewritten(&r.what, Lang::INTERFACE),
            })
            .collect(),
        actions: d
            .actions
            .iter()
            .map(|a| ActionJson {
                code: &a.code,
                title: &a.title,
                kind: a.kind,
                moved: a.moved.as_ref().map(|(x, y)| (x.as_str(), y.as_str())),
                fields: a
                    .fields
                    .iter()
                    .map(|f| FieldJson {
                        field: field(&f.field),
                        before: &f.before,
                        after: &f.after,
                    })
                    .collect(),
                text: a.text.as_deref(),
                states_added: &a.states_added,
                readings: readings_json(&a.readings),
                health: a.health.map(|(x, y)| (x.as_str(), y.as_str())),
            })
            .collect(),
        context: readings_json(&d.context),
        declarations: d
            .declarations
            .iter()
            .map(|x| declaration(x, Lang::INTERFACE))
            .collect(),
        problems_introduced: d.problems_introduced.iter().map(problem_json).collect(),
        problems_fixed: d.problems_fixed.iter().map(problem_json).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}
