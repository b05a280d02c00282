//! Printing a plan diff: text for a terminal (English), Markdown for a pull-request
//! comment (in the plan's language), JSON (version 1, English phrases).

use std::fmt::Write;

use serde::Serialize;

use super::markdown::{self, Align, escape, escape_inline, html};
use super::term::{Style, Term, sanitize, truncate};
use super::words;
use crate::config::Lang;
use crate::diag::Severity;
use crate::model::StateEntry;
use crate::report::diff::{
    ActionDiff, Declaration, Field, Kind, PlanDiff, Problem, ReadingsDiff, Rewritten, Row, Words,
};

/// The words of a diff, in one language.
struct T {
    changed: (&'static str, &'static str),
    added_n: (&'static str, &'static str),
    removed_n: (&'static str, &'static str),
    reading_added: (&'static str, &'static str),
    as_replacements: &'static str,
    state_recorded: (&'static str, &'static str),
    problem: (&'static str, &'static str),
    introduced_n: (&'static str, &'static str),
    fixed_n: (&'static str, &'static str),
    rewritten_n: (&'static str, &'static str),
    rewrite: (&'static str, &'static str),
    title: &'static str,
    rewritten: &'static str,
    rewritten_help: &'static str,
    no_change: &'static str,
    action: &'static str,
    change: &'static str,
    what_changed: &'static str,
    context: &'static str,
    declarations: &'static str,
    validation: &'static str,
    rule: &'static str,
    file: &'static str,
    problem_col: &'static str,
    footer: &'static str,
    added: &'static str,
    removed: &'static str,
    modified: &'static str,
    introduced: &'static str,
    fixed: &'static str,
    allowed: &'static str,
}

const EN: T = T {
    changed: ("action changed", "actions changed"),
    added_n: ("added", "added"),
    removed_n: ("removed", "removed"),
    reading_added: ("reading added", "readings added"),
    as_replacements: "{} as replacements",
    state_recorded: ("state recorded", "states recorded"),
    problem: ("problem", "problems"),
    introduced_n: ("introduced", "introduced"),
    fixed_n: ("fixed", "fixed"),
    rewritten_n: ("rewritten", "rewritten"),
    rewrite: ("history rewrite", "history rewrites"),
    title: "Plan changes",
    rewritten: "⛔ History rewritten",
    rewritten_help: "A reading or a state entry that was already recorded was edited or removed. Corrections are recorded as new rows (`pan reading add … --replace`); if this rewrite is deliberate, run `pan diff --allow-history-rewrite`.",
    no_change: "No change to the plan's actions or readings.",
    action: "Action",
    change: "Change",
    what_changed: "What changed",
    context: "Context indicators",
    declarations: "Levers, objectives and actors",
    validation: "Validation",
    rule: "Rule",
    file: "File",
    problem_col: "Problem",
    footer: "pan diff · health as of",
    added: "added",
    removed: "removed",
    modified: "modified",
    introduced: "introduced",
    fixed: "fixed",
    allowed: "allowed",
};

const FR: T = T {
    changed: ("action modifiée", "actions modifiées"),
    added_n: ("ajoutée", "ajoutées"),
    removed_n: ("supprimée", "supprimées"),
    reading_added: ("mesure ajoutée", "mesures ajoutées"),
    as_replacements: "dont {} en correction",
    state_recorded: ("état enregistré", "états enregistrés"),
    problem: ("problème", "problèmes"),
    introduced_n: ("introduit", "introduits"),
    fixed_n: ("corrigé", "corrigés"),
    rewritten_n: ("réécrite", "réécrites"),
    rewrite: ("réécriture de l'historique", "réécritures de l'historique"),
    title: "Modifications du plan",
    rewritten: "⛔ Historique réécrit",
    rewritten_help: "Une mesure ou un état déjà enregistré a été modifié ou supprimé. Une correction s'enregistre comme une nouvelle ligne (`pan reading add … --replace`) ; si la réécriture est voulue, lancez `pan diff --allow-history-rewrite`.",
    no_change: "Aucune modification des actions ni des mesures du plan.",
    action: "Action",
    change: "Modification",
    what_changed: "Ce qui change",
    context: "Indicateurs de contexte",
    declarations: "Leviers, objectifs et acteurs",
    validation: "Validation",
    rule: "Règle",
    file: "Fichier",
    problem_col: "Problème",
    footer: "pan diff · situation au",
    added: "ajoutée",
    removed: "supprimée",
    modified: "modifiée",
    introduced: "introduit",
    fixed: "corrigé",
    allowed: "accepté",
};

fn t(lang: Lang) -> &'static T {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
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
        Field::Calendar => "calendar".into(),
        Field::CalendarParsed => "calendar (parsed)".into(),
    }
}

fn state_entry(e: &StateEntry) -> String {
    format!("{} {}", e.date, e.state.as_str())
}

/// What a history rewrite did, in a language.
pub fn rewritten(w: &Rewritten, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match w {
        Rewritten::ActionRemoved(n) if fr => {
            format!("l'action a été supprimée avec ses {n} entrées d'état")
        }
        Rewritten::ActionRemoved(n) => format!("the action was removed with its {n} state entries"),
        Rewritten::StateChanged(a, b) if fr => format!(
            "l'entrée d'état {} est devenue {}",
            state_entry(a),
            state_entry(b)
        ),
        Rewritten::StateChanged(a, b) => {
            format!(
                "state entry {} was changed to {}",
                state_entry(a),
                state_entry(b)
            )
        }
        Rewritten::StateRemoved(e) if fr => {
            format!("l'entrée d'état {} a été supprimée", state_entry(e))
        }
        Rewritten::StateRemoved(e) => format!("state entry {} was removed", state_entry(e)),
        Rewritten::ReadingRemoved(r) if fr => {
            format!("la mesure {} ({}) a été supprimée", row(r), r.source)
        }
        Rewritten::ReadingRemoved(r) => format!("reading {} ({}) was removed", row(r), r.source),
        Rewritten::ReadingEdited(pair) if fr => format!(
            "la mesure {} a été modifiée sur place en {}",
            row(&pair.0),
            row(&pair.1)
        ),
        Rewritten::ReadingEdited(pair) => {
            format!(
                "reading {} was edited in place to {}",
                row(&pair.0),
                row(&pair.1)
            )
        }
    }
}

/// A change of the declarations, in a language.
pub fn declaration(d: &Declaration, lang: Lang) -> String {
    if lang == Lang::En {
        return match d {
            Declaration::LeverAdded(c, t) => format!("lever {c} added: {t}"),
            Declaration::LeverRetitled(c, a, b) => format!("lever {c} title: \"{a}\" → \"{b}\""),
            Declaration::LeverRemoved(c) => format!("lever {c} removed"),
            Declaration::ObjectiveAdded(c, t) => format!("objective {c} added: {t}"),
            Declaration::ObjectiveRetitled(c, a, b) => {
                format!("objective {c} title: \"{a}\" → \"{b}\"")
            }
            Declaration::ObjectiveRemoved(c) => format!("objective {c} removed"),
            Declaration::ActorAdded(a, n) => format!("actor {a} added: {n}"),
            Declaration::ActorChanged(a) => format!("actor {a} changed"),
            Declaration::ActorRemoved(a) => format!("actor {a} removed"),
            Declaration::ContextAdded(c) => format!("context indicator {c} added"),
            Declaration::ContextChanged(c) => format!("context indicator {c} changed"),
            Declaration::ContextRemoved(c) => format!("context indicator {c} removed"),
        };
    }
    match d {
        Declaration::LeverAdded(c, t) => format!("levier {c} ajouté : {t}"),
        Declaration::LeverRetitled(c, a, b) => format!("levier {c}, titre : « {a} » → « {b} »"),
        Declaration::LeverRemoved(c) => format!("levier {c} supprimé"),
        Declaration::ObjectiveAdded(c, t) => format!("objectif {c} ajouté : {t}"),
        Declaration::ObjectiveRetitled(c, a, b) => {
            format!("objectif {c}, titre : « {a} » → « {b} »")
        }
        Declaration::ObjectiveRemoved(c) => format!("objectif {c} supprimé"),
        Declaration::ActorAdded(a, n) => format!("acteur {a} ajouté : {n}"),
        Declaration::ActorChanged(a) => format!("acteur {a} modifié"),
        Declaration::ActorRemoved(a) => format!("acteur {a} supprimé"),
        Declaration::ContextAdded(c) => format!("indicateur de contexte {c} ajouté"),
        Declaration::ContextChanged(c) => format!("indicateur de contexte {c} modifié"),
        Declaration::ContextRemoved(c) => format!("indicateur de contexte {c} supprimé"),
    }
}

fn severity(p: &Problem, lang: Lang) -> &'static str {
    match p.severity {
        None => t(lang).allowed,
        Some(s) => s.as_str(),
    }
}

fn short(a: &ActionDiff, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut parts = Vec::new();
    if let Some((from, to)) = &a.moved {
        parts.push(format!(
            "{} {from} → {to}",
            if fr { "déplacée" } else { "moved" }
        ));
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
        parts.push(if fr { "texte" } else { "text" }.into());
    }
    let (state, reading) = if fr {
        (("état", "états"), ("mesure", "mesures"))
    } else {
        (("state", "states"), ("reading", "readings"))
    };
    if !a.states_added.is_empty() {
        parts.push(plural(a.states_added.len(), state, lang));
    }
    let r = &a.readings;
    let n = r.added.len() + r.replaced.len();
    if n > 0 {
        parts.push(plural(n, reading, lang));
    }
    let rewritten = r.removed.len() + r.altered.len();
    if rewritten > 0 {
        parts.push(format!(
            "{} {}",
            plural(rewritten, reading, lang),
            agreed(rewritten, t(lang).rewritten_n, lang)
        ));
    }
    if let Some((a, b)) = a.health {
        parts.push(format!(
            "{} {} → {}",
            if fr { "santé" } else { "health" },
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

/// A run of words, escaped for Markdown, between markers when it changed (`**added**`,
/// `~~removed~~`), the spaces around it kept outside them: Markdown's escape drops
/// trailing spaces, a marker next to a space is not emphasis in CommonMark, and a space
/// lost glues the words on either side of a change.
fn marked(t: &mut String, s: &str, mark: &str, e: &dyn Fn(&str) -> String) {
    let core = s.trim();
    if core.is_empty() {
        t.push_str(s);
        return;
    }
    t.push_str(&s[..s.len() - s.trim_start().len()]);
    let _ = write!(t, "{mark}{}{mark}", e(core));
    t.push_str(&s[s.trim_end().len()..]);
}

fn detail_lines(a: &ActionDiff, md: bool, lang: Lang) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let colon = words::of(lang).colon;
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let mut out = Vec::new();
    if let Some((from, to)) = &a.moved {
        let moved = if fr { "déplacée" } else { "moved" };
        out.push(format!("{moved}{colon} {} → {}", e(from), e(to)));
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
        let mut t = format!("{}{colon} ", if fr { "texte" } else { "text" });
        for w in words {
            match (w, md) {
                (Words::Same(s), true) => marked(&mut t, s, "", &e),
                (Words::Same(s), false) => t.push_str(&e(s)),
                (Words::Removed(s), true) => marked(&mut t, s, "~~", &e),
                (Words::Added(s), true) => marked(&mut t, s, "**", &e),
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
        let line = match (fr, s.reopened) {
            (true, reopened) => format!(
                "état enregistré{colon} {} le {}{}{note}",
                words::state(s.state, lang),
                words::date(s.date, lang),
                if reopened { " (réouverte)" } else { "" }
            ),
            (false, reopened) => format!(
                "state recorded: {} on {}{}{note}",
                s.state.as_str(),
                s.date,
                if reopened { " (reopened)" } else { "" }
            ),
        };
        out.push(line);
    }
    if let Some((x, y)) = a.health {
        out.push(format!(
            "{}{colon} {} → {}",
            if fr { "santé" } else { "health" },
            words::health(x, lang),
            words::health(y, lang)
        ));
    }
    out.extend(reading_lines(&a.readings, md, lang));
    out
}

fn reading_lines(r: &ReadingsDiff, md: bool, lang: Lang) -> Vec<String> {
    let e = |s: &str| if md { escape_inline(s) } else { sanitize(s) };
    let colon = words::of(lang).colon;
    let [added, replaced, removed, edited] = if lang == Lang::Fr {
        [
            "mesure ajoutée",
            "mesure corrigée",
            "mesure SUPPRIMÉE",
            "mesure MODIFIÉE SUR PLACE",
        ]
    } else {
        [
            "reading added",
            "reading replaced",
            "reading REMOVED",
            "reading EDITED IN PLACE",
        ]
    };
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
    let _ = writeln!(out, "{}\n", summary_line(d, Lang::En));
    if !d.history_rewrites.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Error, "History rewritten:"));
        for r in &d.history_rewrites {
            let _ = writeln!(
                out,
                "  {} {}",
                r.code,
                sanitize(&rewritten(&r.what, Lang::En))
            );
        }
        out.push('\n');
    }
    for a in &d.actions {
        let _ = writeln!(
            out,
            "{} {} {}",
            term.paint(Style::Bold, &a.code),
            kind(a.kind, Lang::En),
            term.paint(Style::Dim, &truncate(&sanitize(&a.title), 70))
        );
        for l in detail_lines(a, false, Lang::En) {
            let _ = writeln!(out, "    {l}");
        }
    }
    let ctx = reading_lines(&d.context, false, Lang::En);
    if !ctx.is_empty() {
        let _ = writeln!(out, "{}", term.paint(Style::Bold, "context indicators"));
        for l in ctx {
            let _ = writeln!(out, "    {l}");
        }
    }
    for l in &d.declarations {
        let _ = writeln!(out, "{}", sanitize(&declaration(l, Lang::En)));
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
                severity(p, Lang::En)
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
                what: rewritten(&r.what, Lang::En),
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
            .map(|x| declaration(x, Lang::En))
            .collect(),
        problems_introduced: d.problems_introduced.iter().map(problem_json).collect(),
        problems_fixed: d.problems_fixed.iter().map(problem_json).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}
